"""Meeting metadata from a report's own statements, on short reports of our own."""

import json

import pytest

from index.ingest import load_reports, parse_report, read_report
from index.metadata import extract, meeting_body, meeting_date, meeting_kind


def meta(text: str, raw: str = ""):
    return extract(text, raw_text=raw or text)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # the year written with the day
        ("Chiều ngày 28/12/2023, Tổ công tác họp trực tuyến với 63 địa phương.", "2023-12-28"),
        ("Hà Nội, ngày 15 tháng 3 năm 2022\n\nỦy ban họp phiên thứ Hai.", "2022-03-15"),
        # a review of 2023 held on 28/12 is in 2023; one held on 6/1 is in 2024
        ("Sáng 28/12, hội nghị tổng kết năm 2023 được tổ chức tại Hà Nội.", "2023-12-28"),
        ("Sáng 6/1, hội nghị tổng kết công tác năm 2023 được tổ chức tại Hà Nội.", "2024-01-06"),
        # a review of the first four months held on 9/5 is in the same year
        ("Sáng 9/5, Tổ công tác họp đánh giá kết quả 4 tháng đầu năm 2024.", "2024-05-09"),
        # a mid-year review on 8/8 is in its own year, whatever later year the text names
        ("Sáng 8/8, Ủy ban họp để đánh giá kết quả 6 tháng đầu năm 2022, hướng tới năm 2025.", "2022-08-08"),
        # the year nearest the day, not the latest year named
        ("Sáng 24/4, phiên họp thống nhất cấp thêm 1,2 triệu chữ ký số trong năm 2024, dự kiến 2026.", "2024-04-24"),
        # targets and plans are not when it met
        ("Chiều 9/3, Ban Chỉ đạo họp bàn mục tiêu đến năm 2030 và kế hoạch năm 2026.", None),
        # a weekday before the day in brackets; a day written with dots; a dotted figure before it
        ("Sáng thứ Sáu (15/3/2024), Thủ tướng chủ trì Phiên họp lần thứ 7 của Ủy ban.", "2024-03-15"),
        ("Sáng 15.3.2024, Thủ tướng chủ trì Phiên họp lần thứ 7 của Ủy ban.", "2024-03-15"),
        ("Tổ công tác họp với 6.056 đại biểu sáng 9/5/2024 tại Hà Nội.", "2024-05-09"),
        # a period glued to a footnote number still ends the sentence before the meeting's day
        (
            "Thực hiện Quyết định số 06/QĐ-TTg.1 Sáng 15/3/2024, Thủ tướng chủ trì họp. Chiều 10/3/2024 họp sơ bộ.",
            "2024-03-15",
        ),
        # a rank in brackets is not a day, and a dotted year needs a dotted day and month
        ("Hiện nay thứ hạng (5/10/2024) của tỉnh tăng, Ủy ban họp.", None),
        ("Sáng 15/3.2025 Ủy ban họp phiên thứ 2.", None),
        # "TP." abbreviates a city; it does not end the sentence before its meeting words
        ("Sáng ngày 10/1/2026, Ban Chỉ đạo TP. Cần Thơ tổ chức hội nghị tổng kết năm 2025.", "2026-01-10"),
        # the day of an earlier session, named in the report of the second, is not the report's own
        (
            "Chiều 12/11/2025, Ban Chỉ đạo tỉnh họp phiên thứ hai. Phiên họp thứ nhất được tổ chức ngày 4/8.",
            "2025-11-12",
        ),
        # its own day, before the sentence goes on to name the earlier session
        (
            "PHIÊN HỌP THỨ HAI\n\nChiều 12/11/2025, Ban Chỉ đạo tổ chức phiên họp nhằm thực hiện kết luận"
            " tại Phiên họp thứ nhất.",
            "2025-11-12",
        ),
    ],
)
def test_meeting_date_from_the_text(text, date):
    assert meeting_date(text) == date


def test_a_page_date_written_out_on_its_own_line_dates_the_page_and_is_no_text():
    raw = "An Thịnh họp chuyên đề về dữ liệu\n\n*Ngày 14 tháng 10 năm 2031*\n\nChiều 14/10, Ban Chỉ đạo họp."
    report = parse_report("r.md", raw.encode())
    assert report.date == "2031-10-14" and "tháng 10 năm" not in report.text
    for line in ("NGÀY 14 THÁNG 10 NĂM 2031", "Thứ Ba, ngày 14 Tháng 10 Năm 2031"):  # in capitals, in title case
        assert parse_report("r.md", f"An Thịnh họp\n\n{line}\n\nChiều 14/10, Ban họp.".encode()).date == "2031-10-14"
    # a sentence that opens with the date, and a document's place and date, are the report's
    raw = "An Thịnh họp\n\nNgày 14 tháng 10 năm 2031, Ban Chỉ đạo họp phiên thứ hai."
    assert "Ngày 14 tháng 10 năm 2031" in parse_report("r.txt", raw.encode()).text
    raw = "THÔNG BÁO\n\nKết luận của Bộ trưởng\n\nHà Nội, ngày 14 tháng 10 năm 2031\n\nNgày 10/10, Bộ trưởng họp."
    assert "Hà Nội, ngày 14 tháng 10 năm 2031" in parse_report("r.txt", raw.encode()).text


