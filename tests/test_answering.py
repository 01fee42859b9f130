"""Answers: quoted figures with [n], refusals decided from the evidence, follow-ups."""

import re

import pytest

from qa.answering import REFUSAL, _reviewed_years, _states_day, proper_names, question_type, spans_of
from qa.followup import is_followup, resolve_followup
from qa.scoring import SPAN_FEATURES


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Năm 2024 có bao nhiêu tài khoản VNeID?", "number"),
        ("Tỷ lệ hộ gia đình có cáp quang?", "number"),
        ("Bộ Công Thương có Ban chỉ đạo từ khi nào?", "temporal"),
        ("Ai dự phiên họp tại Lai Châu?", "who"),
        ("Cơ quan nào chủ trì?", "who"),
        ("Vì sao phải hoàn thiện thể chế số?", "why_how"),
        ("Nghị quyết nhằm mục đích gì?", "why_how"),
        ("Những lĩnh vực nào được ưu tiên?", "list"),
        ("Chuyển đổi số được xác định là nhiệm vụ gì?", "fact"),
        ("ty le ho gia dinh co cap quang", "number"),
    ],
)
def test_question_types(question, expected):
    assert question_type(question) == expected


def test_spans_are_sentences_and_clauses_with_offsets():
    text = (
        "Câu đầu tiên nói về 16,4 triệu tài khoản. Tỷ lệ chung: "
        + "; ".join(f"tỷ lệ nhóm {i} đạt {i}0,5%" for i in range(8))
        + ". Câu cuối."
    )
    spans = spans_of(0, text)
    for s in spans:
        assert text[s.start : s.end] == s.text
    assert any(s.text == "tỷ lệ nhóm 3 đạt 30,5%" for s in spans)
    assert spans[0].text == "Câu đầu tiên nói về 16,4 triệu tài khoản."
    # a list item's number on its own line opens the item; it is no sentence of its own
    items = spans_of(0, "Các nhiệm vụ gồm:\n\n1. Xây dựng đề án số. Trình trong quý I.\n\n12. Đào tạo kỹ năng số.")
    assert [s.text for s in items] == [  # and its number, no figure of the item's, is left out
        "Các nhiệm vụ gồm:",
        "Xây dựng đề án số.",
        "Trình trong quý I.",
        "Đào tạo kỹ năng số.",
    ]
    text = "Các nhiệm vụ gồm:\n\n1. Xây dựng đề án số. Trình trong quý I.\n\n12. Đào tạo kỹ năng số."
    assert all(text[s.start : s.end] == s.text for s in items)


def test_a_sentence_goes_on_after_an_ellipsis_before_a_small_letter():
    # "đ", "ở", "ứ" are small letters, though they sort among the capitals "À".."Ỹ"
    text = "Đưa lên ứng dụng giấy khai sinh, kết hôn... để người dân dùng trước 31-12-2024. Đến nay có 12 tiện ích."
    assert [s.text for s in spans_of(0, text)] == [
        "Đưa lên ứng dụng giấy khai sinh, kết hôn... để người dân dùng trước 31-12-2024.",
        "Đến nay có 12 tiện ích.",
    ]


def test_proper_names():
    assert proper_names("Tỉnh Cà Mau có bao nhiêu tổ?", skip_first=True) == ["Cà Mau"]
    assert proper_names("Ai là Bộ trưởng Bộ Y tế?", skip_first=True) == ["Bộ Y tế"]
    assert proper_names("Bộ Tài chính và Bộ Công an phối hợp với Nguyễn Văn An.") == [
        "Bộ Tài chính",
        "Bộ Công an",
        "Nguyễn Văn An",
    ]


def test_followups_are_rewritten_in_full():
    previous = ["Năm 2024 có bao nhiêu tài khoản VNeID được kích hoạt?"]
    assert (
        resolve_followup("Còn năm 2023 thì sao?", previous) == "Năm 2023 có bao nhiêu tài khoản VNeID được kích hoạt?"
    )
    assert resolve_followup("con nam 2023 thi sao", previous).startswith("Năm 2023 có bao nhiêu")
    assert resolve_followup("Còn năm 2023 thì sao?", []) == "Còn năm 2023 thì sao?"
    meeting = ["Tại Phiên họp thứ Tư, cả nước có bao nhiêu tài khoản định danh?"]
    assert resolve_followup("Còn phiên họp thứ Năm thì sao?", meeting) == (
        "Tại Phiên họp thứ 5, cả nước có bao nhiêu tài khoản định danh?"
    )
    assert resolve_followup("con phien hop thu sau thi sao", meeting).startswith("Tại Phiên họp thứ 6,")
    # a follow-up about something else keeps the previous meeting in the question it asks
    assert "Phiên họp thứ Tư" in resolve_followup("Còn số hồ sơ trực tuyến thì sao?", meeting)
    assert resolve_followup("Tỷ lệ hộ gia đình có cáp quang là bao nhiêu?", previous).startswith("Tỷ lệ")
    assert not is_followup("Tỷ lệ hộ gia đình có cáp quang băng rộng năm 2024 là bao nhiêu?")
    assert not is_followup("Thời tiết Hà Nội ngày mai thế nào?")  # "thế nào" alone asks, it does not refer back
    assert is_followup("Năm 2023 thì sao?") and is_followup("Vậy còn Bộ Công Thương?")


