"""Registering units and people for awards, and moving registrations through the workflow.

``registrations_save_bulk`` is the one path that creates registrations: the web forms call
it with one row or a table of people, the Excel import with a sheet. It validates every
row in a fixed number of queries and saves all rows or none.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.catalogue.models import Award
from campaigns.models import Campaign, Registration
from campaigns.rules import (
    editing_refusal,
    late_entry_note,
    submission_refusal,
    title_conflict,
    year_refusal,
)
from campaigns.scope import scope_units
from campaigns.signals import registration_reviewed
from campaigns.workflow import LEADER, REGISTRATION_WORKFLOW, STAFF
from thidua.core import audit
from units.access import has_role, is_admin
from units.models import Person, Unit
from units.selectors import units_in_year

DUPLICATE = gettext_lazy("Đăng ký trùng với một đăng ký vừa được lưu; vui lòng tải lại trang.")


@dataclass
class RegistrationRow:
    """One line to register: an award for ``person``, or for the unit itself (no person)."""

    award: Award | None
    person: Person | None = None
    note: str = ""


@dataclass
class BulkResult:
    """Saved registrations, or the errors of each row by its index (then nothing is saved)."""

    registrations: list[Registration] = field(default_factory=list)
    errors: dict[int, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def _check_actor(by, campaign: Campaign, unit: Unit, year: int) -> None:
    reason = editing_refusal(campaign) or year_refusal(campaign, year)
    if reason:
        raise ValidationError(reason, code="campaign")
    if not has_role(by, unit, STAFF, LEADER):
        raise ValidationError(
            _("Bạn không có quyền đăng ký cho %(unit)s.") % {"unit": unit}, code="role"
        )


class _RowChecker:
    """Checks rows against the catalogue, the scope and existing registrations.

    Loads what it needs for all rows at once, so the queries do not grow with the rows.
    """

    def __init__(self, campaign, unit, year, rows, exclude_pk=None):
        self.campaign, self.unit, self.year = campaign, unit, year
        # With their authority: a title's rank is read without a query per row.
        self.catalogue = {a.pk: a for a in campaign.awards.select_related("authority")}
        people = [row.person for row in rows if row.person is not None]
        # A person registers in the unit they were in that year (for a past year's campaign,
        # not necessarily their unit today).
        self.person_units = units_in_year([p.pk for p in people], year)
        unit_ids = {unit.pk} | {u for u in self.person_units.values() if u}
        units = list(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "path", "name"))
        self.paths = {pk: path for pk, path, _name in units}
        self.names = {pk: name for pk, _path, name in units}
        self.in_scope = set(
            scope_units(campaign, year).filter(pk__in=unit_ids).values_list("pk", flat=True)
        )
        existing = (
            Registration.objects.filter(year=year)
            .filter(Q(person__in=[p.pk for p in people]) | Q(person__isnull=True, unit=unit))
            .exclude(pk=exclude_pk)
            .select_related("campaign", "award__authority")
        )
        self.taken = {self._key(r.person_id, r.unit_id, r.award_id): r for r in existing}
        self.seen: set = set()
        # The title each person / the unit already has this year: one a year.
        self.titles: dict[tuple, Registration] = {}
        for r in existing:
            if r.award.kind == Award.Kind.TITLE:
                self.titles.setdefault(self._who_key(r.person_id, r.unit_id), r)
        self.new_titles: dict[tuple, Award] = {}

    @staticmethod
    def _who_key(person_id, unit_id):
        return ("person", person_id) if person_id else ("unit", unit_id)

    @staticmethod
    def _key(person_id, unit_id, award_id):
        return ("person", person_id, award_id) if person_id else ("unit", unit_id, award_id)

    def errors(self, row: RegistrationRow) -> list[str]:
        award, person = row.award, row.person
        if award is None:
            return [_("Chưa chọn danh hiệu / hình thức khen thưởng.")]
        problems = []
        if award.pk not in self.catalogue:
            problems.append(
                _("“%(award)s” không có trong danh mục đăng ký của phong trào.") % {"award": award}
            )
        if person is not None:
            subject_unit = self.person_units.get(person.pk)
            if award.subject != Award.Subject.INDIVIDUAL:
                problems.append(
                    _("“%(award)s” không dành cho cá nhân; hãy đăng ký ở phần tập thể.")
                    % {"award": award}
                )
            if not self.paths.get(subject_unit, "").startswith(self.paths[self.unit.pk]):
                problems.append(
                    _(
                        "%(person)s không thuộc %(unit)s trong năm %(year)s nên không đăng ký "
                        "được ở đây."
                    )
                    % {"person": person, "unit": self.unit, "year": self.year}
                )
                return problems
        else:
            subject_unit = self.unit.pk
            if award.subject != Award.Subject.COLLECTIVE:
                problems.append(
                    _("“%(award)s” không dành cho tập thể; hãy đăng ký cho từng cá nhân.")
                    % {"award": award}
                )
        if subject_unit not in self.in_scope:
            problems.append(
                _("%(unit)s không thuộc phạm vi phong trào năm %(year)s.")
                % {"unit": self.names.get(subject_unit, self.unit), "year": self.year}
            )
        problems.extend(self._duplicate(person, award))
        if not problems:
            problems.extend(self._title(person, award))
        return problems

    def _title(self, person, award) -> list[str]:
        """One title a year for each person and for the unit (the higher includes the
        lower), against what is registered and the rows before this one."""
        if award.kind != Award.Kind.TITLE:
            return []
        award = self.catalogue[award.pk]
        key = self._who_key(person.pk if person else None, self.unit.pk)
        who = person or self.unit
        registered = self.titles.get(key)
        if registered is not None:
            where = ""
            if registered.campaign_id != self.campaign.pk:
                where = _(" trong phong trào “%(campaign)s”") % {"campaign": registered.campaign}
            reason = title_conflict(
                who=who, award=award, other=registered.award, year=self.year, where=where
            )
            if reason:
                return [reason]
        earlier = self.new_titles.get(key)
        if earlier is not None:
            reason = title_conflict(who=who, award=award, other=earlier, year=self.year)
            if reason:
                return [reason]
        self.new_titles[key] = award
        return []

    def _duplicate(self, person, award) -> list[str]:
        key = self._key(person.pk if person else None, self.unit.pk, award.pk)
        who = person or self.unit
        if key in self.seen:
            return [_("%(who)s được chọn “%(award)s” hai lần.") % {"who": who, "award": award}]
        self.seen.add(key)
        other = self.taken.get(key)
        if other is None:
            return []
        values = {
            "who": who,
            "award": award,
            "year": self.year,
            "status": other.get_status_display().lower(),
            "campaign": other.campaign,
        }
        if other.campaign_id == self.campaign.pk:
            message = _("%(who)s đã được đăng ký “%(award)s” năm %(year)s (%(status)s).")
        else:
            message = _(
                "%(who)s đã được đăng ký “%(award)s” năm %(year)s trong phong trào "
                "“%(campaign)s” (%(status)s)."
            )
        return [message % values]


@transaction.atomic
def registrations_save_bulk(
    *,
    by,
    campaign: Campaign,
    unit: Unit,
    rows: list[RegistrationRow],
    year: int | None = None,
    submit: bool = False,
) -> BulkResult:
    """Register ``rows`` for ``unit`` (people of its subtree, or the unit itself).

    Refusals that concern the whole call (campaign closed, year, role, deadline when
    ``submit``) raise ``ValidationError``; row problems come back in ``BulkResult.errors``
    and nothing is saved. With ``submit`` the new lines are sent at once.
    """
    year = year or campaign.default_year(timezone.localdate())
    _check_actor(by, campaign, unit, year)
    if submit:
        today = timezone.localdate()
        reason = submission_refusal(campaign, today, late_allowed=is_admin(by))
        if reason:
            raise ValidationError(reason, code="deadline")
    checker = _RowChecker(campaign, unit, year, rows)
    errors = {i: problems for i, row in enumerate(rows) if (problems := checker.errors(row))}
    if errors:
        return BulkResult(errors=errors)
    registrations = [
        Registration(
            campaign=campaign,
            year=year,
            award=row.award,
            unit_id=checker.person_units[row.person.pk] if row.person else unit.pk,
            person=row.person,
            note=row.note.strip(),
            created_by=by,
        )
        for row in rows
    ]
    try:
        with transaction.atomic():
            Registration.objects.bulk_create(registrations)
    except IntegrityError:
        raise ValidationError(DUPLICATE, code="duplicate") from None
    if submit:
        late = late_entry_note(campaign, today)
        for registration in registrations:
            REGISTRATION_WORKFLOW.apply(registration, "submit", by=by, comment=late)
    return BulkResult(registrations=registrations)


def registration_create(
    *,
    by,
    campaign: Campaign,
    award: Award,
    unit: Unit | None = None,
    person: Person | None = None,
    year: int | None = None,
    note: str = "",
    submit: bool = False,
) -> Registration:
    """One registration: of ``unit`` (collective) or of ``person`` (in their unit)."""
    year = year or campaign.default_year(timezone.localdate())
    if person is not None and unit is None:
        unit_id = units_in_year([person.pk], year).get(person.pk)
        if unit_id is None:
            raise ValidationError(
                _("%(person)s không thuộc đơn vị nào trong năm %(year)s.")
                % {"person": person, "year": year}
            )
        unit = Unit.objects.get(pk=unit_id)
    if unit is None:
        raise ValidationError(_("Chọn đơn vị hoặc cá nhân được đăng ký."))
    result = registrations_save_bulk(
        by=by,
        campaign=campaign,
        unit=unit,
        rows=[RegistrationRow(award=award, person=person, note=note)],
        year=year,
        submit=submit,
    )
    if not result.ok:
        raise ValidationError(result.errors[0])
    return result.registrations[0]


def _check_editable(by, registration: Registration, *, drafts_only=False) -> None:
    reason = editing_refusal(registration.campaign)
    if reason:
        raise ValidationError(reason, code="campaign")
    allowed = (Registration.Status.DRAFT,) if drafts_only else Registration.EDITABLE_STATES
    if registration.status not in allowed:
        message = (
            _("Chỉ xóa được đăng ký nháp.")
            if drafts_only
            else _("Chỉ sửa được đăng ký nháp hoặc bị trả lại.")
        )
        raise ValidationError(message, code="state")
    if not has_role(by, registration.unit, STAFF, LEADER):
        raise ValidationError(_("Bạn không có quyền sửa đăng ký này."), code="role")


def _stale(registration) -> ValidationError:
    return ValidationError(
        _("Đăng ký đã được người khác thay đổi, vui lòng tải lại trang."), code="stale"
    )


@transaction.atomic
def registration_update(
    *, by, registration: Registration, award: Award, note: str = ""
) -> Registration:
    """Change the award or note of a draft or returned registration (then resubmit it)."""
    _check_editable(by, registration)
    row = RegistrationRow(award=award, person=registration.person, note=note)
    checker = _RowChecker(
        registration.campaign, registration.unit, registration.year, [row], registration.pk
    )
    problems = checker.errors(row)
    if problems:
        raise ValidationError(problems)
    before = registration.award
    updated = Registration.objects.filter(pk=registration.pk, status=registration.status).update(
        award=award, note=note.strip()
    )
    if not updated:
        raise _stale(registration)
    registration.award, registration.note = award, note.strip()
    comment = (
        _("Đổi “%(old)s” thành “%(new)s”.") % {"old": before, "new": award}
        if before.pk != award.pk
        else _("Sửa ghi chú.")
    )
    audit.record(
        obj=registration,
        by=by,
        action="update",
        from_state=registration.status,
        to_state=registration.status,
        comment=comment,
        unit=registration.unit,
    )
    return registration


@transaction.atomic
def registration_delete(*, by, registration: Registration) -> None:
    _check_editable(by, registration, drafts_only=True)
    deleted, _by_model = Registration.objects.filter(
        pk=registration.pk, status=Registration.Status.DRAFT
    ).delete()
    if not deleted:
        raise _stale(registration)
    audit.record(
        obj=registration,
        by=by,
        action="delete",
        from_state=registration.status,
        comment=str(registration),
        unit=registration.unit,
    )


@transaction.atomic
def registration_submit(
    *, by, registration: Registration, sent_on: datetime.date | None = None
) -> Registration:
    """Send a line. An admin entering an earlier year may give ``sent_on``, the day it was
    really sent (not in the future, not before the campaign), and may send past the
    deadline; the history records the day as entered afterwards, and "nhập sau hạn"."""
    today = timezone.localdate()
    campaign = registration.campaign
    changes, notes = {}, []
    if sent_on is not None:
        if not is_admin(by):
            raise ValidationError(
                _("Chỉ quản trị viên ghi được ngày gửi thực tế (khi nhập bổ sung năm trước)."),
                code="role",
            )
        if sent_on > today:
            raise ValidationError(
                {
                    "sent_on": _("Ngày gửi thực tế (%(day)s) không được sau hôm nay (%(today)s).")
                    % {"day": f"{sent_on:%d/%m/%Y}", "today": f"{today:%d/%m/%Y}"}
                },
                code="future",
            )
        if sent_on < campaign.start_date:
            raise ValidationError(
                {
                    "sent_on": _(
                        "Ngày gửi thực tế (%(day)s) không được trước ngày bắt đầu phong trào "
                        "(%(start)s)."
                    )
                    % {"day": f"{sent_on:%d/%m/%Y}", "start": f"{campaign.start_date:%d/%m/%Y}"}
                },
                code="before",
            )
        changes["submitted_at"] = timezone.make_aware(
            datetime.datetime.combine(sent_on, datetime.time())
        )
        notes.append(
            _("Ngày gửi thực tế %(day)s, nhập sau ngày %(today)s.")
            % {"day": f"{sent_on:%d/%m/%Y}", "today": f"{today:%d/%m/%Y}"}
        )
    late = late_entry_note(
        campaign,
        sent_on or today,
        resubmission=registration.status == Registration.Status.RETURNED,
    )
    if late:
        notes.insert(0, late)
    return REGISTRATION_WORKFLOW.apply(
        registration, "submit", by=by, comment=" ".join(notes), changes=changes
    )


@transaction.atomic
def registration_accept(*, by, registration: Registration, comment: str = "") -> Registration:
    registration = REGISTRATION_WORKFLOW.apply(registration, "accept", by=by, comment=comment)
    _reviewed(registration, "accept", comment)
    return registration


@transaction.atomic
def registration_return(*, by, registration: Registration, comment: str) -> Registration:
    registration = REGISTRATION_WORKFLOW.apply(registration, "return", by=by, comment=comment)
    _reviewed(registration, "return", comment)
    return registration


def _reviewed(registration: Registration, action: str, comment: str) -> None:
    registration_reviewed.send(
        sender=Registration, registration=registration, action=action, comment=comment
    )


@transaction.atomic
def registrations_submit_drafts(*, by, campaign: Campaign, unit: Unit, year: int) -> int:
    """Send every draft line of ``unit`` for ``year``: all of them or, on a refusal, none."""
    drafts = list(
        Registration.objects.filter(
            campaign=campaign, unit=unit, year=year, status=Registration.Status.DRAFT
        ).select_related("campaign", "unit")
    )
    if not drafts:
        raise ValidationError(_("Không có đăng ký nháp nào để gửi."), code="empty")
    late = late_entry_note(campaign, timezone.localdate())
    for registration in drafts:
        REGISTRATION_WORKFLOW.apply(registration, "submit", by=by, comment=late)
    return len(drafts)
