from django.urls import path

from conferences import views

app_name = "conferences"
urlpatterns = [
    path("", views.event_index, name="index"),
    path("<slug:slug>/", views.event_detail, name="detail"),
]
