"""Long names and unit names wrap or shrink and never leave the page or push a second one."""

from django.urls import reverse

from awards.certificates import render
from tests.awards.certificates.helpers import make_decision, pdf_pages
from tests.factories import ConfermentFactory, PersonFactory, UnitFactory

# The longest in the demo data (seed_demo), then longer than anything real.
DEMO_UNIT = "Chi cục Thi hành án dân sự thành phố Phan Rang – Tháp Chàm"
DEMO_ACHIEVEMENT = (
    "Đã có thành tích xuất sắc trong công tác từ năm 2020 đến năm 2024, góp phần vào sự "
    "nghiệp xây dựng chủ nghĩa xã hội và bảo vệ Tổ quốc"
)
LONG_NAME = "Tôn Nữ Thị Hoàng Phương Thảo Nguyên Khánh Linh Ngọc Diệp"
LONG_UNIT = (
    "Phòng Thi hành án dân sự khu vực 12 – Thi hành án dân sự tỉnh Bà Rịa – Vũng Tàu "
    "(trước sắp xếp: Chi cục Thi hành án dân sự huyện Châu Đức và Chi cục Thi hành án dân sự "
    "huyện Xuyên Mộc, tỉnh Bà Rịa – Vũng Tàu)"
)
LONG_POSITION = (
    "Phó Trưởng Thi hành án dân sự tỉnh kiêm Trưởng phòng Nghiệp vụ và Tổ chức thi hành án"
)


def _cut(text: str, size: int) -> str:
    """As long as the field allows (the database refuses more)."""
    return text[:size].rstrip()


def test_long_names_stay_on_one_page_each_and_are_printed_whole(login, admin_user, sector, ubnd):
    decision = make_decision(sector, ubnd, summary="")
    cases = [
        (
            "Nguyễn Thị Hồng Phương",
            "Phó Trưởng Thi hành án dân sự tỉnh",
            DEMO_UNIT,
            DEMO_ACHIEVEMENT,
        ),
        (LONG_NAME, LONG_POSITION, LONG_UNIT, DEMO_ACHIEVEMENT * 2),
        (
            _cut(LONG_NAME * 3, 150),
            _cut(LONG_POSITION * 2, 150),
            _cut(LONG_UNIT * 2, 255),
            DEMO_ACHIEVEMENT * 3,
        ),
    ]
    for name, position, unit_name, achievement in cases:
        unit = UnitFactory(name=unit_name, parent=sector.thads_long_an)
        ConfermentFactory(
            decision=decision,
            award=ubnd.award,
            person=PersonFactory(full_name=name, assigned_to=unit),
            unit=unit,
            position=position,
            achievement=achievement,
        )
    collective = UnitFactory(name=LONG_UNIT, parent=sector.thads_long_an)
    ConfermentFactory(decision=decision, award=ubnd.collective_award, unit=collective)

    url = reverse("certificates:decision_print", args=[decision.pk])
    response = login(admin_user).post(url, {"mode": "full", "confirm": "1"})
    pages = pdf_pages(response.content)
    assert len(pages) == 4
    text = "\n".join(pages)
    for name, position, unit_name, achievement in cases:
        page = next(p for p in pages if name in p)  # the name whole, on one page
        assert f"{position}, {unit_name}" in page
        assert " ".join(achievement.split()) in page
        # the footer is still there: nothing pushed it off the page
        assert "Nguyễn Văn Út" in page and "Số vào sổ: 000" in page
    assert LONG_UNIT in text


def test_font_sizes_shrink_with_length():
    assert render.fit("recipient", "Nguyễn Văn An") > render.fit("recipient", LONG_NAME)
    assert render.fit("details", DEMO_UNIT) > render.fit("details", LONG_UNIT * 2)


def test_blank_fields_shrink_to_their_width():
    assert render._shrink("Nguyễn Văn An", 22, 180) == 22
    assert render._shrink(LONG_UNIT, 14, 150) < 14
