"""Questions split into focus and context; candidate sentences scored by the fitted model."""

import json
import math

import numpy as np
import pytest

from index.vietnamese import fold
from qa.followup import is_followup
from qa.question import analyse, asks_extreme, asks_meeting_role, measure_of, question_type, token_set
from qa.scoring import (
    ANSWER_FEATURES,
    SPAN_FEATURES,
    AnswerModel,
    Linear,
    relative_features,
    states_kind,
    states_measure,
)


def test_the_meeting_and_the_year_are_context_not_focus():
    q = analyse("Tại Phiên họp thứ Ba năm 2022, cả nước có bao nhiêu tài khoản VNeID?")
    assert q.kind == "number" and not q.bare
    assert set(q.focus) == {"cả", "nước", "tài", "khoản", "vneid"}
    assert {"phiên", "họp", "#3", "2022"} <= q.context


def test_body_place_and_period_are_context():
    q = analyse("Hội nghị sơ kết 6 tháng đầu năm 2024 của tỉnh Quảng Ninh giao mấy nhiệm vụ?")
    assert set(q.focus) == {"giao", "nhiệm", "vụ"}
    assert {"quảng", "ninh", "2024", "sơ", "kết"} <= q.context


def test_a_period_in_words_is_context():
    q = analyse("Ba tháng đầu năm 2022, bao nhiêu hồ sơ trực tuyến đã được nộp?")
    assert {"ba", "tháng", "đầu", "2022"} <= q.context
    assert "ba" not in q.focus and "tháng" not in q.focus
    assert "nửa" in analyse("Nửa đầu năm 2023, cả nước có bao nhiêu tài khoản?").context
    # a source clause that closes the question is context; one that opens it, or asks, is not all of it
    closing = analyse("Tỉnh đã chi bao nhiêu tiền cho công nghệ thông tin, theo hội nghị tổng kết của tỉnh?")
    assert set(closing.focus) == {"tỉnh", "chi", "tiền", "công", "nghệ", "thông", "tin"}
    for question in (
        "Tại sao tỷ lệ hồ sơ trực tuyến còn thấp theo báo cáo của Sở?",
        "Tại hội nghị sơ kết 6 tháng đầu năm 2024 có bao nhiêu tài khoản được tạo?",
        "Năm 2023, có bao nhiêu hồ sơ trực tuyến, theo hội nghị nào?",
    ):
        assert {"hồ", "tài", "tạo"} & set(analyse(question).focus)
    assert "tp" not in analyse("TP.Hồ Chí Minh có bao nhiêu hồ sơ?").focus


def test_how_an_answer_is_asked_for_is_neither_focus_nor_context():
    # a percentage asked, a hedge, "lần lượt", a list's head, a role or a name asked
    cases = {
        "Năm 2023, bao nhiêu phần trăm văn bản đi được ký số?": {"văn", "bản", "đi", "ký", "số"},
        "Công an đã cấp khoảng bao nhiêu thẻ căn cước?": {"công", "an", "cấp", "thẻ", "căn", "cước"},
        "Doanh thu năm 2021 và năm 2023 lần lượt là bao nhiêu?": {"doanh", "thu"},
        "Phiên họp chuyên đề bàn về những nội dung nào?": {"bàn"},
        "Ông Lê Văn Ba giữ vai trò gì trong Tổ công tác?": {"giữ", "tổ", "công", "tác"},
        "Ứng dụng du lịch của tỉnh có tên là gì?": {"ứng", "dụng", "du", "lịch", "tỉnh"},
    }
    for question, focus in cases.items():
        q = analyse(question)
        assert set(q.focus) == focus, question
        assert not {"phần", "trăm", "khoảng", "lần", "lượt", "nội", "dung", "vai", "trò", "tên"} & q.context
    assert analyse("Năm 2023, bao nhiêu phần trăm văn bản đi được ký số?").measure == "%"
    # the same words where they say what is asked stay focus
    assert {"nội", "dung"} <= set(analyse("Nội dung số được tải bao nhiêu lần?").focus)
    assert "khoảng" in analyse("Khoảng cách số giữa hai vùng là bao nhiêu?").focus
    assert {"phần", "trăm"} <= set(analyse("Tỷ lệ tăng bao nhiêu điểm phần trăm?").focus)
    # typed without diacritics
    assert not {"phan", "tram"} & set(analyse("bao nhieu phan tram van ban di duoc ky so?").focus)


def test_a_meeting_named_by_the_period_it_reviews_is_context():
    q = analyse("Sơ kết 6 tháng đầu năm 2023: cả nước đã có bao nhiêu tổ công nghệ số cộng đồng?")
    assert {"sơ", "kết"} <= q.context and not {"sơ", "kết"} & set(q.focus)
    assert {"tổng", "kết"} <= analyse("Tổng kết năm 2024: tỷ lệ phủ sóng 5G là bao nhiêu?").context
    assert {"kết", "quả"} <= set(analyse("Kết quả tổng kết cho thấy gì?").focus)


def test_a_steering_committee_s_full_name_is_context_but_a_meeting_s_topic_is_focus():
    q = analyse(
        "Ai trình bày báo cáo tại phiên họp thứ hai của Ban Chỉ đạo Trung ương về phát triển khoa học, "
        "công nghệ, đổi mới sáng tạo và chuyển đổi số?"
    )
    assert set(q.focus) == {"trình", "bày"}
    q = analyse("Phiên họp chuyên đề về dữ liệu y tế năm 2024 do ai chủ trì?")
    assert {"dữ", "liệu", "y", "tế", "chủ", "trì"} <= set(q.focus)  # tells it from other topics' meetings

    # a province's committee names its place between the head and the rest of its name
    for typed in (
        "Tại phiên họp thứ nhất của Ban Chỉ đạo tỉnh An Giang về khoa học, công nghệ, đổi mới sáng tạo "
        "và chuyển đổi số, tỉnh bố trí bao nhiêu kinh phí?",
        "tai phien hop thu nhat cua ban chi dao tinh an giang ve khoa hoc, cong nghe, doi moi sang tao "
        "va chuyen doi so, tinh bo tri bao nhieu kinh phi?",
    ):
        q = analyse(typed)
        assert {"chuyen", "cong", "nghe", "sang", "tao"} & {fold(t) for t in q.focus} == set(), typed
        assert {"kinh", "phi"} <= {fold(t) for t in q.focus}


def test_the_particles_of_everyday_speech_are_not_asked():
    q = analyse("Hôm đó ứng dụng của tỉnh đã có bao nhiêu lượt tải về điện thoại rồi, nghe nói nhiều lắm?")
    assert not {"hôm", "rồi", "nói", "lắm"} & set(q.focus)
    assert {"tải", "điện", "thoại"} <= set(q.focus)
    # typed without accents, "nghe" is also "nghề" and "nghệ"; "kiểu mẫu" is a model
    assert "nghe" in analyse("cong nghe thong tin co bao nhieu doanh nghiep").focus
    assert "kiểu" in analyse("Có bao nhiêu xã nông thôn mới kiểu mẫu?").focus


def test_now_as_people_say_it_is_a_time_but_an_hour_is_asked():
    assert "giờ" not in analyse("Làm giấy khai sinh giờ chỉ phải chờ khoảng mấy ngày?").focus
    assert "giờ" not in analyse("Tới giờ có bao nhiêu giấy phép lái xe trên VNeID?").focus
    assert "giờ" in analyse("Vì sao Cổng dịch vụ công bị chậm vào giờ cao điểm?").focus
    assert "giờ" in analyse("Bao nhiêu hồ sơ được xử lý trong 24 giờ?").focus
    assert "giờ" in analyse("Số giờ đào tạo là bao nhiêu?").focus
    assert "giờ" in analyse("Bộ phận một cửa có giờ làm việc là bao lâu?").focus
    assert "gio" in analyse("tinh co bao nhieu du an dien gio co cong suat lon").focus  # "gió", typed bare


def test_the_document_a_question_cites_is_context():
    q = analyse("Theo Thông báo kết luận số 27/TB-UBND, tỉnh đã cấp bao nhiêu chứng thư số?")
    assert set(q.focus) == {"tỉnh", "cấp", "chứng", "thư", "số"}
    assert {"thông", "kết", "luận", "27", "tb", "ubnd"} <= q.context


def test_a_bare_question_is_split_in_its_restored_form_and_compared_folded():
    bare = "tai phien hop thu ba co bao nhieu tai khoan"
    q = analyse(bare, restored="tại phiên họp thứ Ba có bao nhiêu tài khoản")
    assert q.bare and set(q.focus) == {"tai", "khoan"}  # "bao nhiêu" is a question word, once restored
    assert q.tokens("Có 16 triệu TÀI KHOẢN") >= {"tai", "khoan"}


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Nêu một số nhiệm vụ trọng tâm của năm 2025.", "list"),
        ("Vì sao tỷ lệ hồ sơ trực tuyến ở cấp xã còn thấp?", "why_how"),
        ("Điều gì khiến tỷ lệ thanh toán trực tuyến của huyện còn thấp?", "why_how"),  # not a rate asked
        ("Do đâu mà số tài khoản tăng chậm?", "why_how"),
        ("Đơn vị đầu mối của tỉnh là gì?", "fact"),  # "vị đầu" is not "vì đâu"
        ("Bao nhiêu phần trăm tăng trưởng do đầu tư công đóng góp?", "number"),  # "do đầu tư" is not "do đâu"
        ("Ai chủ trì hội nghị?", "who"),
        ("Phiên họp diễn ra vào ngày nào?", "temporal"),
        ("Tỉnh An Thịnh họp tổng kết năm 2031 vào hôm nào?", "temporal"),
        ("Tỉnh đặt hạn chót nào để làm sạch dữ liệu hộ tịch?", "temporal"),
        ("Có bao nhiêu tài khoản?", "number"),
        ("Tỉnh Bến Tre xếp hạng thứ mấy?", "number"),
        ("Những tỉnh nào dẫn đầu bảng xếp hạng năm 2026?", "list"),  # a ranking table is not a rank asked
        # which one ranks last, a name: the rate describes it, no figure is asked
        ("Xã nào có tỷ lệ kích hoạt tài khoản định danh điện tử thấp nhất?", "fact"),
        ("xa nao co ty le kich hoat tai khoan thap nhat", "fact"),
        ("Tỷ lệ kích hoạt cao nhất là bao nhiêu?", "number"),
    ],
)
def test_question_kinds(question, kind):
    assert question_type(question) == kind


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Xã nào có tỷ lệ kích hoạt tài khoản thấp nhất?", True),
        ("Hai phường dẫn đầu về tỷ lệ hồ sơ trực tuyến là những phường nào?", True),
        ("xa nao co ty le kich hoat thap nhat", True),
        ("Phiên họp thứ nhất sau hợp nhất của tỉnh nào?", False),  # an ordinal, a merger
        ("Cổng phải hỗ trợ ký số chậm nhất vào thời điểm nào?", False),  # a deadline
        ("Tỷ lệ cao nhất là bao nhiêu?", False),  # a figure, not which one
        ("Tỷ lệ hồ sơ của xã nào, nhất là vùng cao, còn thấp?", False),  # "nhất là": especially
    ],
)
def test_which_one_ranks_first_or_last(question, asks):
    assert asks_extreme(question) is asks


def test_what_states_each_kind_of_answer():
    q = "Ai chủ trì hội nghị của tỉnh Hà Tĩnh?"
    assert states_kind("who", "Phó Chủ tịch UBND tỉnh Lê Văn Minh chủ trì hội nghị.", q)
    assert not states_kind("who", "Hội nghị của tỉnh Hà Tĩnh diễn ra chiều 13/7.", q)  # names only the asked place
    assert states_kind("number", "Có 16,4 triệu tài khoản.", "")
    assert not states_kind("number", "Năm 2024 có nhiều tài khoản.", "")  # a year is not the figure asked for
    # nor is the period or the day a figure is counted over
    assert not states_kind("number", "Kết quả 8 tháng năm 2024 cho thấy ứng dụng được dùng nhiều hơn.", "")
    assert not states_kind("number", "Chiều 14/3, Phó Thủ tướng chủ trì phiên họp.", "")
    assert not states_kind("number", "Trong quý I/2022, số tài khoản tăng nhanh.", "")
    assert states_kind("number", "Trong quý I/2022, Cổng có 167.000 tài khoản.", "")
    assert states_kind("number", "Đã có 52/63 địa phương kết nối.", "")  # a share, not a day
    assert states_kind("number", "Thời gian giảm xuống 5 ngày.", "")
    for day in ("Ngày 05/3/2024, Sở họp.", "Ngày 05/03, Sở họp.", "Ngày 5 tháng 3 năm 2024, Sở họp."):
        assert not states_kind("number", day, "")
    # a date written with hyphens is a date, and no figure
    assert states_kind("temporal", "Các tiện ích phải hoàn thành trước 31-12-2024.", "")
    assert states_kind("temporal", "Số liệu tính đến tháng 6-2023.", "")
    assert not states_kind("temporal", "Mức tăng khoảng 25-30% mỗi năm.", "")
    # a time the question names already is no answer to it
    q = "Tỉnh An Thịnh họp tổng kết năm 2031 vào hôm nào?"
    assert not states_kind("temporal", "An Thịnh tổng kết năm 2031: hồ sơ trực tuyến tăng mạnh.", q)
    assert states_kind("temporal", "Sáng 12/1, tỉnh An Thịnh tổng kết năm 2031.", q)
    # on its boundaries: "tháng 1" is not the "tháng 12" a question names, nor "2/1" its "12/1"
    assert states_kind(
        "temporal", "Phiên họp sau diễn ra vào tháng 1.", "Phiên họp tháng 12 kết luận gì, khi nào họp tiếp?"
    )
    assert states_kind("temporal", "Tỉnh họp tiếp ngày 2/1.", "Sau cuộc họp 12/1, khi nào họp tiếp?")
    assert not states_kind("number", "Các tiện ích phải hoàn thành trước 31-12-2024.", "")
    assert states_kind("why_how", "Nguyên nhân là nhiều xã thiếu máy quét.", "")
    assert states_kind("list", "Các nhiệm vụ gồm: hoàn thiện thể chế; phát triển hạ tầng.", "")
    assert states_kind("fact", "Bất kỳ câu nào.", "") is None


