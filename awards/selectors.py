"""Read-side queries of proposals, council sessions, decisions and award histories.

Visibility is each model's one rule (``Proposal.scope_q``, ``CouncilSession.scope_q``,
``Decision.scope_lookup``), applied by ``units.access.restrict`` like everywhere else. A
member of a council sees only their own ballots, never how anybody else voted (tallies
appear on nominees after the close).
Every function here costs a fixed number of queries, whatever the number of nominees.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.catalogue.conferring import awards_conferrable_by
from awards.catalogue.models import Authority, Award
from awards.catalogue.selectors import rule_on, rules_by_award
from awards.eligibility import next_steps, nominee_quotas, registration_quotas
from awards.models import (
    AgendaItem,
    Ballot,
    Conferment,
    CouncilMember,
    CouncilSession,
    Decision,
    DossierFile,
    Nominee,
    Notification,
    Proposal,
    PublicNotice,
)
from awards.workflow import (
    DECISION_WORKFLOW,
    LEADER,
    PROPOSAL_AUTOMATIC,
    PROPOSAL_WORKFLOW,
    RUNNERS,
    SESSION_WORKFLOW,
    STAFF,
    missing_documents,
    notice_refusal,
)
from campaigns.models import Campaign, Registration
from thidua.core import audit
from thidua.core.text import search_key
from thidua.core.workdays import add_working_days, latest_overdue
from units.access import has_role, restrict, under, user_roles
from units.models import Initiative, Person, Unit

NOMINEE_RELATED = ("award", "person__unit", "unit", "overridden_by", "verdict_rule")


def _get(queryset: QuerySet, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# --- Proposals ----------------------------------------------------------------------------


def proposal_list(
    *,
    user,
    status: str | None = None,
    year: int | None = None,
    unit: Unit | None = None,
    incoming: bool | None = None,
    search: str = "",
    proposer: Unit | None = None,
    award: Award | None = None,
) -> QuerySet:
    """Visible proposals, newest first, with ``nominee_count`` and ``file_count``.

    ``unit`` with ``incoming=False`` lists what it proposed (its subtree), with
    ``incoming=True`` what is addressed to it; ``status`` may also be "pending" (sent and
    not decided). ``search`` matches the title or the proposing unit, without diacritics;
    ``proposer`` keeps one proposing unit's own proposals, ``award`` those nominating for it.
    """
    rows = restrict(Proposal.objects.all(), user).select_related(
        "proposing_unit", "authority", "authority_unit", "current_unit"
    )
    if status == "pending":
        rows = rows.filter(status__in=Proposal.PENDING_STATES)
    elif status:
        rows = rows.filter(status=status)
    if year:
        rows = rows.filter(year=year)
    if unit is not None and incoming:
        rows = rows.filter(authority_unit=unit, forwarded_at__isnull=False)
    elif unit is not None:
        rows = rows.filter(under([unit.path], "proposing_unit__path"))
    if proposer is not None:
        rows = rows.filter(proposing_unit=proposer)
    if award is not None:
        rows = rows.filter(Exists(Nominee.objects.filter(proposal=OuterRef("pk"), award=award)))
    key = search_key(search)
    if key:
        rows = rows.filter(search_key__contains=key)
    return rows.annotate(
        nominee_count=Count("nominees", distinct=True), file_count=Count("files", distinct=True)
    ).order_by("-year", "-created_at", "-pk")


def proposing_units(*, user) -> QuerySet:
    """The units that proposed a proposal the user sees (the list's unit filter)."""
    proposed = restrict(Proposal.objects.all(), user).values("proposing_unit")
    return Unit.objects.filter(pk__in=proposed).order_by("path")


def proposal_get(*, user, pk) -> Proposal:
    """One visible proposal (404 otherwise), for services called by views."""
    rows = restrict(Proposal.objects.all(), user).select_related(
        "proposing_unit", "authority", "authority_unit", "current_unit", "created_by", "assignee"
    )
    return _get(rows, pk)


def proposal_can_edit(proposal: Proposal, user) -> bool:
    return proposal.is_editable and has_role(user, proposal.proposing_unit, STAFF, LEADER)


def proposal_can_draft_decision(proposal: Proposal, user) -> bool:
    """The dự thảo quyết định (``certificates:decision_draft_pdf``): once the council has
    voted, for the TĐKT office (admins) and the leaders of the authority's unit."""
    return proposal.status in Proposal.VOTED_STATES and has_role(
        user, proposal.authority_unit, LEADER
    )


def edit_refusal(proposal: Proposal) -> str:
    """Why the edit page is not offered: the state, else the role."""
    if not proposal.is_editable:
        return _(
            "Đề nghị đang ở trạng thái “%(state)s”: không thể sửa. Chỉ sửa được khi đề nghị "
            "là nháp hoặc bị trả lại."
        ) % {"state": proposal.get_status_display()}
    return _("Bạn không có quyền sửa đề nghị này.")


@dataclass
class ProposalDetail:
    proposal: Proposal
    nominees: list[Nominee]
    files: list[DossierFile]
    missing: list[str]
    transitions: list  # thidua.core.workflow.Transition the user may try now
    history: list
    can_edit: bool
    can_override: bool
    can_recheck: bool = False  # "Kiểm tra lại": the council has not voted yet
    files_by_nominee: dict[int, list[DossierFile]] = field(default_factory=dict)
    quotas: list = field(default_factory=list)  # QuotaLine of the nominees still waiting

    @property
    def general_files(self) -> list[DossierFile]:
        return [f for f in self.files if f.nominee_id is None]

    @property
    def blocked(self) -> list[Nominee]:
        return [n for n in self.nominees if n.is_blocked and n.result != Nominee.Result.WITHDRAWN]

    @property
    def needing_override(self) -> list[Nominee]:
        return [n for n in self.nominees if n.needs_override]


def proposal_detail(*, user, pk) -> ProposalDetail:
    """A proposal with its nominees (verdict snapshots, notices, conferments), files, what
    the dossier lacks, the transitions the user may try and the audit history."""
    proposal = proposal_get(user=user, pk=pk)
    nominees = list(
        proposal.nominees.select_related(*NOMINEE_RELATED).prefetch_related(
            Prefetch("notices", queryset=PublicNotice.objects.order_by("-start")),
            Prefetch(
                "conferments",
                queryset=Conferment.objects.select_related("decision").order_by("pk"),
            ),
        )
    )
    files = list(proposal.files.select_related("uploaded_by").order_by("kind", "uploaded_at"))
    by_nominee: dict[int, list[DossierFile]] = {}
    for dossier_file in files:
        if dossier_file.nominee_id:
            by_nominee.setdefault(dossier_file.nominee_id, []).append(dossier_file)
    active = [n for n in nominees if n.result != Nominee.Result.WITHDRAWN]
    at_proposer = proposal.status in Proposal.AT_PROPOSER_STATES
    return ProposalDetail(
        proposal=proposal,
        nominees=nominees,
        files=files,
        files_by_nominee=by_nominee,
        missing=missing_documents(proposal, active, files) if at_proposer else [],
        transitions=[
            t
            for t in PROPOSAL_WORKFLOW.available(proposal, user)
            if t.name not in PROPOSAL_AUTOMATIC
            and (t.name != "forward_up" or proposal.authority.level == Authority.Level.STATE)
        ],
        history=list(audit.history(proposal)),
        can_edit=proposal_can_edit(proposal, user),
        can_override=at_proposer and has_role(user, proposal.proposing_unit, LEADER),
        quotas=nominee_quotas(
            [n for n in nominees if n.result in (Nominee.Result.PENDING, Nominee.Result.PASSED)]
        ),
        can_recheck=proposal.status not in Proposal.VOTED_STATES
        and any(n.result == Nominee.Result.PENDING for n in nominees)
        and (
            has_role(user, proposal.proposing_unit, STAFF, LEADER)
            or has_role(user, proposal.authority_unit, STAFF, LEADER)
        ),
    )


def nominees_for_agenda(*, session: CouncilSession) -> QuerySet:
    """Pending nominees of appraised proposals addressed to the session's council unit
    that are not on another unclosed session (the agenda picker)."""
    busy = AgendaItem.objects.exclude(session__status=CouncilSession.Status.CLOSED).values(
        "nominee_id"
    )
    return (
        Nominee.objects.filter(
            proposal__authority_unit_id=session.council.unit_id,
            proposal__status__in=(Proposal.Status.APPRAISED, Proposal.Status.ON_AGENDA),
            result=Nominee.Result.PENDING,
        )
        .exclude(pk__in=busy)
        .select_related("proposal__proposing_unit", "award", "person", "unit")
        .order_by("proposal__proposing_unit__path", "award__order", "pk")
    )


def nominees_for_decision(*, unit: Unit | None, authority=None) -> QuerySet:
    """Nominees passed by the council of ``unit`` (of any unit: None, for admins) and not
    conferred yet (decision form)."""
    rows = Nominee.objects.filter(result=Nominee.Result.PASSED)
    if unit is not None:
        rows = rows.filter(proposal__authority_unit=unit)
    if authority is not None:
        on = timezone.localdate()
        rows = rows.filter(award__in=awards_conferrable_by(authority, on=on))
    return rows.select_related("proposal__proposing_unit", "award", "person", "unit").order_by(
        "award__order", "proposal__proposing_unit__path", "pk"
    )


# --- Council sessions -----------------------------------------------------------------------


def council_session_list(*, user, council=None, status: str | None = None) -> QuerySet:
    rows = restrict(CouncilSession.objects.all(), user).select_related("council__unit")
    if council is not None:
        rows = rows.filter(council=council)
    if status:
        rows = rows.filter(status=status)
    return rows.annotate(item_count=Count("items")).order_by("-date", "-pk")


@dataclass
class SessionDetail:
    session: CouncilSession
    items: list[AgendaItem]
    members: list[CouncilMember]
    membership: CouncilMember | None  # the user's own seat, if any
    my_ballots: dict[int, Ballot]  # nominee pk -> the user's own ballot
    ballot_counts: dict[int, int]  # nominee pk -> ballots cast (not how), for the secretariat
    voters: dict[int, set[int]]  # nominee pk -> user pks who voted (not how), secretariat only
    not_yet: dict[int, str]  # nominee pk -> why it cannot be voted on yet (public notice)
    transitions: list
    can_manage: bool
    quotas: list = ()  # QuotaLine per award, unit and year with a quota: what it leaves

    @property
    def can_vote(self) -> bool:
        return self.session.status == CouncilSession.Status.OPEN and bool(
            self.membership and self.membership.is_active
        )


def council_session_detail(*, user, pk) -> SessionDetail:
    """A session with its agenda; the user's own ballots only; tallies are on the nominees
    once closed (``votes_agree`` …). Nobody reads another member's vote here."""
    session = _get(restrict(CouncilSession.objects.all(), user).select_related("council__unit"), pk)
    items = list(
        session.items.select_related(
            "nominee__proposal__proposing_unit",
            "nominee__proposal__authority_unit",
            "nominee__award",
            "nominee__person",
            "nominee__unit",
        ).prefetch_related("nominee__notices")
    )
    members = list(session.council.memberships.select_related("user").order_by("role", "pk"))
    membership = next((m for m in members if m.user_id == user.pk), None)
    mine = {b.nominee_id: b for b in session.ballots.filter(member=user)} if membership else {}
    can_manage = has_role(user, session.council.unit, STAFF, LEADER) or (
        membership is not None and membership.is_active and membership.role in RUNNERS
    )
    counts, voters = {}, {}
    if can_manage:
        for nominee_id, member_id in session.ballots.values_list("nominee_id", "member_id"):
            counts[nominee_id] = counts.get(nominee_id, 0) + 1
            voters.setdefault(nominee_id, set()).add(member_id)
    nominees = [item.nominee for item in items]
    rules = rules_by_award(n.award_id for n in nominees)
    today = timezone.localdate()
    not_yet = {}
    for nominee in nominees:
        rule = rule_on(rules, nominee.award_id, nominee.proposal.reference_date)
        reason = notice_refusal(nominee, rule, list(nominee.notices.all()), today)
        if reason:
            not_yet[nominee.pk] = reason
    return SessionDetail(
        session=session,
        items=items,
        members=members,
        membership=membership,
        my_ballots=mine,
        ballot_counts=counts,
        voters=voters,
        not_yet=not_yet,
        transitions=SESSION_WORKFLOW.available(session, user),
        can_manage=can_manage,
        quotas=nominee_quotas(nominees),
    )


@dataclass
class SessionDossier:
    """What a council member reads about one agenda line before voting."""

    session: CouncilSession
    nominee: Nominee
    files: list[DossierFile]
    earlier: list[Conferment]  # the subject's earlier awards, newest first


def session_dossier(*, user, pk, nominee_pk) -> SessionDossier:
    """One nominee of a session's agenda, for those who see the session (its council's
    members, the council unit's people, admins); anything else is a 404. Four queries."""
    session = _get(restrict(CouncilSession.objects.all(), user).select_related("council"), pk)
    nominee = _get(
        Nominee.objects.filter(agenda_items__session=session).select_related(
            "proposal__proposing_unit", "award", "person__unit", "unit", "verdict_rule"
        ),
        nominee_pk,
    )
    files = list(
        DossierFile.objects.filter(proposal_id=nominee.proposal_id)
        .filter(Q(nominee=nominee) | Q(nominee__isnull=True))
        .order_by("kind", "uploaded_at", "pk")
    )
    if nominee.person_id:
        earlier = Conferment.objects.filter(person_id=nominee.person_id)
    else:
        earlier = Conferment.objects.filter(unit_id=nominee.unit_id, person__isnull=True)
    earlier = list(
        earlier.filter(revoked=False).select_related("award", "decision").order_by("-year", "-pk")
    )
    return SessionDossier(session=session, nominee=nominee, files=files, earlier=earlier)


def session_file(*, user, pk, file_pk) -> DossierFile:
    """A dossier file of a nominee on a session's agenda (or of its proposal as a whole),
    for those who see the session."""
    session = _get(restrict(CouncilSession.objects.all(), user), pk)
    on_agenda = Nominee.objects.filter(agenda_items__session=session)
    return _get(
        DossierFile.objects.filter(proposal__nominees__in=on_agenda)
        .filter(Q(nominee__isnull=True) | Q(nominee__in=on_agenda))
        .distinct(),
        file_pk,
    )


# --- Decisions ---------------------------------------------------------------------------


def decision_list(
    *,
    user,
    year: int | None = None,
    status: str | None = None,
    number: str = "",
    authority: Authority | None = None,
    issuer: Unit | None = None,
    award: Award | None = None,
) -> QuerySet:
    """Visible decisions, newest first, with ``conferment_count``. ``number`` matches part of
    the number; ``award`` keeps the decisions conferring it (or, for a draft, about to)."""
    rows = restrict(Decision.objects.all(), user).select_related(
        "authority", "issuing_unit", "handling_unit"
    )
    if year:
        rows = rows.filter(year=year)
    if status:
        rows = rows.filter(status=status)
    if number.strip():
        rows = rows.filter(number__icontains=number.strip())
    if authority is not None:
        rows = rows.filter(authority=authority)
    if issuer is not None:
        rows = rows.filter(issuing_unit=issuer)
    if award is not None:
        conferring = Conferment.objects.filter(decision=OuterRef("pk"), award=award)
        drafted = Decision.recipients.through.objects.filter(
            decision=OuterRef("pk"), nominee__award=award
        )
        rows = rows.filter(Exists(conferring) | Exists(drafted))
    # A correlated count, evaluated for the page's rows only: a JOIN + GROUP BY would count
    # the conferments of every decision (and the paginator's COUNT would group them too).
    count = (
        Conferment.objects.filter(decision=OuterRef("pk"))
        .order_by()
        .values("decision")
        .annotate(n=Count("*"))
        .values("n")
    )
    return rows.annotate(
        conferment_count=Coalesce(Subquery(count, output_field=IntegerField()), 0)
    ).order_by("-signed_on", "-pk")


def decision_issuers(*, user) -> QuerySet:
    """The bodies that issued a decision the user sees (the list's filter)."""
    issued = restrict(Decision.objects.all(), user).values("issuing_unit")
    return Unit.objects.filter(pk__in=issued).order_by("path")


@dataclass
class DecisionDetail:
    decision: Decision
    conferments: list[Conferment]
    recipients: list[Nominee]  # for a draft: who it will confer
    corrections: list[Decision]  # later decisions amending or revoking it
    transitions: list
    quotas: list = ()  # for a draft: the quotas its recipients count against


def decision_detail(*, user, pk) -> DecisionDetail:
    rows = restrict(Decision.objects.all(), user).select_related(
        "authority", "issuing_unit", "handling_unit", "amends", "revokes"
    )
    decision = _get(rows.prefetch_related("legal_bases"), pk)
    conferments = list(
        decision.conferments.select_related("award", "person", "unit", "revoked_by")
        .prefetch_related(*RELIED_ON)
        .order_by("award__order", "person__search_key", "unit__name", "pk")
    )
    recipients = (
        list(
            decision.recipients.select_related(
                "proposal__proposing_unit", "award", "person", "unit"
            )
        )
        if decision.status == Decision.Status.DRAFT
        else []
    )
    corrections = list(
        Decision.objects.filter(Q(amends=decision) | Q(revokes=decision)).order_by("signed_on")
    )
    return DecisionDetail(
        decision=decision,
        conferments=conferments,
        recipients=recipients,
        corrections=corrections,
        transitions=DECISION_WORKFLOW.available(decision, user),
        quotas=nominee_quotas(recipients),
    )


# --- Award histories --------------------------------------------------------------------


# What each award relied on (one achievement, one reward), two queries per page.
RELIED_ON = (
    Prefetch(
        "relied_on",
        queryset=Conferment.objects.select_related("award", "decision").order_by("year", "pk"),
    ),
    Prefetch("relied_on_initiatives", queryset=Initiative.objects.order_by("year", "pk")),
)


@dataclass
class PersonHistory:
    conferments: list[Conferment]  # newest first, revoked ones included (``is_void``)
    pending: list[Nominee]  # proposals under way for the person
    next_steps: list[str]


def person_award_history(*, person: Person, year: int | None = None) -> PersonHistory:
    """Everything a person was awarded, with decisions (revoked ones marked, with the
    decision that revoked them), what is proposed now, and what is within reach in
    ``year`` (default: this year). The caller has checked the person is visible."""
    conferments = list(
        person.conferments.select_related("decision__authority", "award", "unit", "revoked_by")
        .prefetch_related(*RELIED_ON)
        .order_by("-year", "-decision__signed_on", "award__order", "pk")
    )
    pending = list(
        person.nominations.filter(
            result__in=(Nominee.Result.PENDING, Nominee.Result.PASSED),
        )
        .exclude(proposal__status=Proposal.Status.DECIDED)
        .select_related("award", "proposal__authority")
        .order_by("-proposal__year", "pk")
    )
    year = year or timezone.localdate().year
    return PersonHistory(
        conferments=conferments, pending=pending, next_steps=next_steps(person=person, year=year)
    )


@dataclass
class UnitHistory:
    collective: QuerySet  # the unit's own awards
    individual: QuerySet  # awards of people while they worked there
    pending: QuerySet  # collective nominations under way


def unit_award_history(*, unit: Unit, include_subunits: bool = False) -> UnitHistory:
    """Querysets (paginate them) of a unit's collective and individual awards."""
    where = under([unit.path], "unit__path") if include_subunits else Q(unit=unit)
    rows = (
        Conferment.objects.filter(where)
        .select_related("decision__authority", "award", "unit", "person", "revoked_by")
        .prefetch_related(*RELIED_ON)
    )
    order = ("-year", "-decision__signed_on", "award__order", "pk")
    pending = (
        Nominee.objects.filter(where, person__isnull=True)
        .filter(result__in=(Nominee.Result.PENDING, Nominee.Result.PASSED))
        .exclude(proposal__status=Proposal.Status.DECIDED)
        .select_related("award", "unit", "proposal__authority")
    )
    return UnitHistory(
        collective=rows.filter(person__isnull=True).order_by(*order),
        individual=rows.filter(person__isnull=False).order_by(*order),
        pending=pending.order_by("-proposal__year", "pk"),
    )


# --- The national database of cadres (Decree 27/2026/NĐ-CP) -------------------------------

# The employing agency sends a decision's awards within this many working days of signing.
SYNC_WORKING_DAYS = 3


def sync_due_on(decision: Decision) -> datetime.date:
    """The last day to send a decision's awards to the national database."""
    return add_working_days(decision.signed_on, SYNC_WORKING_DAYS)


def cadre_database_rows(*, user, year: int) -> QuerySet:
    """The awards to people by the issued decisions of ``year`` that ``user`` sees, live
    ones only, in the order of the decisions: what the national database takes."""
    rows = Conferment.objects.filter(
        decision__year=year,
        decision__status=Decision.Status.ISSUED,
        revoked=False,
        person__isnull=False,
    )
    return (
        restrict(rows, user)
        .select_related("decision__authority", "decision__issuing_unit", "award", "person")
        .order_by("decision__signed_on", "decision__number", "pk")
    )


def decisions_not_synchronised(*, user, today: datetime.date) -> QuerySet:
    """Issued decisions the user sees, awarding people, not sent to the national database
    more than ``SYNC_WORKING_DAYS`` working days (Monday–Friday) after they were signed."""
    individual = Conferment.objects.filter(decision=OuterRef("pk"), person__isnull=False)
    rows = Decision.objects.filter(
        status=Decision.Status.ISSUED,
        synced_on__isnull=True,
        signed_on__lte=latest_overdue(today, SYNC_WORKING_DAYS),
    ).filter(Exists(individual))
    return (
        restrict(rows, user)
        .select_related("authority", "issuing_unit")
        .order_by("signed_on", "number", "pk")
    )


# --- Notifications ---------------------------------------------------------------------


def notification_list(*, user, unread_only: bool = False) -> QuerySet:
    """Notifications of the units where the user holds a role (not their whole subtree)."""
    units = {unit.pk for unit, _role in user_roles(user)}
    rows = Notification.objects.filter(unit_id__in=units).select_related("unit", "proposal")
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return rows.order_by("-created_at", "-pk")


# --- Registrations → award proposals -------------------------------------------------------


def registrations_for_proposal(proposal) -> QuerySet:
    """Accepted registrations a draft proposal can take as nominees: same year, from the
    proposing unit's subtree, for an active award of the proposal's authority, and not
    already in it (same award and subject). The caller has checked the proposal is visible.
    """
    in_proposal = Nominee.objects.filter(proposal=proposal, award_id=OuterRef("award_id"))
    person_in = in_proposal.filter(person_id=OuterRef("person_id"))
    unit_in = in_proposal.filter(person__isnull=True, unit_id=OuterRef("unit_id"))
    return (
        Registration.objects.filter(
            under([proposal.proposing_unit.path], "unit__path"),
            status=Registration.Status.ACCEPTED,
            year=proposal.year,
            award__in=awards_conferrable_by(proposal.authority_id, on=proposal.reference_date),
            award__is_active=True,
        )
        .exclude(Q(person__isnull=False) & Exists(person_in))
        .exclude(Q(person__isnull=True) & Exists(unit_in))
        .select_related("campaign", "award", "unit", "person__unit")
        .order_by("award__order", "unit__path", "person__search_key", "pk")
    )


def registration_quota_lines(*, user, campaign: Campaign, year: int, unit: Unit | None = None):
    """Registered people vs each quota in a campaign year, as far as ``user`` sees (under
    ``unit`` when given): the quota line of the registration summary."""
    lines = restrict(Registration.objects.filter(campaign=campaign, year=year), user)
    if unit is not None:
        lines = lines.filter(under([unit.path], "unit__path"))
    return registration_quotas(registrations=lines, year=year)


def latest_data_year(*, user, path: str | None = None, until: int | None = None) -> int:
    """The latest year, up to ``until`` (this year by default), with a valid conferment or a
    registration the user sees (under ``path`` when given); ``until`` when there is none.

    The dashboard opens on it, so a leader in January sees last year's results rather than an
    empty page. Two queries."""
    until = until or timezone.localdate().year
    latest = []
    for rows, valid in (
        (Conferment.objects.all(), Q(revoked=False, decision__status=Decision.Status.ISSUED)),
        (Registration.objects.all(), Q()),
    ):
        rows = restrict(rows, user).filter(valid, year__lte=until)
        if path is not None:
            rows = rows.filter(under([path], "unit__path"))
        latest.append(rows.aggregate(year=Max("year"))["year"])
    return max((year for year in latest if year), default=until)


def proposal_waiting_note(proposal: Proposal) -> str:
    """For a user with no action on ``proposal``: where it waits and who acts next, or ""
    when it is decided (nothing waits)."""
    P = Proposal.Status
    names = {
        "proposer": proposal.proposing_unit.name,
        "authority": proposal.authority_unit.name,
        "current": proposal.current_unit.name,
    }
    notes = {
        P.DRAFT: _(
            "Đề nghị đang được %(proposer)s soạn: cán bộ hoặc lãnh đạo của đơn vị trình lãnh "
            "đạo duyệt khi hồ sơ đủ."
        ),
        P.RETURNED: _(
            "Đề nghị đã bị trả lại cho %(proposer)s: cán bộ hoặc lãnh đạo của đơn vị sửa rồi "
            "trình lại."
        ),
        P.RETURNED_FOR_DOCUMENTS: _(
            "Đề nghị đã bị trả lại cho %(proposer)s để bổ sung hồ sơ: cán bộ hoặc lãnh đạo của "
            "đơn vị bổ sung rồi trình lại."
        ),
        P.SUBMITTED: _(
            "Đề nghị đang chờ lãnh đạo %(proposer)s duyệt: lãnh đạo gửi lên cấp trên hoặc trả "
            "lại để sửa."
        ),
        P.FORWARDED: _(
            "Đề nghị đã gửi %(authority)s và đang chờ Văn phòng TĐKT của %(authority)s thẩm "
            "định; đơn vị đề nghị không cần làm gì thêm, trừ khi hồ sơ bị trả lại để bổ sung."
        ),
        P.APPRAISED: _(
            "Đề nghị đã được thẩm định, đang chờ Văn phòng TĐKT của %(authority)s đưa ra phiên "
            "họp Hội đồng thi đua – khen thưởng."
        ),
        P.ON_AGENDA: _(
            "Đề nghị đang chờ Hội đồng thi đua – khen thưởng của %(authority)s xét và bỏ phiếu."
        ),
        P.VOTED: _(
            "Hội đồng đã bỏ phiếu; đề nghị đang chờ %(authority)s ban hành quyết định hoặc "
            "trình cấp trên."
        ),
        P.FORWARDED_UP: _(
            "Đề nghị đang được %(current)s xem xét, quyết định; %(authority)s ghi nhận quyết "
            "định khi có."
        ),
    }
    note = notes.get(proposal.status)
    return note % names if note else ""
