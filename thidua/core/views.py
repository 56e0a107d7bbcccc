"""Helpers every app's views share."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core import attachments, audit
from thidua.core.forms import AttachmentForm
from thidua.core.models import Attachment


def report(request: HttpRequest, error: ValidationError) -> None:
    """Show each message of a refused action (a service's ``ValidationError``)."""
    for message in error.messages:
        messages.error(request, message)


def as_get(request: HttpRequest) -> HttpRequest:
    """Re-render a page after a refused form (its view's decorators expect a GET)."""
    request.method = "GET"
    return request


@dataclass
class AttachmentPanel:
    """What ``core/_attachments.html`` shows on a holder's page: its papers (each with
    ``kind_label``, ``url`` and ``remove_url``, empty when the user may not remove it), the
    upload form (None when the user may not upload), a note on what is kept, and the
    holder's audit history for pages that show none of their own."""

    rows: list[Attachment]
    upload_url: str
    form: AttachmentForm | None
    note: str = ""
    history: list | None = None


def attachment_panel(
    *,
    holder,
    kinds,
    url_name: str,
    may_upload: bool,
    may_remove: Callable[[Attachment], bool],
    year: int | None = None,
    form: AttachmentForm | None = None,
    note: str = "",
    history: bool = False,
) -> AttachmentPanel:
    """The panel of ``holder``. Its URLs are named ``url_name`` (a file: ``pk``, ``file``),
    ``url_name``_upload (``pk``) and ``url_name``_remove (``pk``, ``file``)."""
    rows = list(attachments.attachments_of(holder, year=year))
    for row in rows:
        kwargs = {"pk": holder.pk, "file": row.pk}
        row.kind_label = attachments.label(row, kinds)
        row.url = reverse(url_name, kwargs=kwargs)
        row.remove_url = reverse(f"{url_name}_remove", kwargs=kwargs) if may_remove(row) else ""
    if may_upload and form is None:
        form = AttachmentForm(kinds=kinds, yearly=year is not None, initial={"year": year})
    entries = None
    if history:
        label = holder._meta.label_lower
        entries = list(audit.history(holder))
        for entry in entries:
            entry.action_label = audit.action_words(label, entry.action)
            entry.from_label = audit.state_words(label, entry.from_state)
            entry.to_label = audit.state_words(label, entry.to_state)
    return AttachmentPanel(
        rows=rows,
        upload_url=reverse(f"{url_name}_upload", kwargs={"pk": holder.pk}),
        # A refused form comes back with its errors, whoever sent it.
        form=form if may_upload or (form is not None and form.is_bound) else None,
        note=note,
        history=entries,
    )


def attachment_get_or_404(holder, pk: int) -> Attachment:
    """An attachment of ``holder`` (which the caller fetched through its scoping)."""
    try:
        return attachments.attachments_of(holder).get(pk=pk)
    except Attachment.DoesNotExist:
        raise Http404 from None


def attachment_response(attachment: Attachment) -> FileResponse:
    """The stored file, downloaded under the name the user gave it."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


def attachment_remove_response(
    request: HttpRequest,
    holder,
    file: int,
    *,
    remove: Callable[[Attachment], None],
    back: Callable[[Attachment], HttpResponse],
) -> HttpResponse:
    """What every "remove this paper" view does: the holder's paper ``file`` (404 when it is
    not the holder's), removed by ``remove`` (the holder's app's service, which checks who
    may), the outcome as a message, then ``back`` to the holder's page."""
    attachment = attachment_get_or_404(holder, file)
    try:
        remove(attachment)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, _("Đã gỡ tài liệu “%(title)s”.") % {"title": attachment.title})
    return back(attachment)
