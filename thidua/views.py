from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from thidua.access import is_admin, user_roles


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The dashboard: the user's units and roles, and what each role lets them do there."""
    return render(
        request,
        "home.html",
        {"roles": user_roles(request.user), "is_admin": is_admin(request.user)},
    )
