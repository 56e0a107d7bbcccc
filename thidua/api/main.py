"""The API object: version 1, token auth on every operation, an ETag on every answer.

django-ninja builds the OpenAPI schema (``/api/v1/openapi.json``) from the typed schemas of
``thidua.api.schemas``; the operations are in ``thidua.api.endpoints``.
"""

import hashlib

from django.http import HttpResponseNotModified
from django.utils.cache import get_conditional_response
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from thidua.api.auth import TokenAuth
from thidua.api.endpoints import router

NAMESPACE = "api_v1"


class ThiduaAPI(NinjaAPI):
    """A strong ETag (hash of the body) on every successful GET: a client that sends it
    back in ``If-None-Match`` gets 304 and no body. Cheap: the body is already built."""

    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        if request.method == "GET" and response.status_code == 200:
            response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
            conditional = get_conditional_response(request, etag=response["ETag"])
            if isinstance(conditional, HttpResponseNotModified):
                return conditional
        return response


class Renderer(JSONRenderer):
    """Vietnamese text as UTF-8, not \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


api = ThiduaAPI(
    renderer=Renderer(),
    title="Thi đua – Khen thưởng API",
    version="1",
    description=(
        "Read-only API for other systems. Every answer is scoped to what the token's user "
        "sees on the screens; an object outside that scope is 404."
    ),
    auth=TokenAuth(),
    urls_namespace=NAMESPACE,
    docs_url=None,
)
api.add_router("", router)
