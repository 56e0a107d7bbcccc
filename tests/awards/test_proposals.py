"""Proposals: nominees with explained verdicts, the dossier, and the states up to appraisal."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from awards import selectors, services
from awards.models import DossierFile, Nominee, Notification, Proposal
from awards.workflow import PROPOSAL_AUTOMATIC, PROPOSAL_WORKFLOW, SESSION_EFFECTS
from tests.awards.helpers import YEAR, D, make_file, upload_all
from tests.factories import PersonFactory, UnitFactory, UnitRoleFactory, UserFactory
from thidua.core.audit import history
from units.models import AgencyType, Review, UnitRole

P = Proposal.Status
STAFF_LEADER = {"staff", "leader"}


def _reload(proposal):
    return Proposal.objects.get(pk=proposal.pk)


def _messages(error: ValidationError) -> str:
    return " ".join(error.value.messages)


def test_the_table_is_declared_once_with_its_states_and_roles(transition_table):
    assert transition_table(PROPOSAL_WORKFLOW) == {
        "submit": (
            {P.DRAFT, P.RETURNED, P.RETURNED_FOR_DOCUMENTS},
            P.SUBMITTED,
            STAFF_LEADER,
            False,
        ),
        "return": ({P.SUBMITTED}, P.RETURNED, {"leader"}, True),
        "forward": ({P.SUBMITTED}, P.FORWARDED, {"leader"}, False),
        "appraise": ({P.FORWARDED}, P.APPRAISED, STAFF_LEADER, False),
        "return_for_documents": (
            {P.FORWARDED, P.APPRAISED},
            P.RETURNED_FOR_DOCUMENTS,
            STAFF_LEADER,
            True,
        ),
        "schedule": ({P.APPRAISED}, P.ON_AGENDA, STAFF_LEADER, False),
        "unschedule": ({P.ON_AGENDA}, P.APPRAISED, STAFF_LEADER, False),
        "record_vote": ({P.ON_AGENDA}, P.VOTED, STAFF_LEADER, False),
        "forward_up": ({P.VOTED}, P.FORWARDED_UP, {"leader"}, False),
        "decide": ({P.VOTED, P.FORWARDED_UP}, P.DECIDED, STAFF_LEADER, False),
        "conclude": ({P.VOTED, P.FORWARDED_UP}, P.DECIDED, {"leader"}, True),
    }
    # A council's chair and secretary move proposals only through its sessions; these
    # moves have no button of their own.
    assert SESSION_EFFECTS == ("schedule", "unschedule", "record_vote")
    assert PROPOSAL_AUTOMATIC == ("schedule", "unschedule", "record_vote", "decide")


# --- Nominees and verdicts -----------------------------------------------------------------


def test_added_nominees_carry_their_explained_verdict(drafted):
    an, binh = drafted.an, drafted.binh
    assert an.verdict == Nominee.Verdict.ELIGIBLE
    assert binh.verdict == Nominee.Verdict.WARNINGS
    warning = [c for c in binh.checks if c["status"] == "warn"]
    assert warning and "Bằng khen của Bộ trưởng Bộ Tư pháp" in warning[0]["message"]
    assert "152/2025/NĐ-CP" in binh.eligibility["citation"]


def test_a_person_of_another_unit_cannot_be_nominated(drafted, cast, wf_catalogue, person_lao_cai):
    with pytest.raises(ValidationError) as error:
        services.nominee_add(
            proposal=drafted.proposal, by=cast.staff, award=wf_catalogue.bk, person=person_lao_cai
        )
    assert _messages(error) == (
        "Đỗ Thị Lan không thuộc Phòng Thi hành án dân sự khu vực 1 – Long An "
        "nên không đề nghị được ở đây."
    )


def test_a_collective_cannot_get_an_individual_award(drafted, cast, wf_catalogue, sector):
    with pytest.raises(ValidationError) as error:
        services.nominee_add(
            proposal=drafted.proposal, by=cast.staff, award=wf_catalogue.bk, unit=sector.district
        )
    assert _messages(error) == (
        "“Bằng khen của Bộ trưởng Bộ Tư pháp” dành cho cá nhân; hãy chọn một cán bộ."
    )


def test_an_award_of_another_authority_is_refused(drafted, cast, wf_catalogue, sector):
    person = PersonFactory(assigned_to=sector.district)
    with pytest.raises(ValidationError) as error:
        services.nominee_add(
            proposal=drafted.proposal, by=cast.staff, award=wf_catalogue.bk_ttg, person=person
        )
    assert "không do «Bộ trưởng Bộ Tư pháp» tặng" in _messages(error)
    assert "cấp có thẩm quyền: Thủ tướng Chính phủ" in _messages(error)


def test_the_same_person_cannot_be_proposed_twice_for_one_award_and_year(
    drafted, cast, sector, wf_catalogue, wf_people
):
    other = services.proposal_create(
        by=cast.staff,
        proposing_unit=sector.district,
        authority=wf_catalogue.minister,
        year=YEAR,
        title="Đề nghị bổ sung",
    )
    with pytest.raises(ValidationError) as error:
        services.nominee_add(
            proposal=other, by=cast.staff, award=wf_catalogue.bk, person=wf_people.an
        )
    assert "đã được đề nghị" in _messages(error) and "Đề nghị khen thưởng năm 2025" in _messages(
        error
    )


def test_staff_of_another_unit_cannot_create_a_proposal_here(cast, sector, wf_catalogue):
    with pytest.raises(ValidationError) as error:
        services.proposal_create(
            by=cast.stranger,
            proposing_unit=sector.district,
            authority=wf_catalogue.minister,
            year=YEAR,
            title="Không được phép",
        )
    assert error.value.code == "role"


def test_the_ministry_is_the_default_authority_unit(drafted, sector):
    proposal = drafted.proposal
    assert proposal.authority_unit == sector.ministry
    assert proposal.current_unit == sector.district
    assert proposal.reference_date.isoformat() == "2025-12-31"


# --- Submitting ---------------------------------------------------------------------------


def test_submitting_without_the_dossier_lists_what_is_missing(
    cast, sector, wf_catalogue, wf_people, media_root
):
    proposal = services.proposal_create(
        by=cast.staff,
        proposing_unit=sector.district,
        authority=wf_catalogue.minister,
        year=YEAR,
        title="Đề nghị thiếu hồ sơ",
    )
    with pytest.raises(ValidationError) as error:
        services.proposal_submit(proposal=proposal, by=cast.staff)
    assert _messages(error) == "Đề nghị chưa có đề cử nào."
    services.nominee_add(
        proposal=proposal, by=cast.staff, award=wf_catalogue.bk, person=wf_people.an
    )
    services.dossier_upload(
        proposal=proposal,
        kind=DossierFile.Kind.SUBMISSION,
        file=make_file("to-trinh.pdf"),
        by=cast.staff,
    )
    with pytest.raises(ValidationError) as error:
        services.proposal_submit(proposal=proposal, by=cast.staff)
    text = _messages(error)
    assert "biên bản họp Hội đồng" in text and "báo cáo thành tích của Nguyễn Văn An" in text
    assert _reload(proposal).status == P.DRAFT


def test_simplified_procedure_needs_a_summary_instead_of_reports_and_minutes(
    cast, sector, wf_catalogue, wf_people, media_root
):
    proposal = services.proposal_create(
        by=cast.staff,
        proposing_unit=sector.district,
        authority=wf_catalogue.minister,
        year=YEAR,
        title="Khen thưởng theo thủ tục đơn giản",
        simplified=True,
    )
    an = services.nominee_add(
        proposal=proposal, by=cast.staff, award=wf_catalogue.bk, person=wf_people.an
    )
    services.dossier_upload(
        proposal=proposal, kind=DossierFile.Kind.SUBMISSION, file=make_file("tt.pdf"), by=cast.staff
    )
    with pytest.raises(ValidationError) as error:
        services.proposal_submit(proposal=proposal, by=cast.staff)
    assert _messages(error) == "Chưa có tóm tắt thành tích (thủ tục đơn giản) của Nguyễn Văn An."
    assert "biên bản" not in _messages(error)
    services.dossier_upload(
        proposal=proposal,
        kind=DossierFile.Kind.SUMMARY,
        file=make_file("tom-tat.docx"),
        by=cast.staff,
        nominee=an,
    )
    assert services.proposal_submit(proposal=proposal, by=cast.staff).status == P.SUBMITTED


def test_the_leader_returns_with_a_reason_and_staff_resubmit(drafted, cast):
    proposal = services.proposal_submit(proposal=drafted.proposal, by=cast.staff)
    with pytest.raises(ValidationError) as error:
        services.proposal_return(proposal=proposal, by=cast.leader, comment=" ")
    assert error.value.code == "comment"
    with pytest.raises(ValidationError) as error:
        services.proposal_return(proposal=proposal, by=cast.staff, comment="Sửa lại")
    assert error.value.code == "role"
    services.proposal_return(proposal=proposal, by=cast.leader, comment="Bổ sung số liệu")
    services.nominee_update(nominee=drafted.an, by=cast.staff, achievement="Số liệu mới")
    assert services.proposal_submit(proposal=proposal, by=cast.staff).status == P.SUBMITTED
    actions = [(e.action, e.comment) for e in history(proposal)]
    assert ("return", "Bổ sung số liệu") in actions


# --- Forwarding -----------------------------------------------------------------------------


def test_staff_cannot_forward_past_their_leader(drafted, cast):
    proposal = services.proposal_submit(proposal=drafted.proposal, by=cast.staff)
    services.nominee_override(nominee=drafted.binh, by=cast.leader, reason="Đột phá")
    with pytest.raises(ValidationError, match="Bạn không có quyền gửi cấp trên") as error:
        services.proposal_forward(proposal=proposal, by=cast.staff)
    assert error.value.code == "role"
    proposal = _reload(proposal)
    assert (proposal.status, proposal.current_unit) == (P.SUBMITTED, drafted.proposal.current_unit)
    assert not Notification.objects.filter(proposal=proposal).exists()


def test_a_council_member_of_the_unit_cannot_submit(drafted, cast, sector):
    member = UserFactory(username="hoi_dong_kv1")
    UnitRoleFactory(user=member, unit=sector.district, role=UnitRole.Role.COUNCIL)
    with pytest.raises(ValidationError, match="Bạn không có quyền trình lãnh đạo") as error:
        services.proposal_submit(proposal=drafted.proposal, by=member)
    assert error.value.code == "role"
    assert _reload(drafted.proposal).status == P.DRAFT


def test_a_leader_of_another_unit_cannot_return_it(drafted, cast):
    proposal = services.proposal_submit(proposal=drafted.proposal, by=cast.staff)
    with pytest.raises(ValidationError, match="Bạn không có quyền trả lại") as error:
        services.proposal_return(proposal=proposal, by=cast.stranger, comment="Không đạt")
    assert error.value.code == "role"
    assert _reload(proposal).status == P.SUBMITTED


def test_the_proposers_leader_cannot_return_it_for_documents_once_forwarded(drafted, cast):
    proposal = services.proposal_submit(proposal=drafted.proposal, by=cast.staff)
    services.nominee_override(nominee=drafted.binh, by=cast.leader, reason="Đột phá")
    services.proposal_forward(proposal=proposal, by=cast.leader)
    with pytest.raises(ValidationError, match="Bạn không có quyền trả lại để bổ sung hồ sơ"):
        services.proposal_return_for_documents(
            proposal=proposal, by=cast.leader, comment="Tự rút về"
        )
    assert _reload(proposal).status == P.FORWARDED


def test_a_warning_cannot_be_forwarded_without_the_leaders_reason(drafted, cast):
    proposal = services.proposal_submit(proposal=drafted.proposal, by=cast.staff)
    with pytest.raises(ValidationError) as error:
        services.proposal_forward(proposal=proposal, by=cast.leader)
    assert _messages(error) == (
        "Lê Thị Bình có lưu ý về điều kiện Chiến sĩ thi đua ngành Tư pháp; "
        "lãnh đạo cần ghi lý do vẫn đề nghị trước khi gửi."
    )
    assert _reload(proposal).status == P.SUBMITTED


def test_a_blocked_nominee_cannot_be_forwarded(drafted, cast, wf_people):
    Review.objects.create(person=wf_people.an, kind=Review.Kind.INVESTIGATION, start=D(2025, 10, 1))
    proposal = services.proposal_submit(proposal=drafted.proposal, by=cast.staff)
    services.nominee_override(nominee=drafted.binh, by=cast.leader, reason="Thành tích nổi bật")
    with pytest.raises(ValidationError) as error:
        services.proposal_forward(proposal=proposal, by=cast.leader)
    assert _messages(error) == (
        "Nguyễn Văn An không được đề nghị Bằng khen của Bộ trưởng Bộ Tư pháp: "
        "Đang bị điều tra, thanh tra, kiểm tra từ 01/10/2025 — không được đề nghị khen thưởng"
    )


def test_a_block_cannot_be_overridden(drafted, cast, wf_people):
    Review.objects.create(person=wf_people.an, kind=Review.Kind.COMPLAINT, start=D(2025, 10, 1))
    services.proposal_submit(proposal=drafted.proposal, by=cast.staff)
    with pytest.raises(ValidationError) as error:
        services.nominee_override(nominee=drafted.an, by=cast.leader, reason="Vẫn đề nghị")
    assert error.value.code == "blocked"


def test_overriding_a_warning_needs_a_leader_and_a_written_reason(drafted, cast):
    services.proposal_submit(proposal=drafted.proposal, by=cast.staff)
    with pytest.raises(ValidationError) as error:
        services.nominee_override(nominee=drafted.binh, by=cast.staff, reason="Lý do")
    assert error.value.code == "role"
    with pytest.raises(ValidationError) as error:
        services.nominee_override(nominee=drafted.binh, by=cast.leader, reason="  ")
    assert error.value.code == "comment"
    services.nominee_override(nominee=drafted.binh, by=cast.leader, reason="Sáng kiến cấp Bộ")
    binh = Nominee.objects.get(pk=drafted.binh.pk)
    assert (binh.override_reason, binh.overridden_by) == ("Sáng kiến cấp Bộ", cast.leader)
    entry = history(drafted.proposal).get(action="nominee_override")
    assert entry.comment == "Lê Thị Bình – Chiến sĩ thi đua ngành Tư pháp: Sáng kiến cấp Bộ"


def test_forwarding_moves_it_to_the_ministry_and_tells_it(appraised, cast, sector):
    proposal = _reload(appraised.proposal)
    assert proposal.current_unit == sector.ministry
    assert Notification.objects.filter(unit=sector.ministry, proposal=proposal).exists()


def test_a_forwarded_proposal_cannot_be_edited(drafted, cast, wf_catalogue, sector):
    proposal = services.proposal_submit(proposal=drafted.proposal, by=cast.staff)
    services.nominee_override(nominee=drafted.binh, by=cast.leader, reason="Đột phá")
    services.proposal_forward(proposal=proposal, by=cast.leader)
    person = PersonFactory(assigned_to=sector.district)
    attempts = [
        lambda: services.nominee_add(
            proposal=proposal, by=cast.staff, award=wf_catalogue.bk, person=person
        ),
        lambda: services.nominee_remove(nominee=drafted.an, by=cast.staff),
        lambda: services.dossier_upload(
            proposal=proposal, kind="other", file=make_file("them.pdf"), by=cast.staff
        ),
        lambda: services.proposal_update(proposal=proposal, by=cast.staff, title="Sửa"),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as error:
            attempt()
        assert "không thể sửa đề cử hay hồ sơ" in _messages(error)
    assert Nominee.objects.filter(proposal=proposal).count() == 2


# --- At the authority ----------------------------------------------------------------------


def test_only_the_authoritys_unit_appraises(drafted, cast):
    proposal = services.proposal_submit(proposal=drafted.proposal, by=cast.staff)
    services.nominee_override(nominee=drafted.binh, by=cast.leader, reason="Đột phá")
    services.proposal_forward(proposal=proposal, by=cast.leader)
    with pytest.raises(ValidationError) as error:
        services.proposal_appraise(proposal=proposal, by=cast.leader)
    assert error.value.code == "role"
    assert services.proposal_appraise(proposal=proposal, by=cast.office).status == P.APPRAISED


def test_returned_for_documents_goes_back_to_the_proposer_who_can_complete_it(
    appraised, cast, sector
):
    proposal = appraised.proposal
    with pytest.raises(ValidationError):
        services.proposal_return_for_documents(proposal=proposal, by=cast.office, comment="")
    services.proposal_return_for_documents(
        proposal=proposal, by=cast.office, comment="Thiếu quyết định công nhận sáng kiến"
    )
    proposal = _reload(proposal)
    assert proposal.status == P.RETURNED_FOR_DOCUMENTS
    assert proposal.current_unit == sector.district
    note = Notification.objects.get(unit=sector.district, proposal=proposal)
    assert note.text == (
        "Đề nghị “Đề nghị khen thưởng năm 2025” bị trả lại để bổ sung hồ sơ: "
        "Thiếu quyết định công nhận sáng kiến"
    )
    services.dossier_upload(
        proposal=proposal, kind="decision", file=make_file("qd-sang-kien.pdf"), by=cast.staff
    )
    assert services.proposal_submit(proposal=proposal, by=cast.staff).status == P.SUBMITTED


# --- Visibility and query counts -----------------------------------------------------------


def test_the_proposer_and_the_authority_see_it_and_others_get_404(appraised, cast):
    pk = appraised.proposal.pk
    for user in (cast.staff, cast.leader, cast.office, cast.chief):
        assert selectors.proposal_get(user=user, pk=pk).pk == pk
    with pytest.raises(Http404):
        selectors.proposal_get(user=cast.stranger, pk=pk)
    assert not selectors.proposal_list(user=cast.stranger).exists()


def test_an_outside_authority_sees_proposals_only_once_forwarded(
    cast, sector, wf_people, wf_catalogue, media_root
):
    """A provincial People's Committee is not an ancestor of the district office."""
    ubnd = UnitFactory(name="UBND tỉnh Long An", code="ubnd-la", agency_type=AgencyType.EXTERNAL)
    officer = UserFactory(username="ubnd_officer")
    UnitRoleFactory(user=officer, unit=ubnd, role=UnitRole.Role.STAFF)
    proposal = services.proposal_create(
        by=cast.staff,
        proposing_unit=sector.district,
        authority=wf_catalogue.minister,
        authority_unit=ubnd,
        year=YEAR,
        title="Đề nghị Bằng khen UBND tỉnh",
    )
    an = services.nominee_add(
        proposal=proposal, by=cast.staff, award=wf_catalogue.bk, person=wf_people.an
    )
    upload_all(proposal, cast.staff, [an])
    assert not selectors.proposal_list(user=officer).exists()
    services.proposal_submit(proposal=proposal, by=cast.staff)
    services.proposal_forward(proposal=proposal, by=cast.leader)
    assert list(selectors.proposal_list(user=officer, unit=ubnd, incoming=True)) == [proposal]
    assert services.proposal_appraise(proposal=proposal, by=officer).status == P.APPRAISED


