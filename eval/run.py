"""Evaluate a Q&A set with the app's pipeline: retrieval and answers per mode, and a LangChain-default baseline."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import faiss
import numpy as np
from tqdm.auto import tqdm

from eval.metrics import FOLDS, answer_flags, answer_summary, fold_of, mean_scores, retrieval_scores
from index.embedding import Embedder
from qa.config import Settings, load_settings
from qa.pipeline import Pipeline

DISTRACTORS = Path(__file__).parent / "distractors"


def with_distractors(settings: Settings, root: str | Path = "data/eval-distractors") -> Settings:
    """The same settings over the reports plus eval/distractors/ (reports of other meetings).

    The combined folder holds links to both; its index lives beside it and is kept between runs,
    so a second run embeds nothing new.
    """
    root = Path(root)
    folder = root / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    wanted = {
        p.name: p for src in (Path(settings.seeds_dir), DISTRACTORS) for p in sorted(src.iterdir()) if p.is_file()
    }
    for old in folder.iterdir():
        if old.name not in wanted or old.resolve() != wanted[old.name].resolve():
            old.unlink()
    for name, src in wanted.items():
        if not (folder / name).exists():
            (folder / name).symlink_to(src.resolve())
    return load_settings(**{**settings.model_dump(), "seeds_dir": folder, "index_dir": root / "index"})


DISTRACTOR_DEV_ANSWERS = Path("eval/distractors.dev-answers.jsonl")


def with_distractor_answers(rows: list[dict], path: str | Path = DISTRACTOR_DEV_ANSWERS) -> list[dict]:
    """``rows`` as they stand with eval/distractors/ indexed: a question the reports alone leave
    unanswered that a distractor report answers (its 'why' says which) gets that report's answer.
    The dev set itself is not edited."""
    fixes = {r["id"]: r for r in load_qa(path)} if Path(path).exists() else {}
    out = []
    for row in rows:
        fix = fixes.get(row["id"])
        if fix and fix["question"] == row["question"]:
            row = {**row, "answers": fix["answers"], "doc": fix["doc"], "evidence": fix["evidence"]}
        out.append(row)
    return out


def load_qa(path: str | Path) -> list[dict]:
    """The Q&A rows of a JSONL file (schema in docs/architecture.md)."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def evaluate_retrieval(search, rows: Sequence[dict], k: int = 10, desc: str = "retrieval") -> dict:
    """Mean hit@1/5/10, MRR@k and nDCG@k over answerable rows, overall and by question type.

    ``search(question, k)`` returns passage texts, best first.
    """
    overall: list[dict[str, float]] = []
    by_type: dict[str, list[dict[str, float]]] = defaultdict(list)
    by_fold: dict[str, list[dict[str, float]]] = defaultdict(list)
    latencies: list[float] = []
    for row in tqdm([r for r in rows if r["answers"]], desc=desc, unit="q", leave=False):
        t0 = time.perf_counter()
        passages = search(row["question"], k)
        latencies.append((time.perf_counter() - t0) * 1000)
        scores = retrieval_scores(passages, row["answers"], k)
        overall.append(scores)
        by_type[row["type"]].append(scores)
        by_fold[fold_of(row["id"])].append(scores)
    return {
        "n": len(overall),
        **mean_scores(overall),
        "by_type": {t: {"n": len(v), **mean_scores(v)} for t, v in sorted(by_type.items())},
        "by_fold": {f: {"n": len(by_fold[f]), **mean_scores(by_fold[f])} for f in FOLDS},
        "latency_ms": {
            "p50": round(float(np.percentile(latencies, 50)), 2),
            "p95": round(float(np.percentile(latencies, 95)), 2),
        }
        if latencies
        else {},
    }


def pipeline_search(pipeline: Pipeline, mode: str):
    return lambda question, k: [h.text for h in pipeline.search(question, k, mode=mode)]


