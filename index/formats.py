"""Plain text out of .html/.htm, .docx and .pdf reports; .txt and .md stay with the text decoder.

Each format is read by a library made for it: trafilatura finds a page's article (selectolax gives
the headline, the lead and a fallback), python-docx reads Word files and pypdf PDFs with a text
layer. Paragraphs come out apart by one blank line, in NFC. A file that cannot be read raises
BadDocument with a short reason, whatever its bytes. The libraries are imported when a file of
their type is first read, so indexing plain-text reports does not pay for them (about 0.7 s).

``python -m eval.formats`` measures the candidates these choices were made from.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import PurePath
from typing import TYPE_CHECKING

from index.types import BadDocument
from index.vietnamese import nfc

if TYPE_CHECKING:
    from docx.table import _Row
    from lxml.etree import _Element
    from selectolax.lexbor import LexborHTMLParser, LexborNode

REPORT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
TEXT_SUFFIXES = (".txt", ".md")  # decoded as text by index.ingest, not here
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_SPACES = re.compile(r"\s+")  # in HTML source a line break is just a space
_CONTROLS = dict.fromkeys(c for c in range(32) if chr(c) not in "\t\n\r\f")  # never text; dropped


def extract_text(name: str, raw: bytes) -> str | None:
    """The text of a report file given its name and bytes; None for .txt/.md, which are decoded as text.

    Raises BadDocument, and nothing else, when the file is not a readable report of its type.
    """
    suffix = PurePath(name).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return None
    reader = _READERS.get(suffix)
    if reader is None:
        raise BadDocument(f"unsupported file type {suffix or '(no suffix)'}; expected one of {REPORT_SUFFIXES}")
    if not raw.strip():
        raise BadDocument("empty file")
    try:
        text = join_paragraphs(reader(raw))
    except BadDocument:
        raise
    except Exception as exc:  # the libraries raise many kinds of errors on damaged files
        raise BadDocument(f"not a valid {suffix} file ({_short(exc)})") from exc
    if not text:
        raise BadDocument(f"no text in the {suffix} file")
    return text


def join_paragraphs(blocks: list[str]) -> str:
    """Blocks of text as NFC paragraphs apart by one blank line; a blank line inside a block also
    ends a paragraph, and spaces inside each line are collapsed."""
    paragraphs = (_tidy(p) for block in blocks for p in _BLANK_LINE.split(block))
    return "\n\n".join(p for p in paragraphs if p)


def _tidy(paragraph: str) -> str:
    """NFC, control characters dropped, spaces collapsed inside each line, empty lines dropped."""
    lines = (" ".join(line.split()) for line in nfc(paragraph.translate(_CONTROLS)).splitlines())
    return "\n".join(line for line in lines if line)


def _short(exc: Exception) -> str:
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {message[:120]}" if message else type(exc).__name__


# --- HTML -------------------------------------------------------------------------------------

# Page parts that are never article text; photo captions are left out too. A <header> or <footer>
# is the site's unless it belongs to an <article> or <main>.
_FURNITURE_TAGS = frozenset("nav aside script style noscript template form iframe button select figcaption svg".split())
_SITE_PARTS = frozenset({"header", "footer", "nav", "aside"})
_ARTICLE_PARTS = frozenset({"article", "main"})
_CAPTION_XPATH = "//figcaption | //*[contains(translate(@class, 'CAPTION', 'caption'), 'caption')]"
_MAIN_SELECTORS = ("article", "main", "[role=main]", "[itemprop=articleBody]")
_BLOCK_TAGS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr "
    "li main nav ol p pre section table tbody thead tfoot tr ul".split()
)
# trafilatura's own tags, and the HTML ones it sometimes keeps as they are
_XML_PARAGRAPHS = frozenset(
    "p head quote table list code div section article blockquote pre ul ol h1 h2 h3 h4 h5 h6".split()
)
_XML_LINES = frozenset({"lb", "br", "row", "tr", "item", "li"})
_XML_CELLS = frozenset({"cell", "td", "th"})
_ROWS = frozenset({"row", "tr"})


def html_paragraphs(raw: bytes) -> list[str]:
    """The page's headline, then its lead (sapo) and article as trafilatura finds them, or the
    page's main block as selectolax gives it when trafilatura finds nothing."""
    from selectolax.lexbor import LexborHTMLParser

    html = decode_html(raw)
    tree = LexborHTMLParser(html)
    body = trafilatura_paragraphs(html)
    if not body:
        return with_headline(headline(tree), selectolax_paragraphs(tree))
    lead = sapo(tree)
    if lead and " ".join(lead.split()) not in " ".join(" ".join(body).split()):
        body.insert(0, lead)
    title = headline(tree)
    if _marked_headline(tree) is None:
        # no heading marks the headline (a page laid out in tables sets it in a big font): the line
        # right above the page's timestamp is it, where the page's <title> is only the site's name
        title = _line_before_stamp(body) or title
    return with_headline(title, body)


