"""The score sheet says who proposes from the ranking: each unit for itself (default), or
the grouping's leader unit in one proposal of the grouping (Lào Cai leads the grouping)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards.models import Proposal
from awards.services import suggestions
from awards.services.nominees import nominee_add
from awards.services.proposals import proposal_create
from campaigns.models import AwardSuggestion, ScoreSheet, ScoringConference, ScoringRound
from campaigns.scoring.services import rounds
from tests.campaigns.scoring.helpers import fill
from tests.factories import ClusterMembershipFactory, UnitFactory

S = AwardSuggestion.Status
CLUSTER_NAME = "Khối thi đua các cơ quan THADS miền núi phía Bắc"


def _finalise(grouping, by):
    g = grouping
    fill(g.year_end, g.lao_cai)
    fill(g.year_end, g.long_an, {"2.1": 30})
    fill(g.year_end, g.tuyen_quang, {"2.2": 30})
    fill(g.year_end, g.son_la, {"2.1": 20})
    ScoringRound.objects.filter(pk=g.year_end.pk).update(status=ScoringRound.Status.REVIEW)
    g.year_end.refresh_from_db()
    rounds.round_transition(by=by, scoring_round=g.year_end, name="finalise")
    return {
        s.unit: s
        for s in AwardSuggestion.objects.filter(round=g.year_end).select_related(
            "round__sheet", "round__cluster", "unit", "award__authority"
        )
    }


@pytest.fixture
def by_leader(grouping, leader_lao_cai):
    """The sheet in leader mode, the year-end round finalised: 1 Lào Cai (flag), 2 Long An
    and Tuyên Quang tied (Bằng khen)."""
    ScoreSheet.objects.filter(pk=grouping.sheet.pk).update(proposer=ScoreSheet.Proposer.LEADER)
    grouping.year_end.sheet.refresh_from_db()
    return _finalise(grouping, leader_lao_cai)


def test_the_sheet_form_and_page_say_who_proposes(login, admin_user, this_year):
    client = login(admin_user)
    client.post(
        reverse("campaigns:scoring_sheet_create"),
        {
            "name": "Bảng chấm điểm khối",
            "year": this_year,
            "total": "100",
            "proposer": "leader",
            "create": "",
        },
    )
    sheet = ScoreSheet.objects.get(name="Bảng chấm điểm khối")
    assert sheet.proposer == ScoreSheet.Proposer.LEADER
    page = client.get(reverse("campaigns:scoring_sheet", args=[sheet.pk])).content.decode()
    assert "Ai đề nghị khen thưởng theo kết quả: <strong>Trưởng khối đề nghị cho cả khối" in page
    client.post(
        reverse("campaigns:scoring_sheet_create"),
        {"name": "Bảng mặc định", "year": this_year, "total": "100", "create": ""},
    )
    assert ScoreSheet.objects.get(name="Bảng mặc định").proposer == ScoreSheet.Proposer.UNIT


def test_the_leader_collects_accepted_suggestions_in_one_grouping_proposal(
    grouping, by_leader, leader_lao_cai, this_year
):
    for unit in (grouping.lao_cai, grouping.long_an, grouping.tuyen_quang):
        suggestions.suggestion_decide(by=leader_lao_cai, suggestion=by_leader[unit], name="accept")
    proposal = Proposal.objects.get()
    assert proposal.title == f"Đề nghị khen thưởng của {CLUSTER_NAME} năm {this_year}"
    assert (proposal.proposing_unit, proposal.cluster, proposal.status) == (
        grouping.lao_cai,
        grouping.cluster,
        Proposal.Status.DRAFT,
    )
    assert proposal.authority.name == "Bộ trưởng Bộ Tư pháp"
    assert {n.unit for n in proposal.nominees.all()} == {
        grouping.lao_cai,
        grouping.long_an,
        grouping.tuyen_quang,
    }
    for suggestion in by_leader.values():
        suggestion.refresh_from_db()
    assert all(s.nominee.proposal == proposal for s in by_leader.values())


def test_a_members_leader_accepts_and_the_grouping_leader_proposes(
    grouping, by_leader, leader_lao_cai, leader_long_an
):
    suggestion = by_leader[grouping.long_an]
    suggestions.suggestion_decide(by=leader_long_an, suggestion=suggestion, name="accept")
    suggestion.refresh_from_db()
    assert suggestion.status == S.ACCEPTED and not suggestion.is_proposed
    with pytest.raises(ValidationError) as refused:
        suggestions.suggestion_to_proposal(by=leader_long_an, suggestion=suggestion)
    assert refused.value.code == "role"
    nominee = suggestions.suggestion_to_proposal(by=leader_lao_cai, suggestion=suggestion)
    assert (nominee.unit, nominee.proposal.proposing_unit, nominee.proposal.cluster) == (
        grouping.long_an,
        grouping.lao_cai,
        grouping.cluster,
    )
    assert nominee.achievement.startswith(f"Đồng hạng nhì, loại B, {CLUSTER_NAME} năm ")


def test_in_unit_mode_each_unit_proposes_itself(grouping, leader_lao_cai, leader_long_an):
    finalised = _finalise(grouping, leader_lao_cai)
    suggestions.suggestion_decide(
        by=leader_long_an, suggestion=finalised[grouping.long_an], name="accept"
    )
    proposal = Proposal.objects.get()
    assert (proposal.proposing_unit, proposal.cluster) == (grouping.long_an, None)


def test_the_nominee_text_adds_the_conferences_acclaim(grouping, by_leader, leader_lao_cai):
    flag = by_leader[grouping.lao_cai]
    ScoringConference.objects.create(
        round=grouping.year_end,
        held_on=datetime.date(grouping.year_end.year, 12, 20),
        acclaimed=flag,
        present=6,
        votes_for=5,
        votes_against=1,
    )
    suggestions.suggestion_decide(by=leader_lao_cai, suggestion=flag, name="accept")
    flag.refresh_from_db()
    text = flag.nominee.achievement
    assert text.startswith("Hạng nhất, loại A, ")
    assert text.endswith(
        f"Được hội nghị tổng kết ngày 20/12/{grouping.year_end.year} suy tôn: 5/6 đơn vị tán thành."
    )
    merit = by_leader[grouping.long_an]
    suggestions.suggestion_decide(by=leader_lao_cai, suggestion=merit, name="accept")
    merit.refresh_from_db()
    assert "suy tôn" not in merit.nominee.achievement


def test_only_members_of_that_grouping_and_year_may_be_proposed_in_it(
    grouping, leader_lao_cai, flag_awards, sector, this_year
):
    proposal = proposal_create(
        by=leader_lao_cai,
        proposing_unit=grouping.lao_cai,
        authority=flag_awards.merit.authority,
        year=this_year,
        title="Đề nghị của khối",
        cluster=grouping.cluster,
    )
    nominee = nominee_add(
        proposal=proposal, by=leader_lao_cai, award=flag_awards.merit, unit=grouping.son_la
    )
    assert nominee.unit == grouping.son_la
    outsider = UnitFactory(name="Thi hành án dân sự tỉnh Hà Giang", parent=sector.hq)
    last_years = UnitFactory(name="Thi hành án dân sự tỉnh Yên Bái", parent=sector.hq)
    ClusterMembershipFactory(cluster=grouping.cluster, unit=last_years, year=this_year - 1)
    for unit in (outsider, last_years):
        with pytest.raises(ValidationError) as refused:
            nominee_add(proposal=proposal, by=leader_lao_cai, award=flag_awards.merit, unit=unit)
        assert refused.value.messages == [
            f"{unit.name} không thuộc Thi hành án dân sự tỉnh Lào Cai nên không đề nghị được ở đây."
        ]
    own = proposal_create(
        by=leader_lao_cai,
        proposing_unit=grouping.lao_cai,
        authority=flag_awards.merit.authority,
        year=this_year,
        title="Đề nghị của Lào Cai",
    )
    with pytest.raises(ValidationError) as refused:
        nominee_add(proposal=own, by=leader_lao_cai, award=flag_awards.merit, unit=grouping.son_la)
    assert refused.value.code == "scope"


def test_only_the_leader_unit_makes_a_grouping_proposal(
    grouping, leader_long_an, flag_awards, this_year
):
    with pytest.raises(ValidationError) as refused:
        proposal_create(
            by=leader_long_an,
            proposing_unit=grouping.long_an,
            authority=flag_awards.merit.authority,
            year=this_year,
            title="Đề nghị của khối",
            cluster=grouping.cluster,
        )
    assert refused.value.messages == [
        f"Thi hành án dân sự tỉnh Long An không phải Trưởng khối của {CLUSTER_NAME} "
        f"năm {this_year}."
    ]
    assert not Proposal.objects.exists()


def test_a_grouping_without_a_leader_that_year_is_told_so(
    grouping, by_leader, admin_user, this_year
):
    grouping.cluster.memberships.filter(role="leader").update(role="member")
    suggestion = AwardSuggestion.objects.select_related("round__sheet", "round__cluster").get(
        pk=by_leader[grouping.long_an].pk
    )
    suggestions.suggestion_decide(by=admin_user, suggestion=suggestion, name="accept")
    suggestion.refresh_from_db()
    assert not suggestion.is_proposed
    with pytest.raises(ValidationError) as refused:
        suggestions.suggestion_to_proposal(by=admin_user, suggestion=suggestion)
    assert refused.value.messages == [
        f"{CLUSTER_NAME} chưa có đơn vị Trưởng khối năm {this_year} nên chưa lập được đề nghị "
        "của khối."
    ]


def test_the_round_page_says_who_acts_next_and_the_member_sees_its_line(
    grouping, by_leader, login, leader_lao_cai, leader_long_an, staff_long_an_province
):
    round_url = reverse("campaigns:scoring_round", args=[grouping.year_end.pk])
    member = login(leader_long_an)
    response = member.post(
        reverse("campaigns:scoring_suggestion_decide", args=[by_leader[grouping.long_an].pk]),
        {"transition": "accept"},
        follow=True,
    )
    html = response.content.decode()
    assert "– chờ Trưởng khối lập đề nghị" in html
    assert "Lập đề nghị khen thưởng</button>" not in html
    leader = login(leader_lao_cai)
    html = leader.get(round_url).content.decode()
    assert "Lập đề nghị khen thưởng</button>" in html
    response = leader.post(
        reverse("campaigns:scoring_suggestion_decide", args=[by_leader[grouping.long_an].pk]),
        {"transition": "propose"},
        follow=True,
    )
    assert (
        "Thi hành án dân sự tỉnh Long An đã được đưa vào đề nghị khen thưởng (dự thảo): "
        "Bằng khen của Bộ trưởng Bộ Tư pháp (tập thể)." in response.content.decode()
    )
    proposal = Proposal.objects.get(cluster=grouping.cluster)
    proposal_url = reverse("awards:proposal_detail", args=[proposal.pk])
    html = leader.get(round_url).content.decode()
    assert f'<a href="{proposal_url}">đã vào đề nghị khen thưởng của khối</a>' in html
    assert leader.get(proposal_url).status_code == 200
    member = login(staff_long_an_province)
    html = member.get(round_url).content.decode()
    assert "đã vào đề nghị khen thưởng của khối" in html
    assert proposal_url not in html
    assert member.get(proposal_url).status_code == 404


def test_the_grouping_proposal_is_titled_with_the_name_of_the_rounds_year(
    grouping, by_leader, leader_lao_cai, this_year
):
    old = "Khối thi đua Tây Bắc"
    grouping.cluster.former_names.create(name=old, used_until=datetime.date(this_year, 12, 31))
    grouping.cluster.name = "Khối thi đua THADS miền núi"
    grouping.cluster.save()
    suggestion = AwardSuggestion.objects.select_related("round__sheet", "round__cluster").get(
        pk=by_leader[grouping.lao_cai].pk
    )
    suggestions.suggestion_decide(by=leader_lao_cai, suggestion=suggestion, name="accept")
    proposal = Proposal.objects.get()
    assert proposal.title == f"Đề nghị khen thưởng của {old} năm {this_year}"
    assert f", {old} năm {this_year} với " in proposal.nominees.get().achievement
