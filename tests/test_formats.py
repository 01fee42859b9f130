"""Reading .html, .docx and .pdf reports: seed reports come back whole and in order, page furniture
stays out, and broken files are refused with a reason (never another exception)."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import index.formats as formats
from eval.formats import (
    CAPTION,
    DOCX_FOOTER,
    DOCX_HEADER,
    FIGURES,
    HTML_TEMPLATES,
    OFFICIAL_LEFT,
    OFFICIAL_RIGHT,
    Article,
    Fixture,
    docx_file,
    docx_fixtures,
    html_fixtures,
    leaked_furniture,
    norm,
    pdf_file,
    pdf_fixtures,
    pdf_without_text,
    seed_articles,
    to_cp1258,
)
from index.formats import REPORT_SUFFIXES, extract_text
from index.types import BadDocument
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return seed_articles(SEEDS)


@pytest.fixture(scope="module")
def pages(articles) -> list[Fixture]:
    return html_fixtures(articles)


def assert_in_order(text: str, units: list[str]) -> None:
    """Every unit is in ``text`` exactly (diacritics included, whitespace aside), each after the last."""
    flat, at = norm(text), -1
    for unit in units:
        found = flat.find(norm(unit), at + 1)
        assert found > at, f"missing or out of order: {unit[:80]!r}"
        at = found


def test_suffixes():
    assert REPORT_SUFFIXES == (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
    assert extract_text("bao-cao.txt", "Phiên họp".encode()) is None
    assert extract_text("BAO-CAO.MD", b"# x") is None
    with pytest.raises(BadDocument, match=r"unsupported file type \.odt"):
        extract_text("bao-cao.odt", b"PK\x03\x04")


# --- HTML -------------------------------------------------------------------------------------


@pytest.mark.parametrize("template", list(HTML_TEMPLATES))
def test_html_article_comes_back_without_furniture(pages, template):
    for page in (p for p in pages if p.name.endswith(f"-{template}.html")):
        text = extract_text(page.name, page.raw)
        article = page.article
        paragraphs = text.split("\n\n")
        assert paragraphs[0] == article.headline
        assert_in_order(text, article.units())
        assert {norm(p) for p in article.paragraphs} <= set(paragraphs)
        if article.table:
            assert "\n".join(" | ".join(row) for row in FIGURES) in text
        # an italic line under a picture inside the body looks like text to every reader measured
        furniture = [f for f in page.furniture if not (template == "br-paragraphs" and f == CAPTION)]
        assert leaked_furniture(text, Fixture(page.name, page.raw, article, tuple(furniture))) == [], page.name
        assert text.count(article.headline) == 1


def test_html_lead_outside_the_body_is_kept(pages):
    """Sites put the lead (sapo) above the article body, where trafilatura alone does not look."""
    page = next(p for p in pages if p.name.endswith("-news-divs.html"))
    text = extract_text(page.name, page.raw)
    assert text.split("\n\n")[1] == page.article.paragraphs[0]


def test_html_windows_1258_and_entities(articles):
    article = articles[1]
    page = (
        '<html><head><meta charset="windows-1258"><title>Tin</title></head><body><article>'
        f"<h1>{article.headline}</h1><p>Ph&iacute;a tr&#432;&#7899;c, c&aacute;c&nbsp;b&#7897; &amp; ng&agrave;nh.</p>"
        + "".join(f"<p>{p}</p>" for p in article.paragraphs)
        + "</article></body></html>"
    )
    raw = to_cp1258(page)
    assert b"\xd2" in raw  # a combining hook above: really Windows-1258, not UTF-8
    text = extract_text("tin.htm", raw)
    assert text.startswith(article.headline + "\n\nPhía trước, các bộ & ngành.\n\n")
    assert_in_order(text, article.paragraphs)


def test_html_without_charset_falls_back_to_detection(articles):
    paragraphs = articles[1].paragraphs
    page = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>"
    assert_in_order(extract_text("tin.html", to_cp1258(page)), paragraphs)


def test_selectolax_reads_the_page_when_trafilatura_finds_nothing(pages, monkeypatch):
    page = next(p for p in pages if p.name.endswith("-semantic.html"))
    monkeypatch.setattr(formats, "trafilatura_paragraphs", lambda html: [])
    text = extract_text(page.name, page.raw)
    assert text.split("\n\n")[0] == page.article.headline
    assert_in_order(text, page.article.units())
    for furniture in ("Giới thiệu", "Đường dây nóng", "Tin liên quan", "Đang tải dữ liệu", CAPTION):
        assert furniture not in text


@pytest.mark.parametrize("trafilatura_finds_it", [True, False])
def test_html_headline_is_the_articles_not_the_sites(articles, monkeypatch, trafilatura_finds_it):
    """The site's logo may be an <h1> in its <header>; the article's <header> holds the headline and lead."""
    article = articles[1]
    page = (
        "<html><head><title>Tin - Cổng thông tin</title></head><body>"
        '<header><h1 class="logo">Cổng thông tin điện tử tỉnh An Thịnh</h1>'
        '<nav><a href="/">Trang chủ</a></nav></header>'
        f'<article><header><h1>{article.headline}</h1><p class="sapo">{article.paragraphs[0]}</p></header>'
        + "".join(f"<p>{p}</p>" for p in article.paragraphs[1:])
        + "<footer>Nguồn: Văn phòng Ủy ban</footer></article>"
        + "<footer>Đường dây nóng: 0237 3 812 345</footer></body></html>"
    )
    if not trafilatura_finds_it:
        monkeypatch.setattr(formats, "trafilatura_paragraphs", lambda html: [])
    paragraphs = extract_text("tin.html", page.encode()).split("\n\n")
    assert paragraphs[:2] == [article.headline, article.paragraphs[0]]
    assert_in_order("\n\n".join(paragraphs), article.units())
    assert not any("Cổng thông tin" in p or "Đường dây nóng" in p for p in paragraphs)


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ('<h2 class="title">{h}</h2>', "headline"),  # a portal that marks its headline by class
        ("<h3>{h}</h3>", "headline"),  # a plain heading before the first paragraph
        ("<p>{lead}</p><h3>Kết quả nổi bật trong năm</h3>", "site"),  # a section heading is not the headline
        # the site's name marked as a title, a sidebar's heading: neither is the article's
        ('<div class="site-title">Cổng thông tin điện tử tỉnh An Thịnh</div><h2 class="title">{h}</h2>', "headline"),
        ('<div class="sidebar"><h3>Tin nổi bật trong tuần của tỉnh</h3></div><h3>{h}</h3>', "headline"),
        # the site's name an <h1> in a block its id or class marks as the header, not a <header> tag
        (
            '<div id="header"><h1>CỔNG THÔNG TIN ĐIỆN TỬ TỈNH AN THỊNH</h1></div><h2 class="article-title">{h}</h2>',
            "headline",
        ),
        (
            '<div class="top-bar"><h1 class="site-name">Cổng thông tin tỉnh</h1></div><h2 class="title">{h}</h2>',
            "headline",
        ),
        # a theme naming the whole page "site", and an article's own block called "header", are not the site's
        ('<div id="page" class="site"><div class="site-main"><h1>{h}</h1></div></div>', "headline"),
        ('<div class="page-header"><h1>{h}</h1></div>', "headline"),
        ('<div class="article"><div class="header"><h1>{h}</h1></div></div>', "headline"),
        # a <div> its class marks as the title, holding only text
        ('<div class="detail-title">{h}</div><div class="detail-date">Ngày đăng: 17/06/2022</div>', "headline"),
        # a class in Vietnamese: "tieu-de" (title), "tieude"
        ('<div class="tieu-de">{h}</div><div class="ngay-dang">Ngày 17 tháng 6 năm 2022</div>', "headline"),
        ('<div class="tieude">{h}</div>', "headline"),
        ('<div class="box-tieude">Cổng thông tin tỉnh An Thịnh</div><div class="tieu-de">{h}</div>', "headline"),
        # "headline" as the class; "sub-headline" is not the headline
        ('<div class="headline">{h}</div><div class="dateline">Thứ Năm, 16/04/2032 - 15:40</div>', "headline"),
        ('<div class="sub-headline">Kết quả nổi bật trong năm của tỉnh</div><p>{lead}</p>', "site"),
    ],
)
def test_html_headline_without_an_h1(articles, heading, expected):
    """Without an <h1>, the page's <title> often names the site or a section, not the article."""
    article = articles[2]
    page = (
        "<html><head><title>Cổng thông tin điện tử - Tin hoạt động</title></head><body>"
        '<div id="menu"><a href="#">Trang chủ</a> | <a href="#">Tin tức</a></div><div class="news-detail">'
        + heading.format(h=article.headline, lead=article.paragraphs[0])
        + "".join(f"<p>{p}</p>" for p in article.paragraphs[1:])
        + "</div></body></html>"
    )
    first = extract_text("tin.html", page.encode()).split("\n\n")[0]
    assert first == (article.headline if expected == "headline" else "Cổng thông tin điện tử - Tin hoạt động")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty file"),
        (b"  \n ", "empty file"),
        (b"<html></html>", "HTML page has no article text"),
        ("<body><nav><a href='/'>Trang chủ</a></nav><footer>Đường dây nóng</footer></body>".encode(), "no article"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(32)) * 8, "binary file, not an HTML page"),
        (b"<div>" * 5000, "nested too deeply"),
    ],
)
def test_html_refused_with_reason(raw, reason):
    with pytest.raises(BadDocument, match=reason):
        extract_text("trang.html", raw)


