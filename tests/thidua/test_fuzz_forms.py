"""Every form of the app, fuzzed: random and malformed data never gives a 500 nor a partial save.

The forms are found, not listed: every page of the access matrix (tests/thidua/
matrix.py) is opened as the admin, and each ``<form method="post">`` on it is
read (action, fields, the options of its selects); a few forms shown only in some state or to
some role (a draft decision, the people registration formset) are reached by ``STATEFUL``;
the matrix's POST-only endpoints are also posted directly with a few usual field names.
Hypothesis then fills the fields with anything: huge strings, unicode, bad dates, negative
and huge numbers, ids of objects in another unit or of none, missing fields, bogus files.

A response is an error when it is 4xx, a re-rendered form (200), or a redirect carrying a
warning or an error message; after an error the row count of every model must be unchanged.
"""

import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib.messages import constants
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from awards.models import Decision
from campaigns.models import Campaign
from tests.factories import (
    AwardFactory,
    CampaignFactory,
    CouncilFactory,
    DecisionFactory,
    PersonFactory,
)
from tests.thidua.matrix import MATRIX
from units.models import Unit

SKIP_ACTIONS = {"logout", "set_language", "login"}
# Counted before and after each post; sessions and login throttling are not the app's data.
SKIP_MODELS = {Session}
USUAL_FIELDS = ["comment", "reason", "transition", "status", "note", "file", "nominee", "vote"]

FUZZ = settings(
    # A deeper run: FUZZ_EXAMPLES=100 pytest tests/thidua/test_fuzz_forms.py
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "12")),
    deadline=None,
    # Shrinking a failure through the web stack can take minutes; the first one is shown.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


@dataclass
class Field:
    name: str
    kind: str  # text, number, date, file, select, checkbox, hidden, textarea…
    options: list[str] = field(default_factory=list)
    value: str = ""


@dataclass
class Form:
    action: str
    fields: dict[str, Field] = field(default_factory=dict)


class FormParser(HTMLParser):
    """The POST forms of a page, with their fields and the options of their selects."""

    def __init__(self, page_url: str):
        super().__init__()
        self.page_url = page_url
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: Field | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                self.form = Form(action=attrs.get("action") or self.page_url)
                self.forms.append(self.form)
            return
        if self.form is None:
            return
        name = attrs.get("name")
        # Buttons outside a <form> point at it with form="id"; inside it they count as fields.
        if tag in ("input", "button") and name:
            kind = (attrs.get("type") or ("submit" if tag == "button" else "text")).lower()
            known = self.form.fields.get(name)
            if known and kind in ("radio", "checkbox", "submit"):
                known.options.append(attrs.get("value", "on"))
            else:
                options = (
                    [attrs.get("value", "on")] if kind in ("radio", "checkbox", "submit") else []
                )
                self.form.fields[name] = Field(name, kind, options, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self.form.fields[name] = Field(name, "textarea")
        elif tag == "select" and name:
            self.select = self.form.fields[name] = Field(name, "select")
        elif tag == "option" and self.select is not None:
            self.select.options.append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None


def post_forms(client, url: str) -> list[Form]:
    response = client.get(url)
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return []
    parser = FormParser(url)
    parser.feed(response.content.decode())
    forms = []
    for form in parser.forms:
        action = form.action.split("#")[0]
        if not action.startswith("/"):
            action = url
        try:
            name = resolve(action.split("?")[0]).view_name
        except Resolver404:  # a link outside the app
            continue
        if name not in SKIP_ACTIONS and not name.startswith("admin:"):
            form.action = action
            forms.append(form)
    return forms


# --- Values --------------------------------------------------------------------------------

UNICODE = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["-1", "0", "1e309", "NaN", "inf", "1,5", "1.5", "0x1F", "٣", "  7 "]),
)
DATES = st.sampled_from(
    [
        "31/02/2026",
        "00/00/0000",
        "01/13/2026",
        "2026-02-30",
        "01/01/0001",
        "31/12/9999",
        "1/1/26",
        "29/02/2025",
        "hôm nay",
        "15/06/2026",
        "2026-06-15",
    ]
)
HUGE = st.sampled_from(["x" * 5000, "Ạ" * 20_000, "9" * 400, "<script>alert(1)</script>"])


