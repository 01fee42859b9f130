"""How well report metadata is extracted: each field against a truth file written by hand.

  python -m eval.metadata [--truth eval/distractors.truth.jsonl] [--reports eval/distractors] [--fold F] [--json]

The truth file has one object per report: doc, title, date (ISO at the text's precision),
body, kind, ordinal. Dates are scored by year, by month (where the truth has one) and whole.
Reports fall in the tune or check fold by the hash of their name, as questions do (--fold).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eval.metrics import FOLDS, fold_of
from index.ingest import load_reports
from index.vietnamese import nfc

FIELDS = ("title", "date", "body", "kind", "ordinal")


def score(truth_rows: list[dict], reports_dir: str | Path) -> tuple[dict, list[dict]]:
    """Per-field accuracy and the rows that disagree."""
    reports, skipped = load_reports(reports_dir)
    by_doc = {r.doc: r for r in reports}
    hits: dict[str, list[bool]] = {k: [] for k in (*FIELDS, "year", "month")}
    misses: list[dict] = []
    for row in truth_rows:
        report = by_doc.get(row["doc"])
        got = {k: getattr(report, k, None) for k in FIELDS} if report else {k: None for k in FIELDS}
        for key in FIELDS:
            want = row.get(key)
            ok = (nfc(str(got[key])) == nfc(str(want))) if want is not None else got[key] is None
            hits[key].append(ok)
            if not ok:
                misses.append({"doc": row["doc"], "field": key, "want": want, "got": got[key]})
        want_date, got_date = row.get("date") or "", got["date"] or ""
        if want_date:
            hits["year"].append(got_date[:4] == want_date[:4])
            if len(want_date) >= 7:
                hits["month"].append(got_date[:7] == want_date[:7])
    summary = {k: {"n": len(v), "accuracy": round(sum(v) / len(v), 3) if v else None} for k, v in hits.items()}
    summary["skipped"] = [{"doc": s.path, "reason": s.reason} for s in skipped]
    return summary, misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.metadata", description=__doc__.split("\n")[0])
    parser.add_argument("--truth", default="eval/distractors.truth.jsonl")
    parser.add_argument("--reports", default="eval/distractors")
    parser.add_argument("--json", action="store_true", help="print the summary and the misses as JSON")
    parser.add_argument(
        "--fold", choices=[*FOLDS, "all"], default="all", help="score only the reports of one fold (by name hash)"
    )
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in Path(args.truth).read_text("utf-8").splitlines() if line.strip()]
    if args.fold != "all":
        rows = [r for r in rows if fold_of(r["doc"]) == args.fold]
    summary, misses = score(rows, args.reports)
    if args.json:
        print(json.dumps({"summary": summary, "misses": misses}, ensure_ascii=False, indent=2))
        return 0
    for key in (*FIELDS, "year", "month"):
        s = summary[key]
        print(f"{key:<8} {s['accuracy'] if s['accuracy'] is not None else '-':>6}  (n={s['n']})")
    for m in misses:
        print(f"  {m['doc']:<20} {m['field']:<8} want {m['want']!r:<50.50} got {m['got']!r:.60}")
    for s in summary["skipped"]:
        print(f"  skipped {s['doc']}: {s['reason']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
