"""Launching and running a campaign: create, update, open, close."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.models import Campaign, CampaignPhase, CampaignTarget, Registration
from campaigns.scope import can_manage, led_memberships
from campaigns.workflow import CAMPAIGN_WORKFLOW
from thidua.core import audit
from units.access import is_admin

FIELDS = (
    "name",
    "kind",
    "launched_by",
    "authority_name",
    "description",
    "start_date",
    "end_date",
    "registration_deadline",
)


@transaction.atomic
def campaign_create(
    *,
    by,
    scope_units: Iterable = (),
    scope_clusters: Iterable = (),
    awards: Iterable = (),
    phases: Iterable[dict] = (),
    targets: Iterable[dict] = (),
    **fields,
) -> Campaign:
    """Create a campaign in draft. ``fields`` are the model fields of ``FIELDS``;
    ``phases`` are dicts (name, start_date, end_date), ``targets`` dicts (name, comparator,
    threshold, measure)."""
    campaign = Campaign(created_by=by if by.is_authenticated else None)
    _save(by, campaign, fields, scope_units, scope_clusters, awards, phases, targets)
    audit.record(
        obj=campaign,
        by=by,
        action="create",
        to_state=campaign.status,
        unit=campaign.launched_by,
    )
    return campaign


@transaction.atomic
def campaign_update(
    *,
    by,
    campaign: Campaign,
    scope_units: Iterable = (),
    scope_clusters: Iterable = (),
    awards: Iterable = (),
    phases: Iterable[dict] = (),
    targets: Iterable[dict] = (),
    **fields,
) -> Campaign:
    """Replace a campaign's data, its phases and targets (the form always sends them all)."""
    if not can_manage(by, campaign):
        raise ValidationError(_("Bạn không có quyền sửa phong trào này."), code="role")
    _save(by, campaign, fields, scope_units, scope_clusters, awards, phases, targets)
    audit.record(
        obj=campaign,
        by=by,
        action="update",
        from_state=campaign.status,
        to_state=campaign.status,
        unit=campaign.launched_by,
    )
    return campaign


def campaign_open(*, by, campaign: Campaign) -> Campaign:
    return CAMPAIGN_WORKFLOW.apply(campaign, "open", by=by)


def campaign_close(*, by, campaign: Campaign) -> Campaign:
    return CAMPAIGN_WORKFLOW.apply(campaign, "close", by=by)


