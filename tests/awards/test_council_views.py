"""Council session pages: agenda, opening, secret ballots, written votes, close and tally."""

import datetime

import pytest
from django.urls import reverse

from awards import services
from awards.models import Ballot, Nominee
from tests.factories import CouncilFactory, UnitRoleFactory, UserFactory

R = Nominee.Result


@pytest.fixture
def session(wf_council, cast):
    return services.council_session_create(
        council=wf_council.council, by=cast.office, date=datetime.date(2026, 1, 10)
    )


def _url(name, session):
    return reverse(f"awards:{name}", kwargs={"pk": session.pk})


def _vote(client, session, nominee, vote, **extra):
    data = {"nominee": nominee.pk, "vote": vote, **extra}
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


def test_voting_twice_is_refused(login, appraised, cast, wf_council, session):
    voted(login, appraised, cast, wf_council, session)
    page = _vote(login(wf_council.members[0]), session, appraised.an, "disagree")
    assert "đã bỏ phiếu" in page.lower()
    assert Ballot.objects.filter(session=session, nominee=appraised.an).count() == 5


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
