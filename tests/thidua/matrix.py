"""The access matrix as data: every URL the app serves, how to reach it, who may do what.

Used by tests/thidua/test_access_matrix.py (every URL × every role) and by
tests/thidua/test_fuzz_forms.py (every form, fuzzed). For URLs that take an object id the
object belongs to THADS Lào Cai. Its staff and leader, the admin and the ministry's council
member (whose role is on the root of the tree) are insiders; the outsiders hold every role
(staff, leader, council) in THADS Long An, whose path is a prefix of Lào Cai's without its
"/" (…/3/ and …/30/, see tests/conftest.py), plus the staff of a Long An district office.
Outsiders get 404, never 403: existence must not leak.

A POST entry names the ``data`` it sends (a function of the sector and the URL's kwargs) and
the roles whose POST ``done_by`` changes the books; for every other role the test checks that
nothing changed at all.
"""

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from PIL import Image

from awards.certificates import jobs as print_jobs
from awards.certificates.models import CertificateTemplate, DocumentTemplate
from awards.models import (
    AgendaItem,
    CouncilSession,
    Decision,
    DossierFile,
    Fund,
    FundAllocation,
    Job,
    Nominee,
    Notification,
    Proposal,
    SignedDocument,
)
from awards.reports import cache
from campaigns.models import Campaign, Registration
from tests.campaigns.scoring import matrix as scoring
from tests.factories import (
    AuthorityFactory,
    AwardFactory,
    CampaignFactory,
    ClusterMembershipFactory,
    ConfermentFactory,
    CouncilFactory,
    DecisionFactory,
    NomineeFactory,
    PersonFactory,
    PledgeFactory,
    ProposalFactory,
    RegistrationFactory,
    UnitRoleFactory,
    UserFactory,
)
from thidua.api.models import ApiToken
from thidua.core.models import Attachment
from units.models import UnitRole

SKIP_NAMESPACES = {"admin"}
SKIP_NAMES = {"login", "logout", "set_language"}


