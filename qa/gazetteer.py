"""Vietnam's provinces and centrally-run cities, before and after the 2025 merger, and its ministries.

Used to read a question's place and body constraints (qa/constraints.py): "tỉnh Quảng Ninh",
"Hà Nội", "TP.HCM", "Bộ Y tế". Names are matched on word boundaries in accented form; a question
typed without diacritics is matched in folded form against capitalised names only, so "Gia Lai"
is not found in "quốc gia lại".
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.vietnamese import fold, has_diacritics, nfc

# The 63 province-level units until mid-2025. Spellings with the old tone placement ("Hoà")
# and common short forms are aliases of the same place.
PROVINCES_2024 = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre",
    "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình",
    "Hồ Chí Minh", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lạng Sơn",
    "Lào Cai", "Lâm Đồng", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ",
    "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng",
    "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang",
    "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)  # fmt: skip

# The 34 units from 1 July 2025 (Resolution 202/2025/QH15): the eleven that did not merge, and the
# 23 merged ones under the name they kept.
PROVINCES_2025 = (
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh",
    "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai",
    "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ",
    "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)  # fmt: skip

# The provinces merged on 1 July 2025 -> the province they joined, which kept its own name.
MERGED_INTO = {
    "Hà Giang": "Tuyên Quang", "Yên Bái": "Lào Cai", "Bắc Kạn": "Thái Nguyên", "Vĩnh Phúc": "Phú Thọ",
    "Hòa Bình": "Phú Thọ", "Bắc Giang": "Bắc Ninh", "Thái Bình": "Hưng Yên", "Hải Dương": "Hải Phòng",
    "Hà Nam": "Ninh Bình", "Nam Định": "Ninh Bình", "Quảng Bình": "Quảng Trị", "Quảng Nam": "Đà Nẵng",
    "Kon Tum": "Quảng Ngãi", "Bình Định": "Gia Lai", "Ninh Thuận": "Khánh Hòa", "Đắk Nông": "Lâm Đồng",
    "Bình Thuận": "Lâm Đồng", "Phú Yên": "Đắk Lắk", "Bình Dương": "Hồ Chí Minh",
    "Bà Rịa - Vũng Tàu": "Hồ Chí Minh", "Bình Phước": "Đồng Nai", "Long An": "Tây Ninh",
    "Sóc Trăng": "Cần Thơ", "Hậu Giang": "Cần Thơ", "Bến Tre": "Vĩnh Long", "Trà Vinh": "Vĩnh Long",
    "Tiền Giang": "Đồng Tháp", "Bạc Liêu": "Cà Mau", "Kiên Giang": "An Giang",
}  # fmt: skip

# other spellings -> the name above
ALIASES = {
    "Hoà Bình": "Hòa Bình",
    "Khánh Hoà": "Khánh Hòa",
    "Thanh Hoá": "Thanh Hóa",
    "Đắc Lắc": "Đắk Lắk",
    "Đăk Lăk": "Đắk Lắk",
    "Đắk Lăk": "Đắk Lắk",
    "Đăk Nông": "Đắk Nông",
    "Kontum": "Kon Tum",
    "TP.HCM": "Hồ Chí Minh",
    "TP HCM": "Hồ Chí Minh",
    "TPHCM": "Hồ Chí Minh",
    "TP. HCM": "Hồ Chí Minh",
    "Sài Gòn": "Hồ Chí Minh",
    "Bà Rịa-Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "Bà Rịa – Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "Huế": "Thừa Thiên Huế",  # renamed a city in 2025; the same place
}

PROVINCES = tuple(dict.fromkeys(PROVINCES_2024 + PROVINCES_2025))

# Ministries and ministry-level bodies, including those merged or renamed in 2025.
MINISTRIES = (
    "Bộ Công an", "Bộ Quốc phòng", "Bộ Ngoại giao", "Bộ Nội vụ", "Bộ Tư pháp", "Bộ Tài chính",
    "Bộ Kế hoạch và Đầu tư", "Bộ Công Thương", "Bộ Nông nghiệp và Phát triển nông thôn",
    "Bộ Nông nghiệp và Môi trường", "Bộ Tài nguyên và Môi trường", "Bộ Giao thông vận tải",
    "Bộ Xây dựng", "Bộ Thông tin và Truyền thông", "Bộ Khoa học và Công nghệ",
    "Bộ Giáo dục và Đào tạo", "Bộ Y tế", "Bộ Lao động - Thương binh và Xã hội",
    "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Dân tộc và Tôn giáo", "Ngân hàng Nhà nước",
    "Thanh tra Chính phủ", "Ủy ban Dân tộc", "Văn phòng Chính phủ", "Bảo hiểm xã hội Việt Nam",
    # the Government's own agencies, and the national agencies under a ministry (not "Cục Thuế",
    # which every province's tax department is also called; "Kho bạc Nhà nước tỉnh …" is the
    # agency's branch, read with the province)
    "Thông tấn xã Việt Nam", "Đài Tiếng nói Việt Nam", "Đài Truyền hình Việt Nam",
    "Viện Hàn lâm Khoa học và Công nghệ Việt Nam", "Viện Hàn lâm Khoa học xã hội Việt Nam",
    "Tổng cục Thuế", "Tổng cục Hải quan", "Kho bạc Nhà nước", "Tổng cục Thống kê",
    "Ủy ban Chứng khoán Nhà nước", "Tổng cục Dự trữ Nhà nước", "Tổng cục Quản lý thị trường",
    "Ngân hàng Chính sách xã hội", "Bảo hiểm tiền gửi Việt Nam",
)  # fmt: skip
MINISTRY_ALIASES = {
    "Bộ TT&TT": "Bộ Thông tin và Truyền thông",
    "Bộ TTTT": "Bộ Thông tin và Truyền thông",
    "Bộ KH&CN": "Bộ Khoa học và Công nghệ",
    "Bộ KHCN": "Bộ Khoa học và Công nghệ",
    "Bộ GD&ĐT": "Bộ Giáo dục và Đào tạo",
    "Bộ LĐ-TB&XH": "Bộ Lao động - Thương binh và Xã hội",
    "Bộ VHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ KH&ĐT": "Bộ Kế hoạch và Đầu tư",
    "Bộ NN&PTNT": "Bộ Nông nghiệp và Phát triển nông thôn",
    "Bộ TN&MT": "Bộ Tài nguyên và Môi trường",
    "Bộ GTVT": "Bộ Giao thông vận tải",
    "Bộ Văn hoá, Thể thao và Du lịch": "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Lao động, Thương binh và Xã hội": "Bộ Lao động - Thương binh và Xã hội",
    "Ngân hàng Nhà nước Việt Nam": "Ngân hàng Nhà nước",
    "KBNN": "Kho bạc Nhà nước",
    "TCHQ": "Tổng cục Hải quan",
    "NHCSXH": "Ngân hàng Chính sách xã hội",
    "UBCKNN": "Ủy ban Chứng khoán Nhà nước",
    "TTXVN": "Thông tấn xã Việt Nam",
}


def _forms(names: tuple[str, ...], aliases: dict[str, str]) -> dict[str, str]:
    forms = {n: n for n in names}
    forms.update(aliases)
    return forms


_PROVINCE_FORMS = _forms(PROVINCES, ALIASES)
_MINISTRY_FORMS = _forms(MINISTRIES, MINISTRY_ALIASES)


@lru_cache(maxsize=4)
def _pattern(kind: str, bare: bool) -> re.Pattern[str]:
    forms = _PROVINCE_FORMS if kind == "province" else _MINISTRY_FORMS
    # longest first, so "Bộ Nông nghiệp và Phát triển nông thôn" wins over a shorter prefix
    alternatives = sorted({fold(f) if bare else f for f in forms}, key=len, reverse=True)
    body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alternatives)
    # a name is a whole word run: not inside a longer capitalised run ("Hà Nam" in "Hà Nam Định"
    # would be wrong, "Bà Rịa - Vũng Tàu" is one name)
    return re.compile(rf"(?<![\w&])(?:{body})(?![\w&])", re.IGNORECASE)


def ministry_mentions(text: str) -> list[re.Match[str]]:
    """Where ``text`` (accented) names a ministry or national agency."""
    return list(_pattern("ministry", False).finditer(nfc(text)))


def canonical_ministry(found: str) -> str:
    """The ministry's or agency's name as the gazetteer writes it, for a form found in a text."""
    return _canonical("ministry", found)


def _canonical(kind: str, found: str) -> str:
    forms = _PROVINCE_FORMS if kind == "province" else _MINISTRY_FORMS
    key = re.sub(r"\s+", " ", found)
    if key in forms:
        return forms[key]
    folded = fold(key)
    return next(canonical for form, canonical in forms.items() if fold(form) == folded)


# an abbreviation a text defines in brackets after the words it stands for: "Bảo hiểm xã hội (BHXH)
# Việt Nam", "Ủy ban nhân dân (UBND) tỉnh"; its letters are the initials of the words just before it
# (so "(TT&TT)" after "Thông tin và Truyền thông", which skips "và", is not read as one)
_BRACKETED = re.compile(r"\s*\(([A-ZĐ][A-ZĐ&]{1,7})\)")
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=512)
def spell_out(text: str) -> str:
    """``text`` with each abbreviation it defines spelled out: the bracket after the words dropped,
    and the abbreviation used later ("BHXH Việt Nam") replaced by its words, so that a name written
    either way reads as the name ("Bảo hiểm xã hội Việt Nam")."""
    defined: dict[str, str] = {}
    pieces, last = [], 0
    for m in _BRACKETED.finditer(text):
        letters = m.group(1).replace("&", "")
        words = _WORD.findall(text[max(0, m.start() - 12 * len(letters)) : m.start()])[-len(letters) :]
        if (
            len(words) == len(letters)
            and text[m.start() - len(words[-1]) : m.start()] == words[-1]
            and all(fold(w)[:1].casefold() == fold(ch).casefold() for w, ch in zip(words, letters))
        ):
            defined.setdefault(m.group(1), " ".join(words))
            pieces.append(text[last : m.start()])
            last = m.end()
    if not defined:
        return text
    text = "".join(pieces) + text[last:]
    for abbreviation, words in defined.items():
        text = re.sub(rf"(?<![\w&]){re.escape(abbreviation)}(?![\w&])", words, text)
    return text


def find(kind: str, text: str, *, bare: bool | None = None) -> set[str]:
    """The provinces (``kind="province"``) or ministries (``kind="ministry"``) ``text`` names,
    written out or by an abbreviation the text defines (spell_out).

    ``bare``: match in folded form (for a question typed without diacritics); by default, when the
    text has no diacritics at all.
    """
    text = spell_out(nfc(text))
    if bare is None:
        bare = not has_diacritics(text)
    if bare:
        folded = fold(text)  # offsets kept: the words as typed are read for their capitals
        return {
            _canonical(kind, m.group(0))
            for m in _pattern(kind, True).finditer(folded)
            if kind != "province" or len(folded) != len(text) or not _inside_a_name(text, m.start(), m.end())
        }
    return {_canonical(kind, m.group(0)) for m in _pattern(kind, False).finditer(text)}


def _inside_a_name(text: str, start: int, end: int) -> bool:
    """A province's name typed half in capitals right after a capitalised word ("Son la" of "huyen Tan
    Son la bao nhieu") ends another name and goes on with the sentence; "Ha noi co …", "cua Quang ninh"
    are the province typed carelessly."""
    caps = [w[:1].isupper() for w in re.findall(r"[^\W\d_]+", text[start:end])]
    before = re.findall(r"[^\W\d_]+", text[max(0, start - 30) : start])
    return any(caps) and not all(caps) and bool(before) and before[-1][:1].isupper()


def spans(kind: str, text: str, *, bare: bool = False) -> list[tuple[int, int]]:
    """Where ``text`` names a province or ministry, in any of its forms ("Vũng Tàu", "Bộ TT&TT"):
    (start, end) of each, in order; ``bare``: ``text`` is folded and matched folded."""
    return [m.span() for m in _pattern(kind, bare).finditer(text)]


def names_in(kind: str, text: str, names: set[str]) -> set[str]:
    """Which of ``names`` (canonical) ``text`` states, in accented form: the passage side of a check.

    A report is always read accented; a capitalised word in it is what a bare question's folded
    name matched against, so "quốc gia lại" never states "Gia Lai".
    """
    return find(kind, text, bare=False) & names


# what a province merged with: the names after "hợp nhất (với)", "sáp nhập từ", up to the clause's end
# ("hợp nhất An Giang và Kiên Giang"); not what it merged into ("hợp nhất vào tỉnh Lâm Đồng, tỉnh Đắk Nông")
_MERGED_WITH = re.compile(r"(?:hợp nhất|sáp nhập|hop nhat|sap nhap)\s+(?!vào|vao)([^.;?()]{1,60})", re.I)


def asked(question: str, *, bare: bool | None = None) -> set[str]:
    """The provinces a question asks about. A province named as what merged into another it names
    ("tỉnh Tây Ninh sau khi hợp nhất với Long An", "Ninh Bình mới (hợp nhất từ Hà Nam, Nam Định)")
    describes that place; "Hòa Bình cũ thuộc tỉnh Phú Thọ" still asks for the former province's own figure."""
    question = nfc(question)
    if bare is None:
        bare = not has_diacritics(question)
    provinces = find("province", question, bare=bare)
    merged = {
        p
        for m in _MERGED_WITH.finditer(fold(question) if bare else question)
        for p in find("province", _name_list(m.group(1), bare), bare=bare)
        if MERGED_INTO.get(p) in provinces
    }
    return provinces - merged


