"""Clean a report's text: what a web page or a copy-paste left around and inside the report.

Rules, each applied line by line on the decoded text:

- look-alike letters become Vietnamese ones ("Ð" U+00D0, typed for "Đ"); zero-width marks go;
- HTML tags and entities left in text are read with the standard HTML parser (text kept, tags gone);
- markdown image links are removed, markdown links keep their text, heading marks go; a page's
  top heading ("# …") is its headline and comes first, as an HTML page's <h1>;
- page furniture is dropped: share/print/font-size buttons, hotlines, menus and breadcrumbs,
  "top of page", photo and video captions, banners, visit counters, copyright lines, lone
  punctuation, page timestamps; once a related-articles list or the page footer starts, the rest goes;
- line breaks inside a sentence are joined (a wrapped paragraph becomes one line);
- runs of spaces collapse; paragraphs are separated by one blank line;
- a last sentence cut mid-word is dropped.

Nothing is lower-cased: a report written in capitals keeps its text. Offsets of passages point
into the text this returns.
"""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser

from index.vietnamese import fold, nfc

# Letters from other alphabets that look like Vietnamese ones, and invisible marks.
_LOOKALIKES = str.maketrans(
    {
        "\u00d0": "Đ",  # Ð, Icelandic eth
        "\u0189": "Đ",  # Ɖ, African D
        "\u00f0": "đ",  # ð
        "\u00a0": " ",
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
        "\u00ad": None,  # soft hyphen
    }
)

_TAG_OR_ENTITY = re.compile(
    r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|<!--.*?-->|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+\d*);"
)
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((?:https?://|/|www\.|#)[^)\n]*\)")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_HEADLINE = re.compile(r"^#\s+\S")  # "# …": a markdown page's top heading
_MD_HEADLINE_LINES = re.compile(r"^[ \t]*#[ \t]+\S", re.MULTILINE)
# a page's button in brackets: "[Chia sẻ]", "[In bài]", "[A+]"
_BUTTON = re.compile(
    r"\[(?:Chia sẻ|In(?: bài(?: viết)?)?|A-|A|A\+|Email|Gửi email|Lưu(?: bài)?|Bình luận|Facebook|Zalo)\]",
    re.IGNORECASE,
)
_MD_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_{1,3})(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])")

# the characters a rule line is drawn with: "-----", "= = = =", "————"
_RULE_CHARS = "-=_*~.·•—–─━"
# Whole lines that are page furniture, not report text.
# a breadcrumb without its home: a path of two to six sections' names ("Kinh tế > Tài chính - Ngân
# hàng", "Thời sự » Chuyển đổi số"), each a few words opened by a capital, no figure, comma or stop
# (section_path: "Chi phí thực tế > dự toán" compares)
_SECTION_PATH = re.compile(r"[^\W\d_][^\d>»›|.,!?;:]{0,40}(?:\s*[>»›]\s*[^\W\d_][^\d>»›|.,!?;:]{0,40}){1,5}")


def section_path(line: str) -> bool:
    """Is ``line`` a path of sections' names, each opened by a capital (_SECTION_PATH)?"""
    return _SECTION_PATH.fullmatch(line.strip()) is not None and all(
        part.strip()[:1].isupper() and len(part.split()) <= 6 for part in re.split(r"[>»›]", line)
    )


_FURNITURE = re.compile(
    r"""^(?:
        .*\bChia\ sẻ\ bài\ viết\b.*                                   # share buttons
      | .*\bTăng\ tương\ phản\b.*                                      # contrast toggles
      | A-\ ?A\ ?A\+.*                                                 # font size toggles
      | (?:(?:Chia\ sẻ|In\ bài(?:\ viết)?|In\ trang|Gửi\ (?:email|bài)|Lưu\ bài|Bình\ luận|Cỡ\ chữ|
           Facebook|Zalo|Twitter|Email|Print|Share|RSS|Copy\ link|Sao\ chép\ liên\ kết|[|·•/-])\s*){1,8}
      | Tổng\ số\ điểm\ của\ bài\ viết.*                               # rating widget
      | Click\ để\ đánh\ giá\ bài\ viết
      | Bản\ đồ\ địa\ giới\ hành\ chính
      | Thống\ kê\ truy\ cập
      | (?:Hôm\ nay|Hôm\ qua|Tuần\ này|Tháng\ (?:này|\d{1,2})|Năm\ \d{4}|Tổng\ số|Đang\ (?:truy\ cập|online)|
           Lượt\ truy\ cập|Số\ lượt\ truy\ cập|Tổng\ lượt\ truy\ cập)\s*:?\s*[\d.,]+           # visit counters
      | \((?:[\w-]+\.)+(?:vn|com|net|org)\)                            # "(laichau.gov.vn)" source tag
      | (?:Đường\ dây\ nóng|Hotline|Điện\ thoại|Fax|Email|Địa\ chỉ)\s*:.{0,160}   # contact furniture
      | (?:Đường\ dây\ nóng|Hotline|Điện\ thoại|Fax|Email)(?:\ [^\W\d]+){1,4}\s*:\s*  # "Hotline hỗ trợ: 1900 …"
        (?:[\d\ .()+/-]{6,}(?:\([^)]{0,30}\))?|\S+@\S+)                    # a number or an address only
      | Địa\ chỉ\ (?:liên\ hệ|tòa\ soạn|trụ\ sở)\s*:.{0,160}
      | Cơ\ quan\ chủ\ quản\s*:(?!.*(?:chủ\ đầu\ tư|dự\ án|tổng\ mức)).{0,200}  # the site's owner, not a project's
      | [^|·•\n]{1,80}[|·•]\s*(?:Đường\ dây\ nóng|Hotline|Điện\ thoại|Fax)\s*:\s*[\d\ .()+/-]{6,}  # masthead · hotline
      | Quảng\ cáo\s*:\s*(?:\+|0)[\dx\ .()/-]{6,}                        # the advertising desk's phone
      | (?:top\ of\ page|back\ to\ top|về\ đầu\ trang|lên\ đầu\ trang)
      | (?:Video|Clip|Xem\ video|Podcast|Infographic|Multimedia)\b.{0,60}  # media tabs: "Video Tin trong nước"
      | Chào\ mừng\b.{0,200}                                           # banners
      | Báo\ (?!cáo\b)[^\d.]{2,40}\ điện\ tử | (?:Cổng|Trang)\ thông\ tin\ điện\ tử[^\d.]{0,60}  # a masthead
      | (?:Báo|Tạp\ chí)\ điện\ tử\ [^\d.!?:;,]{2,60}                     # "BÁO ĐIỆN TỬ …", "TẠP CHÍ ĐIỆN TỬ …"
      | (?:©|Copyright|Bản\ quyền\ thuộc|Giấy\ phép\ (?:số|xuất\ bản)|Ghi\ rõ\ nguồn).{0,200}
      | \(?\s*(?:Ảnh|Nguồn\ ảnh|Video)\s*:.{0,80}                       # a caption's credit line
      | (?:Trang\ chủ|Trang\ nhất|Tin\ tức|Sự\ kiện|Liên\ hệ|Sơ\ đồ\ trang|Tìm\ kiếm|Đăng\ nhập|English|RSS)
        (?:\.{2,}|…)?                                                 # "Tìm kiếm..."
      | (?:Bỏ\ qua|Chuyển\ (?:đến|tới)|Nhảy\ (?:đến|tới))\ nội\ dung(?:\ chính)?  # skip links
      | Skip\ to\ (?:main\ )?content
      | (?:RSS\s+)?(?:Trang\ chủ|Trang\ nhất)(?:\s*[/>»›]\s*[^/>»›|.!?]{1,40}){1,6}  # "Trang chủ / Tin tức"
      | [\W_]{1,3}                                                     # ".", "-", "***"
      | (?:[RULE_CHARS]\s?){4,}                                           # a rule: "-----", "= = = ="
    )\s*$""".replace("RULE_CHARS", _RULE_CHARS),
    re.VERBOSE | re.IGNORECASE,
)
# A menu, a breadcrumb or a row of buttons: three or more short items between separators, most
# of them without figures (a table row's cells mostly have figures).
_MENU_SEPARATOR = re.compile(r"\s*[|»›•·]\s*|\s+>\s+|\s+::\s+")
# A news source's tag before the lead: "(Chinhphu.vn) - ", "(TTXVN) – ": a site's address or a
# news agency, not any acronym ("(UBND) - ...", "(II) - ..." are report text).
_SOURCE_TAG = re.compile(r"^\(\s*(?:[\w-]+(?:\.[\w-]+)*\.vn|TTXVN|VOV|VTV|VNA|TTO|NLĐO|QĐND|PLO)\s*\)\s*[-–—]\s*(?=\S)")
# a newspaper's initials before the lead ("(BHB) - Chiều 29/3, …"), not an acronym the words after it
# spell out ("(UBND) - Ủy ban nhân dân …") nor a Roman numeral ("(II) - Nhiệm vụ thứ hai")
_INITIALS_TAG = re.compile(r"^\(\s*([A-ZĐ]{2,6})\s*\)\s*[-–—]\s*(?=\S)")
# a paper's or portal's name before the lead: "(Cổng TTĐT Huế) - ", "(Thời báo Thuế & Doanh nghiệp) – "
_NAME_TAG = re.compile(r"^\(\s*([^\W\d_][^()\d.,;:!?\n]{1,60}?)\s*\)\s*[-–—]\s*(?=\S)")


