"""Catalogue pages; ``awards/urls.py`` includes them, so their names stay ``awards:catalogue``,
``awards:award`` and ``awards:legal_documents``."""

from django.urls import path

from awards.catalogue import views

urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/<int:pk>/", views.award_detail, name="award"),
    path("legal-documents/", views.legal_documents, name="legal_documents"),
]
