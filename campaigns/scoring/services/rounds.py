"""Opening a grouping's scoring round and moving it to review and to its final result."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from campaigns.models import (
    AwardSuggestion,
    Scorecard,
    ScoreSheet,
    ScoringConference,
    ScoringRound,
)
from campaigns.scope import led_memberships
from campaigns.scoring import signals
from campaigns.scoring.access import is_reviewer
from campaigns.scoring.services.suggestions import suggestions_create
from campaigns.scoring.workflow import ROUND_WORKFLOW
from thidua.core import audit
from units.access import is_admin
from units.models import Cluster, ClusterMembership


def round_members(scoring_round: ScoringRound) -> QuerySet:
    """The grouping's memberships that year, of the sheet's agency type if it has one."""
    queryset = ClusterMembership.objects.filter(
        cluster=scoring_round.cluster_id, year=scoring_round.year
    )
    if scoring_round.sheet.agency_type:
        queryset = queryset.filter(unit__agency_type=scoring_round.sheet.agency_type)
    return queryset


def can_open_round(user, cluster: Cluster, year: int) -> bool:
    """Admins, and leaders of the grouping's leader unit that year."""
    return is_admin(user) or led_memberships(user, [year]).filter(cluster=cluster).exists()


def member_refusal(scoring_round: ScoringRound, unit) -> str:
    """Why ``unit`` has no place in the round ("" when it is a member)."""
    if round_members(scoring_round).filter(unit=unit).exists():
        return ""
    return _(
        "%(unit)s không phải thành viên %(cluster)s năm %(year)s nên không chấm điểm trong đợt này."
    ) % {
        "unit": unit,
        "cluster": scoring_round.cluster,
        "year": scoring_round.year,
    }


@transaction.atomic
def round_create(
    *,
    by,
    cluster: Cluster,
    sheet: ScoreSheet,
    kind: str,
    deadline: datetime.date | None = None,
    panel=(),
) -> ScoringRound:
    """Open a round on a published sheet, with a scorecard for each member that year.

    Only admins name a panel; a grouping leader opening a round reviews it themselves.
    """
    if not can_open_round(by, cluster, sheet.year):
        raise ValidationError(
            _(
                "Chỉ quản trị viên hoặc lãnh đạo đơn vị Trưởng %(cluster)s năm %(year)s mới mở "
                "được đợt chấm điểm."
            )
            % {"cluster": cluster, "year": sheet.year},
            code="role",
        )
    if sheet.status != ScoreSheet.Status.PUBLISHED:
        raise ValidationError(
            {"sheet": _("Bảng chấm điểm chưa được ban hành (hoặc đã có phiên bản mới).")}
        )
    if sheet.cluster_id and sheet.cluster_id != cluster.pk:
        raise ValidationError({"sheet": _("Bảng chấm điểm này dành cho khối/cụm khác.")})
    if panel and not is_admin(by):
        raise ValidationError({"panel": _("Chỉ quản trị viên mới chỉ định tổ chấm điểm.")})
    scoring_round = ScoringRound(
        cluster=cluster,
        sheet=sheet,
        year=sheet.year,
        kind=kind,
        deadline=deadline,
        created_by=by,
    )
    scoring_round.full_clean(
        exclude=["created_by"], validate_unique=False, validate_constraints=False
    )
    try:
        with transaction.atomic():
            scoring_round.save()
    except IntegrityError:
        raise ValidationError(
            _("%(cluster)s đã có đợt %(kind)s năm %(year)s với bảng điểm này.")
            % {
                "cluster": cluster,
                "kind": scoring_round.get_kind_display().lower(),
                "year": sheet.year,
            },
            code="duplicate",
        ) from None
    if panel:
        scoring_round.panel.set(panel)
    members = list(round_members(scoring_round).values_list("unit_id", flat=True))
    if not members:
        raise ValidationError(
            _("%(cluster)s chưa có đơn vị thành viên năm %(year)s phù hợp với bảng điểm.")
            % {"cluster": cluster, "year": sheet.year},
            code="members",
        )
    Scorecard.objects.bulk_create(Scorecard(round=scoring_round, unit_id=u) for u in members)
    audit.record(
        obj=scoring_round,
        by=by,
        action="create",
        to_state=scoring_round.status,
        unit=ROUND_WORKFLOW.unit_of(scoring_round),
    )
    signals.send_on_commit(
        signals.round_opened, ScoringRound, scoring_round=scoring_round, reopened=False
    )
    return scoring_round


