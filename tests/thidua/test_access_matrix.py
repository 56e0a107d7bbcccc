"""Every URL the app serves × every role × a user of another unit.

The URL list comes from the URL conf, so a new URL fails ``test_every_url_is_in_the_matrix``
until it is added to ``MATRIX`` with the object it needs. For URLs that take an object id the
object belongs to THADS Lào Cai: its leader, the admin and the ministry's council member
(whose role is on the root of the tree) see it; the staff of a Long An office gets 404
(never 403: existence must not leak).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from awards.certificates import jobs as print_jobs
from awards.certificates.models import CertificateTemplate
from awards.models import CouncilSession, DossierFile, Job, Notification
from awards.reports import cache
from tests.factories import (
    AuthorityFactory,
    CampaignFactory,
    ClusterMembershipFactory,
    CouncilFactory,
    DecisionFactory,
    NomineeFactory,
    PersonFactory,
    PledgeFactory,
    ProposalFactory,
    RegistrationFactory,
)

SKIP_NAMESPACES = {"admin"}
SKIP_NAMES = {"login", "logout", "set_language"}


def _walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns in SKIP_NAMESPACES:
                continue
            yield from _walk(entry.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def served_url_names() -> set[str]:
    return {name for name in _walk(get_resolver().url_patterns) if name not in SKIP_NAMES}


@dataclass(frozen=True)
class Entry:
    """How to reach a URL: ``target(sector)`` returns the kwargs of an object in Lào Cai.

    ``ok`` is the answer of a user allowed to act (200 for pages, 302 for POST actions that
    redirect back); ``answers`` overrides it per role where a role may see but not act (403).
    """

    target: Callable | None = None
    method: str = "get"
    ok: int = 200
    answers: tuple[tuple[str, int], ...] = ()

    def expected(self, role: str, default: int) -> int:
        return dict(self.answers).get(role, self.ok if default == 200 else default)


def _unit(sector):
    return {"pk": sector.thads_lao_cai.pk}


def _person(sector):
    return {"pk": PersonFactory(full_name="Hoàng Thị Mai", assigned_to=sector.thads_lao_cai).pk}


def _cluster(sector):

    return {"pk": ClusterMembershipFactory(unit=sector.thads_lao_cai).cluster.pk}


def _campaign(sector):

    return CampaignFactory(launched_by=sector.thads_lao_cai, scope_units=[sector.thads_lao_cai])


def _campaign_pk(sector):
    return {"pk": _campaign(sector).pk}


def _campaign_unit(sector):
    return {"pk": _campaign(sector).pk, "unit_pk": sector.thads_lao_cai.pk}


def _registration(sector):

    return {"pk": RegistrationFactory(campaign=_campaign(sector), unit=sector.thads_lao_cai).pk}


def _pledge(sector):

    membership = ClusterMembershipFactory(unit=sector.thads_lao_cai, role="leader")
    return {"pk": PledgeFactory(cluster=membership.cluster, year=2026).pk}


POST = {"method": "post", "ok": 302}
# Launching a campaign or a pledge is for admins and leaders of a grouping's leader unit.
LAUNCHERS_ONLY = (("staff_long_an", 403), ("council_member", 403), ("leader_lao_cai", 403))
# Editing is for leaders of the owning unit and admins; the council can see but not edit.
COUNCIL_CANNOT_EDIT = (("council_member", 403),)

MATRIX: dict[str, Entry] = {
    "home": Entry(),
    # The audit log is the TĐKT office's: everyone else gets 404, as for a foreign object.
    "audit_log": Entry(answers=tuple((role, 404) for role, _code in LAUNCHERS_ONLY)),
    "units:tree": Entry(),
    "units:search": Entry(),
    "units:people": Entry(),
    "units:clusters": Entry(),
    "units:detail": Entry(_unit),
    "units:person": Entry(_person),
    "units:cluster": Entry(_cluster),
    # The award catalogue and the legal registry are the same for everyone signed in.
    "awards:catalogue": Entry(),
    "awards:legal_documents": Entry(),
    "campaigns:list": Entry(),
    "campaigns:pledges": Entry(),
    "campaigns:create": Entry(answers=LAUNCHERS_ONLY),
    "campaigns:pledge_create": Entry(answers=LAUNCHERS_ONLY),
    "campaigns:detail": Entry(_campaign_pk),
    "campaigns:review": Entry(_campaign_pk),
    "campaigns:edit": Entry(_campaign_pk, answers=COUNCIL_CANNOT_EDIT),
    "campaigns:transition": Entry(_campaign_pk, **POST),
    "campaigns:unit": Entry(_campaign_unit),
    "campaigns:unit_people": Entry(_campaign_unit),
    "campaigns:unit_submit": Entry(_campaign_unit, **POST),
    "campaigns:registration": Entry(_registration),
    "campaigns:registration_edit": Entry(_registration, answers=COUNCIL_CANNOT_EDIT),
    "campaigns:registration_transition": Entry(_registration, **POST),
    "campaigns:registration_delete": Entry(_registration, **POST),
    "campaigns:pledge": Entry(_pledge),
    "campaigns:pledge_edit": Entry(_pledge, answers=COUNCIL_CANNOT_EDIT),
    "campaigns:pledge_sign": Entry(_pledge, **POST),
    "campaigns:pledge_print": Entry(_pledge),
    "campaigns:pledge_pdf": Entry(_pledge),
    # Excel: leaders and admins export; the unit's staff and leaders import; anyone who sees
    # the unit downloads its template. Without an upload waiting, the preview and the
    # confirmation send back to the upload page.
    "campaigns:export": Entry(_campaign_pk, answers=COUNCIL_CANNOT_EDIT),
    "campaigns:import_template": Entry(_campaign_unit),
    "campaigns:import": Entry(_campaign_unit, answers=COUNCIL_CANNOT_EDIT),
    "campaigns:import_preview": Entry(_campaign_unit, ok=302, answers=COUNCIL_CANNOT_EDIT),
    "campaigns:import_confirm": Entry(_campaign_unit, **POST, answers=COUNCIL_CANNOT_EDIT),
}

# Scoring and ranking: the objects of Lào Cai are built in tests/campaigns/scoring/matrix.py.
# Sheets are written by admins only (the admin is sent from a published sheet's edit page to
# the sheet); a round is opened by admins and grouping leaders; only reviewers (the leader
# unit's leaders, the panel, admins) open the review page.
from tests.campaigns.scoring import matrix as scoring  # noqa: E402

NOT_ADMIN = (("staff_long_an", 403), ("council_member", 403), ("leader_lao_cai", 403))
MATRIX |= {
    "campaigns:scoring_home": Entry(),
    "campaigns:scoring_sheets": Entry(),
    "campaigns:scoring_sheet_create": Entry(answers=NOT_ADMIN),
    "campaigns:scoring_round_create": Entry(answers=LAUNCHERS_ONLY),
    "campaigns:scoring_sheet": Entry(scoring.sheet),
    "campaigns:scoring_sheet_edit": Entry(
        scoring.sheet, answers=(*NOT_ADMIN[1:], ("admin_user", 302))
    ),
    "campaigns:scoring_sheet_transition": Entry(scoring.sheet, **POST),
    "campaigns:scoring_round": Entry(scoring.scoring_round),
    "campaigns:scoring_round_transition": Entry(scoring.scoring_round, **POST),
    "campaigns:scoring_round_review": Entry(scoring.scoring_round),
    "campaigns:scoring_scorecard": Entry(scoring.scorecard),
    "campaigns:scoring_scorecard_review": Entry(scoring.scorecard, answers=COUNCIL_CANNOT_EDIT),
    "campaigns:scoring_scorecard_transition": Entry(scoring.scorecard, **POST),
    "campaigns:scoring_attachment": Entry(scoring.entry),
    "campaigns:scoring_suggestion_decide": Entry(scoring.suggestion, **POST),
    "campaigns:scoring_trend": Entry(scoring.cluster),
}


# Proposals, councils, decisions: objects of Lào Cai. POST actions a role may not take answer
# with a message and a redirect (302); refused forms re-render the proposal page (200).
def _proposal(sector):

    return ProposalFactory(proposing_unit=sector.thads_lao_cai, authority=AuthorityFactory())


def _proposal_pk(sector):
    return {"pk": _proposal(sector).pk}


def _nominee_pk(sector):

    return {"pk": NomineeFactory(proposal=_proposal(sector)).pk}


def _dossier_file(sector):

    stored = DossierFile.objects.create(
        proposal=_proposal(sector),
        kind=DossierFile.Kind.SUBMISSION,
        file=SimpleUploadedFile("matrix.pdf", b"%PDF-1.4\n%%EOF\n"),
        original_name="to-trinh.pdf",
        size=15,
        content_type="application/pdf",
    )
    return {"pk": stored.pk}


def _session(sector):

    council = CouncilFactory(unit=sector.thads_lao_cai)
    return {
        "pk": CouncilSession.objects.create(council=council, date=datetime.date(2026, 1, 10)).pk
    }


def _decision(sector):

    return {"pk": DecisionFactory(issuing_unit=sector.thads_lao_cai).pk}


def _print_job(sector):
    """A finished background print of a Lào Cai decision, its file stored."""
    key = "ab" * 20
    decision = _decision(sector)["pk"]
    params = {"decision": decision, "conferments": [], "blank": False}
    Job.objects.create(key=key, kind=print_jobs.KIND, params=params, status="done")
    cache.store(key, "pdf", b"%PDF-1.4 test", meta={"decision": decision})
    return {"key": key}


def _notification(sector):

    return {"pk": Notification.objects.create(unit=sector.thads_lao_cai, text="Thông báo").pk}


FORM_POST = {"method": "post", "ok": 200}
MATRIX |= {
    "campaigns:proposal_registrations": Entry(_proposal_pk, answers=(("council_member", 302),)),
    "awards:proposals": Entry(),
    "awards:proposal_create": Entry(),
    "awards:proposal_detail": Entry(_proposal_pk),
    "awards:proposal_transition": Entry(_proposal_pk, **POST),
    # Only the proposing unit's staff and leaders (and admins) get the edit form; the council
    # member sees the proposal and is sent back to it with a message.
    "awards:proposal_edit": Entry(_proposal_pk, answers=(("council_member", 302),)),
    "awards:proposal_forward_up": Entry(_proposal_pk, **POST),
    "awards:nominee_edit": Entry(_nominee_pk, **POST),
    "awards:dossier_remove": Entry(_dossier_file, **POST),
    "awards:nominee_add": Entry(_proposal_pk, **FORM_POST),
    "awards:dossier_upload": Entry(_proposal_pk, **FORM_POST),
    "awards:nominee_remove": Entry(_nominee_pk, **POST),
    "awards:nominee_override": Entry(_nominee_pk, **POST),
    "awards:public_notice_start": Entry(_nominee_pk, **POST),
    "awards:dossier_file": Entry(_dossier_file),
    "awards:sessions": Entry(),
    "awards:session_create": Entry(**POST),
    "awards:session_detail": Entry(_session),
    "awards:session_agenda_add": Entry(_session, **POST),
    "awards:session_agenda_remove": Entry(_session, **POST),
    "awards:session_transition": Entry(_session, **POST),
    "awards:session_vote": Entry(_session, **POST),
    "awards:decisions": Entry(),
    "awards:decision_create": Entry(),
    "awards:decision_detail": Entry(_decision),
    "awards:decision_issue": Entry(_decision, **POST),
    "awards:decision_correct": Entry(_decision, **POST),
    "awards:decision_pdf": Entry(_decision),
    "awards:person_history": Entry(_person),
    "awards:unit_history": Entry(_unit),
    "awards:notifications": Entry(),
    "awards:notification_read": Entry(_notification, **POST),
}


# Certificates: a decision of Lào Cai is printed by its leaders and admins (the council sees it
# but may not print); templates are the TĐKT office's (admins), whatever unit they hold.
def _certificate_template(sector):

    template, _created = CertificateTemplate.objects.get_or_create(kind="bang_khen", award=None)
    return {"pk": template.pk}


ADMINS_ONLY = (("staff_long_an", 403), ("council_member", 403), ("leader_lao_cai", 403))
MATRIX |= {
    "certificates:decision": Entry(_decision, answers=COUNCIL_CANNOT_EDIT),
    "certificates:decision_print": Entry(_decision, **POST, answers=COUNCIL_CANNOT_EDIT),
    "certificates:print_job": Entry(_print_job, answers=COUNCIL_CANNOT_EDIT),
    "certificates:print_download": Entry(_print_job, answers=COUNCIL_CANNOT_EDIT),
    "certificates:register": Entry(),
    "certificates:register_export": Entry(),
    "certificates:templates": Entry(answers=NOT_ADMIN),
    "certificates:template_create": Entry(answers=NOT_ADMIN),
    "certificates:template_edit": Entry(_certificate_template, answers=ADMINS_ONLY),
    # A kind's default is never deleted: the admin is sent back to it with the reason.
    "certificates:template_delete": Entry(_certificate_template, **POST, answers=ADMINS_ONLY),
    "certificates:template_preview": Entry(_certificate_template, answers=ADMINS_ONLY),
    "certificates:template_pdf": Entry(_certificate_template, answers=ADMINS_ONLY),
    "certificates:template_calibration": Entry(_certificate_template, answers=ADMINS_ONLY),
    "certificates:template_placements": Entry(_certificate_template, answers=ADMINS_ONLY),
    "certificates:session_public_notice": Entry(_session),
    "certificates:template_background": Entry(_certificate_template, **POST, answers=ADMINS_ONLY),
}


# Catalogue pages take an award id, not an object of a unit: visible to every role.
PUBLIC_OBJECT_URLS = {"awards:award"}


# Reports and the dashboard take a scope in the query string, not an id in the path: a leader
# reports on the units they lead, an admin on anything; staff and council members get 404.
def _lao_cai_year(sector, **extra):
    return {"scope": f"unit:{sector.thads_lao_cai.pk}", "start": 2025, "year": 2025, **extra}


@dataclass(frozen=True)
class ReportEntry:
    query: Callable
    method: str = "get"
    ok: int = 200
    kwargs: dict | None = None


NO_SUCH_KEY = {"key": "0" * 40}
REPORT_URLS: dict[str, ReportEntry] = {
    "dashboard": ReportEntry(_lao_cai_year),
    "reports:index": ReportEntry(_lao_cai_year),
    "reports:summary_pdf": ReportEntry(_lao_cai_year),
    "reports:excel": ReportEntry(_lao_cai_year),
    "reports:statistics": ReportEntry(lambda sector: _lao_cai_year(sector, form="0602")),
    "campaign_statistics": ReportEntry(lambda sector: _lao_cai_year(sector, form="0601")),
    # A small scope is rendered in the request and the browser is sent to the file.
    "reports:export": ReportEntry(_lao_cai_year, method="post", ok=302),
    # No job or file is stored under this key: nobody finds it.
    "reports:progress": ReportEntry(_lao_cai_year, ok=404, kwargs=NO_SUCH_KEY),
    "reports:download": ReportEntry(_lao_cai_year, ok=404, kwargs={**NO_SUCH_KEY, "ext": "pdf"}),
}
REPORTERS = {"leader_lao_cai", "admin_user"}
ROLES = ["staff_long_an", "leader_lao_cai", "council_member", "admin_user"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(REPORT_URLS))
def test_reports_answer_leaders_and_admins_only(name, role, request, client, sector, settings):
    settings.MEDIA_ROOT = request.getfixturevalue("tmp_path")
    entry = REPORT_URLS[name]
    client.force_login(request.getfixturevalue(role))
    send = client.post if entry.method == "post" else client.get
    response = send(reverse(name, kwargs=entry.kwargs), entry.query(sector))
    assert response.status_code == (entry.ok if role in REPORTERS else 404)


def test_every_url_is_in_the_matrix():
    missing = served_url_names() - set(MATRIX) - PUBLIC_OBJECT_URLS - set(REPORT_URLS)
    assert not missing, f"add these URLs to tests/thidua/test_access_matrix.py: {sorted(missing)}"


LIST_URLS = sorted(name for name, entry in MATRIX.items() if entry.target is None)
OBJECT_URLS = sorted(name for name, entry in MATRIX.items() if entry.target is not None)


def _call(client, name, entry, kwargs=None):
    return getattr(client, entry.method)(reverse(name, kwargs=kwargs))


@pytest.mark.parametrize("name", LIST_URLS + OBJECT_URLS)
def test_anonymous_users_are_sent_to_login(name, client, sector):
    entry = MATRIX[name]
    kwargs = entry.target(sector) if entry.target else None
    response = _call(client, name, entry, kwargs)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", LIST_URLS)
def test_list_pages_answer_every_role(name, role, request, client):
    client.force_login(request.getfixturevalue(role))
    entry = MATRIX[name]
    assert _call(client, name, entry).status_code == entry.expected(role, 200)


@pytest.mark.parametrize(
    ("role", "expected"),
    [("leader_lao_cai", 200), ("admin_user", 200), ("council_member", 200), ("staff_long_an", 404)],
)
@pytest.mark.parametrize("name", OBJECT_URLS)
def test_object_pages_are_404_outside_the_users_subtree(
    name, role, expected, request, client, sector
):
    entry = MATRIX[name]
    kwargs = entry.target(sector)
    client.force_login(request.getfixturevalue(role))
    assert _call(client, name, entry, kwargs).status_code == entry.expected(role, expected)


@pytest.mark.parametrize("name", OBJECT_URLS)
def test_unknown_ids_are_404(name, client, admin_user, sector):
    entry = MATRIX[name]
    unknown = {"key": "0" * 40}  # keys are hex digests; every other kwarg is an id
    kwargs = {arg: unknown.get(arg, 987654321) for arg in entry.target(sector)}
    client.force_login(admin_user)
    assert _call(client, name, entry, kwargs).status_code == 404
