"""Historical work from the ordinary screens: a campaign of any past year names units and
groupings as they were that year (the tree is dated), from the ordinary launch form."""

import datetime

import pytest
from django.urls import reverse

from campaigns.models import Campaign
from campaigns.services import RegistrationRow, registrations_save_bulk
from tests.factories import (
    CampaignFactory,
    ClusterFactory,
    ClusterMembershipFactory,
    PersonFactory,
    UnitFactory,
)
from units.models import AgencyType, Assignment
from units.services import person_assign


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def old_tree(sector):
    """A district office abolished with the 2025 restructuring, and a grouping of 2007."""
    chi_cuc = UnitFactory(
        name="Chi cục Thi hành án dân sự huyện Bến Lức",
        code="cc-ben-luc",
        parent=sector.thads_long_an,
        agency_type=AgencyType.THADS_LOCAL,
        valid_from=datetime.date(2005, 1, 1),
        valid_to=datetime.date(2025, 6, 30),
    )
    block = ClusterFactory(name="Khối thi đua các Chi cục THADS Long An", is_active=False)
    ClusterMembershipFactory(cluster=block, unit=chi_cuc, year=2007)
    return chi_cuc, block


def _data(start, end, **extra):
    return {
        "name": "Phong trào thi đua năm 2007",
        "kind": "regular",
        "authority_name": "Cục Thi hành án dân sự tỉnh Long An",
        "start_date": start,
        "end_date": end,
        "phases-TOTAL_FORMS": "0",
        "phases-INITIAL_FORMS": "0",
        "targets-TOTAL_FORMS": "0",
        "targets-INITIAL_FORMS": "0",
        **extra,
    }


def test_a_2007_campaign_is_made_from_the_ordinary_form_with_a_unit_since_abolished(
    client, admin_user, sector, old_tree
):
    chi_cuc, block = old_tree
    client.force_login(admin_user)
    today_form = text(client.get(reverse("campaigns:create")))
    form_2007 = text(client.get(reverse("campaigns:create"), {"start_date": "01/01/2007"}))
    assert "Bến Lức" not in today_form and "Bến Lức" in form_2007
    assert block.name not in today_form and block.name in form_2007
    assert "Phòng Thi hành án dân sự khu vực 1" not in form_2007  # founded 01/07/2025

    response = client.post(
        reverse("campaigns:create"),
        _data("01/01/2007", "31/12/2007", scope_units=[chi_cuc.pk], scope_clusters=[block.pk]),
    )

    campaign = Campaign.objects.get()
    assert response.url == reverse("campaigns:detail", kwargs={"pk": campaign.pk})
    assert list(campaign.scope_units.all()) == [chi_cuc]
    assert campaign.start_date.year == 2007
    # Editing it later still lists the 2007 units.
    edit = text(client.get(reverse("campaigns:edit", kwargs={"pk": campaign.pk})))
    assert "Bến Lức" in edit and "như trong năm 2007" in edit


def test_a_unit_founded_in_2025_is_refused_for_2018_with_its_reason(client, admin_user, sector):
    client.force_login(admin_user)

    response = client.post(
        reverse("campaigns:create"),
        _data(
            "01/01/2018",
            "31/12/2018",
            scope_units=[sector.district.pk],
            launched_by=sector.district.pk,
        ),
    )

    assert response.status_code == 200
    message = (
        "“Phòng Thi hành án dân sự khu vực 1 – Long An” chưa có trong năm 2018 "
        "(thành lập từ 01/07/2025)."
    )
    assert text(response).count(message) == 2  # the launcher and the scope
    assert not Campaign.objects.exists()


def test_the_year_parameter_picks_the_units_of_that_year(client, admin_user, sector, old_tree):
    client.force_login(admin_user)
    assert "Bến Lức" in text(client.get(reverse("campaigns:create"), {"year": "2010"}))
    assert "Bến Lức" not in text(client.get(reverse("campaigns:create"), {"year": "2026"}))


# --- Registrations of a past year: people as they were that year -------------------------


@pytest.fixture
def campaign_2018(sector, catalogue):
    return CampaignFactory(
        start_date=datetime.date(2018, 1, 1),
        end_date=datetime.date(2018, 12, 31),
        scope_units=[sector.thads_long_an],
        awards=[catalogue.ldtt],
    )


@pytest.fixture
def moved(sector, old_tree):
    """Nguyễn Văn Tâm: at Bến Lức until the restructuring, in the regional office since."""
    chi_cuc, _block = old_tree
    person = PersonFactory(full_name="Nguyễn Văn Tâm")
    Assignment.objects.create(
        person=person,
        unit=chi_cuc,
        position="Chấp hành viên",
        start=datetime.date(2010, 3, 1),
        end=datetime.date(2025, 6, 30),
    )
    person_assign(
        person=person,
        unit=sector.district,
        position="Chấp hành viên",
        start=datetime.date(2025, 7, 1),
    )
    return person


def test_a_2018_campaign_registers_people_in_the_unit_they_were_in_that_year(
    client, admin_user, sector, old_tree, campaign_2018, catalogue, moved
):
    chi_cuc, _block = old_tree
    newcomer = PersonFactory(full_name="Lê Thị Mới", assigned_to=sector.district)  # since 2020
    client.force_login(admin_user)
    url = reverse("campaigns:unit_people", kwargs={"pk": campaign_2018.pk, "unit_pk": chi_cuc.pk})

    page = text(client.get(url, {"year": 2018}))
    assert "Nguyễn Văn Tâm" in page and newcomer.full_name not in page

    result = registrations_save_bulk(
        by=admin_user,
        campaign=campaign_2018,
        unit=chi_cuc,
        year=2018,
        rows=[RegistrationRow(award=catalogue.ldtt, person=moved)],
    )
    refused = registrations_save_bulk(
        by=admin_user,
        campaign=campaign_2018,
        unit=sector.district,
        year=2018,
        rows=[RegistrationRow(award=catalogue.ldtt, person=moved)],
    )

    assert result.ok and result.registrations[0].unit == chi_cuc
    assert refused.errors == {
        0: [
            "Nguyễn Văn Tâm không thuộc Phòng Thi hành án dân sự khu vực 1 – Long An trong năm "
            "2018 nên không đăng ký được ở đây."
        ]
    }
