from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    """The award catalogue: authorities, awards, rule versions and the legal documents behind
    them. Below campaigns and awards; it imports neither."""

    name = "awards.catalogue"
    label = "catalogue"
    verbose_name = _("Danh mục khen thưởng")
    default_auto_field = "django.db.models.BigAutoField"
