"""Where the passage vectors live, behind one small interface (DenseStore): FAISS in the index
folder (index/faiss_store.py) or Qdrant (index/qdrant_store.py), one module per backend.

Retrieval and incremental builds only need ``search``, ``reconstruct_all``, ``ntotal`` and ``dim``.
A vector's id is its passage's position in the passage table (index/passages.py). Which store an index uses is recorded
in its manifest (``extra``), so loading opens what the build wrote, whatever the settings say now.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from index import faiss_store, qdrant_store
from index.types import REBUILD_HINT, IndexMismatch

STORES = ("faiss", "qdrant")
HNSW_THRESHOLD = 50_000  # passages; below it exact search is fast enough (see eval.bench --scale)


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


# --- writing and opening ----------------------------------------------------------------------------


def write_store(folder: Path, spec: StoreSpec, vectors: np.ndarray) -> None:
    """Write ``vectors`` into the new index ``folder`` (or, in server mode, the collection ``spec`` names)."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    if spec.kind == "faiss":
        faiss_store.write(folder, vectors, spec.dense_index)
    else:
        qdrant_store.write(folder, vectors, spec.qdrant_url, spec.collection)


def drop_store(spec: StoreSpec) -> None:
    """Delete a server collection nothing points to any more (local and FAISS stores go with their folder)."""
    if spec.kind == "qdrant" and spec.qdrant_url:
        qdrant_store.drop(spec.qdrant_url, spec.collection)


def open_store(folder: Path, spec: StoreSpec) -> DenseStore:
    """Open the store an index folder's manifest names; IndexMismatch (naming the rebuild) when it is not there."""
    if spec.kind == "faiss":
        return faiss_store.open_store(folder)
    if spec.kind == "qdrant":
        return qdrant_store.open_store(folder, spec.qdrant_url, spec.collection)
    raise IndexMismatch(f"index at {folder} names an unknown vector store {spec.kind!r}; {REBUILD_HINT}")
