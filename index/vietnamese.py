"""Pure functions for Vietnamese text: normalisation, diacritic folding, numbers, tokens.

Everything here is deterministic and never raises on any ``str`` input, so ingestion,
retrieval and evaluation can share one notion of "the same word" and "the same number".
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

# The capital letters, for a character class: A-Z and every capital letter from U+00C0 to the end of
# the Vietnamese block ("Đ", "Ả", "Ứ"; Greek and Cyrillic capitals come along, harmlessly). A range
# such as "À-Ỹ" would also hold small letters ("đ" is U+0111), and a sentence does not begin with one.
CAPITALS = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x1EFA)) if c.isalpha() and c.isupper())

# đ/Đ carry a stroke, not a combining mark: NFD does not decompose them.
_STROKES = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})  # Ð (U+00D0) is typed for Đ too

# A Vietnamese figure: digits grouped by "." (thousands) with an optional "," decimal part,
# or a plain decimal with ","; "2.416/3.924" is two figures around a "/".
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")

_WORD_RE = re.compile(r"\d+(?:[.,]\d+)*%?|[^\W\d_]+", re.UNICODE)

# Function words and question words that carry no topic: dropped from BM25 tokens. Matched in
# accented form, before folding: folded, "tại" would take "tài" with it, "và" "vá", "để" "đề".
STOPWORDS = frozenset(
    """
    là của và có được các những một cho với trong trên tại theo thì mà như để từ đến về
    này đó khi nào gì bao nhiêu ai sao thế thứ hay hoặc cũng đã đang sẽ rằng vì bởi nếu
    bằng ở ra vào lên lại còn nữa rất quá hơn nhất mỗi từng cái chiếc việc sự
    """.split()
)

# Ordinal numbers in words: "thứ Ba" = 3, "lần thứ mười hai" = 12 ("thứ tự", order, is not one).
_UNITS = {"một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
          "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}  # fmt: skip
_ORDINAL_WORDS = {"nhất": 1, "nhì": 2, **{w: n for w, n in _UNITS.items() if w not in ("một", "mốt", "lăm")}}
_TEENS = "|".join(sorted((w for w in _UNITS if w not in ("mốt",)), key=len, reverse=True))
_ORDINAL_RE = re.compile(
    rf"\bthứ\s+(?P<n>mười(?:\s+(?:{_TEENS}))?(?![^\W\d_])|"
    rf"(?:{'|'.join(sorted(_ORDINAL_WORDS, key=len, reverse=True))})(?![^\W\d_])|\d{{1,3}}(?!\d|[.,/]\d))"
    # "Thứ Năm, 12/05/2022" and "thứ Hai (8/8)" are days of the week
    r"(?!\s*[,(]?\s*(?:ngày\s+)?\d{1,2}/\d{1,2})",
    re.IGNORECASE,
)
# The same in bare form, for questions typed without diacritics ("phien hop thu tu").
_BARE_ORDINAL_WORDS = {"nhat": 1, "nhi": 2, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "sau": 6, "bay": 7,
                       "tam": 8, "chin": 9, "muoi": 10}  # fmt: skip
_BARE_ORDINAL_RE = re.compile(
    rf"\bthu\s+(?P<n>(?:{'|'.join(_BARE_ORDINAL_WORDS)})(?![^\W\d_])|\d{{1,3}}(?!\d|[.,/]\d))"
    r"(?!\s*[,(]?\s*(?:ngay\s+)?\d{1,2}/\d{1,2})",
    re.IGNORECASE,
)


def ordinal_value(words_: str) -> int | None:
    """The number an ordinal's words or digits say: "Tư" -> 4, "mười hai" -> 12, "10" -> 10."""
    w = " ".join(nfc(words_).casefold().split())
    if w.isdigit():
        return int(w)
    if w in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[w]
    if w in _BARE_ORDINAL_WORDS:
        return _BARE_ORDINAL_WORDS[w]
    if w.startswith("mười"):
        rest = w[len("mười") :].strip()
        return 10 + (_UNITS.get(rest, 0) if rest else 0) if not rest or rest in _UNITS else None
    return None


