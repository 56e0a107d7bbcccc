"""A small transition engine shared by every workflow (registrations, proposals, decisions).

An app declares its transitions once, in a ``Workflow`` table; ``Workflow.apply`` is then
the only way a state changes. It checks, in order: the transition exists, the object is in
one of its source states, the actor holds one of its roles on the object's unit (the
``holds`` check the app passes in: ``units.access.holds``), the transition's own guard;
then it moves the row with a conditional UPDATE (``WHERE pk = … AND status = <state we
read>``) so that of two people acting at once only the first wins, and writes the audit
entry in the same transaction.

Every refusal is a ``ValidationError`` with a Vietnamese message and a ``code``
(``unknown``, ``state``, ``role``, ``guard``, ``stale``, ``comment``) for callers that care.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit

Guard = Callable[[Model, object], None]
# ``holds(actor, unit, roles)``: does the actor hold one of ``roles`` on ``unit``? The kernel
# knows no unit tree; each app passes the project's check when it declares a workflow.
RoleCheck = Callable[[object, object, tuple[str, ...]], bool]


@dataclass(frozen=True)
class Transition:
    """One allowed move: ``name`` takes an object from any of ``sources`` to ``target``.

    ``guard(obj, actor)`` raises ``ValidationError`` to refuse for a business reason
    (a deadline, a closed campaign). ``stamp`` names a datetime field set to now.
    """

    name: str
    sources: tuple[str, ...]
    target: str
    roles: tuple[str, ...]
    label: str
    needs_comment: bool = False
    guard: Guard | None = None
    stamp: str = ""
    style: str = "primary"


@dataclass
class Workflow:
    transitions: Iterable[Transition]
    state_labels: dict[str, str]
    status_field: str = "status"
    unit_of: Callable[[Model], object] = field(default=lambda obj: obj.unit)
    # ``also_allowed(obj, actor, transition)`` admits an actor the unit roles refuse: one the
    # object itself names (a scoring round's reviewers, a council's secretary).
    also_allowed: Callable[[Model, object, Transition], bool] | None = None
    holds: RoleCheck = field(kw_only=True)
    _by_name: dict[str, Transition] = field(init=False, repr=False)

    def __post_init__(self):
        self.transitions = tuple(self.transitions)
        self._by_name = {t.name: t for t in self.transitions}

    def get(self, name: str) -> Transition:
        try:
            return self._by_name[name]
        except KeyError:
            raise ValidationError(
                _("Thao tác “%(name)s” không tồn tại.") % {"name": str(name)[:30]}, code="unknown"
            ) from None

    def state_of(self, obj: Model) -> str:
        return getattr(obj, self.status_field)

    def label_of(self, state: str) -> str:
        return str(self.state_labels.get(state, state))

    def available(self, obj: Model, by) -> list[Transition]:
        """Transitions the actor could try now (state and role fit); guards are not run."""
        state = self.state_of(obj)
        candidates = [t for t in self.transitions if state in t.sources]
        if not candidates:
            return []
        unit = self.unit_of(obj)
        return [t for t in candidates if self._admits(obj, by, t, unit)]

    def _admits(self, obj: Model, by, transition: Transition, unit) -> bool:
        if self.holds(by, unit, transition.roles):
            return True
        return self.also_allowed is not None and self.also_allowed(obj, by, transition)

    def check(self, obj: Model, name: str, by, comment: str = "") -> Transition:
        """Raise the reason ``actor`` may not apply ``name`` to ``obj`` now, if any."""
        transition = self.get(name)
        state = self.state_of(obj)
        if state not in transition.sources:
            raise ValidationError(
                _("Không thể %(action)s khi đang ở trạng thái “%(state)s”.")
                % {"action": transition.label.lower(), "state": self.label_of(state)},
                code="state",
            )
        if not self._admits(obj, by, transition, self.unit_of(obj)):
            raise ValidationError(
                _("Bạn không có quyền %(action)s.") % {"action": transition.label.lower()},
                code="role",
            )
        if transition.needs_comment and not (comment or "").strip():
            raise ValidationError(
                _("Cần ghi rõ lý do khi %(action)s.") % {"action": transition.label.lower()},
                code="comment",
            )
        if transition.guard is not None:
            transition.guard(obj, by)
        return transition

    def apply(self, obj: Model, name: str, *, by, comment: str = "", changes=None) -> Model:
        """Apply transition ``name`` to ``obj`` (as loaded by the caller) and audit it.

        ``changes`` are extra field values written by the same UPDATE (one naming the
        transition's ``stamp`` replaces "now": a date entered afterwards). The state the caller
        read is the one expected in the database: if someone changed it meanwhile, nothing
        is written and the caller is told to reload.
        """
        transition = self.check(obj, name, by, comment)
        source = self.state_of(obj)
        values = {self.status_field: transition.target, **(changes or {})}
        if transition.stamp and transition.stamp not in values:  # a date entered afterwards
            values[transition.stamp] = timezone.now()
        model = type(obj)
        with transaction.atomic():
            updated = model._default_manager.filter(
                pk=obj.pk, **{self.status_field: source}
            ).update(**values)
            if updated != 1:
                raise ValidationError(
                    _("%(object)s đã được người khác thay đổi, vui lòng tải lại trang.")
                    % {"object": str(model._meta.verbose_name).capitalize()},
                    code="stale",
                )
            for field_name, value in values.items():
                setattr(obj, field_name, value)
            audit.record(
                obj=obj,
                by=by,
                action=transition.name,
                from_state=source,
                to_state=transition.target,
                comment=(comment or "").strip(),
                unit=self.unit_of(obj),
            )
        return obj
