"""Write endpoints: upload and delete reports. Disabled unless MEETINGQA_API_KEY is set.

After a change the index is rebuilt incrementally and a new pipeline replaces the old one in a
single assignment: a request in flight finishes on the old index, the next one sees the new.
"""

from __future__ import annotations

import hmac
import logging
import threading

from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool

from index.documents import DocumentNotFound, add_report, check_name, remove_report
from index.store import BuildResult, load_index
from index.types import BadDocument
from qa.pipeline import Pipeline

router = APIRouter()
log = logging.getLogger("meetingqa.documents")
_SWAP = threading.Lock()


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


def _stamp(index_dir) -> tuple[int, int] | None:
    try:
        st = (index_dir / "manifest.json").stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns


def swap_pipeline(app) -> Pipeline:
    """Load the index as it is on disk now and make it the one every new request uses."""
    old: Pipeline = app.state.pipeline
    s = old.settings
    with _SWAP:
        stamp = _stamp(s.index_dir)
        new = Pipeline(s, load_index(s.index_dir, embedder_id=old.embedder.id, params=s.chunker), old.embedder)
        new.warm_up()
        new.stamp = stamp
        app.state.pipeline = new
    return new


def reload_if_changed(app) -> bool:
    """Pick up an index rebuilt by another process (``python -m index add``); True when swapped."""
    p: Pipeline = app.state.pipeline
    stamp = _stamp(p.settings.index_dir)
    if stamp is None or stamp == p.stamp:
        return False
    if p.stamp is None:  # first look: remember what was loaded
        p.stamp = stamp
        return False
    swap_pipeline(app)
    log.info("index changed on disk: reloaded")
    return True


def _reload(request: Request, result: BuildResult) -> dict:
    new = swap_pipeline(request.app)
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
        p: Pipeline = request.app.state.pipeline
        result = await run_in_threadpool(
            add_report, name, raw, s.seeds_dir, s.index_dir, p.embedder, s.chunker, **s.build_options()
        )
    except BadDocument as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None
    log.info("report added: %s", name)
    return _reload(request, result)


@router.delete("/documents/{doc}", dependencies=[Depends(require_key)])
async def delete(doc: str, request: Request) -> dict:
    """Remove a report from the folder and the index."""
    s = request.app.state.settings
    p: Pipeline = request.app.state.pipeline
    try:
        check_name(doc)
        if doc not in p.documents:
            raise DocumentNotFound(doc)
        result = await run_in_threadpool(
            remove_report, doc, s.seeds_dir, s.index_dir, p.embedder, s.chunker, **s.build_options()
        )
    except BadDocument as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None
    except DocumentNotFound:
        raise HTTPException(status_code=404, detail=f"unknown report {doc[:80]!r}; see GET /api/documents") from None
    log.info("report removed: %s", doc)
    return _reload(request, result)