def test_the_period_reviewed_does_not_date_a_meeting_after_the_page_that_reports_it():
    # "kết quả khảo sát năm 2030" names a survey; the page of April 2030 reports a meeting of that April
    raw = (
        "18/04/2030 20:15\n\nChiều 18/4, Ủy ban họp chuyên đề về chỉ tiêu Chính phủ số. "
        "Theo kết quả khảo sát năm 2030 của Liên hợp quốc, chỉ số tăng 5 bậc."
    )
    assert parse_report("r.txt", raw.encode()).date == "2030-04-18"
    # without a page's date, the review rule stands: the results of 2030 are reviewed in 2031
    raw = "Chiều 18/1, Ủy ban họp đánh giá kết quả năm 2030."
    assert parse_report("r.txt", raw.encode()).date == "2031-01-18"


def test_a_notice_s_long_kind_and_subject_is_its_headline():
    subject = (
        "THÔNG BÁO Kết luận của Thủ tướng Chính phủ tại phiên họp chuyên đề của Ban Chỉ đạo của Chính phủ về "
        "phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06 về vận hành Trung tâm dữ liệu"
    )
    assert len(subject) > 200
    report = parse_report("tb.txt", f"{subject}\n\nNgày 14/10/2031, Thủ tướng chủ trì phiên họp.".encode())
    assert report.title == subject


def test_a_page_timestamp_gives_the_year_as_weaker_evidence():
    raw = "Thứ Ba, 02/01/2024 08:15\n\nSáng 29/12, Ban Chỉ đạo họp phiên cuối năm."
    report = parse_report("r.txt", raw.encode())
    assert report.date == "2023-12-29"  # published in January: the meeting was the December before
    assert "08:15" not in report.text
    # where the text states the year, the page's date does not override it
    raw = "Cập nhật: 10/05/2025\n\nSáng 24/4/2024, Ban Chỉ đạo họp phiên thứ nhất."
    assert parse_report("r.txt", raw.encode()).date == "2024-04-24"
    # the page's tools may share the timestamp's line
    raw = "02/01/2024 | 08:15 A- A A+ In bài Chia sẻ Gửi email\n\nSáng 29/12, Ban Chỉ đạo họp phiên cuối năm."
    assert parse_report("r.txt", raw.encode()).date == "2023-12-29"
    raw = "Ngày đăng: 02/01/2024 | 08:15 A- A+ Chia sẻ | In bài viết\n\nSáng 29/12, Ban Chỉ đạo họp phiên cuối năm."
    assert parse_report("r.txt", raw.encode()).date == "2023-12-29"
    raw = "Cập nhật: 02/01/2024 08:15 | Chia sẻ | In bài | Cỡ chữ A- A+\n\nSáng 29/12, Ban Chỉ đạo họp phiên cuối năm."
    assert parse_report("r.txt", raw.encode()).date == "2023-12-29"
    # "In trang", and buttons that were bracketed links, gone with the markup, leaving their separators
    raw = "Thứ Ba, 02/01/2024 08:15 A- A+ In trang Chia sẻ Facebook Zalo\n\nSáng 29/12, Ban Chỉ đạo họp phiên cuối năm."
    assert parse_report("r.txt", raw.encode()).date == "2023-12-29"
    # the article's source credited after the timestamp
    raw = "Ngày đăng: 02/01/2024 | 08:15 · Nguồn: Trung tâm Truyền thông huyện\n\nSáng 29/12, Ban Chỉ đạo họp."
    assert parse_report("r.txt", raw.encode()).date == "2023-12-29"
    raw = "Cập nhật: 02/01/2024 08:15 · [Chia sẻ] · [In bài] · Cỡ chữ A- A+\n\nSáng 29/12, Ban Chỉ đạo họp."
    assert parse_report("r.md", raw.encode()).date == "2023-12-29"
    # a long bar of buttons after the timestamp
    raw = (
        "Cập nhật: 02/01/2024 08:15 | Chia sẻ | Facebook | Zalo | Twitter | Email | In bài | Bản in | Lưu tin "
        "| Cỡ chữ: | A- | A | A+\n\nSáng 29/12, Ban Chỉ đạo họp phiên cuối năm."
    )
    assert parse_report("r.txt", raw.encode()).date == "2023-12-29"
    # a span of years ("năm học 2026-2027") does not say which of them: the page's date does
    raw = "Cập nhật: 12/02/2027 10:30\n\nSáng 12/2, Sở tổ chức hội nghị sơ kết học kỳ I năm học 2026-2027."
    assert parse_report("r.txt", raw.encode()).date == "2027-02-12"
    # ... and without one, the year is left unsaid rather than taken from the span
    assert parse_report("r.txt", raw.split("\n\n", 1)[1].encode()).date is None
    # a deadline for acting on a resolution is not the resolution's date, which the meeting would follow
    raw = (
        "09/03/2027 14:20 GMT+7\n\nSáng 9/3, Ban Chỉ đạo họp phiên thứ nhất. Ban Chỉ đạo giao Bộ Khoa học "
        "ban hành bộ chỉ số đánh giá thực hiện Nghị quyết 71 trước ngày 15/4/2027."
    )
    assert parse_report("r.txt", raw.encode()).date == "2027-03-09"
    # the year a review sets tasks for is not the year it reviews, and a page cannot report a
    # meeting later than itself: a year-end review on 28/12 published on 05/01 was the December before
    raw = (
        "05/01/2027 09:10\n\nBộ Xây dựng tổng kết chuyển đổi số năm 2026\n\nChiều 28/12, Bộ Xây dựng tổ chức "
        "Hội nghị tổng kết công tác chuyển đổi số, triển khai nhiệm vụ năm 2027."
    )
    assert parse_report("r.txt", raw.encode()).date == "2026-12-28"
    # the year of the tasks a review carries out is the year it reviews
    text = "Chiều 10/1, Sở tổ chức Hội nghị tổng kết thực hiện nhiệm vụ chuyển đổi số năm 2026."
    assert meeting_date(text, full_text=text) == "2027-01-10"
    # a stamp of a month bounds its whole month; a page announcing a meeting ahead is older than it
    text = "Chiều 15/1, Sở họp giao ban. Tính đến hết tháng 12/2026 có 512 hồ sơ."
    assert meeting_date(text, stamp=(2027, 1, None), full_text=text) == "2027-01-15"
    text = "Ngày 28/12 tới, UBND tỉnh sẽ tổ chức Hội nghị tổng kết. Tính đến hết tháng 11/2026 có 512 hồ sơ."
    assert meeting_date(text, stamp=(2026, 12, 20), full_text=text) == "2026-12-28"


