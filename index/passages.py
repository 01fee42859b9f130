"""The passages of an index, read by offsets from the reports' stored text rather than held as strings.

An index folder keeps each report's cleaned text once (``reports.txt``, UTF-8, the reports one
after another) and a table of its passages (``passages.npy``: id, report, character offsets
into the report, byte offsets into ``reports.txt``), with the report names in ``passages.json``.
Loading maps both files into memory: nothing is parsed, and only the pages of the passages a
question reads become resident. A passage is ``report_text[start:end]``, as it always was
(types.Chunk); ``PassageTable[i]`` makes that Chunk when asked for.

At 200,000 passages this replaces a 120 MB ``chunks.jsonl`` parsed into about 400 MB of Python
objects at every start (python -m eval.appscale; docs/scaling.md).
"""

from __future__ import annotations

import json
import mmap
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import overload

import numpy as np

from index.types import Chunk

TEXTS = "reports.txt"
TABLE = "passages.npy"
NAMES = "passages.json"


def report_texts(chunks: Sequence[Chunk]) -> dict[str, str]:
    """Each report's text as its passages place it: every passage at its offsets, the gaps between
    them (whitespace the chunker trimmed) as spaces. ``text[c.start:c.end] == c.text`` for every c."""
    out: dict[str, str] = {}
    for doc, mine in _by_report(chunks).items():
        parts, end = [], 0
        for c in sorted(mine, key=lambda c: (c.start, c.end)):
            if c.start > end:
                parts.append(" " * (c.start - end))
                end = c.start
            if c.end > end:  # passages overlap: only what this one adds
                parts.append(c.text[end - c.start :])
                end = c.end
        out[doc] = "".join(parts)
    return out


def _by_report(chunks: Sequence[Chunk]) -> dict[str, list[Chunk]]:
    out: dict[str, list[Chunk]] = {}
    for c in chunks:
        out.setdefault(c.doc, []).append(c)
    return out


def write(folder: Path, chunks: Sequence[Chunk]) -> None:
    """Write the reports' texts and the passage table of ``chunks`` into ``folder``."""
    texts = report_texts(chunks)
    for c in chunks:
        if texts[c.doc][c.start : c.end] != c.text:
            raise ValueError(f"passage {c.id} of {c.doc} disagrees with the report's other passages")
    docs = sorted(texts)
    code = {doc: i for i, doc in enumerate(docs)}
    by_report = _by_report(chunks)
    byte_at: dict[str, dict[int, int]] = {}  # per report: a passage boundary's byte in reports.txt
    spans: list[tuple[int, int]] = []  # per report: its bytes in reports.txt
    with open(folder / TEXTS, "wb") as f:
        for doc in docs:
            text, pos, last = texts[doc], {}, 0
            nbytes = f.tell()
            spans.append((nbytes, nbytes + len(text.encode("utf-8"))))
            for m in sorted({c.start for c in by_report[doc]} | {c.end for c in by_report[doc]}):
                nbytes += len(text[last:m].encode("utf-8"))
                pos[m], last = nbytes, m
            byte_at[doc] = pos
            f.write(text.encode("utf-8"))
        f.flush()
        os.fsync(f.fileno())
    width = max((len(c.id.encode("utf-8")) for c in chunks), default=1)
    table = np.zeros(
        len(chunks),
        dtype=[
            ("id", f"S{width}"),
            ("doc", "<i4"),
            ("start", "<i8"),
            ("end", "<i8"),
            ("byte_start", "<i8"),
            ("byte_end", "<i8"),
        ],
    )
    for i, c in enumerate(chunks):
        table[i] = (
            c.id.encode("utf-8"),
            code[c.doc],
            c.start,
            c.end,
            byte_at[c.doc][c.start],
            byte_at[c.doc][c.end],
        )
    np.save(folder / TABLE, table)
    (folder / NAMES).write_text(json.dumps({"reports": docs, "bytes": spans}, ensure_ascii=False), "utf-8")


