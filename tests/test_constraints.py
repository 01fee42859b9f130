"""A question's constraints (place, ministry, meeting, person, names) and whether a sentence meets them."""

import pytest

from index.vietnamese import fold
from qa import gazetteer
from qa.constraints import held_locally, holders, met, ministry_holders, read, reviewed_periods, unmet


@pytest.mark.parametrize(
    ("text", "bare", "expected"),
    [
        ("Tỉnh Quảng Ninh có bao nhiêu tài khoản?", False, {"Quảng Ninh"}),
        ("tinh quang ninh co bao nhieu tai khoan", True, {"Quảng Ninh"}),
        ("chuyển đổi số quốc gia lại tăng nhanh", False, set()),  # "gia lại" is not Gia Lai
        ("TP.HCM và Thừa Thiên Huế", False, {"Hồ Chí Minh", "Thừa Thiên Huế"}),
        ("thành phố Huế", False, {"Thừa Thiên Huế"}),  # renamed in 2025, the same place
        ("Khánh Hoà và Thanh Hoá", False, {"Khánh Hòa", "Thanh Hóa"}),  # old tone placement
        ("tỉnh Bà Rịa - Vũng Tàu", False, {"Bà Rịa - Vũng Tàu"}),
    ],
)
def test_provinces_are_found_on_word_boundaries(text, bare, expected):
    assert gazetteer.find("province", text, bare=bare) == expected


def test_ministries_and_their_short_forms():
    assert gazetteer.find("ministry", "Bộ TT&TT phối hợp với Bộ Công an") == {
        "Bộ Thông tin và Truyền thông",
        "Bộ Công an",
    }
    assert gazetteer.find("ministry", "bo y te cho biet") == {"Bộ Y tế"}
    assert gazetteer.find("ministry", "Ai là Bộ trưởng Bộ Y tế?") == {"Bộ Y tế"}  # the whole name, not "Bộ Y"


def of(question, *kinds):
    """The question's constraints of these kinds, in order."""
    return [c for c in read(question) if c.kind in kinds]


def test_reading_a_question_s_constraints():
    kinds = lambda q: {(c.kind, c.value) for c in read(q)}  # noqa: E731
    assert kinds("Tỷ lệ dân số tỉnh Lai Châu được phủ sóng 5G là bao nhiêu?") == {
        ("province", "Lai Châu"),
        ("acronym", "5G"),
    }
    assert kinds("Tại Phiên họp thứ Tư của Ủy ban Quốc gia về chuyển đổi số, có bao nhiêu nền tảng?") == {
        ("ordinal", 4),
        ("kind", "phiên họp"),
        ("body", "Ủy ban Quốc gia về chuyển đổi số"),
    }
    assert ("person", "Trần Văn Bình") in kinds("Phó Thủ tướng Trần Văn Bình đã chỉ đạo những gì?")
    # a person after a place: the place is its own constraint, the name the rest
    got = kinds("Phó Chủ tịch UBND tỉnh Gia Lai Lê Thị Hoa kiến nghị gì?")
    assert ("province", "Gia Lai") in got and ("name", "Lê Thị Hoa") in got
    assert ("acronym", "GII") in kinds("Chỉ số GII của Việt Nam xếp hạng bao nhiêu?")
    assert ("acronym", "4G") in kinds("Tỷ lệ dân số được phủ sóng 4G là bao nhiêu?")  # not a 5G figure
    assert kinds("ty le thue bao 5G la bao nhieu") == set()  # a bare question names nothing it can be held to
    # a Roman numeral is a number: "quý III Cơ sở dữ liệu" names no "III Cơ"
    assert not any(k == "name" for k, _ in kinds("Trong quý III Cơ sở dữ liệu tiếp nhận bao nhiêu lượt?"))


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Tỉnh Hà Tiên sau khi hợp nhất với Kiên Giang có bao nhiêu xã?", {"Kiên Giang"}),  # not its successor
        ("Tỉnh An Giang sau khi hợp nhất với Kiên Giang có bao nhiêu xã?", {"An Giang"}),
        ("Tỉnh Ninh Bình mới (hợp nhất từ Hà Nam, Nam Định và Ninh Bình) có bao nhiêu xã?", {"Ninh Bình"}),
        ("tinh tuyen quang sau khi hop nhat voi ha giang co bao nhieu xa", {"Tuyên Quang"}),
        # the former province's own figure: before it merged, or as part of the new one
        ("Trước khi hợp nhất vào tỉnh Lâm Đồng, tỉnh Đắk Nông có bao nhiêu xã?", {"Lâm Đồng", "Đắk Nông"}),
        ("Trước khi hợp nhất với Lâm Đồng, tỉnh Đắk Nông có bao nhiêu xã?", {"Lâm Đồng", "Đắk Nông"}),
        ("Khu vực Hòa Bình cũ thuộc tỉnh Phú Thọ có bao nhiêu xã?", {"Hòa Bình", "Phú Thọ"}),
        ("Hà Nội và Hải Phòng có bao nhiêu xã?", {"Hà Nội", "Hải Phòng"}),  # neither merged into the other
    ],
)
def test_a_province_named_as_what_merged_into_the_one_asked_about_describes_it(question, asked):
    assert {c.value for c in read(question) if c.kind == "province"} == asked


def test_a_national_figure_does_not_answer_for_a_province():
    (province,) = of("Tỉnh Lai Châu có bao nhiêu trạm 5G?", "province")
    national = "Cả nước có 12.500 trạm 5G."
    # the report a province published names the province in its opening; the sentence is still national
    head = "Các đại biểu dự phiên họp tại điểm cầu tỉnh Lai Châu."
    assert not met(province, national, national, {"title": "Phiên họp thứ Năm"}, head, head + national)
    local = "Tỉnh Lai Châu đã lắp 310 trạm 5G."
    assert met(province, local, local, {}, "", local)
    assert met(province, national, national, {"title": "Lai Châu sơ kết chuyển đổi số"}, "", national)


def test_a_province_a_national_headline_ranks_is_not_the_report_s_subject():
    (province,) = of("Ở lần công bố chỉ số năm 2023, tỉnh Gia Lai đạt bao nhiêu điểm?", "province")
    average = "Điểm trung bình cấp tỉnh đạt 0,4120."
    ranking = {"title": "Công bố chỉ số chuyển đổi số 2023: Gia Lai dẫn đầu khối tỉnh"}
    assert not met(province, average, average, ranking, "", average)
    named = "Gia Lai dẫn đầu với 0,6010 điểm."
    assert met(province, named, named, ranking, "", named)
    own = {"title": "Gia Lai: Ban Chỉ đạo chuyển đổi số tỉnh họp phiên thứ hai"}
    assert met(province, average, average, own, "", average)
    # a head that ends in the province's unnamed body leaves its name to what follows the colon
    capitals = {"title": "PHIÊN HỌP THỨ TƯ BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ TỈNH: GIA LAI TĂNG 8 BẬC"}
    assert met(province, average, average, capitals, "", average)
    ranking = {"title": "Xếp hạng chuyển đổi số các tỉnh: Gia Lai dẫn đầu"}  # the provinces, not one
    assert not met(province, average, average, ranking, "", average)


def test_ordinal_and_body_are_met_by_the_report_s_metadata_or_the_sentence():
    ordinal, body = of(
        "Tại Phiên họp thứ Tư của Ủy ban Quốc gia về chuyển đổi số, có bao nhiêu nền tảng?", "ordinal", "body"
    )
    fourth = {"ordinal": 4, "body": "Ủy ban Quốc gia về chuyển đổi số", "kind": "phiên họp"}
    assert not unmet([ordinal, body], "Có 27 nền tảng.", "Có 27 nền tảng.", fourth, "", "")
    fifth = {**fourth, "ordinal": 5}
    assert unmet([ordinal, body], "Có 27 nền tảng.", "Có 27 nền tảng.", fifth, "", "") == [ordinal]
    recap = "Từ Phiên họp thứ Tư đến nay đã có 27 nền tảng."
    assert met(ordinal, recap, recap, fifth, "", "")
    assert ordinal.missing() == "Các báo cáo không có thông tin này về phiên họp thứ 4."
    # a report whose event has no number in its metadata may number it in its opening; one that
    # has another number does not become the fourth by naming the fourth in passing
    opening = "Sáng 10/10, Thủ tướng dự Ngày hội số lần thứ tư tại Hà Nội."
    assert met(ordinal, "Có 27 nền tảng.", "", {"kind": "hội nghị"}, opening, "")
    assert not met(ordinal, "Có 27 nền tảng.", "", fifth, "Khác với Phiên họp thứ Tư, phiên này bàn về dữ liệu.", "")
    industry = "Hội nghị của Bộ Công Thương\nSáng 5/5, Bộ tổ chức hội nghị về cách mạng công nghiệp lần thứ tư."
    assert not met(ordinal, "Có 27 nền tảng.", "", {"kind": "hội nghị"}, industry, "")


def test_a_ministry_may_be_named_just_before_the_passage():
    (ministry,) = of("Bộ Công Thương đã kết nối bao nhiêu thủ tục?", "ministry")
    report = "Bộ trưởng Bộ Công Thương cho biết nhiều kết quả.\nBộ đã kết nối 17/70 thủ tục."
    passage = "Bộ đã kết nối 17/70 thủ tục."
    assert met(ministry, passage, passage, {}, "", report)
    assert not met(ministry, passage, passage, {}, "", "Một báo cáo khác.\n" + passage)


