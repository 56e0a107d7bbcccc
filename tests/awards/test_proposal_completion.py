"""Finishing a proposal from the pages: forwarding up, editing drafts, removing files.

Every refusal leaves the data as it was and says why in Vietnamese; every change writes
an audit entry on the proposal.
"""

import os

import pytest
from django.urls import reverse

from awards import services
from awards.models import Conferment, Decision, DossierFile, Nominee, Proposal
from tests.awards.helpers import make_file, vote_and_close
from tests.factories import DecisionFactory, ProposalFactory, UnitFactory
from thidua.core import audit
from units.access import restrict
from units.models import AgencyType

P = Proposal.Status


def _detail(proposal):
    return reverse("awards:proposal_detail", kwargs={"pk": proposal.pk})


def _actions(proposal) -> list[str]:
    return [entry.action for entry in audit.history(proposal)]


# --- Forwarding a State-level proposal up ------------------------------------------------


def _forward_up(client, proposal, to_unit, comment=""):
    url = reverse("awards:proposal_forward_up", kwargs={"pk": proposal.pk})
    data = {"to_unit": to_unit.pk if to_unit else "", "comment": comment}
    return client.post(url, data, follow=True)


def test_the_ministry_leader_forwards_up_and_the_unit_sees_it_pending(
    login, pm_voted, cast, government
):
    page = login(cast.chief).get(_detail(pm_voted)).content.decode()
    assert "Trình cấp trên" in page and "Chính phủ" in page  # the form with its target

    page = _forward_up(login(cast.chief), pm_voted, government, "Kính trình").content.decode()
    assert "Đã trình đề nghị lên Chính phủ" in page
    pm_voted.refresh_from_db()
    assert (pm_voted.status, pm_voted.current_unit) == (P.FORWARDED_UP, government)
    assert _actions(pm_voted)[-1] == "forward_up"

    # The district that started it sees it as pending, with where it is now.
    staff = login(cast.staff)
    detail = staff.get(_detail(pm_voted)).content.decode()
    assert "Đang đề nghị lên cấp trên" in detail and "Đang đề nghị" in detail
    assert "Chính phủ" in detail
    listing = staff.get(reverse("awards:proposals"), {"status": "pending"}).content.decode()
    assert pm_voted.title in listing


def test_forwarding_up_is_refused_to_staff_and_without_a_target(login, pm_voted, cast, government):
    page = _forward_up(login(cast.office), pm_voted, government).content.decode()
    assert "Bạn không có quyền trình cấp trên" in page
    page = _forward_up(login(cast.chief), pm_voted, None).content.decode()
    assert "Chọn cơ quan nhận đề nghị" in page
    pm_voted.refresh_from_db()
    assert pm_voted.status == P.VOTED


def test_forwarding_up_to_a_unit_below_is_refused(pm_voted, cast, sector):
    with pytest.raises(Exception) as error:
        services.proposal_forward_up(proposal=pm_voted, by=cast.chief, to_unit=sector.district)
    assert error.value.messages == [
        "Không thể trình đề nghị lên Phòng Thi hành án dân sự khu vực 1 – Long An: "
        "chọn cơ quan cấp trên của Bộ Tư pháp."
    ]
    pm_voted.refresh_from_db()
    assert pm_voted.status == P.VOTED


def test_only_bodies_outside_the_sector_are_offered(login, pm_voted, cast, government):
    UnitFactory(name="Văn phòng Chủ tịch nước", agency_type=AgencyType.EXTERNAL)
    page = login(cast.chief).get(_detail(pm_voted)).content.decode()
    assert "Văn phòng Chủ tịch nước" in page
    assert f'<option value="{pm_voted.authority_unit_id}">' not in page


# --- Editing a draft -----------------------------------------------------------------------


