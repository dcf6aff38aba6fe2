"""Outreach URLs: inbound."""

urlpatterns: list = []
