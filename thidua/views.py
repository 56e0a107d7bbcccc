from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from awards import todo
from thidua.audit_log import attach_changes, lines, log_list
from thidua.core.forms import read_filters
from thidua.core.pagination import paginate
from thidua.forms import AuditLogFilterForm
from thidua.guide.tour import pending_roles, steps_for
from units.access import is_admin, user_roles
from units.models import Unit, UnitRole

FILTERS = ("unit", "user", "date_from", "date_to")


TODO_BY_ROLE = {
    UnitRole.Role.STAFF: todo.staff_todo,
    UnitRole.Role.LEADER: todo.leader_todo,
    UnitRole.Role.COUNCIL: todo.council_todo,
}


def todo_blocks(user) -> list[dict]:
    """Each role's to-do ("Việc cần làm"), counted over the units where the user holds it
    (a council seat without the council role counts as a council member's); the admins'
    (the TĐKT office) last, for every admin."""
    roles = user_roles(user)
    blocks = []
    for role, count in TODO_BY_ROLE.items():
        units = [unit for unit, held in roles if held == role]
        if units or (role == UnitRole.Role.COUNCIL and todo.sits_on_a_council(user)):
            blocks.append({"role": role, "units": units, "lines": count(user, units)})
    if is_admin(user):
        blocks.append({"role": UnitRole.Role.ADMIN, "units": [], "lines": todo.admin_todo(user)})
    return blocks


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The dashboard: the first-login tour of roles not yet dismissed, each role's to-do,
    the user's units and roles, and what each role lets them do there."""
    return render(
        request,
        "home.html",
        {
            "roles": user_roles(request.user),
            "is_admin": is_admin(request.user),
            "todo": todo_blocks(request.user),
            "tour": steps_for(pending_roles(request.user)),
        },
    )


@require_GET
@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """Every state change, admin edit and field edit ("before → after"), newest first; for
    admins only (404 for others)."""
    if not is_admin(request.user):
        raise Http404
    values, problems = read_filters(AuditLogFilterForm(request.GET))
    for problem in problems:
        messages.warning(request, problem)
    unit = None
    if "unit" in values:
        unit = Unit.objects.filter(code=values["unit"]).first()
        if unit is None:
            messages.warning(request, _("Không có đơn vị nào mang mã “%s”.") % values["unit"])
    context = paginate(
        request,
        log_list(
            unit=unit,
            username=values.get("user", ""),
            date_from=values.get("date_from"),
            date_to=values.get("date_to"),
        ),
    )
    context["lines"] = attach_changes(lines(context["page_obj"].object_list))
    context |= {"unit": unit, "filters": {k: request.GET.get(k, "") for k in FILTERS}}
    return render(request, "audit_log.html", context)