# between two names of a list: a comma, "và", either with the next one's head ("…, tỉnh Bạc Liêu")
_LIST_GAP = re.compile(
    r"\s*(?:,\s*(?:và\s+)?|\s+(?:và|va)\s+)(?:(?:tỉnh|thành phố|tinh|thanh pho)\s+)?$",
    re.I,
)


Mention = tuple[int, int, str]  # where a province is named, and which


def _province_runs(text: str, bare: bool, *, distinct: bool = False) -> tuple[list[Mention], list[list[Mention]]]:
    """The provinces ``text`` (folded when ``bare``) names, and their runs: names one list joins
    (_LIST_GAP). ``distinct``: a province named again starts a run of its own ("A, B, C và D, A đạt …")."""
    mentions = [
        (m.start(), m.end(), _canonical("province", m.group(0))) for m in _pattern("province", bare).finditer(text)
    ]
    runs: list[list[Mention]] = []
    for mention in mentions:
        joined = runs and _LIST_GAP.match(text[runs[-1][-1][1] : mention[0]])
        if joined and not (distinct and mention[2] in {m[2] for m in runs[-1]}):
            runs[-1].append(mention)
        else:
            runs.append([mention])
    return mentions, runs


def listed(question: str, *, bare: bool | None = None, least: int = 3) -> set[str]:
    """The provinces a question names only in one list of ``least`` or more ("hội nghị của 5 tỉnh Sóc
    Trăng, Hậu Giang, Bạc Liêu, Trà Vinh, Kiên Giang") or as where the meeting was held ("tổ chức ở
    Sóc Trăng"): together they name a regional meeting; one named again ("… của Bạc Liêu") is asked about."""
    question = nfc(question)
    if bare is None:
        bare = not has_diacritics(question)
    text = fold(question) if bare else question
    mentions, runs = _province_runs(text, bare)
    in_list = {m for run in runs if len(run) >= least for m in run}
    venue = {m for m in mentions if _is_venue(text, m[0], m[1])}
    asked_apart = {m[2] for m in mentions if m not in in_list and m not in venue}
    return {m[2] for m in in_list | venue} - asked_apart


