"""Decisions (quyết định khen thưởng): drafting, issuing, correcting.

Issuing a decision confers its recipients (nominees the council passed): one Conferment
each, with the person's unit and position on the decision date, the achievement year of
the proposal and the cash amount of the rule (``awards.services.cash``), which the award
fund books (``awards.services.fund``). An issued decision never changes: a correction is a
new decision that ``amends`` it (withdrawing some conferments, conferring others) or
``revokes`` it (all its conferments are marked revoked; history keeps both).
"""

import datetime
import logging
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.catalogue.conferring import ConferringRules
from awards.catalogue.models import Authority, Award
from awards.eligibility import evaluate, nominee_quotas
from awards.models import Conferment, Decision, Nominee, Notification, Proposal
from awards.publication.selectors import forget as forget_public_list
from awards.services._common import LEADER, STAFF, day, locked, notify, require_role
from awards.services.cash import cash_amounts
from awards.services.fund import fund_book_decision, fund_overdraw_comment
from awards.services.proposals import outcome_of, proposal_settle
from awards.services.signing import decision_sign_on_server
from awards.services.verdicts import nominees_mark_stale
from awards.workflow import DECISION_WORKFLOW
from thidua.core import audit
from units.access import has_role, is_admin
from units.models import Assignment, Unit

logger = logging.getLogger(__name__)
R = Nominee.Result
D = Decision.Status
RECIPIENT_RELATED = ("proposal__proposing_unit", "award", "person", "unit")


def _check_number(decision: Decision) -> None:
    taken = Decision.objects.filter(
        authority_id=decision.authority_id,
        issuing_unit_id=decision.issuing_unit_id,
        year=decision.year,
        number=decision.number,
    ).exclude(pk=decision.pk)
    if taken.exists():
        raise ValidationError(
            {
                "number": _("Số quyết định %(number)s đã tồn tại trong năm %(year)s.")
                % {"number": decision.number, "year": decision.year}
            },
            code="number",
        )


def _check_fields(decision: Decision) -> None:
    decision.number = (decision.number or "").strip()
    decision.signer_name = (decision.signer_name or "").strip()
    decision.signer_position = (decision.signer_position or "").strip()
    errors = {}
    if not decision.number:
        errors["number"] = _("Nhập số, ký hiệu quyết định.")
    if not decision.signer_name:
        errors["signer_name"] = _("Nhập người ký.")
    if not decision.signer_position:
        errors["signer_position"] = _("Nhập chức vụ người ký.")
    if errors:
        raise ValidationError(errors)
    decision.year = decision.signed_on.year
    _check_number(decision)


def _recipient_problems(decision: Decision, nominees, reissue=frozenset()) -> list[str]:
    """Why some of ``nominees`` cannot be conferred by ``decision``; ``reissue`` are
    nominees whose conferment the same decision withdraws (an amendment re-confers).
    The decision's authority must be one that may confer the award on its signing date
    (``awards.catalogue.conferring``)."""
    problems = []
    rules = ConferringRules.load({n.award_id for n in nominees}) if nominees else None
    for nominee in nominees:
        values = {"nominee": nominee, "result": nominee.get_result_display().lower()}
        refused = rules.problem(nominee.award, decision.authority, decision.signed_on)
        if refused:
            problems.append(f"{nominee}: {refused}")
        elif nominee.proposal.authority_unit_id != decision.unit.pk:
            problems.append(
                _("%(nominee)s: đề nghị không do %(unit)s xét.") % {**values, "unit": decision.unit}
            )
        elif nominee.result != R.PASSED and nominee.pk not in reissue:
            problems.append(
                _(
                    "%(nominee)s chưa được Hội đồng đồng ý (%(result)s); không thể đưa vào "
                    "quyết định khen thưởng."
                )
                % values
            )
    return problems


def _check_recipients(decision: Decision, nominees, reissue=frozenset()) -> None:
    problems = _recipient_problems(decision, nominees, reissue)
    if problems:
        raise ValidationError(problems, code="recipients")


def _nominees(items) -> list[Nominee]:
    ids = [getattr(n, "pk", n) for n in items]
    return list(Nominee.objects.filter(pk__in=ids).select_related(*RECIPIENT_RELATED, "proposal"))


