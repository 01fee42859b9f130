"""What a report says about its meeting: headline, date, body, kind and ordinal.

Everything comes from the report's own statements; a field the text does not settle stays
empty (None) rather than guessed. The meeting date is written at the precision the text gives
("2024-04-24", "2024-07", "2024") and its year is resolved from, in order of trust:

1. a year written with the day ("ngày 28/12/2023", "Hà Nội, ngày 15 tháng 3 năm 2022");
2. the period the meeting reviews, against the meeting's month: a "tổng kết năm 2023" meeting on
   28/12 is in 2023, one on 6/1 in 2024; "6 tháng đầu năm 2022" on 8/8 is in 2022;
3. the year written nearest the day in the same sentence, leaving out targets ("đến năm 2025"),
   then the headline's year, each only where the report's facts allow it: the meeting comes after
   what the report states as done ("Đến hết tháng 2/2022, …", "Trong quý I/2023, …", a year's
   result compared with the year before) and before the deadlines it sets ("trước ngày 30/9/2023");
4. the page's own timestamp or a crawler's date marker (weaker: a page can be read long after),
   the year before it when its month comes before the meeting's;
5. failing all these, the first such day after what the report states as done, or the last
   before its nearest deadline.

A sidecar ``<report file>.meta.json`` beside the report overrides any field.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from index.cleaning import STAMP_DATE, page_stamp_text, stamp_date, strip_markup
from index.types import BadDocument
from index.vietnamese import nfc, ordinal_value, ordinals

SIDECAR_SUFFIX = ".meta.json"

KINDS = (
    "phiên họp chuyên đề",
    "phiên họp",
    "hội nghị sơ kết",
    "hội nghị tổng kết",
    "thông báo kết luận",
    "hội nghị",
    "báo cáo",
)
# The bodies that hold these meetings, as the index names them, and how reports write them.
# what may stand between "Ban Chỉ đạo" and the place it is of: its topic, "của"
_TOPIC = r"(?:(?:về )?(?:chuyển đổi số|(?:xây dựng )?Chính quyền điện tử)(?: và Đề án 06)? )?(?:của )?"
BODIES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern.replace("_TOPIC", _TOPIC), re.IGNORECASE))
    for name, pattern in (
        ("Ủy ban Quốc gia về chuyển đổi số", r"Ủy ban Quốc gia về (?:chuyển đổi số|CĐS)"),
        ("Ủy ban Quốc gia về Chính phủ điện tử", r"Ủy ban Quốc gia về Chính phủ điện tử"),
        # "Phó Trưởng ban Chỉ đạo ..." is a person's title, not the body that met
        ("Ban Chỉ đạo Trung ương", r"Ban Chỉ đạo Trung ương"),
        # named in full, or short ("Phiên họp thứ ba Ban Chỉ đạo của Chính phủ: …"), not another topic's
        ("Ban Chỉ đạo của Chính phủ", r"Ban Chỉ đạo của Chính phủ(?: về (?:phát triển )?khoa học|(?! về\b))"),
        # a province's own steering committee: "Ban Chỉ đạo chuyển đổi số tỉnh Đồng Tháp", "Ban Chỉ đạo tỉnh",
        # before 2021 "Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh"
        (
            "Ban Chỉ đạo chuyển đổi số tỉnh",
            # not a district's, commune's or ward's own ("Ban Chỉ đạo phường Đồng Hới (tỉnh Quảng Trị)"), nor
            # a city's inside a province ("… thành phố Thái Nguyên"; "thành phố Hà Nội" is a province)
            r"Ban Chỉ đạo (?!_TOPIC(?:huyện|quận|thị xã|xã|phường|thị trấn)\s)"
            r"(?!_TOPIC(?:thành phố|TP\.?)\s*(?!Hà Nội|Hồ Chí Minh|Hải Phòng|Đà Nẵng|Cần Thơ|Huế)"
            r"(?-i:[A-ZĐ][a-zđàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]))"
            r"(?:tỉnh\b|(?:về )?(?:chuyển đổi số|(?:xây dựng )?Chính quyền điện tử) "
            r"(?:của )?(?:tỉnh|thành phố)\b|"
            r"[^.;:\n]{0,120}?\b(?:của )?(?:tỉnh|thành phố|TP\.) ?(?-i:[A-ZĐ]))",
        ),
        # the Government's working group, or a province's (a centrally run city's too); not a
        # district's, town's or ward's own ("Tổ công tác Đề án 06 huyện Thạch Hà", "… thành phố Bảo Lộc")
        (
            "Tổ công tác Đề án 06",
            r"Tổ công tác (?:triển khai )?(?:thực hiện )?Đề án 06"
            r"(?!\s+(?:của\s+)?(?:huyện|quận|thị xã|TX\.?|xã|phường|thị trấn)\s)"
            r"(?!\s+(?:của\s+)?(?:thành phố|TP\.?)\s*(?!Hà Nội|Hồ Chí Minh|Hải Phòng|Đà Nẵng|Cần Thơ|Huế)(?-i:[A-ZĐ]))",
        ),
        ("Văn phòng Chính phủ", r"Văn phòng Chính phủ\b(?=[^.]{0,60}\bThông báo)"),
    )
)
_META_FIELDS = ("title", "date", "body", "kind", "ordinal", "label")

_KIND_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("phiên họp chuyên đề", r"(?:phiên |cuộc )?họp chuyên đề"),  # "Ban Chỉ đạo tỉnh họp chuyên đề về …"
        ("phiên họp", r"phiên họp (?:lần )?thứ|phiên họp đầu tiên|phiên thứ"),
        ("hội nghị sơ kết", r"(?:hội nghị )?sơ kết"),
        ("hội nghị tổng kết", r"(?:hội nghị )?tổng kết"),
        ("thông báo kết luận", r"thông báo\b[^.;]{0,50}?\bkết luận"),
        # Ngày Chuyển đổi số quốc gia's programme, and a province's own day ("tổ chức Ngày Chuyển đổi số tỉnh")
        (
            "hội nghị",
            r"hội nghị|chương trình hưởng ứng (?=Ngày Chuyển đổi số)|(?<=tổ chức )(?<!bị tổ chức )Ngày Chuyển đổi số",
        ),
        ("phiên họp", r"phiên họp|cuộc họp|\bhọp\b"),
    )
)
# a notice the report is about: "Văn phòng Chính phủ vừa ban hành Thông báo ...", headline "Kết luận của ..."
_ISSUED_BEFORE = re.compile(r"(?:ban hành|phát hành|có|gửi)\s*$", re.IGNORECASE)
_CONCLUSION_HEADLINE = re.compile(r"^(?:Thông báo )?Kết luận\b", re.IGNORECASE)
# a numbered notice issued (not to be issued): "ban hành Thông báo số 400/TB-VPCP"
_NOTICE_ISSUED = re.compile(r"(?<!sẽ )(?:ban hành|phát hành|gửi)\s+(?-i:Thông báo)\s+(?:số\s*)?\d", re.IGNORECASE)
_REPORT_WORDS = re.compile(r"\b(?:Báo cáo|Bộ chỉ số|Chỉ số|công bố)\b", re.IGNORECASE)
_OPENING = 600  # the first sentences, where a report names its own meeting
_LABEL_PATTERNS = [
    re.compile(r"Phiên họp chuyên đề(?: (?:lần )?thứ (?:\d+|[A-ZĐa-zđ][a-zà-ỹđ]+))?", re.IGNORECASE),
    re.compile(r"Phiên họp (?:lần )?thứ (?:\d+|[A-ZĐ][a-zà-ỹđ]+)"),
    re.compile(r"Hội nghị (?:sơ kết|tổng kết)[^,.;:()\n]{0,40}"),
    re.compile(r"Hội nghị [A-ZĐ][^,.;:()\n]{3,60}?(?= tại| do| được| nhằm|[,.;:()\n]|$)"),
]

# a sentence; a thousands group ("6.056") or a dotted date ("15.3.2024") does not end it, but a
# period glued to a footnote number ("06/QĐ-TTg.1 Sáng 15/3") does
# a sentence: a dotted date ("15.3.2024"), a dotted figure ("6.056") or a title's abbreviation
# ("TP. Hồ Chí Minh", "TS. Lê An") does not end it
_SENTENCE = re.compile(
    r"(?:\d{1,2}\.\d{1,2}\.\d{4}(?!\d)|(?<=\d)\.(?=\d{3}(?!\d))|\b(?:TP|Tp|TS|ThS|PGS|GS)\.(?=\s?[A-ZĐ])|[^.!?\n])+[.!?]?"
)
_YEAR = re.compile(r"(?<![\d.,])(20\d{2}|19\d{2})(?![\d.,]\d)")
# Years named as targets or plans ("tới năm 2025, 2030 và 2045", "kế hoạch năm 2025") are not when it met.
_TARGET_YEARS = re.compile(
    r"(?:(?:đến|tới|trước|giai đoạn|tầm nhìn|mục tiêu|phấn đấu|hết|cho)\s+(?:hết\s+)?(?:năm\s+)?"
    r"|(?:kế hoạch|phương hướng|nhiệm vụ|định hướng|chiến lược|dự thảo|dự kiến)\b[^.;:\d]{0,40}?(?:năm\s+)?)"
    r"\d{4}(?:\s*(?:,|và|-|–)\s*\d{4})*",
    re.IGNORECASE,
)
# A span of years ("năm học 2024-2025", "niên vụ 2023 – 2024") does not say which of them the meeting falls
# in: it is no year near the day, and the page's date or the report's other dates decide (or the year is
# left unsaid)
YEAR_SPAN = re.compile(r"(?<![\d.,])((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})(?![\d.,]\d)")
# A meeting day: "Sáng 24/4", "Chiều nay (6/2)", "Sáng thứ Sáu (15/3)", "ngày 28/12/2023",
# "ngày 15.3.2024", "ngày 15 tháng 3 năm 2022".
_WHEN = r"(?:Sáng|Chiều|Tối|Trưa|Ngày|Hôm nay|Hôm qua|Nay)"
_DAY = re.compile(
    rf"\b{_WHEN}(?:\s+nay|\s+qua)?\s*\(?\s*(?:ngày\s+|thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|[2-7])\s*,?\s*\(?\s*(?:ngày\s+)?)?"
    r"(?P<d>\d{1,2})\s*(?:/|-|\s+tháng\s+|\.(?=\d{1,2}\.\d{4}))\s*(?P<m>\d{1,2})"
    r"(?:\s*(?:/|-|\s+năm\s+|(?:(?<=\.\d)|(?<=\.\d\d))\.)\s*(?P<y>\d{4}))?(?![\d/])",
    re.IGNORECASE,
)
_NEWS_DATELINE = re.compile(
    r"^\s*\(?[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ .]{1,30}\)?\s*,\s*(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*(?P<y>\d{4}))?\s*[–—-]"
)
_MONTH = re.compile(r"\btháng\s+(?P<m>\d{1,2})\s*(?:/|-|\s+năm\s+)\s*(?P<y>\d{4})\b", re.IGNORECASE)
_MEETING_WORDS = re.compile(
    r"họp|hội nghị|chủ trì|diễn ra|tổ chức|khai mạc|làm việc|kết luận|thông báo|sự kiện|lễ|phiên", re.IGNORECASE
)
# "Hà Nội, ngày 15 tháng 3 năm 2022" on a line of its own
_DATELINE = re.compile(r"^\s*[A-ZĐÀ-Ỹ][^\d,\n]{1,30},\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}\s*\.?\s*$")
_RECURRING = re.compile(r"^\s*(?:hằng|hàng)\s+năm|^\s*là\s+Ngày", re.IGNORECASE)
# Periods a meeting reviews, and the month each ends: a meeting reviews a period after (or as) it ends.
_PERIODS = [
    (
        re.compile(
            r"(?:sơ kết|kết quả|đánh giá|tình hình)[^.;\n]{0,60}?\b(\d{1,2}|ba|sáu|chín) tháng(?: đầu)? năm (\d{4})",
            re.I,
        ),
        None,
    ),
    (re.compile(r"(?:sơ kết|kết quả|đánh giá)[^.;\n]{0,60}?quý (I|II|III|IV|1|2|3|4)\s*(?:/|năm)\s*(\d{4})", re.I), 0),
    # a quarter's routine review, the quarter right after it ("họp giao ban quý IV/2025"), not a month's
    # routine meeting that sets the next quarter's tasks ("giao ban tháng 9, triển khai nhiệm vụ quý IV")
    (re.compile(r"giao ban\s+(?:công tác\s+)?quý (I|II|III|IV|1|2|3|4)\s*(?:/|năm)\s*(\d{4})", re.I), 0),
    (re.compile(r"tổng kết[^.;\n]{0,80}?năm (\d{4})", re.I), 12),
    # the results of a year are known once it is over ("đánh giá" alone may be of the year under way)
    (re.compile(r"kết quả[^.;\n]{0,40}?(?<!tháng )(?<!đầu )(?:cả )?năm (\d{4})", re.I), 12),
]
_MONTHS = {"ba": 3, "sáu": 6, "chín": 9}
_QUARTER_END = {"I": 3, "1": 3, "II": 6, "2": 6, "III": 9, "3": 9, "IV": 12, "4": 12}
_HEAD = 2000  # where reports say when and what the meeting was
Stamp = tuple[int, int | None, int | None]  # (year, month, day) of a page's own date


@dataclass(frozen=True)
class MeetingMeta:
    """The fields a report's metadata carries (any may be None)."""

    title: str | None = None  # the headline; None when the report has none
    date: str | None = None
    body: str | None = None
    kind: str | None = None
    ordinal: int | None = None
    label: str | None = None  # the meeting's name as the report writes it: "Phiên họp thứ Ba"


