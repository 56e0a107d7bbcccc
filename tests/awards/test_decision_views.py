"""Decision pages, the printed decision, award histories and notifications."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from awards import services
from awards.models import Conferment, Decision, Notification
from tests.factories import ConfermentFactory, DecisionFactory, PersonFactory

D = Decision.Status


@pytest.fixture
def closed(appraised, cast, wf_council):
    """The council voted: An passed (5/5), Bình failed (4/5 under 90 %)."""
    session = services.council_session_create(
        council=wf_council.council, by=cast.office, date=datetime.date(2026, 1, 10)
    )
    services.session_add_to_agenda(
        session=session, by=cast.office, nominees=[appraised.an, appraised.binh]
    )
    services.session_open(session=session, by=cast.office)
    for i, member in enumerate(wf_council.members):
        for nominee in (appraised.an, appraised.binh):
            vote = "disagree" if nominee == appraised.binh and i == 0 else "agree"
            services.ballot_cast(session=session, nominee=nominee, member=member, vote=vote)
    services.session_close(session=session, by=cast.office)
    return appraised


def _form(sector, wf_catalogue, recipients, number="123/QĐ-BTP"):
    return {
        "authority": wf_catalogue.minister.pk,
        "issuing_unit": sector.ministry.pk,
        "number": number,
        "signed_on": "15/01/2026",
        "signer_name": "Nguyễn Hải Ninh",
        "signer_position": "Bộ trưởng Bộ Tư pháp",
        "place": "Hà Nội",
        "legal_bases": [wf_catalogue.law.pk],
        "recipients": [n.pk for n in recipients],
    }


def _url(name, obj):
    return reverse(f"awards:{name}", kwargs={"pk": obj.pk})


def test_a_decision_is_drafted_issued_printed_and_shown_in_history(
    login, closed, cast, sector, wf_catalogue
):
    client = login(cast.office)
    form_page = client.get(reverse("awards:decision_create")).content.decode()
    assert "Nguyễn Văn An" in form_page and "Lê Thị Bình" not in form_page  # passed only
    response = client.post(
        reverse("awards:decision_create"), _form(sector, wf_catalogue, [closed.an])
    )
    decision = Decision.objects.get(number="123/QĐ-BTP")
    assert response.url == _url("decision_detail", decision) and decision.status == D.DRAFT

    page = client.post(_url("decision_issue", decision), follow=True).content.decode()
    assert "Đã ban hành Quyết định số 123/QĐ-BTP" in page
    assert Conferment.objects.filter(decision=decision, person=closed.an.person).exists()

    history = client.get(_url("person_history", closed.an.person)).content.decode()
    assert "123/QĐ-BTP" in history and "15/01/2026" in history
    assert Notification.objects.filter(unit=sector.district).exists()

    pdf = client.get(_url("decision_pdf", decision))
    assert pdf["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(pdf.content)).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "123/QĐ-BTP" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Hà Nội, ngày 15 tháng 01 năm 2026" in text
    assert "Nguyễn Văn An" in text  # the annex


def test_issuing_for_a_failed_nominee_is_refused(login, closed, cast, sector, wf_catalogue):
    draft = Decision.objects.create(
        authority=wf_catalogue.minister,
        issuing_unit=sector.ministry,
        number="124/QĐ-BTP",
        year=2026,
        signed_on=datetime.date(2026, 1, 15),
        signer_name="A",
        signer_position="Bộ trưởng",
        status=D.DRAFT,
    )
    draft.recipients.set([closed.binh])
    page = login(cast.office).post(_url("decision_issue", draft), follow=True).content.decode()
    assert "chưa được Hội đồng đồng ý (hội đồng không đồng ý)" in page
    draft.refresh_from_db()
    assert draft.status == D.DRAFT and not Conferment.objects.exists()


def test_a_revoked_decision_is_struck_through_in_history(login, closed, cast, sector, wf_catalogue):
    client = login(cast.office)
    client.post(reverse("awards:decision_create"), _form(sector, wf_catalogue, [closed.an]))
    decision = Decision.objects.get(number="123/QĐ-BTP")
    client.post(_url("decision_issue", decision))
    response = client.post(
        _url("decision_correct", decision),
        {
            "action": "revoke",
            "number": "130/QĐ-BTP",
            "signed_on": "20/02/2026",
            "signer_name": "Nguyễn Hải Ninh",
            "signer_position": "Bộ trưởng",
            "reason": "Hồ sơ không trung thực",
        },
    )
    revoking = Decision.objects.get(number="130/QĐ-BTP")
    assert response.url == _url("decision_detail", revoking)
    decision.refresh_from_db()
    assert decision.status == D.REVOKED
    history = client.get(_url("person_history", closed.an.person)).content.decode()
    assert "conferment-void" in history and "130/QĐ-BTP" in history


def test_a_revocation_without_reason_is_refused(login, closed, cast, sector, wf_catalogue):
    client = login(cast.office)
    client.post(reverse("awards:decision_create"), _form(sector, wf_catalogue, [closed.an]))
    decision = Decision.objects.get(number="123/QĐ-BTP")
    client.post(_url("decision_issue", decision))
    data = {"action": "revoke", "number": "131/QĐ-BTP", "signed_on": "20/02/2026"}
    page = client.post(_url("decision_correct", decision), data, follow=True).content.decode()
    assert "Lý do" in page
    decision.refresh_from_db()
    assert decision.status == D.ISSUED


def test_foreign_decisions_and_histories_are_404(login, staff_long_an, sector, person_lao_cai):
    decision = DecisionFactory(issuing_unit=sector.thads_lao_cai)
    client = login(staff_long_an)
    for name, obj in [
        ("decision_detail", decision),
        ("decision_pdf", decision),
        ("person_history", person_lao_cai),
        ("unit_history", sector.thads_lao_cai),
    ]:
        assert client.get(_url(name, obj)).status_code == 404, name


def test_unit_history_lists_collective_awards(login, leader_lao_cai, sector):
    conferment = ConfermentFactory(unit=sector.thads_lao_cai, person=None, year=2024)
    page = login(leader_lao_cai).get(_url("unit_history", sector.thads_lao_cai))
    assert conferment.decision.number in page.content.decode()


def test_notifications_can_be_marked_read(login, staff_long_an, sector):
    note = Notification.objects.create(unit=sector.district, text="Đề nghị đã có quyết định")
    client = login(staff_long_an)
    assert (
        "Đề nghị đã có quyết định" in client.get(reverse("awards:notifications")).content.decode()
    )
    client.post(_url("notification_read", note))
    note.refresh_from_db()
    assert note.read_at is not None


def test_a_decision_page_costs_the_same_queries_for_any_number_of_recipients(
    login, sector, cast, wf_catalogue, django_assert_num_queries
):

    def decision_with(count, number):
        decision = DecisionFactory(
            authority=wf_catalogue.minister, issuing_unit=sector.ministry, number=number
        )
        for i in range(count):
            person = PersonFactory(full_name=f"Cán bộ {number} {i}", assigned_to=sector.district)
            earlier = ConfermentFactory(award=wf_catalogue.bk, person=person, year=2023)
            conferment = ConfermentFactory(
                decision=decision, award=wf_catalogue.cstd, person=person, year=2025
            )
            conferment.relied_on.set([earlier])
        return decision

    small, large = decision_with(1, "1/QĐ-KT"), decision_with(6, "2/QĐ-KT")
    client = login(cast.office)
    client.get(_url("decision_detail", small))  # warm the session and the caches
    with CaptureQueriesContext(connection) as small_queries:
        client.get(_url("decision_detail", small))
    with django_assert_num_queries(len(small_queries)):
        page = client.get(_url("decision_detail", large))
    assert page.text.count("Đã xét dựa trên") == 6