# --- DOCX -------------------------------------------------------------------------------------


def test_docx_paragraphs_and_tables_in_order_without_header_and_footer(articles):
    for fixture in docx_fixtures(articles):
        text = extract_text(fixture.name, fixture.raw)
        article = fixture.article
        assert text.split("\n\n")[0] == article.headline
        assert_in_order(text, article.units())
        assert {norm(p) for p in article.paragraphs} <= set(text.split("\n\n"))
        assert "\n".join(" | ".join(row) for row in FIGURES) in text.split("\n\n")  # merged title row once
        assert DOCX_HEADER not in text and DOCX_FOOTER not in text


def test_docx_refused_with_reason(articles):
    good = docx_file(articles[0])
    for raw, reason in [
        (good[: len(good) // 2], r"not a valid \.docx file \(File is not a zip file\)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), r"not a valid \.docx file \(an old \.doc"),
        (random.Random(1).randbytes(3000), r"not a valid \.docx file"),
        (good.replace(b"word/document.xml", b"word/documenX.xml"), r"not a valid \.docx file"),
    ]:
        with pytest.raises(BadDocument, match=reason):
            extract_text("bao-cao.docx", raw)


# --- PDF --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_texts(articles) -> list[tuple[Fixture, str]]:
    """Each PDF fixture with the text read from it (fpdf2 takes a while to lay the files out)."""
    return [(fixture, extract_text(fixture.name, fixture.raw)) for fixture in pdf_fixtures(articles)]


@pytest.fixture(scope="module")
def short(articles) -> Article:
    return Article("ngan", articles[1].headline, articles[1].paragraphs[:2])


def test_pdf_text_in_reading_order_with_diacritics(pdf_texts):
    for fixture, text in pdf_texts:
        article = fixture.article
        assert_in_order(text, article.units(cells=True)[len(article.preamble) :])
        assert norm(article.headline) in {norm(p) for p in text.split("\n\n")}  # a paragraph of its own
        if not article.preamble:  # headline first, even when the file draws it last
            assert norm(text.split("\n\n")[0]) == norm(article.headline)


def test_pdf_administrative_heading_comes_first(pdf_texts):
    """Its two columns come out side by side, line by line: each column's lines stay in order."""
    fixture, text = next((f, t) for f, t in pdf_texts if f.article.preamble)
    article = fixture.article
    assert_in_order(text, [*OFFICIAL_LEFT, article.headline, *article.paragraphs])
    assert_in_order(text, [*OFFICIAL_RIGHT, article.headline])


def test_pdf_keeps_blank_lines_between_paragraphs(pdf_texts):
    """Paragraphs are set apart by space in the PDF, and one that runs on to the next page is whole."""
    for fixture, text in pdf_texts:
        assert {norm(p) for p in fixture.article.paragraphs} <= {norm(p) for p in text.split("\n\n")}


def test_pdf_encrypted_without_a_user_password_is_read(short):
    text = extract_text("bao-cao.pdf", pdf_file(short, user_password=""))
    assert_in_order(text, [short.headline, *short.units()])


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda a: pdf_file(a, user_password="mat-khau"), "encrypted PDF"),
        (lambda a: pdf_without_text(image=True), r"PDF has no text layer \(scanned image\?\)"),
        (lambda a: pdf_without_text(image=False), "PDF has no text layer"),
        (lambda a: pdf_file(a)[:3000], r"not a valid \.pdf file"),
        (lambda a: random.Random(2).randbytes(5000), r"not a valid \.pdf file"),
        (lambda a: b"%PDF-1.7\n" + random.Random(3).randbytes(5000), r"not a valid \.pdf file"),
    ],
)
def test_pdf_refused_with_reason(short, make, reason):
    with pytest.raises(BadDocument, match=reason):
        extract_text("bao-cao.pdf", make(short))


