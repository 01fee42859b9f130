"""The web app: ``create_app(settings)`` wires the pipeline to HTTP, one router per resource
(qa/web/questions.py, documents.py, health.py, openai.py), the guards and the chat."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import asynccontextmanager

import gradio as gr
from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from index.sync import FolderWatch
from qa.config import Settings, load_settings
from qa.pipeline import Pipeline, load
from qa.web import documents, health, openai, questions
from qa.web.guards import GuardMiddleware
from qa.web.reload import follow_folder, reload_if_changed

log = logging.getLogger("meetingqa")


def create_app(settings: Settings | None = None, pipeline: Pipeline | None = None) -> FastAPI:
    """The FastAPI app; at startup the index is brought in line with the reports folder and loaded.

    While it runs, it follows the folder (every ``watch_seconds``) and the index on disk (every
    ``reload_seconds``) in worker threads. A ``pipeline`` handed in is served as it is.
    """
    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        p = pipeline or load(settings)
        p.warm_up()
        app.state.pipeline = p
        app.state.folder = FolderWatch(settings.seeds_dir, p.synced)
        loops = [
            asyncio.create_task(_repeat(app, every, step, failure))
            for every, step, failure in (
                (settings.reload_seconds, reload_if_changed, "could not reload the index"),
                (settings.watch_seconds, follow_folder, "could not index the changes of the reports folder"),
            )
            if every
        ]
        yield
        for task in loops:
            task.cancel()
        await asyncio.gather(*loops, return_exceptions=True)  # a step already running finishes first

    app = FastAPI(
        title="Meeting reports Q&A",
        version="0.1.0",
        lifespan=lifespan,
        description="Ask Vietnamese questions about meeting reports; answers cite passages.",
    )
    app.state.settings = settings
    app.include_router(health.router, prefix="/api", tags=["health"])
    app.include_router(documents.router, prefix="/api", tags=["documents"])
    app.include_router(questions.router, prefix="/api", tags=["questions"])
    # always configured, so that the mounted chat adds no CORS of its own; no origins listed = CORS off
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["content-type", "authorization", "x-request-id"],
    )
    app.add_middleware(
        GuardMiddleware,
        max_body_bytes=settings.max_body_kb * 1024,
        rate_per_minute=settings.rate_limit_per_minute,
        upload_paths=("/api/documents",),
        max_upload_bytes=int(settings.max_upload_mb * 1024 * 1024) + 64 * 1024,  # the file plus its form fields
    )
    app.include_router(openai.router, prefix="/v1", tags=["OpenAI-compatible"])

    from qa.web.chat import CSS, build_chat  # the chat is mounted last: "/" catches what the API does not

    app = gr.mount_gradio_app(
        app,
        build_chat(lambda: app.state.pipeline),
        path="/",
        css=CSS,
        footer_links=["api"],
        theme=gr.themes.Default(),
    )

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return JSONResponse(status_code=500, content={"detail": "internal error; the server log has the details"})

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": _describe(exc)})

    return app


async def _repeat(app: FastAPI, every: float, step: Callable[[FastAPI], object], failure: str) -> None:
    """Run ``step(app)`` in a worker thread every ``every`` seconds, never on the event loop."""
    while True:
        await asyncio.sleep(every)
        try:
            await run_in_threadpool(step, app)
        except Exception:  # a half-copied or foreign folder, a failed build: keep serving the loaded index
            log.exception("%s; still serving the loaded one", failure)


def _describe(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {err.get('msg', 'invalid value')}")
    return "; ".join(parts) or "invalid request"