def langchain_default_search(seeds_dir: str | Path, embedder: Embedder):
    """The common recipe: raw files, RecursiveCharacterTextSplitter(1000, 200), dense top-k only."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    texts: list[str] = []
    for path in sorted(Path(seeds_dir).glob("*.txt")):
        texts.extend(splitter.split_text(path.read_text(encoding="utf-8", errors="replace")))
    vectors = embedder.embed_passages(texts, progress=True)
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)

    def search(question: str, k: int) -> list[str]:
        _, ids = index.search(embedder.embed_query(question).reshape(1, -1), k)
        return [texts[i] for i in ids[0] if i >= 0]

    return search


def evaluate_answers(pipeline: Pipeline, rows: Sequence[dict], mode: str | None = None) -> tuple[dict, list[dict]]:
    """Answer every row; the summary (overall and by type) and one result record per row."""
    results: list[dict] = []
    latencies: list[float] = []
    for row in tqdm(rows, desc=f"answers ({mode or pipeline.settings.retrieval_mode})", unit="q", leave=False):
        t0 = time.perf_counter()
        answer = pipeline.ask(row["question"], mode=mode)
        latencies.append((time.perf_counter() - t0) * 1000)
        cited = [answer.sources[n - 1].text for n in answer.citations]
        flags = answer_flags(answer.text, answer.refused, cited, row["answers"], row.get("evidence", ""))
        results.append(
            {
                "id": row["id"],
                "fold": fold_of(row["id"]),
                "type": row["type"],
                "question": row["question"],
                "gold": row["answers"],
                "evidence": row.get("evidence", ""),
                "answer": answer.text,
                "refused": answer.refused,
                "citations": answer.citations,
                "sources": [
                    {"n": n, "doc": h.doc, "text": h.text, "score": h.score}
                    for n, h in enumerate(answer.sources, start=1)
                ],
                "reasons": answer.evidence.reasons if answer.evidence else [],
                **flags,
            }
        )
    by_type: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        by_type[r["type"]].append(r)
    summary = {
        **answer_summary(results),
        "by_type": {t: answer_summary(v) for t, v in sorted(by_type.items())},
        "by_fold": {f: answer_summary([r for r in results if fold_of(r["id"]) == f]) for f in FOLDS},
        "latency_ms": {
            "p50": round(float(np.percentile(latencies, 50)), 2),
            "p95": round(float(np.percentile(latencies, 95)), 2),
        }
        if latencies
        else {},
    }
    return summary, results


def evaluate_mode(pipeline: Pipeline, rows: Sequence[dict], mode: str) -> tuple[dict, list[dict]]:
    """Everything measured for one retrieval mode: retrieval, answers, by type, latency, config."""
    retrieval = evaluate_retrieval(pipeline_search(pipeline, mode), rows, desc=f"retrieval ({mode})")
    answers, records = evaluate_answers(pipeline, rows, mode)
    by_type = {t: {**a, "retrieval": retrieval["by_type"].get(t)} for t, a in answers.pop("by_type").items()}
    by_fold = {f: {**a, "retrieval": retrieval["by_fold"][f]} for f, a in answers.pop("by_fold").items()}
    m = pipeline.index.manifest
    metrics = {
        **{k: v for k, v in answers.items() if k != "latency_ms"},
        "retrieval": {k: v for k, v in retrieval.items() if k not in ("by_type", "by_fold", "latency_ms")},
        "by_type": by_type,
        "by_fold": by_fold,
        "latency_ms": answers["latency_ms"],
        "retrieval_latency_ms": retrieval["latency_ms"],
        "config": {
            "embedder": m.embedder,
            "chunking": m.chunker,
            "mode": mode,
            "chunks": m.chunks,
            "documents": len(m.documents),
            "index_bytes": sum(f.stat().st_size for f in pipeline.index.path.rglob("*") if f.is_file()),
        },
    }
    return metrics, records
