"""The API's one way in: ``Authorization: Bearer <token>`` of a live token of an active user."""

from ninja.security import HttpBearer

from thidua.api import services


class TokenAuth(HttpBearer):
    """The token's user becomes ``request.user``: every queryset is then restricted to
    what that user sees on the screens (``units.access.restrict``)."""

    def authenticate(self, request, token):
        user = services.token_user(token)
        if user is None:
            return None
        request.user = user
        return user
