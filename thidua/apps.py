from django.apps import AppConfig


class ThiduaConfig(AppConfig):
    name = "thidua"

    def ready(self) -> None:
        from thidua import checks  # noqa: F401, PLC0415  importing registers the checks; apps are loaded by now