def foreign_ids(extra: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(["987654321", "9223372036854775808", "-5", "", *extra])


def files() -> st.SearchStrategy:
    names = st.sampled_from(
        ["to-trinh.pdf", "a.xlsx", "../../etc/passwd", "ảnh.jpg", "x" * 300 + ".pdf", "noext"]
    )
    types = st.sampled_from(["application/pdf", "image/png", "text/html", "", "application/x"])
    content = st.one_of(
        st.binary(max_size=2000),
        st.sampled_from([b"%PDF-1.4\n%%EOF\n", b"PK\x03\x04garbage", b"\x89PNG\r\n\x1a\n"]),
    )
    return st.builds(
        lambda n, c, t: SimpleUploadedFile(n, c, content_type=t), names, content, types
    )


def value_for(f: Field, ids: list[str]) -> st.SearchStrategy:
    anything = st.one_of(UNICODE, NUMBERS, DATES, HUGE, foreign_ids(ids))
    if f.kind == "file":
        return st.one_of(files(), anything)
    if f.options:
        return st.one_of(st.sampled_from(f.options), st.sampled_from(f.options), anything)
    if f.value and f.kind in ("hidden", "submit"):
        return st.one_of(st.just(f.value), st.just(f.value), anything)
    if f.kind in ("number",) or re.search(r"(^|_)(id|pk|year|score|count|value|amount)s?$", f.name):
        return st.one_of(NUMBERS, foreign_ids(ids), anything)
    if f.kind == "date" or "date" in f.name or f.name.endswith(("_on", "_at", "from", "to")):
        return st.one_of(DATES, anything)
    return anything


@st.composite
def form_data(draw, forms: list[Form], ids: list[str]):
    form = draw(st.sampled_from(forms))
    data = {}
    for f in form.fields.values():
        if draw(st.integers(0, 9)) == 0:
            continue  # a missing field
        data[f.name] = draw(value_for(f, ids))
    if draw(st.integers(0, 7)) == 0:
        data[draw(st.sampled_from(USUAL_FIELDS))] = draw(UNICODE)
    return form.action, data


# --- The counts ------------------------------------------------------------------------------


def counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model not in SKIP_MODELS and model._meta.app_label != "axes"
    }


def is_error(response) -> bool:
    if response.status_code >= 400:
        return True
    if response.status_code == 200:
        # A page again (a form with its errors); a file (a PDF printed) is a success.
        return "text/html" in response.get("Content-Type", "")
    queued = getattr(response.wsgi_request, "_messages", None)
    queued = getattr(queued, "_queued_messages", [])
    return any(message.level >= constants.WARNING for message in queued)


# --- The endpoints -------------------------------------------------------------------------

# Pages that show the admin no POST form (lists, read-only pages, files): checked as data by
# test_the_pages_without_a_form_show_none, so that no page is silently skipped.
FORMLESS_PAGES = {
    # A large print's progress block and its file.
    "certificates:print_job",
    "certificates:print_download",
    # Lists, searches and filters (GET forms only). (The home page is not: it shows a new
    # user the first-login tour, whose "hide" is a POST form.)
    "audit_log",
    "units:tree",
    "units:search",
    "units:people",
    "units:clusters",
    "awards:catalogue",
    "awards:legal_documents",
    "awards:proposals",
    "awards:decisions",
    "awards:notifications",
    "awards:sessions",  # no council of the admin's to plan a session for: STATEFUL has one
    "awards:desk",  # no proposal has arrived to assign: STATEFUL has one
    "campaigns:list",
    "campaigns:pledges",
    "campaigns:scoring_home",
    "campaigns:scoring_sheets",
    "certificates:register",
    "certificates:templates",
    "certificates:document_templates",
    # Read-only pages of one object.
    "units:detail",
    "units:person",
    "awards:person_history",
    "awards:unit_history",
    "awards:session_dossier",  # an agenda line's dossier (read-only)
    "campaigns:scoring_trend",
    "campaigns:scoring_round_review",
    "campaigns:scoring_round_review_excel",
    "campaigns:scoring_round_review_pdf",
    "certificates:template_preview",
    "certificates:document_template_preview",
    "campaigns:registration_quota",  # the registration summary's quota lines (a fragment)
    # Files: PDF, Excel, uploads.
    "awards:decision_pdf",
    "awards:decision_signed_file",
    "awards:decision_signed_annex",
    "awards:dossier_file",
    "awards:session_file",
    "awards:decision_attachment",
    "awards:session_attachment",
    "campaigns:attachment",
    "units:cluster_attachment",
    "awards:proposal_export",
    "awards:fund_export",
    "campaigns:export",
    "campaigns:import_template",
    "awards:history_template",
    "campaigns:pledge_pdf",
    "campaigns:pledge_print",
    "campaigns:scoring_attachment",
    "certificates:register_export",
    "certificates:session_minutes",
    "certificates:session_public_notice",
    "certificates:template_calibration",
    "certificates:template_pdf",
    "certificates:document_template_pdf",
    "certificates:submission_pdf",
    "certificates:submission_docx",
    "certificates:decision_draft_pdf",
    "certificates:decision_draft_docx",
    # Forms shown only in another state (the campaign of the matrix has no awards to register
    # nor lines to review, no upload waits, the proposal has no accepted registrations) or
    # sent elsewhere (a sheet in use opens a new version): STATEFUL reaches the first two.
    "campaigns:unit",
    "campaigns:unit_people",
    "campaigns:review",
    "campaigns:import_preview",
    "awards:history_preview",
    "campaigns:proposal_registrations",
    "campaigns:scoring_sheet_edit",
}
PAGES = sorted(name for name, entry in MATRIX.items() if entry.method == "get")
FORM_PAGES = [name for name in PAGES if name not in FORMLESS_PAGES]
POST_ONLY = sorted(name for name, entry in MATRIX.items() if entry.method == "post")


