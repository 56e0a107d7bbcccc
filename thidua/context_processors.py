"""Template context every page needs."""

from awards.reports.scope import may_report


def navigation(request):
    """Whether to offer the report and dashboard links (evaluated only when the menu asks)."""
    return {"may_report": lambda: may_report(request.user)}
