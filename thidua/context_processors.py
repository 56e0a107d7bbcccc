"""Template context every page needs."""

from awards.reports.scope import may_report
from units.access import is_admin


def navigation(request):
    """What the menu offers; each is evaluated only when the menu asks for it."""
    return {
        "may_report": lambda: may_report(request.user),
        "is_admin": lambda: is_admin(request.user),
    }
