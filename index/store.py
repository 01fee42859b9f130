"""The index folder: manifest.json, the passages (index/passages.py), the dense vectors (dense.faiss or qdrant/), bm25/.

A build writes a complete new folder beside the old one and renames it into place, so a
reader sees the old index or the new one, never half of each. Rebuilding is incremental:
reports whose bytes did not change keep their chunks and vectors; nothing is re-embedded.
Builds hold a lock file beside the index folder (``<index>.lock``): one at a time across threads
and processes, and what a killed build left behind is put right by the next one.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import shutil
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import bm25s
import numpy as np
from filelock import FileLock, Timeout

from index import passages, stats
from index.chunking import ChunkerParams, chunk_report
from index.embedding import Embedder
from index.ingest import MAX_REPORT_BYTES, load_reports
from index.stats import Stats
from index.types import (
    FORMAT_VERSION,
    REBUILD_HINT,
    Chunk,
    IndexMismatch,
    IndexNotFound,
    Manifest,
    Report,
    Skipped,
)
from index.vectorstore import (
    HNSW_THRESHOLD,
    DenseStore,
    StoreSpec,
    drop_store,
    handover,
    new_collection,
    open_store,
    wanted_spec,
    write_store,
)
from index.vietnamese import tokenize

log = logging.getLogger(__name__)
logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every build at DEBUG otherwise

MANIFEST = "manifest.json"
BM25_DIR = "bm25"
# an index of format 1 kept its passages as JSON lines; it is still read (every passage parsed into
# memory), and the next build or sync rewrites it as format 2 with the same vectors, embedding nothing
LEGACY_CHUNKS = {1: "chunks.jsonl"}

# (file name, size, modification time in ns) of each file of the reports folder, sorted: see folder_signature
Signature = tuple[tuple[str, int, int], ...]


@dataclass
class IndexData:
    """A loaded index: everything retrieval needs (passages and BM25 memory-mapped from the folder)."""

    manifest: Manifest
    chunks: Sequence[Chunk]
    dense: DenseStore
    bm25: bm25s.BM25
    path: Path
    stamp: tuple[int, int] | None = None  # the manifest file read (index_stamp), taken before reading it
    stats: Stats | None = None  # word statistics written with the index (None: an index from before them)

    @property
    def documents(self) -> dict[str, dict]:
        return self.manifest.documents

    @property
    def store(self) -> StoreSpec:
        return StoreSpec.from_extra(self.manifest.extra)

    def vectors(self) -> np.ndarray:
        return self.dense.reconstruct_all()


@dataclass
class BuildResult:
    """What a build (or a sync, index.sync) did: for the CLI, the running app and tests."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # unchanged reports whose metadata this version reads differently (a newer extractor; an edited
    # sidecar is a content change) where no vector depends on it (body, kind, ordinal): rewritten
    # without embedding; a heading or cleaned text read anew makes the report "updated"
    reread: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    embedded_chunks: int = 0
    chunks: int = 0
    seconds: float = 0.0
    embed_seconds: float = 0.0
    written: bool = False
    folder: Signature = ()  # the reports folder as the build found it, before reading the reports

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def folder_signature(seeds_dir: str | Path) -> Signature:
    """Names, sizes and modification times of the folder's files: a directory listing, no reading.

    Every file counts, not only reports (a report's metadata may live beside it), so the signature
    changes whenever anything a build reads is added, removed or rewritten; no folder gives ``()``.
    """
    try:
        entries = list(os.scandir(seeds_dir))
    except (FileNotFoundError, NotADirectoryError):
        return ()
    out = []
    for e in entries:
        try:
            if e.is_file():
                st = e.stat()
                out.append((e.name, st.st_size, st.st_mtime_ns))
        except FileNotFoundError:  # removed while listing
            continue
    return tuple(sorted(out))


def _lock_for(index_dir: Path) -> FileLock:
    index_dir = index_dir.resolve()
    return _lock(str(index_dir.parent / f"{index_dir.name}.lock"))


