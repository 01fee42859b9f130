"""Check a Q&A file before scoring anything: schema, documents, evidence, gold strings.

Every problem is reported with its line number; an evaluation on a broken set would measure
the set, not the system.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from index.formats import extract_text
from index.ingest import decode
from index.types import BadDocument
from index.vietnamese import nfc

REQUIRED = {"id": str, "question": str, "type": str, "answers": list, "evidence": str}


def _squash(text: str) -> str:
    return " ".join(nfc(text).split())


def validate_qa(path: str | Path, seeds_dir: str | Path) -> tuple[list[dict], list[str]]:
    """The rows of ``path`` and the problems found, each as "line N: what is wrong"."""
    rows: list[dict] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    texts: dict[str, str | None] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return [], [f"{path}: cannot read the Q&A file ({exc})"]
    for no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {no}: not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(row, dict):
            problems.append(f"line {no}: expected a JSON object")
            continue
        bad = [f"'{k}' must be {t.__name__}" for k, t in REQUIRED.items() if not isinstance(row.get(k), t)]
        if "doc" not in row or not (row["doc"] is None or isinstance(row["doc"], str)):
            bad.append("'doc' must be a file name or null")
        if bad:
            problems.append(f"line {no}: " + "; ".join(bad))
            continue
        if not row["question"].strip():
            problems.append(f"line {no}: empty question")
        if not all(isinstance(a, str) and a.strip() for a in row["answers"]):
            problems.append(f"line {no}: every answer must be a non-empty string")
            continue
        if row["id"] in seen:
            problems.append(f"line {no}: id {row['id']!r} already used on line {seen[row['id']]}")
        seen[row["id"]] = no
        if row["answers"]:
            problems.extend(f"line {no}: {p}" for p in _check_evidence(row, seeds_dir, texts))
        rows.append(row)
    if not rows and not problems:
        problems.append(f"{path}: no questions")
    return rows, problems


def _check_evidence(row: dict, seeds_dir: str | Path, texts: dict[str, str | None]) -> list[str]:
    doc = row["doc"]
    if not doc:
        return ["an answerable question needs its 'doc'"]
    if doc not in texts:
        try:
            raw = (Path(seeds_dir) / doc).read_bytes()
            if Path(doc).suffix.lower() in (".docx", ".pdf"):  # the text the indexer reads from the file
                texts[doc] = extract_text(doc, raw)
            else:
                texts[doc] = decode(raw)
            if Path(doc).suffix.lower() in (".html", ".htm"):  # "&quot;" is a quote in the page's text
                texts[doc] = html.unescape(texts[doc])
        except (OSError, BadDocument):
            texts[doc] = None
    text = texts[doc]
    if text is None:
        return [f"report {doc!r} not found in {seeds_dir}"]
    problems = []
    evidence = _squash(row["evidence"])
    if not evidence:
        problems.append("empty evidence")
    elif evidence not in _squash(text):
        problems.append(f"evidence not found in {doc}: {row['evidence'][:60]!r}…")
    for answer in row["answers"]:
        if _squash(answer) not in evidence:
            problems.append(f"answer {answer!r} is not in the evidence")
    return problems
