"""Each cleaning rule on a fixture of our own that fails without it."""

import re

import pytest

from index.chunking import ChunkerParams, chunk_report
from index.cleaning import _labelled_masthead, _tools_only, clean_text, is_furniture, strip_markup
from index.ingest import parse_report


def clean(text: str) -> str:
    return clean_text(text)[0]


def test_html_tags_and_entities_left_in_text_are_removed():
    text = clean("<div> <p>Ngày 3/12, Tổ công tác họp trực tuyến &amp; trực tiếp với 12&nbsp;bộ.</p></div>")
    assert text == "Ngày 3/12, Tổ công tác họp trực tuyến & trực tiếp với 12 bộ."
    assert clean('Ảnh <img src="x.jpg" alt="hội nghị"/> đã đăng.<br/>Hết &quot;bài&quot;.') == (
        'Ảnh đã đăng. Hết "bài".'
    )


def test_script_and_style_left_in_text_are_dropped_with_their_code():
    assert clean("Đạt 12 chỉ tiêu.<script>var a = 1;</script><style>p {}</style> Hết.") == "Đạt 12 chỉ tiêu. Hết."


def test_a_less_than_sign_in_prose_is_not_markup():
    assert clean("Tỷ lệ <5% số xã chưa có cáp quang.") == "Tỷ lệ <5% số xã chưa có cáp quang."


def test_markdown_images_removed_and_links_keep_their_text():
    text = clean(
        "![Ảnh hội nghị](https://example.vn/a.jpg)\n\n"
        "# Hội nghị triển khai nền tảng số\n\n"
        "Xem [kế hoạch năm](https://example.vn/kh) gồm 14 nhiệm vụ."
    )
    assert text == "Hội nghị triển khai nền tảng số\n\nXem kế hoạch năm gồm 14 nhiệm vụ."
    # a masthead, a breadcrumb of sections, and a stamp followed by bracketed buttons are page furniture
    page = (
        "BÁO PHÚ THỌ ĐIỆN TỬ\nTin tức - Sự kiện | Chuyển đổi số\n"
        "Cập nhật: 13/03/2026 08:10 [Chia sẻ] [In bài] [A-] [A] [A+]\n\nTiêu đề\n\nNội dung họp."
    )
    assert clean(page) == "Tiêu đề\n\nNội dung họp."
    for masthead in ("BÁO ĐIỆN TỬ ĐỜI SỐNG & DỮ LIỆU SỐ", "TẠP CHÍ ĐIỆN TỬ KINH TẾ & CHÍNH SÁCH SỐ"):
        assert clean(f"{masthead}\n\nTiêu đề\n\nNội dung họp.") == "Tiêu đề\n\nNội dung họp."
    assert clean("Báo điện tử của tỉnh đạt 2,1 triệu lượt đọc.") != ""  # a sentence about one stays
    assert clean("Xem phụ lục [A] của báo cáo.") == "Xem phụ lục [A] của báo cáo."  # one label in prose stays
    for kept in (
        "Báo cáo Chỉ số Thương mại điện tử",
        "Cổng thông tin điện tử tỉnh đã tiếp nhận 1.250 phản ánh.",
        "Điện thoại di động: 95% người dân trưởng thành sử dụng.",
        "Đường dây nóng tiếp nhận: 1.250 cuộc gọi đã được giải quyết trong năm 2024.",
        "Quảng cáo: 15.000.000 đồng cho chiến dịch truyền thông.",  # a budget line, not the desk's phone
    ):
        assert clean(kept) == kept  # a report's words, not a masthead
    assert clean("Hà Nam - Đột phá từ dữ liệu số | Bứt phá năm 2026") != ""  # a headline's parts are longer
    # a page's buttons saved as links to "#" are furniture like the rest of their row
    row = clean("Tiêu đề\n\n*Tin tức | 09/01/2026 - 15:10* · [Chia sẻ](#) · [In](#) · A- A A+\n\nNội dung họp.")
    assert row == "Tiêu đề\n\nNội dung họp."


@pytest.mark.parametrize(
    "line",
    [
        "Đường dây nóng: 0237 3 999 888",
        "Hotline: 1900 0000",
        "Hotline hỗ trợ: 1900 9068",
        "Điện thoại liên hệ: 024 3823 0000",
        "top of page",
        "Về đầu trang",
        "Video Tin trong nước",
        "Ảnh: VGP/Minh Khôi",
        "(Ảnh: TTXVN)",
        "Chia sẻ",
        "Chia sẻ | In bài viết | Email",
        "In bài viết",
        "A- A A+",
        "Chào mừng kỷ niệm 80 năm ngày thành lập ngành",
        "Trang chủ | Tin tức | Chính phủ số",
        "Trang chủ » Thời sự » Chuyển đổi số",
        "Thứ Năm, 12/05/2022 15:30",
        "Cập nhật: 12/05/2022 - 09:15",
        "© 2024 Cổng thông tin điện tử tỉnh",
        "Lượt truy cập: 1.234.567",
        ".",
        "Phó Thủ tướng phát biểu tại hội nghị. Ảnh: VGP/Hải Minh",
        "BÁO ĐIỆN TỬ TỈNH AN THỊNH | 14/05/2023 08:40",  # the header row: masthead and the page's date
        "| Đường dây nóng: 0208.3855.116",  # a header cell beside an emptied logo cell
        # the weekday and date, the hotline, the RSS link and a breadcrumb with slashes in one header row
        "Thứ Hai, 03/06/2024 | Đường dây nóng: 0203.3.555.111 | RSS Trang chủ / Chính quyền số / Tin tức",
        "Trang chủ / Chính quyền số / Tin tức",
        "| Đường dây nóng: 0270.3822.123 | Quảng cáo: 0270.3822.456 | RSS",  # the advertising desk and the feed
        "CỔNG THÔNG TIN AN THỊNH | Hotline: 080.43162",  # a masthead and its hotline
        "Cổng thông tin tỉnh An Thịnh · Đường dây nóng: 0216 385 2266",
    ],
)
def test_page_furniture_lines_are_dropped(line):
    assert is_furniture(line)
    assert clean(f"Hội nghị đã thống nhất 7 nhóm giải pháp.\n\n{line}\n\nBộ trưởng kết luận hội nghị.") == (
        "Hội nghị đã thống nhất 7 nhóm giải pháp.\n\nBộ trưởng kết luận hội nghị."
    )


@pytest.mark.parametrize(
    "line",
    [
        "Chỉ số | 2023 | 2024",  # a table row: it has figures
        "Hạn hoàn thành | 30/06/2023",  # a table row that dates a task
        "HẠN HOÀN THÀNH | 30/06/2023",  # the same in capitals: a label, not a site's name
        "| 20/10/2022 | 21/10/2022 |",  # a row of dates
        "|---|---|",  # a table's rule
        "Thủ tướng Chính phủ chủ trì phiên họp lần thứ 8 của Ủy ban.",
        "THỦ TƯỚNG CHỦ TRÌ PHIÊN HỌP LẦN THỨ 8 CỦA ỦY BAN QUỐC GIA VỀ CHUYỂN ĐỔI SỐ",
        "Video giám sát giao thông đã được kết nối với 41 tỉnh, thành phố trên cả nước trong năm qua.",
        "Trang chủ của Cổng dịch vụ công / cổng thanh toán đã có 2,1 triệu lượt truy cập.",  # a sentence
        "Tổng đài hỗ trợ người dân đã nhận 12.400 cuộc gọi | Điện thoại: 1022 miễn phí",  # text before the bar
    ],
)
def test_report_lines_are_not_taken_for_furniture(line):
    assert not is_furniture(line)


