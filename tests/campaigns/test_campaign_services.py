"""Launching campaigns: who may, what a valid campaign is, and who sees it."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from campaigns.models import Campaign
from campaigns.services import (
    campaign_close,
    campaign_create,
    campaign_open,
    campaign_update,
    registration_create,
)
from tests.factories import (
    CampaignFactory,
    ClusterFactory,
    ClusterMembershipFactory,
    UnitRoleFactory,
    UserFactory,
)
from thidua.core.audit import history
from units.access import restrict
from units.models import ClusterMembership, UnitRole


def _fields(year, **extra):
    return {
        "name": "Đẩy mạnh thi đua hoàn thành xuất sắc chỉ tiêu thi hành án",
        "kind": Campaign.Kind.REGULAR,
        "start_date": datetime.date(year, 1, 1),
        "end_date": datetime.date(year, 12, 31),
        **extra,
    }


def test_an_admin_launches_a_campaign_with_phases_and_targets(admin_user, sector, catalogue):
    campaign = campaign_create(
        by=admin_user,
        **_fields(2026, launched_by=sector.hq, registration_deadline=datetime.date(2026, 2, 15)),
        scope_units=[sector.hq],
        awards=[catalogue.ldtt, catalogue.tt_ldxs],
        phases=[
            {
                "name": "Đợt 1",
                "start_date": datetime.date(2026, 1, 1),
                "end_date": datetime.date(2026, 6, 30),
            },
            {
                "name": "Đợt 2",
                "start_date": datetime.date(2026, 7, 1),
                "end_date": datetime.date(2026, 12, 31),
            },
        ],
        targets=[
            {
                "name": "Tỷ lệ việc thi hành xong",
                "comparator": "gte",
                "threshold": Decimal("80"),
                "measure": "%",
            },
            {
                "name": "Tỷ lệ tiền thi hành xong",
                "comparator": "gte",
                "threshold": Decimal("60"),
                "measure": "%",
            },
        ],
    )
    assert campaign.status == Campaign.Status.DRAFT
    assert [str(t) for t in campaign.targets.all()] == [
        "Tỷ lệ việc thi hành xong ≥ 80 %",
        "Tỷ lệ tiền thi hành xong ≥ 60 %",
    ]
    assert [p.name for p in campaign.phases.all()] == ["Đợt 1", "Đợt 2"]

    campaign_open(by=admin_user, campaign=campaign)
    campaign_close(by=admin_user, campaign=campaign)
    assert Campaign.objects.get(pk=campaign.pk).status == Campaign.Status.CLOSED
    assert [(e.action, e.to_state) for e in history(campaign)] == [
        ("create", "draft"),
        ("open", "open"),
        ("close", "closed"),
    ]


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        (
            {"end_date": datetime.date(2025, 12, 31)},
            "end_date",
            "Ngày kết thúc phải sau ngày bắt đầu.",
        ),
        (
            {"registration_deadline": datetime.date(2027, 1, 5)},
            "registration_deadline",
            "Hạn đăng ký phải trước ngày kết thúc phong trào.",
        ),
        (
            {"authority_name": "", "launched_by": None},
            "authority_name",
            "Ghi cơ quan phát động hoặc chọn đơn vị phát động.",
        ),
    ],
    ids=["end-before-start", "deadline-after-end", "no-authority"],
)
def test_an_invalid_campaign_is_refused(extra, field, message, admin_user, sector):
    fields = _fields(2026, authority_name="Bộ Tư pháp") | extra
    with pytest.raises(ValidationError) as refused:
        campaign_create(by=admin_user, **fields, scope_units=[sector.hq])
    assert refused.value.message_dict[field] == [message]
    assert not Campaign.objects.exists()


def test_a_campaign_needs_a_scope(admin_user):
    with pytest.raises(ValidationError, match="Chọn ít nhất một đơn vị hoặc một khối/cụm"):
        campaign_create(by=admin_user, **_fields(2026, authority_name="Bộ Tư pháp"))


@pytest.mark.parametrize(
    ("phases", "message"),
    [
        ([("Đợt 1", (2025, 12, 1), (2026, 6, 30))], "phải nằm trong thời gian phong trào"),
        (
            [("Đợt 1", (2026, 1, 1), (2026, 7, 15)), ("Đợt 2", (2026, 7, 1), (2026, 12, 31))],
            "trùng",
        ),
        ([("Đợt 1", (2026, 6, 1), (2026, 5, 1))], "ngày kết thúc trước ngày bắt đầu"),
    ],
)
def test_phases_must_fit_the_period_without_overlap(phases, message, admin_user, sector):
    rows = [
        {"name": n, "start_date": datetime.date(*s), "end_date": datetime.date(*e)}
        for n, s, e in phases
    ]
    with pytest.raises(ValidationError, match=message):
        campaign_create(
            by=admin_user,
            **_fields(2026, authority_name="Bộ Tư pháp"),
            scope_units=[sector.hq],
            phases=rows,
        )


@pytest.fixture
def grouping(sector, leader_lao_cai):
    """A block led in 2026 by THADS Lào Cai, with Long An as a member."""
    block = ClusterFactory(name="Khối thi đua các tỉnh miền núi phía Bắc")
    ClusterMembershipFactory(
        cluster=block, unit=sector.thads_lao_cai, year=2026, role=ClusterMembership.Role.LEADER
    )
    ClusterMembershipFactory(cluster=block, unit=sector.thads_long_an, year=2026)
    return block


def test_the_grouping_leader_launches_for_its_grouping(leader_lao_cai, sector, grouping):
    campaign = campaign_create(
        by=leader_lao_cai,
        **_fields(2026, launched_by=sector.thads_lao_cai),
        scope_clusters=[grouping],
    )
    assert campaign.launched_by == sector.thads_lao_cai
    campaign_open(by=leader_lao_cai, campaign=campaign)
    assert campaign.status == Campaign.Status.OPEN


def test_the_grouping_leader_cannot_reach_beyond_its_grouping(leader_lao_cai, sector, grouping):
    other = ClusterFactory(name="Khối khác")
    with pytest.raises(ValidationError) as refused:
        campaign_create(
            by=leader_lao_cai,
            **_fields(2026, launched_by=sector.thads_lao_cai),
            scope_units=[sector.hq],
            scope_clusters=[grouping, other],
        )
    errors = refused.value.message_dict
    assert errors["scope_units"] == [
        "Đơn vị Trưởng khối/cụm chỉ phát động trong khối/cụm mình; hãy chọn khối/cụm."
    ]
    assert errors["scope_clusters"] == [
        "Thi hành án dân sự tỉnh Lào Cai không phải Trưởng của Khối khác năm 2026."
    ]


def test_a_leader_whose_unit_does_not_lead_the_grouping_cannot_launch(
    leader_long_an, sector, grouping
):
    with pytest.raises(ValidationError, match="Chỉ quản trị viên, hoặc lãnh đạo đơn vị Trưởng"):
        campaign_create(
            by=leader_long_an,
            **_fields(2026, launched_by=sector.thads_long_an),
            scope_clusters=[grouping],
        )


def test_only_the_launching_unit_or_an_admin_edits_or_closes(leader_long_an, campaign):
    with pytest.raises(ValidationError, match="không có quyền sửa"):
        campaign_update(by=leader_long_an, campaign=campaign, **_fields(campaign.start_date.year))
    with pytest.raises(ValidationError, match="Bạn không có quyền đóng phong trào"):
        campaign_close(by=leader_long_an, campaign=campaign)


def test_an_update_cannot_orphan_registrations(
    admin_user, staff_long_an, campaign, sector, catalogue
):
    registration_create(
        by=staff_long_an, campaign=campaign, award=catalogue.tt_ldxs, unit=sector.district
    )
    year = campaign.start_date.year
    with pytest.raises(ValidationError) as refused:
        campaign_update(
            by=admin_user,
            campaign=campaign,
            **_fields(year + 1, launched_by=sector.hq),
            scope_units=[sector.hq],
            awards=[catalogue.ldtt],
        )
    errors = refused.value.message_dict
    assert errors["end_date"] == [f"Đã có đăng ký năm {year}, nằm ngoài thời gian mới."]
    assert errors["awards"] == [
        "Không bỏ được “Tập thể lao động xuất sắc” khỏi danh mục vì đã có đơn vị, cá nhân đăng ký."
    ]


def test_a_campaign_is_seen_where_its_scope_reaches(
    sector, staff_long_an, leader_lao_cai, council_member, admin_user, year
):
    ministry_wide = CampaignFactory(name="Toàn ngành", scope_units=[sector.ministry])
    lao_cai = CampaignFactory(name="Lào Cai", scope_units=[sector.thads_lao_cai])
    draft = CampaignFactory(
        name="Dự thảo", scope_units=[sector.ministry], status=Campaign.Status.DRAFT
    )
    own_draft = CampaignFactory(
        name="Dự thảo của Lào Cai",
        launched_by=sector.thads_lao_cai,
        scope_units=[sector.thads_lao_cai],
        status=Campaign.Status.DRAFT,
    )
    block = ClusterMembershipFactory(unit=sector.district, year=year).cluster
    grouping = CampaignFactory(name="Khối", scope_clusters=[block])
    stale = CampaignFactory(
        name="Khối năm trước",
        scope_clusters=[ClusterMembershipFactory(unit=sector.district, year=year - 1).cluster],
    )

    def seen(user):
        return set(restrict(Campaign.objects.all(), user).values_list("name", flat=True))

    assert seen(staff_long_an) == {"Toàn ngành", "Khối"}
    assert seen(leader_lao_cai) == {"Toàn ngành", "Lào Cai", "Dự thảo của Lào Cai"}
    assert seen(council_member) == {"Toàn ngành", "Lào Cai", "Dự thảo của Lào Cai", "Khối"}
    assert seen(admin_user) == {
        c.name for c in (ministry_wide, lao_cai, draft, own_draft, grouping, stale)
    }


def test_the_admin_role_without_superuser_flag_sees_everything(sector, year):
    user = UserFactory(username="tdkt")
    UnitRoleFactory(user=user, unit=sector.thads_lao_cai, role=UnitRole.Role.ADMIN)
    CampaignFactory(name="Long An", scope_units=[sector.thads_long_an])
    assert restrict(Campaign.objects.all(), user).count() == 1