def test_a_why_question_is_answered_by_a_cause_and_a_what_for_question_by_a_purpose():
    problem = "Tỷ lệ thanh toán trực tuyến mới đạt 12,4%, thấp hơn nhiều so với mục tiêu 25%."
    cause = "Nguyên nhân là người dân vẫn quen nộp phí bằng tiền mặt."
    why = "Vì sao tỷ lệ thanh toán trực tuyến còn thấp?"
    assert not states_kind("why_how", problem, why)  # its target is not a cause
    assert states_kind("why_how", cause, why)
    assert states_kind("why_how", cause, "Nguyen nhan nao khien ty le thanh toan thap?")
    what_for = "Hệ thống được xây dựng nhằm mục đích gì?"
    assert states_kind("why_how", "Hệ thống giúp giảm thời gian chờ của người dân.", what_for)
    assert not states_kind("why_how", "Hệ thống do Sở Tài chính quản lý.", what_for)
    assert states_kind("why_how", problem, "Tỷ lệ thanh toán trực tuyến thay đổi như thế nào?")  # how: either


def test_focus_gap_compares_a_candidate_with_the_best():
    rows = [[0.0] * len(SPAN_FEATURES) for _ in range(2)]
    rows[0][SPAN_FEATURES.index("focus")], rows[1][SPAN_FEATURES.index("focus")] = 0.8, 0.5
    relative_features(rows)
    assert [r[SPAN_FEATURES.index("focus_gap")] for r in rows] == [0.0, pytest.approx(-0.3)]


def test_the_answer_model_round_trips_and_refuses_a_stale_file(tmp_path):
    model = AnswerModel(
        Linear(SPAN_FEATURES, np.arange(len(SPAN_FEATURES), dtype=float), 0.5),
        Linear(ANSWER_FEATURES, np.ones(len(ANSWER_FEATURES)), -1.0),
        0.3,
    )
    path = tmp_path / "answerer.json"
    model.save(path)
    again = AnswerModel.load(path)
    assert again.threshold == 0.3 and np.allclose(again.span.weights, model.span.weights)
    data = json.loads(path.read_text("utf-8"))
    data["span"]["features"] = ["focus"]
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(RuntimeError, match="other features"):
        AnswerModel.load(path)
    data["span"]["features"] = ["focus", "not computed"]
    data["span"]["weights"] = [1.0, 1.0]
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(RuntimeError, match="not computed"):
        AnswerModel.load(path)
    with pytest.raises(RuntimeError, match="cannot read"):
        AnswerModel.load(tmp_path / "missing.json")


def test_a_model_of_fewer_features_scores_their_columns():
    """A model may use a subset of the computed features (eval/answerer.py chooses them on tune)."""
    model = Linear.over(SPAN_FEATURES, ("rank", "focus"), [2.0, 10.0], 1.0)
    row = np.zeros(len(SPAN_FEATURES))
    row[SPAN_FEATURES.index("focus")], row[SPAN_FEATURES.index("rank")] = 0.5, 0.25
    row[SPAN_FEATURES.index("clause")] = 100.0  # not a feature of this model: ignored
    assert model.score(np.array([row]))[0] == pytest.approx(1.0 + 2.0 * 0.25 + 10.0 * 0.5)


def test_the_shipped_model_is_loadable_and_scores_focus_up():
    model = AnswerModel.load()
    assert model.span.weights[model.span.features.index("focus")] > 0  # stating what is asked is evidence
    assert 0.0 < model.threshold < 1.0


def test_a_sentence_that_restates_the_meeting_does_not_answer(make_tiny_pipeline):
    a = make_tiny_pipeline().ask(
        "Tại Phiên họp thứ Năm, cả nước có bao nhiêu tài khoản trên Cổng Dịch vụ công quốc gia?"
    )
    assert not a.refused and "16,4 triệu" in a.text and "chủ trì" not in a.text


def test_a_figure_question_is_not_answered_by_a_sentence_without_a_figure(make_tiny_pipeline, tiny_seeds):
    (tiny_seeds / "c_recap.txt").write_text(
        "Phiên họp thứ Sáu năm 2024.\n\nTỷ lệ hộ gia đình có cáp quang băng rộng được nhắc lại trong phụ lục.",
        encoding="utf-8",
    )
    a = make_tiny_pipeline().ask("Tỷ lệ hộ gia đình có cáp quang băng rộng là bao nhiêu?")
    assert not a.refused and "82,9%" in a.text


def test_a_name_no_report_uses_is_refused_by_name(make_tiny_pipeline):
    pipeline = make_tiny_pipeline()
    a = pipeline.ask("Tập đoàn Vinaphone có bao nhiêu tài khoản trên Cổng Dịch vụ công quốc gia?")
    assert a.refused and a.text.startswith("Các báo cáo không có thông tin này về Vinaphone.")
    # a sentence's first word is capitalised whatever it is, and an acronym may be spelled out
    assert pipeline.extractive.unknown_names("Nửa đầu năm có bao nhiêu tài khoản VNeID?") == []
    assert pipeline.extractive.unknown_names("Xuất khẩu dịch vụ CNTT đạt bao nhiêu?") == []


def _answer_over(make_tiny_pipeline, tiny_seeds, report: str, question: str):
    """The answer to ``question`` with ``report`` added to the tiny reports; every quote verbatim."""
    (tiny_seeds / "c_added.txt").write_text(report, encoding="utf-8")
    a = make_tiny_pipeline(chunk_size=400).ask(question)
    for n, start, end in a.quotes:
        assert a.sources[n - 1].text[start:end].rstrip(" .;,:") in a.text
    return a


def test_who_held_a_role_at_the_meeting_is_answered_by_the_sentence_that_names_the_role(make_tiny_pipeline, tiny_seeds):
    # the opening restates the meeting's long name; the chair is named further on
    report = (
        "Bộ Giao thông vận tải đánh giá một năm số hóa hồ sơ phương tiện thủy nội địa\n\n"
        "Sáng 4/11/2025, Bộ Giao thông vận tải tổ chức hội nghị đánh giá một năm số hóa hồ sơ phương tiện "
        "thủy nội địa trên phạm vi toàn quốc. Thứ trưởng Bộ Giao thông vận tải Trần Quang Vĩnh chủ trì "
        "hội nghị. Báo cáo tại hội nghị, Cục trưởng Lê Minh Đạt cho biết đã số hóa 41.250 hồ sơ."
    )
    for question in (
        "Ai chủ trì hội nghị đánh giá một năm số hóa hồ sơ phương tiện thủy nội địa trên phạm vi toàn quốc?",
        "hoi nghi danh gia mot nam so hoa ho so phuong tien thuy noi dia do ai chu tri?",
    ):
        a = _answer_over(make_tiny_pipeline, tiny_seeds, report, question)
        assert not a.refused and "Trần Quang Vĩnh" in a.text, question
    a = _answer_over(
        make_tiny_pipeline, tiny_seeds, report, "Ai báo cáo tại hội nghị đánh giá số hóa hồ sơ phương tiện thủy?"
    )
    assert not a.refused and "Lê Minh Đạt" in a.text
    # who presented the report is who reported ("Báo cáo tại hội nghị, …")
    a = _answer_over(
        make_tiny_pipeline,
        tiny_seeds,
        report,
        "Tại hội nghị đánh giá số hóa hồ sơ phương tiện thủy, ai là người trình bày báo cáo?",
    )
    assert not a.refused and "Lê Minh Đạt" in a.text, a.text
    # a meeting none of the reports holds is not answered with another meeting's chair
    a = _answer_over(
        make_tiny_pipeline, tiny_seeds, report, "Ai chủ trì hội nghị về an ninh mạng của ngành đường thủy năm 2025?"
    )
    assert a.refused
    # the report's sentence is read accented whatever the question: "phối hợp" names no meeting ("họp")
    from qa.answering import _MEETING_WORDS, _says_word

    assert not _says_word("Thứ trưởng chủ trì, phối hợp với các cục số hóa hồ sơ.", _MEETING_WORDS)
    assert _says_word("Thứ trưởng chủ trì phiên họp.", _MEETING_WORDS)
    assert asks_meeting_role("Hội nghị do ai chủ trì?") == "chủ trì"
    assert asks_meeting_role("ai la nguoi trinh bay tham luan tai phien hop?") == "trình bày"  # read back accented
    assert asks_meeting_role("ai la nguoi trinh bay bao cao tai phien hop?") == "báo cáo"  # who reported
    assert asks_meeting_role("Bộ nào chủ trì xây dựng đề án?") is None  # a body's task, not a role at the meeting
    assert asks_meeting_role("Ai chủ trì xây dựng đề án?") is None  # no meeting named
    assert asks_meeting_role("Hội nghị cho biết bao nhiêu tỉnh ứng dụng AI dự báo thời tiết?") is None  # the acronym


def test_who_presented_a_report_is_answered_by_the_sentence_that_names_the_presenter(make_tiny_pipeline, tiny_seeds):
    # the presenter's sentence names no meeting: the report's meeting is the one asked about
    report = (
        "Ban Chỉ đạo tỉnh An Thịnh họp phiên thứ ba\n\n"
        "Sáng 12/1/2032, Ban Chỉ đạo tỉnh An Thịnh tổ chức phiên họp thứ ba. Thay mặt Ban Chỉ đạo, Giám đốc Sở "
        "Khoa học và Công nghệ Đinh Thị Hạnh Nguyên, Phó Trưởng ban, trình bày báo cáo tóm tắt tình hình thực "
        "hiện nhiệm vụ năm 2031. Toàn tỉnh có 412 điểm phát wifi công cộng."
    )
    for question in (
        "Ai báo cáo tình hình thực hiện nhiệm vụ tại phiên họp thứ ba của Ban Chỉ đạo tỉnh An Thịnh?",
        "Tại phiên họp thứ ba của Ban Chỉ đạo tỉnh An Thịnh, ai thay mặt Ban Chỉ đạo trình bày báo cáo?",
    ):
        a = _answer_over(make_tiny_pipeline, tiny_seeds, report, question)
        assert not a.refused and "Đinh Thị Hạnh Nguyên" in a.text, (question, a.text)
    from qa.answering import _PRESENTER

    assert _PRESENTER.search("Theo báo cáo do Thứ trưởng Bộ Thủy sản Lê Văn Hậu trình bày, năm 2031 có 12 sự cố.")
    assert _PRESENTER.search("Giám đốc Sở Tài chính Võ Văn Thạch báo cáo, trong 9 tháng tỷ lệ đạt 44,1%.")
    # a body's report, or a demand that one report, names no presenter
    assert not _PRESENTER.search("Theo báo cáo của Sở Y tế, tỷ lệ đạt 44,1%.")
    assert not _PRESENTER.search("Phó Chủ tịch UBND tỉnh yêu cầu các sở báo cáo kết quả trước ngày 5/10.")
    assert _PRESENTER.search("Đại tá Lê Văn Hùng, Phó Giám đốc Công an tỉnh, Tổ phó, báo cáo: có 2,3 triệu tài khoản.")
    for sentence in (  # a named chair who asks a department to report, a body, one who cites a report
        "Phó Chủ tịch UBND tỉnh Trần Văn Bình yêu cầu Sở Khoa học và Công nghệ báo cáo, đề xuất giải pháp.",
        "Chủ tịch UBND tỉnh Lê Văn Bảo giao Sở Tài chính trình bày báo cáo thẩm định.",
        "Công an tỉnh An Thịnh báo cáo, tỷ lệ kích hoạt đạt 40%.",
        "Giám đốc Sở Y tế Trần Văn Cường cho biết, theo báo cáo, tỷ lệ đạt 40%.",
    ):
        assert not _PRESENTER.search(sentence), sentence
    # on behalf of a body whose name holds another role ("dự án", "chủ trì"), the role is the speaking one
    assert asks_meeting_role("Ai thay mặt Ban Quản lý dự án trình bày báo cáo tại hội nghị?") == "báo cáo"
    assert asks_meeting_role("ai thay mat don vi chu tri trinh bay bao cao tai phien hop?") == "báo cáo"
    assert asks_meeting_role("Tại phiên họp, ai thay mặt Tổ công tác trình bày báo cáo?") == "báo cáo"