def test_a_markdown_page_s_top_heading_is_its_headline():
    # what the page showed above it, a department's name in capitals, is not the headline
    page = (
        "[Trang chủ](/) › [Tin tức](/tin-tuc)\n\n"
        "**SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH HẢI AN**\n\n"
        "# Hải An sơ kết 9 tháng: 71,2% hồ sơ nộp trực tuyến\n\n"
        "Sáng 8/10, Ban Chỉ đạo tỉnh họp.\n\n"
        "## Kết quả nổi bật\n\n"
        "Toàn tỉnh có 412 tổ công nghệ số."
    )
    assert clean(page).split("\n\n") == [
        "Hải An sơ kết 9 tháng: 71,2% hồ sơ nộp trực tuyến",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH HẢI AN",
        "Sáng 8/10, Ban Chỉ đạo tỉnh họp.",
        "Kết quả nổi bật",
        "Toàn tỉnh có 412 tổ công nghệ số.",
    ]
    assert parse_report("hai_an.md", page.encode()).title == "Hải An sơ kết 9 tháng: 71,2% hồ sơ nộp trực tuyến"
    # a sentence of the report above it, ending in a colon, keeps it in its place
    report = "Báo cáo sơ kết 9 tháng\n\nSở báo cáo kết quả như sau:\n\n# Kết quả chuyển đổi số\n\nĐạt 71%."
    assert clean(report).split("\n\n")[0] == "Báo cáo sơ kết 9 tháng"
    # a site's name that ends in a bracket ("(bản lưu)") is no sentence of the report either
    saved = "Trang tin Hải An (bản lưu)\n\n# Hải An sơ kết 9 tháng\n\nSáng 8/10, Ban Chỉ đạo tỉnh họp."
    assert clean(saved).split("\n\n")[0] == "Hải An sơ kết 9 tháng"
    # a report whose section headings are "# …" keeps its own first line as its headline
    sections = "Hải An sơ kết 9 tháng\n\nSáng 8/10, Ban Chỉ đạo tỉnh họp.\n\n# I. Kết quả\n\nĐạt 71%.\n\n# II. Nhiệm vụ"
    assert clean(sections).split("\n\n")[0] == "Hải An sơ kết 9 tháng"


def test_a_copied_page_s_site_name_above_its_breadcrumb_is_not_its_headline():
    page = (
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH HẢI AN\nTrang chủ > Tin tức - Sự kiện > Chuyển đổi số\n\n"
        "Hải An sơ kết 9 tháng: 71,2% hồ sơ nộp trực tuyến\n\nSáng 8/10, Ban Chỉ đạo tỉnh họp."
    )
    assert clean(page).split("\n\n") == [
        "Hải An sơ kết 9 tháng: 71,2% hồ sơ nộp trực tuyến",
        "Sáng 8/10, Ban Chỉ đạo tỉnh họp.",
    ]
    assert parse_report("hai_an.txt", page.encode()).title == "Hải An sơ kết 9 tháng: 71,2% hồ sơ nộp trực tuyến"
    # a headline above the breadcrumb, and only the report after it, stays
    page = "Hải An sơ kết 9 tháng\nTrang chủ > Tin tức\n\nSáng 8/10, Ban Chỉ đạo tỉnh họp phiên thứ hai."
    assert clean(page).split("\n\n")[0] == "Hải An sơ kết 9 tháng"
    # ... as does one above a lead wrapped over lines, or a markdown heading above a subtitle
    page = "Sở Hải An sơ kết chuyển đổi số\nTrang chủ > Tin tức\n\nSáng 8/10, Ban Chỉ đạo tổ chức\nphiên họp thứ hai."
    assert clean(page).split("\n\n")[0] == "Sở Hải An sơ kết chuyển đổi số"
    page = "# Báo cáo điện tử Hải An\nTrang chủ > Tin tức\n\nTổng kết chung\n\nSáng 8/10, Ban Chỉ đạo tỉnh họp."
    assert clean(page).split("\n\n")[0] == "Báo cáo điện tử Hải An"
    # a line that names the site with a hotline beside it is the site's name too
    page = "Báo Hải An Online · Hotline: 0299.38xx.xxx\nTrang chủ » Kinh tế\n\nHải An sơ kết 9 tháng\n\nSáng 8/10, họp."
    assert clean(page).split("\n\n")[0] == "Hải An sơ kết 9 tháng"


def test_a_headline_repeated_right_after_itself_is_kept_once():
    title = "Hải An sơ kết 6 tháng: hồ sơ trực tuyến đạt 61,5%"
    text = clean(
        f"{title}\n\nThứ Hai, 03/06/2024 | Đường dây nóng: 0203.3.555.111\n\n{title}\n\nSáng 2/6, hội nghị họp."
    )
    assert text == f"{title}\n\nSáng 2/6, hội nghị họp."
    assert clean(f"{title}\n\n{title.upper()}\n\nSáng 2/6, hội nghị họp.") == f"{title}\n\nSáng 2/6, hội nghị họp."
    # a sentence said twice is the report's own text
    assert clean("Hội nghị đã họp.\n\nHội nghị đã họp.") == "Hội nghị đã họp.\n\nHội nghị đã họp."


def test_related_articles_list_ends_the_report():
    text = clean("Hội nghị kết thúc lúc 17 giờ.\n\nTin liên quan\n\nPhiên họp khác đạt 99%.\n\nMột tin khác nữa.")
    assert text == "Hội nghị kết thúc lúc 17 giờ."
    text = clean("Hội nghị kết thúc lúc 17 giờ.\n\nBài viết cùng chuyên mục\n\n- Phiên họp thứ ba đạt 99%.")
    assert text == "Hội nghị kết thúc lúc 17 giờ."


def test_lookalike_letters_become_vietnamese():
    assert clean("Ðề án 06 và Ðảng ủy; ðơn vị") == "Đề án 06 và Đảng ủy; đơn vị"


def test_line_breaks_inside_sentences_are_joined():
    raw = (
        "Phiên họp đánh giá kết quả triển khai Đề án 06 trong quý I, với\n"
        "sự tham dự của lãnh đạo 18 bộ, ngành và các địa phương trên cả\n"
        "nước.\n\n"
        "Đại diện Bộ Công an cho biết đã cấp 61,2 triệu tài khoản định danh\n"
        "điện tử.\n"
    )
    assert clean(raw) == (
        "Phiên họp đánh giá kết quả triển khai Đề án 06 trong quý I, với sự tham dự của lãnh đạo 18 bộ, "
        "ngành và các địa phương trên cả nước.\n\nĐại diện Bộ Công an cho biết đã cấp 61,2 triệu tài khoản "
        "định danh điện tử."
    )


def test_a_line_per_paragraph_is_kept_apart_but_a_lower_case_continuation_is_joined():
    raw = "Tiêu đề bài viết về hội nghị\nSáng 4/5, hội nghị khai mạc.\nĐoạn hai có 3 ý\nvà kết thúc ở đây."
    assert (
        clean(raw)
        == "Tiêu đề bài viết về hội nghị\n\nSáng 4/5, hội nghị khai mạc.\n\nĐoạn hai có 3 ý và kết thúc ở đây."
    )


def test_spaces_collapse():
    assert clean("Đạt   16,4 \t triệu  tài khoản.") == "Đạt 16,4 triệu tài khoản."


def test_a_report_in_capitals_keeps_its_text():
    raw = "THỦ TƯỚNG CHỦ TRÌ HỘI NGHỊ\n\nSÁNG 9/3, HỘI NGHỊ ĐÃ ĐÁNH GIÁ 12 CHỈ TIÊU VÀ GIAO 5 NHIỆM VỤ."
    assert clean(raw) == raw
    assert parse_report("hoa.txt", raw.encode()).title == "THỦ TƯỚNG CHỦ TRÌ HỘI NGHỊ"


def test_a_sentence_cut_mid_word_at_the_end_is_dropped():
    raw = (
        "Năm qua, cả nước đã cấp 9,6 triệu chứng thư số cá nhân, tăng gấp đôi so với năm trước đó. "
        "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 38%. Bộ trưởng cho bi"
    )
    assert clean(raw).endswith("toàn trình đạt 38%.")


def test_strip_markup_leaves_plain_text_alone():
    assert strip_markup("Tỷ lệ 16,4% (năm 2023) & hơn thế") == "Tỷ lệ 16,4% (năm 2023) & hơn thế"


