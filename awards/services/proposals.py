"""Proposals (đề nghị khen thưởng): creating them and moving them through their states.

Every state change goes through ``awards.workflow.PROPOSAL_WORKFLOW`` (states, roles,
required comments, races, audit). Nominees are in ``nominees.py``, files in ``uploads.py``.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.catalogue.models import Authority
from awards.models import Nominee, Proposal
from awards.services._common import LEADER, STAFF, locked, notify, require_role
from awards.services.nominees import check_editable, refresh_verdicts
from awards.workflow import PROPOSAL_WORKFLOW
from thidua.core import audit
from units.models import AgencyType, Cluster, ClusterMembership, Unit

R = Nominee.Result


def default_reference_date(year: int) -> datetime.date:
    """Rules are judged as of 31/12 of the achievement year (as ``awards.eligibility`` does).

    Chosen over the submission date so that a verdict does not change between drafting
    and sending; a caller may pass another date (e.g. a transitional provision).
    """
    return datetime.date(year, 12, 31)


def default_authority_unit(authority: Authority, proposing_unit: Unit) -> Unit | None:
    """Where the authority's council sits: the unit itself for its head's awards, else the
    ministry above it (which also forwards to the Prime Minister and the President)."""
    if authority.level == Authority.Level.UNIT:
        return proposing_unit
    ancestors = [int(pk) for pk in proposing_unit.path.strip("/").split("/") if pk]
    return (
        Unit.objects.filter(pk__in=ancestors, agency_type=AgencyType.MINISTRY)
        .order_by("-depth")
        .first()
    )


def _check_authority_unit(proposing_unit: Unit, authority_unit: Unit | None) -> None:
    if authority_unit is None:
        raise ValidationError(_("Chọn cơ quan xét khen thưởng."), code="authority_unit")
    ancestor = proposing_unit.path.startswith(authority_unit.path)
    if not (ancestor or authority_unit.agency_type == AgencyType.EXTERNAL):
        raise ValidationError(
            _("%(unit)s không phải cấp trên của %(proposer)s nên không xét đề nghị của đơn vị này.")
            % {"unit": authority_unit, "proposer": proposing_unit},
            code="authority_unit",
        )


@transaction.atomic
def proposal_create(
    *,
    by,
    proposing_unit: Unit,
    authority: Authority,
    year: int,
    title: str,
    summary: str = "",
    simplified: bool = False,
    authority_unit: Unit | None = None,
    reference_date: datetime.date | None = None,
    cluster: Cluster | None = None,
) -> Proposal:
    """A draft proposal of ``proposing_unit`` to ``authority`` for the achievements of ``year``.

    ``authority_unit`` defaults to ``default_authority_unit``; it must be an ancestor of
    the proposing unit or an outside body (e.g. a provincial People's Committee).
    ``reference_date`` defaults to ``default_reference_date(year)``. ``cluster`` marks
    the grouping's proposal, made by its leader unit that year for its members.
    """
    require_role(
        by,
        proposing_unit,
        STAFF,
        LEADER,
        action=_("lập đề nghị cho %(unit)s") % {"unit": proposing_unit},
    )
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Nhập trích yếu của đề nghị."), code="title")
    if year > timezone.localdate().year:
        raise ValidationError(_("Năm thành tích %(year)s chưa tới.") % {"year": year}, code="year")
    if (
        cluster is not None
        and not ClusterMembership.objects.filter(
            cluster=cluster, unit=proposing_unit, year=year, role=ClusterMembership.Role.LEADER
        ).exists()
    ):
        raise ValidationError(
            _("%(unit)s không phải Trưởng khối của %(cluster)s năm %(year)s.")
            % {"unit": proposing_unit, "cluster": cluster.name_in(year), "year": year},
            code="cluster",
        )
    authority_unit = authority_unit or default_authority_unit(authority, proposing_unit)
    _check_authority_unit(proposing_unit, authority_unit)
    proposal = Proposal.objects.create(
        proposing_unit=proposing_unit,
        authority=authority,
        authority_unit=authority_unit,
        current_unit=proposing_unit,
        year=year,
        reference_date=reference_date or default_reference_date(year),
        title=title[:255],
        summary=(summary or "").strip(),
        simplified=simplified,
        cluster=cluster,
        created_by=by,
    )
    audit.record(
        obj=proposal, by=by, action="create", to_state=proposal.status, unit=proposing_unit
    )
    return proposal


@transaction.atomic
def proposal_update(
    *, proposal: Proposal, by, title: str, summary: str = "", simplified: bool = False
) -> Proposal:
    """Edit the title, text and procedure of a draft or returned proposal."""
    proposal = locked(proposal, "proposing_unit")
    check_editable(proposal, by)
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Nhập trích yếu của đề nghị."), code="title")
    proposal.title, proposal.summary = title[:255], (summary or "").strip()
    proposal.simplified = simplified
    proposal.save(update_fields=["title", "summary", "simplified", "updated_at"])
    audit.record(
        obj=proposal,
        by=by,
        action="update",
        from_state=proposal.status,
        to_state=proposal.status,
        unit=proposal.proposing_unit,
    )
    return proposal


@transaction.atomic
def proposal_delete(*, proposal: Proposal, by) -> None:
    """Delete a draft that was never submitted, with its nominees and files."""
    proposal = locked(proposal, "proposing_unit")
    if proposal.status != Proposal.Status.DRAFT:
        raise ValidationError(_("Chỉ xóa được đề nghị nháp."), code="state")
    require_role(by, proposal.proposing_unit, STAFF, LEADER, action=_("xóa đề nghị này"))
    stored = [(f.file.storage, f.file.name) for f in proposal.files.all()]
    audit.record(
        obj=proposal,
        by=by,
        action="delete",
        from_state=proposal.status,
        comment=proposal.title,
        unit=proposal.proposing_unit,
    )
    proposal.delete()
    for storage, name in stored:
        transaction.on_commit(lambda s=storage, n=name: s.delete(n))


@transaction.atomic
def proposal_submit(*, proposal: Proposal, by) -> Proposal:
    """Staff send the dossier to their leader: at least one nominee and every required file
    (``awards.workflow.missing_documents``). Verdicts are re-evaluated and stored now."""
    PROPOSAL_WORKFLOW.check(proposal, "submit", by)
    refresh_verdicts(proposal)
    return PROPOSAL_WORKFLOW.apply(proposal, "submit", by=by)


@transaction.atomic
def proposal_return(*, proposal: Proposal, by, comment: str) -> Proposal:
    """The proposing unit's leader sends it back to staff, with a reason."""
    PROPOSAL_WORKFLOW.apply(proposal, "return", by=by, comment=comment)
    notify(
        unit=proposal.proposing_unit,
        text=_("Lãnh đạo trả lại đề nghị “%(title)s”: %(reason)s")
        % {"title": proposal.title, "reason": comment.strip()},
        proposal=proposal,
    )
    return proposal


@transaction.atomic
def proposal_forward(*, proposal: Proposal, by, comment: str = "") -> Proposal:
    """The proposing unit's leader sends it to the authority's unit.

    Refused while a nominee is BLOCKED (remove it) or has WARNINGs without an override
    reason (``nominee_override``); the stored verdicts are those of the submission.
    """
    PROPOSAL_WORKFLOW.apply(
        proposal,
        "forward",
        by=by,
        comment=comment,
        changes={"current_unit": proposal.authority_unit},
    )
    if proposal.authority_unit_id != proposal.proposing_unit_id:
        notify(
            unit=proposal.authority_unit,
            text=_("%(unit)s gửi đề nghị khen thưởng “%(title)s”.")
            % {"unit": proposal.proposing_unit, "title": proposal.title},
            proposal=proposal,
        )
    return proposal


def proposal_appraise(*, proposal: Proposal, by, comment: str = "") -> Proposal:
    """Staff or a leader of the authority's unit record that the dossier is complete."""
    return PROPOSAL_WORKFLOW.apply(proposal, "appraise", by=by, comment=comment)


@transaction.atomic
def proposal_return_for_documents(*, proposal: Proposal, by, comment: str) -> Proposal:
    """The authority's unit sends it back for missing documents (reason required)."""
    PROPOSAL_WORKFLOW.apply(
        proposal,
        "return_for_documents",
        by=by,
        comment=comment,
        changes={"current_unit": proposal.proposing_unit},
    )
    notify(
        unit=proposal.proposing_unit,
        text=_("Đề nghị “%(title)s” bị trả lại để bổ sung hồ sơ: %(reason)s")
        % {"title": proposal.title, "reason": comment.strip()},
        proposal=proposal,
    )
    return proposal


def forward_up_targets():
    """Bodies a State-level proposal can be sent up to (the Government, the President's
    office …): units outside the justice sector, valid today."""
    return (
        Unit.objects.filter(agency_type=AgencyType.EXTERNAL)
        .valid_on(timezone.localdate())
        .order_by("name", "pk")
    )


def _check_forward_up_target(proposal: Proposal, to_unit: Unit | None) -> None:
    if to_unit is None:
        raise ValidationError(_("Chọn cơ quan nhận đề nghị."), code="to_unit")
    above = proposal.authority_unit.path.startswith(to_unit.path)
    if to_unit.pk == proposal.authority_unit_id or not (
        above or to_unit.agency_type == AgencyType.EXTERNAL
    ):
        raise ValidationError(
            _("Không thể trình đề nghị lên %(unit)s: chọn cơ quan cấp trên của %(authority)s.")
            % {"unit": to_unit, "authority": proposal.authority_unit},
            code="to_unit",
        )


@transaction.atomic
def proposal_forward_up(*, proposal: Proposal, by, to_unit: Unit, comment: str = "") -> Proposal:
    """After the ministry council's vote, send a State-level proposal (Prime Minister,
    President) to ``to_unit`` (e.g. the Government). It may wait there a year or more;
    the proposing unit sees it as "Đang đề nghị lên cấp trên".

    Only a leader of the authority's unit may do it (the workflow's role check), and
    ``to_unit`` must be a body outside the sector or above the authority's unit.
    """
    PROPOSAL_WORKFLOW.check(proposal, "forward_up", by, comment)
    _check_forward_up_target(proposal, to_unit)
    PROPOSAL_WORKFLOW.apply(
        proposal, "forward_up", by=by, comment=comment, changes={"current_unit": to_unit}
    )
    notify(
        unit=proposal.proposing_unit,
        text=_("Đề nghị “%(title)s” đã được trình %(authority)s.")
        % {"title": proposal.title, "authority": proposal.authority},
        proposal=proposal,
    )
    return proposal


@transaction.atomic
def proposal_conclude(*, proposal: Proposal, by, comment: str) -> Proposal:
    """Close a voted or forwarded-up proposal without (further) decision: nominees the
    council passed but nobody conferred become "không được khen thưởng"."""
    PROPOSAL_WORKFLOW.check(proposal, "conclude", by, comment)
    proposal.nominees.filter(result=R.PASSED).update(result=R.NOT_CONFERRED)
    proposal.nominees.filter(result=R.PENDING).update(result=R.NOT_CONFERRED)
    outcome = outcome_of(proposal.nominees.all())
    PROPOSAL_WORKFLOW.apply(
        proposal, "conclude", by=by, comment=comment, changes={"outcome": outcome}
    )
    _notify_outcome(proposal)
    return proposal


def outcome_of(nominees) -> str:
    results = [n.result for n in nominees if n.result != R.WITHDRAWN]
    conferred = sum(r == R.CONFERRED for r in results)
    if results and conferred == len(results):
        return Proposal.Outcome.APPROVED
    return Proposal.Outcome.PARTLY if conferred else Proposal.Outcome.REJECTED


def proposal_settle(proposal: Proposal, by) -> bool:
    """Move a proposal to "decided" once no nominee waits for a vote or a decision.

    Called by ``session_close`` and ``decision_issue``; returns whether it was decided.
    """
    nominees = list(proposal.nominees.all())
    if any(n.result in (R.PENDING, R.PASSED) for n in nominees):
        return False
    if proposal.status not in (Proposal.Status.VOTED, Proposal.Status.FORWARDED_UP):
        return False
    PROPOSAL_WORKFLOW.apply(proposal, "decide", by=by, changes={"outcome": outcome_of(nominees)})
    _notify_outcome(proposal)
    return True


def _notify_outcome(proposal: Proposal) -> None:
    notify(
        unit=proposal.proposing_unit,
        text=_("Đề nghị “%(title)s”: %(outcome)s.")
        % {"title": proposal.title, "outcome": proposal.get_outcome_display().lower()},
        proposal=proposal,
    )
