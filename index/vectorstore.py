"""Where the passage vectors live: FAISS in the index folder, or Qdrant, behind one small interface.

Retrieval and incremental builds only need ``search``, ``reconstruct_all``, ``ntotal`` and ``dim``.
A vector's id is its chunk's position in ``chunks.jsonl``. Which store an index uses is recorded
in its manifest (``extra``), so loading opens what the build wrote, whatever the settings say now.

Qdrant runs in one of two modes. Local: an on-disk collection inside the index folder (``qdrant/``),
written with the rest of the folder and renamed into place with it; it is read once at load and
searched in memory, because an open on-disk client locks its folder and would block the next build
(which reads the old vectors) for as long as the app runs. Server (``qdrant_url``): each build
writes a new collection ``<name>-<timestamp>``, the manifest names it, and the previous one is
dropped once the new folder is in place.
"""

from __future__ import annotations

import logging
import os
import time
import warnings
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import faiss
import numpy as np

from index.types import REBUILD_HINT, IndexMismatch, QAError

log = logging.getLogger(__name__)

STORES = ("faiss", "qdrant")
DENSE = "dense.faiss"
QDRANT_DIR = "qdrant"
HNSW_THRESHOLD = 50_000  # passages; below it exact search is fast enough (see eval.bench --scale)
EF_SEARCH = 128  # HNSW search breadth, widened to the depth asked for
UPLOAD_BATCH = 1024
BATCH_SELECTOR_IDS = 4096  # filters keeping more passages than this are passed to FAISS as a bitmap
API_KEY_ENV = "MEETINGQA_QDRANT_API_KEY"  # sent as the server's api-key header (server mode)


class StoreUnavailable(QAError):
    """The vector store cannot be used: its client is not installed or its server does not answer."""


