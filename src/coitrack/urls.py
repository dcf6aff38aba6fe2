"""Top-level URL map: one include per app, each app owning its own urls.py."""

from django.contrib import admin
from django.urls import include, path

from coitrack.api.main import api
from coitrack.dashboard import views as dashboard_views

urlpatterns = [
    path("admin/", admin.site.urls),
    # The home page is the member's own dashboard (coitrack.dashboard).
    path("", dashboard_views.home, name="dashboard"),
    path("", include("coitrack.core.urls")),
    path("", include("coitrack.accounts.urls")),
    path("vendors/", include("coitrack.vendors.urls")),
    path("certificates/", include("coitrack.certificates.urls")),
    path("requirements/", include("coitrack.requirements.urls")),
    path("compliance/", include("coitrack.compliance.urls")),
    path("notifications/", include("coitrack.notifications.urls")),
    path("review/", include("coitrack.review.urls")),
    path("", include("coitrack.outreach.urls")),
    path("", include("coitrack.dashboard.urls")),
    path("imports/", include("coitrack.imports.urls")),
    path("bulk/", include("coitrack.bulk.urls")),
    path("", include("coitrack.exports.urls")),
    path("api/", api.urls),
    path("", include("coitrack.api.settings_urls")),
    path("", include("coitrack.webhooks.urls")),
]