def _without_source_tag(line: str, lead: bool = True) -> str:
    """``line`` without a news source's tag before it; initials ("(BHB) - ") only on the report's
    lead (``lead``: no sentence of the report came before), where papers put them: further down,
    "(DTI) - Chỉ số …" is an acronym explained."""
    line = _SOURCE_TAG.sub("", line)
    m = _INITIALS_TAG.match(line) if lead else None
    if m is None:
        named = _NAME_TAG.match(line) if lead else None
        # a name of two words or more, each capitalised or a joining word ("Thời báo Thuế & Doanh nghiệp")
        words = [w for w in named.group(1).split() if w[0].isalpha()] if named else []
        if len(words) >= 2 and words[0][0].isupper() and sum(w[0].isupper() for w in words) * 2 > len(words):
            return line[named.end() :]
        return line
    if re.fullmatch(r"[IVXLC]+", m.group(1)):
        return line
    initials = "".join(w[0] for w in line[m.end() :].split()[: len(m.group(1))])
    return line if fold(initials) == fold(m.group(1)) else line[m.end() :]


# A caption: a short line that ends by crediting a photo ("... phát biểu. Ảnh: VGP/Nhật Bắc").
_CAPTION = re.compile(r"[.\s]\(?\s*(?:Ảnh|Nguồn ảnh|Video)\s*:\s*[^()\n]{1,60}\)?\s*$", re.IGNORECASE)
_CAPTION_MAX = 300
_STAMP_TIME = r"\d{1,2}:\d{2}\s*[,|-]?\s*"  # a stamp's time before its day: "16:40 ", "09:15 - "
# A page's own timestamp: "Thứ Năm, 12/05/2022 15:30", "Cập nhật: 12/05/2022 - 09:15 | Lượt xem: 936",
# "Cập nhật lúc: 16:40 ngày 22/06/2023".
PAGE_STAMP = re.compile(
    r"^(?:(?:Thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|[2-7])|Chủ\s+nhật)\s*,?\s*(?:ngày\s+)?"
    r"(?:\d{1,2}:\d{2}\s*(?:[-|,]\s*)?)?\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"
    r"(?:\s*[-|,]?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*\(?GMT[^\n]{0,12})?)?\s*"
    r"|\d{1,2}/\d{1,2}/\d{4}(?:\s*[-|,]?\s*\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s*\(?GMT\s*(?:[+-]\s*\d{1,2}(?::?\d{2})?)?\)?)?)?\s*"
    # a page's date written out on a line of its own: "Ngày 14 tháng 10 năm 2025", "Thứ Ba, ngày 14 tháng 10 năm 2025"
    r"|(?:(?:Thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|[2-7])|Chủ\s+nhật)\s*,?\s*)?Ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}\s*"
    r"|(?:Cập\s+nhật|Ngày\s+đăng|Đăng\s+ngày|Ngày\s+cập\s+nhật|Ngày\s+xuất\s+bản|Đăng\s+lúc|Xuất\s+bản|Ngày)"
    rf"(?:\s+lúc)?\s*:?\s*(?:{_STAMP_TIME}ngày\s+\d{{1,2}}/\d{{1,2}}/\d{{4}}\s*|\d[\d/:.,\s|-]*)(?:\|\s*Lượt\s+(?:xem|đọc)\s*:?\s*[\d.,]+)?\s*)$",
    re.IGNORECASE,
)
# the page's tools after its timestamp on the same line: "17/06/2021 | 17:42 A- A A+ In bài Chia sẻ Gửi email",
# "Cập nhật: 13/06/2023 16:10 | Chia sẻ | In bài | Cỡ chữ A- A+", "… 19:05 · Chia sẻ · Hotline: 0263.3xxx.xxx"
PAGE_TOOLS = re.compile(
    # each item is a separator or a button, never both, so a long share bar is read in one pass; a
    # separator may stand alone where its button was a bracketed link, gone with the markup
    # ("16:40 · [Chia sẻ] · [In bài]"); the article's source may be credited last ("· Nguồn: Trung
    # tâm …"), once, outside the repeated items so that no line of words makes the search backtrack
    r"(?:(?:\s*(?:[|·•\u2190-\u2bff\ufe0f\U0001f300-\U0001faff]|(?<!\w)A(?:-|\+)?(?!\w)|In bài(?: viết)?|In trang|"
    r"(?<!\w)In(?!\w)|Bản in|Print|Chia sẻ\s*:?|Gửi email|"
    r"Gửi bài(?: viết)?(?: qua email)?|Lưu tin|Email|Facebook|Zalo|Twitter|Cỡ chữ\s*:?|Lượt xem\s*:?\s*[\d.,]+|"
    r"\[[^\]\n]{1,40}\]|(?<!\S)[+−-](?!\S)|"  # a bracketed link of a page copied as text ("[In trang]"), "+ -"
    r"(?:Hotline|Đường dây nóng)\s*:?\s*[\d.\s()+/xX-]{6,}|(?<!\w)A\+\s*/\s*A-(?!\w)))+"
    r"(?:\s*(?:Nguồn|Tác giả)\s*:\s*[^|·•:\d\n]{2,80})?"
    r"|\s*[|·•]\s*(?:Nguồn|Tác giả)\s*:\s*[^|·•:\d\n]{2,80})\s*$",
    re.IGNORECASE,
)