def test_a_list_quotes_its_items_after_the_heading(make_tiny_pipeline, tiny_seeds):
    a = _answer_over(
        make_tiny_pipeline,
        tiny_seeds,
        "Phiên họp thứ Tám năm 2025.\n\n"
        "Ủy ban thống nhất ba nhóm nhiệm vụ trọng tâm của năm 2026:\n"
        "Hoàn thiện thể chế dữ liệu mở, xây dựng trung tâm dữ liệu vùng và đào tạo 12.000 kỹ sư số.",
        "Những nhiệm vụ trọng tâm nào của năm 2026 được thống nhất?",
    )
    assert not a.refused and "trung tâm dữ liệu vùng" in a.text
    assert a.text.count("[1]") >= 2 and len(a.quotes) >= 2  # the heading and its items, each cited


def test_a_why_question_quotes_the_reason_after_a_sentence_that_restates_it(make_tiny_pipeline, tiny_seeds):
    a = _answer_over(
        make_tiny_pipeline,
        tiny_seeds,
        "Phiên họp thứ Chín năm 2025.\n\n"
        "Ủy ban nhận định số giao dịch trên cổng thanh toán điện tử của tỉnh vẫn thấp. "
        "Nguyên nhân là phí giao dịch cao và mạng lưới đại lý thưa.",
        "Vì sao số giao dịch trên cổng thanh toán điện tử của tỉnh vẫn thấp?",
    )
    assert not a.refused and "phí giao dịch cao" in a.text and len(a.quotes) == 2


def test_a_why_question_quotes_the_cause_named_after_a_sentence_with_a_reason_word_in_passing(
    make_tiny_pipeline, tiny_seeds
):
    a = _answer_over(
        make_tiny_pipeline,
        tiny_seeds,
        "Phiên họp thứ Chín năm 2025.\n\n"
        "Ủy ban nhận định dữ liệu hộ kinh doanh của tỉnh vẫn do cấp xã quản lý riêng lẻ, chưa vào kho dùng chung. "
        "Nguyên nhân là mỗi xã dùng một phần mềm khác nhau và dữ liệu cũ còn trên giấy.",
        "Vì sao dữ liệu hộ kinh doanh của tỉnh chưa vào kho dùng chung?",
    )
    assert not a.refused and "mỗi xã dùng một phần mềm khác nhau" in a.text and len(a.quotes) == 2, a.text


def test_a_comparison_of_two_years_quotes_both(make_tiny_pipeline, tiny_seeds):
    (tiny_seeds / "c_years.txt").write_text(
        "Hội nghị tổng kết năm 2025.\n\n"
        "Năm 2024, tỷ lệ xã có điểm phục vụ số đạt 61,5%. Các tỉnh miền núi tăng nhanh nhất.\n\n"
        "Năm 2025, tỷ lệ xã có điểm phục vụ số đạt 77,2%.",
        encoding="utf-8",
    )
    a = make_tiny_pipeline().ask("Tỷ lệ xã có điểm phục vụ số năm 2024 và năm 2025 là bao nhiêu?")
    assert not a.refused and "61,5%" in a.text and "77,2%" in a.text
    assert len(a.quotes) == 2


def test_a_year_a_figure_is_compared_with_is_not_its_own():
    from qa.answering import fact_years

    assert fact_years("Có 212 triệu hồ sơ (tăng 1,76 lần so với cùng kỳ năm 2022).") == set()
    assert fact_years("Năm 2023 có 212 triệu hồ sơ, tăng so với năm 2022.") == {2023}
    # nor is the level it is compared with
    assert fact_years("Chi trả qua tài khoản đạt 93,6%, tăng so với mức 38,5% của cuối năm 2023.") == set()
    assert fact_years("Cuối năm 2023 đạt 38,5%.") == {2023}
    assert fact_years("Đến hết ngày 31/12/2032 có 31.246 sổ, tăng 2,3 lần so với thời điểm cuối năm 2031.") == {2032}
    assert fact_years("Đến hết năm 2032 có 31.246 sổ, tăng 2,3 lần so với cùng thời điểm năm 2031.") == {2032}
    # in a question too, and a meeting's day after its long name dates the meeting
    from qa.answering import question_years

    assert question_years("Số sổ năm 2032 tăng bao nhiêu lần so với thời điểm cuối năm 2031?")[1:] == ({2032}, {2031})
    for q in (
        "Ai trình bày báo cáo tại hội nghị trực tuyến toàn quốc của Bộ Thủy sản về sổ nhật ký khai thác điện tử "
        "ngày 27/1/2032?",
        "Ai trinh bay bao cao tai hoi nghi truc tuyen toan quoc cua Bo Thuy san ve so nhat ky khai thac dien tu "
        "ngay 27/1/2032?",
    ):
        assert question_years(q) == ({2032}, set(), set()), q
    # the same period of an earlier year, wherever it stands, is what the figure is compared with
    assert fact_years("Tỷ lệ đạt 71,4%, tăng so với mức 55,2% của cùng kỳ năm 2023.") == set()


def test_a_part_of_a_year_asked_is_not_answered_by_another_part_or_the_whole_year():
    from qa.answering import period_fits

    asked = "Trong 9 tháng đầu năm 2022, Kho bạc đã tiếp nhận bao nhiêu hồ sơ trực tuyến?"
    assert not period_fits(asked, "Trong năm 2022, Kho bạc đã tiếp nhận 4.972.615 hồ sơ.")
    assert not period_fits(asked, "6 tháng đầu năm 2022, Kho bạc đã tiếp nhận 2.100.000 hồ sơ.")
    assert period_fits(asked, "Trong 9 tháng đầu năm 2022, Kho bạc đã tiếp nhận 3.600.000 hồ sơ.")
    assert period_fits(asked, "Kho bạc đã tiếp nhận 3.600.000 hồ sơ, tăng 12% so với năm 2021.")
    assert period_fits(asked, "Đến nay Kho bạc đã tiếp nhận 3.600.000 hồ sơ.")  # no time of its own
    # the part asked without its year, beside the year's plan; a part only compared with
    assert period_fits(asked, "9 tháng đầu năm, Kho bạc tiếp nhận 3.600.000 hồ sơ, bằng 72% kế hoạch cả năm 2022.")
    assert period_fits(asked, "Kho bạc tiếp nhận 3.600.000 hồ sơ, tăng so với 6 tháng đầu năm 2022.")
    # a whole year asked, or a period the question compares with, sets no such bound
    assert period_fits("Năm 2022 Kho bạc tiếp nhận bao nhiêu hồ sơ?", "6 tháng đầu năm 2022 có 2.100.000 hồ sơ.")
    compared = "Quý II/2023 tăng bao nhiêu so với quý I/2023?"
    assert period_fits(compared, "Quý II/2023 đạt 5.000 hồ sơ, quý I/2023 đạt 4.000 hồ sơ.")


def test_a_question_s_years_are_read_where_they_stand():
    from qa.answering import question_years

    # a year compared with is not the year asked about
    assert question_years("Số doanh nghiệp năm 2026 tăng bao nhiêu so với năm 2025?") == (set(), {2026}, {2025})
    # typed without diacritics, read the same way
    assert question_years("so ho so nam 2026 tang bao nhieu so voi nam 2025") == (set(), {2026}, {2025})
    # the meeting's year, then the same year asked about: still asked about
    assert question_years("Theo kết luận năm 2026, thị trường năm 2026 đạt bao nhiêu?") == ({2026}, {2026}, set())
    # the meeting's clause ends at its comma: the year after it is what is asked about, not the meeting's
    q = "Theo kết luận phiên họp thứ hai của Ban Chỉ đạo tỉnh Gia Lai, năm 2027 tỉnh tập trung vào những trọng tâm nào?"
    assert question_years(q) == (set(), {2027}, set())
    # the year after the meeting's name dates the meeting, even after the name of its body
    q = "Tại phiên họp thứ ba của Hội đồng Khoa học và Công nghệ quốc gia năm 2027, tỷ lệ hồ sơ là bao nhiêu?"
    assert question_years(q) == ({2027}, set(), set())
    q = "Tại cuộc họp Tổ công tác đánh giá kết quả 11 tháng năm 2027, vì sao hồ sơ bị trả lại?"
    assert question_years(q) == ({2027}, set(), set())
    # a span of years is read as one: a school year's meeting may fall in either of its years
    q = "Hội nghị sơ kết học kỳ I năm học 2026-2027 của Sở Giáo dục được tổ chức theo hình thức nào?"
    assert question_years(q) == ({2026, 2027}, set(), set())
    assert question_years("Tỷ lệ năm 2028 tăng bao nhiêu so với năm 2026 – 2027?") == (set(), {2028}, {2026, 2027})
    # the year a body or a question asks about is not the meeting's, however near its name
    q = "Ban Chỉ đạo chuyển đổi số tỉnh Hải An ghi nhận bao nhiêu nền tảng số dùng chung năm 2026?"
    assert question_years(q) == (set(), {2026}, set())
    q = "Hội nghị cho biết tỷ lệ hồ sơ trực tuyến của tỉnh Hải An năm 2026 đạt bao nhiêu?"
    assert question_years(q)[1] == {2026}
    # a month set apart ("riêng tháng 12/2026") is asked about, not the meeting's month
    q = "Tại phiên họp giao ban quý I/2027 của tỉnh Hải An, riêng tháng 12/2026 tiếp nhận bao nhiêu phản ánh?"
    assert question_years(q) == ({2027}, {2026}, set())
    assert question_years("Tai phien hop quy I/2027, rieng thang 12/2026 dat bao nhieu?")[1] == {2026}


def test_a_day_asked_is_a_time_and_is_not_answered_by_a_month():
    from qa.question import question_type

    q = "Sở An Thịnh thành lập Ban Chỉ đạo vào ngày cụ thể nào trong tháng 4/2031?"
    assert question_type(q) == "temporal"  # "cụ thể nào" is no "thế nào"
    assert question_type("Việc này được thực hiện thế nào?") == "why_how"


def test_a_day_asked_is_answered_by_a_day_not_by_its_month(make_tiny_pipeline, tiny_seeds):
    question = "Sở Giao thông An Thịnh thành lập tổ số hóa hồ sơ phương tiện vào ngày nào?"
    month = (
        "Sở Giao thông An Thịnh sơ kết số hóa hồ sơ phương tiện\n\n"
        "Sáng 9/10/2031, Ban Chỉ đạo tỉnh họp phiên thứ ba. Từ tháng 4/2031, Sở Giao thông "
        "An Thịnh đã thành lập tổ số hóa hồ sơ phương tiện với 12 thành viên."
    )
    assert _answer_over(make_tiny_pipeline, tiny_seeds, month, question).refused
    day = month.replace("Từ tháng 4/2031", "Ngày 12/4/2031")
    a = _answer_over(make_tiny_pipeline, tiny_seeds, day, question)
    assert not a.refused and "12/4/2031" in a.text, a.text