def extract(text: str, *, raw_text: str = "", marker_date: str | None = None) -> MeetingMeta:
    """Metadata of a cleaned report; ``raw_text`` (before cleaning) carries the page's timestamp."""
    head = text[:_HEAD]
    label = meeting_label(head)
    kind, ordinal = meeting_kind(head)
    body = meeting_body(head)
    official_report = text.startswith("BÁO CÁO ")  # its kind heads an official report (index/cleaning.py)
    if official_report:  # no meeting: dated by the place and date its header gives
        label, kind, ordinal, body = None, "báo cáo", None, None
    if kind == "thông báo kết luận" and re.search(r"Văn phòng Chính phủ", head, re.IGNORECASE):
        body = "Văn phòng Chính phủ"  # a notice's body is the office that issues it
    stamp = page_stamp(raw_text) or _marker(marker_date)
    issued = _ISSUED_ON.search("\n".join(head.split("\n\n")[:2])) if official_report else None
    if issued and 1 <= int(issued["d"]) <= 31 and 1 <= int(issued["m"]) <= 12:
        date = f"{int(issued['y']):04d}-{int(issued['m']):02d}-{int(issued['d']):02d}"
    elif kind == "báo cáo":  # no meeting: a report is dated by its publication
        date = publication_date(head, stamp)
    else:
        date = meeting_date(head, stamp=stamp, full_text=text, own_ordinal=ordinal)
    return MeetingMeta(
        title=headline(text),
        date=date,
        body=body,
        kind=kind,
        ordinal=ordinal,
        label=label,
    )