STAMP_DATE = re.compile(r"(?<!\d)(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})(?!\d)")
# a date written out: "ngày 14 tháng 10 năm 2025"
WRITTEN_DATE = re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})(?!\d)", re.I)

# A page's timestamp in the forms sites print, read as a grammar rather than one pattern per site:
# a label ("Cập nhật", "Thời gian đăng", "Ngày phát hành"), a weekday ("Thứ Năm", "THỨ 5", "T5"),
# a time ("10:25", "10h25", "10:25:00 AM"), the day (14/08/2025, 14.08.2025, 2025-08-14, "14 tháng 8,
# 2025", "14 Tháng 8 năm 2025"), a time and a time zone ("GMT+7") after it, each but the day left out
# at will, in that order, and nothing else on the line but separators. A meeting's "Thời gian: 14h00
# ngày 20/8" names no posting (no label "đăng", "cập nhật"), and a table's row opens with its "|".
_STAMP_LABEL = (
    r"(?:(?:ngày\s+|thời\s+gian\s+)?(?:cập\s+nhật|đăng(?:\s+tải|\s+bài)?|xuất\s+bản|phát\s+hành)"
    r"(?:\s+(?:ngày|lúc|vào))?|ngày)"
)
_STAMP_WEEKDAY = r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|CN|T[2-7])(?!\w)"
_STAMP_DAY = (
    r"(?:\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}\s+tháng\s+\d{1,2}(?:\s*,\s*|\s+)(?:năm\s+)?\d{4})(?!\d)"
)
_STAMP_CLOCK = r"(?:lúc\s*)?\d{1,2}\s*[:hg]\s*\d{2}(?::\d{2})?(?:\s*(?:AM|PM|SA|CH)(?!\w))?(?!\d)"
_STAMP_ZONE = r"(?:\(\s*)?(?:GMT|UTC)\s*(?:[+-]\s*\d{1,2}(?::?\d{2})?)?(?:\s*\))?"
_STAMP_SEP = r"[\s,|·•–—\-/:]*"
# each separator run stands between two parts (none opens the line), so no two runs meet and the
# search stays linear; a stamp is short, so a longer line is not tried (GENERAL_STAMP_MAX)
GENERAL_STAMP = re.compile(
    rf"(?:{_STAMP_LABEL}{_STAMP_SEP})?(?:{_STAMP_WEEKDAY}{_STAMP_SEP})?(?:{_STAMP_CLOCK}{_STAMP_SEP})?"
    rf"(?:ngày\s+)?{_STAMP_DAY}(?:{_STAMP_SEP}{_STAMP_CLOCK})?(?:{_STAMP_SEP}{_STAMP_ZONE})?{_STAMP_SEP}",
    re.IGNORECASE,
)
GENERAL_STAMP_MAX = 120
_STAMP_DAY_PARTS = (
    re.compile(r"(?<!\d)(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s*,\s*|\s+)(?:năm\s+)?(?P<y>\d{4})(?!\d)", re.I),
)


def is_page_stamp(text: str) -> bool:
    """Is ``text``, a whole line, the page's own timestamp (PAGE_STAMP, or GENERAL_STAMP's grammar)?"""
    if PAGE_STAMP.match(text):
        return True
    text = text.strip()
    return len(text) <= GENERAL_STAMP_MAX and GENERAL_STAMP.fullmatch(text) is not None


def stamp_date(stamp: str) -> tuple[int, int, int] | None:
    """(year, month, day) of the first day of a page's timestamp that is a real day, in any of its
    forms (GENERAL_STAMP)."""
    for pattern in (*_STAMP_DAY_PARTS, WRITTEN_DATE):
        for m in pattern.finditer(stamp):
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
            try:
                datetime.date(y, mo, d)
            except ValueError:
                continue
            return y, mo, d
    return None


# Once a related-articles list or the page footer starts, nothing after it is report text.
_FOOTER_START = re.compile(
    r"^(?:Tổng số điểm của bài viết|Bản đồ địa giới hành chính|Thống kê truy cập|"
    r"Tin liên quan|(?:Các\s+)?tin khác|Bài viết liên quan|(?:Tin|Bài viết) cùng chuyên mục|Các tin đã đưa|"
    r"Tin mới nhất|"
    r"Xem thêm|Đọc thêm|Tin bài liên quan|Bài liên quan|Tin đọc nhiều)\b[^.!?]{0,40}$",
    re.IGNORECASE,
)
# A crawler's marker at the very start: " date 2024-07 Các báo cáo..."
_DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\s+")
# Where a sentence may end; a line ending otherwise continues on the next line.
_ENDS_SENTENCE = re.compile(r"[.!?…:;\"”»)\]]$")
_CONTINUES = re.compile(r"^[a-zà-ỹđ\d(“\"%,;]")
_LOWER_START = re.compile(r"^[a-zà-ỹđ]")
_LAST_SENTENCE_END = re.compile(r"[.!?…][\"”)]?(?=\s)")
# a sentence's end, a bracket not counting: a site's name ("Trang tin Giáo dục (bản lưu)") ends in none
_FULL_STOP = re.compile(r"[.!?…:;][\"”»)\]]*$")
# the start of a page's breadcrumb: "Trang chủ > Tin tức", "Trang chủ › Giáo dục", "Trang chủ / Kinh tế"
_BREADCRUMB = re.compile(r"^(?:RSS\s+)?(?:Trang chủ|Trang nhất)\s*[/>»›]", re.IGNORECASE)
# a site's name: a newspaper, portal, page or department ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH …", "ẤP BẮC
# ĐIỆN TỬ - Cơ quan của Đảng bộ tỉnh …", "Trang tin Giáo dục (bản lưu)"), its hotline aside
_SITE_NAME = re.compile(
    r"^(?:Báo|Cổng|Trang|Tạp chí|Đài|Sở|Thông tấn)\b|\bđiện tử\b|\bOnline\b|\(bản lưu\)|\bCơ quan của\b"
    r"|\bChuyên trang\b",
    re.IGNORECASE,
)
_HOTLINE_ASIDE = re.compile(r"\s*[|·•]\s*(?:Hotline|Đường dây nóng)\b.*$", re.IGNORECASE)


