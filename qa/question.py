"""A question split into what identifies the report (its context) and what is asked (its focus).

"Tại Phiên họp thứ Ba năm 2022, cả nước có bao nhiêu tài khoản VNeID?" -> context: the meeting
(phiên họp thứ Ba), the year (2022); focus: "cả nước ... tài khoản VNeID"; kind of answer: a
figure. Retrieval picks the report by the context (qa/references.py, qa/ranking.py); the
answerer picks the sentence by the focus, so a sentence that only restates the meeting and its
date ("Sáng 8/8, Thủ tướng chủ trì Phiên họp thứ Ba ...") does not look like an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from index.metadata import BODIES
from index.vietnamese import CAPITALS, STOPWORDS, fold, has_diacritics, nfc, tokenize
from qa import gazetteer
from qa.constraints import TITLE, Constraint
from qa.constraints import read as read_constraints
from qa.scoring import RANK

# Words that say what kind of answer is wanted, not what it is about.
QUESTION_WORDS = STOPWORDS | frozenset(
    nfc(w)
    for w in """bao nhiêu mấy gì nào ai sao đâu khi thế như tại vì nhằm mục đích được đã có là những
    theo báo cáo cho biết hỏi hãy thì còn vậy phải không""".split()
)
# the particles of everyday speech ("… tải về điện thoại rồi?", "nghe nói … nhiều lắm", "hôm 10/10",
# "lúc đó"): how people ask, not what they ask about
# ("nghe", unaccented, would also fold "nghề" and "nghệ" of a question typed without accents; "kiểu" is
# also "kiểu mẫu", a model)
SPOKEN_WORDS = frozenset(nfc(w) for w in "rồi lắm nhỉ hả ạ à ấy đấy nhé chứ hôm lúc nói".split())
QUESTION_WORDS |= SPOKEN_WORDS

# "theo/tại/ở" opening a clause that names a meeting or a document: where the answer comes from
_SOURCE = (
    r"(?:theo|tại|ở)\s+(?=[^,?]*(?:phiên họp|cuộc họp|buổi họp|hội nghị|báo cáo|kết luận|thông báo|chương trình"
    r"|buổi (?:tổng kết|sơ kết|giao ban)))"
)

# the second of two units a comma joins in a meeting's name ("các sở, ngành", "xã, phường, thị
# trấn", "tỉnh, thành phố"), with the rest of that name up to its next comma; no asking clause
_PAIRED = (
    r"(?:,\s*(?:ban|ngành|phường|thị trấn|đặc khu|thành phố|địa phương|đoàn thể|đơn vị|doanh nghiệp)(?!\w)"
    rf"(?!\s+(?-i:[{CAPITALS}]))"  # not a unit's own name ("phường Hoa Lư")
    r"(?![^,?]*(?<!\w)(?:bao nhiêu|mấy|gì|nào|ai|sao|khi nào)(?!\w))[^,?]*)"
)

# a word that asks; "mấy" not as the first syllable of "máy" once folded ("may chu", "may tinh")
_ASKING = r"(?<!\w)(?:bao nhiêu|mấy(?! chủ| tính| móc| in| bay)|gì|nào|ai|sao|khi nào)(?!\w)"
# the rest of a meeting's name past a comma, up to a time in brackets that closes it ("(tháng 2/2026)"):
# its commas are the name's own; no asking clause
_NAME_RUN = rf",(?:(?!{_ASKING})(?:[^?()]|\([^()]*\)))*?"
_BRACKETED_TIME = r"\((?:tháng|ngày|quý|năm|đầu|cuối|giữa)\s[^()]*\)(?=,)"
# ... after the name's owner ("Tại hội nghị … Trung tâm Giám sát, điều hành đô thị thông minh (IOC)
# của UBND thành phố Đà Nẵng (tháng 2/2026), …"), not a measure's time ("…, kim ngạch xuất khẩu
# (quý I/2025), tăng bao nhiêu?")
_TIMED = rf"(?:{_NAME_RUN}(?<!\w)(?:của|thuộc)\s[^,?()]*{_BRACKETED_TIME})"
# ... or in the subject a meeting is "về", whose name has commas of its own ("Theo hội nghị tổng kết
# … về Trung tâm Giám sát, điều hành đô thị thông minh (tháng 2/2026), …")
_TIMED_SUBJECT = rf"(?:{_NAME_RUN}{_BRACKETED_TIME})"

# Expressions that place a question in a meeting or a time rather than ask something.
_CONTEXT_PATTERNS = (
    # a meeting: "tại Phiên họp lần thứ 8", "hội nghị sơ kết", "phiên họp chuyên đề lần thứ 2"
    # said as people speak: "buổi họp", "buổi tổng kết", "buổi giao ban"
    r"(?:tại |trong |ở |theo )?(?:các )?"
    r"(?:phiên họp|cuộc họp|hội nghị|phiên|buổi (?:họp|hội nghị|tổng kết|sơ kết|giao ban))"
    r"(?: (?:lần )?thứ [^\s,?.]+| chuyên đề| sơ kết| tổng kết| trực tuyến| thường trực chính phủ)*",
    # a meeting named by what it reviews: "Sơ kết 6 tháng đầu năm 2023: …", "tổng kết năm 2024"
    r"(?:sơ kết|tổng kết)(?= (?:\d+ tháng|năm|quý|nửa|giai đoạn))",
    # a time: "năm 2024", "6 tháng đầu năm 2024", "quý I/2022", "tháng 7/2024", "giữa năm 2023"
    # "Ba tháng đầu năm 2022", "nửa đầu năm 2023": a period in words
    # "hồi" as "back in", not the second syllable of "thu hồi", "phản hồi", "phục hồi", "câu hỏi" (folded)
    r"(?:trong |vào |tính đến |đến |tới |lũy kế tới |(?<!thu )(?<!phản )(?<!phục )(?<!câu )(?<!đại )hồi )?"
    r"(?:cuối |đầu |giữa |hết |nửa đầu |nửa cuối )?"
    r"(?:quý [IV\d]+(?:/\d{4}| năm \d{4})?"
    r"|(?:\d+|hai|ba|bốn|sáu|bảy|tám|chín|mười(?: một| hai)?) tháng (?:đầu |cuối )?năm(?: \d{4})?"
    r"|tháng \d{1,2}(?:/\d{4})?"
    r"|năm \d{4}|\d{4})",
    # the document that reports it: "theo Thông báo kết luận số 318/TB-VPCP", "Báo cáo số 12/BC-UBND"
    r"(?:theo |tại )?(?:thông báo|báo cáo|kết luận|nghị quyết|quyết định|chỉ thị|công văn|kế hoạch)"
    r"(?: kết luận)?(?: số)? \d+/[\w.-]+",
    # a whole source clause: "Theo Hội nghị triển khai nhiệm vụ chuyển đổi số ngành y tế tháng 3/2024, ..."
    # names the meeting or document the answer comes from, up to its comma, or the question's end
    # when it closes the question ("…, theo hội nghị tổng kết của tỉnh?")
    rf"(?:^|(?<=,)\s*){_SOURCE}[^,?]+(?:{_PAIRED}|{_TIMED})*(?=,)",
    rf"(?:^|(?<=,)\s*){_SOURCE}[^,?]*?(?<!\w)về\s[^,?]+{_TIMED_SUBJECT}(?=,)",
    # ... or after a comma, up to the question's end; a clause that asks something is no source
    rf"(?<=,)\s*{_SOURCE}(?![^,?]*(?<!\w)(?:bao nhiêu|mấy|gì|nào|ai|sao|khi nào)(?!\w))[^,?]+(?=\?\s*$)",
    # who speaks or attends: "Phó Chủ tịch UBND tỉnh", "Bộ trưởng", "Thủ tướng Chính phủ"
    rf"(?<!\w){TITLE}(?:\s+(?:UBND|Ủy ban nhân dân)(?:\s+(?:tỉnh|thành phố))?)?(?!\w)",
)
# "now" as people say it, a time: "tới giờ có …", "giờ chỉ phải chờ …", "thì giờ mất mấy ngày"; not an
# hour ("số giờ", "hai giờ", "mỗi giờ", "ngoài giờ", "giờ cao điểm", "giờ làm việc", "hẹn giờ khám").
# Accented only: typed without accents, "gio" is also "gió" ("điện gió")
_NOW = re.compile(
    r"(?<!\w)(?:tới|đến|bây|hiện) giờ(?!\w)"
    r"|(?<![\d,.] )(?<!\d)(?<!số )(?<!hai )(?<!ba )(?<!vài )(?<!mỗi )(?<!theo )(?<!ngoài )(?<!đúng )(?<!trong )"
    r"(?<!hẹn )(?<!khung )(?<!mấy )(?<!nhiêu )(?<!Cần )(?<!\w)giờ"
    r"(?= (?:chỉ|mất|làm|cả|có|chiếm|ngồi|nhận|chờ|đã|được|là|phải|đi|xin)(?!\w))(?! làm việc)",
    re.IGNORECASE,
)
_CONTEXT_RES = [(re.compile(p, re.IGNORECASE), re.compile(fold(p), re.IGNORECASE)) for p in _CONTEXT_PATTERNS] + [
    (_NOW, re.compile(r"(?!)"))  # never folded
]
# The rest of a steering committee's full name: "Ban Chỉ đạo Trung ương về phát triển khoa học,
# công nghệ, đổi mới sáng tạo và chuyển đổi số", "... chuyển đổi số và Đề án 06". It names the body
# (a constraint of its own), not what is asked. A meeting's topic ("phiên họp chuyên đề về nhân
# lực số") stays in the focus: it tells one meeting's sentences from another's (tune +1 -1).
_BODY_TAIL = (
    r"\s+về\s+(?:phát triển\s+)?khoa học,\s*công nghệ,\s*đổi mới sáng tạo(?:,\s*|\s+và\s+)chuyển đổi số"
    r"(?:(?:,\s*|\s+và\s+)Đề án 06)?(?:\s+và cải cách thủ tục hành chính)?"
)
_BODY_HEAD = r"Ban Chỉ đạo(?: Trung ương| của Chính phủ| tỉnh)?"
# the whole name: the head, the committee's place ("tỉnh An Giang", up to four words), the tail (group 1)
_BODY_NAME = rf"{_BODY_HEAD}(?:\s+(?:tỉnh|thành phố|TP\.?)?\s*\w+(?:\s+\w+){{0,3}})??({_BODY_TAIL})"
_BODY_NAME_RES = (re.compile(_BODY_NAME, re.IGNORECASE), re.compile(fold(_BODY_NAME), re.IGNORECASE))

# a count asked as a search phrase, with no asking word: "Số tài khoản VNeID đã kích hoạt năm
# 2024?", "Phiên họp thứ 3: số nền tảng số quốc gia đã phát triển?", "tong so ho so truc tuyen
# 2024"; its measure is the words after "(tổng) số (lượng)" ("số hóa", "số liệu" are no count)
_COUNT_PHRASE = r"(?:^|:\s*)(?:tổng\s+)?số\s+(?:lượng\s+)?(?!hóa(?!\w)|liệu(?!\w))([^\W\d_]+)(?:\s+([^\W\d_]+))?"
# typed without accents, "so" is also "sở" (a department), "sổ" (a booklet) and "so" (compare): those
# it opens are left out ("so y te", "so voi", "so suc khoe", "so do")
_COUNT_PHRASE_FOLDED = (
    r"(?:^|:\s*)(?:tong\s+)?so\s+(?:luong\s+)?"
    r"(?!(?:hoa|lieu|voi|huu|do|hong|suc|y|tu|noi|ngoai|giao|cong|van|lao|khoa|ke|xay|nong|thong|tai nguyen"
    r"|tai chinh)(?!\w))([^\W\d_]+)(?:\s+([^\W\d_]+))?"
)


def _asks_count_phrase(question: str) -> bool:
    """A count asked as a search phrase (_COUNT_PHRASE): accented, "số" only; folded only for a
    question typed without accents."""
    q = nfc(question).strip().lower()
    if has_diacritics(q):
        return re.search(_COUNT_PHRASE, q) is not None
    return re.search(_COUNT_PHRASE_FOLDED, fold(q)) is not None


_TYPE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "why_how",
        re.compile(
            r"\b(vi sao|tai sao|nhu the nao|the nao|ra sao|nham muc dich|de lam gi|tac dung|"
            r"muc dich|ly do|nguyen nhan|bang cach nao|(?<!don )(?<!tu )do dau(?! tu| moi| tien)|"
            r"(?<!don )vi dau(?! tu| moi| tien)|(?:dieu|yeu to|van de) (?:gi|nao) khien)\b"
        ),
    ),
    (
        "temporal",
        re.compile(
            r"\b(khi nao|bao gio|nam nao|ngay(?: cu the)? nao|hom nao|thang nao|quy nao|thoi diem nao|moc nao|"
            r"giai doan nao|tu khi nao|thoi gian nao|luc nao|(?:han chot|han cuoi|thoi han) nao)\b"
        ),
    ),
    (
        "who",
        re.compile(
            r"(^|\s)(ai|nhung ai)(\s|\?|$)|\b(co quan nao|bo nao|nhung bo nao|don vi nao|"
            r"nguoi nao|to chuc nao|doanh nghiep nao)\b"
        ),
    ),
    (
        "number",
        re.compile(
            r"\b(bao nhieu|may|ty le|bao nhieu phan tram|thu may|so luong|"
            r"muc tang truong|toc do)\b"
        ),
    ),
    (
        "list",
        re.compile(
            r"\b(nhung gi|gom nhung|bao gom|nhung [a-z ]{2,40} nao|cac [a-z ]{2,40} nao|neu (?:mot so|cac|nhung))\b"
        ),
    ),
]


_LIST_ASKED = dict(_TYPE_PATTERNS)["list"]


# a number of items asked by which they are ("ba địa phương nào", "2 huyện nào"): a list. Read
# accented ("bà", "thứ ba" are none; nor is a name's number, "Đề án 06"), folded only for a
# question typed without accents
_ITEMS_ASKED = re.compile(
    r"(?<!thứ )(?<!\w)(?:hai|ba|bốn|sáu|bảy|tám|chín|mười|(?<!án )(?<!định )(?<!quyết )(?<!số )"
    r"(?<!tháng )(?<!quý )(?<!lần )(?<!tư )(?<!thị )(?<![/\d.,])\d{1,2})"
    r"\s+[^\W\d]+(?:\s+[^\W\d]+){0,3}\s+nào(?!\w)"
)
_ITEMS_ASKED_FOLDED = re.compile(
    r"(?<!thu )(?<!\w)(?:hai(?! phong)|bon|chin|muoi|(?<!an )(?<!dinh )(?<!quyet )(?<!so )"
    r"(?<!thang )(?<!quy )(?<!lan )(?<!tu )(?<!thi )(?<![/\d.,])\d{1,2})"
    r"\s+[a-z]+(?:\s+[a-z]+){0,3}\s+nao(?!\w)"
)


def _asks_items(question: str) -> bool:
    q = nfc(question).lower()
    return bool(_ITEMS_ASKED.search(q) if has_diacritics(q) else _ITEMS_ASKED_FOLDED.search(fold(q)))


# folded asking words that other words share: in a question with diacritics only these are them
# ("bộ máy", "dệt may", "đám mây" are no "mấy"; "nguồn lực nào" no "lúc nào"; "Quỹ nào" no "quý nào";
# "ngày cụ thể nào" no "thế nào"), and "AI" in capitals is the acronym, not "ai"
_SHARED_FOLDS = {"may": "mấy", "thu may": "thứ mấy", "luc nao": "lúc nào", "quy nao": "quý nào", "the nao": "thế nào"}


def _asks(pattern: re.Pattern[str], folded: str, question: str) -> bool:
    """Does ``pattern`` (over folded text) find an asking word that ``question`` writes as one?"""
    accented = has_diacritics(question) and len(folded) == len(question)
    for m in pattern.finditer(folded):
        start, end = m.span()
        while start < end and not folded[start].isalnum():
            start += 1
        while end > start and not folded[end - 1].isalnum():
            end -= 1
        key, written = folded[start:end], question[start:end]
        if key in ("ai", "nhung ai"):
            # "ai" itself ("Nhưng ai …" has it too); "AI" in capitals inside a question written in
            # lower case is the acronym, at its start it is "Ai"
            tail = written[-2:]
            if (tail == "AI" and end > 2 and not question.isupper()) or (accented and tail.lower() != "ai"):
                continue
        elif accented and key in _SHARED_FOLDS and written.lower() != _SHARED_FOLDS[key]:
            continue
        return True
    return False


def question_type(question: str) -> str:
    """number | temporal | who | list | why_how | fact, from the question's wording."""
    question = nfc(question)
    q = fold(question)
    for name, pattern in _TYPE_PATTERNS:
        if _asks(pattern, q, question) or (name == "number" and _asks_count_phrase(question)):
            # "những huyện nào có tỷ lệ … dưới 55%?": a rate that names the items asked, not a figure asked
            if name == "number" and not _counts(question) and (_LIST_ASKED.search(q) or _asks_items(question)):
                return "list"
            # "xã nào có tỷ lệ kích hoạt … thấp nhất?": which one ranks first or last, a name
            if name == "number" and not _counts(question) and asks_extreme(question):
                return "fact"
            return name
        if name == "list" and _asks_items(question):
            return "list"
    return "fact"


