"""``python -m eval.formats [--seeds DIR] [--by-template]``: how well each library reads .html, .docx and .pdf.

Builds documents from the seed reports (news pages wrapped in site furniture, Word files with a
page header, footer and table, PDFs written with fpdf2), runs each candidate over them and prints
the share of article sentences recovered and in order, of furniture lines leaked, of headlines and
paragraphs kept whole, and milliseconds per file. ``extract_text (chosen)`` is what index.formats
does. tests/test_formats.py builds its fixtures with the same functions.
"""

from __future__ import annotations

import argparse
import html
import io
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import pdfplumber
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from PIL import Image, ImageDraw
from pypdf import PdfReader
from selectolax.lexbor import LexborHTMLParser

from index.cleaning import clean_text
from index.formats import (
    decode_html,
    extract_text,
    headline,
    join_paragraphs,
    selectolax_paragraphs,
    trafilatura_paragraphs,
    with_headline,
)
from index.vietnamese import nfc

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

# Invented figures; a one-cell row spans the whole table.
FIGURES: tuple[tuple[str, ...], ...] = (
    ("Bảng 1. Một số chỉ tiêu chuyển đổi số của tỉnh An Thịnh",),
    ("Chỉ tiêu", "Năm 2023", "Năm 2024"),
    ("Tài khoản dịch vụ công (nghìn)", "412,6", "587,3"),
    ("Hồ sơ trực tuyến toàn trình (%)", "38,5", "46,2"),
    ("Hộ gia đình có cáp quang (%)", "79,1", "82,9"),
)
TABLE_AFTER = 2  # the table follows the article's second paragraph

MENU = ("Trang chủ", "Giới thiệu", "Tin tức - Sự kiện", "Chỉ đạo điều hành", "Văn bản pháp luật", "Liên hệ")
SITE = "Cổng thông tin điện tử tỉnh An Thịnh"
BREADCRUMB = "Trang chủ › Tin tức - Sự kiện › Chuyển đổi số"
SHARE = ("Chia sẻ", "In bài viết", "A- A A+", "Gửi email")
CAPTION = "Quang cảnh phiên họp tại điểm cầu tỉnh. Ảnh: VGP/Minh Khôi"
RELATED_TITLE = "Tin liên quan"
RELATED = (
    "Tập huấn kỹ năng số cho cán bộ cấp xã tại huyện Đồi Mây",
    "Ra mắt tổ công nghệ số cộng đồng ở phường Bến Lụa",
    "Hội thảo về kho dữ liệu dùng chung của tỉnh lần thứ hai",
)
FOOTER = (
    "Đường dây nóng: 0237 3 812 345",
    "Bản quyền thuộc Cổng thông tin điện tử tỉnh An Thịnh",
    "Địa chỉ: số 9 đường Hoa Sữa, thành phố An Thịnh",
    "Email: banbientap@example.vn",
)
TOP_OF_PAGE = ("Lên đầu trang", "top of page")
COOKIES = "Trang web dùng cookie để ghi nhớ lựa chọn của bạn. Đồng ý"
SCRIPT_TEXT = "Đang tải dữ liệu, vui lòng chờ"
TAGS = "Từ khóa: chuyển đổi số, dữ liệu số, dịch vụ công"
COMMENTS = ("Ý kiến bạn đọc", "Gửi bình luận")
VIEWS = "Lượt xem: 1.248"
MOST_READ_TITLE = "Đọc nhiều nhất"
MOST_READ = ("Lịch tiếp công dân tháng tới của lãnh đạo tỉnh", "Khai trương bến xe khách phía nam thành phố")