def test_a_body_named_by_the_abbreviation_its_report_defines():
    # "Bảo hiểm xã hội (BHXH) Việt Nam": the bracket splits the name, and the report goes on with "BHXH"
    (ministry,) = of("Năm 2022, Bảo hiểm xã hội Việt Nam có bao nhiêu hồ sơ điện tử?", "ministry")
    head = "BHXH VIỆT NAM TỔNG KẾT NĂM 2022\nSáng 29/12, Bảo hiểm xã hội (BHXH) Việt Nam tổ chức hội nghị."
    assert met(ministry, "Có 118,6 triệu hồ sơ.", "Có 118,6 triệu hồ sơ.", {}, head, head)
    later = "Cuối năm, BHXH Việt Nam nhận 118,6 triệu hồ sơ."
    assert gazetteer.find("ministry", f"Bảo hiểm xã hội (BHXH) là cơ quan. {later}") == {"Bảo hiểm xã hội Việt Nam"}
    # an abbreviation no bracket defines stands for nothing; a bracket that is not its words' initials stays
    assert gazetteer.find("ministry", later) == set()
    assert gazetteer.spell_out("Cục Chuyển đổi số (Bộ Công an) và Trung tâm (AI)") == (
        "Cục Chuyển đổi số (Bộ Công an) và Trung tâm (AI)"
    )


def test_acronyms_on_word_boundaries_or_spelled_out():
    (acronym,) = of("Chỉ số AI của Việt Nam là bao nhiêu?", "acronym")
    assert not met(acronym, "", "", {}, "", "Có hai chỉ số mới.")  # "AI" is not in "hai"
    assert met(acronym, "", "", {}, "", "Ứng dụng AI trong y tế.")
    assert met(acronym, "", "", {}, "", "Có 318 camera tích hợp trí tuệ nhân tạo.")  # as reports write it out
    # inside everyday words the reports write otherwise ("thẻ ATM": "tài khoản ngân hàng"), an acronym
    # names what is asked, not a thing the report must name; alone, it is one
    assert not of("Bao nhiêu người nhận trợ cấp được chuyển thẳng vào thẻ ATM?", "acronym")
    assert of("Cả nước có bao nhiêu máy ATM?", "acronym")
    assert of("Cả nước có bao nhiêu máy ATM và bao nhiêu người nhận lương qua thẻ ATM?", "acronym")
    (cntt,) = of("Xuất khẩu dịch vụ CNTT đạt bao nhiêu?", "acronym")
    assert met(cntt, "", "", {}, "", "Xuất khẩu dịch vụ công nghệ thông tin đạt 4 tỷ USD.")


def test_a_document_s_number_is_met_only_by_the_report_that_names_it():
    (doc,) = of("Theo Thông báo kết luận số 412/TB-VPCP, Bộ nào phải hoàn thành kết nối trước?", "document")
    assert doc.value == "412/TB-VPCP" and not of("Theo Thông báo kết luận số 412/TB-VPCP, …", "acronym")
    notice = "Văn phòng Chính phủ ban hành Thông báo số 412/TB-VPCP kết luận của Phó Thủ tướng."
    assert met(doc, "", "", {}, "", notice)
    assert not met(doc, "", "", {}, "", notice.replace("412", "413"))  # another notice of the same words
    assert not met(doc, "", "", {}, "", notice.replace("412/", "1412/"))  # on its boundaries
    (decree,) = of("nghi dinh 61/2027/ND-CP quy dinh gi", "document")  # typed without diacritics
    assert met(decree, "", "", {}, "", "Theo Nghị định 61/2027/NĐ-CP, ...", bare=True)
    (typed,) = of("Khi triển khai Nghị định 61/2027/ND-CP, bao nhiêu xã đạt?", "document")  # ND for NĐ
    assert met(typed, "", "", {}, "", "Theo Nghị định 61/2027/NĐ-CP, ...")
    assert of("Năm 2027 có 45/63 tỉnh đạt, ngày 15/3/2027 họp?", "document") == []  # figures and dates


def test_a_programme_named_by_its_number_is_met_only_by_a_report_that_names_it():
    (scheme,) = of("Hội nghị sơ kết chuyển đổi số và Đề án 06 năm 2031 họp ngày nào?", "scheme")
    assert scheme.value == "Đề án 06"
    assert met(scheme, "", "", {}, "", "Hội nghị sơ kết Đề án 06/CP của tỉnh diễn ra sáng 12/7.")
    assert met(scheme, "", "", {}, "", "Kết quả triển khai Đề án số 6 trong năm.")  # with or without its zero
    assert not met(scheme, "", "", {}, "", "Hội nghị sơ kết công tác chuyển đổi số diễn ra sáng 12/7.")
    assert not met(scheme, "", "", {}, "", "Theo Đề án 061 về dữ liệu.")  # on its boundaries
    (bare,) = of("de an 06 nam 2031 dat bao nhieu", "scheme")
    assert met(bare, "", "", {}, "", "Đề án 06 đạt kết quả tốt.", bare=True)
    (resolution,) = of("Theo Nghị quyết 57-NQ/TW, mục tiêu năm 2030 là gì?", "scheme")
    assert met(resolution, "", "", {}, "", "Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị, …")
    assert of("Chương trình 2031 có bao nhiêu nhiệm vụ?", "scheme") == []  # a year is no number of a programme


def test_the_refusal_says_what_is_missing(make_tiny_pipeline):
    a = make_tiny_pipeline().ask("Tỉnh Quảng Ninh có bao nhiêu tài khoản VNeID?")
    assert a.refused and a.citations == []
    assert a.text.startswith("Các báo cáo không có số liệu riêng cho tỉnh Quảng Ninh.")
    assert a.sources  # the nearest passages are still listed


def test_a_period_asked_for_must_not_be_contradicted_by_the_sentence():
    (period,) = of("Ba tháng đầu năm 2022, có bao nhiêu hồ sơ trực tuyến?", "period")
    assert period.kind == "period" and period.value == (2022, 1, 3) and period.label == "quý I/2022"
    for sentence, ok in (
        ("Trong quý I/2022, Cổng có 510.000 hồ sơ.", True),
        ("Tính đến ngày 31/3/2022 có 480.000 hồ sơ.", True),  # a day inside the quarter
        ("Tính đến ngày 15/5/2022, có 2.136 dịch vụ công.", False),  # another part of the year
        ("Cổng có 510.000 hồ sơ.", True),  # undated: the report's date decides
        ("Trong quý III, Cổng có 610.000 hồ sơ.", False),  # a quarter without its year is still another quarter
        ("Trong quý I, Cổng có 510.000 hồ sơ.", True),
        ("Hai tháng đầu năm, Cổng có 350.000 hồ sơ.", False),  # a shorter run from January: another total
        ("Riêng tháng 3/2022, Cổng có 190.000 hồ sơ.", True),  # a month inside the quarter
        ("Đến hết tháng 2/2022, Cổng có 350.000 hồ sơ.", False),  # the count then, not at the quarter's end
        ("Đến hết tháng 3/2022, Cổng có 510.000 hồ sơ.", True),
    ):
        assert met(period, sentence, sentence, {}, "", "") is ok, sentence
    assert period.missing(figure=True) == "Các báo cáo không có số liệu này cho quý I/2022."
    # an undated figure is dated by its meeting: one held well after the period does not report it
    (half,) = of("6 tháng đầu năm 2023, tỉnh kích hoạt bao nhiêu tài khoản?", "period")
    undated = "Toàn tỉnh đã kích hoạt 1,2 triệu tài khoản."
    assert met(half, undated, "", {"date": "2023-07-10"}, "", "")
    assert not met(half, undated, "", {"date": "2023-10-19"}, "", "")
    assert met(half, undated, "", {"date": "2023"}, "", "")  # a year alone cannot tell
    # a sentence that names the whole year asked is about it, whatever halves it compares
    (year,) = of("Kết quả chuyển đổi số cả năm 2023 phải ra sao?", "period")
    assert met(year, "6 tháng cuối năm phải tốt hơn 6 tháng đầu năm và năm 2023 phải cao hơn.", "", {}, "", "")
    assert not met(year, "Trong 6 tháng đầu năm, tỉnh có 12 nền tảng.", "", {}, "", "")
    # a period that names the meeting, or a month that dates the report, is the retriever's business
    assert of("Tại hội nghị sơ kết 6 tháng đầu năm 2024, có bao nhiêu tài khoản?", "period") == []
    assert of("Tại cuộc họp đánh giá kết quả 8 tháng năm 2027, ai được giao chủ trì?", "period") == []
    assert of("Theo báo cáo tháng 7/2024, có bao nhiêu hóa đơn?", "period") == []
    assert [c.value for c in of("nua dau nam 2024 xuat khau dat bao nhieu", "period")] == [(2024, 1, 6)]