# what asks for a figure itself, not a rate that describes what is asked ("những tỉnh nào có tỷ lệ …"):
# read accented ("máy tính" is no "mấy"), folded only for a question typed without diacritics
_COUNTS = re.compile(r"(?<!\w)(?:bao nhiêu|mấy|số lượng|mức nào|mức bao nhiêu)(?!\w)", re.IGNORECASE)
_COUNTS_FOLDED = re.compile(r"\b(?:bao nhieu|may|so luong|muc nao)\b")


def _counts(question: str) -> bool:
    q = nfc(question)
    return bool(_COUNTS.search(q) if has_diacritics(q) else _COUNTS_FOLDED.search(fold(q)))


# a question that asks which one ranks first or last ("xã nào có tỷ lệ … thấp nhất?", "hai phường dẫn
# đầu … là những phường nào?"); not an ordinal ("thứ nhất"), a merger ("hợp nhất"), a deadline ("chậm
# nhất") or a floor ("ít nhất")
_EXTREME = (
    r"(?<!\w)(?<!thứ )(?<!lần )(?<!hợp )(?<!thống )(?<!duy )(?<!chậm )(?<!sớm )(?<!ít )(?<!người )"
    r"(?:nhất(?! là| quán| định| trí| thể)|dẫn đầu|đứng đầu|đứng cuối|xếp cuối)(?!\w)"  # not "nhất là", especially
)
_ASKS_EXTREME = re.compile(_EXTREME, re.IGNORECASE)
_ASKS_EXTREME_FOLDED = re.compile(fold(_EXTREME), re.IGNORECASE)
_WHICH = re.compile(r"(?<!\w)(?:nào|những gì)(?!\w)", re.IGNORECASE)
_WHICH_FOLDED = re.compile(r"(?<!\w)(?:nao|nhung gi)(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1024)
def asks_extreme(question: str) -> bool:
    """Does ``question`` ask which one ranks first or last ("địa phương nào có nhiều trạm … nhất?")?"""
    if has_diacritics(question):
        return _WHICH.search(question) is not None and _ASKS_EXTREME.search(question) is not None
    q = fold(question)
    return _WHICH_FOLDED.search(q) is not None and _ASKS_EXTREME_FOLDED.search(q) is not None


# a hedge on a figure asked ("khoảng / chừng / xấp xỉ bao nhiêu"): how it is asked, not what
_HEDGES = ("khoảng", "chừng", "ước chừng", "xấp xỉ", "tầm")
# their words, accented and folded, that make a figure asked rough ("chiếm khoảng bao nhiêu")
_ROUGHLY = frozenset(w for h in _HEDGES for w in (*h.split(), *fold(h).split()))
# Number words between "bao nhiêu" and the measure it counts in ("bao nhiêu tỷ kWh": kWh).
# Compared in accented form: folded, "ngân hàng", "văn bản", "trạm" and "tổ chức" would read as them.
_MULTIPLIERS = frozenset({"nghìn", "ngàn", "triệu", "tỷ", "tỉ", "vạn", "chục", "trăm"})
_MULTIPLIERS_FOLDED = frozenset(fold(w) for w in _MULTIPLIERS)


_RATE = re.compile(r"\bt[yi] le\b")


# a rank asked for ("xếp hạng thứ mấy", "đứng thứ bao nhiêu", "hạng mấy"): its measure is RANK,
# which a sentence states by a place ("thứ 3", "hạng 46", "46/132"; qa/scoring.py). Read accented
# ("dùng", "máy" are no "đứng", "mấy"), folded only for a question typed without accents, where
# "đứng" must say "thứ" ("dung bao nhieu" is "dùng bao nhiêu") and "hạng" alone is left out ("hàng may").
_RANK_ASKED = r"(?:xếp(?: hạng)?(?: thứ)?|đứng(?: hàng)? thứ|hạng(?: thứ)?|vị trí thứ) (?:mấy|bao nhiêu)"
_ASKS_RANK = re.compile(rf"(?<!\w){_RANK_ASKED}(?!\w)", re.IGNORECASE)
_ASKS_RANK_FOLDED = re.compile(
    r"(?<!\w)(?:xep(?: hang)?(?: thu)?|dung(?: hang)? thu|vi tri thu) (?:may|bao nhieu)(?!\w)"
)


def _phrase_measure(question: str) -> str | None:
    """The measure of a count asked as a search phrase (_COUNT_PHRASE), in the question's own
    form; None for any other question."""
    q = nfc(question).strip().lower()
    bare = not has_diacritics(q)
    if question_type(q) != "number":
        return None
    m = re.search(_COUNT_PHRASE_FOLDED if bare else _COUNT_PHRASE, fold(q) if bare else q)
    if not m:
        return None
    words = [w for w in m.groups() if w]
    if bare:  # the question's own words at the folded match's place
        words = q[m.start(1) : m.end(len(words))].split()
    out = []
    for w in words:  # in accented form ("chợ", "bảo" are no "cho", "bao"); a bare question keeps the
        # check it had, which finds only the question words written without accents ("bao", "ai")
        if w in QUESTION_WORDS or (bare and fold(w) in QUESTION_WORDS):
            break
        out.append(w)
    return " ".join(out) or None


_MEASURE_BREAK = re.compile(r"[,;:?!()]")


def measure_of(question: str) -> str | None:
    """What a "bao nhiêu" question counts, in the question's own form: its first two content words
    ("bao nhiêu lượt khách du lịch" -> "lượt khách", "bao nhiêu tấn?" -> "tấn"), number words skipped
    ("bao nhiêu tỷ kWh" -> "kwh"), "phần trăm" as "%"; where no content word follows ("là bao
    nhiêu?"), "%" for a rate ("tỷ lệ … là bao nhiêu?"), the money word that heads the asking clause
    ("doanh thu … đạt bao nhiêu?"), RANK for a rank asked ("xếp thứ mấy") and None otherwise. Two
    words measured better than one on the tune fold (a classifier such as "lượt" or "vụ" says little
    alone)."""
    found = list(re.finditer(r"[^\W_]+|%", nfc(question)))
    words = [m.group(0) for m in found]
    # where a clause or an enumeration breaks off between two words ("bao nhiêu thôn, bản", "bao
    # nhiêu tiệm, hộ buôn bán", "được bao nhiêu? (phiên họp …)"): a measure does not run across it
    broken = [False] + [
        bool(_MEASURE_BREAK.search(nfc(question)[a.end() : b.start()])) for a, b in zip(found, found[1:])
    ]
    lowered = [w.lower() for w in words]
    folded = [fold(w) for w in lowered]
    bare = not has_diacritics(question)
    folded_question = " ".join(folded)
    q = nfc(question).lower()
    rank = _ASKS_RANK.search(q) if has_diacritics(q) else _ASKS_RANK_FOLDED.search(fold(q))
    if rank and fold(rank.group(0)).endswith("bao nhieu"):
        return RANK  # "xếp hạng bao nhiêu": its "bao nhiêu" counts no other measure
    for i in range(len(words) - 2):
        if folded[i] == "bao" and folded[i + 1] == "nhieu":
            j = i + 2
            multipliers, keys = (_MULTIPLIERS_FOLDED, folded) if bare else (_MULTIPLIERS, lowered)
            while j < len(words) and keys[j] in multipliers:
                j += 1
            if folded[j : j + 2] == ["phan", "tram"] or folded[j : j + 1] == ["%"]:
                return "%"  # "bao nhiêu % GDP" is a percentage too
            # what a thing "chiếm" (takes up) of a whole is a share: "kinh tế số ước chiếm bao nhiêu GRDP?"
            k = i - 1
            while k >= 0 and (folded if bare else lowered)[k] in _ROUGHLY:
                k -= 1  # "chiếm khoảng", "chiếm xấp xỉ"
            if j == i + 2 and k >= 0 and (folded if bare else lowered)[k] == ("chiem" if bare else "chiếm"):
                return "%"
            out: list[str] = []
            while j < len(words) and len(out) < 2:
                word = words[j].lower()
                if word.isdigit() or word in QUESTION_WORDS or (bare and folded[j] in QUESTION_WORDS) or broken[j]:
                    break
                if folded[j : j + 2] == ["so", "voi"] and (word == "so" or not has_diacritics(question)):
                    break  # "tăng bao nhiêu so với năm 2023": a comparison follows, no measure
                out.append(word)
                j += 1
            if out:
                return " ".join(out)
            break
    if rank:  # "xếp thứ mấy"; "bao nhiêu điểm và xếp thứ mấy" asks its measure first
        return RANK
    # a rate asked for with no measure named ("tỷ lệ … là bao nhiêu?") is a percentage
    if "bao nhieu" not in folded_question:
        return _phrase_measure(question)
    if _RATE.search(folded_question):
        return "%"
    if re.search(r"\bphan tram\b|%", folded_question):
        return None
    # money asked for by what it is, as the subject of the clause that asks ("…, doanh thu bán hàng
    # qua sàn đạt bao nhiêu?", "…, tổng số tiền xử phạt là bao nhiêu?"): the measure is that word,
    # which an amount states (qa/scoring.py); not a growth ("kim ngạch … tăng bao nhiêu?") nor a
    # count that money is a detail of ("Số dự án được bố trí vốn là bao nhiêu?")
    bare = not has_diacritics(question)
    text = (fold(question) if bare else nfc(question)).lower()
    asked = re.search(r"bao nhieu" if bare else r"bao nhiêu", text)
    clause = re.split(r"[,;:()]", text[: asked.start()])[-1].strip() if asked else ""
    if re.search(r"(?<!\w)(?:tang|giam|tăng|giảm)(?:\s+(?:them|duoc|thêm|được))?\s*$", clause):
        return None
    m = (_MONEY_SUBJECT_FOLDED if bare else _MONEY_SUBJECT).match(clause)
    return m.group(1) if m else None


# money words at the head of a clause ("doanh thu", "tổng kinh phí", "giá trị"). A price ("giá cà
# phê") is not read as money, since any amount would state it: with "giá", the tune fold's one price
# question was unchanged and a check one ("Giá cà phê xuất khẩu năm 2024", seeds alone) was answered
# with an amount of exports
_MONEY_SUBJECT = re.compile(
    r"(?:tổng\s+)?(giá trị|doanh thu|doanh số|kim ngạch|kinh phí|chi phí|ngân sách|số tiền|số vốn|nguồn vốn|"
    r"tổng vốn|vốn)(?!\w)"
)
# folded, a bare "von" is left out, as it was before this was derived from the accented one
_MONEY_SUBJECT_FOLDED = re.compile(fold(_MONEY_SUBJECT.pattern).replace("|von)", ")"))


# "Phiên họp thứ ba … được tổ chức vào ngày nào?": the date of the meeting itself, which its report's
# opening states; such a question says little else, so its focus cannot vouch for the answer
_MEETING_DATE_ASKED = re.compile(
    r"(?<!\w)(?:tổ chức|diễn ra|họp|khai mạc|triệu tập)(?!\w)"
    r"(?:(?!hoàn thành|triển khai|thực hiện|vận hành|đưa vào|giao)[^,;]){0,50}"
    r"(?<!\w)(?:ngày nào|hôm nào|khi nào|bao giờ|thời gian nào|lúc nào)(?!\w)",
    re.IGNORECASE,
)
_MEETING_DATE_ASKED_FOLDED = re.compile(fold(_MEETING_DATE_ASKED.pattern), re.IGNORECASE)


@lru_cache(maxsize=1024)  # asked of every candidate sentence of a question
def asks_meeting_date(question: str) -> bool:
    """Does ``question`` ask when the meeting it names was held ("… được tổ chức vào ngày nào?")?
    Read in accented form, so "tích hợp" is not "họp"; folded only for a question typed without
    diacritics."""
    q = nfc(question)
    if has_diacritics(q):
        return _MEETING_DATE_ASKED.search(q) is not None
    return _MEETING_DATE_ASKED_FOLDED.search(q) is not None


# who held a role at the meeting the question names: "Ai chủ trì …", "… do ai chủ trì?", "Ai là người
# trình bày báo cáo …"; the role is the verb after "ai", whose case is kept ("AI", the acronym, asks nothing)
_ROLES = ("đồng chủ trì", "chủ trì", "báo cáo", "trình bày", "phát biểu", "tham dự", "dự", "điều hành", "ký")
_ROLE_OF_FOLDED = {fold(r): r for r in _ROLES}


def _role_pattern(roles) -> re.Pattern[str]:
    who = r"(?<!\w)[Aa]i\s+(?i:(?:(?:đã|sẽ|da|se)\s+)?(?:là\s+|la\s+)?(?:người\s+|nguoi\s+)?"
    return re.compile(who + "(" + "|".join(map(re.escape, roles)) + r"))(?!\w)")


_ROLE_ASKED = (_role_pattern(_ROLES), _role_pattern(_ROLE_OF_FOLDED))  # accented, bare
# who spoke for a body: "Ai thay mặt Tổ công tác trình bày báo cáo …" (the speaking roles only: a
# body's name may hold another, "Ban Quản lý dự án", "đơn vị chủ trì")
_ON_BEHALF = re.compile(
    r"(?<!\w)[Aa]i\s+(?i:(?:thay mặt|thay mat)\s+[^,?]{1,60}?\s+"
    r"(trình bày|báo cáo|phát biểu|trinh bay|bao cao|phat bieu))(?!\w)"
)
# the meeting it names; bare, "hop" alone is also "hợp" ("hop nhat"), so only the two-word names
_NAMES_MEETING = re.compile(r"(?<!\w)(?:hội nghị|phiên họp|cuộc họp|kỳ họp|họp|phiên)(?!\w)", re.IGNORECASE)
_NAMES_MEETING_FOLDED = re.compile(r"(?<!\w)(?:hoi nghi|phien hop|cuoc hop|ky hop|phien)(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1024)
def asks_meeting_role(question: str) -> str | None:
    """The role a question asks who held at the meeting it names ("chủ trì", "báo cáo", "dự"), in
    accented form; None when it asks none or names no meeting ("Ai chủ trì xây dựng đề án?")."""
    q = nfc(question)
    bare = not has_diacritics(q)  # a bare question is matched as typed, against the folded roles
    m = _ROLE_ASKED[1 if bare else 0].search(q) or _ON_BEHALF.search(q)
    if m is None or not (_NAMES_MEETING_FOLDED if bare else _NAMES_MEETING).search(q):
        return None
    role = _ROLE_OF_FOLDED.get(fold(m.group(1)).lower(), m.group(1).lower())
    # who presented the report is who reported: a report may say only "Báo cáo tại phiên họp, …"
    if role == "trình bày" and _PRESENTS_REPORT.match(fold(q[m.end() :]).lower()):
        return "báo cáo"
    return role


_PRESENTS_REPORT = re.compile(r"\s+(?:ban\s+|cac\s+)?bao cao(?!\w)")


@dataclass(frozen=True)
class Question:
    """A question read for answering."""

    text: str
    bare: bool  # typed without diacritics: compared in folded form
    kind: str  # number | temporal | who | list | why_how | fact
    focus: tuple[str, ...]  # content words of what is asked (accented unless bare)
    context: frozenset[str]  # words that place it in a meeting, a time, a body or a place
    constraints: tuple[Constraint, ...]
    measure: str | None = None  # what a "bao nhiêu" figure is counted in (measure_of)
    pairs: tuple[str, ...] = ()  # focus words side by side, as one token ("xã_hội", "dân_số"): most are one word

    def tokens(self, text: str) -> frozenset[str]:
        """``text``'s words in the form this question is compared in."""
        return _tokens(text, self.bare)


def _tokens(text: str, bare: bool) -> frozenset[str]:
    tokens = tokenize(text, bigrams=False, stopwords=QUESTION_WORDS, accents=True)
    return frozenset(fold(t) for t in tokens) if bare else frozenset(tokens)


@lru_cache(maxsize=8192)
def token_set(text: str, bare: bool) -> frozenset[str]:
    """Words and adjacent word pairs of ``text``, accented (folded for a bare question); passages
    recur across questions, so this is cached."""
    tokens = tokenize(text, stopwords=QUESTION_WORDS, accents=True)
    return frozenset(fold(t) for t in tokens) if bare else frozenset(tokens)


def context_spans(question: str) -> list[tuple[int, int]]:
    """Character spans of ``question`` that name its meeting, time, body, place or people."""
    q = nfc(question)
    bare = not has_diacritics(q)
    text = fold(q) if bare else q
    spans = []
    for accented, folded in _CONTEXT_RES:
        spans += [m.span() for m in (folded if bare else accented).finditer(text) if m.group(0).strip()]
    for _, pattern in BODIES:
        body = re.compile(fold(pattern.pattern), re.IGNORECASE) if bare else pattern
        spans += [m.span() for m in body.finditer(text)]
    spans += [m.span(1) for m in _BODY_NAME_RES[1 if bare else 0].finditer(text)]
    # in whatever form the question names them ("Vũng Tàu" for Bà Rịa - Vũng Tàu), a province with its head
    head = re.compile(fold(_PROVINCE_HEAD) if bare else _PROVINCE_HEAD, re.IGNORECASE)
    for kind in ("province", "ministry"):
        for start, end in gazetteer.spans(kind, text, bare=bare):
            before = head.search(text[max(0, start - 12) : start]) if kind == "province" else None
            spans.append((start - len(before.group(0)) if before else start, end))
    return spans


_PROVINCE_HEAD = r"(?<!\w)(?:tỉnh|thành phố|tp\.?)\s*$"

# Words that say how an answer is asked for, not what it is about: a percentage asked ("bao nhiêu
# phần trăm": the measure check reads it, and a sentence writes "%"), a hedge on the figure
# ("khoảng / chừng / xấp xỉ bao nhiêu"), "lần lượt" (respectively), the head of a list asked
# ("những nội dung nào"), a role or a name asked ("với cương vị gì", "có tên là gì"). They are
# neither focus nor context. "rốt cuộc" (after all) was tried too: two questions then quoted a
# headline instead of being refused, so it stays a focus word.
_ASKING_FORMS = (
    r"(?:(?<=bao nhiêu )|(?<=mấy ))phần trăm",
    rf"(?:{'|'.join(_HEDGES)})(?= (?:bao nhiêu|mấy)(?!\w))",
    r"lần lượt",
    r"(?:(?<=những )|(?<=các ))nội dung(?= (?:gì|nào)(?!\w))",
    r"(?:cương vị|vai trò|chức vụ|chức danh)(?= (?:gì|nào)(?!\w))",
    r"(?<!\w)tên(?: gọi)?(?= (?:là )?gì(?!\w))",
)
_ASKING_RES = [
    (re.compile(rf"(?<!\w){p}(?!\w)", re.IGNORECASE), re.compile(rf"(?<!\w){fold(p)}(?!\w)", re.IGNORECASE))
    for p in _ASKING_FORMS
]


def asking_spans(question: str) -> list[tuple[int, int]]:
    """Character spans of ``question`` that say how the answer is asked for (_ASKING_FORMS)."""
    q = nfc(question)
    bare = not has_diacritics(q)
    text = fold(q) if bare else q
    return [m.span() for accented, folded in _ASKING_RES for m in (folded if bare else accented).finditer(text)]


@lru_cache(maxsize=1024)  # read by the retriever twice and by the answerer (a Question is immutable)
def analyse(question: str, restored: str | None = None) -> Question:
    """Split ``question`` into focus and context, and read its kind and constraints.

    A question typed without diacritics is split in ``restored`` form (its accents put back by
    the retriever's model, so question words are told from content words) and compared folded.
    """
    typed = nfc(question).strip()
    bare = not has_diacritics(typed)
    q = typed
    if bare and restored and len(nfc(restored).strip()) == len(typed):  # accents put back letter for letter
        q = nfc(restored).strip()
    # names, places and meetings are read as typed (a restored "hạ nối" is not Hà Nội)
    constraints = tuple(read_constraints(typed))
    spans = context_spans(typed)
    for c in constraints:
        if c.kind in ("person", "name"):
            at = q.find(str(c.value))
            if at >= 0:
                spans.append((at, at + len(str(c.value))))
    masked = list(q)
    context_text = []
    for start, end in spans:
        context_text.append(q[start:end])
        for i in range(start, end):
            masked[i] = " "
    for start, end in asking_spans(q):
        for i in range(start, end):
            masked[i] = " "
    focus = tokenize("".join(masked), bigrams=False, stopwords=QUESTION_WORDS, accents=True)
    context = set(tokenize(" ".join(context_text), bigrams=False, stopwords=QUESTION_WORDS, accents=True))
    # pairs only of words side by side in the question: not across its context or its punctuation
    words = set(focus)
    runs = re.split(
        r"[\x01,.;:?!()\[\]\"“”]+", "".join("\x01" if m == " " and c != " " else m for m, c in zip(masked, q))
    )
    pairs = [
        t
        for run in runs
        for t in tokenize(run, stopwords=QUESTION_WORDS, accents=True)
        if "_" in t and all(w in words for w in t.split("_"))
    ]
    if bare:
        focus, context = [fold(t) for t in focus], {fold(t) for t in context}
        pairs = [fold(t) for t in pairs]
    measure = measure_of(q)
    return Question(
        q,
        bare,
        question_type(q),
        tuple(dict.fromkeys(focus)),
        frozenset(context - set(focus)),
        constraints,
        fold(measure) if bare and measure else measure,
        tuple(dict.fromkeys(pairs)),
    )
