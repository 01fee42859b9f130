import unicodedata

import pytest

from index.vietnamese import (
    DiacriticRestorer,
    canonical,
    fold,
    has_diacritics,
    nfc,
    normalize_number,
    ordinal_value,
    ordinals,
    tokenize,
)


def test_fold_strips_accents_and_the_d_stroke():
    assert fold("Tỷ lệ hộ gia đình") == "ty le ho gia dinh"
    assert fold("ĐỔI MỚI Đà Nẵng") == "doi moi da nang"


def test_nfd_input_folds_and_tokenizes_like_nfc():
    text = "Tỷ lệ hộ gia đình có cáp quang"
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    assert nfc(decomposed) == text
    assert tokenize(decomposed) == tokenize(text)


def test_query_without_diacritics_matches_the_same_tokens():
    accented, bare = "Tỷ lệ hộ gia đình có cáp quang", "ty le ho gia dinh co cap quang"
    # a bare word is never taken for a stopword ("co" may be "cô"): the bare tokens are a superset
    assert set(tokenize(accented)) < set(tokenize(bare))
    # once its accents are restored from the corpus, the question gets exactly the accented tokens
    assert tokenize(DiacriticRestorer([accented]).restore(bare)) == tokenize(accented)
    assert tokenize("Da Nang") == tokenize("Đà Nẵng")


@pytest.mark.parametrize(
    "phrase", ["tài khoản", "đăng ký", "điện tử", "băng rộng", "cơ quan", "Thủ tướng", "Đề án", "vá lỗi"]
)
def test_stopwords_are_matched_in_accented_form(phrase):
    # folded first, these would be "tai", "dang", "tu", "bang", "co", "thu", "de", "va": all stopwords
    assert tokenize(phrase, bigrams=False) == [fold(w) for w in phrase.split()]


def test_accented_stopwords_are_dropped():
    assert tokenize("tại Cổng và của các bộ", bigrams=False) == ["cong", "bo"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Phiên họp thứ Tư", 4),
        ("phiên họp lần thứ 10", 10),
        ("Phiên họp thứ nhất", 1),
        ("hội nghị lần thứ mười hai", 12),
        ("Phiên họp thứ Ba của Ủy ban", 3),
        ("phien hop thu tu", 4),
        ("Phiên họp chuyên đề lần thứ 2", 2),
    ],
)
def test_ordinals_are_parsed_as_numbers(text, value):
    assert [v for _, _, v in ordinals(text)] == [value]
    assert f"#{value}" in tokenize(text)


@pytest.mark.parametrize(
    "text", ["theo thứ tự ưu tiên", "Thứ Năm, 12/05/2022", "thứ Hai (8/8)", "thứ 10/2024", "thứ trưởng"]
)
def test_order_and_weekdays_are_not_ordinals(text):
    assert ordinals(text) == []
    assert not any(t.startswith("#") for t in tokenize(text))


def test_ordinal_value_reads_words_and_digits():
    assert [ordinal_value(w) for w in ("Tư", "bốn", "mười", "mười lăm", "12", "nhì", "tự")] == [
        4,
        4,
        10,
        15,
        12,
        2,
        None,
    ]


def test_has_diacritics_sees_the_d_stroke_alone():
    assert has_diacritics("đ")
    assert not has_diacritics("ty le ho gia dinh")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("77.732.636", "77732636"),
        ("16,4", "16.4"),
        ("6.056", "6056"),
        ("1,41", "1.41"),
        ("2024", "2024"),
        ("3.5", "3.5"),
        ("1.234,5", "1234.5"),
    ],
)
def test_vietnamese_number_forms(raw, expected):
    assert normalize_number(raw) == expected


def test_numbers_stay_whole_tokens():
    tokens = tokenize("đạt 16,4 triệu tài khoản, 87% dân số và 2.416/3.924 thôn")
    assert "16.4" in tokens and "87%" in tokens and "2416" in tokens and "3924" in tokens


def test_canonical_compares_number_forms_and_case():
    assert canonical("16,4 Triệu") in canonical("Cả nước có 16,4 triệu tài khoản")
    assert canonical("6.056 nghìn tỷ") == canonical("6056 NGHÌN TỶ")


def test_restorer_puts_accents_back_from_the_corpus():
    r = DiacriticRestorer(["Tỷ lệ hộ gia đình có cáp quang băng rộng", "Đà Nẵng có dịch vụ công"])
    assert r.restore("ty le ho gia dinh co cap quang") == "tỷ lệ hộ gia đình có cáp quang"
    assert r.restore("Da Nang") == "Đà Nẵng"
    assert r.restore("xyz 2024 cap quang") == "xyz 2024 cáp quang"  # unknown words stay as typed
    assert r.restore("Đà Nẵng") == "Đà Nẵng"  # accented input is left alone


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\x00\x01",
        "😀 🇻🇳",
        "１２３",
        "a" * 10_000,
        "..,,%%",
        "ĐỔI MỚI ở Đà Nẵng: 16,4 triệu tài khoản, 87% và 77.732.636 hóa đơn",
        unicodedata.normalize("NFD", "Phiên họp thứ Tư của Ủy ban, Thứ Năm 12/05/2022"),
    ],
)
def test_text_functions_keep_their_invariants_on_any_string(text):
    folded = fold(text)
    assert fold(folded) == folded and not has_diacritics(folded)  # folding is idempotent and leaves no accent
    assert folded == nfc(folded) and not any(unicodedata.combining(ch) for ch in folded)
    tokens = tokenize(text)
    # NFC and case never change the tokens; every token is a non-empty, folded, space-free word
    assert tokenize(unicodedata.normalize("NFD", text)) == tokens == tokenize(text.upper())
    assert all(t and t == fold(t) and not any(ch.isspace() for ch in t) for t in tokens)
    assert canonical(canonical(text)) == canonical(text) == canonical(unicodedata.normalize("NFD", text))
    # restoring accents to the bare text gives back a spelling of the same words
    restored = DiacriticRestorer([text]).restore(folded)
    assert fold(restored) == folded and restored == nfc(restored)
