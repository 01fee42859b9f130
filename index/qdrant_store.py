"""The Qdrant backend of the vector store (index/vectorstore.py).

Local mode: an on-disk collection inside the index folder (``qdrant/``), written with the rest
of the folder and renamed into place with it; it is read once at load and searched in memory,
because an open on-disk client locks its folder and would block the next build (which reads the
old vectors) for as long as the app runs. Server mode (``qdrant_url``): each build writes a new
collection ``<name>-<timestamp>``, the manifest names it, and the previous one is dropped once the
new folder is in place.
"""

from __future__ import annotations

import logging
import os
import time
import warnings
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

from index.types import REBUILD_HINT, IndexMismatch, QAError, StoreUnavailable

log = logging.getLogger(__name__)

QDRANT_DIR = "qdrant"
EF_SEARCH = 128  # the server's HNSW search breadth, widened to the depth asked for
UPLOAD_BATCH = 1024
API_KEY_ENV = "MEETINGQA_QDRANT_API_KEY"  # sent as the server's api-key header (server mode)


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


def write(folder: Path, vectors: np.ndarray, url: str | None, collection: str) -> None:
    """``vectors`` into a new collection: on the server at ``url``, else on disk in ``folder/qdrant``."""
    client = connect(url, None if url else folder / QDRANT_DIR)
    try:
        _create(client, collection, vectors)
    except Exception as exc:
        if url and not isinstance(exc, QAError):
            raise StoreUnavailable(f"writing to Qdrant at {url} failed ({exc})") from exc
        raise
    finally:
        client.close()


def drop(url: str, collection: str) -> None:
    """Delete a server collection nothing points to any more."""
    try:
        client = connect(url)
        try:
            client.delete_collection(collection)
        finally:
            client.close()
    except Exception as exc:  # the new index is in place; a leftover collection only costs space
        log.warning("could not delete the old Qdrant collection %s at %s: %s", collection, url, exc)


def open_store(folder: Path, url: str | None, collection: str) -> QdrantStore:
    """The server's collection, or an in-memory copy of the index folder's on-disk one."""
    if url:
        client = connect(url)
        try:
            n, dim = _size(client, collection)
        except IndexMismatch as exc:
            client.close()
            raise IndexMismatch(f"index at {folder}: {exc} at {url}; {REBUILD_HINT}") from None
        except Exception as exc:
            client.close()
            raise StoreUnavailable(f"Qdrant at {url} cannot be used ({exc})") from exc
        return QdrantStore(client, collection, n, dim, server=True)
    disk = folder / QDRANT_DIR
    if not (disk / "meta.json").is_file():  # checked first: opening a missing folder would create it
        raise IndexMismatch(f"index at {folder} has no {QDRANT_DIR}/ folder for its Qdrant vectors; {REBUILD_HINT}")
    try:
        client = connect(path=disk)
        try:
            n, dim = _size(client, collection)
            vectors = _read_all(client, collection, n, dim)
        finally:
            client.close()
    except IndexMismatch as exc:
        raise IndexMismatch(f"index at {folder}: {exc}; {REBUILD_HINT}") from None
    except StoreUnavailable:
        raise
    except Exception as exc:  # a damaged folder fails inside the client in many ways: name the rebuild
        raise IndexMismatch(f"index at {folder} has unreadable Qdrant vectors ({exc}); {REBUILD_HINT}") from exc
    memory = connect()
    _create(memory, collection, vectors)
    return QdrantStore(memory, collection, n, dim, server=False)


def _size(client, collection: str) -> tuple[int, int]:
    """How many vectors a collection holds, and their dimension."""
    if not client.collection_exists(collection):
        raise IndexMismatch(f"Qdrant collection {collection!r} is missing")
    size = client.get_collection(collection).config.params.vectors.size
    return client.count(collection, exact=True).count, int(size)
