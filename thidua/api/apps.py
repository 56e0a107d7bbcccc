from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The HTTP API for other systems and its per-user tokens."""

    name = "thidua.api"
    label = "api"
    verbose_name = _("API cho hệ thống khác")

    def ready(self) -> None:
        from thidua.api.models import ApiToken  # noqa: PLC0415 - models load after apps
        from thidua.core import audit  # noqa: PLC0415 - with the model, at ready

        audit.describe(ApiToken, actions={"revoke": _("Thu hồi khóa API")})
