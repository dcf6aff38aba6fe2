"""Password reset that links to the public address rather than whatever Host the request had."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"

    def form_valid(self, form):
        # Build the link from COITRACK_PUBLIC_URL: behind a proxy the request's Host may be an
        # internal name, and a forged Host header must never end up in a reset link.
        self.domain_override = urlsplit(settings.PUBLIC_URL).netloc
        self.extra_email_context = {"public_url": settings.PUBLIC_URL}
        return super().form_valid(form)
