"""``python -m eval [--qa eval/qa.jsonl] [--mode hybrid|dense|bm25|all] [--baseline] [--out DIR]``.

Scores retrieval on a Q&A set with the same pipeline the app uses (a hit = a gold answer string
inside a returned passage), prints a table and writes metrics.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from eval.run import evaluate_answers, load_qa, run_retrieval_eval
from index.types import QAError
from qa.retrieval import MODES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval", description=__doc__.splitlines()[0])
    parser.add_argument("--qa", default="eval/qa.jsonl", help="Q&A set (JSONL)")
    parser.add_argument("--mode", default="all", choices=[*MODES, "all"])
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="also score a LangChain-default baseline (1000/200 splitter, dense top-k)",
    )
    parser.add_argument("--out", help="output folder (default reports/eval-<timestamp>)")
    args = parser.parse_args(argv)
    try:
        import qa

        rows = load_qa(args.qa)
        pipeline = qa.load()
        modes = list(MODES) if args.mode == "all" else [args.mode]
        results = run_retrieval_eval(pipeline, rows, modes, baseline=args.baseline)
        answers = {mode: evaluate_answers(pipeline, rows, mode) for mode in modes}
    except (QAError, OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out or f"reports/eval-{datetime.now():%Y%m%d-%H%M%S}")
    out.mkdir(parents=True, exist_ok=True)
    m = pipeline.index.manifest
    metrics = {
        "qa": args.qa,
        "config": {
            "embedder": m.embedder,
            "chunker": m.chunker,
            "chunks": m.chunks,
            "documents": len(m.documents),
        },
        "retrieval": results,
        "answers": {mode: summary for mode, (summary, _) in answers.items()},
    }
    (out / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=2), "utf-8")
    with open(out / "results.jsonl", "w", encoding="utf-8") as f:
        for mode, (_, records) in answers.items():
            for rec in records:
                f.write(json.dumps({"mode": mode, **rec}, ensure_ascii=False) + "\n")
    cols = ["hit@1", "hit@5", "hit@10", "mrr@10", "ndcg@10"]
    print(f"{'config':<18} {'n':>3} " + " ".join(f"{c:>8}" for c in cols) + f" {'p50 ms':>8}")
    for name, r in results.items():
        print(
            f"{name:<18} {r['n']:>3} "
            + " ".join(f"{r[c]:>8.3f}" for c in cols)
            + f" {r['latency_ms'].get('p50', 0):>8.1f}"
        )
    acols = ["answer_accuracy", "citation_support", "citation_precision", "refusal_accuracy", "false_refusal"]
    print(f"\n{'answers':<18} " + " ".join(f"{c.replace('_', ' '):>18}" for c in acols))
    for mode, (summary, _) in answers.items():
        print(
            f"{mode:<18} " + " ".join(f"{summary[c] if summary[c] is not None else '-':>18}" for c in acols)
        )
    print(f"\nwritten: {out / 'metrics.json'}, {out / 'results.jsonl'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
