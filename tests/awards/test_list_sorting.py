"""The decisions and proposals lists: sorted by their columns, filtered, and their export in
the same rows and order."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from awards.models import Decision, Proposal
from tests.factories import (
    AuthorityFactory,
    AwardFactory,
    ConfermentFactory,
    DecisionFactory,
    NomineeFactory,
    ProposalFactory,
)

DECISIONS = reverse("awards:decisions")
PROPOSALS = reverse("awards:proposals")
EXPORT = reverse("awards:proposal_export")


def _numbers(response) -> list[str]:
    assert response.status_code == 200
    return [d.number for d in response.context["page_obj"]]


def _titles(response) -> list[str]:
    assert response.status_code == 200
    return [p.title for p in response.context["page_obj"]]


def _warnings(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def decisions(sector):
    """Three decisions of the ministry and one of THADS Long An, of two years and authorities."""
    minister = AuthorityFactory(code="bo-truong", name="Bộ trưởng Bộ Tư pháp", order=1)
    director = AuthorityFactory(code="cuc-truong", name="Cục trưởng", order=2)
    medal = AwardFactory(name="Chiến sĩ thi đua ngành Tư pháp", authority=minister)
    made = {
        "b": DecisionFactory(
            number="20/QĐ-BTP",
            year=2025,
            signed_on=datetime.date(2025, 3, 1),
            authority=minister,
            issuing_unit=sector.ministry,
        ),
        "a": DecisionFactory(
            number="10/QĐ-BTP",
            year=2024,
            signed_on=datetime.date(2024, 5, 1),
            authority=minister,
            issuing_unit=sector.ministry,
            status=Decision.Status.DRAFT,
        ),
        "c": DecisionFactory(
            number="30/QĐ-BTP",
            year=2025,
            signed_on=datetime.date(2025, 1, 10),
            authority=minister,
            issuing_unit=sector.ministry,
        ),
        "la": DecisionFactory(
            number="05/QĐ-THADS",
            year=2025,
            signed_on=datetime.date(2025, 2, 1),
            authority=director,
            issuing_unit=sector.thads_long_an,
        ),
    }
    ConfermentFactory(decision=made["c"], award=medal, unit=sector.district)
    return made


def test_decisions_sort_by_number_both_ways_and_newest_first_by_default(
    login, admin_user, decisions
):
    client = login(admin_user)
    assert _numbers(client.get(DECISIONS)) == ["20/QĐ-BTP", "05/QĐ-THADS", "30/QĐ-BTP", "10/QĐ-BTP"]
    up = client.get(DECISIONS, {"sort": "number"})
    assert _numbers(up) == ["05/QĐ-THADS", "10/QĐ-BTP", "20/QĐ-BTP", "30/QĐ-BTP"]
    html = up.content.decode()
    assert (
        '<th scope="col" aria-sort="ascending"><a class="sort-link" href="?sort=-number">' in html
    )
    down = client.get(DECISIONS, {"sort": "-number"})
    assert _numbers(down) == ["30/QĐ-BTP", "20/QĐ-BTP", "10/QĐ-BTP", "05/QĐ-THADS"]
    by_count = client.get(DECISIONS, {"sort": "-count"})
    assert _numbers(by_count)[0] == "30/QĐ-BTP"


def test_decisions_filter_by_number_year_status_authority_issuer_and_award(
    login, admin_user, sector, decisions
):
    client = login(admin_user)
    medal = decisions["c"].conferments.get().award
    cases = [
        ({"number": "thads"}, ["05/QĐ-THADS"]),
        ({"year": "2024"}, ["10/QĐ-BTP"]),
        ({"status": "draft"}, ["10/QĐ-BTP"]),
        ({"authority": decisions["la"].authority_id}, ["05/QĐ-THADS"]),
        ({"issuer": sector.thads_long_an.pk}, ["05/QĐ-THADS"]),
        ({"award": medal.pk}, ["30/QĐ-BTP"]),
        (
            {"year": "2025", "status": "issued", "sort": "number"},
            ["05/QĐ-THADS", "20/QĐ-BTP", "30/QĐ-BTP"],
        ),
    ]
    for params, expected in cases:
        assert _numbers(client.get(DECISIONS, params)) == expected, params


def test_a_draft_decision_is_found_by_the_award_it_is_about_to_confer(login, admin_user, decisions):
    award = AwardFactory(name="Bằng khen của Bộ trưởng")
    nominee = NomineeFactory(award=award)
    decisions["a"].recipients.add(nominee)
    response = login(admin_user).get(DECISIONS, {"award": award.pk})
    assert _numbers(response) == ["10/QĐ-BTP"]


def test_the_decisions_a_unit_sees_are_sorted_and_filtered_within_its_scope(
    login, leader_long_an, decisions
):
    client = login(leader_long_an)
    assert _numbers(client.get(DECISIONS, {"sort": "-number"})) == ["05/QĐ-THADS"]
    assert _numbers(client.get(DECISIONS, {"number": "BTP"})) == []
    assert (
        "Không có quyết định nào khớp với bộ lọc."
        in client.get(DECISIONS, {"number": "BTP"}).content.decode()
    )


@pytest.mark.parametrize(
    ("params", "warning"),
    [
        (
            {"year": "năm ngoái"},
            "Năm không hợp lệ; hãy nhập 4 chữ số, ví dụ 2026. "
            "Giá trị đã nhập: “năm ngoái”; đang dùng giá trị mặc định.",
        ),
        (
            {"status": "lost"},
            "Trạng thái không hợp lệ. Giá trị đã nhập: “lost”; đang dùng giá trị mặc định.",
        ),
        (
            {"award": "9" * 30},
            "Danh hiệu / hình thức không có trong danh mục. "
            f"Giá trị đã nhập: “{'9' * 30}”; đang dùng giá trị mặc định.",
        ),
        (
            {"sort": "signed_on"},
            "Không sắp xếp được theo “signed_on”; đang dùng thứ tự mặc định.",
        ),
    ],
)
def test_a_bad_filter_or_order_is_reported_and_ignored(
    login, admin_user, decisions, params, warning
):
    response = login(admin_user).get(DECISIONS, params)
    assert _warnings(response) == [warning]
    assert len(_numbers(response)) == 4


def test_the_filter_form_keeps_the_chosen_order(login, admin_user, decisions):
    html = login(admin_user).get(DECISIONS, {"sort": "-number", "year": 2025}).content.decode()
    assert '<input type="hidden" name="sort" value="-number">' in html
    assert 'href="?sort=number&amp;year=2025"' in html  # toggles, keeps the year


def test_decisions_list_queries_stay_constant(
    login, admin_user, sector, decisions, django_assert_num_queries
):
    client = login(admin_user)
    params = {"sort": "authority", "year": 2025, "award": decisions["c"].conferments.get().award_id}
    client.get(DECISIONS, params)
    with django_assert_num_queries(11) as few:
        client.get(DECISIONS, params)
    for n in range(30):
        decision = DecisionFactory(number=f"{100 + n}/QĐ-BTP", issuing_unit=sector.ministry)
        ConfermentFactory(decision=decision, award_id=params["award"], unit=sector.district)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(DECISIONS, params)
    assert len(_numbers(response)) == 31


# --- Proposals ----------------------------------------------------------------------------


@pytest.fixture
def proposals(sector):
    minister = AuthorityFactory(code="bo-truong", name="Bộ trưởng Bộ Tư pháp")
    medal = AwardFactory(name="Chiến sĩ thi đua ngành Tư pháp", authority=minister)
    made = {
        "lao_cai": ProposalFactory(
            proposing_unit=sector.thads_lao_cai, title="Bắc: khen thưởng năm", year=2025
        ),
        "long_an": ProposalFactory(
            proposing_unit=sector.thads_long_an, title="Nam: khen thưởng năm", year=2025
        ),
        "district": ProposalFactory(
            proposing_unit=sector.district,
            title="Chi cục: khen chuyên đề",
            year=2024,
            status=Proposal.Status.RETURNED,
        ),
    }
    NomineeFactory(proposal=made["district"], award=medal)
    NomineeFactory.create_batch(2, proposal=made["long_an"], award__authority=minister)
    return made


def test_proposals_sort_by_title_unit_and_nominees(login, admin_user, proposals):
    client = login(admin_user)
    assert _titles(client.get(PROPOSALS, {"sort": "title"})) == [
        "Bắc: khen thưởng năm",
        "Chi cục: khen chuyên đề",
        "Nam: khen thưởng năm",
    ]
    assert _titles(client.get(PROPOSALS, {"sort": "-nominees"}))[0] == "Nam: khen thưởng năm"
    assert _titles(client.get(PROPOSALS, {"sort": "year"}))[0] == "Chi cục: khen chuyên đề"


def test_proposals_filter_by_status_year_unit_and_award(login, admin_user, sector, proposals):
    client = login(admin_user)
    medal = proposals["district"].nominees.get().award
    cases = [
        ({"status": "returned"}, ["Chi cục: khen chuyên đề"]),
        ({"year": 2025, "sort": "-title"}, ["Nam: khen thưởng năm", "Bắc: khen thưởng năm"]),
        ({"unit": sector.thads_long_an.pk}, ["Nam: khen thưởng năm"]),
        ({"award": medal.pk}, ["Chi cục: khen chuyên đề"]),
    ]
    for params, expected in cases:
        assert _titles(client.get(PROPOSALS, params)) == expected, params


def test_the_unit_filter_offers_only_units_whose_proposals_the_user_sees(
    login, leader_long_an, sector, proposals
):
    response = login(leader_long_an).get(PROPOSALS)
    offered = list(response.context["form"].fields["unit"].queryset)
    assert offered == [sector.thads_long_an, sector.district]
    refused = login(leader_long_an).get(PROPOSALS, {"unit": sector.thads_lao_cai.pk})
    assert _titles(refused) == ["Nam: khen thưởng năm", "Chi cục: khen chuyên đề"]
    assert _warnings(refused) == [
        "Đơn vị không có trong danh sách. "
        f"Giá trị đã nhập: “{sector.thads_lao_cai.pk}”; đang dùng giá trị mặc định."
    ]


def test_the_export_has_the_rows_of_the_list_in_its_order(login, admin_user, proposals):
    client = login(admin_user)
    params = {"year": 2025, "sort": "-title"}
    page = client.get(PROPOSALS, params)
    assert f'href="{EXPORT}?year=2025&amp;sort=-title"' in page.content.decode()
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(EXPORT, params).content)).active
    exported = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert exported == _titles(page) == ["Nam: khen thưởng năm", "Bắc: khen thưởng năm"]


def test_proposals_list_queries_stay_constant(
    login, admin_user, sector, proposals, django_assert_num_queries
):
    client = login(admin_user)
    medal = proposals["district"].nominees.get().award
    params = {"sort": "-unit", "award": medal.pk, "unit": sector.district.pk}
    client.get(PROPOSALS, params)
    with django_assert_num_queries(11) as few:
        client.get(PROPOSALS, params)
    for _n in range(30):
        NomineeFactory(proposal=ProposalFactory(proposing_unit=sector.district), award=medal)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(PROPOSALS, params)
    assert len(_titles(response)) == 31


HOSTILE = ["²", "9" * 40, "-1", "0", "1e3", "\x00", "' OR 1=1 --", "x" * 500, "năm"]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize(
    ("url", "names"),
    [
        (DECISIONS, ["number", "year", "authority", "issuer", "status", "award", "sort"]),
        (PROPOSALS, ["status", "year", "direction", "unit", "award", "q", "sort"]),
        (EXPORT, ["unit", "award", "sort"]),
        (reverse("units:people"), ["q", "unit_name", "sort"]),
    ],
)
def test_hostile_filter_values_never_fail_a_list(login, admin_user, sector, url, names, value):
    client = login(admin_user)
    for name in names:
        assert client.get(url, {name: value}).status_code == 200, name
