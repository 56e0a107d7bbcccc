"""A grouping's name and existence by date, like units: a year's pages show that year's
name, and a grouping founded later is not listed in earlier years nor takes members then."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import ClusterFactory, ClusterMembershipFactory
from units import memberships
from units.models import ClusterMembership, ClusterName


@pytest.fixture
def renamed(sector):
    """Named "Cụm thi đua số 5" until 30/06/2025, "Cụm thi đua Miền Tây" since."""
    cluster = ClusterFactory(name="Cụm thi đua Miền Tây")
    ClusterName.objects.create(
        cluster=cluster, name="Cụm thi đua số 5", used_until=datetime.date(2025, 6, 30)
    )
    for year in (2024, 2026):
        ClusterMembershipFactory(cluster=cluster, unit=sector.thads_long_an, year=year)
    return cluster


def test_the_name_follows_the_date(renamed):
    assert renamed.name_in(2024) == "Cụm thi đua số 5"
    assert renamed.name_on(datetime.date(2025, 6, 30)) == "Cụm thi đua số 5"
    assert renamed.name_in(2025) == "Cụm thi đua Miền Tây"  # the name at the year's end


def test_pages_of_a_year_show_that_years_name(renamed, login, admin_user):
    client = login(admin_user)
    old = client.get(reverse("units:clusters"), {"year": 2024}).content.decode()
    assert "Cụm thi đua số 5" in old and "nay là Cụm thi đua Miền Tây" in old
    detail = client.get(reverse("units:cluster", args=[renamed.pk]), {"year": 2024})
    assert '<h1 class="h3">Cụm thi đua số 5' in detail.content.decode()
    assert "Tên hiện nay: Cụm thi đua Miền Tây" in detail.content.decode()


def test_a_grouping_founded_later_is_not_in_earlier_years(sector, login, admin_user):
    founded = ClusterFactory(name="Khối thi đua mới 2025", valid_from=datetime.date(2025, 7, 1))
    client = login(admin_user)
    assert (
        "Khối thi đua mới 2025"
        not in client.get(reverse("units:clusters"), {"year": 2018}).content.decode()
    )
    assert (
        "Khối thi đua mới 2025"
        in client.get(reverse("units:clusters"), {"year": 2025}).content.decode()
    )
    early = ClusterMembership(cluster=founded, unit=sector.thads_long_an, year=2018)
    with pytest.raises(ValidationError) as refused:
        early.full_clean()
    assert refused.value.message_dict["year"] == [
        "“Khối thi đua mới 2025” chưa có trong năm 2018 (thành lập từ 01/07/2025)."
    ]
    with pytest.raises(ValidationError, match="chưa có trong năm 2018"):
        memberships.memberships_copy(by=admin_user, cluster=founded, from_year=2025, to_year=2018)
