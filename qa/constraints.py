"""What a question requires of any sentence that answers it, and the one-line reason when nothing does.

A question about Quảng Ninh is not answered by a national figure; one about the seventh meeting
not by the fifth's; one about 2024 not by a 2023 figure. The constraints are read from the
question: its meeting ordinal and body (qa/references.py), the provinces and cities and the
ministries it names (qa/gazetteer.py), a district, town or commune ("thành phố Nha Trang"), the
people it names after a title ("Phó Thủ tướng Trần Văn A"), and other names and acronyms
("VNeID", "FPT", "5G"). Each must be met by the quoted sentence or by its report: its metadata,
its headline, or (for a name) the passage the sentence is quoted from. Comparisons are on word
boundaries in accented form; a question typed without diacritics has its names matched in
folded form, against the report's capitalised words.

Years are checked by the answerer (a year may date the meeting or the fact; qa/answering.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from index.vietnamese import fold, has_diacritics, nfc
from qa import gazetteer, lexicon
from qa.references import (
    QUARTER_NAMES,
    References,
    fit,
    is_target,
    parse,
    report_kinds,
    time_keys,
    time_mentions,
    title_subject,
    yearless_periods,
)
from qa.scoring import ROMAN_NUMERAL, proper_names

TITLE = (  # a person's title: what precedes a name
    r"(?:đồng chí|ông|bà|Tổng Bí thư|Chủ tịch nước|Thủ tướng(?: Chính phủ)?|"
    r"Phó Thủ tướng(?: Chính phủ)?(?: Thường trực)?|Bộ trưởng|Thứ trưởng|Chủ tịch|Phó Chủ tịch|"
    r"Giám đốc|Tổng Giám đốc|Chủ nhiệm|Bí thư)"
)
# a person asked for by title: "Phó Thủ tướng nào", "Bộ trưởng nào" (a longer title first)
_TITLE_ASKED = re.compile(
    r"(?<!\w)((?i:phó thủ tướng|thủ tướng|bộ trưởng|thứ trưởng|phó chủ tịch|chủ tịch|phó giám đốc|giám đốc|"
    r"bí thư|cục trưởng))\s+nào(?!\w)"
)
# a person: two to four capitalised words right after a title ("Phó Thủ tướng Nguyễn Văn An")
_PERSON = re.compile(rf"(?<!\w){TITLE}\s+((?:[^\W\d_]+\s+){{1,3}}[^\W\d_]+)")
parse_references = parse  # cached: the same sentences and report openings are checked for every question
_BEFORE = 800  # characters before a passage that may still be speaking of the ministry it names
# two capitals or more ("VNeID", "CNTT"), or a number with capitals ("4G", "5G")
_ACRONYM = re.compile(r"(?<!\w)(?:[A-ZĐ0-9]*[A-ZĐ][A-ZĐ0-9]*[A-ZĐ][A-Za-zĐđ0-9]*|\d+[A-ZĐ]+)(?!\w)")


@dataclass(frozen=True)
class Constraint:
    """One thing the answer must be about: ``kind`` is ordinal, kind (of meeting), body, period,
    review (the period the meeting asked about reviews),
    province, place (a district, town or commune), ministry, document (its number), person,
    acronym, level ("mức độ 4"), tier ("cấp xã") or name (another capitalised name the question uses)."""

    kind: str
    value: str | int
    label: str  # how the refusal names it

    def missing(self, figure: bool = False) -> str:
        """One short Vietnamese sentence saying what the reports lack (``figure``: a figure was asked for)."""
        if self.kind == "ordinal":
            return f"Các báo cáo không có thông tin này về phiên họp thứ {self.value}."
        if self.kind in ("province", "place"):
            return f"Các báo cáo không có {'số liệu' if figure else 'thông tin'} riêng cho {self.label}."
        if self.kind == "person":
            return f"Các báo cáo không nêu thông tin này về {self.label}."
        if self.kind == "kind":
            return f"Các báo cáo không có thông tin này về {self.label}."
        if self.kind == "period":
            return f"Các báo cáo không có {'số liệu' if figure else 'thông tin'} này cho {self.label}."
        if self.kind in ("review", "day"):
            return f"Các báo cáo không có {'số liệu' if figure else 'thông tin'} này của {self.label}."
        return f"Các báo cáo không có thông tin này về {self.label}."


# A question that names no province or place asks about the country: a provincial steering
# committee's report (its metadata body) states the province's figures, not the country's.
PROVINCIAL_BODY = "Ban Chỉ đạo chuyển đổi số tỉnh"
NATIONAL = Constraint("scope", "cả nước", "cả nước")

# a kind of meeting asked about, and the kinds of report that are one
_WIDER = {"hội nghị": {"hội nghị", "hội nghị sơ kết", "hội nghị tổng kết"}}


def twins(pattern: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``pattern`` in accented form, and folded for a question typed without diacritics: folded
    alone, "số kết nối" would read as "sơ kết", "Việt Nam 2024" as "năm 2024"."""
    return re.compile(pattern, re.IGNORECASE), re.compile(fold(pattern))


_NAMES_MEETING, _NAMES_MEETING_FOLDED = twins(
    r"(?:hội nghị|sơ kết|tổng kết|đánh giá kết quả|phiên họp|cuộc họp|báo cáo|kết luận)[^,.;?]*$"
)


# the day of the meeting named just before it: "hội nghị trực tuyến của Bộ … ngày 17/11/2024", not a day
# a figure is counted to ("tính đến ngày 30/6/2024") nor a deadline ("trước ngày 15/12")
_DAYS_IN = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# what a day after such a word dates instead: a count ("tính hết ngày", "trong ngày"), a deadline, a
# document ("Nghị quyết số 57-NQ/TW ngày 22/12/2024")
_NOT_THE_MEETING = (
    r"đến|tới|trước|sau|từ|chậm nhất|hiệu lực|khởi công|hạn|hết|trong|nghị quyết|quyết định|nghị định|chỉ thị|"
    r"thông tư|công văn|kế hoạch"
)
_MEETING_DAY = re.compile(
    r"(?<!\w)(?:hội nghị|phiên họp|cuộc họp|họp|sơ kết|tổng kết|giao ban)(?!\w)"
    rf"(?:(?!(?<!\w)(?:{_NOT_THE_MEETING})(?!\w)|\d+[-/][A-ZĐ])[^,.;?()]){{0,90}}?"
    r"(?<!\w)ngày (\d{1,2})/(\d{1,2})(?:/((?:19|20)\d{2}))?(?![\d/])",
    re.IGNORECASE,
)
# folded, a bare "hop" is also "hợp" (hợp nhất) and "sau" also "sáu": only the two-word meeting names;
# "tu" is "từ" only before a day ("điện tử" folds to "dien tu"), "trong" only before "ngay" ("trọng")
_MEETING_DAY_FOLDED = re.compile(
    r"(?<!\w)(?:hoi nghi|phien hop|cuoc hop|so ket|tong ket|giao ban)(?!\w)"
    rf"(?:(?!(?<!\w)(?:{fold(_NOT_THE_MEETING).replace('|tu|', '|').replace('|trong|', '|')}"
    r"|(?<!dien )tu(?=\s+(?:ngay|\d))|trong(?=\s+ngay))(?!\w)|\d+[-/][A-Z])[^,.;?()]){0,90}?"
    r"(?<!\w)ngay (\d{1,2})/(\d{1,2})(?:/((?:19|20)\d{2}))?(?![\d/])",
    re.IGNORECASE,
)


