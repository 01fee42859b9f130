import unicodedata

import pytest

from index import stats as index_stats
from index.chunking import ChunkerParams
from index.store import build_index, load_index
from qa.retrieval import Retriever


@pytest.fixture
def retriever(tiny_seeds, tmp_path, fake_embedder):
    build_index(tiny_seeds, tmp_path / "idx", fake_embedder, ChunkerParams(150, 0))
    return Retriever(load_index(tmp_path / "idx"), fake_embedder)


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_finds_the_passage_with_the_figure(retriever, mode):
    hits = retriever.search("Tỷ lệ hộ gia đình có cáp quang băng rộng là bao nhiêu?", 3, mode=mode)
    assert hits and "82,9%" in hits[0].text
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:]))
    top = hits[0]
    assert top.doc == "a_phien_hop.txt" and top.date == "2024-03-12" and top.title == "Phiên họp thứ Năm của Ủy ban"


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_bare_and_nfd_queries_find_the_same_passages(retriever, mode):
    proper = "Tỷ lệ hộ gia đình có cáp quang băng rộng là bao nhiêu?"
    expected = [(h.doc, h.start) for h in retriever.search(proper, 3, mode=mode)]
    for variant in (
        "ty le ho gia dinh co cap quang bang rong la bao nhieu?",
        unicodedata.normalize("NFD", proper),
        proper.upper(),
    ):
        assert [(h.doc, h.start) for h in retriever.search(variant, 3, mode=mode)] == expected


def test_d_stroke_is_matched_without_the_stroke(retriever):
    hits = retriever.search("Da Nang dan dau ve dich vu cong", 1, mode="bm25")
    assert hits and "Đà Nẵng" in hits[0].text


def test_filters_by_report_and_year(retriever):
    q = "tài khoản"
    assert {h.doc for h in retriever.search(q, 10, docs=["b_hoi_nghi.txt"])} == {"b_hoi_nghi.txt"}
    assert {h.doc for h in retriever.search(q, 10, year=2023)} == {"b_hoi_nghi.txt"}
    assert {h.doc for h in retriever.search(q, 10, year=2024)} == {"a_phien_hop.txt"}
    assert retriever.search(q, 10, year=1999) == []
    assert retriever.search(q, 10, docs=["nope.txt"]) == []


def test_nothing_to_find_gives_an_empty_list(retriever):
    assert retriever.search("   ", 5) == []
    assert retriever.search("xyzzy", 5, mode="bm25") == []


def test_unknown_mode_is_refused(retriever):
    with pytest.raises(ValueError, match="hybrid, dense, bm25"):
        Retriever(retriever.index, retriever.embedder, mode="magic")  # type: ignore[arg-type]


def test_accent_model_learns_from_a_bounded_spread_of_passages(retriever):
    chunks = retriever.index.chunks
    assert "Phiên họp" in chunks[0].text and "cáp quang" not in chunks[0].text and len(chunks) > 2
    # under the bound every passage is read
    assert retriever.restore_diacritics("phien hop cap quang") == "phiên họp cáp quang"
    # over it, an even spread: here one passage (the first), so words only later stay bare
    sampled = index_stats.compute([c.text for c in chunks], limit=1)
    assert sampled.restorer.restore("phien hop cap quang") == "phiên họp cap quang"


def test_word_statistics_are_written_with_the_index_and_read_back(retriever, tmp_path, fake_embedder):
    stored = retriever.index.stats
    assert stored is not None and (retriever.index.path / index_stats.STATS).is_file()
    fresh = index_stats.compute([c.text for c in retriever.index.chunks])
    assert stored.idf.n == fresh.idf.n and stored.idf.df == fresh.idf.df
    for bare in ("phien hop cap quang", "ty le ho gia dinh", "da nang dan dau"):
        assert stored.restorer.restore(bare) == fresh.restorer.restore(bare)
    # an index written before the statistics existed gets them computed, the same
    (retriever.index.path / index_stats.STATS).unlink()
    old = Retriever(load_index(retriever.index.path), fake_embedder)
    assert old.index.stats is None and old.idf.df == fresh.idf.df
    assert old.restore_diacritics("ty le ho gia dinh") == fresh.restorer.restore("ty le ho gia dinh")


