"""Scoring and ranking pages, included under ``campaigns/scoring/`` in the campaigns
namespace (names ``campaigns:scoring_*``)."""

from django.urls import path

from campaigns.views import scoring

urlpatterns = [
    path("", scoring.home, name="scoring_home"),
    path("sheets/", scoring.sheet_list, name="scoring_sheets"),
    path("sheets/new/", scoring.sheet_create, name="scoring_sheet_create"),
    path("sheets/<int:pk>/", scoring.sheet_detail, name="scoring_sheet"),
    path("sheets/<int:pk>/edit/", scoring.sheet_edit, name="scoring_sheet_edit"),
    path("sheets/<int:pk>/transition/", scoring.sheet_transition, name="scoring_sheet_transition"),
    path("rounds/new/", scoring.round_create, name="scoring_round_create"),
    path("rounds/<int:pk>/", scoring.round_detail, name="scoring_round"),
    path("rounds/<int:pk>/transition/", scoring.round_transition, name="scoring_round_transition"),
    path("rounds/<int:pk>/review/", scoring.round_review, name="scoring_round_review"),
    path("rounds/<int:pk>/units/<int:unit_pk>/", scoring.scorecard, name="scoring_scorecard"),
    path(
        "rounds/<int:pk>/units/<int:unit_pk>/review/",
        scoring.scorecard_review,
        name="scoring_scorecard_review",
    ),
    path(
        "rounds/<int:pk>/units/<int:unit_pk>/transition/",
        scoring.scorecard_transition,
        name="scoring_scorecard_transition",
    ),
    path("entries/<int:pk>/attachment/", scoring.attachment, name="scoring_attachment"),
    # suggestions/<pk>/decide/ (campaigns:scoring_suggestion_decide) is an awards page:
    # awards.urls.campaigns_urlpatterns.
    path("clusters/<int:pk>/trend/", scoring.trend, name="scoring_trend"),
]