def test_a_notice_that_recounts_its_meeting_gives_the_meeting_s_day():
    text = (
        "Kết luận của Phó Thủ tướng tại cuộc họp Tổ công tác\n\nVăn phòng Chính phủ vừa ban hành Thông báo số "
        "112/TB-VPCP ngày 21/3/2027 kết luận của Phó Thủ tướng tại cuộc họp Tổ công tác.\n\nThông báo nêu: "
        "Ngày 12/3/2027, tại trụ sở Chính phủ, Phó Thủ tướng đã chủ trì cuộc họp Tổ công tác."
    )
    assert meta(text).date == "2027-03-12"  # "Thông báo nêu:" introduces the meeting, not a document's date


def test_no_day_in_the_text_gives_month_or_year_precision_never_a_guessed_day():
    assert meeting_date("Hội nghị diễn ra vào tháng 7/2024 tại Hà Nội với 300 đại biểu.") == "2024-07"
    assert meeting_date("Hội nghị sơ kết 6 tháng đầu năm 2023 đánh giá 14 chỉ tiêu.") == "2023"
    assert meeting_date("Các đại biểu thảo luận về nền tảng số.") is None
    # "Ngày 10/10 hằng năm" names a yearly day, not the meeting
    assert meeting_date("Thủ tướng phê duyệt Ngày 10/10 hằng năm là Ngày Chuyển đổi số quốc gia.") is None


