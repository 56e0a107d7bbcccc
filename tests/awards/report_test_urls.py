"""The project's URLs plus the report and dashboard routes, until the project includes them."""

from django.urls import include, path

from thidua import dashboard
from thidua.urls import urlpatterns as project_urlpatterns

_names = {getattr(p, "namespace", None) or getattr(p, "name", None) for p in project_urlpatterns}

urlpatterns = list(project_urlpatterns)
if "campaign_statistics" not in _names:
    urlpatterns.append(
        path("reports/0601/", dashboard.campaign_statistics, name="campaign_statistics")
    )
if "reports" not in _names:
    urlpatterns.append(path("reports/", include("awards.report_urls")))
if "dashboard" not in _names:
    urlpatterns.append(path("dashboard/", dashboard.dashboard, name="dashboard"))