def _walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns in SKIP_NAMESPACES:
                continue
            yield from _walk(entry.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def served_url_names() -> set[str]:
    return {name for name in _walk(get_resolver().url_patterns) if name not in SKIP_NAMES}


INSIDERS = ("staff_lao_cai", "leader_lao_cai", "council_member", "admin_user")
OUTSIDERS = ("staff_long_an", "staff_long_an_province", "leader_long_an", "council_long_an")
ROLES = INSIDERS + OUTSIDERS
NON_ADMINS = tuple(role for role in ROLES if role != "admin_user")
# Who acts for Lào Cai: its staff and leader (directly), the admin (anywhere).
LAO_CAI_STAFF_OR_LEADER = ("staff_lao_cai", "leader_lao_cai", "admin_user")
LAO_CAI_LEADER = ("leader_lao_cai", "admin_user")
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@dataclass(frozen=True)
class Entry:
    """How to reach a URL: ``target(sector)`` returns the kwargs of an object in Lào Cai.

    ``ok`` is the answer of an insider (200 for pages, 302 for POST actions that redirect
    back); ``answers`` overrides it per role (403 where a role may see but not act, 404 for
    pages of the TĐKT office). Outsiders get 404 unless ``answers`` says otherwise (objects
    outside any unit, such as certificate templates).
    """

    target: Callable | None = None
    method: str = "get"
    ok: int = 200
    answers: tuple[tuple[str, int], ...] = ()
    data: Callable | None = None
    done_by: tuple[str, ...] = ()

    def expected(self, role: str) -> int:
        default = 404 if role in OUTSIDERS and self.target is not None else self.ok
        return dict(self.answers).get(role, default)

    def payload(self, sector, kwargs) -> dict:
        return self.data(sector, kwargs or {}) if self.data else {}


def _every(roles, code):
    return tuple((role, code) for role in roles)


def _unit(sector):
    return {"pk": sector.thads_lao_cai.pk}


def _person(sector):
    return {"pk": PersonFactory(full_name="Hoàng Thị Mai", assigned_to=sector.thads_lao_cai).pk}


def _cluster(sector):

    return {"pk": ClusterMembershipFactory(unit=sector.thads_lao_cai).cluster.pk}


def _campaign(sector):

    return CampaignFactory(launched_by=sector.thads_lao_cai, scope_units=[sector.thads_lao_cai])


def _campaign_pk(sector):
    return {"pk": _campaign(sector).pk}


def _campaign_unit(sector):
    return {"pk": _campaign(sector).pk, "unit_pk": sector.thads_lao_cai.pk}


def _campaign_unit_with_a_draft(sector):

    campaign = _campaign(sector)
    RegistrationFactory(campaign=campaign, unit=sector.thads_lao_cai)
    return {"pk": campaign.pk, "unit_pk": sector.thads_lao_cai.pk}


def _campaign_with_a_sent_line(sector):
    campaign = _campaign(sector)
    RegistrationFactory(campaign=campaign, unit=sector.thads_lao_cai, status="submitted")
    return {"pk": campaign.pk}


def _tick_the_sent_line(sector, kwargs):
    line = Registration.objects.get(campaign=kwargs["pk"])
    return {"line": [str(line.pk)], "action": "accept"}


def _campaign_cluster_with_a_draft(sector):
    """A grouping led by Lào Cai in the campaign's year, and a draft of Lào Cai."""
    campaign = _campaign(sector)
    membership = ClusterMembershipFactory(
        unit=sector.thads_lao_cai, year=campaign.start_date.year, role="leader"
    )
    RegistrationFactory(campaign=campaign, unit=sector.thads_lao_cai)
    return {"pk": campaign.pk, "cluster_pk": membership.cluster_id}


def _registration(sector):

    return {"pk": RegistrationFactory(campaign=_campaign(sector), unit=sector.thads_lao_cai).pk}


def _pledge(sector):

    membership = ClusterMembershipFactory(unit=sector.thads_lao_cai, role="leader")
    return {"pk": PledgeFactory(cluster=membership.cluster, year=2026).pk}


def _pledge_signature(sector, kwargs):
    return {"unit": str(sector.thads_lao_cai.pk), "signer_name": "Lê Văn Ký"}


POST = {"method": "post", "ok": 302}
# Launching a campaign or a pledge is for admins and leaders of a grouping's leader unit.
LAUNCHERS_ONLY = _every(NON_ADMINS, 403)
# Registering and importing are for the unit's staff and leaders; the council sees them.
COUNCIL_CANNOT_EDIT = (("council_member", 403),)
# Editing a campaign or a pledge, exporting and reviewing are for leaders and admins.
LEADERS_ONLY = (("council_member", 403), ("staff_lao_cai", 403))

MATRIX: dict[str, Entry] = {
    "home": Entry(),
    # A user's own account: the same page for every role, about the user only.
    "password_change": Entry(),
    "notification_preferences": Entry(),
    # The audit log is the TĐKT office's: everyone else gets 404, as for a foreign object.
    "audit_log": Entry(answers=_every(NON_ADMINS, 404)),
    "units:tree": Entry(),
    "units:search": Entry(),
    "units:people": Entry(),
    "units:clusters": Entry(),
    "units:detail": Entry(_unit),
    "units:person": Entry(_person),
    "units:cluster": Entry(_cluster),
    # The award catalogue and the legal registry are the same for everyone signed in.
    "awards:catalogue": Entry(),
    "awards:legal_documents": Entry(),
    "campaigns:list": Entry(),
    "campaigns:pledges": Entry(),
    "campaigns:create": Entry(answers=LAUNCHERS_ONLY),
    "campaigns:pledge_create": Entry(answers=LAUNCHERS_ONLY),
    "campaigns:detail": Entry(_campaign_pk),
    "campaigns:review": Entry(_campaign_pk),
    "campaigns:registration_quota": Entry(_campaign_pk),
    "campaigns:edit": Entry(_campaign_pk, answers=LEADERS_ONLY),
    # The launching unit's leader closes the open campaign.
    "campaigns:transition": Entry(
        _campaign_pk, **POST, data=lambda s, kw: {"transition": "close"}, done_by=LAO_CAI_LEADER
    ),
    "campaigns:unit": Entry(_campaign_unit),
    "campaigns:unit_people": Entry(_campaign_unit),
    # The unit's draft line is sent by its staff or leader.
    "campaigns:unit_submit": Entry(
        _campaign_unit_with_a_draft, **POST, done_by=LAO_CAI_STAFF_OR_LEADER
    ),
    # The ticked lines are accepted by leaders (and admins); the page tells others why not.
    "campaigns:review_bulk": Entry(
        _campaign_with_a_sent_line,
        **POST,
        data=_tick_the_sent_line,
        answers=(("council_member", 200), ("staff_lao_cai", 200)),
        done_by=LAO_CAI_LEADER,
    ),
    # "Send all drafts" of the unit and its sub-units: its staff and leaders (and admins); of a
    # grouping's members: leaders of its leader unit (and admins). Others see why not (403).
    "campaigns:unit_drafts": Entry(_campaign_unit_with_a_draft, answers=COUNCIL_CANNOT_EDIT),
    "campaigns:unit_drafts_send": Entry(
        _campaign_unit_with_a_draft, **POST, done_by=LAO_CAI_STAFF_OR_LEADER
    ),
    "campaigns:cluster_drafts": Entry(_campaign_cluster_with_a_draft, answers=LEADERS_ONLY),
    "campaigns:cluster_drafts_send": Entry(
        _campaign_cluster_with_a_draft, **POST, done_by=LAO_CAI_LEADER
    ),
    "campaigns:registration": Entry(_registration),
    "campaigns:registration_edit": Entry(_registration, answers=COUNCIL_CANNOT_EDIT),
    "campaigns:registration_transition": Entry(
        _registration,
        **POST,
        data=lambda s, kw: {"transition": "submit"},
        done_by=LAO_CAI_STAFF_OR_LEADER,
    ),
    "campaigns:registration_delete": Entry(_registration, **POST, done_by=LAO_CAI_STAFF_OR_LEADER),
    "campaigns:pledge": Entry(_pledge),
    "campaigns:pledge_edit": Entry(_pledge, answers=LEADERS_ONLY),
    # The member unit's leader signs; the admin records a signature on paper.
    "campaigns:pledge_sign": Entry(_pledge, **POST, data=_pledge_signature, done_by=LAO_CAI_LEADER),
    "campaigns:pledge_print": Entry(_pledge),
    "campaigns:pledge_pdf": Entry(_pledge),
    # Excel: leaders and admins export; the unit's staff and leaders import; anyone who sees
    # the unit downloads its template. Without an upload waiting, the preview and the
    # confirmation send back to the upload page and nothing is saved.
    "campaigns:export": Entry(_campaign_pk, answers=LEADERS_ONLY),
    "campaigns:import_template": Entry(_campaign_unit),
    "campaigns:import": Entry(_campaign_unit, answers=COUNCIL_CANNOT_EDIT),
    "campaigns:import_preview": Entry(_campaign_unit, ok=302, answers=COUNCIL_CANNOT_EDIT),
    "campaigns:import_confirm": Entry(_campaign_unit, **POST, answers=COUNCIL_CANNOT_EDIT),
}

# Loading history from Excel is the TĐKT office's (admins): without an upload waiting, the
# preview sends back to the upload page and the confirmation saves nothing.
HISTORY_ADMINS = _every(NON_ADMINS, 403)
MATRIX |= {
    "awards:history_import": Entry(answers=HISTORY_ADMINS),
    "awards:history_template": Entry(answers=HISTORY_ADMINS),
    "awards:history_preview": Entry(ok=302, answers=HISTORY_ADMINS),
    "awards:history_confirm": Entry(**POST, answers=HISTORY_ADMINS),
}

# Scoring and ranking: the objects of Lào Cai are built in tests/campaigns/scoring/matrix.py.
# Sheets are written by admins only (the admin is sent from a published sheet's edit page to
# the sheet); a round is opened by admins and grouping leaders; only reviewers (the leader
# unit's leaders, the panel, admins) open the review page, close the round, review a card.
NOT_ADMIN = _every(NON_ADMINS, 403)
MATRIX |= {
    "campaigns:scoring_home": Entry(),
    "campaigns:scoring_sheets": Entry(),
    "campaigns:scoring_sheet_create": Entry(answers=NOT_ADMIN),
    "campaigns:scoring_round_create": Entry(answers=LAUNCHERS_ONLY),
    "campaigns:scoring_sheet": Entry(scoring.sheet),
    "campaigns:scoring_sheet_edit": Entry(
        scoring.sheet,
        answers=(*_every(INSIDERS[:3], 403), ("admin_user", 302)),
    ),
    # The sheet is in use (a card has scores): not even the admin takes it back to draft.
    "campaigns:scoring_sheet_transition": Entry(
        scoring.sheet, **POST, data=lambda s, kw: {"transition": "unpublish"}
    ),
    "campaigns:scoring_round": Entry(scoring.scoring_round),
    "campaigns:scoring_round_transition": Entry(
        scoring.scoring_round,
        **POST,
        data=lambda s, kw: {"transition": "close"},
        done_by=LAO_CAI_LEADER,
    ),
    "campaigns:scoring_round_review": Entry(scoring.scoring_round),
    "campaigns:scoring_round_review_excel": Entry(scoring.scoring_round),
    "campaigns:scoring_round_review_pdf": Entry(scoring.scoring_round),
    # The round of the matrix is not finalised: the page answers with a message, nothing kept.
    "campaigns:scoring_conference": Entry(
        scoring.scoring_round,
        **POST,
        data=lambda s, kw: {"held_on": "20/12/2026", "present": "2", "votes_for": "2"},
    ),
    "campaigns:scoring_scorecard": Entry(scoring.scorecard),
    "campaigns:scoring_scorecard_review": Entry(scoring.scorecard, answers=LEADERS_ONLY),
    "campaigns:scoring_scorecard_transition": Entry(
        scoring.scorecard,
        **POST,
        data=lambda s, kw: {"transition": "review"},
        done_by=LAO_CAI_LEADER,
    ),
    "campaigns:scoring_attachment": Entry(scoring.entry),
    "campaigns:scoring_suggestion_decide": Entry(
        scoring.suggestion,
        **POST,
        data=lambda s, kw: {
            "transition": "drop",
            "comment": "Đồng hạng: hội nghị chọn đơn vị khác.",
        },
        done_by=LAO_CAI_LEADER,
    ),
    "campaigns:scoring_trend": Entry(scoring.cluster),
}


# Proposals, councils, decisions: objects of Lào Cai. POST actions a role may not take answer
# with a message and a redirect (302); refused forms re-render the proposal page (200).
def _proposal(sector, **extra):

    return ProposalFactory(
        proposing_unit=sector.thads_lao_cai, authority=AuthorityFactory(), **extra
    )


def _proposal_pk(sector):
    return {"pk": _proposal(sector).pk}


def _submitted_proposal_pk(sector):

    return {"pk": _proposal(sector, status=Proposal.Status.SUBMITTED).pk}


def _nominee_pk(sector):

    person = PersonFactory(full_name="Vũ Văn Đề", assigned_to=sector.thads_lao_cai)
    return {"pk": NomineeFactory(proposal=_proposal(sector), person=person).pk}


def _nominated_proposal_pk(sector):

    person = PersonFactory(full_name="Vũ Thị Xét", assigned_to=sector.thads_lao_cai)
    return {"pk": NomineeFactory(proposal=_proposal(sector), person=person).proposal_id}


def _dossier_file(sector):

    stored = DossierFile.objects.create(
        proposal=_proposal(sector),
        kind=DossierFile.Kind.SUBMISSION,
        file=SimpleUploadedFile("matrix.pdf", PDF),
        original_name="to-trinh.pdf",
        size=len(PDF),
        content_type="application/pdf",
    )
    return {"pk": stored.pk}


def _council(sector):

    return CouncilFactory(unit=sector.thads_lao_cai)


def _session(sector):

    session = CouncilSession.objects.create(
        council=_council(sector), date=datetime.date(2026, 1, 10)
    )
    return {"pk": session.pk}


def _agenda_line(sector):
    """A session of Lào Cai's council with one nominee (and its dossier file) on its agenda."""
    session = CouncilSession.objects.get(pk=_session(sector)["pk"])
    person = PersonFactory(full_name="Phan Văn Hồ", assigned_to=sector.thads_lao_cai)
    nominee = NomineeFactory(proposal=_proposal(sector), person=person)
    AgendaItem.objects.create(session=session, nominee=nominee)
    return session, nominee


def _session_dossier(sector):
    session, nominee = _agenda_line(sector)
    return {"pk": session.pk, "nominee": nominee.pk}


def _session_file(sector):
    session, nominee = _agenda_line(sector)
    stored = DossierFile.objects.create(
        proposal=nominee.proposal,
        nominee=nominee,
        kind=DossierFile.Kind.REPORT,
        file=SimpleUploadedFile("matrix.pdf", PDF),
        original_name="bao-cao.pdf",
        size=len(PDF),
        content_type="application/pdf",
    )
    return {"pk": session.pk, "file": stored.pk}


def _new_session(sector, kwargs):
    return {"council": str(_council(sector).pk), "date": "10/01/2026"}


def _decision(sector):

    decision = DecisionFactory(issuing_unit=sector.thads_lao_cai)
    person = PersonFactory(full_name="Đinh Thị Khen", assigned_to=sector.thads_lao_cai)
    ConfermentFactory(decision=decision, person=person, unit=sector.thads_lao_cai, year=2025)
    return {"pk": decision.pk}


def _signed_decision(sector):
    """A decision of Lào Cai with a (stored, already verified) signed PDF."""
    kwargs = _decision(sector)
    at = datetime.datetime(2026, 1, 15, 2, 30, tzinfo=datetime.UTC)
    SignedDocument.objects.create(
        decision_id=kwargs["pk"],
        file=SimpleUploadedFile("ky-so.pdf", PDF),
        sha256="0" * 64,
        signer_subject="Common Name: Nguyễn Hải Ninh",
        signer_name="Nguyễn Hải Ninh",
        cert_valid_from=at,
        cert_valid_to=at + datetime.timedelta(days=365),
        signed_at=at,
    )
    return kwargs


def _signed_decision_with_annex(sector):
    """As above, with the annex the server signed as a file of its own."""
    kwargs = _signed_decision(sector)
    stored = SignedDocument.objects.get(decision_id=kwargs["pk"])
    stored.annex_file = SimpleUploadedFile("phu-luc-ky-so.pdf", PDF)
    stored.annex_sha256 = "1" * 64
    stored.save()
    return kwargs


def _revocation(sector, kwargs):
    return {
        "action": "revoke",
        "number": "13/QĐ-THADS",
        "signed_on": "20/01/2026",
        "signer_name": "Nguyễn Văn Ký",
        "signer_position": "Cục trưởng",
        "reason": "Hồ sơ không trung thực",
    }


def _notification(sector):

    return {"pk": Notification.objects.create(unit=sector.thads_lao_cai, text="Thông báo").pk}


def _submission(sector, kwargs):
    return {"kind": "submission", "file": SimpleUploadedFile("to-trinh.pdf", PDF)}


FORM_POST = {"method": "post", "ok": 200}
MATRIX |= {
    "campaigns:proposal_registrations": Entry(_proposal_pk, answers=(("council_member", 302),)),
    "awards:proposals": Entry(),
    "awards:proposal_export": Entry(),
    "awards:proposal_create": Entry(),
    "awards:proposal_detail": Entry(_proposal_pk),
    # The submitted proposal is returned by its unit's leader, with the reason.
    "awards:proposal_transition": Entry(
        _submitted_proposal_pk,
        **POST,
        data=lambda s, kw: {"transition": "return", "comment": "Bổ sung hồ sơ"},
        done_by=LAO_CAI_LEADER,
    ),
    # Only the proposing unit's staff and leaders (and admins) get the edit form; the council
    # member sees the proposal and is sent back to it with a message.
    "awards:proposal_edit": Entry(_proposal_pk, answers=(("council_member", 302),)),
    # A draft to the minister is not sent up to the Government by anybody.
    "awards:proposal_forward_up": Entry(_proposal_pk, **POST),
    "awards:nominee_edit": Entry(
        _nominee_pk,
        **POST,
        data=lambda s, kw: {"achievement": "Hoàn thành xuất sắc nhiệm vụ"},
        done_by=LAO_CAI_STAFF_OR_LEADER,
    ),
    "awards:dossier_remove": Entry(_dossier_file, **POST, done_by=LAO_CAI_STAFF_OR_LEADER),
    # An empty nomination form comes back with its errors (200) and adds nobody.
    "awards:nominee_add": Entry(_proposal_pk, **FORM_POST),
    # The proposing unit's staff and leader upload a tờ trình and are sent back (302).
    "awards:dossier_upload": Entry(
        _proposal_pk,
        **FORM_POST,
        answers=_every(LAO_CAI_STAFF_OR_LEADER, 302),
        data=_submission,
        done_by=LAO_CAI_STAFF_OR_LEADER,
    ),
    "awards:nominee_remove": Entry(_nominee_pk, **POST, done_by=LAO_CAI_STAFF_OR_LEADER),
    # A draft's nominee has no verdict to override and no notice to post: refused to all.
    "awards:nominee_override": Entry(_nominee_pk, **POST, data=lambda s, kw: {"reason": "Vẫn"}),
    "awards:public_notice_start": Entry(_nominee_pk, **POST),
    # "Kiểm tra lại": the proposing unit's staff and leader (and the admin) re-check verdicts.
    "awards:nominee_recheck": Entry(_nominee_pk, **POST, done_by=LAO_CAI_STAFF_OR_LEADER),
    "awards:proposal_recheck": Entry(
        _nominated_proposal_pk, **POST, done_by=LAO_CAI_STAFF_OR_LEADER
    ),
    "awards:dossier_file": Entry(_dossier_file),
    "awards:sessions": Entry(),
    # The council unit's staff and leader plan a session; others are told to pick their own.
    "awards:session_create": Entry(**POST, data=_new_session, done_by=LAO_CAI_STAFF_OR_LEADER),
    "awards:session_detail": Entry(_session),
    # The planned session has nothing on its agenda, nobody to vote and nothing to open.
    "awards:session_agenda_add": Entry(_session, **POST),
    "awards:session_agenda_remove": Entry(_session, **POST),
    "awards:session_transition": Entry(_session, **POST, data=lambda s, kw: {"transition": "open"}),
    "awards:session_vote": Entry(_session, **POST),
    "awards:session_dossier": Entry(_session_dossier),
    "awards:session_file": Entry(_session_file),
    "awards:decisions": Entry(),
    "awards:decision_create": Entry(),
    "awards:decision_detail": Entry(_decision),
    # The decision is issued already: issuing it again is refused to everyone.
    "awards:decision_issue": Entry(_decision, **POST),
    # Its unit's staff and leader revoke it with a new decision.
    "awards:decision_correct": Entry(
        _decision, **POST, data=_revocation, done_by=LAO_CAI_STAFF_OR_LEADER
    ),
    "awards:decision_pdf": Entry(_decision),
    # An unsigned PDF is refused to everyone (with a message); nothing is stored.
    "awards:decision_signed_upload": Entry(
        _decision,
        **POST,
        data=lambda s, kw: {"signed_file": SimpleUploadedFile("quyet-dinh-ky-so.pdf", PDF)},
    ),
    # The stored signed PDF: for whoever sees the decision.
    "awards:decision_signed_file": Entry(_signed_decision),
    # Its annex, signed by the server as a file of its own: the same readers.
    "awards:decision_signed_annex": Entry(_signed_decision_with_annex),
    "awards:person_history": Entry(_person),
    "awards:unit_history": Entry(_unit),
    "awards:notifications": Entry(),
    "awards:notification_read": Entry(_notification, **POST, done_by=LAO_CAI_STAFF_OR_LEADER),
    # The admin shows an issued decision on the public list; others are told they may not.
    "awards:decision_publish": Entry(
        _decision, **POST, data=lambda s, kw: {"published": "1"}, done_by=("admin_user",)
    ),
}


def _arrival_and_specialist(sector, kwargs):
    """A Lào Cai proposal arrived at the ministry, and a specialist of its TĐKT office."""
    specialist = UserFactory(username="chuyen_vien", first_name="Lê Thị Thẩm")
    UnitRoleFactory(user=specialist, unit=sector.ministry, role=UnitRole.Role.ADMIN)
    proposal = _proposal(
        sector,
        status=Proposal.Status.FORWARDED,
        authority_unit=sector.ministry,
        current_unit=sector.ministry,
        forwarded_at=timezone.now(),
    )
    return {"proposals": [str(proposal.pk)], "assignee": str(specialist.pk)}


# The receiving desk is the TĐKT office's (admins), whatever unit they hold: it lists what
# arrived anywhere, so everyone else is refused (403) like the insiders.
MATRIX |= {
    "awards:desk": Entry(answers=NOT_ADMIN),
    "awards:desk_assign": Entry(
        method="post",
        ok=302,
        answers=NOT_ADMIN,
        data=_arrival_and_specialist,
        done_by=("admin_user",),
    ),
}


# The award fund of Lào Cai: its leader and the admins read the ledger and its export (its
# staff and the council member know the unit, not its books); only admins open funds and
# record allocations.
def _fund(sector):
    fund = Fund.objects.create(unit=sector.thads_lao_cai, authority=AuthorityFactory())
    FundAllocation.objects.create(
        fund=fund,
        year=2026,
        received_on=datetime.date(2026, 1, 5),
        amount=50_000_000,
        source="Dự toán ngân sách năm 2026",
    )
    return {"pk": fund.pk}


def _fund_to_open(sector, kwargs):
    return {"unit": str(sector.thads_lao_cai.pk), "authority": str(AuthorityFactory().pk)}


def _allocation(sector, kwargs):
    return {"received_on": "15/01/2026", "amount": "5000000", "source": "Dự toán bổ sung"}


FUND_ADMINS = _every(("staff_lao_cai", "leader_lao_cai", "council_member"), 403)
MATRIX |= {
    "awards:funds": Entry(),
    "awards:fund_open": Entry(
        **POST, answers=_every(NON_ADMINS, 403), data=_fund_to_open, done_by=("admin_user",)
    ),
    "awards:fund_ledger": Entry(_fund, answers=LEADERS_ONLY),
    "awards:fund_allocation_add": Entry(
        _fund, **POST, answers=FUND_ADMINS, data=_allocation, done_by=("admin_user",)
    ),
    "awards:fund_export": Entry(_fund, answers=LEADERS_ONLY),
}


# Certificates: a decision of Lào Cai is printed by its leaders and admins (the council sees it
# but may not print; the PDF comes back at once); templates are the TĐKT office's (admins),
# whatever unit they hold, and are no unit's objects: outsiders get 403 like insiders.
def _certificate_template(sector):

    template, _created = CertificateTemplate.objects.get_or_create(kind="bang_khen", award=None)
    return {"pk": template.pk}


def _own_template(sector):

    return {"pk": CertificateTemplate.objects.create(kind="bang_khen", award=AwardFactory()).pk}


def _background(sector, kwargs):
    # A real image: the blank scan's header is read for its pixel size (and verified).
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), "white").save(buffer, "PNG")
    return {"background": SimpleUploadedFile("phoi.png", buffer.getvalue())}