@transaction.atomic
def decision_draft(
    *,
    by,
    authority: Authority,
    issuing_unit: Unit,
    number: str,
    signed_on: datetime.date,
    signer_name: str,
    signer_position: str,
    place: str = "Hà Nội",
    summary: str = "",
    legal_bases=(),
    recipients=(),
    handling_unit: Unit | None = None,
    signer_authority: str = "",
    proposed_by: str = "",
) -> Decision:
    """A draft decision with its recipients (nominees passed by the council).

    ``handling_unit`` is the unit that records it when another body issues it (the
    ministry records the Prime Minister's decisions); staff or leaders of that unit (or
    of ``issuing_unit``) may draft and issue. Number: unique per authority, issuing unit
    and year ("Số quyết định đã tồn tại").
    """
    decision = Decision(
        authority=authority,
        issuing_unit=issuing_unit,
        handling_unit=handling_unit,
        number=number,
        signed_on=signed_on,
        place=(place or "").strip() or "Hà Nội",
        signer_name=signer_name,
        signer_position=signer_position,
        signer_authority=signer_authority or "",
        proposed_by=(proposed_by or "").strip(),
        summary=(summary or "").strip(),
        status=D.DRAFT,
        created_by=by,
    )
    require_role(by, decision.unit, STAFF, LEADER, action=_("lập quyết định khen thưởng"))
    _check_fields(decision)
    nominees = _nominees(recipients)
    _check_recipients(decision, nominees)
    decision._history_user = by  # the field history's "who" outside a request too
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError:
        raise ValidationError(_("Số quyết định đã tồn tại."), code="number") from None
    decision.legal_bases.set(legal_bases)
    decision.recipients.set(nominees)
    audit.record(obj=decision, by=by, action="create", to_state=D.DRAFT, unit=decision.unit)
    return decision


def _check_draft(decision: Decision) -> None:
    if decision.status != D.DRAFT:
        raise ValidationError(
            _(
                "Quyết định số %(number)s đã ban hành, không thể sửa; hãy ban hành quyết định "
                "sửa đổi, bổ sung hoặc hủy bỏ."
            )
            % {"number": decision.number},
            code="locked",
        )


def _check_issuable(decision: Decision) -> None:
    """Only a draft is issued; issuing again is refused for the state the decision is in."""
    if decision.status != D.DRAFT:
        raise ValidationError(
            _(
                "Quyết định số %(number)s đang ở trạng thái “%(state)s”; chỉ quyết định dự "
                "thảo mới ban hành được."
            )
            % {"number": decision.number, "state": decision.get_status_display()},
            code="state",
        )


@transaction.atomic
def decision_update(
    *, decision: Decision, by, recipients=None, legal_bases=None, **fields
) -> Decision:
    """Change a draft: any of ``number``, ``signed_on``, ``place``, ``signer_name``,
    ``signer_position``, ``signer_authority``, ``proposed_by``, ``summary``; ``recipients``
    and ``legal_bases`` replace the lists. An issued decision is refused."""
    allowed = {
        "number",
        "signed_on",
        "place",
        "signer_name",
        "signer_position",
        "signer_authority",
        "proposed_by",
        "summary",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"decision_update() got unexpected fields {sorted(unknown)}")
    decision = locked(decision, "authority", "issuing_unit", "handling_unit")
    _check_draft(decision)
    require_role(by, decision.unit, STAFF, LEADER, action=_("sửa quyết định"))
    for name, value in fields.items():
        setattr(decision, name, value)
    _check_fields(decision)
    decision._history_user = by  # the field history's "who" outside a request too
    decision.save()
    if legal_bases is not None:
        decision.legal_bases.set(legal_bases)
    if recipients is not None:
        nominees = _nominees(recipients)
        _check_recipients(decision, nominees)
        decision.recipients.set(nominees)
    audit.record(
        obj=decision,
        by=by,
        action="update",
        from_state=D.DRAFT,
        to_state=D.DRAFT,
        unit=decision.unit,
    )
    return decision


@transaction.atomic
def decision_delete(*, decision: Decision, by) -> None:
    """Delete a draft decision (an issued one is corrected by a new decision instead)."""
    decision = locked(decision, "issuing_unit", "handling_unit")
    _check_draft(decision)
    require_role(by, decision.unit, STAFF, LEADER, action=_("xóa quyết định"))
    audit.record(
        obj=decision,
        by=by,
        action="delete",
        from_state=D.DRAFT,
        comment=decision.number,
        unit=decision.unit,
    )
    decision.delete()