def test_offsets_map_back_after_cleaning_a_messy_page():
    raw = (
        "Trang chủ | Tin tức | Sự kiện\n"
        "<div class='tin'> <p>Sáng 9/3, Ban Chỉ đạo họp phiên thứ nhất &amp; giao 5 nhiệm vụ cho\n"
        "các bộ, ngành.</p>\n\n"
        "![ảnh](https://example.vn/1.jpg)\n\n"
        "Ðến nay đã có 2.416 xã được phủ sóng di động 4G.</div>\n"
        "Ảnh: VGP/Thu Hà\n"
    )
    report = parse_report("trang.txt", raw.encode())
    assert report.text == (
        "Sáng 9/3, Ban Chỉ đạo họp phiên thứ nhất & giao 5 nhiệm vụ cho các bộ, ngành.\n\n"
        "Đến nay đã có 2.416 xã được phủ sóng di động 4G."
    )
    for c in chunk_report(report, ChunkerParams(80, 10)):
        assert report.text[c.start : c.end] == c.text


def test_the_messy_distractor_reports_come_out_clean():
    """eval/distractors/ holds reports saved the way users have them: web pages, pasted text, debris."""
    from pathlib import Path

    from index.ingest import load_reports

    folder = Path(__file__).parent.parent / "eval" / "distractors"
    reports, skipped = load_reports(folder)
    assert skipped == [] and len(reports) == len(list(folder.iterdir())) >= 20
    assert {r.doc.rsplit(".", 1)[1] for r in reports} >= {"txt", "md", "html", "htm"}
    for r in reports:
        for debris in ("<div", "<p>", "&nbsp;", "&quot;", "![", "top of page", "A- A A+", "\u00d0"):
            assert debris not in r.text, (r.doc, debris)
        # no hotline of a page's header ("Đường dây nóng: 0237 …", "Đường dây nóng | Liên hệ"); a report's
        # own hotline is in its prose ("Đường dây nóng 1022 tiếp nhận 7.381 cuộc gọi, …")
        for line in r.text.split("\n"):
            if "Đường dây nóng" in line:
                assert len(line) > 80 and line.endswith(".") and "Đường dây nóng:" not in line, (r.doc, line)
        assert "Tin liên quan" not in r.text, r.doc
        # a share button row, not the verb ("Chia sẻ tại hội nghị, …")
        assert not re.search(r"Chia sẻ\s*(?:\||bài viết|lên\b|:)|\|\s*Chia sẻ", r.text), r.doc
        # (an official notice's kind and subject may run to 300 characters)
        assert r.title and len(r.title) <= 300 and not r.title.startswith(("<", ".", "Trang chủ")), r.doc
        assert all(len(p) > 0 and "\n" not in p for p in r.text.split("\n\n")), r.doc  # one line per paragraph


def test_a_news_sources_tag_before_the_lead_is_dropped():
    text = "Tiêu đề\n\n(Tinmoi.vn) - Chiều 28/11, Ủy ban họp.\n\n(TTXVN) – Sáng 5/1, Tổ công tác họp."
    assert clean_text(text)[0] == "Tiêu đề\n\nChiều 28/11, Ủy ban họp.\n\nSáng 5/1, Tổ công tác họp."
    # an acronym or a numeral in brackets is report text
    for kept in ("(1) - Mục một.", "(UBND) - Ủy ban nhân dân tỉnh họp.", "(II) - Nhiệm vụ thứ hai."):
        assert clean_text(kept)[0] == kept
    # a local paper's initials, which the words after them do not spell out
    assert clean_text("Tiêu đề\n\n(BAT) - Chiều 3/4, Ban Chỉ đạo họp.")[0] == "Tiêu đề\n\nChiều 3/4, Ban Chỉ đạo họp."
    assert clean_text("(ĐTN) – Sáng 9/9, Sở Nội vụ báo cáo.")[0] == "Sáng 9/9, Sở Nội vụ báo cáo."
    assert clean_text("(ĐBT) - Đảng bộ tỉnh họp.")[0] == "(ĐBT) - Đảng bộ tỉnh họp."
    # past the lead, initials in brackets are an acronym the text explains
    later = "Tiêu đề\n\nChiều 3/4, Ban Chỉ đạo họp.\n\n(DTI) - Chỉ số chuyển đổi số cấp tỉnh tăng."
    assert clean_text(later)[0] == later


def test_a_rule_line_is_dropped_and_a_plain_tin_khac_ends_the_report():
    text = (
        "TRANG THÔNG TIN ĐIỆN TỬ SỞ KHOA HỌC TỈNH AN THỊNH\n-------------------------\n\n"
        "AN THỊNH: BAN CHỈ ĐẠO HỌP PHIÊN THỨ HAI\n\n"
        "Chiều 2/3, Ban Chỉ đạo họp.\n\n= = = = = =\n\nKết luận phiên họp, Trưởng ban yêu cầu.\n\n"
        "------------------------------\nTin khác:\n\n+ Tỉnh tập huấn kỹ năng số (02/07/2025)"
    )
    cleaned = clean_text(text)[0]
    assert "---" not in cleaned and "= =" not in cleaned
    assert cleaned.endswith("Kết luận phiên họp, Trưởng ban yêu cầu.")
    assert "Chiều 2/3, Ban Chỉ đạo họp.\n\nKết luận phiên họp" in cleaned
    # the headline in capitals, under the rule, is the report's title
    assert parse_report("tin.txt", text.encode()).title == "AN THỊNH: BAN CHỈ ĐẠO HỌP PHIÊN THỨ HAI"


def test_a_timestamp_line_is_dropped_but_a_timed_line_of_text_is_kept():
    assert clean_text("Tiêu đề\n\n15/3/2024 08:30 GMT+7\n\nNội dung họp.")[0] == "Tiêu đề\n\nNội dung họp."
    kept = "15/3/2024 08:30 GMT+7 Khai mạc."
    assert clean_text(kept)[0] == kept
    # the page's tools and hotline after its timestamp, however they are set apart
    stamped = "Tiêu đề\n\nCập nhật: 14/10/2025 19:05 · Chia sẻ | In bài · Hotline: 0263.3xxx.xxx\n\nNội dung họp."
    assert clean_text(stamped)[0] == "Tiêu đề\n\nNội dung họp."
    # the time first and its day after "ngày", "lúc" before the colon: no meeting day to quote
    stamped = "Tiêu đề\n\nCập nhật lúc: 16:40 ngày 22/06/2023\nChuyên mục: Tin tức\n\nSáng 22/6, Ban Chỉ đạo họp."
    assert "16:40" not in clean_text(stamped)[0]
    assert parse_report("tin.txt", stamped.encode()).meta()["date"] == "2023-06-22"
    # a line of two days is a schedule, not the page's stamp
    for line in ("Ngày 20/5 - ngày 25/5/2024", "Ngày 15/3 ngày 16/3"):
        assert not is_furniture(line), line


def test_a_line_holding_the_page_s_posting_stamp_is_furniture_whatever_stands_beside_it():
    # a section's name, the stamp, its time and the view counter; a site's name and a category beside it
    for row in (
        "Tin hoạt động | Ngày đăng: 11/07/2024 | 09:40 | Lượt xem: 1.208",
        "SỞ Y TẾ TỈNH AN THỊNH - TIN HOẠT ĐỘNG Đăng ngày 21/09/2023 - 17:45 | Chuyên mục: Cải cách hành chính",
    ):
        assert is_furniture(row), row
        assert clean(f"AN THỊNH SƠ KẾT 6 THÁNG\n{row}\n\nChiều 10/7, Sở họp.") == (
            "AN THỊNH SƠ KẾT 6 THÁNG\n\nChiều 10/7, Sở họp."
        )
    # a sentence that says when something was posted is report text, as are a list item and a table
    # row that date their figures
    kept = "Kế hoạch được đăng tải, ngày đăng 12/3/2024, trên cổng thông tin của tỉnh."
    assert not is_furniture(kept) and clean(kept) == kept
    for line in (
        "- Số liệu cập nhật 30/6/2024: toàn tỉnh có 1.234 hồ sơ trực tuyến",
        "| Cập nhật 30/6/2024 | 1.234 hồ sơ |",
        "Hệ thống cập nhật lúc 09:30, 15/3/2024 với 12.000 bản ghi",
    ):
        assert not is_furniture(line), line