# --- Any bytes --------------------------------------------------------------------------------

NAMES = st.sampled_from(["a.html", "a.htm", "a.docx", "a.pdf"])


def _read(name: str, raw: bytes) -> None:
    try:
        text = extract_text(name, raw)
    except BadDocument as exc:
        assert str(exc)
    else:
        assert isinstance(text, str) and text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NAMES, st.binary(max_size=3000))
def test_random_bytes_raise_only_bad_document(name, raw):
    _read(name, raw)


@pytest.fixture(scope="module")
def samples(short) -> dict[str, bytes]:
    article = Article(short.name, short.headline, short.paragraphs, FIGURES)
    page = next(p for p in html_fixtures([article]) if p.name.endswith("-news-divs.html"))
    return {"a.html": page.raw, "a.docx": docx_file(article), "a.pdf": pdf_file(article)}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["a.html", "a.docx", "a.pdf"]), st.data())
def test_damaged_files_raise_only_bad_document(samples, name, data):
    """Real files cut short or with bytes overwritten."""
    raw = bytearray(samples[name])
    if data.draw(st.booleans(), label="truncate"):
        raw = raw[: data.draw(st.integers(0, len(raw)), label="length")]
    for _ in range(data.draw(st.integers(0, 8), label="flips")):
        if raw:
            raw[data.draw(st.integers(0, len(raw) - 1), label="at")] = data.draw(st.integers(0, 255), label="byte")
    _read(name, bytes(raw))


