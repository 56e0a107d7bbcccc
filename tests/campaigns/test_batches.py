"""Many lines at once: the leader's bulk review and "send all drafts" of a unit's subtree or of
a grouping's members. Each line goes through the workflow as one by one (roles, audit,
history); a refusal names the line and nothing changes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from campaigns import services
from campaigns.models import Registration
from campaigns.selectors import registration_history
from campaigns.workflow import REGISTRATION_WORKFLOW
from tests.factories import (
    ClusterFactory,
    ClusterMembershipFactory,
    PersonFactory,
    RegistrationFactory,
    UnitFactory,
    UnitRoleFactory,
    UserFactory,
)
from thidua.core.models import AuditEntry
from units.models import ClusterMembership, UnitRole

S = Registration.Status


def _line(campaign, unit, award, name, status=S.SUBMITTED):
    person = PersonFactory(full_name=name, assigned_to=unit)
    return RegistrationFactory(
        campaign=campaign, award=award, unit=unit, person=person, status=status
    )


def _statuses(lines):
    return [Registration.objects.get(pk=line.pk).status for line in lines]


@pytest.fixture
def sent_lines(campaign, sector, catalogue):
    return [
        _line(campaign, sector.district, catalogue.ldtt, "Nguyễn Văn Anh"),
        _line(campaign, sector.district, catalogue.ldtt, "Lê Thị Bích"),
    ]


# --- Bulk review -----------------------------------------------------------------------------


def test_a_leader_accepts_the_ticked_lines_each_with_its_history(
    leader_long_an, campaign, sent_lines
):
    done = services.registrations_review(
        by=leader_long_an, campaign=campaign, ids=[line.pk for line in sent_lines], action="accept"
    )
    assert [line.pk for line in done] == [line.pk for line in sent_lines]
    assert _statuses(sent_lines) == [S.ACCEPTED, S.ACCEPTED]
    for line in sent_lines:
        entries = registration_history(line)
        assert [(e.action, e.from_state, e.to_state, e.actor) for e in entries] == [
            ("accept", S.SUBMITTED, S.ACCEPTED, leader_long_an)
        ]
        assert entries[0].action_label == "Duyệt"


def test_a_bulk_return_writes_the_reason_on_each_line(leader_long_an, campaign, sent_lines):
    services.registrations_review(
        by=leader_long_an,
        campaign=campaign,
        ids=[line.pk for line in sent_lines],
        action="return",
        comment="  Thiếu bản tự đánh giá.  ",
    )
    assert _statuses(sent_lines) == [S.RETURNED, S.RETURNED]
    assert list(AuditEntry.objects.order_by("pk").values_list("action", "comment")) == [
        ("return", "Thiếu bản tự đánh giá."),
        ("return", "Thiếu bản tự đánh giá."),
    ]


def test_a_bulk_return_without_a_reason_is_refused(leader_long_an, campaign, sent_lines):
    with pytest.raises(ValidationError) as refused:
        services.registrations_review(
            by=leader_long_an,
            campaign=campaign,
            ids=[line.pk for line in sent_lines],
            action="return",
            comment="   ",
        )
    assert refused.value.messages == [
        "Cần ghi lý do trả lại; lý do được ghi cho từng dòng đã chọn."
    ]
    assert _statuses(sent_lines) == [S.SUBMITTED, S.SUBMITTED]


def test_one_line_not_allowed_refuses_them_all_and_names_it(
    leader_long_an, campaign, sent_lines, sector, catalogue
):
    accepted = _line(campaign, sector.district, catalogue.ldtt, "Phạm Văn Cường", S.ACCEPTED)
    ids = [sent_lines[0].pk, accepted.pk, sent_lines[1].pk]
    with pytest.raises(ValidationError) as refused:
        services.registrations_review(
            by=leader_long_an, campaign=campaign, ids=ids, action="accept"
        )
    assert refused.value.messages == [
        "Chưa duyệt dòng nào: 1 trong 3 dòng đã chọn không duyệt được.",
        "Phạm Văn Cường – Lao động tiên tiến: Không thể duyệt khi đang ở trạng thái “Đã duyệt”.",
    ]
    assert _statuses(sent_lines) == [S.SUBMITTED, S.SUBMITTED]
    assert not AuditEntry.objects.exists()


def test_staff_may_not_review_and_is_told_for_each_line(staff_long_an, campaign, sent_lines):
    with pytest.raises(ValidationError) as refused:
        services.registrations_review(
            by=staff_long_an, campaign=campaign, ids=[sent_lines[0].pk], action="accept"
        )
    assert refused.value.messages == [
        "Chưa duyệt dòng nào: 1 trong 1 dòng đã chọn không duyệt được.",
        "Nguyễn Văn Anh – Lao động tiên tiến: Bạn không có quyền duyệt.",
    ]
    assert _statuses(sent_lines) == [S.SUBMITTED, S.SUBMITTED]


def test_a_line_outside_the_leaders_subtree_is_refused_with_the_rest(
    leader_long_an, campaign, sent_lines, sector, catalogue
):
    outside = _line(campaign, sector.thads_lao_cai, catalogue.ldtt, "Đỗ Thị Lan")
    with pytest.raises(ValidationError) as refused:
        services.registrations_review(
            by=leader_long_an,
            campaign=campaign,
            ids=[sent_lines[0].pk, outside.pk],
            action="accept",
        )
    assert refused.value.messages == [
        "Chưa xử lý dòng nào: 1 dòng đã chọn không còn, không thuộc phong trào này hoặc nằm "
        "ngoài phạm vi của bạn; vui lòng tải lại trang."
    ]
    assert _statuses([*sent_lines, outside]) == [S.SUBMITTED] * 3


def test_nothing_ticked_or_an_unknown_action_is_refused(leader_long_an, campaign, sent_lines):
    with pytest.raises(ValidationError) as refused:
        services.registrations_review(by=leader_long_an, campaign=campaign, ids=[], action="accept")
    assert refused.value.messages == ["Chưa chọn dòng đăng ký nào."]
    with pytest.raises(ValidationError) as refused:
        services.registrations_review(
            by=leader_long_an, campaign=campaign, ids=[sent_lines[0].pk], action="submit"
        )
    assert refused.value.messages == ["Thao tác không hợp lệ."]
    assert _statuses(sent_lines) == [S.SUBMITTED, S.SUBMITTED]


# --- Sending the drafts of a unit and its sub-units ------------------------------------------


@pytest.fixture
def drafts(campaign, sector, catalogue):
    """Drafts of Long An (its collective line) and of its district (two people), one sent line,
    and a draft of Lào Cai, outside."""
    return {
        "province": RegistrationFactory(
            campaign=campaign, award=catalogue.tt_ldxs, unit=sector.thads_long_an
        ),
        "district": [
            _line(campaign, sector.district, catalogue.ldtt, "Nguyễn Văn Anh", S.DRAFT),
            _line(campaign, sector.district, catalogue.cstdcs, "Lê Thị Bích", S.DRAFT),
        ],
        "sent": _line(campaign, sector.district, catalogue.ldtt, "Phạm Văn Cường"),
        "lao_cai": _line(campaign, sector.thads_lao_cai, catalogue.ldtt, "Đỗ Thị Lan", S.DRAFT),
    }


def test_the_plan_counts_the_drafts_of_each_unit_of_the_subtree(
    staff_long_an_province, campaign, sector, year, drafts
):
    plan = services.drafts_plan(
        by=staff_long_an_province, campaign=campaign, year=year, unit=sector.thads_long_an
    )
    assert plan.refusal == ""
    assert [(row["unit__name"], row["n"]) for row in plan.rows] == [
        ("Thi hành án dân sự tỉnh Long An", 1),
        ("Phòng Thi hành án dân sự khu vực 1 – Long An", 2),
    ]
    assert plan.total == 3


def test_staff_send_every_draft_of_the_unit_and_its_sub_units(
    staff_long_an_province, campaign, sector, year, drafts
):
    sent = services.registrations_send_drafts(
        by=staff_long_an_province,
        campaign=campaign,
        year=year,
        unit=sector.thads_long_an,
        expected=3,
    )
    assert sent == 3
    lines = [drafts["province"], *drafts["district"]]
    assert _statuses(lines) == [S.SUBMITTED] * 3
    assert _statuses([drafts["lao_cai"]]) == [S.DRAFT]
    entries = AuditEntry.objects.order_by("pk")
    assert [(e.action, e.from_state, e.to_state, e.actor) for e in entries] == [
        ("submit", S.DRAFT, S.SUBMITTED, staff_long_an_province)
    ] * 3
    assert [e.action_label for e in registration_history(drafts["province"])] == ["Gửi đăng ký"]


def test_staff_of_a_sub_unit_may_not_send_the_parents_drafts(
    staff_long_an, campaign, sector, year, drafts
):
    plan = services.drafts_plan(
        by=staff_long_an, campaign=campaign, year=year, unit=sector.thads_long_an
    )
    message = (
        "Chỉ cán bộ, lãnh đạo của Thi hành án dân sự tỉnh Long An hoặc của đơn vị cấp trên gửi "
        "được đăng ký nháp của đơn vị và các đơn vị trực thuộc."
    )
    assert (plan.refusal, plan.code, plan.rows) == (message, "role", [])
    with pytest.raises(ValidationError) as refused:
        services.registrations_send_drafts(
            by=staff_long_an, campaign=campaign, year=year, unit=sector.thads_long_an
        )
    assert refused.value.messages == [message]
    assert _statuses([drafts["province"]]) == [S.DRAFT]


def test_a_draft_added_since_the_confirmation_stops_the_sending(
    staff_long_an_province, campaign, sector, year, drafts
):
    with pytest.raises(ValidationError) as refused:
        services.registrations_send_drafts(
            by=staff_long_an_province,
            campaign=campaign,
            year=year,
            unit=sector.thads_long_an,
            expected=2,
        )
    assert refused.value.messages == [
        "Chưa gửi đăng ký nào: số đăng ký nháp đã thay đổi từ khi bạn mở trang (2 → 3). Vui "
        "lòng xem lại rồi gửi."
    ]
    assert _statuses(drafts["district"]) == [S.DRAFT, S.DRAFT]


def test_after_the_deadline_nothing_is_sent_and_the_plan_says_why(
    staff_long_an_province, campaign, sector, year, drafts
):
    campaign.registration_deadline = timezone.localdate() - datetime.timedelta(days=1)
    campaign.save()
    plan = services.drafts_plan(
        by=staff_long_an_province, campaign=campaign, year=year, unit=sector.thads_long_an
    )
    assert plan.code == "deadline"
    assert plan.refusal.startswith("Đã quá hạn đăng ký (")
    with pytest.raises(ValidationError):
        services.registrations_send_drafts(
            by=staff_long_an_province, campaign=campaign, year=year, unit=sector.thads_long_an
        )
    assert _statuses([drafts["province"], *drafts["district"]]) == [S.DRAFT] * 3


def test_a_line_the_workflow_refuses_leaves_every_draft_unsent_and_is_named(
    staff_long_an_province, campaign, sector, year, drafts, monkeypatch
):
    """A line sent on another screen between the read and its turn: the refusal names it and
    the line sent before it is a draft again, without an audit entry."""
    second = drafts["district"][0]
    real_apply = REGISTRATION_WORKFLOW.apply

    def apply(obj, name, **kwargs):
        if obj.pk == second.pk:
            Registration.objects.filter(pk=obj.pk).update(status=S.SUBMITTED)
        return real_apply(obj, name, **kwargs)

    monkeypatch.setattr(REGISTRATION_WORKFLOW, "apply", apply)
    with pytest.raises(ValidationError) as refused:
        services.registrations_send_drafts(
            by=staff_long_an_province, campaign=campaign, year=year, unit=sector.thads_long_an
        )
    assert refused.value.messages == [
        "Chưa gửi đăng ký nào: 1 trong 3 dòng nháp không gửi được.",
        "Nguyễn Văn Anh – Lao động tiên tiến: Đăng ký thi đua đã được người khác thay đổi, vui "
        "lòng tải lại trang.",
    ]
    assert _statuses([drafts["province"], *drafts["district"]]) == [S.DRAFT] * 3
    assert not AuditEntry.objects.exists()


def test_no_drafts_is_said_plainly(staff_long_an, campaign, sector, year):
    with pytest.raises(ValidationError) as refused:
        services.registrations_send_drafts(
            by=staff_long_an, campaign=campaign, year=year, unit=sector.district
        )
    assert refused.value.messages == ["Không có đăng ký nháp nào để gửi."]


# --- Sending the drafts of a grouping's members ----------------------------------------------


@pytest.fixture
def grouping(sector, year):
    """Long An leads the grouping; Lào Cai is a member; a third province is not."""
    cluster = ClusterFactory(name="Khối thi đua THADS phía Nam")
    ClusterMembershipFactory(
        cluster=cluster, unit=sector.thads_long_an, year=year, role=ClusterMembership.Role.LEADER
    )
    ClusterMembershipFactory(cluster=cluster, unit=sector.thads_lao_cai, year=year)
    return cluster


def test_the_grouping_leader_sends_its_members_drafts(
    leader_long_an, campaign, sector, year, drafts, grouping, catalogue
):
    other = UnitFactory(name="Thi hành án dân sự tỉnh Khác", parent=sector.hq)
    campaign.scope_units.add(other)
    outside = RegistrationFactory(campaign=campaign, award=catalogue.tt_ldxs, unit=other)
    plan = services.drafts_plan(by=leader_long_an, campaign=campaign, year=year, cluster=grouping)
    assert [(row["unit__name"], row["n"]) for row in plan.rows] == [
        ("Thi hành án dân sự tỉnh Long An", 1),
        ("Thi hành án dân sự tỉnh Lào Cai", 1),
    ]
    sent = services.registrations_send_drafts(
        by=leader_long_an, campaign=campaign, year=year, cluster=grouping, expected=2
    )
    assert sent == 2
    assert _statuses([drafts["province"], drafts["lao_cai"]]) == [S.SUBMITTED, S.SUBMITTED]
    # The members' own lines, not their sub-units' nor another unit's.
    assert _statuses([*drafts["district"], outside]) == [S.DRAFT] * 3
    entry = AuditEntry.objects.get(object_id=drafts["lao_cai"].pk)
    assert (entry.action, entry.actor, entry.unit) == (
        "submit",
        leader_long_an,
        sector.thads_lao_cai,
    )


def test_a_member_leader_may_not_send_the_grouping(
    leader_lao_cai, campaign, year, grouping, drafts
):
    message = (
        "Chỉ quản trị viên hoặc lãnh đạo đơn vị Trưởng Khối thi đua THADS phía Nam năm "
        f"{year} gửi được đăng ký nháp của các đơn vị thành viên."
    )
    plan = services.drafts_plan(by=leader_lao_cai, campaign=campaign, year=year, cluster=grouping)
    assert (plan.refusal, plan.code) == (message, "role")
    with pytest.raises(ValidationError) as refused:
        services.registrations_send_drafts(
            by=leader_lao_cai, campaign=campaign, year=year, cluster=grouping
        )
    assert refused.value.messages == [message]
    assert _statuses([drafts["lao_cai"]]) == [S.DRAFT]


def test_the_admin_sends_a_grouping_without_a_leader(admin_user, campaign, sector, year, drafts):
    cluster = ClusterFactory()
    ClusterMembershipFactory(cluster=cluster, unit=sector.thads_lao_cai, year=year)
    assert (
        services.registrations_send_drafts(
            by=admin_user, campaign=campaign, year=year, cluster=cluster
        )
        == 1
    )


def test_the_grouping_leader_may_send_a_members_draft_but_not_review_nor_resend_it(
    leader_long_an, campaign, sector, year, grouping, catalogue
):
    """The workflow admits the Trưởng khối for drafts only: a returned line is sent again by
    its unit, and accepting stays with the member's own leaders."""
    draft = _line(campaign, sector.thads_lao_cai, catalogue.ldtt, "Đỗ Thị Lan", S.DRAFT)
    returned = _line(campaign, sector.thads_lao_cai, catalogue.ldtt, "Vũ Văn Hải", S.RETURNED)
    sent = _line(campaign, sector.thads_lao_cai, catalogue.ldtt, "Hồ Thị Hoa")
    assert [t.name for t in REGISTRATION_WORKFLOW.available(draft, leader_long_an)] == ["submit"]
    assert REGISTRATION_WORKFLOW.available(returned, leader_long_an) == []
    assert REGISTRATION_WORKFLOW.available(sent, leader_long_an) == []
    staff = UserFactory(username="staff_of_long_an")
    UnitRoleFactory(user=staff, unit=sector.thads_long_an, role=UnitRole.Role.STAFF)
    assert REGISTRATION_WORKFLOW.available(draft, staff) == []
