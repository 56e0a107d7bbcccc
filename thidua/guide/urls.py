from django.urls import path

from thidua.guide import views

app_name = "guide"
urlpatterns = [
    path("", views.index, name="index"),
    path("tour/dismiss/", views.tour_dismiss_view, name="tour_dismiss"),
    path("<slug:slug>/", views.page, name="page"),
]
