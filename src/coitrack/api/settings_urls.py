"""Settings > API tokens (mounted at the site root beside the other Settings pages)."""

from django.urls import path

from coitrack.api import views

app_name = "api_tokens"
urlpatterns = [
    path("settings/api-tokens/", views.token_list, name="list"),
    path("settings/api-tokens/new/", views.token_create, name="create"),
    path("settings/api-tokens/<int:pk>/revoke/", views.token_revoke, name="revoke"),
]