# an official document's place and date: "Quảng Bình, ngày 20 tháng 12 năm 2023"
_ISSUED_ON = re.compile(r",\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")


def headline(text: str) -> str | None:
    """The report's first line when it is a headline (short, not a sentence of the body), else None."""
    first = text.split("\n", 1)[0].strip()
    # a notice's kind and subject are long: "THÔNG BÁO Kết luận của Thủ tướng … tại phiên họp chuyên đề …"
    longest = 300 if _CONCLUSION_HEADLINE.match(first) else 200
    if not 10 <= len(first) <= longest or (first.endswith((".", ":", ";", ",")) and len(first) > 120):
        return None
    if _DAY.match(first) or sum(ch.isalpha() for ch in first) < 0.6 * len(first):
        return None
    return first


def fallback_title(text: str, meta: MeetingMeta) -> str:
    """A title for a report without a headline: its meeting and date, else its first sentence."""
    label = meta.label
    if not label and meta.kind:
        label = meta.kind.capitalize() + (f" thứ {meta.ordinal}" if meta.ordinal else "")
    if label:
        return f"{label} ({meta.date})" if meta.date else label
    sentence = _SENTENCE.match(text)
    head = (sentence.group(0) if sentence else text).strip()
    return head if len(head) <= 100 else head[:97].rsplit(" ", 1)[0] + "…"


def meeting_label(text: str) -> str | None:
    """The meeting's name as the report writes it ("Phiên họp thứ Ba"), or None."""
    for pattern in _LABEL_PATTERNS:
        m = pattern.search(text)
        if m:
            return m.group(0).strip()
    if "Hội nghị" in text and re.search(r"6 tháng đầu năm", text):
        return "Hội nghị sơ kết 6 tháng"
    return None


