import logging

import pytest

from index.ingest import clean_text, load_reports, parse_report
from index.types import BadDocument
from tests.conftest import SEEDS


def test_seed_reports_metadata():
    reports, skipped = load_reports(SEEDS)
    assert skipped == []
    by_doc = {r.doc: r for r in reports}
    assert len(by_doc) == 5
    third = by_doc["001_fc58999f1ecbb6a8.txt"]
    assert third.date == "2022-08-08"  # "Sáng 8/8" + "năm 2022" in the same sentence
    assert third.label == "Phiên họp thứ Ba"
    tenth = by_doc["004_032592353c007c67.txt"]
    assert tenth.date == "2025-02-06"  # "Chiều nay (6/2)" at the 2024 review, held in 2025
    assert tenth.label == "Phiên họp lần thứ 10"
    assert tenth.title.startswith("Tổng kết hoạt động Ủy ban quốc gia")
    assert by_doc["002_ab4605fed6640b37.txt"].date == "2024-07"  # from the " date 2024-07" marker
    assert by_doc["000_1aa68aa07b99fce6.txt"].label == "Hội nghị sơ kết 6 tháng"
    assert by_doc["000_1aa68aa07b99fce6.txt"].date == "2023"


def test_boilerplate_removed_report_text_kept():
    reports, _ = load_reports(SEEDS)
    tenth = next(r for r in reports if r.doc.startswith("004_"))
    for junk in (
        "Chia sẻ bài viết",
        "Tăng tương phản",
        "Thống kê truy cập",
        "Hôm nay :",
        "84.139.798",
        "Click để đánh giá",
    ):
        assert junk not in tenth.text
    assert "71/193 quốc gia" in tenth.text
    assert "bảo đảm hài hòa lợi ích giữa Nhà nước, người dân và doanh nghiệp." in tenth.text
    marker = next(r for r in reports if r.doc.startswith("002_"))
    assert marker.text.startswith("Các báo cáo, ý kiến phát biểu")


def test_clean_text_keeps_paragraphs_and_drops_counters():
    text, date = clean_text(" date 2024-07 Đoạn một.\r\n\r\nĐoạn  hai.\nHôm qua : 6.608\nNăm 2025 : 182.865")
    assert date == "2024-07"
    assert text == "Đoạn một.\n\nĐoạn hai."


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        ("Hội nghị".encode("utf-16"), "binary"),
        ("Hội nghị chuyển đổi số".encode("cp1258", errors="replace") + b"\xff\xfe\xfa", "UTF-8"),
        ("Thống kê truy cập\nHôm nay : 5".encode(), "boilerplate"),
    ],
)
def test_bad_documents_have_a_reason(raw, reason):
    with pytest.raises(BadDocument, match=reason):
        parse_report("bad.txt", raw)


def test_unreadable_files_are_skipped_and_the_rest_indexed(tiny_seeds, caplog):
    (tiny_seeds / "empty.txt").write_bytes(b"")
    (tiny_seeds / "latin.md").write_bytes(b"Bi\xeau b\xe1n h\xe0p")
    (tiny_seeds / "notes.pdf").write_bytes(b"%PDF-1.4")  # not a report type: ignored
    with caplog.at_level(logging.WARNING):
        reports, skipped = load_reports(tiny_seeds)
    assert sorted(r.doc for r in reports) == ["a_phien_hop.txt", "b_hoi_nghi.txt"]
    assert {s.path for s in skipped} == {"empty.txt", "latin.md"}
    assert "empty.txt" in caplog.text and "latin.md" in caplog.text


def test_utf8_bom_and_nfd_are_normalised():
    import unicodedata

    raw = b"\xef\xbb\xbf" + unicodedata.normalize("NFD", "Phiên họp thứ Hai năm 2023.").encode()
    report = parse_report("x.txt", raw)
    assert report.text == "Phiên họp thứ Hai năm 2023."
    assert report.label == "Phiên họp thứ Hai"