@dataclass(frozen=True)
class Article:
    """A report's headline and paragraphs, with the invented figures table when ``table`` is set, and
    in ``preamble`` the lines an administrative document prints above its headline."""

    name: str
    headline: str
    paragraphs: tuple[str, ...]
    table: tuple[tuple[str, ...], ...] = ()
    preamble: tuple[str, ...] = ()

    def blocks(self) -> list[str | tuple[tuple[str, ...], ...]]:
        """Paragraphs and the table, in reading order."""
        out: list[str | tuple[tuple[str, ...], ...]] = list(self.paragraphs)
        if self.table:
            out.insert(TABLE_AFTER, self.table)
        return out

    def units(self, *, cells: bool = False) -> list[str]:
        """What a reader must recover, in order: each sentence, and each table row as "a | b | c"
        (each cell on its own when ``cells``, as PDF text has no cell separators)."""
        out: list[str] = list(self.preamble)
        for block in self.blocks():
            if isinstance(block, str):
                out.extend(sentences(block))
            elif cells:
                out.extend(cell for row in block for cell in row)
            else:
                out.extend(" | ".join(row) for row in block)
        return out


@dataclass(frozen=True)
class Fixture:
    """One generated file, the article inside it and the furniture lines around it."""

    name: str
    raw: bytes
    article: Article
    furniture: tuple[str, ...] = ()


def sentences(paragraph: str) -> list[str]:
    """A paragraph cut after each . ! ? … and ;"""
    return [s for s in re.split(r"(?<=[.!?…;])\s+", paragraph.strip()) if s]


def norm(text: str) -> str:
    """NFC with whitespace runs as one space: how extracted text is compared with the article."""
    return " ".join(nfc(text).split())


def seed_articles(folder: Path = SEEDS) -> list[Article]:
    """Each seed report as an article: its first paragraph is the headline when it reads like one."""
    articles = []
    for n, path in enumerate(sorted(folder.glob("*.txt")), 1):
        text, _ = clean_text(path.read_text(encoding="utf-8"))
        paragraphs = text.split("\n\n")
        if len(paragraphs[0]) <= 160 and not paragraphs[0].endswith("."):
            title, paragraphs = paragraphs[0], paragraphs[1:]
        else:
            title = f"Ủy ban Quốc gia về chuyển đổi số: bản tin số {n}"
        articles.append(Article(path.stem, title, tuple(paragraphs)))
    return articles


# --- HTML -------------------------------------------------------------------------------------


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _html_table(rows: tuple[tuple[str, ...], ...], cls: str = "") -> str:
    width = max(len(row) for row in rows)
    body = ""
    for row in rows:
        if len(row) == 1:
            body += f'<tr><td colspan="{width}"><b>{_e(row[0])}</b></td></tr>\n'
        else:
            body += "<tr>" + "".join(f"<td>{_e(cell)}</td>" for cell in row) + "</tr>\n"
    return f'<table class="{cls}" border="1">\n{body}</table>'


def _body_html(article: Article, paragraph: Callable[[str], str], extra: dict[int, str]) -> str:
    """The article's blocks as HTML, with ``extra[i]`` (a figure, a related box) after block i."""
    out = []
    for i, block in enumerate(article.blocks()):
        out.append(paragraph(block) if isinstance(block, str) else _html_table(block, "figures"))
        if i in extra:
            out.append(extra[i])
    return "\n".join(out)


def _menu_items() -> str:
    return "".join(f'<li><a href="https://example.vn/{i}">{_e(m)}</a></li>' for i, m in enumerate(MENU))


def _related_items() -> str:
    return "".join(f'<li><a href="https://example.vn/tin/{i}">{_e(r)}</a></li>' for i, r in enumerate(RELATED))


def _semantic_page(article: Article) -> bytes:
    """A modern page: <header>, <nav>, <main><article> with a figure, an <aside> of related news, <footer>."""
    figure = f'<figure><img src="https://example.vn/anh/1.jpg" alt=""><figcaption>{_e(CAPTION)}</figcaption></figure>'
    body = _body_html(article, lambda p: f"<p>{_e(p)}</p>", {0: figure})
    share = "".join(f'<a class="share" href="#">{_e(s)}</a> ' for s in SHARE)
    page = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{_e(article.headline)} - {_e(SITE)}</title>
