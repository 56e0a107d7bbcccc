"""A decision dated after the day it is issued, or a council session started before its
planned day, asks for a confirmation first (a typo in a date is the usual cause)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from awards import services
from awards.models import CouncilSession, Decision

D = Decision.Status


@pytest.fixture
def tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


def _message(day: datetime.date) -> str:
    return (
        f"Ngày ký {day:%d/%m/%Y} sau ngày hôm nay ({timezone.localdate():%d/%m/%Y}): quyết "
        "định được ghi ngày sau ngày ban hành. Kiểm tra lại ngày ký, hoặc đánh dấu ô xác nhận "
        "nếu đúng."
    )


def test_a_decision_dated_after_today_is_issued_only_when_confirmed(
    login, appraised, cast, wf_council, sector, wf_catalogue, tomorrow
):
    session = services.council_session_create(
        council=wf_council.council, by=cast.office, date=datetime.date(2026, 1, 10)
    )
    services.session_add_to_agenda(session=session, by=cast.office, nominees=[appraised.an])
    services.session_open(session=session, by=cast.office)
    for member in wf_council.members:
        services.ballot_cast(session=session, nominee=appraised.an, member=member, vote="agree")
    services.session_close(session=session, by=cast.office)
    draft = services.decision_draft(
        by=cast.office,
        authority=wf_catalogue.minister,
        issuing_unit=sector.ministry,
        number="99/QĐ-BTP",
        signed_on=tomorrow,
        signer_name="Nguyễn Hải Ninh",
        signer_position="Bộ trưởng",
        recipients=[appraised.an],
    )
    client = login(cast.office)
    detail = client.get(reverse("awards:decision_detail", args=[draft.pk])).content.decode()
    assert 'name="confirm_date"' in detail and _message(tomorrow) in detail

    url = reverse("awards:decision_issue", args=[draft.pk])
    response = client.post(url, follow=True)
    draft.refresh_from_db()
    assert draft.status == D.DRAFT
    assert [str(m) for m in response.context["messages"]] == [_message(tomorrow)]

    client.post(url, {"confirm_date": "1"})
    draft.refresh_from_db()
    assert draft.status == D.ISSUED


def test_the_draft_form_asks_to_confirm_a_signing_day_after_today(
    login, closed_for_form, cast, sector, wf_catalogue, tomorrow
):
    data = {
        "authority": wf_catalogue.minister.pk,
        "issuing_unit": sector.ministry.pk,
        "number": "98/QĐ-BTP",
        "signed_on": f"{tomorrow:%d/%m/%Y}",
        "signer_name": "Nguyễn Hải Ninh",
        "signer_position": "Thứ trưởng",
        "signer_authority": "kt",
        "place": "Hà Nội",
        "recipients": [closed_for_form.pk],
    }
    client = login(cast.office)

    response = client.post(reverse("awards:decision_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"confirm_date": [_message(tomorrow)]}
    assert not Decision.objects.filter(number="98/QĐ-BTP").exists()

    client.post(reverse("awards:decision_create"), {**data, "confirm_date": "on"})
    decision = Decision.objects.get(number="98/QĐ-BTP")
    assert (decision.signed_on, decision.signer_authority) == (tomorrow, "kt")


@pytest.fixture
def closed_for_form(appraised, cast, wf_council):
    """An passed the ministry's council: a recipient the draft form offers."""
    session = services.council_session_create(
        council=wf_council.council, by=cast.office, date=datetime.date(2026, 1, 10)
    )
    services.session_add_to_agenda(session=session, by=cast.office, nominees=[appraised.an])
    services.session_open(session=session, by=cast.office)
    for member in wf_council.members:
        services.ballot_cast(session=session, nominee=appraised.an, member=member, vote="agree")
    services.session_close(session=session, by=cast.office)
    return appraised.an


def test_a_session_started_before_its_planned_day_asks_for_confirmation(
    login, appraised, cast, wf_council
):
    planned = timezone.localdate() + datetime.timedelta(days=10)
    session = services.council_session_create(
        council=wf_council.council, by=cast.office, date=planned
    )
    services.session_add_to_agenda(session=session, by=cast.office, nominees=[appraised.an])
    client = login(cast.office)
    detail = client.get(reverse("awards:session_detail", args=[session.pk])).content.decode()
    assert 'name="confirm_early"' in detail

    url = reverse("awards:session_transition", args=[session.pk])
    response = client.post(url, {"transition": "open"}, follow=True)
    session.refresh_from_db()
    assert session.status == CouncilSession.Status.PLANNED
    assert [str(m) for m in response.context["messages"]] == [
        f"Phiên họp dự kiến ngày {planned:%d/%m/%Y}, hôm nay là "
        f"{timezone.localdate():%d/%m/%Y} (sớm 10 ngày): kiểm tra lại ngày họp trước khi bắt "
        "đầu bỏ phiếu."
    ]

    client.post(url, {"transition": "open", "confirm_early": "1"})
    session.refresh_from_db()
    assert session.status == CouncilSession.Status.OPEN


def test_a_session_on_its_planned_day_starts_without_a_question(login, appraised, cast, wf_council):
    session = services.council_session_create(
        council=wf_council.council, by=cast.office, date=timezone.localdate()
    )
    services.session_add_to_agenda(session=session, by=cast.office, nominees=[appraised.an])
    client = login(cast.office)

    client.post(reverse("awards:session_transition", args=[session.pk]), {"transition": "open"})

    session.refresh_from_db()
    assert session.status == CouncilSession.Status.OPEN