def meeting_kind(text: str) -> tuple[str | None, int | None]:
    """The kind of meeting ("phiên họp", "phiên họp chuyên đề", ...) and its ordinal, from the head.

    A numbered meeting named in the opening ("... chủ trì Phiên họp lần thứ 10 nhằm tổng kết ...")
    is the report's own, unless a notice of its conclusions comes first; otherwise the kind named
    earliest wins. An opening that names no meeting but a report or an index is a "báo cáo".
    """
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for rank, (kind, pattern) in enumerate(_KIND_PATTERNS):
        m = pattern.search(text)
        if m:
            found.append((m.start(), rank, kind, m))
    first_numbered = _own_numbered_meeting(text)
    ordinal = _ordinal_after(text, first_numbered[3]) if first_numbered else None
    notice = next((f for f in found if f[2] == "thông báo kết luận" and f[0] < _OPENING), None)
    if notice is None and _CONCLUSION_HEADLINE.match(text):  # "Kết luận của ..." issued as "Thông báo số ..."
        m = _NOTICE_ISSUED.search(text[:_OPENING])
        notice = (m.start(), 0, "thông báo kết luận", m) if m else None
    issued = notice and (
        _ISSUED_BEFORE.search(text[max(0, notice[0] - 25) : notice[0]]) or _CONCLUSION_HEADLINE.match(text)
    )
    if notice and (first_numbered is None or notice[0] < first_numbered[0] or issued):
        return "thông báo kết luận", ordinal  # a notice of the conclusions of a numbered meeting
    if first_numbered:
        return first_numbered[2], ordinal
    if not any(f[0] < _OPENING for f in found) and _REPORT_WORDS.search(text[:_OPENING]):
        return "báo cáo", None  # no meeting in the opening: a report or an index, not a meeting
    if not found:
        return None, None
    _, _, kind, m = min(found, key=lambda f: (f[0], f[1]))
    if m.group(0).lower() == "họp":  # a headline's verb ("... TỈNH HỌP ĐÁNH GIÁ") yields to the meeting held
        named = [
            f
            for f in found
            if f[0] < _OPENING and f[3].group(0).lower() != "họp" and _HOLDS_NOUN.search(text[max(0, f[0] - 30) : f[0]])
        ]
        if named:
            _, _, kind, m = min(named, key=lambda f: (f[0], f[1]))
    if kind == "hội nghị":  # "Hội nghị do ... tổ chức ... sơ kết 6 tháng": the specific kind
        # in the opening: a report the meeting heard ("Báo cáo tổng kết năm học …") is not its kind
        kind = next(
            (f[2] for f in sorted(found) if f[2] in ("hội nghị sơ kết", "hội nghị tổng kết") and f[0] < _OPENING), kind
        )
        # the programme of Ngày Chuyển đổi số quốc gia is numbered by the day it celebrates
        day = _NATIONAL_DAY_ORDINAL.search(text[: 2 * _OPENING]) if _CELEBRATES.match(text, m.end()) else None
        # or a conference its opening holds by its number ("tổ chức hội nghị trực tuyến lần thứ hai với …")
        day = day or _CONFERENCE_ORDINAL.search(text[:_OPENING])
        numbers = ordinals(day.group(0)) if day else []
        return kind, (numbers[0][2] if numbers else None)
    return kind, _ordinal_after(text, m) if kind.startswith("phiên họp") else None


# the meeting a sentence says is held: "chủ trì hội nghị", "tổ chức Hội nghị sơ kết" (not "kết luận của Hội nghị")
_HOLDS_NOUN = re.compile(r"(?:chủ trì|tổ chức|khai mạc|dự|tham dự)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)
_CELEBRATES = re.compile(r"\s*(?:hưởng ứng\s+)?Ngày Chuyển đổi số", re.IGNORECASE)
# the ordinal of Ngày Chuyển đổi số quốc gia: "Ngày ... quốc gia lần thứ nhất", "lần thứ tư cả nước tổ chức Ngày ..."
_NATIONAL_DAY_ORDINAL = re.compile(
    r"Ngày Chuyển đổi số quốc gia (?:lần )?thứ \w+|lần thứ \w+ (?:cả nước )?tổ chức Ngày Chuyển đổi số", re.IGNORECASE
)


# a conference held by its number: "tổ chức hội nghị trực tuyến lần thứ hai", "khai mạc Hội nghị lần thứ 3"
_CONFERENCE_ORDINAL = re.compile(
    # the conference's name may stand between ("Hội nghị thúc đẩy tiêu thụ nông sản qua thương mại điện tử
    # và truy xuất nguồn gốc lần thứ ba"), within a clause
    r"(?:tổ chức|chủ trì|khai mạc)\s+(?:\S+\s+){0,2}?hội nghị(?:\s+[^\s.;:,]+){0,16}?\s+lần\s+thứ\s+\w+",
    re.IGNORECASE,
)


_NUMBERED = re.compile(
    r"phiên họp chuyên đề|phiên họp (?:lần )?thứ|phiên họp đầu tiên|phiên thứ|họp (?:lần )?thứ", re.I
)
_HOLDS_BEFORE = re.compile(r"(?:chủ trì|tổ chức|họp|khai mạc|tiến hành|diễn ra|dự|bước vào)\b[^.;:\n]{0,25}$", re.I)
_PASSING_BEFORE = re.compile(r"(?<!\w)(?:sau|trước|kể từ|so với)\s+$", re.IGNORECASE)
_PASSING_AFTER = re.compile(r"^[^.;\n]{0,12}?\b(?:trước đó|tiếp theo|sắp tới|dự kiến|lần trước|và thứ)", re.I)


def _other_meeting_at(sentence: str, own: int) -> int | None:
    """Where ``sentence`` first names a numbered meeting other than the report's own (``own``);
    None when it names none, or names the report's own too."""
    numbered = [(m.start(), _ordinal_after(sentence, m)) for m in _NUMBERED.finditer(sentence)]
    numbered = [(at, n) for at, n in numbered if n is not None]
    if not numbered or any(n == own for _, n in numbered):
        return None
    return numbered[0][0]


def _own_numbered_meeting(text: str) -> tuple[int, int, str, re.Match[str]] | None:
    """The numbered meeting a report is about: named in its headline, or held in its opening.

    "Tại Phiên họp thứ Ba trước đó", "Phiên họp thứ Ba và thứ Tư" or a session planned for
    later are meetings named in passing, not the report's own.
    """
    headline_end = len(text.split("\n", 1)[0])
    for m in _NUMBERED.finditer(text[:_OPENING]):
        if _ordinal_after(text, m) is None and not m.group(0).lower().startswith("phiên họp chuyên đề"):
            continue
        after = text[m.end() : m.end() + 40]
        if _PASSING_AFTER.search(_ORDINAL_WORDS_AT.sub("", after, count=1)):
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        if _PASSING_BEFORE.search(before):
            continue  # "gần ba tháng sau phiên họp thứ nhất": another meeting, named to place this one
        if m.start() < headline_end or _HOLDS_BEFORE.search(before):
            kind = "phiên họp chuyên đề" if "chuyên đề" in m.group(0).lower() else "phiên họp"
            return m.start(), 0, kind, m
    return None


_ORDINAL_WORDS_AT = re.compile(r"^\s*(?:lần\s+)?(?:thứ\s+)?\S+")


def _ordinal_after(text: str, m: re.Match[str]) -> int | None:
    """The ordinal written right after a meeting's name: "Phiên họp lần thứ 10" -> 10."""
    tail = text[m.start() : m.end() + 30]
    if re.match(r"phiên họp đầu tiên", tail, re.IGNORECASE):
        return 1
    first = ordinals(tail)
    return first[0][2] if first and first[0][0] <= len(m.group(0)) + 6 else None


def meeting_body(text: str) -> str | None:
    """The body that held the meeting or issued the report: named in the headline, or in a
    sentence about the meeting ("chủ trì", "họp", "phát hành", "công bố" ...).

    A mention inside a person's title or a list of attendees ("Phó Trưởng ban Chỉ đạo ...",
    "thành viên Ban Chỉ đạo ..."), or of a meeting still to come, says nothing about who met;
    the title of its head who chairs the meeting ("Trưởng Ban Chỉ đạo ... chủ trì") does.
    """
    headline_end = len(text.split("\n", 1)[0])
    best: tuple[int, int, str] | None = None
    for name, pattern in BODIES:
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - 14) : m.start()]
            # its head chairing the meeting ("..., Trưởng Ban Chỉ đạo chuyển đổi số thành phố chủ trì Hội
            # nghị ...") names the body that met; a deputy or a member among those present does not
            chairs = _CHAIR_BEFORE.search(before) and _CHAIRS_AFTER.match(text, m.end())
            if _ROLE_BEFORE.search(before) and not chairs:
                continue
            sentence, at = _sentence_at(text, m.start())
            rank = 0 if m.start() < headline_end else 1 if _held(sentence, at) else 2
            if rank < 2 and (best is None or (rank, m.start()) < best[:2]):
                best = (rank, m.start(), name)
    return best[2] if best else None


