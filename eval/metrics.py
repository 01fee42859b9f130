"""Metric definitions shared by the evaluation, the regression gate and the tests.

A passage or an answer "contains" a gold string when the gold string, in canonical form
(NFC, casefolded, Vietnamese numbers normalised), is a substring of its canonical form.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from index.vietnamese import canonical


def contains_gold(text: str, golds: Sequence[str]) -> bool:
    """True when any gold string appears in ``text`` (canonical forms compared)."""
    body = canonical(text)
    return any(canonical(g) in body for g in golds if g.strip())


def first_relevant_rank(passages: Sequence[str], golds: Sequence[str]) -> int | None:
    """1-based rank of the first passage containing a gold string, or None."""
    for rank, text in enumerate(passages, start=1):
        if contains_gold(text, golds):
            return rank
    return None


def retrieval_scores(passages: Sequence[str], golds: Sequence[str], k: int = 10) -> dict[str, float]:
    """hit@1/5/10, reciprocal rank and nDCG over the top ``k`` passages for one question."""
    rels = [1.0 if contains_gold(t, golds) else 0.0 for t in passages[:k]]
    first = next((i + 1 for i, r in enumerate(rels) if r), None)
    dcg = sum(r / math.log2(i + 2) for i, r in enumerate(rels))
    ideal = sum(1.0 / math.log2(i + 2) for i in range(int(sum(rels)))) or 1.0
    return {
        "hit@1": float(first == 1),
        "hit@5": float(first is not None and first <= 5),
        "hit@10": float(first is not None and first <= 10),
        f"mrr@{k}": 1.0 / first if first else 0.0,
        f"ndcg@{k}": dcg / ideal if sum(rels) else 0.0,
    }


def mean_scores(rows: Sequence[dict[str, float]]) -> dict[str, float]:
    """Average each metric over the rows (empty input -> empty dict)."""
    if not rows:
        return {}
    return {key: round(sum(r[key] for r in rows) / len(rows), 4) for key in rows[0]}
