"""The reports folder is the source of truth: start-up sync, the app's folder watcher, what is not
indexed and why, one build at a time across processes, and recovery from a crash at every point
of an upload or a build."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
import threading
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

import qa
from index.chunking import ChunkerParams
from index.documents import add_report
from index.store import build_index, build_lock, folder_signature, load_index
from index.sync import WAITING, FolderWatch, Unindexed, folder_status, sync, unindexed
from qa.config import Settings
from tests.conftest import CRASH_CHILD_PRELUDE, TINY_REPORTS, kill_when_paused, python_child, wait_until

PARAMS = ChunkerParams(200, 0)
NEW = "Phiên họp thứ Mười Một năm 2025.\n\nCả nước có 70 triệu tài khoản định danh điện tử được kích hoạt.".encode()
QUESTION = "Có bao nhiêu tài khoản định danh điện tử được kích hoạt?"


def settings_for(seeds: Path, index_dir: Path, **overrides) -> Settings:
    return Settings(seeds_dir=seeds, index_dir=index_dir, chunk_size=200, chunk_overlap=0, **overrides)


def leftovers(seeds: Path, index_dir: Path) -> list[str]:
    """Temp files of uploads and temp or set-aside folders of builds."""
    parts = [p.name for p in seeds.iterdir() if p.name.startswith(".upload-")]
    return parts + [p.name for p in index_dir.parent.iterdir() if p.name.startswith(f".{index_dir.name}.")]


# --- sync and start-up


def test_sync_indexes_what_changed_and_costs_no_embedding_otherwise(tiny_seeds, tmp_path, fake_embedder):
    index_dir = tmp_path / "idx"
    build_index(tiny_seeds, index_dir, fake_embedder, PARAMS)
    fake_embedder.embedded.clear()
    again = sync(tiny_seeds, index_dir, fake_embedder, PARAMS)
    assert not again.written and again.unchanged == sorted(TINY_REPORTS) and fake_embedder.embedded == []
    (tiny_seeds / "c_moi.txt").write_bytes(NEW)
    (tiny_seeds / "a_phien_hop.txt").write_text(TINY_REPORTS["a_phien_hop.txt"] + "\n\nĐã có 12 bộ tham dự.", "utf-8")
    (tiny_seeds / "b_hoi_nghi.txt").unlink()
    result = sync(tiny_seeds, index_dir, fake_embedder, PARAMS)
    assert (result.added, result.updated, result.removed) == (["c_moi.txt"], ["a_phien_hop.txt"], ["b_hoi_nghi.txt"])
    assert not any("VNeID" in t for t in fake_embedder.embedded)  # only new and changed reports embedded
    assert sorted(load_index(index_dir).documents) == ["a_phien_hop.txt", "c_moi.txt"]


def test_qa_load_brings_the_index_in_line_with_the_folder(tiny_seeds, tmp_path, fake_embedder):
    settings = settings_for(tiny_seeds, tmp_path / "idx")
    qa.load(settings, embedder=fake_embedder, progress=False)
    (tiny_seeds / "c_moi.txt").write_bytes(NEW)
    (tiny_seeds / "b_hoi_nghi.txt").unlink()
    as_found = qa.load(settings, embedder=fake_embedder, progress=False, sync=False)
    assert "c_moi.txt" not in as_found.documents and "b_hoi_nghi.txt" in as_found.documents
    p = qa.load(settings, embedder=fake_embedder, progress=False)
    assert sorted(p.documents) == ["a_phien_hop.txt", "c_moi.txt"] and p.synced.added == ["c_moi.txt"]
    assert "70 triệu" in p.ask(QUESTION).text


def test_an_index_of_another_embedder_is_not_silently_re_embedded(tiny_seeds, tmp_path, fake_embedder):
    from index.types import IndexMismatch

    build_index(tiny_seeds, tmp_path / "idx", fake_embedder, PARAMS)
    with pytest.raises(IndexMismatch, match="python -m index build --rebuild"):
        sync(tiny_seeds, tmp_path / "idx", fake_embedder, ChunkerParams(300, 0))


def test_a_missing_reports_folder_leaves_the_index_as_it_is(tiny_seeds, tmp_path, fake_embedder):
    build_index(tiny_seeds, tmp_path / "idx", fake_embedder, PARAMS)
    result = sync(tmp_path / "nowhere", tmp_path / "idx", fake_embedder, PARAMS)
    assert not result.written and sorted(load_index(tmp_path / "idx").documents) == sorted(TINY_REPORTS)


# --- what is not indexed, and why


def test_unindexed_reports_carry_their_reason(tiny_seeds, tmp_path, fake_embedder):
    index_dir = tmp_path / "idx"
    build_index(tiny_seeds, index_dir, fake_embedder, PARAMS)
    (tiny_seeds / "empty.txt").write_bytes(b"")
    (tiny_seeds / "binary.txt").write_bytes(b"\x00\x01 binary")
    (tiny_seeds / "legacy.txt").write_bytes("Hội nghị năm 2024".encode() + b" \xc3\x28 x")
    (tiny_seeds / "z_copy.txt").write_text(TINY_REPORTS["a_phien_hop.txt"], "utf-8")
    (tiny_seeds / "huge.txt").write_text("Phiên họp thứ Bảy. " * 200, "utf-8")
    (tiny_seeds / "b_hoi_nghi.txt").write_bytes(b"\x00 corrupted on disk")  # indexed earlier
    (tiny_seeds / "notes.json").write_text("{}", "utf-8")  # not a report: never listed
    result = sync(tiny_seeds, index_dir, fake_embedder, PARAMS, max_bytes=2000)
    (tiny_seeds / "c_moi.txt").write_bytes(NEW)  # arrived after the sync
    expected = {
        "b_hoi_nghi.txt": "binary file (contains NUL bytes); the index keeps its earlier version",
        "binary.txt": "binary file (contains NUL bytes)",
        "c_moi.txt": WAITING,
        "empty.txt": "empty file",
        "huge.txt": "over the 0 MB limit",
        "legacy.txt": "not valid UTF-8",
        "z_copy.txt": "same text as a_phien_hop.txt",
    }

    def matches(found: list[Unindexed]) -> bool:
        return [u.doc for u in found] == list(expected) and all(expected[u.doc] in u.reason for u in found)

    assert matches(unindexed(result, folder_signature(tiny_seeds)))
    assert matches(folder_status(tiny_seeds, load_index(index_dir).documents, max_bytes=2000))  # `index info`


def test_with_nothing_changed_the_index_is_not_loaded(tiny_seeds, tmp_path, fake_embedder, monkeypatch):
    from index import store
    from index import sync as sync_module

    (tiny_seeds / "binary.txt").write_bytes(b"\x00\x01 binary")
    build_index(tiny_seeds, tmp_path / "idx", fake_embedder, PARAMS)

    def no_loading(*args, **kwargs):
        raise AssertionError("the index was loaded although nothing changed")

    monkeypatch.setattr(store, "load_index", no_loading)
    monkeypatch.setattr(sync_module, "build_index", no_loading)
    result = sync(tiny_seeds, tmp_path / "idx", fake_embedder, PARAMS)
    assert not result.written and result.unchanged == sorted(TINY_REPORTS)
    assert unindexed(result, folder_signature(tiny_seeds)) == [
        Unindexed("binary.txt", "binary file (contains NUL bytes)")
    ]


def test_cli_info_lists_the_unindexed_reports(tiny_seeds, tmp_path, fake_embedder, monkeypatch, capsys):
    from index.__main__ import main

    build_index(tiny_seeds, tmp_path / "idx", fake_embedder, PARAMS)
    (tiny_seeds / "broken.txt").write_bytes(b"\x00\x01binary")
    (tiny_seeds / "c_moi.txt").write_bytes(NEW)
    monkeypatch.setenv("MEETINGQA_SEEDS_DIR", str(tiny_seeds))
    monkeypatch.setenv("MEETINGQA_INDEX_DIR", str(tmp_path / "idx"))
    monkeypatch.setenv("MEETINGQA_CHUNK_SIZE", "200")
    monkeypatch.setenv("MEETINGQA_CHUNK_OVERLAP", "0")
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    assert "not indexed: 2 file(s)" in out
    assert "  broken.txt  binary file (contains NUL bytes)" in out and f"  c_moi.txt  {WAITING}" in out


def test_folder_watch_waits_for_a_copy_to_settle(tiny_seeds, tmp_path, fake_embedder):
    result = build_index(tiny_seeds, tmp_path / "idx", fake_embedder, PARAMS)
    watch = FolderWatch(tiny_seeds, result)
    assert not watch.poll() and watch.unindexed == []
    with open(tiny_seeds / "c_moi.txt", "wb") as f:  # a copy in progress
        f.write(NEW[:40])
        f.flush()
        assert not watch.poll() and watch.unindexed == [Unindexed("c_moi.txt", WAITING)]
        f.write(NEW[40:])
    assert not watch.poll()  # grew since the last poll: not settled yet
    assert watch.poll()  # the same as at the last poll: sync now
    watch.record(sync(tiny_seeds, tmp_path / "idx", fake_embedder, PARAMS))
    assert not watch.poll() and watch.unindexed == []


# --- one build at a time

# Holds the build lock of an index until told to let go on stdin.
HOLD = textwrap.dedent("""
    import sys
    from index.store import build_lock
    with build_lock(sys.argv[1]):
        print("LOCKED", flush=True)
        sys.stdin.readline()
