"""An OpenAI-compatible facade, so existing chat clients can use the system as a model.

POST /v1/chat/completions answers the last user message with the same pipeline as /api/ask
(earlier user messages are the history) and appends the cited passages as a numbered list.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Literal

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from qa.answering import Answer
from qa.web.questions import check_question

router = APIRouter()
MODEL_ID = "meetingqa"


class Message(BaseModel):
    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: str | list[dict] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):  # content parts: keep the text ones
            return " ".join(str(p.get("text", "")) for p in self.content if p.get("type") == "text")
        return self.content or ""


class ChatRequest(BaseModel):
    model: str = MODEL_ID
    messages: list[Message] = Field(..., min_length=1, max_length=100)
    stream: bool = False


def render(answer: Answer) -> str:
    """The answer followed by its passages, numbered as the [n] markers are."""
    lines = [answer.text]
    if answer.sources:
        lines.append("")
        lines.append("Nguồn:" if not answer.refused else "Các đoạn có thể liên quan:")
        for n, h in enumerate(answer.sources, start=1):
            lines.append(f"[{n}] {h.title} ({h.date or 'không rõ ngày'}), {h.doc}: {h.text}")
    return "\n".join(lines)


@router.get("/models")
def models() -> dict:
    return {
        "object": "list",
        "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "meetingqa"}],
    }


@router.post("/chat/completions", response_model=None)
def chat_completions(body: ChatRequest, request: Request) -> dict | StreamingResponse:
    users = [m.text() for m in body.messages if m.role == "user" and m.text().strip()]
    if not users:
        raise HTTPException(status_code=422, detail="messages: no user message with text to answer")
    try:
        question = check_question(users[-1])
    except ValueError as exc:
        raise HTTPException(status_code=422, detail=f"messages: {exc}") from None
    answer = request.app.state.pipeline.ask(question, history=users[:-1])
    content = render(answer)
    cid, created = f"chatcmpl-{uuid.uuid4().hex[:24]}", int(time.time())
    if body.stream:
        return StreamingResponse(_stream(cid, created, content), media_type="text/event-stream")
    return {
        "id": cid,
        "object": "chat.completion",
        "created": created,
        "model": MODEL_ID,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
    }


def _stream(cid: str, created: int, content: str):
    def chunk(delta: dict, finish: str | None = None) -> str:
        data = {
            "id": cid,
            "object": "chat.completion.chunk",
            "created": created,
            "model": MODEL_ID,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
        return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant"})
    for line in content.splitlines(keepends=True):
        yield chunk({"content": line})
    yield chunk({}, "stop")
    yield "data: [DONE]\n\n"
