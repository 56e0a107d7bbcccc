from django.apps import AppConfig


class ThiduaConfig(AppConfig):
    name = "thidua"

    def ready(self) -> None:
        from thidua import checks  # noqa: F401  registers the system checks on import