# what says a list of places shares one figure: a total ("tổng cộng"), or their count just before
# the list ("doanh thu của 5 tỉnh, thành phố Đồng Tháp, An Giang, …"); "đều" gives each the figure
TOTAL_WORDS = re.compile(r"(?<!\w)(?:tổng cộng|cộng lại|gộp lại|tong cong|cong lai|gop lai)(?!\w)", re.I)
_COUNTED_BEFORE = re.compile(
    r"(?<![\d.,])\d{1,2}\s+(?:tỉnh|thành phố|địa phương|tinh|thanh pho|dia phuong)"
    r"(?:\s*,\s*(?:thành phố|thanh pho))?\s*(?:(?:là|gồm|la|gom)\s*:?\s*)?$",
    re.I,
)
_EACH = re.compile(r"^\s*(?:\S+\s+){0,2}?(?:đều|cùng(?! kỳ)|deu|cung(?! ky))(?!\w)", re.I)
# one figure each, in the list's order: "… lần lượt là 92%, 88% và 85%"
_RESPECTIVELY = re.compile(r"(?<!\w)(?:lần lượt|lan luot)(?!\w)", re.I)


def in_total(text: str, province: str, *, bare: bool = False) -> bool:
    """Is ``province`` one of a list of three provinces or more in ``text`` that one figure counts
    together: after the list, "tổng cộng"; or before it, their number ("của 5 tỉnh A, B, C, D và E đạt …")."""
    text = fold(nfc(text)) if bare else nfc(text)
    mentions, runs = _province_runs(text, bare, distinct=True)
    for run in runs:
        if len(run) < 3 or province not in {m[2] for m in run}:
            continue
        start, end = run[0][0], run[-1][1]
        clause = re.split(r"[.;]", text[end:], maxsplit=1)[0]
        if _EACH.match(clause) or _RESPECTIVELY.search(clause):
            continue
        # named again apart from the list ("…, An Giang đạt cao nhất với …"): its own figure is there
        if any(m[2] == province for m in mentions if m not in run):
            continue
        if _COUNTED_BEFORE.search(text[max(0, start - 40) : start]) or TOTAL_WORDS.search(clause[:80]):
            return True
    return False


