"""Start the real app (``python app.py``) on a free loopback port, for benchmarks, load and tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class RunningApp:
    proc: subprocess.Popen
    url: str  # ends with "/"

    @property
    def pid(self) -> int:
        return self.proc.pid


@contextmanager
def running_app(env: dict[str, str] | None = None, start_timeout: float = 180) -> Iterator[RunningApp]:
    """The app serving on 127.0.0.1 until the block ends; its output is kept for error messages."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "app.py", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    app = RunningApp(proc, f"http://127.0.0.1:{port}/")
    try:
        deadline = time.time() + start_timeout
        while True:
            try:
                httpx.get(app.url + "api/health", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                if proc.poll() is not None:
                    raise RuntimeError(f"the app exited while starting:\n{proc.stdout.read()[-3000:]}") from None
                if time.time() > deadline:
                    raise RuntimeError("the app did not start in time") from None
                time.sleep(0.3)
        # keep reading its output so a chatty server never blocks on a full pipe
        import threading

        threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
        yield app
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
