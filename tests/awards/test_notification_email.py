"""Notifications go by email as well as in the app: after the change commits, through the
worker, to the staff and leaders of the notified unit who have an address and want email."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from awards import services
from awards.models import Notification
from awards.services import decisions
from awards.services._common import notify
from campaigns import services as campaign_services
from campaigns.models import Registration
from tests.awards.helpers import D
from tests.factories import (
    ConfermentFactory,
    DecisionFactory,
    RegistrationFactory,
    UnitRoleFactory,
    UserFactory,
)
from tests.thidua.helpers_accounts import IMMEDIATE
from thidua.core.models import NotificationPreference
from units.models import UnitRole

User = get_user_model()


@pytest.fixture(autouse=True)
def worker_in_process(settings):
    settings.TASKS = IMMEDIATE
    settings.SITE_URL = "https://thidua.moj.gov.vn"


def _give_addresses(*users):
    for user in users:
        User.objects.filter(pk=user.pk).update(email=f"{user.username}@moj.gov.vn")


def test_a_forwarded_proposal_is_emailed_to_the_authority_units_staff_and_leaders(
    drafted, cast, sector, mailoutbox, django_capture_on_commit_callbacks
):
    _give_addresses(cast.office, cast.chief, cast.staff, cast.leader)
    council_only = UserFactory(username="hoi_dong", email="hoi.dong@moj.gov.vn")
    UnitRoleFactory(user=council_only, unit=sector.ministry, role=UnitRole.Role.COUNCIL)
    proposal = drafted.proposal
    services.proposal_submit(proposal=proposal, by=cast.staff)
    services.nominee_override(nominee=drafted.binh, by=cast.leader, reason="Thành tích đột phá")
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_forward(proposal=proposal, by=cast.leader)
        assert mailoutbox == []  # nothing before the commit

    text = (
        "Phòng Thi hành án dân sự khu vực 1 – Long An gửi đề nghị khen thưởng "
        "“Đề nghị khen thưởng năm 2025”."
    )
    assert sorted(m.to[0] for m in mailoutbox) == ["lanh_dao_bo@moj.gov.vn", "vu_tdkt@moj.gov.vn"]
    message = mailoutbox[0]
    assert message.subject == f"[Thi đua – Khen thưởng] {text}"
    assert text in message.body
    link = reverse("awards:proposal_detail", args=[proposal.pk])
    assert f"Xem chi tiết: https://thidua.moj.gov.vn{link}" in message.body
    assert f"https://thidua.moj.gov.vn{reverse('notification_preferences')}" in message.body


def test_a_user_who_turned_email_off_gets_only_the_in_app_notice(
    sector, cast, mailoutbox, django_capture_on_commit_callbacks
):
    _give_addresses(cast.staff, cast.leader)
    NotificationPreference.objects.create(user=cast.leader, email=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(unit=sector.district, text="Có quyết định khen thưởng mới.")
    assert [m.to for m in mailoutbox] == [["staff_long_an@moj.gov.vn"]]
    assert Notification.objects.filter(unit=sector.district).count() == 1


def test_users_without_an_address_or_inactive_get_no_email(
    sector, cast, mailoutbox, django_capture_on_commit_callbacks
):
    _give_addresses(cast.leader)
    User.objects.filter(pk=cast.leader.pk).update(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(unit=sector.district, text="Có quyết định khen thưởng mới.")
    assert mailoutbox == []


def test_nothing_is_sent_when_the_transaction_fails(
    sector, cast, mailoutbox, django_capture_on_commit_callbacks
):
    _give_addresses(cast.staff, cast.leader)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(unit=sector.district, text="Đề nghị bị trả lại.")
        raise RuntimeError("the change fails after the notice")
    assert mailoutbox == []
    assert not Notification.objects.exists()


def test_a_scheduled_session_and_its_opening_are_notified_with_the_agenda(
    appraised, cast, wf_council, sector, mailoutbox, django_capture_on_commit_callbacks
):
    _give_addresses(cast.staff)
    session = services.council_session_create(
        council=wf_council.council, by=cast.office, date=D(2026, 1, 10)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.session_add_to_agenda(
            session=session, by=cast.office, nominees=[appraised.an, appraised.binh]
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.session_open(session=session, by=cast.office)
    council = "Hội đồng Thi đua – Khen thưởng Bộ Tư pháp"
    texts = list(
        Notification.objects.filter(unit=sector.district)
        .order_by("pk")
        .values_list("text", flat=True)
    )[-2:]
    assert texts == [
        f"Đề nghị “Đề nghị khen thưởng năm 2025” được đưa vào chương trình phiên họp {council} "
        f"ngày 10/01/2026: {appraised.an}; {appraised.binh}.",
        f"{council} bắt đầu bỏ phiếu đề nghị “Đề nghị khen thưởng năm 2025” "
        "(phiên họp ngày 10/01/2026).",
    ]
    assert [m.body.splitlines()[2] for m in mailoutbox] == texts


@pytest.mark.parametrize(
    ("action", "comment", "text"),
    [
        ("accept", "", "Đăng ký thi đua “{line}” đã được duyệt."),
        (
            "return",
            "Thiếu báo cáo thành tích",
            "Đăng ký thi đua “{line}” bị trả lại: Thiếu báo cáo thành tích",
        ),
    ],
)
def test_a_reviewed_registration_is_notified_to_its_unit(
    action, comment, text, sector, cast, mailoutbox, django_capture_on_commit_callbacks
):
    _give_addresses(cast.staff)
    line = RegistrationFactory(unit=sector.district, status=Registration.Status.SUBMITTED)
    review = getattr(campaign_services, f"registration_{action}")
    with django_capture_on_commit_callbacks(execute=True):
        review(by=cast.leader, registration=line, comment=comment)
    notice = Notification.objects.get(unit=sector.district)
    assert notice.text == text.format(line=line)
    assert notice.link == reverse("campaigns:registration", args=[line.pk])
    assert [m.to for m in mailoutbox] == [["staff_long_an@moj.gov.vn"]]


def test_an_issued_decision_is_notified_to_each_recipients_unit(
    sector, cast, staff_lao_cai, leader_lao_cai, mailoutbox, django_capture_on_commit_callbacks
):
    _give_addresses(staff_lao_cai, cast.staff)
    decision = DecisionFactory(number="45/QĐ-BTP", authority__name="Bộ trưởng Bộ Tư pháp")
    conferments = [
        ConfermentFactory(decision=decision, unit=sector.thads_lao_cai),
        ConfermentFactory(decision=decision, unit=sector.thads_lao_cai),
        ConfermentFactory(decision=decision, unit=sector.district),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        # The district proposed them and was told with its proposal: only Lào Cai hears now.
        decisions._notify_recipient_units(decision, conferments, {sector.district.pk})
    notice = Notification.objects.get()
    assert notice.unit == sector.thads_lao_cai
    assert notice.text == (
        "Quyết định số 45/QĐ-BTP ngày 15/01/2025 của Bộ trưởng Bộ Tư pháp: khen thưởng 2 cá "
        "nhân, tập thể của Thi hành án dân sự tỉnh Lào Cai."
    )
    assert notice.link == reverse("awards:decision_detail", args=[decision.pk])
    assert [m.to for m in mailoutbox] == [["staff_lao_cai@moj.gov.vn"]]


def test_a_proposal_returned_by_the_leader_is_notified_to_its_staff(
    drafted, cast, sector, mailoutbox, django_capture_on_commit_callbacks
):
    _give_addresses(cast.staff)
    services.proposal_submit(proposal=drafted.proposal, by=cast.staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_return(proposal=drafted.proposal, by=cast.leader, comment="Sửa lại")
    notice = Notification.objects.filter(unit=sector.district).latest("pk")
    assert notice.text == "Lãnh đạo trả lại đề nghị “Đề nghị khen thưởng năm 2025”: Sửa lại"
    assert [m.to for m in mailoutbox] == [["staff_long_an@moj.gov.vn"]]
