from django.urls import path

from awards import views

app_name = "awards"
urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/<int:pk>/", views.award_detail, name="award"),
    path("legal-documents/", views.legal_documents, name="legal_documents"),
]