@pytest.mark.parametrize(
    ("text", "kind", "ordinal"),
    [
        ("Sáng 8/5, Thủ tướng chủ trì Phiên họp thứ Tư của Ủy ban.", "phiên họp", 4),
        ("Chiều nay, Ủy ban họp Phiên họp lần thứ 10 nhằm tổng kết năm 2024.", "phiên họp", 10),
        ("Ủy ban tổ chức Phiên họp chuyên đề lần thứ 2 về dữ liệu số.", "phiên họp chuyên đề", 2),
        ("Hội nghị sơ kết 6 tháng đầu năm 2024 diễn ra tại Hà Nội.", "hội nghị sơ kết", None),
        # a province's own digital-transformation day is an event like the national day's programme
        ("Sáng 10/10, tỉnh Hải An tổ chức Ngày Chuyển đổi số tỉnh năm 2027 tại quảng trường.", "hội nghị", None),
        ("Văn phòng Chính phủ ban hành Thông báo kết luận của Phó Thủ tướng.", "thông báo kết luận", None),
        # a conclusion headline issued as a numbered notice that does not say "kết luận" again
        (
            "Kết luận của Thủ tướng tại phiên họp thứ Sáu\n\nVăn phòng Chính phủ ban hành Thông báo số 400/TB-VPCP.",
            "thông báo kết luận",
            6,
        ),
        # a notice still to be issued does not make the report one
        (
            "Kết luận phiên họp thứ 3\n\nThủ tướng chủ trì phiên họp thứ 3. Văn phòng sẽ ban hành Thông báo số 5.",
            "phiên họp",
            3,
        ),
        ("Báo cáo chỉ số chuyển đổi số cấp tỉnh năm 2023\n\nBộ công bố kết quả đánh giá.", "báo cáo", None),
        ("Các đại biểu thảo luận về nền tảng số.", None, None),
        # the programme of Ngày Chuyển đổi số quốc gia, numbered by the day it celebrates
        ("Sáng 10/10, Thủ tướng dự Chương trình hưởng ứng Ngày Chuyển đổi số quốc gia lần thứ hai.", "hội nghị", 2),
        (
            "Bộ tổ chức Chương trình hưởng ứng Ngày Chuyển đổi số quốc gia năm 2024. Đây là lần thứ ba cả nước"
            " tổ chức Ngày Chuyển đổi số quốc gia.",
            "hội nghị",
            3,
        ),
        # another conference is not numbered by the day, and another day's programme is no meeting
        ("Hội nghị triển khai kế hoạch; năm nay là lần thứ tư cả nước tổ chức Ngày Chuyển đổi số.", "hội nghị", None),
        ("Chương trình hưởng ứng Ngày Sách Việt Nam diễn ra tại thư viện tỉnh.", None, None),
        ("Sáng 10/10, Hội nghị hưởng ứng Ngày Chuyển đổi số quốc gia năm 2024 khai mạc.", "hội nghị", None),
        # a conference its opening holds by its number; not one it names in passing
        ("Sáng 17/7, Tổ công tác tổ chức hội nghị trực tuyến lần thứ hai với 5 tỉnh Tây Nguyên.", "hội nghị", 2),
        ("Sáng 17/7, Tổ công tác họp với 5 tỉnh; sau một năm kể từ hội nghị lần thứ nhất, …", "phiên họp", None),
        # a headline's verb yields to the meeting the opening names
        ("TỔ CÔNG TÁC TỈNH HỌP ĐÁNH GIÁ KẾT QUẢ 9 THÁNG\n\nChiều 2/10, Tổ trưởng chủ trì hội nghị.", "hội nghị", None),
        ("Tổ công tác tỉnh họp đánh giá kết quả 9 tháng\n\nChiều 2/10, Tổ công tác đã họp.", "phiên họp", None),
        # a headline's "họp chuyên đề" is a special-topic session
        (
            "Ban Chỉ đạo tỉnh An Thịnh họp chuyên đề về y tế số\n\nTại phiên họp, Sở Y tế báo cáo.",
            "phiên họp chuyên đề",
            None,
        ),
        # a report the conference heard, named after its opening, is not the conference's kind
        (
            "Bộ triển khai nhiệm vụ năm học mới\n\nSáng 16/9, Bộ tổ chức hội nghị triển khai nhiệm vụ năm học."
            + " Các đại biểu thảo luận." * 40
            + " Báo cáo tổng kết năm học trước cho biết kết quả.",
            "hội nghị",
            None,
        ),
        (
            "TỔ CÔNG TÁC TỈNH HỌP TRIỂN KHAI\n\nTổ công tác đã họp triển khai kết luận của Hội nghị lần này.",
            "phiên họp",
            None,
        ),
    ],
)
def test_meeting_kind_and_ordinal(text, kind, ordinal):
    assert meeting_kind(text) == (kind, ordinal)


@pytest.mark.parametrize(
    ("text", "ordinal"),
    [
        # a conference named at length before its number, within one clause
        ("Sáng 21/11, Bộ tổ chức Hội nghị thúc đẩy tiêu thụ nông sản qua thương mại điện tử lần thứ ba.", 3),
        # a number in another clause is not the conference's
        ("Sáng 21/11, Bộ tổ chức Hội nghị thúc đẩy tiêu thụ nông sản, lần thứ ba có mặt các sàn.", None),
    ],
)
def test_a_conference_named_at_length_keeps_its_number(text, ordinal):
    assert meeting_kind(text)[1] == ordinal