def test_a_month_s_routine_review_may_be_held_early_the_next_month():
    from qa.answering import meeting_months

    q = "Tại cuộc họp giao ban tháng 12/2026 của Tổ công tác, bao nhiêu tài khoản được kích hoạt?"
    assert meeting_months(q) == {(2026, 12), (2027, 1)}
    assert meeting_months("Tai cuoc hop giao ban thang 5/2026, bao nhieu tai khoan?") == {(2026, 5), (2026, 6)}
    # a meeting dated by its month is held in it
    assert meeting_months("Tại phiên họp tháng 5/2026, bao nhiêu tài khoản được kích hoạt?") == {(2026, 5)}


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("Sản lượng cà phê năm 2023 đạt bao nhiêu tấn?", "tấn"),
        ("Tỷ lệ hộ dùng cáp quang đạt bao nhiêu phần trăm?", "%"),
        ("Điện mặt trời mái nhà đạt bao nhiêu nghìn MW?", "mw"),  # a number word is skipped to the unit
        ("Tỉnh đã cấp bao nhiêu chữ ký số?", "chữ ký"),  # its first two words
        ("Năm 2023 có bao nhiêu lượt truy cập?", "lượt truy"),
        ("Doanh thu năm 2024 là bao nhiêu?", "doanh thu"),  # money asked for by its subject: an amount
        ("doanh thu ban hang nam 2024 dat bao nhieu", "doanh thu"),
        ("Tổng số tiền xử phạt năm 2024 là bao nhiêu?", "số tiền"),
        ("Giá cà phê năm 2024 là bao nhiêu?", None),  # a price is not any amount
        ("Hội nghị đánh giá kết quả: số tài khoản là bao nhiêu?", None),  # the "giá" of "đánh giá"
        ("Số tài khoản năm 2024 là bao nhiêu?", None),  # nothing is counted
        ("Theo hội nghị tháng 9, tổng kinh phí năm 2031 là bao nhiêu?", "kinh phí"),  # the asking clause's head
        ("Số dự án được bố trí vốn là bao nhiêu?", None),  # a count, money a detail of it
        ("Kim ngạch xuất khẩu năm 2031 tăng bao nhiêu?", None),  # a growth, not an amount
        ("Tỉnh vốn có dân số là bao nhiêu?", None),  # "vốn" here is "originally"
        ("Có bao nhiêu trong số đó được kích hoạt?", None),  # a function word, not a measure
        ("Ty le ho ngheo la bao nhieu phan tram", "%"),
        ("Kinh tế số chiếm bao nhiêu % GDP năm 2031?", "%"),  # the sign, then what it is a share of
        ("Kinh tế số chiếm tỷ trọng mấy phần GDP?", None),  # only "bao nhiêu" counts in a measure
        # what a thing takes up ("chiếm") of a whole is a share, not an amount of the whole
        ("Kinh tế số năm 2031 ước chiếm bao nhiêu GRDP?", "%"),
        ("kinh te so chiem khoang bao nhieu GRDP", "%"),
        ("Kinh tế số chiếm xấp xỉ bao nhiêu GRDP?", "%"),
        ("Kinh tế số chiếm tầm bao nhiêu GRDP?", "%"),  # every hedge word of the asking forms
        ("Khoản vay chiếm bao nhiêu tỷ đồng?", "đồng"),
        ("Tỷ lệ hộ dùng cáp quang là bao nhiêu?", "%"),  # a rate with no measure named is a percentage
        ("ty le ho ngheo dat bao nhieu", "%"),
        ("Tỷ lệ bao phủ đạt bao nhiêu xã?", "xã"),  # a measure named wins
        ("Tỉnh An Thịnh xếp hạng mấy về chuyển đổi số?", "thứ hạng"),  # a rank, stated as a place
        ("Năm 2031 tỉnh đứng thứ bao nhiêu cả nước?", "thứ hạng"),
        ("chi so cua tinh nam 2031 xep hang thu may", "thứ hạng"),
        ("Phiên họp thứ mấy bàn về dữ liệu?", None),  # an ordinal, not a rank
        ("Hệ thống dùng bao nhiêu máy chủ?", "máy chủ"),  # "dùng", "máy" are no "đứng", "mấy"
        ("ho dung bao nhieu may quet", "may quet"),
        ("Bộ Xây dựng, bao nhiêu địa phương?", "địa phương"),
        ("Chỉ số đạt bao nhiêu điểm và xếp thứ mấy?", "điểm"),  # the measure asked first
        ("Xếp hạng bao nhiêu trên 193 quốc gia?", "thứ hạng"),
        # a comparison after "bao nhiêu" is no measure ("số" is, "so" is not)
        ("Năm 2031 số giao dịch tăng bao nhiêu so với năm 2030?", None),
        ("so giao dich tang bao nhieu so voi nam 2030", None),
        # a count asked as a search phrase, with no asking word
        ("Phiên họp thứ 4: số trạm phát sóng đã lắp đặt năm 2031?", "trạm phát"),
        ("tong so luong ho so truc tuyen nam 2031", "ho so"),
        ("Số hóa hồ sơ năm 2031?", None),  # "số hóa" is no count
        ("Số liệu về thẻ căn cước năm 2031?", None),
        ("Sở Y tế tỉnh được giao nhiệm vụ gì năm 2031?", None),  # a department, not a count
        ("so y te tinh duoc giao nhiem vu gi nam 2031", None),
        ("So với năm 2030, kết quả có gì nổi bật?", None),
        # a number word skipped in accented form only: "ngân hàng", "văn bản", "trạm" are no "ngàn", "vạn", "trăm"
        ("Có bao nhiêu ngân hàng thu thuế điện tử?", "ngân hàng"),
        ("Bộ đã gửi bao nhiêu văn bản điện tử?", "văn bản"),
        ("Tỉnh có bao nhiêu trạm phát sóng 5G?", "trạm phát"),
        ("Doanh thu đạt bao nhiêu nghìn tỷ đồng?", "đồng"),
        ("doanh thu dat bao nhieu nghin ty dong", "dong"),
        # a measure does not run across a comma, a question mark or a bracket
        ("Huyện còn bao nhiêu thôn, bản chưa có sóng?", "thôn"),
        ("con bao nhieu thon, ban chua co song", "thon"),
        ("Doanh thu của sàn được bao nhiêu? (phiên họp thứ 5 năm 2031)", "doanh thu"),
        ("Doanh thu năm 2031 là bao nhiêu, tăng ra sao so với năm 2030?", "doanh thu"),
    ],
)
def test_the_measure_a_figure_is_counted_in(question, measure):
    assert measure_of(question) == measure


def test_a_sentence_states_the_measure_on_word_boundaries_in_accented_form():
    assert states_measure("thứ hạng", "Tỉnh đứng thứ 3 trong vùng.", bare=False)  # a place in a ranking
    # a count is not stated by a share of what it counts
    assert not states_measure("hộ gia đình", "Tỷ lệ hộ gia đình dùng cáp quang đạt 82,9%.", bare=False)
    assert states_measure("hộ gia đình", "Có 1,2 triệu hộ gia đình dùng cáp quang, đạt 82,9%.", bare=False)
    share = "Tỷ lệ hộ gia đình dùng cáp quang đạt 82,9% tính đến ngày 30/6."  # its day is no count
    assert not states_measure("hộ gia đình", share, bare=False) and not states_measure("ho gia dinh", share, bare=True)
    assert states_measure("tthc", "Tỉnh có 120 thủ tục hành chính.", bare=False)  # an abbreviation is its words
    assert states_measure("thu hang", "Chỉ số năm 2031 xếp hạng 46/132.", bare=True)
    assert not states_measure("thứ hạng", "Doanh thu tăng 25-30% trong 10 năm.", bare=False)
    assert states_measure("thứ hạng", "Tỉnh xếp thứ ba cả nước.", bare=False)
    assert states_measure("thứ hạng", "Tỉnh dẫn đầu cả nước.", bare=False)
    for other in ("Tỉnh thu 25 tỷ đồng.", "Hội nghị lần thứ 5 diễn ra.", "Sáng 12/1, tỉnh họp.", "Đạt 63/63 tỉnh."):
        assert not states_measure("thứ hạng", other, bare=False), other


def test_a_count_is_stated_by_a_clause_that_names_what_it_counts():
    # another clause's count is no count of the measure; a share of it is none either
    other = "Hệ thống đã xử lý 7,9 tỷ hóa đơn, tỷ lệ hộ gia đình dùng cáp quang đạt 81,7%."
    assert not states_measure("hộ gia", other, bare=False) and not states_measure("ho gia", other, bare=True)
    # the clause that counts may name it by its first word ("8.312 trường" for "trường tiểu học")
    head = "Đã có 41 tỉnh triển khai với 8.312 trường, chiếm 57,4% số trường tiểu học cả nước."
    assert states_measure("trường tiểu", head, bare=False) and states_measure("truong tieu", head, bare=True)
    # the digits of a name state no figure: "5G", a code such as "C06"
    assert not states_measure("hộ gia", "Hộ gia đình được phủ sóng 5G đạt 25,5%.", bare=False)
    assert not states_measure("hồ sơ", "Hồ sơ được Cục C06 xác thực.", bare=False)
    assert states_measure("hồ sơ", "Cục C06 xác thực 1.200 hồ sơ.", bare=False)


def test_people_using_an_app_are_counted_in_its_accounts_before_or_after_the_figure():
    before = "Số lượng tài khoản định danh đã kích hoạt đạt trên 7,4 triệu."
    after = "Toàn tỉnh có 812.000 tài khoản đã kích hoạt."
    for text in (before, after):
        assert states_measure("người dân", text, bare=False), text
        assert states_measure("nguoi dan", text, bare=True), text
    # accounts named without a count of them, or another word's syllable, state no people
    assert not states_measure("người dân", "Số lượng tài khoản tăng mạnh so với cùng kỳ.", bare=False)
    assert not states_measure("người dân", "Tỉnh phát hành 5 tài liệu hướng dẫn.", bare=False)
    assert states_measure("tấn", "Sản lượng đạt 1,2 triệu tấn.", bare=False)
    assert not states_measure("tấn", "Sản lượng đạt 1,2 triệu tân.", bare=False)  # accents count
    assert states_measure("tan", "Sản lượng đạt 1,2 triệu tấn.", bare=True)  # a bare question is folded
    assert not states_measure("mw", "Công suất đạt 300 MWh.", bare=False)  # a word, not a prefix
    assert states_measure("lượt truy", "Có 87 triệu lượt\ntruy cập.", bare=False)
    assert not states_measure("lượt truy", "Có 87 triệu lượt tải ứng dụng.", bare=False)
    # a figure counted in the measure with a word between its two states it; a syllable does not
    assert states_measure("mã vùng", "Hệ thống đã cập nhật 7.150 mã số vùng trồng.", bare=False)
    assert states_measure("ma vung", "Hệ thống đã cập nhật 7.150 mã số vùng trồng.", bare=True)
    assert not states_measure("mã vùng", "Mã số vùng trồng được cấp mới.", bare=False)  # no figure
    assert not states_measure("tài khoản", "Có 5 tài liệu được gửi.", bare=False)
    assert not states_measure("người dân", "Có 1.200 người tham dự.", bare=False)
    assert not states_measure("lượt truy", "Có 87 lượt tải ứng dụng.", bare=False)
    assert states_measure("%", "Tỷ lệ đạt 12,5%.", bare=False)
    assert states_measure("%", "Tỷ lệ đạt 12 phần trăm.", bare=False)
    assert not states_measure("%", "Có 12 triệu tài khoản.", bare=False)
    # money asked for by what it is is stated as an amount of a currency
    assert states_measure("kinh phí", "Năm 2025 tỉnh bố trí 412,5 tỷ đồng cho các nhiệm vụ.", bare=False)
    assert states_measure("vốn", "Dự án được giao 2,4 triệu USD.", bare=False)
    assert states_measure("kinh phi", "Năm 2025 tỉnh bố trí 412,5 tỷ đồng.", bare=True)
    assert not states_measure("kinh phí", "Năm 2025 tỉnh giao 45 nhiệm vụ.", bare=False)
    # a bare "tien" alone after "bao nhieu" is "tiền"; before another word it may be "tiến" ("tiến sĩ")
    assert states_measure("tien", "Năm 2031 huyện chi 7,25 tỷ đồng cho trạm sạc.", bare=True)
    assert not states_measure("tien", "Huyện giao 45 nhiệm vụ.", bare=True)
    assert not states_measure("tien si", "Trường được cấp 12 tỷ đồng.", bare=True)
    assert not states_measure("tien do", "Đã giải ngân 3 tỷ đồng.", bare=True)
    # times are counted in "lượt", by a figure in that unit, not by the word alone; a measure of two
    # words by its first, the counted noun ("bao nhiêu lần tính đến …")
    assert states_measure("lần", "Ứng dụng đã đạt 212.460 lượt cài đặt.", bare=False)
    assert states_measure("lần tính", "Ứng dụng đã đạt 212.460 lượt cài đặt.", bare=False)
    assert states_measure("lan", "Đã ghi nhận 18,2 triệu lượt khám bệnh.", bare=True)
    assert not states_measure("lần", "Hệ thống được nâng cấp lượt thứ hai.", bare=False)
    # people are counted in the accounts, downloads or beneficiaries reports count; not in files
    assert states_measure("người tải", "Ứng dụng đã có 18.700 lượt tải về.", bare=False)
    assert states_measure("người", "Đã chi trả qua tài khoản cho 2.486 đối tượng.", bare=False)
    assert not states_measure("người", "Đã tiếp nhận 36.415 hồ sơ.", bare=False)
    # the everyday word for what is counted, in the report's unit: a group in "tổ", a set of papers
    # in "hồ sơ", an incident in "cuộc", a pupil in "học sinh", a paper in "phiếu", a camera's "mắt"
    for measure, sentence in (
        ("nhóm hỗ", "Cả nước đã có 47.260 tổ công nghệ số cộng đồng."),
        ("bộ giấy", "Tỉnh đã giải quyết 12.340 hồ sơ trực tuyến."),
        ("vụ tấn", "Hệ thống đã ngăn chặn 2.614 cuộc tấn công mạng."),
        ("em", "Bình quân 43 học sinh có một máy tính."),
        ("mắt camera", "Trung tâm kết nối 2.340 camera giám sát."),
    ):
        assert states_measure(measure, sentence, bare=False), measure
    assert not states_measure("nhóm hỗ", "Cả nước đã có 47.260 thành viên tổ công nghệ số.", bare=False)
    # looked up whole, then by the first word: a licence is no form, a product line no camera, a page view no person
    assert not states_measure("giấy phép", "Sở đã cấp 18.560 phiếu lý lịch tư pháp.", bare=False)
    assert not states_measure("mat hang", "Trung tâm kết nối 2.340 camera giám sát.", bare=True)
    assert not states_measure("người dân", "Cổng đã ghi nhận 1,2 triệu lượt truy cập.", bare=False)
    # a ratio asked ("gấp bao nhiêu lần") is not a count of times
    from qa.scoring import asks_ratio

    assert asks_ratio("Năm 2027 số hồ sơ tăng gấp bao nhiêu lần so với năm 2026?", bare=False)
    assert asks_ratio("so ho so tang bao nhieu lan so voi nam 2026", bare=True)
    assert not asks_ratio("Người dân đã bao nhiêu lần đi khám bằng VNeID?", bare=False)
    assert not states_measure("lần so", "Đã có 212.460 lượt cài đặt.", bare=False, counted=False)
    assert not states_measure("kinh phí", "Tham dự có 25 đồng chí lãnh đạo.", bare=False)  # "đồng chí" is no amount
    assert states_measure("kinh phí", "Tỉnh bố trí 412,5 tỉ đồng.", bare=False)


