"""Printing a decision's certificates: in the request when few, in the background when many.

Register numbers are assigned first, in a short transaction of their own (the decision row
lock is held only that long); the PDF is rendered afterwards, inline up to
``CERTIFICATE_INLINE_MAX`` recipients, else by the worker as a ``Job`` with the reports'
progress bar, its file stored like a report's (``awards.reports.cache``).
"""

import secrets

from django.conf import settings
from django.utils.translation import gettext as _
from django_tasks import task

from awards.certificates import render as printing
from awards.certificates import selectors
from awards.models import Decision
from awards.reports import cache, jobs

KIND = "certificates"


def inline_max() -> int:
    return getattr(settings, "CERTIFICATE_INLINE_MAX", 100)


def print_pdf(decision: Decision, conferment_ids: list[int], *, blank: bool, progress=None):
    """The certificates of ``conferment_ids`` (already numbered), one page each."""
    lines = selectors.decision_lines(decision, conferment_ids)
    templates = selectors.templates_of(lines)
    items = [
        (
            templates[line.conferment.award_id],
            printing.values_for(line.conferment, decision, line.certificate),
        )
        for line in lines
    ]
    if progress:
        progress(0, len(items))
    pdf = printing.render_pdf(printing.certificates_html(items, blank=blank))
    if progress:
        progress(len(items), len(items))
    return pdf


def preview_pdf(decision: Decision, conferment_ids: list[int], *, blank: bool) -> bytes:
    """The certificates as they will print, without register numbers (none is used)."""
    lines = selectors.decision_lines(decision, conferment_ids)
    templates = selectors.templates_of(lines)
    items = [
        (
            templates[line.conferment.award_id],
            printing.values_for(line.conferment, decision, line.certificate),
        )
        for line in lines
    ]
    return printing.render_pdf(printing.certificates_html(items, blank=blank))


def filename(decision: Decision) -> str:
    return f"bang-khen-{decision.pk}.pdf"


def start(*, decision: Decision, conferment_ids: list[int], blank: bool) -> jobs.Job:
    """Queue the rendering of a print whose numbers are already assigned."""
    key = secrets.token_hex(20)  # one print, one job: a reprint is a new print
    job = jobs.Job(
        key=key,
        kind=KIND,
        params={"decision": decision.pk, "conferments": conferment_ids, "blank": blank},
        total=len(conferment_ids),
        stage=_("Đang chờ xử lý"),
    )
    jobs.claim(job)
    try:
        result = build_certificates.enqueue(key=key)
    except Exception as error:
        return jobs.update(key, status=jobs.FAILED, error=str(error)) or job
    return jobs.update(key, task_id=str(result.id)) or job


@task()
def build_certificates(*, key: str) -> str:
    """The worker's side: render the print and store it; the job row follows each step."""
    job = jobs.read(key)
    jobs.update(key, status=jobs.RUNNING, stage=_("Đang dàn trang bằng"))
    try:
        decision = Decision.objects.select_related(
            "authority", "issuing_unit", "handling_unit"
        ).get(pk=job.params["decision"])

        def progress(done, total):
            jobs.update(key, done=done, total=total)

        pdf = print_pdf(
            decision, job.params["conferments"], blank=job.params["blank"], progress=progress
        )
        jobs.update(key, stage=_("Đang lưu tệp"))
        meta = {"decision": decision.pk, "filename": filename(decision)}
        cache.store(key, "pdf", pdf, meta=meta)
        jobs.update(key, status=jobs.DONE, stage=_("Hoàn thành"), pages=job.total)
        return key
    except Exception as error:
        jobs.update(key, status=jobs.FAILED, error=str(error) or error.__class__.__name__)
        raise
