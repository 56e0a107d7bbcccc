"""Making, checking and revoking API tokens."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from thidua.api.models import ApiToken
from thidua.core import audit

PREFIX = "thd_"
PREFIX_SHOWN = 12


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def token_create(*, by, name: str) -> tuple[ApiToken, str]:
    """A new token of ``by``: the row and the token itself, which is never stored."""
    token = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(
        user=by, name=name.strip(), prefix=token[:PREFIX_SHOWN], digest=digest(token)
    )
    audit.record(obj=row, by=by, action="create", comment=str(row))
    return row, token


@transaction.atomic
def token_revoke(*, token: ApiToken, by) -> ApiToken:
    """Revoke a token (its owner, or an admin); revoking twice keeps the first date."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = by
        token.save(update_fields=["revoked_at", "revoked_by"])
        audit.record(obj=token, by=by, action="revoke", comment=str(token))
    return token


def token_user(token: str):
    """The active user a live token belongs to (and marks it used), or None. Two queries."""
    if not token or not token.startswith(PREFIX) or len(token) > 100:
        return None
    row = (
        ApiToken.objects.live()
        .filter(digest=digest(token), user__is_active=True)
        .select_related("user")
        .first()
    )
    if row is None:
        return None
    now = timezone.now()
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user