class DenseStore(Protocol):
    """Inner-product search over the passage vectors; ids are chunk positions."""

    kind: str

    @property
    def ntotal(self) -> int: ...

    @property
    def dim(self) -> int: ...

    def search(self, vec: np.ndarray, k: int, allowed_ids: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Scores and ids (best first, at most ``k``) of the vectors nearest ``vec`` (shape (1, dim))."""
        ...

    def reconstruct_all(self) -> np.ndarray:
        """All vectors, row i = chunk i (what an incremental build keeps for unchanged reports)."""
        ...


@dataclass(frozen=True)
class StoreSpec:
    """Which store holds the vectors and where; kept in the manifest's ``extra``."""

    kind: str = "faiss"
    dense_index: str = "flat"  # faiss: "flat" (exact) or "hnsw"
    qdrant_url: str | None = None  # qdrant: server mode when set, else local in the index folder
    collection: str = "meetingqa"  # qdrant: the collection's name (server mode: "<name>-<timestamp>")
    replaced: str | None = None  # server mode: the collection this one replaced, dropped at the next build

    def to_extra(self) -> dict[str, Any]:
        if self.kind == "faiss":
            return {"vector_store": "faiss", "dense_index": self.dense_index}
        extra: dict[str, Any] = {"vector_store": "qdrant", "qdrant_collection": self.collection}
        if self.qdrant_url:
            extra["qdrant_url"] = self.qdrant_url
        if self.replaced:
            extra["qdrant_replaced"] = self.replaced
        return extra

    @classmethod
    def from_extra(cls, extra: dict[str, Any]) -> StoreSpec:
        kind = extra.get("vector_store", "faiss")  # indexes written before Qdrant existed are FAISS
        if kind == "qdrant":
            return cls(
                kind,
                qdrant_url=extra.get("qdrant_url"),
                collection=extra.get("qdrant_collection", "meetingqa"),
                replaced=extra.get("qdrant_replaced"),
            )
        return cls(kind, dense_index=extra.get("dense_index", "flat"))

    def describe(self) -> str:
        if self.kind == "faiss":
            return f"faiss ({self.dense_index})"
        where = f"server {self.qdrant_url}" if self.qdrant_url else "local"
        return f"qdrant ({where}, collection {self.collection})"

    def same_layout(self, wanted: StoreSpec) -> bool:
        """Whether an index stored like this one fits ``wanted`` (server collection names carry a timestamp)."""
        if self.kind != wanted.kind:
            return False
        if self.kind == "faiss":
            return self.dense_index == wanted.dense_index
        base, _, stamp = self.collection.rpartition("-")
        name_fits = self.collection == wanted.collection or (base == wanted.collection and stamp.isdigit())
        return self.qdrant_url == wanted.qdrant_url and name_fits


def dense_kind(setting: str, n: int, threshold: int = HNSW_THRESHOLD) -> str:
    """The FAISS index to build: "flat" (exact) or "hnsw" (approximate); "auto" picks by size."""
    if setting == "auto":
        return "hnsw" if n >= threshold else "flat"
    if setting not in ("flat", "hnsw"):
        raise ValueError(f"dense index must be auto, flat or hnsw, not {setting!r}")
    return setting


def wanted_spec(
    vector_store: str,
    n: int,
    *,
    dense_index: str = "auto",
    hnsw_threshold: int = HNSW_THRESHOLD,
    qdrant_url: str | None = None,
    qdrant_collection: str = "meetingqa",
) -> StoreSpec:
    """The store the settings ask for, for an index of ``n`` passages."""
    if vector_store == "faiss":
        return StoreSpec("faiss", dense_index=dense_kind(dense_index, n, hnsw_threshold))
    if vector_store == "qdrant":
        return StoreSpec("qdrant", qdrant_url=qdrant_url or None, collection=qdrant_collection)
    raise ValueError(f"vector store must be one of {', '.join(STORES)}, not {vector_store!r}")


def new_collection(spec: StoreSpec) -> StoreSpec:
    """Server mode writes every build to a new collection; local mode keeps the name (the folder is new)."""
    if spec.kind == "qdrant" and spec.qdrant_url:
        return StoreSpec("qdrant", qdrant_url=spec.qdrant_url, collection=f"{spec.collection}-{time.time_ns()}")
    return spec


def handover(previous: StoreSpec | None, new: StoreSpec) -> tuple[StoreSpec, list[StoreSpec]]:
    """What to record for ``new``, and the server collections to drop once its folder is in place.

    A replaced server collection is dropped one build late: an app in another process keeps
    searching it until it notices the new index (MEETINGQA_RELOAD_SECONDS).
    """
    if previous is None or previous.kind != "qdrant" or not previous.qdrant_url or previous == new:
        return new, []
    older = [replace(previous, collection=previous.replaced, replaced=None)] if previous.replaced else []
    if new.kind == "qdrant" and new.qdrant_url == previous.qdrant_url:
        if new.collection == previous.collection:
            return new, []
        return replace(new, replaced=previous.collection), [o for o in older if o.collection != new.collection]
    return new, [replace(previous, replaced=None), *older]  # the store moved elsewhere: nothing reads these now


# --- FAISS ------------------------------------------------------------------------------------------


def make_dense_index(dim: int, n: int, kind: str) -> faiss.Index:
    """Inner product on normalised vectors: exact, or an HNSW graph (M=32) for large collections.

    HNSW keeps its vectors in float16: half the memory of float32 (1M passages: about 1 GB with
    the graph instead of 1.8 GB), searches as fast, recall@10 against exact 0.999-1.0 in
    ``python -m eval.scale``.
    """
    if kind == "hnsw":
        index = faiss.IndexHNSWSQ(dim, faiss.ScalarQuantizer.QT_fp16, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        return index
    return faiss.IndexFlatIP(dim)


class FaissStore:
    """A FAISS index read from ``dense.faiss``: exact (flat) or HNSW."""

    kind = "faiss"

    def __init__(self, index: faiss.Index, ef_search: int = EF_SEARCH) -> None:
        self.index = index
        self.ef_search = ef_search

    @property
    def ntotal(self) -> int:
        return int(self.index.ntotal)

    @property
    def dim(self) -> int:
        return int(self.index.d)

    def search(self, vec: np.ndarray, k: int, allowed_ids: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        sel, bitmap = None, None
        if allowed_ids is not None:
            allowed_ids = np.asarray(allowed_ids, dtype=np.int64)
            if len(allowed_ids) <= BATCH_SELECTOR_IDS:
                sel = faiss.IDSelectorBatch(allowed_ids)
            else:  # a bitmap of all passages: built in ~1 ms where a hash set of 143k ids took 53 ms
                mask = np.zeros(self.ntotal, dtype=bool)
                mask[allowed_ids] = True
                bitmap = np.packbits(mask, bitorder="little")
                sel = faiss.IDSelectorBitmap(len(bitmap), faiss.swig_ptr(bitmap))
        if isinstance(self.index, faiss.IndexHNSW):  # search wider than asked: recall stays high
            params = faiss.SearchParametersHNSW(sel=sel, efSearch=max(self.ef_search, k))
        else:
            params = faiss.SearchParameters(sel=sel) if sel is not None else None
        scores, ids = self.index.search(np.ascontiguousarray(vec, dtype=np.float32), k, params=params)
        del bitmap  # (held until here: the selector reads it during the search)
        keep = ids[0] >= 0
        return scores[0][keep], ids[0][keep]

    def reconstruct_all(self) -> np.ndarray:
        if not self.ntotal:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self.index.reconstruct_n(0, self.ntotal)


# --- Qdrant -----------------------------------------------------------------------------------------


def _qdrant():
    try:
        import qdrant_client
        from qdrant_client import models
    except ImportError as exc:
        raise StoreUnavailable("the Qdrant vector store needs the 'qdrant' extra: pip install -e '.[qdrant]'") from exc
    return qdrant_client, models


def _loopback(url: str) -> bool:
    return (urlsplit(url).hostname or "") in ("127.0.0.1", "localhost", "::1")


def connect(url: str | None = None, path: Path | None = None, *, wait_s: float = 30.0):
    """A Qdrant client: a server at ``url``, an on-disk folder at ``path``, or in memory when neither.

    An on-disk folder admits one open client at a time (a lock file, held while another process
    reads it in); a reader that finds it taken waits up to ``wait_s`` seconds instead of failing.
    """
    qdrant_client, _ = _qdrant()
    if url:
        # a server that requires a key gets it from the environment: it never enters the manifest
        api_key = os.environ.get(API_KEY_ENV, "").strip() or None
        if api_key and url.startswith("http://") and not _loopback(url):
            log.warning("the Qdrant API key goes in clear text to %s: use https:// for a remote server", url)
        with warnings.catch_warnings():  # qdrant-client warns on every client; logged above, once per connect
            warnings.filterwarnings("ignore", message="Api key is used with an insecure connection")
            return qdrant_client.QdrantClient(url=url, api_key=api_key, check_compatibility=False)
    if path is None:
        return qdrant_client.QdrantClient(location=":memory:")
    deadline = time.monotonic() + wait_s
    while True:
        try:
            return qdrant_client.QdrantClient(path=str(path))
        except RuntimeError as exc:
            if "already accessed" not in str(exc):
                raise
            if time.monotonic() >= deadline:
                raise StoreUnavailable(f"the Qdrant folder {path} stayed busy for {wait_s:g} s ({exc})") from exc
            time.sleep(0.05)


def _create(client, name: str, vectors: np.ndarray) -> None:
    """A new collection ``name`` holding ``vectors`` with ids 0..n-1, scored by inner product like FAISS."""
    _, models = _qdrant()
    params = models.VectorParams(size=vectors.shape[1], distance=models.Distance.DOT)
    client.create_collection(name, vectors_config=params)
    for start in range(0, len(vectors), UPLOAD_BATCH):
        part = vectors[start : start + UPLOAD_BATCH]
        batch = models.Batch(ids=list(range(start, start + len(part))), vectors=part.tolist())
        client.upsert(name, points=batch, wait=True)


def _read_all(client, name: str, n: int, dim: int) -> np.ndarray:
    out = np.zeros((n, dim), dtype=np.float32)
    offset = None
    while n:
        records, offset = client.scroll(name, limit=UPLOAD_BATCH, offset=offset, with_payload=False, with_vectors=True)
        for r in records:
            out[int(r.id)] = r.vector
        if offset is None:
            break
    return out


class QdrantStore:
    """A Qdrant collection: a server's, or an in-memory copy of the index folder's on-disk one."""

    kind = "qdrant"

    def __init__(self, client, collection: str, n: int, dim: int, *, server: bool) -> None:
        self.client = client
        self.collection = collection
        self._n = n
        self._dim = dim
        self.server = server
        self.ef_search = EF_SEARCH
        _, self._models = _qdrant()

    @property
    def ntotal(self) -> int:
        return self._n

    @property
    def dim(self) -> int:
        return self._dim

    def search(self, vec: np.ndarray, k: int, allowed_ids: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        if k <= 0 or not self._n:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        query = np.asarray(vec, dtype=np.float32).reshape(-1).tolist()
        if allowed_ids is None or len(allowed_ids) >= self._n:
            return self._query(query, k)
        allowed = np.asarray(allowed_ids, dtype=np.int64)
        if not self.server:
            # local mode checks a filter point by point in Python (10-200 us a passage): when the filter
            # keeps enough passages, ask for more unfiltered hits and keep the allowed ones; exact as
            # soon as k of them come back, else the filtered search below
            wanted = max(4 * k, 2 * k * self._n // max(len(allowed), 1))
            if wanted <= self._n // 4:
                scores, ids = self._query(query, wanted)
                keep = np.isin(ids, allowed)
                if keep.sum() >= k:
                    return scores[keep][:k], ids[keep][:k]
        return self._query(query, k, self._filter(allowed))

    def _filter(self, allowed: np.ndarray):
        """Only the ``allowed`` ids, naming the shorter list: the ids kept or the ids left out."""
        models = self._models
        if len(allowed) <= self._n // 2:
            return models.Filter(must=[models.HasIdCondition(has_id=allowed.tolist())])
        left_out = np.setdiff1d(np.arange(self._n, dtype=np.int64), allowed)
        return models.Filter(must_not=[models.HasIdCondition(has_id=left_out.tolist())])

    def _query(self, query: list[float], k: int, query_filter=None) -> tuple[np.ndarray, np.ndarray]:
        # the server searches an HNSW graph: widen it like FAISS's; local mode is exact and ignores it
        params = self._models.SearchParams(hnsw_ef=max(self.ef_search, k)) if self.server else None
        found = self.client.query_points(
            self.collection,
            query=query,
            query_filter=query_filter,
            search_params=params,
            limit=k,
            with_payload=False,
            with_vectors=False,
        ).points
        return np.array([p.score for p in found], dtype=np.float32), np.array([p.id for p in found], dtype=np.int64)

    def reconstruct_all(self) -> np.ndarray:
        return _read_all(self.client, self.collection, self._n, self._dim)

    def close(self) -> None:
        self.client.close()


# --- writing and opening ----------------------------------------------------------------------------


def write_store(folder: Path, spec: StoreSpec, vectors: np.ndarray) -> None:
    """Write ``vectors`` into the new index ``folder`` (or, in server mode, the collection ``spec`` names)."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    if spec.kind == "faiss":
        dense = make_dense_index(vectors.shape[1], len(vectors), spec.dense_index)
        if len(vectors):
            dense.add(vectors)
        faiss.write_index(dense, str(folder / DENSE))
        return
    client = connect(spec.qdrant_url, None if spec.qdrant_url else folder / QDRANT_DIR)
    try:
        _create(client, spec.collection, vectors)
    except Exception as exc:
        if spec.qdrant_url and not isinstance(exc, QAError):
            raise StoreUnavailable(f"writing to Qdrant at {spec.qdrant_url} failed ({exc})") from exc
        raise
    finally:
        client.close()


def drop_store(spec: StoreSpec) -> None:
    """Delete a server collection nothing points to any more (local and FAISS stores go with their folder)."""
    if spec.kind != "qdrant" or not spec.qdrant_url:
        return
    try:
        client = connect(spec.qdrant_url)
        try:
            client.delete_collection(spec.collection)
        finally:
            client.close()
    except Exception as exc:  # the new index is in place; a leftover collection only costs space
        log.warning("could not delete the old Qdrant collection %s at %s: %s", spec.collection, spec.qdrant_url, exc)


def open_store(folder: Path, spec: StoreSpec) -> DenseStore:
    """Open the store an index folder's manifest names; IndexMismatch (naming the rebuild) when it is not there."""
    if spec.kind == "faiss":
        try:
            return FaissStore(faiss.read_index(str(folder / DENSE)))
        except RuntimeError as exc:
            raise IndexMismatch(f"index at {folder} is damaged ({exc}); {REBUILD_HINT}") from exc
    if spec.kind != "qdrant":
        raise IndexMismatch(f"index at {folder} names an unknown vector store {spec.kind!r}; {REBUILD_HINT}")
    if spec.qdrant_url:
        client = connect(spec.qdrant_url)
        try:
            n, dim = _size(client, spec.collection)
        except IndexMismatch as exc:
            client.close()
            raise IndexMismatch(f"index at {folder}: {exc} at {spec.qdrant_url}; {REBUILD_HINT}") from None
        except Exception as exc:
            client.close()
            raise StoreUnavailable(f"Qdrant at {spec.qdrant_url} cannot be used ({exc})") from exc
        return QdrantStore(client, spec.collection, n, dim, server=True)
    disk = folder / QDRANT_DIR
    if not (disk / "meta.json").is_file():  # checked first: opening a missing folder would create it
        raise IndexMismatch(f"index at {folder} has no {QDRANT_DIR}/ folder for its Qdrant vectors; {REBUILD_HINT}")
    try:
        client = connect(path=disk)
        try:
            n, dim = _size(client, spec.collection)
            vectors = _read_all(client, spec.collection, n, dim)
        finally:
            client.close()
    except IndexMismatch as exc:
        raise IndexMismatch(f"index at {folder}: {exc}; {REBUILD_HINT}") from None
    except StoreUnavailable:
        raise
    except Exception as exc:  # a damaged folder fails inside the client in many ways: name the rebuild
        raise IndexMismatch(f"index at {folder} has unreadable Qdrant vectors ({exc}); {REBUILD_HINT}") from exc
    memory = connect()
    _create(memory, spec.collection, vectors)
    return QdrantStore(memory, spec.collection, n, dim, server=False)


def _size(client, collection: str) -> tuple[int, int]:
    """How many vectors a collection holds, and their dimension."""
    if not client.collection_exists(collection):
        raise IndexMismatch(f"Qdrant collection {collection!r} is missing")
    size = client.get_collection(collection).config.params.vectors.size
    return client.count(collection, exact=True).count, int(size)
