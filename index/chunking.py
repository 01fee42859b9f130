"""Split a cleaned report into passages of whole sentences, with offsets into the report.

Separators are tried in order: paragraph, line, sentence end, ";", ",", then a space that
does not sit next to a figure. A sentence is only cut when it alone is longer than the chunk
size, and then at ";" or "," first; a number is never separated from its unit.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

from index.types import Chunk, Report
from index.vietnamese import CAPITALS

SEPARATORS = [
    r"\n\n",
    r"\n",
    # sentence end: ". " / "? " / "! " / "… " before a capital, a quote or a digit
    rf"(?<=[.!?…])\s+(?=[\"“'(\d{CAPITALS}])",
    r"(?<=;)\s+",
    r"(?<=,)\s+(?!\d)",
    # last resort: a space with no figure on either side and not just after a figure's first
    # word, so "16,4 triệu", "6.056 nghìn tỷ" and "15 mục tiêu" stay whole
    r"(?<![\d%])" + "".join(rf"(?<!\d\s\w{{{n}}})" for n in range(1, 8)) + r"\s+(?![\d%])",
    # a run of text with no space at all (a pasted table, a giant token) is cut by characters
    "",
]


@dataclass(frozen=True)
class ChunkerParams:
    """What the manifest records about chunking; a change means re-chunking every report."""

    size: int = 500
    overlap: int = 100

    def to_json(self) -> dict[str, int | str]:
        # the splitter, the passage heading (store.passage_text), the cleaning of reports and the BM25
        # tokens change what gets indexed: a new version of any of them re-indexes every report
        return {
            **asdict(self),
            "splitter": "recursive-vi-v2",
            "passage": "heading-v1",
            "text": "v45",
            "bm25": "k1=1.2,b=0.5",
        }


def chunk_report(report: Report, params: ChunkerParams = ChunkerParams()) -> list[Chunk]:
    """Passages of ``report.text`` in reading order; ``report.text[c.start:c.end] == c.text``."""
    return [
        Chunk(id=cid, doc=report.doc, text=text, start=start, end=start + len(text))
        for cid, text, start in _pieces(report.doc, report.text, params)
    ]


def _pieces(doc: str, text: str, params: ChunkerParams) -> list[tuple[str, str, int]]:
    splitter = RecursiveCharacterTextSplitter(
        separators=SEPARATORS,
        is_separator_regex=True,
        keep_separator="end",
        chunk_size=params.size,
        chunk_overlap=params.overlap,
        strip_whitespace=True,
    )
    out: list[tuple[str, str, int]] = []
    seen: dict[str, int] = {}
    cursor = 0
    for piece in splitter.split_text(text):
        start = _locate(text, piece, cursor)
        if start < 0:  # the splitter rejoined pieces with a different separator: re-read the span
            continue
        cursor = start + 1
        span = text[start : start + len(piece)]
        digest = hashlib.sha1(f"{doc}\x00{span}".encode()).hexdigest()[:16]
        seen[digest] = seen.get(digest, 0) + 1
        cid = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
        out.append((cid, span, start))
    return out


def _locate(text: str, piece: str, cursor: int) -> int:
    start = text.find(piece, cursor)
    return start if start >= 0 else text.find(piece)
