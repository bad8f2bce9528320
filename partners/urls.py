from django.urls import path

from partners import views

app_name = "partners"
urlpatterns = [
    path("", views.partner_index, name="index"),
    path("funding/", views.funding, name="funding"),
    path("take-part/", views.take_part, name="take_part"),
    path("take-part/network/", views.nominate, name="nominate"),
    path("take-part/join-a-hub/", views.join_hub, name="join_hub"),
    path("take-part/new-hub/", views.propose_hub, name="propose_hub"),
    path("take-part/staff-time/", views.offer_staff_time, name="offer_staff_time"),
    path("take-part/confirm/<str:token>/", views.confirm_request, name="confirm_request"),
    path("take-part/status/<str:token>/", views.request_status, name="request_status"),
    path("take-part/nominee/<str:token>/", views.confirm_nominee, name="confirm_nominee"),
]
