"""Accepted registrations offered to a draft award proposal, ticked and added as nominees.

The page lives in awards (which may read campaigns) and is served under /campaigns/ in the
campaigns namespace, where it always was (``awards.urls.campaigns_urlpatterns``).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from awards import selectors, services
from awards.selectors import edit_refusal, proposal_can_edit, proposal_get
from thidua.core.ids import parse_ids
from thidua.core.views import report


@require_http_methods(["GET", "POST"])
@login_required
def proposal_registrations(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_get(user=request.user, pk=pk)
    back = redirect("awards:proposal_detail", pk=proposal.pk)
    if not proposal_can_edit(proposal, request.user):
        messages.error(request, edit_refusal(proposal))
        return back
    if request.method == "POST":
        ids = parse_ids(request.POST.getlist("registration"))
        try:
            result = services.registrations_to_proposal(
                by=request.user, proposal=proposal, registrations=ids
            )
        except ValidationError as error:
            report(request, error)
        else:
            for line in result.refused:
                messages.warning(request, line)
            if result.added:
                messages.success(
                    request,
                    ngettext(
                        "Đã thêm %(n)s đề cử từ đăng ký thi đua; xem kết quả kiểm tra điều kiện.",
                        "Đã thêm %(n)s đề cử từ đăng ký thi đua; xem kết quả kiểm tra điều kiện.",
                        len(result.added),
                    )
                    % {"n": len(result.added)},
                )
                return back
    rows = list(selectors.registrations_for_proposal(proposal))
    context = {"proposal": proposal, "rows": rows}
    return render(request, "awards/proposals/registrations.html", context)
