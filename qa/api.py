"""HTTP routes under /api: health, documents, search. Requests and responses are typed here."""

from __future__ import annotations

import time

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field, field_validator

from qa.pipeline import Pipeline

router = APIRouter()

MAX_QUESTION_CHARS = 2000


class SearchRequest(BaseModel):
    question: str = Field(..., description="The question, in Vietnamese (with or without diacritics)")
    top_k: int = Field(5, ge=1, le=20)
    docs: list[str] | None = Field(None, description="Only these reports (file names)")
    year: int | None = Field(None, ge=1900, le=2100, description="Only meetings in this year")

    @field_validator("question")
    @classmethod
    def _question(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the question is empty")
        if len(value) > MAX_QUESTION_CHARS:
            raise ValueError(f"the question is longer than {MAX_QUESTION_CHARS} characters")
        return value


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


def _pipeline(request: Request) -> Pipeline:
    return request.app.state.pipeline


@router.get("/health")
def health(request: Request) -> dict:
    p = _pipeline(request)
    m = p.index.manifest
    return {
        "status": "ok",
        "documents": len(m.documents),
        "chunks": m.chunks,
        "embedder": m.embedder,
        "retrieval_mode": p.settings.retrieval_mode,
        "index_created_at": m.created_at,
    }


@router.get("/documents")
def documents(request: Request) -> list[dict]:
    return [
        {
            "doc": doc,
            "title": meta.get("title"),
            "date": meta.get("date"),
            "label": meta.get("label"),
            "chars": meta.get("chars"),
        }
        for doc, meta in sorted(_pipeline(request).documents.items())
    ]


@router.post("/search", response_model=SearchResponse)
def search(body: SearchRequest, request: Request) -> SearchResponse:
    p = _pipeline(request)
    unknown = [d for d in body.docs or [] if d not in p.documents]
    if unknown:
        raise HTTPException(status_code=404, detail=f"unknown report(s): {', '.join(unknown[:5])}")
    t0 = time.perf_counter()
    hits = p.search(body.question, body.top_k, docs=body.docs, year=body.year)
    took = (time.perf_counter() - t0) * 1000
    return SearchResponse(
        sources=[
            Source(
                n=h.rank,
                doc=h.doc,
                title=h.title,
                date=h.date,
                text=h.text,
                start=h.start,
                end=h.end,
                score=h.score,
            )
            for h in hits
        ],
        timings_ms={"retrieval": round(took, 2)},
    )