@functools.cache
def _lock(path: str) -> FileLock:
    # one FileLock per lock file in a process: it is re-entrant within a thread, and its per-thread
    # file descriptors make other threads wait as other processes do
    return FileLock(path)


@contextmanager
def build_lock(index_dir: str | Path) -> Iterator[None]:
    """Hold the index's build lock (``<index>.lock`` beside the folder) for the block; re-entrant."""
    index_dir = Path(index_dir)
    index_dir.resolve().parent.mkdir(parents=True, exist_ok=True)
    lock = _lock_for(index_dir)
    try:
        lock.acquire(blocking=False)
    except Timeout:
        log.warning("another build of %s is running: waiting for it to finish", index_dir)
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


# the metadata a passage's vector depends on: its heading (passage_text) and the cleaned text's length
EMBEDDED_META = frozenset({"label", "title", "date", "chars"})


def passage_text(chunk_text: str, meta: dict) -> str:
    """What gets embedded and BM25-indexed for a chunk: the passage under its report's heading.

    The heading (meeting, title, date) lets "Phiên họp thứ Ba" or "năm 2024" in a question
    match passages that do not repeat it themselves.
    """
    head = " · ".join(x for x in (meta.get("label"), meta.get("title"), meta.get("date")) if x)
    return f"{head}\n{chunk_text}" if head else chunk_text


