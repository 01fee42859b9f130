"""GET /api/health: the index served, and the reports of the folder not (yet) indexed, with why."""

from __future__ import annotations

from fastapi import APIRouter, Request

router = APIRouter()


@router.get("/health")
def health(request: Request) -> dict:
    """Index status; ``unindexed``: report files of the folder not indexed as they are now, and why."""
    p = request.app.state.pipeline
    m = p.index.manifest
    return {
        "status": "ok",
        "documents": len(m.documents),
        "chunks": m.chunks,
        "embedder": m.embedder,
        "retrieval_mode": p.settings.retrieval_mode,
        "index_created_at": m.created_at,
        "unindexed": [{"doc": u.doc, "reason": u.reason} for u in request.app.state.folder.unindexed],
    }