def meeting_days(question: str, bare: bool) -> Iterator[re.Match[str]]:
    """The days ``question`` dates its meeting by: day, month and year (or None) in groups 1 to 3, at
    their offsets in ``question`` (folding keeps them)."""
    return (_MEETING_DAY_FOLDED if bare else _MEETING_DAY).finditer(fold(question) if bare else question)


# a meeting named by the period it reviews; not one that sets the tasks of a period ahead
# ("hội nghị triển khai nhiệm vụ 6 tháng cuối năm"), nor a report's own period ("Báo cáo cho biết …")
# the rest of the clause up to the period, naming no tasks set ahead or report ("triển khai nhiệm vụ …")
_REVIEWED_TAIL = r"(?![^,.;?]*(?:triển khai|nhiệm vụ|kế hoạch|phương hướng|báo cáo))[^,.;?]*$"
_REVIEWS, _REVIEWS_FOLDED = twins(
    r"(?:hội nghị|sơ kết|tổng kết|đánh giá(?: kết quả)?|kết quả|phiên họp|cuộc họp)" + _REVIEWED_TAIL
)


def _period_label(key: tuple[int, ...]) -> str:
    if len(key) == 2:
        return f"tháng {key[1]}/{key[0]}"
    year, first, last = key
    if last - first == 2 and first in QUARTER_NAMES:
        return f"quý {QUARTER_NAMES[first]}/{year}"
    if (first, last) == (1, 12):
        return f"cả năm {year}"
    if first == 1:
        return f"{last} tháng đầu năm {year}"
    return f"6 tháng cuối năm {year}" if (first, last) == (7, 12) else f"tháng {first}–{last}/{year}"


# How many months from a reviewed period's last month a meeting that reviews it may be held: from
# the month before (a review in late June of "6 tháng đầu năm") to two after. In the distractors'
# truth every such review falls in the period's last month or the next.
_REVIEW_WINDOW = (-1, 2)


# a meeting that reviews the period named next ("hội nghị sơ kết", "đánh giá kết quả"); not a bare "kết quả"
_REVIEWED_BY, _REVIEWED_BY_FOLDED = twins(r"(?:hội nghị|sơ kết|tổng kết|đánh giá(?: kết quả)?)" + _REVIEWED_TAIL)


def _reviewed_by(before: str) -> bool:
    """``before`` (the words before a period) names a meeting that reviews it."""
    if has_diacritics(before):
        return _REVIEWED_BY.search(before) is not None
    return _REVIEWED_BY_FOLDED.search(fold(before)) is not None


@lru_cache(maxsize=1024)  # a report's head, asked for each of its candidate sentences
def reviewed_periods(text: str) -> frozenset[tuple[int, ...]]:
    """The periods ``text`` names as reviewed by a meeting ("hội nghị sơ kết 6 tháng đầu năm 2024",
    "đánh giá kết quả quý I/2022"), as (year, first month, last month)."""
    text = nfc(text)
    return frozenset(
        key
        for at, key in time_mentions(text)
        if len(key) == 3 and not is_target(text, at) and _reviewed_by(text[max(0, at - 30) : at])
    )


def _reviews(key: tuple[int, ...], date: str) -> bool:
    """Can a meeting held on ``date`` (ISO, at any precision) be the review of period ``key``? A
    meeting of 16/4/2024 is not the review of "6 tháng đầu năm 2024"; one dated by its year alone
    must be held in a year the window reaches; an undated one may be it."""
    year, _, last = key
    m = re.match(r"(\d{4})(?:-(\d{2}))?", date)
    if not m:
        return True
    if not m.group(2):
        return year <= int(m.group(1)) <= year + (last + _REVIEW_WINDOW[1] > 12)
    months = (int(m.group(1)) - year) * 12 + int(m.group(2)) - last
    return _REVIEW_WINDOW[0] <= months <= _REVIEW_WINDOW[1]


def _period_met(key: tuple[int, ...], sentence: str, date: str = "") -> bool:
    """A sentence that dates its figure within the asked year must date it in the asked period or
    month ("tính đến 15/5/2022" does not answer for quý I/2022); one that does not date it is left
    to the report's date."""
    year = key[0]
    first, last = (key[1], key[1]) if len(key) == 2 else key[1:]
    keys = time_keys(sentence)
    stated = [k for k in keys if len(k) >= 2 and k[0] == year]
    if not stated and (year,) not in keys:
        # a period named without its year ("Trong quý III, …") must still be the months asked
        stated = [(year, *months) for months in yearless_periods(sentence)]
    if not stated and (year,) not in keys and len(date) >= 7 and len(key) == 3:
        # undated: the meeting must be held when the period's results are reported (qa/references.py fit)
        return fit(References(periods=frozenset({key})), {"date": date})["period"] >= 0
    if not stated or key in stated:
        return True
    if (first, last) == (1, 12):  # the whole year: a quarter's or a month's figure is not the year's
        return False
    ends = _to_date_months(sentence)
    for k in stated:
        a, b = (k[1], k[1]) if len(k) == 2 else k[1:]
        if a < b and (a, b) != (first, last) and first <= a and b <= last:
            continue  # a shorter run inside the period is another total ("hai tháng đầu năm" for quý I)
        if len(key) == 3 and first < last and (k[0], a) in ends and a != last:
            continue  # a count up to a month ("đến hết tháng 7/2024") is the total then, not at the period's end
        if (first <= a and b <= last) or (len(key) == 2 and a <= first <= b):
            return True
    return False


# a count up to a time: "đến hết tháng 7/2024", "tính đến ngày 31/7/2024", "lũy kế đến 15/5/2022"
_TO_DATE = re.compile(
    r"(?<!\w)(?:đến hết|tới hết|tính đến|tính tới|lũy kế đến|luỹ kế đến|đến cuối|đến)\s+(?:hết\s+)?"
    r"(?:ngày\s+)?(?:(?P<d>\d{1,2})\s*/\s*)?(?:tháng\s+)?(?P<m>\d{1,2})\s*/\s*(?P<y>(?:19|20)\d{2})(?!\d)",
    re.IGNORECASE,
)


def _to_date_months(sentence: str) -> set[tuple[int, int]]:
    """(year, month) of each count up to a time the sentence states."""
    return {(int(m["y"]), int(m["m"])) for m in _TO_DATE.finditer(sentence) if 1 <= int(m["m"]) <= 12}


def _event_opening(head: str) -> str:
    """The headline and first sentence of a report's opening: where it numbers its own event ("Ngày
    Chuyển đổi số quốc gia lần thứ nhất"), without "cách mạng công nghiệp lần thứ tư"."""
    lines = [line for line in head.split("\n") if line.strip()]
    first = re.split(r"(?<=[.!?])\s", lines[1], maxsplit=1)[0] if len(lines) > 1 else ""
    text = f"{lines[0] if lines else ''}\n{first}"
    return re.sub(r"cách mạng công nghiệp lần thứ \w+", " ", text, flags=re.IGNORECASE)


def _province_label(name: str) -> str:
    return f"thành phố {name}" if name in _CITIES else f"tỉnh {name}"


_CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Thừa Thiên Huế"}


# a document cited by its number ("số 12/TB-VPCP"): the notice itself is asked for
_NUMBERED_DOCUMENT = re.compile(r"(?<!\w)(?:số|so)\s+\d+\s*/", re.IGNORECASE)


