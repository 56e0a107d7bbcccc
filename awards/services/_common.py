"""Helpers shared by the award services: role checks, locking, rules by date, notices."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from awards.models import Notification, Proposal
from awards.services.mail import email_after_commit
from awards.workflow import runs_sessions
from units.access import has_role
from units.models import Unit, UnitRole

STAFF, LEADER = UnitRole.Role.STAFF, UnitRole.Role.LEADER


def require_role(by, unit: Unit, *roles: str, action: str) -> None:
    """Refuse unless ``by`` holds one of ``roles`` in ``unit`` (or an ancestor), or is admin."""
    if not has_role(by, unit, *roles):
        raise ValidationError(_("Bạn không có quyền %(action)s.") % {"action": action}, code="role")


def stale(obj) -> ValidationError:
    return ValidationError(
        _("%(object)s đã được người khác thay đổi, vui lòng tải lại trang.")
        % {"object": str(obj._meta.verbose_name).capitalize()},
        code="stale",
    )


def locked(obj, *related: str):
    """The row as stored now, locked until the transaction ends (PostgreSQL)."""
    try:
        rows = type(obj)._default_manager.select_for_update(of=("self",))
        return rows.select_related(*related).get(pk=obj.pk)
    except type(obj).DoesNotExist:
        raise stale(obj) from None


def day(value: datetime.date) -> str:
    return f"{value:%d/%m/%Y}"


def percent(value) -> str:
    """66.67 → "66,67 %", 80.00 → "80 %"."""
    text = f"{Decimal(value):.2f}".rstrip("0").rstrip(".")
    return f"{text.replace('.', ',')} %"


def proposal_link(proposal: Proposal) -> str:
    try:
        return reverse("awards:proposal_detail", args=[proposal.pk])
    except NoReverseMatch:
        return ""


def notify(
    *, unit: Unit, text: str, proposal: Proposal | None = None, link: str = ""
) -> Notification:
    """An in-app notification to ``unit``, emailed to its staff and leaders after commit."""
    notification = Notification.objects.create(
        unit=unit,
        text=text[:500],
        proposal=proposal,
        link=proposal_link(proposal) if proposal else link,
    )
    email_after_commit(notification)
    return notification


def require_session_runner(by, council, *, action: str) -> None:
    if not runs_sessions(by, council):
        raise ValidationError(_("Bạn không có quyền %(action)s.") % {"action": action}, code="role")
