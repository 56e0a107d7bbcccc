from django.urls import path

from thidua.api import views

app_name = "api_tokens"
urlpatterns = [
    path("tokens/", views.token_list, name="list"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="revoke"),
]