def test_the_measure_is_a_span_feature_of_the_sentence():
    q = analyse("Năm 2024 sản lượng điện đạt bao nhiêu tỷ kWh?")
    assert q.measure == "kwh"
    i = SPAN_FEATURES.index("measure_miss")
    from qa.scoring import span_features

    def miss(sentence: str) -> float:
        return span_features(
            focus={"điện": 1.0}, context=frozenset(), span_tokens=frozenset(), passage_tokens=frozenset(),
            kind="number", text=sentence, question=q.text, rank=0, retrieval=0.0, clause=False, max_idf=1.0,
            measure=q.measure, sentence=sentence, bare=q.bare,
        )[i]  # fmt: skip

    assert miss("Sản lượng điện đạt 300 tỷ kWh.") == 0.0
    assert miss("Xuất khẩu đạt 64,9 tỷ USD.") == 1.0


def test_an_amount_states_the_money_word_asked_for_in_either_form():
    from qa.scoring import stated_tokens

    amount = "Năm 2031 huyện chi 7,25 tỷ đồng cho trạm sạc."
    for question in (
        "Năm 2031 huyện chi bao nhiêu tiền cho trạm sạc?",
        "nam 2031 huyen chi bao nhieu tien cho tram sac",
    ):
        q = analyse(question)
        money = "tien" if q.bare else "tiền"
        focus = dict.fromkeys(q.focus, 1.0)
        assert money in focus and q.measure == money
        assert money in stated_tokens(focus, frozenset(), amount, q.measure, q.text, q.bare)
        assert money not in stated_tokens(focus, frozenset(), "Huyện có 14 trạm sạc.", q.measure, q.text, q.bare)


def test_a_measure_is_counted_in_its_first_word_only_where_the_reports_keep_the_two_apart():
    from index.stats import IdfTable
    from qa.answering import ExtractiveAnswerer

    passages = [
        "Năm 2031 có 415 người làm công nghệ thông tin.",
        "Người dân đến dự đông.",
        "Có 1.200 người tham gia tập huấn.",
        "Người cao tuổi được hỗ trợ.",
        "Người khuyết tật được miễn phí.",
        "Có 87 tài khoản mới.",
        "Tài khoản được khóa.",
        "Mở tài khoản trực tuyến.",
    ]
    answerer = ExtractiveAnswerer(IdfTable.of(passages), {}, {})
    assert answerer.measure_head("người làm") == ("người",)  # 1 of 5 passages with "người"
    assert answerer.measure_head("tài khoản") == ()  # every passage with "tài" has "tài khoản"
    assert answerer.measure_head("người") == () and answerer.measure_head(None) == ()
    assert answerer.measure_head("cán bộ") == ()  # a word no passage has
    sentence = "Toàn ngành có khoảng 415 người."
    assert states_measure("người làm", sentence, bare=False, head="người")
    assert states_measure("nguoi lam", sentence, bare=True, head="nguoi")
    assert not states_measure("người làm", sentence, bare=False)
    assert not states_measure("người làm", "Người lao động được đào tạo.", bare=False, head="người")  # no figure
    # money asked for by its word is stated by an amount, not by a count
    assert states_measure("doanh thu", "Doanh số ước đạt 214 tỷ đồng.", bare=False)
    assert not states_measure("doanh thu", "Có 68 sản phẩm được đưa lên sàn.", bare=False)
    assert states_measure("doanh thu", "Doanh số ước đạt 214 tỷ đồng.", bare=True)  # a bare question


def test_a_measure_after_a_classifier_is_counted_in_the_word_its_second_syllable_begins():
    from index.stats import IdfTable
    from qa.answering import ExtractiveAnswerer

    passages = [
        "Năm 2031 tỉnh giải quyết 640 hồ sơ đất đai trực tuyến.",
        "Hồ sơ được số hóa.",
        "Bộ Nội vụ chủ trì.",
        "Bộ Tư pháp phối hợp.",
        "Bộ Y tế báo cáo.",
        "Có 12 hồ chứa nước.",
    ]
    answerer = ExtractiveAnswerer(IdfTable.of(passages), {}, {})
    # "bộ hồ" is no pair of the reports; "hồ sơ" is in 2 of the 3 passages with "hồ"
    heads = answerer.measure_head("bộ hồ", "Năm 2031 tỉnh làm bao nhiêu bộ hồ sơ đất đai?")
    assert heads == ("bộ", "hồ sơ")
    assert states_measure("bộ hồ", "Tỉnh đã giải quyết 640 hồ sơ đất đai.", bare=False, head=heads)
    assert not states_measure("bộ hồ", "Có 12 hồ chứa nước.", bare=False, head=heads)
    bare = answerer.measure_head("bo ho", "nam 2031 tinh lam bao nhieu bo ho so dat dai")
    assert states_measure("bo ho", "Tỉnh đã giải quyết 640 hồ sơ đất đai.", bare=True, head=bare)
    # "hồ chứa" is in 1 of the 3: the question's "hồ" does not begin a word with "chứa"
    assert answerer.measure_head("bộ hồ", "Có bao nhiêu bộ hồ chứa?") == ("bộ",)


def test_focus_mass_counts_the_idf_a_sentence_states_not_its_share():  # in units of the largest idf
    from qa.scoring import span_features

    def mass(focus: dict[str, float], stated: set[str]) -> tuple[float, float]:
        x = span_features(
            focus=focus, context=frozenset(), span_tokens=frozenset(stated), passage_tokens=frozenset(stated),
            kind="fact", text="", question="", rank=0, retrieval=0.0, clause=False, max_idf=10.0,
        )  # fmt: skip
        return x[SPAN_FEATURES.index("focus")], x[SPAN_FEATURES.index("focus_mass")]

    common = mass({"dân": 1.0, "số": 0.2}, {"dân", "số"})  # a short question of common words, all stated
    rare = mass({"cáp": 4.0, "quang": 4.0, "hộ": 2.0}, {"cáp", "quang", "hộ"})
    assert common[0] == rare[0] == 1.0  # the same share of the focus
    assert common[1] == pytest.approx(math.log1p(0.12)) and rare[1] == pytest.approx(math.log1p(1.0))
    assert mass({"cáp": 4.0, "hộ": 2.0}, set())[1] == 0.0


def test_pair_share_is_the_share_of_the_question_s_two_syllable_words_a_sentence_states_whole():
    from qa.scoring import span_features

    q = analyse("Dân số Việt Nam năm 2031 là bao nhiêu người?")

    def share(sentence: str) -> float:
        return span_features(
            focus={t: 1.0 for t in q.focus}, context=frozenset(), span_tokens=token_set(sentence, False),
            passage_tokens=frozenset(), kind="number", text=sentence, question=q.text, rank=0, retrieval=0.0,
            clause=False, max_idf=1.0, pairs=q.pairs,
        )[SPAN_FEATURES.index("pair_share")]  # fmt: skip

    assert share("Dân số cả nước đạt 101 triệu người.") == 1.0
    assert share("Có 60 ứng dụng phục vụ người dân, mỗi ứng dụng có số người dùng trên 1 triệu.") == 0.0


def test_what_asks_when_a_meeting_was_held():
    from qa.question import asks_meeting_date

    assert asks_meeting_date("Phiên họp thứ năm được tổ chức vào ngày nào?")
    assert asks_meeting_date("phien hop thu 5 hop ngay nao")
    assert asks_meeting_date("Tỉnh An Thịnh họp tổng kết năm 2031 vào hôm nào?")
    assert not asks_meeting_date("Hệ thống tích hợp dữ liệu hoàn thành khi nào?")  # "hợp" is not "họp"
    assert not asks_meeting_date("Tại cuộc họp, hệ thống phải vận hành khi nào?")  # a deadline set at it
    assert not asks_meeting_date("Cuộc họp giao nhiệm vụ cho Bộ Công an hoàn thành Đề án 06 khi nào?")
    assert asks_meeting_date("Ban Chỉ đạo tỉnh Bến Tre họp phiên thứ hai sau hợp nhất vào ngày nào?")


def test_the_month_a_question_dates_its_meeting_by():
    from qa.answering import meeting_months

    assert meeting_months("Tại cuộc họp của Tổ công tác Đề án 06 tháng 3/2023, có bao nhiêu tài khoản?") == {(2023, 3)}
    assert meeting_months("cuoc hop thang 3/2023 cho biet bao nhieu tai khoan") == {(2023, 3)}
    assert not meeting_months("Cổng đã tích hợp bao nhiêu dịch vụ công mới trong tháng 3/2027?")  # "hợp" is not "họp"
    assert not meeting_months("Cuộc họp đánh giá kết quả tháng 3/2023 cho biết gì?")  # the month of results


def test_a_headline_dates_its_report_by_its_first_year_that_is_not_a_target():
    from qa.answering import _headline_year

    assert _headline_year("HỘI NGHỊ CHUYỂN ĐỔI SỐ NĂM 2026: ĐẶT MỤC TIÊU ĐẾN NĂM 2030") == {2026}
    assert _headline_year("Công bố DTI 2026: Bến Tre tăng 9 bậc") == {2026}
    assert _headline_year("Mục tiêu đến năm 2030") == set()