def _print_job(sector):
    """A finished background print of a Lào Cai decision, its file stored."""
    key = "ab" * 20
    decision = _decision(sector)["pk"]
    params = {"decision": decision, "conferments": [], "blank": False}
    Job.objects.create(key=key, kind=print_jobs.KIND, params=params, status="done")
    cache.store(key, "pdf", b"%PDF-1.4 test", meta={"decision": decision})
    return {"key": key}


ADMINS_ONLY = _every(NON_ADMINS, 403)
PRINTERS = (("council_member", 403), ("staff_lao_cai", 403))
MATRIX |= {
    "certificates:decision": Entry(_decision, answers=PRINTERS),
    "certificates:decision_print": Entry(
        _decision,
        **POST,
        data=lambda s, kw: {"mode": "full", "confirm": "1"},
        answers=PRINTERS + _every(LAO_CAI_LEADER, 200),
        done_by=LAO_CAI_LEADER,
    ),
    # A large print's progress and file: for who may print the decision.
    "certificates:print_job": Entry(_print_job, answers=PRINTERS),
    "certificates:print_download": Entry(_print_job, answers=PRINTERS),
    "certificates:register": Entry(),
    "certificates:register_export": Entry(),
    "certificates:templates": Entry(answers=NOT_ADMIN),
    "certificates:template_create": Entry(answers=NOT_ADMIN),
    "certificates:template_edit": Entry(_certificate_template, answers=ADMINS_ONLY),
    # An award's own template is deleted by the admin (its kind's default is kept).
    "certificates:template_delete": Entry(
        _own_template, **POST, answers=ADMINS_ONLY, done_by=("admin_user",)
    ),
    "certificates:template_preview": Entry(_certificate_template, answers=ADMINS_ONLY),
    "certificates:template_pdf": Entry(_certificate_template, answers=ADMINS_ONLY),
    "certificates:template_calibration": Entry(_certificate_template, answers=ADMINS_ONLY),
    "certificates:template_placements": Entry(_certificate_template, answers=ADMINS_ONLY),
    "certificates:session_public_notice": Entry(_session),
    "certificates:session_minutes": Entry(_session),
    "certificates:template_background": Entry(
        _certificate_template,
        **POST,
        answers=ADMINS_ONLY,
        data=_background,
        done_by=("admin_user",),
    ),
}


