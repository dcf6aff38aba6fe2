from django.urls import path

from coitrack.compliance import views

app_name = "compliance"
urlpatterns = [
    path("progress/", views.progress, name="progress"),
    path("vendors/<int:vendor_pk>/waive/", views.waive, name="waive"),
    path("waivers/<int:pk>/revoke/", views.waiver_revoke, name="waiver_revoke"),
]
