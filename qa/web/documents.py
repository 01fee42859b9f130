"""Reports: GET /api/documents lists them with their metadata; POST and DELETE add, replace and
remove one (disabled unless MEETINGQA_API_KEY is set).

After a change the index is synced incrementally, off the event loop, and the new index is
served through qa/web/reload.py: a request in flight finishes on the old index, the next one
sees the new.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable

from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool

from index.documents import DocumentNotFound, add_report, check_name, remove_report
from index.store import BuildResult
from index.types import BadDocument
from qa.pipeline import Pipeline
from qa.web.reload import reload_if_changed

router = APIRouter()
log = logging.getLogger("meetingqa.documents")


@router.get("/documents")
def documents(request: Request) -> list[dict]:
    return [
        {
            "doc": doc,
            "title": meta.get("title"),
            "date": meta.get("date"),
            "label": meta.get("label"),
            "body": meta.get("body"),
            "kind": meta.get("kind"),
            "ordinal": meta.get("ordinal"),
            "chars": meta.get("chars"),
            **({"sidecar": meta["sidecar"]} if meta.get("sidecar") else {}),
        }
        for doc, meta in sorted(request.app.state.pipeline.documents.items())
    ]


def require_key(request: Request) -> None:
    key = request.app.state.settings.api_key
    if not key:
        raise HTTPException(status_code=403, detail="changing reports is disabled: set MEETINGQA_API_KEY to enable it")
    auth = request.headers.get("authorization", "")
    given = auth[7:] if auth.lower().startswith("bearer ") else ""
    if not given or not hmac.compare_digest(given.encode(), key.encode()):
        raise HTTPException(
            status_code=401,
            detail="a valid 'Authorization: Bearer <key>' header is required",
            headers={"WWW-Authenticate": "Bearer"},
        )


def _apply(app, change: Callable[..., BuildResult], name: str, *args) -> dict:
    """Run ``add_report`` or ``remove_report`` with the app's folders and embedder, then serve the result."""
    s = app.state.settings
    p: Pipeline = app.state.pipeline
    result = change(name, *args, s.seeds_dir, s.index_dir, p.embedder, s.chunker, **s.build_options())
    app.state.folder.record(result)
    reload_if_changed(app)
    new: Pipeline = app.state.pipeline
    return {
        "added": result.added,
        "updated": result.updated,
        "removed": result.removed,
        "skipped": [{"doc": k.path, "reason": k.reason} for k in result.skipped],
        "documents": len(new.documents),
        "chunks": new.index.manifest.chunks,
    }


@router.post("/documents", dependencies=[Depends(require_key)])
async def upload(request: Request, file: UploadFile = File(...)) -> dict:
    """Add or replace a report (.txt or .md, UTF-8); it is searchable when this returns."""
    s = request.app.state.settings
    limit = int(s.max_upload_mb * 1024 * 1024)
    raw = await file.read(limit + 1)
    try:
        name = check_name(file.filename or "")
        if len(raw) > limit:
            raise HTTPException(status_code=413, detail=f"the file is over the {s.max_upload_mb:g} MB upload limit")
        summary = await run_in_threadpool(_apply, request.app, add_report, name, raw)
    except BadDocument as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None
    log.info("report added: %s", name)
    return summary


@router.delete("/documents/{doc}", dependencies=[Depends(require_key)])
async def delete(doc: str, request: Request) -> dict:
    """Remove a report from the folder and the index."""
    p: Pipeline = request.app.state.pipeline
    try:
        check_name(doc)
        if doc not in p.documents:
            raise DocumentNotFound(doc)
        summary = await run_in_threadpool(_apply, request.app, remove_report, doc)
    except BadDocument as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None
    except DocumentNotFound:
        raise HTTPException(status_code=404, detail=f"unknown report {doc[:80]!r}; see GET /api/documents") from None
    log.info("report removed: %s", doc)
    return summary