@transaction.atomic
def round_transition(*, by, scoring_round: ScoringRound, name: str, comment: str = ""):
    """Close self-scoring, reopen it, or finalise; finalising a year-end round turns the
    configured places into award suggestions in the same transaction."""
    ROUND_WORKFLOW.apply(scoring_round, name, by=by, comment=comment)
    if name == "finalise" and scoring_round.kind == ScoringRound.Kind.YEAR_END:
        suggestions_create(scoring_round)
    if name == "finalise":
        signals.send_on_commit(signals.round_finalised, ScoringRound, scoring_round=scoring_round)
    elif name == "reopen":
        signals.send_on_commit(
            signals.round_opened, ScoringRound, scoring_round=scoring_round, reopened=True
        )
    return scoring_round


@transaction.atomic
def conference_record(
    *,
    by,
    scoring_round: ScoringRound,
    held_on,
    place: str = "",
    minutes: str = "",
    acclaimed=None,
    present: int = 0,
    votes_for: int = 0,
    votes_against: int = 0,
) -> ScoringConference:
    """Record (or correct) the year-end conference of a finalised round: date, place,
    minutes and the vote acclaiming a suggested unit. Reviewers of the round only."""
    if not is_reviewer(by, scoring_round):
        raise ValidationError(
            _("Chỉ đơn vị Trưởng khối, tổ chấm điểm hoặc quản trị viên ghi hội nghị tổng kết."),
            code="role",
        )
    if scoring_round.kind != ScoringRound.Kind.YEAR_END or not scoring_round.is_finalised:
        raise ValidationError(
            _("Hội nghị tổng kết được ghi sau khi đợt tổng kết năm đã chốt kết quả."),
            code="state",
        )
    errors = {}
    if acclaimed is not None and (
        acclaimed.round_id != scoring_round.pk or acclaimed.status == AwardSuggestion.Status.DROPPED
    ):
        errors["acclaimed"] = _("Chỉ suy tôn một đơn vị trong các đề xuất còn hiệu lực của đợt.")
    if votes_for + votes_against > present:
        errors["votes_for"] = _(
            "Tổng số phiếu tán thành và không tán thành (%(n)s) vượt số đơn vị dự họp (%(p)s)."
        ) % {"n": votes_for + votes_against, "p": present}
    if acclaimed is not None and not present:
        errors["present"] = _("Hãy ghi số đơn vị dự họp và kết quả biểu quyết suy tôn.")
    if errors:
        raise ValidationError(errors)
    conference, _created = ScoringConference.objects.update_or_create(
        round=scoring_round,
        defaults={
            "held_on": held_on,
            "place": place.strip(),
            "minutes": minutes.strip(),
            "acclaimed": acclaimed,
            "present": present,
            "votes_for": votes_for,
            "votes_against": votes_against,
            "recorded_by": by,
        },
    )
    audit.record(
        obj=scoring_round,
        by=by,
        action="conference",
        from_state=scoring_round.status,
        to_state=scoring_round.status,
        comment=_("Hội nghị ngày %(day)s; suy tôn: %(unit)s (%(yes)s/%(present)s phiếu tán thành).")
        % {
            "day": f"{held_on:%d/%m/%Y}",
            "unit": acclaimed.unit if acclaimed else "—",
            "yes": votes_for,
            "present": present,
        },
    )
    return conference