class _TextOnly(HTMLParser):
    """Keeps the text of a line that holds HTML, with entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0  # inside <script> or <style>: code, not text

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        elif tag in ("br", "p", "div", "li", "td", "tr", "h1", "h2", "h3"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.hidden:
            self.hidden -= 1


def strip_markup(line: str) -> str:
    """Text of a line with HTML tags, comments, entities and markdown images/links left in it."""
    line = _MD_HEADING.sub("", _MD_LINK.sub(r"\1", _MD_IMAGE.sub(" ", line)))
    if len(_BUTTON.findall(line)) >= 2:  # a row of them; one "[A]" in prose is a label
        line = _BUTTON.sub(" ", line).strip()
    line = _MD_EMPHASIS.sub(r"\2", line)
    if not _TAG_OR_ENTITY.search(line):
        return line
    parser = _TextOnly()
    parser.feed(line)
    parser.close()
    return "".join(parser.parts)


# a link to another article inside the report ("Xem thêm: Bắc Giang: vải thiều …"): its headline, no sentence
_RELATED_LINK = re.compile(r"^\[?(?:Xem thêm|Đọc thêm|Tin liên quan|Bài liên quan)\s*:\s*\S.{0,200}?[^.!?…;]\]?$", re.I)


def is_furniture(line: str) -> bool:
    """True for a whole line that belongs to the page around the report, not to the report."""
    stamp = is_page_stamp(line) or (len(line) <= _STAMP_LINE and is_page_stamp(PAGE_TOOLS.sub("", line)))
    # a short line that holds the page's labelled posting stamp and no sentence: the page's header row,
    # whatever stands beside the stamp (a section's name, the site's name, a category)
    stamp = stamp or _stamp_row(line)
    if _FURNITURE.match(line) or stamp or _is_menu(line) or _is_furniture_row(line) or _site_header(line):
        return True
    if section_path(line) or _labelled_masthead(line) or _RELATED_LINK.match(line):
        return True  # a breadcrumb without its home, a site's line, a related article's link
    if _tools_only(line):
        return True
    return len(line) <= _CAPTION_MAX and bool(_CAPTION.search(line))


def _tools_only(line: str) -> bool:
    """A line of the page's buttons alone, with no timestamp: "Chia sẻ: [Facebook] [Zalo] - Cỡ chữ: A- A+";
    one button at least is named ("[Phụ lục 1]" alone is a heading)."""
    line = line.strip()
    return len(line) <= _STAMP_LINE and bool(_NAMED_BUTTON.search(line)) and PAGE_TOOLS.match(line) is not None


_NAMED_BUTTON = re.compile(
    r"(?<!\w)(?:Chia sẻ|Cỡ chữ|In bài|In trang|Bản in|Print|Gửi email|Gửi bài|Lưu tin|Email|Facebook|Zalo|"
    r"Twitter|Quay lại|(?:Về )?đầu trang|Lượt xem)(?!\w)",
    re.IGNORECASE,
)


def _is_furniture_row(line: str) -> bool:
    """A row of the page's header table: every cell furniture ("| Đường dây nóng: 0208 …", an empty
    cell left by a logo), or the site's name in capitals beside the page's date ("BÁO ĐIỆN TỬ TỈNH |
    20/10/2022 19:15")."""
    return _row_stamp(line) is not None or _furniture_cells(line)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in _ROW_SEPARATOR.split(line) if c.strip()]


# the cells of a header row: "|", or a dash between spaces where a site's name meets the page's
# date ("Trang thông tin điện tử phường … — Đăng lúc 15:30, 03/10/2025")
_ROW_SEPARATOR = re.compile(r"\||\s—\s")
_STAMP_LINE = 300  # longer lines are no page stamp or header row
_LABELLED_STAMP = re.compile(r"Cập\s+nhật|Ngày\s+đăng|Đăng\s+(?:ngày|lúc)|Xuất\s+bản", re.IGNORECASE)
# a section's name in capitals beside the page's date: "TÀI CHÍNH - THUẾ | Cập nhật: 25/07/2024 08:15"
_SECTION = re.compile(r"[^\W\d_]+(?:[\s&,-]+[^\W\d_]+){0,5}")


# the page's posting stamp, labelled, at a line's start, after a separator or after words in capitals:
# "Tin hoạt động | Ngày đăng: 11/07/2024 | 09:40", "SỞ Y TẾ TỈNH … - TIN HOẠT ĐỘNG Đăng ngày 21/09/2023 - 17:45"
_STAMP_IN_LINE = re.compile(
    rf"(?:^|(?<=[|·•–—-] )|(?<=[|·•])|(?<=[A-ZÀ-ỸĐ] ))(?i:(?:Ngày\s+)?(?:{_LABELLED_STAMP.pattern}))"
    rf"\s*(?:lúc\s*)?:?\s*(?:lúc\s*)?(?:{_STAMP_TIME}(?:ngày\s+)?)?\d{{1,2}}/\d{{1,2}}/\d{{4}}(?!\d)"
)
# a sentence's end inside a line: a full stop before a space or the end, not a number's point
_SENTENCE_END_IN = re.compile(r"[.!?…](?=\s|$)")
# what a stamp row may hold beside its date: a time and a view counter, no other figure
# (and the targets of its buttons' links, "(mailto:?subject=TB312)")
_STAMP_ROW_FIGURES = re.compile(
    r"\d{1,2}:\d{2}(?::\d{2})?|Lượt\s+(?:xem|đọc)\s*:?\s*[\d.,]+|\((?:javascript|mailto|https?):\S*", re.IGNORECASE
)


def _stamp_row(line: str) -> bool:
    """A short line that holds the page's labelled posting stamp, no sentence and no figure but its
    time and view counter: the page's header row, whatever words stand beside the stamp."""
    if len(line) > _STAMP_LINE or _SENTENCE_END_IN.search(line):
        return False
    m = _STAMP_IN_LINE.search(line)
    if m is None:
        return False
    rest = _STAMP_ROW_FIGURES.sub(" ", line[: m.start()] + " " + line[m.end() :])
    return not any(ch.isdigit() for ch in rest)


# a site's name in capitals with its place, and perhaps a section: "SỞ Y TẾ TỈNH PHÚ YÊN - TIN HOẠT ĐỘNG"
_SITE_WITH_PLACE = re.compile(
    r"(?:SỞ|CỔNG|BÁO|TRANG|CỤC|BỘ|ỦY BAN|UBND)\b[^\d]*?\b(?:TỈNH|THÀNH PHỐ|TP\.?)\s+"
    r"[^\W\d_]+(?:\s+[^\W\d_]+){0,3}(?:\s+[-–|]\s+[^\d]{2,40})?"
)


def _site_with_place(line: str) -> bool:
    """The site's name in capitals with its place (_SITE_WITH_PLACE)."""
    return line.upper() == line and _SITE_WITH_PLACE.fullmatch(line) is not None


# a paper's masthead line under its name: "Cơ quan của Đảng bộ tỉnh …", "Cơ quan ngôn luận của …",
# "Tiếng nói của Đảng bộ, chính quyền và nhân dân …"
_MASTHEAD_LINE = re.compile(r"(?:Cơ quan (?:ngôn luận )?của|Tiếng nói của)\s", re.IGNORECASE)


# an agency's name in capitals, by its head: "TỔNG CỤC HẢI QUAN", "BẢO HIỂM XÃ HỘI VIỆT NAM", "KHO BẠC …"
_AGENCY_HEAD = re.compile(
    r"(?:TỔNG CỤC|CỤC|BỘ|SỞ|KHO BẠC|BẢO HIỂM|NGÂN HÀNG|ỦY BAN|UBND|VĂN PHÒNG|TRUNG TÂM|VIỆN|TẬP ĐOÀN|"
    r"TỔNG CÔNG TY|THÔNG TẤN XÃ|ĐÀI)\s"
)


_SECTION_LABEL = re.compile(r"(?:Chuyên mục|Danh mục)\s*:\s*", re.IGNORECASE)


def _site_section(line: str) -> bool:
    """The site's name in capitals and a section's name or its masthead line after it: "BÁO SÓC
    TRĂNG ĐIỆN TỬ - Xã hội", "BÁO … ĐIỆN TỬ - Cơ quan của Đảng bộ tỉnh …"; or an agency's name
    with its section's, both in capitals: "BẢO HIỂM XÃ HỘI VIỆT NAM - TIN HOẠT ĐỘNG"."""
    name, sep, section = line.partition(" - ")
    # a section given with its label, which may name a topic with its number: "BÁO GIA LAI ĐIỆN TỬ -
    # Chuyên mục: Chính trị - Đề án 06"
    labelled = _SECTION_LABEL.match(section)
    if sep and labelled and _in_capitals(name) and _SITE_NAME.search(name) and not any(c.isdigit() for c in name):
        return 1 <= len(section[labelled.end() :].split()) <= 8
    return (
        bool(sep)
        and _in_capitals(name)
        and (
            _SITE_NAME.search(name) is not None
            or (_AGENCY_HEAD.match(name) is not None and _in_capitals(section) and len(section.split()) <= 4)
        )
        and (_short_sections(section) or (_MASTHEAD_LINE.match(section) is not None and len(section.split()) <= 20))
        and not any(c.isdigit() for c in line)
    )


