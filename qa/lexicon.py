"""Everyday words for the official terms reports use.

Reports write "hồ sơ trực tuyến", "giải ngân", "máy chấp nhận thẻ (POS)", "GRDP"; people ask
about files sent "qua mạng", money "tiêu", "máy quẹt thẻ", "tổng sản phẩm trên địa bàn". For a
question that uses such everyday words, a sentence that states the official term is read as
stating them too (stated), so that the answerer's focus share and the retriever's focus feature
count them as said. Only the everyday words the question itself uses are added: the syllables
of "tổng sản phẩm trong nước" must not make every sentence about GDP say the "tổng" of "tổng
số". The words are only ever added to what a report states, never taken from it.

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
    ("giải ngân", ("tiêu", "chi", "thực chi")),
    ("GRDP", ("tổng sản phẩm trên địa bàn",)),
    ("GDP", ("tổng sản phẩm trong nước",)),
    ("quét", ("scan",)),
    ("số hóa", ("scan",)),
    ("văn bản", ("công văn",)),
    ("ký số", ("ký bằng chữ ký điện tử",)),
    ("chữ ký số", ("chữ ký điện tử",)),
    ("cơ sở dữ liệu", ("kho dữ liệu",)),
)

# A term people describe rather than name: (official term, the head word a description of it uses,
# the words that describe it). A question that uses the head ("nhóm ở thôn giúp bà con dùng công
# nghệ") finds in a sentence naming the term the head and whichever of the words it uses.
DESCRIBED: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "tổ công nghệ số cộng đồng",  # a village team that helps people use digital technology
        ("nhóm",),
        ("hỗ trợ", "giúp", "hướng dẫn", "người dân", "bà con", "sử dụng", "dùng", "công nghệ", "thôn", "khu dân cư"),
    ),
)

_PATTERNS = tuple(
    (re.compile(rf"(?<!\w){re.escape(official)}(?!\w)", 0 if official.isupper() else re.IGNORECASE), words)
    for official, words in (*EVERYDAY, *((official, (*heads, *words)) for official, heads, words in DESCRIBED))
)


def _word(w: str) -> tuple[str, re.Pattern[str], re.Pattern[str]]:
    """A word with its accented and folded patterns (on word boundaries)."""
    bounded = lambda p: rf"(?<!\w){re.escape(p)}(?!\w)"  # noqa: E731
    return w, re.compile(bounded(w), re.IGNORECASE), re.compile(bounded(fold(w)))


_ASKED = tuple(_word(w) for w in dict.fromkeys(w for _, words in EVERYDAY for w in words))
_DESCRIBED = tuple((tuple(map(_word, heads)), tuple(map(_word, words))) for _, heads, words in DESCRIBED)


@lru_cache(maxsize=16384)
def glosses(text: str) -> tuple[str, ...]:
    """The everyday words of the official terms ``text`` states (accented), each once, in EVERYDAY order."""
    text = nfc(text)
    found: list[str] = []
    for pattern, words in _PATTERNS:
        if pattern.search(text):
            found += [w for w in words if w not in found]
    return tuple(found)


@lru_cache(maxsize=4096)
def asked(question: str, bare: bool = False) -> frozenset[str]:
    """The everyday words of EVERYDAY that ``question`` uses and, where it uses the head of a term of
    DESCRIBED, the head and the describing words it uses (accented; matched folded for a question
    typed without diacritics)."""
    q = nfc(question)
    text = fold(q) if bare else q

    def uses(words):
        return [w for w, accented, plain in words if (plain if bare else accented).search(text)]

    found = set(uses(_ASKED))
    for heads, words in _DESCRIBED:
        if named := uses(heads):  # a description of the term, by its head
            found.update(named, uses(words))
    return frozenset(found)


def officials(question: str, bare: bool = False) -> tuple[str, ...]:
    """The official terms of the everyday words ``question`` uses (for a described term: its head and
    two of its describing words), for BM25 to look for beside the question's own words."""
    words = asked(question, bare)
    out = [official for official, everyday in EVERYDAY if words.intersection(everyday)]
    out += [
        official
        for official, heads, described in DESCRIBED
        if words.intersection(heads) and len(words.intersection(described)) >= 2
    ]
    return tuple(dict.fromkeys(out))


def stated(text: str, words: frozenset[str]) -> tuple[str, ...]:
    """Of the everyday ``words`` a question uses (asked), those ``text`` states by their official term."""
    return tuple(w for w in glosses(text) if w in words) if words else ()
