"""Hybrid retrieval: dense (inner product in FAISS or Qdrant) and BM25 (bm25s), fused by the fitted
ranker (qa/ranking.py: the two scores, the question's focus and meeting, and what the answerer reads
in the first few candidates and in every passage of the reports ranked first), or by reciprocal
rank where no ranker is fitted for the embedder.

Both sides see the same Vietnamese normalisation: NFC, casefolding, and diacritics folded
for BM25, so "ty le ho gia dinh" and "tỷ lệ hộ gia đình" hit the same passages. For the
dense side a bare query gets its accents back from the corpus's own words first.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Literal

import numpy as np

from index import stats as index_stats
from index.embedding import Embedder
from index.passages import report_codes
from index.stats import IdfTable, Stats
from index.store import IndexData
from index.vietnamese import fold, has_diacritics, nfc, tokenize
from qa.constraints import reviewed_periods
from qa.lexicon import asked, official_terms, stated
from qa.question import analyse
from qa.ranking import EVIDENCE_DEPTH, Ranker, add_evidence, features
from qa.references import parse as parse_references
from qa.references import period_forms

# a large collection's scores are first narrowed to those at least the depth-th best of every
# SAMPLE_STRIDE-th score: the same passages, without partitioning a million scores
SAMPLE_STRIDE = 64


def top_positive(scores: np.ndarray, depth: int) -> np.ndarray:
    """The indices of the ``depth`` largest positive ``scores`` (in no order).

    Above ``4 * SAMPLE_STRIDE * depth`` scores, the depth-th largest of every SAMPLE_STRIDE-th
    score is a floor: at least ``depth`` scores reach it, so the ``depth`` largest all do, and only
    those that reach it (about ``SAMPLE_STRIDE * depth``) are partitioned.
    """
    n = len(scores)
    if depth <= 0 or n == 0:
        return np.zeros(0, dtype=np.int64)
    if n < 4 * SAMPLE_STRIDE * depth:
        ids = np.argpartition(-scores, depth - 1)[:depth] if depth < n else np.arange(n)
        return ids[scores[ids] > 0]
    sample = scores[::SAMPLE_STRIDE]
    floor = np.partition(sample, len(sample) - depth)[len(sample) - depth]
    ids = np.flatnonzero(scores >= floor) if floor > 0 else np.flatnonzero(scores > 0)
    if len(ids) > depth:
        ids = ids[np.argpartition(-scores[ids], depth - 1)[:depth]]
    return ids[scores[ids] > 0]


def _best(scores: np.ndarray | None, depth: int) -> dict[int, float]:
    """The ``depth`` best positive ``scores`` by passage id (none without scores)."""
    return {} if scores is None else {int(i): float(scores[i]) for i in top_positive(scores, depth)}


# the reports whose every passage is a candidate of the hybrid ranker (Retriever.candidate_pool),
# at most EXPAND_PASSAGES of each (those BM25 ranks first): reports run to 36 passages in the eval
EXPAND_REPORTS = 2
EXPAND_PASSAGES = 40


def evidence_rows(ids: list[int], scores: np.ndarray, chosen: Iterable[int] = ()) -> list[int]:
    """Rows of the candidates whose evidence is read: the first EVIDENCE_DEPTH as ranked without
    it, and the ``chosen`` passages."""
    rows = [int(j) for j in np.argsort(-scores, kind="stable")[:EVIDENCE_DEPTH]]
    chosen, first = set(chosen), set(rows)
    return rows + [j for j, i in enumerate(ids) if i in chosen and j not in first]


Mode = Literal["hybrid", "dense", "bm25"]
MODES: tuple[Mode, ...] = ("hybrid", "dense", "bm25")


@dataclass(frozen=True)
class Hit:
    """A retrieved passage; ``text == report text[start:end]`` of report ``doc``."""

    doc: str
    title: str
    date: str | None
    text: str
    start: int
    end: int
    score: float
    rank: int
    chunk_id: str = ""
    dense_score: float | None = None  # cosine similarity, when the dense side saw this passage
    bm25_score: float | None = None
    # the ranker's score without the answerer's evidence (qa/ranking.py); None: no evidence was read
    prior_score: float | None = None

    def to_json(self) -> dict:
        out = asdict(self)
        del out["prior_score"]
        return out


class Retriever:
    """Searches one loaded index with one embedder."""

    def __init__(
        self,
        index: IndexData,
        embedder: Embedder,
        mode: Mode = "hybrid",
        rrf_k: int = 60,
        depth: int = 50,
        ranker: Ranker | Literal["fitted"] | None = "fitted",
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"retrieval mode must be one of {', '.join(MODES)}, not {mode!r}")
        self.index = index
        self.embedder = embedder
        self.mode = mode
        self.rrf_k = rrf_k
        self.depth = depth  # candidates taken from each side before fusion
        # hybrid fusion: the ranker fitted for this embedder's scores (qa/ranker.json), else reciprocal rank fusion
        self.ranker = Ranker.load(embedder_id=embedder.id) if ranker == "fitted" else ranker
        # what the answerer reads in a passage, for the ranker's evidence features: given the
        # question, a function of a passage; None (a retriever on its own) leaves them at 0
        self.evidence: Callable[[str], Callable[[Hit], float]] | None = None
        # word statistics written with the index; an index from before them gets them computed once
        self._stats: Stats | None = index.stats
        self._stats_lock = threading.Lock()
        docs = index.documents
        # each passage's report and meeting year as small arrays: filters never read passage text
        self._doc_names, self._chunk_doc = report_codes(index.chunks)
        self._doc_code = {doc: i for i, doc in enumerate(self._doc_names)}
        years = np.array(
            [int(docs[d]["date"][:4]) if docs.get(d, {}).get("date") else -1 for d in self._doc_names], dtype=np.int64
        )
        self._chunk_year = years[self._chunk_doc] if len(years) else np.full(len(self._chunk_doc), -1, np.int64)
        self._by_report: tuple[np.ndarray, np.ndarray] | None = None  # passage ids grouped by report

    def restore_diacritics(self, query: str) -> str:
        """The query with accents put back where it was typed without any."""
        if has_diacritics(query):
            return query
        return self.stats.restorer.restore(query)

    @property
    def stats(self) -> Stats:
        """The collection's word statistics (index/stats.py): stored with the index, else made on first use."""
        if self._stats is None:
            with self._stats_lock:
                if self._stats is None:
                    self._stats = index_stats.compute([c.text for c in self.index.chunks])
        return self._stats

    @property
    def idf(self) -> IdfTable:
        """Word rarity over the indexed passages (a bounded, even sample of them)."""
        return self.stats.idf

    def focus_share(self, query: str) -> Callable[[int], float]:
        """For passage ids: the idf-weighted share of ``query``'s focus words the passage and its
        report's label and title state (qa/question.py splits focus from context)."""
        # a question typed without diacritics is read with its accents put back, as BM25 reads it, so
        # it ranks the passages as the accented question does
        q = analyse(self.restore_diacritics(query))
        weights = {t: self.idf.idf(fold(t)) for t in q.focus}
        everyday = asked(q.text, q.bare)  # said in the passage by their official terms (qa/lexicon.py)
        total = sum(weights.values())
        chunks, documents = self.index.chunks, self.index.documents
        if not total:
            return lambda i: 0.0

        # one pass of one pattern over each candidate finds which focus words it states (on word
        # boundaries, case folded; folded throughout for a question whose accents could not be put
        # back): a tenth of the cost of tokenising every candidate
        alternatives = sorted(weights, key=len, reverse=True)
        pattern = re.compile(r"(?<![\w])(" + "|".join(map(re.escape, alternatives)) + r")(?![\w])")

        def share(i: int) -> float:
            c = chunks[i]
            meta = documents.get(c.doc, {})
            text = " ".join(str(x) for x in (meta.get("label"), meta.get("title"), c.text) if x)
            text = " . ".join((text, *stated(text, everyday))).casefold()  # with the question's everyday words
            found = set(pattern.findall(fold(text) if q.bare else nfc(text)))
            return sum(weights[t] for t in found) / total

        return share

    def dense_query(self, query: str) -> str:
        """What the embedder sees: accents restored, lower-cased, so every spelling embeds alike."""
        return self.restore_diacritics(query).lower()

    def search(
        self,
        query: str,
        k: int = 5,
        *,
        docs: Iterable[str] | None = None,
        year: int | None = None,
        mode: Mode | None = None,
    ) -> list[Hit]:
        """The ``k`` best passages for ``query``, best first; an empty list when nothing matches."""
        mode = mode or self.mode
        query = nfc(query).strip()
        n = len(self.index.chunks)
        if not query or n == 0 or k <= 0:
            return []
        allowed = self._allowed(docs, year)
        if allowed is not None and not allowed.any():
            return []
        prior: dict[int, float] = {}
        if mode == "hybrid" and self.ranker is not None:
            dense, sparse, chosen, known = self._pool(query, max(self.depth, k), allowed)
            fused, prior = self._fuse(query, dense, sparse, chosen, known)
        else:
            dense, sparse = self.candidates(query, max(self.depth, k), mode=mode, allowed=allowed)
            fused = dense if mode == "dense" else sparse if mode == "bm25" else self._rrf(dense, sparse)
        best = sorted(fused.items(), key=lambda kv: -kv[1])[:k]
        return [
            self._hit(i, score, rank, dense.get(i), sparse.get(i), prior.get(i))
            for rank, (i, score) in enumerate(best, start=1)
        ]

    def candidates(
        self, query: str, depth: int | None = None, *, mode: Mode = "hybrid", allowed: np.ndarray | None = None
    ) -> tuple[dict[int, float], dict[int, float]]:
        """Each side's best ``depth`` passages for ``query``: (dense cosine by id, BM25 score by id)."""
        depth = min(len(self.index.chunks), depth or self.depth)
        dense = self._dense(query, depth, allowed) if mode in ("dense", "hybrid") else {}
        sparse = self._bm25(query, depth, allowed) if mode in ("bm25", "hybrid") else {}
        return dense, sparse

    def candidate_pool(
        self, query: str, depth: int | None = None, *, allowed: np.ndarray | None = None
    ) -> tuple[dict[int, float], dict[int, float], set[int]]:
        """The hybrid ranker's candidates: each side's best ``depth`` passages, and every passage of
        the EXPAND_REPORTS reports the ranker puts first on them (BM25 scores by id; their own score,
        0.0 where BM25 finds none of the query's words). The report is chosen by the question's
        meeting and the words it shares with the passages found; the passage that answers may share
        few words with the rest of the question ("… được tổ chức theo hình thức nào?" after a long
        name of the body), so it is looked for in the whole report. Returns (dense, sparse, the
        ids of the reports' passages)."""
        return self._pool(query, depth, allowed)[:3]

    def _pool(
        self, query: str, depth: int | None, allowed: np.ndarray | None
    ) -> tuple[dict[int, float], dict[int, float], set[int], tuple[list[int], np.ndarray] | None]:
        """candidate_pool, and the ranker's features of the passages either side found."""
        depth = min(len(self.index.chunks), depth or self.depth)
        dense = self._dense(query, depth, allowed)
        all_scores = self._bm25_scores(query, allowed)
        sparse = _best(all_scores, depth)
        if self.ranker is None or EXPAND_REPORTS <= 0:
            return dense, sparse, set(), None
        ids, x = self.candidate_features(query, dense, sparse)
        if not ids:
            return dense, sparse, set(), None
        first = self.ranker.score(x)
        reports: list[int] = []
        for j in np.argsort(-first, kind="stable"):
            code = int(self._chunk_doc[ids[j]])
            if code not in reports:
                reports.append(code)
            if len(reports) == EXPAND_REPORTS:
                break
        chosen: set[int] = set()
        for code in reports:
            ids_of = self._passages_of(code)
            if allowed is not None:
                ids_of = ids_of[allowed[ids_of]]
            if len(ids_of) > EXPAND_PASSAGES:  # a long report: its passages BM25 ranks first
                ranked = np.argsort(-all_scores[ids_of], kind="stable") if all_scores is not None else slice(None)
                ids_of = ids_of[ranked][:EXPAND_PASSAGES]
            chosen.update(int(i) for i in ids_of)
        for i in chosen:
            if i not in sparse and i not in dense:
                sparse[i] = float(all_scores[i]) if all_scores is not None else 0.0
        return dense, sparse, chosen, (ids, x)

    def _passages_of(self, code: int) -> np.ndarray:
        """The passage ids of report ``code``, in order (grouped once, on first use)."""
        if self._by_report is None:
            order = np.argsort(self._chunk_doc, kind="stable")
            bounds = np.searchsorted(self._chunk_doc[order], np.arange(len(self._doc_names) + 1))
            self._by_report = (order, bounds)
        order, bounds = self._by_report
        return order[bounds[code] : bounds[code + 1]]

    def _allowed(self, docs: Iterable[str] | None, year: int | None) -> np.ndarray | None:
        if docs is None and year is None:
            return None
        mask = np.ones(len(self.index.chunks), dtype=bool)
        if docs is not None:
            mask &= np.isin(self._chunk_doc, [self._doc_code[d] for d in docs if d in self._doc_code])
        if year is not None:
            mask &= self._chunk_year == int(year)
        return mask

    def _dense(self, query: str, depth: int, allowed: np.ndarray | None) -> dict[int, float]:
        vec = self.embedder.embed_query(self.dense_query(query)).reshape(1, -1).astype(np.float32)
        ids = None
        if allowed is not None:
            ids = np.flatnonzero(allowed).astype(np.int64)
            depth = min(depth, len(ids))
        scores, found = self.index.dense.search(vec, depth, ids)
        # passages of equal score (the same text twice) in the order of their ids, whichever store
        # returned them and in whatever order: FAISS and Qdrant break such ties differently
        return {int(i): float(s) for s, i in sorted(zip(scores.tolist(), found.tolist()), key=lambda p: (-p[0], p[1]))}

    def _bm25(self, query: str, depth: int, allowed: np.ndarray | None) -> dict[int, float]:
        return _best(self._bm25_scores(query, allowed), depth)

    def _bm25_scores(self, query: str, allowed: np.ndarray | None) -> np.ndarray | None:
        """Every passage's BM25 score for ``query`` (0 outside ``allowed``); None without a word to search."""
        tokens = bm25_terms(self.restore_diacritics(query))
        if not tokens:
            return None
        scores = self.index.bm25.get_scores(tokens)[: len(self.index.chunks)]
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        return scores

    def fuse(self, query: str, dense: dict[int, float], sparse: dict[int, float]) -> dict[int, float]:
        """One score per candidate from both rankings, the question's meeting references and what
        the answerer reads in the first few."""
        return self._fuse(query, dense, sparse)[0]

    def _fuse(
        self,
        query: str,
        dense: dict[int, float],
        sparse: dict[int, float],
        chosen: Iterable[int] = (),
        known: tuple[list[int], np.ndarray] | None = None,
    ) -> tuple[dict[int, float], dict[int, float]]:
        """(fused scores, the scores without the answerer's evidence; empty when none was read).
        ``chosen``: passages of the reports put first (candidate_pool), whose evidence is read too;
        ``known``: features already computed for some candidates."""
        if self.ranker is None:
            return self._rrf(dense, sparse), {}
        ids, x = self.candidate_features(query, dense, sparse, known)
        scores = self.ranker.score(x)
        if self.evidence is None or not ids:
            return dict(zip(ids, scores.tolist())), {}
        prior = dict(zip(ids, scores.tolist()))
        # the first few, as ranked without it, and the chosen reports' passages get their evidence read
        rows = evidence_rows(ids, scores, chosen)
        add_evidence(ids, x, self.evidence_of(query), rows)
        return dict(zip(ids, self.ranker.score(x).tolist())), prior

    def evidence_of(self, query: str) -> Callable[[int], float]:
        """For passage ids: what the answerer reads in the passage for ``query`` (0.0 without one)."""
        if self.evidence is None:
            return lambda i: 0.0
        read = self.evidence(query)
        return lambda i: read(self._hit(i, 0.0, 1, None, None))

    def candidate_features(
        self,
        query: str,
        dense: dict[int, float],
        sparse: dict[int, float],
        known: tuple[list[int], np.ndarray] | None = None,
    ) -> tuple[list[int], np.ndarray]:
        """Candidate ids and their feature rows (qa/ranking.py features); ``known``: the rows
        already computed for some of them (a report's passages added to the candidates scale
        nothing anew), so only the others are."""
        documents = self.index.documents
        compute = lambda only=None: features(  # noqa: E731
            dense,
            sparse,
            parse_references(query),
            lambda i: documents.get(self._doc_names[self._chunk_doc[i]], {}),
            self.focus_share(query),
            only,
        )
        if known is None:
            return compute()
        ids0, x0 = known
        added, x1 = compute((set(dense) | set(sparse)) - set(ids0))
        ids = ids0 + added
        order = np.argsort(ids, kind="stable")
        return [ids[j] for j in order], np.vstack([x0, x1])[order]

    def _rrf(self, dense: dict[int, float], sparse: dict[int, float]) -> dict[int, float]:
        fused: dict[int, float] = {}
        for ranking in (dense, sparse):
            for rank, i in enumerate(sorted(ranking, key=lambda j: -ranking[j]), start=1):
                fused[i] = fused.get(i, 0.0) + 1.0 / (self.rrf_k + rank)
        return fused

    def _hit(
        self, i: int, score: float, rank: int, dense: float | None, sparse: float | None, prior: float | None = None
    ) -> Hit:
        c = self.index.chunks[i]
        meta = self.index.documents.get(c.doc, {})
        return Hit(
            doc=c.doc,
            title=meta.get("title", c.doc),
            date=meta.get("date"),
            text=c.text,
            start=c.start,
            end=c.end,
            score=round(score, 6),
            rank=rank,
            chunk_id=c.id,
            dense_score=None if dense is None else round(dense, 6),
            bm25_score=None if sparse is None else round(sparse, 6),
            prior_score=None if prior is None else round(prior, 6),
        )


def bm25_terms(question: str) -> list[str]:
    """The words BM25 looks for: the question's own (stopwords told apart in accented form), the
    official terms of its everyday words ("người lớn": "người trưởng thành"; qa/lexicon.py), and
    the new words of the other written forms of a period the figure is asked for ("ba tháng đầu
    năm 2022": "quý I/2022"), not of the period a meeting reviews ("hội nghị giữa năm 2023": that
    is matched against the reports' metadata). ``question``: its diacritics restored where it had
    none."""
    tokens = tokenize(question)
    for term in official_terms(question, not has_diacritics(question)):
        tokens += tokenize(term)
    for period in sorted(parse_references(question).periods - reviewed_periods(question)):
        for form in period_forms(period):
            tokens += [t for t in tokenize(form) if t not in tokens]
    return tokens
