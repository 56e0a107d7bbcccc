from django.conf import settings


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
