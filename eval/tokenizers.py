"""Which BM25 tokens retrieve best: syllables with bigrams, or words from a Vietnamese segmenter.

  python -m eval.tokenizers [--qa eval/qa.jsonl] [--with-distractors] [--out FILE]

Every variant indexes the same passages (the index's chunks under their headings) with bm25s and
is scored alone and fused with the same dense ranking (reciprocal rank), on the
tune and check folds and on the questions typed without diacritics. The segmenters are optional
(``pip install pyvi underthesea``); a variant whose package is missing is left out with a note.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import bm25s
import numpy as np

from eval.metrics import FOLDS, fold_of, mean_scores, retrieval_scores
from eval.run import load_qa, with_distractors
from index.store import BM25_B, BM25_K1, passage_text
from index.vietnamese import STOPWORDS, fold, nfc, tokenize, words

Tokenizer = Callable[[str], list[str]]


def _folded_stopwords(text: str) -> list[str]:
    """The tokens before stopwords were told apart in accented form (folded first, then filtered)."""
    folded_stop = {fold(w) for w in STOPWORDS}
    tokens = [fold(w) if not w[0].isdigit() else w for w in words(text)]
    pairs = [f"{a}_{b}" for a, b in zip(tokens, tokens[1:]) if not (a in folded_stop and b in folded_stop)]
    return [t for t in tokens if t not in folded_stop] + pairs


def _segmenter(name: str) -> Callable[[str], list[str]] | None:
    try:
        if name == "pyvi":
            from pyvi import ViTokenizer

            return lambda text: ViTokenizer.tokenize(text).split()
        from underthesea import word_tokenize

        return lambda text: [w.replace(" ", "_") for w in word_tokenize(text)]
    except ImportError:
        return None


def _words_of(segment: Callable[[str], list[str]], with_syllables: bool) -> Tokenizer:
    def tokens(text: str) -> list[str]:
        out: list[str] = []
        for w in segment(nfc(text).casefold()):
            if w in STOPWORDS or not any(ch.isalnum() for ch in w):
                continue
            out.append(fold(w))
        return out + (tokenize(text, bigrams=False) if with_syllables else [])

    return tokens


def variants() -> tuple[dict[str, Tokenizer], list[str]]:
    found: dict[str, Tokenizer] = {
        "syllables + bigrams (the app)": tokenize,
        "syllables only": lambda t: tokenize(t, bigrams=False),
        "syllables + bigrams, stopwords folded first": _folded_stopwords,
    }
    notes = []
    for name in ("pyvi", "underthesea"):
        segment = _segmenter(name)
        if segment is None:
            notes.append(f"{name} is not installed: left out")
            continue
        found[f"{name} words"] = _words_of(segment, False)
        found[f"{name} words + syllables"] = _words_of(segment, True)
    return found, notes


def measure(pipeline, rows: list[dict], tokenizers: dict[str, Tokenizer], k: int = 10) -> dict[str, dict]:
    """hit@1/5 and MRR per variant, BM25 alone and fused with the dense ranking, by fold."""
    index = pipeline.index
    texts = [passage_text(c.text, index.documents.get(c.doc, {})) for c in index.chunks]
    answerable = [r for r in rows if r["answers"]]
    retriever = pipeline.retriever
    depth = min(len(texts), retriever.depth)
    dense = {r["id"]: retriever.candidates(r["question"], depth, mode="dense")[0] for r in answerable}
    out: dict[str, dict] = {}
    for name, tok in tokenizers.items():
        t0 = time.perf_counter()
        bm25 = bm25s.BM25(k1=BM25_K1, b=BM25_B)
        bm25.index([tok(t) for t in texts], show_progress=False)
        build_s = time.perf_counter() - t0
        scored: dict[str, dict[str, list[dict]]] = {"bm25": {}, "hybrid": {}}
        for row in answerable:
            q_tokens = tok(retriever.restore_diacritics(row["question"]))
            scores = bm25.get_scores(q_tokens) if q_tokens else np.zeros(len(texts))
            top = np.argsort(-scores)[:depth]
            sparse = {int(i): float(scores[i]) for i in top if scores[i] > 0}
            for mode, ranking in (("bm25", sparse), ("hybrid", retriever._rrf(dense[row["id"]], sparse))):
                best = sorted(ranking, key=lambda i: -ranking[i])[:k]
                s = retrieval_scores([index.chunks[i].text for i in best], row["answers"], k)
                for group in (
                    "all",
                    fold_of(row["id"]),
                    *(["no_diacritics"] if row["type"] == "no_diacritics" else []),
                ):
                    scored[mode].setdefault(group, []).append(s)
        out[name] = {
            "build_s": round(build_s, 2),
            **{
                mode: {g: {"n": len(v), **mean_scores(v)} for g, v in groups.items()} for mode, groups in scored.items()
            },
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.tokenizers", description=__doc__.split("\n")[0])
    parser.add_argument("--qa", default="eval/qa.jsonl")
    parser.add_argument("--with-distractors", action="store_true", help="index eval/distractors/ beside the reports")
    parser.add_argument("--out", help="write the table as JSON here")
    args = parser.parse_args(argv)
    import qa
    from qa.config import load_settings

    settings = load_settings()
    if args.with_distractors:
        settings = with_distractors(settings)
    pipeline = qa.load(settings)
    tokenizers, notes = variants()
    table = measure(pipeline, load_qa(args.qa), tokenizers)
    print(f"{len(pipeline.index.chunks)} passages; hit@1 / hit@5 (tune, check, no-diacritics)")
    for name, row in table.items():
        cells = []
        for mode in ("bm25", "hybrid"):
            g = row[mode]
            cells.append(
                f"{mode}: "
                + "  ".join(f"{g[x]['hit@1']:.3f}/{g[x]['hit@5']:.3f}" for x in (*FOLDS, "no_diacritics") if x in g)
            )
        print(f"{name:<46} {' | '.join(cells)}  (build {row['build_s']} s)")
    for note in notes:
        print(note)
    if args.out:
        Path(args.out).write_text(json.dumps(table, ensure_ascii=False, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
