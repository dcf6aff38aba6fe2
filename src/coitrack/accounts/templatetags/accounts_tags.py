"""Template helpers of the Settings area."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def optional_url(name: str) -> str:
    """The URL named ``name``, or "" while the app that provides it does not have it yet."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""
