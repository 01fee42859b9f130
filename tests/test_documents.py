"""Adding and removing reports: CLI helpers, the write endpoints, and the running app's reload."""

import pytest

from index.chunking import ChunkerParams
from index.documents import add_report, check_name, remove_report
from index.store import build_index, load_index
from index.types import BadDocument
from tests.conftest import wait_until

NEW = "Phiên họp thứ Mười Một năm 2025.\n\nCả nước có 70 triệu tài khoản định danh điện tử được kích hoạt.".encode()


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "/etc/passwd", ".hidden.txt", "a/b.txt", "x.exe", "", "..", "bad\x00.txt", "a\\..\\b.txt"],
)
def test_path_like_names_are_refused(name):
    with pytest.raises(BadDocument):
        check_name(name)


def test_add_and_remove_update_the_index(tiny_seeds, tmp_path, fake_embedder):
    params = ChunkerParams(200, 0)
    build_index(tiny_seeds, tmp_path / "idx", fake_embedder, params)
    fake_embedder.embedded.clear()
    result = add_report("c_moi.txt", NEW, tiny_seeds, tmp_path / "idx", fake_embedder, params)
    assert result.added == ["c_moi.txt"] and all("Mười Một" in t or "70 triệu" in t for t in fake_embedder.embedded)
    assert "c_moi.txt" in load_index(tmp_path / "idx").documents
    with pytest.raises(BadDocument, match="empty"):
        add_report("d.txt", b"", tiny_seeds, tmp_path / "idx", fake_embedder, params)
    assert not (tiny_seeds / "d.txt").exists()  # a bad file is never written
    result = remove_report("c_moi.txt", tiny_seeds, tmp_path / "idx", fake_embedder, params)
    assert result.removed == ["c_moi.txt"] and "c_moi.txt" not in load_index(tmp_path / "idx").documents


def test_write_endpoints_are_disabled_without_a_key(make_client):
    with make_client() as c:
        r = c.post("/api/documents", files={"file": ("c.txt", NEW, "text/plain")})
        assert r.status_code == 403 and "MEETINGQA_API_KEY" in r.json()["detail"]
        assert c.delete("/api/documents/a_phien_hop.txt").status_code == 403


def test_upload_is_searchable_at_once_and_delete_removes_it(make_client):
    auth = {"authorization": "Bearer s3cret"}
    with make_client(api_key="s3cret", max_upload_mb=0.01) as c:
        assert c.post("/api/documents", files={"file": ("c.txt", NEW, "text/plain")}).status_code == 401
        wrong = {"authorization": "Bearer nope"}
        assert c.post("/api/documents", files={"file": ("c.txt", NEW, "text/plain")}, headers=wrong).status_code == 401
        r = c.post("/api/documents", files={"file": ("c_moi.txt", NEW, "text/plain")}, headers=auth)
        assert r.status_code == 200 and r.json()["added"] == ["c_moi.txt"] and r.json()["documents"] == 3
        ask = c.post("/api/ask", json={"question": "Có bao nhiêu tài khoản định danh điện tử được kích hoạt?"}).json()
        assert "70 triệu" in ask["answer"] and ask["sources"][0]["doc"] == "c_moi.txt"
        bad = c.post("/api/documents", files={"file": ("../../etc/passwd", NEW, "text/plain")}, headers=auth)
        assert bad.status_code == 422 and "plain file name" in bad.json()["detail"]
        binary = c.post("/api/documents", files={"file": ("x.txt", b"\x00\x01\x02", "text/plain")}, headers=auth)
        assert binary.status_code == 422 and "binary" in binary.json()["detail"]
        big = c.post("/api/documents", files={"file": ("big.txt", b"a " * 20_000, "text/plain")}, headers=auth)
        assert big.status_code == 413
        assert c.delete("/api/documents/nope.txt", headers=auth).status_code == 404
        gone = c.delete("/api/documents/c_moi.txt", headers=auth)
        assert gone.status_code == 200 and gone.json()["removed"] == ["c_moi.txt"]
        assert "c_moi.txt" not in [d["doc"] for d in c.get("/api/documents").json()]