<style>.share {{ margin: 0 4px }}</style>
<script>var loading = "{SCRIPT_TEXT}";</script></head>
<body>
<header><div class="logo"><a href="https://example.vn/">{_e(SITE)}</a></div>
<nav><ul>{_menu_items()}</ul></nav></header>
<div class="breadcrumb">{_e(BREADCRUMB)}</div>
<main><article>
<h1>{_e(article.headline)}</h1>
<div class="meta"><time datetime="2024-07-12">Thứ Sáu, 12/07/2024 - 10:15</time> <span>{_e(VIEWS)}</span></div>
<div class="share-bar">{share}</div>
{body}
<div class="tags">{_e(TAGS)}</div>
<aside class="related"><h3>{_e(RELATED_TITLE)}</h3><ul>{_related_items()}</ul></aside>
</article></main>
<footer><p>{_e(FOOTER[0])}</p><p>{_e(FOOTER[1])}</p><p>{_e(FOOTER[2])}</p><p>{_e(FOOTER[3])}</p>
<a href="#top">{_e(TOP_OF_PAGE[1])}</a></footer>
</body></html>"""
    return page.encode("utf-8")


def to_cp1258(text: str) -> bytes:
    """Windows-1258 bytes: tone marks as combining characters, as that code page writes them."""
    out = bytearray()
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        for candidate in (ch, unicodedata.normalize("NFC", decomposed[:2]) + decomposed[2:], decomposed):
            try:
                out += candidate.encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
        else:
            out += ch.encode("ascii", "xmlcharrefreplace")
    return bytes(out)


_ENTITIES = {"à": "&agrave;", "ô": "&ocirc;", "ư": "&#432;", "ộ": "&#7897;", " ": "&nbsp;"}


def _entities(text: str) -> str:
    """Escaped text with a few letters and spaces written as entities, as old editors did."""
    escaped = _e(text)
    for i, (ch, entity) in enumerate(_ENTITIES.items()):
        escaped = escaped.replace(ch, entity, 2 + i)
    return escaped


def _portal_page(article: Article) -> bytes:
    """An old portal: table layout, no semantic tags, Windows-1258 declared in a meta tag, entities."""
    caption = (
        '<table class="image"><tr><td><img src="https://example.vn/anh/2.jpg"></td></tr>'
        f'<tr><td class="caption"><i>{_e(CAPTION)}</i></td></tr></table>'
    )
    body = _body_html(article, lambda p: f'<p align="justify">{_entities(p)}</p>', {1: caption})
    menu = "".join(
        f'<tr><td class="menu-item"><a href="https://example.vn/m{i}">{_e(m)}</a></td></tr>' for i, m in enumerate(MENU)
    )
    others = "".join(f'<li><a href="https://example.vn/khac/{i}">{_e(r)}</a></li>' for i, r in enumerate(RELATED))
    page = f"""<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">
