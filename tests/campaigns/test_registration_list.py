"""A unit's registration lines (campaigns:unit): sorted by their columns, filtered by state
and award, with a constant number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Registration
from tests.factories import PersonFactory, RegistrationFactory

S = Registration.Status


def _url(campaign, sector) -> str:
    return reverse("campaigns:unit", kwargs={"pk": campaign.pk, "unit_pk": sector.district.pk})


def _lines(response) -> list[str]:
    assert response.status_code == 200
    return [
        f"{line.person.full_name if line.person else 'Tập thể'} – {line.award.short_name}"
        for line in response.context["page_obj"]
    ]


@pytest.fixture
def lines(campaign, sector, catalogue):
    """The district's collective line and three people's lines, in three states."""
    sent = timezone.make_aware(datetime.datetime(campaign.start_date.year, 3, 1, 9))

    def line(award, person=None, status=S.DRAFT, day=None):
        return RegistrationFactory(
            campaign=campaign,
            unit=sector.district,
            award=award,
            person=person,
            status=status,
            submitted_at=sent + datetime.timedelta(days=day) if day is not None else None,
        )

    people = {
        name: PersonFactory(full_name=name, assigned_to=sector.district)
        for name in ("Võ Văn Em", "Lê Thị Bích", "Phạm Văn Cường")
    }
    line(catalogue.tt_ldxs, status=S.SUBMITTED, day=2)
    line(catalogue.cstdcs, people["Võ Văn Em"], S.ACCEPTED, day=1)
    line(catalogue.ldtt, people["Lê Thị Bích"], S.SUBMITTED, day=3)
    line(catalogue.ldtt, people["Phạm Văn Cường"])
    return people


def test_lines_start_with_the_unit_then_people_by_name_and_sort_both_ways(
    login, staff_long_an, campaign, sector, lines
):
    client = login(staff_long_an)
    url = _url(campaign, sector)
    by_name = [
        "Tập thể – TT LĐXS",
        "Lê Thị Bích – LĐTT",
        "Phạm Văn Cường – LĐTT",
        "Võ Văn Em – CSTĐCS",
    ]
    assert _lines(client.get(url)) == by_name
    assert _lines(client.get(url, {"sort": "-who"})) == by_name[::-1]
    assert _lines(client.get(url, {"sort": "-award"})) == [
        "Tập thể – TT LĐXS",
        "Võ Văn Em – CSTĐCS",
        "Phạm Văn Cường – LĐTT",
        "Lê Thị Bích – LĐTT",
    ]
    assert _lines(client.get(url, {"sort": "submitted"})) == [
        "Phạm Văn Cường – LĐTT",  # not sent: no date, first
        "Võ Văn Em – CSTĐCS",
        "Tập thể – TT LĐXS",
        "Lê Thị Bích – LĐTT",
    ]
    html = client.get(url, {"sort": "status", "year": campaign.start_date.year}).content.decode()
    assert (
        '<th scope="col" aria-sort="ascending"><a class="sort-link" '
        f'href="?sort=-status&amp;year={campaign.start_date.year}">Trạng thái'
    ) in html


def test_lines_filter_by_state_and_award_and_keep_the_order(
    login, staff_long_an, campaign, sector, catalogue, lines
):
    client = login(staff_long_an)
    url = _url(campaign, sector)
    sent = client.get(url, {"status": "submitted", "sort": "-who"})
    assert _lines(sent) == ["Lê Thị Bích – LĐTT", "Tập thể – TT LĐXS"]
    assert '<input type="hidden" name="sort" value="-who">' in sent.content.decode()
    assert _lines(client.get(url, {"award": catalogue.ldtt.pk})) == [
        "Lê Thị Bích – LĐTT",
        "Phạm Văn Cường – LĐTT",
    ]
    none = client.get(url, {"status": "returned"})
    assert _lines(none) == []
    assert "Không có dòng đăng ký nào khớp với bộ lọc." in none.content.decode()


def test_a_bad_filter_is_reported_and_every_line_shown(
    login, staff_long_an, campaign, sector, catalogue, lines
):
    response = login(staff_long_an).get(
        _url(campaign, sector), {"award": catalogue.outside.pk, "sort": "unit__path"}
    )
    assert len(_lines(response)) == 4
    assert [str(m) for m in response.context["messages"]] == [
        "Danh hiệu không có trong danh mục của phong trào. "
        f"Giá trị đã nhập: “{catalogue.outside.pk}”; đang dùng giá trị mặc định.",
        "Không sắp xếp được theo “unit__path”; đang dùng thứ tự mặc định.",
    ]


def test_a_sorted_and_filtered_page_keeps_its_queries_as_lines_grow(
    login, staff_long_an, campaign, sector, catalogue, lines, django_assert_num_queries
):
    client = login(staff_long_an)
    url = _url(campaign, sector)
    params = {"status": "draft", "award": catalogue.ldtt.pk, "sort": "-submitted"}
    client.get(url, params)
    with django_assert_num_queries(19) as few:
        client.get(url, params)
    for n in range(30):
        person = PersonFactory(full_name=f"Cán bộ {n}", assigned_to=sector.district)
        RegistrationFactory(
            campaign=campaign, unit=sector.district, award=catalogue.ldtt, person=person
        )
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url, params)
    assert len(_lines(response)) == 31


def test_the_filters_do_not_take_the_ids_of_the_registration_form(
    login, staff_long_an, campaign, sector, lines
):
    html = login(staff_long_an).get(_url(campaign, sector)).content.decode()
    assert html.count('id="id_award"') == 1
    assert (
        '<label class="form-label small" for="filter-award">Danh hiệu / hình thức</label>' in html
    )