# Papers kept beside a record (thidua.core.attachments), of objects of Lào Cai: downloaded by
# whoever sees the record; uploaded and removed by who edits it: the launching unit's leader
# (a campaign), the leader of the grouping's leader unit that year (a grouping), the handling
# unit's staff and leader (a decision; once it is issued only the admin removes a paper), the
# council unit's staff and leader (a session). A refused upload re-renders the page (200).
def _kept(holder, kind: str, year=None) -> Attachment:
    return Attachment.objects.create(
        holder=holder,
        year=year,
        kind=kind,
        title="Bản lưu",
        file=SimpleUploadedFile("ban-luu.pdf", PDF),
        original_name="ban-luu.pdf",
        size=len(PDF),
        content_type="application/pdf",
    )


def _paper(kind: str, **extra):
    """The upload form's data: a fresh PDF each call (a posted file is read once)."""
    return lambda sector, kwargs: {
        "kind": kind,
        "title": "Văn bản số 12",
        "file": SimpleUploadedFile("vb.pdf", PDF),
        **extra,
    }


def _campaign_paper(sector):
    campaign = _campaign(sector)
    return {"pk": campaign.pk, "file": _kept(campaign, Campaign.Paper.PLAN).pk}


def _led_cluster(sector):
    membership = ClusterMembershipFactory(unit=sector.thads_lao_cai, year=2026, role="leader")
    return {"pk": membership.cluster_id}