@pytest.mark.parametrize("mark", ['p class="lead"', 'div class="summary"', 'p class="article-excerpt"'])
def test_html_lead_marked_by_other_classes_is_kept(articles, mark):
    """Sites mark the lead "lead", "summary" or "…-excerpt" as well as "sapo"; a sidebar's summary is not it."""
    article = articles[1]
    tag = mark.split()[0]
    page = (
        "<html><body><div class='page'>"
        f"<h1>{article.headline}</h1><{mark}><b>{article.paragraphs[0]}</b></{tag}>"
        '<div class="entry">' + "".join(f"<p>{p}</p>" for p in article.paragraphs[1:]) + "</div>"
        '<div class="sidebar"><p class="summary">Tin đọc nhiều trong tuần của cổng thông tin điện tử tỉnh</p></div>'
        "</div></body></html>"
    )
    paragraphs = extract_text("tin.html", page.encode()).split("\n\n")
    assert paragraphs[:2] == [article.headline, article.paragraphs[0]]
    assert "Tin đọc nhiều" not in " ".join(paragraphs)


def test_pdf_official_document_is_titled_by_its_heading_not_its_national_header(articles):
    """The issuer and the national name share the PDF's first line; the document's own heading is its title."""
    from eval.formats import official_pdf
    from index.ingest import parse_report

    fixture = Article("tb", "THÔNG BÁO Kết luận về sổ sức khỏe điện tử", articles[1].paragraphs[:2])
    report = parse_report("tb.pdf", official_pdf(fixture))
    assert report.title == fixture.headline
    assert (
        report.text.split("\n\n")[1]
        == "ỦY BAN NHÂN DÂN. TỈNH AN THỊNH. Số: 215/BC-UBND. An Thịnh, ngày 12 tháng 7 năm 2024."
    )


