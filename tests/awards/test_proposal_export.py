"""The proposals list as an Excel file: the rows of the list, under its filters, as text."""

import datetime
import io

import openpyxl
import pytest
from django.conf import settings
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards.models import Proposal
from tests.factories import AuthorityFactory, NomineeFactory, ProposalFactory

P = Proposal.Status
EXPORT = reverse("awards:proposal_export")
HEADER = [
    "STT",
    "Trích yếu",
    "Đơn vị đề nghị",
    "Cấp khen thưởng",
    "Năm",
    "Trạng thái",
    "Số đề cử",
    "Ngày gửi",
    "Đang ở",
]


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def _titles(response) -> list[str]:
    return [row[1] for row in _sheet(response).iter_rows(min_row=2, values_only=True)]


def _listed(client, params) -> list[str]:
    return [p.title for p in client.get(reverse("awards:proposals"), params).context["page_obj"]]


@pytest.fixture
def at_lao_cai(sector):
    """Lào Cai's own proposals of two years and states, and one Long An forwarded to it."""
    minister = AuthorityFactory(name="Bộ trưởng Bộ Tư pháp")
    own = {
        "draft": ProposalFactory(
            proposing_unit=sector.thads_lao_cai,
            authority=minister,
            title="Khen thưởng tổng kết năm 2025",
            year=2025,
        ),
        "old": ProposalFactory(
            proposing_unit=sector.thads_lao_cai,
            authority=minister,
            title="Khen thưởng tổng kết năm 2024",
            year=2024,
            status=P.RETURNED,
        ),
    }
    forwarded = ProposalFactory(
        proposing_unit=sector.thads_long_an,
        authority=minister,
        authority_unit=sector.thads_lao_cai,
        current_unit=sector.thads_lao_cai,
        title="Long An đề nghị khen thưởng chuyên đề",
        year=2025,
        status=P.FORWARDED,
        forwarded_at=timezone.make_aware(datetime.datetime(2025, 3, 5, 9, 30)),
    )
    for _i in range(3):
        NomineeFactory(proposal=forwarded, award__authority=minister)
    return {**own, "forwarded": forwarded}


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"year": 2025},
        {"year": 2024},
        {"status": P.RETURNED},
        {"status": "pending"},
        {"direction": "in"},
        {"direction": "out"},
        {"q": "chuyen de"},  # without diacritics, like the list's search
        {"year": "not a year"},  # an invalid filter is ignored by both
    ],
)
def test_the_export_has_exactly_the_rows_of_the_list(params, at_lao_cai, leader_lao_cai, login):
    client = login(leader_lao_cai)
    listed = _listed(client, params)
    assert _titles(client.get(EXPORT, params)) == listed


def test_the_filters_select_what_a_leader_expects(at_lao_cai, leader_lao_cai, login):
    client = login(leader_lao_cai)
    incoming = client.get(EXPORT, {"direction": "in"})
    assert _titles(incoming) == ["Long An đề nghị khen thưởng chuyên đề"]
    assert _titles(client.get(EXPORT, {"year": 2024})) == ["Khen thưởng tổng kết năm 2024"]
    outgoing = _titles(client.get(EXPORT, {"direction": "out", "year": 2025}))
    assert outgoing == ["Khen thưởng tổng kết năm 2025"]


def test_the_file_is_named_after_the_year_filtered(at_lao_cai, leader_lao_cai, login):
    client = login(leader_lao_cai)
    disposition = client.get(EXPORT, {"year": 2025})["Content-Disposition"]
    assert disposition == 'attachment; filename="de-nghi-khen-thuong-2025.xlsx"'
    disposition = client.get(EXPORT)["Content-Disposition"]
    assert disposition == 'attachment; filename="de-nghi-khen-thuong-tat-ca.xlsx"'


def test_the_workbook_has_a_vietnamese_header_and_one_line_per_proposal(
    at_lao_cai, sector, leader_lao_cai, login
):
    sheet = _sheet(login(leader_lao_cai).get(EXPORT, {"direction": "in"}))
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert list(rows[1]) == [
        1,
        "Long An đề nghị khen thưởng chuyên đề",
        "Thi hành án dân sự tỉnh Long An",
        "Bộ trưởng Bộ Tư pháp",
        2025,
        "Đã gửi, chờ thẩm định",
        3,
        datetime.datetime(2025, 3, 5),
        "Thi hành án dân sự tỉnh Lào Cai",
    ]
    assert len(rows) == 2


def test_the_sent_date_is_a_date_shown_as_dd_mm_yyyy(at_lao_cai, leader_lao_cai, login):
    sheet = _sheet(login(leader_lao_cai).get(EXPORT))
    by_title = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    sent = by_title["Long An đề nghị khen thưởng chuyên đề"][7]
    assert sent.is_date
    assert sent.number_format == "DD/MM/YYYY"
    assert sent.value.date() == datetime.date(2025, 3, 5)
    # A draft was never sent: the cell stays empty.
    assert by_title["Khen thưởng tổng kết năm 2025"][7].value is None


@pytest.mark.parametrize("title", ['=HYPERLINK("http://x.test","Bấm")', "+1+2", "-3", "@SUM(A1)"])
def test_a_title_that_looks_like_a_formula_is_plain_text(title, sector, staff_lao_cai, login):
    ProposalFactory(proposing_unit=sector.thads_lao_cai, title=title)
    cell = next(_sheet(login(staff_lao_cai).get(EXPORT)).iter_rows(min_row=2))[1]
    assert cell.data_type == "s"  # never a formula
    # thidua.core.exports.safe_text marks what a spreadsheet could run with an apostrophe;
    # a plain number is harmless and stays as written.
    assert cell.value == (title if title == "-3" else f"'{title}")


def _count(client, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(EXPORT, params).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_rows(
    sector, leader_lao_cai, login, django_assert_num_queries
):
    client = login(leader_lao_cai)
    authority = AuthorityFactory()
    NomineeFactory(proposal=ProposalFactory(proposing_unit=sector.thads_lao_cai, year=2025))
    one = _count(client, {"year": 2025, "direction": "out"})
    for _i in range(12):
        proposal = ProposalFactory(proposing_unit=sector.thads_lao_cai, authority=authority)
        NomineeFactory.create_batch(2, proposal=proposal, award__authority=authority)
    with django_assert_num_queries(one):
        response = client.get(EXPORT, {"year": 2025, "direction": "out"})
    assert len(_titles(response)) == 13


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, at_lao_cai):
    response = client.get(EXPORT)
    assert response.status_code == 302
    assert response.url.startswith(resolve_url(settings.LOGIN_URL))


def test_the_list_page_links_to_the_export_with_its_filters(leader_lao_cai, login):
    page = login(leader_lao_cai).get(reverse("awards:proposals"), {"year": 2025, "page": 2})
    assert f'href="{EXPORT}?year=2025"' in page.content.decode()
    assert "Xuất Excel" in page.content.decode()