_ROLE_BEFORE = re.compile(r"(?:Trưởng|thành viên|Ủy viên|Thường trực|Phó)\s*$", re.IGNORECASE)
_CHAIR_BEFORE = re.compile(r"(?<!phó )trưởng\s*$", re.IGNORECASE)
# "... thành phố chủ trì", "... tỉnh Hải An, chủ trì": the place it serves may follow its name
_CHAIRS_AFTER = re.compile(r"(?:\s+(?-i:[A-ZĐÀ-Ỹ])\w*){0,3},?\s*chủ trì\b", re.IGNORECASE)
_HOLDING = re.compile(
    r"chủ trì|họp|tổ chức|phiên|hội nghị|thông báo|kết luận|phát hành|ban hành|công bố", re.IGNORECASE
)
# a meeting still to come: "sẽ", "dự kiến", "sắp tới" ("sắp xếp" is a reorganisation, not the future)
_AHEAD = re.compile(r"(?<!\w)(?:sẽ|dự kiến|sắp tới|sắp diễn ra)(?!\w)", re.IGNORECASE)


def _held(sentence: str, at: int) -> bool:
    """Does ``sentence`` say that the body named at ``at`` met or issued something? Not when the
    meeting is still to come ("... sẽ là cơ sở để Ủy ban ... xem xét tại phiên họp"): the future
    is read only up to the meeting word, so "Ủy ban họp, thống nhất nhiệm vụ sẽ làm" was held."""
    hold = _HOLDING.search(sentence, at) or _HOLDING.search(sentence)
    return hold is not None and not _AHEAD.search(sentence, 0, hold.start())


def _sentence_at(text: str, at: int) -> tuple[str, int]:
    """The sentence holding offset ``at``, and ``at`` within it."""
    for m in _SENTENCE.finditer(text):  # as the date is read: "TP. Hồ Chí Minh" does not end it
        if m.start() <= at < m.end():
            return m.group(0), at - m.start()
    return "", 0


def page_stamp(raw_text: str) -> Stamp | None:
    """(year, month, day) of the page's own timestamp line ("Thứ Năm, 12/05/2022 15:30"), if any."""
    for line in raw_text[:20000].splitlines():
        stamp = page_stamp_text(strip_markup(line))
        if stamp and (day := stamp_date(stamp)):
            return day
    return None


def _marker(marker_date: str | None) -> Stamp | None:
    if not marker_date:
        return None
    parts = [int(p) for p in marker_date.split("-")]
    return parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None


_UNREAD = object()  # meeting_date's own_ordinal when the caller has not read it


def meeting_date(
    head: str, *, stamp: Stamp | None = None, full_text: str = "", own_ordinal: int | object | None = _UNREAD
) -> str | None:
    """ISO date of the meeting at the precision the text allows (see the module's docstring).

    Of the days the opening states, the one written as the meeting's ("tổ chức ngày 13/6/2025",
    "cuộc họp ngày 19/5") comes first, then a sentence that opens with the day ("Sáng 8/8, ...
    chủ trì Phiên họp ..."), then a dateline. The date of a document ("Thông báo số 318/TB-VPCP
    ngày 19/6/2025"), a dateline and the page's timestamp bound the meeting from above: a day
    without a year falls in the year that puts it on or before them.
    """
    candidates: list[tuple[int, int, int, int, str, re.Match[str]]] = []  # (class, position, day, month, ...)
    bounds: list[Stamp] = [stamp] if stamp and stamp[1] else []
    documents: list[Stamp] = []
    offset = 0
    # the report's own session number (meeting_kind; extract has read it already)
    own = meeting_kind(head)[1] if own_ordinal is _UNREAD else own_ordinal
    for sentence in _SENTENCE.findall(head):
        # "Phiên họp thứ nhất được tổ chức vào ngày 5/8" in the report of the second: not its day
        other = _other_meeting_at(sentence, own) if own is not None else None
        news = _NEWS_DATELINE.match(sentence)  # "ĐÀ NẴNG, 3/11 – ... hôm nay đã tổ chức ...": that day
        if news and 1 <= int(news["d"]) <= 31 and 1 <= int(news["m"]) <= 12:
            candidates.append((1, offset + news.start("d"), int(news["d"]), int(news["m"]), sentence, news))
        for m in _DAY.finditer(sentence):
            day, month = int(m.group("d")), int(m.group("m"))
            if not (1 <= day <= 31 and 1 <= month <= 12) or _RECURRING.match(sentence[m.end() :]):
                continue
            if other is not None and other < m.start():
                continue  # a day after another session is named is that session's
            before = sentence[max(0, m.start() - 40) : m.start()]
            dated = (int(m.group("y")), month, day) if m.group("y") else None
            if _DOCUMENT_BEFORE.search(before):
                if dated:
                    documents.append(dated)
                continue
            if _DATELINE.match(sentence) and dated:
                bounds.append(dated)
            if _MEETING_BEFORE.search(before):
                rank = 0
            elif m.start() <= 2 and _MEETING_WORDS.search(sentence):
                rank = 1
            elif _MEETING_WORDS.search(sentence) or _DATELINE.match(sentence):
                rank = 2
            else:
                continue
            candidates.append((rank, offset + m.start(), day, month, sentence, m))
        offset += len(sentence)
    firm = bounds[0] if bounds else None  # the page's timestamp or a dateline: the report is not older
    bounds += documents
    if candidates:
        _, _, day, month, sentence, m = min(candidates, key=lambda c: c[:2])
        year = (
            int(m.group("y"))
            if m.group("y")
            else _resolve_year(
                sentence, head, month, m.start(), bounds, _fact_bounds(full_text or head), day, latest=firm
            )
        )
        if year is None:
            return None  # the day is stated but its year is not: say nothing rather than guess
        return f"{year:04d}-{month:02d}-{day:02d}"
    m = _MONTH_HELD.search(head)
    if m and bounds:  # "diễn ra hồi đầu tháng 8", bounded by the notice's or the page's date
        month = int(m["m"])
        year, bound_month, _ = bounds[0]
        if 1 <= month <= 12:
            return f"{year if bound_month is None or bound_month >= month else year - 1:04d}-{month:02d}"
    if stamp and stamp[2] and _TODAY.search(head):  # "Sáng nay, ..." on a page dated that day
        return f"{stamp[0]:04d}-{stamp[1]:02d}-{stamp[2]:02d}"
    for sentence in _SENTENCE.findall(head):
        m = _MONTH.search(sentence)
        if (
            m
            and _MEETING_WORDS.search(sentence)
            and 1 <= int(m.group("m")) <= 12
            and re.search(r"(?:vào|trong|diễn ra|tổ chức|họp)[^.]{0,20}tháng", sentence, re.IGNORECASE)
        ):
            return f"{int(m.group('y')):04d}-{int(m.group('m')):02d}"
    if stamp:  # the page's date: a report is published on the day of its meeting or soon after
        return f"{stamp[0]:04d}-{stamp[1]:02d}" if stamp[1] else str(stamp[0])
    if documents:  # a report that holds no meeting is dated by the document that issues it
        year, month, day = documents[0]
        return f"{year:04d}-{month:02d}-{day:02d}"
    year = _status_year(full_text or head) or _reviewed_year(head)
    return str(year) if year else None