def test_a_district_or_town_asked_about_must_be_named_by_the_sentence():
    (place,) = of("Tổng đài đã tiếp nhận bao nhiêu phản ánh của người dân thành phố Bảo Lộc?", "place")
    assert place.value == "Bảo Lộc" and place.label == "thành phố Bảo Lộc"
    report = "Tỉnh Lâm Đồng họp. Thành phố Bảo Lộc có 12 điểm phục vụ."
    assert not met(place, "Tổng đài tiếp nhận 9.215 phản ánh của người dân.", "", {}, "", report)  # the province's
    assert met(place, "Riêng thành phố Bảo Lộc có 1.306 phản ánh.", "", {}, "", report)
    assert place.missing(figure=True) == "Các báo cáo không có số liệu riêng cho thành phố Bảo Lộc."
    assert of("Thành phố Hà Nội có bao nhiêu phản ánh?", "place") == []  # a province-level city is a province
    # the province after the town ends its name; a level of government is not a place
    assert [c.value for c in of("Thành phố Bảo Lộc Lâm Đồng có bao nhiêu phản ánh?", "place")] == ["Bảo Lộc"]
    assert of("Cấp huyện Bộ Công an giao bao nhiêu chỉ tiêu?", "place") == []


@pytest.mark.parametrize(
    "question",
    [
        "Theo hội nghị của UBND TP Tuy Hòa (Phú Yên), thành phố đã số hóa bao nhiêu hồ sơ?",
        "Huyện Kỳ Sơn, tỉnh Nghệ An đã số hóa bao nhiêu hồ sơ?",
        "Thành phố Bảo Lộc Lâm Đồng đã số hóa bao nhiêu hồ sơ?",
    ],
)
def test_the_province_a_place_is_in_locates_it_and_asks_nothing_more(question):
    # "TP" is the place's head, not an acronym, and the province is where the place is: a town's
    # report that names only the town answers ("TP Tuy Hòa đẩy nhanh số hóa hồ sơ địa chính")
    (place,) = of(question, "place")
    assert of(question, "province", "name") == []
    assert "TP" not in {c.value for c in of(question, "acronym")}
    title = f"{place.label[0].upper()}{place.label[1:]} đẩy nhanh số hóa hồ sơ địa chính"
    said = "Hội nghị của UBND: đã số hóa 146.320 hồ sơ."
    assert not unmet(read(question), said, said, {"title": title, "kind": "hội nghị"}, "", said)
    # a province named apart from the place is still asked about
    assert of("Tỉnh Nghệ An và huyện Kỳ Sơn đã số hóa bao nhiêu hồ sơ?", "province")
    assert of("So với thành phố Bảo Lộc, tỉnh Lâm Đồng có bao nhiêu phản ánh?", "province")
    assert of("Ngoài huyện Kỳ Sơn, tỉnh Nghệ An còn bao nhiêu xã?", "province")
    assert of("Quận Gò Vấp (TP Hồ Chí Minh) có bao nhiêu hồ sơ?", "province", "acronym", "name") == []


def test_a_person_asked_for_by_title_holds_it():
    (title,) = of("Phó Thủ tướng nào dự và phát biểu tại phiên họp thứ hai của Ban Chỉ đạo?", "title")
    assert title.value == "Phó Thủ tướng"
    assert met(title, "Dự phiên họp có Phó Thủ tướng Hồ Đức An.", "", {}, "", "")
    assert met(title, "Phó Thủ tướng Thường trực Nguyễn Văn Bình phát biểu.", "", {}, "", "")
    assert not met(title, "Phát biểu chỉ đạo, Thứ trưởng Nguyễn Đức Khiêm nhấn mạnh …", "", {}, "", "")
    assert not met(title, "Phó Thủ tướng yêu cầu các bộ báo cáo.", "", {}, "", "")  # no one named
    (prime,) = of("Thủ tướng nào chủ trì phiên họp?", "title")
    assert not met(prime, "Phó Thủ tướng Hồ Đức An chủ trì.", "", {}, "", "")  # a deputy is not the Prime Minister
    assert of("Phó Thủ tướng giao những nhiệm vụ nào?", "title") == []  # "nào" asks of the tasks


def test_the_town_a_province_is_named_after_is_a_place_of_its_own():
    # "thành phố Vũng Tàu" beside "Bà Rịa - Vũng Tàu": the town's figure, not the province's
    question = "Theo chỉ số cấp huyện năm 2020 của Bà Rịa - Vũng Tàu, thành phố Vũng Tàu đạt bao nhiêu điểm?"
    (place,) = of(question, "place")
    assert place.value == "thành phố Vũng Tàu"
    assert [c.value for c in of(question, "province")] == ["Bà Rịa - Vũng Tàu"]
    title = {"title": "Bà Rịa - Vũng Tàu công bố chỉ số chuyển đổi số năm 2020"}
    assert met(place, "Thành phố Vũng Tàu dẫn đầu với 0,5871 điểm.", "", title, "", "")
    assert not met(place, "Sở Kế hoạch và Đầu tư dẫn đầu với 0,6124 điểm.", "", title, "", "")
    assert met(place, "TP. Vũng Tàu dẫn đầu với 0,5871 điểm.", "", title, "", "")  # as reports abbreviate it
    assert of("Theo chỉ số của Bà Rịa - Vũng Tàu, TP Vũng Tàu đạt bao nhiêu điểm?", "acronym") == []
    # named once, the town is its province (the city a province is named for speaks for it)
    assert of("Thành phố Vũng Tàu có bao nhiêu hồ sơ?", "place") == []
    # a city that is a province, named twice, is the province
    assert of("UBND thành phố Đà Nẵng cho biết năm 2024 Đà Nẵng có bao nhiêu tài khoản?", "place") == []


def test_a_ward_named_like_a_province_is_that_ward():
    # after the 2025 merger "phường Vũng Tàu" is a ward of TP. Hồ Chí Minh, not the old province
    question = "Theo Tổ công tác Đề án 06 TP. Hồ Chí Minh, tỷ lệ hồ sơ trực tuyến của phường Vũng Tàu là bao nhiêu?"
    (place,) = of(question, "place")
    assert place.value == "phường Vũng Tàu"
    assert [c.value for c in of(question, "province")] == ["Hồ Chí Minh"]
    assert not met(place, "Các xã thuộc Bà Rịa - Vũng Tàu còn dưới 60%.", "", {}, "", "")
    assert met(place, "Phường Vũng Tàu đạt 71,2%.", "", {}, "", "")
    # the province named apart is asked about too
    question = "Tỷ lệ của phường Vũng Tàu, tỉnh Bà Rịa - Vũng Tàu năm 2024 là bao nhiêu?"
    assert [c.value for c in of(question, "province")] == ["Bà Rịa - Vũng Tàu"]
    # named twice, the ward is still one place and no province
    question = "Năm 2025 phường Vũng Tàu đạt bao nhiêu, so với năm trước của phường Vũng Tàu?"
    assert [c.value for c in of(question, "place")] == ["phường Vũng Tàu"] and of(question, "province") == []
    # levels listed before a province are the province's, not a commune's
    assert [c.value for c in of("Tỷ lệ các phường, xã Quảng Ninh hoàn thành là bao nhiêu?", "province")] == [
        "Quảng Ninh"
    ]
    assert of("Tỷ lệ các phường, xã Quảng Ninh hoàn thành là bao nhiêu?", "place") == []
    # a cooperative ("hợp tác xã") is not a commune: the region after it is a name the report must use
    question = "Năm 2031 hộ sản xuất và hợp tác xã Tây Nguyên mở gian hàng trên những sàn nào?"
    assert of(question, "place") == [] and [c.value for c in of(question, "name")] == ["Tây Nguyên"]
    assert [c.value for c in of("Năm 2031 xã Tân Thanh có bao nhiêu hộ kinh doanh?", "place")] == ["Tân Thanh"]
    assert of("Năm 2031 Hợp Tác Xã Tây Nguyên mở gian hàng trên những sàn nào?", "place") == []


def test_the_kind_of_meeting_asked_about():
    (kind,) = of("Tại hội nghị tổng kết năm 2023, tỷ lệ người có tài khoản thanh toán là bao nhiêu?", "kind")
    sixth = {"kind": "phiên họp", "ordinal": 6, "title": "Phiên họp thứ sáu"}
    assert not met(kind, "Tỷ lệ đạt 84,6%.", "", sixth, "Phiên họp thứ sáu của Ủy ban.", "")
    review = {"kind": "hội nghị tổng kết", "title": "Tổng kết năm 2023"}
    assert met(kind, "Tỷ lệ đạt 84,6%.", "", review, "", "")
    (meeting,) = of("Tại hội nghị giữa năm 2023, có bao nhiêu tài khoản?", "kind")
    assert met(meeting, "", "", {"kind": "hội nghị sơ kết"}, "", "")  # a review meeting is a hội nghị
    assert met(meeting, "", "", {}, "", "")  # a report of unknown kind is not held against


def test_a_meeting_named_by_the_period_it_reviews_is_held_once_the_period_ends():
    q = "Tại cuộc họp đánh giá 6 tháng đầu năm 2024 của Tổ công tác, tỉnh đã kích hoạt bao nhiêu tài khoản?"
    (review,) = of(q, "review")
    assert of(q, "period") == []  # the period names the meeting; it is not asked of the figure
    said = "Toàn tỉnh đã kích hoạt 812.336 tài khoản."
    assert not met(review, said, said, {"date": "2024-04-16"}, "", "")  # the first quarter's meeting
    assert met(review, said, said, {"date": "2024-07-09"}, "", "")
    assert met(review, said, said, {"date": "2024-06-28"}, "", "")  # held as the period ends
    assert not met(review, said, said, {"date": "2025-01-10"}, "", "")  # a year-end review
    assert met(review, said, said, {"date": "2024"}, "", "")  # a meeting dated only by its year may be it
    assert not met(review, said, said, {"date": "2023"}, "", "")
    (quarter,) = of("Tại cuộc họp đánh giá kết quả quý I/2024, có bao nhiêu tài khoản?", "review")
    assert not met(quarter, said, said, {"date": "2024-06-27"}, "", "")  # the half year's review
    # a meeting that sets the tasks of a period ahead, or a report's own period, is no review
    assert of("Tại hội nghị triển khai nhiệm vụ 6 tháng cuối năm 2024, có bao nhiêu tài khoản?", "review") == []
    assert of("Báo cáo cho biết 6 tháng đầu năm 2024 tỉnh đã cấp bao nhiêu tài khoản?", "review") == []
    assert review.missing(figure=True) == "Các báo cáo không có số liệu này của cuộc họp đánh giá 6 tháng đầu năm 2024."