@pytest.fixture
def tiny_pipeline(make_tiny_pipeline):
    return make_tiny_pipeline()


def test_answer_quotes_the_figure_and_cites_it(tiny_pipeline):
    a = tiny_pipeline.ask("Tỷ lệ hộ gia đình có cáp quang băng rộng là bao nhiêu?")
    assert not a.refused and "82,9%" in a.text and a.text.endswith("[1].")
    assert a.citations == [1] and "82,9%" in a.sources[0].text
    n, start, end = a.quotes[0]
    assert n == 1 and a.sources[0].text[start:end] in a.text


def test_every_citation_points_at_a_source(tiny_pipeline):
    for q in (
        "Có bao nhiêu tài khoản trên Cổng Dịch vụ công quốc gia?",
        "Ứng dụng VNeID có bao nhiêu tài khoản?",
        "Doanh thu thương mại điện tử đạt bao nhiêu?",
    ):
        a = tiny_pipeline.ask(q)
        markers = {int(m) for m in re.findall(r"\[(\d+)\]", a.text)}
        assert markers == set(a.citations)
        assert all(1 <= n <= len(a.sources) for n in a.citations)


@pytest.mark.parametrize(
    "question",
    [
        "Thời tiết Hà Nội ngày mai thế nào?",  # out of scope
        "Năm 2019 có bao nhiêu tài khoản trên Cổng Dịch vụ công quốc gia?",  # a year the reports do not cover
        "Tỉnh Cà Mau có bao nhiêu tài khoản VNeID?",  # a province the reports do not name
        "Chỉ số GII của Việt Nam năm 2024 xếp hạng bao nhiêu?",
    ],  # an acronym nowhere in the reports
)
def test_refusals_keep_the_closest_passages(tiny_pipeline, question):
    a = tiny_pipeline.ask(question)
    # a refusal says what is missing when a constraint of the question is unmet, else the general sentence
    said = a.evidence.unmet[0] if a.evidence and a.evidence.unmet else REFUSAL
    assert a.refused and a.text.startswith(said) and a.citations == []
    assert "[" not in a.text
    assert a.evidence is not None and a.evidence.reasons


def test_followup_uses_history(tiny_pipeline):
    first = tiny_pipeline.ask("Năm 2024 tỷ lệ hộ gia đình có cáp quang băng rộng là bao nhiêu?")
    assert not first.refused
    follow = tiny_pipeline.ask("Còn năm 2023 thì sao?", history=[first.question])
    assert follow.question == "Năm 2023 tỷ lệ hộ gia đình có cáp quang băng rộng là bao nhiêu?"
    assert follow.refused  # the tiny reports give the 2024 figure only


def test_report_texts_are_the_stored_reports_read_on_demand(make_tiny_pipeline):
    from index.passages import report_texts
    from qa.answering import ReportTexts

    chunks = make_tiny_pipeline().index.chunks
    texts = ReportTexts(chunks)
    assert dict(texts) == report_texts(list(chunks))  # each report as its passages place it
    listed = ReportTexts(list(chunks))  # a plain list of passages reads the same
    for doc, text in texts.items():
        assert listed[doc] == text
        assert all(text[c.start : c.end] == c.text for c in chunks if c.doc == doc)
        for n in (1, 50, 600, 10_000):
            assert texts.head(doc, n) == text[:n] == listed.head(doc, n)
    assert texts.get("nope.txt", "") == "" and "nope.txt" not in texts


