"""The passage table: passages read back by offsets from the stored report texts (index/passages.py)."""

from __future__ import annotations

import pytest

from index import passages
from index.chunking import ChunkerParams, chunk_report
from index.types import Chunk, Report

TEXT_A = (
    "Phiên họp thứ Tư của Ủy ban đánh giá kết quả chuyển đổi số.\n\n"
    "Tỷ lệ hồ sơ trực tuyến đạt 41,7%; đã có 12,3 triệu tài khoản được kích hoạt.\n"
    "Đề án 06 được triển khai ở 63/63 tỉnh, thành phố. Ðiều này (chữ Đ gõ sai) vẫn được giữ nguyên."
)
TEXT_B = "Hội nghị sơ kết 6 tháng đầu năm: doanh thu đạt 6.056 nghìn tỷ đồng, tăng 16,4% so với cùng kỳ."


def _report(doc: str, text: str) -> Report:
    return Report(doc=doc, title=doc, date=None, label=None, text=text, content_hash="-")


def _chunks() -> list[Chunk]:
    params = ChunkerParams(80, 20)  # small passages that overlap, with whitespace trimmed between them
    return [
        *chunk_report(_report("b.txt", TEXT_B), params),
        *chunk_report(_report("a.txt", TEXT_A), params),
    ]


def test_round_trip_keeps_every_passage_and_its_offsets(tmp_path):
    chunks = _chunks()
    assert len({c.doc for c in chunks}) == 2 and len(chunks) > 4
    passages.write(tmp_path, chunks)
    table = passages.PassageTable(tmp_path)
    assert len(table) == len(chunks)
    assert list(table) == chunks  # same ids, reports, texts and offsets, in the same order
    assert table[1:3] == chunks[1:3]
    for i, c in enumerate(chunks):
        assert table.text(i) == c.text
    # the stored report text is the cleaned report, gaps the chunker trimmed as spaces
    for doc, text in (("a.txt", TEXT_A), ("b.txt", TEXT_B)):
        stored = table.report_text(doc)
        assert len(stored) == len(text.rstrip())
        assert all(stored[c.start : c.end] == c.text for c in chunks if c.doc == doc)
        assert stored.split() == text.split()
    assert table.report_text("missing.txt") == ""
    names, codes = passages.report_codes(table)
    assert [names[k] for k in codes] == [c.doc for c in chunks]
    assert passages.report_codes(chunks)[0] == names  # a plain list of chunks reads the same
    assert passages.report_text(chunks, "a.txt") == table.report_text("a.txt")


def test_an_empty_collection(tmp_path):
    passages.write(tmp_path, [])
    table = passages.PassageTable(tmp_path)
    assert len(table) == 0 and list(table) == [] and passages.report_codes(table)[0] == []


def test_passages_that_disagree_with_their_report_are_refused(tmp_path):
    chunks = [
        Chunk(id="1", doc="a.txt", text="Năm 2024 đạt 18,3%.", start=0, end=19),
        Chunk(id="2", doc="a.txt", text="xxxx", start=13, end=17),  # overlaps the first with other text
    ]
    with pytest.raises(ValueError, match="disagrees"):
        passages.write(tmp_path, chunks)


def test_a_table_that_points_past_the_texts_is_refused(tmp_path):
    passages.write(tmp_path, _chunks())
    (tmp_path / passages.TEXTS).write_bytes((tmp_path / passages.TEXTS).read_bytes()[:50])
    with pytest.raises(ValueError, match="past the end"):
        passages.PassageTable(tmp_path)