def test_staff_edit_a_draft_and_the_change_is_audited(login, drafted, cast):
    client = login(cast.staff)
    url = reverse("awards:proposal_edit", kwargs={"pk": drafted.proposal.pk})
    form = client.get(url).content.decode()
    assert "Đề nghị khen thưởng năm 2025" in form  # the current title is filled in
    response = client.post(
        url, {"title": "Đề nghị khen thưởng năm 2025 (sửa)", "summary": "Bổ sung", "simplified": ""}
    )
    assert response.status_code == 302
    drafted.proposal.refresh_from_db()
    assert (drafted.proposal.title, drafted.proposal.summary) == (
        "Đề nghị khen thưởng năm 2025 (sửa)",
        "Bổ sung",
    )
    assert _actions(drafted.proposal)[-1] == "update"
    assert "Sửa" in client.get(_detail(drafted.proposal)).content.decode()


def test_an_empty_title_is_refused_and_the_text_kept(login, drafted, cast):
    url = reverse("awards:proposal_edit", kwargs={"pk": drafted.proposal.pk})
    response = login(cast.staff).post(url, {"title": "  ", "summary": "Nội dung mới"})
    assert response.status_code == 200
    assert "Nội dung mới" in response.content.decode()
    drafted.proposal.refresh_from_db()
    assert drafted.proposal.title == "Đề nghị khen thưởng năm 2025"


def test_a_submitted_proposal_cannot_be_edited(login, drafted, cast):
    services.proposal_submit(proposal=drafted.proposal, by=cast.staff)
    client = login(cast.staff)
    url = reverse("awards:proposal_edit", kwargs={"pk": drafted.proposal.pk})
    page = client.get(url, follow=True).content.decode()
    assert "Chờ lãnh đạo duyệt”: không thể sửa" in page
    response = client.post(url, {"title": "Đổi tên", "summary": ""})
    assert "không thể sửa" in response.content.decode()
    drafted.proposal.refresh_from_db()
    assert drafted.proposal.title == "Đề nghị khen thưởng năm 2025"
    assert "update" not in _actions(drafted.proposal)


def test_a_nominee_summary_is_edited_while_draft_only(login, appraised, drafted, cast):
    # ``appraised`` has forwarded ``drafted``: the summary can no longer change.
    url = reverse("awards:nominee_edit", kwargs={"pk": drafted.an.pk})
    page = login(cast.staff).post(url, {"achievement": "Khác"}, follow=True).content.decode()
    assert "không thể sửa đề cử hay hồ sơ" in page
    assert Nominee.objects.get(pk=drafted.an.pk).achievement.startswith("Hoàn thành xuất sắc")


def test_staff_edit_a_nominee_summary(login, drafted, cast):
    url = reverse("awards:nominee_edit", kwargs={"pk": drafted.an.pk})
    page = login(cast.staff).post(url, {"achievement": "Thi hành xong 99 % số việc"}, follow=True)
    assert "Thi hành xong 99 % số việc" in page.content.decode()
    assert Nominee.objects.get(pk=drafted.an.pk).achievement == "Thi hành xong 99 % số việc"
    assert _actions(drafted.proposal)[-1] == "nominee_update"


# --- Removing a dossier file ------------------------------------------------------------------


