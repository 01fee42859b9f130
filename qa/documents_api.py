"""Write endpoints (upload and delete reports; disabled unless MEETINGQA_API_KEY is set), and how the
running app follows the reports folder and the index on disk.

After a change the index is synced incrementally and a new pipeline replaces the old one in a
single assignment: a request in flight finishes on the old index, the next one sees the new.
``follow_folder`` does the same for reports dropped into the folder, ``reload_if_changed`` for an
index rebuilt by another process; the app runs both in worker threads, never on the event loop.
"""

from __future__ import annotations

import hmac
import logging
import threading
from collections.abc import Callable

from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool

from index.documents import DocumentNotFound, add_report, check_name, remove_report
from index.store import BuildResult, index_stamp, load_index
from index.sync import FolderWatch, sync
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


def reload_if_changed(app) -> bool:
    """Serve the index on disk when it is not the one served (rebuilt here or by another process).

    Loads and warms the new pipeline while requests keep using the old one, then swaps them in a
    single assignment; True when swapped.
    """
    with _SWAP:
        old: Pipeline = app.state.pipeline
        s = old.settings
        stamp = index_stamp(s.index_dir)
        if stamp is None or stamp == old.stamp:
            return False
        new = Pipeline(s, load_index(s.index_dir, embedder_id=old.embedder.id, params=s.chunker), old.embedder)
        new.warm_up()
        app.state.pipeline = new
    log.info("index changed on disk: now serving it (%d reports)", len(new.documents))
    return True


def follow_folder(app) -> None:
    """One look at the reports folder; once it changed and settled, sync the index and serve it."""
    watch: FolderWatch = app.state.folder
    if not watch.poll():
        return
    s = app.state.settings
    p: Pipeline = app.state.pipeline
    result = sync(s.seeds_dir, s.index_dir, p.embedder, s.chunker, **s.build_options())
    watch.record(result)
    if result.written:
        log.info(
            "reports folder changed: %d added, %d updated, %d removed",
            len(result.added),
            len(result.updated),
            len(result.removed),
        )
    reload_if_changed(app)


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
