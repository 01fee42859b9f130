"""Fit the hybrid ranker's weights on the tune fold, and measure them against reciprocal rank fusion.

  python -m eval.ranker [--write] [--cv 5] [--C 1.0] [--out FILE] [--period-grace]

Training questions are the answerable ones of eval/qa.jsonl and eval/distractors.qa.jsonl in the
tune fold, asked over the reports plus eval/distractors/; every passage either side retrieves, and
every passage of the reports the stored ranker puts first (Retriever.candidate_pool), is a
candidate, labelled by whether it holds a gold answer, with the evidence the answerer reads in
it (qa/ranking.py); the weights come from a logistic regression over every candidate, the meeting
fit's from the order of the first few (fit). The reports whose passages all count are those the
stored ranker chooses, for every ranker measured here: a new fit may choose others when it serves,
so a fit is written only after ``python -m eval`` has measured it. RRF is measured on the passages
either side retrieves.
The check fold is never seen by the fit. Reported: hit@1/hit@5 for RRF and for the ranker on
each fold, seeds alone and with the distractors, and k-fold cross-validation over all questions.
``--write`` stores the tune-fold fit in qa/ranker.json. ``--period-grace`` measures, on the tune
fold, how many months after a period's end a meeting still fits it (qa.references.PERIOD_GRACE).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from eval.metrics import FOLDS, contains_gold, fold_of
from eval.run import load_qa, with_distractor_answers, with_distractors
from qa.ranking import EVIDENCE, EVIDENCE_DEPTH, FEATURES, Ranker, add_evidence

DEV = "eval/qa.jsonl"
DISTRACTOR_QA = "eval/distractors.qa.jsonl"


@dataclass
class Sample:
    """One question's candidates: features, labels, and RRF scores to compare with."""

    row: dict
    ids: list[int]
    x: np.ndarray
    y: np.ndarray
    rrf: np.ndarray
    chosen: frozenset[int] = frozenset()  # rows of the chosen reports' passages (Retriever.candidate_pool)


def collect(pipeline, rows: list[dict]) -> list[Sample]:
    retriever = pipeline.retriever
    samples = []
    for row in rows:
        if not row["answers"]:
            continue
        dense, sparse, chosen = retriever.candidate_pool(row["question"])
        ids, x = retriever.candidate_features(row["question"], dense, sparse)
        # every candidate's evidence, not only the first few's: the fit sees what each would bring
        add_evidence(ids, x, retriever.evidence_of(row["question"]), range(len(ids)))
        rrf = retriever._rrf(*retriever.candidates(row["question"]))  # as RRF serves: no report's passages added
        chunks = pipeline.index.chunks
        y = np.array([contains_gold(chunks[i].text, row["answers"]) for i in ids], dtype=np.int8)
        rows_chosen = frozenset(j for j, i in enumerate(ids) if i in chosen)
        samples.append(Sample(row, ids, x, y, np.array([rrf.get(i, 0.0) for i in ids]), rows_chosen))
    return samples


LAMBDAS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2, 2.0)


def fit(samples: list[Sample], c: float = 0.1) -> Ranker:
    """Weights of the two retrieval scores, the focus share and the evidence, then of the meeting fit (the last).

    The first weights come from a logistic regression of "holds a gold answer" on them (classes
    balanced, strongly regularised). The meeting fit is nearly redundant with BM25 over all
    candidates (a passage's heading names its meeting), so a pointwise fit gives it no weight;
    what it decides is the order of the first few, so its weight is the one of LAMBDAS that puts
    a gold passage first most often on these samples (then the best MRR, then the smallest).
    """
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([s.x[:, :-1] for s in samples])
    y = np.concatenate([s.y for s in samples])
    base = LogisticRegression(C=c, class_weight="balanced", max_iter=5000).fit(x, y).coef_[0]

    def quality(lam: float) -> tuple[float, float, float]:
        ranker = Ranker(np.array([*base, lam], dtype=np.float32))
        m = hits(samples, lambda s: as_retrieved(ranker, s.x, s.chosen))
        return m["hit@1"], m["mrr"], -lam

    best = max(LAMBDAS, key=quality)
    return Ranker(np.array([*base, best], dtype=np.float32))