def read(question: str) -> list[Constraint]:
    """The constraints ``question`` sets (NFC; a bare question is read in folded form)."""
    q = nfc(question)
    bare = not has_diacritics(q)
    refs = parse_references(q)
    out: list[Constraint] = [Constraint("ordinal", n, f"phiên họp thứ {n}") for n in sorted(refs.ordinals)]
    kinds = set(refs.kinds)
    if "thông báo kết luận" in kinds and kinds - {"thông báo kết luận"} and not _NUMBERED_DOCUMENT.search(q):
        # "Thông báo kết luận phiên họp thứ nhất …": the meeting's conclusions, which a report of the
        # meeting states as well as the notice does; the meeting's kind is the constraint
        kinds.discard("thông báo kết luận")
    out += [Constraint("kind", k, k) for k in sorted(kinds)]
    # the period a figure is asked for ("quý I/2022", "6 tháng đầu năm 2024"), not one that names
    # the meeting ("hội nghị sơ kết 6 tháng đầu năm 2024", "báo cáo tháng 7/2024"), nor a month; the
    # period that names the meeting ("cuộc họp đánh giá kết quả quý I/2022") is one it reviews, so
    # the meeting is held once it (nearly) ends
    periods, reviewed = set(), set()
    for at, key in time_mentions(q):
        if len(key) != 3 or is_target(q, at):
            continue
        before = fold(q[max(0, at - 30) : at]) if bare else q[max(0, at - 30) : at]
        if not (_NAMES_MEETING_FOLDED if bare else _NAMES_MEETING).search(before):
            periods.add(key)
        if (_REVIEWS_FOLDED if bare else _REVIEWS).search(before):
            reviewed.add(key)
    out += [Constraint("period", key, _period_label(key)) for key in sorted(periods)]
    out += [Constraint("review", key, f"cuộc họp đánh giá {_period_label(key)}") for key in sorted(reviewed)]
    # the day that dates the meeting ("hội nghị … ngày 17/11/2024", "tổng kết ngày 5/12/2025")
    for m in meeting_days(q, bare):
        day, month, year = int(m[1]), int(m[2]), int(m[3]) if m[3] else None
        if 1 <= day <= _DAYS_IN[month - 1 if 1 <= month <= 12 else 0] and 1 <= month <= 12:
            label = f"cuộc họp ngày {day}/{month}" + (f"/{year}" if year else "")
            out.append(Constraint("day", (year, month, day), label))
    out += [Constraint("body", b, b) for b in sorted(refs.bodies)]
    # "sau hợp nhất", "sau khi sáp nhập": a province as merged on 1/7/2025, so a meeting held since
    if (_AFTER_MERGER_FOLDED if bare else _AFTER_MERGER).search(q.lower()):
        out.append(Constraint("merger", MERGED_FROM, "tỉnh sau hợp nhất"))
    # "trước khi hợp nhất": the province as it was, which a meeting held before the merger states, or a
    # sentence that says it speaks of the time before it
    elif (_BEFORE_MERGER_FOLDED if bare else _BEFORE_MERGER).search(q.lower()):
        out.append(Constraint("premerger", MERGED_FROM, "tỉnh trước hợp nhất"))
    provinces = gazetteer.asked(q, bare=bare)
    # provinces that only name a regional meeting ("hội nghị của 5 tỉnh A, B, C, D, E") say which report,
    # not whose figure: the report names them
    region = gazetteer.listed(q, bare=bare) & provinces
    provinces -= region
    out += [Constraint("region", p, _province_label(p)) for p in sorted(region)]
    out += [Constraint("province", p, _province_label(p)) for p in sorted(provinces)]
    # a district, town or commune ("thành phố Nha Trang", "huyện Kỳ Sơn"): its own figure, not the province's
    read_as_place: set[str] = set()
    if not bare:
        for m in _LOCAL_PLACE.finditer(q):
            name = _place_name(m.group(2))
            kind = "thành phố" if m.group(1).lower().startswith("tp") else m.group(1).lower()
            province = gazetteer.find("province", name) if len(name.split()) >= 2 else set()
            listed = _LISTED_LEVEL.search(q[max(0, m.start() - 12) : m.start()])  # "các phường, xã Quảng Ninh"
            if kind != "thành phố" and province and not province & _CITIES and not listed:
                # a ward, commune or district named like a province ("phường Vũng Tàu", merged into
                # TP. Hồ Chí Minh): that place with its head, and not the province unless named apart
                # (a question without diacritics is not read for places: it keeps the province)
                place = Constraint("place", f"{kind} {name}", f"{kind} {name}")
                if place not in out:
                    out.append(place)
                if not _named_apart(q, m.start(2), province):
                    out[:] = [c for c in out if not (c.kind == "province" and c.value in province)]
                read_as_place.add(name)
                continue
            if len(name.split()) >= 2 and _names_town_of(q, m.start(2), name):
                # the town its province is named after ("thành phố Vũng Tàu" beside "Bà Rịa - Vũng
                # Tàu"): the town's own figure, so its head is part of its name (met: TOWN)
                out.append(Constraint("place", f"{TOWN}{name}", f"thành phố {name}"))
                if kind != m.group(1).lower():
                    read_as_place.add(m.group(1))  # "TP" is the town's head, not an acronym
                continue
            if name and not gazetteer.find("province", name):
                out.append(Constraint("place", name, f"{kind} {name}"))
                # the province right after it ("TP Tuy Hòa (Phú Yên)", "huyện Kỳ Sơn, tỉnh Nghệ An")
                # says where the place is: the place's report need not name it
                after = q[m.start(2) + len(name) : m.start(2) + len(name) + 40]
                # set apart from another place ("So với thành phố Bảo Lộc, tỉnh Lâm Đồng có …"), a
                # province after it is asked about in its own right
                apart = re.search(r"(?:so với|ngoài|khác|trừ|cùng)\s*$", q[max(0, m.start() - 12) : m.start()], re.I)
                for c in [c for c in out if c.kind == "province" and q.count(str(c.value)) == 1]:
                    head = r"(?:(tỉnh|thành phố|tp\.?)\s+)?"
                    located = re.match(rf"\s*\(\s*{head}{re.escape(str(c.value))}\s*\)", after, re.I) or re.match(
                        rf"\s*,?\s*{head}{re.escape(str(c.value))}(?!\w)", after, re.I
                    )
                    if located and not (apart and after.lstrip().startswith(",")):
                        out.remove(c)
                        read_as_place.add(str(c.value))
                        if located.group(1) and located.group(1).lower().startswith("tp"):
                            read_as_place.add(located.group(1))  # "(TP Hồ Chí Minh)": no acronym either
                if kind != m.group(1).lower():
                    read_as_place.add(m.group(1))  # "TP" is the place's head, not an acronym
    else:
        # typed without diacritics, a place is still read by its capitals ("xa Meo Vac tinh Tuyen
        # Quang"): its own figure, and a province right after it only says where it is
        for m in _LOCAL_PLACE_FOLDED.finditer(q):
            name = _place_name(m.group(2), bare=True)
            if len(name.split()) < 2 or gazetteer.find("province", name, bare=True):
                continue
            out.append(Constraint("place", name, f"{m.group(1).lower()} {name}"))
            after = q[m.start(2) + len(name) : m.start(2) + len(name) + 40]
            for c in [c for c in out if c.kind == "province"]:
                folded = re.escape(fold(str(c.value)))
                if re.match(rf"\s*[,(]?\s*(?:(?:tinh|thanh pho|tp\.?)\s+)?{folded}(?!\w)", after, re.I):
                    out.remove(c)
    # the title of the person asked for ("Phó Thủ tướng nào …?"): the one who answers holds it
    if not bare:
        out += [Constraint("title", m.group(1), m.group(1)) for m in _TITLE_ASKED.finditer(q)]
    ministries = gazetteer.find("ministry", q, bare=bare)
    out += [Constraint("ministry", m, m) for m in sorted(ministries)]
    # a document's number ("Thông báo kết luận số 158/TB-VPCP", "Nghị định 52/2013/NĐ-CP"): the
    # report that concludes or cites it, not another notice's same words
    out += [Constraint("document", m.group(0), f"văn bản số {m.group(0)}") for m in _DOCUMENT.finditer(q)]
    # a programme or act named by its number ("Đề án 06", "Nghị quyết 57"): the report must name it
    for m in (_SCHEME_FOLDED if bare else _SCHEME).finditer(fold(q) if bare else q):
        named = f"{q[m.start(1) : m.end(1)]} {int(m.group(2)):02d}"
        if all(c.value != named for c in out):
            out.append(Constraint("scheme", named, named))
    # a numbered level ("tài khoản định danh điện tử mức độ 1", "cấp độ 3"): not another level's figure
    out += [Constraint("level", _level(m), m.group(0).lower()) for m in _LEVEL.finditer(fold(q) if bare else q)]
    # a tier of government a figure is asked for ("ở cấp xã"): not another tier's figure
    out += [Constraint("tier", t, f"cấp {_TIER_NAMES.get(t, t)}") for t in sorted(_tiers(q, bare))]
    # a thing numbered by its label ("lớp 1", "khu vực II", "giai đoạn 2"): not another one's figure;
    # where the question names places, read in the part of the sentence that names them
    where = tuple(str(c.value) for c in out if c.kind in ("province", "place"))
    labelled = list(_label_matches(q, bare))
    for noun, numbers in sorted(_labels(q, bare).items()):
        named = ", ".join(m.group(0) for m in labelled if m.group(1).lower() == noun)
        out.append(Constraint("label", (noun, tuple(sorted(numbers)), where), named))
    covered = " ".join([*provinces, *ministries, *refs.bodies])
    # without capitals a name cannot be told from the words around it
    people = set() if bare else {_capitalised_run(m.group(1)) for m in _PERSON.finditer(q)}
    # a person's name is written in title case: "UBND TP" after "Chủ tịch" is an office, not a name
    people = {p for p in people if len(p.split()) >= 2 and not any(w.isupper() and len(w) > 1 for w in p.split())}
    for person in sorted(people):
        if fold(person) not in fold(covered):
            out.append(Constraint("person", person, person))
    if not bare:
        read_values = lambda: [*(str(c.value) for c in out if c.kind != "label"), *read_as_place]  # noqa: E731
        named = " ".join(read_values())
        # an acronym inside everyday words the reports write otherwise ("thẻ ATM" for "tài khoản ngân
        # hàng", qa/lexicon.py) names what is asked in those words, not a thing the report must name
        # (an abbreviation alone, "CNTT", is still one, as is "ATM" of "máy ATM" beside "thẻ ATM")
        everyday = lexicon.asked_spans(q)
        for m in _ACRONYM.finditer(q):
            acronym = m.group(0)
            if (
                not acronym.isdigit()
                and not ROMAN_NUMERAL.match(acronym)
                and acronym not in named
                and not any(a <= m.start() and m.end() <= b for a, b in everyday)
            ):
                out.append(Constraint("acronym", acronym, acronym))
        named = fold(" ".join(read_values()))
        masked = q  # names already read split the capitalised runs around them
        for value in read_values():
            # on word boundaries: the acronym "AI" is not the end of "Sao Mai"
            masked = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", " , ", masked, flags=re.IGNORECASE)
        for name in proper_names(masked, skip_first=True):
            if fold(name) not in named and not _GENERIC.match(name):
                out.append(Constraint("name", name, name))
    return out


