"""The main pages of the load benchmark, and their cost measured in-process.

``main_pages()`` picks the objects of the detail pages by fixed rules (the first campaign, the
latest decision, the person with the most conferments…), so the same list is built on the
national seed and on the demo data, and the query counts of the two can be compared.
"""

import statistics
import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import Conferment, Decision, Proposal
from awards.reports.scope import may_report
from campaigns.models import Campaign
from thidua.demo.accounts import ADMIN_USERNAME
from units.access import is_admin
from units.models import Unit

# Who is sent a page under load: every user, those who may see reports (leaders and admins),
# or the admin alone (an object page: the object may lie outside another user's subtree).
EVERYONE, REPORTERS, ADMIN = "everyone", "reporters", "admin"


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    weight: int  # share of the load traffic
    audience: str = EVERYONE


def audiences(user) -> list[str]:
    """The audiences ``user`` belongs to: which of the main pages answer them 200."""
    found = [EVERYONE]
    if may_report(user):
        found.append(REPORTERS)
    if is_admin(user):
        found.append(ADMIN)
    return found


def _first_pk(queryset):
    return queryset.values_list("pk", flat=True).first()


def main_pages() -> list[Page]:
    """The pages users open most, with objects chosen alike on any dataset."""
    pages = [
        Page("home", reverse("home"), 10),
        Page("unit tree", reverse("units:tree"), 5),
        Page("people", reverse("units:people"), 5),
        Page("people search", reverse("units:people") + "?q=nguyen+van", 10),
        Page("campaigns", reverse("campaigns:list"), 5),
        Page("proposals", reverse("awards:proposals"), 8),
        Page("decisions", reverse("awards:decisions"), 8),
        Page("catalogue", reverse("awards:catalogue"), 3),
    ]
    campaign = _first_pk(Campaign.objects.order_by("pk"))
    if campaign:
        pages.append(
            Page("campaign detail", reverse("campaigns:detail", args=[campaign]), 8, audience=ADMIN)
        )
    proposal = _first_pk(Proposal.objects.order_by("pk"))
    if proposal:
        pages.append(
            Page(
                "proposal detail",
                reverse("awards:proposal_detail", args=[proposal]),
                5,
                audience=ADMIN,
            )
        )
    decision = _first_pk(Decision.objects.order_by("-signed_on", "-pk"))
    if decision:
        pages.append(
            Page(
                "decision detail",
                reverse("awards:decision_detail", args=[decision]),
                5,
                audience=ADMIN,
            )
        )
    person = (
        Conferment.objects.filter(person__isnull=False)
        .values("person")
        .annotate(n=Count("pk"))
        .order_by("-n", "person")
        .values_list("person", flat=True)
        .first()
    )
    if person:
        pages.append(
            Page(
                "person awards", reverse("awards:person_history", args=[person]), 8, audience=ADMIN
            )
        )
    unit = _first_pk(Unit.objects.filter(code="thads-lao-cai")) or _first_pk(
        Unit.objects.annotate(n=Count("conferments")).order_by("-n", "pk")
    )
    if unit:
        pages.append(Page("unit detail", reverse("units:detail", args=[unit]), 5, audience=ADMIN))
        pages.append(
            Page("unit awards", reverse("awards:unit_history", args=[unit]), 5, audience=ADMIN)
        )
    pages.append(Page("reports summary", reverse("reports:index"), 3, audience=REPORTERS))
    return pages


def admin_client() -> Client:
    """A test client signed in as the demo admin (who sees the whole sector)."""
    host = next((h for h in settings.ALLOWED_HOSTS if h and "*" not in h), "127.0.0.1")
    client = Client(HTTP_HOST=host.lstrip("."))
    client.force_login(get_user_model().objects.get(username=ADMIN_USERNAME))
    return client


def measure(pages: list[Page], *, repeat: int = 3) -> dict[str, dict]:
    """Status, query count and median server time of each page, served in this process."""
    client = admin_client()
    result = {}
    for page in pages:
        client.get(page.path, secure=True)  # warm the caches (content types, templates)
        times, queries, status = [], 0, 0
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(page.path, secure=True)
                times.append(time.perf_counter() - start)
            queries, status = len(captured), response.status_code
        result[page.name] = {
            "path": page.path,
            "status": status,
            "queries": queries,
            "ms": round(statistics.median(times) * 1000, 1),
        }
    return result