def _line_before_stamp(body: list[str]) -> str | None:
    """The line right above the page's own timestamp in ``body``, when it reads as a headline."""
    from index.cleaning import is_furniture, page_stamp_text

    lines = [" ".join(line.split()) for paragraph in body for line in paragraph.split("\n")]
    lines = [line for line in lines if line]
    for i, line in enumerate(lines[1:], start=1):
        if page_stamp_text(line):
            above = lines[i - 1]
            headline_like = 20 <= len(above) <= 250 and not re.search(r"[.!?;:,]$", above)
            return above if headline_like and not is_furniture(above) else None  # a stamp is furniture
    return None


def _check_nesting(raw: bytes) -> None:
    """Refuse a page nested deeper than libxml2 allows (about 2,000 levels, never a real page): the
    HTML5 tree builder takes time quadratic in the depth, and trafilatura would see the page cut."""
    from lxml import etree

    parser = etree.HTMLParser(huge_tree=True)
    etree.fromstring(raw, parser)
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        raise BadDocument("HTML page nested too deeply to read")


def decode_html(raw: bytes) -> str:
    """A page's bytes as text: UTF-8 when they are valid UTF-8, else the charset the page declares
    (BOM or meta tag, as the HTML standard reads them), else charset-normalizer's guess.

    Raises BadDocument for bytes that are not a page: binary, or nested too deeply to parse.
    """
    from charset_normalizer import from_bytes
    from selectolax.lexbor import LexborHTMLParser

    head = raw[:4096]
    if not head.startswith((b"\xff\xfe", b"\xfe\xff")) and sum(head.count(bytes([c])) for c in _CONTROLS) > 8:
        raise BadDocument("binary file, not an HTML page")
    _check_nesting(raw)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = LexborHTMLParser(raw, encoding=True).raw_html.decode("utf-8", errors="replace")
    if "\ufffd" not in declared:
        return declared
    best = from_bytes(raw).best()  # no usable declaration: the bytes were not what it said
    return str(best) if best is not None else declared


def with_headline(title: str, body: list[str]) -> list[str]:
    """``title`` as the first paragraph, not repeated when the article already starts with it."""
    title = _tidy(title)
    paragraphs = [p for p in join_paragraphs(body).split("\n\n") if p]
    if paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise BadDocument("HTML page has no article text")
    return [title, *paragraphs] if title else paragraphs


def headline(tree: LexborHTMLParser) -> str:
    """The article's <h1>, else the first heading its class names a title ("<h2 class="title">"),
    else the page's <title>, which often carries the site's name or a section's instead."""
    marked = _marked_headline(tree)
    if marked is not None:
        return marked
    title = tree.css_first("title")
    return title.text() if title is not None else ""


def _marked_headline(tree: LexborHTMLParser) -> str | None:
    """The headline the page marks as one (headline's first three ways), or None."""
    node = _headline_node(tree)
    if node is None:
        return None
    return node.text(separator=" ") if node.tag == "h1" else node.text(separator=" ", strip=True)


