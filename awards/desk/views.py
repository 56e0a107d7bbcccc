"""Bàn tiếp nhận: the TĐKT office's list of arrived proposals and its assignment form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from awards.desk import selectors, services
from awards.desk.forms import AssignForm, DeskFilterForm
from awards.models import Proposal
from thidua.core.forms import read_filters
from thidua.core.pagination import paginate
from units.access import is_admin, restrict


def _require_office(request: HttpRequest) -> None:
    if not is_admin(request.user):
        raise PermissionDenied(_("Bàn tiếp nhận là của Văn phòng Thi đua – Khen thưởng."))


@require_GET
@login_required
def desk(request: HttpRequest) -> HttpResponse:
    _require_office(request)
    people = list(selectors.specialists())
    form = DeskFilterForm(request.GET, people=people)
    values, problems = read_filters(form)
    for problem in problems:
        messages.warning(request, problem)
    holder = values.get("holder")
    if holder and holder != selectors.UNASSIGNED:
        holder = int(holder)
    context = paginate(request, selectors.desk_list(user=request.user, holder=holder))
    today = timezone.localdate()
    for row in context["page_obj"]:
        row.days_held = (today - timezone.localdate(row.held_since)).days
    context |= {
        "form": form,
        "filtered": bool(values),
        "assign_form": AssignForm(people=people),
        "people": people,
    }
    return render(request, "awards/desk/desk.html", context)


@require_POST
@login_required
def desk_assign(request: HttpRequest) -> HttpResponse:
    """Give the ticked proposals to the chosen specialist, back to the desk as it was."""
    _require_office(request)
    people = {user.pk: user for user in selectors.specialists()}
    form = AssignForm(request.POST, people=people.values())
    back = reverse("awards:desk") + (f"?{request.GET.urlencode()}" if request.GET else "")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    to = people[form.cleaned_data["assignee"]]
    chosen = restrict(Proposal.objects.all(), request.user).filter(
        pk__in=form.cleaned_data["proposals"]
    )
    try:
        count = services.proposals_assign(proposals=chosen, by=request.user, to=to)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(back)
    name = services.person_name(to)
    if count:
        messages.success(
            request,
            ngettext(
                "Đã giao %(count)d đề nghị cho %(name)s.",
                "Đã giao %(count)d đề nghị cho %(name)s.",
                count,
            )
            % {"count": count, "name": name},
        )
    else:
        messages.info(request, _("%(name)s đang thụ lý các đề nghị đã chọn.") % {"name": name})
    return redirect(back)
