"""Read meeting reports from a folder: decode, clean web boilerplate, extract metadata.

Each .txt, .md, .html/.htm, .docx or .pdf file is one report (index/formats.py reads the last
three); its file name is the doc id. A file that cannot be read as a report is skipped with a
logged reason and the others are still returned.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from index.cleaning import clean_text
from index.formats import REPORT_SUFFIXES, decode_html, extract_text
from index.metadata import extract, fallback_title, read_sidecar, with_overrides
from index.types import BadDocument, Report, Skipped
from index.vietnamese import nfc

log = logging.getLogger(__name__)


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
    """Read one report file; raises BadDocument with the reason when it is not usable text.

    A sidecar ``<file>.meta.json`` beside it corrects the extracted metadata; a sidecar that cannot
    be used is ignored (the report is still indexed) and the reason is kept in the report's metadata.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise BadDocument(f"file is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit")
        raw = path.read_bytes()
    except OSError as exc:
        raise BadDocument(f"cannot read file ({exc.strerror or exc})") from exc
    try:
        overrides, sidecar_raw = read_sidecar(path)
        sidecar = "applied" if sidecar_raw else None
    except (BadDocument, OSError) as exc:
        log.warning("ignored the metadata sidecar of %s: %s", path.name, exc)
        # the reason without the folder's path, which another process may spell differently
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        overrides, sidecar_raw, sidecar = {}, b"", f"ignored: {reason}"
    return parse_report(path.name, raw, overrides=overrides, sidecar=sidecar, sidecar_raw=sidecar_raw)


def parse_report(
    doc: str,
    raw: bytes,
    *,
    overrides: dict | None = None,
    sidecar: str | None = None,
    sidecar_raw: bytes = b"",
) -> Report:
    """Decode (or extract, for .html/.docx/.pdf), clean and describe one report given its bytes."""
    extracted = extract_text(doc, raw)
    text = decode(raw) if extracted is None else extracted
    cleaned, marker_date = clean_text(text)
    if not cleaned.strip():
        raise BadDocument("no report text left after removing page boilerplate")
    # the page's own timestamp sits in the page around the article: look for it in the whole page
    page = decode_html(raw) if doc.lower().endswith((".html", ".htm")) else text
    meta = with_overrides(extract(cleaned, raw_text=page, marker_date=marker_date), overrides or {})
    return Report(
        doc=doc,
        title=meta.title or fallback_title(cleaned, meta),
        date=meta.date,
        label=meta.label,
        text=cleaned,
        content_hash=hashlib.sha256(raw + sidecar_raw).hexdigest(),
        body=meta.body,
        kind=meta.kind,
        ordinal=meta.ordinal,
        sidecar=sidecar,
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
        legacy = _legacy_vietnamese(raw)
        if legacy is None:
            raise BadDocument(f"not valid UTF-8 (byte {exc.start}) and no other encoding fits reliably") from exc
        return legacy


def _legacy_vietnamese(raw: bytes) -> str | None:
    """A legacy code page's bytes (Windows-1258 in practice) as text, when they read as Vietnamese.

    charset-normalizer guesses the code page and Windows-1258 is tried beside its guess (measured on
    the seeds and the distractor reports saved as Windows-1258, whole and cut to 300 characters: the
    guess alone misread one 300-character cut of 140 texts as Windows-1250); the reading with the larger share
    of Vietnamese letters is kept, and only when the text is plainly Vietnamese.
    """
    from charset_normalizer import from_bytes

    guesses: dict[str, str] = {}
    best = from_bytes(raw).best()
    if best is not None:
        guesses[best.encoding] = nfc(str(best))
    # on a short text the guess may be a Central European page that reads Vietnamese as noise
    # ("TôŇ công tác ĐęĚ án"): Windows-1258 is tried too, and the reading with more Vietnamese wins
    try:
        guesses.setdefault("cp1258", nfc(raw.decode("cp1258")))
    except UnicodeDecodeError:
        pass
    scored = [(_vietnamese_share(text), codec, text) for codec, text in guesses.items()]
    if not scored:
        return None
    share, codec, text = max(scored)
    # Vietnamese prose has roughly one such letter in five; Latin-1 noise decoded this way has few
    if share < 0.08 or sum(ch.isalpha() for ch in text) < 20:
        return None
    log.info("decoded as %s", codec)
    return text


def _vietnamese_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(1 for ch in letters if ch in _VIETNAMESE_LETTERS) / len(letters) if letters else 0.0


def _checked(text: str) -> str:
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 8:
        raise BadDocument("binary file (control characters)")
    return text
