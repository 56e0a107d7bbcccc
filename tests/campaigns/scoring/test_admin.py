"""The Django admin of scoring: lists load, and actions go through the services."""

import pytest
from django.urls import reverse

from campaigns.models import AwardSuggestion, Scorecard, ScoreSheet, ScoringRound
from tests.campaigns.scoring.helpers import build_sheet
from thidua.core.audit import history


@pytest.mark.parametrize("model", [ScoreSheet, ScoringRound, Scorecard, AwardSuggestion])
def test_admin_lists_load(model, login, admin_user, grouping):
    url = reverse(f"admin:campaigns_{model._meta.model_name}_changelist")
    assert login(admin_user).get(url).status_code == 200


def test_publish_action_refuses_an_unbalanced_sheet_with_its_reason(
    login, admin_user, sector, this_year
):
    sheet = build_sheet(year=this_year, status=ScoreSheet.Status.DRAFT)
    sheet.total = 150
    sheet.save()
    response = login(admin_user).post(
        reverse("admin:campaigns_scoresheet_changelist"),
        {"action": "publish", "_selected_action": [sheet.pk]},
        follow=True,
    )
    assert "thừa 50 điểm" in response.content.decode()
    sheet.refresh_from_db()
    assert sheet.status == ScoreSheet.Status.DRAFT


def test_copy_action_makes_next_years_draft(login, admin_user, grouping, this_year):
    login(admin_user).post(
        reverse("admin:campaigns_scoresheet_changelist"),
        {"action": "copy_next_year", "_selected_action": [grouping.sheet.pk]},
    )
    assert ScoreSheet.objects.filter(year=this_year + 1, status="draft").count() == 1


def test_the_panel_is_named_on_the_round(login, admin_user, grouping, panel_user):
    round_url = reverse("admin:campaigns_scoringround_change", args=[grouping.year_end.pk])
    client = login(admin_user)
    assert client.get(round_url).status_code == 200
    client.post(round_url, {"deadline": "", "panel": [panel_user.pk]})
    assert list(grouping.year_end.panel.all()) == [panel_user]

    assert [e.comment for e in history(grouping.year_end)] == ["Tổ chấm điểm: Người dùng"]
