"""Metric definitions shared by the evaluation, the regression gate and the tests.

A passage or an answer "contains" a gold string when the gold string, in canonical form
(NFC, casefolded, Vietnamese numbers normalised), is a substring of its canonical form.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

from index.vietnamese import canonical

FOLDS = ("tune", "check")


def fold_of(qid: str) -> str:
    """The fold of a Q&A item: "check" for one id in three (by hash), "tune" for the rest.

    Weights, thresholds and word lists are chosen on tune only; check tells whether they generalise.
    """
    return "check" if int(hashlib.sha1(qid.encode()).hexdigest(), 16) % 3 == 0 else "tune"


def contains_gold(text: str, golds: Sequence[str]) -> bool:
    """True when any gold string appears in ``text`` (canonical forms compared)."""
    body = canonical(text)
    return any(canonical(g) in body for g in golds if g.strip())


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


def answer_flags(
    answer_text: str, refused: bool, cited_texts: Sequence[str], golds: Sequence[str], evidence: str = ""
) -> dict[str, bool | None]:
    """Correctness flags of one answer against one Q&A row (definitions in docs/architecture.md).

    correct: answerable, not refused, a gold string in the answer; for unanswerable rows, refused.
    supported: among correct answers to answerable rows, a cited passage contains a gold string.
    cited_precise: each cited passage contains a gold string or overlaps the evidence.
    """
    answerable = any(g.strip() for g in golds)
    if not answerable:
        return {
            "answerable": False,
            "correct": refused,
            "supported": None,
            "refused": refused,
            "cited_precise": None,
        }
    correct = (not refused) and contains_gold(answer_text, golds)
    supported = any(contains_gold(t, golds) for t in cited_texts) if correct else None
    ev = canonical(evidence)
    precise = [
        contains_gold(t, golds) or (bool(ev) and (canonical(t) in ev or ev in canonical(t))) for t in cited_texts
    ]
    return {
        "answerable": True,
        "correct": correct,
        "supported": supported,
        "refused": refused,
        "cited_precise": (sum(precise) / len(precise)) if precise else None,
    }


def answer_summary(flags: Sequence[dict]) -> dict[str, float | int | None]:
    """answer_accuracy, citation_support, citation_precision, refusal_accuracy, false_refusal."""
    ans = [f for f in flags if f["answerable"]]
    una = [f for f in flags if not f["answerable"]]
    correct = [f for f in ans if f["correct"]]
    precise = [f["cited_precise"] for f in ans if f["cited_precise"] is not None]

    def ratio(num: int | float, den: int) -> float | None:
        return round(num / den, 4) if den else None

    return {
        "n": len(flags),
        "answerable": len(ans),
        "unanswerable": len(una),
        "answer_accuracy": ratio(len(correct), len(ans)),
        "citation_support": ratio(sum(1 for f in correct if f["supported"]), len(correct)),
        "citation_precision": ratio(sum(precise), len(precise)),
        "refusal_accuracy": ratio(sum(1 for f in una if f["refused"]), len(una)),
        "false_refusal": ratio(sum(1 for f in ans if f["refused"]), len(ans)),
    }


# The regression gate (tests/test_eval.py): the dev set may not fall below these. Set at what the
# default configuration reaches on eval/qa.jsonl (375 questions since the 160 blind seed questions:
# accuracy 0.923, citation support 1.0, refusal 0.921; 215 before: 0.888, 1.0, 0.975) minus about one
# question. The refusal threshold maximises accuracy plus
# refusal on the tune fold (eval/answerer.py THRESHOLDS): accuracy fell from 0.910 and refusal rose
# from 0.926 when it replaced a 4% ceiling on answerable questions refused.
FLOORS = {"answer_accuracy": 0.91, "citation_support": 0.97, "refusal_accuracy": 0.90}
# and retrieval over the seeds (248 answerable questions: hit@1 0.956, hit@5 1.0; 134 before: 0.955,
# 1.0) minus about one question
RETRIEVAL_FLOORS = {"hit@1": 0.94, "hit@5": 0.99}
# and with the reports of eval/distractors/ indexed beside the seeds (458 reports, 276 answerable questions:
# 0.877 / 0.971; 442 reports: 0.877 / 0.967, where 427 reports gave 0.884 / 0.964 until the metadata mends of
# text v30 gave zw01, zw06, zw08 and zy08 their real headlines and dates: two dev questions' passages fell
# from first, x004's behind zw06, a Cà Mau session's "tổ công nghệ số cộng đồng"; 323 reports, 273 answerable
# questions: 0.886 / 0.960, 214 before the last 80 blind seed questions: 0.893 / 0.963; with 164 reports and
# 145 questions 0.903 / 0.965; with 148 reports 0.910 / 0.972 since the ranker reads the answerer's evidence,
# 0.854 / 0.944 before; with 71 reports it was 0.886 / 0.979, with 100 0.893 / 0.964, with 116 0.879 / 0.957,
# with 132 0.886 / 0.957: the look-alike series, the 2022 national conference on online public services and
# the eighth blind batch's national and social-security meetings push a few seed passages down)
DISTRACTOR_RETRIEVAL_FLOORS = {"hit@1": 0.87, "hit@5": 0.95}
