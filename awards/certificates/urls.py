from django.urls import path, re_path

from awards.certificates import document_views as documents
from awards.certificates import views

app_name = "certificates"
urlpatterns = [
    path("decisions/<int:pk>/", views.decision_certificates, name="decision"),
    path("decisions/<int:pk>/print/", views.decision_print, name="decision_print"),
    re_path(r"^jobs/(?P<key>[0-9a-f]{40})/$", views.print_job, name="print_job"),
    re_path(r"^jobs/(?P<key>[0-9a-f]{40})\.pdf$", views.print_download, name="print_download"),
    path("register/", views.register, name="register"),
    path("register/export/", views.register_export, name="register_export"),
    path("templates/", views.template_list, name="templates"),
    path("templates/new/", views.template_create, name="template_create"),
    path("templates/<int:pk>/", views.template_edit, name="template_edit"),
    path("templates/<int:pk>/delete/", views.template_delete, name="template_delete"),
    path("templates/<int:pk>/preview/", views.template_preview, name="template_preview"),
    path("templates/<int:pk>/sample.pdf", views.template_pdf, name="template_pdf"),
    path(
        "templates/<int:pk>/calibration.pdf",
        views.template_calibration,
        name="template_calibration",
    ),
    path("templates/<int:pk>/blank/", views.template_placements, name="template_placements"),
    path("templates/<int:pk>/background/", views.template_background, name="template_background"),
    path(
        "sessions/<int:pk>/public-notice.pdf",
        views.session_public_notice,
        name="session_public_notice",
    ),
    path("sessions/<int:pk>/minutes.pdf", views.session_minutes, name="session_minutes"),
    # Drafted documents of a proposal, and their templates (admins)
    path("proposals/<int:pk>/to-trinh.pdf", documents.submission_pdf, name="submission_pdf"),
    path("proposals/<int:pk>/to-trinh.docx", documents.submission_docx, name="submission_docx"),
    path(
        "proposals/<int:pk>/du-thao-quyet-dinh.pdf",
        documents.decision_draft_pdf,
        name="decision_draft_pdf",
    ),
    path(
        "proposals/<int:pk>/du-thao-quyet-dinh.docx",
        documents.decision_draft_docx,
        name="decision_draft_docx",
    ),
    path("documents/", documents.template_list, name="document_templates"),
    path("documents/new/", documents.template_create, name="document_template_create"),
    path("documents/<int:pk>/", documents.template_edit, name="document_template_edit"),
    path(
        "documents/<int:pk>/delete/",
        documents.template_delete,
        name="document_template_delete",
    ),
    path(
        "documents/<int:pk>/preview/",
        documents.template_preview,
        name="document_template_preview",
    ),
    path("documents/<int:pk>/sample.pdf", documents.template_pdf, name="document_template_pdf"),
]