def as_retrieved(ranker: Ranker, x: np.ndarray, chosen: frozenset[int] = frozenset()) -> np.ndarray:
    """The ranker's scores as the retriever computes them: the evidence counts for the first
    EVIDENCE_DEPTH candidates, as ranked without it, and the ``chosen`` rows (the passages of the
    reports put first) only (qa/retrieval.py _fuse)."""
    seen = x.copy()
    seen[:, EVIDENCE] = 0.0
    first = list(np.argsort(-ranker.score(seen), kind="stable")[:EVIDENCE_DEPTH]) + sorted(chosen)
    seen[first, EVIDENCE] = x[first, EVIDENCE]
    return ranker.score(seen)


def _without(s: Sample, feature: str) -> Sample:
    """``s`` with ``feature`` zeroed: what the ranker sees without it (an ablation)."""
    x = s.x.copy()
    x[:, FEATURES.index(feature)] = 0.0
    return Sample(s.row, s.ids, x, s.y, s.rrf, s.chosen)


def hits(samples: list[Sample], scorer) -> dict[str, float]:
    """hit@1, hit@5 and MRR@10 of a scorer (sample -> scores) over samples."""
    h1 = h5 = rr = 0.0
    for s in samples:
        order = np.argsort(-scorer(s), kind="stable")
        first = next((r for r, j in enumerate(order) if s.y[j]), None)
        h1 += first == 0
        h5 += first is not None and first < 5
        rr += 1.0 / (first + 1) if first is not None and first < 10 else 0.0
    n = max(1, len(samples))
    return {"n": len(samples), "hit@1": round(h1 / n, 3), "hit@5": round(h5 / n, 3), "mrr": round(rr / n, 3)}


def _fold5(qid: str, k: int) -> int:
    return int(hashlib.sha1(qid.encode()).hexdigest(), 16) // 3 % k  # independent of the tune/check split


def cross_validate(samples: list[Sample], k: int, c: float) -> dict[str, dict[str, float]]:
    """k-fold over all questions: fit on k-1 parts, score the held-out part; mean and sd per measure."""
    per: dict[str, list[float]] = {"hit@1": [], "hit@5": []}
    for part in range(k):
        train = [s for s in samples if _fold5(s.row["id"], k) != part]
        test = [s for s in samples if _fold5(s.row["id"], k) == part]
        ranker = fit(train, c)
        m = hits(test, lambda s, r=ranker: as_retrieved(r, s.x, s.chosen))
        for key in per:
            per[key].append(m[key])
    return {key: {"mean": round(float(np.mean(v)), 3), "sd": round(float(np.std(v)), 3)} for key, v in per.items()}


GRACES = (0, 1, 2, 3)