_MONTH_HELD = re.compile(
    r"(?:diễn ra|tổ chức|họp|khai mạc)\s+(?:vào\s+|hồi\s+|trong\s+)?(?:đầu\s+|giữa\s+|cuối\s+)?"
    r"tháng\s+(?P<m>\d{1,2})(?!\s*[/-]\s*\d)(?![\d/])",
    re.I,
)
_TODAY = re.compile(r"\b(?:Sáng|Chiều|Tối|Trưa|Hôm)\s+nay\b(?!\s*\(?\s*\d)", re.IGNORECASE)


def publication_date(head: str, stamp: Stamp | None) -> str | None:
    """When a report that holds no meeting came out: the decision that issues it, else the page's date."""
    for sentence in _SENTENCE.findall(head):
        for m in STAMP_DATE.finditer(sentence):
            if _DOCUMENT_BEFORE.search(sentence[max(0, m.start() - 45) : m.start()].removesuffix("ngày ")):
                return f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
    if stamp:
        return "-".join(f"{v:02d}" if i else f"{v:04d}" for i, v in enumerate(stamp) if v)
    m = _PUBLISHED_MONTH.search(head)
    return f"{int(m['y']):04d}-{int(m['m']):02d}" if m else None


_PUBLISHED_MONTH = re.compile(
    r"(?:công bố|ban hành|phát hành|đăng tải|ra mắt)[^.;\n]{0,30}?tháng\s+(?P<m>\d{1,2})\s*[/-]\s*(?P<y>\d{4})", re.I
)


_MEETING_BEFORE = re.compile(r"(?:họp|tổ chức|diễn ra|khai mạc|hội nghị|phiên họp)\s*(?:vào\s*)?$", re.IGNORECASE)
_DOCUMENT_BEFORE = re.compile(
    r"(?:số\s*\S+/\S+|(?:Thông báo|Quyết định|Nghị quyết|Công văn|Chỉ thị|Kế hoạch|Nghị định|văn bản)\b[^.,;:]{0,25})"
    r"\s*$",
    re.IGNORECASE,
)
# "tính đến hết tháng 02/2022": the state of things at a date the meeting comes after
_STATUS = re.compile(
    r"(?:tính đến|tính tới|đến hết|tới hết|lũy kế đến)\s+(?:hết\s+)?(?:ngày\s+\d{1,2}\s*/\s*)?(?:tháng\s+)?"
    r"(\d{1,2})\s*[/-]\s*(\d{4})",
    re.IGNORECASE,
)


def _status_year(text: str) -> int | None:
    """The year of the latest "as of" date the report gives: it reports on things as of then.

    An "as of" date inside a target ("phấn đấu đến hết tháng 12/2025") is not one.
    """
    years = [
        int(m.group(2))
        for m in _STATUS.finditer(text)
        if 1 <= int(m.group(1)) <= 12 and not _TARGET_BEFORE.search(text[max(0, m.start() - 30) : m.start()])
    ]
    return max(years) if years else None


_TARGET_BEFORE = re.compile(r"phấn đấu|mục tiêu|kế hoạch|dự kiến|hoàn thành|bảo đảm|yêu cầu", re.IGNORECASE)
# what is to be done by the date after it ("sẽ nhận hồ sơ đến hết ngày 15/9/2025", "phối hợp để đến
# hết tháng 6/2023 có …"), not what is done by then
_AHEAD_BEFORE = re.compile(r"(?<!\w)(?:sẽ|để)(?:\s+[^\W\d]+){0,4}\s*$", re.IGNORECASE)  # in the clause just before