<title>{_e(article.headline)}</title></head>
<body><table width="100%"><tr><td colspan="2" class="banner"><b>{_e(SITE.upper())}</b></td></tr>
<tr><td width="200" valign="top"><table class="left-menu">{menu}</table></td>
<td valign="top"><div class="path">{_e(BREADCRUMB)}</div>
<div class="title"><b>{_e(article.headline)}</b></div>
<div class="tools">{" | ".join(_e(s) for s in SHARE)}</div>
<div class="content">{body}</div>
<div class="other-news"><b>Các tin khác</b><ul>{others}</ul></div>
<div class="top"><a href="#">{_e(TOP_OF_PAGE[0])}</a></div></td></tr>
<tr><td colspan="2" class="footer">{"<br>".join(_e(f) for f in FOOTER)}</td></tr></table>
</body></html>"""
    return to_cp1258(page)


def _news_page(article: Article) -> bytes:
    """A news site built of <div>s: the lead in an <h2> above the body, a caption table and a related box
    inside it, related news in a sidebar."""
    lead, rest = article.paragraphs[0], Article(article.name, article.headline, article.paragraphs[1:], article.table)
    related = f'<div class="related-inline"><b>{_e(RELATED_TITLE)}</b><ul>{_related_items()}</ul></div>'
    caption = (
        '<table class="picture"><tr><td><img src="https://example.vn/anh/3.jpg"></td></tr>'
        f'<tr><td class="pic-caption">{_e(CAPTION)}</td></tr></table>'
    )
    body = _body_html(rest, lambda p: f"<p>{_e(p)}</p>", {0: caption, 2: related})
    share = "".join(f'<span class="btn">{_e(s)}</span>' for s in SHARE)
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{_e(article.headline)}</title>
<meta property="og:title" content="{_e(article.headline)}"></head><body>
<div class="cookie-banner">{_e(COOKIES)}</div>
<div id="header"><div class="logo">{_e(SITE)}</div><ul class="menu">{_menu_items()}</ul></div>
<div class="container"><div class="breadcrumbs">{_e(BREADCRUMB)}</div>
<div class="detail">
<h1 class="detail-title">{_e(article.headline)}</h1>
<div class="detail-time">12/07/2024 10:15 GMT+7</div>
<div class="social">{share}</div>
<h2 class="detail-sapo">{_e(lead)}</h2>
<div class="detail-content">{body}</div>
<div class="detail-tags">{_e(TAGS)}</div>
<div class="comments"><h3>{_e(COMMENTS[0])}</h3>
<form><textarea></textarea><button>{_e(COMMENTS[1])}</button></form></div>
</div>
<div class="sidebar"><h3>{_e(RELATED_TITLE)}</h3><ul>{_related_items()}</ul></div></div>
<div id="footer">{"".join(f"<div>{_e(f)}</div>" for f in FOOTER)}</div>
</body></html>"""
    return page.encode("utf-8")


def _magazine_page(article: Article) -> bytes:
    """A newer news site: the lead in a <div>, a related box inside the body, a "most read" column."""
    lead, rest = article.paragraphs[0], Article(article.name, article.headline, article.paragraphs[1:], article.table)
    figure = (
        f'<figure class="image"><img src="https://example.vn/anh/5.jpg"><figcaption>{_e(CAPTION)}</figcaption></figure>'
    )
    related = (
        f'<div class="box-related"><div class="box-title">{_e(RELATED_TITLE)}</div>'
        + "".join(f'<a href="https://example.vn/r/{i}">{_e(r)}</a>' for i, r in enumerate(RELATED[:2]))
        + "</div>"
    )
    body = _body_html(rest, lambda p: f"<p>{_e(p)}</p>", {0: figure, 1: related})
    menu = "".join(f'<a href="https://example.vn/c/{i}">{_e(m)}</a>' for i, m in enumerate(MENU))
    page = f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>{_e(article.headline)} | Báo điện tử An Thịnh</title></head><body>