def sweep_grace(pipeline, rows: list[dict], c: float) -> dict[int, dict[str, float]]:
    """hit@1 and MRR on the tune fold for each PERIOD_GRACE, the ranker refitted each time."""
    from qa import references

    chosen = references.PERIOD_GRACE
    out = {}
    try:
        for grace in GRACES:
            references.PERIOD_GRACE = grace
            tune = [s for s in collect(pipeline, rows) if fold_of(s.row["id"]) == "tune"]
            ranker = fit(tune, c)
            out[grace] = hits(tune, lambda s, r=ranker: as_retrieved(r, s.x, s.chosen))
    finally:
        references.PERIOD_GRACE = chosen
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.ranker", description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="store the tune-fold fit in qa/ranker.json")
    parser.add_argument("--cv", type=int, default=5, help="folds of the cross-validation (0 = none)")
    parser.add_argument("--C", type=float, default=0.1, help="inverse regularisation of the scores' weights")
    parser.add_argument("--out", help="write the measurements as JSON here")
    parser.add_argument("--period-grace", action="store_true", help="measure PERIOD_GRACE's values on tune")
    args = parser.parse_args(argv)
    import qa
    from qa.config import load_settings

    settings = load_settings()
    dev, extra = load_qa(DEV), load_qa(DISTRACTOR_QA)
    mixed_pipeline = qa.load(with_distractors(settings))
    settings_embedder_id = mixed_pipeline.embedder.id  # the dense scores the weights are fitted to
    conditions = {
        "seeds": collect(qa.load(settings), dev),
        "seeds + distractors": collect(mixed_pipeline, with_distractor_answers(dev) + extra),
    }
    mixed = conditions["seeds + distractors"]
    asked_of_distractors = {r["id"] for r in extra}
    report: dict = {}
    if args.period_grace:
        sweep = sweep_grace(mixed_pipeline, with_distractor_answers(dev) + extra, args.C)
        # ties go to the longer grace: the one that contradicts fewer reports
        best = max(GRACES, key=lambda g: (sweep[g]["hit@1"], sweep[g]["mrr"], g))
        for grace, m in sweep.items():
            print(f"period grace {grace} months: tune hit@1 {m['hit@1']:.3f} MRR {m['mrr']:.3f}")
        print(f"best on tune: {best} (qa.references.PERIOD_GRACE)")
        report["period grace sweep, tune"] = {str(g): m for g, m in sweep.items()} | {"best": best}
    tune = [s for s in mixed if fold_of(s.row["id"]) == "tune"]
    ranker = fit(tune, args.C)
    report = {"weights": dict(zip(FEATURES, [round(float(w), 3) for w in ranker.weights])), **report}
    no_fit = Ranker(np.array([*ranker.weights[:-1], 0.0], dtype=np.float32))
    no_focus = fit([_without(s, "focus") for s in tune], args.C)
    no_evidence = fit([_without(s, "answer_focus") for s in tune], args.C)
    scorers = {
        "rrf": lambda s: s.rrf,
        "bm25": lambda s: s.x[:, 0],
        "ranker without meeting fit": lambda s: as_retrieved(no_fit, s.x, s.chosen),
        "ranker without focus": lambda s: as_retrieved(no_focus, _without(s, "focus").x, s.chosen),
        "ranker without evidence": lambda s: no_evidence.score(_without(s, "answer_focus").x),
        "ranker": lambda s: as_retrieved(ranker, s.x, s.chosen),
    }
    for name, samples in conditions.items():
        for subset, chosen in (
            ("dev", [s for s in samples if s.row["id"] not in asked_of_distractors]),
            ("distractor questions", [s for s in samples if s.row["id"] in asked_of_distractors]),
        ):
            for fold in FOLDS:
                part = [s for s in chosen if fold_of(s.row["id"]) == fold]
                if part:
                    report[f"{name} | {subset} | {fold}"] = {k: hits(part, f) for k, f in scorers.items()}
    if args.cv:
        report[f"{args.cv}-fold CV, seeds + distractors, all questions"] = cross_validate(mixed, args.cv, args.C)
        report[f"{args.cv}-fold CV, seeds alone, dev"] = cross_validate(conditions["seeds"], args.cv, args.C)
    for key, value in report.items():
        if isinstance(value, dict) and "ranker" in value:
            cells = "  ".join(f"{k}: {v['hit@1']:.3f}/{v['hit@5']:.3f}" for k, v in value.items())
            print(f"{key:<48} n={value['rrf']['n']:<4} {cells}")
        else:
            print(f"{key:<48} {json.dumps(value, ensure_ascii=False)}")
    if args.write:
        info = {
            "embedder": settings_embedder_id,
            "fitted": date.today().isoformat(),
            "on": f"tune fold of {DEV} and {DISTRACTOR_QA} over seeds + eval/distractors ({len(tune)} questions)",
            "C": args.C,
        }
        Ranker(ranker.weights, ranker.bias, info).save()
        print("written: qa/ranker.json")
    if args.out:
        Path(args.out).write_text(json.dumps(report, ensure_ascii=False, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