def test_a_file_of_a_draft_is_removed_from_the_page(
    login, drafted, cast, media_root, django_capture_on_commit_callbacks
):
    stored = drafted.proposal.files.get(kind=DossierFile.Kind.MINUTES)
    path = stored.file.path
    client = login(cast.staff)
    url = reverse("awards:dossier_remove", kwargs={"pk": stored.pk})
    assert url in client.get(_detail(drafted.proposal)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(url, follow=True).content.decode()
    assert "Đã xóa tài liệu “bien-ban.docx”" in page
    assert "Chưa có biên bản họp" in page  # the dossier now lacks it again
    assert not DossierFile.objects.filter(pk=stored.pk).exists()
    assert _actions(drafted.proposal)[-1] == "dossier_remove"
    assert not os.path.exists(path)  # the stored file goes too


def test_a_file_of_a_sent_proposal_stays(login, appraised, cast):
    stored = appraised.proposal.files.get(kind=DossierFile.Kind.MINUTES)
    url = reverse("awards:dossier_remove", kwargs={"pk": stored.pk})
    page = login(cast.staff).post(url, follow=True).content.decode()
    assert "không thể sửa đề cử hay hồ sơ" in page
    assert DossierFile.objects.filter(pk=stored.pk).exists()
    assert url not in page  # no remove button after submission


def test_a_file_of_another_province_is_404(login, sector, cast, media_root):

    foreign = ProposalFactory(proposing_unit=sector.thads_lao_cai)
    stored = services.dossier_upload(
        proposal=foreign, kind="submission", file=make_file("x.pdf"), by=cast.stranger
    )
    url = reverse("awards:dossier_remove", kwargs={"pk": stored.pk})
    assert login(cast.staff).post(url).status_code == 404
    assert DossierFile.objects.filter(pk=stored.pk).exists()


# --- A decision issued by another body, entered by the ministry ----------------------------


def _pm_decision_form(wf_catalogue, issuing, handling, recipients, number="1500/QĐ-TTg"):
    return {
        "authority": wf_catalogue.pm.pk,
        "issuing_unit": issuing.pk,
        "handling_unit": handling.pk if handling else "",
        "number": number,
        "signed_on": "02/09/2026",
        "signer_name": "Phạm Minh Chính",
        "signer_position": "Thủ tướng Chính phủ",
        "place": "Hà Nội",
        "recipients": [n.pk for n in recipients],
    }


def test_the_ministry_enters_the_prime_ministers_decision(
    login, pm_voted, cast, sector, wf_catalogue, government
):

    services.proposal_forward_up(proposal=pm_voted, by=cast.chief, to_unit=government)
    an = pm_voted.nominees.get()
    client = login(cast.office)
    form = client.get(reverse("awards:decision_create")).content.decode()
    assert "Chính phủ" in form and "Đơn vị nhập, quản lý quyết định" in form

    # The Government is not the office's unit: without a handling unit the form says so.
    refused = client.post(
        reverse("awards:decision_create"),
        _pm_decision_form(wf_catalogue, government, None, [an]),
    )
    assert refused.status_code == 200
    assert "chọn đơn vị của mình nhập, quản lý" in refused.content.decode()
    assert not Decision.objects.exists()

    client.post(
        reverse("awards:decision_create"),
        _pm_decision_form(wf_catalogue, government, sector.ministry, [an]),
    )
    decision = Decision.objects.get(number="1500/QĐ-TTg")
    assert (decision.issuing_unit, decision.handling_unit) == (government, sector.ministry)
    detail = reverse("awards:decision_detail", kwargs={"pk": decision.pk})
    page = client.get(detail).content.decode()
    assert "Đơn vị nhập, quản lý quyết định" in page and "Bộ Tư pháp" in page
    listing = client.get(reverse("awards:decisions")).content.decode()
    assert "1500/QĐ-TTg" in listing and "nhập bởi" in listing

    page = client.post(
        reverse("awards:decision_issue", kwargs={"pk": decision.pk}), follow=True
    ).content.decode()
    assert "Đã ban hành Quyết định số 1500/QĐ-TTg" in page
    assert Conferment.objects.filter(decision=decision, person=an.person).exists()
    pm_voted.refresh_from_db()
    assert pm_voted.status == P.DECIDED
    # The district sees the outcome; a unit of another province does not see the decision.
    assert login(cast.stranger).get(detail).status_code == 404


def test_a_handled_decision_is_owned_by_its_handling_unit(sector, cast, government, wf_catalogue):

    decision = DecisionFactory(
        authority=wf_catalogue.pm, issuing_unit=government, handling_unit=sector.ministry
    )
    assert list(restrict(Decision.objects.all(), cast.office)) == [decision]
    assert not restrict(Decision.objects.all(), cast.stranger).exists()


def test_a_ministry_award_offers_no_forwarding_up(login, appraised, cast, wf_council):
    vote_and_close([appraised.an, appraised.binh], wf_council, cast)
    page = login(cast.chief).get(_detail(appraised.proposal)).content.decode()
    assert "Kết thúc đề nghị" in page  # the leader may act on it …
    assert "Trình cấp trên" not in page  # … but the minister decides: nothing to send up
