"""Scaling measurements on synthetic data: exact vs HNSW dense search, BM25, and hybrid, by size.

Vectors are drawn around random cluster centres (embeddings of real text are clustered, and
uniform noise would make any approximate index look worse than it is); the BM25 texts are random
runs of the seed reports' own syllables. Recall@10 of HNSW is measured against exact search.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import faiss
import numpy as np

from eval.memory import rss_mb
from index.store import build_bm25
from index.vietnamese import tokenize


class PeakRSS:
    """The most this process's resident set grew while the ``with`` block ran (sampled every 20 ms)."""

    def __enter__(self) -> PeakRSS:
        self.start = self.peak = rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, rss_mb())

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb())

    @property
    def growth_mb(self) -> float:
        return self.peak - self.start


def synthetic_vectors(
    n: int, dim: int, rng: np.random.Generator, centres: np.ndarray, spread: float = 0.6
) -> np.ndarray:
    out = np.empty((n, dim), dtype=np.float32)
    for lo in range(0, n, 50_000):
        hi = min(n, lo + 50_000)
        pick = centres[rng.integers(0, len(centres), hi - lo)]
        block = pick + spread * rng.standard_normal((hi - lo, dim)).astype(np.float32) / np.sqrt(dim)
        out[lo:hi] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def _pcts(ms: list[float]) -> dict[str, float]:
    return {"p50": round(float(np.percentile(ms, 50)), 2), "p95": round(float(np.percentile(ms, 95)), 2)}


def _size_mb(index: faiss.Index) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "i.faiss")
        faiss.write_index(index, path)
        return round(os.path.getsize(path) / 2**20, 1)


def _dense_variant(kind: str, dim: int) -> faiss.Index:
    """The dense indexes compared: exact, HNSW over float32, HNSW over float16 (half the memory)."""
    if kind == "flat":
        return faiss.IndexFlatIP(dim)
    if kind == "hnsw":
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
    else:
        index = faiss.IndexHNSWSQ(dim, faiss.ScalarQuantizer.QT_fp16, 32, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = 80
    return index


def bench_scale(
    n: int,
    vocabulary: list[str],
    dim: int = 384,
    queries: int = 100,
    seed: int = 0,
    kinds: tuple[str, ...] = ("flat", "hnsw", "hnsw_fp16"),
    spread: float = 0.6,
) -> dict:
    """Build exact and approximate dense indexes and BM25 over ``n`` synthetic passages; time searches.

    Recall@10 is measured against exact search (computed in one batch, so it is cheap even at 1M).
    Memory is the growth of this process's resident set while each structure is built and held.
    """
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((max(64, n // 500), dim)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    xb = synthetic_vectors(n, dim, rng, centres, spread)
    xq = synthetic_vectors(queries, dim, rng, centres, spread)
    row: dict = {"passages": n, "spread": spread}
    exact = faiss.IndexFlatIP(dim)
    exact.add(xb)
    _, truth = exact.search(xq, 10)
    del exact
    dense_index = None
    for kind in kinds:
        rss0, t0 = rss_mb(), time.perf_counter()
        index = _dense_variant(kind, dim)
        index.add(xb)
        build_s = time.perf_counter() - t0
        if kind != "flat":
            index.hnsw.efSearch = 128
        lat, ids = [], []
        for q in xq:
            t = time.perf_counter()
            _, found = index.search(q.reshape(1, -1), 10)
            lat.append((time.perf_counter() - t) * 1000)
            ids.append(found[0])
        row[kind] = {
            "build_s": round(build_s, 2),
            "size_mb": _size_mb(index),
            "rss_growth_mb": round(rss_mb() - rss0, 1),
            "search_ms": _pcts(lat),
            "recall@10": round(float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(ids, truth)])), 4),
        }
        if kind == kinds[-1]:
            dense_index = index  # the last kind (the one used at this size) serves the hybrid timing
        else:
            del index
    del xb
    # BM25 over random runs of real syllables, queried with short runs
    texts = [" ".join(rng.choice(vocabulary, 60)) for _ in range(n)]
    text_mb = sum(sys.getsizeof(t) for t in texts) / 2**20  # holding the passages' text in memory
    t0 = time.perf_counter()
    with PeakRSS() as peak:
        bm25 = build_bm25(texts)  # the product's build: passages tokenized one at a time
    build_s = time.perf_counter() - t0
    del texts
    bm25_mb = sum(a.nbytes for a in bm25.scores.values() if isinstance(a, np.ndarray)) / 2**20
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
    row["bm25"] = {
        "build_s": round(build_s, 2),
        "search_ms": _pcts(lat),
        "index_mb": round(bm25_mb, 1),
        "build_peak_mb": round(peak.growth_mb, 1),
        "text_mb": round(text_mb, 1),
    }
    row["hybrid_ms"] = _pcts(hybrid)
    row["hybrid_dense"] = kinds[-1]
    row["rss_mb"] = round(rss_mb(), 1)
    return row


def print_scale(rows: list[dict]) -> None:
    """The scaling table: per size, each dense index (build, size, p50/p95, recall), BM25 and hybrid."""
    print(f"{'passages':>9} {'index':<10} {'build s':>8} {'MB':>7} {'p50 ms':>7} {'p95 ms':>7} {'recall@10':>9}")
    for r in rows:
        for kind in ("flat", "hnsw", "hnsw_fp16"):
            if kind in r:
                e = r[kind]
                print(
                    f"{r['passages']:>9} {kind:<10} {e['build_s']:>8} {e['size_mb']:>7} "
                    f"{e['search_ms']['p50']:>7} {e['search_ms']['p95']:>7} {e['recall@10']:>9}"
                )
        b = r["bm25"]
        print(
            f"{r['passages']:>9} {'bm25':<10} {b['build_s']:>8} {b['index_mb']:>7} "
            f"{b['search_ms']['p50']:>7} {b['search_ms']['p95']:>7} {'':>9}"
            + (f"  (build peak +{b['build_peak_mb']} MB RAM)" if "build_peak_mb" in b else "")
        )
        h = r["hybrid_ms"]
        print(f"{r['passages']:>9} {'hybrid':<10} {'':>8} {'':>7} {h['p50']:>7} {h['p95']:>7}")


def main(argv: list[str] | None = None) -> int:
    """``python -m eval.scale [--sizes 10000,100000,1000000] [--out FILE]``: the scaling table alone."""
    import argparse
    import json

    from index.ingest import load_reports
    from index.vietnamese import words
    from qa.config import load_settings

    parser = argparse.ArgumentParser(prog="python -m eval.scale", description=main.__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--spread", type=float, default=0.6, help="noise around cluster centres (higher: harder)")
    parser.add_argument("--out", help="write the rows as JSON here")
    args = parser.parse_args(argv)
    settings = load_settings()
    vocabulary = sorted({w for r in load_reports(settings.seeds_dir)[0] for w in words(r.text) if w.isalpha()})
    rows = []
    for n in (int(x) for x in args.sizes.split(",") if x.strip()):
        print(f"scaling: {n} synthetic passages…", file=sys.stderr, flush=True)
        rows.append(bench_scale(n, vocabulary, spread=args.spread))

    print_scale(rows)
    if args.out:
        Path(args.out).write_text(json.dumps(rows, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