def test_a_report_that_names_the_period_it_reviews_reviews_that_one():
    # held in the same weeks, the review of 10 months is not the review of the third quarter
    head = "Tổ công tác Đề án 06 tỉnh họp trực tuyến, đánh giá kết quả 10 tháng năm 2025\nSáng 7/11, Tổ công tác họp."
    meta = {"date": "2025-11-07"}
    (third,) = of("Tại cuộc họp đánh giá kết quả quý III/2025 của Tổ công tác, có bao nhiêu tài khoản?", "review")
    assert met(third, "", "", meta, "", "")  # the date alone fits
    assert not met(third, "", "", meta, head, "")
    (ten,) = of("Tại hội nghị đánh giá kết quả 10 tháng năm 2025 của Tổ công tác, có bao nhiêu tài khoản?", "review")
    assert met(ten, "", "", meta, head, "")
    # a period set ahead ("triển khai nhiệm vụ 6 tháng cuối năm"), or a report's results, is not reviewed
    ahead = "Hội nghị sơ kết 6 tháng đầu năm 2024, triển khai nhiệm vụ 6 tháng cuối năm 2024"
    assert reviewed_periods(ahead) == {(2024, 1, 6)}
    assert reviewed_periods("Sơ kết 6 tháng\nChiều 5/7/2024, Sở báo cáo kết quả 5 tháng đầu năm 2024.") == set()


def test_the_whole_year_is_not_answered_by_a_quarter():
    (year,) = of("Trong cả năm 2022, có bao nhiêu hóa đơn điện tử?", "period")
    assert year.value == (2022, 1, 12) and year.label == "cả năm 2022"
    assert not met(year, "Trong quý I/2022 có 77 triệu hóa đơn.", "", {}, "", "")
    assert met(year, "Năm 2022 có 4,2 tỷ hóa đơn.", "", {}, "", "")


def test_a_roman_numeral_is_a_number_not_a_name_to_find():
    from qa.constraints import read

    assert [(c.kind, c.value) for c in read("Trong quý III/2024, Cổng có bao nhiêu tài khoản?")] == [
        ("period", (2024, 7, 9))
    ]
    assert not [c for c in read("Trong quý II, Cổng có bao nhiêu tài khoản?") if c.kind == "acronym"]
    assert [c.value for c in read("Chỉ số DTI và ứng dụng AI năm 2021?") if c.kind == "acronym"] == ["DTI", "AI"]


def test_only_ministries_acronyms_and_names_read_the_report_s_whole_text():
    """The answerer reads a report's text only when a constraint looks into it (qa/answering.py)."""
    from qa.constraints import reads_report

    questions = [
        "Tại phiên họp thứ Ba năm 2023, tỉnh Quảng Ninh có bao nhiêu tài khoản?",
        "Hội nghị sơ kết 6 tháng đầu năm 2024 của Ủy ban Quốc gia về chuyển đổi số giao gì?",
        "Phó Thủ tướng Trần Văn An nói gì về Bộ Tài chính và AI tại Tập đoàn Sao Mai?",
    ]
    sentence = "Tỉnh Quảng Ninh có 120.000 tài khoản năm 2023."
    meta = {"title": "Phiên họp thứ Ba", "ordinal": 3, "kind": "phiên họp", "body": None}
    report = "Bộ Tài chính báo cáo về trí tuệ nhân tạo (AI). Tập đoàn Sao Mai tham dự. " + sentence
    seen = set()
    for q in questions:
        for c in read(q):
            seen.add(c.kind)
            with_text = met(c, sentence, sentence, meta, "", report)
            if reads_report(c):
                assert with_text != met(c, sentence, sentence, meta, "", "")  # the text decides
            else:
                assert with_text == met(c, sentence, sentence, meta, "", "")
    assert {"province", "ordinal", "ministry", "acronym", "person", "name"} <= seen


def test_a_name_read_is_not_cut_by_an_acronym_inside_a_word():
    found = {(c.kind, c.value) for c in read("Tại Tập đoàn Sao Mai, AI được dùng ra sao?")}
    assert ("name", "Sao Mai") in found and ("acronym", "AI") in found


def test_a_numbered_level_asked_about_is_not_another_level_s_figure():
    (level,) = of("Có bao nhiêu tài khoản định danh điện tử mức độ 1 đã được kích hoạt?", "level")
    assert not met(level, "Đã kích hoạt 61,2 triệu tài khoản định danh điện tử mức độ 2.", "", {}, "", "")
    assert met(level, "Đã kích hoạt 9 triệu tài khoản mức độ 1 và 61 triệu tài khoản mức độ 2.", "", {}, "", "")
    assert met(level, "Đã kích hoạt 70 triệu tài khoản.", "", {}, "", "")  # a sentence naming no level is left open
    # "mức 2" is "mức độ 2"; "ở mức 5%" and "mức 2 triệu đồng" are no levels
    assert not met(level, "Toàn vùng đã kích hoạt 11,4 triệu tài khoản định danh điện tử mức 2.", "", {}, "", "")
    assert met(level, "Đã kích hoạt 9 triệu tài khoản mức 1.", "", {}, "", "")
    assert met(level, "Số tài khoản tăng ở mức 5%, chi phí ở mức 2 triệu đồng.", "", {}, "", "")
    assert met(level, "Hỗ trợ ở mức 2 tỉ đồng, gấp ở mức 3 lần.", "", {}, "", "")
    (bare,) = of("co bao nhieu tai khoan muc do 1", "level")
    assert not met(bare, "Đã kích hoạt 11,4 triệu tài khoản mức 2.", "", {}, "", "", bare=True)
    assert met(bare, "Mỗi tài khoản được hỗ trợ ở mức 2 nghìn đồng.", "", {}, "", "", bare=True)
    (grade,) = of("Bao nhiêu hệ thống được phê duyệt cấp độ 3?", "level")
    assert not met(grade, "Đã phê duyệt cấp độ 2 cho 40 hệ thống.", "", {}, "", "")


def test_a_person_who_signed_the_notice_or_chaired_the_meeting_is_met_by_its_headline():
    question = "Theo kết luận của Phó Thủ tướng Lê Văn Hòa, nguyên nhân chính là gì?"
    (person,) = [c for c in read(question) if c.kind == "person"]
    reason = "Nguyên nhân chính là dữ liệu chưa được chia sẻ."
    notice = {"title": "Thông báo kết luận của Phó Thủ tướng Lê Văn Hòa về dữ liệu"}
    assert met(person, reason, reason, notice, "", "")
    assert met(person, reason, reason, {}, "Chiều 4/5, Phó Thủ tướng Lê Văn Hòa chủ trì cuộc họp.", "")
    assert not met(person, reason, reason, {"title": "Thông báo kết luận của Phó Thủ tướng Trần Minh Đức"}, "", "")
    # the opening must name the person in full: another man with the same given names is not him
    assert not met(person, reason, reason, {}, "Chiều 4/5, Thủ tướng Trần Văn Hòa chủ trì cuộc họp.", "")
    # an office is not a person: "Chủ tịch UBND TP. Hồ Chí Minh"
    assert not [c for c in read("Chủ tịch UBND TP. Hồ Chí Minh yêu cầu những gì?") if c.kind == "person"]


def test_a_when_question_is_not_answered_by_a_sentence_that_states_no_time():
    from index.stats import IdfTable
    from qa.answering import ExtractiveAnswerer
    from qa.retrieval import Hit

    text = "Tỉnh đã hoàn thành số hóa sổ hộ tịch. Tỉnh hoàn thành số hóa sổ hộ tịch trong tháng 10/2026."
    answerer = ExtractiveAnswerer(IdfTable.of([text, "Một đoạn khác."]), {}, {})
    q = answerer.analyse("Tỉnh hoàn thành số hóa sổ hộ tịch khi nào?")
    hit = Hit(doc="r", title="t", date=None, text=text, start=0, end=len(text), score=1.0, rank=1)
    assert [c.kind_ok for c in answerer.candidates(q, [hit])] == [False, True]