<div class="topbar"><span>Thứ Sáu, 12/07/2024</span> <a href="https://example.vn/login">Đăng nhập</a></div>
<div class="site-header"><a class="logo" href="https://example.vn/">{_e(SITE)}</a>
<div class="main-menu">{menu}</div></div>
<div class="wrap"><div class="col-left">
<div class="breadcrumb">{_e(BREADCRUMB)}</div>
<div class="article">
<h1 class="article-title">{_e(article.headline)}</h1>
<div class="sapo">{_e(lead)}</div>
<div id="article-body" class="article-body">{body}</div>
<div class="article-share">{"".join(f'<a href="#">{_e(s)}</a>' for s in SHARE)}</div>
</div>
<div class="box-more"><h3>Bài viết liên quan</h3><ul>{_related_items()}</ul></div>
</div>
<div class="col-right"><h3>{_e(MOST_READ_TITLE)}</h3>
<ol>{"".join(f"<li>{_e(m)}</li>" for m in MOST_READ)}</ol></div></div>
<div class="site-footer">{"".join(f"<p>{_e(f)}</p>" for f in FOOTER)}<a href="#top">{_e(TOP_OF_PAGE[0])}</a></div>
</body></html>"""
    return page.encode("utf-8")


def _br_page(article: Article) -> bytes:
    """An old CMS: one <div> whose paragraphs are split by <br><br>, a BOM and no charset declared."""
    parts = []
    for i, block in enumerate(article.blocks()):
        parts.append(_e(block) + "<br><br>" if isinstance(block, str) else _html_table(block))
        if i == 0:
            parts.append(f'<img src="https://example.vn/anh/4.jpg"><br><i>{_e(CAPTION)}</i><br><br>')
    page = f"""<html><head><title>{_e(article.headline)}</title>
