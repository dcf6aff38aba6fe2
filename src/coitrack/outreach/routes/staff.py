"""Outreach URLs: staff."""

urlpatterns: list = []
