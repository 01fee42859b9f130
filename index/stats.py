"""Word statistics of a collection, computed when the index is written and stored beside it
(``stats.json``), so the app starts without reading every passage again: the document frequency
of each BM25 token (for the answerer's idf weights) and the accent model's counts (for questions
typed without diacritics). Both come from an even sample of at most STATISTICS_PASSAGES passages:
the statistics settle long before that many.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from index.vietnamese import DiacriticRestorer, tokenize

STATS = "stats.json"
STATISTICS_PASSAGES = 50_000
FORMAT = 1
T = TypeVar("T")


def spread(items: Sequence[T], limit: int) -> Sequence[T]:
    """At most ``limit`` of ``items``, evenly spaced (all of them when there are no more than that)."""
    return items[:: max(1, -(-len(items) // limit))]


class IdfTable:
    """Inverse document frequencies of folded BM25 tokens over the indexed passages."""

    def __init__(self, n: int, df: dict[str, int]) -> None:
        self.n = max(1, n)
        self.df = df

    @classmethod
    def of(cls, passages: Sequence[str]) -> IdfTable:
        df: Counter[str] = Counter()
        for p in passages:
            df.update(set(tokenize(p)))
        return cls(len(passages), dict(df))

    def idf(self, token: str) -> float:
        return math.log(1 + (self.n - self.df.get(token, 0) + 0.5) / (self.df.get(token, 0) + 0.5))


@dataclass(frozen=True)
class Stats:
    idf: IdfTable
    restorer: DiacriticRestorer


def compute(passages: Sequence[str], limit: int | None = None) -> Stats:
    sample = list(spread(passages, limit or STATISTICS_PASSAGES))
    return Stats(IdfTable.of(sample), DiacriticRestorer(sample))


def write(folder: Path, passages: Sequence[str]) -> None:
    """``stats.json`` in the (new) index ``folder``, from the collection's ``passages``."""
    stats = compute(passages)
    data = {"format": FORMAT, "n": stats.idf.n, "df": stats.idf.df, "accents": stats.restorer.to_json()}
    (folder / STATS).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")


def read(folder: Path) -> Stats | None:
    """The statistics stored in ``folder``; None for an index written before they were (or unreadable)."""
    try:
        data = json.loads((folder / STATS).read_text("utf-8"))
        if data.get("format") != FORMAT:
            return None
        return Stats(IdfTable(int(data["n"]), data["df"]), DiacriticRestorer.from_json(data["accents"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