def _resolve_year(
    sentence: str,
    head: str,
    month: int,
    at: int,
    bounds: list[Stamp],
    facts: tuple[Stamp | None, Stamp | None] = (None, None),
    day: int = 1,
    latest: Stamp | None = None,
) -> int | None:
    """The year of a day written without one: the period reviewed, a year near it, the headline's
    year where the report's facts allow it, or the bounds the report's facts and dates set. A year
    near the day or in the headline that would put it after ``latest``, the page's timestamp or
    dateline, is passed over (a document the report acts under may be older than the meeting, so
    its date is no such bound)."""
    # the last day the stamp allows (a stamp of a month bounds its whole month); a page announcing
    # a meeting ahead ("Ngày 28/12 tới, … sẽ tổ chức") is older than it
    last = (latest[0], latest[1], latest[2] or 31) if latest and latest[1] and not _AHEAD.search(sentence) else None
    for text in (sentence, head):
        period = _period(text)
        if period:
            year, end = period
            # a review is held once the period is (nearly) over: before that, it is the next year's;
            # not after the page that reports it ("kết quả khảo sát năm 2024" on a page of April 2024
            # names a survey, not the year under review)
            year = year if month >= end - 2 else year + 1
            if last is None or (year, month, day) <= last:
                return year
    # a document's own date ("Thông báo số 06/TB-VPCP ngày 09/01/2023") bounds the meeting; it is not its year
    plain = STAMP_DATE.sub(
        lambda d: _blank(d) if (int(d["y"]), int(d["m"]), int(d["d"])) in bounds else d.group(0),
        YEAR_SPAN.sub(_blank, _TARGET_YEARS.sub(_blank, sentence)),
    )
    after, before = facts
    lowest = after[0] if after else None

    def fits(year: int, *, deadline: bool = True) -> bool:  # after what it reports done, before its deadline
        date = (year, month, day)
        return (
            (not after or date >= _stamp_key(after))
            and (not deadline or not before or date <= _stamp_key(before))
            and (last is None or date <= last)
        )

    # the year nearest the day in its sentence, then the headline's, unless the report's facts rule
    # it out (the meeting announcing "DTI năm 2022" reports that year's results, so it is held later)
    near = [int(m.group(1)) for m in sorted(_YEAR.finditer(plain), key=lambda m: abs(m.start() - at))]
    headline_years = [
        int(y) for y in _YEAR.findall(YEAR_SPAN.sub(_blank, _TARGET_YEARS.sub(_blank, head.split("\n", 1)[0])))
    ]
    for year in (*near, *headline_years):
        # a page is published within months of its meeting: a year that puts the day half a year or
        # more before the page's own date is another year the report speaks of ("… dữ liệu năm 2025"
        # reviewed on 8/1 of the next year)
        stale = last is not None and (last[0] - year) * 12 + last[1] - month > _STALE_MONTHS
        if fits(year, deadline=False) and not stale:  # a deadline recalled from an earlier plan may be long past
            return year
    if bounds:
        year, bound_month, _ = bounds[0]
        year = year if bound_month is None or bound_month >= month else year - 1
        if not after or fits(year):
            return year
    if lowest is not None:  # the first such day on or after the latest state it reports
        for year in (lowest, lowest + 1):
            if fits(year):
                return year
    if before:  # the last such day on or before its nearest deadline
        year = before[0] if (month, day) <= (before[1] or 12, before[2] or 31) else before[0] - 1
        return year if fits(year) else None
    return None


_STALE_MONTHS = 6


def _stamp_key(stamp: Stamp) -> tuple[int, int, int]:
    return stamp[0], stamp[1] or 1, stamp[2] or 1


# What a report states as done by a date ("Đến hết tháng 2/2022, …", "tính đến ngày 15/3/2024",
# "Trong quý I/2023, …", "năm 2022 đạt …, tăng … so với năm 2021"): the meeting comes after it.
_AS_OF = re.compile(
    r"(?:tính đến|tính tới|đến hết|tới hết|lũy kế đến|luỹ kế đến)\s+(?:hết\s+)?"
    r"(?:ngày\s+(?P<d>\d{1,2})\s*/\s*|tháng\s+)?(?P<m>\d{1,2})\s*[/-]\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
_PAST_PERIOD = re.compile(  # the period a sentence opens with: its time frame, not a deadline inside it
    r"^\s*(?:(?:Trong|Sau|Qua|Tính chung)\s+)?(?:(?P<n>\d{1,2}|ba|sáu|chín) tháng đầu năm|[Qq]uý "
    r"(?P<q>I|II|III|IV|1|2|3|4)\s*/)\s*(?P<y>\d{4})\s*,",
    re.IGNORECASE,
)
# an instrument the report acts on or under ("được xây dựng theo Quyết định số 1726/QĐ-BTTTT ngày 12/10/2020"),
# dated by its own day, not by a deadline set for acting on it ("thực hiện Nghị quyết 57 trước ngày 15/4/2025")
_BASIS = re.compile(
    r"\b(?:theo|tại|căn cứ|thực hiện|triển khai)\s+(?:Quyết định|Nghị quyết|Nghị định|Chỉ thị|Luật)\b[^.;]{0,40}?"
    r"(?<!trước )(?<!hạn )(?<!đến )(?<!chậm nhất )(?<!trước khi )"
    r"ngày\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
_YEAR_ON_YEAR = re.compile(
    r"(?<!đầu )(?<!cuối )(?<!tháng \d )(?<!tháng \d\d )(?<!quý I )(?<!quý II )(?<!quý III )(?<!quý IV )"
    r"\bnăm (?P<y>\d{4})\b[^.;!?\n]{0,160}?\bso với (?:năm (?P<prev>\d{4})|năm trước)\b",
    re.IGNORECASE,
)
# a deadline set at the meeting: "trước ngày 30/9/2023", "chậm nhất ngày 15/10/2024"
_DEADLINE = re.compile(
    r"(?:trước|chậm nhất(?: là)?(?: vào)?)\s+ngày\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})",
    re.IGNORECASE,
)


_SET_BY = re.compile(
    r"(?<!tính )(?<!lũy kế )(?<!luỹ kế )(?:đến|tới)\s+(?:hết\s+)?ngày\s+"
    r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})"
)
_WITHIN_MONTH = re.compile(r"\btrong tháng\s+(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})")