@pytest.mark.parametrize("n", [0, 7, 3_000, 20_000, 200_000])
@pytest.mark.parametrize("depth", [1, 5, 50])
def test_top_positive_finds_the_largest_positive_scores_at_every_size(n, depth):
    """Above 4 * SAMPLE_STRIDE * depth scores the sampled floor narrows the partition; the scores
    kept must still be exactly the depth largest positive ones, with zeros and ties."""
    import numpy as np

    from qa.retrieval import top_positive

    rng = np.random.default_rng(n + depth)
    for zero_share in (0.0, 0.5, 0.99, 1.0):
        scores = np.round(rng.random(n) * 20, 1).astype(np.float32)  # rounded: many ties
        scores[rng.random(n) < zero_share] = 0.0
        ids = top_positive(scores, depth)
        assert len(set(ids.tolist())) == len(ids) and np.all(scores[ids] > 0)
        expected = np.sort(scores[scores > 0])[::-1][:depth]
        assert np.array_equal(np.sort(scores[ids])[::-1], expected)


def test_bm25_also_looks_for_the_official_terms_of_a_question_s_everyday_words(make_tiny_pipeline, tiny_seeds):
    from qa.lexicon import official_terms

    assert official_terms("Bao nhiêu người lớn đã có chữ ký điện tử?") == ("người trưởng thành", "chữ ký số")
    assert official_terms("nguoi lon co chu ky dien tu", bare=True) == ("người trưởng thành", "chữ ký số")
    assert official_terms("Có bao nhiêu tài khoản?") == ()
    top = _first_bm25_hit(
        make_tiny_pipeline,
        tiny_seeds,
        {
            "c_tinh.txt": "Hội nghị tổng kết năm 2024 của tỉnh.\n\n"
            "Về xã hội số, 41% người trưởng thành đã có chữ ký số.",
            "d_huyen.txt": "Hội nghị tập huấn của huyện.\n\n"
            "Người lớn tuổi ở các xã được hướng dẫn đăng ký chữ ký điện tử.",
        },
        "Bao nhiêu phần trăm người lớn đã có chữ ký điện tử?",
    )
    assert "41% người trưởng thành" in top


def _first_bm25_hit(make_tiny_pipeline, tiny_seeds, reports: dict[str, str], question: str) -> str:
    """The text of BM25's first passage for ``question`` once ``reports`` join the tiny seeds."""
    for name, text in reports.items():
        (tiny_seeds / name).write_text(text, encoding="utf-8")
    return make_tiny_pipeline().search(question, 2, mode="bm25")[0].text


def test_a_period_is_searched_in_its_other_written_forms():
    from qa.references import period_forms
    from qa.retrieval import bm25_terms

    assert period_forms((2022, 1, 3)) == ("quý I/2022", "3 tháng đầu năm 2022")
    assert period_forms((2023, 1, 6)) == ("6 tháng đầu năm 2023", "nửa đầu năm 2023")
    assert period_forms((2021, 7, 12)) == ("6 tháng cuối năm 2021",)
    assert period_forms((2024, 1, 12)) == ()
    assert "quy_i" in bm25_terms("Ba tháng đầu năm 2022, cổng nhận bao nhiêu hồ sơ?")
    assert "quy_i" in bm25_terms("Trong 3 tháng đầu năm 2022 tỉnh có bao nhiêu tài khoản?")
    assert "quy_iii" not in bm25_terms("Ba tháng đầu năm 2022, cổng nhận bao nhiêu hồ sơ?")
    # the period a meeting reviews is matched against the reports' metadata, not searched for
    assert "nua_dau" not in bm25_terms("Tại hội nghị sơ kết 6 tháng đầu năm 2023, Thủ tướng yêu cầu gì?")
    assert "nua_dau" in bm25_terms("Trong 6 tháng đầu năm 2023, tỉnh cấp bao nhiêu chữ ký số?")


def test_bm25_finds_a_quarter_asked_for_as_its_first_three_months(make_tiny_pipeline, tiny_seeds):
    top = _first_bm25_hit(
        make_tiny_pipeline,
        tiny_seeds,
        {
            "c_cong.txt": "Phiên họp của Tổ công tác.\n\nTrong quý I/2022, cổng tiếp nhận 48.210 hồ sơ trực tuyến.",
            "d_ke_hoach.txt": "Kế hoạch của tỉnh.\n\n"
            "Ba tháng đầu năm học, tỉnh chuẩn bị để cổng tiếp nhận hồ sơ trực tuyến.",
        },
        "Ba tháng đầu năm 2022 cổng tiếp nhận bao nhiêu hồ sơ trực tuyến?",
    )
    assert "48.210" in top
