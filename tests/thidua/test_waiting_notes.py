"""A user stuck on a state with no action is told why and who acts next; the user who can
act sees the action instead of the sentence."""

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import CouncilSession, Proposal
from campaigns.models import Registration
from tests.factories import (
    PASSWORD,
    CampaignFactory,
    ClusterFactory,
    ClusterMembershipFactory,
    CouncilFactory,
    CouncilMemberFactory,
    PledgeFactory,
    ProposalFactory,
    RegistrationFactory,
)
from tests.thidua.helpers import waiting_notes

P = Proposal.Status


def _notes(client, user, url) -> list[str]:
    client.login(username=user.username, password=PASSWORD)
    response = client.get(url)
    assert response.status_code == 200
    return waiting_notes(response)


def test_a_pledge_says_only_leaders_sign(client, sector, staff_long_an_province, leader_long_an):
    cluster = ClusterFactory()
    ClusterMembershipFactory(
        cluster=cluster, unit=sector.thads_long_an, year=timezone.localdate().year
    )
    url = reverse("campaigns:pledge", args=[PledgeFactory(cluster=cluster).pk])

    assert _notes(client, staff_long_an_province, url) == [
        "Chỉ lãnh đạo đơn vị được ký giao ước. Quản trị viên (Văn phòng TĐKT) ghi nhận thay "
        "chữ ký đã ký trên giấy."
    ]
    assert _notes(client, leader_long_an, url) == []


def test_no_scoring_round_says_who_opens_one(client, staff_long_an, admin_user):
    url = reverse("campaigns:scoring_home")

    assert _notes(client, staff_long_an, url) == [
        "Chưa có đợt chấm điểm: Văn phòng TĐKT hoặc lãnh đạo đơn vị Trưởng khối/cụm mở đợt "
        "chấm điểm khi đến kỳ sơ kết 6 tháng hoặc tổng kết năm; khi đó phiếu chấm điểm của đơn "
        "vị bạn hiện ở đây."
    ]
    assert _notes(client, admin_user, url) == [
        "Chưa có đợt chấm điểm: bấm “Mở đợt chấm điểm” khi đến kỳ sơ kết 6 tháng hoặc tổng kết "
        "năm; các đơn vị thành viên tự chấm trên phiếu của mình."
    ]


def test_a_sent_registration_says_it_waits_for_the_leader(
    client, sector, staff_long_an, leader_long_an
):
    line = RegistrationFactory(
        campaign=CampaignFactory(scope_units=[sector.hq]),
        unit=sector.district,
        status=Registration.Status.SUBMITTED,
    )
    url = reverse("campaigns:registration", args=[line.pk])

    assert _notes(client, staff_long_an, url) == [
        "Đăng ký đã gửi và đang chờ lãnh đạo Phòng Thi hành án dân sự khu vực 1 – Long An "
        "(hoặc lãnh đạo đơn vị cấp trên) duyệt hoặc trả lại; bạn không cần làm gì thêm."
    ]
    assert _notes(client, leader_long_an, url) == []


def test_a_proposal_at_the_ministry_says_who_appraises_it(
    client, sector, staff_long_an, admin_user
):
    proposal = ProposalFactory(
        proposing_unit=sector.district,
        authority_unit=sector.ministry,
        current_unit=sector.ministry,
        status=P.FORWARDED,
        forwarded_at=timezone.now(),
    )
    url = reverse("awards:proposal_detail", args=[proposal.pk])

    assert _notes(client, staff_long_an, url) == [
        "Đề nghị đã gửi Bộ Tư pháp và đang chờ Văn phòng TĐKT của Bộ Tư pháp thẩm định; đơn vị "
        "đề nghị không cần làm gì thêm, trừ khi hồ sơ bị trả lại để bổ sung."
    ]
    assert _notes(client, admin_user, url) == []


def test_a_proposal_sent_to_the_leader_says_so(client, sector, staff_long_an, leader_long_an):
    proposal = ProposalFactory(proposing_unit=sector.district, status=P.SUBMITTED)
    url = reverse("awards:proposal_detail", args=[proposal.pk])

    assert _notes(client, staff_long_an, url) == [
        "Đề nghị đang chờ lãnh đạo Phòng Thi hành án dân sự khu vực 1 – Long An duyệt: lãnh "
        "đạo gửi lên cấp trên hoặc trả lại để sửa."
    ]
    assert _notes(client, leader_long_an, url) == []


@pytest.fixture
def planned_session(sector, council_member):
    council = CouncilFactory(unit=sector.ministry)
    CouncilMemberFactory(council=council, user=council_member)
    return CouncilSession.objects.create(council=council, date=timezone.localdate())


def test_a_planned_session_tells_members_when_they_can_vote(
    client, planned_session, council_member, admin_user
):
    url = reverse("awards:session_detail", args=[planned_session.pk])

    assert _notes(client, council_member, url) == [
        "Phiên họp chưa bắt đầu: thành viên Hội đồng bỏ phiếu được khi Thư ký Hội đồng hoặc "
        "Văn phòng TĐKT của Bộ Tư pháp bắt đầu phiên họp."
    ]
    assert _notes(client, admin_user, url) == []
