"""Outreach URLs: the vendor portal (no account; the token is the key)."""

from django.urls import path

from coitrack.outreach.views import portal

urlpatterns = [
    path("portal/<str:token>/", portal.portal, name="portal"),
    path("portal/<str:token>/answer/<int:pk>/", portal.answer, name="portal_answer"),
]