# capitalised runs that are titles or generic heads, not names: "Phó Thủ tướng", "Ủy ban Quốc gia"
_GENERIC = re.compile(r"^(?:Phó |Thủ |Bộ trưởng|Chủ tịch|Ủy ban|Ban Chỉ|Tổ công|Chính phủ|Nhà nước)", re.IGNORECASE)


# number/[year/]type-issuer, as Vietnamese documents are numbered
_DOCUMENT = re.compile(
    r"(?<![\w/])\d{1,5}/(?:(?:19|20)\d{2}/)?[A-ZĐ]{1,6}(?:[-–][A-ZĐ0-9]{1,10})+(?![\w/-])", re.IGNORECASE
)
# a programme, resolution or act named by its number, not a year nor a document's full number ("Đề án 06",
# "Nghị quyết 57", "Quyết định 749"; not "Nghị quyết 202/2025/QH15", whose number a slash continues)
SCHEME_HEADS = r"Đề án|Nghị quyết|Chỉ thị|Chương trình|Quyết định|Nghị định|Thông tư"
_SCHEME = re.compile(rf"(?<!\w)({SCHEME_HEADS})\s+(?:số\s+)?(?!(?:19|20)\d\d(?!\d))(\d{{1,4}})(?![\d/])", re.IGNORECASE)
_SCHEME_FOLDED = re.compile(fold(_SCHEME.pattern), re.IGNORECASE)


def _names_place(value: str, text: str, bare: bool) -> bool:
    """Does ``text`` name the place ("huyện Hương Khê"; a town as "thành phố Vũng Tàu", "TP Vũng Tàu")?"""
    if value.startswith(TOWN):
        name = re.escape(value[len(TOWN) :])
        return re.search(rf"(?<!\w){_TOWN_HEAD}{name}(?!\w)", text, re.IGNORECASE) is not None
    return _says(text, value, bare=bare)


# a figure: digits that are not a year alone
# (nor a day: "ngày 22/8")
_FIGURE = re.compile(r"(?<![\d.,/])(?!(?:19|20)\d{2}(?!\d|[.,]\d))(?!\d{1,2}/\d)\d+(?:[.,]\d+)*(?!/)")


# a total over several places ("Bốn huyện Phong Điền, Cờ Đỏ, Thới Lai và Vĩnh Thạnh ghi nhận tổng cộng
# 1.770 trường hợp"): a figure of all of them, not of one
_LIST_SEPARATOR = re.compile(r",\s*(?:và\s+|va\s+)?|\s+(?:và|va)\s+")


def _capitalised(words: list[str]) -> bool:
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def _summed(place: str, part: str, bare: bool = False) -> bool:
    """Is ``place`` one of a list of three names or more ("A, B và C") that ``part`` then gives one
    total for ("… ghi nhận tổng cộng 1.770")?"""
    total = gazetteer.TOTAL_WORDS.search(part)
    if not total:
        return False
    pieces = _LIST_SEPARATOR.split(part[: total.start()])
    if len(pieces) < 3:
        return False
    # the names: the first piece's last capitalised words, the last piece's first ones, whole ones between
    names: list[str] = []
    for i, piece in enumerate(pieces):
        words = piece.split()
        if i == 0:
            k = len(words)
            while k > 0 and words[k - 1][:1].isupper():
                k -= 1
            words = words[k:]
        elif i == len(pieces) - 1:
            k = 0
            while k < len(words) and words[k][:1].isupper():
                k += 1
            words = words[:k]
        names.append(" ".join(words) if _capitalised(words) else "")
    key = fold if bare else (lambda t: t.casefold())
    wanted = key(place.removeprefix(TOWN))
    # the place among three names or more listed one after another, the last of them just before the total
    run: list[str] = []
    for name in names:
        run = [*run, name] if name else []
    return len(run) >= 3 and any(key(n) == wanted for n in run)


