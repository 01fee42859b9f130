"""The web chat (Gradio, mounted at "/"): ask, read the cited passage, filter, follow up.

Everything a report, a question or an answer contains is escaped before it reaches the page:
the conversation is rendered here as HTML built only from escaped text, so a report holding
"<script>", "<img onerror=...>" or a markdown link shows those characters and nothing runs.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import gradio as gr

from index.passages import report_text
from qa.answering import Answer
from qa.pipeline import Pipeline
from qa.web.questions import check_question

log = logging.getLogger(__name__)

TITLE = "Hỏi đáp báo cáo các cuộc họp về chuyển đổi số"
EXAMPLES = [
    "Năm 2024 tỷ lệ hộ gia đình sử dụng Internet cáp quang băng rộng là bao nhiêu?",
    "Quý I/2022, ngành thuế đã xử lý bao nhiêu hóa đơn điện tử?",
    "Phiên họp thứ Ba báo cáo tỷ lệ dân số trưởng thành có điện thoại thông minh là bao nhiêu?",
    "Thủ tướng yêu cầu phân công nhiệm vụ chuyển đổi số năm 2025 phải bảo đảm phương châm nào?",
    "Bộ Công Thương có Ban chỉ đạo chuyển đổi số từ khi nào?",
]
ALL_YEARS = "Tất cả các năm"
ERROR_MESSAGE = "Đã có lỗi trong hệ thống, vui lòng thử lại sau."
CONTEXT_CHARS = 400

CSS = """
#mqa-header h1 { font-size: 1.5rem; margin: 0 0 .25rem 0; }
#mqa-header p { margin: 0; opacity: .8; }
.mqa-transcript { display: flex; flex-direction: column; gap: .75rem; min-height: 8rem; }
.mqa-empty { opacity: .7; font-style: italic; }
.mqa-q { align-self: flex-end; max-width: 85%; background: #e8f0fe; color: #1a1a1a;
         padding: .6rem .8rem; border-radius: 12px 12px 2px 12px; white-space: pre-wrap; }
