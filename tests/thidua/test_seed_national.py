"""``manage.py seed_national`` at a small size, and the plan it sizes at full scale."""

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.models import Conferment, Decision
from thidua.demo.geography import MERGERS, PROVINCES
from thidua.demo.plans import apportion, national_plan
from units.models import AgencyType, Assignment, Person, Unit

SMALL = ["--units", "60", "--people", "300", "--per-year", "300", "--years", "2"]


def test_a_small_national_seed_has_exactly_the_requested_counts(db):
    out = StringIO()
    call_command("seed_national", *SMALL, stdout=out)
    assert Unit.objects.count() == 60
    assert Person.objects.count() == 300
    per_year = Counter(Conferment.objects.values_list("year", flat=True))
    assert per_year == {2024: 300, 2025: 300}
    assert Decision.objects.exists()
    assert not Conferment.objects.filter(decision__isnull=True).exists()
    # Both structures are there, with the 2025 move of the district offices' staff.
    local = Unit.objects.filter(agency_type=AgencyType.THADS_LOCAL)
    assert local.filter(name__startswith="Chi cục").exists()
    assert local.filter(name__startswith="Phòng").exists()
    assert Assignment.objects.filter(end__isnull=True).count() == 300
    moved = Assignment.objects.filter(
        end=datetime.date(2025, 6, 30), unit__name__startswith="Chi cục"
    ).values("person")
    arrived = Assignment.objects.filter(
        person__in=moved, start=datetime.date(2025, 7, 1), unit__name__startswith="Phòng"
    )
    assert arrived.count() == moved.count() > 0
    assert "Đã tạo 60 đơn vị, 300 cán bộ" in out.getvalue()
    assert " giây." in out.getvalue()


def test_it_refuses_a_seeded_database_unless_reset(db):
    call_command("seed_national", *SMALL, stdout=StringIO())
    with pytest.raises(CommandError, match="--reset"):
        call_command("seed_national", *SMALL, stdout=StringIO())
    call_command("seed_national", *SMALL, "--people", "200", "--reset", stdout=StringIO())
    assert Person.objects.count() == 200
    assert Unit.objects.count() == 60


def test_both_seeds_refuse_a_database_with_other_data(sector):
    for command in ("seed_national", "seed_demo"):
        with pytest.raises(CommandError, match="không phải do lệnh tạo dữ liệu mẫu"):
            call_command(command, "--reset", stdout=StringIO())
    assert Unit.objects.count() == 5


def test_too_few_units_is_a_clear_error(db):
    with pytest.raises(CommandError, match="Cần ít nhất"):
        call_command("seed_national", "--units", "10", stdout=StringIO())
    assert not Unit.objects.exists()


def test_the_full_plan_is_the_real_63_to_34_structure():
    plan = national_plan(units=1228, people=15000, per_year=15000, years=10)
    olds = [old.name for group in plan.groups for old in group.members]
    assert len(plan.groups) == 34 and len(olds) == 63 == len(set(olds)) == len(PROVINCES)
    assert {name for name, _members in MERGERS} <= set(PROVINCES)
    offices = sum(len(old.districts) for group in plan.groups for old in group.members)
    assert abs(offices - 700) <= 5
    assert abs(sum(group.offices for group in plan.groups) - 355) <= 5
    codes = [code for group in plan.groups for old in group.members for _n, code in old.districts]
    assert len(codes) == len(set(codes))
    assert list(plan.award_years) == list(range(2016, 2026))


def test_apportion_keeps_the_total_and_the_minimum():
    assert sorted(apportion(10, [1, 1, 1])) == [3, 3, 4]
    assert apportion(7, [100, 1, 1], minimum=1) == [5, 1, 1]
    assert sum(apportion(355, [30, 9, 8, 15], minimum=1)) == 355


def test_the_seed_ends_with_analyze_on_postgresql(db):

    out = StringIO()
    with CaptureQueriesContext(connection) as captured:
        call_command("seed_national", *SMALL, stdout=out)
    analyzed = any(query["sql"] == "ANALYZE" for query in captured.captured_queries)
    assert analyzed == (connection.vendor == "postgresql")
    assert ("ANALYZE" in out.getvalue()) == analyzed
