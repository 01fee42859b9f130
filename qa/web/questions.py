"""Questions: POST /api/ask and /api/search, their typed requests and responses, and the rules
every question obeys whichever way it comes in (the chat and /v1 use ``check_question`` too)."""

from __future__ import annotations

import logging
import time
from typing import Literal

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field, field_validator

from qa.answering import Answer
from qa.pipeline import Pipeline
from qa.retrieval import Hit

router = APIRouter()
log = logging.getLogger("meetingqa.api")

MAX_QUESTION_CHARS = 2000
MAX_HISTORY = 20


def check_question(value: str) -> str:
    """The rules every question obeys, whichever endpoint it comes through."""
    if not value.strip():
        raise ValueError("the question is empty")
    if len(value) > MAX_QUESTION_CHARS:
        raise ValueError(f"the question is longer than {MAX_QUESTION_CHARS} characters")
    if any(ord(ch) < 32 and ch not in "\n\t\r" for ch in value):
        raise ValueError("the question contains control characters")
    return value


class SearchRequest(BaseModel):
    question: str = Field(..., description="The question, in Vietnamese (with or without diacritics)")
    top_k: int = Field(5, ge=1, le=20)
    docs: list[str] | None = Field(None, description="Only these reports (file names)")
    year: int | None = Field(None, ge=1900, le=2100, description="Only meetings in this year")

    @field_validator("question")
    @classmethod
    def _question(cls, value: str) -> str:
        return check_question(value)


class Turn(BaseModel):
    role: Literal["user", "assistant"]
    content: str = Field(..., max_length=20_000)


class AskRequest(SearchRequest):
    history: list[Turn | str] = Field(
        default_factory=list,
        max_length=MAX_HISTORY,
        description="Earlier turns, oldest first: strings (earlier questions) or {role, content} objects; "
        "lets a follow-up like 'Còn năm 2023 thì sao?' be answered in full",
    )

    def previous_questions(self) -> list[str]:
        return [t if isinstance(t, str) else t.content for t in self.history if isinstance(t, str) or t.role == "user"]


class Source(BaseModel):
    n: int
    doc: str
    title: str
    date: str | None
    text: str
    start: int
    end: int
    score: float


class SearchResponse(BaseModel):
    sources: list[Source]
    timings_ms: dict[str, float]


class AskResponse(BaseModel):
    answer: str = Field(..., description="Short answer; [n] refers to sources[n-1]")
    refused: bool = Field(..., description="True when the reports do not say; sources are then possibly related")
    sources: list[Source]
    citations: list[int]
    timings_ms: dict[str, float]


def source_of(hit: Hit, n: int) -> Source:
    return Source(
        n=n,
        doc=hit.doc,
        title=hit.title,
        date=hit.date,
        text=hit.text,
        start=hit.start,
        end=hit.end,
        score=hit.score,
    )


def ask_response(answer: Answer, total_ms: float) -> AskResponse:
    return AskResponse(
        answer=answer.text,
        refused=answer.refused,
        sources=[source_of(h, n) for n, h in enumerate(answer.sources, start=1)],
        citations=answer.citations,
        timings_ms={**answer.timings_ms, "total": round(total_ms, 2)},
    )


def _pipeline(request: Request) -> Pipeline:
    return request.app.state.pipeline


def _check_docs(p: Pipeline, docs: list[str] | None) -> None:
    unknown = [d for d in docs or [] if d not in p.documents]
    if unknown:
        shown = ", ".join(repr(d[:80]) for d in unknown[:5])
        raise HTTPException(status_code=404, detail=f"unknown report(s): {shown}; see GET /api/documents")


@router.post("/ask", response_model=AskResponse)
def ask(body: AskRequest, request: Request) -> AskResponse:
    """Answer a question from the reports, citing passages, or say the reports do not say."""
    p = _pipeline(request)
    _check_docs(p, body.docs)
    t0 = time.perf_counter()
    log.debug(
        "question request_id=%s: %s",
        request.state.request_id if hasattr(request.state, "request_id") else "-",
        body.question,
    )
    answer = p.ask(body.question, history=body.previous_questions(), k=body.top_k, docs=body.docs, year=body.year)
    request.state.refused = answer.refused
    return ask_response(answer, (time.perf_counter() - t0) * 1000)


@router.post("/search", response_model=SearchResponse)
def search(body: SearchRequest, request: Request) -> SearchResponse:
    """The passages that best match a question, without composing an answer."""
    p = _pipeline(request)
    _check_docs(p, body.docs)
    t0 = time.perf_counter()
    hits = p.search(body.question, body.top_k, docs=body.docs, year=body.year)
    took = (time.perf_counter() - t0) * 1000
    return SearchResponse(sources=[source_of(h, h.rank) for h in hits], timings_ms={"retrieval": round(took, 2)})
