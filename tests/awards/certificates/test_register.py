"""The certificate register (sổ theo dõi): the page, its scope and the Excel export."""

import datetime
import io

from django.urls import reverse
from openpyxl import load_workbook

from awards.certificates import services
from tests.awards.certificates.helpers import confer_people, make_decision


def test_the_register_lists_and_exports_the_numbers(login, admin_user, sector, ubnd):
    decision = make_decision(sector, ubnd)
    people = confer_people(
        decision, ubnd.award, sector.district, ["Nguyễn Thị Thanh Hương", "Lê Văn Tám"]
    )
    services.certificates_print(decision=decision, conferments=people, by=admin_user)
    client = login(admin_user)
    page = client.get(reverse("certificates:register"), {"year": "2026"}).content.decode()
    assert "Nguyễn Thị Thanh Hương" in page and "0002" in page

    response = client.get(
        reverse("certificates:register_export"),
        {"year": "2026", "authority": str(ubnd.authority.pk)},
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:4] == ("Cấp khen thưởng", "Cơ quan ban hành", "Năm", "Số vào sổ")
    body = rows[2:]
    assert [(r[3], r[4]) for r in body] == [
        ("0001", "Nguyễn Thị Thanh Hương"),
        ("0002", "Lê Văn Tám"),
    ]
    first = body[0]
    assert first[0] == "Chủ tịch Ủy ban nhân dân tỉnh"
    assert first[1] == "Ủy ban nhân dân tỉnh Long An" and first[2] == 2026
    assert first[5:9] == (
        "Chấp hành viên",
        "Phòng Thi hành án dân sự khu vực 1 – Long An",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "12/QĐ-UBND",
    )
    assert first[9] == datetime.datetime(2026, 1, 15)


def test_the_register_shows_only_the_users_scope(login, admin_user, leader_lao_cai, sector, ubnd):
    decision = make_decision(sector, ubnd)
    people = confer_people(decision, ubnd.award, sector.district, ["Nguyễn Thị Thanh Hương"])
    services.certificates_print(decision=decision, conferments=people, by=admin_user)
    page = login(leader_lao_cai).get(reverse("certificates:register")).content.decode()
    assert "Nguyễn Thị Thanh Hương" not in page
    export = login(leader_lao_cai).get(reverse("certificates:register_export"))
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2  # title and header only


def test_a_name_that_looks_like_a_formula_is_exported_as_text(login, admin_user, sector, ubnd):
    decision = make_decision(sector, ubnd)
    people = confer_people(decision, ubnd.award, sector.district, ['=HYPERLINK("x")', "+1+1"])
    services.certificates_print(decision=decision, conferments=people, by=admin_user)
    response = login(admin_user).get(reverse("certificates:register_export"), {"year": "2026"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[4] for row in sheet.iter_rows(min_row=3)]
    assert [(c.value, c.data_type) for c in names] == [
        ('\'=HYPERLINK("x")', "s"),
        ("'+1+1", "s"),
    ]
