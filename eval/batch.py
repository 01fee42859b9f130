"""Answer a list of questions from a CSV file, for an official preparing a briefing."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tqdm.auto import tqdm

from qa.pipeline import Pipeline


class BatchInputError(ValueError):
    """The questions file cannot be used."""


def read_questions(path: str | Path) -> list[str]:
    """The non-empty values of the ``question`` column (UTF-8, with or without BOM)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            if not reader.fieldnames or "question" not in reader.fieldnames:
                raise BatchInputError(f"{path}: needs a 'question' column (found: {reader.fieldnames or 'none'})")
            questions = [(row.get("question") or "").strip() for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise BatchInputError(f"{path}: cannot read ({exc})") from exc
    questions = [q for q in questions if q]
    if not questions:
        raise BatchInputError(f"{path}: no questions")
    return questions


def answer_file(pipeline: Pipeline, questions: list[str], out: Path) -> tuple[Path, Path]:
    """Write answers.csv (one row a question, sources flattened) and answers.jsonl (full detail)."""
    out.mkdir(parents=True, exist_ok=True)
    csv_path, jsonl_path = out / "answers.csv", out / "answers.jsonl"
    with (
        open(csv_path, "w", encoding="utf-8-sig", newline="") as fc,
        open(jsonl_path, "w", encoding="utf-8") as fj,
    ):
        writer = csv.writer(fc)
        writer.writerow(["question", "answer", "refused", "sources"])
        for q in tqdm(questions, desc="answering", unit="q"):
            a = pipeline.ask(q)
            sources = [
                {
                    "n": n,
                    "doc": h.doc,
                    "title": h.title,
                    "date": h.date,
                    "text": h.text,
                    "start": h.start,
                    "end": h.end,
                }
                for n, h in enumerate(a.sources, start=1)
            ]
            flat = " | ".join(f"[{s['n']}] {s['title']} ({s['date'] or '?'}), {s['doc']}: {s['text']}" for s in sources)
            writer.writerow([q, a.text, "yes" if a.refused else "no", flat])
            fj.write(
                json.dumps(
                    {
                        "question": q,
                        "answer": a.text,
                        "refused": a.refused,
                        "citations": a.citations,
                        "sources": sources,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    return csv_path, jsonl_path