def build_index(
    seeds_dir: str | Path,
    index_dir: str | Path,
    embedder: Embedder,
    params: ChunkerParams = ChunkerParams(),
    *,
    rebuild: bool = False,
    progress: bool = False,
    max_bytes: int = MAX_REPORT_BYTES,
    dense_index: str = "auto",
    hnsw_threshold: int = HNSW_THRESHOLD,
    vector_store: str = "faiss",
    qdrant_url: str | None = None,
    qdrant_collection: str = "meetingqa",
) -> BuildResult:
    """Bring the index at ``index_dir`` up to date with the reports in ``seeds_dir``.

    Holds the build lock (a build elsewhere is waited for) and first clears what a killed build left.
    """
    seeds_dir, index_dir = Path(seeds_dir), Path(index_dir)
    with build_lock(index_dir):
        t0 = time.perf_counter()
        remove_leftovers(index_dir)
        if not seeds_dir.is_dir():
            raise IndexNotFound(f"reports folder {seeds_dir} does not exist")
        folder = folder_signature(seeds_dir)
        reports, skipped = load_reports(seeds_dir, max_bytes)
        result = BuildResult(skipped=skipped, folder=folder)

        old = None
        if not rebuild and _exists(index_dir):
            try:
                old = load_index(index_dir, embedder_id=embedder.id, params=params)
            except IndexMismatch as exc:
                log.warning("existing index not reusable (%s); rebuilding from scratch", exc)
        old_docs = old.documents if old else {}
        old_by_doc: dict[str, list[int]] = {}
        if old:
            for i, c in enumerate(old.chunks):
                old_by_doc.setdefault(c.doc, []).append(i)

        # a report that is indexed but now unreadable keeps its indexed version: nothing indexed is lost
        # to a bad file (deleting the file is how a report is removed)
        unreadable = {s.path for s in skipped} & set(old_docs)
        for doc in sorted(unreadable):
            log.warning("kept the indexed version of %s: the file on disk cannot be read now", doc)
        current = {r.doc for r in reports} | unreadable
        result.removed = sorted(d for d in old_docs if d not in current)
        # (doc, metadata, report to chunk and embed | None, chunks kept from the old index | None)
        plan: list[tuple[str, dict, Report | None, list[Chunk] | None]] = []
        for doc in sorted(unreadable):
            result.unchanged.append(doc)
            plan.append((doc, old_docs[doc], None, [old.chunks[i] for i in old_by_doc.get(doc, [])]))
        for r in reports:
            prev = old_docs.get(r.doc)
            meta = r.meta()
            same_text = prev and prev.get("content_hash") == r.content_hash
            if same_text and any(prev.get(k) != meta[k] for k in EMBEDDED_META):
                # read anew where it is embedded (the heading, the cleaned text): embedded again
                result.updated.append(r.doc)
                plan.append((r.doc, meta, r, None))
            elif same_text:
                result.unchanged.append(r.doc)
                if prev != meta:
                    result.reread.append(r.doc)
                plan.append((r.doc, meta, None, [old.chunks[i] for i in old_by_doc.get(r.doc, [])]))
            else:
                (result.updated if prev else result.added).append(r.doc)
                plan.append((r.doc, meta, r, None))
        plan.sort(key=lambda p: p[0])

        def store_for(n: int) -> StoreSpec:
            return wanted_spec(
                vector_store,
                n,
                dense_index=dense_index,
                hnsw_threshold=hnsw_threshold,
                qdrant_url=qdrant_url,
                qdrant_collection=qdrant_collection,
            )

        kind_changed = old is not None and not old.store.same_layout(store_for(len(old.chunks)))
        upgrade = old is not None and old.manifest.format_version != FORMAT_VERSION
        if old is not None and not result.changed and not result.reread and not kind_changed and not upgrade:
            result.chunks = len(old.chunks)
            result.seconds = time.perf_counter() - t0
            return result

        old_vectors = old.vectors() if old else None
        old_pos = {c.id: i for i, c in enumerate(old.chunks)} if old else {}
        chunks: list[Chunk] = []
        vectors: list[np.ndarray] = []
        to_embed: list[tuple[int, str]] = []  # (position in chunks, text)
        for _, meta, report, kept in plan:
            for c in kept if kept is not None else chunk_report(report, params):
                if kept is not None:
                    vectors.append(old_vectors[old_pos[c.id]])
                else:
                    to_embed.append((len(chunks), passage_text(c.text, meta)))
                    vectors.append(None)  # type: ignore[arg-type]
                chunks.append(c)
        if to_embed:
            te = time.perf_counter()
            new = embedder.embed_passages([t for _, t in to_embed], progress=progress)
            result.embed_seconds = time.perf_counter() - te
            for (pos, _), vec in zip(to_embed, new):
                vectors[pos] = vec
        result.embedded_chunks = len(to_embed)
        dim = embedder.dim
        matrix = np.vstack(vectors).astype(np.float32) if vectors else np.zeros((0, dim), dtype=np.float32)

        documents = {doc: meta for doc, meta, _, _ in plan}
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            embedder=embedder.id,
            dim=dim,
            chunker=params.to_json(),
            documents=documents,
            created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            chunks=len(chunks),
            extra=new_collection(store_for(len(chunks))).to_extra(),
        )
        write_index(index_dir, manifest, chunks, matrix)
        result.chunks = len(chunks)
        result.written = True
        result.seconds = time.perf_counter() - t0
        return result


# Chosen on the tune fold of eval/qa.jsonl and eval/distractors.qa.jsonl (BM25 alone, hit@1; a grid of
# k1 0.9-2.0 and b 0.5-0.9; bm25s's default 1.5/0.75 is within 0.02): a lower b penalises long passages less.
BM25_K1, BM25_B = 1.2, 0.5


def build_bm25(texts: Iterable[str]) -> bm25s.BM25:
    """A BM25 index over ``texts``, tokenized one passage at a time.

    Each passage's tokens become ids in a shared vocabulary as soon as it is tokenized, so the
    token strings of the whole collection are never held at once (1M passages: a build peak of
    about +10 GB of RAM when handed to bm25s as strings, +4.6 GB as ids; same index, same scores).
    """
    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(t, len(vocab)) for t in tokenize(text)] for text in texts]
    bm25 = bm25s.BM25(k1=BM25_K1, b=BM25_B)
    # bm25s needs one document and one token to build from: an empty collection (every report
    # skipped, or none yet) gets one empty document and only the empty token
    with np.errstate(invalid="ignore", divide="ignore"):  # an empty collection's average length is 0/0
        bm25.index((ids or [[]], vocab or {"": 0}), show_progress=False)
    return bm25