def test_a_consequence_is_quoted_with_the_reason_before_it_even_across_passages():
    from qa.answering import Candidate, _previous_sentence
    from qa.retrieval import Hit

    report = (
        "Theo Bộ trưởng, nguyên nhân là quy trình thẩm định còn nặng về hồ sơ giấy. "
        "Vì vậy, Bộ trưởng yêu cầu chuyển sang hậu kiểm."
    )
    cut = report.index("Vì vậy")
    hits = [  # the consequence opens the first passage; its reason closes the third
        Hit(doc="r", title="t", date=None, text=report[cut:], start=cut, end=len(report), score=1.0, rank=1),
        # another report's sentence that would sit right before it, were it the same report
        Hit(doc="s", title="t", date=None, text="Nguyên nhân khác.", start=cut - 18, end=cut - 1, score=0.5, rank=2),
        Hit(doc="r", title="t", date=None, text=report[: cut - 1], start=0, end=cut - 1, score=0.4, rank=3),
    ]
    cands = [Candidate(span, [0.0], [], True) for i, h in enumerate(hits) for span in spans_of(i, h.text)]
    (chosen,) = [c for c in cands if c.span.text.startswith("Vì vậy")]
    (reason,) = _previous_sentence(cands, chosen, hits)
    assert reason.span.text.startswith("Theo Bộ trưởng, nguyên nhân")  # not another report's sentence
    first = next(c for c in cands if c.span.text.startswith("Theo"))
    assert _previous_sentence(cands, first, hits) == []  # nothing comes before the report's first sentence


def test_the_reason_after_a_restated_problem_may_open_the_next_retrieved_passage():
    from qa.answering import Candidate, _next_sentence
    from qa.retrieval import Hit

    report = "Nhiều xã còn gián đoạn khi xử lý hồ sơ. Nguyên nhân là đường truyền cấp xã chưa ổn định."
    cut = report.index("Nguyên nhân")
    hits = [
        Hit(doc="r", title="t", date=None, text=report[: cut - 1], start=0, end=cut - 1, score=1.0, rank=1),
        Hit(doc="r", title="t", date=None, text=report[cut:], start=cut, end=len(report), score=0.5, rank=2),
    ]
    cands = [Candidate(span, [0.0], [], True) for i, h in enumerate(hits) for span in spans_of(i, h.text)]
    problem, reason = cands
    assert _next_sentence(cands, problem, hits) == [reason]
    assert _next_sentence(cands, problem) == []  # without the passages' places, only its own passage


def test_a_why_question_answered_by_a_restated_problem_also_quotes_its_reports_named_cause():
    from index.stats import IdfTable
    from qa.answering import ExtractiveAnswerer
    from qa.retrieval import Hit

    first = "Tỷ lệ hồ sơ trực tuyến của tỉnh An Thịnh còn thấp, mới đạt 21,4%. Tỉnh lắp thêm 12 trạm."
    later = "Nhiều dịch vụ không phát sinh hồ sơ. Nguyên nhân chủ yếu là người dân quen nộp bản giấy."
    other = "Nguyên nhân chủ yếu là thiếu máy tính ở xã."
    hits = [
        Hit(doc="r", title="t", date=None, text=first, start=0, end=len(first), score=1.0, rank=1),
        Hit(doc="s", title="u", date=None, text=other, start=0, end=len(other), score=0.6, rank=2),
        Hit(doc="r", title="t", date=None, text=later, start=900, end=900 + len(later), score=0.5, rank=3),
    ]
    answerer = ExtractiveAnswerer(IdfTable.of([first, later, other]), {}, {})
    q = answerer.analyse("Vì sao tỷ lệ hồ sơ trực tuyến của tỉnh còn thấp?")
    cands = answerer.candidates(q, hits)
    (chosen,) = [c for c in cands if c.span.sentence.startswith("Tỷ lệ") and c.span.text == c.span.sentence]
    extra = answerer.more_quotes(q, cands, chosen, hits)
    # the next sentence gives no reason; the report's own "Nguyên nhân chủ yếu là …", not another report's
    assert [c.span.text for c in extra] == ["Nguyên nhân chủ yếu là người dân quen nộp bản giấy."]
    # without the passages' places, nothing is looked for beyond the chosen sentence's own passage
    assert answerer.more_quotes(q, cands, chosen) == []


def test_a_why_question_reads_the_named_cause_right_after_its_passage_from_the_report():
    from index.stats import IdfTable
    from qa.answering import ExtractiveAnswerer
    from qa.retrieval import Hit

    problem = "Tỷ lệ hồ sơ trực tuyến của tỉnh An Thịnh vẫn còn thấp so với yêu cầu."
    cause = "Nguyên nhân chủ yếu là nhiều xã chưa có cán bộ chuyên trách."
    report = f"Tỉnh lắp thêm 12 trạm. {problem}\n\n{cause} Tỉnh sẽ mở lớp tập huấn."
    end = report.index(problem) + len(problem)
    hits = [Hit(doc="r", title="t", date=None, text=report[:end], start=0, end=end, score=1.0, rank=1)]
    answerer = ExtractiveAnswerer(IdfTable.of([report]), {}, {"r": report})
    q = answerer.analyse("Vì sao tỷ lệ hồ sơ trực tuyến của tỉnh còn thấp?")
    (chosen,) = [c for c in answerer.candidates(q, hits) if c.span.text == problem]
    read = answerer.cause_after(q, chosen, hits)
    # the report's next sentence, as a passage of its own whose offsets map back to the report
    assert read is not None and read.hit.text == cause == report[read.hit.start : read.hit.end]
    assert read.cand.span.hit_index == len(hits) and read.cand.span.text == cause
    # a way asked for, or a next sentence that names no cause, reads nothing
    how = answerer.analyse("Tỉnh nâng tỷ lệ hồ sơ trực tuyến như thế nào?")
    assert answerer.cause_after(how, chosen, hits) is None
    plain = report.replace("Nguyên nhân chủ yếu là", "Trong khi đó")
    other = ExtractiveAnswerer(IdfTable.of([plain]), {}, {"r": plain})
    assert other.cause_after(q, chosen, hits) is None


