import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from tests.factories import PersonFactory, UnitFactory, UnitRoleFactory, UserFactory
from thidua.access import get_visible_or_404, has_role, restrict, scope_paths
from units.models import Person, Unit, UnitRole
from units.services import person_assign, rebuild_paths, unit_has_history


def test_subtree_is_a_prefix_query(sector):
    subtree = set(Unit.objects.subtree_of(sector.thads_long_an).values_list("code", flat=True))
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
    assert unit_has_history(sector.district)
    with pytest.raises(ValidationError, match="ngừng hoạt động"):
        sector.district.delete()
    empty = UnitFactory(parent=sector.hq)
    assert not unit_has_history(empty)
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


def test_a_sibling_whose_id_extends_yours_stays_out_of_scope(sector, person_lao_cai):
    """Lào Cai (…/30/) does not lie under Long An (…/3/): paths are compared with their "/"."""
    assert sector.thads_lao_cai.path == f"{sector.thads_long_an.path[:-1]}0/"
    leader = UserFactory(username="leader_long_an")
    UnitRoleFactory(user=leader, unit=sector.thads_long_an, role=UnitRole.Role.LEADER)

    visible = set(restrict(Unit.objects.all(), leader).values_list("code", flat=True))
    assert visible == {"thads-long-an", "thads-long-an-kv1"}
    assert not restrict(Person.objects.filter(pk=person_lao_cai.pk), leader).exists()
    assert not has_role(leader, sector.thads_lao_cai, UnitRole.Role.LEADER)
    with pytest.raises(Http404):
        get_visible_or_404(Unit.objects.all(), leader, pk=sector.thads_lao_cai.pk)
