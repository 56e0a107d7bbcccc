"""Papers the TĐKT office keeps beside a record (tài liệu đính kèm): a campaign's launching
decision and plan, a grouping's signed pledge and conference minutes, an issued decision's
signed scan and annexes, a council session's minutes.

Why one kernel model (``thidua.core.models.Attachment``, a generic relation to its holder)
rather than one small model per app: the four holders live in three apps and need the same
things: the upload check (``thidua.core.uploads``, as for dossier files), a random stored
name, the default storage, an audit entry per upload and removal, and one list on the page.
One table gives one migration, one service, one template partial and one set of tests of the
checks. The kernel knows no app, so each app keeps what is its own: the list of kinds of its
holder (a ``TextChoices`` passed here as ``kinds``), who may add or remove (its own service
checks the role, then calls these functions), and the scoping: an attachment is only ever
reached through its holder, fetched first through the app's ``get_visible_or_404``, so it
needs no scoping rule of its own. What the generic relation costs, a database foreign key to
the holder, is made up by a ``GenericRelation`` on each holder (its attachments go with it)
and by the stored file leaving the storage when its row is deleted (``CoreConfig.ready``).
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.models import Attachment
from thidua.core.uploads import rename_safely, validate_upload

Kinds = type[models.TextChoices]
# Audit actions; their words are in ``audit.COMMON_ACTIONS``.
ADD, REMOVE = "attachment_add", "attachment_remove"
TITLE_MAX = Attachment._meta.get_field("title").max_length


def attachments_of(holder, *, year: int | None = None) -> QuerySet:
    """The holder's attachments (of ``year``, for yearly holders), oldest first, with who
    uploaded them; one query."""
    rows = Attachment.objects.filter(
        holder_type=ContentType.objects.get_for_model(holder), holder_id=holder.pk
    ).select_related("uploaded_by")
    if year is not None:
        rows = rows.filter(year=year)
    return rows


def label(attachment: Attachment, kinds: Kinds) -> str:
    """The kind of ``attachment`` as users read it."""
    return str(kinds(attachment.kind).label) if attachment.kind in kinds.values else attachment.kind


def _describe(attachment: Attachment, kinds: Kinds) -> str:
    text = f"{label(attachment, kinds)}: {attachment.title} ({attachment.original_name})"
    if attachment.year:
        text += " – " + _("năm %(year)s") % {"year": attachment.year}
    return text


@transaction.atomic
def attachment_add(
    *, holder, kinds: Kinds, kind: str, title: str, file, by, year=None, unit=None
) -> Attachment:
    """Keep ``file`` beside ``holder`` as a paper of ``kind`` (one of ``kinds``).

    The caller (the holder's app) has checked that ``by`` may; here the paper itself is
    checked: its kind, a title, and the file by its content and size (``validate_upload``).
    A refusal raises ``ValidationError`` in Vietnamese and nothing is stored. The upload is
    written to the holder's audit history (``unit``: whose audit log shows it).
    """
    if kind not in kinds.values:
        raise ValidationError(_("Chọn loại tài liệu."), code="kind")
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError(_("Nhập tiêu đề của tài liệu."), code="title")
    if len(title) > TITLE_MAX:
        raise ValidationError(
            _("Tiêu đề dài tối đa %(max)s ký tự.") % {"max": TITLE_MAX}, code="title"
        )
    detected = validate_upload(file)
    original = rename_safely(file, detected)
    attachment = Attachment.objects.create(
        holder_type=ContentType.objects.get_for_model(holder),
        holder_id=holder.pk,
        year=year,
        kind=kind,
        title=title,
        file=file,
        original_name=original,
        size=detected.size,
        content_type=detected.content_type,
        uploaded_by=by,
    )
    audit.record(obj=holder, by=by, action=ADD, comment=_describe(attachment, kinds), unit=unit)
    return attachment


@transaction.atomic
def attachment_remove(*, holder, attachment: Attachment, kinds: Kinds, by, unit=None) -> None:
    """Remove a paper of ``holder`` (the stored file goes once the transaction commits) and
    write it to the holder's audit history. The caller has checked that ``by`` may."""
    holder_type = ContentType.objects.get_for_model(holder)
    if (attachment.holder_type_id, attachment.holder_id) != (holder_type.pk, holder.pk):
        raise ValidationError(_("Tài liệu không thuộc hồ sơ này."), code="holder")
    attachment.delete()
    audit.record(obj=holder, by=by, action=REMOVE, comment=_describe(attachment, kinds), unit=unit)


def delete_stored_file(sender, instance: Attachment, **kwargs) -> None:
    """``post_delete``: the stored file leaves the storage once the deletion commits,
    whether the row was removed by ``attachment_remove`` or went with its holder."""
    storage, name = instance.file.storage, instance.file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))
