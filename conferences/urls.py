from django.urls import path

from conferences import views

app_name = "conferences"
urlpatterns = [
    path("", views.event_index, name="index"),
    path("my-registrations/", views.my_registrations, name="my_registrations"),
    path(
        "my-registrations/export.json",
        views.my_registrations_export,
        name="my_registrations_export",
    ),
    path(
        "my-registrations/<int:pk>/agenda.ics",
        views.my_registration_agenda,
        name="my_registration_agenda",
    ),
    path(
        "my-registrations/<int:pk>/delete/",
        views.my_registration_delete,
        name="my_registration_delete",
    ),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/calendar.ics", views.event_calendar, name="calendar"),
    path(
        "<slug:slug>/sessions/<int:pk>/calendar.ics",
        views.session_calendar,
        name="session_calendar",
    ),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/register/individual/", views.individual_register, name="individual_register"),
    path(
        "<slug:slug>/register/invitation/<str:token>/",
        views.claim_invitation,
        name="claim_invitation",
    ),
    path("<slug:slug>/register/<str:code>/", views.delegation, name="delegation"),
    path(
        "<slug:slug>/register/<str:code>/<int:pk>/",
        views.registration_edit,
        name="registration_edit",
    ),
    path(
        "<slug:slug>/register/<str:code>/<int:pk>/cancel/",
        views.registration_cancel,
        name="registration_cancel",
    ),
]