# where a meeting was held: "tổ chức ở Sóc Trăng", "họp tại tỉnh …"
_VENUE = re.compile(
    r"(?:tổ chức|diễn ra|họp|đăng cai|to chuc|dien ra|hop|dang cai)\s+(?:ở|tại|o|tai)\s+(?:tỉnh\s+|tinh\s+)?$",
    re.I,
)


# a ministry's or national agency's meeting held somewhere: "Hội nghị … của Bộ Công Thương ở Cần Thơ"
_AT_TAIL = re.compile(r"\s+(?:ở|tại|o|tai)\s+(?:(?:tỉnh|thành phố|tinh|thanh pho)\s+|TP\.?\s*)?$", re.I)
_MEETING_NOUN = re.compile(r"(?<!\w)(?:hội nghị|phiên họp|cuộc họp|giao ban|hoi nghi|phien hop|cuoc hop)(?!\w)", re.I)
_DATELINE_AFTER = re.compile(r"\s*,\s*(?:(?:ngày|tháng|ngay|thang)\s+)?\d{1,2}(?:/\d{1,2})?(?:/\d{4})?\s*\)", re.I)


def _is_venue(text: str, start: int, end: int) -> bool:
    """The province named at ``text[start:end]`` is where a meeting was held: after "tổ chức ở", after
    the name of the ministry whose meeting it is and "ở"/"tại", or first in a parenthesis with the
    date ("(Cần Thơ, tháng 11/2025)")."""
    before = text[max(0, start - 60) : start]
    if _VENUE.search(before[-30:]):
        return True
    if _held_by_body_at(text[max(0, start - 160) : start]):
        return True
    opens = re.search(r"\(\s*(?:(?:tỉnh|thành phố|tinh|thanh pho|TP\.?)\s*)?$", before, re.I)
    return bool(opens) and bool(_DATELINE_AFTER.match(text, end))


def _held_by_body_at(before: str) -> bool:
    """``before`` ends in a meeting of a ministry or national agency, its name right before "ở"/"tại":
    "Hội nghị … của Bộ Công Thương ở " (not "Bộ Y tế ghi nhận bao nhiêu ca ở ", which names no meeting)."""
    tail = _AT_TAIL.search(before)
    if not tail:
        return False
    head = before[: tail.start()]
    names = list(_pattern("ministry", not has_diacritics(before)).finditer(head))
    return bool(names) and names[-1].end() == len(head) and bool(_MEETING_NOUN.search(head[: names[-1].start()]))


def _name_list(text: str, bare: bool) -> str:
    """``text`` up to the comma that ends a list of names: "Hà Nam, Nam Định và Ninh Bình" is one
    list, "Lâm Đồng, tỉnh Đắk Nông có ..." ends at its comma."""
    first, *rest = text.split(",")
    for piece in rest:
        if not _pattern("province", bare).match(piece.strip()):
            break
        first += "," + piece
    return first
