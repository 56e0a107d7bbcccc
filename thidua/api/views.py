"""The page where a user makes and revokes their own API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.api import services
from thidua.api.forms import TokenForm
from thidua.api.models import ApiToken
from thidua.core.ids import parse_id

# The new token waits in the session for the one page view that shows it.
NEW_TOKEN = "api_new_token"


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            row, token = services.token_create(by=request.user, name=form.cleaned_data["name"])
            request.session[NEW_TOKEN] = {"pk": row.pk, "token": token}
            messages.success(request, _("Đã tạo khóa “%(name)s”.") % {"name": row.name})
            return redirect("api_tokens:list")
    else:
        form = TokenForm()
    context = {
        "form": form,
        "tokens": ApiToken.objects.filter(user=request.user).order_by("-created_at", "-pk"),
        "new_token": request.session.pop(NEW_TOKEN, None),
    }
    return render(request, "api/tokens.html", context)


@require_POST
@login_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner revokes their token (an admin revokes anyone's in the admin)."""
    token = ApiToken.objects.filter(user=request.user, pk=parse_id(pk)).first()
    if token is None:
        raise Http404
    if token.is_revoked:
        messages.warning(request, _("Khóa “%(name)s” đã thu hồi trước đó.") % {"name": token.name})
    else:
        services.token_revoke(token=token, by=request.user)
        messages.success(request, _("Đã thu hồi khóa “%(name)s”.") % {"name": token.name})
    return redirect("api_tokens:list")