def _cluster_paper(sector):
    membership = ClusterMembershipFactory(unit=sector.thads_lao_cai, year=2026, role="leader")
    paper = _kept(membership.cluster, "pledge", year=2026)
    return {"pk": membership.cluster_id, "file": paper.pk}


def _decision_paper(sector):
    kwargs = _decision(sector)
    paper = _kept(Decision.objects.get(pk=kwargs["pk"]), Decision.Paper.SIGNED_SCAN)
    return {**kwargs, "file": paper.pk}


def _session_paper(sector):
    kwargs = _session(sector)
    paper = _kept(CouncilSession.objects.get(pk=kwargs["pk"]), CouncilSession.Paper.MINUTES)
    return {**kwargs, "file": paper.pk}


MATRIX |= {
    "campaigns:attachment_upload": Entry(
        _campaign_pk,
        **FORM_POST,
        answers=_every(LAO_CAI_LEADER, 302),
        data=_paper("launch_decision"),
        done_by=LAO_CAI_LEADER,
    ),
    "campaigns:attachment": Entry(_campaign_paper),
    "campaigns:attachment_remove": Entry(_campaign_paper, **POST, done_by=LAO_CAI_LEADER),
    "units:cluster_attachment_upload": Entry(
        _led_cluster,
        **FORM_POST,
        answers=_every(LAO_CAI_LEADER, 302),
        data=_paper("conference_minutes", year="2026"),
        done_by=LAO_CAI_LEADER,
    ),
    "units:cluster_attachment": Entry(_cluster_paper),
    "units:cluster_attachment_remove": Entry(_cluster_paper, **POST, done_by=LAO_CAI_LEADER),
    "awards:decision_attachment_upload": Entry(
        _decision,
        **FORM_POST,
        answers=_every(LAO_CAI_STAFF_OR_LEADER, 302),
        data=_paper("signed_scan"),
        done_by=LAO_CAI_STAFF_OR_LEADER,
    ),
    "awards:decision_attachment": Entry(_decision_paper),
    # The decision is issued: its papers are kept, only the admin removes one.
    "awards:decision_attachment_remove": Entry(_decision_paper, **POST, done_by=("admin_user",)),
    "awards:session_attachment_upload": Entry(
        _session,
        **FORM_POST,
        answers=_every(LAO_CAI_STAFF_OR_LEADER, 302),
        data=_paper("minutes"),
        done_by=LAO_CAI_STAFF_OR_LEADER,
    ),
    "awards:session_attachment": Entry(_session_paper),
    "awards:session_attachment_remove": Entry(
        _session_paper, **POST, done_by=LAO_CAI_STAFF_OR_LEADER
    ),
}


