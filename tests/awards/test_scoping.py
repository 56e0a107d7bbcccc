"""One rule decides who sees a proposal, wherever it is read.

A proposal of Long An forwarded to its sibling Lào Cai (the authority's unit) is seen by
Lào Cai's leader in the proposal list and its Excel export, on its page, in the dashboard's
count of proposals waiting and in the report scope of their unit; a staff member of a Long An
office (outside the proposing unit's scope) sees it nowhere. The dashboard once counted it
through another rule than the list did (issue #14).
"""

import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from awards import selectors
from awards.models import Proposal
from tests.factories import ProposalFactory
from units.access import restrict, within

YEAR = timezone.localdate().year


@pytest.fixture
def forwarded(sector):
    """Long An's proposal, forwarded to Lào Cai, where it now waits for appraisal."""
    return ProposalFactory(
        proposing_unit=sector.thads_long_an,
        authority_unit=sector.thads_lao_cai,
        current_unit=sector.thads_lao_cai,
        status=Proposal.Status.FORWARDED,
        forwarded_at=timezone.now(),
        year=YEAR,
    )


def _waiting(client, unit) -> int:
    response = client.get(reverse("dashboard"), {"year": YEAR, "scope": f"unit:{unit.pk}"})
    assert response.status_code == 200
    return dict(response.context["proposals"])[Proposal.Status.FORWARDED.label]


def _exported(client) -> list[str]:
    """The titles in the proposals list's Excel export (column B, under the header)."""
    response = client.get(reverse("awards:proposal_export"), {"year": YEAR})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_the_addressed_leader_sees_a_forwarded_proposal_everywhere(
    forwarded, sector, leader_lao_cai, login
):
    client = login(leader_lao_cai)
    assert list(restrict(Proposal.objects.all(), leader_lao_cai)) == [forwarded]
    assert list(selectors.proposal_list(user=leader_lao_cai)) == [forwarded]
    assert forwarded.title in client.get(reverse("awards:proposals")).content.decode()
    assert _exported(client) == [forwarded.title]
    detail = client.get(reverse("awards:proposal_detail", args=[forwarded.pk]))
    assert detail.status_code == 200
    assert _waiting(client, sector.thads_lao_cai) == 1
    # The report scope of Lào Cai (a unit, not the user) follows the same rule.
    assert list(within(Proposal.objects.all(), [sector.thads_lao_cai.path])) == [forwarded]


def test_a_draft_addressed_to_a_sibling_is_not_seen_there(sector, leader_lao_cai, login):
    draft = ProposalFactory(
        proposing_unit=sector.thads_long_an,
        authority_unit=sector.thads_lao_cai,
        current_unit=sector.thads_long_an,
        year=YEAR,
    )
    assert list(restrict(Proposal.objects.all(), leader_lao_cai)) == []
    response = login(leader_lao_cai).get(reverse("awards:proposal_detail", args=[draft.pk]))
    assert response.status_code == 404
    assert _waiting(login(leader_lao_cai), sector.thads_lao_cai) == 0


def test_a_user_of_another_unit_sees_it_nowhere(forwarded, staff_long_an, login):
    client = login(staff_long_an)
    assert list(selectors.proposal_list(user=staff_long_an)) == []
    response = client.get(reverse("awards:proposal_detail", args=[forwarded.pk]))
    assert response.status_code == 404
    assert forwarded.title not in client.get(reverse("awards:proposals")).content.decode()
    assert _exported(client) == []