def write_index(index_dir: Path, manifest: Manifest, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
    """Write a complete index into a temp folder, then rename it into place (under the build lock)."""
    index_dir = Path(index_dir)
    with build_lock(index_dir):
        _write_index(index_dir, manifest, chunks, vectors)


def _write_index(index_dir: Path, manifest: Manifest, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
    tmp = index_dir.parent / f".{index_dir.name}.tmp-{os.getpid()}-{time.time_ns()}"
    spec, stale = handover(_current_store(index_dir), StoreSpec.from_extra(manifest.extra))
    manifest = replace(manifest, extra={**manifest.extra, **spec.to_extra()})
    tmp.mkdir()
    try:
        passages.write(tmp, chunks)
        write_store(tmp, spec, vectors.reshape(len(vectors), manifest.dim))
        bm25 = build_bm25(passage_text(c.text, manifest.documents.get(c.doc, {})) for c in chunks)
        bm25.save(str(tmp / BM25_DIR), show_progress=False)
        stats.write(tmp, [c.text for c in chunks])
        # the manifest is written last: a folder without one is never mistaken for an index
        (tmp / MANIFEST).write_text(json.dumps(manifest.to_json(), ensure_ascii=False, indent=2), "utf-8")
        _fsync_dir(tmp)
        _swap_into_place(tmp, index_dir)
    except BaseException:
        if _current_store(index_dir) != spec:
            drop_store(spec)  # a server collection the failed build wrote: nothing points to it
        raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    for old in stale:
        drop_store(old)


def _current_store(index_dir: Path) -> StoreSpec | None:
    """The store of the index in place now (None when there is none or it cannot be read)."""
    try:
        return StoreSpec.from_extra(read_manifest(index_dir).extra)
    except (IndexNotFound, IndexMismatch):
        return None


def _swap_into_place(tmp: Path, index_dir: Path) -> None:
    old = index_dir.parent / f".{index_dir.name}.old-{os.getpid()}-{time.time_ns()}"
    if index_dir.exists():
        os.rename(index_dir, old)
    os.rename(tmp, index_dir)
    _fsync_dir(index_dir.parent)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _aside(index_dir: Path, kind: str) -> list[Path]:
    """The folders builds put beside the index (``kind``: "tmp" or "old"), oldest first."""
    name = re.compile(rf"\.{re.escape(index_dir.name)}\.{kind}-\d+-(\d+)")
    found = [(int(m[1]), p) for p in index_dir.parent.glob(".*") if (m := name.fullmatch(p.name))]
    return [p for _, p in sorted(found)]


def _recover(index_dir: Path) -> None:
    """A build killed between its two renames leaves only the old folder aside: put it back.

    Left alone while a build runs (it may be between its renames right now).
    """
    if index_dir.exists() or not index_dir.parent.is_dir() or not _aside(index_dir, "old"):
        return
    lock = _lock_for(index_dir)
    try:
        lock.acquire(blocking=False)
    except Timeout:
        return
    try:
        complete = [p for p in _aside(index_dir, "old") if (p / MANIFEST).exists()]
        if complete and not index_dir.exists():
            os.rename(complete[-1], index_dir)
            log.warning("put back the index a killed build had moved aside (%s)", complete[-1].name)
    finally:
        lock.release()


def leftovers(index_dir: Path) -> list[Path]:
    """Temp and set-aside folders of builds beside the index: only killed builds leave them for long."""
    return _aside(index_dir, "tmp") + _aside(index_dir, "old") if index_dir.parent.is_dir() else []


def remove_leftovers(index_dir: Path) -> None:
    """Under the build lock: recover an interrupted swap, then delete the folders killed builds left."""
    _recover(index_dir)
    for p in leftovers(index_dir):
        log.warning("removing %s, left by a build that was killed", p)
        shutil.rmtree(p, ignore_errors=True)


def _exists(index_dir: Path) -> bool:
    _recover(index_dir)
    return (index_dir / MANIFEST).exists()


def read_manifest(index_dir: str | Path) -> Manifest:
    index_dir = Path(index_dir)
    if not _exists(index_dir):
        raise IndexNotFound(f"no index at {index_dir}; build it with: python -m index build")
    try:
        return Manifest.from_json(json.loads((index_dir / MANIFEST).read_text("utf-8")))
    except (ValueError, TypeError) as exc:
        raise IndexMismatch(f"the manifest at {index_dir} is unreadable ({exc}); {REBUILD_HINT}") from exc


def index_stamp(index_dir: str | Path) -> tuple[int, int] | None:
    """Identity of the index on disk now (its manifest file's inode and mtime); None when there is none.

    A build writes a whole new index folder and swaps it into place, so a new stamp means a new index.
    """
    try:
        st = (Path(index_dir) / MANIFEST).stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns


def load_index(
    index_dir: str | Path, *, embedder_id: str | None = None, params: ChunkerParams | None = None
) -> IndexData:
    """Load and check an index; IndexMismatch (naming the rebuild command) when it does not fit.

    Its ``stamp`` is taken before the manifest is read: an index rebuilt while this loads has
    another stamp, so whoever compares stamps loads it again rather than missing it.
    """
    index_dir = Path(index_dir)
    stamp = index_stamp(index_dir)
    manifest = read_manifest(index_dir)
    check_manifest(manifest, index_dir, embedder_id=embedder_id, params=params)
    try:
        if manifest.format_version in LEGACY_CHUNKS:
            with open(index_dir / LEGACY_CHUNKS[manifest.format_version], encoding="utf-8") as f:
                chunks: Sequence[Chunk] = [Chunk(**json.loads(line)) for line in f if line.strip()]
        else:
            chunks = passages.PassageTable(index_dir)
        bm25 = bm25s.BM25.load(str(index_dir / BM25_DIR), show_progress=False, verbosity=0, mmap=True)
    except (OSError, ValueError, TypeError, KeyError, RuntimeError) as exc:
        raise IndexMismatch(f"index at {index_dir} is damaged ({exc}); {REBUILD_HINT}") from exc
    dense = open_store(index_dir, StoreSpec.from_extra(manifest.extra))
    if dense.ntotal != len(chunks) or dense.dim != manifest.dim or len(chunks) != manifest.chunks:
        raise IndexMismatch(
            f"index at {index_dir} is inconsistent ({len(chunks)} chunks, "
            f"{dense.ntotal} vectors, manifest says {manifest.chunks}); {REBUILD_HINT}"
        )
    return IndexData(
        manifest=manifest,
        chunks=chunks,
        dense=dense,
        bm25=bm25,
        path=index_dir,
        stamp=stamp,
        stats=stats.read(index_dir),
    )


def check_manifest(
    manifest: Manifest, index_dir: Path, *, embedder_id: str | None = None, params: ChunkerParams | None = None
) -> None:
    """IndexMismatch (naming the rebuild command) when the index is of another format, embedder or chunker."""
    if manifest.format_version != FORMAT_VERSION and manifest.format_version not in LEGACY_CHUNKS:
        raise IndexMismatch(
            f"index format {manifest.format_version} at {index_dir}, this version reads "
            f"{FORMAT_VERSION}; {REBUILD_HINT}"
        )
    if embedder_id is not None and manifest.embedder != embedder_id:
        raise IndexMismatch(
            f"index at {index_dir} was built with embedder {manifest.embedder!r}, "
            f"settings ask for {embedder_id!r}; {REBUILD_HINT}"
        )
    if params is not None and manifest.chunker != params.to_json():
        raise IndexMismatch(
            f"index at {index_dir} was chunked with {manifest.chunker}, settings ask for "
            f"{params.to_json()}; {REBUILD_HINT}"
        )