def _headline_node(tree: LexborHTMLParser, plain: bool = True) -> LexborNode | None:
    """The element that holds the headline the page marks as one, or None; ``plain``: a plain
    <h2>/<h3> before the article's first paragraph counts."""
    h1 = _article_h1(tree)
    if h1 is not None:
        return h1
    for node in tree.css("h2, h3, div, p"):
        if not _TITLE_CLASS.search(node.attributes.get("class") or "") or _holds_blocks(node):
            continue  # not marked as the title, or a wrapper around other blocks
        text = node.text(separator=" ", strip=True)
        if 20 <= len(text) <= 250 and not _site_part(node) and not _aside(node):
            return node
    # a plain <h2>/<h3> that comes before the article's first paragraph is its headline
    for node in tree.css("h2, h3, p") if plain else ():
        text = node.text(separator=" ", strip=True)
        if _site_part(node) or _aside(node) or not text:
            continue
        if node.tag == "p":
            if len(text) >= 100:
                break
        elif 20 <= len(text) <= 250:
            return node
    return None


def _holds_blocks(node: LexborNode) -> bool:
    """Does ``node`` hold a heading, paragraph or block inside it? (A node's css() finds the node itself too.)"""
    return any(inner.mem_id != node.mem_id for inner in node.css("h1, h2, h3, p, div"))


# a class that marks the article's title ("title", "news-title", "title-detail", "headline", the
# Vietnamese word "tieu-de", "tieude"), not the site's
# ("site-title"), a box's ("box-title", "widget-title") or a subtitle
_TITLE_CLASS = re.compile(
    r"(?<![\w-])(?!(?:site|sub|box|widget|block|menu|footer|header|logo|section|cat|category)[-_]?"
    r"(?:title|tieu[-_]?de|headline))"
    r"(?:[a-z]+[-_])?(?:title|tieu[-_]?de|headline)(?:[-_](?:detail|news|post|article|main))?(?![\w-])",
    re.IGNORECASE,
)
_ASIDE_CLASS = re.compile(r"sidebar|side-bar|widget|menu|footer|header|related|box-news|most-read|tin-lien-quan", re.I)


def _aside(node: LexborNode) -> bool:
    """Inside a block whose class names a sidebar, menu, header, footer or related list."""
    node = node.parent
    while node is not None:
        if _ASIDE_CLASS.search(node.attributes.get("class") or ""):
            return True
        node = node.parent
    return False


# the class a site marks its lead with: "sapo" (Vietnamese news sites), "lead", "summary",
# "description", "excerpt", "intro", alone or after a prefix ("article-sapo", "news-lead", "detail-summary")
_LEAD_CLASS = re.compile(
    r"(?<![\w-])(?!(?:site|cat|category|image|img|photo|logo|video|box|widget)[-_])(?:[a-z]+[-_])?"
    r"(?:lead|summary|description|desc|excerpt|intro|chapeau|teaser|standfirst)(?![\w-])",
    re.IGNORECASE,
)


_LEAD_TAGS = frozenset({"p", "div", "h2", "h3", "h4", "span", "section", "td", "strong"})


def sapo(tree: LexborHTMLParser) -> str:
    """The lead a site marks by its class (_LEAD_CLASS), the one nearest the headline and not in a
    sidebar, menu or related list; trafilatura drops it when it sits outside the article body.
    It is looked for around the headline: the article's <h1>, or the heading a page without one
    marks as its title by its class ("<h2 class="article-title">" under the site's <h1>); a plain
    heading is no mark of one."""
    node = _headline_node(tree, plain=False)
    while node is not None:
        for lead in node.css("[class]"):
            kind = lead.attributes.get("class") or ""
            # "sapo" on any element; the other names on a block that holds a paragraph's text
            if "sapo" in kind.lower() or (lead.tag in _LEAD_TAGS and _LEAD_CLASS.search(kind)):
                if _site_part(lead) or _aside(lead):
                    continue
                text = lead.text(separator=" ", strip=True)
                if len(text) >= 40:  # a lead is a sentence, not a "summary" tab or a one-word label
                    return lead.text(separator=" ")
        node = node.parent
    return ""