def _foreign_ids(sector) -> list[str]:
    """Ids of real objects the forms may point at, in Long An (another unit) and Lào Cai."""

    other = PersonFactory(full_name="Trần Văn Ngoại", assigned_to=sector.district)
    return [str(other.pk), str(sector.district.pk), str(sector.thads_lao_cai.pk)]


def _fuzz(client, forms, ids):
    @FUZZ
    @given(data=st.data())
    def run(data):
        action, payload = data.draw(form_data(forms, ids))
        before = counts()
        response = client.post(action, payload)
        assert response.status_code != 500
        if is_error(response):
            after = counts()
            changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
            assert not changed, f"{action} answered an error but saved {changed}: {payload}"

    run()


@pytest.mark.parametrize("name", FORM_PAGES)
def test_forms_on_the_page_survive_random_data(name, client, admin_user, sector):
    entry = MATRIX[name]
    kwargs = entry.target(sector) if entry.target else None
    client.force_login(admin_user)
    forms = post_forms(client, reverse(name, kwargs=kwargs))
    assert forms, f"{name} shows no POST form to the admin: add it to FORMLESS_PAGES"
    _fuzz(client, forms, _foreign_ids(sector))


# --- Every field that holds an id, given ids that are not ids ----------------------------------

BAD_IDS = ["abc", "1.5", "-1", "0", "9" * 40, str(2**63), "²", "٣", " 12 ", "1e3", "0x10"]


def holds_id(f: Field) -> bool:
    """A select, radio or checkbox whose choices are ids, a hidden id, or a field named so."""
    if f.kind in ("select", "radio", "checkbox") and f.options:
        return all(option.isdigit() for option in f.options if option)
    if f.kind == "hidden" and f.value.isdigit() and not f.name.endswith("FORMS"):
        return True
    return bool(re.search(r"(^|_)(id|pk)s?$", f.name))


def defaults(form: Form) -> dict[str, str]:
    return {n: (f.options[0] if f.options else f.value) for n, f in form.fields.items()}


def _post_bad_ids(client, forms, ids) -> int:
    posted = 0
    for form in forms:
        for f in [f for f in form.fields.values() if holds_id(f)]:
            for bad in [*BAD_IDS, *ids]:
                before = counts()
                payload = {**defaults(form), f.name: bad}
                response = client.post(form.action, payload)
                assert response.status_code != 500, f"{form.action} {f.name}={bad!r}"
                posted += 1
                if is_error(response):
                    after = counts()
                    changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
                    assert not changed, f"{form.action} {f.name}={bad!r} saved {changed}"
    return posted


@pytest.mark.parametrize("name", FORM_PAGES)
def test_every_id_field_refuses_ids_that_are_not_ids(name, client, admin_user, sector):
    """Non-numeric, fractional, negative, huge, non-ASCII and other units' ids, one field at a
    time, the rest of the form as shown: an error or a refusal, never a 500 nor a partial save."""
    entry = MATRIX[name]
    kwargs = entry.target(sector) if entry.target else None
    client.force_login(admin_user)
    forms = post_forms(client, reverse(name, kwargs=kwargs))
    _post_bad_ids(client, forms, _foreign_ids(sector))


