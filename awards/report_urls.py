"""Report URLs; the project includes them at /reports/ with the namespace "reports"."""

from django.urls import path, re_path

from awards import report_views as views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("export/", views.export, name="export"),
    path("summary.pdf", views.summary_pdf, name="summary_pdf"),
    path("report.xlsx", views.workbook, name="excel"),
    path("statistics/", views.statistics_view, name="statistics"),
    re_path(r"^jobs/(?P<key>[0-9a-f]{40})/$", views.progress, name="progress"),
    re_path(r"^files/(?P<key>[0-9a-f]{40})\.(?P<ext>pdf|xlsx)$", views.download, name="download"),
]