def test_a_school_year_asked_is_not_answered_by_another_that_shares_a_year():
    from index.stats import IdfTable
    from qa.answering import ExtractiveAnswerer, school_years
    from qa.retrieval import Hit

    assert school_years("năm học 2030 – 2031 và nam hoc 2031/2032") == {(2030, 2031), (2031, 2032)}
    question = "Tại hội nghị năm học 2031-2032 của Sở, bao nhiêu trường thu học phí không dùng tiền mặt?"
    answerer = ExtractiveAnswerer(IdfTable.of(["x"]), {}, {})
    for sentence, ok in (
        ("Năm học 2030-2031, toàn ngành có 412 trường thu học phí không dùng tiền mặt.", False),
        ("Năm học 2031 - 2032, toàn ngành có 518 trường thu học phí không dùng tiền mặt.", True),
        ("Toàn ngành có 518 trường thu học phí không dùng tiền mặt.", True),  # names no school year
    ):
        hit = Hit(doc="r", title="t", date=None, text=sentence, start=0, end=len(sentence), score=1.0, rank=1)
        (span,) = [s for s in spans_of(0, sentence) if s.text == s.sentence]
        assert answerer._years_ok(question, span, hit) is ok, sentence
    # the refusal names the school year asked
    sentence = "Năm học 2030-2031, toàn ngành có 412 trường thu học phí không dùng tiền mặt."
    hits = [Hit(doc="r", title="t", date=None, text=sentence, start=0, end=len(sentence), score=1.0, rank=1)]
    refusal = answerer.answer(question, hits)
    assert refusal.refused and "năm học 2031-2032" in refusal.text


def test_a_count_of_what_has_been_reached_is_not_answered_by_a_demand_with_a_deadline():
    from qa.answering import only_demands

    demand = "Chủ tịch UBND tỉnh yêu cầu 100% cán bộ phải hoàn thành kích hoạt tài khoản trước ngày 15/5/2031."
    assert only_demands(demand)
    # what has been done, even beside a demand, and a demand without a deadline, are not
    assert not only_demands("Đến nay đã có 436.120 tài khoản được kích hoạt; tỉnh yêu cầu hoàn thành trước ngày 15/5.")
    assert not only_demands("Chủ tịch UBND tỉnh yêu cầu các sở phối hợp chặt chẽ.")
    assert not only_demands("Tỉnh có 436.120 tài khoản được kích hoạt.")
    # not "Ban Chỉ đạo", "giao dịch", "giao đất", "đảm bảo yêu cầu", nor a done count with "trong năm"
    for reached in (
        "Tỉnh tiếp nhận 1.200 hồ sơ, giải quyết trước hạn 1.150 hồ sơ, đảm bảo yêu cầu.",
        "Toàn tỉnh có 12.000 hộ được giao đất, hoàn thành trong năm 2022.",
        "Giá trị giao dịch trực tuyến trong năm tăng 20% so với trước, bảo đảm yêu cầu.",
        "Kế hoạch của Ban Chỉ đạo xác định 142 nhiệm vụ, 37 nhiệm vụ có thời hạn hoàn thành trong quý I/2025.",
    ):
        assert not only_demands(reached), reached
    assert only_demands("Tổ trưởng giao Công an tỉnh phải hoàn thành cấp căn cước trước ngày 30/6.")

    from index.stats import IdfTable
    from qa.answering import ExtractiveAnswerer
    from qa.retrieval import Hit

    text = f"{demand} Trong số này, đã có 436.120 tài khoản được kích hoạt."
    hits = [Hit(doc="r", title="t", date=None, text=text, start=0, end=len(text), score=1.0, rank=1)]
    answerer = ExtractiveAnswerer(IdfTable.of([text]), {}, {})

    def allowed(question: str) -> dict[str, bool]:
        q = answerer.analyse(question)
        return {c.span.text[:10]: c.allowed for c in answerer.candidates(q, hits) if c.span.text == c.span.sentence}

    reached = allowed("Có bao nhiêu tài khoản định danh được kích hoạt?")
    assert reached == {"Chủ tịch U": False, "Trong số n": True}
    # asked for the demand itself, it answers
    assert allowed("Tỉnh yêu cầu bao nhiêu phần trăm cán bộ phải hoàn thành kích hoạt tài khoản?")["Chủ tịch U"]