@pytest.mark.parametrize("value", ["abc", "1.5", "²", "9" * 40, "-1"])
def test_planning_a_session_with_a_council_that_is_not_an_id_is_refused(
    value, client, admin_user, sector
):
    """Found by the attack: ``council=abc`` was a ValueError (500) in ``session_create``."""
    CouncilFactory(unit=sector.thads_lao_cai)
    client.force_login(admin_user)
    before = counts()
    response = client.post(
        reverse("awards:session_create"), {"council": value, "date": "12/01/2026"}
    )
    assert response.status_code == 302
    assert [str(m) for m in response.wsgi_request._messages] == ["Chọn Hội đồng của đơn vị bạn."]
    assert counts() == before


@pytest.mark.parametrize("name", sorted(FORMLESS_PAGES))
def test_the_pages_without_a_form_show_none(name, client, admin_user, sector):
    entry = MATRIX[name]
    kwargs = entry.target(sector) if entry.target else None
    client.force_login(admin_user)
    assert post_forms(client, reverse(name, kwargs=kwargs)) == []


@pytest.mark.parametrize("name", POST_ONLY)
def test_post_endpoints_survive_random_data(name, client, admin_user, sector):
    entry = MATRIX[name]
    url = reverse(name, kwargs=entry.target(sector) if entry.target else None)
    fields = {n: Field(n, "text") for n in USUAL_FIELDS}
    fields["file"] = Field("file", "file")
    _fuzz(client, [Form(url, fields)], _foreign_ids(sector))


def test_ids_no_integer_column_can_hold_match_nothing(sector):

    huge = [10**40, -(10**40), 2**63]
    assert list(Unit.objects.filter(pk__in=[*huge, sector.ministry.pk])) == [sector.ministry]
    assert not Unit.objects.filter(pk__in=huge).exists()


# --- Forms shown only in a given state or to a given role -----------------------------------


def _registration_form(sector, users):

    campaign = CampaignFactory(
        launched_by=sector.thads_lao_cai,
        scope_units=[sector.thads_lao_cai],
        awards=[AwardFactory(), AwardFactory()],
    )
    for name in ("Vũ Thị Hoa", "Lý Văn Nam"):
        PersonFactory(full_name=name, assigned_to=sector.thads_lao_cai)
    kwargs = {"pk": campaign.pk, "unit_pk": sector.thads_lao_cai.pk}
    return users["leader_lao_cai"], reverse("campaigns:unit_people", kwargs=kwargs)


def _draft_decision(sector, users):

    decision = DecisionFactory(issuing_unit=sector.thads_lao_cai, status=Decision.Status.DRAFT)
    return users["admin_user"], reverse("awards:decision_detail", args=[decision.pk])


def _council_sessions(sector, users):
    CouncilFactory(unit=sector.thads_lao_cai)
    return users["admin_user"], reverse("awards:sessions")


def _receiving_desk(sector, users):
    data = MATRIX["awards:desk_assign"].payload(sector, {})
    assert data["proposals"]
    return users["admin_user"], reverse("awards:desk")


STATEFUL = {
    "receiving desk": _receiving_desk,
    "registration": _registration_form,
    "draft decision": _draft_decision,
    "council sessions": _council_sessions,
}


@pytest.mark.parametrize("scenario", sorted(STATEFUL))
def test_forms_shown_in_a_state_survive_random_data(
    scenario, client, sector, admin_user, leader_lao_cai
):
    users = {"admin_user": admin_user, "leader_lao_cai": leader_lao_cai}
    user, url = STATEFUL[scenario](sector, users)
    client.force_login(user)
    forms = post_forms(client, url)
    assert forms, f"{url} should show a form to {user}"
    ids = _foreign_ids(sector)
    _post_bad_ids(client, forms, ids)
    _fuzz(client, forms, ids)


def test_a_forged_form_count_builds_no_more_forms_than_allowed(client, admin_user, sector):
    """Found by the fuzzing: TOTAL_FORMS=999… made Django build 1,000+ forms (seconds of CPU)."""

    url = reverse("campaigns:edit", kwargs=MATRIX["campaigns:edit"].target(sector))
    client.force_login(admin_user)
    data = {n: f.value for n, f in post_forms(client, url)[0].fields.items()}
    before = Campaign.objects.values_list("name", flat=True).get()
    response = client.post(url, {**data, "name": "Mới", "targets-TOTAL_FORMS": "9" * 400})
    assert response.status_code == 200
    assert len(response.context["targets"].forms) <= 50
    # In Vietnamese: Django has no Vietnamese for its formset errors.
    assert response.context["targets"].non_form_errors() == ["Chỉ được gửi tối đa 50 dòng."]
    assert Campaign.objects.values_list("name", flat=True).get() == before
