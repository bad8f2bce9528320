from django.urls import path

from bulletin import views

app_name = "bulletin"
urlpatterns = [path("", views.issue_archive, name="archive")]