# Drafted documents: a proposal's tờ trình for whoever sees the proposal; its dự thảo quyết
# định, once the council has voted, for the leaders of its authority's unit (Lào Cai here) and
# admins, the others who see the proposal are refused (403). Their templates are the TĐKT
# office's (admins), like certificate templates.
def _voted_proposal_pk(sector):

    proposal = _proposal(sector, status=Proposal.Status.VOTED)
    person = PersonFactory(full_name="Trịnh Văn Đạt", assigned_to=sector.thads_lao_cai)
    NomineeFactory(proposal=proposal, person=person, result=Nominee.Result.PASSED)
    return {"pk": proposal.pk}


def _document_template(sector):

    template, _created = DocumentTemplate.objects.get_or_create(
        document="submission", authority=None, award_kind="", defaults={"subject": "Tờ trình"}
    )
    return {"pk": template.pk}


def _own_document_template(sector):

    made = DocumentTemplate.objects.create(
        document="decision", authority=AuthorityFactory(), subject="Về việc tặng {award_words}"
    )
    return {"pk": made.pk}


DRAFTERS = (("council_member", 403), ("staff_lao_cai", 403))
MATRIX |= {
    "certificates:submission_pdf": Entry(_proposal_pk),
    "certificates:submission_docx": Entry(_proposal_pk),
    "certificates:decision_draft_pdf": Entry(_voted_proposal_pk, answers=DRAFTERS),
    "certificates:decision_draft_docx": Entry(_voted_proposal_pk, answers=DRAFTERS),
    "certificates:document_templates": Entry(answers=NOT_ADMIN),
    "certificates:document_template_create": Entry(answers=NOT_ADMIN),
    "certificates:document_template_edit": Entry(_document_template, answers=ADMINS_ONLY),
    # An authority's own template is deleted by the admin (the general one is kept).
    "certificates:document_template_delete": Entry(
        _own_document_template, **POST, answers=ADMINS_ONLY, done_by=("admin_user",)
    ),
    "certificates:document_template_preview": Entry(_document_template, answers=ADMINS_ONLY),
    "certificates:document_template_pdf": Entry(_document_template, answers=ADMINS_ONLY),
}