def _article_h1(tree: LexborHTMLParser) -> LexborNode | None:
    """The first <h1> with text that is not in the site's header, menus, sidebars or footer."""
    for h1 in tree.css("h1"):
        if h1.text(strip=True) and not _site_part(h1) and not _site_block(h1):
            return h1
    return None


# a block of the site's own that pages mark by id ("header", "top-bar", "main-menu") or by class
# ("site-name", "site-header", "masthead", "logo"); a class "header" may be an article's own, and
# themes name their whole page "site", "site-main" or "site-content", so neither is one
_SITE_ID = re.compile(
    r"^(?:site[-_]?)?(?:header|banner|masthead|(?:main[-_]?|top[-_]?)?menu|nav(?:bar)?|top[-_]?bar|footer|logo)$",
    re.IGNORECASE,
)
_SITE_CLASS = re.compile(
    r"^(?:site[-_]?(?:name|title|logo|brand(?:ing)?|header|banner)|masthead|navbar|(?:main|top)[-_]?menu|"
    r"top[-_]?bar|logo)$",
    re.IGNORECASE,
)


def _site_block(node: LexborNode) -> bool:
    """Whether ``node`` or a block around it, up to the article or the page's body, is marked by its
    id or class as the site's header, name, menu or footer (pages without <header>/<nav> tags)."""
    while node is not None and node.tag not in ("body", "html"):
        if node.tag in _ARTICLE_PARTS:
            return False
        attrs = node.attributes
        if _SITE_ID.match(attrs.get("id") or "") or any(
            _SITE_CLASS.match(c) for c in (attrs.get("class") or "").split()
        ):
            return True
        node = node.parent
    return False


def _site_part(node: LexborNode) -> bool:
    """Whether ``node`` is in (or is) the site's header, menus, sidebars or footer. Inside an
    <article> or <main> only menus and sidebars are: a header there is the article's own."""
    met: set[str] = set()
    while node is not None:
        if node.tag in _ARTICLE_PARTS:
            return bool(met & {"nav", "aside"})
        if node.tag in _SITE_PARTS:
            met.add(node.tag)
        node = node.parent
    return bool(met)


def trafilatura_paragraphs(html: str, *, favor: str | None = "precision") -> list[str]:
    """The article's paragraphs as trafilatura finds them, tables kept and captions pruned; [] when none.

    ``favor`` is "precision" (less text when unsure: it measured best), "recall" (more text) or
    None (trafilatura's balance).
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        favor_precision=favor == "precision",
        favor_recall=favor == "recall",
        include_tables=True,
        include_comments=False,
        include_images=False,
        with_metadata=False,
        prune_xpath=_CAPTION_XPATH,
    )
    if doc is None or doc.body is None:
        return []
    return [_xml_text(element) for element in doc.body]


def _xml_text(element: _Element) -> str:
    """The text of one element of trafilatura's tree: paragraphs apart by a blank line, line breaks,
    list items and table rows on their own lines, cells set off by " | " (empty ones at a row's end,
    which a spanning cell leaves, dropped)."""
    from lxml import etree

    parts: list[str] = []
    rows: list[int] = []  # where each open row starts in ``parts``
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if node.tag in _XML_PARAGRAPHS:
            parts.append("\n\n")
        if event == "start":
            if node.tag in _ROWS:
                rows.append(len(parts))
            elif node.tag in _XML_CELLS and node.getprevious() is not None:
                parts.append(" | ")
            parts.append(_SPACES.sub(" ", node.text or ""))
            continue
        if node.tag in _ROWS and rows:
            start = rows.pop()
            row = "".join(parts[start:]).rstrip()
            while row.endswith("|"):
                row = row[:-1].rstrip()
            parts[start:] = [row]
        if node.tag in _XML_LINES:
            parts.append("\n")
        if node is not element:
            parts.append(_SPACES.sub(" ", node.tail or ""))
    return "".join(parts)


def selectolax_paragraphs(tree: LexborHTMLParser) -> list[str]:
    """The text of the page's main block (<article>, <main>, ...; else <body>) split at block
    elements, without menus, the site's header and footer, sidebars, scripts and captions."""
    root = next((node for sel in _MAIN_SELECTORS if (node := tree.css_first(sel)) is not None), tree.body)
    return list(_blocks(root)) if root is not None else []


