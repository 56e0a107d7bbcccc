"""The organisation pages as users see them: tree, unit and person pages, groupings."""

import datetime
import itertools
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import (
    ClusterMembershipFactory,
    ConfermentFactory,
    PersonFactory,
    UnitFactory,
)
from tests.units.helpers import LAST_OLD_DAY
from units import selectors
from units.models import (
    AgencyType,
    ClusterMembership,
    Discipline,
    Initiative,
    Leave,
    QualityRating,
    Review,
)

TREE = reverse("units:tree")


def tree_rows(response) -> list[tuple[str, int]]:
    return [(row.unit.name, row.level) for row in response.context["tree"].rows]


class _TreeParser(HTMLParser):
    """(link text, nesting depth) of each unit as the browser would nest the tree's lists."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.inside = False
        self.depth = 0
        self.units: list[tuple[str, int]] = []
        self._link: list[str] | None = None

    VOID = {"input", "br", "img", "meta", "link", "hr"}

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        if tag == "div" and "units-tree" in (dict(attrs).get("class") or ""):
            self.inside, self.depth = True, len(self.stack)
        if self.inside and tag == "a":
            self._link = []
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        assert self.stack.pop() == tag, f"</{tag}> closes the wrong element"
        if self.inside and tag == "a":
            self.units.append(("".join(self._link).strip(), self.stack.count("li") - 1))
            self._link = None
        if self.inside and tag == "div" and len(self.stack) == self.depth:
            self.inside = False

    def handle_data(self, data):
        if self._link is not None:
            self._link.append(data)


def rendered_tree(response) -> list[tuple[str, int]]:
    parser = _TreeParser()
    body = response.content.decode()
    parser.feed(body[body.index("<main") : body.index("</main>") + len("</main>")])
    return parser.units


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- The tree ------------------------------------------------------------------------------


def test_tree_today_shows_the_structure_since_july_2025(login, admin_user, restructured):
    response = login(admin_user).get(TREE)
    assert tree_rows(response) == [
        ("Bộ Tư pháp", 0),
        ("Cục Quản lý thi hành án dân sự", 1),
        ("Thi hành án dân sự tỉnh Lào Cai", 2),
        ("Thi hành án dân sự tỉnh Long An", 2),
        ("Phòng Thi hành án dân sự khu vực 1 – Long An", 3),
        ("Sở Tư pháp tỉnh Đồng Tháp", 1),
    ]
    assert rendered_tree(response) == tree_rows(response)
    assert "Tổng cục" not in response.content.decode()


def test_tree_before_july_2025_shows_the_old_structure(login, admin_user, restructured):
    response = login(admin_user).get(TREE, {"on": "30/06/2025"})
    assert tree_rows(response) == [
        ("Bộ Tư pháp", 0),
        ("Sở Tư pháp tỉnh Đồng Tháp", 1),
        ("Tổng cục Thi hành án dân sự", 1),
        ("Cục Thi hành án dân sự tỉnh Long An", 2),
        ("Chi cục Thi hành án dân sự huyện Bến Lức", 3),
    ]
    assert rendered_tree(response) == tree_rows(response)
    assert "Cục Quản lý" not in response.content.decode()


def test_tree_offers_now_and_before_the_restructuring(login, admin_user, restructured):
    html = login(admin_user).get(TREE).content.decode()
    assert f'href="{TREE}"' in html
    assert "Hiện nay" in html
    assert f'href="{TREE}?on=30/06/2025">Trước 01/07/2025</a>' in html


def test_external_units_are_listed_apart_from_the_tree(login, admin_user, restructured):
    response = login(admin_user).get(TREE)
    assert "Viện kiểm sát nhân dân tỉnh Long An" not in dict(tree_rows(response))
    assert [u.name for u in response.context["tree"].external] == [
        "Viện kiểm sát nhân dân tỉnh Long An"
    ]
    assert "Cơ quan ngoài ngành Tư pháp" in response.content.decode()


def test_tree_of_one_subtree(login, admin_user, sector, restructured):
    response = login(admin_user).get(TREE, {"root": sector.thads_long_an.pk})
    assert tree_rows(response) == [
        ("Thi hành án dân sự tỉnh Long An", 0),
        ("Phòng Thi hành án dân sự khu vực 1 – Long An", 1),
    ]


@given(st.lists(st.integers(min_value=0, max_value=30), max_size=30), st.data())
def test_flattened_tree_always_closes_what_it_opens(parents, data):
    """Any forest, with any units missing, renders as balanced nested lists."""
    paths: list[str] = []
    for pk, parent in enumerate(parents, start=1):
        prefix = paths[parent - 1] if 0 < parent < pk else "/"
        paths.append(f"{prefix}{pk}/")
    shown = [p for p in paths if data.draw(st.booleans())]
    units = [selectors.Unit(path=p, search_key=p) for p in sorted(shown)]
    rows = selectors._flatten(selectors._nest(units))
    assert len(rows) == len(shown)
    assert sum(r.has_children for r in rows) == sum(len(r.closes) for r in rows)
    for row, following in itertools.pairwise(rows):
        if row.has_children:
            assert following.level == row.level + 1
            assert following.unit.path.startswith(row.unit.path)


def test_tree_of_a_unit_that_has_ended_points_to_its_last_day(login, admin_user, restructured):
    ended = restructured.old_long_an
    response = login(admin_user).get(TREE, {"root": ended.pk})
    assert response.status_code == 200
    assert tree_rows(response) == []
    html = response.content.decode()
    assert "không có hiệu lực tại ngày" in html
    assert f"?root={ended.pk}&amp;on=30/06/2025" in html
    older = login(admin_user).get(TREE, {"root": ended.pk, "on": "30/06/2025"})
    assert tree_rows(older) == [
        ("Cục Thi hành án dân sự tỉnh Long An", 0),
        ("Chi cục Thi hành án dân sự huyện Bến Lức", 1),
    ]


@pytest.mark.parametrize(
    ("who", "queries"),
    [
        # savepoint, session, user, units, restructuring dates, release (ATOMIC_REQUESTS)
        ("admin_user", 6),
        # the same, plus the user's roles, their subtrees and the predecessors of those
        ("staff_long_an", 9),
    ],
)
def test_tree_takes_one_query_for_units_however_many(
    request, login, sector, django_assert_num_queries, who, queries
):
    client = login(request.getfixturevalue(who))
    client.get(TREE)  # warm up the session
    with django_assert_num_queries(queries):
        before = client.get(TREE).context["tree"].size
    for n in range(5):
        team = UnitFactory(parent=sector.district, agency_type=AgencyType.THADS_LOCAL)
        UnitFactory(parent=team, name=f"Tổ {n}")
    with django_assert_num_queries(queries):
        response = client.get(TREE)
    assert response.context["tree"].size == before + 10


def test_tree_is_scoped_to_the_users_units(login, staff_long_an, sector, restructured):
    client = login(staff_long_an)
    assert tree_rows(client.get(TREE)) == [("Phòng Thi hành án dân sự khu vực 1 – Long An", 0)]
    # The predecessor of their office stays readable under its old name.
    assert tree_rows(client.get(TREE, {"on": "30/06/2025"})) == [
        ("Chi cục Thi hành án dân sự huyện Bến Lức", 0)
    ]
    assert client.get(TREE, {"root": sector.thads_lao_cai.pk}).status_code == 404


@pytest.mark.parametrize("bad", ["31/02/2025", "hôm qua", "2025-13-01", "99/99/99999"])
def test_a_bad_date_shows_a_message_and_the_current_tree(login, admin_user, restructured, bad):
    response = login(admin_user).get(TREE, {"on": bad})
    assert response.status_code == 200
    assert any("Ngày không hợp lệ" in m for m in messages_of(response))
    assert response.context["on"] == datetime.date.today()
    assert "Cục Quản lý thi hành án dân sự" in dict(tree_rows(response))


def test_a_bad_root_shows_a_message_and_the_whole_tree(login, admin_user, restructured):
    response = login(admin_user).get(TREE, {"root": "abc"})
    assert response.status_code == 200
    assert any("Mã đơn vị gốc không hợp lệ" in m for m in messages_of(response))
    assert response.context["tree"].size == 6


# --- One unit ------------------------------------------------------------------------------


def test_unit_page_shows_history_groupings_and_people(
    login, admin_user, sector, restructured, home_affairs_block, person_long_an
):
    response = login(admin_user).get(reverse("units:detail", args=[sector.thads_long_an.pk]))
    html = response.content.decode()
    assert "thads-long-an" in html
    assert "Cơ quan THADS cấp tỉnh" in html
    assert "Long An" in html
    assert "01/07/2025 – …" in html
    assert [u.name for u in response.context["predecessors"]] == [
        "Cục Thi hành án dân sự tỉnh Long An"
    ]
    assert f'href="{reverse("units:detail", args=[restructured.old_long_an.pk])}"' in html
    assert [u.name for u in response.context["children"]] == [
        "Phòng Thi hành án dân sự khu vực 1 – Long An"
    ]
    roles = [
        (m.year, m.cluster.name, m.get_role_display()) for m in response.context["memberships"]
    ]
    assert roles == [
        (2026, "Khối thi đua Nội chính tỉnh Long An", "Trưởng khối"),
        (2025, "Khối thi đua Nội chính tỉnh Long An", "Phó trưởng khối"),
    ]
    assert (response.context["people_direct"], response.context["people_subtree"]) == (0, 1)
    assert f"{reverse('units:people')}?unit={sector.thads_long_an.pk}" in html


def test_a_merged_unit_keeps_its_old_name_and_links_its_successor(
    login, admin_user, sector, restructured
):
    url = reverse("units:detail", args=[restructured.old_long_an.pk])
    html = login(admin_user).get(url).content.decode()
    assert "Cục Thi hành án dân sự tỉnh Long An" in html
    assert "Đã ngừng hoạt động" in html
    assert "… – 30/06/2025" in html
    assert "Đơn vị kế tục" in html
    assert f'href="{reverse("units:detail", args=[sector.thads_long_an.pk])}"' in html


def test_parent_outside_the_scope_is_named_but_not_linked(login, staff_long_an, sector):
    html = login(staff_long_an).get(reverse("units:detail", args=[sector.district.pk])).content
    html = html.decode()
    assert "Thi hành án dân sự tỉnh Long An" in html
    assert reverse("units:detail", args=[sector.thads_long_an.pk]) + '"' not in html


@pytest.mark.parametrize("name", ["thads_lao_cai", "thads_long_an", "ministry"])
def test_units_outside_the_scope_are_not_found(login, staff_long_an, sector, name):
    unit = getattr(sector, name)
    assert login(staff_long_an).get(reverse("units:detail", args=[unit.pk])).status_code == 404


def test_unknown_unit_is_not_found(login, admin_user):
    assert login(admin_user).get(reverse("units:detail", args=[999999])).status_code == 404


# --- People --------------------------------------------------------------------------------

PEOPLE = reverse("units:people")


def people_names(response) -> list[str]:
    return [p.full_name for p in response.context["page_obj"]]


def test_people_list_shows_the_users_subtree_only(
    login, staff_long_an, person_long_an, person_lao_cai
):
    response = login(staff_long_an).get(PEOPLE)
    assert people_names(response) == ["Nguyễn Văn An"]
    html = response.content.decode()
    assert "Chuyên viên" in html
    assert "Phòng Thi hành án dân sự khu vực 1 – Long An" in html
    assert "Đỗ Thị Lan" not in html


@pytest.mark.parametrize("query", ["nguyen van an", "Nguyễn Văn An", "NGUYEN VAN", "văn an"])
def test_people_search_ignores_diacritics(login, admin_user, person_long_an, person_lao_cai, query):
    assert people_names(login(admin_user).get(PEOPLE, {"q": query})) == ["Nguyễn Văn An"]


def test_people_search_folds_d_stroke(login, admin_user, person_long_an, person_lao_cai):
    assert people_names(login(admin_user).get(PEOPLE, {"q": "do thi lan"})) == ["Đỗ Thị Lan"]


def test_people_of_one_unit_with_or_without_its_subunits(login, admin_user, sector, person_long_an):
    PersonFactory(full_name="Trần Thị Bình", assigned_to=sector.thads_long_an)
    client = login(admin_user)
    whole = client.get(PEOPLE, {"unit": sector.thads_long_an.pk})
    assert people_names(whole) == ["Nguyễn Văn An", "Trần Thị Bình"]
    own = client.get(PEOPLE, {"unit": sector.thads_long_an.pk, "sub": "0"})
    assert people_names(own) == ["Trần Thị Bình"]


def test_people_of_a_foreign_unit_are_not_found(login, staff_long_an, sector):
    response = login(staff_long_an).get(PEOPLE, {"unit": sector.thads_lao_cai.pk})
    assert response.status_code == 404


def test_people_list_is_paginated_with_constant_queries(
    login, admin_user, sector, django_assert_num_queries
):
    client = login(admin_user)
    PersonFactory.create_batch(3, assigned_to=sector.district)
    client.get(PEOPLE)
    # savepoint, session, user, count, page, release
    with django_assert_num_queries(6):
        client.get(PEOPLE)
    PersonFactory.create_batch(60, assigned_to=sector.thads_lao_cai)
    with django_assert_num_queries(6):
        response = client.get(PEOPLE, {"page": "2"})
    assert len(response.context["page_obj"]) == 13
    assert "Trang 2/2" in response.content.decode()


@pytest.mark.parametrize(
    "params", [{"unit": "abc"}, {"sub": "maybe"}, {"page": "x"}, {"sort": "unit__path"}]
)
def test_people_list_survives_bad_params(login, admin_user, person_long_an, params):
    response = login(admin_user).get(PEOPLE, params)
    assert response.status_code == 200
    assert people_names(response) == ["Nguyễn Văn An"]


def test_people_sort_by_their_columns_both_ways_within_the_users_scope(
    login, staff_long_an_province, sector
):
    PersonFactory(
        full_name="Võ Văn Em", assigned_to=sector.thads_long_an, assigned_to__position="Cục trưởng"
    )
    PersonFactory(
        full_name="Lê Thị Bích", assigned_to=sector.district, assigned_to__position="Thư ký"
    )
    PersonFactory(
        full_name="Phạm Văn Cường",
        assigned_to=sector.district,
        assigned_to__position="Chấp hành viên",
    )
    PersonFactory(full_name="Đỗ Thị Lan", assigned_to=sector.thads_lao_cai)  # outside
    client = login(staff_long_an_province)
    by_name = ["Lê Thị Bích", "Phạm Văn Cường", "Võ Văn Em"]
    assert people_names(client.get(PEOPLE)) == by_name
    assert people_names(client.get(PEOPLE, {"sort": "-name"})) == by_name[::-1]
    by_position = ["Chấp hành viên", "Cục trưởng", "Thư ký"]
    positions = client.get(PEOPLE, {"sort": "position"}).context["page_obj"]
    assert [p.position for p in positions] == by_position
    html = client.get(PEOPLE, {"sort": "-position", "q": "van"}).content.decode()
    assert (
        '<th scope="col" aria-sort="descending"><a class="sort-link" '
        'href="?sort=position&amp;q=van">Chức vụ'
    ) in html
    assert '<input type="hidden" name="sort" value="-position">' in html


def test_people_filter_by_name_and_unit_name(login, admin_user, sector, person_long_an):
    PersonFactory(full_name="Đỗ Thị Lan", assigned_to=sector.thads_lao_cai)
    PersonFactory(full_name="Đỗ Văn Nam", assigned_to=sector.thads_long_an)
    client = login(admin_user)
    assert people_names(client.get(PEOPLE, {"unit_name": "lao cai"})) == ["Đỗ Thị Lan"]
    both = client.get(PEOPLE, {"unit_name": "long an", "q": "do", "sort": "unit"})
    assert people_names(both) == ["Đỗ Văn Nam"]
    none = client.get(PEOPLE, {"unit_name": "hà giang"}).content.decode()
    assert "Không tìm thấy cán bộ nào ở đơn vị có tên chứa “hà giang”." in none


def test_a_sorted_filtered_people_page_keeps_its_queries(
    login, admin_user, sector, django_assert_num_queries
):
    client = login(admin_user)
    PersonFactory.create_batch(3, assigned_to=sector.thads_lao_cai)
    params = {"unit_name": "lao cai", "sort": "-unit"}
    client.get(PEOPLE, params)
    with django_assert_num_queries(6):
        client.get(PEOPLE, params)
    PersonFactory.create_batch(60, assigned_to=sector.thads_lao_cai)
    with django_assert_num_queries(6):
        response = client.get(PEOPLE, params)
    assert len(response.context["page_obj"]) == 50


# --- One person ----------------------------------------------------------------------------


@pytest.fixture
def person_record(sector, restructured, person_long_an):
    person = person_long_an
    first = person.assignments.get()
    first.unit, first.start = restructured.ben_luc, datetime.date(2020, 1, 1)
    first.end = LAST_OLD_DAY
    first.save()
    person.assignments.create(
        unit=sector.district, position="Chấp hành viên", start=datetime.date(2025, 7, 1)
    )
    QualityRating.objects.create(person=person, year=2025, rating=QualityRating.Rating.EXCELLENT)
    Discipline.objects.create(
        person=person,
        form=Discipline.Form.REPRIMAND,
        decision_number="12/QĐ-CTHADS",
        decided_on=datetime.date(2023, 3, 1),
        ends_on=datetime.date(2024, 3, 1),
    )
    Review.objects.create(
        person=person, kind=Review.Kind.COMPLAINT, start=datetime.date(2026, 10, 1)
    )
    Leave.objects.create(
        person=person,
        kind=Leave.Kind.MATERNITY,
        start=datetime.date(2022, 1, 1),
        end=datetime.date(2022, 6, 30),
    )
    initiative = Initiative.objects.create(
        title="Số hóa hồ sơ thi hành án",
        level=1,
        year=2024,
        decision_number="5/QĐ-THADS",
        decision_date=datetime.date(2024, 12, 1),
        unit=restructured.ben_luc,
    )
    initiative.authors.add(person)
    ConfermentFactory(
        person=person,
        unit=restructured.ben_luc,
        year=2024,
        award__name="Chiến sĩ thi đua cơ sở",
        decision__number="77/QĐ-TCTHADS",
        decision__signed_on=datetime.date(2025, 1, 20),
    )
    return person


def test_person_page_shows_the_whole_record(login, admin_user, person_record):
    response = login(admin_user).get(reverse("units:person", args=[person_record.pk]))
    html = response.content.decode()
    assert "Chấp hành viên" in html
    assert "Chi cục Thi hành án dân sự huyện Bến Lức" in html  # the unit as it was named then
    assert "30/06/2025" in html
    assert "Hoàn thành xuất sắc nhiệm vụ" in html
    assert "Khiển trách" in html and "12/QĐ-CTHADS" in html
    assert "Đang xác minh khiếu nại, tố cáo" in html and "đang diễn ra" in html
    assert "Nghỉ thai sản" in html
    assert "Số hóa hồ sơ thi hành án" in html
    assert "Khen thưởng" in html
    assert "Chiến sĩ thi đua cơ sở" in html
    assert "77/QĐ-TCTHADS ngày 20/01/2025" in html


def test_person_page_queries_do_not_grow_with_the_record(
    login, admin_user, person_record, sector, django_assert_num_queries
):
    client = login(admin_user)
    url = reverse("units:person", args=[person_record.pk])
    client.get(url)
    # savepoint, session, user, person, one query per section (7), release; the field history
    # adds three: the person's rows, the assignments' rows, the units their changes name.
    with django_assert_num_queries(15):
        client.get(url)
    for year in (2021, 2022, 2023):
        ConfermentFactory(person=person_record, unit=sector.district, year=year)
        QualityRating.objects.create(person=person_record, year=year, rating=3)
    with django_assert_num_queries(15):
        client.get(url)


def test_foreign_person_is_not_found(login, staff_long_an, person_lao_cai):
    url = reverse("units:person", args=[person_lao_cai.pk])
    assert login(staff_long_an).get(url).status_code == 404


def test_unknown_person_is_not_found(login, admin_user):
    assert login(admin_user).get(reverse("units:person", args=[424242])).status_code == 404


# --- Groupings -----------------------------------------------------------------------------

CLUSTERS = reverse("units:clusters")


def test_cluster_list_defaults_to_this_year(login, admin_user, home_affairs_block):
    response = login(admin_user).get(CLUSTERS)
    assert response.context["year"] == datetime.date.today().year
    [block] = response.context["page_obj"]
    assert block.member_count == 3
    assert block.leader.name == "Thi hành án dân sự tỉnh Long An"


def test_cluster_list_of_another_year(login, admin_user, home_affairs_block):
    response = login(admin_user).get(CLUSTERS, {"year": "2025"})
    [block] = response.context["page_obj"]
    assert block.leader.name == "Viện kiểm sát nhân dân tỉnh Long An"
    assert "Khối/cụm thi đua năm 2025" in response.content.decode()


@pytest.mark.parametrize("bad", ["abc", "20x6", "99999", "-1", "1200"])
def test_a_bad_year_shows_a_message_and_this_year(login, admin_user, home_affairs_block, bad):
    response = login(admin_user).get(CLUSTERS, {"year": bad})
    assert response.status_code == 200
    assert response.context["year"] == datetime.date.today().year
    assert any("Năm không hợp lệ" in m for m in messages_of(response))


def test_a_bad_kind_is_ignored_with_a_message(login, admin_user, home_affairs_block):
    response = login(admin_user).get(CLUSTERS, {"kind": "party"})
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 1
    assert any("Loại khối/cụm không hợp lệ" in m for m in messages_of(response))


def test_cluster_list_is_scoped(login, staff_long_an, home_affairs_block, lao_cai_block):
    response = login(staff_long_an).get(CLUSTERS)
    assert [c.name for c in response.context["page_obj"]] == [home_affairs_block.name]


def test_cluster_list_queries_do_not_grow(
    login, admin_user, sector, home_affairs_block, lao_cai_block, django_assert_num_queries
):
    client = login(admin_user)
    client.get(CLUSTERS)
    # savepoint, session, user, count, page, former names, leaders, release
    with django_assert_num_queries(8):
        client.get(CLUSTERS)
    for n in range(5):
        ClusterMembershipFactory(
            unit=sector.district, role=ClusterMembership.Role.LEADER, cluster__name=f"Cụm {n}"
        )
    with django_assert_num_queries(8):
        response = client.get(CLUSTERS)
    assert len(response.context["page_obj"]) == 7


def test_cluster_page_shows_leader_deputies_and_outside_members(
    login, admin_user, home_affairs_block
):
    response = login(admin_user).get(reverse("units:cluster", args=[home_affairs_block.pk]))
    assert response.context["leader"].unit.name == "Thi hành án dân sự tỉnh Long An"
    assert [m.unit.name for m in response.context["deputies"]] == [
        "Viện kiểm sát nhân dân tỉnh Long An"
    ]
    assert [m.get_role_display() for m in response.context["members"]] == [
        "Trưởng khối",
        "Phó trưởng khối",
        "Thành viên",
    ]
    html = response.content.decode()
    assert html.count("ngoài ngành Tư pháp") == 1
    assert "Trưởng khối các năm trước" in html
    assert [(m.year, m.unit.name) for m in response.context["previous_leaders"]] == [
        (2025, "Viện kiểm sát nhân dân tỉnh Long An")
    ]


def test_cluster_page_of_a_year_without_members(login, admin_user, home_affairs_block):
    url = reverse("units:cluster", args=[home_affairs_block.pk])
    response = login(admin_user).get(url, {"year": "2019"})
    assert response.context["members"] == []
    assert "Chưa có danh sách thành viên năm 2019" in response.content.decode()


def test_cluster_page_with_a_bad_year_uses_this_year(login, admin_user, home_affairs_block):
    url = reverse("units:cluster", args=[home_affairs_block.pk])
    response = login(admin_user).get(url, {"year": "năm ngoái"})
    assert response.status_code == 200
    assert len(response.context["members"]) == 3


def test_foreign_cluster_is_not_found(login, staff_long_an, lao_cai_block):
    url = reverse("units:cluster", args=[lao_cai_block.pk])
    assert login(staff_long_an).get(url).status_code == 404


# --- Everyone must sign in -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["tree", "search", "people", "clusters"])
def test_pages_need_a_login(client, db, name):
    response = client.get(reverse(f"units:{name}"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "url",
    [
        "/units/99999999999999999999999/",
        "/units/people/99999999999999999999999/",
        "/units/clusters/99999999999999999999999/",
        "/units/?root=99999999999999999999999",
        "/units/people/?unit=9223372036854775807",
    ],
)
def test_absurd_ids_are_not_found_or_ignored(login, staff_long_an, url):
    assert login(staff_long_an).get(url).status_code in (200, 404)