def ordinals(text: str) -> list[tuple[int, int, int]]:
    """Every ordinal in ``text``: (start, end, value), "thứ Tư" -> 4; bare spellings only in bare text."""
    text = nfc(text)
    pattern = _ORDINAL_RE if has_diacritics(text) else _BARE_ORDINAL_RE
    found = []
    for m in pattern.finditer(text):
        value = ordinal_value(m.group("n"))
        if value is not None and value > 0:
            found.append((m.start(), m.end(), value))
    return found


def nfc(text: str) -> str:
    """NFC-normalise; the canonical form for storage, offsets and display."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case and strip diacritics (including đ→d): "Đổi mới" -> "doi moi"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_STROKES))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).casefold()


def has_diacritics(text: str) -> bool:
    """True when the text carries any Vietnamese accent or đ (i.e. it was not typed bare)."""
    return fold(text) != text.casefold()


def normalize_number(token: str) -> str:
    """Vietnamese number form to a canonical one: "77.732.636" -> "77732636", "16,4" -> "16.4".

    "." groups thousands and "," marks decimals; a lone "." followed by exactly three digits
    is a thousands separator too ("2.416"), otherwise it is read as a decimal point.
    """
    if not token or not token[0].isdigit():
        return token
    if "," in token:
        whole, _, frac = token.rpartition(",")
        whole = whole.replace(".", "").replace(",", "")
        return f"{whole}.{frac}" if whole else frac
    parts = token.split(".")
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]):
        return "".join(parts)
    return token


def normalize_numbers_in(text: str) -> str:
    """Rewrite every figure in ``text`` to its canonical form (for comparing answers)."""
    return NUMBER_RE.sub(lambda m: normalize_number(m.group(0)), text)


def canonical(text: str) -> str:
    """The comparison form of a gold answer or an answer: NFC, casefolded, numbers normalised."""
    return " ".join(normalize_numbers_in(nfc(text).casefold()).split())


def words(text: str) -> list[str]:
    """Surface words of ``text`` (NFC, casefolded, diacritics kept); numbers stay whole."""
    return _WORD_RE.findall(nfc(text).casefold())


def tokenize(
    text: str, *, bigrams: bool = True, stopwords: frozenset[str] = STOPWORDS, accents: bool = False
) -> list[str]:
    """BM25 tokens: folded syllables without stopwords, canonical numbers, ordinals, syllable bigrams.

    Stopwords are recognised in accented form, then words are folded so that "ty le" matches
    "tỷ lệ"; a bare word is never taken for a stopword ("tai" may be "tài"). An ordinal becomes
    one token "#4" whether written "thứ Tư", "thứ 4" or "lần thứ bốn". Bigrams restore some of
    the precision folding loses ("ho_gia" + "gia_dinh" for "hộ gia đình"). ``accents=True`` keeps
    the words accented (the answerer compares a question with a sentence in accented form).
    """
    text = nfc(text)
    spans = ordinals(text)
    pieces: list[str] = []
    at = 0
    for start, end, value in spans:
        pieces += [text[at:start], f" \x00{value} "]
        at = end
    pieces.append(text[at:])
    tokens: list[str] = []
    stop: list[bool] = []
    for w in _TOKEN_RE.findall("".join(pieces).casefold()):
        if w[0] == "\x00":
            tokens.append("#" + w[1:])
            stop.append(False)
        elif w[0].isdigit():
            tokens.append(normalize_number(w.rstrip("%")) + ("%" if w.endswith("%") else ""))
            stop.append(False)
        else:
            tokens.append(w if accents else fold(w))
            stop.append(w in stopwords)
    unigrams = [t for t, s in zip(tokens, stop) if not s]
    if not bigrams:
        return unigrams
    pairs = [f"{a}_{b}" for a, b, sa, sb in zip(tokens, tokens[1:], stop, stop[1:]) if not (sa and sb)]
    return unigrams + pairs


_TOKEN_RE = re.compile(r"\x00\d+|\d+(?:[.,]\d+)*%?|[^\W\d_]+", re.UNICODE)


class DiacriticRestorer:
    """Puts accents back on a query typed without them, using the indexed text's own words.

    A bigram model of the corpus chooses among the accented forms each bare syllable has in
    the reports ("ty le ho gia dinh" -> "tỷ lệ hộ gia đình"); unknown syllables stay as typed.
    """

    # Question words rarely appear in reports but always in questions.
    QUESTION_PHRASES = (
        "bao nhiêu",
        "là gì",
        "tính đến",
        "để làm gì",
        "khi nào",
        "như thế nào",
        "thế nào",
        "vì sao",
        "tại sao",
        "ở đâu",
        "những gì",
        "ra sao",
        "mấy",
        "nào",
        "ai",
        "gì",
        "có phải",
        "được không",
    )

    def __init__(self, texts: Iterable[str]) -> None:
        self._forms: dict[str, Counter[str]] = defaultdict(Counter)
        self._pairs: Counter[tuple[str, str]] = Counter()
        for text in [*(p for p in self.QUESTION_PHRASES for _ in range(50)), *texts]:
            ws = ["0" if w[0].isdigit() else w for w in words(text)]  # numbers as one placeholder
            for w in ws:
                self._forms[fold(w)][w] += 1
            self._pairs.update(zip(ws, ws[1:]))

    def to_json(self) -> dict:
        """The learned counts, to store beside the index (index/stats.py)."""
        return {
            "forms": {bare: dict(forms) for bare, forms in self._forms.items()},
            "pairs": [[a, b, n] for (a, b), n in self._pairs.items()],
        }

    @classmethod
    def from_json(cls, data: dict) -> DiacriticRestorer:
        restorer = cls(())
        restorer._forms = defaultdict(Counter, {bare: Counter(forms) for bare, forms in data["forms"].items()})
        restorer._pairs = Counter({(a, b): n for a, b, n in data["pairs"]})
        return restorer

    def restore(self, query: str) -> str:
        """Return ``query`` with accents restored where the corpus knows the syllable."""
        if has_diacritics(query):
            return nfc(query)
        pieces = re.split(r"([^\W\d_]+|\d+(?:[.,]\d+)*)", nfc(query))
        tokens = pieces[1::2]
        chosen = self._best_path(["0" if t[0].isdigit() else t.casefold() for t in tokens])
        out = list(pieces)
        for i, (typed, form) in enumerate(zip(tokens, chosen)):
            if not typed[0].isdigit():
                out[2 * i + 1] = _match_case(typed, form)
        return "".join(out)

    def _best_path(self, bare: list[str]) -> list[str]:
        """Viterbi over candidate accented forms, scored by corpus bigram and unigram counts."""
        if not bare:
            return []
        cands = [list(self._forms.get(b, {b: 1}).items()) for b in bare]
        prev: dict[str, tuple[float, str | None]] = {f: (math.log1p(c), None) for f, c in cands[0]}
        history = [prev]
        for options in cands[1:]:
            cur: dict[str, tuple[float, str | None]] = {}
            for form, count in options:
                cur[form] = max(
                    (s + 3.0 * math.log1p(self._pairs.get((p, form), 0)) + math.log1p(count), p)
                    for p, (s, _) in prev.items()
                )
            history.append(cur)
            prev = cur
        form = max(prev, key=lambda f: prev[f][0])
        path = [form]
        for step in range(len(history) - 1, 0, -1):
            form = history[step][form][1]  # type: ignore[assignment]
            path.append(form)
        return path[::-1]


def _match_case(typed: str, form: str) -> str:
    if form == typed.casefold():  # nothing to restore: keep the typed spelling ("VNeID")
        return typed
    if typed.isupper() and len(typed) > 1:
        return form.upper()
    if typed[:1].isupper():
        return form[:1].upper() + form[1:]
    return form
