import logging
import unicodedata
from pathlib import Path

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
        (b"\x89PNG\r\n\x1a\n" + bytes(range(1, 32)) * 4, "not valid UTF-8"),
        (b"abc" + bytes(range(1, 32)) * 4, "binary"),
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
    (tiny_seeds / "notes.pdf").write_bytes(b"%PDF-1.4")  # a report type, but a broken file
    (tiny_seeds / "table.xlsx").write_bytes(b"PK\x03\x04")  # not a report type: ignored
    with caplog.at_level(logging.WARNING):
        reports, skipped = load_reports(tiny_seeds)
    assert sorted(r.doc for r in reports) == ["a_phien_hop.txt", "b_hoi_nghi.txt"]
    assert {s.path for s in skipped} == {"empty.txt", "latin.md", "notes.pdf"}
    assert "empty.txt" in caplog.text and "latin.md" in caplog.text


def test_utf8_bom_and_nfd_are_normalised():
    import unicodedata

    raw = b"\xef\xbb\xbf" + unicodedata.normalize("NFD", "Phiên họp thứ Hai năm 2023.").encode()
    report = parse_report("x.txt", raw)
    assert report.text == "Phiên họp thứ Hai năm 2023."
    assert report.label == "Phiên họp thứ Hai"


def cp1258(text: str) -> bytes:
    """Encode like legacy Vietnamese Windows files: base letters precomposed, tone marks combining."""
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            tones = [m for m in marks if m in "\u0300\u0301\u0303\u0309\u0323"]
            rest = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in tones))
            out += rest.encode("cp1258") + "".join(tones).encode("cp1258")
    return out


TEXT = "Phiên họp thứ Tư năm 2023.\n\nTỷ lệ hộ gia đình có cáp quang băng rộng đạt 82,9%; Đà Nẵng dẫn đầu."


@pytest.mark.parametrize(
    "raw", [TEXT.encode("utf-16"), b"\xfe\xff" + TEXT.encode("utf-16-be"), TEXT.encode("utf-8-sig"), cp1258(TEXT)]
)
def test_other_encodings_are_decoded_when_unmistakable(raw):
    report = parse_report("x.txt", raw)
    assert report.text == TEXT and report.label == "Phiên họp thứ Tư"


def test_latin1_noise_is_not_taken_for_windows_1258():
    with pytest.raises(BadDocument, match="no other encoding fits reliably"):
        parse_report("x.txt", "Café crème brûlée, naïve façade, résumé déjà vu. ".encode("latin-1") * 3)


def test_size_limit_duplicates_and_a_giant_line(tiny_seeds):
    (tiny_seeds / "huge.txt").write_bytes(b"a" * (50 * 1024 * 1024))
    (tiny_seeds / "copy.txt").write_bytes((tiny_seeds / "a_phien_hop.txt").read_bytes())
    (tiny_seeds / "line.txt").write_text("Hội nghị " + "x" * 5000 + " năm 2024 đạt 16,4 triệu", "utf-8")
    reports, skipped = load_reports(tiny_seeds)
    reasons = {s.path: s.reason for s in skipped}
    assert "over the 20 MB limit" in reasons["huge.txt"] and reasons["copy.txt"] == "same text as a_phien_hop.txt"
    assert {r.doc for r in reports} == {"a_phien_hop.txt", "b_hoi_nghi.txt", "line.txt"}
    from index.chunking import ChunkerParams, chunk_report

    line = next(r for r in reports if r.doc == "line.txt")
    chunks = chunk_report(line, ChunkerParams(500, 100))
    assert all(len(c.text) <= 500 for c in chunks) and all(line.text[c.start : c.end] == c.text for c in chunks)


def _encodable(ch: str) -> bool:
    try:
        cp1258(ch)
    except UnicodeEncodeError:
        return False
    return True


REPORT_FILES = sorted(
    p for folder in ("seeds", "eval/distractors") for p in Path(folder).glob("*") if p.suffix in (".txt", ".md")
)


@pytest.mark.parametrize("path", REPORT_FILES, ids=lambda p: p.name)
def test_every_report_saved_as_windows_1258_reads_as_in_utf8(path):
    text = path.read_text("utf-8")
    text = "".join(ch for ch in text if _encodable(ch))  # what a Windows-1258 file can hold at all
    for part in (text, text[:300]):  # a page's first 300 characters may be its furniture alone: refused alike
        assert _read(path.name, cp1258(part)) == _read(path.name, part.encode())


def _read(name: str, raw: bytes) -> str:
    """The report's text, or the reason it was refused."""
    try:
        return parse_report(name, raw).text
    except BadDocument as e:
        return f"refused: {e}"