# where a site's name in capitals meets what follows it on its line: a dash, a bar or a dot between spaces
_NAME_SEPARATOR = re.compile(r"\s[-–—|·•]\s")
# a site's line after its name: a section given with its label ("Chuyên mục: Hải quan") or the
# site's own tagline ("Chuyên trang thời sự tỉnh …", "Cơ quan ngôn luận của Bộ …")
_SITE_TAIL = re.compile(
    r"(?:Chuyên mục|Danh mục)\s*:\s*\S|Chuyên trang\s|Tin tức (?:tổng hợp|thời sự|địa phương)\b|Trang tin\s"
    r"|Cơ quan (?:ngôn luận|chủ quản)?\s*của\s",
    re.IGNORECASE,
)


def _labelled_masthead(line: str) -> bool:
    """The site's name in capitals, then its section with the label or its tagline: "THỜI BÁO … -
    HẢI QUAN ĐIỆN TỬ | Chuyên mục: Hải quan", "TIN TỨC … – Chuyên trang thời sự tỉnh …". The name
    may hold a dash of its own; no figure and no sentence stand on the line, but the page's date in a
    cell of its own at its end ("… – Chuyên trang … | Thứ Tư, 08/04/2026"), or the paper's name and its
    section before the page's date with its weekday ("BÁO … ĐIỆN TỬ - Thời sự - Thứ Năm, 18/01/2024 - 18:05")."""
    cells = line.rsplit(" | ", 1)
    if len(cells) == 2 and is_page_stamp(cells[1].strip()):
        line = cells[0]
    elif (head := _before_stamp(line)) is not None and _site_section(_DASHES.sub(" - ", head)):
        # "BÁO … ĐIỆN TỬ - Thời sự - Thứ Năm, 18/01/2031 - 18:05": a paper's name, its section and the page's
        # date with its weekday (a bare date beside a name in capitals may be a table's row: "SỞ Y TẾ -
        # HẠN HOÀN THÀNH - 30/06/2031")
        return True
    if len(line) > 160 or any(c.isdigit() for c in line) or _SENTENCE_END_IN.search(line):
        return False
    for m in _NAME_SEPARATOR.finditer(line):
        tail = line[m.end() :]
        if _in_capitals(line[: m.start()]) and _SITE_TAIL.match(tail) and len(tail.split()) <= 16:
            return True
        if _in_capitals(line[: m.start()]) and _section_path(tail):
            return True
    return False


# a dash between spaces of another length than "-"
_DASHES = re.compile(r"\s[–—]\s")


def _before_stamp(line: str) -> str | None:
    """What stands before the page's timestamp with its weekday that ends ``line`` after a dash, a bar
    or a dot between spaces ("… - Thời sự - Thứ Năm, 18/01/2031 - 18:05" -> "… - Thời sự"), else None."""
    if len(line) > _STAMP_LINE:
        return None
    for m in _NAME_SEPARATOR.finditer(line):
        stamp = line[m.end() :].strip()
        if _WEEKDAY.match(stamp) and is_page_stamp(stamp):
            return line[: m.start()].strip()
    return None


def _section_path(tail: str) -> bool:
    """A path of two or three sections after a site's name, unlabelled, each of one to four words that
    open with a capital, in ordinary case: "… | Kinh tế số - Thương mại điện tử", "… — Tin tức - Sự kiện"
    (a headline after a place, "HÀ NỘI — Ban Chỉ đạo họp phiên thứ hai", is one run of words)."""
    tail = tail.strip()
    parts = _sections(tail)
    return len(parts) >= 2 and _short_sections(tail) and all(p[:1].isupper() for p in parts) and tail.upper() != tail


def _sections(path: str) -> list[str]:
    """The sections of a site's path, apart by a dash between spaces ("Tin tức - Sự kiện")."""
    return re.split(r"\s[-–—]\s", path)


def _short_sections(section: str) -> bool:
    """A section's name of one to four words, or a path of up to three ("THỜI SỰ - CHUYỂN ĐỔI SỐ")."""
    parts = _sections(section)
    return len(parts) <= 3 and all(1 <= len(p.split()) <= 4 for p in parts)


def _furniture_cells(line: str) -> bool:
    if "|" not in line:
        return False
    cells = _cells(line)
    # a cell of words: a row of dates alone or a table's "|---|" rule is table text
    if not any(sum(ch.isalpha() for ch in c) >= 3 and not is_page_stamp(c) for c in cells):
        return False
    return all(_FURNITURE.match(c) and sum(ch.isalpha() for ch in c) >= 3 for c in cells)


def _row_stamp(line: str) -> str | None:
    """The page's date in a row of the page's header whose other cells are furniture, the site's
    name or a section's name in capitals; None for any other line."""
    if not _ROW_SEPARATOR.search(line) or len(line) > _STAMP_LINE:
        return None
    cells = _cells(PAGE_TOOLS.sub("", line))  # a short line (_row_stamp's caller checks)
    stamps = [c for c in cells if is_page_stamp(c)]
    if not stamps or not any(sum(ch.isalpha() for ch in c) >= 3 for c in cells if c not in stamps):
        return None
    # a date beside a name in capitals may be a table's row ("HẠN HOÀN THÀNH | 30/06/2023", "KHAI MẠC
    # HỘI NGHỊ | 20/12/2023 08:00"): a page's stamp beside a site's or a section's name says what it is
    timed = any(_LABELLED_STAMP.search(c) for c in stamps)
    # a stamp with its weekday and time ("Thứ Sáu, 22/08/2025 - 17:40") is the page's beside a
    # section's name of a word or two ("Chính trị") or the authors' names ("Minh Châu - Hoài An"), not
    # beside an agenda's item ("08:00 | Khai mạc hội nghị"); one with its weekday, beside the site's
    # name ("NÔNG NGHIỆP SỐ - Chuyên trang thông tin …"), not beside a line about e-government
    dated = any(_WEEKDAY_TIMED.match(c) for c in stamps)
    weekday = dated or any(_WEEKDAY.match(c) for c in stamps)
    if all(
        c in stamps
        or (weekday and _site_cell(c))
        # a section given with its label: "Chuyên mục: Chuyển đổi số"
        or (weekday and _SECTION_LABEL.match(c) and len(c.split()) <= 8 and not any(ch.isdigit() for ch in c))
        or (
            dated
            and len(c) <= 40
            and (len(c.split()) <= 2 or all(w[0].isupper() for w in c.split() if w.isalpha()))
            and not any(ch.isdigit() for ch in c)
            and not _SENTENCE_END_IN.search(c)
        )
        or (_FURNITURE.match(c) and sum(ch.isalpha() for ch in c) >= 3)
        or _MASTHEAD.match(c)
        or (timed and len(c) <= 60 and _SITE_NAME.search(c))
        or (timed and len(c) <= 40 and c.upper() == c and _SECTION.fullmatch(c))
        or _NEWS_SECTION.fullmatch(c)
        for c in cells
    ):
        return stamps[0]
    return None