def _save(by, campaign, fields, scope_units, scope_clusters, awards, phases, targets):
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown campaign fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(campaign, name, value)
    scope_units, scope_clusters, awards = list(scope_units), list(scope_clusters), list(awards)
    phases, targets = list(phases), list(targets)
    errors: dict[str, list[str]] = {}
    try:
        campaign.full_clean(exclude=["created_by"], validate_constraints=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    _check_content(campaign, scope_units, scope_clusters, awards, errors)
    if "start_date" not in errors and "end_date" not in errors:
        _check_phases(campaign, phases, errors)
        _check_units_of_the_year(campaign, scope_units, errors)
        _check_launcher(by, campaign, scope_units, scope_clusters, errors)
        if campaign.pk:
            _check_existing_registrations(campaign, awards, errors)
    if errors:
        raise ValidationError(errors)
    campaign.save()
    campaign.scope_units.set(scope_units)
    campaign.scope_clusters.set(scope_clusters)
    campaign.awards.set(awards)
    campaign.phases.all().delete()
    CampaignPhase.objects.bulk_create(
        CampaignPhase(campaign=campaign, order=i, **phase) for i, phase in enumerate(phases)
    )
    campaign.targets.all().delete()
    CampaignTarget.objects.bulk_create(
        CampaignTarget(campaign=campaign, order=i, **target) for i, target in enumerate(targets)
    )


def _add(errors: dict, key: str, message: str):
    errors.setdefault(key, []).append(message)


def _day(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


def _check_content(campaign, scope_units, scope_clusters, awards, errors):
    if not campaign.launched_by_id and not campaign.authority_name.strip():
        _add(errors, "authority_name", _("Ghi cơ quan phát động hoặc chọn đơn vị phát động."))
    if not scope_units and not scope_clusters:
        _add(
            errors,
            "scope_units",
            _("Chọn ít nhất một đơn vị hoặc một khối/cụm thi đua trong phạm vi phong trào."),
        )
    inactive = [award.name for award in awards if not award.is_active]
    if inactive:
        _add(errors, "awards", _("Không còn sử dụng: %(names)s.") % {"names": ", ".join(inactive)})


def _check_units_of_the_year(campaign, scope_units, errors):
    """A campaign of a year names units as they were that year (the tree is dated)."""
    year = campaign.start_date.year
    if campaign.launched_by is not None and (absence := campaign.launched_by.absence_in(year)):
        _add(errors, "launched_by", absence)
    for unit in scope_units:
        if absence := unit.absence_in(year):
            _add(errors, "scope_units", absence)


def _check_phases(campaign, phases, errors):
    period = {"start": _day(campaign.start_date), "end": _day(campaign.end_date)}
    previous_end = None
    for phase in sorted(phases, key=lambda p: p["start_date"]):
        start, end = phase["start_date"], phase["end_date"]
        if end < start:
            message = _("%(name)s: ngày kết thúc trước ngày bắt đầu.")
        elif start < campaign.start_date or end > campaign.end_date:
            message = _("%(name)s phải nằm trong thời gian phong trào (%(start)s – %(end)s).")
        elif previous_end and start <= previous_end:
            message = _("%(name)s trùng thời gian với đợt trước.")
        else:
            message = ""
        if message:
            _add(errors, "phases", message % {"name": phase["name"], **period})
        previous_end = end


def _check_launcher(by, campaign, scope_units, scope_clusters, errors):
    """Besides admins, only the leader unit of a grouping launches, and only for it."""
    if is_admin(by):
        return
    year = campaign.start_date.year
    led = [m for m in led_memberships(by, [year]) if m.unit_id == campaign.launched_by_id]
    if not led:
        _add(
            errors,
            "launched_by",
            _(
                "Chỉ quản trị viên, hoặc lãnh đạo đơn vị Trưởng khối/cụm thi đua năm %(year)s, "
                "mới phát động được phong trào; hãy chọn đơn vị Trưởng khối/cụm của bạn."
            )
            % {"year": year},
        )
        return
    if scope_units:
        _add(
            errors,
            "scope_units",
            _("Đơn vị Trưởng khối/cụm chỉ phát động trong khối/cụm mình; hãy chọn khối/cụm."),
        )
    led_clusters = {m.cluster_id for m in led}
    foreign = [c.name for c in scope_clusters if c.pk not in led_clusters]
    if foreign:
        _add(
            errors,
            "scope_clusters",
            _("%(unit)s không phải Trưởng của %(names)s năm %(year)s.")
            % {"unit": campaign.launched_by, "names": ", ".join(foreign), "year": year},
        )


def _check_existing_registrations(campaign, awards, errors):
    """A change may not orphan registrations: their years and awards must stay."""
    registered = Registration.objects.filter(campaign=campaign)
    outside = sorted(
        set(registered.exclude(year__in=campaign.years).values_list("year", flat=True).distinct())
    )
    if outside:
        _add(
            errors,
            "end_date",
            _("Đã có đăng ký năm %(years)s, nằm ngoài thời gian mới.")
            % {"years": ", ".join(map(str, outside))},
        )
    removed = registered.exclude(award__in=[a.pk for a in awards])
    names = sorted(set(removed.values_list("award__name", flat=True).distinct()))
    if names:
        _add(
            errors,
            "awards",
            _("Không bỏ được %(names)s khỏi danh mục vì đã có đơn vị, cá nhân đăng ký.")
            % {"names": ", ".join(f"“{n}”" for n in names)},
        )
