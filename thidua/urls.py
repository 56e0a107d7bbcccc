from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from thidua import dashboard, views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("audit/", views.audit_log, name="audit_log"),
    path("units/", include("units.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("awards/", include("awards.urls")),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("reports/0601/", dashboard.campaign_statistics, name="campaign_statistics"),
    path("reports/", include("awards.report_urls")),
    path("certificates/", include("awards.certificates.urls")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "Thi đua – Khen thưởng ngành Tư pháp"
admin.site.site_title = "Quản trị thi đua – khen thưởng"
admin.site.index_title = "Quản trị"
