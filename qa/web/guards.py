"""HTTP guards around the API and the chat's events: request ids and one log line a request, body
size limit, rate limit.

A pure ASGI middleware, so an oversized body is refused while it streams in, before any of it
is parsed, and a client over its rate gets 429 before any work is done.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
import uuid
from collections import OrderedDict

log = logging.getLogger("meetingqa.http")

GUARDED = ("/api/", "/v1/")
# the chat's events (a question sent from the page) are POSTs under Gradio's API prefix: they get the
# same limits; the page, its assets and the event streams it reads (GETs) are left to Gradio
CHAT_EVENTS = "/gradio_api/"
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RateLimiter:
    """A token bucket per client address, bounded in how many clients it remembers."""

    def __init__(self, per_minute: int, max_clients: int = 10_000) -> None:
        self.rate = per_minute / 60.0
        self.burst = max(1.0, per_minute / 6.0)  # up to 10 seconds' worth at once
        self.max_clients = max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, client: str) -> tuple[bool, float]:
        """Whether the client may go on now, and otherwise the seconds until it may."""
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.pop(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            ok = tokens >= 1.0
            tokens = tokens - 1.0 if ok else tokens
            self._buckets[client] = (tokens, now)
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
        return ok, 0.0 if ok else (1.0 - tokens) / self.rate


class GuardMiddleware:
    def __init__(
        self,
        app,
        max_body_bytes: int,
        rate_per_minute: int,
        upload_paths: tuple[str, ...] = (),
        max_upload_bytes: int = 0,
    ) -> None:
        self.app = app
        self.max_body = max_body_bytes
        self.upload_paths = upload_paths  # these take files, up to their own limit
        self.max_upload = max_upload_bytes
        self.limiter = RateLimiter(rate_per_minute) if rate_per_minute > 0 else None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not (
            scope["path"].startswith(GUARDED) or (scope["method"] == "POST" and scope["path"].startswith(CHAT_EVENTS))
        ):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        given = headers.get("x-request-id", "")
        rid = given if _SAFE_ID.match(given) else uuid.uuid4().hex[:16]
        scope.setdefault("state", {})["request_id"] = rid
        client = (scope.get("client") or ("unknown", 0))[0]
        t0 = time.perf_counter()
        status = {"code": 500}

        async def send_logged(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", rid.encode())]
            await send(message)

        async def reply(code: int, detail: str, extra: list[tuple[bytes, bytes]] = ()):  # type: ignore[assignment]
            body = json.dumps({"detail": detail}).encode()
            await send_logged(
                {
                    "type": "http.response.start",
                    "status": code,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                        *extra,
                    ],
                }
            )
            await send_logged({"type": "http.response.body", "body": body})

        try:
            if self.limiter is not None:
                ok, wait = self.limiter.allow(client)
                if not ok:
                    await reply(
                        429,
                        f"too many requests; retry in {wait:.1f} s",
                        [(b"retry-after", str(max(1, round(wait))).encode())],
                    )
                    return
            limit = self.max_upload if scope["path"] in self.upload_paths else self.max_body
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                await reply(413, f"request body over the {limit} byte limit")
                return
            # read the (small) body first, so an oversized one is refused before the app sees any of it
            messages, received = [], 0
            while True:
                message = await receive()
                messages.append(message)
                if message["type"] != "http.request":
                    break
                received += len(message.get("body", b""))
                if received > limit:
                    await reply(413, f"request body over the {limit} byte limit")
                    return
                if not message.get("more_body", False):
                    break

            async def replay():
                return messages.pop(0) if messages else await receive()

            await self.app(scope, replay, send_logged)
        finally:
            state = scope.get("state", {})
            refused = state.get("refused")
            log.info(
                "request id=%s client=%s method=%s path=%s status=%s ms=%.1f%s",
                rid,
                client,
                scope["method"],
                scope["path"],
                status["code"],
                (time.perf_counter() - t0) * 1000,
                "" if refused is None else f" refused={str(refused).lower()}",
            )
