"""Adding and removing reports: the reports folder is the source of truth, the index follows it.

A new report is checked (decodable, not empty after cleaning) before it is written into the
folder; then the index is synced (``index.sync``), so only that report is embedded. Both happen
under the build lock, so a concurrent build elsewhere waits; a report killed half-written is a
temp file the next sync removes. Names are plain file names: anything path-like is refused
before the file system is touched.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from index.chunking import ChunkerParams
from index.embedding import Embedder
from index.ingest import MAX_REPORT_BYTES, REPORT_SUFFIXES, parse_report
from index.store import BuildResult, build_lock
from index.sync import UPLOAD_PREFIX, UPLOAD_SUFFIX, sync
from index.types import BadDocument, QAError

_NAME = re.compile(r"^[\w\-. ]{1,120}$", re.UNICODE)


class DocumentNotFound(QAError):
    """No report of that name in the reports folder."""


def check_name(name: str) -> str:
    """A safe report file name, or BadDocument saying why not ("../../etc/passwd" is refused)."""
    if not isinstance(name, str) or name != os.path.basename(name) or name in (".", "..") or name.startswith("."):
        raise BadDocument(f"{name!r} is not a plain file name")
    if not _NAME.match(name) or "\x00" in name:
        raise BadDocument(f"{name!r}: use letters, digits, spaces, '.', '-' and '_' only")
    if not name.lower().endswith(REPORT_SUFFIXES):
        raise BadDocument(f"{name!r}: a report must be one of {', '.join(REPORT_SUFFIXES)}")
    return name


def add_report(
    name: str,
    raw: bytes,
    seeds_dir: Path,
    index_dir: Path,
    embedder: Embedder,
    params: ChunkerParams,
    **options,
) -> BuildResult:
    """Write one report into the folder (replacing one of the same name) and update the index."""
    name = check_name(name)
    max_bytes = options.get("max_bytes", MAX_REPORT_BYTES)
    if len(raw) > max_bytes:
        raise BadDocument(f"{name}: {len(raw) / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit")
    parse_report(name, raw)  # raises BadDocument with the reason; nothing is written then
    with build_lock(index_dir):
        seeds_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=seeds_dir, prefix=UPLOAD_PREFIX, suffix=UPLOAD_SUFFIX)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(raw)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, seeds_dir / name)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return sync(seeds_dir, index_dir, embedder, params, **options)


def remove_report(
    name: str,
    seeds_dir: Path,
    index_dir: Path,
    embedder: Embedder,
    params: ChunkerParams,
    **options,
) -> BuildResult:
    """Delete one report from the folder and from the index."""
    name = check_name(name)
    with build_lock(index_dir):
        path = seeds_dir / name
        if not path.is_file():
            raise DocumentNotFound(f"no report named {name!r}")
        path.unlink()
        return sync(seeds_dir, index_dir, embedder, params, **options)