<script type="text/javascript">document.write("{SCRIPT_TEXT}");</script>
<style>#noidung {{ font-family: Arial }}</style></head><body>
<div id="top"><span>{_e(SITE)}</span> | {" | ".join(_e(m) for m in MENU)}</div>
<div class="cookie">{_e(COOKIES)}</div>
<div id="tieude"><h1>{_e(article.headline)}</h1></div>
<div id="noidung">{"".join(parts)}</div>
<div id="chiase">{" ".join(_e(s) for s in SHARE)}</div>
<div id="lienquan"><p><b>{_e(RELATED_TITLE)}</b></p>{"".join(f"<p>- {_e(r)}</p>" for r in RELATED)}</div>
<div id="chantrang">{"<br>".join(_e(f) for f in FOOTER)}<br><a href="#top">{_e(TOP_OF_PAGE[0])}</a></div>
</body></html>"""
    return b"\xef\xbb\xbf" + page.encode("utf-8")


_COMMON = (*MENU[1:], *SHARE, CAPTION, *RELATED, *FOOTER)  # "Trang chủ" also starts the breadcrumb
HTML_TEMPLATES: dict[str, tuple[Callable[[Article], bytes], tuple[str, ...]]] = {
    "semantic": (
        _semantic_page,
        (*_COMMON, BREADCRUMB, RELATED_TITLE, SCRIPT_TEXT, TAGS, VIEWS, TOP_OF_PAGE[1]),
    ),
    "portal-1258": (_portal_page, (*_COMMON, BREADCRUMB, "Các tin khác", SITE.upper(), TOP_OF_PAGE[0])),
    "news-divs": (_news_page, (*_COMMON, BREADCRUMB, RELATED_TITLE, TAGS, COOKIES, *COMMENTS)),
    "magazine": (
        _magazine_page,
        (*_COMMON, BREADCRUMB, RELATED_TITLE, "Bài viết liên quan", MOST_READ_TITLE, *MOST_READ, TOP_OF_PAGE[0]),
    ),
    "br-paragraphs": (_br_page, (*_COMMON, RELATED_TITLE, SCRIPT_TEXT, COOKIES, TOP_OF_PAGE[0])),
}


def html_fixtures(articles: list[Article]) -> list[Fixture]:
    """Every article through every page template; the first and last templates carry the figures table."""
    out = []
    for template, (build, furniture) in HTML_TEMPLATES.items():
        for article in articles:
            if template in ("semantic", "br-paragraphs"):
                article = Article(article.name, article.headline, article.paragraphs, FIGURES)
            out.append(Fixture(f"{article.name}-{template}.html", build(article), article, furniture))
    return out


# --- DOCX -------------------------------------------------------------------------------------

DOCX_HEADER = "ỦY BAN NHÂN DÂN TỈNH AN THỊNH - Báo cáo nội bộ"
DOCX_FOOTER = "Đường dây nóng: 0237 3 812 345 - Trang 1"


def docx_file(article: Article) -> bytes:
    """A Word report: the headline as a heading, the paragraphs, the table with a merged title row,
    and a page header and footer that are not report text."""
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = DOCX_HEADER
    section.footer.paragraphs[0].text = DOCX_FOOTER
    document.add_heading(article.headline, level=1)
    for block in article.blocks():
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        width = max(len(row) for row in block)
        table = document.add_table(rows=len(block), cols=width)
        for row, cells in zip(table.rows, block):
            if len(cells) == 1:
                row.cells[0].merge(row.cells[-1]).text = cells[0]
            else:
                for cell, text in zip(row.cells, cells):
                    cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_fixtures(articles: list[Article]) -> list[Fixture]:
    """Each article as a Word report with the figures table; its page header and footer are furniture."""
    return [
        Fixture(f"{a.name}.docx", docx_file(a), a, (DOCX_HEADER, DOCX_FOOTER))
        for a in (Article(a.name, a.headline, a.paragraphs, FIGURES) for a in articles)
    ]


# --- PDF --------------------------------------------------------------------------------------


def _pdf() -> FPDF:
    """An A4 document with DejaVu Sans, a font with every Vietnamese letter."""
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT_BOLD)
    return pdf


def pdf_file(article: Article, *, title_last: bool = False, user_password: str | None = None) -> bytes:
    """A text PDF in DejaVu Sans: bold headline, justified paragraphs with space between them, the
    table drawn with borders. ``title_last`` writes the headline after the body (the content stream
    is then out of reading order); ``user_password`` encrypts the file."""
    pdf = _pdf()
    if user_password is not None:
        pdf.set_encryption(owner_password="chu-so-huu", user_password=user_password)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 15)
    if title_last:
        pdf.set_y(pdf.get_y() + 22)
    else:
        pdf.multi_cell(0, 8, article.headline, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(6)
    pdf.set_font("DejaVu", "", 11)
    for block in article.blocks():
        if isinstance(block, str):
            pdf.multi_cell(0, 6, block, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            width = max(len(row) for row in block)
            with pdf.table(first_row_as_headings=False, col_widths=(2, 1, 1)) as table:
                for cells in block:
                    row = table.row()
                    for text in cells:
                        row.cell(text, colspan=width if len(cells) == 1 else 1)
        pdf.ln(4)
    if title_last:
        pdf.page = 1
        pdf.set_xy(20, 20)
        pdf.set_font("DejaVu", "B", 15)
        pdf.multi_cell(0, 8, article.headline, align="L")
    return bytes(pdf.output())


OFFICIAL_LEFT = ("ỦY BAN NHÂN DÂN", "TỈNH AN THỊNH", "Số: 215/BC-UBND")
OFFICIAL_RIGHT = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "An Thịnh, ngày 12 tháng 7 năm 2024",
)


def official_pdf(article: Article) -> bytes:
    """An administrative report: issuer and number on the left, national motto and date on the right
    (two columns side by side, written left block first), then the title and the body."""
    pdf = _pdf()
    pdf.add_page()
    for x, width, lines in ((20, 70, OFFICIAL_LEFT), (95, 95, OFFICIAL_RIGHT)):
        pdf.set_xy(x, 20)
        for i, line in enumerate(lines):
            pdf.set_font("DejaVu", "B" if i < 2 else "", 10)
            pdf.set_x(x)
            pdf.cell(width, 6, line, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_xy(20, 50)
    pdf.set_font("DejaVu", "B", 13)
    pdf.multi_cell(0, 7, article.headline, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.set_font("DejaVu", "", 11)
    for paragraph in article.paragraphs:
        pdf.multi_cell(0, 6, paragraph, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(4)
    return bytes(pdf.output())


def pdf_without_text(*, image: bool) -> bytes:
    """A PDF whose page holds only a drawn picture (like a scan), or nothing at all."""
    pdf = _pdf()
    pdf.add_page()
    if image:
        picture = Image.new("L", (600, 800), 255)
        draw = ImageDraw.Draw(picture)
        for y in range(60, 760, 24):
            draw.rectangle((50, y, 550, y + 10), fill=40)
        pdf.image(picture, x=20, y=20, w=170)
    return bytes(pdf.output())


def pdf_fixtures(articles: list[Article]) -> list[Fixture]:
    """Each article plain, the first with the figures table, the second with its headline drawn last and
    the third as an administrative report."""
    out = [Fixture(f"{a.name}.pdf", pdf_file(a), a) for a in articles]
    table = Article(articles[0].name, articles[0].headline, articles[0].paragraphs, FIGURES)
    out.append(Fixture(f"{table.name}-table.pdf", pdf_file(table), table))
    out.append(Fixture(f"{articles[1].name}-title-last.pdf", pdf_file(articles[1], title_last=True), articles[1]))
    official = articles[2]
    expected = Article(
        official.name, official.headline, official.paragraphs, preamble=(*OFFICIAL_LEFT, *OFFICIAL_RIGHT)
    )
    out.append(Fixture(f"{official.name}-official.pdf", official_pdf(official), expected))
    return out


# --- Candidates and scores --------------------------------------------------------------------


def _html_candidate(body: Callable[[str, LexborHTMLParser], list[str]]) -> Callable[[bytes], str]:
    """A page reader that finds the article with ``body(html, tree)``, otherwise as extract_text does."""

    def read(raw: bytes) -> str:
        html_text = decode_html(raw)
        tree = LexborHTMLParser(html_text)
        return join_paragraphs(with_headline(headline(tree), body(html_text, tree)))

    return read


def _pypdf(raw: bytes) -> str:
    return "\n\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(raw)).pages)


def _pypdf_layout(raw: bytes) -> str:
    pages = PdfReader(io.BytesIO(raw)).pages
    return "\n\n".join(page.extract_text(extraction_mode="layout") or "" for page in pages)


def _pdfplumber(raw: bytes, *, layout: bool = False) -> str:
    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        return "\n\n".join(page.extract_text(layout=layout) or "" for page in pdf.pages)


CANDIDATES: dict[str, dict[str, Callable[[bytes], str]]] = {
    "html": {
        "trafilatura favor_recall": _html_candidate(lambda h, _: trafilatura_paragraphs(h, favor="recall")),
        "trafilatura (balanced)": _html_candidate(lambda h, _: trafilatura_paragraphs(h, favor=None)),
        "trafilatura favor_precision": _html_candidate(lambda h, _: trafilatura_paragraphs(h, favor="precision")),
        "selectolax": _html_candidate(lambda _, tree: selectolax_paragraphs(tree)),
        "extract_text (chosen)": lambda raw: extract_text("page.html", raw) or "",
    },
    "docx": {"python-docx (chosen)": lambda raw: extract_text("report.docx", raw) or ""},
    "pdf": {
        "pypdf": _pypdf,
        "pypdf layout": _pypdf_layout,
        "pdfplumber": _pdfplumber,
        "pdfplumber layout": lambda raw: _pdfplumber(raw, layout=True),
        "extract_text (chosen)": lambda raw: extract_text("report.pdf", raw) or "",
    },
}


@dataclass(frozen=True)
class Score:
    """How one extracted text compares with its fixture's article."""

    recovered: float  # share of the article's sentences (and table rows) found in the text
    in_order: float  # share of neighbouring found sentences that come in the article's order
    leaked: float  # share of the furniture lines that show up
    headline: bool  # the headline is a paragraph of its own, before the body (first, but for a preamble)
    paragraphs: float  # share of the article's paragraphs that are a blank-line separated paragraph