@lru_cache(maxsize=1024)  # as _says: one report's text, asked for each of its candidate sentences
def _names_scheme(value: str, text: str, bare: bool = False) -> bool:
    """``text`` names the programme or act ``value`` ("Đề án 06"): its head and number, the number
    with or without its leading zeros ("Đề án 06/CP", "Đề án số 6"); in accented form, folded for a
    question typed without diacritics (``bare``)."""
    head, number = value.rsplit(" ", 1)
    form = fold if bare else nfc
    words = r"\s+".join(map(re.escape, form(head).split()))
    pattern = rf"(?<!\w){words}\s+(?:{form('số')}\s+)?0*{int(number)}(?!\d)"
    return re.search(pattern, form(text), re.IGNORECASE) is not None


# "mức độ 2" is also written "mức 2" (not "mức 5%", "mức 2 triệu đồng", "mức 3 lần")
# a tier of government: "cấp xã", "cấp tỉnh", "cap bo"
_TIER = re.compile(r"(?<!\w)(?:cấp|cap)\s+(xã|huyện|tỉnh|bộ|xa|huyen|tinh|bo)(?!\w)", re.IGNORECASE)
_TIER_NAMES = {"xa": "xã", "huyen": "huyện", "tinh": "tỉnh", "bo": "bộ"}


def _tiers(text: str, bare: bool) -> set[str]:
    """The tiers of government ``text`` names ("xã", "tỉnh"; folded, "xa", for a bare question)."""
    return {m[1].lower() for m in _TIER.finditer(fold(text) if bare else nfc(text))}


# the nouns Vietnamese numbers things by ("lớp 1", "khu vực II", "giai đoạn 2", "đợt 3", "hạng I",
# "học kỳ I", "cụm 4"): a label, not a count ("2 lớp"), nor a figure after it ("lớp 1 đạt 97%" reads "1")
_LABEL_NOUNS = "lớp|khu vực|giai đoạn|đợt|hạng|học kỳ|cụm"
# a count after the noun is no label: "cụm 5 xã", "khu vực 3 xã biên giới"
_COUNTED = (
    r"(?!\s+(?:xã|huyện|tỉnh|phường|ngày|tháng|năm|hộ|người|trường|đơn vị|cơ sở"
    r"|xa|huyen|tinh|phuong|ngay|thang|nam|ho|nguoi|truong|don vi|co so)(?!\w))"
)
_LABEL_NUMBER = rf"(?:\d{{1,2}}|[IVX]{{1,5}})(?![\w/]|[.,]\d|\s*%){_COUNTED}"
# the noun and its numbers: "khu vực II", "đợt 1, 2 và 3"
_LABEL_AT, _LABEL_AT_FOLDED = (
    re.compile(rf"(?<!\w)(?i:({nouns}))\s+({_LABEL_NUMBER}(?:\s*(?:,|và|va)\s*{_LABEL_NUMBER})*)")
    for nouns in (_LABEL_NOUNS, fold(_LABEL_NOUNS))
)
_ROMAN = {"I": 1, "V": 5, "X": 10}


def _label_number(text: str) -> int:
    """ "II" and "2" are one label's number."""
    if text.isdigit():
        return int(text)
    values = [_ROMAN[c] for c in text.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _unaccented(text: str) -> str:
    """``text`` without its accents, in its own case (a Roman numeral stays in capitals)."""
    return "".join(f.upper() if c.isupper() else f for c, f in zip(text, fold(text)))


def _label_matches(text: str, bare: bool) -> Iterator[re.Match[str]]:
    """Each noun with its numbers that ``text`` states (unaccented when ``bare``)."""
    return (_LABEL_AT_FOLDED if bare else _LABEL_AT).finditer(_unaccented(nfc(text)) if bare else nfc(text))


@lru_cache(maxsize=512)  # a report's whole text is read for each of its candidate sentences
def _labels(text: str, bare: bool) -> dict[str, frozenset[int]]:
    """The numbered labels ``text`` states, by noun (folded when ``bare``): {"khu vực": {2}}."""
    found: dict[str, set[int]] = {}
    for m in _label_matches(text, bare):
        numbers = re.findall(r"\d{1,2}|[IVX]{1,5}", m.group(2))
        found.setdefault(m.group(1).lower(), set()).update(_label_number(n) for n in numbers)
    return {noun: frozenset(numbers) for noun, numbers in found.items()}


_LEVEL = re.compile(
    r"(?<!\w)(?:mức(?: độ)?|cấp độ|muc(?: do)?|cap do)\s+(\d)"
    r"(?!\d|[.,]\d|\s*%|\s*(?:triệu|tỷ|tỉ|nghìn|ngàn|trăm|đồng|usd|lần|trieu|ty|ti|nghin|ngan|tram|dong|lan)(?!\w))",
    re.IGNORECASE,
)


def _level(m: re.Match[str]) -> str:
    """A level's key, however it is written: "mức độ 2" and "mức 2" are "mức 2"; "cấp độ 3" is "cấp độ 3"."""
    return ("cấp độ " if fold(m.group(0)).lower().startswith("cap") else "mức ") + m.group(1)


# a level of government ("cấp huyện", "các xã") is not a place
LOCAL_HEADS = r"thành phố|thị xã|thị trấn|huyện|quận|xã|phường|đặc khu"  # "đặc khu": a special zone (2025)
# (nor is the "xã" of "hợp tác xã", a cooperative: "hợp tác xã Tây Nguyên" are the region's cooperatives,
# nor that of "Thông tấn xã Việt Nam", the news agency)
_LOCAL_PLACE = re.compile(
    rf"(?<!\w)(?<!(?i:cấp) )(?<!(?i:các) )(?<!(?i:hợp tác) )(?<!(?i:thông tấn) )"
    rf"((?i:{LOCAL_HEADS})|TP\.?)\s+(?!(?i:hội)(?!\w))((?:[^\W\d_]+\s*){{2,5}})"
)
_LOCAL_PLACE_FOLDED = re.compile(
    rf"(?<!\w)(?<!(?i:cap) )(?<!(?i:cac) )(?<!(?i:hop tac) )(?<!(?i:thong tan) )"
    rf"((?i:{fold(LOCAL_HEADS)})|TP\.?)\s+(?!(?i:hoi)(?!\w))((?:[^\W\d_]+\s*){{2,5}})"
)
# a level named in a list before it: "các phường, xã Quảng Ninh" are the levels of a province
_LISTED_LEVEL = re.compile(rf"(?:{LOCAL_HEADS})\s*(?:,|và|hoặc)\s*$", re.IGNORECASE)
# words that start something else after a place's name: a body, a province, a ministry
_NOT_PLACE = {"Bộ", "Sở", "Ban", "Ủy", "UBND", "Đề", "Tổ", "Công", "Cục", "Chính", "Tỉnh", "Thành", "Trung"}
# folded, only the words no place name shares ("Thanh", "Trung", "Tịnh", "Bản" are in many)
_NOT_PLACE_FOLDED = {"ubnd", "bo", "so", "uy", "cuc"}


# the head of a town named like its province (a place's value), as reports write it
TOWN = "thành phố "
_TOWN_HEAD = r"(?:thành phố|tp\.?)\s*"


def _names_town_of(q: str, at: int, name: str) -> bool:
    """Is ``name`` (at ``at`` in ``q``, after a town's head) a province's short name, while ``q``
    names the province elsewhere in a longer form ("Bà Rịa - Vũng Tàu"): the town the province is
    named after? A city that is itself a province ("thành phố Đà Nẵng … Đà Nẵng") is not such a town."""
    province = gazetteer.find("province", name)
    if not province or province & _CITIES:
        return False
    return _named_apart(q, at, province, longer_than=len(name))


def _named_apart(q: str, at: int, province: set[str], longer_than: int = 0) -> bool:
    """Does ``q`` name ``province`` elsewhere than at ``at`` (in a form longer than ``longer_than``),
    not as the name of a ward, commune or town ("phường Vũng Tàu" twice is no province)?"""
    places = {m.start(2) for m in _LOCAL_PLACE.finditer(q)}
    return any(
        not (a <= at < b)
        and a not in places
        and len(q[a:b]) > longer_than
        and gazetteer.find("province", q[a:b]) == province
        for a, b in gazetteer.spans("province", q)
    )


def _place_name(words: str, *, bare: bool = False) -> str:
    """A place's capitalised name, two or three words, ended by a word that starts a body or a
    province ("thành phố Nha Trang Khánh Hòa" -> "Nha Trang"); ``bare``: typed without diacritics."""
    split = words.split()
    run: list[str] = []
    stops = _NOT_PLACE_FOLDED if bare else _NOT_PLACE
    ended_by_lower = True  # the name ends before a word in lower case (or at the text's end)
    for i, w in enumerate(split):
        if not w[0].isupper() or (fold(w) if bare else w) in stops:
            ended_by_lower = not w[0].isupper()
            break
        ahead = " ".join(split[i : i + 3])
        if len(run) >= 2 and any(
            a == 0 for a, _ in gazetteer.spans("province", fold(ahead) if bare else ahead, bare=bare)
        ):
            break  # the province it is in follows
        if len(run) == 3:
            # typed without accents, four capitalised words are a place and the one it lies in ("xa Tan Lap
            # Dong Phu"); accented, the fourth may be the name's own ("phường Bình Hưng Hòa A")
            return " ".join(run[:2]) if bare else " ".join(run)
        run.append(w)
    # a name of one word ("huyện Đakrông") only where a word in lower case follows: not the first word of
    # a longer name cut by a stop ("Núi" of "Núi Thành"), nor an abbreviation in capitals ("xã NTM")
    if len(run) == 1 and (not ended_by_lower or run[0].isupper()):
        return ""
    return " ".join(run)


def _capitalised_run(words: str) -> str:
    run = []
    for w in words.split():
        if not w[0].isupper():
            break
        run.append(w)
    return " ".join(run)


@lru_cache(maxsize=4096)  # a report's whole text is asked again for every candidate sentence of it
def _says(text: str, value: str, *, bare: bool) -> bool:
    """``text`` (a report's, accented) names ``value`` on word boundaries; folded when ``bare``."""
    if bare:
        return re.search(rf"(?<!\w){re.escape(fold(value))}(?!\w)", fold(text)) is not None
    return re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text, re.IGNORECASE) is not None


