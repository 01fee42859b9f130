"""Command line: ``python -m index build | add FILE... | remove DOC | info`` (questions: ``python -m qa``)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from index.config import BuildSettings, load_settings
from index.embedding import make_embedder
from index.store import build_index, read_manifest
from index.sync import folder_status
from index.types import BadDocument, QAError
from index.vectorstore import StoreSpec


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index", description="Build and inspect the report index.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="index the reports folder (incremental: only changed reports are embedded)")
    b.add_argument("--rebuild", action="store_true", help="ignore the existing index and embed everything again")
    a = sub.add_parser("add", help="copy report files into the reports folder and index them")
    a.add_argument("files", nargs="+", type=Path)
    r = sub.add_parser("remove", help="delete a report (by file name) from the reports folder and the index")
    r.add_argument("doc")
    sub.add_parser("info", help="describe the index (reports, chunks, embedder, vector store) and what it lacks")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        return COMMANDS[args.command](args)
    except QAError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _settings() -> BuildSettings:
    return load_settings()


def cmd_build(args: argparse.Namespace) -> int:
    settings = _settings()
    embedder = make_embedder(settings.embedder)
    result = build_index(
        settings.seeds_dir,
        settings.index_dir,
        embedder,
        settings.chunker,
        rebuild=args.rebuild,
        progress=True,
        **settings.build_options(),
    )
    return _report_build(settings, result)


def cmd_add(args: argparse.Namespace) -> int:
    from index.documents import add_report

    settings = _settings()
    embedder = make_embedder(settings.embedder)
    result, failed = None, 0
    for path in args.files:
        try:
            raw = path.read_bytes()
            result = add_report(
                path.name,
                raw,
                settings.seeds_dir,
                settings.index_dir,
                embedder,
                settings.chunker,
                **settings.build_options(),
            )
            print(f"added {path.name}")
        except (OSError, BadDocument) as exc:
            failed += 1
            print(f"not added {path}: {exc}", file=sys.stderr)
    if result is not None:
        _report_build(settings, result)
    return 2 if failed else 0


def cmd_remove(args: argparse.Namespace) -> int:
    from index.documents import remove_report

    settings = _settings()
    result = remove_report(
        args.doc,
        settings.seeds_dir,
        settings.index_dir,
        make_embedder(settings.embedder),
        settings.chunker,
        **settings.build_options(),
    )
    print(f"removed {args.doc}")
    return _report_build(settings, result)


def _report_build(settings, result) -> int:
    for s in result.skipped:
        print(f"skipped {s.path}: {s.reason}", file=sys.stderr)
    if not result.written:
        print(
            f"index at {settings.index_dir} is up to date ({len(result.unchanged)} reports, "
            f"{result.chunks} chunks; {result.seconds:.2f}s)"
        )
        return 0
    print(
        f"index written to {settings.index_dir}: {result.chunks} chunks from "
        f"{len(result.added) + len(result.updated) + len(result.unchanged)} reports "
        f"(added {len(result.added)}, updated {len(result.updated)}, removed {len(result.removed)}, "
        f"unchanged {len(result.unchanged)}"
        + (f", metadata read anew for {len(result.reread)}" if result.reread else "")
        + f"; embedded {result.embedded_chunks} chunks) "
        f"in {result.seconds:.1f}s"
    )
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    settings = _settings()
    m = read_manifest(settings.index_dir)
    print(f"index:    {settings.index_dir}")
    print(f"embedder: {m.embedder} (dim {m.dim})")
    print(f"chunker:  {m.chunker}")
    print(f"vectors:  {StoreSpec.from_extra(m.extra).describe()}")
    print(f"created:  {m.created_at}")
    print(f"reports:  {len(m.documents)}   chunks: {m.chunks}")
    for doc, meta in sorted(m.documents.items()):
        meeting = " ".join(
            str(x) for x in (meta.get("kind"), f"#{meta['ordinal']}" if meta.get("ordinal") else None) if x
        )
        print(f"  {doc}  {meta.get('date') or '?':<10}  {meta.get('title')}")
        print(
            f"      {meeting or '?'} · {meta.get('body') or '?'}"
            + (f" · sidecar {meta['sidecar']}" if meta.get("sidecar") else "")
        )
    if not settings.seeds_dir.is_dir():
        print(f"not indexed: the reports folder {settings.seeds_dir} does not exist")
        return 0
    pending = folder_status(settings.seeds_dir, m.documents, settings.max_report_bytes)
    print(f"not indexed: {len(pending)} file(s) of {settings.seeds_dir}")
    for u in pending:
        print(f"  {u.doc}  {u.reason}")
    return 0


COMMANDS = {"build": cmd_build, "add": cmd_add, "remove": cmd_remove, "info": cmd_info}

if __name__ == "__main__":
    sys.exit(main())