def test_the_site_s_name_in_capitals_above_the_page_s_stamp_is_not_the_headline():
    page = (
        "SỞ Y TẾ TỈNH AN THỊNH - TIN HOẠT ĐỘNG\nĐăng ngày 21/09/2023 - 17:45 | Chuyên mục: Chuyển đổi số\n\n"
        "An Thịnh: Sở Y tế triển khai thanh toán viện phí không dùng tiền mặt\n\nSáng 21/9, Sở Y tế tổ chức hội nghị."
    )
    assert clean(page).split("\n\n")[0] == "An Thịnh: Sở Y tế triển khai thanh toán viện phí không dùng tiền mặt"
    # a headline in capitals above the stamp stays the headline, with a subheading after the stamp too
    page = "SỞ Y TẾ AN THỊNH SƠ KẾT\nĐăng ngày 21/09/2023 - 17:45\n\nSáng 21/9, Sở Y tế tổ chức hội nghị."
    assert clean(page).split("\n\n")[0] == "SỞ Y TẾ AN THỊNH SƠ KẾT"
    page = "SỞ Y TẾ TRIỂN KHAI THANH TOÁN SỐ\nĐăng ngày 21/09/2023\n\nTăng tốc chuyển đổi số\n\nSáng 21/9, Sở họp."
    assert clean(page).split("\n\n")[0] == "SỞ Y TẾ TRIỂN KHAI THANH TOÁN SỐ"


def test_an_agency_s_name_with_its_section_opening_the_page_above_the_headline_is_not_the_headline():
    headline = "PHIÊN HỌP THỨ HAI BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ KHO BẠC AN THỊNH: ĐẨY NHANH THANH TOÁN SỐ"
    lead = "Sáng 4/5/2031, Ban Chỉ đạo chuyển đổi số Kho bạc An Thịnh tổ chức phiên họp thứ hai."
    page = f"KHO BẠC AN THỊNH - TIN HOẠT ĐỘNG NGÀNH\n\n{headline}\n\nNgày đăng: 05/05/2031 | 09:12\n\n{lead}"
    assert clean(page).split("\n\n")[:2] == [headline, lead]
    # a headline written "PLACE - NEWS", a subheading or the lead after it, stays the headline
    for after in ("Hội nghị tổng kết chuyển đổi số năm 2030", lead):
        page = f"AN THỊNH - DẪN ĐẦU DTI\n\n{after}\n\n{lead}"
        assert clean(page).split("\n\n")[0] == "AN THỊNH - DẪN ĐẦU DTI"


def test_a_site_s_name_with_its_section_above_the_stamp_and_a_short_breadcrumb_are_not_the_headline():
    headline = "An Thịnh: Sở Lao động chi trả trợ cấp qua tài khoản cho 9.120 người"
    lead = "Chiều 8/11, Sở Lao động tỉnh An Thịnh tổ chức hội nghị."
    for above in (
        "BÁO AN THỊNH ĐIỆN TỬ - Xã hội\nĐăng lúc: 09/11/2031 16:40",  # the paper's name and a section
        "Tin tức > Tin cơ sở\nNgày đăng: 08/04/2031",  # a breadcrumb's path of two sections
        "Thời sự » Địa phương",
        # a breadcrumb above the paper's name with its masthead line, above the stamp
        "Trang chủ > Tin tức > Chuyển đổi số\nBÁO AN THỊNH ĐIỆN TỬ - Cơ quan của Đảng bộ tỉnh An Thịnh\n"
        "Ngày đăng: 25/03/2031 | 07:15 [In bài] [A-] [A+]",
        # a national agency's name and its section, both in capitals, no place named
        "KHO BẠC NHÀ NƯỚC AN THỊNH - TIN HOẠT ĐỘNG\nChuyên mục: Chuyển đổi số | Đăng ngày 11/01/2031 17:30",
        # the paper's name with a labelled section that names a programme by its number
        "BÁO AN THỊNH ĐIỆN TỬ - Chuyên mục: Chính trị - Đề án 06\nCập nhật: 27/07/2031 15:10",
        # a news section beside the page's date, no label
        "Trang thông tin điện tử Sở Thông tin và Truyền thông tỉnh An Thịnh\nTin hoạt động | 23/08/2031",
        # a paper's name that holds a dash, then its labelled section after a bar, over a dateline
        "NHỊP SỐNG TÀI CHÍNH - THUẾ ĐIỆN TỬ | Chuyên mục: Thuế\nNgày 9 tháng 11 năm 2031",
        # a site's name and its tagline over its sections and the stamp
        "TIN NHANH AN THỊNH – Chuyên trang thời sự tỉnh An Thịnh\nThời sự | Xã hội | Chuyển đổi số\n"
        "Thứ Năm, 09/11/2031 - 17:05",
        "SỐ HÓA NGÀY NAY · Chuyên mục: Kinh tế số\nĐăng lúc: 09/11/2031 16:40",
        # a site's name with its tagline and the page's date in a cell of its own, over a breadcrumb
        "AN THỊNH SỐ — Chuyên trang thông tin chính quyền số | Thứ Tư, 08/04/2031\n\nTrang chủ > Đô thị",
        # a site's name with its tagline of news, over its sections
        "NHỊP SỐNG AN THỊNH - Tin tức tổng hợp tỉnh An Thịnh\nThời sự | Chính quyền | Kinh tế",
        # the paper's name, its section and the page's date on one line, apart by dashes of either length
        "BÁO AN THỊNH ĐIỆN TỬ - Thời sự - Thứ Năm, 18/01/2031 - 18:05",
        "BÁO AN THỊNH ĐIỆN TỬ – Thời sự – Thứ Năm, 06/07/2031 - 18:15",
    ):
        assert clean(f"{above}\n\n{headline}\n\n{lead}").split("\n\n")[0] == headline, above
    # a headline that opens with "Báo cáo", above a stamp, stays; so does a comparison in a sentence
    page = "Báo cáo kết quả chuyển đổi số - Quý I\nĐăng lúc: 09/11/2031 16:40\n\n" + lead
    assert clean(page).split("\n\n")[0] == "Báo cáo kết quả chuyển đổi số - Quý I"
    assert not is_furniture("Tỷ lệ hồ sơ > 50% ở 12 xã.")
    # a section's label after a name in capitals, with a figure or a sentence on the line, or after a
    # name that is not in capitals, is the report's
    assert _labelled_masthead("SỐ HÓA NGÀY NAY | Chuyên mục: Thời sự")
    assert not _labelled_masthead("SỐ HÓA NGÀY NAY | Chuyên mục: Thời sự 2031")
    assert not _labelled_masthead("SỐ HÓA NGÀY NAY | Chuyên mục: Thời sự. Tỉnh họp")
    assert not _labelled_masthead("Tin nhanh – Chuyên trang thời sự tỉnh An Thịnh")
    assert _labelled_masthead("AN THỊNH SỐ — Chuyên trang thông tin | Thứ Tư, 08/04/2031")
    assert not _labelled_masthead("AN THỊNH SỐ — Chuyên trang thông tin | 1.024 hồ sơ")
    # a site's name in capitals and its path of sections, unlabelled
    assert _labelled_masthead("THỜI BÁO SỐ AN THỊNH | Kinh tế số - Thương mại điện tử")
    # a paper's name with what it is the organ of, and its section
    assert _labelled_masthead("SỨC KHỎE AN THỊNH - Cơ quan ngôn luận của Hội Y học tỉnh | Chuyên mục: Y tế số")
    assert not _labelled_masthead("Tin nhanh - Cơ quan ngôn luận của Hội Y học tỉnh An Thịnh")
    assert _labelled_masthead("AN THỊNH & DU LỊCH ONLINE — Tin tức - Sự kiện")
    assert not _labelled_masthead("AN THỊNH — Ban Chỉ đạo họp phiên thứ hai")  # a headline after a place
    # a place or a sentence before the page's date is no paper's masthead
    assert not _labelled_masthead("AN THỊNH - Thứ Năm, 06/07/2031 - 18:15")
    assert not _labelled_masthead("BÁO AN THỊNH ĐIỆN TỬ - Tỉnh đạt 45% - Thứ Năm, 06/07/2031 - 18:15")
    # a date without its weekday beside a name in capitals may be a table's row
    assert not _labelled_masthead("SỞ Y TẾ - KHAI MẠC HỘI NGHỊ - 20/12/2031 08:00")
    assert not _labelled_masthead("BÁO AN THỊNH ĐIỆN TỬ - Thời sự - 06/07/2031")
    assert not _labelled_masthead("AN THỊNH | TIN TỨC - SỰ KIỆN - THỜI SỰ - VIDEO")  # four, in capitals