def _furniture(node: LexborNode) -> bool:
    """Whether ``node`` and all in it are to be left out."""
    if node.tag in _FURNITURE_TAGS:
        return True
    if node.tag in ("header", "footer"):
        return _site_part(node)
    return "caption" in (node.attributes.get("class") or "").lower()


def _blocks(root: LexborNode) -> Iterator[str]:
    """Walk the tree without recursion, leaving furniture out and yielding the text between block
    boundaries; <br> is a line break and a table cell is set off by " | "."""
    end = object()
    current: list[str] = []
    stack: list = [root]
    while stack:
        node = stack.pop()
        if node is not end and node.tag != "-text" and _furniture(node):
            continue
        if node is end or node.tag in _BLOCK_TAGS:
            if current:
                yield "".join(current)
                current = []
            if node is end:
                continue
        if node.tag == "-text":
            current.append(_SPACES.sub(" ", node.text_content or ""))
        elif node.tag == "br":
            current.append("\n")
        elif node.tag in ("td", "th") and current:
            current.append(" | ")
        if node.tag in _BLOCK_TAGS:
            stack.append(end)
        stack.extend(reversed(list(node.iter(include_text=True))))
    if current:
        yield "".join(current)


# --- DOCX -------------------------------------------------------------------------------------

_MAX_DOCX_UNZIPPED = 200 * 1024 * 1024  # a report's text is far smaller; more is a zip bomb


def _docx(raw: bytes) -> list[str]:
    """Body paragraphs and tables in document order (headers, footers and notes are not read)."""
    import docx
    from docx.table import Table

    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise BadDocument("not a valid .docx file (an old .doc, or a password-protected document)")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise BadDocument(f"not a valid .docx file ({exc})") from exc
    if unzipped > _MAX_DOCX_UNZIPPED:
        raise BadDocument(f"not a valid .docx file (unpacks to {unzipped / 2**20:.0f} MB)")
    paragraphs = []
    for block in docx.Document(io.BytesIO(raw)).iter_inner_content():
        if isinstance(block, Table):
            paragraphs.append("\n".join(_docx_row(row) for row in block.rows))
        else:
            paragraphs.append(block.text)
    return paragraphs


def _docx_row(row: _Row) -> str:
    """A table row as "cell | cell", a cell merged across columns once."""
    cells, texts, i = row.cells, [], 0
    while i < len(cells):
        texts.append(" ".join(cells[i].text.split()))
        i += max(cells[i].grid_span, 1)
    return " | ".join(texts)


# --- PDF --------------------------------------------------------------------------------------


def _pdf(raw: bytes) -> list[str]:
    """The pages' text from pypdf in layout mode, which keeps each page's reading order and a blank
    line where paragraphs are set apart; a PDF without text or behind a password is refused."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(raw))
    if reader.is_encrypted and not reader.decrypt(""):
        raise BadDocument("encrypted PDF (it needs a password to open)")
    pages = [page.extract_text(extraction_mode="layout").strip("\n") for page in reader.pages]
    if not any(page.strip() for page in pages):
        raise BadDocument("PDF has no text layer (scanned image?)")
    return [_join_pages(pages)]


_SENTENCE_END = tuple('.!?:;…"”')


def _join_pages(pages: list[str]) -> str:
    """Pages one after the other: a paragraph that runs on to the next page stays one paragraph
    (the page ends mid-sentence), otherwise a page break ends the paragraph."""
    parts: list[str] = []
    ending = ""  # the text so far, as far as it matters: its last non-blank page
    for page in pages:
        if parts:
            parts.append("\n" if ending and not ending.endswith(_SENTENCE_END) else "\n\n")
        parts.append(page)
        ending = page.rstrip() or ending
    return "".join(parts)


_READERS: dict[str, Callable[[bytes], list[str]]] = {
    ".html": html_paragraphs,
    ".htm": html_paragraphs,
    ".docx": _docx,
    ".pdf": _pdf,
}
