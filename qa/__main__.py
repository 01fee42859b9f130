"""Command line: ``python -m qa search "câu hỏi" [--k 5] [--json]`` prints the passages that best
match a question; ``python -m qa ask "câu hỏi" [--json]`` answers it as /api/ask does. Both bring
the index in line with the reports folder first (``python -m index`` builds and inspects it)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import textwrap

from index.types import QAError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m qa", description="Ask the indexed reports.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("search", "print the passages that best match a question"),
        ("ask", "answer a question from the reports, citing passages"),
    ):
        s = sub.add_parser(name, help=text)
        s.add_argument("question")
        s.add_argument("--k", type=int, default=5, help="how many passages (default 5)")
        s.add_argument("--mode", choices=["hybrid", "dense", "bm25"], help="override MEETINGQA_RETRIEVAL_MODE")
        s.add_argument("--doc", action="append", dest="docs", help="only this report (repeatable)")
        s.add_argument("--year", type=int, help="only reports of meetings in this year")
        s.add_argument("--json", action="store_true", help="print JSON instead of text")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    if not args.question.strip():
        print("error: the question is empty", file=sys.stderr)
        return 2
    if not 1 <= args.k <= 50:
        print("error: --k must be between 1 and 50", file=sys.stderr)
        return 2
    try:
        import qa

        pipeline = qa.load()
        return (cmd_search if args.command == "search" else cmd_ask)(pipeline, args)
    except QAError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def cmd_search(pipeline, args: argparse.Namespace) -> int:
    hits = pipeline.search(args.question, args.k, docs=args.docs, year=args.year, mode=args.mode)
    if args.json:
        print(json.dumps([h.to_json() for h in hits], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print("no matching passages")
    for h in hits:
        print(f"[{h.rank}] {h.title} ({h.date or 'không rõ ngày'}) — {h.doc}  score {h.score:.4f}")
        print(textwrap.indent(textwrap.fill(h.text, 100), "    "))
        print()
    return 0


def cmd_ask(pipeline, args: argparse.Namespace) -> int:
    answer = pipeline.ask(args.question, k=args.k, docs=args.docs, year=args.year, mode=args.mode)
    sources = [h.to_json() | {"n": n} for n, h in enumerate(answer.sources, start=1)]
    if args.json:
        out = {"answer": answer.text, "refused": answer.refused, "citations": answer.citations, "sources": sources}
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(answer.text)
    print()
    for n, h in enumerate(answer.sources, start=1):
        print(f"[{n}] {h.title} ({h.date or 'không rõ ngày'}) — {h.doc}")
        print(textwrap.indent(textwrap.fill(h.text, 100), "    "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