def test_a_link_to_a_related_article_inside_the_report_is_furniture():
    text = (
        "An Thịnh sơ kết 6 tháng vận hành trung tâm phục vụ hành chính công\n\n"
        "Sáng 13/1, UBND tỉnh An Thịnh tổ chức hội nghị sơ kết.\n\n"
        "Xem thêm: An Thịnh: Ban Chỉ đạo tỉnh họp phiên thứ hai, đặt mục tiêu 80% hồ sơ trực tuyến\n\n"
        "[Đọc thêm: Xã Hòa Bình đưa tổ công nghệ số cộng đồng đến từng xóm]\n\n"
        "Trung tâm tiếp nhận 86.412 hồ sơ, giải quyết đúng hạn 98,1%."
    )
    cleaned = clean(text)
    assert "Xem thêm" not in cleaned and "Đọc thêm" not in cleaned and "phiên thứ hai" not in cleaned
    assert "86.412 hồ sơ" in cleaned
    # the report held by the province's committee, not by the meeting the link names
    assert parse_report("tin.txt", text.encode()).body is None
    # a sentence that starts so is the report's
    assert not is_furniture("Xem thêm: kết quả được Sở báo cáo tại phiên họp.")


def test_a_line_of_the_page_s_buttons_alone_is_furniture():
    text = (
        "An Thịnh hưởng ứng Ngày Chuyển đổi số\n\n"
        "Chia sẻ: [Facebook] [Zalo] [Email] - Cỡ chữ: A- A+\n\n"
        "Tỉnh ra mắt nền tảng bản đồ số với 812 điểm du lịch."
    )
    cleaned = clean(text)
    assert "Cỡ chữ" not in cleaned and "Chia sẻ" not in cleaned
    assert "812 điểm du lịch" in cleaned
    assert is_furniture("Chia sẻ: - Cỡ chữ: A- A+")
    # a sentence that speaks of sharing, and a line of separators, are no buttons' line
    assert not is_furniture("Chia sẻ: tỉnh đã có 1.024 điểm phát wifi.")
    assert not _tools_only("| · |")
    assert not is_furniture("[I. Kết quả đạt được]") and not is_furniture("[Phụ lục 1]")  # headings, no buttons
    assert _tools_only("[Quay lại] [In trang] [Đầu trang]")


def test_a_stamp_with_its_author_and_buttons_or_its_site_s_domain_dates_the_page():
    from index.cleaning import page_stamp_text

    assert page_stamp_text("Ngày đăng: 27/11/2031 | 10:05 · Tác giả: Phòng Văn hóa · In · Email · A+/A-")
    assert page_stamp_text("Tinanthinh.vn — Thứ Tư, 07/04/2031 09:05") == "Thứ Tư, 07/04/2031 09:05"
    report = parse_report(
        "tin.txt",
        "Sở An Thịnh họp sơ kết quý I\n\nChiều 6/4, Sở họp.\n\nTinanthinh.vn — Thứ Tư, 07/04/2031 09:05".encode(),
    )
    assert report.date == "2031-04-06"
    assert not page_stamp_text("Tác giả: Phòng Văn hóa, 27/11/2031")


def test_a_stamp_with_its_weekday_and_time_beside_a_section_or_its_authors_is_the_page_s():
    headline = "An Thịnh: Ban Chỉ đạo tỉnh họp phiên thứ nhất sau hợp nhất"
    lead = "Chiều 22/8, Ban Chỉ đạo tỉnh An Thịnh họp phiên thứ nhất."
    for row in ("Thứ Sáu, 22/08/2031 - 17:40 | Minh Châu - Hoài An", "Chính trị | Thứ Sáu, 22/08/2031 - 17:40"):
        assert is_furniture(row), row
        report = parse_report("tin.txt", f"{headline}\n{row}\n\n{lead}".encode())
        assert (report.title, report.date) == (headline, "2031-08-22")
        # under the paper's name and its masthead line, the headline after the row is the headline
        page = f"BÁO AN THỊNH ĐIỆN TỬ - Cơ quan của Đảng bộ tỉnh An Thịnh\n{row}\n\n{headline}\n\n{lead}"
        assert parse_report("tin.txt", page.encode()).title == headline
    # without its time, or beside a sentence or a figure, a day is the report's text (a schedule's row)
    for line in (
        "Thứ Sáu, 22/08/2031 | Khai mạc hội nghị",
        "Thứ Sáu, 22/08/2031 - 08:00 | Khai mạc hội nghị tại hội trường tỉnh.",
        "Thứ Sáu, 22/08/2031 - 08:00 | Tổng kết 12 xã",
    ):
        assert not is_furniture(line), line


def test_a_site_s_name_beside_a_weekday_stamp_and_a_paper_s_name_over_a_path_of_sections_are_furniture():
    headline = "Bộ Nông nghiệp: đưa nông sản lên sàn phải đi cùng mã số vùng trồng"
    lead = "Sáng 22/9, Bộ tổ chức hội nghị về thương mại điện tử nông sản."
    for above in (
        "NÔNG NGHIỆP SỐ - Chuyên trang thông tin kinh tế nông nghiệp | Thứ Sáu, 23/09/2031",
        "BÁO ĐIỆN TỬ AN THỊNH — Chuyên mục: Chuyển đổi số — Thứ Ba, 26/08/2031 14:05",
        "BÁO AN THỊNH ĐIỆN TỬ - THỜI SỰ - CHUYỂN ĐỔI SỐ",
    ):
        report = parse_report("tin.txt", f"{above}\n\n{headline}\n\n{lead}".encode())
        assert report.title == headline, above
    # a weekday's date beside a line of report text is kept, whatever words it uses
    for line in (
        "Thứ Sáu, 23/09/2031 | Khai mạc hội nghị về nông sản",
        "Thứ Sáu, 23/09/2031 | Triển khai chính quyền điện tử",
        "Thứ Hai, 14/10/2031 | Sở Thông tin và Truyền thông báo cáo kết quả",
        "Thứ Sáu, 22/08/2031 - 08:00 | Khai mạc hội nghị",
        "| Thứ Sáu, 22/08/2031 - 14:00 | Thảo luận tổ |",
    ):
        assert not is_furniture(line), line
    # a path of sections joined by an en dash
    page = f"BÁO AN THỊNH ĐIỆN TỬ - Thời sự – Chuyển đổi số\n\n{headline}\n\n{lead}"
    assert parse_report("tin.txt", page.encode()).title == headline


def test_a_portal_s_name_and_breadcrumb_above_an_official_notice_are_not_its_header():
    page = (
        "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH AN THỊNH\nTrang chủ > Văn bản chỉ đạo điều hành > Thông báo kết luận\n"
        "Cập nhật: 03/09/2031 09:45\n\n" + NOTICE
    )
    report = parse_report("tb.txt", page.encode())
    assert report.title == "THÔNG BÁO Kết luận của Thứ trưởng Lê Văn An tại cuộc họp về sổ sức khỏe điện tử"
    assert report.text.split("\n\n")[:2] == parse_report("tb.txt", NOTICE.encode()).text.split("\n\n")[:2]


def test_a_markdown_notice_s_kind_and_subject_headings_are_one_headline():
    page = (
        "UBND TỈNH AN THỊNH — **VĂN PHÒNG**\n\nSố: 41/TB-VPUBND\n\n# THÔNG BÁO\n\n"
        "## Kết luận của Chủ tịch UBND tỉnh tại phiên họp thứ nhất Ban Chỉ đạo chuyển đổi số tỉnh\n\n"
        "Ngày 13/7, Chủ tịch UBND tỉnh chủ trì phiên họp thứ nhất."
    )
    report = parse_report("tb.md", page.encode())
    assert report.title == (
        "THÔNG BÁO Kết luận của Chủ tịch UBND tỉnh tại phiên họp thứ nhất Ban Chỉ đạo chuyển đổi số tỉnh"
    )
    assert report.kind == "thông báo kết luận"
    # a numbered section or an address after the kind is no subject
    page = "SỞ AN THỊNH\n\n# BÁO CÁO\n\n## I. KẾT QUẢ ĐẠT ĐƯỢC\n\nNăm 2024 tỉnh đạt 71,2% hồ sơ trực tuyến."
    assert parse_report("bc.md", page.encode()).title != "BÁO CÁO I. KẾT QUẢ ĐẠT ĐƯỢC"
    page = "SỞ AN THỊNH\n\n# THÔNG BÁO\n\nKính gửi: Các sở, ngành\n\nNgày 13/7, Ban Chỉ đạo họp phiên thứ nhất."
    assert not parse_report("tb2.md", page.encode()).title.startswith("THÔNG BÁO Kính gửi")
    # a heading that is no document's kind stays alone
    page = "SỞ AN THỊNH\n\n# An Thịnh họp phiên thứ nhất\n\n## Kết quả nổi bật\n\nNgày 13/7, Ban Chỉ đạo họp."
    assert parse_report("tin.md", page.encode()).title == "An Thịnh họp phiên thứ nhất"


