"""The decision as a PDF in the administrative layout, with its annex (WeasyPrint).

Used by the decision's "In (PDF)" page and by server-side signing (``awards.services.signing``),
which signs the decision and its annex as two files (``part="main"`` and ``part="annex"``;
Decree 30/2020/NĐ-CP, Phụ lục I: see ``awards.signing``).
"""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from awards import documents
from thidua.core.documents import date_words

DECISION_CSS = ("css/official.css", "css/proposals.css")


def document_rows(detail) -> list[dict]:
    """The annex lines: conferments of an issued decision, recipients of a draft."""
    if detail.conferments:
        return [
            {
                "name": c.person.full_name if c.person else c.unit.name,
                "position": c.position if c.person else "",
                "unit": c.unit.name if c.person else "",
                "award": documents.award_words(c.award),
                "award_obj": c.award,
                "subject": c.award.subject,
                "void": c.revoked,
            }
            for c in detail.conferments
        ]
    return [
        {
            "name": n.person.full_name if n.person else n.unit.name,
            "position": n.person.position if n.person else "",
            "unit": n.proposal.proposing_unit.name if n.person else "",
            "award": documents.award_words(n.award),
            "award_obj": n.award,
            "subject": n.award.subject,
            "void": False,
        }
        for n in detail.recipients
    ]


def has_annex(detail) -> bool:
    """Whether the decision prints a list of recipients after its text (not a revocation)."""
    return not detail.decision.revokes_id and bool(document_rows(detail))


PARTS = ("whole", "main", "annex")


def render(detail, request=None, *, part: str = "whole") -> bytes:
    """The PDF of ``detail`` (``awards.selectors.DecisionDetail``): the whole document, its
    text alone (``"main"``) or its annex alone (``"annex"``, a document of its own)."""
    from weasyprint import CSS, HTML  # noqa: PLC0415 - WeasyPrint loads only for a PDF

    if part not in PARTS:
        raise ValueError(f"part must be one of {PARTS}, not {part!r}")
    rows = document_rows(detail)
    decision = detail.decision
    context = {
        "part": part,
        "decision": decision,
        "rows": rows,
        "text": documents.decision_text(decision, rows),
        "signed_words": date_words(decision.signed_on),
    }
    html = render_to_string("awards/decisions/pdf.html", context, request=request)
    stylesheets = [CSS(filename=finders.find(name)) for name in DECISION_CSS]
    return HTML(string=html).write_pdf(stylesheets=stylesheets)
