"""Year-end places become award suggestions a leader accepts (into a draft proposal) or drops."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards.models import Nominee, Proposal
from awards.services import suggestions
from campaigns.models import AwardSuggestion, Scorecard, ScoringRound
from campaigns.scoring.services import rounds
from campaigns.scoring.workflow import SUGGESTION_WORKFLOW
from tests.campaigns.scoring.helpers import fill
from tests.factories import UnitRoleFactory, UserFactory

S = AwardSuggestion.Status


def test_the_table_is_declared_once_with_its_states_and_roles(transition_table):
    """Leaders of the suggested unit decide, and so do the round's reviewers."""
    assert transition_table(SUGGESTION_WORKFLOW) == {
        "accept": ({S.SUGGESTED}, S.ACCEPTED, {"leader"}, False),
        "drop": ({S.SUGGESTED, S.ACCEPTED}, S.DROPPED, {"leader"}, True),
        "restore": ({S.DROPPED}, S.SUGGESTED, {"leader"}, False),
    }


def _finalise(scoring_round, by):
    ScoringRound.objects.filter(pk=scoring_round.pk).update(status=ScoringRound.Status.REVIEW)
    scoring_round.refresh_from_db()
    rounds.round_transition(by=by, scoring_round=scoring_round, name="finalise")


@pytest.fixture
def finalised(grouping, leader_lao_cai):
    """Year-end ranking 1, 2, 2, 4: Lào Cai, then Long An and Tuyên Quang tied, Sơn La."""
    g = grouping
    fill(g.year_end, g.lao_cai)
    fill(g.year_end, g.long_an, {"2.1": 30})
    fill(g.year_end, g.tuyen_quang, {"2.2": 30})
    fill(g.year_end, g.son_la, {"2.1": 20})
    _finalise(g.year_end, leader_lao_cai)
    return {s.unit: s for s in AwardSuggestion.objects.filter(round=g.year_end)}


def test_configured_places_become_suggestions_with_ties_shared(grouping, finalised, flag_awards):
    g = grouping
    assert {u: (s.place, s.award) for u, s in finalised.items()} == {
        g.lao_cai: (1, flag_awards.flag),
        g.long_an: (2, flag_awards.merit),
        g.tuyen_quang: (2, flag_awards.merit),
    }
    assert all(s.status == S.SUGGESTED for s in finalised.values())


def test_a_mid_year_round_proposes_nothing(grouping, leader_lao_cai):
    fill(grouping.mid_year, grouping.lao_cai)
    _finalise(grouping.mid_year, leader_lao_cai)
    assert not AwardSuggestion.objects.exists()


def test_the_grouping_leader_accepts_and_the_unit_makes_the_proposal(
    grouping, finalised, leader_lao_cai, leader_long_an
):

    suggestion = finalised[grouping.long_an]
    suggestions.suggestion_decide(by=leader_lao_cai, suggestion=suggestion, name="accept")
    suggestion.refresh_from_db()
    assert suggestion.status == S.ACCEPTED and suggestion.decided_by == leader_lao_cai
    assert not suggestion.is_proposed  # Lào Cai cannot propose for Long An
    with pytest.raises(ValidationError):
        suggestions.suggestion_to_proposal(by=leader_lao_cai, suggestion=suggestion)
    nominee = suggestions.suggestion_to_proposal(by=leader_long_an, suggestion=suggestion)
    assert nominee.unit == grouping.long_an
    assert nominee.award == suggestion.award
    assert nominee.achievement.startswith("Đồng hạng nhì, loại B, Khối thi đua")
    proposal = nominee.proposal
    assert (proposal.status, proposal.proposing_unit) == (Proposal.Status.DRAFT, grouping.long_an)
    suggestion.refresh_from_db()
    assert suggestion.nominee == Nominee.objects.get(pk=nominee.pk)


def test_the_units_own_leader_accepting_goes_straight_into_a_proposal(
    grouping, finalised, leader_long_an
):
    suggestion = finalised[grouping.long_an]
    suggestions.suggestion_decide(by=leader_long_an, suggestion=suggestion, name="accept")
    suggestion.refresh_from_db()
    assert suggestion.is_proposed
    with pytest.raises(ValidationError, match="đã thành dòng đề nghị"):
        suggestions.suggestion_decide(
            by=leader_long_an, suggestion=suggestion, name="drop", comment="Trùng đề nghị."
        )


def test_staff_of_the_unit_or_a_leader_of_another_member_cannot_accept(
    grouping, finalised, staff_long_an_province
):
    other = UserFactory(username="leader_tuyen_quang")
    UnitRoleFactory(user=other, unit=grouping.tuyen_quang, role="leader")
    suggestion = finalised[grouping.long_an]
    for actor in (staff_long_an_province, other):
        with pytest.raises(ValidationError, match="Bạn không có quyền chấp nhận") as refused:
            suggestions.suggestion_decide(by=actor, suggestion=suggestion, name="accept")
        assert refused.value.code == "role"
    suggestion.refresh_from_db()
    assert suggestion.status == S.SUGGESTED


def test_a_leader_drops_one_of_two_tied_suggestions_and_may_restore_it(
    grouping, finalised, leader_lao_cai, staff_long_an_province
):
    suggestion = finalised[grouping.tuyen_quang]
    with pytest.raises(ValidationError, match="không có quyền"):
        suggestions.suggestion_decide(
            by=staff_long_an_province,
            suggestion=finalised[grouping.long_an],
            name="drop",
            comment="Đồng hạng.",
        )
    with pytest.raises(ValidationError, match="Cần ghi rõ lý do"):
        suggestions.suggestion_decide(by=leader_lao_cai, suggestion=suggestion, name="drop")
    suggestions.suggestion_decide(
        by=leader_lao_cai,
        suggestion=suggestion,
        name="drop",
        comment="Hội nghị suy tôn đơn vị đồng hạng còn lại.",
    )
    suggestion.refresh_from_db()
    assert suggestion.status == S.DROPPED
    suggestions.suggestion_decide(by=leader_lao_cai, suggestion=suggestion, name="restore")
    suggestion.refresh_from_db()
    assert suggestion.status == S.SUGGESTED


def test_accept_and_drop_from_the_round_page(grouping, finalised, login, leader_lao_cai):
    client = login(leader_lao_cai)
    page = client.get(reverse("campaigns:scoring_round", args=[grouping.year_end.pk]))
    assert "Cờ thi đua ngành Tư pháp" in page.content.decode()
    url = reverse("campaigns:scoring_suggestion_decide", args=[finalised[grouping.lao_cai].pk])
    response = client.post(url, {"transition": "accept"}, follow=True)
    assert (
        "Thi hành án dân sự tỉnh Lào Cai đã được đưa vào đề nghị khen thưởng (dự thảo): "
        "Cờ thi đua ngành Tư pháp." in response.content.decode()
    )
    finalised[grouping.lao_cai].refresh_from_db()
    assert finalised[grouping.lao_cai].is_proposed  # Lào Cai proposes itself
    response = client.post(url, {"transition": "bogus"}, follow=True)
    assert "không tồn tại" in response.content.decode()


def test_finalising_keeps_cards_read_only(grouping, finalised, staff_long_an_province, login):
    response = login(staff_long_an_province).get(
        reverse("campaigns:scoring_scorecard", args=[grouping.year_end.pk, grouping.long_an.pk])
    )
    assert response.context["form"] is None
    assert "đã chốt kết quả" in response.content.decode()
    assert (
        Scorecard.objects.get(round=grouping.year_end, unit=grouping.long_an).status == "reviewed"
    )