def test_a_markdown_notice_s_header_in_bold_and_italics_is_read_as_its_header():
    page = (
        "**VĂN PHÒNG CHÍNH PHỦ**  \nSố: 517/TB-VPCP\n\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**  \n"
        "Độc lập - Tự do - Hạnh phúc\n\n*Hà Nội, ngày 02 tháng 10 năm 2031*\n\n"
        "# THÔNG BÁO Kết luận của Phó Thủ tướng tại cuộc họp về cắt giảm thủ tục hành chính\n\n"
        "Ngày 25 tháng 9 năm 2031, Phó Thủ tướng chủ trì cuộc họp về cắt giảm thủ tục hành chính."
    )
    report = parse_report("tb.md", page.encode())
    assert report.title == "THÔNG BÁO Kết luận của Phó Thủ tướng tại cuộc họp về cắt giảm thủ tục hành chính"
    assert report.date == "2031-09-25"
    assert "*" not in report.text and report.text.index("Số: 517/TB-VPCP") < report.text.index("Ngày 25 tháng 9")


def test_a_notice_s_header_cells_on_one_line_apart_by_dashes_are_read_as_its_header():
    page = (
        "VĂN PHÒNG CHÍNH PHỦ — CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc\n\n"
        "Số: 604/TB-VPCP — Hà Nội, ngày 21 tháng 3 năm 2031\n\n# THÔNG BÁO\n\n"
        "## Kết luận của Phó Thủ tướng tại cuộc họp về dữ liệu đất đai\n\n"
        "Ngày 16 tháng 3 năm 2031, Phó Thủ tướng chủ trì cuộc họp về dữ liệu đất đai với 14 bộ, ngành."
    )
    report = parse_report("tb.md", page.encode())
    assert report.title == "THÔNG BÁO Kết luận của Phó Thủ tướng tại cuộc họp về dữ liệu đất đai"
    assert report.date == "2031-03-16" and report.body == "Văn phòng Chính phủ"
    assert "—" not in report.text.split("Ngày 16")[0]
    # a dash inside a cell is the name's own
    page = page.replace("VĂN PHÒNG CHÍNH PHỦ —", "ỦY BAN NHÂN DÂN TỈNH BÀ RỊA – VŨNG TÀU —").replace(
        "/TB-VPCP", "/TB-UBND"
    )
    assert "ỦY BAN NHÂN DÂN TỈNH BÀ RỊA – VŨNG TÀU." in parse_report("tb.md", page.encode()).text


def test_a_notice_s_header_in_a_markdown_table_is_read_as_its_header():
    page = (
        "| ỦY BAN NHÂN DÂN<br>TỈNH AN THỊNH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc |\n"
        "|---|---|\n| Số: 412/TB-UBND | *An Thịnh, ngày 18 tháng 11 năm 2031* |\n\n# THÔNG BÁO\n\n"
        "## Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc về trung tâm điều hành\n\n"
        "Ngày 12 tháng 11 năm 2031, Chủ tịch UBND tỉnh chủ trì buổi làm việc về trung tâm điều hành."
    )
    report = parse_report("tb.md", page.encode())
    assert report.title == "THÔNG BÁO Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc về trung tâm điều hành"
    assert "|" not in report.text.split("Ngày 12")[0] and "ỦY BAN NHÂN DÂN TỈNH AN THỊNH." in report.text


def test_a_party_committee_s_notice_is_headed_by_the_party_s_name_and_its_own_number():
    page = (
        "TỈNH ỦY AN THỊNH                          ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Số 1207-TB/TU                              An Thịnh, ngày 9 tháng 4 năm 2031\n\n"
        "THÔNG BÁO\nKẾT LUẬN CỦA ĐỒNG CHÍ BÍ THƯ TỈNH ỦY TẠI BUỔI LÀM VIỆC VỀ CHÍNH QUYỀN SỐ\n\n"
        "Ngày 4/4/2031, đồng chí Bí thư Tỉnh ủy chủ trì buổi làm việc về các chỉ tiêu chính quyền số."
    )
    report = parse_report("tb.txt", page.encode())
    assert report.title == "THÔNG BÁO KẾT LUẬN CỦA ĐỒNG CHÍ BÍ THƯ TỈNH ỦY TẠI BUỔI LÀM VIỆC VỀ CHÍNH QUYỀN SỐ"
    assert "TỈNH ỦY AN THỊNH. Số 1207-TB/TU." in report.text and "ĐẢNG CỘNG SẢN" not in report.text
    # the party's name in a sentence is no header
    text = "Ngày 4/4/2031, Tỉnh ủy An Thịnh họp.\n\nĐảng Cộng sản Việt Nam lãnh đạo chuyển đổi số."
    assert "Đảng Cộng sản Việt Nam" in parse_report("a.txt", text.encode()).text


def test_a_site_header_on_one_line_is_furniture_but_a_sentence_with_a_hotline_is_not():
    text = (
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH AN THỊNH | Đường dây nóng: 0204.3855.xxx | Tìm kiếm\n\n"
        "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH AN THỊNH Đường dây nóng: 0235.3810.999 | Tổng đài hỗ trợ: 1900.5555.88\n\n"
        "Cơ quan chủ quản: Ủy ban nhân dân tỉnh An Thịnh\n\n"
        "Chiều 2/3, Ban Chỉ đạo họp.\n\n"
        "Người dân có thể gọi Đường dây nóng: 0235.3810.999 để phản ánh."
    )
    assert clean_text(text)[0] == (
        "Chiều 2/3, Ban Chỉ đạo họp.\n\nNgười dân có thể gọi Đường dây nóng: 0235.3810.999 để phản ánh."
    )
    # a count beside "Tổng đài" is not a phone number, and a project's owner is not the site's
    for kept in ("Tổng đài tiếp nhận: 120.000", "Cơ quan chủ quản: Sở Nội vụ; chủ đầu tư là Ban Quản lý dự án."):
        assert clean_text(kept)[0] == kept


def test_a_papers_name_before_the_lead_is_dropped_but_a_bracket_of_words_is_kept():
    text = "Tiêu đề\n\n(Cổng TTĐT tỉnh An Thịnh) - Chiều 23/10, Ban Chỉ đạo họp phiên thứ ba."
    assert clean_text(text)[0] == "Tiêu đề\n\nChiều 23/10, Ban Chỉ đạo họp phiên thứ ba."
    paper = "(Thời báo Kinh tế & Số) – Số hộ kinh doanh dùng hóa đơn điện tử tăng."
    assert clean_text(paper)[0] == "Số hộ kinh doanh dùng hóa đơn điện tử tăng."
    # a bracket that is not a name (its words mostly in lower case), and any bracket past the lead
    for kept in ("(Ảnh minh họa) - Chiều 3/2, Sở họp.", "Chiều 3/4, Ban họp.\n\n(Cổng TTĐT tỉnh) - Tin tiếp."):
        assert clean_text(kept)[0] == kept