_WEEKDAY = re.compile(r"(?:Thứ\s+\S+|Chủ\s+nhật)\s*,?\s*\d", re.IGNORECASE)
_WEEKDAY_TIMED = re.compile(_WEEKDAY.pattern + r".*\d{1,2}:\d{2}", re.IGNORECASE)
# a site's name as a header row's cell: a paper's, a portal's or a special page's ("Chuyên trang …"),
# or its name in capitals before its line ("NÔNG NGHIỆP SỐ - Chuyên trang thông tin …")
_SITE_WORDS = re.compile(r"\b(?:Chuyên trang|Trang thông tin|Trang tin|Cổng thông tin|Báo điện tử|Tạp chí)\b", re.I)


def _site_cell(cell: str) -> bool:
    """A header row's cell that names the site (_SITE_WORDS), short, no figure, no sentence."""
    if len(cell) > 80 or len(cell.split()) > 12 or any(ch.isdigit() for ch in cell) or _SENTENCE_END_IN.search(cell):
        return False
    name, sep, _ = cell.partition(" - ")
    return bool(_SITE_WORDS.search(cell)) or bool(sep and _in_capitals(name))


# a news site's section beside the page's date, in any case: "Tin hoạt động | 23/08/2024"
_NEWS_SECTION = re.compile(
    r"(?:Tin (?:hoạt động|tức(?: - sự kiện)?|trong (?:nước|tỉnh)|địa phương|ngành)|Thời sự|Sự kiện|Tin tức sự kiện)",
    re.IGNORECASE,
)


# the site's domain before the page's timestamp: "Chinhphu.vn — Thứ Tư, 07/04/2021 09:05"
_STAMP_SITE = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org)\s*[—–-]\s*(?=\S)", re.IGNORECASE)


def page_stamp_text(line: str) -> str | None:
    """The page's own timestamp that ``line`` is or holds (a header row's cell), else None."""
    line = _STAMP_SITE.sub("", " ".join(line.split()))
    if len(line) > _STAMP_LINE:  # a page's stamp line is short; the tools' search is slow on long runs
        return line if is_page_stamp(line) else None
    # the buttons go first, then a credit they followed ("… 10:05 · Tác giả: … · In · Email · A+/A-")
    bare = PAGE_TOOLS.sub("", line)
    for candidate in (line, bare, PAGE_TOOLS.sub("", bare)):
        if is_page_stamp(candidate):
            return candidate
    # a header row with another separator ("Trang thông tin điện tử xã … - Đăng ngày 15/08/2025"):
    # the stamp row cleaning drops as furniture (_stamp_row) dates the page
    row = _row_stamp(line)
    if row is None and _stamp_row(line) and (m := _STAMP_IN_LINE.search(line)):
        row = m.group(0)
    return row


# a phone line of the site's header: "Đường dây nóng: 0204.3855.xxx", "Tổng đài hỗ trợ dịch vụ công: 1900…"
_CONTACT = re.compile(
    r"(?<!\w)(?:Đường dây nóng|Hotline|Điện thoại|Fax|Tổng đài)(?:\s[^\W\d]+){0,5}\s*:\s*"
    r"(?:0|\+84|1[89]00)[\dxX .()/-]{6,}",  # a phone number, not a count ("Tổng đài tiếp nhận: 120.000")
    re.IGNORECASE,
)


def _site_header(line: str) -> bool:
    """The site's header on one line: its name in capitals and its phone lines, with buttons
    between ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH … | Đường dây nóng: 0204.3855.xxx | Tìm kiếm",
    "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH … Đường dây nóng: 0235.3810.999 | Tổng đài …: 1900.5555.88")."""
    if not _CONTACT.search(line):
        return False
    rest = [p.strip() for p in re.split(r"[|·•]", _CONTACT.sub("|", line)) if p.strip()]
    return all(_FURNITURE.match(p) or _in_capitals(p) for p in rest)


def _in_capitals(text: str) -> bool:
    """Two or more words, every letter a capital ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH BẮC GIANG")."""
    letters = [c for c in text if c.isalpha()]
    return len(text.split()) >= 2 and bool(letters) and all(c.isupper() for c in letters)


# the site's name in capitals: "BÁO ĐIỆN TỬ TỈNH", "CỔNG THÔNG TIN ĐIỆN TỬ", not a label such as "NGÀY HỌP"
_MASTHEAD = re.compile(r"^(?:BÁO|CỔNG|TRANG|ĐÀI|TẠP CHÍ|THÔNG TẤN)\b[^\d\W]*(?:\s+[^\d\W]+){0,7}$")


def _is_menu(line: str) -> bool:
    items = [i for i in _MENU_SEPARATOR.split(line) if i]
    # a breadcrumb of section names: "Tin tức - Sự kiện | Chuyển đổi số"
    crumbs = [i for i in re.split(r"\s+[-–>]\s+|\s*[|»›•·]\s*", line) if i]
    if (
        "|" in line
        and len(crumbs) >= 3
        and all(len(i.split()) <= 3 and not any(c.isdigit() for c in i) for i in crumbs)
    ):
        return True
    # a breadcrumb's path of section names, two or more: "Tin tức > Tin cơ sở", "Thời sự » Địa phương"
    path = [i for i in re.split(r"\s+>\s+|\s*[»›]\s*", line) if i]
    if (
        len(path) >= 2
        and re.search(r"\s>\s|[»›]", line)
        and all(len(i.split()) <= 4 and not any(c.isdigit() for c in i) and not _ENDS_SENTENCE.search(i) for i in path)
    ):
        return True
    if len(items) < 3 or any(len(i) > 40 or (_ENDS_SENTENCE.search(i) and not i.endswith("+")) for i in items):
        return False
    return sum(any(ch.isdigit() for ch in i) for i in items) * 2 < len(items)


# An official document's header (a notice, a decision, a report issued as a document): the national
# name and motto beside the issuing body, its number and its place and date, then its kind in
# capitals and what it is about ("THÔNG BÁO" / "Kết luận của Thứ trưởng … tại cuộc họp về …").
# (a party committee's document is headed by the party's name, in capitals, where the state's has the nation's:
# "TỈNH ỦY QUẢNG NINH    ĐẢNG CỘNG SẢN VIỆT NAM" / "Số 1452-TB/TU    Hạ Long, ngày …")
_NATIONAL_NAME = re.compile(
    r"CỘNG\s+H(?:OÀ|ÒA)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|(?-i:ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM)", re.IGNORECASE
)
_MOTTO = re.compile(r"Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc", re.IGNORECASE)
_RULE = re.compile(rf"[{_RULE_CHARS}]{{3,}}")
_DOC_KIND = re.compile(
    r"^(?:THÔNG BÁO|KẾT LUẬN|BÁO CÁO|QUYẾT ĐỊNH|CÔNG VĂN|BIÊN BẢN|NGHỊ QUYẾT|KẾ HOẠCH|TỜ TRÌNH|CHỈ THỊ|"
    r"GIẤY MỜI|CÔNG ĐIỆN|HƯỚNG DẪN|ĐỀ ÁN|CHƯƠNG TRÌNH|THÔNG TƯ|NGHỊ ĐỊNH)(?!\w)"
)


