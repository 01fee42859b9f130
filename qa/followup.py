"""Follow-up questions: "Còn năm 2023 thì sao?" after a question about 2024 becomes the full question.

The full question keeps the previous one's meeting and time references except those the follow-up
names anew (a year, a meeting number), so retrieval prefers the same meeting as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.vietnamese import fold, has_diacritics, nfc, ordinals

_YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")
# Openers and closers of an elliptical follow-up, matched in accented form ("Cơn bão …", "Côn Đảo …",
# "Con số …" open no follow-up), folded only for a question typed without diacritics.
_FOLLOWUP = re.compile(r"^(còn|thế còn|vậy còn|còn về)(?!\w)|(?<!\w)(thì sao|thì thế nào)\s*\??$")
_FOLLOWUP_FOLDED = re.compile(r"^(con|the con|vay con|con ve)\b|\b(thi sao|thi the nao)\s*\??$")
_FILLER = re.compile(
    r"^\s*(còn|thế còn|vậy còn|và|còn về)\s+|\s*(thì sao|thế nào|ra sao|thì thế nào)\s*\??\s*$", re.IGNORECASE
)


def is_followup(question: str) -> bool:
    """Short, elliptical questions that lean on the previous one."""
    q = nfc(question).strip().lower()
    pattern, q = (_FOLLOWUP, q) if has_diacritics(q) else (_FOLLOWUP_FOLDED, fold(q))
    return bool(pattern.search(q)) and len(q.split()) <= 12


def resolve_followup(question: str, history: Sequence[str]) -> str:
    """The question to answer, given the previous user questions (oldest first)."""
    question = nfc(question).strip()
    previous = next((h for h in reversed(history) if h and h.strip()), None)
    if previous is None or not is_followup(question):
        return question
    previous = nfc(previous).strip()
    # a new meeting number replaces the previous question's ("Còn phiên họp thứ Năm thì sao?")
    new_ordinals, old_ordinals = ordinals(question), ordinals(previous)
    if new_ordinals and old_ordinals:
        start, end, _ = old_ordinals[0]
        previous = f"{previous[:start]}thứ {new_ordinals[0][2]}{previous[end:]}"
    new_years = _YEAR.findall(question)
    if new_years and _YEAR.search(previous):
        years = iter(new_years)
        last = new_years[-1]
        return _YEAR.sub(lambda m: next(years, last), previous)
    if new_ordinals and old_ordinals:
        return previous
    topic = _FILLER.sub(" ", question).strip(" ?")
    if not topic:
        return previous
    return f"{previous.rstrip(' ?')} — {topic}?"
