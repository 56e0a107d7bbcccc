from django.urls import path

from units import views

app_name = "units"
urlpatterns = [
    path("", views.unit_tree, name="tree"),
    path("search/", views.search, name="search"),
    path("people/", views.person_list, name="people"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("clusters/", views.cluster_list, name="clusters"),
    path("clusters/<int:pk>/", views.cluster_detail, name="cluster"),
    path(
        "clusters/<int:pk>/files/",
        views.cluster_attachment_upload,
        name="cluster_attachment_upload",
    ),
    path(
        "clusters/<int:pk>/files/<int:file>/", views.cluster_attachment, name="cluster_attachment"
    ),
    path(
        "clusters/<int:pk>/files/<int:file>/remove/",
        views.cluster_attachment_remove,
        name="cluster_attachment_remove",
    ),
    path("<int:pk>/", views.unit_detail, name="detail"),
]
