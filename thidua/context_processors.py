"""Template context every page needs."""

from awards.reports.scope import may_report
from thidua.guide.pages import page_for
from units.access import is_admin


def navigation(request):
    """What the menu offers; each is evaluated only when the menu asks for it."""
    return {
        "may_report": lambda: may_report(request.user),
        "is_admin": lambda: is_admin(request.user),
        # The help page of this screen (base.html's "Hướng dẫn" link); None: the guide's index.
        "guide_page": lambda: page_for(getattr(request.resolver_match, "view_name", None)),
    }