def test_a_later_meeting_named_in_passing_is_not_the_reports_own():
    text = "Sáng 3/4, Thủ tướng chủ trì Phiên họp thứ Năm của Ủy ban. " + "Nội dung thảo luận. " * 40
    text += "Phiên họp lần thứ 6 sẽ được tổ chức vào quý III."
    assert meeting_kind(text) == ("phiên họp", 5)

    # an earlier session named to place the conference in time is not its own
    text = "Sáng 17/1, Thủ tướng chủ trì Hội nghị tổng kết năm 2018. Hội nghị diễn ra ba tháng sau phiên họp thứ nhất."
    assert meeting_kind(text) == ("hội nghị tổng kết", None)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Thủ tướng chủ trì phiên họp của Ủy ban Quốc gia về chuyển đổi số.", "Ủy ban Quốc gia về chuyển đổi số"),
        ("Tổ công tác triển khai Đề án 06 của Chính phủ họp trực tuyến.", "Tổ công tác Đề án 06"),
        (
            "Ban Chỉ đạo của Chính phủ về phát triển khoa học, công nghệ, đổi mới sáng tạo họp phiên thứ nhất.",
            "Ban Chỉ đạo của Chính phủ",
        ),
        ("Văn phòng Chính phủ ban hành Thông báo kết luận số 12.", "Văn phòng Chính phủ"),
        # its short name in a headline; not a steering committee of the Government on another topic
        ("Phiên họp thứ tư Ban Chỉ đạo của Chính phủ: gỡ vướng giải ngân\n\nSáng 2/3, …", "Ban Chỉ đạo của Chính phủ"),
        ("Ban Chỉ đạo của Chính phủ về phòng, chống thiên tai họp trực tuyến.", None),
        # a province's committee named before its province: "Phú Yên: Ban Chỉ đạo chuyển đổi số tỉnh họp"
        ("Phú Yên: Ban Chỉ đạo chuyển đổi số tỉnh họp phiên thứ hai", "Ban Chỉ đạo chuyển đổi số tỉnh"),
        ("Sáng 10/1, Ban Chỉ đạo chuyển đổi số TP. Hồ Chí Minh tổ chức hội nghị.", "Ban Chỉ đạo chuyển đổi số tỉnh"),
        # a city inside a province holds its own committee, as a district does; a headline in capitals
        # does not tell the two apart and stays the province's
        ("Sáng 6/7, Ban Chỉ đạo chuyển đổi số thành phố An Khê tổ chức hội nghị sơ kết.", None),
        ("CẦN THƠ: BAN CHỈ ĐẠO THÀNH PHỐ HỌP PHIÊN THỨ NHẤT", "Ban Chỉ đạo chuyển đổi số tỉnh"),
        # a person's title or the attendees do not say who met
        ("Tham dự có ông A, Phó Trưởng ban Chỉ đạo chuyển đổi số tỉnh Gia Lai.", None),
        # the body that issues a report; not one that will look at it at a meeting still to come
        (
            "Chỉ số năm 2021\n\nỦy ban Quốc gia về chuyển đổi số vừa phát hành báo cáo quý.",
            "Ủy ban Quốc gia về chuyển đổi số",
        ),
        ("Chỉ số năm 2021\n\nBộ công bố chỉ số. Ủy ban Quốc gia về chuyển đổi số sẽ xem xét tại phiên họp tới.", None),
        # "sắp xếp" is not the future, and a plan made at the meeting does not unmake it
        (
            "Ủy ban Quốc gia về chuyển đổi số họp bàn việc sắp xếp đơn vị hành chính.",
            "Ủy ban Quốc gia về chuyển đổi số",
        ),
        ("Ủy ban Quốc gia về chuyển đổi số họp, thống nhất các việc sẽ làm.", "Ủy ban Quốc gia về chuyển đổi số"),
        # its head chairing names the body that met; a deputy head does not
        (
            "Sáng 17/7, đồng chí Lê Văn An, Trưởng Ban Chỉ đạo chuyển đổi số thành phố chủ trì Hội nghị sơ kết.",
            "Ban Chỉ đạo chuyển đổi số tỉnh",
        ),
        ("Sáng 17/7, đồng chí Lê Văn An, Phó Trưởng Ban Chỉ đạo chuyển đổi số thành phố chủ trì Hội nghị.", None),
        (
            "Sáng 17/7, đồng chí Lê Văn An, Trưởng ban Chỉ đạo chuyển đổi số tỉnh Hải An, chủ trì hội nghị.",
            "Ban Chỉ đạo chuyển đổi số tỉnh",
        ),
        # its name before 2021
        (
            "Chiều 9/1, ông Lê Văn An, Trưởng Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh, chủ trì hội nghị.",
            "Ban Chỉ đạo chuyển đổi số tỉnh",
        ),
    ],
)
def test_meeting_body(text, body):
    assert meeting_body(text) == body


def test_headline_is_the_title_and_page_furniture_never_is():
    raw = "Đường dây nóng: 0237 3 999 888\n.\nTop of page\n\nỦY BAN HỌP PHIÊN THỨ TƯ\n\nSáng 2/6/2023, Ủy ban họp."
    report = parse_report("r.txt", raw.encode())
    assert report.title == "ỦY BAN HỌP PHIÊN THỨ TƯ"
    assert (report.kind, report.ordinal, report.date) == ("phiên họp", 4, "2023-06-02")


def test_a_sidecar_corrects_any_field_and_changes_the_content_hash(tmp_path):
    (tmp_path / "r.txt").write_text("Sáng 2/6/2023, Ủy ban họp Phiên họp thứ Tư.", "utf-8")
    before = read_report(tmp_path / "r.txt")
    sidecar = {"date": "2023-06-03", "ordinal": 5, "title": "Phiên họp thứ Năm", "body": "Tổ công tác Đề án 06"}
    (tmp_path / "r.txt.meta.json").write_text(json.dumps(sidecar, ensure_ascii=False), "utf-8")
    after = read_report(tmp_path / "r.txt")
    assert (after.date, after.ordinal, after.title, after.body) == (
        "2023-06-03",
        5,
        "Phiên họp thứ Năm",
        "Tổ công tác Đề án 06",
    )
    assert after.kind == "phiên họp" and after.sidecar == "applied"
    assert after.content_hash != before.content_hash  # a corrected sidecar re-indexes the report
    reports, skipped = load_reports(tmp_path)
    assert [r.doc for r in reports] == ["r.txt"] and skipped == []  # the sidecar is not a report


