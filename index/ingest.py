"""Read meeting reports from a folder: decode, clean web boilerplate, extract metadata.

Each .txt or .md file is one report; its file name is the doc id. A file that cannot be read
as text is skipped with a logged reason and the others are still returned.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

from index.cleaning import clean_text
from index.types import BadDocument, Report, Skipped
from index.vietnamese import nfc

log = logging.getLogger(__name__)

REPORT_SUFFIXES = (".txt", ".md")

_LABEL_PATTERNS = [
    re.compile(r"Phiên họp (?:lần )?thứ (?:\d+|[A-ZĐ][a-zà-ỹđ]+)"),
    re.compile(r"Hội nghị (?:sơ kết|tổng kết)[^,.;:()\n]{0,40}"),
    re.compile(r"Hội nghị [A-ZĐ][^,.;:()\n]{3,60}?(?= tại| do| được| nhằm|[,.;:()\n]|$)"),
]
_DAY_MONTH = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])")
_YEAR = re.compile(r"(?<!\d)(20\d{2}|19\d{2})(?!\d)")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
# Years named as targets ("tới năm 2025, 2030 và 2045", "đến hết năm 2024") are not when it met.
_TARGET_YEARS = re.compile(
    r"(?:đến|tới|trước|giai đoạn|tầm nhìn|mục tiêu|phấn đấu|hết|cho)\s+(?:hết\s+)?(?:năm\s+)?"
    r"\d{4}(?:\s*(?:,|và|-|–)\s*\d{4})*",
    re.IGNORECASE,
)


MAX_REPORT_BYTES = 20 * 1024 * 1024


def load_reports(folder: str | Path, max_bytes: int = MAX_REPORT_BYTES) -> tuple[list[Report], list[Skipped]]:
    """Every report in ``folder`` (sorted by name), and the files skipped with their reasons."""
    folder = Path(folder)
    reports: list[Report] = []
    skipped: list[Skipped] = []
    seen: dict[str, str] = {}  # hash of the cleaned text -> the first file that had it
    for path in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES):
        try:
            report = read_report(path, max_bytes)
            digest = hashlib.sha256(report.text.encode()).hexdigest()
            if digest in seen:
                raise BadDocument(f"same text as {seen[digest]}")
            seen[digest] = path.name
            reports.append(report)
        except BadDocument as exc:
            log.warning("skipped %s: %s", path.name, exc)
            skipped.append(Skipped(path.name, str(exc)))
    return reports, skipped


def read_report(path: str | Path, max_bytes: int = MAX_REPORT_BYTES) -> Report:
    """Read one report file; raises BadDocument with the reason when it is not usable text."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise BadDocument(f"file is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit")
        raw = path.read_bytes()
    except OSError as exc:
        raise BadDocument(f"cannot read file ({exc.strerror or exc})") from exc
    return parse_report(path.name, raw)


def parse_report(doc: str, raw: bytes) -> Report:
    """Decode, clean and describe one report given its bytes."""
    text = decode(raw)
    cleaned, marker_date = clean_text(text)
    if not cleaned.strip():
        raise BadDocument("no report text left after removing page boilerplate")
    label = meeting_label(cleaned)
    date = marker_date or meeting_date(cleaned)
    return Report(
        doc=doc,
        title=report_title(cleaned, label, date),
        date=date,
        label=label,
        text=cleaned,
        content_hash=hashlib.sha256(raw).hexdigest(),
    )


_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
# Letters only Vietnamese uses; a legacy-encoded report is full of them once decoded right.
_VIETNAMESE_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ") | {chr(c) for c in range(0x1EA0, 0x1EFA)}


def decode(raw: bytes) -> str:
    """Bytes to NFC text: UTF-8, UTF-16/32 with a BOM, or Windows-1258 when that is unmistakable.

    Anything else (empty, binary, an encoding that cannot be told reliably) is a BadDocument.
    """
    if not raw.strip():
        raise BadDocument("empty file")
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return _checked(nfc(raw.decode(codec)))
            except UnicodeDecodeError as exc:
                raise BadDocument(f"not valid {codec} (byte {exc.start})") from exc
    if b"\x00" in raw[:4096]:
        raise BadDocument("binary file (contains NUL bytes)")
    try:
        return _checked(nfc(raw.decode("utf-8")))
    except UnicodeDecodeError as exc:
        legacy = _windows_1258(raw)
        if legacy is None:
            raise BadDocument(f"not valid UTF-8 (byte {exc.start}) and no other encoding fits reliably") from exc
        log.info("decoded as Windows-1258")
        return legacy


def _windows_1258(raw: bytes) -> str | None:
    try:
        text = nfc(raw.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    letters = [ch for ch in text if ch.isalpha()]
    vietnamese = sum(1 for ch in letters if ch in _VIETNAMESE_LETTERS)
    # Vietnamese prose has roughly one such letter in five; Latin-1 noise decoded this way has few
    if len(letters) < 20 or vietnamese < 0.08 * len(letters):
        return None
    return text


def _checked(text: str) -> str:
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 8:
        raise BadDocument("binary file (control characters)")
    return text


def meeting_label(text: str) -> str | None:
    """The meeting's name as the report writes it ("Phiên họp thứ Ba"), or None."""
    for pattern in _LABEL_PATTERNS:
        m = pattern.search(text)
        if m:
            return m.group(0).strip()
    if "Hội nghị" in text and re.search(r"6 tháng đầu năm", text):
        return "Hội nghị sơ kết 6 tháng"
    return None


def meeting_date(text: str) -> str | None:
    """ISO date of the meeting, as precise as the text allows.

    A day/month written near the start with "Sáng", "Chiều", "ngày"... is the meeting day;
    where the year is not written with it, the latest year named in the same sentence is used
    ("Chiều nay (6/2) ... tổng kết năm 2024, nhiệm vụ năm 2025" -> 2025-02-06). Without a day,
    the latest year the report speaks of (reports are written after what they describe).
    """
    head = text[:1500]
    for sentence in _SENTENCE.findall(head):
        m = _DAY_MONTH.search(sentence)
        if not m or not re.search(r"\b(?:Sáng|Chiều|Tối|Trưa|Ngày|hôm nay|nay)\b", sentence, re.I):
            continue
        day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        if year is None:
            year = _latest_year(sentence) or _latest_year(text)
            if year is None:
                continue
        return f"{int(year):04d}-{month:02d}-{day:02d}"
    year = _latest_year(text)
    return str(year) if year else None


def _latest_year(text: str) -> int | None:
    """The latest year the text reports on, leaving out years named as targets."""
    years = [int(y) for y in _YEAR.findall(_TARGET_YEARS.sub(" ", text))]
    return max(years) if years else None


def report_title(text: str, label: str | None, date: str | None) -> str:
    """The headline when the report starts with one, otherwise "<meeting> (<date>)"."""
    first = text.split("\n", 1)[0].strip()
    if 10 <= len(first) <= 160 and not first.endswith((".", ":", ";", ",")):
        return first
    if label:
        return f"{label} ({date})" if date else label
    sentence = _SENTENCE.match(text)
    head = (sentence.group(0) if sentence else text).strip()
    return head if len(head) <= 100 else head[:97].rsplit(" ", 1)[0] + "…"
