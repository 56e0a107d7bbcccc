"""Scoring pages: sheets, rounds, self-scores, review, ranking, printable review, trend.

Thin: parse the request, call ``campaigns.scoring`` (selectors to read, services to
write), render. Objects are fetched through the scoped selectors, so a foreign id is 404;
a page the user may see but not act on says why (403).
"""

from campaigns.scoring.views.cards import (
    attachment,
    scorecard,
    scorecard_review,
    scorecard_transition,
)
from campaigns.scoring.views.rounds import (
    conference,
    home,
    round_create,
    round_detail,
    round_review,
    round_review_excel,
    round_review_pdf,
    round_transition,
    trend,
)
from campaigns.scoring.views.sheets import (
    sheet_create,
    sheet_detail,
    sheet_edit,
    sheet_list,
    sheet_transition,
)

__all__ = [
    "attachment",
    "conference",
    "home",
    "round_create",
    "round_detail",
    "round_review",
    "round_review_excel",
    "round_review_pdf",
    "round_transition",
    "scorecard",
    "scorecard_review",
    "scorecard_transition",
    "sheet_create",
    "sheet_detail",
    "sheet_edit",
    "sheet_list",
    "sheet_transition",
    "trend",
]
