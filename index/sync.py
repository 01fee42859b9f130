"""The reports folder is the source of truth: bring the index in line with it, and say what it lacks.

``sync`` is what start-up, the app's folder watcher and adding or removing a report run. With
nothing changed it reads the reports and the manifest, never the index itself; otherwise it
builds incrementally under the build lock, after removing what a killed upload or build left
behind, so the next start after a crash indexes whatever reached the folder.
``FolderWatch`` tells the app when the folder changed and has settled; ``unindexed`` and
``folder_status`` list the report files the index does not hold as they are now, with the reason.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from index.chunking import ChunkerParams
from index.embedding import Embedder
from index.ingest import MAX_REPORT_BYTES, REPORT_SUFFIXES, load_reports
from index.store import (
    BuildResult,
    Signature,
    build_index,
    build_lock,
    check_manifest,
    folder_signature,
    leftovers,
    read_manifest,
    remove_leftovers,
)
from index.types import FORMAT_VERSION, IndexNotFound, Skipped

log = logging.getLogger(__name__)

UPLOAD_PREFIX, UPLOAD_SUFFIX = ".upload-", ".part"  # a report being written into the folder
WAITING = "waiting to be indexed"


@dataclass(frozen=True)
class Unindexed:
    """A report file in the folder that the index does not hold as it is now, and why."""

    doc: str
    reason: str


def sync(
    seeds_dir: str | Path, index_dir: str | Path, embedder: Embedder, params: ChunkerParams, **options
) -> BuildResult:
    """Bring the index in line with the reports folder; ``options`` go to ``build_index``.

    An index made with another embedder or chunker raises IndexMismatch naming the rebuild command
    (it is not silently re-embedded); a missing reports folder leaves the index as it is.
    """
    seeds_dir, index_dir = Path(seeds_dir), Path(index_dir)
    max_bytes = options.get("max_bytes", MAX_REPORT_BYTES)
    if not _uploads(seeds_dir) and not leftovers(index_dir):
        done = _unchanged(seeds_dir, index_dir, embedder.id, params, max_bytes)
        if done is not None:
            return done
    with build_lock(index_dir):
        for part in _uploads(seeds_dir):
            log.warning("removing %s, left by an upload that was interrupted", part)
            part.unlink(missing_ok=True)
        remove_leftovers(index_dir)
        done = _unchanged(seeds_dir, index_dir, embedder.id, params, max_bytes)
        return done or build_index(seeds_dir, index_dir, embedder, params, **options)


def _uploads(seeds_dir: Path) -> list[Path]:
    return sorted(seeds_dir.glob(f"{UPLOAD_PREFIX}*{UPLOAD_SUFFIX}")) if seeds_dir.is_dir() else []


def _unchanged(
    seeds_dir: Path, index_dir: Path, embedder_id: str, params: ChunkerParams, max_bytes: int
) -> BuildResult | None:
    """What a build would say when it has nothing to do (None when it has something to do).

    Decided as ``build_index`` decides, from the reports' content hashes and metadata against the
    manifest, but without loading the index: no report new or changed, none whose metadata this
    version reads differently, none gone (an indexed report that cannot be read now keeps its
    indexed version).
    """
    folder = folder_signature(seeds_dir)
    try:
        manifest = read_manifest(index_dir)
    except IndexNotFound:
        return None
    check_manifest(manifest, index_dir, embedder_id=embedder_id, params=params)
    if manifest.format_version != FORMAT_VERSION:
        return None  # an index of an earlier format, read but rewritten in this one (store.LEGACY_CHUNKS)
    docs = manifest.documents
    skipped: list[Skipped] = []
    if not seeds_dir.is_dir():
        log.warning("reports folder %s does not exist: the index at %s is used as it is", seeds_dir, index_dir)
    else:
        reports, skipped = load_reports(seeds_dir, max_bytes)
        if any(docs.get(r.doc) != r.meta() for r in reports):  # new, changed, or its metadata read anew
            return None
        if set(docs) - {r.doc for r in reports} - {s.path for s in skipped}:
            return None
    return BuildResult(unchanged=sorted(docs), skipped=skipped, chunks=manifest.chunks, folder=folder)


def unindexed(result: BuildResult, now: Signature) -> list[Unindexed]:
    """The report files listed in ``now`` that the index ``result`` left is missing or holds another version of.

    Files skipped by that build keep its reason; files new or changed since it are waiting.
    """
    then = {name: (size, mtime) for name, size, mtime in result.folder}
    waiting = [
        name
        for name, size, mtime in now
        if then.get(name) != (size, mtime) and Path(name).suffix.lower() in REPORT_SUFFIXES
    ]
    present = {name for name, _, _ in now}
    skipped = [s for s in result.skipped if s.path in present and s.path not in waiting]
    return _described(skipped, set(result.unchanged), waiting)


def folder_status(seeds_dir: Path, documents: dict[str, dict], max_bytes: int = MAX_REPORT_BYTES) -> list[Unindexed]:
    """What ``unindexed`` says, for the folder as it is now against an index's documents (reads every report)."""
    reports, skipped = load_reports(seeds_dir, max_bytes)
    waiting = [r.doc for r in reports if documents.get(r.doc, {}).get("content_hash") != r.content_hash]
    return _described(skipped, set(documents), waiting)


def _described(skipped: list[Skipped], indexed: set[str], waiting: list[str]) -> list[Unindexed]:
    out = [
        Unindexed(s.path, f"{s.reason}; the index keeps its earlier version" if s.path in indexed else s.reason)
        for s in skipped
    ]
    out += [Unindexed(doc, WAITING) for doc in waiting]
    return sorted(out, key=lambda u: u.doc)


class FolderWatch:
    """The reports folder as the app follows it: when to sync, and what is not indexed meanwhile.

    ``poll`` only lists the folder. It asks for a sync once the folder differs from the last sync
    and is the same as at the previous poll, so a file still being copied is not indexed half-written.
    """

    def __init__(self, seeds_dir: Path, last: BuildResult | None = None) -> None:
        """``last``: the sync the served index came from; None takes the folder as it is now as in line."""
        self.seeds_dir = seeds_dir
        self._last = last or BuildResult(folder=folder_signature(seeds_dir))
        self._seen = self._last.folder
        self._lock = threading.Lock()  # polls and records come from different threads
        self.unindexed = unindexed(self._last, self._seen)

    def poll(self) -> bool:
        """Look at the folder; True when it changed since the last sync and has settled."""
        now = folder_signature(self.seeds_dir)
        with self._lock:
            settled, self._seen = now == self._seen, now
            self.unindexed = unindexed(self._last, now)
            return settled and now != self._last.folder

    def record(self, result: BuildResult) -> None:
        """A sync finished (the watcher's or an upload's): later polls compare the folder with it."""
        with self._lock:
            self._last = result
            self.unindexed = unindexed(result, result.folder)
