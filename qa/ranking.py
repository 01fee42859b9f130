"""Fusing the dense and BM25 rankings with what the question says about its meeting.

Each candidate passage (found by either side) gets five features: its BM25 and dense scores
relative to the best candidate's, the share of the question's focus (what it asks, its meeting
and place left out; qa/question.py) that the passage and its report's title state, what the
answerer reads in it (the focus share of its best sentence or clause that meets every constraint
of the question, 0 when none does, 1 for the sentence giving the day of the meeting that a question
asking its date names, "… vào ngày nào?", "… khi nào?"; qa/answering.py passage_evidence), and how its
report's metadata fits the question's meeting references (ordinal, kind, body, year, month, period,
province; qa/references.py). The report is told apart by the meeting fit, the passage by the focus
and the evidence. A linear model scores them; its weights are fitted on the tune fold by
``python -m eval.ranker --write`` and stored in qa/ranker.json beside this file. A
contradiction lowers a report but never removes it: a question about 2023 may still be answered
by a 2024 report that states it.

The evidence is read for the first EVIDENCE_DEPTH candidates (ranked with it left at 0) and for
the passages of the reports ranked first (qa/retrieval.py candidate_pool) only: reading every
candidate's sentences costs ten times as much and put no other passage first on the tune fold.
The depth was 10 until 265 reports were indexed for the eval; then a tune question's passage, first
by BM25, fell to rank 11 behind newer look-alike meetings, and 15 (measured against 10 and 20, which
changed no more tune questions) brought it back: dev questions with distractors, tune hit@1 0.929 ->
0.939, hit@5 0.970 -> 0.980, at about 11 ms more per search over that collection. The ranker's
weights (qa/ranker.json) were fitted with the depth at 10 and were not refitted for it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qa.references import References, fit

WEIGHTS_FILE = Path(__file__).with_name("ranker.json")
FORMAT = 4
FEATURES = ("bm25_rel", "dense_rel", "focus", "answer_focus", "meeting_fit")
EVIDENCE = FEATURES.index("answer_focus")
EVIDENCE_DEPTH = 15


def features(
    dense: Mapping[int, float],
    sparse: Mapping[int, float],
    refs: References,
    meta_of: Callable[[int], dict],
    focus_of: Callable[[int], float] | None = None,
    only: Iterable[int] | None = None,
) -> tuple[list[int], np.ndarray]:
    """Candidate ids and their feature matrix (rows in FEATURES order), the evidence left at 0
    (add_evidence fills it in).

    bm25_rel: the passage's BM25 score over the best candidate's (0 when BM25 did not find it);
    dense_rel: ten times its cosine minus the best cosine (the worst cosine seen when the dense
    side did not find it); focus: ``focus_of(i)``, the idf-weighted share of the question's focus
    words the passage or its report's title states (0 without ``focus_of``); meeting_fit: the sum
    over ordinal, kind, body, year, month, period and province of +1 where its report's metadata agrees with the
    question, -1 where it contradicts it.
    ``dense``/``sparse`` map passage ids to scores; ``meta_of(i)`` is the passage's report metadata;
    ``only``: the rows of these ids alone, scaled as among all.
    """
    ids = sorted(set(dense) | set(sparse)) if only is None else sorted(only)
    if not ids:
        return [], np.zeros((0, len(FEATURES)), dtype=np.float32)
    d_max = max(dense.values(), default=0.0)
    d_min = min(dense.values(), default=0.0)
    s_max = max(sparse.values(), default=0.0) or 1.0
    fits: dict[str, float] = {}
    rows = []
    for i in ids:
        meta = meta_of(i)
        doc = meta.get("doc", "")
        if doc not in fits:
            fits[doc] = sum(fit(refs, meta).values()) if refs else 0.0
        focus = focus_of(i) if focus_of else 0.0
        rows.append((sparse.get(i, 0.0) / s_max, 10.0 * (dense.get(i, d_min) - d_max), focus, 0.0, fits[doc]))
    return ids, np.asarray(rows, dtype=np.float32)


def add_evidence(ids: list[int], x: np.ndarray, evidence_of: Callable[[int], float], rows: Iterable[int]) -> None:
    """Fill in the evidence feature of ``rows`` of ``x`` (in place) with ``evidence_of(ids[row])``:
    the focus share of the passage's best sentence or clause that meets every constraint of the
    question, 0 when none does."""
    for row in rows:
        x[row, EVIDENCE] = evidence_of(ids[row])


@dataclass(frozen=True)
class Ranker:
    """A linear scorer over FEATURES."""

    weights: np.ndarray
    bias: float = 0.0
    info: dict | None = None

    def score(self, x: np.ndarray) -> np.ndarray:
        return x @ self.weights + self.bias

    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "features": list(FEATURES),
            "weights": [round(float(w), 6) for w in self.weights],
            "bias": round(float(self.bias), 6),
            **({"info": self.info} if self.info else {}),
        }

    def save(self, path: Path = WEIGHTS_FILE) -> None:
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n", "utf-8")

    @classmethod
    def load(cls, path: Path = WEIGHTS_FILE, *, embedder_id: str | None = None) -> Ranker | None:
        """The fitted ranker, or None when the file is missing, was fitted for other features, or
        (given ``embedder_id``) for another embedder's scores."""
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("format") != FORMAT or data.get("features") != list(FEATURES):
            return None
        fitted_for = (data.get("info") or {}).get("embedder")
        if embedder_id is not None and fitted_for not in (None, embedder_id):
            return None
        return cls(np.asarray(data["weights"], dtype=np.float32), float(data["bias"]), data.get("info"))