def decision_issue(*, decision: Decision, by, quota_reason: str = "") -> Decision:
    """Issue a draft: it becomes immutable and confers its recipients.

    Beyond a quota of the rule version in force (e.g. CSTĐCS ≤ 15 % of the unit's LĐTT,
    counting what was already conferred that year), it is refused when the rule says
    "block"; otherwise a leader of the issuing unit issues it with ``quota_reason``, which
    the audit entry of the issue keeps.

    Refused for a recipient that is not PASSED (failed, pending, already conferred), a
    subject already holding the award for that year, or a number already used. Creates
    the Conferments in bulk, marks nominees conferred, moves proposals with nothing left
    to decide to "decided" and notifies the proposing units. A decision that ``revokes``
    another marks that one revoked and its conferments revoked.
    """
    return _issue(decision=decision, by=by, quota_reason=quota_reason)


def _quota_comment(decision: Decision, nominees, withdrawn, by, reason: str) -> str:
    """Refuse a decision beyond a quota unless the rule lets an authorised leader
    override it with a reason; return what the audit entry records of the override."""
    lines = nominee_quotas(nominees, exclude_conferments=[c.pk for c in withdrawn])
    over = [line for line in lines if line.exceeded]
    if not over:
        return ""
    problems = [line.excess_message() for line in over]
    if any(line.quota.blocks for line in over):
        problems.append(_("Tiêu chuẩn không cho phép vượt tỷ lệ: không thể ban hành quyết định."))
        raise ValidationError(problems, code="quota")
    reason = (reason or "").strip()
    if not has_role(by, decision.unit, LEADER):
        problems.append(
            _("Chỉ lãnh đạo %(unit)s mới được ban hành vượt tỷ lệ, kèm lý do.")
            % {"unit": decision.unit}
        )
        raise ValidationError(problems, code="quota_role")
    if not reason:
        problems.append(_("Ghi rõ lý do ban hành vượt tỷ lệ."))
        raise ValidationError(problems, code="quota_reason")
    return _("Ban hành vượt tỷ lệ. %(problems)s Lý do: %(reason)s") % {
        "problems": " ".join(problems),
        "reason": reason,
    }


@transaction.atomic
def _issue(*, decision: Decision, by, withdraw=(), quota_reason: str = "") -> Decision:
    decision = locked(decision, "authority", "issuing_unit", "handling_unit")
    _check_issuable(decision)
    _check_number(decision)
    target = decision.revokes or decision.amends
    if target is not None:
        target = locked(target, "authority", "issuing_unit", "handling_unit")
    withdrawn = _withdrawable(target, withdraw, revoke_all=decision.revokes_id is not None)
    reissue = {c.nominee_id for c in withdrawn if c.nominee_id}
    nominees = list(decision.recipients.select_related(*RECIPIENT_RELATED, "proposal"))
    if not nominees and not withdrawn:
        raise ValidationError(_("Quyết định chưa có danh sách được khen thưởng."), code="empty")
    _check_recipients(decision, nominees, reissue)
    override = _quota_comment(decision, nominees, withdrawn, by, quota_reason)
    # Overdrawing the award fund warns and is recorded; it does not stop the decision.
    shortfall = fund_overdraw_comment(decision=decision, nominees=nominees, withdrawn=withdrawn)
    comment = "\n".join(part for part in (decision.summary, override, shortfall) if part)
    DECISION_WORKFLOW.apply(decision, "issue", by=by, comment=comment)
    decision._stored_status = D.ISSUED
    if decision.revokes_id:
        DECISION_WORKFLOW.apply(
            target,
            "revoke",
            by=by,
            comment=_("Hủy bỏ theo Quyết định số %(number)s ngày %(day)s: %(reason)s")
            % {
                "number": decision.number,
                "day": day(decision.signed_on),
                "reason": decision.summary,
            },
        )
        target._stored_status = D.REVOKED
    _withdraw(decision, withdrawn, keep={n.pk for n in nominees})
    if target is not None:  # awards taken back leave the public list at once
        transaction.on_commit(forget_public_list)
    day_of_record = decision.amends.signed_on if decision.amends_id else decision.signed_on
    conferments = _confer(decision, nominees, day_of_record)
    fund_book_decision(decision=decision, conferments=conferments, withdrawn=withdrawn)
    # Bulk writes send no signal: verdicts that count these records are out of date now.
    changed = [*conferments, *withdrawn]
    nominees_mark_stale(
        people={c.person_id for c in changed if c.person_id},
        units={c.unit_id for c in changed if not c.person_id},
    )
    proposals = {n.proposal_id: n.proposal for n in nominees}
    proposals |= {c.nominee.proposal_id: c.nominee.proposal for c in withdrawn if c.nominee_id}
    _after_issue(decision, proposals.values(), conferments, withdrawn, by)
    _sign_on_server(decision, by)
    return decision


