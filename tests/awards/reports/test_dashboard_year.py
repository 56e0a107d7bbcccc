"""The dashboard opens on the latest year that has data in the user's scope."""

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import Decision
from campaigns.models import Registration
from tests.factories import (
    PASSWORD,
    CampaignFactory,
    ConfermentFactory,
    DecisionFactory,
    RegistrationFactory,
)

THIS_YEAR = timezone.localdate().year


def _opens_on(client, user, **query) -> str:
    client.login(username=user.username, password=PASSWORD)
    response = client.get(reverse("dashboard"), query)
    assert response.status_code == 200
    page = response.content.decode()
    return page.split('<select id="id_year"')[1].split(" selected>")[1].split("<")[0]


@pytest.fixture
def history(sector):
    """Lào Cai: a conferment two years ago, a registration last year; Long An: this year's
    conferment; a conferment of next year and a revoked decision's one for Lào Cai."""
    ConfermentFactory(unit=sector.thads_lao_cai, year=THIS_YEAR - 2)
    campaign = CampaignFactory(launched_by=sector.ministry)
    RegistrationFactory(
        campaign=campaign,
        unit=sector.thads_lao_cai,
        year=THIS_YEAR - 1,
        status=Registration.Status.SUBMITTED,
    )
    ConfermentFactory(unit=sector.thads_long_an, year=THIS_YEAR)
    ConfermentFactory(unit=sector.thads_lao_cai, year=THIS_YEAR + 1)


def test_a_leader_lands_on_the_latest_year_of_their_units_data(client, history, leader_lao_cai):
    assert _opens_on(client, leader_lao_cai) == str(THIS_YEAR - 1)


def test_the_sector_lands_on_this_year_when_it_has_data(client, history, admin_user):
    assert _opens_on(client, admin_user) == str(THIS_YEAR)


def test_the_unit_scope_reads_only_that_units_data(client, history, sector, admin_user):
    assert _opens_on(client, admin_user, scope=f"unit:{sector.thads_lao_cai.pk}") == str(
        THIS_YEAR - 1
    )


def test_a_revoked_decision_is_no_data(client, sector, leader_lao_cai):
    revoked = DecisionFactory(issuing_unit=sector.ministry, status=Decision.Status.REVOKED)
    ConfermentFactory(decision=revoked, unit=sector.thads_lao_cai, year=THIS_YEAR - 3)
    ConfermentFactory(unit=sector.thads_lao_cai, year=THIS_YEAR - 4)

    assert _opens_on(client, leader_lao_cai) == str(THIS_YEAR - 4)


def test_without_data_the_dashboard_opens_on_this_year(client, leader_lao_cai):
    assert _opens_on(client, leader_lao_cai) == str(THIS_YEAR)


def test_a_year_asked_for_is_kept(client, history, leader_lao_cai):
    assert _opens_on(client, leader_lao_cai, year=THIS_YEAR - 2) == str(THIS_YEAR - 2)