def _doc_kind(line: str) -> bool:
    """A document's kind on a line of its own, in capitals: "THÔNG BÁO", "BÁO CÁO SƠ KẾT"."""
    return bool(_DOC_KIND.match(line)) and line.upper() == line and len(line.split()) <= 6


_HEADER_LINES = 12  # the header sits in the document's first lines
# "Số: 548/TB-VPCP", "Số: 12/2031/QĐ-UBND", after the issuer on its line
_DOC_NUMBER = re.compile(r"(?<!\w)Số\s*:\s*\d+\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ]")


def _official_header(text: str) -> str:
    """``text`` with an official document's header rewritten: its kind and subject joined as the
    headline ("THÔNG BÁO Kết luận của …"), then one line of the issuing body, the document's number
    and its place and date, without the national name, the motto and the rules between them. A
    page's own headline above the document stays first. Any other text is returned as it is."""
    raw = text.split("\n")
    # read without markdown's marks ("**VĂN PHÒNG CHÍNH PHỦ**", "*Hà Nội, ngày …*", "# THÔNG BÁO …");
    # the text after the header is returned as it came
    lines = [strip_markup(line) if i < 4 * _HEADER_LINES else line for i, line in enumerate(raw)]
    # the national name, or else the document's number ("Số: 548/TB-VPCP") and its kind on a line of
    # its own ("THÔNG BÁO"), say a document begins
    first = [line.strip() for line in lines[:_HEADER_LINES]]
    has_national = any(_NATIONAL_NAME.search(line) for line in first)
    numbered = not has_national and any(map(_DOC_NUMBER.search, first)) and any(map(_doc_kind, first))
    if not numbered and not has_national:
        return text
    above: list[str] = []  # a page's own headline above the document
    issued: list[str] = []  # the header's parts
    read: list[str] = []  # the lines they came from
    at, seen, national = 0, False, False
    while at < len(lines) and at < _HEADER_LINES + len(above):
        line = lines[at]
        national = national or bool(_NATIONAL_NAME.search(line))
        # a break inside a markdown table's cell ("ỦY BAN NHÂN DÂN<br>TỈNH AN THỊNH") parts its lines,
        # and the table's rule row ("|---|---|") is a blank between its rows
        line = re.sub(r"<br\s*/?>", "  ", line, flags=re.IGNORECASE)
        line = "" if re.fullmatch(r"[\s|:]*-[\s|:-]*", line) else line
        cut = _RULE.sub("  ", _MOTTO.sub("  ", _NATIONAL_NAME.sub("  ", line)))
        # cells on one line: "BỘ Y TẾ Số: 512/TB-BYT", "Số: 215/BC-UBND An Thịnh, ngày 12 tháng 7 năm 2024"
        cut = re.sub(r"(?<=\S)\s+(?=Số\s*:)", "  ", cut)
        cut = re.sub(r"(Số\s*:\s*\S+(?:\s*/\s*\S+)*)\s+", r"\1  ", cut)  # the number ("412 /BC-UBND")
        # cells apart by spaces, a tab or a bar; a dash that stood between cells is no part of them
        # ("VĂN PHÒNG CHÍNH PHỦ — CỘNG HÒA …", while "TỈNH BÀ RỊA – VŨNG TÀU" is one name)
        parts = [
            " ".join(p.strip(" |—–").split()) for p in re.split(r"\s{2,}|\t|\s\|\s|^\||\|$", cut) if p.strip(" |—–")
        ]
        dated = any(map(_number_or_date, issued))
        header = line.strip() == "" or cut.strip() == "" or (bool(parts) and all(_header_part(p, dated) for p in parts))
        if not header and seen and not national and not (dated and numbered):
            # the page's name in capitals over its breadcrumb ("CỔNG THÔNG TIN ĐIỆN TỬ TỈNH …" / "Trang
            # chủ > …"): the page's lines, not the document's header, which holds the national name or
            # the document's number and date
            above += read
            issued, read, seen = [], [], False
        if not header and not seen and not _NATIONAL_NAME.search(line):
            above.append(" ".join(line.split()))
        elif header and not (line.strip() == "" and not seen):
            seen = seen or bool(cut.strip()) or bool(_NATIONAL_NAME.search(line))
            issued += parts
            if line.strip():
                read.append(" ".join(line.split()))
        elif not header:
            break
        at += 1
    if not seen:
        return text
    while at < len(lines) and not lines[at].strip():
        at += 1
    title, end = [], at  # the document's kind and subject: the paragraph after the header
    while end < len(lines) and lines[end].strip() and not _RULE.fullmatch(lines[end].strip()) and len(title) < 4:
        title.append(" ".join(lines[end].split()))
        end += 1
    if len(title) == 1 and _doc_kind(title[0]):  # "THÔNG BÁO", a blank line, then its subject
        while end < len(lines) and not lines[end].strip():
            end += 1
        while end < len(lines) and lines[end].strip() and len(title) < 4:
            title.append(" ".join(lines[end].split()))
            end += 1
    if not title or _FULL_STOP.search(title[-1]) or len(" ".join(title)) > 300:
        return text  # no headline but the body's first sentence: leave the text as it is
    head = [*(a for a in above if a), " ".join(title)]
    if issued:
        head.append(". ".join(p.rstrip(".") for p in issued) + ".")
    return "\n\n".join(head) + "\n\n" + "\n".join(raw[end:])


_PLACE_DATE = r"[^\W\d_]+(?:\s+[^\W\d_]+){0,3},\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"


def _header_part(part: str, dated: bool = False) -> bool:
    """A part of an official document's header: the issuing body in capitals, its number ("Số:
    158/TB-VPCP") or its place and date ("Hà Nội, ngày 27 tháng 5 năm 2022"). ``dated``: the
    number or the date has been read, so a part in capitals that opens with the document's kind
    is its kind and subject, however long ("THÔNG BÁO KẾT LUẬN CỦA …"), not an issuer's name
    wrapped onto a line ("CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA …")."""
    issuer = part.upper() == part and not _doc_kind(part) and not (dated and _DOC_KIND.match(part))
    return issuer or _number_or_date(part)


def _number_or_date(part: str) -> bool:
    """A header's number ("Số: 158/TB-VPCP") or its place and date ("Hà Nội, ngày 27 tháng 5 năm 2022")."""
    return (
        re.match(r"Số\s*:|Số\s+\d+\s*-\s*[A-ZĐ]+\s*/\s*[A-ZĐ]", part) is not None  # a party's "Số 1452-TB/TU"
        or re.fullmatch(rf"{_PLACE_DATE}\.?", part) is not None
    )


