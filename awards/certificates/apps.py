from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "awards.certificates"
    label = "certificates"
    verbose_name = _("Bằng, giấy chứng nhận")
    default_auto_field = "django.db.models.BigAutoField"
