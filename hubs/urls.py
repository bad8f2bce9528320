from django.urls import path

from hubs import views

app_name = "hubs"
urlpatterns = [
    path("", views.hub_index, name="index"),
    path("editor-invitation/<str:token>/", views.editor_invitation, name="editor_invitation"),
    path("<slug:slug>/", views.hub_detail, name="detail"),
    path("<slug:slug>/workspace/", views.workspace, name="workspace"),
    path("<slug:slug>/workspace/page/", views.workspace_page, name="workspace_page"),
    path("<slug:slug>/workspace/history/", views.workspace_history, name="workspace_history"),
    path(
        "<slug:slug>/workspace/history/<int:pk>/restore/",
        views.workspace_restore,
        name="workspace_restore",
    ),
    path("<slug:slug>/workspace/resources/new/", views.workspace_resource, name="resource_add"),
    path(
        "<slug:slug>/workspace/resources/<int:pk>/", views.workspace_resource, name="resource_edit"
    ),
    path(
        "<slug:slug>/workspace/resources/<int:pk>/delete/",
        views.workspace_resource_delete,
        name="resource_delete",
    ),
    path("<slug:slug>/workspace/updates/new/", views.workspace_update, name="update_add"),
    path("<slug:slug>/workspace/updates/<int:pk>/", views.workspace_update, name="update_edit"),
    path(
        "<slug:slug>/workspace/updates/<int:pk>/delete/",
        views.workspace_update_delete,
        name="update_delete",
    ),
    path(
        "<slug:slug>/workspace/requests/<int:pk>/decide/",
        views.workspace_join_decide,
        name="join_decide",
    ),
    path("<slug:slug>/workspace/invite/", views.workspace_invite, name="workspace_invite"),
]
