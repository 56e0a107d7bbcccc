"""The global search box: units, people and groupings, with or without diacritics."""

import pytest
from django.urls import reverse

from tests.factories import PersonFactory

SEARCH = reverse("units:search")


def found(response) -> dict[str, list[str]]:
    results = response.context["results"]
    return {
        "units": [u.name for u in results.units],
        "people": [p.full_name for p in results.people],
        "clusters": [c.name for c in results.clusters],
    }


@pytest.mark.parametrize("query", ["dong thap", "Đồng Tháp", "ĐỒNG THÁP", "  dong   thap "])
def test_units_are_found_with_or_without_diacritics(login, admin_user, restructured, query):
    assert found(login(admin_user).get(SEARCH, {"q": query}))["units"] == [
        "Sở Tư pháp tỉnh Đồng Tháp"
    ]


def test_units_are_found_by_their_province(login, admin_user, sector, restructured):
    sector.district.name = "Phòng Thi hành án dân sự khu vực 1"
    sector.district.save()
    names = found(login(admin_user).get(SEARCH, {"q": "long an"}))["units"]
    assert "Phòng Thi hành án dân sự khu vực 1" in names
    # Current units come before the ones that ended in 2025.
    assert names.index("Thi hành án dân sự tỉnh Long An") < names.index(
        "Cục Thi hành án dân sự tỉnh Long An"
    )


@pytest.mark.parametrize("query", ["nguyen van an", "Nguyễn Văn An", "van an"])
def test_people_are_found_with_or_without_diacritics(
    login, admin_user, person_long_an, person_lao_cai, query
):
    result = found(login(admin_user).get(SEARCH, {"q": query}))
    assert result["people"] == ["Nguyễn Văn An"]


def test_a_person_is_found_by_code(login, admin_user, person_long_an):
    response = login(admin_user).get(SEARCH, {"q": person_long_an.code.lower()})
    assert found(response)["people"] == ["Nguyễn Văn An"]


def test_groupings_are_found(login, admin_user, home_affairs_block):
    result = found(login(admin_user).get(SEARCH, {"q": "noi chinh"}))
    assert result["clusters"] == ["Khối thi đua Nội chính tỉnh Long An"]


def test_search_is_scoped(login, staff_long_an, sector, person_long_an, person_lao_cai):
    client = login(staff_long_an)
    assert found(client.get(SEARCH, {"q": "do thi lan"}))["people"] == []
    assert found(client.get(SEARCH, {"q": "lao cai"}))["units"] == []
    assert found(client.get(SEARCH, {"q": "long an"}))["units"] == [
        "Phòng Thi hành án dân sự khu vực 1 – Long An"
    ]
    html = client.get(SEARCH, {"q": "lan"}).content.decode()
    assert "Đỗ Thị Lan" not in html


def test_results_are_limited_with_a_link_to_all_people(login, admin_user, sector):
    PersonFactory.create_batch(25, assigned_to=sector.district)  # "Nguyễn Văn Số n"
    response = login(admin_user).get(SEARCH, {"q": "nguyen van so"})
    assert len(response.context["results"].people) == 20
    link = f"{reverse('units:people')}?q=nguyen%20van%20so"
    assert link in response.content.decode()
    assert "Xem tất cả cán bộ khớp" in response.content.decode()
    all_people = login(admin_user).get(reverse("units:people"), {"q": "nguyen van so"})
    assert all_people.context["page_obj"].paginator.count == 25


def test_no_link_to_more_when_everything_is_shown(login, admin_user, person_long_an):
    html = login(admin_user).get(SEARCH, {"q": "nguyen"}).content.decode()
    assert "Xem tất cả cán bộ khớp" not in html


@pytest.mark.parametrize("query", [None, "", " ", "a", "ạ", "%"])
def test_empty_or_too_short_query_gets_a_friendly_message(login, admin_user, sector, query):
    params = {} if query is None else {"q": query}
    response = login(admin_user).get(SEARCH, params)
    assert response.status_code == 200
    assert "Nhập ít nhất 2 ký tự" in response.content.decode()


def test_nothing_found_says_so(login, admin_user, sector):
    response = login(admin_user).get(SEARCH, {"q": "xyz không có"})
    assert "Không tìm thấy kết quả nào" in response.content.decode()


def test_wildcards_in_the_query_match_literally(login, admin_user, person_long_an):
    response = login(admin_user).get(SEARCH, {"q": "%_%"})
    assert found(response) == {"units": [], "people": [], "clusters": []}


def test_an_overlong_query_is_refused_politely(login, admin_user, sector):
    response = login(admin_user).get(SEARCH, {"q": "a" * 500})
    assert response.status_code == 200
    assert "Nhập ít nhất 2 ký tự" in response.content.decode()
