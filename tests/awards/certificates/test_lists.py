"""The public-notice list, printed in the decision's administrative style."""

import datetime

from django.urls import reverse

from awards.models import AgendaItem, CouncilSession, PublicNotice
from tests.awards.certificates.helpers import pdf_pages
from tests.factories import CouncilFactory, NomineeFactory, PersonFactory, ProposalFactory

D = datetime.date


def _session(sector):
    council = CouncilFactory(unit=sector.ministry, name="Hội đồng Thi đua – Khen thưởng Bộ Tư pháp")
    session = CouncilSession.objects.create(council=council, date=D(2026, 1, 20))
    proposal = ProposalFactory(proposing_unit=sector.thads_long_an)
    noticed = NomineeFactory(
        proposal=proposal,
        person=PersonFactory(full_name="Nguyễn Thị Thanh Hương", assigned_to=sector.district),
    )
    quiet = NomineeFactory(
        proposal=proposal,
        person=PersonFactory(full_name="Trần Văn Lặng", assigned_to=sector.district),
    )
    for order, nominee in enumerate([noticed, quiet]):
        AgendaItem.objects.create(session=session, nominee=nominee, order=order)
    PublicNotice.objects.create(
        nominee=noticed, start=D(2026, 1, 5), working_days=5, ends_on=D(2026, 1, 9)
    )
    return session


def test_the_public_notice_list_names_the_nominees_under_notice(login, admin_user, sector):
    session = _session(sector)
    response = login(admin_user).get(
        reverse("certificates:session_public_notice", args=[session.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    (page,) = pdf_pages(response.content)
    assert "DANH SÁCH CÔNG KHAI" in page
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page
    assert "Nguyễn Thị Thanh Hương" in page and "05/01/2026 – 09/01/2026" in page
    assert "Trần Văn Lặng" not in page


def test_a_user_outside_the_council_gets_404(login, leader_lao_cai, sector):
    session = _session(sector)
    url = reverse("certificates:session_public_notice", args=[session.pk])
    assert login(leader_lao_cai).get(url).status_code == 404