def test_a_header_row_with_the_pages_date_is_furniture_and_gives_the_date():
    rows = (
        "KINH TẾ - SỐ | Cập nhật: 25/07/2024 08:15",  # a section's name in capitals
        "Trang thông tin điện tử phường An Lạc — Đăng lúc 15:30, 03/10/2025",  # the site's name, a dash
        "Ngày đăng: 11/11/2025 | 19:05 🖨 In ✉ Email A+ A-",  # the page's tools as icons
    )
    for row in rows:
        assert is_furniture(row), row
        assert clean_text(f"Tiêu đề\n\n{row}\n\nChiều 2/3, Ban Chỉ đạo họp.")[0] == (
            "Tiêu đề\n\nChiều 2/3, Ban Chỉ đạo họp."
        )
    report = parse_report("tin.txt", f"{rows[0]}\n\nSở An Thịnh họp sơ kết\n\nChiều 23/7, Sở họp sơ kết.".encode())
    assert (report.title, report.date) == ("Sở An Thịnh họp sơ kết", "2024-07-23")
    # a table's row of a figure and a date, and a sentence with a dash, are report text
    for kept in ("Tỉnh có 12 xã | 20/10/2022", "Hội nghị tổng kết — Ngày 20/10/2022 tỉnh họp."):
        assert not is_furniture(kept)


NOTICE = (
    "BỘ AN THỊNH                              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "-------                                       Độc lập - Tự do - Hạnh phúc\n"
    "Số: 77/TB-BAT                                 ---------------\n"
    "                                         Hà Nội, ngày 12 tháng 4 năm 2024\n\n"
    "THÔNG BÁO\n"
    "Kết luận của Thứ trưởng Lê Văn An tại cuộc họp về sổ sức khỏe điện tử\n\n"
    "Ngày 05/4, tại trụ sở Bộ, Thứ trưởng Lê Văn An chủ trì cuộc họp. Đã có 7,1 triệu sổ được lập.\n"
)


def test_an_official_documents_header_gives_its_title_and_date():
    report = parse_report("tb.txt", NOTICE.encode())
    assert report.title == ("THÔNG BÁO Kết luận của Thứ trưởng Lê Văn An tại cuộc họp về sổ sức khỏe điện tử")
    assert (report.date, report.kind) == ("2024-04-05", "thông báo kết luận")
    paragraphs = report.text.split("\n\n")
    # its issuer, number and date stay as one line of text; the national name and motto go
    assert paragraphs[1] == "BỘ AN THỊNH. Số: 77/TB-BAT. Hà Nội, ngày 12 tháng 4 năm 2024."
    assert "CỘNG HÒA" not in report.text and "Độc lập" not in report.text
    # a page that reposts the document keeps its own headline above it
    page = parse_report("tb.txt", ("Bộ An Thịnh công bố kết luận về sổ sức khỏe\n\n" + NOTICE).encode())
    assert page.title == "Bộ An Thịnh công bố kết luận về sổ sức khỏe"
    assert page.text.split("\n\n")[1].startswith("THÔNG BÁO Kết luận của Thứ trưởng")
    # the header as a Word table's row ("cell | cell") reads the same
    row = (
        "BỘ AN THỊNH ------- Số: 77/TB-BAT | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
        "--------------- Hà Nội, ngày 12 tháng 4 năm 2024\n\n" + NOTICE.split("\n\n", 1)[1]
    )
    assert parse_report("tb.txt", row.encode()).text.split("\n\n")[:2] == paragraphs[:2]


def test_an_official_notice_s_headline_in_capitals_with_its_kind_first_is_no_part_of_its_header():
    # the notice's kind and subject in capitals, longer than a kind alone: its headline, not its issuer
    headline = (
        "THÔNG BÁO KẾT LUẬN CỦA CHỦ TỊCH UBND HUYỆN BÌNH KHÊ TẠI HỘI NGHỊ TỔNG KẾT CÔNG TÁC CHUYỂN ĐỔI SỐ NĂM 2030"
    )
    raw = (
        "ỦY BAN NHÂN DÂN HUYỆN BÌNH KHÊ          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "                                         Độc lập - Tự do - Hạnh phúc\n"
        "Số: 14/TB-UBND                           Bình Khê, ngày 13 tháng 01 năm 2031\n\n"
        f"{headline}\n\nNgày 9/1, Ban Chỉ đạo chuyển đổi số huyện Bình Khê tổ chức hội nghị tổng kết.\n"
    )
    report = parse_report("tb.txt", raw.encode())
    assert report.title == headline
    assert (
        report.text.split("\n\n")[1]
        == "ỦY BAN NHÂN DÂN HUYỆN BÌNH KHÊ. Số: 14/TB-UBND. Bình Khê, ngày 13 tháng 01 năm 2031."
    )
    # an issuer's name wrapped onto a line that opens like a kind, above the number, is still the issuer's
    wrapped = (
        "BAN QUẢN LÝ          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA GIAI ĐOẠN 2021-2025          Độc lập - Tự do - Hạnh phúc\n"
        "Số: 3/TB-BQL                           Bình Khê, ngày 13 tháng 01 năm 2031\n\n"
        "THÔNG BÁO\n\nKết luận của Trưởng Ban tại hội nghị sơ kết\n\nNgày 9/1, Ban Quản lý họp.\n"
    )
    assert parse_report("tb.txt", wrapped.encode()).title == "THÔNG BÁO Kết luận của Trưởng Ban tại hội nghị sơ kết"


def test_a_page_copied_as_text_loses_its_skip_link_menu_and_bracketed_tools():
    text = (
        "Bỏ qua nội dung chính\n"
        "Giới thiệu\nTin tức - Sự kiện\nChính quyền\nDịch vụ công\nTìm kiếm...\n"
        "Trang chủ > Tin tức - Sự kiện > Chuyển đổi số\n"
        "An Thịnh: Tổ công tác Đề án 06 đánh giá quý I/2024\n"
        "Cập nhật: 09/04/2024 10:15     [In trang]  [Gửi bài viết qua email]  [Cỡ chữ + -]\n"
        "Sáng 5/4, Tổ công tác Đề án 06 tỉnh An Thịnh họp đánh giá quý I/2024.\n"
        "——————————\n"
        "Đã có 12.400 tài khoản được kích hoạt."
    )
    report = parse_report("tin.txt", text.encode())
    assert report.title == "An Thịnh: Tổ công tác Đề án 06 đánh giá quý I/2024"
    assert report.date == "2024-04-05"
    assert report.text == (
        "An Thịnh: Tổ công tác Đề án 06 đánh giá quý I/2024\n\n"
        "Sáng 5/4, Tổ công tác Đề án 06 tỉnh An Thịnh họp đánh giá quý I/2024.\n\n"
        "Đã có 12.400 tài khoản được kích hoạt."
    )


def test_a_sidebars_counter_before_the_article_does_not_end_it():
    # a page laid out in a table puts its sidebar ("Thống kê truy cập") before the article
    text = (
        "Tiêu đề\n\nTHỐNG KÊ TRUY CẬP\n\nĐang online: 37\n\nChiều 2/3, Ban Chỉ đạo họp.\n\nTin liên quan\n\nTin khác."
    )
    assert clean_text(text)[0] == "Tiêu đề\n\nChiều 2/3, Ban Chỉ đạo họp."


def test_an_official_report_has_no_meeting_and_is_dated_by_its_header():
    text = (
        "ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH AN THỊNH            Độc lập - Tự do - Hạnh phúc\n"
        "Số: 412/BC-UBND          An Thịnh, ngày 20 tháng 12 năm 2023\n\n"
        "BÁO CÁO\nKết quả thực hiện chuyển đổi số năm 2023\n\n"
        "Thực hiện Kế hoạch số 2150/KH-UBND ngày 28/12/2022, Ủy ban nhân dân tỉnh báo cáo như sau. "
        "Năm 2023, Ban Chỉ đạo chuyển đổi số tỉnh đã tổ chức 02 phiên họp."
    )
    report = parse_report("bc.txt", text.encode())
    assert report.title == "BÁO CÁO Kết quả thực hiện chuyển đổi số năm 2023"
    assert (report.kind, report.body, report.ordinal, report.date) == ("báo cáo", None, None, "2023-12-20")


def test_review_cases_of_the_header_rules_keep_report_text():
    # a schedule's rows are report text, whatever their case, and do not date the page
    rows = (
        "Lịch làm việc\n\nSáng 18/12, Sở họp.\n\n| KHAI MẠC HỘI NGHỊ | 20/12/2023 08:00 |\n\n"
        "| Sở Y tế | 15/03/2024 14:30 |"
    )
    cleaned = clean_text(rows)[0]
    assert "KHAI MẠC HỘI NGHỊ" in cleaned and "Sở Y tế" in cleaned
    # a report of list items without full stops still ends at its related articles
    listed = "Danh sách xã đạt chuẩn\n\n- Xã Tân Lập\n\n- Xã Tân Phú\n\nTin liên quan\n\nTỉnh khác họp."
    assert clean_text(listed)[0] == "Danh sách xã đạt chuẩn\n\n- Xã Tân Lập\n\n- Xã Tân Phú"
    # one short line above a breadcrumb is the headline, not a menu
    short = "Bắc Giang họp Ban Chỉ đạo\nTrang chủ > Tin tức\nSáng 5/4, Ban Chỉ đạo họp."
    assert parse_report("tin.txt", short.encode()).title == "Bắc Giang họp Ban Chỉ đạo"