def test_html_table_layout_page_keeps_its_article_and_headline(articles):
    """An old portal: the article in a table cell after the sidebar, its headline in a big font,
    the page's <title> only the site's name."""
    article = articles[1]
    page = (
        "<html><head><title>Cong thong tin dien tu tinh An Thinh</title></head><body><table><tr>"
        "<td><b>DANH MỤC</b><br>Hoạt động của Sở<br><b>THỐNG KÊ TRUY CẬP</b><br>Đang online: 37</td>"
        f'<td><table><tr><td><font size="5"><b>{article.headline}</b></font></td></tr>'
        "<tr><td><font size='1'>Cập nhật lúc: 16:45 - 20/04/2023 &nbsp; Lượt xem: 1.207 [In trang]</font></td></tr>"
        "<tr><td><font size='2'>" + "<br><br>".join(article.paragraphs) + "</font></td></tr></table></td>"
        "</tr></table></body></html>"
    )
    text = extract_text("tin.htm", page.encode())
    from index.ingest import parse_report

    report = parse_report("tin.htm", page.encode())
    assert report.title == article.headline
    assert_in_order(report.text, article.paragraphs)
    assert "Cong thong tin" not in text.split("\n\n")[0]


def test_html_h1_that_repeats_the_page_title_stays_the_headline(articles):
    article = articles[1]
    page = (
        f"<html><head><title>{article.headline}</title></head><body><article><h1>{article.headline}</h1>"
        "<p>Trung tâm Truyền thông tỉnh An Thịnh</p><p>Thứ Năm, 05/04/2024 15:30</p>"
        + "".join(f"<p>{p}</p>" for p in article.paragraphs)
        + "</article></body></html>"
    )
    from index.ingest import parse_report

    assert parse_report("tin.html", page.encode()).title == article.headline


@pytest.mark.parametrize("tag", ["h4", "strong"])
def test_html_sapo_on_any_element_and_no_site_description(articles, tag):
    article = articles[1]
    page = (
        "<html><body><div class='page'><div class='site-description'>Cổng thông tin điện tử chính thức của tỉnh</div>"
        f"<h1>{article.headline}</h1><{tag} class='sapo'>{article.paragraphs[0]}</{tag}>"
        '<div class="entry">' + "".join(f"<p>{p}</p>" for p in article.paragraphs[1:]) + "</div></div></body></html>"
    )
    paragraphs = extract_text("tin.html", page.encode()).split("\n\n")
    assert paragraphs[:2] == [article.headline, article.paragraphs[0]]


def test_html_sapo_under_a_title_heading_where_the_site_s_name_is_the_h1(articles):
    # a page whose only <h1> is the site's name marks its headline by a class on an <h2>; the lead
    # in bold beside it, outside the article's body, is the report's first paragraph
    article = articles[1]
    page = (
        "<html><body><div id='header'><h1 class='site-name'>CỔNG THÔNG TIN ĐIỆN TỬ TỈNH AN THỊNH</h1></div>"
        f"<div id='content'><h2 class='article-title'>{article.headline}</h2>"
        f"<p class='sapo'><strong>{article.paragraphs[0]}</strong></p>"
        '<div class="article-body">' + "".join(f"<p>{p}</p>" for p in article.paragraphs[1:]) + "</div></div>"
        "</body></html>"
    )
    paragraphs = extract_text("tin.html", page.encode()).split("\n\n")
    assert paragraphs[:2] == [article.headline, article.paragraphs[0]]