def leaked_furniture(text: str, fixture: Fixture) -> list[str]:
    """The fixture's furniture lines found in a line of ``text`` that is not article text."""
    article = fixture.article
    known = " \n ".join(norm(u) for u in (article.headline, *article.preamble, *article.paragraphs, *article.units()))
    foreign = [line for line in map(norm, text.splitlines()) if line and line not in known]
    return [f for f in fixture.furniture if any(norm(f) in line for line in foreign)]


def score(text: str, fixture: Fixture, *, cells: bool = False) -> Score:
    """Compare extracted text with the article the fixture was built from."""
    article = fixture.article
    flat = norm(text)
    found = [flat.find(norm(u)) for u in article.units(cells=cells)]
    positions = [p for p in found if p >= 0]
    pairs = list(zip(positions, positions[1:]))
    leaked = leaked_furniture(text, fixture)
    paragraphs = {norm(p) for p in text.split("\n\n")}
    body = min(found[len(article.preamble) :], key=lambda p: p if p >= 0 else len(flat))
    return Score(
        recovered=len(positions) / len(found),
        in_order=sum(a < b for a, b in pairs) / len(pairs) if pairs else 0.0,
        leaked=len(leaked) / len(fixture.furniture) if fixture.furniture else 0.0,
        headline=norm(article.headline) in paragraphs and -1 < flat.find(norm(article.headline)) < body,
        paragraphs=sum(norm(p) in paragraphs for p in article.paragraphs) / len(article.paragraphs),
    )