def test_a_place_typed_without_diacritics_is_read_by_its_capitals():
    question = "hoi nghi cua xa Tan Lap tinh Nghe An: con bao nhieu thon chua co song 4G?"
    (place,) = of(question, "place")
    assert place.value == "Tan Lap"
    assert of(question, "province") == []  # the province after it says where the commune is
    said = "Toàn xã còn 9 thôn chưa có sóng 4G."
    title = "Xã Tân Lập đánh giá một năm chuyển đổi số"
    assert not unmet(read(question), said, said, {"title": title, "kind": "hội nghị"}, "", said, bare=True)
    other = {"title": "Xã Tân Phú đánh giá một năm chuyển đổi số", "kind": "hội nghị"}
    assert unmet(read(question), said, said, other, "", said, bare=True)  # another commune's figure
    # a special zone (since 2025) is a place as a commune is, typed with or without accents
    for zone in ("Đặc khu Hòn Ngọc đạt tỷ lệ hồ sơ trực tuyến bao nhiêu?", "dac khu Hon Ngoc dat ty le bao nhieu"):
        (place,) = of(zone, "place")
        assert place.value in ("Hòn Ngọc", "Hon Ngoc"), zone
    # words in lower case, or a body's name, are no place
    assert of("co quan Nha nuoc tinh Ha Tinh co bao nhieu ho so", "place") == []
    assert of("xa hoi so co bao nhieu nguoi dung", "place") == []


def test_a_province_is_met_by_the_body_that_holds_the_meeting_or_issues_the_document():
    (province,) = of("Tổ công tác Đề án 06 tỉnh An Giang đã kích hoạt bao nhiêu tài khoản?", "province")
    said = "Công an tỉnh đã kích hoạt 472.150 tài khoản."
    title = {"title": "THÔNG BÁO Kết luận của Tổ trưởng Tổ công tác tại cuộc họp đánh giá 6 tháng"}
    issued = "THÔNG BÁO Kết luận …\n\nUBND TỈNH AN GIANG. Số: 27/TB-TCT. An Giang, ngày 12 tháng 7 năm 2024."
    assert met(province, said, said, title, issued, "")
    held = "Sáng 8/7, Tổ công tác triển khai Đề án 06 tỉnh An Giang tổ chức hội nghị đánh giá 6 tháng."
    assert met(province, said, said, {"title": "Đánh giá 6 tháng"}, held, "")
    # a province's leader at another's meeting does not make its figures the province's
    national = "Sáng 5/1, Thủ tướng chủ trì hội nghị toàn quốc. Chủ tịch UBND tỉnh An Giang chủ trì điểm cầu tỉnh."
    assert not met(province, said, said, {"title": "Hội nghị toàn quốc"}, national, "")


def test_holders_read_the_issuer_line_and_not_a_chair_at_another_meeting():
    assert holders("BÁO CÁO Kết quả\n\nỦY BAN NHÂN DÂN. TỈNH AN GIANG. Số: 412/BC-UBND.") == {"An Giang"}
    assert holders("Sáng 8/7, Uỷ ban nhân dân tỉnh An Giang tổ chức hội nghị đánh giá.") == {"An Giang"}
    assert holders("Chủ tịch UBND tỉnh An Giang chủ trì hội nghị tại điểm cầu tỉnh.") == frozenset()
    # a party committee's issuer line, as index/cleaning.py writes it
    assert holders("THÔNG BÁO KẾT LUẬN\n\nTỈNH ỦY AN GIANG. Số 1207-TB/TU. Long Xuyên, ngày 9 tháng 4 năm 2031.") == {
        "An Giang"
    }
    # typed without diacritics, a body's name after a place ends it
    assert [c.value for c in of("xa Tan Lap UBND huyen Ky Son co bao nhieu thon?", "place")] == ["Tan Lap"]
    assert [c.value for c in of("huyen Ky Son So Y te tinh Nghe An co bao nhieu tram?", "place")] == ["Ky Son"]
    # folded, words many place names share do not end a place ("Thanh", "Tịnh")
    assert [c.value for c in of("ty le ho so cua phuong Thanh Dong la bao nhieu?", "place")] == ["Thanh Dong"]
    assert [c.value for c in of("xa Tan Thanh co bao nhieu thon?", "place")] == ["Tan Thanh"]


def test_after_the_merger_asks_for_a_meeting_held_since_july_2025():
    (merger,) = of("Tại phiên họp thứ ba của Ban Chỉ đạo tỉnh Hưng Yên sau hợp nhất, tỷ lệ là bao nhiêu?", "merger")
    assert of("tinh Gia Lai sau khi hop nhat co bao nhieu xa?", "merger")
    assert of("Tỉnh Gia Lai có bao nhiêu xã?", "merger") == []
    assert not met(merger, "", "", {"date": "2022-09-21"}, "", "")  # the province's committee before the merger
    assert not met(merger, "", "", {"date": "2025-06-30"}, "", "")
    assert met(merger, "", "", {"date": "2025-08"}, "", "") and met(merger, "", "", {"date": "2025"}, "", "")
    assert met(merger, "", "", {}, "", "")  # a report without a date is not ruled out
    assert merger.missing() == "Các báo cáo không có thông tin này về tỉnh sau hợp nhất."


def test_before_the_merger_asks_for_the_province_as_it_was():
    question = "Trước khi hợp nhất vào tỉnh Lâm Viên, tỉnh Đắk Hòa còn bao nhiêu thôn chưa có sóng di động?"
    (before,) = of(question, "premerger")
    assert of("truoc khi sap nhap, tinh Dak Hoa co bao nhieu thon", "premerger")
    assert not met(before, "Toàn tỉnh còn 52 thôn lõm sóng.", "", {"date": "2031-11-26"}, "", "")  # the merged one
    assert met(before, "", "", {"date": "2025-03-01"}, "", "") and met(before, "", "", {"date": "2025"}, "", "")
    assert met(before, "Trước khi hợp nhất, Đắk Hòa còn 120 thôn lõm sóng.", "", {"date": "2031-11-26"}, "", "")
    assert before.missing() == "Các báo cáo không có thông tin này về tỉnh trước hợp nhất."


def test_a_meeting_s_concluding_notice_asks_for_the_meeting():
    named = read("Theo Thông báo kết luận phiên họp thứ nhất Ban Chỉ đạo chuyển đổi số tỉnh Lai Châu, Sở phải làm gì?")
    assert {c.value for c in named if c.kind == "kind"} == {"phiên họp"}
    assert {c.value for c in read("Theo Thông báo kết luận số 12/TB-VPCP, Bộ phải làm gì?") if c.kind == "kind"} == {
        "thông báo kết luận"
    }
    # a notice cited by its number is the notice, whatever meeting it concludes
    numbered = read("Theo Thông báo kết luận phiên họp số 12/TB-VPCP, Bộ phải làm gì?")
    assert "thông báo kết luận" in {c.value for c in numbered if c.kind == "kind"}


def test_a_province_s_own_department_holding_the_meeting_places_the_report():
    assert holders("Chiều 10/7, Cục Thuế tỉnh Thanh Hóa tổ chức hội nghị sơ kết công tác thuế.") == {"Thanh Hóa"}
    assert holders("Sáng 5/10, Bảo hiểm xã hội (BHXH) tỉnh Nghệ An tổ chức hội nghị trực tuyến.") == {"Nghệ An"}
    assert holders("Sáng 21/9, Sở Y tế tỉnh Phú Yên phối hợp với Ngân hàng Nhà nước tổ chức hội nghị.") == {"Phú Yên"}
    # the head of a province's department chairing a national meeting's bridge point does not place it
    assert holders("Giám đốc Sở Y tế tỉnh Phú Yên chủ trì hội nghị tại điểm cầu tỉnh.") == frozenset()


def test_a_district_s_or_city_s_own_body_holds_its_meeting_locally():
    # a town's working group, no province named beside it: its figures are the town's, not the country's
    head = "Chiều 28/12, Tổ công tác triển khai Đề án 06 thành phố Bảo Lộc tổ chức hội nghị tổng kết năm 2023."
    assert holders(head) == frozenset() and held_locally(head)
    assert held_locally("Sáng 3/4, Ban Chỉ đạo chuyển đổi số huyện Cao Lộc tổ chức phiên họp thứ nhất.")
    # a province's body, a centrally run city's included, as holders() finds it
    assert held_locally("Sáng 3/4, Ban Chỉ đạo chuyển đổi số tỉnh Hà Nam tổ chức phiên họp.")
    assert held_locally("Sáng 3/4, UBND thành phố Hà Nội tổ chức hội nghị sơ kết.")
    # a national meeting, and a town's chair at another's meeting, are not
    assert not held_locally("Sáng 3/4, Thủ tướng chủ trì phiên họp thứ ba của Ủy ban Quốc gia về chuyển đổi số.")
    assert not held_locally("Chủ tịch UBND thành phố Bảo Lộc chủ trì hội nghị tại điểm cầu thành phố.")
    # the news agency's name holds a "xã" that is no commune
    assert not held_locally("Sáng 3/4, Ban Chỉ đạo chuyển đổi số Thông tấn xã Việt Nam tổ chức phiên họp thứ nhất.")
    assert [c.kind for c in read("Thông tấn xã Việt Nam có bao nhiêu bản tin số?")] == ["ministry"]


