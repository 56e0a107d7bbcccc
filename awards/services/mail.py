"""Notifications by email as well as in the app.

When a notification is created (``_common.notify``) and its transaction commits, the worker
emails the staff and leaders of its unit (those who see it in the app) who have an email
address and have not turned email off ("Tùy chọn thông báo").
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from awards.models import Notification
from thidua.core.mail import send_email
from thidua.core.models import NotificationPreference
from units.models import UnitRole

ROLES = (UnitRole.Role.STAFF, UnitRole.Role.LEADER)


def recipients(notification: Notification) -> list[str]:
    """The email addresses of the active staff and leaders of the notification's unit who
    have not turned email off, each once, in a stable order."""
    opted_out = NotificationPreference.objects.filter(email=False).values("user_id")
    return list(
        get_user_model()
        .objects.filter(
            unit_roles__unit_id=notification.unit_id, unit_roles__role__in=ROLES, is_active=True
        )
        .exclude(email="")
        .exclude(pk__in=opted_out)
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


def email_after_commit(notification: Notification) -> None:
    """Queue the notification's email for the worker once the current transaction commits."""
    pk = notification.pk
    transaction.on_commit(lambda: email_notification.enqueue(notification_id=pk))


@task()
def email_notification(*, notification_id: int) -> int:
    """The worker's side: one email per recipient; the number sent."""
    notification = Notification.objects.select_related("unit").filter(pk=notification_id).first()
    if notification is None:
        return 0
    to = recipients(notification)
    if not to:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "notification": notification,
            "link": f"{settings.SITE_URL}{notification.link}" if notification.link else "",
            "preferences": f"{settings.SITE_URL}{reverse('notification_preferences')}",
        }
        subject = render_to_string("awards/email/notification_subject.txt", context)
        body = render_to_string("awards/email/notification.txt", context)
    subject = settings.EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    return send_email.call(subject=subject, body=body, to=to)
