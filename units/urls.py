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
    path("<int:pk>/", views.unit_detail, name="detail"),
]
