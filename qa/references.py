"""What a question says about which meeting it means: ordinal, kind, body, year, month, period,
province (the report's headline names it).

"Tại phiên họp lần thứ 8, ..." -> ordinal 8, kind "phiên họp"; "hội nghị sơ kết 6 tháng đầu năm
2024" -> kind "hội nghị sơ kết", year 2024, period ending in month 6; "tháng 7/2024" -> 2024-07.
Retrieval compares these with each report's metadata (index/metadata.py) to prefer the reports
that fit; nothing here filters. A question typed without diacritics is read in folded form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from index.metadata import BODIES
from index.vietnamese import fold, has_diacritics, nfc, ordinals
from qa import gazetteer

_YEAR = re.compile(r"(?<![\d.,])(19\d{2}|20\d{2})(?![\d.,]\d)")
# an ordinal names a meeting only after a meeting word: "phiên họp thứ Tư", "lần thứ 8", not "xếp thứ 71"
_MEETING_BEFORE = re.compile(
    r"(?:phiên|họp|lần|hội nghị|kỳ|phien|hop|lan|hoi nghi|ky)\s*(?:họp\s*|hop\s*)?(?:lần\s*|lan\s*)?$", re.IGNORECASE
)
_MONTH_YEAR = re.compile(r"\btháng\s+(\d{1,2})\s*(?:/|-|\s+năm\s+)\s*(\d{4})", re.IGNORECASE)
# the date of the meeting itself ("cuộc họp ngày 19/5/2022"), not any date ("hoạt động từ ngày 1/7/2025")
_MEETING_DATE = re.compile(
    r"(?:phiên họp|hội nghị|cuộc họp|họp)[^,.;?]{0,40}?\bngày\s+\d{1,2}\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_MONTH_RES = [(p, re.compile(fold(p.pattern), re.IGNORECASE)) for p in (_MONTH_YEAR, _MEETING_DATE)]
_KINDS = (  # (kind, accented pattern); the folded pattern is derived
    ("phiên họp chuyên đề", r"phiên họp chuyên đề|phiên chuyên đề"),
    ("hội nghị sơ kết", r"sơ kết"),
    ("hội nghị tổng kết", r"tổng kết"),
    ("thông báo kết luận", r"thông báo kết luận"),
    ("phiên họp", r"phiên họp|phiên thứ"),
    ("hội nghị", r"hội nghị"),
)
_KIND_RES = [(kind, re.compile(p, re.IGNORECASE), re.compile(fold(p))) for kind, p in _KINDS]
# a "tổng kết" of part of a year, the part named within a few words after it: "tổng kết 9 tháng đầu năm
# 2023", "tổng kết chuyển đổi số nửa đầu năm", "tổng kết giữa năm", "tổng kết quý I"; not "tổng kết công
# tác năm 2023 so với 6 tháng đầu năm", nor a review of years ("tổng kết 5 năm", "tổng kết giai đoạn …")
_PART_YEAR_REVIEW = (
    r"tổng kết(?:\s+(?!năm\b|giai\b)[^\s\d,.;:?]+){0,4}?\s+"
    r"(?:(?:\d{1,2}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mười một) tháng"
    r"|nửa(?: đầu| cuối)? năm|giữa năm|quý\s+[IV\d]+)"
)
_PART_YEAR_REVIEW_RES = (
    re.compile(_PART_YEAR_REVIEW, re.IGNORECASE),
    re.compile(fold(_PART_YEAR_REVIEW), re.IGNORECASE),
)
# a question may name a body more briefly than a report does
_QUESTION_BODIES = (*BODIES, ("Ban Chỉ đạo của Chính phủ", re.compile(r"Ban Chỉ đạo của Chính phủ", re.IGNORECASE)))
_BODY_RES = [
    (name, pattern, re.compile(fold(pattern.pattern).replace("(?<!trưởng )", ""))) for name, pattern in _QUESTION_BODIES
]
# Targets ("đến năm 2025") are not the time the question is about.
_TARGET = re.compile(  # "lũy kế tới", "tính đến" count up to a time: not a target ("dự tính đến" is one)
    r"(?:(?:(?<!lũy kế\s)(?<!luỹ kế\s)(?<!tính\s)|(?<=dự tính\s))(?:đến|tới)|trước|"
    r"mục tiêu|phấn đấu(?:\s+trong)?|tầm nhìn)"  # "phấn đấu trong năm 2022": an aim
    r"\s+(?:hết\s+)?"
    r"(?:năm\s+|quý\s+[IV\d]+\s*/\s*|tháng\s+\d{1,2}\s*/\s*)?$",
    re.IGNORECASE,
)
_TARGET_FOLDED = re.compile(fold(_TARGET.pattern), re.IGNORECASE)


def is_target(text: str, at: int) -> bool:
    """Is the time at offset ``at`` of ``text`` a target or deadline ("đến năm 2025", "trước quý
    IV/2025", "mục tiêu năm 2030") rather than a time the text is about?"""
    bare = not has_diacritics(text)
    return (_TARGET_FOLDED if bare else _TARGET).search(text[max(0, at - 25) : at]) is not None


@dataclass(frozen=True)
class References:
    """The meeting and time a question refers to; empty fields mean "not said"."""

    ordinals: frozenset[int] = field(default_factory=frozenset)
    kinds: frozenset[str] = field(default_factory=frozenset)
    bodies: frozenset[str] = field(default_factory=frozenset)
    years: frozenset[int] = field(default_factory=frozenset)
    months: frozenset[tuple[int, int]] = field(default_factory=frozenset)  # (year, month)
    periods: frozenset[tuple[int, int, int]] = field(default_factory=frozenset)  # (year, first, last month)
    provinces: frozenset[str] = field(default_factory=frozenset)  # qa/gazetteer.py asked
    national: bool = False  # the question names no province and no local unit (names_local): the country's meeting

    def __bool__(self) -> bool:
        return bool(
            self.ordinals
            or self.kinds
            or self.bodies
            or self.years
            or self.months
            or self.periods
            or self.provinces
            or self.national
        )


# a local unit a question names ("Sở Tư pháp", "huyện Hạ Hòa", "xã Tân Lập", "quận 1"): the unit's word
# followed by a name or a number. "các tỉnh, thành", "cấp xã", "cơ sở dữ liệu", "sở hữu" name none;
# typed without diacritics, "so", "quan", "tinh", "phuong", "xa" are read the same way ("số", "cơ quan",
# "tính đến", "địa phương" are followed by no name)
_LOCAL_UNITS = r"tỉnh|thành phố|tp\.|huyện|quận|thị xã|thị trấn|đặc khu|phường|sở|xã"
_LOCAL = re.compile(rf"(?<!\w)(?<!cơ )(?<!co )(?:{_LOCAL_UNITS})\s+")
_LOCAL_FOLDED = re.compile(rf"(?<!\w)(?<!co )(?:{fold(_LOCAL_UNITS)})\s+")
# the departments of a province ("so y te" typed without accents and capitals)
_DEPARTMENT = re.compile(
    r"(?:y te|tu phap|noi vu|tai chinh|giao duc|cong thuong|xay dung|ke hoach|thong tin|lao dong|van hoa"
    r"|giao thong|tai nguyen|nong nghiep|khoa hoc|ngoai vu|du lich|dan toc)(?!\w)"
)
# "số" of the digital: "chuyển đổi số Bộ …", "kinh tế số Việt Nam", "nền tảng số Quốc gia" (folded)
_DIGITAL_BEFORE = re.compile(r"(?:doi|kinh te|nen tang|du lieu|chu ky|xa hoi|chinh phu|cong nghe|ha tang) $")
_MANY = re.compile(r"(?:bao nhieu|cac|may|nhung|nhieu|(?<![\d/.,])\d{1,3})\s+$")  # quantifiers before a unit (folded)


def names_local(question: str) -> bool:
    """True when the question names a local unit (a department, district, commune) by its name or number."""
    bare = not has_diacritics(question)
    lowered = question.casefold() if bare else question.lower()
    if len(lowered) != len(question):  # a letter whose case changes its length: compare as typed
        lowered = question
    for m in (_LOCAL_FOLDED if bare else _LOCAL).finditer(lowered):
        if _MANY.search(fold(lowered[max(0, m.start() - 12) : m.start()])):
            continue  # "bao nhiêu Sở Tư pháp", "các tỉnh": many units, the country's figure
        nxt = question[m.end() : m.end() + 2]
        if bare and m.group(0).startswith("so"):  # "số 318/TB", "sổ BHXH", "đổi số Bộ X": no department
            if _DIGITAL_BEFORE.search(lowered[max(0, m.start() - 10) : m.start()]):
                continue
            if (len(nxt) == 2 and nxt[0].isupper() and nxt[1].islower()) or _DEPARTMENT.match(lowered, m.end()):
                return True
        elif nxt and (nxt[0].isupper() or nxt[0].isdigit()):
            return True
    return False


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_COUNT = {
    "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10, "mười một": 11,
    "mười hai": 12,
}  # fmt: skip
_TIME_PATTERNS = (  # (key kind, accented pattern); the folded pattern is derived
    ("quarter", r"\bquý\s+(?P<q>IV|III|II|I|[1-4])\s*(?:/|-|\s+năm\s+)\s*(?P<y>(?:19|20)\d{2})\b"),
    (
        "first",
        r"\b(?P<n>\d{1,2}|mười một|mười hai|mười|hai|ba|bốn|năm|sáu|bảy|tám|chín)\s+tháng\s+(?:đầu\s+)?(?:năm\s+)?"
        r"(?P<y>(?:19|20)\d{2})\b",
    ),
    ("half", r"\b(?:nửa|giữa)\s+(?:đầu\s+)?năm\s+(?P<y>(?:19|20)\d{2})\b"),
    # "toàn năm" in lower case: "Phó Thủ tướng Hoàng Minh Toàn năm 2024" names a person
    ("whole", r"\b(?:(?-i:[Cc]ả|toàn|[Tt]rọn))\s+năm\s+(?P<y>(?:19|20)\d{2})\b"),
    ("last", r"\b6\s+tháng\s+cuối\s+năm\s+(?P<y>(?:19|20)\d{2})\b"),
    ("month", r"\btháng\s+(?P<m>\d{1,2})\s*(?:/|-|\s+năm\s+)\s*(?P<y>(?:19|20)\d{2})\b"),
    ("month", r"\b\d{1,2}/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d{2})\b"),
)
_TIME_RES = [
    (kind, re.compile(p, re.IGNORECASE), re.compile(fold(p).replace("(?p<", "(?P<"), re.IGNORECASE))
    for kind, p in _TIME_PATTERNS
]


def time_keys(text: str) -> frozenset[tuple[int, ...]]:
    """The times ``text`` states, as comparable keys: (year,), (year, month) and periods
    (year, first month, last month): "quý I/2022" and "ba tháng đầu năm 2022" are both (2022, 1, 3).
    A target ("đến năm 2025", "mục tiêu năm 2030") is not a time the text states.
    """
    return frozenset(key for _, key in time_mentions(text))


def time_mentions(text: str) -> list[tuple[int, tuple[int, ...]]]:
    """(offset, key) of every time ``text`` states (see time_keys)."""
    text = nfc(text)
    bare = not has_diacritics(text)
    found: list[tuple[int, tuple[int, ...]]] = [
        (m.start(), (int(m.group(1)),)) for m in _YEAR.finditer(text) if not is_target(text, m.start())
    ]
    for kind, accented, folded in _TIME_RES:
        for m in (folded if bare else accented).finditer(text):
            year = int(m.group("y"))
            if kind == "quarter":
                q = _ROMAN[m.group("q").casefold()]
                found.append((m.start(), (year, 3 * q - 2, 3 * q)))
            elif kind == "first":
                n = m.group("n").casefold()
                months = int(n) if n.isdigit() else next(v for k, v in _COUNT.items() if fold(k) == fold(n))
                if 1 <= months <= 12:
                    found.append((m.start(), (year, 1, months)))
            elif kind == "last":
                found.append((m.start(), (year, 7, 12)))
            elif kind == "half":
                found.append((m.start(), (year, 1, 6)))
            elif kind == "whole":
                found.append((m.start(), (year, 1, 12)))
            elif 1 <= int(m.group("m")) <= 12:
                found.append((m.start(), (year, int(m.group("m")))))
    return found


QUARTER_NAMES = {1: "I", 4: "II", 7: "III", 10: "IV"}


def period_forms(key: tuple[int, int, int]) -> tuple[str, ...]:
    """The ways a report writes the period ``key`` (year, first month, last month), for searching
    its words whichever way a question names it: (2022, 1, 3) -> "quý I/2022", "3 tháng đầu năm
    2022"; (2023, 1, 6) -> "6 tháng đầu năm 2023", "nửa đầu năm 2023"."""
    year, first, last = key
    forms = []
    if last - first == 2 and first in QUARTER_NAMES:
        forms.append(f"quý {QUARTER_NAMES[first]}/{year}")
    if first == 1 and last < 12:
        forms.append(f"{last} tháng đầu năm {year}")
        if last == 6:
            forms.append(f"nửa đầu năm {year}")
    if (first, last) == (7, 12):
        forms.append(f"6 tháng cuối năm {year}")
    return tuple(forms)


# a period named without its year ("Trong quý III, …", "6 tháng đầu năm"): the months alone
_YEARLESS_PATTERNS = (
    ("quarter", r"\bquý\s+(?P<q>IV|III|II|I|[1-4])\b(?!\s*(?:/|-|năm)\s*\d)"),
    (
        "first",
        r"\b(?P<n>\d{1,2}|mười một|mười hai|mười|hai|ba|bốn|năm|sáu|bảy|tám|chín)\s+tháng\s+đầu\s+năm\b"
        r"(?!\s*(?:19|20)\d{2})",
    ),
    ("half", r"\bnửa\s+đầu\s+năm\b(?!\s*(?:19|20)\d{2})"),
    ("last", r"\b6\s+tháng\s+cuối\s+năm\b(?!\s*(?:19|20)\d{2})"),
)
_YEARLESS_RES = [
    (kind, re.compile(p, re.IGNORECASE), re.compile(fold(p).replace("(?p<", "(?P<"), re.IGNORECASE))
    for kind, p in _YEARLESS_PATTERNS
]


def yearless_periods(text: str) -> frozenset[tuple[int, int]]:
    """(first, last) month of each period ``text`` names without a year, targets left out."""
    text = nfc(text)
    bare = not has_diacritics(text)
    found = set()
    for kind, accented, folded in _YEARLESS_RES:
        for m in (folded if bare else accented).finditer(text):
            if is_target(text, m.start()):
                continue
            if kind == "quarter":
                q = _ROMAN[m.group("q").casefold()]
                found.add((3 * q - 2, 3 * q))
            elif kind == "first":
                n = m.group("n").casefold()
                months = int(n) if n.isdigit() else next(v for k, v in _COUNT.items() if fold(k) == fold(n))
                if 1 <= months <= 12:
                    found.add((1, months))
            elif kind == "half":
                found.add((1, 6))
            else:
                found.add((7, 12))
    return frozenset(found)


@lru_cache(maxsize=8192)  # a question is read by the retriever, its ranker and the answerer
def parse(question: str) -> References:
    """The references ``question`` makes to a meeting and a time."""
    q = nfc(question)
    bare = not has_diacritics(q)
    text = fold(q) if bare else q
    mentions = time_mentions(q)  # years and periods, targets left out
    months = {
        (int(y), int(mo))
        for accented, folded in _MONTH_RES
        for mo, y in (folded if bare else accented).findall(text)
        if 1 <= int(mo) <= 12
    }
    kinds = set()
    for kind, accented, folded in _KIND_RES:
        if (folded if bare else accented).search(text):
            kinds.add(kind)
    if "phiên họp chuyên đề" in kinds:
        kinds.discard("phiên họp")
    if kinds & {"hội nghị sơ kết", "hội nghị tổng kết"}:
        kinds.discard("hội nghị")
    if "hội nghị tổng kết" in kinds and _PART_YEAR_REVIEW_RES[bare].search(text):
        # "tổng kết nửa năm", "tổng kết 9 tháng đầu năm 2023": a review of part of a year, which
        # reports call a "sơ kết" as often; the period tells the meeting, the word does not (nor is it
        # a "hội nghị" as such: the review asked may be a working group's "phiên họp")
        kinds.discard("hội nghị tổng kết")
    bodies = {name for name, accented, folded in _BODY_RES if (folded if bare else accented).search(text)}
    return References(
        ordinals=frozenset(
            v
            for start, _, v in ordinals(q)
            if _MEETING_BEFORE.search(fold(q[max(0, start - 20) : start]) if bare else q[max(0, start - 20) : start])
        ),
        kinds=frozenset(kinds),
        bodies=frozenset(bodies),
        years=frozenset(key[0] for _, key in mentions if len(key) == 1),
        months=frozenset(months),
        periods=frozenset(key for at, key in mentions if len(key) == 3 and not is_target(q, at)),
        provinces=(provinces := frozenset(gazetteer.asked(q, bare=bare))),
        national=not provinces and not names_local(q),
    )


# Months after a period's end in which a meeting still reports on it; chosen on the tune fold
# (python -m eval.ranker --period-grace).
PERIOD_GRACE = 1


def _grace(first: int, last: int) -> int:
    return max(PERIOD_GRACE, 3) if (first, last) == (1, 12) else PERIOD_GRACE


# Kinds of report that answer for a kind of meeting asked about: a notice of a meeting's conclusions
# speaks for that meeting.
_ANSWERS_FOR = {"thông báo kết luận": {"phiên họp", "phiên họp chuyên đề", "hội nghị"}}


def report_kinds(meta: dict) -> set[str]:
    """The kinds of meeting a report speaks for: its own, and a review its title or label names."""
    kind = meta.get("kind")
    if not kind:
        return set()
    kinds = {kind, *_ANSWERS_FOR.get(kind, ())}
    named = " ".join(str(meta.get(k) or "") for k in ("title", "label")).casefold()
    if "sơ kết" in named:
        kinds.add("hội nghị sơ kết")
    if "tổng kết" in named:
        kinds.add("hội nghị tổng kết")
    return kinds


_REVIEW_MONTHS = re.compile(r"\b(?:so ket|tong ket|danh gia)\s+(\d{1,2})\s+thang\b")


def report_periods(meta: dict) -> frozenset[tuple[int, int, int]]:
    """The periods a report's title or label says it reviews ("Hội nghị sơ kết 6 tháng", of a report
    dated 2023 -> (2023, 1, 6)); a period named without its year takes the report's year."""
    named = " ".join(str(meta.get(k) or "") for k in ("title", "label"))
    periods = {key for _, key in time_mentions(named) if len(key) == 3}
    date = str(meta.get("date") or "")
    if date[:4].isdigit():
        year = int(date[:4])
        periods |= {(year, first, last) for first, last in yearless_periods(named)}
        periods |= {(year, 1, int(n)) for n in _REVIEW_MONTHS.findall(fold(named).lower()) if 1 <= int(n) <= 12}
    return frozenset(periods)


def title_subject(title: str) -> str:
    """The part of a headline that says whose report it is: before its first colon ("Hà Nội: Ban
    Chỉ đạo … họp phiên thứ hai", "Bắc Ninh tổng kết …: dữ liệu …"), or the whole headline. What
    follows a colon is news from the report ("Công bố DTI 2023: Đà Nẵng dẫn đầu khối tỉnh"): a
    province named there is one the report ranks, not the one it is about. A head that ends in
    an unnamed province's body ("Phiên họp thứ Tư Ban Chỉ đạo chuyển đổi số tỉnh: Trà Vinh tăng 8
    bậc") leaves the province to what follows: the whole headline is the subject."""
    head, colon, _ = title.partition(":")
    if colon and _UNNAMED_PLACE.search(head):
        return title
    return head if colon and head.strip() else title


# a head that ends in "tỉnh", "thành phố" or "TP" has not named its province yet
_UNNAMED_PLACE = re.compile(
    r"(?<!\w)(?<!các )(?<!cấp )(?<!khối )(?<!toàn )(?<!mỗi )(?:tỉnh|thành phố|tp\.?)\s*$", re.IGNORECASE
)


def fit(refs: References, meta: dict) -> dict[str, float]:
    """How a report's metadata fits the question's references: +1 agrees, -1 contradicts, 0 unknown.

    A report whose field is empty neither agrees nor contradicts. For the year: the meeting's year
    agrees, except for a meeting in the first quarter, which speaks for the year before (the year
    it reviews) and is neutral about its own; an earlier year is neutral (reports state past
    figures); a later year contradicts (a report cannot state results of a year after it).
    A period ("quý I/2022", "6 tháng đầu năm 2024", "giữa năm 2023") agrees with a meeting held in
    the month it ends or up to PERIOD_GRACE months after (when its results are reported), and
    contradicts a meeting held before it ended or later than that; a dated meeting whose title
    names the period it reviews agrees with that period only; a whole year ("cả năm 2023"),
    as the year rule has it, also agrees with a meeting in the first quarter after it. A deadline
    ("trước quý IV/2025") is not a period the question asks about. A province agrees with a report
    whose headline names it and contradicts one whose headline names only other provinces (the
    headline before its colon: what follows is news, title_subject).
    """
    out = {"ordinal": 0.0, "kind": 0.0, "body": 0.0, "year": 0.0, "month": 0.0, "period": 0.0, "province": 0.0}
    if refs.provinces or refs.national:  # the report's headline names the province asked about, or only others
        named = gazetteer.find("province", title_subject(meta.get("title") or ""), bare=False)
        if named:
            out["province"] = 1.0 if named & refs.provinces else -1.0
    ordinal, kind = meta.get("ordinal"), meta.get("kind")
    if refs.ordinals and ordinal is not None:
        out["ordinal"] = 1.0 if ordinal in refs.ordinals else -1.0
    kinds = report_kinds(meta)
    if refs.kinds and kinds:
        out["kind"] = 1.0 if kinds & refs.kinds else -1.0
    if refs.bodies and meta.get("body") and kind != "thông báo kết luận":  # a notice's body is its issuer
        out["body"] = 1.0 if meta["body"] in refs.bodies else -1.0
    date = meta.get("date") or ""
    if refs.years and date[:4].isdigit():
        year = int(date[:4])
        reviewed = year - 1 if len(date) >= 7 and int(date[5:7]) <= 3 else None
        if reviewed in refs.years or (year in refs.years and reviewed is None):
            out["year"] = 1.0
        elif min(refs.years) > year:
            out["year"] = -1.0
    if refs.months and len(date) >= 7:
        out["month"] = 1.0 if (int(date[:4]), int(date[5:7])) in refs.months else -1.0
    reviewed = report_periods(meta) if refs.periods else frozenset()
    if reviewed and len(date) >= 7:
        # a dated meeting whose title says which period it reviews: that one, not the period its date
        # would fit ("đánh giá kết quả 7 tháng năm 2024", held in August, is not the 8 months' review)
        out["period"] = 1.0 if refs.periods & reviewed else -1.0
    elif refs.periods and len(date) >= 7:
        held = 12 * int(date[:4]) + int(date[5:7])
        out["period"] = (
            1.0 if any(0 <= held - (12 * y + last) <= _grace(first, last) for y, first, last in refs.periods) else -1.0
        )
    elif refs.periods & reviewed:  # no month: the period its title says it reviews
        out["period"] = 1.0
    return out
