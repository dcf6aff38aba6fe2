"""Outreach URLs: the inbox of received e-mail that waits for a reviewer."""

from django.urls import path

from coitrack.outreach.views import inbound

urlpatterns = [
    path("outreach/inbox/", inbound.inbox, name="inbox"),
    path("outreach/inbox/<int:pk>/", inbound.inbox_detail, name="inbox_detail"),
    path("outreach/inbox/<int:pk>/assign/", inbound.inbox_assign, name="inbox_assign"),
    path("outreach/inbox/<int:pk>/discard/", inbound.inbox_discard, name="inbox_discard"),
    path("outreach/inbox/<int:pk>/files/<int:index>/", inbound.inbox_file, name="inbox_file"),
]
