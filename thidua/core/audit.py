from collections.abc import Mapping

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from thidua.core.models import AuditEntry

# "app_label.model" → (its workflow, words for its other actions); filled by ``describe``.
_WORDS: dict[str, tuple[object, Mapping[str, str]]] = {}
# Actions that every kind of object has, and actions recorded outside any workflow.
COMMON_ACTIONS = {
    "create": _("Tạo mới"),
    "update": _("Sửa"),
    "delete": _("Xóa"),
    "import": _("Nhập từ Excel"),
    "copy": _("Sao chép"),
    "new_version": _("Tạo phiên bản mới"),
    "supersede": _("Thay thế bằng phiên bản mới"),
    "deactivate": _("Ngừng hoạt động"),
    "member_add": _("Thêm thành viên"),
    "member_remove": _("Bớt thành viên"),
    "record_signature": _("Ghi nhận chữ ký"),
    "self_score": _("Tự chấm điểm"),
    "review_scores": _("Thẩm định điểm"),
    "panel": _("Chỉ định tổ chấm điểm"),
    "to_proposal": _("Chuyển thành đề cử"),
    "certificates_print": _("In bằng"),
    "template_save": _("Lưu mẫu bằng"),
    "placements_save": _("Lưu vị trí in trên phôi"),
    "attachment_add": _("Đính kèm tài liệu"),
    "attachment_remove": _("Gỡ tài liệu đính kèm"),
}


def describe(model, *, workflow=None, actions: Mapping[str, str] | None = None) -> None:
    """Teach the audit log the words for a model's transitions, states and other actions.

    Apps call it from ``AppConfig.ready`` so that the sector-wide log speaks like each
    object's own history.
    """
    _WORDS[model._meta.label_lower] = (workflow, actions or {})


def action_words(label_lower: str, action: str) -> str:
    workflow, actions = _WORDS.get(label_lower, (None, {}))
    transition = workflow and workflow._by_name.get(action)
    if transition:
        return str(transition.label)
    return str(actions.get(action) or COMMON_ACTIONS.get(action, action))


def state_words(label_lower: str, state: str) -> str:
    workflow, _actions = _WORDS.get(label_lower, (None, {}))
    return workflow.label_of(state) if workflow and state else state


def record(*, obj, by, action: str, from_state="", to_state="", comment="", unit=None):
    """Write the audit entry of a change; call it inside the change's transaction."""
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        unit=unit,
        actor=by if getattr(by, "is_authenticated", False) else None,
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