def test_only_a_why_question_gets_its_reports_named_cause_beside_a_restated_problem():
    from index.stats import IdfTable
    from qa.answering import ExtractiveAnswerer
    from qa.retrieval import Hit

    first = "Tỷ lệ hồ sơ trực tuyến của tỉnh còn thấp, mới đạt 21,4%. Tỉnh lắp thêm 12 trạm."
    later = "Nhiều dịch vụ không phát sinh hồ sơ. Nguyên nhân chủ yếu là người dân quen nộp bản giấy."
    hits = [
        Hit(doc="r", title="t", date=None, text=first, start=0, end=len(first), score=1.0, rank=1),
        Hit(doc="r", title="t", date=None, text=later, start=900, end=900 + len(later), score=0.5, rank=2),
    ]
    answerer = ExtractiveAnswerer(IdfTable.of([first, later]), {}, {})
    for question in ("Tỷ lệ hồ sơ trực tuyến của tỉnh thay đổi như thế nào?", "Tỉnh lắp thêm trạm nhằm mục đích gì?"):
        q = answerer.analyse(question)
        cands = answerer.candidates(q, hits)
        (chosen,) = [c for c in cands if c.span.sentence.startswith("Tỷ lệ") and c.span.text == c.span.sentence]
        assert not any("Nguyên nhân" in c.span.text for c in answerer.more_quotes(q, cands, chosen, hits))


def test_a_why_questions_cause_may_be_stated_in_passing_by_a_sentence_that_shares_its_focus():
    from index.stats import IdfTable
    from qa.answering import ExtractiveAnswerer
    from qa.retrieval import Hit

    first = "Số hộ trồng sầu riêng ghi nhật ký điện tử còn ít, mới 120 hộ. Huyện tổ chức 12 lớp tập huấn."
    later = (
        "Theo Phòng Nông nghiệp, số hộ ghi nhật ký điện tử còn ít vì nhiều nông hộ lớn tuổi chưa quen điện thoại. "
        "Hội nghị do Phó Chủ tịch huyện chủ trì."
    )
    hits = [
        Hit(doc="r", title="t", date=None, text=first, start=0, end=len(first), score=1.0, rank=1),
        Hit(doc="r", title="t", date=None, text=later, start=900, end=900 + len(later), score=0.5, rank=2),
    ]
    answerer = ExtractiveAnswerer(IdfTable.of([first, later]), {}, {})
    q = answerer.analyse("Vì sao số hộ trồng sầu riêng ghi nhật ký điện tử còn ít?")
    cands = answerer.candidates(q, hits)
    (chosen,) = [c for c in cands if c.span.sentence.startswith("Số hộ") and c.span.text == c.span.sentence]
    quoted = [c.span.text for c in answerer.more_quotes(q, cands, chosen, hits)]
    # the sentence that states the cause and the question's words, not the one whose "do" is "by"
    assert quoted == [later.split(". ")[0] + "."]
    # a sentence that names the cause outright comes before one that shares more words
    named = "Nguyên nhân chủ yếu là nông hộ lớn tuổi chưa quen điện thoại."
    hits.append(Hit(doc="r", title="t", date=None, text=named, start=2000, end=2000 + len(named), score=0.4, rank=3))
    answerer = ExtractiveAnswerer(IdfTable.of([first, later, named]), {}, {})
    cands = answerer.candidates(q, hits)
    (chosen,) = [c for c in cands if c.span.sentence.startswith("Số hộ") and c.span.text == c.span.sentence]
    assert [c.span.text for c in answerer.more_quotes(q, cands, chosen, hits)] == [named]


def test_a_day_is_a_day_of_a_month_not_a_share():
    # "… được tổ chức vào ngày nào?" is answered by a day, not by "63/63 địa phương" nor "tháng 6-2023"
    assert _states_day("Sáng 12/1, Ban Chỉ đạo tỉnh An Thịnh họp.")
    assert _states_day("Ngày 5 tháng 3, tỉnh An Thịnh họp.")
    assert not _states_day("Đã kết nối 63/63 địa phương tính đến tháng 6-2023.")
    assert _states_day("Sáng 15-1, tỉnh An Thịnh họp.") and _states_day("Ngày 15.1.2031 tỉnh họp.")
    assert not _states_day("Doanh thu tăng 25-30% mỗi năm.")


