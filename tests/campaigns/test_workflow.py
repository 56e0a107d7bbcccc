"""The registration and campaign state tables run by the shared engine: states, roles,
races, audit."""

import pytest
from django.core.exceptions import ValidationError

from campaigns.models import Campaign, Registration
from campaigns.services import (
    campaign_close,
    campaign_open,
    registration_accept,
    registration_create,
    registration_return,
    registration_submit,
)
from campaigns.workflow import CAMPAIGN_WORKFLOW, REGISTRATION_WORKFLOW
from tests.factories import CampaignFactory, UnitRoleFactory, UserFactory
from thidua.core.audit import history
from thidua.core.models import AuditEntry
from units.models import UnitRole

S = Registration.Status
C = Campaign.Status


@pytest.fixture
def line(staff_long_an, campaign, sector, catalogue):
    return registration_create(
        by=staff_long_an, campaign=campaign, award=catalogue.tt_ldxs, unit=sector.district
    )


def _reload(registration):
    return Registration.objects.select_related("campaign", "unit").get(pk=registration.pk)


def test_the_table_is_declared_once_with_its_states_and_roles():
    table = {
        t.name: (set(t.sources), t.target, set(t.roles), t.needs_comment)
        for t in REGISTRATION_WORKFLOW.transitions
    }
    assert table == {
        "submit": ({S.DRAFT, S.RETURNED}, S.SUBMITTED, {"staff", "leader"}, False),
        "accept": ({S.SUBMITTED}, S.ACCEPTED, {"leader"}, False),
        "return": ({S.SUBMITTED}, S.RETURNED, {"leader"}, True),
    }


def test_the_whole_journey_is_audited(staff_long_an, leader_long_an, line):
    registration_submit(by=staff_long_an, registration=line)
    registration_return(by=leader_long_an, registration=line, comment="Thiếu báo cáo")
    registration_submit(by=staff_long_an, registration=line)
    registration_accept(by=leader_long_an, registration=line, comment="Đạt")

    assert _reload(line).status == S.ACCEPTED
    assert [
        (e.actor.username, e.action, e.from_state, e.to_state, e.comment) for e in history(line)
    ] == [
        ("staff_long_an", "submit", "draft", "submitted", ""),
        ("leader_long_an", "return", "submitted", "returned", "Thiếu báo cáo"),
        ("staff_long_an", "submit", "returned", "submitted", ""),
        ("leader_long_an", "accept", "submitted", "accepted", "Đạt"),
    ]
    assert all(e.unit_id == line.unit_id for e in history(line))


def test_a_transition_from_the_wrong_state_is_refused(leader_long_an, line):
    with pytest.raises(ValidationError, match="Không thể duyệt khi đang ở trạng thái “Nháp”"):
        registration_accept(by=leader_long_an, registration=line)
    assert _reload(line).status == S.DRAFT


def test_staff_cannot_accept(staff_long_an, line):
    registration_submit(by=staff_long_an, registration=line)
    with pytest.raises(ValidationError, match="Bạn không có quyền duyệt") as refused:
        registration_accept(by=staff_long_an, registration=line)
    assert refused.value.code == "role"
    assert _reload(line).status == S.SUBMITTED


def test_a_leader_of_another_subtree_cannot_decide(staff_long_an, leader_lao_cai, line):
    registration_submit(by=staff_long_an, registration=line)
    with pytest.raises(ValidationError, match="Bạn không có quyền trả lại"):
        registration_return(by=leader_lao_cai, registration=line, comment="Không")
    assert _reload(line).status == S.SUBMITTED


def test_returning_needs_a_reason(staff_long_an, leader_long_an, line):
    registration_submit(by=staff_long_an, registration=line)
    with pytest.raises(ValidationError, match="Cần ghi rõ lý do khi trả lại"):
        registration_return(by=leader_long_an, registration=line, comment="   ")


