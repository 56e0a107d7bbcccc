from django.urls import path

from awards import views, views_council, views_decisions, views_proposals

app_name = "awards"
urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/<int:pk>/", views.award_detail, name="award"),
    path("legal-documents/", views.legal_documents, name="legal_documents"),
    # Proposals, their nominees and dossier files
    path("proposals/", views_proposals.proposal_list, name="proposals"),
    path("proposals/new/", views_proposals.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", views_proposals.proposal_detail, name="proposal_detail"),
    path(
        "proposals/<int:pk>/transition/",
        views_proposals.proposal_transition,
        name="proposal_transition",
    ),
    path("proposals/<int:pk>/edit/", views_proposals.proposal_edit, name="proposal_edit"),
    path(
        "proposals/<int:pk>/forward-up/",
        views_proposals.proposal_forward_up,
        name="proposal_forward_up",
    ),
    path("proposals/<int:pk>/nominees/", views_proposals.nominee_add, name="nominee_add"),
    path("proposals/<int:pk>/files/", views_proposals.dossier_upload, name="dossier_upload"),
    path("nominees/<int:pk>/remove/", views_proposals.nominee_remove, name="nominee_remove"),
    path("nominees/<int:pk>/edit/", views_proposals.nominee_edit, name="nominee_edit"),
    path("nominees/<int:pk>/override/", views_proposals.nominee_override, name="nominee_override"),
    path(
        "nominees/<int:pk>/notice/", views_council.public_notice_start, name="public_notice_start"
    ),
    path("files/<int:pk>/", views_proposals.dossier_file, name="dossier_file"),
    path("files/<int:pk>/remove/", views_proposals.dossier_remove, name="dossier_remove"),
    # Council sessions
    path("sessions/", views_council.session_list, name="sessions"),
    path("sessions/new/", views_council.session_create, name="session_create"),
    path("sessions/<int:pk>/", views_council.session_detail, name="session_detail"),
    path(
        "sessions/<int:pk>/agenda/add/", views_council.session_agenda_add, name="session_agenda_add"
    ),
    path(
        "sessions/<int:pk>/agenda/remove/",
        views_council.session_agenda_remove,
        name="session_agenda_remove",
    ),
    path(
        "sessions/<int:pk>/transition/",
        views_council.session_transition,
        name="session_transition",
    ),
    path("sessions/<int:pk>/vote/", views_council.session_vote, name="session_vote"),
    # Decisions
    path("decisions/", views_decisions.decision_list, name="decisions"),
    path("decisions/new/", views_decisions.decision_create, name="decision_create"),
    path("decisions/<int:pk>/", views_decisions.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/issue/", views_decisions.decision_issue, name="decision_issue"),
    path("decisions/<int:pk>/correct/", views_decisions.decision_correct, name="decision_correct"),
    path("decisions/<int:pk>/pdf/", views_decisions.decision_pdf, name="decision_pdf"),
    # Award histories and notifications
    path("people/<int:pk>/history/", views_decisions.person_history, name="person_history"),
    path("units/<int:pk>/history/", views_decisions.unit_history, name="unit_history"),
    path("notifications/", views_decisions.notification_list, name="notifications"),
    path(
        "notifications/<int:pk>/read/",
        views_decisions.notification_read,
        name="notification_read",
    ),
]