def test_a_sentence_that_points_back_holds_the_words_of_the_one_before():
    from qa.answering import _analysed_spans

    text = "Năm 2021 tỉnh tiếp nhận 186.420 hồ sơ thủ tục hành chính. Trong đó có 41.735 hồ sơ được nộp trực tuyến."
    spans = dict((span.text, tokens) for span, tokens in _analysed_spans(text, False))
    part = next(t for s, t in spans.items() if s.startswith("Trong đó"))
    assert {"thủ", "tục", "hành", "chính", "nộp", "trực"} <= part
    # a sentence that does not point back holds its own words only
    alone = _analysed_spans("Năm 2021 tỉnh tiếp nhận hồ sơ thủ tục. Có 41.735 hồ sơ nộp trực tuyến.", False)
    assert "thủ" not in alone[-1][1]
    # a cause gives the reason for what the sentence before states
    cause = _analysed_spans(
        "Vốn thực hiện Nghị quyết 57 mới giải ngân được 38,6%. Nguyên nhân chủ yếu là nhiều dự án phải đổi chủ đầu tư.",
        False,
    )
    assert {"giải", "ngân"} <= cause[-1][1]


def test_a_sentence_that_gives_places_their_figures_holds_the_measure_named_before_it():
    from qa.answering import _analysed_spans

    text = (
        "Toàn tỉnh tiếp nhận 41.200 hồ sơ, trong đó 58,7% được nộp trực tuyến toàn trình. "
        "Kết quả còn chênh lệch. Các phường dẫn đầu: phường Tân An đạt 81,4%, phường Bình Minh đạt 76,9%. "
        "Đặc khu Hòn Ngọc đạt 52,8%. Sở đã số hóa 120 hồ sơ."
    )
    spans = {span.text: tokens for span, tokens in _analysed_spans(text, False)}
    for opening in ("Các phường dẫn đầu", "Đặc khu Hòn Ngọc"):
        listed = next(t for s, t in spans.items() if s.startswith(opening))
        assert {"trực", "tuyến", "toàn", "trình"} <= listed, opening
    # a sentence with a measure of its own, opened by no place, holds its own words only
    assert "tuyến" not in spans["Sở đã số hóa 120 hồ sơ."]
    from qa.answering import _by_place

    for sentence in ("Tỉnh có 12 huyện.", "Huyện đã đạt 95% kế hoạch.", "Thủ tướng Phạm Minh Chính có 3 yêu cầu."):
        assert not _by_place(sentence), sentence
    assert _by_place("Hà Nội đạt 78,6%, Đà Nẵng đạt 76,1%.") and _by_place("Cục Thuế Hà Nội có 9.215 cơ sở.")
    # a unit named by its place: its own name, then the place's head and name
    assert _by_place("Bưu điện tỉnh An Thịnh đạt 142,6 tỷ đồng, chủ yếu từ cà phê.")
    assert _by_place("Bệnh viện Đa khoa tỉnh An Thịnh đạt 31,2%.")
    assert not _by_place("Tỷ lệ hồ sơ của huyện Bình Sơn đạt 61%.")  # a measure of the place names itself
    # a unit named by its province alone, and a figure after "dẫn đầu với"
    assert _by_place("Công ty Điện lực Bình Sơn An Thịnh dẫn đầu với 97,2%, tiếp theo là Hà Nội đạt 95,6%.") is False
    assert _by_place("Công ty Điện lực Long An dẫn đầu với 97,2%, tiếp theo là Cần Thơ đạt 95,6%.")
    # an adverb before the verb ("mới đạt", "chỉ có") still gives the place its figure
    assert _by_place("Tuy nhiên, nhiều xã còn chậm: xã Bình Sơn mới đạt 58,4%, xã Tân Hòa đạt 61,7%.")


def test_a_city_s_tp_before_its_name_ends_no_sentence():
    text = "Đà Nẵng đạt 84,9%, BHXH TP. Hồ Chí Minh đạt 81,2%. Hà Nội đạt 78,3%."
    assert [s.text for s in spans_of(0, text)] == [
        "Đà Nẵng đạt 84,9%, BHXH TP. Hồ Chí Minh đạt 81,2%.",
        "Hà Nội đạt 78,3%.",
    ]


