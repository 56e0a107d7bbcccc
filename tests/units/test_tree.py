import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import Http404

from awards.models import CouncilSession
from campaigns.models import Campaign, Pledge
from tests.factories import (
    CampaignFactory,
    ClusterFactory,
    ClusterMembershipFactory,
    CouncilFactory,
    CouncilMemberFactory,
    PersonFactory,
    PledgeFactory,
    UnitFactory,
)
from units.access import (
    get_visible_or_404,
    has_role,
    is_admin,
    restrict,
    scope_paths,
    under,
    user_roles,
)
from units.models import Cluster, Person, Unit, UnitRole
from units.services import person_assign, rebuild_paths


def test_subtree_is_a_prefix_query(sector):
    subtree = set(
        Unit.objects.filter(under([sector.thads_long_an.path])).values_list("code", flat=True)
    )
    assert subtree == {"thads-long-an", "thads-long-an-kv1"}


def test_moving_a_unit_moves_its_subtree(sector):
    sector.thads_long_an.parent = sector.thads_lao_cai
    sector.thads_long_an.save()
    sector.district.refresh_from_db()
    assert sector.district.path.startswith(sector.thads_lao_cai.path)
    assert sector.district.depth == sector.thads_lao_cai.depth + 2


def test_a_unit_cannot_be_its_own_ancestor(sector):
    sector.thads_long_an.parent = sector.district
    with pytest.raises(ValidationError, match="chính nó"):
        sector.thads_long_an.full_clean()
    with pytest.raises(ValidationError):
        sector.thads_long_an.save()


def test_rebuild_paths_matches_incremental_paths(sector):
    before = dict(Unit.objects.values_list("pk", "path"))
    Unit.objects.update(path="", depth=0)
    rebuild_paths()
    assert dict(Unit.objects.values_list("pk", "path")) == before


def test_deleting_a_unit_with_history_is_refused(sector, person_long_an):
    assert sector.district.has_history()
    with pytest.raises(ValidationError, match="ngừng hoạt động"):
        sector.district.delete()
    empty = UnitFactory(parent=sector.hq)
    assert not empty.has_history()
    empty.delete()


def test_person_assignment_must_fit_the_units_validity(sector):
    person = PersonFactory(assigned_to=sector.thads_long_an)
    with pytest.raises(ValidationError, match="không tồn tại"):
        person_assign(
            person=person,
            unit=sector.district,  # exists only from 01/07/2025
            position="Chấp hành viên",
            start=datetime.date(2024, 3, 1),
        )
    person.refresh_from_db()
    assert person.unit == sector.thads_long_an


def test_person_assignment_closes_the_previous_one(sector):
    person = PersonFactory(assigned_to=sector.thads_long_an)
    person_assign(
        person=person,
        unit=sector.district,
        position="Chấp hành viên",
        start=datetime.date(2025, 7, 1),
    )
    history = list(person.assignments.order_by("start").values_list("unit__code", "end"))
    assert history == [("thads-long-an", datetime.date(2025, 6, 30)), ("thads-long-an-kv1", None)]
    assert Person.objects.get(pk=person.pk).unit == sector.district


def test_scope_follows_roles_and_predecessors(sector, staff_long_an, leader_lao_cai):
    old_office = UnitFactory(
        name="Chi cục THADS huyện Bến Lức",
        parent=sector.thads_long_an,
        valid_to=datetime.date(2025, 6, 30),
    )
    sector.district.predecessors.add(old_office)
    visible = set(restrict(Unit.objects.all(), staff_long_an).values_list("pk", flat=True))
    assert visible == {sector.district.pk, old_office.pk}
    assert scope_paths(leader_lao_cai) == [sector.thads_lao_cai.path]


