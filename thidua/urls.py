from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from awards import urls as awards_urls
from campaigns import urls as campaigns_urls
from thidua import accounts, sso, views
from thidua.api.main import api

# Pages of awards that join campaigns to proposals keep their /campaigns/ paths and names.
campaigns_patterns = campaigns_urls.urlpatterns + awards_urls.campaigns_urlpatterns

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, extra_context={"sso_enabled": sso.enabled}
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/password/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path(
        "account/notifications/",
        accounts.notification_preferences,
        name="notification_preferences",
    ),
    path("password-reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        accounts.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        accounts.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("audit/", views.audit_log, name="audit_log"),
    path("units/", include("units.urls")),
    path("campaigns/", include((campaigns_patterns, campaigns_urls.app_name))),
    path("awards/", include("awards.urls")),
    *awards_urls.root_urlpatterns,
    path("reports/", include((awards_urls.reports_urlpatterns, "reports"))),
    path("certificates/", include("awards.certificates.urls")),
    path("api/v1/", api.urls),
    path("api/", include("thidua.api.urls")),
    path("guide/", include("thidua.guide.urls")),
    path("admin/", admin.site.urls),
    *sso.urlpatterns(),
]

admin.site.site_header = "Thi đua – Khen thưởng ngành Tư pháp"
admin.site.site_title = "Quản trị thi đua – khen thưởng"
admin.site.index_title = "Quản trị"