# (report added to the tiny reports, question, a quote the answer must hold or None for a refusal,
# a quote it must not hold)
_OVER_ONE_REPORT = {
    "a figure compared with an earlier year answers its question": (
        "Tổng kết công tác năm 2026 của ngành\n\n"
        "Sáng 7/1/2027, Bộ Khoa học tổ chức Hội nghị tổng kết công tác năm 2026. "
        "Cả nước có 71.204 doanh nghiệp khoa học, tăng 5.318 doanh nghiệp so với năm 2025.",
        "Theo Hội nghị tổng kết công tác năm 2026, số doanh nghiệp khoa học tăng bao nhiêu so với năm 2025?",
        "5.318",
        None,
    ),
    # held in January 2027, it reviews 2026: a sentence that names no year gives 2026's count
    "a review's sentence without a year speaks for the year reviewed, not the year it is held in": (
        "Tổng kết công tác năm 2026 của ngành\n\n"
        "Sáng 8/1/2027, Bộ Khoa học tổ chức Hội nghị tổng kết công tác năm 2026. "
        "Toàn ngành đã xử lý 3.517 sự cố an toàn thông tin, giảm 12% so với năm 2025.",
        "Năm 2027, toàn ngành đã xử lý bao nhiêu sự cố an toàn thông tin?",
        None,
        None,
    ),
    "a review's sentence without a year answers for the year reviewed": (
        "Tổng kết công tác năm 2026 của ngành\n\n"
        "Sáng 8/1/2027, Bộ Khoa học tổ chức Hội nghị tổng kết công tác năm 2026. "
        "Toàn ngành đã xử lý 3.517 sự cố an toàn thông tin, giảm 12% so với năm 2025.",
        "Năm 2026, toàn ngành đã xử lý bao nhiêu sự cố an toàn thông tin?",
        "3.517",
        None,
    ),
    # a review sets the next year's aims: a question about them may name that year
    "a review's target without a year answers for the year aimed at": (
        "Tổng kết công tác năm 2026 của ngành\n\n"
        "Sáng 8/1/2027, Bộ Khoa học tổ chức Hội nghị tổng kết công tác năm 2026. "
        "Phương hướng năm tới: mật độ doanh nghiệp khoa học cần đạt tối thiểu 1,3 doanh nghiệp/1.000 dân.",
        "Theo phương hướng năm 2027 nêu tại hội nghị tổng kết năm 2026 của Bộ Khoa học, "
        "mật độ doanh nghiệp khoa học tối thiểu cần đạt là bao nhiêu?",
        "1,3 doanh nghiệp/1.000 dân",
        None,
    ),
    # a when-question's answer is the sentence's own time: a deadline after the period reviewed
    "a deadline set at a period's review may fall after the period": (
        "Tổ công tác đánh giá kết quả 10 tháng năm 2027\n\n"
        "Sáng 12/11/2027, Tổ công tác họp đánh giá kết quả 10 tháng năm 2027. "
        "Tổ công tác yêu cầu các tỉnh hoàn thành làm sạch dữ liệu đất nông nghiệp trước ngày 31/12/2027.",
        "Tại cuộc họp đánh giá kết quả 10 tháng năm 2027, Tổ công tác yêu cầu hoàn thành làm sạch "
        "dữ liệu đất nông nghiệp trước thời hạn nào?",
        "31/12/2027",
        None,
    ),
    "a when-question's answer may fall in a year after the one the question names": (
        "Công bố Chỉ số sẵn sàng số PQR 2026\n\n"
        "Sáng 9/4/2027, Bộ Khoa học và Công nghệ công bố Chỉ số PQR 2026. "
        "Thứ trưởng đề nghị các tỉnh cuối bảng gửi kế hoạch cải thiện chỉ số về Bộ trước ngày 30/6/2027.",
        "Hạn chót để các tỉnh cuối bảng PQR 2026 gửi kế hoạch cải thiện chỉ số về Bộ là ngày nào?",
        "30/6/2027",
        None,
    ),
    # an aim lies after the meeting: "trước năm 2016" in a 2027 report is a past, not a deadline
    "years before the meeting are a past, not a target": (
        "Tổ công tác đánh giá kết quả 11 tháng năm 2027\n\n"
        "Sáng 12/12/2027, Tổ công tác họp đánh giá kết quả 11 tháng năm 2027. "
        "Nhiều hồ sơ liên thông bị trả lại. "
        "Nguyên nhân là dữ liệu hộ tịch sai lệch, nhất là các bản khai sinh đăng ký trước năm 2016.",
        "Tại cuộc họp Tổ công tác đánh giá kết quả 11 tháng năm 2027, vì sao nhiều hồ sơ liên thông bị trả lại?",
        "dữ liệu hộ tịch sai lệch",
        None,
    ),
    # "đến hết năm 2026" in the review of 2026 held in January 2027 is where the year ended, not an aim
    "the end of the year reviewed is a past once the review is held": (
        "Bộ Xây dựng tổng kết chuyển đổi số năm 2026\n\n"
        "Sáng 14/1/2027, Bộ Xây dựng tổ chức Hội nghị tổng kết công tác chuyển đổi số năm 2026. "
        "Báo cáo tại hội nghị cho biết đến hết năm 2026, toàn ngành cung cấp 611 dịch vụ công trực tuyến.",
        "Theo Hội nghị tổng kết công tác chuyển đổi số năm 2026 của Bộ Xây dựng, toàn ngành cung cấp "
        "bao nhiêu dịch vụ công trực tuyến?",
        "611 dịch vụ",
        None,
    ),
    # held in January 2027, it reviews 2026: "tổng kết năm 2027" is another meeting
    "the review of one year does not answer for the review of the next": (
        "Tổng kết công tác năm 2026 của ngành\n\n"
        "Sáng 7/1/2027, Bộ Khoa học tổ chức Hội nghị tổng kết công tác năm 2026. "
        "Doanh thu toàn ngành đạt 512 nghìn tỷ đồng.",
        "Hội nghị tổng kết công tác năm 2027 của Bộ Khoa học cho biết doanh thu toàn ngành đạt bao nhiêu?",
        None,
        None,
    ),
    # a ranking of 2025 announced at a conference in 2026: a question about 2025 is answered
    "a year the headline names dates the report": (
        "Công bố Chỉ số sẵn sàng số PQR 2025\n\n"
        "Sáng 9/4/2026, Bộ Khoa học và Công nghệ tổ chức Hội nghị công bố Chỉ số sẵn sàng số PQR 2025. "
        "Điểm PQR bình quân của các địa phương đạt 0,4719.",
        "Theo Hội nghị công bố Chỉ số PQR 2025, điểm PQR bình quân của các địa phương đạt bao nhiêu?",
        "0,4719",
        None,
    ),
    "a source clause is context, so the lead that restates it does not answer": (
        "Hội nghị ngành giáo dục năm 2026\n\n"
        "Sáng 5/6/2026, Bộ Giáo dục và Đào tạo tổ chức Hội nghị trực tuyến triển khai nhiệm vụ chuyển đổi số "
        "ngành giáo dục, kết nối tới 700 trường học. "
        "Về học bạ số, 3.418 trường đã kết nối với Hệ thống học bạ quốc gia.",
        "Theo Hội nghị trực tuyến triển khai nhiệm vụ chuyển đổi số ngành giáo dục tháng 6/2026, "
        "bao nhiêu trường đã kết nối với Hệ thống học bạ quốc gia?",
        "3.418",
        "700 trường",
    ),
    "a question about when a meeting was held is answered by its opening": (
        "Phú Yên: Ban Chỉ đạo chuyển đổi số tỉnh họp phiên thứ năm\n\n"
        "Chiều ngày 14/10/2026, Chủ tịch UBND tỉnh Phú Yên chủ trì phiên họp thứ năm của Ban Chỉ đạo "
        "chuyển đổi số tỉnh Phú Yên. Tỉnh đã cấp 21.430 chứng thư số.",
        "Phiên họp thứ năm của Ban Chỉ đạo chuyển đổi số tỉnh Phú Yên được tổ chức vào ngày nào?",
        "14/10/2026",
        None,
    ),
    "a meeting-date question is answered by the sentence that dates it, not one that shares its words": (
        "Ủy ban họp phiên thứ sáu\n\n"
        "Sáng 3/11/2026, Phó Thủ tướng chủ trì phiên họp thứ sáu của Ủy ban. "
        "Phiên họp được tổ chức trực tuyến tới 34 tỉnh, thành phố.",
        "Phiên họp thứ sáu của Ủy ban được tổ chức vào ngày nào?",
        "3/11/2026",
        None,
    ),
    "a meeting-date question is answered by the meeting's own day, not a deadline it set": (
        "Bến Tre: Ban Chỉ đạo tỉnh họp phiên thứ hai sau hợp nhất\n\n"
        "Sáng 16/10/2026, Bí thư Tỉnh ủy chủ trì phiên họp thứ hai của Ban Chỉ đạo tỉnh Bến Tre sau hợp nhất. "
        "Ban Chỉ đạo tỉnh Bến Tre yêu cầu đến ngày 31/12/2026, tỷ lệ hồ sơ trực tuyến của tỉnh đạt trên 80%.",
        "Ban Chỉ đạo tỉnh Bến Tre họp phiên thứ hai sau hợp nhất vào ngày nào?",
        "16/10/2026",
        "31/12/2026",
    ),
    "a meeting dated by its month is not another month's meeting": (
        "Tổ công tác họp đánh giá kết quả 5 tháng năm 2026\n\n"
        "Sáng 12/6/2026, Tổ công tác của Bộ Khoa học họp đánh giá kết quả 5 tháng năm 2026. "
        "Đã có 2.012.339 giấy phép được cấp trực tuyến.",
        "Tại cuộc họp tháng 7/2026 của Tổ công tác Bộ Khoa học, bao nhiêu giấy phép được cấp trực tuyến?",
        None,
        None,
    ),
    "what has been reached is not answered by a sentence of targets": (
        "Bến Tre sơ kết chuyển đổi số 6 tháng đầu năm 2026\n\n"
        "Chiều 10/7/2026, Ban Chỉ đạo chuyển đổi số tỉnh Bến Tre tổ chức hội nghị sơ kết. "
        "Theo định hướng của tỉnh, đến năm 2027 kinh tế số chiếm khoảng 23% GRDP và đến năm 2030 đạt 35% GRDP.",
        "Tại hội nghị sơ kết giữa năm 2026 của tỉnh Bến Tre, kinh tế số thực tế đã chiếm bao nhiêu % GRDP?",
        None,
        None,
    ),
    "a target asked about is answered by the sentence of targets": (
        "Bến Tre sơ kết chuyển đổi số 6 tháng đầu năm 2026\n\n"
        "Chiều 10/7/2026, Ban Chỉ đạo chuyển đổi số tỉnh Bến Tre tổ chức hội nghị sơ kết. "
        "Theo định hướng của tỉnh, đến năm 2027 kinh tế số chiếm khoảng 23% GRDP và đến năm 2030 đạt 35% GRDP.",
        "Tỉnh Bến Tre đặt mục tiêu kinh tế số chiếm bao nhiêu phần trăm GRDP vào năm 2030?",
        "35% GRDP",
        None,
    ),
    "an aim earlier in its clause makes the clause's figure a target": (
        "BHXH tỉnh Bến Tre tổng kết giao dịch điện tử năm 2026\n\n"
        "Sáng 15/1/2027, BHXH tỉnh Bến Tre tổ chức hội nghị tổng kết giao dịch điện tử năm 2026. "
        "BHXH các huyện vùng sâu hỗ trợ miễn phí chữ ký số cho đơn vị sự nghiệp, phấn đấu tỷ lệ hồ sơ "
        "giao dịch điện tử năm 2027 đạt trên 97%.",
        "Tại hội nghị tổng kết năm 2026 của BHXH tỉnh Bến Tre, tỷ lệ hồ sơ giao dịch điện tử đạt bao nhiêu?",
        None,
        "97%",
    ),
    "the aim is what a question about the aim asks": (
        "BHXH tỉnh Bến Tre tổng kết giao dịch điện tử năm 2026\n\n"
        "Sáng 15/1/2027, BHXH tỉnh Bến Tre tổ chức hội nghị tổng kết giao dịch điện tử năm 2026. "
        "BHXH các huyện vùng sâu hỗ trợ miễn phí chữ ký số cho đơn vị sự nghiệp, phấn đấu tỷ lệ hồ sơ "
        "giao dịch điện tử năm 2027 đạt trên 97%.",
        "BHXH tỉnh Bến Tre phấn đấu tỷ lệ hồ sơ giao dịch điện tử năm 2027 đạt bao nhiêu?",
        "97%",
        None,
    ),
    "a question that names no province is not answered by a province's figure": (
        "Bến Tre: Ban Chỉ đạo chuyển đổi số tỉnh họp phiên thứ tư\n\n"
        "Chiều 9/11/2026, Ban Chỉ đạo chuyển đổi số tỉnh Bến Tre họp phiên thứ tư. "
        "Công an tỉnh đã kích hoạt 512.300 tài khoản định danh điện tử mức độ 2.",
        "Tính đến cuối năm 2026, đã có bao nhiêu tài khoản định danh điện tử mức độ 2 được kích hoạt?",
        None,
        None,
    ),
    "a question that names the province is answered by its figure": (
        "Bến Tre: Ban Chỉ đạo chuyển đổi số tỉnh họp phiên thứ tư\n\n"
        "Chiều 9/11/2026, Ban Chỉ đạo chuyển đổi số tỉnh Bến Tre họp phiên thứ tư. "
        "Công an tỉnh đã kích hoạt 512.300 tài khoản định danh điện tử mức độ 2.",
        "Bến Tre đã kích hoạt bao nhiêu tài khoản định danh điện tử mức độ 2 năm 2026?",
        "512.300",
        None,
    ),
    "what is done by a month is not a target": (
        "Tổ công tác của Bộ Khoa học họp\n\nSáng 12/3/2026, Tổ công tác của Bộ Khoa học họp. "
        "Đến hết tháng 2/2026, cả nước đã cấp 71.300 giấy phép khoa học trực tuyến.",
        "Cả nước đã cấp bao nhiêu giấy phép khoa học trực tuyến?",
        "71.300",
        None,
    ),
    "a meeting dated by its month, asked of a report without a date": (
        "Tổ công tác của Bộ Khoa học họp\n\nTổ công tác của Bộ Khoa học họp bàn về giấy phép khoa học. "
        "Đã có 2.012.339 giấy phép khoa học được cấp trực tuyến.",
        "Tại cuộc họp tháng 7/2026 của Tổ công tác Bộ Khoa học, bao nhiêu giấy phép khoa học được cấp trực tuyến?",
        "2.012.339",
        None,
    ),
    "naming the committee does not place a question in a province": (
        "Bến Tre: Ban Chỉ đạo chuyển đổi số tỉnh họp phiên thứ tư\n\n"
        "Chiều 9/11/2026, Ban Chỉ đạo chuyển đổi số tỉnh Bến Tre họp phiên thứ tư. "
        "Công an tỉnh đã kích hoạt 512.300 tài khoản định danh điện tử mức độ 2.",
        "Ban Chỉ đạo cho biết đã có bao nhiêu tài khoản định danh điện tử mức độ 2 được kích hoạt?",
        None,
        None,
    ),
    "the words naming the report's meeting do not make its opening the answer": (
        "Bến Tre sơ kết công tác chuyển đổi số 6 tháng đầu năm 2026\n\n"
        "Chiều ngày 10/7/2026, Ban Chỉ đạo chuyển đổi số tỉnh Bến Tre tổ chức hội nghị sơ kết công tác "
        "chuyển đổi số 6 tháng đầu năm. Phó Chủ tịch UBND tỉnh Lê Văn Hòa chủ trì hội nghị.",
        "Ai chủ trì hội nghị sơ kết công tác chuyển đổi số 6 tháng đầu năm 2026 của tỉnh Bến Tre?",
        "Lê Văn Hòa",
        None,
    ),
}


@pytest.mark.parametrize("case", list(_OVER_ONE_REPORT))
def test_answers_over_one_added_report(case, make_tiny_pipeline, tiny_seeds):
    report, question, quoted, not_quoted = _OVER_ONE_REPORT[case]
    a = _answer_over(make_tiny_pipeline, tiny_seeds, report, question)
    if quoted is None:
        assert a.refused, a.text
    else:
        assert not a.refused and quoted in a.text, a.text
    if not_quoted:
        assert not_quoted not in a.text