@pytest.mark.parametrize(
    ("sidecar", "reason"),
    [
        ("{not json", "not valid JSON"),
        ('["a"]', "JSON object"),
        ('{"colour": "red"}', "unknown field"),
        ('{"date": "24/4/2024"}', "YYYY-MM-DD"),
        ('{"ordinal": -2}', "positive integer"),
        ('{"kind": "tiệc"}', "kind must be one of"),
    ],
)
def test_a_bad_sidecar_is_ignored_with_its_reason_and_the_report_kept(tmp_path, sidecar, reason):
    (tmp_path / "r.txt").write_text("Sáng 2/6/2023, Ủy ban họp Phiên họp thứ Tư.", "utf-8")
    (tmp_path / "r.txt.meta.json").write_text(sidecar, "utf-8")
    report = read_report(tmp_path / "r.txt")
    assert report.date == "2023-06-02" and report.ordinal == 4
    assert report.sidecar.startswith("ignored:") and reason in report.sidecar


def test_seed_reports_have_their_meetings():
    reports = {r.doc[:3]: r for r in load_reports("seeds")[0]}
    assert (reports["001"].kind, reports["001"].ordinal, reports["001"].date) == ("phiên họp", 3, "2022-08-08")
    assert (reports["004"].kind, reports["004"].ordinal, reports["004"].date) == ("phiên họp", 10, "2025-02-06")
    assert reports["004"].body == reports["001"].body == "Ủy ban Quốc gia về chuyển đổi số"


def test_a_document_date_or_a_dateline_bounds_a_day_written_without_its_year():
    # the notice is dated 09/01/2023; the meeting it concludes, on 27/12, was the December before
    text = (
        "Kết luận của Thủ tướng tại Phiên họp thứ Tư\n\nVăn phòng Chính phủ vừa ban hành Thông báo số 06/TB-VPCP "
        "ngày 09/01/2023 kết luận của Thủ tướng tại Phiên họp thứ Tư, tổ chức ngày 27/12 theo hình thức trực tuyến."
    )
    m = meta(text)
    assert (m.date, m.kind, m.ordinal, m.body) == ("2022-12-27", "thông báo kết luận", 4, "Văn phòng Chính phủ")
    text = "Tổ công tác họp phiên thứ nhất\n\nHà Nội, ngày 15 tháng 3 năm 2022\n\nHôm qua (14/3), Tổ công tác đã họp."
    assert meta(text).date == "2022-03-14"


def test_today_on_a_dated_page_is_that_day():
    raw = "Thứ Năm, 15/08/2019 11:47\n\nỦy ban họp phiên đầu tiên\n\nSáng nay, Thủ tướng chủ trì phiên họp đầu tiên."
    report = parse_report("r.txt", raw.encode())
    assert (report.date, report.title, report.ordinal) == ("2019-08-15", "Ủy ban họp phiên đầu tiên", 1)
    # a timestamp without its weekday, with its time zone
    raw = "Ủy ban họp phiên đầu tiên\n\n15/08/2019 11:47 GMT+7\n\nChiều nay, Thủ tướng chủ trì phiên họp đầu tiên."
    report = parse_report("r.txt", raw.encode())
    assert report.date == "2019-08-15" and "GMT" not in report.text


def test_a_document_with_no_meeting_is_dated_by_its_decision():
    text = "Báo cáo chỉ số năm 2022\n\nBộ ban hành Báo cáo chỉ số kèm theo Quyết định số 1125/QĐ-BTTTT ngày 10/7/2023."
    m = meta(text)
    assert (m.kind, m.date) == ("báo cáo", "2023-07-10")


@pytest.mark.parametrize(
    ("text", "kind", "ordinal"),
    [
        # a numbered meeting named in passing is not the report's own
        (
            "Nghệ An sơ kết 9 tháng\n\nChiều 10/10, tỉnh tổ chức hội nghị sơ kết. Trước đó, tại Phiên họp thứ Ba, "
            "tỉnh đã giao 12 nhiệm vụ.",
            "hội nghị sơ kết",
            None,
        ),
        (
            "Hội nghị sơ kết của Ban\n\nSáng 28/7, Ban tổ chức hội nghị sơ kết, sau Phiên họp thứ Ba và thứ Tư.",
            "hội nghị sơ kết",
            None,
        ),
        # the meeting it holds is
        (
            "Đà Nẵng: Ban Chỉ đạo họp lần thứ 10\n\nĐÀ NẴNG, 3/11 – Ban Chỉ đạo hôm nay tổ chức phiên họp lần thứ 10.",
            "phiên họp",
            10,
        ),
    ],
)
def test_the_reports_own_numbered_meeting(text, kind, ordinal):
    assert meeting_kind(text) == (kind, ordinal)


def test_news_dateline_and_a_month_bounded_by_a_notice():
    text = "Ban Chỉ đạo họp lần thứ 10\n\nĐÀ NẴNG, 3/11 – Ban Chỉ đạo hôm nay đã họp để đánh giá 10 tháng năm 2022."
    assert meta(text).date == "2022-11-03"
    text = (
        "Văn phòng Chính phủ thông báo kết luận\n\nVăn phòng Chính phủ vừa ban hành Thông báo số 347/TB-VPCP "
        "ngày 25/8/2023 kết luận tại cuộc họp về kết nối dữ liệu, diễn ra hồi đầu tháng 8."
    )
    assert meta(text).date == "2023-08"