def _sign_on_server(decision: Decision, by) -> None:
    """Sign the issued decision's PDF with the office's key when one is configured
    (``awards.services.signing``). A failure (a broken key file) is logged and leaves the
    decision issued unsigned: its office can still upload a signed PDF."""
    try:
        with transaction.atomic():
            decision_sign_on_server(decision=decision, by=by)
    except Exception:  # signing must never undo an issued decision
        logger.exception("server-side signing of decision %s failed", decision.pk)


def _withdrawable(target: Decision | None, withdraw, *, revoke_all: bool) -> list[Conferment]:
    if target is None:
        if withdraw:
            raise ValidationError(_("Chỉ quyết định sửa đổi mới thu hồi khen thưởng."))
        return []
    if target.status != D.ISSUED:
        raise ValidationError(
            _("Quyết định số %(number)s đang ở trạng thái “%(state)s”, không thể sửa đổi hay hủy.")
            % {"number": target.number, "state": target.get_status_display()},
            code="target",
        )
    rows = target.conferments.filter(revoked=False).select_related(
        "nominee__proposal__proposing_unit", "person", "unit", "award"
    )
    if revoke_all:
        return list(rows)
    ids = {getattr(c, "pk", c) for c in withdraw}
    found = list(rows.filter(pk__in=ids))
    if len(found) != len(ids):
        raise ValidationError(
            _("Chỉ thu hồi được khen thưởng còn hiệu lực của Quyết định số %(number)s.")
            % {"number": target.number},
            code="withdraw",
        )
    return found


def _withdraw(decision: Decision, conferments: list[Conferment], keep: set[int]) -> None:
    if not conferments:
        return
    Conferment.objects.filter(pk__in=[c.pk for c in conferments]).update(
        revoked=True, revoked_by=decision
    )
    gone = [c.nominee_id for c in conferments if c.nominee_id and c.nominee_id not in keep]
    Nominee.objects.filter(pk__in=gone).update(result=R.REVOKED)


def _positions(people_ids, on: datetime.date) -> dict[int, Assignment]:
    """Each person's assignment on ``on``: the rule of ``units.services.person_unit_on``,
    for many people in one query."""
    found = {}
    rows = (
        Assignment.objects.filter(person_id__in=people_ids, start__lte=on)
        .exclude(end__lt=on)
        .order_by("person_id", "-start")
    )
    for assignment in rows:
        found.setdefault(assignment.person_id, assignment)
    return found


def _confer(decision: Decision, nominees: list[Nominee], on: datetime.date) -> list[Conferment]:
    if not nominees:
        return []
    _check_not_conferred(nominees)
    positions = _positions([n.person_id for n in nominees if n.person_id], on)
    cash = cash_amounts(nominees, on)
    rows = []
    for nominee in nominees:
        assignment = positions.get(nominee.person_id)
        if nominee.person_id:
            unit_id = assignment.unit_id if assignment else nominee.person.unit_id
            position = assignment.position if assignment else nominee.person.position
        else:
            unit_id, position = nominee.unit_id, ""
        rows.append(
            Conferment(
                decision=decision,
                award_id=nominee.award_id,
                person_id=nominee.person_id,
                unit_id=unit_id,
                position=position,
                year=nominee.proposal.year,
                achievement=nominee.achievement,
                nominee=nominee,
                cash_amount=cash[nominee.pk],
            )
        )
    relied = _relied_on(nominees)
    created = Conferment.objects.bulk_create(rows)
    _link_relied_on(created, relied)
    Nominee.objects.filter(pk__in=[n.pk for n in nominees]).update(result=R.CONFERRED)
    return created


