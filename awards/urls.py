"""Every URL of awards' pages, grouped by where the project mounts them (``thidua/urls.py``):

- ``urlpatterns``: /awards/, namespace "awards" (the catalogue's pages included);
- ``reports_urlpatterns``: /reports/, namespace "reports";
- ``root_urlpatterns``: the leaders' dashboard, table 0601 and the public list of awards,
  names without a namespace;
- ``campaigns_urlpatterns``: pages joining campaigns to proposals, served under /campaigns/
  in the campaigns namespace (their paths and names predate the move to awards).
"""

from django.urls import include, path, re_path

from awards.desk import views as desk
from awards.fund import views as fund
from awards.history import views as history
from awards.publication import views as publication
from awards.views import (
    attachments,
    council,
    dashboard,
    decisions,
    proposals,
    registrations,
    reports,
    suggestions,
)

app_name = "awards"
urlpatterns = [
    # The award catalogue and the legal registry (awards.catalogue), in this namespace
    path("", include("awards.catalogue.urls")),
    # Proposals, their nominees and dossier files
    path("proposals/", proposals.proposal_list, name="proposals"),
    path("proposals/export/", proposals.proposal_export, name="proposal_export"),
    path("proposals/new/", proposals.proposal_create, name="proposal_create"),
    # The TĐKT office's receiving desk: who appraises each arrived proposal
    path("desk/", desk.desk, name="desk"),
    path("desk/assign/", desk.desk_assign, name="desk_assign"),
    path("proposals/<int:pk>/", proposals.proposal_detail, name="proposal_detail"),
    path(
        "proposals/<int:pk>/transition/",
        proposals.proposal_transition,
        name="proposal_transition",
    ),
    path("proposals/<int:pk>/edit/", proposals.proposal_edit, name="proposal_edit"),
    path(
        "proposals/<int:pk>/forward-up/",
        proposals.proposal_forward_up,
        name="proposal_forward_up",
    ),
    path("proposals/<int:pk>/recheck/", proposals.proposal_recheck, name="proposal_recheck"),
    path("proposals/<int:pk>/nominees/", proposals.nominee_add, name="nominee_add"),
    path("proposals/<int:pk>/files/", proposals.dossier_upload, name="dossier_upload"),
    path("nominees/<int:pk>/remove/", proposals.nominee_remove, name="nominee_remove"),
    path("nominees/<int:pk>/edit/", proposals.nominee_edit, name="nominee_edit"),
    path("nominees/<int:pk>/override/", proposals.nominee_override, name="nominee_override"),
    path("nominees/<int:pk>/recheck/", proposals.nominee_recheck, name="nominee_recheck"),
    path("nominees/<int:pk>/notice/", council.public_notice_start, name="public_notice_start"),
    path("files/<int:pk>/", proposals.dossier_file, name="dossier_file"),
    path("files/<int:pk>/remove/", proposals.dossier_remove, name="dossier_remove"),
    # Council sessions
    path("sessions/", council.session_list, name="sessions"),
    path("sessions/new/", council.session_create, name="session_create"),
    path("sessions/<int:pk>/", council.session_detail, name="session_detail"),
    path("sessions/<int:pk>/agenda/add/", council.session_agenda_add, name="session_agenda_add"),
    path(
        "sessions/<int:pk>/agenda/remove/",
        council.session_agenda_remove,
        name="session_agenda_remove",
    ),
    path(
        "sessions/<int:pk>/transition/",
        council.session_transition,
        name="session_transition",
    ),
    path("sessions/<int:pk>/vote/", council.session_vote, name="session_vote"),
    path(
        "sessions/<int:pk>/nominees/<int:nominee>/",
        council.session_dossier,
        name="session_dossier",
    ),
    path("sessions/<int:pk>/files/<int:file>/", council.session_file, name="session_file"),
    path(
        "sessions/<int:pk>/papers/",
        council.session_attachment_upload,
        name="session_attachment_upload",
    ),
    path(
        "sessions/<int:pk>/papers/<int:file>/",
        attachments.session_attachment,
        name="session_attachment",
    ),
    path(
        "sessions/<int:pk>/papers/<int:file>/remove/",
        attachments.session_attachment_remove,
        name="session_attachment_remove",
    ),
    # Decisions
    path("decisions/", decisions.decision_list, name="decisions"),
    path("decisions/new/", decisions.decision_create, name="decision_create"),
    path("decisions/<int:pk>/", decisions.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/issue/", decisions.decision_issue, name="decision_issue"),
    path("decisions/<int:pk>/correct/", decisions.decision_correct, name="decision_correct"),
    path("decisions/<int:pk>/pdf/", decisions.decision_pdf, name="decision_pdf"),
    path(
        "decisions/<int:pk>/publish/",
        publication.decision_publish,
        name="decision_publish",
    ),
    path(
        "decisions/<int:pk>/signed/",
        decisions.decision_signed_upload,
        name="decision_signed_upload",
    ),
    path(
        "decisions/<int:pk>/signed.pdf",
        decisions.decision_signed_file,
        name="decision_signed_file",
    ),
    # The award fund: ledgers per unit, authority and year (leaders and admins)
    path("fund/", fund.fund_list, name="funds"),
    path("fund/open/", fund.fund_open, name="fund_open"),
    path("fund/<int:pk>/", fund.fund_ledger, name="fund_ledger"),
    path("fund/<int:pk>/allocations/", fund.fund_allocation_add, name="fund_allocation_add"),
    path("fund/<int:pk>/export.xlsx", fund.fund_export, name="fund_export"),
    path(
        "decisions/<int:pk>/papers/",
        decisions.decision_attachment_upload,
        name="decision_attachment_upload",
    ),
    path(
        "decisions/<int:pk>/papers/<int:file>/",
        attachments.decision_attachment,
        name="decision_attachment",
    ),
    path(
        "decisions/<int:pk>/papers/<int:file>/remove/",
        attachments.decision_attachment_remove,
        name="decision_attachment_remove",
    ),
    path(
        "decisions/<int:pk>/signed-annex.pdf",
        decisions.decision_signed_annex,
        name="decision_signed_annex",
    ),
    # Loading past decisions, ratings and initiatives from Excel (admins)
    path("history/import/", history.history_upload, name="history_import"),
    path("history/import/template/", history.history_template, name="history_template"),
    path("history/import/preview/", history.history_preview, name="history_preview"),
    path("history/import/confirm/", history.history_confirm, name="history_confirm"),
    # Award histories and notifications
    path("people/<int:pk>/history/", decisions.person_history, name="person_history"),
    path("units/<int:pk>/history/", decisions.unit_history, name="unit_history"),
    path("notifications/", decisions.notification_list, name="notifications"),
    path(
        "notifications/<int:pk>/read/",
        decisions.notification_read,
        name="notification_read",
    ),
]

reports_urlpatterns = [
    path("", reports.index, name="index"),
    path("export/", reports.export, name="export"),
    path("summary.pdf", reports.summary_pdf, name="summary_pdf"),
    path("report.xlsx", reports.workbook, name="excel"),
    path("statistics/", reports.statistics_view, name="statistics"),
    re_path(r"^jobs/(?P<key>[0-9a-f]{40})/$", reports.progress, name="progress"),
    re_path(r"^files/(?P<key>[0-9a-f]{40})\.(?P<ext>pdf|xlsx)$", reports.download, name="download"),
]

root_urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("reports/0601/", dashboard.campaign_statistics, name="campaign_statistics"),
    # The public list of awards (no login; 404 unless THIDUA_PUBLIC_LIST is on)
    path("cong-khai/", publication.public_awards, name="public_awards"),
]

campaigns_urlpatterns = [
    path("<int:pk>/quota/", registrations.registration_quota, name="registration_quota"),
    path(
        "proposals/<int:pk>/registrations/",
        registrations.proposal_registrations,
        name="proposal_registrations",
    ),
    path(
        "scoring/suggestions/<int:pk>/decide/",
        suggestions.suggestion_decide,
        name="scoring_suggestion_decide",
    ),
]