def test_a_report_without_a_meeting_is_dated_by_its_publication():
    raw = "Báo cáo chỉ số DTI 2022\n\nCập nhật: 14/07/2023\n\nBáo cáo dựa trên số liệu từ ngày 1/1/2022 đến 31/12/2022."
    report = parse_report("r.txt", raw.encode())
    assert (report.kind, report.date) == ("báo cáo", "2023-07-14")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # what the report states as done by a date: the meeting comes after it
        (
            "Ủy ban họp phiên thứ hai\n\nChiều 22/3, Thủ tướng chủ trì phiên họp. Đến hết tháng 2/2027, "
            "41 bộ đã kiện toàn Ban Chỉ đạo.",
            "2027-03-22",
        ),
        (
            "Tỉnh họp phiên thứ tư\n\nChiều 28/3, Ban Chỉ đạo tỉnh tổ chức phiên họp. Trong quý I/2027, "
            "tỷ lệ hồ sơ trực tuyến đạt 41,6%.",
            "2027-03-28",
        ),
        # a year's result compared with the year before is known only once that year is over: the
        # meeting that announces the index of 2026 in July is held in 2027, whatever year its sentence names
        (
            "Công bố chỉ số năm 2026\n\nChiều 20/7, Bộ tổ chức Hội nghị công bố Chỉ số năm 2026. Chỉ số "
            "trung bình năm 2026 đạt 0,51, tăng 11,2% so với năm 2025.",
            "2027-07-20",
        ),
        # a quarter inside a directive is a deadline, not a period done
        (
            "Bộ họp Ban Chỉ đạo\n\nSáng 26/5, Thứ trưởng chủ trì cuộc họp. Đến hết tháng 4/2027, 3.240 hiện vật "
            "đã được số hóa. Thứ trưởng giao Cục xây dựng bộ tiêu chuẩn, trình Bộ trong quý III/2027.",
            "2027-05-26",
        ),
        # the meeting acts under an instrument of an earlier date
        (
            "Công bố Chỉ số năm 2026\n\nSáng 17/6, Bộ tổ chức Hội nghị công bố Chỉ số năm 2026. Bộ chỉ số được "
            "xây dựng theo Quyết định số 1726/QĐ-BKH ngày 12/10/2026.",
            "2027-06-17",
        ),
        # a deadline the meeting sets: it is held before it
        (
            "Tỉnh họp phiên thứ hai\n\nSáng 16/10, Bí thư Tỉnh ủy chủ trì phiên họp. Yêu cầu đến ngày "
            "31/12/2027, tỷ lệ hồ sơ trực tuyến đạt trên 80%.",
            "2027-10-16",
        ),
        (
            "Bộ họp về dữ liệu\n\nSáng 5/11, Bộ trưởng chủ trì cuộc họp. Các đơn vị gửi báo cáo trước ngày 15/1/2028.",
            "2027-11-05",
        ),
        # "tính đến ngày …" is what is done, not a deadline, even beside "hoàn thành"
        (
            "Tỉnh họp\n\nChiều 22/3, Ban Chỉ đạo tỉnh họp. Tính đến ngày 15/3/2027, tỉnh đã hoàn thành 41 nhiệm vụ.",
            "2027-03-22",
        ),
        # a half-year's result against the year before is not a whole year's: the sentence's own year holds
        (
            "Tỉnh họp\n\nSáng 10/7, Ban Chỉ đạo tỉnh họp phiên thứ ba năm 2026. "
            "6 tháng đầu năm 2026, doanh thu tăng 12% so với năm 2025.",
            "2026-07-10",
        ),
        # done before a date is not due by it: nothing else dates the day
        ("Tỉnh họp\n\nSáng 22/8, Ban Chỉ đạo tỉnh họp. Các tỉnh đã hoàn thành kết nối trước ngày 1/7/2025.", None),
        # a deadline recalled from an earlier plan does not overrule the year the sentence names
        (
            "Tỉnh họp\n\nSáng 22/8, Ban Chỉ đạo tỉnh họp phiên thứ ba năm 2027. "
            "Kế hoạch năm trước yêu cầu hoàn thành trước ngày 1/3/2027.",
            "2027-08-22",
        ),
        (
            "Bộ họp\n\nSáng 6/7, Bộ họp. Theo Quyết định số 06/QĐ-TTg ngày 6/1/2027, Đề án được triển khai.",
            "2027-07-06",
        ),
        # what is to be done by a date ("sẽ …", "để đến hết …") is no date the meeting comes after
        (
            "Sở họp\n\nSáng 16/5, Sở Tư pháp tỉnh An Thịnh tổ chức cuộc họp. Sở sẽ phối hợp với Sở Y tế để "
            "đến hết tháng 6/2029 có 80% cơ sở cấp giấy chứng sinh điện tử. Mục tiêu đến ngày 30/9/2029 đạt 70%.",
            "2029-05-16",
        ),
        ("Bộ họp\n\nNgày 24/7, Bộ tổ chức hội nghị. Giải thưởng năm 2029 sẽ nhận hồ sơ đến hết ngày 15/9/2029.", None),
        # but "để" in an earlier clause leaves what is done as of a date done
        (
            "Sở họp\n\nSáng 5/7, Sở Tư pháp tổ chức cuộc họp. Nhờ phối hợp chặt chẽ để giải quyết hồ sơ, "
            "tính đến hết tháng 6/2029 đã có 95% hồ sơ đúng hạn.",
            "2029-07-05",
        ),
        # a quarter's routine review ("giao ban") early the next year is held in that next year
        (
            "Trung tâm họp giao ban\n\nNgày 9/1, Trung tâm Phục vụ hành chính công thành phố tổ chức cuộc họp "
            "giao ban quý IV/2029 với các chi nhánh.",
            "2030-01-09",
        ),
        # a month's routine meeting that sets the next quarter's tasks does not review that quarter
        (
            "Tỉnh họp\n\nSáng 30/9, UBND tỉnh An Thịnh họp giao ban tháng 9/2029, triển khai nhiệm vụ quý IV/2029. "
            "Đến hết tháng 8/2029, tỉnh đã giải ngân 61% vốn.",
            "2029-09-30",
        ),
        # a year's allocation compared with the year before is known as the year starts, not once it is over
        (
            "Tỉnh họp phiên thứ hai\n\nChiều 17/6, Ban Chỉ đạo tỉnh họp phiên thứ hai năm 2027. Tổng kinh phí "
            "bố trí cho các nhiệm vụ năm 2027 là 46,2 tỷ đồng, tăng 1,6 lần so với năm 2026.",
            "2027-06-17",
        ),
    ],
)
def test_a_day_without_its_year_is_placed_by_what_the_report_says_is_done_and_what_it_sets_due(text, date):
    assert meeting_date(text, full_text=text) == date


