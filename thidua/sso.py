"""Single sign-on through the ministry's OpenID Connect provider (mozilla-django-oidc).

Off unless OIDC_RP_CLIENT_ID is set (thidua/settings.py). Signing on only proves who the
person is: ``MatchingBackend`` finds the one existing, active account whose username or email
(case-insensitive) is the identity's, and never creates a user or gives a role; an identity
that matches no account (or several) is refused with a message on the login page.

Providers that are not plain OpenID Connect (VNeID returns encrypted token and userinfo
payloads and no id_token) get their own subclass named by OIDC_BACKEND, overriding
``verify_token`` / ``get_userinfo``; the matching stays the same.
"""

import logging

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

log = logging.getLogger(__name__)

NO_MATCH = gettext_lazy(
    "Tài khoản một cửa của bạn chưa gắn với người dùng nào của hệ thống thi đua – khen "
    "thưởng (không trùng tên đăng nhập hay email). Vui lòng liên hệ quản trị để được cấp "
    "tài khoản."
)
FAILED = gettext_lazy(
    "Không đăng nhập được bằng tài khoản một cửa. Vui lòng thử lại hoặc đăng nhập bằng mật khẩu."
)


def enabled() -> bool:
    return getattr(settings, "OIDC_ENABLED", False)


class MatchingBackend(OIDCAuthenticationBackend):
    """An identity signs in as the one active user with its username or email, or not at all."""

    def authenticate(self, request, **kwargs):
        """A provider's error or a token that does not verify is a refused login, not a 500."""
        try:
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, requests.RequestException) as error:
            log.warning("Single sign-on refused: %s", error)
            return None

    def verify_token(self, token, **kwargs):
        """The id_token's signature and nonce (mozilla-django-oidc), and its audience: us."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        if self.OIDC_RP_CLIENT_ID not in (audience if isinstance(audience, list) else [audience]):
            raise SuspiciousOperation("The id_token was issued to another client.")
        return payload

    def verify_claims(self, claims):
        return bool(self._username(claims) or claims.get("email"))

    def _username(self, claims) -> str:
        return str(claims.get(self.get_settings("OIDC_USERNAME_CLAIM", "preferred_username")) or "")

    def filter_users_by_claims(self, claims):
        username, email = self._username(claims).strip(), str(claims.get("email") or "").strip()
        match = Q(pk__in=[])
        if username:
            match |= Q(username__iexact=username)
        if email:
            match |= Q(email__iexact=email)
        users = get_user_model().objects.filter(match, is_active=True)
        return list(users[:2])

    def get_or_create_user(self, access_token, id_token, payload):
        user_info = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(user_info):
            return self._refuse()
        users = self.filter_users_by_claims(user_info)
        if len(users) != 1:
            return self._refuse()
        return users[0]

    def create_user(self, claims):  # never reached (OIDC_CREATE_USER = False); never create
        return None

    def _refuse(self):
        self.request.sso_refusal = NO_MATCH
        return None


class CallbackView(OIDCAuthenticationCallbackView):
    """The provider's redirect back: on refusal, the login page with the reason."""

    def login_failure(self):
        messages.error(self.request, getattr(self.request, "sso_refusal", FAILED))
        return HttpResponseRedirect(reverse("login"))


def urlpatterns():
    """The /oidc/ URLs, only while single sign-on is configured."""
    if not enabled():
        return []
    return [path("oidc/", include("mozilla_django_oidc.urls"))]