# API tokens: every signed-in user has the page; a token is revoked on it by its owner only
# (an admin revokes any in the Django admin), so another user's token is 404 to everybody.
def _foreign_token(sector):

    user = UserFactory(username="he_thong_khac")
    return {"pk": ApiToken.objects.create(user=user, name="Cổng", prefix="thd_x", digest="0").pk}


MATRIX |= {
    # The home page's first-login tour: every signed-in user hides their own.
    "guide:tour_dismiss": Entry(**POST, done_by=ROLES),
    "api_tokens:list": Entry(),
    "api_tokens:revoke": Entry(_foreign_token, method="post", ok=404),
}


# The API (/api/v1/, tests/thidua/test_access_matrix.py). Each operation is called as every
# role with a token of theirs, over ``api_objects``: objects of Lào Cai answer insiders 200 and
# outsiders 404; lists answer everyone 200, with the ``row`` of Lào Cai for insiders only.
# Without a token (or with a bad one) everything but the schema is 401.
def api_objects(sector) -> dict:
    """A decision of Lào Cai awarding one of its people, and what the calls need of it."""
    decision = DecisionFactory(issuing_unit=sector.thads_lao_cai, year=2025)
    person = PersonFactory(
        full_name="Đinh Thị Khen", assigned_to=sector.thads_lao_cai, national_id="001190000001"
    )
    conferment = ConfermentFactory(
        decision=decision, person=person, unit=sector.thads_lao_cai, year=2025
    )
    return {
        "decision": decision,
        "person": person,
        "conferment": conferment,
        "unit": sector.thads_lao_cai,
        "award": conferment.award,
    }


