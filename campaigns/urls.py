from django.urls import include, path

from campaigns.views import attachments, campaigns, drafts, imports, pledges, registrations, review

app_name = "campaigns"
urlpatterns = [
    path("", campaigns.campaign_list, name="list"),
    path("new/", campaigns.campaign_create, name="create"),
    path("<int:pk>/", campaigns.campaign_detail, name="detail"),
    path("<int:pk>/edit/", campaigns.campaign_edit, name="edit"),
    path("<int:pk>/transition/", campaigns.campaign_transition, name="transition"),
    path("<int:pk>/files/", campaigns.attachment_upload, name="attachment_upload"),
    path("<int:pk>/files/<int:file>/", attachments.attachment_file, name="attachment"),
    path(
        "<int:pk>/files/<int:file>/remove/",
        attachments.attachment_remove,
        name="attachment_remove",
    ),
    path("<int:pk>/review/", review.review, name="review"),
    path("<int:pk>/review/bulk/", review.review_bulk, name="review_bulk"),
    path("<int:pk>/units/<int:unit_pk>/drafts/", drafts.unit_drafts, name="unit_drafts"),
    path(
        "<int:pk>/units/<int:unit_pk>/drafts/send/",
        drafts.unit_drafts_send,
        name="unit_drafts_send",
    ),
    path(
        "<int:pk>/clusters/<int:cluster_pk>/drafts/", drafts.cluster_drafts, name="cluster_drafts"
    ),
    path(
        "<int:pk>/clusters/<int:cluster_pk>/drafts/send/",
        drafts.cluster_drafts_send,
        name="cluster_drafts_send",
    ),
    path("<int:pk>/units/<int:unit_pk>/", registrations.unit_registrations, name="unit"),
    path("<int:pk>/units/<int:unit_pk>/people/", registrations.unit_people, name="unit_people"),
    path("<int:pk>/units/<int:unit_pk>/submit/", registrations.unit_submit, name="unit_submit"),
    path("<int:pk>/export/", imports.export, name="export"),
    path("<int:pk>/units/<int:unit_pk>/import/", imports.import_upload, name="import"),
    path(
        "<int:pk>/units/<int:unit_pk>/import/template/",
        imports.import_template,
        name="import_template",
    ),
    path(
        "<int:pk>/units/<int:unit_pk>/import/preview/",
        imports.import_preview,
        name="import_preview",
    ),
    path(
        "<int:pk>/units/<int:unit_pk>/import/confirm/",
        imports.import_confirm,
        name="import_confirm",
    ),
    path("registrations/<int:pk>/", registrations.registration_detail, name="registration"),
    path("registrations/<int:pk>/edit/", registrations.registration_edit, name="registration_edit"),
    path(
        "registrations/<int:pk>/transition/",
        registrations.registration_transition,
        name="registration_transition",
    ),
    path(
        "registrations/<int:pk>/delete/",
        registrations.registration_delete,
        name="registration_delete",
    ),
    # proposals/<pk>/registrations/ (accepted registrations → nominees of a draft award
    # proposal) is an awards page: awards.urls.campaigns_urlpatterns.
    path("pledges/", pledges.pledge_list, name="pledges"),
    path("pledges/new/", pledges.pledge_create, name="pledge_create"),
    path("pledges/<int:pk>/", pledges.pledge_detail, name="pledge"),
    path("pledges/<int:pk>/edit/", pledges.pledge_edit, name="pledge_edit"),
    path("pledges/<int:pk>/sign/", pledges.pledge_sign, name="pledge_sign"),
    path("pledges/<int:pk>/print/", pledges.pledge_print, name="pledge_print"),
    path("pledges/<int:pk>/pdf/", pledges.pledge_pdf, name="pledge_pdf"),
]

urlpatterns += [
    # Scoring and ranking: campaigns/scoring/urls.py (names campaigns:scoring_*).
    path("scoring/", include("campaigns.scoring.urls")),
]