def test_a_source_clause_is_context():
    focus = analyse("Theo Hội nghị trực tuyến triển khai nhiệm vụ ngành giáo dục, bao nhiêu trường đã kết nối?").focus
    assert "triển" not in focus and "trường" in focus
    # a meeting's name with units a comma joins ("các sở, ngành và xã, phường") is one clause
    q = analyse(
        "Tại hội nghị công bố chỉ số của các sở, ngành và xã, phường tỉnh An Thịnh (tháng 3/2032), ba đơn vị dẫn "
        "đầu khối xã là những đơn vị nào?"
    )
    assert {"ngành", "phường"} <= q.context and "ngành" not in q.focus and "dẫn" in q.focus
    # a unit named after the comma ("phường Hoa Lư") is what is asked of, not the meeting's name
    assert "phường" in analyse("Theo hội nghị tổng kết của tỉnh An Thịnh, phường Hoa Lư đạt bao nhiêu điểm?").focus
    # a time in brackets closes a meeting's name whose own commas come before it
    q = analyse(
        "Tại hội nghị tổng kết hoạt động Trung tâm Giám sát, điều hành đô thị thông minh (IOC) của thành phố "
        "An Thịnh (tháng 2/2032), tỷ lệ phản ánh xử lý đúng hạn là bao nhiêu?"
    )
    assert "điều" not in q.focus and "ioc" not in q.focus and {"phản", "hạn"} <= set(q.focus)
    # a meeting and a time as people say them: "buổi họp", "buổi tổng kết", "hồi tháng 8/2032"
    q = analyse("Theo buổi họp của ngành điện hồi tháng 8/2032, bao nhiêu phần trăm khách hàng trả tiền điện?")
    assert {"buổi", "hồi"} <= q.context and not {"buổi", "họp", "hồi"} & set(q.focus) and "khách" in q.focus
    q = analyse("Buổi tổng kết năm 2031 của bảo hiểm xã hội nói có bao nhiêu người nhận lương hưu qua tài khoản?")
    assert "buổi" not in q.focus and "lương" in q.focus
    # "hồi" before a time is "back in", not the second syllable of "thu hồi", "phản hồi"
    assert "hồi" not in analyse("Ngành điện hồi tháng 8/2032 có bao nhiêu khách hàng trả tiền qua ngân hàng?").focus
    assert "hồi" in analyse("Số tiền thu hồi năm 2031 là bao nhiêu?").focus
    assert "hoi" in analyse("Co bao nhieu cau hoi thang 5/2031 duoc tra loi?").focus
    # a bracketed time closes a meeting's name only after its owner ("của …"), not a measure's time
    q = analyse("Theo báo cáo tại hội nghị, kim ngạch xuất khẩu (quý I/2031), tăng bao nhiêu phần trăm?")
    assert {"kim", "ngạch", "khẩu"} <= set(q.focus)
    # folded, "may" is "máy" as well as "mấy": the name "hệ thống máy chủ" asks nothing
    q = analyse(
        "Tai hoi nghi tong ket Trung tam Giam sat, dieu hanh he thong may chu cua thanh pho An Thinh (thang 2/2032), "
        "ty le xu ly dung han la bao nhieu?"
    )
    assert "chu" not in q.focus and "dung" in q.focus
    # or after the subject a meeting is about ("về …"), whose name has commas of its own
    q = analyse(
        "Theo hội nghị tổng kết của thành phố An Thịnh về Trung tâm Giám sát, điều hành đô thị thông minh "
        "(tháng 2/2032), cơ quan nào quản lý trung tâm?"
    )
    assert "điều" not in q.focus and "quản" in q.focus
    # not across a clause that asks: "bao nhiêu" after the comma is what is asked
    q = analyse("Tại hội nghị tổng kết của tỉnh An Thịnh, bao nhiêu xã đạt chuẩn (tháng 2/2032), và vì sao?")
    assert "xã" in q.focus


def test_a_refusal_names_the_meeting_month_the_reports_lack(make_tiny_pipeline, tiny_seeds):
    """Refused for the month, the refusal says so, not another gap of the top sentence."""
    report, question, _, _ = _OVER_ONE_REPORT["a meeting dated by its month is not another month's meeting"]
    a = _answer_over(make_tiny_pipeline, tiny_seeds, report, question)
    assert a.refused and a.text.startswith("Các báo cáo không có số liệu này của cuộc họp tháng 7/2026."), a.text


def test_adjacent_focus_words_are_read_as_pairs():
    q = analyse("Dân số Việt Nam năm 2023 là bao nhiêu người?")
    assert q.pairs == ("dân_số",)  # "người dân số" is not "dân số": the pair is the word
    assert "sơ_tăng" not in analyse("Số hồ sơ năm 2031 tăng bao nhiêu?").pairs  # not across the context
    assert "số_tỷ" not in analyse("Ngoài dân số, tỷ lệ thất nghiệp là bao nhiêu?").pairs  # nor a comma
    q = analyse("Bao nhiêu nhà ở xã hội được hoàn thành trong năm 2031?")
    assert set(q.pairs) == {"xã_hội", "hoàn_thành"}
    assert token_set("Bộ Lao động - Thương binh và Xã hội hoàn thành", False) >= {"xã_hội", "hoàn_thành"}
    assert analyse("ty le that nghiep la bao nhieu", restored="tỷ lệ thất nghiệp là bao nhiêu").pairs == (
        "ty_le",
        "le_that",
        "that_nghiep",
    )


def test_a_sentence_s_official_terms_state_the_everyday_words_a_question_uses():
    from qa.lexicon import asked, glosses, stated

    said = "Cả nước có 286.400 máy chấp nhận thẻ (POS) và 61,2% hồ sơ được nộp trực tuyến."
    assert {"máy quẹt thẻ", "qua mạng"} <= set(glosses(said))
    assert stated(said, asked("Có bao nhiêu máy quẹt thẻ?")) == ("máy quẹt thẻ",)
    assert stated(said, asked("co bao nhieu ho so nop qua mang", bare=True)) == ("qua mạng",)
    # only the everyday words the question uses: "thập kỷ qua" is no "qua mạng"
    assert stated(said, asked("Trong thập kỷ qua có bao nhiêu hồ sơ?")) == ()
    # words of one syllable are syllables of too many others: "mục tiêu", "chi phí" ask for no spending
    assert asked("Mục tiêu năm 2025 và chi phí là bao nhiêu?") == frozenset()
    # a described term needs its head and its place: "nhóm giải pháp hỗ trợ người dân" is no village team
    assert asked("Nhóm giải pháp hỗ trợ người dân là gì?") == frozenset()
    assert "nhóm" in asked("Tỉnh có bao nhiêu nhóm ở thôn giúp bà con dùng công nghệ?")
    # only ever added to what the report says: "qua mạng" does not make a sentence say "trực tuyến"
    assert glosses("Số lượt gửi qua mạng tăng mạnh.") == ()
    assert glosses("Kinh tế số chiếm 9,8% GRDP.") == ("tổng sản phẩm trên địa bàn",)
    assert glosses("grdp") == ()  # an abbreviation in capitals only
    # an abbreviation either way round: the question's "CSDL" is the report's words, and back
    assert stated("Đã kết nối 12 cơ sở dữ liệu quốc gia.", asked("Có bao nhiêu CSDL quốc gia?")) == ("CSDL",)
    assert stated("Đã kết nối 12 CSDL quốc gia.", asked("Có bao nhiêu cơ sở dữ liệu quốc gia?")) == ("cơ sở dữ liệu",)
    assert stated("Đã có 12 TTHC.", asked("co bao nhieu thu tuc hanh chinh", bare=True)) == ("thủ tục hành chính",)
    assert states_measure("máy quẹt", said, False) and states_measure("may quet", said, True)
    assert not states_measure("máy quẹt", "Cả nước có 19.470 máy ATM.", False)
    assert stated("Tỉnh đã cấp 2.167.400 giấy chứng nhận quyền sử dụng đất.", asked("Tỉnh cấp bao nhiêu sổ đỏ?")) == (
        "sổ đỏ",
    )
    said = "Giao dịch qua điện thoại di động tăng 64,2%; 71% đối tượng an sinh xã hội nhận qua tài khoản."
    assert stated(said, asked("Số lần trả tiền bằng điện thoại tăng bao nhiêu?")) == ("trả tiền",)
    assert stated(said, asked("Bao nhiêu người hưởng trợ cấp xã hội nhận qua tài khoản?")) == ("trợ cấp xã hội",)
    # an app by what it is for ("app nộp thuế trên điện thoại"), a service's hours in everyday words
    said = "Đã có 18.650 tài khoản eTax Mobile; 41 ngân hàng thu thuế điện tử 24/7."
    assert set(stated(said, asked("Bao nhiêu người dùng app nộp thuế trên điện thoại?"))) == {"nộp thuế", "điện thoại"}
    assert stated(said, asked("Bao nhiêu ngân hàng thu thuế suốt ngày đêm?")) == ("suốt ngày đêm",)
    assert stated("Thôn Nà Pục đã được phủ sóng 4G.", asked("Thôn nào đã có sóng 4G?")) == ("có sóng",)
    # paying without cash by its everyday means, a service done online from end to end, a prescription
    said = "Tỷ lệ viện phí không dùng tiền mặt đạt 21,4%; hồ sơ trực tuyến toàn trình đạt 47,3%."
    assert stated(said, asked("Bao nhiêu phần trăm trả viện phí bằng quẹt thẻ?")) == ("quẹt thẻ",)
    assert stated(said, asked("Bao nhiêu hồ sơ làm qua mạng từ đầu tới cuối?")) == ("qua mạng", "từ đầu tới cuối")
    assert stated("Cả nước có 28.640 nhà thuốc.", asked("Bao nhiêu tiệm thuốc tây?")) == ("tiệm thuốc",)
    # a phrase inside a longer one the question uses is that one's; a span of time is no "toàn trình"
    assert asked("Có bao nhiêu máy quẹt thẻ (POS)?") == {"máy quẹt thẻ"}
    assert asked("Từ đầu đến cuối năm 2031, bao nhiêu hồ sơ được tiếp nhận?") == frozenset()
    # the words a measure counts lead its everyday words: "trả tiền" is no amount of "tiền"
    assert not states_measure("tiền", "Cổng xử lý 874 nghìn giao dịch thanh toán.", False)
    assert not states_measure("tien", "Cổng xử lý 874 nghìn giao dịch thanh toán.", True)


def test_a_question_in_everyday_words_finds_its_focus_in_the_official_terms(make_tiny_pipeline, tiny_seeds):
    (tiny_seeds / "c_tinh.txt").write_text(
        "Hội nghị tổng kết chuyển đổi số năm 2024 của tỉnh.\n\n"
        "Về xã hội số, 41% người trưởng thành đã có chữ ký số. Đến cuối năm, toàn tỉnh có 5.120 máy "
        "chấp nhận thẻ (POS).",
        encoding="utf-8",
    )
    pipeline = make_tiny_pipeline()
    question = "Bao nhiêu người lớn đã có chữ ký điện tử?"
    hits = pipeline.search(question)
    answerer = pipeline.extractive
    cands = answerer.candidates(answerer.analyse(question), hits)
    best = {c.span.sentence: dict(zip(SPAN_FEATURES, c.x)) for c in cands}
    said = next(f for s, f in best.items() if "41%" in s)
    assert said["focus"] == pytest.approx(1.0) and said["missing_idf"] == 0.0
    # the retriever's focus feature reads the passage the same way
    share = pipeline.retriever.focus_share(question)
    at = next(h for h in hits if "41%" in h.text)
    ids = [i for i, c in enumerate(pipeline.retriever.index.chunks) if c.text == at.text]
    assert share(ids[0]) == pytest.approx(1.0)


def test_a_meeting_named_by_its_day_is_met_by_the_reports_meeting_date(make_tiny_pipeline, tiny_seeds):
    # the question writes the day "ngày 17/11/2024", the report "Sáng 17/11" (its date says the year)
    report = (
        "Bộ Thủy sản họp trực tuyến về thu phí cảng cá không dùng tiền mặt\n\n"
        "Sáng 17/11/2024, Bộ Thủy sản tổ chức hội nghị trực tuyến về thu phí cảng cá không dùng tiền mặt. "
        "Thứ trưởng Đào Minh Khang chủ trì hội nghị. Đã có 48 cảng cá thu phí qua tài khoản."
    )
    question = "Ai chủ trì hội nghị trực tuyến của Bộ Thủy sản ngày 17/11/2024 về thu phí cảng cá?"
    a = _answer_over(make_tiny_pipeline, tiny_seeds, report, question)
    assert not a.refused and "Đào Minh Khang" in a.text, a.text
    # another day is not that meeting
    a = _answer_over(make_tiny_pipeline, tiny_seeds, report, question.replace("17/11/2024", "18/11/2024"))
    assert a.refused or "Đào Minh Khang" not in a.text