@dataclass(frozen=True)
class ApiEntry:
    """``path``: the object whose pk the URL takes; ``query``: the query string (a function
    of ``api_objects``); ``row``: for a list, the object insiders see in it and outsiders
    never; ``everyone``: no unit's object (the catalogue), 200 to every role; ``public``:
    answers without a token; ``status``: a fixed answer for every caller."""

    path: str | None = None
    query: Callable | None = None
    row: str | None = None
    everyone: bool = False
    public: bool = False
    status: int | None = None

    def kwargs(self, made) -> dict | None:
        return {"pk": made[self.path].pk} if self.path else None

    def params(self, made) -> dict:
        return self.query(made) if self.query else {}

    def expected(self, role: str) -> int:
        if self.status is not None:
            return self.status
        if role in INSIDERS or self.everyone or self.row or (self.path is None and not self.query):
            return 200
        return 404


def _eligibility(made):
    return {"award": made["award"].pk, "person": made["person"].pk, "year": 2026}


API_MATRIX: dict[str, ApiEntry] = {
    "openapi-json": ApiEntry(public=True),
    # ninja's placeholder for the API's root: nothing is served there.
    "api-root": ApiEntry(public=True, status=404),
    "units": ApiEntry(row="unit"),
    "unit": ApiEntry("unit"),
    "unit_history": ApiEntry("unit"),
    "people": ApiEntry(row="person"),
    "person": ApiEntry("person"),
    "person_history": ApiEntry("person"),
    "awards": ApiEntry(everyone=True),
    "award": ApiEntry("award", everyone=True),
    "decisions": ApiEntry(row="decision"),
    "decision": ApiEntry("decision"),
    "conferments": ApiEntry(row="conferment"),
    "eligibility": ApiEntry(query=_eligibility),
    # The row of the export is the conferment, of its list of late decisions the decision.
    "cadre_database": ApiEntry(query=lambda made: {"year": 2025}, row="conferment"),
    "unsynchronised": ApiEntry(row="decision"),
}


# Catalogue pages take an award id, not an object of a unit: visible to every role.
PUBLIC_OBJECT_URLS = {"awards:award"}

# "Quên mật khẩu" is for people who cannot sign in, and so is the guide: open to anyone, the same
# for all. A made-up reset link is answered with the page saying it cannot be used (200). The
# public list of awards is tested with its switch on.
ANONYMOUS_PAGES: dict[str, dict] = {
    "password_reset": {},
    "password_reset_done": {},
    "password_reset_confirm": {"uidb64": "MTIz", "token": "set-password"},
    "password_reset_complete": {},
    # The in-app guide: help for everyone, including people who cannot sign in.
    "guide:index": {},
    "guide:page": {"slug": "accounts"},
    # The public list of awards, when the deployment turns it on (THIDUA_PUBLIC_LIST).
    "public_awards": {},
}


# Reports and the dashboard take a scope in the query string, not an id in the path: a leader
# reports on the units they lead, an admin on anything; everyone else gets 404.
def _lao_cai_year(sector, **extra):
    return {"scope": f"unit:{sector.thads_lao_cai.pk}", "start": 2025, "year": 2025, **extra}


@dataclass(frozen=True)
class ReportEntry:
    query: Callable
    method: str = "get"
    ok: int = 200
    kwargs: dict | None = None


NO_SUCH_KEY = {"key": "0" * 40}
REPORT_URLS: dict[str, ReportEntry] = {
    "dashboard": ReportEntry(_lao_cai_year),
    "reports:index": ReportEntry(_lao_cai_year),
    "reports:summary_pdf": ReportEntry(_lao_cai_year),
    "reports:excel": ReportEntry(_lao_cai_year),
    "reports:statistics": ReportEntry(lambda sector: _lao_cai_year(sector, form="0602")),
    "campaign_statistics": ReportEntry(lambda sector: _lao_cai_year(sector, form="0601")),
    # A small scope is rendered in the request and the browser is sent to the file.
    "reports:export": ReportEntry(_lao_cai_year, method="post", ok=302),
    # No job or file is stored under this key: nobody finds it.
    "reports:progress": ReportEntry(_lao_cai_year, ok=404, kwargs=NO_SUCH_KEY),
    "reports:download": ReportEntry(_lao_cai_year, ok=404, kwargs={**NO_SUCH_KEY, "ext": "pdf"}),
}
REPORTERS = {"leader_lao_cai", "admin_user"}

LIST_URLS = sorted(name for name, entry in MATRIX.items() if entry.target is None)
OBJECT_URLS = sorted(name for name, entry in MATRIX.items() if entry.target is not None)
POST_URLS = sorted(name for name, entry in MATRIX.items() if entry.method == "post")
