"""Property-based tests: text functions never raise, numbers read right, chunk offsets map back."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.chunking import ChunkerParams, chunk_report
from index.ingest import clean_text
from index.types import Report
from index.vietnamese import canonical, fold, normalize_number, normalize_numbers_in, tokenize
from qa.answering import question_type, spans_of
from qa.followup import resolve_followup

VIETNAMESE = st.sampled_from(
    list(
        "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợ"
        "ùúủũụừứửữựỳýỷỹỵĐĂÂÊÔƠƯ0123456789.,;:!?%/ -\n"
    )
)
VI_TEXT = st.lists(VIETNAMESE, max_size=400).map("".join)
ANY_TEXT = st.text(max_size=300)


@given(st.one_of(ANY_TEXT, VI_TEXT))
def test_text_functions_never_raise(text):
    assert isinstance(tokenize(text), list)
    assert isinstance(canonical(text), str)
    assert fold(fold(text)) == fold(text)
    question_type(text)
    resolve_followup(text, ["Năm 2024 có bao nhiêu tài khoản?"])
    for span in spans_of(0, text):
        assert text[span.start : span.end] == span.text


@given(st.from_regex(r"\d{1,3}(\.\d{3}){0,3}(,\d{1,3})?", fullmatch=True))
def test_number_normalisation_is_stable_and_numeric(number):
    once = normalize_number(number)
    # "." groups thousands and "," is the decimal mark: the canonical form is the plain decimal
    assert float(once) == float(number.replace(".", "").replace(",", "."))
    assert normalize_numbers_in(f"đạt {number} tỷ") == f"đạt {once} tỷ"


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(ANY_TEXT, VI_TEXT), st.integers(min_value=100, max_value=600), st.integers(min_value=0, max_value=99))
def test_chunk_offsets_always_map_back(raw, size, overlap):
    text, _ = clean_text(raw)
    report = Report(doc="r.txt", title="t", date=None, label=None, text=text, content_hash="x")
    chunks = chunk_report(report, ChunkerParams(size, overlap))
    for c in chunks:
        assert text[c.start : c.end] == c.text and c.text.strip() == c.text
    assert len({c.id for c in chunks}) == len(chunks)
