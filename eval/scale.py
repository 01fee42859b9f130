"""Scaling measurements on synthetic data: exact vs HNSW dense search, BM25, and hybrid, by size.

Vectors are drawn around random cluster centres (embeddings of real text are clustered, and
uniform noise would make any approximate index look worse than it is); the BM25 texts are random
runs of the seed reports' own syllables. Recall@10 of HNSW is measured against exact search.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import bm25s
import faiss
import numpy as np

from index.store import make_dense_index
from index.vietnamese import tokenize


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def synthetic_vectors(n: int, dim: int, rng: np.random.Generator, centres: np.ndarray) -> np.ndarray:
    out = np.empty((n, dim), dtype=np.float32)
    for lo in range(0, n, 50_000):
        hi = min(n, lo + 50_000)
        pick = centres[rng.integers(0, len(centres), hi - lo)]
        block = pick + 0.6 * rng.standard_normal((hi - lo, dim)).astype(np.float32) / np.sqrt(dim)
        out[lo:hi] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def _pcts(ms: list[float]) -> dict[str, float]:
    return {"p50": round(float(np.percentile(ms, 50)), 2), "p95": round(float(np.percentile(ms, 95)), 2)}


def _size_mb(index: faiss.Index) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "i.faiss")
        faiss.write_index(index, path)
        return round(os.path.getsize(path) / 2**20, 1)


def bench_scale(n: int, vocabulary: list[str], dim: int = 384, queries: int = 100, seed: int = 0) -> dict:
    """Build flat, HNSW and BM25 over ``n`` synthetic passages and time searches on them."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((max(64, n // 500), dim)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    xb = synthetic_vectors(n, dim, rng, centres)
    xq = synthetic_vectors(queries, dim, rng, centres)
    row: dict = {"passages": n}
    exact_ids = None
    for kind in ("flat", "hnsw"):
        rss0, t0 = _rss_mb(), time.perf_counter()
        index = make_dense_index(dim, n, kind)
        index.add(xb)
        build_s = time.perf_counter() - t0
        if kind == "hnsw":
            index.hnsw.efSearch = 128
        lat, ids = [], []
        for q in xq:
            t = time.perf_counter()
            _, found = index.search(q.reshape(1, -1), 10)
            lat.append((time.perf_counter() - t) * 1000)
            ids.append(found[0])
        entry = {
            "build_s": round(build_s, 2),
            "size_mb": _size_mb(index),
            "rss_growth_mb": round(_rss_mb() - rss0, 1),
            "search_ms": _pcts(lat),
        }
        if kind == "flat":
            exact_ids = ids
        else:
            entry["recall@10"] = round(float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(ids, exact_ids)])), 4)
            dense_index = index
        row[kind] = entry
        if kind == "flat":
            del index
    # BM25 over random runs of real syllables, queried with short runs
    texts = [" ".join(rng.choice(vocabulary, 60)) for _ in range(n)]
    t0 = time.perf_counter()
    bm25 = bm25s.BM25()
    bm25.index([tokenize(t) for t in texts], show_progress=False)
    build_s = time.perf_counter() - t0
    del texts
    qtexts = [" ".join(rng.choice(vocabulary, 10)) for _ in range(queries)]
    lat, hybrid = [], []
    for qt, qv in zip(qtexts, xq):
        t = time.perf_counter()
        scores = bm25.get_scores(tokenize(qt))
        top = np.argpartition(-scores, 50)[:50]
        sparse = {int(i): float(scores[i]) for i in top if scores[i] > 0}
        lat.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        _, found = dense_index.search(qv.reshape(1, -1), 50)
        fused: dict[int, float] = {}
        for ranking in (list(found[0]), sorted(sparse, key=lambda j: -sparse[j])):
            for rank, i in enumerate(ranking, start=1):
                fused[int(i)] = fused.get(int(i), 0.0) + 1.0 / (60 + rank)
        sorted(fused.items(), key=lambda kv: -kv[1])[:10]
        hybrid.append((time.perf_counter() - t) * 1000 + lat[-1])
    row["bm25"] = {"build_s": round(build_s, 2), "search_ms": _pcts(lat)}
    row["hybrid_hnsw_ms"] = _pcts(hybrid)
    row["rss_mb"] = round(_rss_mb(), 1)
    return row
