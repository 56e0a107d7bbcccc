"""The record of a history import: which file, by whom, and what it added."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HistoryImport(models.Model):
    """One confirmed import of past decisions, ratings and initiatives from a workbook.

    Its audit entry ("import") names the file and the counts; the rows it created are
    ordinary decisions, conferments, ratings and initiatives.
    """

    filename = models.CharField(_("tên tệp"), max_length=255)
    rows = models.PositiveIntegerField(_("số dòng"), default=0)
    decisions = models.PositiveIntegerField(_("quyết định mới"), default=0)
    conferments = models.PositiveIntegerField(_("khen thưởng mới"), default=0)
    ratings = models.PositiveIntegerField(_("xếp loại mới"), default=0)
    initiatives = models.PositiveIntegerField(_("sáng kiến mới"), default=0)
    people = models.PositiveIntegerField(_("cán bộ tạo mới"), default=0)
    bodies = models.PositiveIntegerField(_("cơ quan tạo mới"), default=0)
    unchanged = models.PositiveIntegerField(_("dòng đã có"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("lần nhập lịch sử khen thưởng")
        verbose_name_plural = _("các lần nhập lịch sử khen thưởng")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.filename} ({self.created_at:%d/%m/%Y %H:%M})"
