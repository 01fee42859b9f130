import re

import pytest

from index.chunking import SEPARATORS, ChunkerParams, chunk_report
from index.ingest import load_reports, parse_report
from tests.conftest import SEEDS

NUMBER_AND_UNIT = re.compile(r"\d+(?:[.,]\d+)*\s(?:triệu|tỷ|nghìn|USD|%|mục tiêu|thôn|hồ sơ|người)")


def _report(text: str):
    return parse_report("r.txt", text.encode())


@pytest.mark.parametrize("size", [120, 300, 500, 1000])
def test_offsets_map_back_to_the_cleaned_report(size):
    reports, _ = load_reports(SEEDS)
    for report in reports:
        chunks = chunk_report(report, ChunkerParams(size, size // 5))
        assert chunks, report.doc
        for c in chunks:
            assert report.text[c.start : c.end] == c.text
            assert len(c.text) <= size or " " not in c.text
        # every character of the report is in some chunk (nothing lost between chunks)
        covered = set()
        for c in chunks:
            covered.update(range(c.start, c.end))
        missing = [i for i in range(len(report.text)) if i not in covered and not report.text[i].isspace()]
        assert missing == []


def test_numbers_are_never_cut_from_their_unit():
    reports, _ = load_reports(SEEDS)
    for report in reports:
        whole = {m.group(0) for m in NUMBER_AND_UNIT.finditer(report.text)}
        for size in (120, 200, 300):
            found = set()
            for c in chunk_report(report, ChunkerParams(size, 0)):
                found.update(m.group(0) for m in NUMBER_AND_UNIT.finditer(c.text))
            assert whole <= found, (report.doc, size, whole - found)


def test_sentences_stay_whole_when_they_fit():
    text = (
        "Câu thứ nhất nói về 16,4 triệu tài khoản. Câu thứ hai nói về 87% người trưởng thành. "
        "Câu thứ ba nói về 6.056 nghìn tỷ đồng."
    )
    chunks = chunk_report(_report(text), ChunkerParams(100, 0))
    assert [c.text for c in chunks] == [
        "Câu thứ nhất nói về 16,4 triệu tài khoản. Câu thứ hai nói về 87% người trưởng thành.",
        "Câu thứ ba nói về 6.056 nghìn tỷ đồng.",
    ]


def test_a_sentence_end_is_only_before_a_capital():
    # an ellipsis inside a sentence ("kết hôn... để") is no end: "đ" sorts among the capitals "À".."Ỹ"
    sentence_end = re.compile(SEPARATORS[2])
    text = "Đưa lên giấy khai sinh, kết hôn... để người dân dùng. Đến nay có 12 tiện ích."
    assert [text[: m.start()] for m in sentence_end.finditer(text)] == [
        "Đưa lên giấy khai sinh, kết hôn... để người dân dùng."
    ]
    assert not sentence_end.search("Trước đó… ở các xã")


def test_a_long_sentence_is_cut_at_semicolons_first():
    text = "; ".join(f"mục {i} đạt {i},5 triệu tài khoản" for i in range(12)) + "."
    chunks = chunk_report(_report(text), ChunkerParams(120, 0))
    assert len(chunks) > 1
    for c in chunks[:-1]:
        assert c.text.endswith(";")


def test_chunk_ids_are_stable_content_hashes():
    report = _report("Đoạn một về chuyển đổi số.\n\nĐoạn hai về dữ liệu số.")
    first = [c.id for c in chunk_report(report, ChunkerParams(30, 0))]
    again = [c.id for c in chunk_report(report, ChunkerParams(30, 0))]
    assert first == again and len(set(first)) == len(first)
    changed = _report("Đoạn một về chuyển đổi số.\n\nĐoạn hai đã sửa.")
    assert chunk_report(changed, ChunkerParams(30, 0))[0].id == first[0]


def test_repeated_text_in_one_report_gets_distinct_ids():
    report = _report("Cùng một câu.\n\nCùng một câu.")
    ids = [c.id for c in chunk_report(report, ChunkerParams(15, 0))]
    assert len(ids) == 2 and len(set(ids)) == 2