def clean_text(text: str) -> tuple[str, str | None]:
    """The report's text without page furniture, and the date of a crawler's leading marker.

    Paragraphs end up separated by one blank line and spaces inside lines are collapsed, so
    offsets into the result are stable for the same input.
    """
    text = nfc(text).translate(_LOOKALIKES).replace("\r\n", "\n").replace("\r", "\n")
    marker_date = None
    m = _DATE_MARKER.match(text)
    if m:
        marker_date = m.group(1)
        text = text[m.end() :]
    text = _official_header(text)
    # (line, blank line before it in the source)
    lines: list[tuple[str, bool]] = []
    blank = False
    top_heading = None
    said = False  # a sentence of the report has come (its lead is past)
    crumb_at = None  # where a breadcrumb stood, when no sentence of the report came before it
    stamp_under = None  # where the page's stamp stood under the site's name in capitals only
    sub_headings: set[str] = set()  # a markdown page's "## …" headings
    started = False  # a sentence of the report's length has come: a page's footer may start
    for raw in text.split("\n"):
        line = " ".join(strip_markup(raw).split())
        if _FOOTER_START.match(line) and lines:
            if started:
                break
            continue  # a sidebar's list or counter before the article (a page laid out in a table)
        if not line:
            blank = True
            continue
        if is_furniture(line):
            crumb = _BREADCRUMB.match(line) or section_path(line)
            if crumb_at is None and crumb and not any(_FULL_STOP.search(t) for t, _ in lines):
                crumb_at = len(lines)
            # the page's posting stamp right under the site's name in capitals ("SỞ Y TẾ TỈNH … - TIN
            # HOẠT ĐỘNG" / "Đăng ngày 21/09/2023 - 17:45 | Chuyên mục: …") parts it from the headline too
            elif (
                not crumb_at  # none yet, or one above everything ("Trang chủ > Tin tức" over the site's name)
                and stamp_under is None
                and _stamp_row(line)
                and lines
                and all(_site_with_place(t) or _site_section(t) for t, _ in lines)
            ):
                stamp_under = len(lines)
            continue
        line = _without_source_tag(line, lead=not said)
        said = said or bool(_FULL_STOP.search(line))
        # (a list's item counts: a report of items without full stops still ends at its footer)
        started = started or (len(line) >= 20 and bool(_FULL_STOP.search(line))) or bool(_LIST_ITEM.match(line))
        if top_heading is None and _MD_HEADLINE.match(raw.lstrip()):
            top_heading = line
        elif _MD_HEADING.match(raw.lstrip()):
            sub_headings.add(line)
        lines.append((line, blank))
        blank = False
    wrapped = any(b for _, b in lines[1:])
    if not crumb_at and stamp_under is not None:
        crumb_at = stamp_under
    # a copied page's first lines, above its breadcrumb, are the site's name ("SỞ THÔNG TIN VÀ TRUYỀN
    # THÔNG TỈNH …", "Trang tin … (bản lưu)") when each reads as one and a headline, a paragraph of
    # its own, follows the breadcrumb; a markdown page's "# " heading is never one
    if (
        crumb_at
        and len(lines) > crumb_at
        and (
            (
                crumb_at <= 2
                and all((_site_name(t) or _site_section(t)) and t != top_heading for t, _ in lines[:crumb_at])
            )
            # a menu copied one item a line ("Giới thiệu", "Tin tức - Sự kiện", "Dịch vụ công")
            or (3 <= crumb_at <= 20 and all(_menu_item(t) and t != top_heading for t, _ in lines[:crumb_at]))
        )
        and _headline_like(lines[crumb_at][0])
        and (not wrapped or len(lines) == crumb_at + 1 or lines[crumb_at + 1][1])
    ):
        lines = lines[crumb_at:]
        wrapped = any(b for _, b in lines[1:])
    paragraphs = _join_wrapped(lines, wrapped=wrapped)
    # a markdown page's "# " heading is its headline, as an HTML page's <h1> is (index/formats.py):
    # what the page showed above it (the site's or a department's name in capitals) comes after it
    # only the page's one such heading, with nothing but page parts above it (no sentence of the report)
    above = paragraphs[: paragraphs.index(top_heading)] if top_heading in paragraphs else []
    if (
        top_heading
        and len(_MD_HEADLINE_LINES.findall(text)) == 1
        and above
        and not any(_FULL_STOP.search(p) for p in above)
    ):
        at = paragraphs.index(top_heading)
        paragraphs.remove(top_heading)
        # a document's kind alone ("# THÔNG BÁO") with its subject heading right after ("## Kết luận của …"):
        # both are the headline, as in an official document's header (_official_header)
        if (
            _doc_kind(top_heading)
            and at < len(paragraphs)
            and paragraphs[at] in sub_headings
            and not _FULL_STOP.search(paragraphs[at])
            and not re.match(r"(?:[IVX]+|\d+)\.\s", paragraphs[at])  # a numbered section, not the subject
            and len(paragraphs[at]) <= 300
        ):
            top_heading = f"{top_heading} {paragraphs.pop(at)}"
        paragraphs.insert(0, top_heading)
    # the site's or an agency's name with its section opening the page ("TỔNG CỤC … - TIN HOẠT ĐỘNG
    # NGÀNH"), a headline after it: the page's masthead, not its headline
    if len(paragraphs) > 1 and _site_section(paragraphs[0]) and _headline_like(paragraphs[1]):
        del paragraphs[0]
    # the headline repeated right after itself (the page's title, then the article's headline once
    # the furniture between them is gone, perhaps in capitals) is there once
    if len(paragraphs) > 1 and not _ENDS_SENTENCE.search(paragraphs[0]):
        if paragraphs[1].casefold() == paragraphs[0].casefold():
            del paragraphs[1]
    if paragraphs:
        paragraphs[-1] = _drop_cut_tail(paragraphs[-1])
    return "\n\n".join(p for p in paragraphs if p), marker_date


_LIST_ITEM = re.compile(r"^(?:[-+•*–]|\d{1,2}[.)])\s+\S")


def _menu_item(line: str) -> bool:
    """A menu's item on a line of its own: a few words, no figure, no sentence."""
    return (
        len(line) <= 40
        and len(line.split()) <= 6
        and not any(c.isdigit() for c in line)
        and not _FULL_STOP.search(line.rstrip(".…"))
    )


def _site_name(line: str) -> bool:
    """A line that names the site the page is on: short, no figure but its hotline's, a site's words."""
    name = _HOTLINE_ASIDE.sub("", line)
    return len(name) <= 80 and not any(c.isdigit() for c in name) and _SITE_NAME.search(name) is not None


def _headline_like(line: str) -> bool:
    """A line that may head a report: 10 to 200 characters, mostly letters, not a finished sentence."""
    return 10 <= len(line) <= 200 and not _FULL_STOP.search(line) and sum(c.isalpha() for c in line) >= 0.6 * len(line)


def _join_wrapped(lines: list[tuple[str, bool]], wrapped: bool) -> list[str]:
    """Join a line to the one before when a sentence runs across the break.

    Where the source separates paragraphs by blank lines, a single line break inside a block is
    a wrap unless the line before ends a sentence; where every line is its own paragraph, only a
    line that starts in lower case (or with a figure) continues the one before.
    """
    out: list[str] = []
    for line, blank_before in lines:
        if out and not _ENDS_SENTENCE.search(out[-1]):
            # the first line is where a headline stands: only a lower-case start continues it
            wrap = wrapped and len(out) > 1 and len(out[-1]) >= 40
            continues = _CONTINUES.match(line) if len(out) > 1 else _LOWER_START.match(line)
            joins = not blank_before and (wrap or bool(continues))
            if joins:
                out[-1] = f"{out[-1]} {line}"
                continue
        out.append(line)
    return out


def _drop_cut_tail(paragraph: str) -> str:
    """The paragraph without a last sentence cut off mid-way ("... đạt 95%. Bộ trưởng cho bi")."""
    if _ENDS_SENTENCE.search(paragraph):
        return paragraph
    ends = list(_LAST_SENTENCE_END.finditer(paragraph))
    if not ends or len(paragraph) - ends[-1].end() > 200 or len(paragraph) < 120:
        return paragraph  # a headline or a list item, not a cut sentence
    return paragraph[: ends[-1].end()]
