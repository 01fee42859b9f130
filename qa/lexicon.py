"""Everyday words for the official terms reports use.

Reports write "hồ sơ trực tuyến", "giải ngân", "máy chấp nhận thẻ (POS)", "GRDP"; people ask
about files sent "qua mạng", money "thực chi", "máy quẹt thẻ", "tổng sản phẩm trên địa bàn". For
a question that uses such everyday words, a sentence that states the official term is read as
stating them too (stated): the answerer's focus share and measure check (qa/scoring.py) and the
retriever's focus feature count them as said, and BM25 also looks for the official terms
(official_terms). Only the everyday words the question itself uses are added to a sentence: the
syllables of "tổng sản phẩm trong nước" must not make every sentence about GDP say the "tổng" of
"tổng số". Words of one syllable ("tiêu", "chi") are left out: they are syllables of too many
other words ("mục tiêu", "chi phí", "chỉ").

Each entry is the common, general meaning of a term of public administration, not a question's
wording. The list was drawn from the answerable questions of the tune fold that were refused, and
kept because it gains there without changing an answer of the check fold (README, "Everyday
words").
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.vietnamese import fold, nfc

# (official term as reports write it, the everyday words that mean it)
EVERYDAY: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("trực tuyến", ("qua mạng", "trên mạng", "online")),
    ("môi trường mạng", ("qua mạng",)),
    ("ứng dụng di động", ("điện thoại",)),
    ("ứng dụng", ("app",)),
    ("cài đặt", ("tải về",)),
    ("người trưởng thành", ("người lớn",)),
    ("máy chấp nhận thẻ", ("máy quẹt thẻ",)),
    ("POS", ("máy quẹt thẻ",)),
    ("hài lòng", ("vừa ý",)),
    ("giải ngân", ("thực chi",)),
    ("GRDP", ("tổng sản phẩm trên địa bàn",)),
    ("GDP", ("tổng sản phẩm trong nước",)),
    ("quét", ("scan",)),
    ("số hóa", ("scan",)),
    ("văn bản", ("công văn",)),
    ("ký số", ("ký bằng chữ ký điện tử",)),
    ("chữ ký số", ("chữ ký điện tử",)),
    ("cơ sở dữ liệu", ("kho dữ liệu",)),
    ("giấy chứng nhận quyền sử dụng đất", ("sổ đỏ", "sổ hồng")),
    ("thiết bị đọc thẻ", ("máy quẹt thẻ",)),
    ("giao dịch", ("trả tiền", "chuyển tiền")),
    ("an sinh xã hội", ("trợ cấp xã hội",)),
    ("thương mại điện tử", ("mua bán", "bán hàng", "qua mạng", "trên mạng", "online")),
    ("hồ sơ", ("giấy tờ",)),
    ("thanh toán", ("trả tiền", "chuyển tiền")),
    ("khách hàng", ("người dùng",)),
    ("người sử dụng", ("người dùng",)),
    ("khai sinh", ("chào đời", "em bé")),
    ("lừa đảo", ("bị lừa", "lừa mất", "kẻ gian")),
    ("phản ánh", ("gửi ý kiến", "góp ý")),
    ("kiến nghị", ("gửi ý kiến", "góp ý")),
    ("tỷ đồng", ("số tiền", "bao nhiêu tiền", "khoản tiền", "phần tiền")),
    ("triệu đồng", ("số tiền", "bao nhiêu tiền", "khoản tiền", "phần tiền")),
    ("kinh phí", ("số tiền", "bao nhiêu tiền", "khoản tiền", "phần tiền")),
    ("phủ sóng", ("có sóng", "bắt được sóng")),
    ("chi trả", ("nhận tiền", "trả tiền", "chuyển tiền")),
    ("truy cập", ("vào xem",)),
    ("24/7", ("suốt ngày đêm",)),
    ("VssID", ("bảo hiểm xã hội",)),
    ("eTax Mobile", ("nộp thuế", "điện thoại")),
    ("mã QR", ("quét mã", "mã quét")),
    ("kích hoạt", ("bật được", "được bật")),
    ("tài khoản ngân hàng", ("thẻ ngân hàng", "thẻ ATM")),
    ("qua tài khoản", ("thẻ ngân hàng", "thẻ ATM", "vào tài khoản")),
    ("sinh trắc học", ("quét khuôn mặt", "khuôn mặt")),
    ("sổ sức khỏe điện tử", ("sổ khám bệnh", "hồ sơ khám bệnh")),
    ("bệnh án điện tử", ("hồ sơ khám chữa bệnh", "hồ sơ khám bệnh")),
    ("cơ sở bán lẻ thuốc", ("nhà thuốc", "quầy thuốc")),
    ("hộ kinh doanh", ("cửa hàng", "quán xá", "người buôn bán", "hộ buôn bán")),
    ("tiểu thương", ("người buôn bán", "hộ buôn bán", "bạn hàng")),
    ("cơ sở kinh doanh", ("cửa hàng", "quán xá")),
    ("lương hưu", ("về hưu",)),
    ("tài khoản định danh điện tử", ("app định danh", "ứng dụng định danh")),
    ("không dùng tiền mặt", ("chuyển khoản", "quẹt thẻ", "quét mã")),
    ("toàn trình", ("từ đầu đến cuối", "từ đầu tới cuối")),
    ("nhà thuốc", ("tiệm thuốc",)),
)

# Abbreviations of public administration, either way round: a question may abbreviate what a
# report writes out ("CSDL quốc gia") or write out what a report abbreviates.
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("cơ sở dữ liệu", "CSDL"),
    ("dịch vụ công trực tuyến", "DVCTT"),
    ("dịch vụ công", "DVC"),
    ("thủ tục hành chính", "TTHC"),
    ("chuyển đổi số", "CĐS"),
    ("công nghệ thông tin", "CNTT"),
    ("thương mại điện tử", "TMĐT"),
    ("căn cước công dân", "CCCD"),
)
EVERYDAY += tuple((long, (short,)) for long, short in ABBREVIATIONS)
EVERYDAY += tuple((short, (long,)) for long, short in ABBREVIATIONS)

# A term people describe rather than name: (official term, the head word a description of it uses,
# the place words one of which it must use, the words that describe it). A question that uses the
# head and a place ("nhóm ở thôn giúp bà con dùng công nghệ") finds in a sentence naming the term
# the head, the place and whichever of the describing words it uses.
DESCRIBED: tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "tổ công nghệ số cộng đồng",  # a village team that helps people use digital technology
        ("nhóm",),
        ("thôn", "khu dân cư"),
        ("hỗ trợ", "giúp", "hướng dẫn", "người dân", "bà con", "sử dụng", "dùng", "công nghệ"),
    ),
)

_PATTERNS = tuple(
    (re.compile(rf"(?<!\w){re.escape(official)}(?!\w)", 0 if official.isupper() else re.IGNORECASE), words)
    for official, words in (
        *EVERYDAY,
        *((official, (*heads, *places, *words)) for official, heads, places, words in DESCRIBED),
    )
)


# everyday words that before a unit of time name a span of time instead: "từ đầu đến cuối năm 2024"
_NOT_BEFORE_TIME = frozenset({"từ đầu đến cuối", "từ đầu tới cuối"})


def _word(w: str) -> tuple[str, re.Pattern[str], re.Pattern[str]]:
    """A word with its accented and folded patterns (on word boundaries)."""
    after = r"(?!\s+(?:năm|tháng|quý|nam|thang|quy)(?!\w))" if w in _NOT_BEFORE_TIME else ""
    bounded = lambda p: rf"(?<!\w){re.escape(p)}(?!\w){after}"  # noqa: E731
    return w, re.compile(bounded(w), re.IGNORECASE), re.compile(bounded(fold(w)))


_ASKED = tuple(_word(w) for w in dict.fromkeys(w for _, words in EVERYDAY for w in words))
_DESCRIBED = tuple(
    (tuple(map(_word, heads)), tuple(map(_word, places)), tuple(map(_word, words)))
    for _, heads, places, words in DESCRIBED
)


@lru_cache(maxsize=16384)
def glosses(text: str) -> tuple[str, ...]:
    """The everyday words of the official terms ``text`` states (accented), each once: EVERYDAY's in
    its order, then DESCRIBED's."""
    text = nfc(text)
    found: list[str] = []
    for pattern, words in _PATTERNS:
        if pattern.search(text):
            found += [w for w in words if w not in found]
    return tuple(found)


