"""The chat page's HTML: escaped text, citation links, refusal and error styles."""

import re

from qa.web.chat import ERROR_MESSAGE, ChatRenderer, Conversation, answer_turn, index_summary


def test_answer_is_rendered_with_links_and_a_highlighted_quote(make_tiny_pipeline):
    p = make_tiny_pipeline()
    conv = Conversation()
    conv.turns.append(answer_turn(p, "Tỷ lệ hộ gia đình có cáp quang băng rộng là bao nhiêu?", conv, None, None))
    page = ChatRenderer(p).transcript(conv)
    assert 'class="mqa-a answer"' in page and '<a class="mqa-cite" href="#src-0-1"' in page
    assert 'id="src-0-1"' in page and "<mark>Tỷ lệ hộ gia đình có cáp quang băng rộng đạt 82,9%</mark>" in page
    assert "Phiên họp thứ Năm của Ủy ban · 12/3/2024" in page


def test_hostile_text_is_escaped(make_tiny_pipeline):
    p = make_tiny_pipeline()
    conv = Conversation()
    conv.turns.append(
        answer_turn(
            p,
            "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>",
            conv,
            None,
            None,
        )
    )
    page = ChatRenderer(p).transcript(conv)
    assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page
    assert not re.search(r"<a [^>]*javascript", page)


def test_refusal_and_internal_error_styles(make_tiny_pipeline):
    p = make_tiny_pipeline()
    conv = Conversation()
    conv.turns.append(answer_turn(p, "Thời tiết Hà Nội ngày mai thế nào?", conv, None, None))

    def broken(*args, **kwargs):
        raise RuntimeError("stack details must not reach the page")

    p.ask = broken
    conv.turns.append(answer_turn(p, "Câu hỏi bất kỳ?", conv, None, None))
    page = ChatRenderer(p).transcript(conv)
    assert 'class="mqa-a refusal"' in page and "Các đoạn có thể liên quan" in page
    assert 'class="mqa-a error"' in page and ERROR_MESSAGE in page
    assert "stack details" not in page and "Traceback" not in page
    assert conv.questions() == ["Thời tiết Hà Nội ngày mai thế nào?"]  # failed turns are not history


def test_index_summary_names_the_reports_and_dates(make_tiny_pipeline):
    assert index_summary(make_tiny_pipeline()) == (
        "Đã lập chỉ mục 2 báo cáo, các cuộc họp từ năm 2023 đến 12/3/2024. "
        "Mỗi con số trong câu trả lời có dẫn nguồn [n]."
    )