def test_a_place_s_figure_at_a_passage_s_start_is_measured_by_the_report_before_it():
    from index.stats import IdfTable
    from qa.answering import ExtractiveAnswerer
    from qa.retrieval import Hit

    before = "Toàn tỉnh tiếp nhận 41.200 hồ sơ, trong đó 58,7% được nộp trực tuyến toàn trình. "
    passage = "Các phường dẫn đầu: phường Tân An đạt 81,4%, phường Bình Minh đạt 76,9%."
    report = before + passage
    hits = [Hit(doc="r", title="t", date=None, text=passage, start=len(before), end=len(report), score=1.0, rank=1)]
    answerer = ExtractiveAnswerer(IdfTable.of([report, "Tỉnh lắp thêm trạm.", "Bộ họp về dữ liệu."]), {}, {"r": report})
    q = answerer.analyse("Tỷ lệ hồ sơ trực tuyến toàn trình của phường Bình Minh là bao nhiêu?")
    (cand,) = [c for c in answerer.candidates(q, hits) if c.span.text == c.span.sentence]
    alone = ExtractiveAnswerer(IdfTable.of([report, "Tỉnh lắp thêm trạm.", "Bộ họp về dữ liệu."]), {}, {"r": passage})
    (cut,) = [c for c in alone.candidates(q, hits) if c.span.text == c.span.sentence]
    focus = SPAN_FEATURES.index("focus")
    assert cand.x[focus] > 2 * cut.x[focus]  # "hồ sơ trực tuyến toàn trình" read before the passage


def test_a_headline_in_capitals_names_the_place_it_opens_with():
    from qa.answering import _names_title

    title = "BÌNH AN HỌP ĐÁNH GIÁ TRUNG TÂM ĐIỀU HÀNH ĐÔ THỊ THÔNG MINH: HOTLINE 1022 TIẾP NHẬN 8.800 PHẢN ÁNH"
    assert _names_title("Ở Bình An, theo cuộc họp tháng 6/2031, phản ánh được xử lý trong bao lâu?", title)
    assert _names_title("Bình An có bao nhiêu camera nối về trung tâm?", title)
    assert _names_title("Ở Bình An, phản ánh được xử lý trong bao lâu?", "BÌNH AN: HỌP ĐÁNH GIÁ TRUNG TÂM ĐIỀU HÀNH")
    assert not _names_title("Bình Anh có bao nhiêu camera?", title)  # a name, whole
    assert not _names_title("Cả nước có bao nhiêu phản ánh qua đường dây nóng?", title)
    assert not _names_title("Ban Chỉ đạo họp phiên thứ hai khi nào?", "BAN CHỈ ĐẠO HỌP PHIÊN THỨ HAI")


def test_the_whole_year_a_first_quarter_meeting_states_is_the_year_just_ended():
    from index.stats import IdfTable
    from qa.answering import ExtractiveAnswerer
    from qa.retrieval import Hit

    question = "Tỷ lệ hồ sơ trực tuyến cả năm 2031 của tỉnh đạt bao nhiêu?"
    answerer = ExtractiveAnswerer(IdfTable.of(["x"]), {}, {})
    for date, sentence, ok in (
        ("2032-03-16", "Tỷ lệ hồ sơ trực tuyến cả năm đạt 38,7%, tăng so với năm 2030.", True),
        ("2032-03-16", "Tỷ lệ hồ sơ trực tuyến đạt 38,7%.", False),  # no whole year: the meeting's own
        ("2032-07-16", "Tỷ lệ hồ sơ trực tuyến cả năm đạt 38,7%.", False),  # a mid-year meeting's year
        ("2032-03-16", "Tỷ lệ hồ sơ trực tuyến cả năm học đạt 38,7%.", False),  # a school year, not last year
    ):
        hit = Hit(doc="r", title="t", date=date, text=sentence, start=0, end=len(sentence), score=1.0, rank=1)
        (span,) = [s for s in spans_of(0, sentence) if s.text == s.sentence]
        assert answerer._years_ok(question, span, hit) is ok, (date, sentence)


def test_a_sentence_that_lists_its_items_after_a_colon_needs_no_other_quote():
    from index.stats import IdfTable
    from qa.answering import ExtractiveAnswerer
    from qa.retrieval import Hit

    listed = (
        "Năm 2031, Ủy ban tập trung ba nhiệm vụ trọng tâm: hoàn thiện thể chế dữ liệu mở, "
        "xây dựng trung tâm dữ liệu vùng và đào tạo 12.000 kỹ sư số."
    )
    other = "Ủy ban tập trung vào ba nhiệm vụ trọng tâm trong năm 2031 với kinh phí 40 tỷ đồng."
    report = f"{other} {listed}"
    hits = [Hit(doc="r", title="t", date=None, text=report, start=0, end=len(report), score=1.0, rank=1)]
    answerer = ExtractiveAnswerer(IdfTable.of([report, "Tỉnh lắp thêm trạm.", "Bộ họp về dữ liệu."]), {}, {"r": report})
    q = answerer.analyse("Năm 2031 Ủy ban tập trung vào ba nhiệm vụ trọng tâm nào?")
    cands = answerer.candidates(q, hits)
    by_text = {c.span.text.rstrip("."): c for c in cands}
    # the sentence that lists the items is quoted alone; one that only restates the ask still needs them
    assert answerer.more_quotes(q, cands, by_text[listed.rstrip(".")], hits) == []
    assert [c.span.text for c in answerer.more_quotes(q, cands, by_text[other.rstrip(".")], hits)] == [listed]


