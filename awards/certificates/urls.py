from django.urls import path, re_path

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
]