def test_a_sibling_whose_id_extends_yours_stays_out_of_scope(
    sector, person_lao_cai, leader_long_an
):
    """Lào Cai (…/30/) does not lie under Long An (…/3/): paths are compared with their "/"."""
    assert sector.thads_lao_cai.path == f"{sector.thads_long_an.path[:-1]}0/"
    leader = leader_long_an

    visible = set(restrict(Unit.objects.all(), leader).values_list("code", flat=True))
    assert visible == {"thads-long-an", "thads-long-an-kv1"}
    assert not restrict(Person.objects.filter(pk=person_lao_cai.pk), leader).exists()
    assert not has_role(leader, sector.thads_lao_cai, UnitRole.Role.LEADER)
    with pytest.raises(Http404):
        get_visible_or_404(Unit.objects.all(), leader, pk=sector.thads_lao_cai.pk)


def test_an_anonymous_user_sees_nothing_and_holds_nothing(sector):
    nobody = AnonymousUser()
    assert (is_admin(nobody), scope_paths(nobody), user_roles(nobody)) == (False, [], [])
    assert not restrict(Unit.objects.all(), nobody).exists()


def test_a_users_roles_are_listed_outermost_first(sector, leader_lao_cai):
    UnitRole.objects.create(user=leader_lao_cai, unit=sector.hq, role=UnitRole.Role.STAFF)
    assert user_roles(leader_lao_cai) == [
        (sector.hq, UnitRole.Role.STAFF),
        (sector.thads_lao_cai, UnitRole.Role.LEADER),
    ]
    assert not is_admin(leader_lao_cai)


def test_a_grouping_of_two_units_in_scope_is_listed_once(sector, leader_long_an):
    """Scoping a cluster goes through its memberships: one row per cluster all the same."""
    block = ClusterFactory(name="Khối thi đua Nội chính tỉnh Long An")
    ClusterMembershipFactory(cluster=block, unit=sector.thads_long_an)
    ClusterMembershipFactory(cluster=block, unit=sector.district)
    ClusterMembershipFactory(cluster=ClusterFactory(), unit=sector.thads_lao_cai)
    assert list(restrict(Cluster.objects.all(), leader_long_an)) == [block]
    assert restrict(Cluster.objects.all(), leader_long_an).count() == 1


def test_a_campaign_reaching_two_of_your_units_is_listed_once(sector, leader_long_an):
    """A campaign's scope crosses a many-valued relation: two scope units in one subtree
    must not make it two rows (restrict filters by a subquery there)."""
    campaign = CampaignFactory(
        launched_by=sector.thads_long_an, scope_units=[sector.thads_long_an, sector.district]
    )
    CampaignFactory(launched_by=sector.thads_lao_cai, scope_units=[sector.thads_lao_cai])
    assert list(restrict(Campaign.objects.all(), leader_long_an)) == [campaign]
    assert restrict(Campaign.objects.all(), leader_long_an).count() == 1


def test_a_session_of_a_council_of_three_is_listed_once_in_its_unit(sector, leader_long_an):
    """A session is seen in its council's unit or by a member: the members' join must not
    repeat the session once per member."""
    council = CouncilFactory(unit=sector.thads_long_an)
    for _ in range(3):
        CouncilMemberFactory(council=council)
    CouncilMemberFactory(council=council, user=leader_long_an)
    session = CouncilSession.objects.create(council=council, date=datetime.date(2026, 11, 20))
    assert list(restrict(CouncilSession.objects.all(), leader_long_an)) == [session]
    assert restrict(CouncilSession.objects.all(), leader_long_an).count() == 1


def test_a_pledge_of_a_grouping_with_two_of_your_units_is_listed_once(sector, leader_long_an):
    """A pledge is scoped through its grouping's memberships (cluster, then a many-valued
    relation): two member units in one subtree must not make it two rows."""
    block = ClusterFactory(name="Khối thi đua Nội chính tỉnh Long An")
    ClusterMembershipFactory(cluster=block, unit=sector.thads_long_an)
    ClusterMembershipFactory(cluster=block, unit=sector.district)
    pledge = PledgeFactory(cluster=block)
    assert list(restrict(Pledge.objects.all(), leader_long_an)) == [pledge]
    assert restrict(Pledge.objects.all(), leader_long_an).count() == 1