def test_a_report_a_province_holds_does_not_answer_for_the_country(make_tiny_pipeline, tiny_seeds):
    # its title names no province, its body is none of the committees; its opening says the province held it
    report = (
        "Hội nghị sơ kết chuyển đổi số sáu tháng\n\n"
        "Sáng 5/7/2024, UBND tỉnh Hà Nam tổ chức hội nghị sơ kết sáu tháng về chuyển đổi số. "
        "Toàn tỉnh có 1.172 tổ công nghệ số cộng đồng với 6.480 thành viên."
    )
    a = _answer_over(make_tiny_pipeline, tiny_seeds, report, "Có bao nhiêu tổ công nghệ số cộng đồng năm 2024?")
    assert a.refused or "1.172" not in a.text
    a = _answer_over(
        make_tiny_pipeline, tiny_seeds, report, "Tỉnh Hà Nam có bao nhiêu tổ công nghệ số cộng đồng năm 2024?"
    )
    assert not a.refused and "1.172" in a.text, a.text


def test_a_figure_the_question_states_answers_no_figure_question():
    question = "Trong 6 tháng, tỉnh đã có bao nhiêu hóa đơn được khởi tạo từ máy tính tiền?"
    assert states_kind("number", "Điểm nhấn của 6 tháng là hóa đơn khởi tạo từ máy tính tiền.", question) is False
    assert states_kind("number", "Trong 6 tháng, tỉnh đã khởi tạo 14,2 triệu hóa đơn.", question) is True
    assert states_kind("number", "Điểm nhấn của 6 tháng là hóa đơn.", "Có bao nhiêu hóa đơn?") is True
    # a figure the question states once, stated again as the answer, counts
    asked = "Năm 2023 có 5 dự án; năm 2024 có bao nhiêu?"
    assert states_kind("number", "Năm 2024 có 5 dự án; năm 2023 có 5 dự án.", asked)


def test_a_rate_that_describes_the_items_asked_is_a_list_question():
    assert question_type("Những huyện nào có tỷ lệ kích hoạt tài khoản dưới 55%?") == "list"
    assert question_type("Tỷ lệ kích hoạt tài khoản của những huyện nào đạt bao nhiêu?") == "number"
    assert question_type("Tỷ lệ kích hoạt tài khoản của tỉnh là bao nhiêu?") == "number"
    assert question_type("Những xã nào có tỷ lệ hộ dùng máy tính dưới 50%?") == "list"  # "máy" is no "mấy"
    assert question_type("Tỷ lệ hồ sơ của các thủ tục hành chính đạt mức nào?") == "number"
    assert question_type("nhung xa nao co ty le ho dung may tinh duoi 50%?") == "number"  # bare "may" may be "mấy"


def test_a_number_of_items_asked_by_which_they_are_is_a_list_question():
    assert question_type("Ba địa phương nào có tỷ lệ hồ sơ trực tuyến thấp nhất?") == "list"
    assert question_type("Thủ tướng yêu cầu ưu tiên 4 nội dung nào?") == "list"
    assert question_type("hai xa nao duoc thi diem mo hinh?") == "list"
    # an ordinal, a woman's title or a name's number asks no items
    assert question_type("Phiên họp thứ ba xem xét nội dung nào?") == "fact"
    assert question_type("Tính đến 30/6 tỉnh nào có tỷ lệ cao nhất?") == "fact"  # a date, no count; which one
    assert question_type("Trong tháng 9 tỉnh nào dẫn đầu?") == "fact"
    assert question_type("Đề án 06 được triển khai theo hình thức nào?") == "fact"
    assert question_type("Có bao nhiêu tỉnh đạt 100%?") == "number"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # asking words compared in accented form: "bộ máy", "dệt may" are no "mấy"; "nguồn lực nào" is
        # no "lúc nào"; "Quỹ nào" no "quý nào"; "AI" in capitals is the acronym, not "ai"
        ("Việc sắp xếp tổ chức bộ máy đạt kết quả gì?", "fact"),
        ("Nguồn lực nào được huy động cho chuyển đổi số?", "fact"),
        ("Quỹ nào hỗ trợ doanh nghiệp khởi nghiệp?", "fact"),
        ("Có bao nhiêu doanh nghiệp ứng dụng AI?", "number"),
        ("Có mấy nhóm nhiệm vụ?", "number"),
        ("Quý nào đạt cao nhất?", "temporal"),
        ("Hội nghị do ai chủ trì?", "who"),
        ("AI chủ trì hội nghị?", "who"),  # at its start, "AI" is "Ai"
        ("AI CHỦ TRÌ HỘI NGHỊ?", "who"),
        ("Nhưng ai chủ trì hội nghị?", "who"),
        # folded for a question typed without diacritics
        ("co may nhom nhiem vu", "number"),
        ("ai chu tri hoi nghi", "who"),
    ],
)
def test_asking_words_that_other_words_share_when_folded_are_read_accented(question, kind):
    assert question_type(question) == kind


def test_a_follow_up_opens_with_con_in_accented_form_not_con_bao_or_con_dao():
    assert is_followup("Còn năm 2023 thì sao?") and is_followup("con nam 2023 thi sao")
    assert not is_followup("Cơn bão số 3 năm 2031 gây thiệt hại bao nhiêu?")
    assert not is_followup("Côn Đảo có bao nhiêu khách du lịch năm 2031?")


def test_a_measure_s_words_that_fold_to_question_words_stay_in_it():
    assert measure_of("Tỉnh có bao nhiêu chợ truyền thống?") == "chợ truyền"  # "chợ" is no "cho"
    assert measure_of("Có bao nhiêu bảo tàng số?") == "bảo tàng"  # "bảo" is no "bao"


def test_a_question_for_the_whole_country_is_not_answered_by_one_province_s_figure(make_tiny_pipeline, tiny_seeds):
    # a regional conference where each province reports its own figures, none for the country
    report = (
        "Tổ công tác Đề án 06 họp trực tuyến với các tỉnh Tây Nguyên năm 2031\n\n"
        "Sáng 17/7/2031, Tổ công tác Đề án 06 của Chính phủ tổ chức hội nghị trực tuyến với các tỉnh Tây Nguyên. "
        "Kon Tum đã kích hoạt 312.450 tài khoản định danh điện tử. "
        "Gia Lai đã kích hoạt 948.730 tài khoản định danh điện tử, cao nhất trong 5 tỉnh."
    )
    national = "Tại hội nghị trực tuyến với các tỉnh Tây Nguyên năm 2031, cả nước đã kích hoạt bao nhiêu tài khoản?"
    a = _answer_over(make_tiny_pipeline, tiny_seeds, report, national)
    assert a.refused and "312.450" not in a.text and "948.730" not in a.text
    a = _answer_over(make_tiny_pipeline, tiny_seeds, report, national.replace("cả nước", "Gia Lai"))
    assert not a.refused and "948.730" in a.text


def test_a_figure_given_roughly_is_quoted_as_exactly_as_the_report_states_it(make_tiny_pipeline, tiny_seeds):
    from qa.answering import _own_figures, _rough_figures, _states_exactly

    rough = _rough_figures("Phú Lâm tổng kết năm 2031: kích hoạt hơn 84 nghìn tài khoản định danh")
    assert rough == [("hơn", 84000.0, False, 2, "tài khoản")]
    assert _states_exactly("Toàn huyện đã kích hoạt 84.372 tài khoản định danh điện tử.", rough)
    assert not _states_exactly("Toàn huyện đã kích hoạt 84.372 hồ sơ.", rough)  # not what it counts
    assert not _states_exactly("Toàn huyện đã kích hoạt 79.950 tài khoản định danh.", rough)  # below "hơn"
    assert not _states_exactly("Đã kích hoạt gần 84.372 tài khoản định danh.", rough)  # rough too
    share = _rough_figures("Tỷ lệ hồ sơ trực tuyến vượt 50%")
    assert _states_exactly("Tỷ lệ hồ sơ nộp trực tuyến đạt 52,3%.", share)
    assert not _states_exactly("Tỷ lệ hồ sơ nộp trực tuyến đạt 52,3 nghìn.", share)
    # a sentence with a figure of its own, or a programme's number beside a rough one
    assert any(_own_figures("Đạt 48,62 triệu tài khoản, tăng hơn 2 triệu."))
    assert not any(_own_figures("Đề án 06 phiên thứ 3 năm 2031: hơn 84 nghìn tài khoản"))
    assert not any(_own_figures("ĐỀ ÁN 06: KÍCH HOẠT HƠN 84 NGHÌN TÀI KHOẢN"))
    assert any(_own_figures("Tổng số 84.372 tài khoản, tăng hơn 5.000 tài khoản."))
    assert any(_own_figures("Cả nước 84.372 tài khoản, tăng hơn 5.000."))
    # a share opening its sentence is a share of what follows; a figure that names nothing is matched to none
    opening = _rough_figures("Hơn 90% hồ sơ được giải quyết trực tuyến")
    assert opening == [("hơn", 90.0, True, 1, "hồ sơ")]
    assert not _states_exactly("Mức độ hài lòng của người dân đạt 96,4%.", opening)
    assert _rough_figures("Phú Lâm kích hoạt hơn 61.000") == []

    report = (
        "Huyện Phú Lâm tổng kết năm 2031: kích hoạt hơn 84 nghìn tài khoản định danh điện tử\n\n"
        "Sáng 12/1/2032, Tổ công tác Đề án 06 huyện Phú Lâm tổng kết năm 2031. "
        "Theo báo cáo của Công an huyện, trong năm đã thu nhận 97.115 hồ sơ, "
        "số tài khoản định danh điện tử đã được kích hoạt là 84.372 tài khoản, đạt 71,5%."
    )
    a = _answer_over(
        make_tiny_pipeline,
        tiny_seeds,
        report,
        "Năm 2031 huyện Phú Lâm đã kích hoạt bao nhiêu tài khoản định danh điện tử?",
    )
    assert not a.refused and "84.372 tài khoản" in a.text, a.text


def test_a_cause_asked_with_two_years_quotes_the_reason_not_each_year(make_tiny_pipeline, tiny_seeds):
    # the meeting's year and the year of the figure it explains: a cause is asked, not a comparison
    report = (
        "Ban Chỉ đạo chuyển đổi số tỉnh Phú Lâm họp phiên thứ tư\n\n"
        "Chiều 16/3/2032, Ban Chỉ đạo chuyển đổi số tỉnh Phú Lâm họp phiên thứ tư, "
        "đánh giá năm 2031 và bàn kế hoạch năm 2032. "
        "Theo Sở Thông tin và Truyền thông, tỷ lệ hồ sơ trực tuyến năm 2031 chưa đạt kế hoạch có nhiều nguyên nhân. "
        "Nguyên nhân chủ yếu là người dân vẫn quen nộp hồ sơ trực tiếp tại bộ phận một cửa."
    )
    a = _answer_over(
        make_tiny_pipeline,
        tiny_seeds,
        report,
        "Tại phiên họp thứ tư Ban Chỉ đạo chuyển đổi số tỉnh Phú Lâm năm 2032, nguyên nhân chủ yếu khiến tỷ lệ "
        "hồ sơ trực tuyến năm 2031 không đạt kế hoạch là gì?",
    )
    assert not a.refused and "quen nộp hồ sơ trực tiếp" in a.text, a.text


def test_the_cause_right_after_a_province_s_figure_is_quoted_though_it_names_no_province(
    make_tiny_pipeline, tiny_seeds
):
    # a regional conference: the sentence after the province's figure gives its cause without naming it
    report = (
        "Tổ công tác Đề án 06 tổ chức hội nghị trực tuyến với các tỉnh miền núi năm 2031\n\n"
        "Sáng 17/7/2031, Tổ công tác Đề án 06 của Chính phủ tổ chức hội nghị trực tuyến với năm tỉnh miền núi. "
        "Kon Tum có tỷ lệ hồ sơ trực tuyến toàn trình đạt 42,9%, thấp nhất trong 5 tỉnh. "
        "Nguyên nhân chủ yếu được tỉnh nêu là hạ tầng mạng ở các xã biên giới chưa ổn định. "
        "Gia Lai có tỷ lệ hồ sơ trực tuyến toàn trình đạt 61,7%, cao nhất trong 5 tỉnh."
    )
    a = _answer_over(
        make_tiny_pipeline,
        tiny_seeds,
        report,
        "Tại hội nghị trực tuyến với các tỉnh miền núi năm 2031, vì sao Kon Tum có tỷ lệ hồ sơ trực tuyến "
        "toàn trình thấp nhất?",
    )
    assert not a.refused and "hạ tầng mạng ở các xã biên giới" in a.text, a.text


def test_an_aim_earlier_in_a_clause_dates_its_figure_as_a_target_but_a_direction_does_not():
    from qa.answering import only_targets

    assert only_targets("Các đơn vị hỗ trợ chữ ký số, phấn đấu tỷ lệ hồ sơ điện tử năm 2032 đạt trên 97%.")
    assert not only_targets("Năm 2031 tỷ lệ đạt 95%, phấn đấu năm 2032 đạt 97%.")  # the first clause is reached
    assert not only_targets("Hướng tới chính quyền số năm 2031 tỉnh đạt tỷ lệ 97%.")  # "hướng tới": towards