def _relied_on(nominees: list[Nominee]) -> dict[int, list[tuple[str, int]]]:
    """Nominee pk → the earlier awards and initiatives its award relies on, as the
    eligibility engine counts them now (one evaluation per award and reference date).

    An achievement goes to one reward only: when the same subject gets two awards in one
    decision that would rely on it, the first keeps it.
    """
    groups = defaultdict(list)
    for nominee in nominees:
        if nominee.award.subject != Award.Subject.HOUSEHOLD:
            key = (nominee.award_id, nominee.proposal.year, nominee.proposal.reference_date)
            groups[key].append(nominee)
    found, taken = {}, set()
    for (_award, year, on), group in groups.items():
        subjects = [n.person_id or n.unit_id for n in group]
        verdicts = evaluate(award=group[0].award, subjects=subjects, year=year, on=on)
        for nominee in group:
            subject = (nominee.person_id, nominee.unit_id)
            items = [(subject, i) for i in verdicts[nominee.person_id or nominee.unit_id].relied]
            found[nominee.pk] = [i for s, i in items if (s, i) not in taken]
            taken.update(items)
    return found


def _link_relied_on(conferments: list[Conferment], relied: dict) -> None:
    """Record on each new conferment what it relied on (``Conferment.relied_on…``)."""
    awards_used, initiatives_used = [], []
    through, initiative_through = (
        Conferment.relied_on.through,
        Conferment.relied_on_initiatives.through,
    )
    for conferment in conferments:
        for kind, pk in relied.get(conferment.nominee_id, ()):
            if kind == "conferment":
                awards_used.append(through(from_conferment_id=conferment.pk, to_conferment_id=pk))
            else:
                initiatives_used.append(
                    initiative_through(conferment_id=conferment.pk, initiative_id=pk)
                )
    through.objects.bulk_create(awards_used)
    initiative_through.objects.bulk_create(initiatives_used)


def _check_not_conferred(nominees: list[Nominee]) -> None:
    """One achievement, one reward: no live conferment of the same award, subject, year."""
    same = Q()
    for n in nominees:
        subject = Q(person_id=n.person_id) if n.person_id else Q(unit_id=n.unit_id, person=None)
        same |= subject & Q(award_id=n.award_id, year=n.proposal.year)
    taken = (
        Conferment.objects.filter(same, revoked=False)
        .select_related("decision", "award", "person", "unit")
        .order_by("pk")
        .first()
    )
    if taken is not None:
        raise ValidationError(
            _(
                "%(subject)s đã được tặng %(award)s cho thành tích năm %(year)s (Quyết định số "
                "%(number)s); mỗi thành tích chỉ được khen thưởng một lần."
            )
            % {
                "subject": taken.recipient,
                "award": taken.award,
                "year": taken.year,
                "number": taken.decision.number,
            },
            code="duplicate",
        )


def _after_issue(decision, proposals, conferments, withdrawn, by) -> None:
    by_proposal: dict[int, list[Conferment]] = {}
    for conferment in conferments:
        by_proposal.setdefault(conferment.nominee.proposal_id, []).append(conferment)
    for proposal in proposals:
        if not proposal_settle(proposal, by) and proposal.status == Proposal.Status.DECIDED:
            outcome = outcome_of(proposal.nominees.all())
            Proposal.objects.filter(pk=proposal.pk).update(outcome=outcome)
        conferred = len(by_proposal.get(proposal.pk, ()))
        values = {
            "kind": _("Quyết định"),
            "number": decision.number,
            "day": day(decision.signed_on),
            "authority": decision.authority,
            "title": proposal.title,
            "count": conferred,
        }
        if decision.revokes_id or (withdrawn and not conferred):
            text = _(
                "%(kind)s số %(number)s ngày %(day)s của %(authority)s hủy bỏ khen thưởng theo "
                "đề nghị “%(title)s”."
            )
        else:
            text = _(
                "%(kind)s số %(number)s ngày %(day)s của %(authority)s: khen thưởng %(count)s "
                "đề cử theo đề nghị “%(title)s”."
            )
        notify(unit=proposal.proposing_unit, text=text % values, proposal=proposal)
    _notify_recipient_units(decision, conferments, {p.proposing_unit_id for p in proposals})


def _notify_recipient_units(decision, conferments, notified: set[int]) -> None:
    """Each recipient's unit (a collective, or a person's unit) hears of the decision too,
    unless it proposed them and has just been told."""
    counts: dict[int, int] = defaultdict(int)
    for conferment in conferments:
        if conferment.unit_id not in notified:
            counts[conferment.unit_id] += 1
    units = Unit.objects.in_bulk(list(counts))
    for unit_id, count in sorted(counts.items()):
        notify(
            unit=units[unit_id],
            text=_(
                "Quyết định số %(number)s ngày %(day)s của %(authority)s: khen thưởng %(count)s "
                "cá nhân, tập thể của %(unit)s."
            )
            % {
                "number": decision.number,
                "day": day(decision.signed_on),
                "authority": decision.authority,
                "count": count,
                "unit": units[unit_id],
            },
            link=reverse("awards:decision_detail", args=[decision.pk]),
        )


