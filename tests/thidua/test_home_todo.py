"""The home page's to-do ("Việc cần làm"): each role's counts, links and scope, in a fixed
number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards import todo
from awards.models import AgendaItem, Ballot, CouncilSession, Decision, Proposal
from campaigns.models import (
    Campaign,
    PledgeSignature,
    Registration,
    Scorecard,
    ScoreSheet,
    ScoringRound,
)
from tests.factories import (
    PASSWORD,
    CampaignFactory,
    ClusterFactory,
    ClusterMembershipFactory,
    ConfermentFactory,
    CouncilFactory,
    CouncilMemberFactory,
    DecisionFactory,
    NomineeFactory,
    PledgeFactory,
    ProposalFactory,
    RegistrationFactory,
    UnitRoleFactory,
    UserFactory,
)
from tests.thidua.helpers import todo as todo_blocks
from tests.thidua.helpers import todo_line, todo_texts
from units.models import UnitRole

R, P = Registration.Status, Proposal.Status
THIS_YEAR = timezone.localdate().year


def _home(client, user):
    client.login(username=user.username, password=PASSWORD)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response


def _sent(day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(THIS_YEAR, 1, day, 9, 0))


def _round(cluster, units, *, status=ScoringRound.Status.OPEN):
    sheet = ScoreSheet.objects.create(
        name="Bảng chấm điểm",
        year=THIS_YEAR,
        cluster=cluster,
        total=Decimal(100),
        status="published",
    )
    scoring_round = ScoringRound.objects.create(
        cluster=cluster, sheet=sheet, year=THIS_YEAR, kind=ScoringRound.Kind.YEAR_END, status=status
    )
    for unit in units:
        Scorecard.objects.create(round=scoring_round, unit=unit)
    return scoring_round


# --- Staff ----------------------------------------------------------------------------------


@pytest.fixture
def campaign(sector):
    return CampaignFactory(name="Phong trào thi đua năm", scope_units=[sector.hq])


def test_staff_counts_drafts_and_returned_lines_of_open_campaigns_in_their_subtree(
    client, sector, staff_long_an, campaign
):
    RegistrationFactory.create_batch(2, campaign=campaign, unit=sector.district)
    RegistrationFactory(campaign=campaign, unit=sector.district, status=R.RETURNED)
    RegistrationFactory(campaign=campaign, unit=sector.district, status=R.SUBMITTED)
    RegistrationFactory(campaign=campaign, unit=sector.thads_lao_cai)  # outside the subtree
    closed = RegistrationFactory(unit=sector.district).campaign  # a draft nobody can send now
    Campaign.objects.filter(pk=closed.pk).update(status=Campaign.Status.CLOSED)

    response = _home(client, staff_long_an)

    review = reverse("campaigns:review", args=[campaign.pk])
    unit = sector.district.pk
    assert todo_line(response, "staff", "Bản đăng ký nháp chờ gửi") == (
        "Bản đăng ký nháp chờ gửi: 2",
        f"{review}?year={THIS_YEAR}&status=draft&unit={unit}",
    )
    assert todo_line(response, "staff", "Dòng đăng ký bị trả lại") == (
        "Dòng đăng ký bị trả lại cần sửa: 1",
        f"{review}?year={THIS_YEAR}&status=returned&unit={unit}",
    )


def test_lines_with_nothing_to_do_show_zero_without_a_link(client, staff_long_an):
    response = _home(client, staff_long_an)

    assert todo_blocks(response)["staff"] == [
        ("Bản đăng ký nháp chờ gửi: 0", ""),
        ("Dòng đăng ký bị trả lại cần sửa: 0", ""),
        ("Phiếu chấm điểm chưa gửi thẩm định: 0", ""),
        ("Phiếu chấm điểm bị trả lại cần chấm lại: 0", ""),
        ("Đề nghị khen thưởng bị trả lại: 0", ""),
        ("Đề nghị khen thưởng phải bổ sung hồ sơ: 0", ""),
    ]


def test_drafts_in_several_campaigns_link_to_the_open_campaigns(
    client, sector, staff_long_an, campaign
):
    RegistrationFactory(campaign=campaign, unit=sector.district)
    RegistrationFactory(unit=sector.district)

    text, href = todo_line(_home(client, staff_long_an), "staff", "Bản đăng ký nháp")

    assert (text, href) == (
        "Bản đăng ký nháp chờ gửi: 2",
        reverse("campaigns:list") + "?status=open",
    )


def test_staff_counts_scorecards_to_fill_and_to_redo(client, sector, staff_long_an_province):
    cluster = ClusterFactory()
    open_round = _round(cluster, [sector.thads_long_an, sector.thads_lao_cai])
    returned_round = _round(cluster, [sector.thads_long_an], status=ScoringRound.Status.REVIEW)
    Scorecard.objects.filter(round=returned_round).update(status=Scorecard.Status.RETURNED)
    finalised = _round(ClusterFactory(), [sector.thads_long_an], status="finalised")
    Scorecard.objects.filter(round=finalised).update(status=Scorecard.Status.RETURNED)

    response = _home(client, staff_long_an_province)

    unit = sector.thads_long_an.pk
    assert todo_line(response, "staff", "Phiếu chấm điểm chưa gửi") == (
        "Phiếu chấm điểm chưa gửi thẩm định: 1",
        reverse("campaigns:scoring_scorecard", args=[open_round.pk, unit]),
    )
    assert todo_line(response, "staff", "Phiếu chấm điểm bị trả lại") == (
        "Phiếu chấm điểm bị trả lại cần chấm lại: 1",
        reverse("campaigns:scoring_scorecard", args=[returned_round.pk, unit]),
    )


def test_staff_counts_proposals_sent_back(client, sector, staff_long_an):
    returned = ProposalFactory(proposing_unit=sector.district, status=P.RETURNED)
    ProposalFactory.create_batch(2, proposing_unit=sector.district, status=P.RETURNED_FOR_DOCUMENTS)
    ProposalFactory(proposing_unit=sector.thads_lao_cai, status=P.RETURNED)

    response = _home(client, staff_long_an)

    assert todo_line(response, "staff", "Đề nghị khen thưởng bị trả lại") == (
        "Đề nghị khen thưởng bị trả lại: 1",
        reverse("awards:proposal_detail", args=[returned.pk]),
    )
    assert todo_line(response, "staff", "Đề nghị khen thưởng phải bổ sung") == (
        "Đề nghị khen thưởng phải bổ sung hồ sơ: 2",
        reverse("awards:proposals") + "?status=returned_docs",
    )


# --- Leaders --------------------------------------------------------------------------------


def test_leader_sees_what_waits_for_review_with_the_oldest_date(
    client, sector, leader_long_an, campaign
):
    RegistrationFactory(
        campaign=campaign, unit=sector.district, status=R.SUBMITTED, submitted_at=_sent(12)
    )
    RegistrationFactory(
        campaign=campaign, unit=sector.thads_long_an, status=R.SUBMITTED, submitted_at=_sent(5)
    )
    RegistrationFactory(
        campaign=campaign, unit=sector.thads_lao_cai, status=R.SUBMITTED, submitted_at=_sent(1)
    )
    ProposalFactory(proposing_unit=sector.district, status=P.SUBMITTED, submitted_at=_sent(20))
    ProposalFactory(proposing_unit=sector.district, status=P.SUBMITTED, submitted_at=_sent(7))
    ProposalFactory(proposing_unit=sector.thads_lao_cai, status=P.SUBMITTED, submitted_at=_sent(2))

    response = _home(client, leader_long_an)

    review = reverse("campaigns:review", args=[campaign.pk])
    assert todo_line(response, "leader", "Đăng ký thi đua chờ") == (
        f"Đăng ký thi đua chờ lãnh đạo duyệt: 2 (chờ lâu nhất từ 05/01/{THIS_YEAR})",
        f"{review}?year={THIS_YEAR}&status=submitted&unit={sector.thads_long_an.pk}",
    )
    assert todo_line(response, "leader", "Đề nghị khen thưởng chờ") == (
        f"Đề nghị khen thưởng chờ lãnh đạo duyệt: 2 (chờ lâu nhất từ 07/01/{THIS_YEAR})",
        reverse("awards:proposals") + "?status=submitted",
    )


def test_leader_counts_this_years_pledges_a_unit_of_theirs_has_not_signed(
    client, sector, leader_long_an
):
    cluster, signed_cluster, old_cluster = ClusterFactory(), ClusterFactory(), ClusterFactory()
    for c in (cluster, signed_cluster):
        ClusterMembershipFactory(cluster=c, unit=sector.thads_long_an, year=THIS_YEAR)
    ClusterMembershipFactory(cluster=old_cluster, unit=sector.thads_long_an, year=THIS_YEAR - 1)
    pledge = PledgeFactory(cluster=cluster)
    signed = PledgeFactory(cluster=signed_cluster)
    PledgeSignature.objects.create(
        pledge=signed, unit=sector.thads_long_an, signed_on=timezone.localdate(), signer_name="A"
    )
    PledgeFactory(cluster=old_cluster, year=THIS_YEAR - 1)
    # A pledge of a grouping Long An is not in.
    other = ClusterFactory()
    ClusterMembershipFactory(cluster=other, unit=sector.thads_lao_cai, year=THIS_YEAR)
    PledgeFactory(cluster=other)

    line = todo_line(_home(client, leader_long_an), "leader", "Giao ước")

    assert line == ("Giao ước thi đua chờ ký: 1", reverse("campaigns:pledge", args=[pledge.pk]))


def test_a_leader_outside_the_subtree_counts_nothing_of_it(
    client, sector, leader_lao_cai, campaign
):
    RegistrationFactory(campaign=campaign, unit=sector.district, status=R.SUBMITTED)
    ProposalFactory(proposing_unit=sector.district, status=P.SUBMITTED, submitted_at=_sent(3))

    assert todo_texts(_home(client, leader_lao_cai), "leader") == [
        "Đăng ký thi đua chờ lãnh đạo duyệt: 0",
        "Đề nghị khen thưởng chờ lãnh đạo duyệt: 0",
        "Giao ước thi đua chờ ký: 0",
    ]


# --- Council members ------------------------------------------------------------------------


@pytest.fixture
def ministry_council(sector, council_member):
    council = CouncilFactory(unit=sector.ministry)
    CouncilMemberFactory(council=council, user=council_member)
    return council


def test_council_member_sees_sessions_and_the_votes_still_theirs(
    client, sector, council_member, ministry_council
):
    today = timezone.localdate()
    planned = CouncilSession.objects.create(council=ministry_council, date=today)
    under_way = CouncilSession.objects.create(
        council=ministry_council, date=today, status=CouncilSession.Status.OPEN
    )
    CouncilSession.objects.create(
        council=ministry_council, date=today, status=CouncilSession.Status.CLOSED
    )
    voted, waiting = NomineeFactory(), NomineeFactory()
    for nominee in (voted, waiting):
        AgendaItem.objects.create(session=under_way, nominee=nominee)
    AgendaItem.objects.create(session=planned, nominee=NomineeFactory())
    Ballot.objects.create(
        session=under_way, nominee=voted, member=council_member, vote=Ballot.Vote.AGREE
    )
    # A session of a council the member does not sit on, outside their unit.
    other = CouncilFactory(unit=sector.thads_lao_cai)
    other_session = CouncilSession.objects.create(
        council=other, date=today, status=CouncilSession.Status.OPEN
    )
    AgendaItem.objects.create(session=other_session, nominee=NomineeFactory())

    response = _home(client, council_member)

    assert todo_blocks(response)["council"] == [
        ("Phiên họp Hội đồng sắp họp hoặc đang họp: 2", reverse("awards:sessions")),
        (
            "Đề cử chờ bạn bỏ phiếu: 1",
            reverse("awards:session_detail", args=[under_way.pk]),
        ),
    ]


def test_a_council_member_of_another_unit_counts_nothing(client, sector, council_long_an):
    council = CouncilFactory(unit=sector.thads_lao_cai)
    session = CouncilSession.objects.create(
        council=council, date=timezone.localdate(), status=CouncilSession.Status.OPEN
    )
    AgendaItem.objects.create(session=session, nominee=NomineeFactory())

    assert todo_texts(_home(client, council_long_an), "council") == [
        "Phiên họp Hội đồng sắp họp hoặc đang họp: 0",
        "Đề cử chờ bạn bỏ phiếu: 0",
    ]


def test_a_council_seat_without_the_role_still_gets_the_votes(client, sector, staff_long_an):
    council = CouncilFactory(unit=sector.ministry)
    CouncilMemberFactory(council=council, user=staff_long_an)
    session = CouncilSession.objects.create(
        council=council, date=timezone.localdate(), status=CouncilSession.Status.OPEN
    )
    AgendaItem.objects.create(session=session, nominee=NomineeFactory())

    assert todo_blocks(_home(client, staff_long_an))["council"] == [
        (
            "Phiên họp Hội đồng sắp họp hoặc đang họp: 1",
            reverse("awards:session_detail", args=[session.pk]),
        ),
        ("Đề cử chờ bạn bỏ phiếu: 1", reverse("awards:session_detail", args=[session.pk])),
    ]


def test_without_a_seat_or_the_role_there_is_no_council_to_do(client, staff_long_an):
    assert "council" not in todo_blocks(_home(client, staff_long_an))


# --- Admins ---------------------------------------------------------------------------------


def test_admin_sees_arrivals_drafts_and_certificates_to_print(client, sector, admin_user):
    held = ProposalFactory(
        proposing_unit=sector.district,
        authority_unit=sector.ministry,
        status=P.FORWARDED,
        forwarded_at=_sent(9),
        assignee=admin_user,
        assigned_at=_sent(10),
    )
    ProposalFactory(
        proposing_unit=sector.thads_lao_cai,
        authority_unit=sector.ministry,
        status=P.FORWARDED,
        forwarded_at=_sent(4),
    )
    draft = DecisionFactory(issuing_unit=sector.ministry, status=Decision.Status.DRAFT)
    issued = DecisionFactory(issuing_unit=sector.ministry, issued_at=timezone.now())
    ConfermentFactory.create_batch(2, decision=issued, unit=sector.district)
    ConfermentFactory(decision=issued, unit=sector.district, revoked=True)
    ConfermentFactory(unit=sector.district)  # an imported decision, never printed here

    response = _home(client, admin_user)

    assert todo_blocks(response)["admin"] == [
        (
            f"Đề nghị khen thưởng bạn được giao thẩm định: 1 (chờ lâu nhất từ 10/01/{THIS_YEAR})",
            reverse("awards:proposal_detail", args=[held.pk]),
        ),
        (
            f"Đề nghị khen thưởng chờ thẩm định: 2 (chờ lâu nhất từ 04/01/{THIS_YEAR})",
            reverse("awards:proposals") + "?status=forwarded",
        ),
        ("Dự thảo quyết định chờ ban hành: 1", reverse("awards:decision_detail", args=[draft.pk])),
        (
            "Bằng khen, giấy chứng nhận chưa in: 2",
            reverse("certificates:decision", args=[issued.pk]),
        ),
    ]


def test_several_drafts_and_decisions_to_print_link_to_the_filtered_decisions_list(
    client, sector, admin_user
):
    DecisionFactory.create_batch(2, issuing_unit=sector.ministry, status=Decision.Status.DRAFT)
    for _n in range(2):
        issued = DecisionFactory(issuing_unit=sector.ministry, issued_at=timezone.now())
        ConfermentFactory(decision=issued, unit=sector.district)

    lines = dict(todo_blocks(_home(client, admin_user))["admin"])

    decisions = reverse("awards:decisions")
    assert lines["Dự thảo quyết định chờ ban hành: 2"] == f"{decisions}?status=draft"
    assert lines["Bằng khen, giấy chứng nhận chưa in: 2"] == f"{decisions}?status=issued"


def test_only_admins_get_the_offices_to_do(client, staff_long_an):
    assert "admin" not in todo_blocks(_home(client, staff_long_an))


def test_a_user_without_a_role_has_no_to_do(client, db):
    response = _home(client, UserFactory())

    assert todo_blocks(response) == {}
    assert "Việc cần làm" not in response.content.decode()


# --- Queries --------------------------------------------------------------------------------


def _everything(sector, campaign, user):
    """One more of every kind of work, in the user's unit."""
    unit = sector.thads_long_an
    for status in (R.DRAFT, R.RETURNED, R.SUBMITTED):
        RegistrationFactory(campaign=campaign, unit=unit, status=status, submitted_at=_sent(3))
    for status in (P.RETURNED, P.RETURNED_FOR_DOCUMENTS, P.SUBMITTED, P.FORWARDED):
        ProposalFactory(proposing_unit=unit, status=status, submitted_at=_sent(3))
    cluster = ClusterFactory()
    ClusterMembershipFactory(cluster=cluster, unit=unit, year=THIS_YEAR)
    PledgeFactory(cluster=cluster)
    _round(cluster, [unit])
    council = CouncilFactory(unit=unit)
    CouncilMemberFactory(council=council, user=user)
    session = CouncilSession.objects.create(
        council=council, date=timezone.localdate(), status=CouncilSession.Status.OPEN
    )
    AgendaItem.objects.create(session=session, nominee=NomineeFactory())
    DecisionFactory(issuing_unit=unit, status=Decision.Status.DRAFT)
    ConfermentFactory(decision=DecisionFactory(issuing_unit=unit, issued_at=timezone.now()))