.mqa-a { align-self: flex-start; max-width: 100%; border: 1px solid #d0d7de; border-left: 4px solid #1a7f37;
         background: #ffffff; color: #1a1a1a; padding: .6rem .8rem; border-radius: 12px 12px 12px 2px; }
.mqa-a.refusal { border-left-color: #bf8700; background: #fff8e5; }
.mqa-a.error { border-left-color: #cf222e; background: #ffebe9; }
.mqa-a .mqa-text { white-space: pre-wrap; line-height: 1.5; }
.mqa-badge { display: inline-block; font-size: .75rem; font-weight: 600; padding: .1rem .45rem;
             border-radius: 999px; margin-bottom: .3rem; background: #dafbe1; color: #1a7f37; }
.refusal .mqa-badge { background: #fff1c2; color: #7d4e00; }
.error .mqa-badge { background: #ffd8d3; color: #a40e26; }
a.mqa-cite { font-weight: 700; text-decoration: none; color: #0969da;
             margin: 0 !important; padding: 0 !important; }
.mqa-sources { margin-top: .6rem; display: flex; flex-direction: column; gap: .5rem; }
.mqa-sources h3 { font-size: .9rem; margin: .2rem 0; }
.mqa-src { border: 1px solid #d0d7de; border-radius: 8px; padding: .5rem .65rem; background: #f6f8fa;
           color: #1a1a1a; scroll-margin-top: 1rem; }
.mqa-src .mqa-src-head { font-weight: 600; font-size: .85rem; }
.mqa-src .mqa-src-doc { font-weight: 400; opacity: .75; }
.mqa-src .mqa-passage { white-space: pre-wrap; font-size: .9rem; margin-top: .3rem; line-height: 1.45; }
.mqa-src mark { background: #fff3a3; color: inherit; padding: 0 .1rem; }
.mqa-src details { margin-top: .3rem; font-size: .85rem; }
.mqa-src details summary { cursor: pointer; color: #0969da; }
.mqa-src .mqa-context { white-space: pre-wrap; opacity: .85; margin-top: .3rem; }
.mqa-src .mqa-context b { opacity: 1; font-size: inherit; font-weight: 600; }
.mqa-src:target { outline: 2px solid #0969da; }
@media (max-width: 640px) {
  .mqa-q { max-width: 100%; }
  #mqa-header h1 { font-size: 1.2rem; }
}
"""


@dataclass
class Turn:
    """One exchange of the conversation, as kept in the browser session's state."""

    question: str
    resolved: str = ""
    answer: Answer | None = None
    error: str | None = None


@dataclass
class Conversation:
    turns: list[Turn] = field(default_factory=list)

    def questions(self) -> list[str]:
        return [t.resolved or t.question for t in self.turns if t.answer is not None]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _date_vi(date: str | None) -> str:
    if not date:
        return "không rõ ngày"
    parts = date.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])}/{int(parts[1])}/{parts[0]}"
    if len(parts) == 2:
        return f"tháng {int(parts[1])}/{parts[0]}"
    return f"năm {parts[0]}"


def _display_title(title: str, date: str | None) -> str:
    """A title made from the meeting's name ends with its date; the card shows the date anyway."""
    return title.removesuffix(f" ({date})") if date else title


def _answer_html(text: str, turn_id: int) -> str:
    """Escaped answer text with each [n] turned into a link to its source card."""
    out, last = [], 0
    for m in re.finditer(r"\[(\d+)\]", text):
        out.append(_e(text[last : m.start()]))
        n = int(m.group(1))
        out.append(f'<a class="mqa-cite" href="#src-{turn_id}-{n}" title="Xem nguồn {n}">[{n}]</a>')
        last = m.end()
    out.append(_e(text[last:]))
    return "".join(out)


class ChatRenderer:
    """Turns answers into the page's HTML; needs the reports' text for the context on expand."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self._reports: dict[str, str] = {}

    def report_text(self, doc: str) -> str:
        """The cleaned report, put back together from its chunks (their offsets point into it)."""
        if doc not in self._reports:
            self._reports[doc] = report_text(self.pipeline.index.chunks, doc)
        return self._reports[doc]

    def source_card(self, turn_id: int, n: int, answer: Answer) -> str:
        hit = answer.sources[n - 1]
        quotes = [(s, e) for (qn, s, e) in answer.quotes if qn == n]
        passage, last = [], 0
        for s, e in sorted(quotes):
            passage.append(_e(hit.text[last:s]) + "<mark>" + _e(hit.text[s:e]) + "</mark>")
            last = e
        passage.append(_e(hit.text[last:]))
        report = self.report_text(hit.doc)
        before = report[max(0, hit.start - CONTEXT_CHARS) : hit.start]
        after = report[hit.end : hit.end + CONTEXT_CHARS]
        context = f'<div class="mqa-context">…{_e(before)}<b>{_e(hit.text)}</b>{_e(after)}…</div>'
        title = _display_title(hit.title, hit.date)
        return (
            f'<div class="mqa-src" id="src-{turn_id}-{n}">'
            f'<div class="mqa-src-head">[{n}] {_e(title)} · {_e(_date_vi(hit.date))} '
            f'<span class="mqa-src-doc">({_e(hit.doc)})</span></div>'
            f'<div class="mqa-passage">{"".join(passage)}</div>'
            f"<details><summary>Xem đoạn văn xung quanh</summary>{context}</details></div>"
        )

    def turn(self, turn_id: int, turn: Turn) -> str:
        parts = [f'<div class="mqa-q">{_e(turn.question)}</div>']
        if turn.error is not None:
            parts.append(
                f'<div class="mqa-a error"><span class="mqa-badge">Lỗi</span>'
                f'<div class="mqa-text">{_e(turn.error)}</div></div>'
            )
            return "".join(parts)
        a = turn.answer
        assert a is not None
        kind, badge = ("refusal", "Không tìm thấy trong báo cáo") if a.refused else ("answer", "Trả lời có dẫn nguồn")
        body = [
            f'<div class="mqa-a {kind}"><span class="mqa-badge">{badge}</span>',
            f'<div class="mqa-text">{_answer_html(a.text, turn_id)}</div>',
        ]
        if turn.resolved and turn.resolved != turn.question:
            body.append(f'<div class="mqa-empty">Hiểu câu hỏi là: {_e(turn.resolved)}</div>')
        if a.sources:
            heading = "Các đoạn có thể liên quan" if a.refused else "Nguồn"
            cards = "".join(self.source_card(turn_id, n, a) for n in range(1, len(a.sources) + 1))
            body.append(f'<div class="mqa-sources"><h3>{heading}</h3>{cards}</div>')
        body.append("</div>")
        return "".join(parts) + "".join(body)

    def transcript(self, conv: Conversation) -> str:
        if not conv.turns:
            return (
                '<div class="mqa-transcript"><div class="mqa-empty">Hãy đặt câu hỏi về nội dung các báo cáo, '
                "hoặc chọn một câu hỏi mẫu bên dưới.</div></div>"
            )
        turns = "".join(self.turn(i, t) for i, t in enumerate(conv.turns))
        return f'<div class="mqa-transcript">{turns}</div>'


def answer_turn(
    pipeline: Pipeline, question: str, conv: Conversation, docs: list[str] | None, year: str | None
) -> Turn:
    """Ask with the conversation as history; an internal failure becomes a short Vietnamese message."""
    turn = Turn(question=question)
    try:
        answer = pipeline.ask(
            question,
            history=conv.questions(),
            docs=docs or None,
            year=int(year) if year and year != ALL_YEARS else None,
        )
        turn.answer, turn.resolved = answer, answer.question
    except Exception:  # the page shows a short message; the log keeps the details
        log.exception("chat question failed")
        turn.error = ERROR_MESSAGE
    return turn


def index_summary(pipeline: Pipeline) -> str:
    docs = pipeline.documents
    dates = sorted(d["date"] for d in docs.values() if d.get("date"))
    span = f", các cuộc họp từ {_date_vi(dates[0])} đến {_date_vi(dates[-1])}" if dates else ""
    return f"Đã lập chỉ mục {len(docs)} báo cáo{span}. Mỗi con số trong câu trả lời có dẫn nguồn [n]."


def build_chat(get_pipeline: Callable[[], Pipeline]) -> gr.Blocks:
    """The chat page; ``get_pipeline`` returns the app's loaded pipeline (it loads at start-up)."""
    renderers: dict[int, ChatRenderer] = {}

    def renderer() -> ChatRenderer:
        p = get_pipeline()
        if id(p) not in renderers:
            renderers.clear()
            renderers[id(p)] = ChatRenderer(p)
        return renderers[id(p)]

    def on_load():
        p = get_pipeline()
        docs = sorted(p.documents.items(), key=lambda kv: (kv[1].get("date") or "", kv[0]))
        doc_choices = [
            (f"{_display_title(m.get('title'), m.get('date'))} ({_date_vi(m.get('date'))})", doc) for doc, m in docs
        ]
        years = sorted({int(m["date"][:4]) for _, m in docs if m.get("date")})
        header = f'<div id="mqa-header"><h1>{_e(TITLE)}</h1><p>{_e(index_summary(p))}</p></div>'
        return (
            header,
            gr.update(choices=doc_choices, value=[]),
            gr.update(choices=[ALL_YEARS, *map(str, years)], value=ALL_YEARS),
        )

    def respond(question: str, conv: Conversation | None, docs: list[str] | None, year: str | None):
        conv = conv or Conversation()
        question = (question or "").strip()
        try:
            check_question(question)
        except ValueError:
            return gr.update(), question, conv
        turn = answer_turn(get_pipeline(), question, conv, docs, year)
        conv.turns.append(turn)
        return renderer().transcript(conv), "", conv

    def clear():
        conv = Conversation()
        return renderer().transcript(conv), "", conv

    with gr.Blocks(title=TITLE, fill_width=False) as demo:
        conv_state = gr.State(Conversation())
        header = gr.HTML(f'<div id="mqa-header"><h1>{_e(TITLE)}</h1></div>')
        transcript = gr.HTML('<div class="mqa-transcript"></div>', elem_id="mqa-chat", js_on_load=None)
        with gr.Row(equal_height=True):
            box = gr.Textbox(
                placeholder="Nhập câu hỏi rồi nhấn Enter…",
                show_label=False,
                lines=1,
                max_lines=4,
                max_length=2000,
                scale=5,
                min_width=200,
                elem_id="mqa-input",
                autofocus=True,
            )
            send = gr.Button("Gửi", variant="primary", scale=1, min_width=80, elem_id="mqa-send")
        with gr.Accordion("Câu hỏi mẫu", open=True, elem_id="mqa-examples"):
            example_buttons = [gr.Button(q, size="sm", elem_classes=["mqa-example"]) for q in EXAMPLES]
        with gr.Row():
            docs_dd = gr.Dropdown(
                label="Báo cáo",
                multiselect=True,
                choices=[],
                value=[],
                scale=3,
                min_width=200,
                elem_id="mqa-docs",
                info="Để trống: tìm trong mọi báo cáo",
            )
            year_dd = gr.Dropdown(
                label="Năm họp",
                choices=[ALL_YEARS],
                value=ALL_YEARS,
                scale=1,
                min_width=140,
                elem_id="mqa-year",
            )
            clear_btn = gr.Button("Xóa hội thoại", variant="secondary", scale=1, min_width=120, elem_id="mqa-clear")

        inputs = [box, conv_state, docs_dd, year_dd]
        outputs = [transcript, box, conv_state]
        demo.load(on_load, outputs=[header, docs_dd, year_dd])
        demo.load(lambda: renderer().transcript(Conversation()), outputs=transcript)
        box.submit(respond, inputs, outputs)
        send.click(respond, inputs, outputs)
        for button, q in zip(example_buttons, EXAMPLES):
            button.click(lambda c, d, y, q=q: respond(q, c, d, y), [conv_state, docs_dd, year_dd], outputs)
        clear_btn.click(clear, outputs=outputs)
    return demo
