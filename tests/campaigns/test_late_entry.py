"""Historical entry: an admin entering an earlier year sets a line's real sent date (not in
the future, not before the campaign) and sends past the deadline; the history says the
date was entered afterwards, and "nhập sau hạn". Nobody else may do either."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Registration
from campaigns.services import (
    RegistrationRow,
    registration_create,
    registration_submit,
    registrations_save_bulk,
    registrations_submit_drafts,
)
from tests.factories import CampaignFactory
from thidua.core.models import AuditEntry

D = datetime.date
S = Registration.Status


@pytest.fixture
def campaign_2018(sector, catalogue):
    """A campaign of 2018, still open in the system while its year is entered."""
    return CampaignFactory(
        name="Thi đua thực hiện thắng lợi nhiệm vụ năm 2018",
        launched_by=sector.hq,
        start_date=D(2018, 1, 1),
        end_date=D(2018, 12, 31),
        registration_deadline=D(2018, 3, 31),
        scope_units=[sector.thads_long_an, sector.thads_lao_cai],
        awards=[catalogue.tt_ldxs, catalogue.ldtt],
    )


@pytest.fixture
def draft_2018(admin_user, campaign_2018, sector, catalogue):
    return registration_create(
        by=admin_user,
        campaign=campaign_2018,
        award=catalogue.tt_ldxs,
        unit=sector.thads_long_an,
        year=2018,
    )


def _history(registration):
    return list(
        AuditEntry.objects.filter(object_id=str(registration.pk), action="submit").values_list(
            "comment", flat=True
        )
    )


def _today():
    return f"{timezone.localdate():%d/%m/%Y}"


def test_the_admin_records_the_real_sent_date_in_time(admin_user, draft_2018):
    registration_submit(by=admin_user, registration=draft_2018, sent_on=D(2018, 3, 20))
    draft_2018.refresh_from_db()
    assert draft_2018.status == S.SUBMITTED
    assert timezone.localtime(draft_2018.submitted_at).date() == D(2018, 3, 20)
    assert _history(draft_2018) == [f"Ngày gửi thực tế 20/03/2018, nhập sau ngày {_today()}."]


def test_a_real_sent_date_past_the_deadline_is_entered_late(admin_user, draft_2018):
    registration_submit(by=admin_user, registration=draft_2018, sent_on=D(2018, 4, 10))
    assert _history(draft_2018) == [
        f"Nhập sau hạn đăng ký (31/03/2018). Ngày gửi thực tế 10/04/2018, nhập sau ngày {_today()}."
    ]


def test_the_admin_sends_past_the_deadline_and_the_history_says_so(admin_user, draft_2018):
    registration_submit(by=admin_user, registration=draft_2018)
    draft_2018.refresh_from_db()
    assert draft_2018.status == S.SUBMITTED
    assert timezone.localtime(draft_2018.submitted_at).date() == timezone.localdate()
    assert _history(draft_2018) == ["Nhập sau hạn đăng ký (31/03/2018)."]


def test_sending_all_and_saving_sent_lines_late_are_recorded_too(
    admin_user, campaign_2018, sector, catalogue, draft_2018
):
    registrations_submit_drafts(
        by=admin_user, campaign=campaign_2018, unit=sector.thads_long_an, year=2018
    )
    result = registrations_save_bulk(
        by=admin_user,
        campaign=campaign_2018,
        unit=sector.thads_lao_cai,
        rows=[RegistrationRow(award=catalogue.tt_ldxs)],
        year=2018,
        submit=True,
    )
    for line in (draft_2018, *result.registrations):
        assert _history(line) == ["Nhập sau hạn đăng ký (31/03/2018)."]


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (
            timezone.localdate() + datetime.timedelta(days=1),
            "Ngày gửi thực tế ({day}) không được sau hôm nay ({today}).",
        ),
        (
            D(2017, 12, 31),
            "Ngày gửi thực tế ({day}) không được trước ngày bắt đầu phong trào (01/01/2018).",
        ),
    ],
)
def test_a_sent_date_in_the_future_or_before_the_campaign_is_refused(
    admin_user, draft_2018, day, message
):
    with pytest.raises(ValidationError) as refused:
        registration_submit(by=admin_user, registration=draft_2018, sent_on=day)
    assert refused.value.message_dict == {
        "sent_on": [message.format(day=f"{day:%d/%m/%Y}", today=_today())]
    }
    draft_2018.refresh_from_db()
    assert draft_2018.status == S.DRAFT


def test_staff_can_neither_date_a_sending_nor_send_late(
    staff_long_an_province, campaign_2018, sector, catalogue
):
    staff_long_an = staff_long_an_province
    line = registration_create(
        by=staff_long_an,
        campaign=campaign_2018,
        award=catalogue.tt_ldxs,
        unit=sector.thads_long_an,
        year=2018,
    )
    with pytest.raises(ValidationError) as refused:
        registration_submit(by=staff_long_an, registration=line, sent_on=D(2018, 3, 20))
    assert refused.value.messages == [
        "Chỉ quản trị viên ghi được ngày gửi thực tế (khi nhập bổ sung năm trước)."
    ]
    with pytest.raises(ValidationError, match="Đã quá hạn đăng ký"):
        registration_submit(by=staff_long_an, registration=line)
    line.refresh_from_db()
    assert line.status == S.DRAFT


def test_the_admin_dates_a_sending_on_the_registration_page(login, admin_user, draft_2018):
    client = login(admin_user)
    url = reverse("campaigns:registration", args=[draft_2018.pk])
    page = client.get(url).content.decode()
    assert "Đã quá hạn đăng ký (31/03/2018): quản trị viên vẫn gửi được" in page
    assert 'name="sent_on"' in page
    action = reverse("campaigns:registration_transition", args=[draft_2018.pk])
    response = client.post(action, {"transition": "submit", "sent_on": "31/02/2018"}, follow=True)
    assert "Ngày gửi thực tế: Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy." in (
        response.content.decode()
    )
    draft_2018.refresh_from_db()
    assert draft_2018.status == S.DRAFT
    response = client.post(action, {"transition": "submit", "sent_on": "20/03/2018"}, follow=True)
    html = response.content.decode()
    assert "Đã gửi đăng ký." in html
    assert f"Ngày gửi thực tế 20/03/2018, nhập sau ngày {_today()}." in html
    assert "00:00 20/03/2018" in html  # the sent date shown on the page


def test_staff_see_no_sent_date_field(login, staff_long_an, campaign, sector, catalogue):
    line = registration_create(
        by=staff_long_an, campaign=campaign, award=catalogue.tt_ldxs, unit=sector.district
    )
    page = login(staff_long_an).get(reverse("campaigns:registration", args=[line.pk]))
    assert 'name="sent_on"' not in page.content.decode()


def test_the_admin_sends_all_drafts_late_from_the_unit_page(
    login, admin_user, campaign_2018, sector, draft_2018
):
    client = login(admin_user)
    url = reverse("campaigns:unit", args=[campaign_2018.pk, sector.thads_long_an.pk])
    page = client.get(url, {"year": 2018}).content.decode()
    assert "Đã quá hạn đăng ký (31/03/2018): quản trị viên vẫn gửi được" in page
    assert "Lưu và gửi" in page
    submit = reverse("campaigns:unit_submit", args=[campaign_2018.pk, sector.thads_long_an.pk])
    client.post(f"{submit}?year=2018")
    draft_2018.refresh_from_db()
    assert draft_2018.status == S.SUBMITTED
    assert _history(draft_2018) == ["Nhập sau hạn đăng ký (31/03/2018)."]
