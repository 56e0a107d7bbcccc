"""Cash rewards multiply the base salary in force on the decision's date."""

import datetime
from decimal import Decimal

import pytest

from awards.catalogue.models import BaseSalary
from awards.catalogue.salary import base_salary_on, seed_base_salaries
from awards.services.cash import cash_amounts
from tests.factories import AwardRuleFactory, NomineeFactory

D = datetime.date


@pytest.fixture
def salaries(db, settings):
    settings.THIDUA_BASE_SALARY = None
    seed_base_salaries()


@pytest.mark.parametrize(
    ("day", "amount"),
    [
        (D(2024, 6, 30), 1_800_000),
        (D(2024, 7, 1), 2_340_000),
        (D(2023, 7, 1), 1_800_000),
        (D(2019, 6, 30), 1_390_000),
        (D(2010, 5, 1), 730_000),
    ],
)
def test_the_base_salary_is_the_one_in_force_on_the_day(salaries, day, amount):
    assert base_salary_on(day) == Decimal(amount)


def test_before_the_first_known_amount_there_is_none(salaries):
    assert base_salary_on(D(2010, 4, 30)) is None


def test_the_setting_overrides_the_table_for_every_date(salaries, settings):
    settings.THIDUA_BASE_SALARY = 2_000_000
    assert base_salary_on(D(2012, 1, 1)) == Decimal(2_000_000)


def test_seeding_again_keeps_an_admins_correction_and_adds_only_what_is_missing(salaries):
    BaseSalary.objects.filter(effective_from=D(2024, 7, 1)).update(amount=2_350_000)
    BaseSalary.objects.filter(effective_from=D(2010, 5, 1)).delete()

    assert seed_base_salaries() == 1
    assert base_salary_on(D(2025, 1, 1)) == Decimal(2_350_000)
    assert base_salary_on(D(2010, 5, 1)) == Decimal(730_000)
    assert BaseSalary.objects.filter(unverified=True).count() == 10


def test_a_reward_is_paid_at_the_salary_of_the_decision_date(salaries):
    nominee = NomineeFactory()
    AwardRuleFactory(award=nominee.award, cash_multiplier=Decimal("1.0"))

    before = cash_amounts([nominee], D(2024, 6, 28))
    after = cash_amounts([nominee], D(2024, 7, 1))

    assert before == {nominee.pk: Decimal(1_800_000)}
    assert after == {nominee.pk: Decimal(2_340_000)}
    assert cash_amounts([nominee], D(2009, 1, 1)) == {nominee.pk: None}