# the constraints met() checks without the report's whole text (sentence, passage, metadata, head)
_WITHOUT_REPORT = frozenset(
    {
        "period",
        "review",
        "day",
        "kind",
        "ordinal",
        "body",
        "province",
        "region",
        "place",
        "person",
        "level",
        "tier",
        "title",
        "merger",
        "premerger",
    }
)


def reads_report(c: Constraint) -> bool:
    """Whether met() needs the report's whole text for ``c`` (a ministry, an acronym, a name, a
    numbered unit that neither its sentence nor its passage numbers)."""
    return c.kind not in _WITHOUT_REPORT


# the provinces merged on 1 July 2025 (Nghị quyết 202/2025/QH15): a meeting "after the merger" is held since
MERGED_FROM = "2025-07"
_AFTER_MERGER = re.compile(r"(?<!\w)sau\s+(?:khi\s+)?(?:hợp nhất|sáp nhập)(?!\w)")
_AFTER_MERGER_FOLDED = re.compile(fold(_AFTER_MERGER.pattern))
_BEFORE_MERGER = re.compile(r"(?<!\w)trước\s+(?:khi\s+)?(?:hợp nhất|sáp nhập)(?!\w)", re.IGNORECASE)
_BEFORE_MERGER_FOLDED = re.compile(fold(_BEFORE_MERGER.pattern))


def _held_since(date: str, since: str) -> bool | None:
    """Was a meeting of ``date`` ("2025-08-14", "2025-08", "2025") held in or after the month ``since``
    ("2025-07")? None when there is no date or it does not tell (the year alone of that month)."""
    if not date or (date == since[: len(date)] and len(date) < len(since)):
        return None
    return date[: len(since)] >= since[: len(date)]


