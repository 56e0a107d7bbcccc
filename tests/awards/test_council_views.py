"""Council session pages: agenda, opening, secret ballots, written votes, close and tally."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards import services
from awards.models import AgendaItem, Ballot, DossierFile, Nominee
from tests.factories import ConfermentFactory, CouncilFactory, UnitRoleFactory, UserFactory

R = Nominee.Result


@pytest.fixture
def session(wf_council, cast):
    return services.council_session_create(
        council=wf_council.council, by=cast.office, date=datetime.date(2026, 1, 10)
    )


def _url(name, session):
    return reverse(f"awards:{name}", kwargs={"pk": session.pk})


def _vote(client, session, nominee, vote, **extra):
    data = {"nominee": nominee.pk, "vote": vote, "confirm": "1", **extra}
    return client.post(_url("session_vote", session), data, follow=True).content.decode()


def voted(login, appraised, cast, wf_council, session):
    """Agenda set and opened through the pages; An gets 5 votes, Bình 4 of 5 (fails 90 %)."""
    office = login(cast.office)
    page = office.get(_url("session_detail", session)).content.decode()
    assert "Nguyễn Văn An" in page  # offered for the agenda
    office.post(
        _url("session_agenda_add", session),
        {"nominees": [appraised.an.pk, appraised.binh.pk]},
    )
    office.post(_url("session_transition", session), {"transition": "open"})
    members = wf_council.members
    for member in members[:4]:
        client = login(member)
        _vote(client, session, appraised.an, "agree")
        _vote(client, session, appraised.binh, "agree")
    office = login(cast.office)
    absent = members[4].pk
    _vote(office, session, appraised.an, "agree", member=absent)
    _vote(office, session, appraised.binh, "disagree", member=absent)
    return office


def test_a_session_runs_from_agenda_to_tally(login, appraised, cast, wf_council, session):
    office = voted(login, appraised, cast, wf_council, session)
    assert Ballot.objects.filter(session=session, in_writing=True).count() == 2
    response = office.post(
        _url("session_transition", session), {"transition": "close"}, follow=True
    )
    page = response.content.decode()
    assert "Đã kết thúc" in page
    assert "Hội đồng đồng ý" in page and "Hội đồng không đồng ý" in page
    assert "≥ 90 %" in page and "≥ 80 %" in page
    appraised.an.refresh_from_db()
    appraised.binh.refresh_from_db()
    assert (appraised.an.result, appraised.an.votes_agree) == (R.PASSED, 5)
    assert (appraised.binh.result, appraised.binh.votes_agree) == (R.FAILED, 4)


def test_a_member_sees_only_their_own_ballot_before_close(
    login, appraised, cast, wf_council, session
):
    voted(login, appraised, cast, wf_council, session)
    member = wf_council.members[3]  # an ordinary member (Ủy viên)
    page = login(member).get(_url("session_detail", session)).content.decode()
    assert "Phiếu của bạn" in page
    assert "Đã có 5/5 phiếu" not in page  # counts are for the secretariat only
    assert "Không đồng ý</td>" not in page
    secretary = login(wf_council.members[2]).get(_url("session_detail", session)).content.decode()
    assert "Đã có 5/5 phiếu" in secretary


def test_a_vote_asks_for_confirmation_first(login, appraised, cast, wf_council, session):
    services.session_add_to_agenda(session=session, by=cast.office, nominees=[appraised.an])
    services.session_open(session=session, by=cast.office)
    member = login(wf_council.members[3])
    data = {"nominee": appraised.an.pk, "vote": "agree"}
    page = member.post(_url("session_vote", session), data, follow=True).content.decode()
    assert f"Bạn chọn “Đồng ý” cho {appraised.an.subject}. Xác nhận phiếu này?" in page
    assert not Ballot.objects.exists()
    page = _vote(member, session, appraised.an, "agree")
    assert "Phiếu của bạn: Đồng ý" in page


def test_a_member_changes_their_vote_until_close(login, appraised, cast, wf_council, session):
    voted(login, appraised, cast, wf_council, session)
    member = login(wf_council.members[0])
    page = _vote(member, session, appraised.an, "disagree")
    assert f"Đã thay đổi phiếu về {appraised.an.subject}." in page
    assert "Phiếu của bạn: Không đồng ý" in page
    mine = Ballot.objects.filter(session=session, nominee=appraised.an)
    assert mine.count() == 5
    assert mine.get(member=wf_council.members[0]).vote == "disagree"
    login(cast.office).post(_url("session_transition", session), {"transition": "close"})
    page = _vote(login(wf_council.members[0]), session, appraised.an, "agree")
    assert "Phiên họp đã kết thúc: không thể bỏ phiếu hay thay đổi phiếu nữa." in page
    assert mine.get(member=wf_council.members[0]).vote == "disagree"


def test_every_line_says_what_it_needs(login, appraised, cast, wf_council, session):
    services.session_add_to_agenda(
        session=session, by=cast.office, nominees=[appraised.an, appraised.binh]
    )
    office = login(cast.office)
    page = office.get(_url("session_detail", session)).content.decode()
    assert page.count("Cần ≥ 80 % tổng số thành viên đồng ý (số thành viên được chốt") == 1
    assert page.count("Cần ≥ 90 % tổng số thành viên đồng ý (số thành viên được chốt") == 1
    assert "/?" not in page
    assert "Chưa bỏ phiếu: số thành viên được chốt khi bắt đầu phiên họp" in page
    services.session_open(session=session, by=cast.office)
    page = office.get(_url("session_detail", session)).content.decode()
    assert "Cần ≥ 4/5 thành viên đồng ý (≥ 80 %)" in page
    assert "Cần ≥ 5/5 thành viên đồng ý (≥ 90 %)" in page
    assert "Đã có 0/5 phiếu" in page


def test_the_session_page_costs_the_same_for_more_lines(
    login, appraised, cast, wf_council, session
):
    services.session_add_to_agenda(session=session, by=cast.office, nominees=[appraised.an])
    services.session_open(session=session, by=cast.office)
    client = login(wf_council.members[2])  # the secretary sees counts and written-ballot forms
    url = _url("session_detail", session)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    AgendaItem.objects.create(session=session, nominee=appraised.binh)
    with CaptureQueriesContext(connection) as two:
        assert appraised.binh.subject.full_name in client.get(url).content.decode()
    assert len(two) == len(one)


def _dossier_url(session, nominee):
    return reverse("awards:session_dossier", kwargs={"pk": session.pk, "nominee": nominee.pk})


def test_a_member_reads_the_dossier_from_the_agenda(
    login, appraised, cast, wf_council, session, django_assert_num_queries
):
    an = appraised.an
    an.achievement = "Hoàn thành xuất sắc 120 % chỉ tiêu thi hành án."
    an.eligibility = {
        "checks": [
            {"code": "years", "status": "pass", "message": "Hai năm liền Lao động tiên tiến"}
        ],
        "citation": "Điều 24 Nghị định 98/2023/NĐ-CP",
    }
    an.save()
    report = DossierFile.objects.create(
        proposal=an.proposal,
        nominee=an,
        kind=DossierFile.Kind.REPORT,
        file=SimpleUploadedFile("bc.pdf", b"%PDF-1.4 report"),
        original_name="bao-cao-thanh-tich.pdf",
        size=15,
        content_type="application/pdf",
    )
    ConfermentFactory(person=an.person, year=2022)
    services.session_add_to_agenda(session=session, by=cast.office, nominees=[an])
    member = login(wf_council.members[3])
    page = member.get(_url("session_detail", session)).content.decode()
    assert _dossier_url(session, an) in page
    before = len_dossier_queries(member, session, an)
    ConfermentFactory(person=an.person, year=2020)
    DossierFile.objects.create(
        proposal=an.proposal,
        kind=DossierFile.Kind.SUBMISSION,
        file=SimpleUploadedFile("tt.pdf", b"%PDF-1.4 tt"),
        original_name="to-trinh.pdf",
        size=11,
        content_type="application/pdf",
    )
    with django_assert_num_queries(before):  # more files and awards, the same queries
        panel = member.get(_dossier_url(session, an), headers={"HX-Request": "true"})
    text = panel.content.decode()
    assert "<html" not in text  # a fragment for the session page
    assert "Hoàn thành xuất sắc 120 % chỉ tiêu thi hành án." in text
    assert "Hai năm liền Lao động tiên tiến" in text
    assert "Điều 24 Nghị định 98/2023/NĐ-CP" in text
    assert "bao-cao-thanh-tich.pdf" in text
    assert "2022:" in text and "2020:" in text and "to-trinh.pdf" in text
    file_url = reverse("awards:session_file", kwargs={"pk": session.pk, "file": report.pk})
    assert file_url in text
    download = member.get(file_url)
    assert b"".join(download.streaming_content) == b"%PDF-1.4 report"


def len_dossier_queries(client, session, nominee):
    with CaptureQueriesContext(connection) as queries:
        client.get(_dossier_url(session, nominee), headers={"HX-Request": "true"})
    return len(queries)


def test_the_dossier_is_404_outside_the_session(
    login, appraised, cast, wf_council, session, staff_long_an
):
    services.session_add_to_agenda(session=session, by=cast.office, nominees=[appraised.an])
    outsider = login(staff_long_an)
    assert outsider.get(_dossier_url(session, appraised.an)).status_code == 404
    member = login(wf_council.members[3])
    assert member.get(_dossier_url(session, appraised.an)).status_code == 200
    # A nominee that is not on this session's agenda is not read through it.
    assert member.get(_dossier_url(session, appraised.binh)).status_code == 404


def test_voting_before_the_session_opens_is_refused(login, appraised, cast, wf_council, session):
    services.session_add_to_agenda(session=session, by=cast.office, nominees=[appraised.an])
    page = _vote(login(wf_council.members[0]), session, appraised.an, "agree")
    assert "chỉ bỏ phiếu khi phiên họp đang diễn ra" in page
    assert not Ballot.objects.exists()


def test_staff_plan_a_session_of_their_council(login, cast, wf_council):
    client = login(cast.office)
    url = reverse("awards:session_create")
    bad = client.post(url, {"council": wf_council.council.pk, "date": "31/02/2026"}, follow=True)
    assert "không hợp lệ" in bad.content.decode()
    response = client.post(url, {"council": wf_council.council.pk, "date": "10/01/2026"})
    session = wf_council.council.sessions.get()
    assert session.date == datetime.date(2026, 1, 10)
    assert response.url == _url("session_detail", session)


def test_the_councils_secretary_plans_a_session_without_a_role_in_its_unit(login, wf_council):
    secretary, member = wf_council.members[2], wf_council.members[3]
    assert "Lập phiên họp" not in login(member).get(reverse("awards:sessions")).content.decode()
    client = login(secretary)
    assert wf_council.council.name in client.get(reverse("awards:sessions")).content.decode()
    response = client.post(
        reverse("awards:session_create"), {"council": wf_council.council.pk, "date": "12/01/2026"}
    )
    session = wf_council.council.sessions.get()
    assert response.url == _url("session_detail", session)


def test_sessions_of_another_province_are_404(login, staff_long_an, sector):
    foreign = services.council_session_create(
        council=CouncilFactory(unit=sector.thads_lao_cai),
        by=_admin(sector),
        date=datetime.date(2026, 1, 10),
    )
    client = login(staff_long_an)
    assert client.get(_url("session_detail", foreign)).status_code == 404
    assert (
        client.post(_url("session_transition", foreign), {"transition": "open"}).status_code == 404
    )
    assert "Lào Cai" not in client.get(reverse("awards:sessions")).content.decode()


def _admin(sector):

    user = UserFactory(username="admin_lc")
    UnitRoleFactory(user=user, unit=sector.thads_lao_cai, role="leader")
    return user


def test_a_nominee_needing_public_notice_gets_its_window(
    login, appraised, cast, wf_council, wf_catalogue, session
):
    wf_catalogue.cstd_rule.public_notice_days = 5
    wf_catalogue.cstd_rule.save()
    services.session_add_to_agenda(session=session, by=cast.office, nominees=[appraised.binh])
    office = login(cast.office)
    page = office.get(_url("session_detail", session)).content.decode()
    assert "Lấy ý kiến công khai (5 ngày làm việc)" in page
    response = office.post(
        reverse("awards:public_notice_start", kwargs={"pk": appraised.binh.pk}),
        {"session": session.pk, "start": "05/01/2026"},
        follow=True,
    )
    assert "đến hết ngày 09/01/2026" in response.content.decode()
    assert appraised.binh.notices.get().ends_on == datetime.date(2026, 1, 9)
