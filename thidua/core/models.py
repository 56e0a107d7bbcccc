from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core import lookups  # noqa: F401 - registers the integer-range ``__in`` lookup


class AuditEntry(models.Model):
    """One change of state of any workflow object: who, when, from, to, and why.

    Written by ``thidua.core.audit.record`` inside the same transaction as the change itself.
    ``unit`` is the unit the object belongs to, so the audit log is scoped like the object.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    action = models.CharField(_("thao tác"), max_length=50)
    from_state = models.CharField(_("từ trạng thái"), max_length=30, blank=True)
    to_state = models.CharField(_("sang trạng thái"), max_length=30, blank=True)
    comment = models.TextField(_("ghi chú"), blank=True)

    scope_lookup = "unit__path"

    class Meta:
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor}: {self.action}"


class NotificationPreference(models.Model):
    """A user's choice about notifications: by email as well as in the app (the default)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email = models.BooleanField(_("nhận thông báo qua email"), default=True)

    class Meta:
        verbose_name = _("tùy chọn thông báo")
        verbose_name_plural = _("tùy chọn thông báo")

    def __str__(self):
        return str(self.user)


def attachment_upload_to(instance: "Attachment", filename: str) -> str:
    """``attachments/<app>.<model>/<id>/<random name>``: the user's file name is kept in
    ``original_name`` only (``thidua.core.uploads.rename_safely`` chose ``filename``)."""
    holder = instance.holder_type
    return f"attachments/{holder.app_label}.{holder.model}/{instance.holder_id}/{filename}"


class Attachment(models.Model):
    """A paper the TĐKT office keeps beside a record: a campaign's launching decision, a
    grouping's signed pledge, an issued decision's scan, a council session's minutes.

    One table for every kind of holder (a generic relation): the checks, the storage, the
    history and the page partial are the same for all, and the kernel may not know the
    apps. Each app says which ``kind`` values its holder takes and who may add or remove
    (``thidua.core.attachments``); ``year`` is for holders whose papers are yearly (a
    grouping's pledge and conference of one year).
    """

    holder_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    holder_id = models.PositiveBigIntegerField()
    holder = GenericForeignKey("holder_type", "holder_id")
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    kind = models.CharField(_("loại tài liệu"), max_length=30)
    title = models.CharField(_("tiêu đề"), max_length=255)
    file = models.FileField(_("tệp"), upload_to=attachment_upload_to, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    content_type = models.CharField(_("định dạng"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu đính kèm")
        verbose_name_plural = _("tài liệu đính kèm")
        ordering = ["uploaded_at", "pk"]
        indexes = [models.Index(fields=["holder_type", "holder_id", "year"])]

    def __str__(self):
        return self.title
