"""Scoring and ranking pages, included under ``campaigns/scoring/`` in the campaigns
namespace (names ``campaigns:scoring_*``)."""

from django.urls import path

from campaigns.scoring import views

urlpatterns = [
    path("", views.home, name="scoring_home"),
    path("sheets/", views.sheet_list, name="scoring_sheets"),
    path("sheets/new/", views.sheet_create, name="scoring_sheet_create"),
    path("sheets/<int:pk>/", views.sheet_detail, name="scoring_sheet"),
    path("sheets/<int:pk>/edit/", views.sheet_edit, name="scoring_sheet_edit"),
    path("sheets/<int:pk>/transition/", views.sheet_transition, name="scoring_sheet_transition"),
    path("rounds/new/", views.round_create, name="scoring_round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="scoring_round"),
    path("rounds/<int:pk>/transition/", views.round_transition, name="scoring_round_transition"),
    path("rounds/<int:pk>/review/", views.round_review, name="scoring_round_review"),
    path("rounds/<int:pk>/conference/", views.conference, name="scoring_conference"),
    path(
        "rounds/<int:pk>/review.xlsx",
        views.round_review_excel,
        name="scoring_round_review_excel",
    ),
    path("rounds/<int:pk>/review.pdf", views.round_review_pdf, name="scoring_round_review_pdf"),
    path("rounds/<int:pk>/units/<int:unit_pk>/", views.scorecard, name="scoring_scorecard"),
    path(
        "rounds/<int:pk>/units/<int:unit_pk>/review/",
        views.scorecard_review,
        name="scoring_scorecard_review",
    ),
    path(
        "rounds/<int:pk>/units/<int:unit_pk>/transition/",
        views.scorecard_transition,
        name="scoring_scorecard_transition",
    ),
    path("entries/<int:pk>/attachment/", views.attachment, name="scoring_attachment"),
    # suggestions/<pk>/decide/ (campaigns:scoring_suggestion_decide) is an awards page:
    # awards.urls.campaigns_urlpatterns.
    path("clusters/<int:pk>/trend/", views.trend, name="scoring_trend"),
]
