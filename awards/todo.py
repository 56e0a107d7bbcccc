"""What each role has to do now, counted for the home page ("Việc cần làm").

One function per role; each takes the user and the units where the user holds that role and
returns ``TodoLine`` s in a fixed order (a line with nothing to do has ``count`` 0). Every
count goes through ``units.access.restrict`` and stays under the role's units, in a fixed
number of queries (one aggregate per line) however much data there is. A line links to the
one object when there is one, else to the list filtered to that work.

It lives in awards, which may read campaigns (docs/architecture.md); the project's home
view calls it.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from awards.desk.selectors import held_by, held_since
from awards.models import (
    AgendaItem,
    Ballot,
    Conferment,
    CouncilMember,
    CouncilSession,
    Decision,
    Proposal,
)
from campaigns.models import (
    Campaign,
    Pledge,
    PledgeSignature,
    Registration,
    Scorecard,
    ScoringRound,
)
from units.access import restrict, under
from units.models import ClusterMembership, Unit


@dataclass(frozen=True)
class TodoLine:
    label: str
    count: int
    url: str
    oldest: datetime.date | None = None  # the longest-waiting item's date, where it matters


def _paths(units: Iterable[Unit]) -> list[str]:
    return [unit.path for unit in units]


def _single_unit(units) -> Unit | None:
    units = list(units)
    return units[0] if len(units) == 1 else None


def _local_date(moment) -> datetime.date | None:
    return timezone.localtime(moment).date() if moment else None


def _url(name: str, *args, **query) -> str:
    url = reverse(name, args=args)
    query = {k: v for k, v in query.items() if v not in (None, "")}
    return f"{url}?{urlencode(query)}" if query else url


# --- Staff ----------------------------------------------------------------------------------


def _registrations(user, units, status: str, *, open_only: bool) -> QuerySet:
    rows = restrict(Registration.objects.all(), user).filter(
        under(_paths(units), "unit__path"), status=status
    )
    if open_only:
        rows = rows.filter(campaign__status=Campaign.Status.OPEN)
    return rows


def _registration_line(label, rows: QuerySet, status: str, units, *, waiting=False) -> TodoLine:
    """One aggregate: how many, in which campaign(s) and year(s), and (``waiting``) since
    when the oldest waits."""
    agg = rows.aggregate(
        n=Count("pk"),
        first=Min("campaign_id"),
        last=Max("campaign_id"),
        year_min=Min("year"),
        year_max=Max("year"),
        oldest=Min("submitted_at"),
    )
    unit = _single_unit(units)
    if agg["n"] and agg["first"] == agg["last"]:
        year = agg["year_min"] if agg["year_min"] == agg["year_max"] else None
        url = _url(
            "campaigns:review", agg["first"], year=year, status=status, unit=unit and unit.pk
        )
    else:
        url = _url("campaigns:list", status=Campaign.Status.OPEN)
    return TodoLine(label, agg["n"], url, _local_date(agg["oldest"]) if waiting else None)


def _scorecard_line(label, rows: QuerySet) -> TodoLine:
    agg = rows.aggregate(n=Count("pk"), round=Min("round_id"), unit=Min("unit_id"))
    if agg["n"] == 1:
        url = reverse("campaigns:scoring_scorecard", args=[agg["round"], agg["unit"]])
    else:
        url = reverse("campaigns:scoring_home")
    return TodoLine(label, agg["n"], url)


def _proposal_line(label, rows: QuerySet, status: str, stamp: str | None = None) -> TodoLine:
    fields = {"n": Count("pk"), "one": Min("pk")}
    if stamp:
        fields["oldest"] = Min(stamp)
    agg = rows.aggregate(**fields)
    if agg["n"] == 1:
        url = reverse("awards:proposal_detail", args=[agg["one"]])
    else:
        url = _url("awards:proposals", status=status)
    return TodoLine(label, agg["n"], url, _local_date(agg.get("oldest")))


def staff_todo(user, units: Iterable[Unit]) -> list[TodoLine]:
    """Registration lines to send or correct (open campaigns), scorecards to fill in or
    correct (rounds not finalised), proposals sent back to the unit."""
    units = list(units)
    R, C, P = Registration.Status, Scorecard.Status, Proposal.Status
    cards = restrict(Scorecard.objects.all(), user).filter(under(_paths(units), "unit__path"))
    proposals = restrict(Proposal.objects.all(), user).filter(
        under(_paths(units), "proposing_unit__path")
    )
    return [
        _registration_line(
            _("Bản đăng ký nháp chờ gửi"),
            _registrations(user, units, R.DRAFT, open_only=True),
            R.DRAFT,
            units,
        ),
        _registration_line(
            _("Dòng đăng ký bị trả lại cần sửa"),
            _registrations(user, units, R.RETURNED, open_only=True),
            R.RETURNED,
            units,
        ),
        _scorecard_line(
            _("Phiếu chấm điểm chưa gửi thẩm định"),
            cards.filter(status=C.DRAFT, round__status=ScoringRound.Status.OPEN),
        ),
        _scorecard_line(
            _("Phiếu chấm điểm bị trả lại cần chấm lại"),
            cards.filter(status=C.RETURNED).exclude(round__status=ScoringRound.Status.FINALISED),
        ),
        _proposal_line(
            _("Đề nghị khen thưởng bị trả lại"), proposals.filter(status=P.RETURNED), P.RETURNED
        ),
        _proposal_line(
            _("Đề nghị khen thưởng phải bổ sung hồ sơ"),
            proposals.filter(status=P.RETURNED_FOR_DOCUMENTS),
            P.RETURNED_FOR_DOCUMENTS,
        ),
    ]


# --- Leaders --------------------------------------------------------------------------------


def _pledges_to_sign(user, units) -> QuerySet:
    """This year's (and later) pledges that a member unit under ``units`` has not signed."""
    unsigned_member = ClusterMembership.objects.filter(
        under(_paths(units), "unit__path"),
        cluster=OuterRef("cluster"),
        year=OuterRef("year"),
    ).exclude(
        Exists(
            PledgeSignature.objects.filter(pledge=OuterRef(OuterRef("pk")), unit=OuterRef("unit"))
        )
    )
    return restrict(Pledge.objects.all(), user).filter(
        Exists(unsigned_member), year__gte=timezone.localdate().year
    )