def _fact_bounds(text: str) -> tuple[Stamp | None, Stamp | None]:
    """(latest date the report states things as done by, earliest deadline it sets), either None."""
    after: list[Stamp] = []
    deadlines: list[Stamp] = []
    for sentence in _SENTENCE.findall(text):
        after += _done_by(sentence)
        deadlines += _due_by(sentence)
    valid = [a for a in after if a[1] is None or 1 <= a[1] <= 12]
    latest = max(valid, key=_stamp_key) if valid else None
    deadlines = [
        d for d in deadlines if 1 <= (d[1] or 0) <= 12 and (latest is None or _stamp_key(d) >= _stamp_key(latest))
    ]
    return latest, (min(deadlines, key=_stamp_key) if deadlines else None)


def _done_by(sentence: str) -> list[Stamp]:
    """The dates ``sentence`` states things as done by."""
    done = [(int(m["y"]), int(m["m"]), int(m["d"])) for m in _BASIS.finditer(sentence)]
    if _TARGET_BEFORE.search(sentence) and not _AS_OF.search(sentence):
        return done  # plans and targets say nothing of what is done
    for m in _AS_OF.finditer(sentence):
        before = sentence[max(0, m.start() - 30) : m.start()]
        if not _TARGET_BEFORE.search(before) and not _AHEAD_BEFORE.search(before):
            done.append((int(m["y"]), int(m["m"]), int(m["d"]) if m["d"] else None))
    for m in _PAST_PERIOD.finditer(sentence):
        n = m["n"]
        end = _QUARTER_END[m["q"].upper()] if m["q"] else (int(n) if n.isdigit() else _MONTHS[n.lower()])
        if 1 <= end <= 12:
            done.append((int(m["y"]), max(1, end - 2), None))  # a review may come just before the end
    for m in _YEAR_ON_YEAR.finditer(sentence) if "cùng kỳ" not in sentence.lower() else ():
        if _PLANNED.search(sentence[max(0, m.start() - 60) : m.start()]):
            continue  # a year's plan or allocation ("kinh phí bố trí cho … năm 2021 là …") is known as it starts
        year = int(m["y"])
        if m["prev"] is None or int(m["prev"]) == year - 1:
            done.append((year, 10, None))  # a whole year's result: known from its last quarter
    return done


_PLANNED = re.compile(r"(?<!\w)(?:kế hoạch|bố trí|dự toán|phân bổ|được giao|giao cho)(?!\w)", re.IGNORECASE)


def _due_by(sentence: str) -> list[Stamp]:
    """The deadlines ``sentence`` sets ("yêu cầu đến ngày 31/12/2025 …", "phải … trong tháng 11/2025")."""
    if _DONE_WORD.search(sentence):
        return []  # "đã hoàn thành … trước ngày 1/7/2025": done, not due
    due = [(int(m["y"]), int(m["m"]), int(m["d"])) for m in _DEADLINE.finditer(sentence)]
    if _TARGET_BEFORE.search(sentence):
        due += [(int(m["y"]), int(m["m"]), int(m["d"])) for m in _SET_BY.finditer(sentence)]
        due += [(int(m["y"]), int(m["m"]), 28) for m in _WITHIN_MONTH.finditer(sentence)]
    return due


_DONE_WORD = re.compile(r"(?<!\w)đã(?!\w)", re.IGNORECASE)


_TASKS_AHEAD = re.compile(
    r"(?:triển khai\s+(?:nhiệm vụ|kế hoạch)|phương hướng(?:,?\s+nhiệm vụ)?)(?:\s+(?:trọng tâm|chủ yếu))?\s+năm\s+\d{4}",
    re.IGNORECASE,
)


def _period(text: str) -> tuple[int, int] | None:
    """(year, last month) of the first period the text says is reviewed: "6 tháng đầu năm 2024" -> (2024, 6).
    The year of the tasks a review sets is not reviewed ("tổng kết công tác …, triển khai nhiệm vụ năm
    2021"); the year of the tasks it reviews is ("tổng kết thực hiện nhiệm vụ năm 2023")."""
    text = _TASKS_AHEAD.sub(_blank, text)
    for pattern, end in _PERIODS:
        m = pattern.search(text)
        if not m:
            continue
        if end is None:
            n = m.group(1).lower()
            months = int(n) if n.isdigit() else _MONTHS[n]
            if 1 <= months <= 12:
                return int(m.group(2)), months
        elif end == 0:
            return int(m.group(2)), _QUARTER_END[m.group(1).upper()]
        else:
            return int(m.group(1)), end
    return None


def _reviewed_year(head: str) -> int | None:
    """The year of a part-year review ("sơ kết 6 tháng đầu năm 2023"): such a meeting is held in it."""
    period = _period(head)
    return period[0] if period and period[1] < 12 else None


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))  # keeps offsets


def read_sidecar(report_path: Path) -> tuple[dict[str, Any], bytes]:
    """Fields a user set in ``<report>.meta.json`` and the file's bytes; ({}, b"") when there is none.

    A sidecar that is not a JSON object of known fields with valid values raises BadDocument.
    """
    path = report_path.with_name(report_path.name + SIDECAR_SUFFIX)
    if not path.is_file():
        return {}, b""
    raw = path.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadDocument(f"{path.name} is not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise BadDocument(f"{path.name} must hold a JSON object")
    unknown = sorted(set(data) - set(_META_FIELDS))
    if unknown:
        raise BadDocument(f"{path.name}: unknown field(s) {', '.join(unknown)}; known: {', '.join(_META_FIELDS)}")
    for key, value in data.items():
        if value is None:
            continue
        if key == "ordinal":
            if isinstance(value, str):
                value = ordinal_value(value)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise BadDocument(f"{path.name}: ordinal must be a positive integer")
        elif not isinstance(value, str) or not value.strip():
            raise BadDocument(f"{path.name}: {key} must be a non-empty string")
        elif key == "date" and not re.fullmatch(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?", value):
            raise BadDocument(f"{path.name}: date must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
        elif key == "kind" and nfc(value).lower() not in KINDS:
            raise BadDocument(f"{path.name}: kind must be one of {', '.join(KINDS)}")
        data[key] = nfc(value.strip()) if isinstance(value, str) else value
    return data, raw


def with_overrides(meta: MeetingMeta, overrides: dict[str, Any]) -> MeetingMeta:
    """The extracted metadata with a sidecar's fields put over it."""
    known = {f.name for f in fields(MeetingMeta)}
    return replace(meta, **{k: v for k, v in overrides.items() if k in known})
