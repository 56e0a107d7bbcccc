from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers


class ContentSecurityPolicyMiddleware:
    """Send the project's Content-Security-Policy on every response.

    Django 5.2 has no built-in CSP; one header from settings is all we need, since every
    script and style is served from our own origin.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = settings.CONTENT_SECURITY_POLICY
        if policy and not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", policy)
        return response


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Vietnamese unless the user picked another language with the switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language, which on an
    English-language browser mixes framework strings into the Vietnamese UI.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class HealthCheckMiddleware:
    """``/healthz`` for the load balancer and compose: 200 when the database answers and every
    migration is applied, else 503 with the reason.

    First in the chain, so it answers whatever Host the prober sends and over plain HTTP
    (no ALLOWED_HOSTS check, no HTTPS redirect), and touches no session.
    """

    path = "/healthz"

    def __init__(self, get_response):
        self.get_response = get_response
        self.migrated = False  # once true it stays true for this process's code

    def __call__(self, request):
        if request.path_info != self.path:
            return self.get_response(request)
        problem = self.problem()
        body = {"status": "ok"} if problem is None else {"status": "error", "problem": problem}
        response = JsonResponse(body, status=200 if problem is None else 503)
        response["Cache-Control"] = "no-store"
        return response

    def problem(self) -> str | None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            if not self.migrated:
                executor = MigrationExecutor(connection)
                pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
                if pending:
                    return f"{len(pending)} migrations not applied"
                self.migrated = True
        except DatabaseError as error:
            return f"database unreachable: {type(error).__name__}"
        return None


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` on every response to a signed-in user.

    Pages, dossier files, reports and certificates of a signed-in user hold data of their
    units: no browser cache, shared proxy or back button on a shared office computer may
    keep them. Placed after ``AuthenticationMiddleware``; a view that already chose a
    caching policy for a signed-in user is still made private and uncached.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers.pop("Expires", None)
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ("Cookie",))
        return response
