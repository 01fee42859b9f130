"""The language-model call is tried again when the server is busy, and only then."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

QUESTION = "Tỷ lệ hộ gia đình có cáp quang băng rộng là bao nhiêu?"


class FlakyServer:
    """Answers the first ``failures`` requests with ``status``, then with a valid reply citing [1]."""

    def __init__(self, failures: int, status: int = 503) -> None:
        self.failures, self.status, self.count = failures, status, 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers["Content-Length"]))
                outer.count += 1
                if outer.count <= outer.failures:
                    self.send_error(outer.status)
                    return
                reply = {"choices": [{"index": 0, "message": {"role": "assistant", "content": "Đạt 82,9% [1]."}}]}
                payload = json.dumps(reply).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def flaky():
    servers: list[FlakyServer] = []

    def make(failures: int, status: int = 503) -> FlakyServer:
        servers.append(FlakyServer(failures, status))
        return servers[-1]

    yield make
    for s in servers:
        s.close()


def pipeline_for(make_tiny_pipeline, url: str):
    return make_tiny_pipeline(llm_base_url=url, llm_model="m", llm_timeout=2.0)


def test_a_busy_server_is_tried_again(make_tiny_pipeline, flaky):
    server = flaky(failures=2, status=503)
    a = pipeline_for(make_tiny_pipeline, server.url).ask(QUESTION)
    assert a.answerer == "llm" and "82,9%" in a.text and server.count == 3


def test_it_gives_up_after_three_attempts(make_tiny_pipeline, flaky):
    server = flaky(failures=10, status=429)
    a = pipeline_for(make_tiny_pipeline, server.url).ask(QUESTION)
    assert a.answerer == "extractive-fallback" and "82,9%" in a.text and server.count == 3
    assert "HTTPStatusError" in a.notes[-1]


def test_a_client_error_is_not_tried_again(make_tiny_pipeline, flaky):
    server = flaky(failures=10, status=400)
    a = pipeline_for(make_tiny_pipeline, server.url).ask(QUESTION)
    assert a.answerer == "extractive-fallback" and server.count == 1


def test_a_refused_connection_is_tried_again_then_falls_back(make_tiny_pipeline, flaky):
    server = flaky(failures=0)
    url = server.url
    server.close()  # nothing listens there now
    p = pipeline_for(make_tiny_pipeline, url)
    calls = []
    post = p.answerer._client.post
    p.answerer._client.post = lambda *a, **k: calls.append(1) or post(*a, **k)
    a = p.ask(QUESTION)
    assert a.answerer == "extractive-fallback" and "ConnectError" in a.notes[-1] and len(calls) == 3