@pytest.mark.slow
def test_load_script_small_run(real_index_copy):
    """A short run of the load script against the real server: no 5xx, every response well formed."""
    import json

    from eval.load import run_load
    from tests.conftest import QA_FILE, SEEDS

    questions = [json.loads(line)["question"] for line in QA_FILE.read_text("utf-8").splitlines()]
    result = run_load(
        questions,
        requests=40,
        concurrency=8,
        max_seconds=120,
        env={"MEETINGQA_INDEX_DIR": str(real_index_copy), "MEETINGQA_SEEDS_DIR": str(SEEDS)},
    )
    assert result["requests"] == 40 and result["status_5xx"] == 0 and result["transport_errors"] == 0
    assert result["wrong_shape_or_status"] == 0


def test_running_app_picks_up_an_index_rebuilt_by_another_process(make_client, tiny_seeds, fake_embedder):
    def served(c) -> list[str]:
        r = c.get("/api/documents")
        assert r.status_code == 200, r.text
        return [d["doc"] for d in r.json()]

    with make_client(reload_seconds=0.2, watch_seconds=0) as c:  # the index watcher alone, not the folder one
        s = c.app.state.pipeline.settings
        remove_report("b_hoi_nghi.txt", tiny_seeds, s.index_dir, fake_embedder, s.chunker)
        wait_until(lambda: "b_hoi_nghi.txt" not in served(c), "b_hoi_nghi.txt to leave", interval=0.2)
        # the watcher has looked and swapped once: a later rebuild is picked up too, not only the first
        add_report("c_moi.txt", NEW, tiny_seeds, s.index_dir, fake_embedder, s.chunker)
        wait_until(lambda: "c_moi.txt" in served(c), "c_moi.txt to be served", interval=0.2)
        ask = c.post("/api/ask", json={"question": "Có bao nhiêu tài khoản định danh điện tử được kích hoạt?"}).json()
        assert "70 triệu" in ask["answer"]


def test_html_and_docx_uploads_are_indexed_with_their_meeting(make_client):
    import io

    import docx

    page = (
        "<html><head><title>Tin - example.vn</title></head><body><nav>Trang chủ | Tin tức | Sự kiện</nav>"
        "<article><h1>Ủy ban họp Phiên họp thứ Mười Hai</h1><p>Sáng 3/3/2026, Ủy ban họp Phiên họp thứ Mười Hai."
        "</p><p>Cả nước có 81 triệu tài khoản định danh điện tử được kích hoạt.</p></article>"
        "<footer>Đường dây nóng: 0237 000 000</footer></body></html>"
    ).encode()
    document = docx.Document()
    document.add_paragraph("Tổ công tác Đề án 06 họp phiên thứ Ba")
    document.add_paragraph("Chiều 9/4/2026, Tổ công tác triển khai Đề án 06 họp phiên thứ Ba, giao 14 nhiệm vụ.")
    buffer = io.BytesIO()
    document.save(buffer)
    auth = {"authorization": "Bearer s3cret"}
    with make_client(api_key="s3cret") as c:
        for name, raw in (("trang.html", page), ("to_cong_tac.docx", buffer.getvalue())):
            r = c.post("/api/documents", files={"file": (name, raw, "application/octet-stream")}, headers=auth)
            assert r.status_code == 200 and r.json()["added"] == [name], r.text
        docs = {d["doc"]: d for d in c.get("/api/documents").json()}
        assert (docs["trang.html"]["kind"], docs["trang.html"]["ordinal"], docs["trang.html"]["date"]) == (
            "phiên họp",
            12,
            "2026-03-03",
        )
        assert docs["trang.html"]["title"] == "Ủy ban họp Phiên họp thứ Mười Hai"
        assert (docs["to_cong_tac.docx"]["body"], docs["to_cong_tac.docx"]["ordinal"]) == ("Tổ công tác Đề án 06", 3)
        ask = c.post("/api/ask", json={"question": "Có bao nhiêu tài khoản định danh điện tử được kích hoạt?"}).json()
        assert "81 triệu" in ask["answer"] and "Đường dây nóng" not in ask["sources"][0]["text"]
        broken = c.post(
            "/api/documents", files={"file": ("x.pdf", b"%PDF-1.4 broken", "application/pdf")}, headers=auth
        )
        assert broken.status_code == 422 and "pdf" in broken.json()["detail"].lower()