def test_a_ministry_asked_about_is_not_met_by_another_ministry_s_meeting_it_attends():
    head = (
        "Ban Chỉ đạo chuyển đổi số Bộ Tài chính họp phiên thứ tư\n\nChiều 18/4/2031, Ban Chỉ đạo chuyển đổi số "
        "Bộ Tài chính tổ chức phiên họp thứ tư với sự tham dự của lãnh đạo Tổng cục Hải quan, Kho bạc Nhà nước."
    )
    assert ministry_holders(head) == {"Bộ Tài chính"}
    asked = read("Tại phiên họp thứ tư của Ban Chỉ đạo chuyển đổi số Tổng cục Hải quan, tỷ lệ hồ sơ là bao nhiêu?")
    customs = next(c for c in asked if c.kind == "ministry")
    assert customs.value == "Tổng cục Hải quan"
    # an agency written by its abbreviation is the agency
    assert [c.value for c in read("KBNN đã thanh toán bao nhiêu khoản chi qua mạng?") if c.kind == "ministry"] == [
        "Kho bạc Nhà nước"
    ]
    meta = {"title": head.split("\n")[0], "ordinal": 4, "kind": "phiên họp"}
    sentence = "Năm 2031, tỷ lệ hồ sơ trực tuyến toàn trình của Bộ đạt 91,4%."
    assert not met(customs, sentence, f"{head}\n{sentence}", meta, head, f"{head}\n{sentence}")
    # a sentence of that meeting that names the agency speaks of it
    said = "Tổng cục Hải quan đạt tỷ lệ hồ sơ trực tuyến 99,1%."
    assert met(customs, said, f"{head}\n{said}", meta, head, f"{head}\n{said}")
    # the agency's own meeting meets it
    own = head.replace("Bộ Tài chính", "Tổng cục Hải quan")
    assert met(customs, sentence, f"{own}\n{sentence}", meta, own, f"{own}\n{sentence}")


def test_a_period_after_so_ket_noi_is_asked_for_not_reviewed():
    # accented, "Số kết nối" is no "sơ kết": the quarter is the figure's period, not a review's
    asked = read("Số kết nối băng rộng trong quý I/2031 đạt bao nhiêu?")
    assert [(c.kind, c.value) for c in asked] == [("period", (2031, 1, 3))]
    assert [c.kind for c in read("Tại hội nghị sơ kết quý I/2031, số kết nối đạt bao nhiêu?")] == ["kind", "review"]
    assert [c.kind for c in read("tai hoi nghi so ket quy I/2031 so ket noi dat bao nhieu")] == ["kind", "review"]
    assert reviewed_periods("Số kết nối IoT quý I/2031 tăng 10%.") == frozenset()
    assert reviewed_periods("Hội nghị sơ kết quý I/2031 diễn ra sáng nay.") == {(2031, 1, 3)}


def test_a_place_asked_about_is_met_by_the_notice_its_body_issued():
    # a district's notice whose headline names no place: its issuer line does
    head = (
        "THÔNG BÁO KẾT LUẬN CỦA CHỦ TỊCH UBND HUYỆN TẠI HỘI NGHỊ TỔNG KẾT\n\n"
        "ỦY BAN NHÂN DÂN HUYỆN BÌNH KHÊ. Số: 14/TB-UBND. Bình Khê, ngày 13 tháng 01 năm 2031.\n\nNgày 9/1, họp."
    )
    meta = {"title": head.split("\n")[0]}
    sentence = "Có 12 xã có sóng 4G."
    for question, bare in (
        ("Theo thông báo của huyện Bình Khê, bao nhiêu xã có 4G?", False),
        ("theo thong bao cua huyen Binh Khe, bao nhieu xa co 4G", True),
    ):
        place = next(c for c in read(question) if c.kind == "place")
        assert met(place, sentence, sentence, meta, head, head + sentence, bare=bare)
        other = head.replace("BÌNH KHÊ", "AN KHÊ").replace("Bình Khê", "An Khê")
        assert not met(place, sentence, sentence, meta, other, other + sentence, bare=bare)
    assert held_locally(head)


def test_a_figure_asked_of_a_place_is_stated_where_the_sentence_names_it():
    (place,) = [c for c in read("Huyện Bình Sơn đạt tỷ lệ hồ sơ trực tuyến bao nhiêu?") if c.kind == "place"]
    meta = {"title": "Tỉnh An Thịnh hưởng ứng Ngày Chuyển đổi số"}
    province_s = "Tỷ lệ hồ sơ trực tuyến của tỉnh đạt 47,2%; huyện miền núi Bình Sơn còn thấp nhất."
    district_s = "Huyện Bình Sơn có tỷ lệ thấp nhất tỉnh, đạt 31,4%; huyện Bình Lâm đạt 36,9%."
    assert not met(place, province_s, province_s, meta, "", "", figure=True)
    assert met(place, district_s, district_s, meta, "", "", figure=True)
    # the clause quoted must be the one that names the place
    both = "Tỷ lệ hồ sơ trực tuyến của tỉnh đạt 47,2%; huyện Bình Sơn có 12 xã còn thấp."
    assert not met(place, both, both, meta, "", "", figure=True, answer="Tỷ lệ hồ sơ trực tuyến của tỉnh đạt 47,2%")
    # a day is no figure
    dated = "Tỷ lệ của tỉnh đạt 47,2%; ngày 22/8 huyện Bình Sơn còn thấp nhất."
    assert not met(place, dated, dated, meta, "", "", figure=True)
    # not asked for a figure, naming the place is enough; a report about the place names it in its title
    assert met(place, province_s, province_s, meta, "", "")
    own = {"title": "Huyện Bình Sơn sơ kết chuyển đổi số"}
    assert met(place, "Tỷ lệ hồ sơ trực tuyến đạt 47,2%.", "", own, "", "", figure=True)


def test_a_tier_of_government_asked_is_the_one_a_sentence_that_states_tiers_names():
    (tier,) = [c for c in read("Tỷ lệ số hóa hồ sơ ở cấp xã năm 2031 đạt bao nhiêu?") if c.kind == "tier"]
    assert [c.label for c in read("ty le so hoa ho so o cap xa dat bao nhieu") if c.kind == "tier"] == ["cấp xã"]
    assert not met(tier, "Tỷ lệ số hóa đạt 63,8% ở cấp bộ và 58,1% ở cấp tỉnh.", "", {}, "", "")
    assert met(tier, "Tỷ lệ số hóa đạt 41,2% ở cấp xã.", "", {}, "", "")
    assert met(tier, "Tỷ lệ số hóa hồ sơ đạt 41,2%.", "", {}, "", "")  # a sentence that states no tier


def test_a_thing_numbered_by_its_label_is_the_one_asked_not_another_one_s():
    q = "Chi cục Hải quan cửa khẩu An Thịnh khu vực II tiếp nhận bao nhiêu tờ khai?"
    (label,) = [c for c in read(q) if c.kind == "label"]
    assert label.label == "khu vực II"
    assert [c.label for c in read("chi cuc khu vuc 2 tiep nhan bao nhieu to khai") if c.kind == "label"] == [
        "khu vuc 2"
    ]
    assert not [c for c in read("Cụm 5 xã phía Bắc có bao nhiêu hồ sơ?") if c.kind == "label"]  # a count
    # a Roman numeral typed without accents, and a list of numbers after one noun
    assert [c.label for c in read("chi cuc khu vuc II tiep nhan bao nhieu to khai") if c.kind == "label"] == [
        "khu vuc II"
    ]
    assert met(label, "Khu vực I, II và III tiếp nhận 300.000 tờ khai.", "", {}, "", "", figure=True)
    other = "Chi cục Hải quan cửa khẩu An Thịnh khu vực I tiếp nhận 148.207 tờ khai."
    own = "Chi cục Hải quan cửa khẩu An Thịnh khu vực 2 tiếp nhận 96.415 tờ khai."
    assert not met(label, other, other, {}, "", "", figure=True)
    assert met(label, own, own, {}, "", "", figure=True)  # "2" and "II" are one number
    # a sentence that numbers none is read in its passage: one that numbers others gives their figures
    unnumbered = "Chi cục Hải quan cảng Bến Mới tiếp nhận 83.590 tờ khai."
    assert not met(label, unnumbered, f"{other} {unnumbered}", {}, "", "", figure=True)
    assert met(label, unnumbered, unnumbered, {}, "", "", figure=True)


def test_a_figure_asked_of_a_province_is_the_one_its_own_clause_states():
    q = "Tỷ lệ hồ sơ tuyển sinh lớp 1 nộp trực tuyến của Hà Nội là bao nhiêu?"
    constraints = read(q)
    province = next(c for c in constraints if c.kind == "province")
    label = next(c for c in constraints if c.kind == "label")
    sentence = "Đà Nẵng có 97,4% hồ sơ tuyển sinh lớp 1 nộp trực tuyến; Hà Nội đạt 98,1% ở tuyển sinh lớp 6."
    first, second = (p.strip() for p in sentence.split(";"))
    assert not met(province, sentence, sentence, {}, "", "", figure=True, answer=first)
    assert met(province, sentence, sentence, {}, "", "", figure=True, answer=second)
    assert not met(label, sentence, sentence, {}, "", "", figure=True)  # Hà Nội's part numbers another class
    assert met(province, sentence, sentence, {}, "", "")  # not asked for a figure: naming it is enough


def test_a_total_of_several_places_is_none_of_theirs():
    (place,) = [c for c in read("Riêng huyện Bình Sơn ghi nhận bao nhiêu trường hợp vi phạm?") if c.kind == "place"]
    total = "Ba huyện Bình Lâm, Bình Sơn và Tân Hòa ghi nhận tổng cộng 1.770 trường hợp."
    assert not met(place, total, total, {}, "", "", figure=True)
    for own in (
        "Huyện Bình Sơn ghi nhận 512 trường hợp, tổng cộng cả tỉnh có 4.100 trường hợp.",
        "Theo Công an tỉnh An Thịnh, Bình Sơn ghi nhận 512 trường hợp, nâng tổng cộng lên 4.100 trường hợp.",
        "Huyện Bình Sơn và Đoàn kiểm tra liên ngành phát hiện tổng cộng 45 trường hợp.",
    ):
        assert met(place, own, own, {}, "", "", figure=True), own
    (bare,) = [c for c in read("rieng huyen Binh Son ghi nhan bao nhieu truong hop?") if c.kind == "place"]
    assert not met(bare, total, total, {}, "", "", bare=True, figure=True)