def test_the_government_s_or_a_province_s_working_group_is_the_body_and_a_district_s_is_none():
    lead = "tổ chức hội nghị sơ kết 6 tháng đầu năm 2031."
    assert meeting_body(f"Sáng 3/7, Tổ công tác triển khai Đề án 06 của Chính phủ {lead}") == "Tổ công tác Đề án 06"
    assert meeting_body(f"Sáng 3/7, Tổ công tác Đề án 06 tỉnh An Thịnh {lead}") == "Tổ công tác Đề án 06"
    assert meeting_body(f"Sáng 3/7, Tổ công tác Đề án 06 thành phố Hà Nội {lead}") == "Tổ công tác Đề án 06"
    assert meeting_body(f"Sáng 3/7, Tổ công tác Đề án 06 TP. Hà Nội {lead}") == "Tổ công tác Đề án 06"
    # a district's, a town's or a ward's own group is none of the bodies the collection tells apart
    for level in (
        "huyện Bình Khê",
        "thành phố Bảo Khê (tỉnh An Thịnh)",
        "thị xã An Khê",
        "phường Tân An",
        "TP Bảo Khê",
        "TP. Bảo Khê",
        "TX An Khê",
    ):
        assert meeting_body(f"Sáng 3/7, Tổ công tác triển khai Đề án 06 {level} {lead}") is None, level
    assert meeting_body("Bình Khê: Tổ công tác Đề án 06 huyện đánh giá kết quả quý I\n\nSáng 3/7, họp.") is None


def test_a_stamp_row_after_the_site_s_name_and_a_dash_dates_the_page():
    raw = (
        "Xã An Phú họp phiên thứ nhất Ban Chỉ đạo chuyển đổi số\n\n"
        "Trang thông tin điện tử xã An Phú, tỉnh An Thịnh - Đăng ngày 15/08/2031\n\n"
        "Chiều 14/8, Ban Chỉ đạo chuyển đổi số xã An Phú tổ chức phiên họp thứ nhất.\n"
    )
    report = parse_report("r.txt", raw.encode())
    assert report.date == "2031-08-14"
    assert "Đăng ngày" not in report.text  # the row is the page's furniture, as before


def test_a_year_that_puts_the_day_half_a_year_before_the_page_s_date_is_not_the_meeting_s():
    text = (
        "Hội nghị toàn quốc\n\nSáng 8/1, Bộ tổ chức hội nghị đánh giá kết quả xây dựng, khai thác cơ sở dữ "
        "liệu và phát triển các dịch vụ dựa trên dữ liệu năm 2029."
    )
    assert meeting_date(text, full_text=text) == "2029-01-08"  # no page date: the sentence's year
    assert meeting_date(text, stamp=(2030, 1, 9), full_text=text) == "2030-01-08"
    # a page dated within months of the day keeps the sentence's year
    later = text.replace("Sáng 8/1", "Sáng 8/11")
    assert meeting_date(later, stamp=(2029, 11, 9), full_text=later) == "2029-11-08"
