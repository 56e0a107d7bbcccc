"""Admins choose which decisions the public list shows."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.models import Decision
from awards.publication.selectors import forget
from thidua.core import audit
from units.access import is_admin


def _require_office(by) -> None:
    if not is_admin(by):
        raise ValidationError(
            _("Chỉ Văn phòng Thi đua – Khen thưởng quyết định công khai danh sách khen thưởng."),
            code="role",
        )


@transaction.atomic
def decisions_publish(*, decisions: Iterable[Decision], by, published: bool = True) -> int:
    """Show (``published``) or stop showing these decisions on the public list; admins only.

    Only issued decisions are published (drafts and revoked ones are left as they are);
    each change is audited on the decision. Returns how many changed.
    """
    _require_office(by)
    rows = Decision.objects.filter(pk__in=[d.pk for d in decisions]).exclude(published=published)
    if published:
        rows = rows.filter(status=Decision.Status.ISSUED)
    rows = list(rows.select_related("handling_unit", "issuing_unit").order_by("pk"))
    # An issued decision refuses ``save``: the flag is written with an update.
    Decision.objects.filter(pk__in=[d.pk for d in rows]).update(published=published)
    for decision in rows:
        audit.record(
            obj=decision,
            by=by,
            action="publish" if published else "unpublish",
            from_state=decision.status,
            to_state=decision.status,
            unit=decision.unit,
        )
    if rows:
        transaction.on_commit(forget)
    return len(rows)


def decision_publish(*, decision: Decision, by, published: bool = True) -> bool:
    """One decision; refuses to publish one that is not issued. False if nothing changed."""
    _require_office(by)
    if published and decision.status != Decision.Status.ISSUED:
        raise ValidationError(
            _(
                "Chỉ công khai được quyết định đã ban hành (quyết định đang ở trạng thái "
                "“%(state)s”)."
            )
            % {"state": decision.get_status_display()},
            code="state",
        )
    return bool(decisions_publish(decisions=[decision], by=by, published=published))