def _correction(*, decision: Decision, by, issuing_unit, fields, legal_bases, **link) -> Decision:
    draft = decision_draft(
        by=by,
        authority=decision.authority,
        issuing_unit=issuing_unit or decision.issuing_unit,
        handling_unit=decision.handling_unit,
        legal_bases=legal_bases,
        **fields,
    )
    # _issue reads the draft again (locked), link fields included.
    Decision.objects.filter(pk=draft.pk).update(**link)
    return draft


@transaction.atomic
def decision_revoke(
    *,
    decision: Decision,
    by,
    number: str,
    signed_on: datetime.date,
    signer_name: str,
    signer_position: str,
    reason: str,
    place: str = "Hà Nội",
    issuing_unit: Unit | None = None,
    legal_bases=(),
) -> Decision:
    """Issue a new decision revoking ``decision`` (e.g. a false dossier), with a reason.

    ``decision`` becomes "revoked"; each of its conferments is marked revoked (and
    ``revoked_by`` the new decision), its nominees "bị hủy khen thưởng". Returns the new one.
    """
    if not (reason or "").strip():
        raise ValidationError(_("Cần ghi rõ lý do hủy bỏ quyết định."), code="comment")
    draft = _correction(
        decision=decision,
        by=by,
        issuing_unit=issuing_unit,
        legal_bases=legal_bases,
        fields={
            "number": number,
            "signed_on": signed_on,
            "signer_name": signer_name,
            "signer_position": signer_position,
            "place": place,
            "summary": reason,
        },
        revokes=decision,
    )
    return _issue(decision=draft, by=by)


@transaction.atomic
def decision_amend(
    *,
    decision: Decision,
    by,
    number: str,
    signed_on: datetime.date,
    signer_name: str,
    signer_position: str,
    reason: str,
    place: str = "Hà Nội",
    withdraw=(),
    recipients=(),
    issuing_unit: Unit | None = None,
    legal_bases=(),
    quota_reason: str = "",
) -> Decision:
    """Issue a new decision amending ``decision``: it withdraws some of its conferments
    (``withdraw``) and/or confers ``recipients`` (passed nominees, or withdrawn ones again
    with corrected data). Positions are taken on the amended decision's date."""
    if not (reason or "").strip():
        raise ValidationError(_("Cần ghi rõ nội dung sửa đổi, bổ sung."), code="comment")
    draft = _correction(
        decision=decision,
        by=by,
        issuing_unit=issuing_unit,
        legal_bases=legal_bases,
        fields={
            "number": number,
            "signed_on": signed_on,
            "signer_name": signer_name,
            "signer_position": signer_position,
            "place": place,
            "summary": reason,
        },
        amends=decision,
    )
    nominees = _nominees(recipients)
    draft.recipients.set(nominees)
    return _issue(decision=draft, by=by, withdraw=withdraw, quota_reason=quota_reason)


def notification_mark_read(*, notification: Notification, by) -> Notification:
    """Mark a unit's notification read (for everyone of the unit)."""
    require_role(by, notification.unit, STAFF, LEADER, action=_("đánh dấu thông báo"))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def decisions_mark_synchronised(*, decisions, by, on: datetime.date) -> int:
    """Record that these issued decisions were sent to the national database of cadres on
    ``on`` (admins only); drafts, revoked decisions and those recorded already are left as
    they are. Returns how many were recorded."""
    if not is_admin(by):
        raise ValidationError(_("Chỉ quản trị viên ghi nhận việc đồng bộ với CSDL quốc gia."))
    rows = list(
        Decision.objects.filter(
            pk__in=[d.pk for d in decisions],
            status=Decision.Status.ISSUED,
            synced_on__isnull=True,
        ).select_related("handling_unit", "issuing_unit")
    )
    # An issued decision refuses ``save``: the date is written with an update.
    Decision.objects.filter(pk__in=[d.pk for d in rows]).update(synced_on=on)
    for decision in rows:
        audit.record(
            obj=decision,
            by=by,
            action="synchronise",
            comment=_("Đồng bộ CSDL quốc gia ngày %(day)s") % {"day": f"{on:%d/%m/%Y}"},
            unit=decision.unit,
        )
    return len(rows)
