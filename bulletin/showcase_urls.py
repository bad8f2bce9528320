"""The parliaments' showcase at /<lang>/showcase/: the centre's urls include it with
`path("showcase/", include("bulletin.showcase_urls"))`."""

from django.urls import path

from bulletin import showcase_views

app_name = "showcase"
urlpatterns = [
    path("", showcase_views.library, name="library"),
    path("videos/<int:pk>/", showcase_views.video_detail, name="video"),
    path("propose/", showcase_views.propose, name="propose"),
]
