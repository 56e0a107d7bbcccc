from django.contrib.contenttypes.models import ContentType

from thidua.models import AuditEntry


def record(*, obj, actor, action: str, from_state="", to_state="", comment="", unit=None):
    """Write the audit entry of a change; call it inside the change's transaction."""
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        unit=unit,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        from_state=from_state or "",
        to_state=to_state or "",
        comment=comment or "",
    )


def history(obj):
    """Audit entries of one object, oldest first, with their actors."""
    return (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        )
        .select_related("actor")
        .order_by("at", "pk")
    )
