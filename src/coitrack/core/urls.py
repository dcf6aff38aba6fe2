from django.urls import path

from coitrack.core import views

urlpatterns = [
    path(
        "requests/",
        views.placeholder,
        {"title": "Requests",
         "blurb": "Renewal and correction requests sent to vendors and their agents will be "
                  "tracked here."},
        name="requests",
    ),
    path("no-organization/", views.no_organization, name="no_organization"),
    path("healthz", views.healthz, name="healthz"),
]