def leader_todo(user, units: Iterable[Unit]) -> list[TodoLine]:
    """Registration lines and proposals waiting for the leader (with the oldest date sent),
    pledges the leader's units have not signed."""
    units = list(units)
    R, P = Registration.Status, Proposal.Status
    waiting = restrict(Proposal.objects.all(), user).filter(
        under(_paths(units), "proposing_unit__path"), status=P.SUBMITTED
    )
    pledges = _pledges_to_sign(user, units).aggregate(n=Count("pk"), one=Min("pk"))
    pledge_url = (
        reverse("campaigns:pledge", args=[pledges["one"]])
        if pledges["n"] == 1
        else reverse("campaigns:pledges")
    )
    return [
        _registration_line(
            _("Đăng ký thi đua chờ lãnh đạo duyệt"),
            _registrations(user, units, R.SUBMITTED, open_only=False),
            R.SUBMITTED,
            units,
            waiting=True,
        ),
        _proposal_line(
            _("Đề nghị khen thưởng chờ lãnh đạo duyệt"), waiting, P.SUBMITTED, "submitted_at"
        ),
        TodoLine(_("Giao ước thi đua chờ ký"), pledges["n"], pledge_url),
    ]


# --- Council members ------------------------------------------------------------------------


def sits_on_a_council(user) -> bool:
    """Whether the user holds an active seat on a council (the TĐKT office's secretary often
    holds no council role in a unit, yet votes and runs the sessions)."""
    return CouncilMember.objects.filter(user=user, is_active=True).exists()