def test_a_unit_that_is_neither_above_nor_outside_cannot_be_the_authority(
    cast, sector, wf_catalogue
):
    with pytest.raises(ValidationError) as error:
        services.proposal_create(
            by=cast.staff,
            proposing_unit=sector.district,
            authority=wf_catalogue.minister,
            authority_unit=sector.thads_lao_cai,
            year=YEAR,
            title="Sai cơ quan",
        )
    assert _messages(error) == (
        "Thi hành án dân sự tỉnh Lào Cai không phải cấp trên của Phòng Thi hành án dân sự "
        "khu vực 1 – Long An nên không xét đề nghị của đơn vị này."
    )


def _add_people(proposal, by, award, unit, count):
    for _i in range(count):
        person = PersonFactory(assigned_to=unit)
        nominee = services.nominee_add(proposal=proposal, by=by, award=award, person=person)
        services.dossier_upload(
            proposal=proposal, kind="report", file=make_file("bc.pdf"), by=by, nominee=nominee
        )


def _count_queries(function) -> int:
    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured)


def test_detail_and_list_queries_do_not_grow_with_nominees(
    drafted, cast, wf_catalogue, sector, django_assert_num_queries
):

    User = get_user_model()
    pk = drafted.proposal.pk

    def detail():
        detail = selectors.proposal_detail(user=User.objects.get(pk=cast.staff.pk), pk=pk)
        [(n.subject, n.award, n.notices.all(), n.conferments.all()) for n in detail.nominees]

    def listing():
        user = User.objects.get(pk=cast.staff.pk)
        rows = selectors.proposal_list(user=user)
        [(p.proposing_unit, p.authority, p.nominee_count) for p in rows]

    small = (_count_queries(detail), _count_queries(listing))
    _add_people(drafted.proposal, cast.staff, wf_catalogue.bk, sector.district, 4)
    assert (_count_queries(detail), _count_queries(listing)) == small
    with django_assert_num_queries(small[0]):
        detail()
    with django_assert_num_queries(small[1]):
        listing()
