from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The kernel: what every app shares, and nothing that knows an app of the project."""

    name = "thidua.core"
    label = "core"

    def ready(self):
        from django.db.models.signals import post_delete  # noqa: PLC0415 - app loading

        from thidua.core.attachments import delete_stored_file  # noqa: PLC0415 - app loading
        from thidua.core.models import Attachment  # noqa: PLC0415 - app loading

        post_delete.connect(delete_stored_file, sender=Attachment, dispatch_uid="attachment_file")
