"""Papers kept beside a decision (its signed scan, annexes) and a council session (minutes).

A decision's are kept by its unit's staff and leaders; once it is issued, they stay: only an
admin removes one. A session's are kept by who runs it (the council unit's staff and
leaders, the council's chair and secretary)."""

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards import services
from awards.models import CouncilMember, CouncilSession, Decision
from tests.awards.helpers import PDF, make_file
from tests.factories import CouncilFactory, CouncilMemberFactory, DecisionFactory
from thidua.core.models import Attachment

SCAN = Decision.Paper.SIGNED_SCAN
KEPT = (
    "Tài liệu của quyết định đã ban hành được lưu cùng hồ sơ; chỉ quản trị viên "
    "(Văn phòng TĐKT) mới gỡ được."
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def issued(sector):
    return DecisionFactory(issuing_unit=sector.thads_lao_cai, number="15/QĐ-THADS")


@pytest.fixture
def draft(sector):
    return DecisionFactory(issuing_unit=sector.thads_lao_cai, status=Decision.Status.DRAFT)


@pytest.fixture
def session(sector):
    council = CouncilFactory(unit=sector.thads_lao_cai)
    return CouncilSession.objects.create(council=council, date=datetime.date(2026, 1, 10))


def _scan(decision, by):
    return services.decision_attachment_add(
        decision=decision,
        by=by,
        kind=SCAN,
        title="Quyết định 15/QĐ-THADS có chữ ký",
        file=make_file("qd-15-scan.pdf"),
    )


def _minutes(session, by):
    return services.session_attachment_add(
        session=session,
        by=by,
        kind=CouncilSession.Paper.MINUTES,
        title="Biên bản họp ngày 10/01/2026",
        file=make_file("bien-ban.pdf"),
    )


# --- Decisions ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["staff_lao_cai", "leader_lao_cai", "admin_user"])
def test_the_units_staff_and_leaders_keep_the_signed_scan_of_an_issued_decision(
    who, request, issued
):
    assert _scan(issued, request.getfixturevalue(who)).holder == issued


@pytest.mark.parametrize("who", ["council_member", "leader_long_an"])
def test_others_may_not_upload_to_a_decision(who, request, issued):
    with pytest.raises(ValidationError) as refused:
        _scan(issued, request.getfixturevalue(who))
    assert refused.value.messages == ["Bạn không có quyền tải lên tài liệu của quyết định."]
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("who", ["staff_lao_cai", "leader_lao_cai"])
def test_the_papers_of_an_issued_decision_are_kept(who, request, issued):
    paper = _scan(issued, request.getfixturevalue("staff_lao_cai"))
    with pytest.raises(ValidationError) as refused:
        services.decision_attachment_remove(
            decision=issued, attachment=paper, by=request.getfixturevalue(who)
        )
    assert refused.value.messages == [KEPT]
    assert Attachment.objects.filter(pk=paper.pk).exists()


def test_the_admin_removes_a_wrong_paper_of_an_issued_decision(issued, staff_lao_cai, admin_user):
    paper = _scan(issued, staff_lao_cai)
    services.decision_attachment_remove(decision=issued, attachment=paper, by=admin_user)
    assert not Attachment.objects.exists()


def test_the_unit_removes_a_paper_of_its_draft(draft, staff_lao_cai, council_member):
    paper = _scan(draft, staff_lao_cai)
    with pytest.raises(ValidationError):
        services.decision_attachment_remove(decision=draft, attachment=paper, by=council_member)
    services.decision_attachment_remove(decision=draft, attachment=paper, by=staff_lao_cai)
    assert not Attachment.objects.exists()


def test_the_issued_decisions_page_says_its_papers_are_kept(
    login, issued, staff_lao_cai, admin_user
):
    paper = _scan(issued, staff_lao_cai)
    url = reverse("awards:decision_detail", args=[issued.pk])
    remove = reverse("awards:decision_attachment_remove", args=[issued.pk, paper.pk])
    page = html.unescape(login(staff_lao_cai).get(url).content.decode())
    assert "Bản scan có chữ ký" in page and "Quyết định 15/QĐ-THADS có chữ ký" in page
    assert "chỉ quản trị viên (Văn phòng TĐKT) mới gỡ được" in page
    assert remove not in page
    assert "Đính kèm tài liệu" in page  # the decision's history
    assert remove in login(admin_user).get(url).content.decode()


def test_a_decision_paper_is_uploaded_and_downloaded_on_the_page(
    login, issued, staff_lao_cai, council_member
):
    response = login(staff_lao_cai).post(
        reverse("awards:decision_attachment_upload", args=[issued.pk]),
        {"kind": "annex", "title": "Phụ lục danh sách", "file": make_file("phu-luc.pdf")},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["Đã tải lên tài liệu."]
    paper = Attachment.objects.get()
    download = login(council_member).get(
        reverse("awards:decision_attachment", args=[issued.pk, paper.pk])
    )
    assert b"".join(download.streaming_content) == PDF
    assert 'filename="phu-luc.pdf"' in download["Content-Disposition"]


def test_a_council_member_is_refused_on_the_page_and_nothing_is_kept(login, issued, council_member):
    response = login(council_member).post(
        reverse("awards:decision_attachment_upload", args=[issued.pk]),
        {"kind": "annex", "title": "Phụ lục", "file": make_file("phu-luc.pdf")},
    )
    assert response.status_code == 200
    assert "Bạn không có quyền tải lên tài liệu của quyết định." in html.unescape(
        response.content.decode()
    )
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("who", ["staff_long_an", "leader_long_an", "council_long_an"])
def test_outsiders_get_404_for_a_decisions_papers(who, request, login, issued, staff_lao_cai):
    paper = _scan(issued, staff_lao_cai)
    client = login(request.getfixturevalue(who))
    assert client.get(reverse("awards:decision_detail", args=[issued.pk])).status_code == 404
    file_url = reverse("awards:decision_attachment", args=[issued.pk, paper.pk])
    assert client.get(file_url).status_code == 404
    upload = client.post(
        reverse("awards:decision_attachment_upload", args=[issued.pk]),
        {"kind": "annex", "title": "X", "file": make_file("x.pdf")},
    )
    assert upload.status_code == 404
    assert Attachment.objects.count() == 1


# --- Council sessions -----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["staff_lao_cai", "leader_lao_cai", "admin_user"])
def test_who_runs_the_session_keeps_its_minutes(who, request, session):
    assert _minutes(session, request.getfixturevalue(who)).holder == session


def test_the_councils_secretary_keeps_its_minutes_a_plain_member_does_not(session, sector):
    secretary = CouncilMemberFactory(council=session.council, role=CouncilMember.Role.SECRETARY)
    member = CouncilMemberFactory(council=session.council)
    assert _minutes(session, secretary.user).uploaded_by == secretary.user
    with pytest.raises(ValidationError) as refused:
        _minutes(session, member.user)
    assert refused.value.messages == ["Bạn không có quyền tải lên tài liệu của phiên họp."]


def test_the_session_page_lists_the_minutes_and_the_history(login, session, staff_lao_cai):
    paper = _minutes(session, staff_lao_cai)
    client = login(staff_lao_cai)
    page = html.unescape(
        client.get(reverse("awards:session_detail", args=[session.pk])).content.decode()
    )
    assert "Biên bản họp Hội đồng" in page and "Biên bản họp ngày 10/01/2026" in page
    assert "Đính kèm tài liệu" in page
    remove = reverse("awards:session_attachment_remove", args=[session.pk, paper.pk])
    response = client.post(remove, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Đã gỡ tài liệu “Biên bản họp ngày 10/01/2026”."
    ]
    assert "Gỡ tài liệu đính kèm" in html.unescape(response.content.decode())


@pytest.mark.parametrize("who", ["staff_long_an", "leader_long_an", "council_long_an"])
def test_outsiders_get_404_for_a_sessions_papers(who, request, login, session, staff_lao_cai):
    paper = _minutes(session, staff_lao_cai)
    client = login(request.getfixturevalue(who))
    file_url = reverse("awards:session_attachment", args=[session.pk, paper.pk])
    assert client.get(file_url).status_code == 404
    upload = client.post(
        reverse("awards:session_attachment_upload", args=[session.pk]),
        {"kind": "minutes", "title": "X", "file": make_file("x.pdf")},
    )
    assert upload.status_code == 404
    removal = client.post(reverse("awards:session_attachment_remove", args=[session.pk, paper.pk]))
    assert removal.status_code == 404
    assert Attachment.objects.count() == 1
