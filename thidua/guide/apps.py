from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    """The in-app guide: help pages per screen group, their search, the first-login tour."""

    name = "thidua.guide"
    label = "guide"
    verbose_name = _("Hướng dẫn sử dụng")
