"""The whole app at scale: the product's own index writer, loader, retriever and answerer over a
synthetic collection of N passages, measured in a fresh process.

``eval.scale`` times FAISS and bm25s directly; this times what a user gets: ``write_index`` (chunks,
HNSW or exact, BM25 from token ids, manifest), ``load`` (the app's start-up: passages, stores, the
answerer's tables), the resident memory of the loaded app, and ``search``/``ask`` latency for the
development questions with and without year and report filters.

Passages are runs of real sentences of the seed reports, shuffled into ``N / 1000`` synthetic
reports (so BM25 sees Vietnamese word statistics, and the answerer real sentences with figures);
their vectors are synthetic (clustered, of the embedder's dimension): embedding a million passages
takes hours on this CPU, and search time does not depend on what the vectors mean. The query
embedding is the real one. Answers over this collection are meaningless; only times and memory
are reported.

    python -m eval.appscale --passages 1000000 [--dir DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

PER_REPORT = 1000  # passages per synthetic report
TARGET_CHARS = 450  # a passage is whole sentences up to about this long (the chunker's 500 less overlap)


def _sentences(seeds_dir: Path) -> list[str]:
    from index.ingest import load_reports

    out = []
    for r in load_reports(seeds_dir)[0]:
        for s in re.split(r"(?<=[.;!?:])\s+|\n+", r.text):
            s = s.strip()
            if 20 <= len(s) <= 400:
                out.append(s)
    if not out:
        raise SystemExit(f"no sentences found in the reports in {seeds_dir}")
    return out


def write_synthetic_index(folder: Path, n: int, seeds_dir: Path, *, seed: int = 0) -> dict:
    """Write an index folder of ``n`` passages with the product's writer; its timings and peak memory."""
    from eval.scale import PeakRSS, synthetic_vectors
    from index.embedding import make_embedder
    from index.store import write_index
    from index.types import FORMAT_VERSION, Chunk, Manifest
    from index.vectorstore import wanted_spec
    from qa.config import load_settings

    settings = load_settings()
    embedder = make_embedder(settings.embedder)
    rng = np.random.default_rng(seed)
    sentences = _sentences(seeds_dir)
    t0 = time.perf_counter()
    chunks: list[Chunk] = []
    documents: dict[str, dict] = {}
    for r in range((n + PER_REPORT - 1) // PER_REPORT):
        doc = f"{r:07d}_tong_hop.txt"
        parts, pos = [], 0
        for j in range(min(PER_REPORT, n - r * PER_REPORT)):
            text, picks = "", rng.integers(0, len(sentences), 12)
            for p in picks:
                if text and len(text) + len(sentences[p]) > TARGET_CHARS:
                    break
                text = f"{text} {sentences[p]}" if text else sentences[p]
            chunks.append(Chunk(id=f"{doc}#{j}", doc=doc, text=text, start=pos, end=pos + len(text)))
            parts.append(text)
            pos += len(text) + 1
        year = 2019 + r % 7
        documents[doc] = {
            "doc": doc,
            "title": f"Báo cáo tổng hợp số {r + 1}",
            "date": str(year),
            "label": f"Báo cáo số {r + 1}",
            "content_hash": hashlib.sha256("\n".join(parts).encode()).hexdigest(),
            "chars": pos,
        }
    texts_s = time.perf_counter() - t0
    centres = rng.standard_normal((max(64, n // 500), embedder.dim)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    vectors = synthetic_vectors(n, embedder.dim, rng, centres)
    spec = wanted_spec(
        settings.vector_store, n, dense_index=settings.dense_index, hnsw_threshold=settings.hnsw_threshold
    )
    manifest = Manifest(
        format_version=FORMAT_VERSION,
        embedder=embedder.id,
        dim=embedder.dim,
        chunker=settings.chunker.to_json(),
        documents=documents,
        created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        chunks=n,
        extra=spec.to_extra(),
    )
    t0 = time.perf_counter()
    with PeakRSS() as peak:
        write_index(folder, manifest, chunks, vectors)
    return {
        "passages": n,
        "reports": len(documents),
        "store": spec.describe(),
        "text_mb": round(sum(len(c.text.encode()) for c in chunks) / 2**20, 1),
        "generate_s": round(texts_s, 1),
        "write_s": round(time.perf_counter() - t0, 1),
        "write_peak_growth_mb": round(peak.growth_mb),
        "on_disk_mb": round(sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20, 1),
    }


def measure_app(folder: Path, qa_path: Path) -> dict:
    """Load the app's pipeline over ``folder`` (this process: run it fresh) and time its questions."""
    from eval.memory import mapped_mb, peak_rss_mb, rss_mb
    from eval.run import load_qa
    from eval.scale import _pcts
    from qa.config import load_settings
    from qa.pipeline import load

    rss0 = rss_mb()
    t0 = time.perf_counter()
    pipeline = load(load_settings(index_dir=folder), progress=False, sync=False)  # the synthetic index as written
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    pipeline.warm_up()
    warm_s = time.perf_counter() - t0
    rss_loaded, mapped_loaded = rss_mb(), mapped_mb()
    questions = [item["question"] for item in load_qa(qa_path)]
    docs = sorted(pipeline.documents)
    names = ("search", "search, year filter", "search, one report", "ask")

    def one_pass(p: int) -> dict[str, list[float]]:
        rows: dict[str, list[float]] = {name: [] for name in names}
        for i, question in enumerate(questions):
            doc = docs[i % len(docs)]
            year = int(pipeline.documents[doc]["date"])
            filters = {"search": {}, "search, year filter": {"year": year}, "search, one report": {"docs": [doc]}}
            for v, name in enumerate(names):
                q = f"{question} ({p}.{i}.{v})"  # a fresh wording each time: the query-embedding cache serves none
                t = time.perf_counter()
                if name == "ask":
                    pipeline.ask(q)
                else:
                    pipeline.search(q, **filters[name])
                rows[name].append((time.perf_counter() - t) * 1000)
        return rows

    pipeline.embedder.embed_query("khởi động")
    # two passes over the questions: the first reads each index page from the mapped files for the
    # first time (a page fault each, even when the file is in the page cache), the second is a server
    # that has been answering for a while
    first = one_pass(0)
    rss_served, mapped_served = rss_mb(), mapped_mb()
    second = one_pass(1)
    return {
        "passages": len(pipeline.index.chunks),
        "load_s": round(load_s, 1),
        "warm_up_s": round(warm_s, 1),
        "rss_before_mb": round(rss0),
        "rss_loaded_mb": round(rss_loaded),
        "mapped_loaded_mb": round(mapped_loaded),
        # after every question below: index pages read by searches stay mapped (counted in the
        # resident set, shared and reclaimable); the rest is the process's own memory
        "rss_served_mb": round(rss_served),
        "mapped_served_mb": round(mapped_served),
        # VmHWM, this process's own high-water mark: getrusage's ru_maxrss also counts the parent's
        # resident set at the fork (Linux keeps the larger across exec), the writer's 1.3 GB at 200k
        "rss_peak_mb": round(peak_rss_mb()),
        "questions": len(questions),
        "latency_ms": {name: _pcts(ms) for name, ms in first.items()},
        "latency_ms_second_pass": {name: _pcts(ms) for name, ms in second.items()},
    }


def print_report(result: dict) -> None:
    w, m = result.get("write", {}), result["app"]
    if w:
        print(
            f"{w['passages']:,} passages in {w['reports']:,} reports ({w['text_mb']} MB of text), {w['store']}: "
            f"written in {w['write_s']} s (peak +{w['write_peak_growth_mb']} MB), {w['on_disk_mb']} MB on disk"
        )
    print(
        f"app: loaded in {m['load_s']} s (+{m['warm_up_s']} s warm-up), resident {m['rss_loaded_mb']} MB "
        f"(peak {m['rss_peak_mb']} MB), {m['questions']} questions"
    )
    if "rss_served_mb" in m:
        print(
            f"resident after the questions {m['rss_served_mb']} MB, of which mapped index files "
            f"{m['mapped_served_mb']} MB (at load: {m['mapped_loaded_mb']} MB)"
        )
    again = m.get("latency_ms_second_pass", {})
    print(f"{'':<22} {'p50 ms':>8} {'p95 ms':>8}" + (f"   second pass: {'p50 ms':>8} {'p95 ms':>8}" if again else ""))
    for name, p in m["latency_ms"].items():
        row = f"{name:<22} {p['p50']:>8} {p['p95']:>8}"
        if name in again:
            row += f"   {'':>13}{again[name]['p50']:>8} {again[name]['p95']:>8}"
        print(row)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.appscale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, help="index folder to write (kept); default: a temporary one")
    parser.add_argument("--reuse", action="store_true", help="measure the index already in --dir")
    parser.add_argument("--qa", type=Path, default=Path("eval/qa.jsonl"))
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    parser.add_argument("--measure-only", type=Path, help=argparse.SUPPRESS)  # the fresh process's side
    args = parser.parse_args(argv)
    if args.measure_only:
        print(json.dumps(measure_app(args.measure_only, args.qa)))
        return 0
    from qa.config import load_settings

    settings = load_settings()
    with tempfile.TemporaryDirectory(prefix="appscale-") as tmp:
        folder = args.dir or Path(tmp) / "index"
        result: dict = {}
        if not args.reuse:
            print(f"writing {args.passages:,} synthetic passages to {folder}…", file=sys.stderr, flush=True)
            result["write"] = write_synthetic_index(folder, args.passages, settings.seeds_dir)
        print("loading the app over it in a fresh process…", file=sys.stderr, flush=True)
        proc = subprocess.run(
            [sys.executable, "-m", "eval.appscale", "--measure-only", str(folder), "--qa", str(args.qa)],
            capture_output=True,
            text=True,
        )
        if proc.returncode:
            print(proc.stderr, file=sys.stderr)
            return proc.returncode
        result["app"] = json.loads(proc.stdout.strip().splitlines()[-1])
    print_report(result)
    if args.out:
        args.out.write_text(json.dumps(result, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
