"""Request guards: body size limit, rate limit, CORS, request ids and log lines."""

import logging

Q = {"question": "Tỷ lệ hộ gia đình có cáp quang băng rộng là bao nhiêu?"}


def test_oversized_bodies_get_413(make_client):
    with make_client(max_body_kb=1) as c:
        big = {"question": "a" * 1500}
        assert c.post("/api/ask", json=big).status_code == 413
        streamed = c.post(
            "/api/ask",
            content=iter([b'{"question": "', b"a" * 2000, b'"}']),
            headers={"content-type": "application/json"},
        )
        assert streamed.status_code == 413 and "byte limit" in streamed.json()["detail"]
        assert c.post("/api/ask", json=Q).status_code == 200


def test_rate_limit_answers_429_with_retry_after(make_client):
    with make_client(rate_limit_per_minute=12) as c:  # a burst of 2, then one every 5 s
        codes = [c.get("/api/health").status_code for _ in range(4)]
        assert codes[:2] == [200, 200] and codes[2:] == [429, 429]
        r = c.get("/api/health")
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1 and "too many" in r.json()["detail"]
        assert c.get("/").status_code == 200  # the chat page is not counted


def test_cors_is_off_by_default_and_configurable(make_client):
    with make_client() as c:
        r = c.options("/api/ask", headers={"origin": "https://evil.example", "access-control-request-method": "POST"})
        assert "access-control-allow-origin" not in r.headers
    with make_client(cors_origins=["https://portal.gov.vn"]) as c:
        r = c.post("/api/ask", json=Q, headers={"origin": "https://portal.gov.vn"})
        assert r.headers["access-control-allow-origin"] == "https://portal.gov.vn"


def test_request_ids_and_log_lines(make_client, caplog):
    with make_client() as c, caplog.at_level(logging.INFO, logger="meetingqa"):
        r = c.post("/api/ask", json=Q, headers={"x-request-id": "req-42"})
        assert r.headers["x-request-id"] == "req-42"
        other = c.post("/api/ask", json=Q, headers={"x-request-id": "bad id\n injected"})
        assert other.headers["x-request-id"] != "bad id\n injected"
    lines = [rec.getMessage() for rec in caplog.records if rec.name == "meetingqa.http"]
    assert any(
        "id=req-42" in line and "status=200" in line and "refused=false" in line and "ms=" in line for line in lines
    )
    assert not any("cáp quang" in rec.getMessage() for rec in caplog.records if rec.levelno >= logging.INFO)
    with make_client() as c, caplog.at_level(logging.DEBUG, logger="meetingqa.api"):
        c.post("/api/ask", json=Q)
    assert any("cáp quang" in rec.getMessage() for rec in caplog.records if rec.levelno == logging.DEBUG)


def test_a_100k_character_question_is_refused_cleanly(make_client):
    with make_client() as c:
        r = c.post("/api/ask", json={"question": "câu hỏi " * 12_500})
        assert r.status_code == 413 and "byte limit" in r.json()["detail"]
    with make_client(max_body_kb=1024) as c:  # with a larger body limit the question rule answers
        r = c.post("/api/ask", json={"question": "câu hỏi " * 12_500})
        assert r.status_code == 422 and "longer than 2000 characters" in r.json()["detail"]


def test_the_chats_own_events_are_under_the_same_limits(make_client):
    join = "/gradio_api/queue/join"
    event = {"data": ["câu hỏi"], "fn_index": 0, "session_hash": "abc123", "event_data": None, "trigger_id": 1}
    with make_client(max_body_kb=1) as c:
        big = c.post(join, json={**event, "data": ["a" * 2000]})
        assert big.status_code == 413 and "byte limit" in big.json()["detail"]
    with make_client(rate_limit_per_minute=12) as c:  # a burst of 2, shared with /api
        assert c.get("/api/health").status_code == 200
        first = c.post(join, json=event)
        assert first.status_code != 429
        codes = [c.post(join, json=event).status_code for _ in range(2)]
        assert codes == [429, 429]
        assert c.get("/").status_code == 200  # the page itself is not counted
