from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The kernel: what every app shares, and nothing that knows an app of the project."""

    name = "thidua.core"
    label = "core"
