"""Top-level URL map: one include per app, each app owning its own urls.py."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("coitrack.core.urls")),
    path("", include("coitrack.accounts.urls")),
    path("vendors/", include("coitrack.vendors.urls")),
    path("certificates/", include("coitrack.certificates.urls")),
    path("requirements/", include("coitrack.requirements.urls")),
    path("compliance/", include("coitrack.compliance.urls")),
    path("notifications/", include("coitrack.notifications.urls")),
    path("review/", include("coitrack.review.urls")),
    path("", include("coitrack.outreach.urls")),
]