@lru_cache(maxsize=4096)
def asked(question: str, bare: bool = False) -> frozenset[str]:
    """The everyday words of EVERYDAY that ``question`` uses and, where it uses the head and a place
    of a term of DESCRIBED, those and the describing words it uses (accented; matched folded for a question
    typed without diacritics)."""
    q = nfc(question)
    text = fold(q) if bare else q

    def uses(words):
        return [w for w, accented, plain in words if (plain if bare else accented).search(text)]

    found = set(uses(_ASKED))
    # a phrase inside a longer one the question uses is that one's: "máy quẹt thẻ" asks no "quẹt thẻ"
    found = {w for w in found if not any(w != o and re.search(rf"(?<!\w){re.escape(w)}(?!\w)", o) for o in found)}
    for heads, places, words in _DESCRIBED:
        named, where = uses(heads), uses(places)
        if named and where:  # a description of the term: its head and its place
            found.update(named, where, uses(words))
    return frozenset(found)


def asked_spans(question: str) -> tuple[tuple[int, int], ...]:
    """Where ``question`` (accented, NFC) uses the everyday phrases of more than one word that asked finds."""
    q = nfc(question)
    words = asked(q)
    return tuple(m.span() for w, accented, _ in _ASKED if w in words and " " in w for m in accented.finditer(q))


def official_terms(question: str, bare: bool = False) -> tuple[str, ...]:
    """The official terms of the everyday words ``question`` uses (a described term: its head, a place
    and two of its describing words), for BM25 to look for beside the question's own words."""
    words = asked(question, bare)
    out = [official for official, everyday in EVERYDAY if words.intersection(everyday)]
    out += [
        official
        for official, heads, places, described in DESCRIBED
        if words.intersection(heads) and words.intersection(places) and len(words.intersection(described)) >= 2
    ]
    return tuple(dict.fromkeys(out))


def stated(text: str, words: frozenset[str]) -> tuple[str, ...]:
    """Of the everyday ``words`` a question uses (asked), those ``text`` states by their official term."""
    return tuple(w for w in glosses(text) if w in words) if words else ()
