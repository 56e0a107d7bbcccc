"""Proposal pages: the staff → leader → authority path, bad input, 404s and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards import services
from awards.models import DossierFile, Nominee, Proposal
from tests.awards.helpers import PDF, PNG, YEAR, make_file
from tests.factories import AuthorityFactory, NomineeFactory, PersonFactory, ProposalFactory

P = Proposal.Status


def _detail(proposal):
    return reverse("awards:proposal_detail", kwargs={"pk": proposal.pk})


def _upload(client, proposal, kind, name, content, nominee=None):
    data = {"kind": kind, "file": make_file(name, content)}
    if nominee is not None:
        data["nominee"] = nominee.pk
    return client.post(reverse("awards:dossier_upload", kwargs={"pk": proposal.pk}), data)


def _transition(client, proposal, name, comment=""):
    url = reverse("awards:proposal_transition", kwargs={"pk": proposal.pk})
    return client.post(url, {"transition": name, "comment": comment}, follow=True)


def test_the_proposal_goes_from_staff_to_the_authority_through_the_pages(
    login, sector, cast, wf_catalogue, wf_people, media_root
):
    client = login(cast.staff)
    response = client.post(
        reverse("awards:proposal_create"),
        {
            "proposing_unit": sector.district.pk,
            "authority": wf_catalogue.minister.pk,
            "year": YEAR,
            "title": "Đề nghị khen thưởng năm 2025",
        },
    )
    proposal = Proposal.objects.get(title="Đề nghị khen thưởng năm 2025")
    assert response.url == _detail(proposal)

    add = reverse("awards:nominee_add", kwargs={"pk": proposal.pk})
    client.post(add, {"award": wf_catalogue.bk.pk, "person": wf_people.an.pk, "achievement": "X"})
    client.post(add, {"award": wf_catalogue.cstd.pk, "person": wf_people.binh.pk})
    an = proposal.nominees.get(person=wf_people.an)
    binh = proposal.nominees.get(person=wf_people.binh)

    page = client.get(_detail(proposal)).content.decode()
    assert "Đủ điều kiện, có lưu ý" in page  # Bình's verdict, with its reason
    assert "Bằng khen của Bộ trưởng Bộ Tư pháp" in page
    assert "Chưa có tờ trình" in page  # missing documents are listed

    _upload(client, proposal, "submission", "to-trinh.pdf", PDF)
    _upload(client, proposal, "minutes", "bien-ban.pdf", PDF)
    _upload(client, proposal, "report", "bao-cao-an.pdf", PDF, an)
    _upload(client, proposal, "report", "bao-cao-binh.pdf", PDF, binh)
    assert proposal.files.count() == 4

    page = _transition(client, proposal, "submit").content.decode()
    assert "Chờ lãnh đạo duyệt" in page

    leader = login(cast.leader)
    refused = _transition(leader, proposal, "forward").content.decode()
    assert "lãnh đạo cần ghi lý do vẫn đề nghị" in refused
    override = reverse("awards:nominee_override", kwargs={"pk": binh.pk})
    leader.post(override, {"reason": "Có thành tích đột phá trong năm"})
    page = _transition(leader, proposal, "forward").content.decode()
    assert "Đã gửi, chờ thẩm định" in page
    assert "Có thành tích đột phá trong năm" in page  # the override stays visible

    office = login(cast.office)
    page = _transition(office, proposal, "appraise").content.decode()
    assert "Đã thẩm định" in page
    assert "Vẫn đề nghị" in page  # the audit history names the override
    proposal.refresh_from_db()
    assert proposal.status == P.APPRAISED and proposal.current_unit == sector.ministry


def test_a_return_needs_a_reason(login, drafted, cast):
    services.proposal_submit(proposal=drafted.proposal, by=cast.staff)
    page = _transition(login(cast.leader), drafted.proposal, "return").content.decode()
    assert "Cần ghi rõ lý do khi trả lại" in page
    drafted.proposal.refresh_from_db()
    assert drafted.proposal.status == P.SUBMITTED


def test_a_png_named_pdf_is_refused_and_the_form_is_kept(login, drafted, cast):
    response = _upload(login(cast.staff), drafted.proposal, "report", "bc.pdf", PNG, drafted.an)
    assert response.status_code == 200
    page = response.content.decode()
    assert "có đuôi .pdf nhưng nội dung là tệp PNG" in page
    assert f'<option value="{drafted.an.pk}" selected>' in page  # nominee kept
    assert '<option value="report" selected>' in page  # kind kept
    assert drafted.proposal.files.count() == 4


def test_a_forwarded_proposal_cannot_be_edited(login, appraised, cast, wf_catalogue, sector):
    person = PersonFactory(full_name="Trần Văn Cường", assigned_to=sector.district)
    client = login(cast.staff)
    response = client.post(
        reverse("awards:nominee_add", kwargs={"pk": appraised.proposal.pk}),
        {"award": wf_catalogue.bk.pk, "person": person.pk},
    )
    assert response.status_code == 200
    assert not Nominee.objects.filter(person=person).exists()
    removed = client.post(reverse("awards:nominee_remove", kwargs={"pk": appraised.an.pk}))
    assert removed.status_code == 302
    assert Nominee.objects.filter(pk=appraised.an.pk).exists()


def test_a_dossier_file_downloads_as_an_attachment(login, drafted, cast):
    stored = drafted.proposal.files.get(kind=DossierFile.Kind.SUBMISSION)
    response = login(cast.staff).get(reverse("awards:dossier_file", kwargs={"pk": stored.pk}))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="to-trinh.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_proposals_of_another_province_are_404(login, sector, staff_long_an, media_root):
    foreign = ProposalFactory(proposing_unit=sector.thads_lao_cai, authority=AuthorityFactory())
    stored = DossierFile.objects.create(
        proposal=foreign,
        kind="submission",
        file=make_file("x.pdf"),
        original_name="x.pdf",
        size=10,
        content_type="application/pdf",
    )
    client = login(staff_long_an)
    assert client.get(_detail(foreign)).status_code == 404
    assert client.get(reverse("awards:dossier_file", kwargs={"pk": stored.pk})).status_code == 404
    listing = client.get(reverse("awards:proposals")).content.decode()
    assert foreign.title not in listing


def test_the_list_filters_pending_proposals(login, appraised, cast, sector, wf_catalogue):
    services.proposal_create(
        by=cast.staff,
        proposing_unit=sector.district,
        authority=wf_catalogue.minister,
        year=YEAR,
        title="Nháp chưa gửi",
    )
    page = login(cast.staff).get(reverse("awards:proposals"), {"status": "pending"})
    text = page.content.decode()
    assert appraised.proposal.title in text and "Nháp chưa gửi" not in text


def _add_people(proposal, by, award, sector, count):
    for i in range(count):
        person = PersonFactory(full_name=f"Cán bộ {i}", assigned_to=sector.district)
        services.nominee_add(proposal=proposal, by=by, award=award, person=person)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_detail_and_list_queries_do_not_grow_with_nominees(
    login, drafted, cast, wf_catalogue, sector, django_assert_num_queries
):
    client = login(cast.staff)
    detail, listing = _detail(drafted.proposal), reverse("awards:proposals")
    with_two = _count(client, detail), _count(client, listing)
    _add_people(drafted.proposal, cast.staff, wf_catalogue.bk, sector, 4)
    for _i in range(4):
        ProposalFactory(proposing_unit=sector.district, authority=wf_catalogue.minister)
    with django_assert_num_queries(with_two[0]):
        client.get(detail)
    with django_assert_num_queries(with_two[1]):
        client.get(listing)


@pytest.mark.parametrize("name", ["nominee_override", "nominee_remove"])
def test_nominee_actions_of_another_province_are_404(name, login, staff_long_an, sector):

    foreign = NomineeFactory(proposal=ProposalFactory(proposing_unit=sector.thads_lao_cai))
    response = login(staff_long_an).post(reverse(f"awards:{name}", kwargs={"pk": foreign.pk}))
    assert response.status_code == 404