class PassageTable(Sequence[Chunk]):
    """The passages of an index folder, memory-mapped: ``table[i]`` is the i-th Chunk, vector id i."""

    def __init__(self, folder: Path) -> None:
        folder = Path(folder)
        names = json.loads((folder / NAMES).read_text("utf-8"))
        self.reports: list[str] = names["reports"]
        self._spans: list[tuple[int, int]] = [tuple(b) for b in names["bytes"]]
        self._table = np.load(folder / TABLE, mmap_mode="r")
        with open(folder / TEXTS, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            # an empty file cannot be mapped; an index of no passages reads nothing from it
            self._texts: mmap.mmap | bytes = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        # the report of each passage, as an index into self.reports (a small array, read once)
        self.doc_codes: np.ndarray = np.asarray(self._table["doc"], dtype=np.int32)
        self._code = {doc: i for i, doc in enumerate(self.reports)}
        # one view per column (still mapped, not copied): a field of a row is read without making the row
        # (as plain arrays over the mapping: np.asarray copies nothing, and skips memmap's slower indexing)
        columns = [np.asarray(self._table[f]) for f in ("id", "start", "end", "byte_start", "byte_end")]
        self._ids, self._starts, self._ends, self._byte_starts, self._byte_ends = columns
        if len(self.doc_codes) and (self.doc_codes.min() < 0 or self.doc_codes.max() >= len(self.reports)):
            raise ValueError(f"{TABLE} names a report that {NAMES} does not list")
        if len(self._table) and int(self._table["byte_end"].max()) > size:
            raise ValueError(f"{TABLE} points past the end of {TEXTS}")

    def __len__(self) -> int:
        return len(self._table)

    @overload
    def __getitem__(self, i: int) -> Chunk: ...
    @overload
    def __getitem__(self, i: slice) -> list[Chunk]: ...
    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return Chunk(
            id=self._ids[i].decode("utf-8"),
            doc=self.reports[int(self.doc_codes[i])],
            text=self.text(i),
            start=int(self._starts[i]),
            end=int(self._ends[i]),
        )

    def __iter__(self) -> Iterator[Chunk]:
        for i in range(len(self)):
            yield self[i]

    def text(self, i: int) -> str:
        return self._texts[int(self._byte_starts[i]) : int(self._byte_ends[i])].decode("utf-8")

    def report_text(self, doc: str) -> str:
        """``doc``'s cleaned text as stored (report_texts): every passage's offsets point into it."""
        code = self._code.get(doc)
        if code is None:
            return ""
        a, b = self._spans[code]
        return self._texts[a:b].decode("utf-8")

    def report_head(self, doc: str, n: int) -> str:
        """The first ``n`` characters of ``doc``'s stored text, decoding only those."""
        code = self._code.get(doc)
        if code is None:
            return ""
        a, b = self._spans[code]
        # a character is at most 4 bytes; a character cut at the end of the slice is dropped
        return self._texts[a : min(b, a + 4 * n)].decode("utf-8", errors="ignore")[:n]


def report_codes(chunks: Sequence[Chunk]) -> tuple[list[str], np.ndarray]:
    """(report names, each passage's report as an index into them), without reading passage text
    from a PassageTable; a plain list of Chunks (tests, a build in progress) is read through."""
    if isinstance(chunks, PassageTable):
        return chunks.reports, chunks.doc_codes
    names = sorted({c.doc for c in chunks})
    code = {doc: i for i, doc in enumerate(names)}
    return names, np.array([code[c.doc] for c in chunks], dtype=np.int32)


def report_text(chunks: Sequence[Chunk], doc: str) -> str:
    """``doc``'s cleaned text: read from a PassageTable, put back together from a list of Chunks."""
    if isinstance(chunks, PassageTable):
        return chunks.report_text(doc)
    return report_texts([c for c in chunks if c.doc == doc]).get(doc, "")
