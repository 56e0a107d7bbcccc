"""Email through the background worker, only once the transaction that asked for it commits.

A request that fails after asking for an email rolls back and sends nothing; the worker sends
it (``manage.py db_worker``) so a slow or unreachable SMTP server never holds up a page, and
a password reset answers in the same time whether or not the address exists.
"""

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, to: list[str], html: str = "") -> int:
    """The worker's side: one message to ``to`` (each address sees only its own)."""
    sent = 0
    for address in to:
        message = EmailMultiAlternatives(subject=subject, body=body, to=[address])
        if html:
            message.attach_alternative(html, "text/html")
        sent += message.send()
    return sent


def send_after_commit(*, subject: str, body: str, to: list[str], html: str = "") -> None:
    """Queue the message for the worker once the current transaction commits."""
    if not to:
        return
    subject = " ".join(subject.split())  # a header: one line
    transaction.on_commit(
        lambda: send_email.enqueue(subject=subject, body=body, to=list(to), html=html)
    )
