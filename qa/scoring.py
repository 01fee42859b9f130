"""Which sentence answers, and whether to answer at all: two small fitted models.

Every sentence and ';' clause of the retrieved passages is a candidate. Its features
(SPAN_FEATURES) say how much of the question's focus it states (idf-weighted, in accented
form), whether it only restates the question's context, whether it states the kind of fact asked
for (a figure, a time, a name not in the question), where it sits (the passage's rank and
score, the report's lead) and its length. A logistic regression over them, fitted on the tune
fold by ``python -m eval.answerer --write``, scores the candidates; the best one that meets the
question's constraints is the answer. A second logistic regression (ANSWER_FEATURES) turns the
chosen candidate's evidence into a probability that it answers; below the threshold chosen on
the tune fold, the answerer refuses. Weights live in qa/answerer.json beside this file.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from index.vietnamese import fold, nfc
from qa import gazetteer
from qa.lexicon import glosses

MODEL_FILE = Path(__file__).with_name("answerer.json")
FORMAT = 1
# Measured one by one (python -m eval.answerer --ablation): each of these changes answers on the
# tune or check fold. Restated context, the kind of answer stated, novelty, the lead position and
# length changed none and were dropped: a sentence that only restates the context already states
# none of the focus, which is read apart from the context (qa/question.py). Focus pairs were
# dropped too when the questions were few; with the distractors' questions they came back as
# pair_share (tune-internal CV, 6 shuffles x 5 folds, accuracy + unanswerable refused: 1.714
# with it in both models, 1.696 without; sentence right 0.874 against 0.866).
SPAN_FEATURES = (
    "focus",  # idf-weighted share of the question's focus words the candidate states
    "passage_focus",  # the focus share in its passage and the report's heading
    "passage_missing",  # the rarest focus word its passage lacks: its idf over the rarest focus word's
    "missing_idf",  # the rarest focus word the candidate lacks: its idf over the largest idf possible
    "focus_gap",  # its focus share minus the best candidate's
    "kind_miss",  # the question asks for a figure, time, name, reason or list, and it states none
    "dates_meeting",  # a "when" question, and it dates the meeting the question names (kind x context)
    "rank",  # 1 / (1 + the passage's rank among the retrieved, by its score before the answerer's evidence)
    "retrieval",  # that score minus the best of them
    "clause",  # a ';' clause of a longer sentence
    "measure_miss",  # the question counts in a measure ("bao nhiêu tấn") its sentence does not name
    "focus_mass",  # log(1 + the idf of the focus words the candidate states, over the largest idf)
    "pair_share",  # share of the question's focus words side by side ("dân số", "xã hội") it states side by side
)
ANSWER_FEATURES = (
    "span_score",  # the chosen candidate's score from the first model
    "focus",
    "passage_focus",
    "passage_missing",
    "missing_idf",
    "kind_miss",
    "dense",  # cosine of question and passage (0 when the dense side did not retrieve it)
    "agreement",  # both retrieval sides found the passage
    "measure_miss",
    "focus_mass",
    "pair_share",
)

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*(?:\s?%)?")
# the digits of a name, which state no figure: a code that letters lead ("C06", "B2B") and a
# network's generation ("5G", "4G"); "150km", "10.000đ" are figures
_CODE = re.compile(r"[^\W\d_]\d[\w]*|(?<![\w.,])\d[A-Z](?!\w)")
_YEAR = re.compile(r"(?<![\d.,])(19\d{2}|20\d{2})(?!\d|[.,]\d)")
_TIME_EXPR = re.compile(
    r"\b(năm \d{4}|tháng \d{1,2}([/-]\d{4})?|quý [IV\d]+|\d{1,2}/\d{1,2}(/\d{4})?|\d{1,2}-\d{1,2}-(?:19|20)\d{2}|"
    r"ngày \d{1,2}|\d+ tháng|\d+ năm|giai đoạn|đến nay|hiện nay)",
    re.IGNORECASE,
)


# the figures of a period or a day ("8 tháng năm 2024", "quý I/2022", "tháng 7/2024", "ngày 30/6"):
# a sentence that counts nothing over them states no figure ("Kết quả 8 tháng năm 2024 cho thấy …")
_PERIOD_FIGURES = re.compile(
    r"(?<![\w.,])(?:\d+ tháng (?:đầu |cuối )?năm(?: \d{4})?|quý [IV\d]+(?:/\d{4}| năm \d{4})?"
    r"|tháng \d{1,2}(?:[/-]\d{4})?|(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}"
    r"|(?:0?[1-9]|[12]\d|3[01])-(?:0?[1-9]|1[0-2])-(?:19|20)\d{2}"
    r"|(?:(?<=ngày )|(?<=sáng )|(?<=chiều )|(?<=trưa )|(?<=tối )|(?<=hôm )|(?<=nay ))"
    r"(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])"
    r"|ngày \d{1,2} tháng \d{1,2}(?: năm \d{4})?)"
    r"(?![\w.,/]*\d)",
    re.IGNORECASE,
)

ROMAN_NUMERAL = re.compile(r"^(?=.)X{0,3}(?:IX|IV|V?I{0,3})$")  # I to XXXIX: "quý III", "khóa XV"


def proper_names(text: str, *, skip_first: bool = False) -> list[str]:
    """Runs of two or more capitalised words: a place, person or body ("Cà Mau", "Nguyễn Văn An"),
    and the ministries the gazetteer knows, whole ("Bộ Y tế", whose last word is not capitalised)."""
    ministries = gazetteer.spans("ministry", text)
    found, run = [], []

    def close() -> None:
        if len(run) >= 2:
            found.append(" ".join(run))
        run.clear()

    for i, m in enumerate(re.finditer(r"[^\W\d_]+|\S", text)):
        w = m.group(0)
        inside = next(((a, b) for a, b in ministries if a <= m.start() < b), None)
        if inside:
            close()
            if m.start() == inside[0]:
                found.append(text[inside[0] : inside[1]])
            continue
        # a Roman numeral is a number ("quý III Cơ sở dữ liệu"), not part of a name
        if w[0].isupper() and w.isalpha() and not (skip_first and i == 0) and not ROMAN_NUMERAL.match(w):
            run.append(w)
            continue
        close()
    close()
    return found


# a cause ("nguyên nhân là", "do", "vì") or a purpose ("nhằm", "để", "giúp"). A question asking
# why ("vì sao", "nguyên nhân nào") is answered by a cause: a sentence of the problem and its target
# ("mới đạt 14,8%, thấp hơn mục tiêu 30%") restates it; one asking what for, by a purpose; one
# asking how ("như thế nào", "bằng cách nào"), by either.
_CAUSE_WORDS = r"nguyên nhân|lý do|do|vì|bởi|nhờ|nên"
_PURPOSE_WORDS = r"nhằm|để|giúp|mục tiêu|mục đích"
_CAUSE = re.compile(rf"(?<!\w)(?:{_CAUSE_WORDS})(?!\w)", re.I)
_PURPOSE = re.compile(rf"(?<!\w)(?:{_PURPOSE_WORDS})(?!\w)", re.I)
_REASON = re.compile(rf"(?<!\w)(?:{_CAUSE_WORDS}|{_PURPOSE_WORDS})(?!\w)", re.I)
_ASKS_CAUSE = re.compile(r"\b(?:vi sao|tai sao|nguyen nhan|ly do|do dau(?! tu))\b")  # not "do đầu tư"
_ASKS_PURPOSE = re.compile(r"\b(?:nham muc dich|de lam gi|muc dich|tac dung|muc tieu gi)\b")
# an enumeration: "như: a; b", "gồm a, b và c", items after a colon or between semicolons
_LIST = re.compile(r":\s*\S|;|(?:,[^,]+){2,}", re.I)


def new_people_or_bodies(text: str, question: str) -> bool:
    """A person (a name after a title) or a ministry or body the question does not already name."""
    asked = fold(question)
    names = [n for n in proper_names(text, skip_first=True) if len(n.split()) >= 3 or n.startswith("Bộ ")]
    return any(fold(n) not in asked for n in names)


@lru_cache(maxsize=1024)
def asks_cause(question: str) -> bool:
    """Does ``question`` ask for a cause ("vì sao", "nguyên nhân", "lý do"), read folded?"""
    return _ASKS_CAUSE.search(fold(question).lower()) is not None


@lru_cache(maxsize=1024)
def _reason_for(question: str) -> re.Pattern[str]:
    """What answers ``question`` as a reason: a cause for a why question, a purpose for a what-for
    question, either for a how question (read once per question, asked of every candidate)."""
    asked = fold(question)
    cause, purpose = bool(_ASKS_CAUSE.search(asked)), bool(_ASKS_PURPOSE.search(asked))
    if cause and not purpose:
        return _CAUSE
    if purpose and not cause:
        return _PURPOSE
    return _REASON


def states_kind(kind: str, text: str, question: str) -> bool | None:
    """Does ``text`` state the kind of answer asked for? None when the kind asks for no particular form."""
    if kind == "number":  # a figure, not a year nor the period or day it is counted over, nor one the question states
        asked = _question_figures(question)
        return any(n > asked[f] for f, n in Counter(_figures(text)).items())
    if kind == "temporal":  # a time the question does not already name ("năm 2023" of "… năm 2023 vào hôm nào?")
        asked = fold(question).lower()
        return any(
            not re.search(rf"(?<![\w/]){re.escape(fold(m.group(0)).lower())}(?![\w/])", asked)
            for m in _TIME_EXPR.finditer(text)
        )
    if kind == "who":
        return new_people_or_bodies(text, question)
    if kind == "why_how":
        return _reason_for(question).search(text) is not None
    if kind == "list":
        return _LIST.search(text) is not None
    return None


RANK = "thứ hạng"  # the measure of a rank asked for (qa/question.py measure_of)
_RANK_FOLDED = fold(RANK)  # as a question typed without accents has it
# a place in a ranking: "thứ 3", "hạng 46", "vị trí thứ 88", "top 10", "46/132" (folded)
# (read accented: "thu 25 tỷ" is "thu", not "thứ"; a meeting's number, "lần thứ 5", is no place), or a
# rank out of a total ("46/132": the total not below the place; not a day "12/1" nor "Thông tư 01/2023")
_PLACE = re.compile(
    r"(?<!\w)(?<!lần )(?<!kỳ )(?<!khóa )(?<!họp )(?:thứ|hạng|vị trí(?: thứ)?|top)\s+"
    r"(?:\d+|nhất|nhì|hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|mười)(?!\w)|(?<!\w)(?:đứng|dẫn) đầu(?!\w)"
    r"|(?<![\w.,/])(?P<n>\d{1,3})/(?P<of>\d{1,3})(?![\d/])",
    re.IGNORECASE,
)


def _states_place(text: str) -> bool:
    """Does ``text`` state a place in a ranking ("thứ 3", "xếp thứ ba", "đứng đầu", "46/132")?"""
    for m in _PLACE.finditer(nfc(text)):
        if not m.group("n") or int(m.group("of")) > max(31, int(m.group("n"))):
            return True
    return False


# money asked for by what it is ("kinh phí", "vốn", "ngân sách") is stated as an amount of a currency
_MONEY = re.compile(
    r"(?:kinh phí|chi phí|ngân sách|số tiền|tiền|số vốn|nguồn vốn|tổng vốn|vốn|giá trị|doanh thu|doanh số|"
    r"kim ngạch)(?!\w)"
)
_MONEY_FOLDED = re.compile(fold(_MONEY.pattern).replace("|tien|", "|"))  # folded, "tien" is also "tiến"


def _money_asked(measure: str, bare: bool) -> str | None:
    """The money words a measure is ("kinh phí", "vốn"), or None; bare, "tien" alone is "tiền" (what
    "bao nhieu" counts: "bao nhieu tien"), not before another word ("bao nhieu tien si": "tiến sĩ")."""
    if bare and measure.lower() == "tien":
        return "tien"
    m = (_MONEY_FOLDED if bare else _MONEY).match(measure.lower())
    return m.group(0) if m else None


# an amount: a figure with a multiplier ("412,5 tỷ đồng"), thousands ("550.000 đồng") or a currency code;
# a bare "25 đồng" is more often "25 đồng chí"
_AMOUNT = re.compile(
    r"\d(?:[\d.,]*\d)?\s*(?:(?:nghìn|ngàn|triệu|tỷ|tỉ)\s+)+(?:đồng|usd|vnđ|vnd)(?!\w)"
    r"|\d{1,3}(?:\.\d{3})+\s*(?:đồng|vnđ|vnd)(?!\w)|\d(?:[\d.,]*\d)?\s*(?:usd|vnđ|vnd)(?!\w)",
    re.IGNORECASE,
)


# What a count is asked in, in everyday words, and the units reports count it in: "bao nhiêu lần"
# is counted in "lượt" ("18,2 triệu lượt khám"). Drawn from refused tune questions and kept for what
# each changes there, every answer of dev, the distractors and the seeds compared. People who use an
# app are counted in its accounts ("bao nhiêu người dân kích hoạt VNeID": "số lượng tài khoản VNeID
# đã kích hoạt đạt trên 55,25 triệu"; x061, x062), those who download an app in "lượt" ("bao
# nhiêu người tải app": "18.700 lượt tải về"; uw19, and ud14 of the check fold) and those a policy
# serves in "đối tượng" (uz19; uv18 of the check fold); a set of papers ("bao nhiêu bộ giấy tờ") in
# "hồ sơ" (uz21); "nhóm" (group) in "tổ" (za17), "vụ" in "cuộc" (zb19), "em" in "học sinh" (zb20),
# "mắt camera" in "camera" (ve28). A measure is looked up whole, then by its first word: so "bộ"
# alone (uy22 gained, but "bao nhiêu bộ, ngành" would count ministries in files), "giấy" in
# "phiếu" (um19 gained, but "giấy phép" is no "phiếu") and "người" in any "lượt" (page views are
# no people) were narrowed or left out after a review. Left out
# for changing no tune answer: "gia đình" in "hộ", "xe" in "phương tiện", "cuộc" in "vụ", "làng" in
# "thôn"/"bản"/"ấp", "món" in "sản phẩm", "tiệm" in "hộ"/"cơ sở"; and people counted in "hồ sơ",
# which gained one tune answer (ui30) and answered another wrongly (tp23)
_COUNTED_AS = {
    "lần": ("lượt",),
    "người": ("tài khoản", "đối tượng"),
    "người tải": ("lượt",),
    "bộ giấy": ("hồ sơ",),
    "nhóm": ("tổ",),
    "vụ": ("cuộc",),
    "em": ("học sinh",),
    "mắt camera": ("camera",),
}
_COUNTED_AS_FOLDED = {fold(k): tuple(map(fold, v)) for k, v in _COUNTED_AS.items()}


# "gấp bao nhiêu lần", "tăng bao nhiêu lần so với": a ratio, not a count of times
_RATIO = re.compile(r"(?<!\w)(?:gấp(?:\s+\w+){0,2}|(?:tăng|giảm)(?:\s+\w+){0,2})\s+bao nhiêu\s+lần(?!\w)|lần\s+so với")
_RATIO_FOLDED = re.compile(fold(_RATIO.pattern))


@lru_cache(maxsize=1024)
def asks_ratio(question: str, bare: bool) -> bool:
    """Whether ``question`` asks how many times one figure is another (read folded only when bare)."""
    return (_RATIO_FOLDED.search(fold(question).lower()) if bare else _RATIO.search(nfc(question).lower())) is not None


def states_measure(
    measure: str, text: str, bare: bool, counted: bool = True, head: str | tuple[str, ...] | None = None
) -> bool:
    """Whether ``text`` names ``measure`` (qa/question.py measure_of): on word boundaries, in
    accented form (folded for a bare question); "%" is also "phần trăm", money ("kinh phí",
    "vốn") is also an amount in đồng or USD, a two-word measure is also stated with one word
    between its two after a figure ("7.150 mã số vùng" for "mã vùng"), and, unless ``counted`` is
    False (a ratio is asked), a count in the unit reports use for it ("112.460 lượt" for "lần"), and,
    given the measure's ``head`` (a word or words a figure may be counted in, where the reports do not
    bind the measure's two words: see qa/answering.py measure_head), a figure counted in one of them
    ("405 người" for "người làm …", "9.820 hồ sơ" for "bộ hồ sơ")."""
    original = nfc(text)  # the report's own words: its periods and days are written accented
    if measure == "%":
        return "%" in text or states_measure("phần trăm", text, bare)
    if measure in (RANK, _RANK_FOLDED):
        return _states_place(text)
    if _money_asked(measure, bare) and _AMOUNT.search(nfc(text)):
        return True  # "bao nhiêu kinh phí": "412,5 tỷ đồng"
    # the measure in everyday words ("máy quẹt thẻ") is stated by its official term ("máy chấp nhận
    # thẻ"); the words it counts lead them: "bao nhiêu tiền" is not stated by "trả tiền" ("giao dịch")
    said = [
        w
        for w in glosses(text)
        if (fold(w).startswith(fold(measure)) if bare else w.casefold().startswith(measure.casefold()))
    ]
    text = " . ".join((nfc(text), *said)).casefold()
    if bare:
        text, measure = fold(text), fold(measure)
    words = r"\s+".join(map(re.escape, measure.split()))
    named = re.compile(rf"(?<!\w){words}(?!\w)")
    if named.search(text):
        # a count ("bao nhiêu hộ gia đình") is not stated by shares alone ("tỷ lệ hộ gia đình … đạt
        # 82,9%"), nor by the count of a clause that does not name what it counts, at least by its
        # first word ("… xử lý 7,9 tỷ hóa đơn, tỷ lệ hộ gia đình … 81,7%"; "… với 8.312 trường,
        # chiếm 57,4% số trường tiểu học" counts "trường tiểu học")
        if not counted:
            return True
        form = (lambda t: fold(t.casefold())) if bare else str.casefold
        head = re.compile(rf"(?<!\w){re.escape(measure.split()[0])}(?!\w)")
        clauses = [c for c in _CLAUSE_BREAK.split(original) if head.search(form(c))]
        return any(map(_counts_something, clauses)) if clauses else _counts_something(original)
    scale = r"(?:\s+(?:nghìn|ngàn|triệu|tỷ|nghin|ngan|trieu|ty))?"
    heads = (head,) if isinstance(head, str) else (head or ())
    if heads:
        said_in = "|".join(r"\s+".join(map(re.escape, (fold(h) if bare else h.casefold()).split())) for h in heads)
        if re.search(rf"\d(?:[.,]?\d)*{scale}\s+(?:{said_in})(?!\w)", text):
            return True
    # a figure counted in the unit reports use for what people call otherwise: "112.460 lượt cài đặt"
    # states "bao nhiêu lần"
    # (a measure of two words is read by its first, the counted noun: "bao nhiêu lần đi khám" counts "lần")
    table, key = (_COUNTED_AS_FOLDED, fold(measure)) if bare else (_COUNTED_AS, measure.casefold())
    units = (table.get(key) or table.get(key.split()[0])) if counted else None
    said_units = "|".join(map(re.escape, units or ()))
    if units and re.search(rf"\d(?:[.,]?\d)*{scale}\s+(?:{said_units})(?!\w)", text):
        return True
    # or named as what is counted before its figure: "số lượng tài khoản VNeID đã kích hoạt đạt 55,25 triệu"
    if units and re.search(rf"(?<!\w)(?:số lượng|so luong|số|so)\s+(?:{said_units})(?!\w)[^.;:]*?\d", text):
        return True
    # a figure counted in the measure with one word between its two: "7.150 mã số vùng" states
    # "bao nhiêu mã vùng" (not "5 tài liệu" for "tài khoản": a word's syllable is not the word)
    parts = measure.split()
    if len(parts) != 2:
        return False
    split = rf"\d(?:[.,]?\d)*{scale}\s+{re.escape(parts[0])}\s+[^\W\d_]+\s+{re.escape(parts[1])}(?!\w)"
    return re.search(split, text) is not None


# where one clause of a sentence ends and another begins: a semicolon, or a comma before a space
# (a decimal comma has none: "1,2 triệu")
_CLAUSE_BREAK = re.compile(r";|,\s|\s[-–]\s")


def without_names_and_periods(text: str) -> str:
    """``text`` with the digits that state no figure blanked: a code ("C06", "5G"), and the period or
    day a figure is counted over ("6 tháng đầu năm 2024", "ngày 30/6/2024")."""
    return _CODE.sub(" ", _PERIOD_FIGURES.sub(" ", text))


def _figures(text: str) -> Iterator[str]:
    """The figures ``text`` states: not a year, nor the period or day one is counted over."""
    text = without_names_and_periods(text)
    return (f for m in _NUMBER.finditer(text) if not _YEAR.fullmatch(f := m.group(0).strip()))


@lru_cache(maxsize=1024)
def _question_figures(question: str) -> Counter[str]:
    """The figures ``question`` itself states, each as often as it does ("trong 6 tháng đã có bao
    nhiêu …": 6 once); a sentence must state some figure more often than that ("Trong số 150 xã,
    bao nhiêu xã đạt chuẩn?" is answered by "có 150 xã đạt chuẩn" only as a figure of its own)."""
    return Counter(_figures(nfc(question)))


def _counts_something(text: str) -> bool:
    """Does ``text`` state a figure that is not a share (a percentage)?"""
    return any(not f.endswith("%") for f in _figures(text))


def stated_tokens(
    focus: dict[str, float], span_tokens: frozenset[str], text: str, measure: str | None, question: str, bare: bool
) -> frozenset[str]:
    """The words a span states: its own, and the money words asked for where it states an amount
    ("bao nhiêu tiền", "bao nhiêu kinh phí": "1.284 tỷ đồng" states them)."""
    if not bare and measure and _MONEY.match(measure.lower()) and _AMOUNT.search(text):
        asked = {t for m in _MONEY.finditer(question.lower()) for t in m.group(0).split()}
        return span_tokens | (asked & focus.keys())
    money = _money_asked(measure, bare) if bare and measure else None
    if money and _AMOUNT.search(nfc(text)):  # "bao nhieu kinh phi", "bao nhieu tien"
        return span_tokens | (set(money.split()) & focus.keys())
    return span_tokens


def focus_share(focus: dict[str, float], span_tokens: frozenset[str]) -> float:
    """The idf-weighted share of the focus words (``focus``: word -> idf) that ``span_tokens`` holds."""
    return sum(w for t, w in focus.items() if t in span_tokens) / (sum(focus.values()) or 1.0)


def span_features(
    *,
    focus: dict[str, float],
    context: frozenset[str],
    span_tokens: frozenset[str],
    passage_tokens: frozenset[str],
    kind: str,
    text: str,
    question: str,
    rank: int,
    retrieval: float,
    clause: bool,
    max_idf: float,
    measure: str | None = None,
    sentence: str = "",
    bare: bool = False,
    pairs: tuple[str, ...] = (),
    head: str | tuple[str, ...] | None = None,
) -> list[float]:
    """One candidate's SPAN_FEATURES; ``focus`` maps focus words to their idf, at most ``max_idf``."""
    total = sum(focus.values()) or 1.0
    span_tokens = stated_tokens(focus, span_tokens, text, measure, question, bare)
    stated = states_kind(kind, text, question)
    restated = sum(1 for t in context if t in span_tokens) / len(context) if context else 0.0
    values = {
        "focus": focus_share(focus, span_tokens),
        "passage_focus": sum(w for t, w in focus.items() if t in passage_tokens) / total,
        "passage_missing": max((w for t, w in focus.items() if t not in passage_tokens), default=0.0)
        / max(focus.values(), default=1.0),
        "missing_idf": max((w for t, w in focus.items() if t not in span_tokens), default=0.0) / max_idf,
        "focus_gap": 0.0,  # filled in by relative_features once every candidate is scored
        "kind_miss": 1.0 if stated is False else 0.0,
        "dates_meeting": restated if kind == "temporal" and stated else 0.0,
        "rank": 1.0 / (1 + rank),
        "retrieval": max(-5.0, retrieval),
        "clause": 1.0 if clause else 0.0,
        "measure_miss": 1.0
        if measure
        and not states_measure(measure, sentence or text, bare, counted=not asks_ratio(question, bare), head=head)
        else 0.0,
        "focus_mass": math.log1p(sum(w for t, w in focus.items() if t in span_tokens) / max_idf),
        "pair_share": sum(1 for p in pairs if p in span_tokens) / len(pairs) if pairs else 1.0,
    }
    return [values[f] for f in SPAN_FEATURES]


def relative_features(rows: list[list[float]]) -> None:
    """Fill in the features that compare a candidate with the question's other candidates."""
    if not rows:
        return
    f, gap = SPAN_FEATURES.index("focus"), SPAN_FEATURES.index("focus_gap")
    best = max(r[f] for r in rows)
    for r in rows:
        r[gap] = r[f] - best


@dataclass(frozen=True)
class Linear:
    """A logistic model: ``features`` in order, their weights, a bias. ``columns`` says where each
    feature sits in the rows it scores (every computed feature, SPAN_FEATURES or ANSWER_FEATURES),
    so a model may use fewer features than are computed; None: the rows are ``features`` exactly."""

    features: tuple[str, ...]
    weights: np.ndarray
    bias: float
    columns: tuple[int, ...] | None = None

    @classmethod
    def over(cls, universe: tuple[str, ...], features, weights, bias: float) -> Linear:
        """A model of ``features`` that scores rows of ``universe``; ValueError for a feature not in it."""
        missing = [f for f in features if f not in universe]
        if missing:
            raise ValueError(f"features not computed: {', '.join(missing)}")
        weights = np.asarray(weights, dtype=np.float64)
        if weights.shape != (len(features),):
            raise ValueError(f"{len(features)} features but {weights.size} weights")
        return cls(tuple(features), weights, float(bias), tuple(universe.index(f) for f in features))

    def score(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        if self.columns is not None:
            x = x[..., list(self.columns)]
        return x @ self.weights + self.bias

    def probability(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.score(x)))

    def to_json(self) -> dict:
        return {
            "features": list(self.features),
            "weights": [round(float(w), 6) for w in self.weights],
            "bias": round(float(self.bias), 6),
        }

    @classmethod
    def from_json(cls, data: dict, universe: tuple[str, ...]) -> Linear:
        return cls.over(universe, tuple(data["features"]), data["weights"], data["bias"])


@dataclass(frozen=True)
class AnswerModel:
    """The fitted span scorer, the answerability model and its threshold."""

    span: Linear
    answerable: Linear
    threshold: float
    info: dict | None = None

    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "span": self.span.to_json(),
            "answerable": {**self.answerable.to_json(), "threshold": round(float(self.threshold), 4)},
            **({"info": self.info} if self.info else {}),
        }

    def save(self, path: Path = MODEL_FILE) -> None:
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n", "utf-8")

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> AnswerModel:
        """The fitted models; a clear error when the file is missing or was fitted for other features."""
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise RuntimeError(
                f"cannot read the answer model {path}: {exc}; run `python -m eval.answerer --write`"
            ) from exc
        try:
            if data.get("format") != FORMAT:
                raise ValueError(f"format {data.get('format')}, this version reads {FORMAT}")
            span = Linear.from_json(data["span"], SPAN_FEATURES)
            answerable = Linear.from_json(data["answerable"], ANSWER_FEATURES)
            if answerable.features[:1] != ("span_score",):
                raise ValueError("the answerability model does not start from the span score")
        except (KeyError, ValueError) as exc:
            raise RuntimeError(
                f"{path} was fitted for other features ({exc}); run `python -m eval.answerer --write`"
            ) from exc
        return cls(span, answerable, float(data["answerable"]["threshold"]), data.get("info"))