def test_provinces_that_name_a_regional_meeting_say_which_report_not_whose_figure():
    q = (
        "Tại hội nghị của 4 tỉnh Sóc Trăng, Hậu Giang, Bạc Liêu, Trà Vinh tổ chức ở Sóc Trăng, "
        "tỷ lệ hồ sơ thanh toán trực tuyến của Bạc Liêu là bao nhiêu?"
    )
    constraints = read(q)
    assert {c.value for c in constraints if c.kind == "region"} == {"Sóc Trăng", "Hậu Giang", "Trà Vinh"}
    (asked,) = [c for c in constraints if c.kind == "province"]
    assert asked.value == "Bạc Liêu"  # named again apart from the list: the province asked about
    head = "Hội nghị dịch vụ công của Sóc Trăng, Hậu Giang, Bạc Liêu và Trà Vinh."
    own = "Bạc Liêu dẫn đầu về thanh toán trực tuyến với 31,8%."
    assert all(c.kind != "province" or met(c, own, own, {}, head, head) for c in constraints)
    assert not met(asked, "Trà Vinh đạt 17,3%.", "Trà Vinh đạt 17,3%.", {}, head, head)
    # two provinces side by side are compared, not a region: each is asked about
    assert not [c for c in read("Giữa Hà Nội và Đà Nẵng, nơi nào có tỷ lệ cao hơn?") if c.kind == "region"]


def test_where_a_ministry_s_meeting_was_held_says_which_report_not_whose_figure():
    for q in (
        "Tại hội nghị lần thứ tư của Bộ Công Thương ở Cần Thơ (tháng 11/2031), vì sao tỷ lệ hoàn đơn cao?",
        "Tại hội nghị lần thứ tư của Bộ Công Thương (Cần Thơ, tháng 11/2031), tỷ lệ hoàn đơn là bao nhiêu?",
        "Tai hoi nghi cua Bo Cong Thuong o Can Tho (thang 11/2031), ty le hoan don la bao nhieu?",
    ):
        constraints = read(q)
        assert [c.kind for c in constraints if c.value == "Cần Thơ"] == ["region"], q
    # a place the question opens with, or one named again, is asked about
    q = "Ở Cần Thơ, theo buổi giao ban quý I/2031, thành phố có bao nhiêu camera?"
    assert [c.kind for c in read(q) if c.value == "Cần Thơ"] == ["province"]
    q = "Tại hội nghị của Bộ Công Thương ở Cần Thơ (tháng 11/2031), doanh thu của Cần Thơ là bao nhiêu?"
    assert [c.kind for c in read(q) if c.value == "Cần Thơ"] == ["province"]
    # a ministry's figure for a province, no meeting named: the province is asked about
    for q in (
        "Bộ Y tế ghi nhận bao nhiêu ca sốt xuất huyết ở Hà Nội?",
        "Dư nợ của Ngân hàng Chính sách xã hội tại Cà Mau là bao nhiêu?",
        "Lực lượng Bộ đội Biên phòng tại Quảng Trị bắt giữ bao nhiêu vụ?",
        "Von duoc bo tri cho cac du an tai Ha Noi la bao nhieu?",
    ):
        assert {c.kind for c in read(q) if c.kind in ("province", "region")} == {"province"}, q


def test_a_place_named_in_one_word_is_a_place():
    (place,) = [
        c for c in read("Năm 2030 huyện Đakrông có tỷ lệ hồ sơ nộp trực tuyến là bao nhiêu?") if c.kind == "place"
    ]
    assert place.value == "Đakrông"
    others = "Huyện Hải Lăng đạt 47,1%, huyện Triệu Phong đạt 44,8%."
    own = "Huyện Hướng Hóa mới đạt 31,2% và huyện Đakrông đạt 24,6%."
    assert not met(place, others, others, {}, "", "", figure=True)
    assert met(place, own, own, {}, "", "", figure=True)


def test_an_unaccented_question_s_words_are_not_a_province_typed_half_in_capitals():
    # "Tan Son la bao nhieu" is the district Tân Sơn and "là", not the province Sơn La
    kinds = {(c.kind, c.value) for c in read("ty le ho so truc tuyen cua huyen Tan Son la bao nhieu")}
    assert ("place", "Tan Son") in kinds and ("province", "Sơn La") not in kinds
    for q in ("ty le cua tinh son la la bao nhieu", "Ty le cua tinh Son La la bao nhieu"):
        assert ("province", "Sơn La") in {(c.kind, c.value) for c in read(q)}, q


def test_careless_capitals_keep_a_province_or_ministry_and_words_are_no_one_word_place():
    def found(q):
        return {(c.kind, c.value) for c in read(q) if c.kind in ("place", "province", "ministry")}

    # typed without accents, with the first word capitalised as phones do
    assert ("ministry", "Bộ Y tế") in found("Bo Y te da ket noi bao nhieu co so kham chua benh?")
    assert ("province", "Hà Nội") in found("Ha noi co bao nhieu xa?")
    assert ("province", "Quảng Ninh") in found("ty le cua Quang ninh nam 2030 la bao nhieu")
    # an abbreviation, a common word, a name cut by a stop word, a level's plural: no place of one word
    for q, province in (
        ("Số xã NTM tỉnh Hà Tĩnh năm 2030 là bao nhiêu?", "Hà Tĩnh"),
        ("Sở Lao động Thương binh và Xã Hội tỉnh Nghệ An hỗ trợ bao nhiêu hộ?", "Nghệ An"),
        ("huyện Núi Thành (Quảng Nam) có bao nhiêu xã?", "Quảng Nam"),
        ("Các xã Biên giới của tỉnh Lạng Sơn có bao nhiêu?", "Lạng Sơn"),
    ):
        assert found(q) == {("province", province)}, q


def test_four_capitalised_words_are_a_place_and_the_one_it_lies_in():
    places = [c.value for c in read("xa Tan Lap Dong Phu co bao nhieu to cong nghe so") if c.kind == "place"]
    assert places == ["Tan Lap"]
    # accented, a fourth capitalised word may be the name's own: the first three stay the place
    assert [c.value for c in read("xã Tân Thạnh Tây Củ Chi có bao nhiêu?") if c.kind == "place"] == ["Tân Thạnh Tây"]
    # a name of three words before its province keeps its three
    for q in ("Thành phố Buôn Ma Thuột Đắk Lắk có bao nhiêu camera?", "Thành phố Buôn Ma Thuột có bao nhiêu camera?"):
        assert [c.value for c in read(q) if c.kind == "place"] == ["Buôn Ma Thuột"], q


def test_a_total_of_a_list_of_provinces_is_none_of_theirs():
    (asked,) = [c for c in read("Doanh thu nông sản bán qua sàn của Vĩnh Long là bao nhiêu?") if c.kind == "province"]
    for total in (
        "Doanh thu của 5 tỉnh, thành phố Đồng Tháp, An Giang, Vĩnh Long, Cần Thơ và Cà Mau đạt 4.126 tỷ đồng.",
        "Đồng Tháp, An Giang và Vĩnh Long thu tổng cộng 1.770 tỷ đồng.",
    ):
        assert not met(asked, total, total, {}, "", "", figure=True), total
        assert met(asked, total, total, {}, "", "")  # not a figure asked: naming it is enough
    for own in (
        "Đồng Tháp, An Giang và Vĩnh Long đều đạt trên 1.000 tỷ đồng.",  # each has it
        "Vĩnh Long đạt 874 tỷ đồng, Cà Mau 612 tỷ đồng.",
        "Doanh thu của 3 tỉnh Đồng Tháp, An Giang và Vĩnh Long lần lượt là 920, 880 và 850 tỷ đồng.",
        "Trong 5 tỉnh Đồng Tháp, An Giang, Vĩnh Long, Cần Thơ và Cà Mau, Vĩnh Long đạt cao nhất với 874 tỷ đồng.",
        "Đồng Tháp, An Giang và Vĩnh Long tăng 8%, 9%, 10%; tổng cộng cả vùng đạt 5.000 tỷ đồng.",
    ):
        assert met(asked, own, own, {}, "", "", figure=True), own


def test_a_numbered_thing_the_report_never_numbers_is_not_in_it():
    (label,) = [c for c in read("Chi cục Thuế khu vực III thu được bao nhiêu?") if c.kind == "label"]
    lead = "Cục Thuế tổ chức hội nghị, kết nối trực tuyến tới 20 Chi cục Thuế khu vực."
    others = f"{lead}\n\nChi cục Thuế khu vực I thu 14.265 tỷ đồng; khu vực II thu 9.120 tỷ đồng."
    assert not met(label, lead, lead, {}, "", others, figure=True)
    assert met(label, lead, lead, {}, "", f"{others} Chi cục Thuế khu vực III thu 5.004 tỷ đồng.", figure=True)
    assert met(label, lead, lead, {}, "", lead, figure=True)  # a report that numbers none