def test_the_to_do_takes_the_same_queries_however_much_work_waits(
    client, django_assert_num_queries, sector, campaign, admin_user
):
    for role in (UnitRole.Role.STAFF, UnitRole.Role.LEADER, UnitRole.Role.COUNCIL):
        UnitRoleFactory(user=admin_user, unit=sector.thads_long_an, role=role)
    _everything(sector, campaign, admin_user)
    client.login(username=admin_user.username, password=PASSWORD)
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("home"))
    for _more in range(3):
        _everything(sector, campaign, admin_user)

    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(reverse("home"))

    assert todo_line(response, "staff", "Bản đăng ký nháp")[0] == "Bản đăng ký nháp chờ gửi: 4"
    assert todo_line(response, "council", "Đề cử chờ")[0] == "Đề cử chờ bạn bỏ phiếu: 4"


def test_each_role_counts_in_a_fixed_number_of_queries(
    django_assert_num_queries, sector, campaign, leader_long_an
):
    _everything(sector, campaign, leader_long_an)
    units = [sector.thads_long_an]
    todo.leader_todo(leader_long_an, units)  # the user's scope is read once, then cached
    with django_assert_num_queries(6):
        todo.staff_todo(leader_long_an, units)
    with django_assert_num_queries(3):
        todo.leader_todo(leader_long_an, units)
    with django_assert_num_queries(2):
        todo.council_todo(leader_long_an, units)
