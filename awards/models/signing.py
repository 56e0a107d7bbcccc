"""The digitally signed PDF of an issued decision (PAdES), uploaded or signed by the server.

A decision is valid as a PDF signed with the signer's certificate (Decree 30/2020/NĐ-CP):
the file kept here was verified when it was stored (``awards.signing``): signature intact
over the whole file, certificate chained to the configured trust store, and the text is the
decision's own (number, date, recipients).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.models.decisions import Decision


def signed_upload_to(instance: "SignedDocument", filename: str) -> str:
    return f"decisions/signed/{instance.decision_id}/{filename}"


class SignedDocument(models.Model):
    class Source(models.TextChoices):
        UPLOAD = "upload", _("Tải lên tệp đã ký")
        SERVER = "server", _("Ký số trên máy chủ")

    decision = models.OneToOneField(
        Decision,
        verbose_name=_("quyết định"),
        on_delete=models.CASCADE,
        related_name="signed_document",
    )
    file = models.FileField(_("tệp PDF đã ký số"), upload_to=signed_upload_to, max_length=255)
    # Server-side signing only: the annex as a file of its own, signed by the agency at the top
    # right of its first page (Decree 30/2020/NĐ-CP, Phụ lục I; awards.signing.sign_annex).
    annex_file = models.FileField(
        _("phụ lục đã ký số"), upload_to=signed_upload_to, max_length=255, blank=True
    )
    annex_sha256 = models.CharField(_("mã băm SHA-256 của phụ lục"), max_length=64, blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    source = models.CharField(
        _("nguồn"), max_length=10, choices=Source.choices, default=Source.UPLOAD
    )
    signer_subject = models.CharField(_("chủ thể chứng thư"), max_length=500)
    signer_name = models.CharField(_("người ký (theo chứng thư)"), max_length=200, blank=True)
    issuer_subject = models.CharField(_("tổ chức cấp chứng thư"), max_length=500, blank=True)
    cert_valid_from = models.DateTimeField(_("chứng thư có hiệu lực từ"))
    cert_valid_to = models.DateTimeField(_("chứng thư có hiệu lực đến"))
    signed_at = models.DateTimeField(_("thời điểm ký"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    scope_lookup = ("decision__handling_unit__path", "decision__issuing_unit__path")

    class Meta:
        verbose_name = _("quyết định đã ký số")
        verbose_name_plural = _("quyết định đã ký số")

    def __str__(self):
        return str(self.decision)