def council_todo(user, units: Iterable[Unit]) -> list[TodoLine]:
    """Sessions planned or under way of the user's councils (those of ``units``, where the
    user holds the council role, and those the user sits on), and the agenda lines of open
    sessions the user sits in and has not voted on yet."""
    S = CouncilSession.Status
    seat = Q(council__memberships__user=user, council__memberships__is_active=True)
    sessions = (
        restrict(CouncilSession.objects.all(), user)
        .filter(status__in=(S.PLANNED, S.OPEN))
        .filter(
            pk__in=CouncilSession.objects.filter(
                Q(council__unit__in=[unit.pk for unit in units]) | seat
            ).values("pk")
        )
        .aggregate(n=Count("pk", distinct=True), one=Min("pk"))
    )
    voted = Ballot.objects.filter(
        session=OuterRef("session"), nominee=OuterRef("nominee"), member=user
    )
    pending = (
        AgendaItem.objects.filter(
            session__in=restrict(CouncilSession.objects.all(), user).filter(seat, status=S.OPEN)
        )
        .exclude(Exists(voted))
        .aggregate(n=Count("pk"), first=Min("session_id"), last=Max("session_id"))
    )

    def url(one_session: bool, pk):
        if one_session:
            return reverse("awards:session_detail", args=[pk])
        return reverse("awards:sessions")

    return [
        TodoLine(
            _("Phiên họp Hội đồng sắp họp hoặc đang họp"),
            sessions["n"],
            url(sessions["n"] == 1, sessions["one"]),
        ),
        TodoLine(
            _("Đề cử chờ bạn bỏ phiếu"),
            pending["n"],
            url(bool(pending["n"]) and pending["first"] == pending["last"], pending["first"]),
        ),
    ]


# --- Admins (the TĐKT office) ---------------------------------------------------------------


def _held_line(user) -> TodoLine:
    """The arrived proposals the user (a specialist of the TĐKT office) holds, since when."""
    agg = held_by(user).aggregate(n=Count("pk"), one=Min("pk"), oldest=Min(held_since()))
    if agg["n"] == 1:
        url = reverse("awards:proposal_detail", args=[agg["one"]])
    else:
        url = _url("awards:desk", holder=user.pk)
    return TodoLine(
        _("Đề nghị khen thưởng bạn được giao thẩm định"), agg["n"], url, _local_date(agg["oldest"])
    )


def admin_todo(user) -> list[TodoLine]:
    """Proposals the user was given to appraise, proposals arrived to appraise (with the
    oldest date), draft decisions to issue, and certificates of issued decisions not printed
    yet."""
    P = Proposal.Status
    arrived = restrict(Proposal.objects.all(), user).filter(status=P.FORWARDED)
    drafts = (
        restrict(Decision.objects.all(), user)
        .filter(status=Decision.Status.DRAFT)
        .aggregate(n=Count("pk"), one=Min("pk"))
    )
    # ``certificate`` is the register line (awards.certificates) of a conferment, made when it
    # is first printed: read through the relation, not imported (certificates sit above).
    unprinted = (
        restrict(Conferment.objects.all(), user)
        .filter(
            revoked=False,
            decision__status=Decision.Status.ISSUED,
            decision__issued_at__isnull=False,
            certificate__isnull=True,
        )
        .aggregate(n=Count("pk"), first=Min("decision_id"), last=Max("decision_id"))
    )
    return [
        _held_line(user),
        _proposal_line(
            _("Đề nghị khen thưởng chờ thẩm định"), arrived, P.FORWARDED, "forwarded_at"
        ),
        TodoLine(
            _("Dự thảo quyết định chờ ban hành"),
            drafts["n"],
            reverse("awards:decision_detail", args=[drafts["one"]])
            if drafts["n"] == 1
            else f"{reverse('awards:decisions')}?status={Decision.Status.DRAFT}",
        ),
        TodoLine(
            _("Bằng khen, giấy chứng nhận chưa in"),
            unprinted["n"],
            reverse("certificates:decision", args=[unprinted["first"]])
            if unprinted["n"] and unprinted["first"] == unprinted["last"]
            else f"{reverse('awards:decisions')}?status={Decision.Status.ISSUED}",
        ),
    ]