""")

# Adds one report with the fake embedder, as `python -m index add` would with the real one.
ADD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from index.chunking import ChunkerParams
    from index.documents import add_report
    from tests.conftest import FakeEmbedder
    seeds, index_dir, name, text = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
    add_report(name, text.encode(), seeds, index_dir, FakeEmbedder(), ChunkerParams(200, 0))
""")


def test_a_build_waits_while_another_process_builds(tiny_seeds, tmp_path, fake_embedder, caplog):
    index_dir = tmp_path / "idx"
    build_index(tiny_seeds, index_dir, fake_embedder, PARAMS)
    holder = python_child(HOLD, index_dir, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == "LOCKED"
        results = []
        adder = threading.Thread(
            target=lambda: results.append(add_report("c_moi.txt", NEW, tiny_seeds, index_dir, fake_embedder, PARAMS))
        )
        adder.start()
        wait_until(lambda: "waiting for it to finish" in caplog.text, "the add to wait for the lock")
        assert adder.is_alive() and results == []
        holder.stdin.write("\n")
        holder.stdin.flush()
        adder.join(timeout=60)
        assert results[0].added == ["c_moi.txt"] and "c_moi.txt" in load_index(index_dir).documents
    finally:
        holder.kill()
        holder.wait()


def test_concurrent_adds_from_several_processes_all_land(tiny_seeds, tmp_path, fake_embedder):
    index_dir = tmp_path / "idx"
    build_index(tiny_seeds, index_dir, fake_embedder, PARAMS)
    names = [f"moi_{i}.txt" for i in range(4)]
    texts = [f"Phiên họp số {i}: {i + 3} triệu tài khoản." for i in range(len(names))]
    children = [python_child(ADD, tiny_seeds, index_dir, name, text) for name, text in zip(names, texts)]
    assert [c.wait(timeout=120) for c in children] == [0] * len(children)
    idx = load_index(index_dir)
    assert sorted(idx.documents) == sorted([*TINY_REPORTS, *names])
    assert {c.doc for c in idx.chunks} == set(idx.documents)
    assert leftovers(tiny_seeds, index_dir) == []


# --- crashes: every point of an upload and of a build, then the next start

# Adds a report with the fake embedder, pausing (and saying so) at one chosen point to be killed.
CRASH = CRASH_CHILD_PRELUDE + textwrap.dedent("""
    real_replace, real_sync = documents.os.replace, documents.sync
    def replace(src, dst):
        pause("upload-part-written")
        real_replace(src, dst)
    def sync(*a, **k):
        pause("upload-in-folder")
        return real_sync(*a, **k)
    documents.os.replace, documents.sync = replace, sync
    documents.add_report("c_moi.txt", sys.argv[4].encode(), seeds, index_dir, SlowEmbedder(), ChunkerParams(200, 0))
    print("DONE", flush=True)
""")


@pytest.mark.parametrize(
    "where",
    ["upload-part-written", "upload-in-folder", "embedding", "writing-index", "between-renames", "after-swap"],
)
def test_the_next_start_after_a_crash_brings_folder_and_index_in_line(tiny_seeds, tmp_path, fake_embedder, where):
    settings = settings_for(tiny_seeds, tmp_path / "idx")
    qa.load(settings, embedder=fake_embedder, progress=False)
    kill_when_paused(CRASH, tiny_seeds, settings.index_dir, where, NEW.decode())
    reached_folder = where != "upload-part-written"  # killed before the rename: the upload never landed
    assert (tiny_seeds / "c_moi.txt").exists() == reached_folder
    p = qa.load(settings, embedder=fake_embedder, progress=False)  # the next start
    expected = sorted([*TINY_REPORTS, "c_moi.txt"] if reached_folder else TINY_REPORTS)
    assert sorted(p.documents) == expected and sorted(load_index(settings.index_dir).documents) == expected
    assert leftovers(tiny_seeds, settings.index_dir) == []
    assert unindexed(p.synced, folder_signature(tiny_seeds)) == []
    if reached_folder:
        assert "70 triệu" in p.ask(QUESTION).text


# --- the running app


def _docs(c) -> list[str]:
    return [d["doc"] for d in c.get("/api/documents").json()]


def test_running_app_follows_the_folder_and_says_what_waits(make_client, tiny_seeds):
    with make_client(watch_seconds=0.05) as c:
        index_dir = c.app.state.settings.index_dir
        health = c.get("/api/health").json()
        assert health["unindexed"] == [] and {"status", "documents", "chunks", "embedder"} <= set(health)
        with build_lock(index_dir):  # a build elsewhere holds the lock: the watcher's sync waits
            (tiny_seeds / "c_moi.txt").write_bytes(NEW)
            wait_until(
                lambda: c.get("/api/health").json()["unindexed"] == [{"doc": "c_moi.txt", "reason": WAITING}],
                "health to list the new report as waiting",
            )
            assert "c_moi.txt" not in _docs(c)  # still served by the old pipeline meanwhile
        wait_until(lambda: "c_moi.txt" in _docs(c), "the new report to be indexed")
        assert c.get("/api/health").json()["unindexed"] == []
        assert "70 triệu" in c.post("/api/ask", json={"question": QUESTION}).json()["answer"]
        (tiny_seeds / "broken.txt").write_bytes(b"\x00\x01binary")
        wait_until(
            lambda: (
                c.get("/api/health").json()["unindexed"]
                == [{"doc": "broken.txt", "reason": "binary file (contains NUL bytes)"}]
            ),
            "health to give the reason the broken file is skipped",
        )
        (tiny_seeds / "c_moi.txt").unlink()
        wait_until(lambda: "c_moi.txt" not in _docs(c), "the removed report to leave the index")


def test_an_upload_is_not_shown_as_waiting(make_client, tiny_seeds):
    auth = {"authorization": "Bearer s3cret"}
    with make_client(api_key="s3cret", watch_seconds=0.05) as c:
        r = c.post("/api/documents", files={"file": ("c_moi.txt", NEW, "text/plain")}, headers=auth)
        assert r.status_code == 200 and r.json()["added"] == ["c_moi.txt"]
        assert c.get("/api/health").json()["unindexed"] == [] and "c_moi.txt" in _docs(c)


@pytest.mark.slow
def test_real_app_indexes_a_report_dropped_into_its_folder(tmp_path):
    from eval.server import running_app

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in TINY_REPORTS.items():
        (seeds / name).write_text(text, "utf-8")
    env = {
        "MEETINGQA_SEEDS_DIR": str(seeds),
        "MEETINGQA_INDEX_DIR": str(tmp_path / "index"),
        "MEETINGQA_WATCH_SECONDS": "0.2",
    }
    with running_app(env) as app:  # builds its index at start-up
        api = app.url + "api/"

        def listed() -> list[str]:
            return [d["doc"] for d in httpx.get(api + "documents", timeout=10).json()]

        assert sorted(listed()) == sorted(TINY_REPORTS)
        tmp = tmp_path / "c_moi.txt"
        tmp.write_bytes(NEW)
        shutil.move(tmp, seeds / "c_moi.txt")
        wait_until(lambda: "c_moi.txt" in listed(), "the dropped report to be listed", timeout=120)
        answer = httpx.post(api + "ask", json={"question": QUESTION}, timeout=30).json()
        assert "70 triệu" in answer["answer"] and answer["sources"][answer["citations"][0] - 1]["doc"] == "c_moi.txt"
        assert httpx.get(api + "health", timeout=10).json()["unindexed"] == []


def test_metadata_read_differently_by_a_newer_version_is_rewritten_without_embedding(
    tiny_seeds, tmp_path, fake_embedder, monkeypatch
):
    import index.ingest

    index_dir = tmp_path / "idx"
    build_index(tiny_seeds, index_dir, fake_embedder, PARAMS)
    chunks_before = [c.id for c in load_index(index_dir).chunks]
    fake_embedder.embedded.clear()
    extract = index.ingest.extract

    def newer(*args, **kwargs):  # an extractor that now reads the body of every report
        return replace(extract(*args, **kwargs), body="Tổ công tác Đề án 06")

    monkeypatch.setattr(index.ingest, "extract", newer)
    result = sync(tiny_seeds, index_dir, fake_embedder, PARAMS)
    assert result.written and result.reread == sorted(TINY_REPORTS) and not result.changed
    assert fake_embedder.embedded == []  # the passages and their vectors are kept
    after = load_index(index_dir)
    assert {m["body"] for m in after.documents.values()} == {"Tổ công tác Đề án 06"}
    assert [c.id for c in after.chunks] == chunks_before  # every passage is still there
    assert not sync(tiny_seeds, index_dir, fake_embedder, PARAMS).written  # and then nothing is left to do

    def retitled(*args, **kwargs):  # a heading read anew is in the passages' vectors: embedded again
        return replace(extract(*args, **kwargs), title="Tiêu đề mới")

    monkeypatch.setattr(index.ingest, "extract", retitled)
    result = sync(tiny_seeds, index_dir, fake_embedder, PARAMS)
    assert result.updated == sorted(TINY_REPORTS) and not result.reread
    assert fake_embedder.embedded and all("· Tiêu đề mới ·" in t for t in fake_embedder.embedded)