def test_two_leaders_acting_at_once_cannot_both_win(
    staff_long_an, leader_long_an, admin_user, line
):
    registration_submit(by=staff_long_an, registration=line)
    first, second = _reload(line), _reload(line)

    registration_accept(by=leader_long_an, registration=first)
    with pytest.raises(ValidationError, match="đã được người khác thay đổi, vui lòng tải lại"):
        registration_return(by=admin_user, registration=second, comment="Chưa đạt")

    assert _reload(line).status == S.ACCEPTED
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "submit",
        "accept",
    ]


def test_available_actions_follow_state_and_role(staff_long_an, leader_long_an, line):
    def names(user):
        return [t.name for t in REGISTRATION_WORKFLOW.available(line, user)]

    assert names(staff_long_an) == ["submit"]
    registration_submit(by=staff_long_an, registration=line)
    assert names(staff_long_an) == []
    assert names(leader_long_an) == ["accept", "return"]


def test_an_unknown_transition_is_a_clear_error(staff_long_an, line):
    with pytest.raises(ValidationError, match="không tồn tại"):
        REGISTRATION_WORKFLOW.apply(line, "approve", by=staff_long_an)


# --- Campaigns ------------------------------------------------------------------------------


def test_the_campaign_table_is_declared_once_with_its_states_and_roles(transition_table):
    assert transition_table(CAMPAIGN_WORKFLOW) == {
        "open": ({C.DRAFT, C.CLOSED}, C.OPEN, {"leader"}, False),
        "close": ({C.OPEN}, C.CLOSED, {"leader"}, False),
    }


@pytest.fixture
def lao_cai_campaign(sector, catalogue):
    """A draft campaign launched by THADS Lào Cai for its own subtree."""
    return CampaignFactory(
        launched_by=sector.thads_lao_cai,
        scope_units=[sector.thads_lao_cai],
        awards=[catalogue.ldtt],
        status=C.DRAFT,
    )


def _campaign_status(campaign):
    return Campaign.objects.values_list("status", flat=True).get(pk=campaign.pk)


def test_staff_of_the_launching_unit_cannot_open_or_close_it(
    staff_lao_cai, leader_lao_cai, lao_cai_campaign
):
    with pytest.raises(ValidationError, match="Bạn không có quyền phát động") as refused:
        campaign_open(by=staff_lao_cai, campaign=lao_cai_campaign)
    assert refused.value.code == "role"
    assert _campaign_status(lao_cai_campaign) == C.DRAFT

    campaign_open(by=leader_lao_cai, campaign=lao_cai_campaign)
    with pytest.raises(ValidationError, match="Bạn không có quyền đóng phong trào") as refused:
        campaign_close(by=staff_lao_cai, campaign=lao_cai_campaign)
    assert refused.value.code == "role"
    assert _campaign_status(lao_cai_campaign) == C.OPEN


def test_a_council_member_of_the_launching_unit_cannot_open_it(sector, lao_cai_campaign):
    member = UserFactory(username="council_lao_cai")
    UnitRoleFactory(user=member, unit=sector.thads_lao_cai, role=UnitRole.Role.COUNCIL)
    with pytest.raises(ValidationError, match="Bạn không có quyền phát động"):
        campaign_open(by=member, campaign=lao_cai_campaign)
    assert _campaign_status(lao_cai_campaign) == C.DRAFT


def test_a_leader_of_another_unit_cannot_open_it(leader_long_an, lao_cai_campaign):
    with pytest.raises(ValidationError, match="Bạn không có quyền phát động"):
        campaign_open(by=leader_long_an, campaign=lao_cai_campaign)
    assert _campaign_status(lao_cai_campaign) == C.DRAFT


def test_a_registration_is_refused_to_a_council_member_of_its_unit(sector, line):
    member = UserFactory(username="council_kv1")
    UnitRoleFactory(user=member, unit=sector.district, role=UnitRole.Role.COUNCIL)
    with pytest.raises(ValidationError, match="Bạn không có quyền gửi đăng ký") as refused:
        registration_submit(by=member, registration=line)
    assert refused.value.code == "role"
    assert _reload(line).status == S.DRAFT