def met(
    c: Constraint,
    sentence: str,
    passage: str,
    meta: dict,
    head: str,
    report: str,
    *,
    bare: bool = False,
    figure: bool = False,
    answer: str = "",
) -> bool:
    """Is constraint ``c`` met by the quoted ``sentence``, its ``passage``, its report's metadata,
    the report's ``head`` (headline and opening) or, for a name or acronym, the ``report``'s text?
    ``figure``: the question asks for a figure; ``answer``: the part of the sentence quoted, where
    it is a clause."""
    if c.kind in ("merger", "premerger"):  # by the report's date; one without a telling date is not ruled out
        since = _held_since(str(meta.get("date") or ""), str(c.value))
        if c.kind == "merger":
            return since is not False
        # the reverse, or a sentence that speaks of the time before the merger
        return since is not True or bool(_BEFORE_MERGER.search(sentence))
    if c.kind == "day":  # the report's meeting date, or where it has no day, its passage's day
        year, month, day = c.value
        date = str(meta.get("date") or "")
        if year and date[:4].isdigit() and int(date[:4]) != year:
            return False
        if len(date) >= 7 and int(date[5:7]) != month:
            return False
        if len(date) == 10:
            return (int(date[5:7]), int(date[8:10])) == (month, day)
        return bool(re.search(rf"(?<![\d/]){day}/0?{month}(?![\d])|(?<![\d/])0{day}/0?{month}(?![\d])", passage))
    if c.kind == "period":
        return _period_met(tuple(c.value), sentence, meta.get("date") or "")
    if c.kind == "review":
        # a report whose headline or opening names the period it reviews reviews that one ("đánh
        # giá kết quả 10 tháng năm 2025" is not the review of quý III/2025, held in the same weeks)
        year, _, last = c.value
        stated = reviewed_periods(head)
        if stated and not any((k[0], k[2]) == (year, last) for k in stated):
            return False
        return _reviews(tuple(c.value), meta.get("date") or "")
    if c.kind == "kind":
        kinds = report_kinds(meta) | parse_references(head).kinds | parse_references(sentence).kinds
        return not meta.get("kind") or bool(_WIDER.get(str(c.value), {c.value}) & kinds)
    if c.kind == "ordinal":
        if meta.get("ordinal") == c.value:
            return True
        # a report whose meeting has no number may number its event in its opening ("lần thứ nhất")
        return c.value in parse_references(sentence).ordinals or (
            meta.get("ordinal") is None and c.value in parse_references(_event_opening(head)).ordinals
        )
    if c.kind == "body":
        if meta.get("body") == c.value or c.value in parse_references(sentence).bodies:
            return True
        # a notice's body is its issuer; the meeting it concludes is named in its headline
        return (not meta.get("body") or meta.get("kind") == "thông báo kết luận") and c.value in parse_references(
            head
        ).bodies
    if c.kind == "region":  # one of the provinces that name a regional meeting: its report names it
        return bool(gazetteer.names_in("province", f"{meta.get('title') or ''}\n{head}\n{passage}", {str(c.value)}))
    if c.kind == "province":
        # the sentence itself, or the report's title: a national figure in a report a province
        # published (its opening names the province's delegates) is not the province's figure
        title = title_subject(meta.get("title") or "")
        # (several provinces holding it together, "… phối hợp với UBND tỉnh A, UBND tỉnh B tổ chức
        # hội nghị", make it none's: each one's figure is its own sentence's)
        held = holders(head)
        if gazetteer.names_in(c.kind, title, {str(c.value)}) or (str(c.value) in held and len(held) == 1):
            return True
        if not gazetteer.names_in(c.kind, sentence, {str(c.value)}):
            return False
        # a figure asked of the province, quoted from a clause of a sentence that gives several provinces
        # theirs ("Hà Nội có 97,4% …; Thành phố Hồ Chí Minh đạt 98,1% …"): the clause names it
        if figure and answer and answer != sentence and len(gazetteer.find(c.kind, sentence, bare=False)) > 1:
            return bool(gazetteer.names_in(c.kind, answer, {str(c.value)})) and not gazetteer.in_total(
                answer, str(c.value)
            )
        # nor the total of a list of provinces it is one of ("doanh thu của 5 tỉnh A, B, C, D và E đạt …")
        return not (figure and gazetteer.in_total(answer or sentence, str(c.value)))
    if c.kind == "title":  # a person named with the title asked for: "Phó Thủ tướng Trần Văn An"
        title = r"\s+".join(map(re.escape, str(c.value).split()))
        held = rf"(?<!\w)(?<!Phó )(?<!phó )(?i:{title})(?:\s+(?i:Chính phủ|Thường trực))*\s+[A-ZĐ][^\W\d_]*\s+[A-ZĐ]"
        return re.search(held, sentence) is not None
    if c.kind == "level":  # a sentence that states levels must state the one asked
        stated = {_level(m) for m in _LEVEL.finditer(fold(sentence) if bare else sentence)}
        return not stated or str(c.value) in stated
    if c.kind == "tier":  # a sentence that states tiers ("63,8% ở cấp bộ và 58,1% ở cấp tỉnh") must state the one asked
        stated = _tiers(sentence, bare)
        return not stated or str(c.value) in stated
    if c.kind == "label":  # a sentence that numbers the thing asked must number the one asked
        noun, numbers, where = c.value
        parts = (answer or sentence).split(";") if figure else [sentence]
        named = [p for p in parts if any(_names_place(w, p, bare) or _says(p, w, bare=bare) for w in where)]
        stated = set().union(*(_labels(p, bare).get(noun, set()) for p in named or parts))
        # a sentence that numbers none: its passage does, if it numbers any (the figures of "khu vực I"
        # and "khu vực III" side by side do not give "khu vực II"'s)
        stated = stated or _labels(passage, bare).get(noun, set())
        # nor its passage: the report, when it numbers others but never the one asked ("khu vực I, II,
        # VI" without "khu vực III"), says nothing of it ("20 Chi cục Thuế khu vực" is not its count)
        stated = stated or _labels(report, bare).get(noun, set())
        return not stated or bool(stated & set(numbers))
    if c.kind == "place":  # like a province: the sentence itself, the report's title or who holds it names it
        if _names_place(str(c.value), f"{title_subject(meta.get('title') or '')}\n" + "\n".join(holding(head)), bare):
            return True  # the whole report is the place's
        # a figure asked of the place is stated in the part of the sentence that names it: not "Tỷ lệ … của
        # tỉnh đạt 47,2%; huyện miền núi Hương Khê còn thấp nhất" for the district's rate
        parts = (answer or sentence).split(";") if figure else [sentence]
        return any(
            _names_place(str(c.value), p, bare)
            and (not figure or (_FIGURE.search(p) and not _summed(str(c.value), p, bare)))
            for p in parts
        )
    if c.kind == "ministry":  # "Bộ đã kết nối ..." continues what came before about the ministry
        # another ministry's or agency's own meeting, the one asked about among those attending:
        # only a sentence that names it speaks of it
        held = ministry_holders(head)
        # a figure of another ministry's team at a ministry's own conference ("đội Bộ Tài chính đạt …"
        # at the police ministry's review): its own sentence; its speakers may go unnamed otherwise.
        # A ministry that holds the meeting with another's unit ("Bộ Giao thông vận tải phối hợp với
        # Cục Cảnh sát giao thông (Bộ Công an) tổ chức hội nghị") holds it as well
        held = held | (ministry_hosts(head) if figure or held else frozenset())
        if held and str(c.value) not in held:
            return bool(gazetteer.names_in(c.kind, sentence, {str(c.value)}))
        at = report.find(passage)
        before = report[max(0, at - _BEFORE) : at] if at > 0 else ""
        where = f"{meta.get('title') or ''}\n{head}\n{before}\n{passage}"
        return bool(gazetteer.names_in(c.kind, where, {str(c.value)}))
    if c.kind == "person":
        # the surname may be left out further on ("Phó Thủ tướng Văn An"): the given names must be there
        given = " ".join(str(c.value).split()[1:]) or str(c.value)
        # the headline or opening that names the chair or the signer in full: the whole report is theirs
        return _says(f"{sentence}\n{passage}", given, bare=bare) or _says(
            f"{meta.get('title') or ''}\n{head}", str(c.value), bare=bare
        )
    # a name or acronym: on word boundaries, an acronym in its case ("AI" is not in "hai")
    if c.kind == "acronym":
        named = str(c.value)
        return (
            re.search(rf"(?<!\w){re.escape(named)}(?!\w)", report) is not None
            or _spelled_out(named, report)
            or any(_says(report, words, bare=False) for words in PLATFORM_NAMES.get(named, ()))
        )
    if c.kind == "document":
        return _names_document(str(c.value), report)
    if c.kind == "scheme":
        return _names_scheme(str(c.value), report, bare)
    return _says(report, str(c.value), bare=bare)


@lru_cache(maxsize=1024)  # as _says: one report's text, asked for each of its candidate sentences
def _names_document(number: str, text: str) -> bool:
    """``text`` names the document ``number`` on its boundaries: "ND-CP" typed for "NĐ-CP", in any
    case, with any dash."""
    key = lambda t: fold(t).upper().replace("–", "-")  # noqa: E731
    return re.search(rf"(?<![\w/]){re.escape(key(number))}(?![\w/])", key(text)) is not None


# a national platform people name by its app, which reports name by what it holds: the e-identity
# app VNeID is "(tài khoản) định danh điện tử"; an English acronym that reports write out in
# Vietnamese: "AI" is "trí tuệ nhân tạo"
PLATFORM_NAMES: dict[str, tuple[str, ...]] = {"VNeID": ("định danh điện tử",), "AI": ("trí tuệ nhân tạo",)}


@lru_cache(maxsize=1024)  # as _says: one report's text, asked for each of its candidate sentences
def _spelled_out(acronym: str, text: str) -> bool:
    """The words an acronym abbreviates are in ``text``: "CNTT" in "công nghệ thông tin"."""
    letters = fold(acronym)
    if not letters.isalpha() or not 2 <= len(letters) <= 8:
        return False
    words = r"\s+".join(rf"{re.escape(ch)}[^\W\d_]*" for ch in letters)
    return re.search(rf"(?<!\w){words}(?!\w)", fold(text)) is not None


