"""Settings > Webhooks (mounted at the site root beside the other Settings pages)."""

from django.urls import path

from coitrack.webhooks import views

app_name = "webhooks"
urlpatterns = [
    path("settings/webhooks/", views.endpoint_list, name="list"),
    path("settings/webhooks/new/", views.endpoint_create, name="create"),
    path("settings/webhooks/<int:pk>/", views.endpoint_detail, name="detail"),
    path("settings/webhooks/<int:pk>/edit/", views.endpoint_edit, name="edit"),
    path("settings/webhooks/<int:pk>/active/", views.endpoint_active, name="active"),
    path("settings/webhooks/<int:pk>/rotate-secret/", views.endpoint_rotate, name="rotate"),
    path("settings/webhooks/<int:pk>/test/", views.endpoint_test, name="test"),
    path("settings/webhooks/<int:pk>/delete/", views.endpoint_delete, name="delete"),
    path("settings/webhooks/deliveries/<int:pk>/redeliver/", views.delivery_redeliver,
         name="redeliver"),
]