def test_another_ministry_s_figure_at_a_ministry_s_own_conference_is_in_its_own_sentence():
    q = "Tại hội nghị tổng kết diễn tập của Bộ Công an, đội Bộ Tài chính đạt bao nhiêu điểm?"
    (finance,) = [c for c in read(q) if c.kind == "ministry" and c.value == "Bộ Tài chính"]
    head = "Diễn tập an ninh mạng 2031\n\nNgày 5/12, Bộ Công an tổ chức hội nghị tổng kết diễn tập."
    passage = "Đội Ngân hàng Nhà nước đạt 9.420 điểm. Đội Bộ Tài chính đạt 8.875 điểm, xếp thứ hai."
    other, own = (s.strip() + "." for s in passage.rstrip(".").split(". "))
    assert not met(finance, other, passage, {}, head, passage, figure=True)
    assert met(finance, own, passage, {}, head, passage, figure=True)
    # not a figure: what its officials said at the conference may not repeat its name
    assert met(finance, other, passage, {}, head, passage)
    # ministries attending, or a minister chairing a session of the Government's conference, host nothing
    for head in (
        "Thủ tướng chủ trì hội nghị toàn quốc; lãnh đạo Bộ Công an, Bộ Tài chính dự họp trực tuyến hội nghị.",
        "Bộ trưởng Bộ Công an chủ trì phiên thảo luận.",
    ):
        assert met(finance, other, passage, {}, head, passage, figure=True), head


def test_a_ministry_that_holds_its_conference_with_another_s_unit_is_a_host():
    q = (
        "Tại hội nghị của Bộ Giao thông vận tải ngày 7/11/2031, Sở Giao thông vận tải tỉnh An Thịnh đã tiếp "
        "nhận bao nhiêu hồ sơ?"
    )
    (ministry,) = [c for c in read(q) if c.kind == "ministry"]
    head = (
        "BỘ GIAO THÔNG VẬN TẢI HỘI NGHỊ VỀ CẤP PHÉP TRỰC TUYẾN\n\nSáng 7/11, Bộ Giao thông vận tải phối hợp "
        "với Cục Cảnh sát giao thông (Bộ Công an) tổ chức hội nghị trực tuyến."
    )
    sentence = "Sở Giao thông vận tải tỉnh An Thịnh tiếp nhận 21.586 hồ sơ trực tuyến."
    meta = {"title": head.split("\n")[0]}
    assert met(ministry, sentence, sentence, meta, head, f"{head}\n{sentence}", figure=True)
    # what it concluded, not a figure, is its own too
    said = "Kết luận hội nghị, Thứ trưởng yêu cầu bàn giao dữ liệu sang Bộ Công an."
    (ministry,) = [
        c
        for c in read("Theo kết luận hội nghị của Bộ Giao thông vận tải, dữ liệu bàn giao cho ai?")
        if c.kind == "ministry"
    ]
    assert met(ministry, said, said, meta, head, f"{head}\n{said}")


def test_a_meeting_several_provinces_hold_together_is_none_s_own():
    q = "Tại hội nghị về mã QR ở chợ tháng 5/2031, tỉnh Hậu Giang có bao nhiêu tiểu thương tham gia?"
    (province,) = [c for c in read(q) if c.kind == "province"]
    head = (
        "Hội nghị thanh toán QR tại chợ truyền thống\n\nNgày 22/5, Ngân hàng Nhà nước Chi nhánh Khu vực 13 phối "
        "hợp với UBND thành phố Cần Thơ, UBND tỉnh Hậu Giang và UBND tỉnh Sóc Trăng tổ chức hội nghị."
    )
    assert holders(head) == {"Cần Thơ", "Hậu Giang", "Sóc Trăng"}
    meta = {"title": head.split("\n")[0]}
    total = "Toàn khu vực có 7.412 tiểu thương tham gia."
    own = "Tỉnh Hậu Giang có 1.684 tiểu thương tham gia."
    assert not met(province, total, total, meta, head, total, figure=True)
    assert met(province, own, own, meta, head, own, figure=True)
    # held by the province alone, the report is its own
    alone = head.replace("phối hợp với UBND thành phố Cần Thơ, UBND tỉnh Hậu Giang và UBND tỉnh Sóc Trăng", "")
    alone = alone.replace("Ngân hàng Nhà nước Chi nhánh Khu vực 13", "UBND tỉnh Hậu Giang")
    assert met(province, total, total, meta, alone, total, figure=True)


def test_the_day_that_dates_a_meeting_is_the_report_s_meeting_date():
    (day,) = [c for c in read("Ai chủ trì hội nghị của Bộ Thủy sản ngày 17/11/2031 về cảng cá?") if c.kind == "day"]
    assert day.value == (2031, 11, 17)
    assert met(day, "", "", {"date": "2031-11-17"}, "", "")
    assert not met(day, "", "", {"date": "2031-11-18"}, "", "")
    assert not met(day, "", "Sáng 17/11, Bộ họp.", {"date": "2030-11-17"}, "", "")  # another year
    # a report dated only by its month: its passage states the day
    assert met(day, "", "Sáng 17/11, Bộ Thủy sản tổ chức hội nghị.", {"date": "2031-11"}, "", "")
    assert not met(day, "", "Sáng 18/11, Bộ Thủy sản tổ chức hội nghị.", {"date": "2031-11"}, "", "")
    assert "ngày 17/11/2031" in day.missing()
    bare = read("tai phien hop cua tinh ngay 18/3/2031, rieng thang 12/2030 dat bao nhieu")
    assert [c.value for c in bare if c.kind == "day"] == [(2031, 3, 18)]
    # a day a figure is counted to, or a deadline, dates no meeting
    for q in (
        "Tại hội nghị, tính đến ngày 30/6/2031 có bao nhiêu tài khoản?",
        "Hội nghị giao gì trước ngày 15/12?",
        "Cuộc họp yêu cầu hoàn thành chậm nhất ngày 15/12/2031 việc gì?",
        "Hội nghị thống nhất khởi công dự án vào ngày 19/12/2031 là dự án nào?",
        "Tinh sau hop nhat ngay 1/7/2031 co bao nhieu xa?",  # "hop" is also "hợp": not a meeting
    ):
        assert not [c for c in read(q) if c.kind == "day"], q
    bare = read("Ai chu tri hoi nghi truc tuyen cua Bo Thuy san ngay 17/11/2031?")  # "tu" of "tuyen" blocks nothing
    assert [c.value for c in bare if c.kind == "day"] == [(2031, 11, 17)]
    assert not met(day, "", "Sáng 17/11, Bộ họp.", {"date": "2031-12"}, "", "")  # the report's month is another
    # a meeting's long name between it and its day ("hội nghị trực tuyến toàn quốc của Bộ … về … ngày …")
    long = (
        "Ai trình bày báo cáo tại hội nghị trực tuyến toàn quốc của Bộ Thủy sản về sổ nhật ký khai thác "
        "điện tử ngày 27/1/2032?"
    )
    assert [c.value for c in read(long) if c.kind == "day"] == [(2032, 1, 27)]
    assert [c.value for c in read(fold(long)) if c.kind == "day"] == [(2032, 1, 27)]  # "điện tử" is no "từ"
    # a document's day, or a day counted to, inside the gap dates no meeting
    for q in (
        "Hội nghị trực tuyến toàn quốc quán triệt và triển khai Nghị quyết số 57-NQ/TW ngày 22/12/2031 do ai chủ trì?",
        "Cuộc họp của Ban Chỉ đạo tỉnh nêu số hồ sơ trực tuyến của tỉnh tính hết ngày 30/6/2031 là bao nhiêu?",
        "Cuoc hop cua tinh neu so tai khoan duoc kich hoat trong ngay 31/12/2031 la bao nhieu?",
        "Cuoc hop cua tinh ve so lieu tu ngay 1/7/2031 den nay co bao nhieu ho so?",
    ):
        assert not [c for c in read(q) if c.kind == "day"], q


def test_an_app_s_name_is_met_by_a_report_that_names_what_it_holds():
    (app,) = [c for c in read("Có bao nhiêu người kích hoạt tài khoản VNeID?") if c.kind == "acronym"]
    report = "Toàn tỉnh có 2,41 triệu tài khoản định danh điện tử mức 2 được kích hoạt."
    assert met(app, report, report, {}, "", report)
    assert not met(app, "Toàn tỉnh có 2,41 triệu tài khoản.", "", {}, "", "Toàn tỉnh có 2,41 triệu tài khoản.")


def test_a_body_that_meets_holds_its_meeting_but_not_one_that_attends():
    assert holders("Chiều 4/12, Tổ công tác Đề án 06 thành phố Đà Nẵng họp đánh giá kết quả tháng 11.") == {"Đà Nẵng"}
    for attends in (
        "Sáng 5/3, UBND tỉnh Gia Lai dự họp trực tuyến với Bộ Công an.",
        "Sáng 5/3, UBND tỉnh Gia Lai dự cuộc họp trực tuyến của Chính phủ.",
        "Sáng 5/3, lãnh đạo UBND tỉnh Gia Lai cùng họp với Bộ Công an.",
        "Sáng 5/3, Bộ Công an làm việc với UBND tỉnh Gia Lai, sau đó họp báo.",
        "Sáng 5/3, Thủ tướng làm việc với UBND tỉnh Gia Lai và chủ trì họp với các bộ.",
    ):
        assert holders(attends) == frozenset(), attends
    assert holders("Tổ công tác Đề án 06 của Chính phủ họp trực tuyến với 5 tỉnh Gia Lai, Kon Tum.") == frozenset()