# Who holds the report's meeting or issues its document, where its opening names them with their
# province: "Ban Chỉ đạo chuyển đổi số tỉnh Hà Nam tổ chức phiên họp …", "UBND xã Mèo Vạc, tỉnh
# Tuyên Quang tổ chức hội nghị …", a document's issuer "UBND TỈNH HÀ NAM". Not a province's
# delegates at another's meeting ("Chủ tịch UBND tỉnh … chủ trì điểm cầu tỉnh").
_HOLDER = re.compile(
    # not the chair of a body or the head of a department, who may attend or chair another's meeting
    r"(?<!Chủ tịch )(?<!Chủ tịch Thường trực )(?<!Giám đốc )(?<!Cục trưởng )(?<!Chi cục trưởng )"
    r"(?:UBND|Ủy ban nhân dân|Ban Chỉ đạo|Tổ công tác|HĐND|Hội đồng nhân dân|Tỉnh ủy|Thành ủy|Đảng ủy|"
    # a province's own departments and agencies: "Cục Thuế tỉnh …", "Sở Y tế tỉnh …", "Bảo hiểm xã hội (BHXH) tỉnh …"
    r"Sở|Cục|Chi cục|Bảo hiểm xã hội|BHXH|Công an|Kho bạc Nhà nước|Ngân hàng Nhà nước)(?!\w)"
    r"(?:[^.;:\n]{0,120}?(?:tổ chức|họp|chủ trì)\s+(?:trực tuyến\s+)?(?:phiên|hội nghị|cuộc họp|buổi)"
    # or meets itself, its name then "họp": "Tổ công tác … thành phố Đà Nẵng họp đánh giá kết quả …"; not
    # one who attends or joins ("dự họp", "tham gia họp", "cùng họp", "làm việc với …, sau đó họp", "… và
    # chủ trì họp"), nor a press conference
    r"|(?:(?!\s(?:dự|tham|cùng|với|làm|sau|và|chủ)(?!\w))[^.;:,\n]){0,80}?\shọp(?! báo)(?!\w))",
)
# the issuer line index/cleaning.py writes: "ỦY BAN NHÂN DÂN. TỈNH AN GIANG. Số: …", up to the number
# (or a party committee's: "TỈNH ỦY QUẢNG NINH. Số 1452-TB/TU. …")
_ISSUER = re.compile(
    r"^(?:UBND|ỦY BAN NHÂN DÂN|BAN CHỈ ĐẠO|TỔ CÔNG TÁC|SỞ|TỈNH ỦY|THÀNH ỦY)\b(?:(?!Số\s*:?\s*\d)[^\n]){0,120}"
)


@lru_cache(maxsize=1024)  # a report's head, asked for each of its candidate sentences
def _held_by(head: str) -> tuple[str, ...]:
    """The words of a report's opening that say whose body holds its meeting (_HOLDER)."""
    head = head.replace("Uỷ", "Ủy").replace("UỶ", "ỦY")  # the older placement of the tone mark
    return tuple(m.group(0) for m in _HOLDER.finditer(head))


@lru_cache(maxsize=1024)
def holding(head: str) -> tuple[str, ...]:
    """The words of a report's opening that say who holds its meeting or issues it (_HOLDER, _ISSUER)."""
    head = head.replace("Uỷ", "Ủy").replace("UỶ", "ỦY")
    found = [*_held_by(head), *(m.group(0) for line in head.split("\n") if (m := _ISSUER.match(line.strip())))]
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=1024)
def holders(head: str) -> frozenset[str]:
    """The provinces whose bodies hold the meeting or issue the document of a report's opening."""
    return frozenset(p for text in holding(head) for p in gazetteer.find("province", text, bare=False))


@lru_cache(maxsize=1024)
def ministry_holders(head: str) -> frozenset[str]:
    """The ministries and national agencies whose own bodies hold the meeting of a report's opening
    ("Ban Chỉ đạo chuyển đổi số Bộ Tài chính họp phiên thứ tư"), not those attending it."""
    return frozenset(m for text in _held_by(head) for m in gazetteer.find("ministry", text, bare=False))


@lru_cache(maxsize=1024)
def ministry_hosts(head: str) -> frozenset[str]:
    """The ministries that hold their own conference in a report's opening ("Bộ Công an tổ chức hội
    nghị tổng kết …"), where other ministries' and agencies' teams or units give their figures; not
    those attending ("lãnh đạo Bộ Tài chính dự họp") nor a minister chairing a session."""
    out = set()
    for m in gazetteer.ministry_mentions(head):
        if _HOSTS_AFTER.match(head, m.end()) and not _NOT_HOST_BEFORE.search(head[max(0, m.start() - 20) : m.start()]):
            out.add(gazetteer.canonical_ministry(m.group(0)))
    return frozenset(out)


# what follows a ministry's name that holds the meeting: "(…) tổ chức hội nghị", "chủ trì hội nghị",
# "phối hợp với Cục Cảnh sát giao thông (Bộ Công an) tổ chức hội nghị"
_HOSTS_AFTER = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:phối hợp với\s[^.;:\n]{0,80}?\s)?"
    r"(?:đã\s+)?(?:tổ chức|chủ trì)\s+(?:trực tuyến\s+)?"
    r"(?:hội nghị|phiên họp|cuộc họp)(?!\w)",
    re.IGNORECASE,
)
# a minister, a ministry's leaders or its envoy, who attend or chair for it
_NOT_HOST_BEFORE = re.compile(r"(?:trưởng|lãnh đạo|đại diện|dự|của)\s*$", re.IGNORECASE)


@lru_cache(maxsize=1024)
def held_locally(head: str) -> bool:
    """A province's body, or a district's, town's, ward's or commune's own, holds the meeting of a
    report's opening ("Tổ công tác triển khai Đề án 06 thành phố Bảo Lộc tổ chức hội nghị …"), where
    no province is named beside the place: the report states that place's figures, not the country's.
    A city that is itself a province ("thành phố Hà Nội") is a province's."""
    if holders(head):
        return True
    for text in holding(head):
        for place in _LOCAL_PLACE.finditer(text):
            name = _place_name(place.group(2))
            if name and not gazetteer.find("province", name, bare=False) & _CITIES:
                return True
    return False


def unmet(
    constraints: list[Constraint],
    sentence: str,
    passage: str,
    meta: dict,
    head: str,
    report: str,
    *,
    bare: bool = False,
    asks_time: bool = False,
    figure: bool = False,
    answer: str = "",
) -> list[Constraint]:
    """The constraints the sentence and its report leave unmet, in the question's order.

    ``asks_time``: the question asks when; a sentence whose times all fall after the period asked
    states a deadline (the answer) set by the meeting reviewing it, so the report's date meets it.
    """
    return [
        c
        for c in constraints
        if not met(c, sentence, passage, meta, head, report, bare=bare, figure=figure, answer=answer)
        and not (
            asks_time and c.kind == "period" and _after(c.value, sentence) and met(c, "", passage, meta, head, report)
        )
    ]


def _after(key, sentence: str) -> bool:
    """Every time ``sentence`` states is after the period ``key`` ends: a deadline it sets."""
    year, last = key[0], key[-1]
    keys = [k for k in time_keys(sentence) if len(k) >= 2]
    return bool(keys) and all((k[0], k[1]) > (year, last) for k in keys)