def measure(kind: str, fixtures: list[Fixture], repeat: int = 3) -> list[dict[str, object]]:
    """One row per candidate: mean scores over the fixtures and the best-of-``repeat`` time per file."""
    rows = []
    for library, read in CANDIDATES[kind].items():
        scores, seconds = [], 0.0
        for fixture in fixtures:
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                text = read(fixture.raw)
                times.append(time.perf_counter() - start)
            seconds += min(times)
            scores.append(score(join_paragraphs([text]), fixture, cells=kind == "pdf"))
        n = len(scores)
        rows.append(
            {
                "format": kind,
                "library": library,
                "files": n,
                "sentences recovered": sum(s.recovered for s in scores) / n,
                "in order": sum(s.in_order for s in scores) / n,
                "furniture leaked": sum(s.leaked for s in scores) / n,
                "headline": sum(s.headline for s in scores) / n,
                "paragraphs kept": sum(s.paragraphs for s in scores) / n,
                "ms per file": 1000 * seconds / n,
            }
        )
    return rows


def table(rows: list[dict[str, object]]) -> str:
    """Rows as an aligned text table, shares in percent."""
    keys = list(rows[0])
    cells = [
        [
            f"{v:.1f}" if k == "ms per file" else f"{100 * v:.1f}%" if isinstance(v, float) else str(v)
            for k, v in r.items()
        ]
        for r in rows
    ]
    widths = [max(len(k), *(len(c[i]) for c in cells)) for i, k in enumerate(keys)]
    lines = ["  ".join(k.ljust(w) for k, w in zip(keys, widths))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)) for row in cells]
    return "\n".join(lines)


def per_template(fixtures: list[Fixture]) -> list[dict[str, object]]:
    """The HTML candidates template by template, to see where each one fails."""
    rows = []
    for template in HTML_TEMPLATES:
        chosen = [f for f in fixtures if f.name.endswith(f"-{template}.html")]
        for row in measure("html", chosen):
            rows.append({"template": template, **row})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.formats", description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="folder of seed reports (.txt)")
    parser.add_argument("--by-template", action="store_true", help="also show the HTML scores per page template")
    args = parser.parse_args(argv)
    articles = seed_articles(args.seeds)
    html_pages = html_fixtures(articles)
    rows = (
        measure("html", html_pages) + measure("docx", docx_fixtures(articles)) + measure("pdf", pdf_fixtures(articles))
    )
    print(table(rows))
    if args.by_template:
        print()
        print(table(per_template(html_pages)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