@pytest.mark.parametrize(
    ("place", "kind", "number"),
    [("Ý Yên", "BÁO CÁO", "Số: 412/BC-UBND"), ("Ô Môn", "BÁO CÁO SƠ KẾT", "Số: 412 /BC-UBND")],
)
def test_an_official_header_with_any_place_kind_or_number_spacing(place, kind, number):
    text = (
        "ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "HUYỆN AN LẠC             Độc lập - Tự do - Hạnh phúc\n"
        f"{number}          {place}, ngày 20 tháng 12 năm 2023\n\n"
        f"{kind}\nKết quả chuyển đổi số năm 2023\n\n"
        "Năm 2023, Ban Chỉ đạo chuyển đổi số huyện đã tổ chức 02 phiên họp."
    )
    report = parse_report("bc.txt", text.encode())
    assert report.title == f"{kind} Kết quả chuyển đổi số năm 2023"
    assert (report.kind, report.date) == ("báo cáo", "2023-12-20")
    assert (
        report.text.split("\n\n")[1] == f"ỦY BAN NHÂN DÂN. HUYỆN AN LẠC. {number}. {place}, ngày 20 tháng 12 năm 2023."
    )


@pytest.mark.parametrize(
    "stamp",
    [
        "10:25 07/04/2031",  # the time first
        "07/04/2031 | 10:25",
        "Thứ Hai, 7 Tháng 4, 2031 10:25",  # the month written out, the year after a comma
        "7 tháng 4, 2031 - 10:25",
        "Thời gian đăng: 07/04/2031 10:25",  # labels sites use
        "Ngày phát hành: 07/04/2031",
        "Cập nhật ngày: 07/04/2031 10:25",
        "*Cập nhật ngày 07/04/2031*",
        "2031-04-07 10:25",  # the year first
        "07.04.2031 10:25",
        "Thứ Hai, ngày 07/04/2031 10:25 AM",
        "THỨ HAI, 07/04/2031 - 10:25",
        "T2, 07/04/2031 10h25 (GMT+7)",
    ],
)
def test_a_page_s_stamp_is_read_in_any_of_the_forms_sites_print_it(stamp):
    # a label, a weekday, the day, a time and a zone in any order the day allows, nothing else
    headline = "Sở An Thịnh họp sơ kết quý I năm 2031 về chuyển đổi số"
    page = f"{headline}\n{stamp}\n\nChiều 6/4, Sở An Thịnh họp sơ kết quý I.\n\nSở đã số hóa 120 hồ sơ."
    assert is_furniture(strip_markup(stamp)), stamp
    report = parse_report("tin.md", page.encode())
    assert (report.title, report.date) == (headline, "2031-04-06")
    assert stamp not in report.text and "10:25" not in report.text


def test_a_day_beside_words_that_are_no_stamp_is_the_report_s_text():
    for line in (
        "Hạn chót: 30/9/2031",
        "07/04/2031: khai mạc hội nghị",
        "Hà Nội, 07/04/2031 có 120 hồ sơ",
        "Thời gian: 14h00 ngày 20/8/2031",  # a meeting's time: no posting
        "Thời gian: 20/8/2031",
        "| 07/04/2031 | 10:25 |",  # a table's row
        "| Thứ Hai | 07/04/2031 |",
    ):
        assert not is_furniture(line), line
    invitation = (
        "GIẤY MỜI\nHọp giao ban chuyển đổi số quý III\n\nThời gian: 14h00 ngày 20/8/2031\n"
        "Địa điểm: Phòng họp số 1, UBND tỉnh An Thịnh.\n\nĐề nghị các sở đến dự đúng giờ."
    )
    assert "Thời gian: 14h00 ngày 20/8/2031" in clean_text(invitation)[0]


def test_a_stamp_s_day_is_a_real_day_in_any_of_its_forms():
    from index.cleaning import stamp_date

    assert stamp_date("2031-04-07 10:25") == (2031, 4, 7)
    assert stamp_date("Thứ Hai, 7 tháng 4, 2031") == (2031, 4, 7)
    assert stamp_date("Ngày 31/02/2031, đăng lại 07/04/2031") == (2031, 4, 7)  # no 31 February
    assert stamp_date("Cập nhật: 10:25") is None


def test_a_path_of_sections_is_a_breadcrumb_and_the_paper_s_name_above_it_no_headline():
    headline = "AN THỊNH: ĐẨY MẠNH THANH TOÁN KHÔNG DÙNG TIỀN MẶT VỀ MIỀN NÚI"
    for crumb in ("Kinh tế > Tài chính - Ngân hàng", "Thời sự » Chuyển đổi số"):
        assert is_furniture(crumb), crumb
        page = f"BÁO AN THỊNH ONLINE\n{crumb}\n\n{headline}\n\n14/08/2031 15:30\n\nNgày 14/8, Sở An Thịnh họp."
        report = parse_report("tin.txt", page.encode())
        assert (report.title, report.date) == (headline, "2031-08-14")
    # a comparison is no path: a figure, a stop, a comma or a section that a capital does not open
    for line in (
        "Tăng trưởng > 5%",
        "Hiệu quả là mục tiêu > hình thức.",
        "Hiệu quả là mục tiêu > hình thức",
        "Chi phí thực tế của dự án > dự toán được duyệt ban đầu",
        "Quyền lợi của người dân, doanh nghiệp > lợi ích cục bộ",
    ):
        assert not is_furniture(line), line


def test_a_notice_s_number_and_kind_without_the_national_name_make_its_header():
    page = (
        "VĂN PHÒNG UBND TỈNH AN THỊNH\nSố: 77/TB-VPUB\nAn Thịnh, ngày 20 tháng 8 năm 2031\n\nTHÔNG BÁO\n"
        "Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp về chuyển đổi số\n\n"
        "Ngày 14 tháng 8 năm 2031, Phó Chủ tịch UBND tỉnh chủ trì cuộc họp về chuyển đổi số."
    )
    report = parse_report("tb.txt", page.encode())
    assert report.title == "THÔNG BÁO Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp về chuyển đổi số"
    assert report.kind == "thông báo kết luận" and report.date == "2031-08-14"
    # the number with its year, on the issuer's line
    decision = (
        "ỦY BAN NHÂN DÂN TỈNH AN THỊNH    Số: 12/2031/QĐ-UBND\nAn Thịnh, ngày 20 tháng 8 năm 2031\n\n"
        "QUYẾT ĐỊNH\nVề việc ban hành kế hoạch chuyển đổi số năm 2031\n\nĐiều 1. Ban hành kèm theo Quyết định này."
    )
    assert parse_report("qd.txt", decision.encode()).title.startswith("QUYẾT ĐỊNH Về việc ban hành kế hoạch")
    # a dispatch with the national name and no kind on a line of its own is left as it was: its
    # subject ("V/v …") is no headline to glue the national name and motto onto
    dispatch = (
        "ỦY BAN NHÂN DÂN TỈNH AN THỊNH\nSố: 512/UBND-KGVX\nV/v triển khai chuyển đổi số năm 2031\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nAn Thịnh, ngày 20 tháng 8 năm 2031\n\n"
        "Kính gửi: Các sở, ban, ngành.\n\nỦy ban nhân dân tỉnh đề nghị các sở triển khai kế hoạch."
    )
    assert clean_text(dispatch)[0].startswith("ỦY BAN NHÂN DÂN TỈNH AN THỊNH\n")


def test_a_stamp_before_a_labelled_share_bar_is_the_page_s():
    from index.cleaning import page_stamp_text

    assert page_stamp_text("22/05/2031 18:10 · Chia sẻ: Facebook · Zalo · Email") == "22/05/2031 18:10"
