"""The language-model call is tried again when the server is busy, and only then."""

from __future__ import annotations

import pytest

from tests.conftest import ChatServer

QUESTION = "Tỷ lệ hộ gia đình có cáp quang băng rộng là bao nhiêu?"


@pytest.fixture
def flaky():
    servers: list[ChatServer] = []

    def make(failures: int, status: int = 503) -> ChatServer:
        server = ChatServer(failures, status)
        server.script = lambda req: "Đạt 82,9% [1]."
        servers.append(server)
        return server

    yield make
    for s in servers:
        s.close()


def pipeline_for(make_tiny_pipeline, url: str):
    return make_tiny_pipeline(llm_base_url=url, llm_model="m", llm_timeout=2.0)


def test_a_busy_server_is_tried_again(make_tiny_pipeline, flaky):
    server = flaky(failures=2, status=503)
    a = pipeline_for(make_tiny_pipeline, server.url).ask(QUESTION)
    assert a.answerer == "llm" and "82,9%" in a.text and len(server.requests) == 3


def test_it_gives_up_after_three_attempts(make_tiny_pipeline, flaky):
    server = flaky(failures=10, status=429)
    a = pipeline_for(make_tiny_pipeline, server.url).ask(QUESTION)
    assert a.answerer == "extractive-fallback" and "82,9%" in a.text and len(server.requests) == 3
    assert "HTTPStatusError" in a.notes[-1]


def test_a_client_error_is_not_tried_again(make_tiny_pipeline, flaky):
    server = flaky(failures=10, status=400)
    a = pipeline_for(make_tiny_pipeline, server.url).ask(QUESTION)
    assert a.answerer == "extractive-fallback" and len(server.requests) == 1


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