def test_the_year_a_review_names_is_read_accented_not_from_viet_nam():
    assert _reviewed_years("Hội nghị tổng kết công tác chuyển đổi số năm 2031") == {2031}
    assert _reviewed_years("Sản phẩm được đánh giá cao tại Việt Nam 2031?") == set()
    assert _reviewed_years("hoi nghi tong ket nam 2031") == {2031}


def test_a_sentence_about_those_that_do_does_not_answer_for_those_that_do_not():
    from qa.answering import _states_opposite

    asked = "Cơ quan nào đứng đầu nhóm bộ, ngành không cung cấp dịch vụ công?"
    assert _states_opposite(asked, "Ở nhóm bộ, ngành có cung cấp dịch vụ công, Bộ An Thịnh dẫn đầu với 0,83 điểm.")
    assert not _states_opposite(asked, "Ở nhóm không cung cấp dịch vụ công, Thanh tra An Thịnh đứng đầu.")
    # a sentence that says both, and a question with no "không", are left to the rest
    both = "Nhóm có cung cấp dịch vụ công do Bộ A dẫn đầu, nhóm không cung cấp dịch vụ công do Bộ B dẫn đầu."
    assert not _states_opposite(asked, both)
    assert not _states_opposite("Cơ quan nào đứng đầu nhóm có cung cấp dịch vụ công?", "Nhóm có cung cấp dịch vụ công.")


def test_a_school_year_a_figure_is_compared_with_is_not_the_sentence_s_own():
    from qa.answering import school_years

    sentence = "Quận Hòa An đạt 90,8%; quận Tân Lập đạt 89,4%, trong khi năm học 2029-2030 đạt 74,5%."
    assert school_years(sentence) == {(2029, 2030)}
    assert school_years(sentence, own=True) == frozenset()
    assert school_years("Năm học 2030-2031 đạt 96,2% (năm học 2029-2030 là 85,4%).", own=True) == {(2030, 2031)}


def test_a_meeting_of_the_whole_country_does_not_ask_the_whole_country_s_figure():
    from index.stats import IdfTable
    from qa.answering import ExtractiveAnswerer
    from qa.retrieval import Hit

    text = (
        "Bệnh viện An Thịnh liên thông 2,14 triệu đơn thuốc, Bệnh viện Trung ương Huế liên thông 1,08 triệu đơn thuốc."
    )
    hits = [Hit(doc="r", title="t", date=None, text=text, start=0, end=len(text), score=1.0, rank=1)]
    report = f"Bộ Y tế tổ chức hội nghị trực tuyến toàn quốc về đơn thuốc điện tử.\n\n{text}"
    answerer = ExtractiveAnswerer(IdfTable.of([text]), {"r": {"kind": "hội nghị"}}, {"r": report})

    def allowed(question: str) -> bool:
        q = answerer.analyse(question)
        return any(c.allowed for c in answerer.candidates(q, hits) if c.span.text == c.span.sentence)

    # "hội nghị trực tuyến toàn quốc" names the meeting: a hospital's figure may be asked of it
    assert allowed("Tại hội nghị trực tuyến toàn quốc của Bộ Y tế, Bệnh viện An Thịnh liên thông bao nhiêu đơn thuốc?")
    assert allowed("Tại cuộc họp toàn quốc của Bộ Y tế, Bệnh viện An Thịnh liên thông bao nhiêu đơn thuốc?")
    # the whole country's figure asked in so many words is not a sentence that names a province's
    assert not allowed("Cả nước đã liên thông bao nhiêu đơn thuốc?")
    # nor where the nationwide meeting asks it of no unit; nor, typed bare, "tong hop" ("tổng hợp")
    assert not allowed("Tại hội nghị trực tuyến toàn quốc về đơn thuốc điện tử, đã liên thông bao nhiêu đơn thuốc?")
    assert not allowed("theo so lieu tong hop toan quoc, benh vien an thinh lien thong bao nhieu don thuoc")
    assert not allowed("Tại hội nghị trực tuyến toàn quốc, cả nước đã liên thông bao nhiêu đơn thuốc?")
