"""A mail backend for tests: behaves like locmem but refuses addresses listed in ``refuse``."""

from __future__ import annotations

from smtplib import SMTPRecipientsRefused

from django.core.mail.backends.locmem import EmailBackend


class RefusingBackend(EmailBackend):
    def __init__(self, *args, refuse=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.refuse = set(refuse)

    def send_messages(self, messages):
        for message in messages:
            refused = self.refuse.intersection(message.to)
            if refused:
                raise SMTPRecipientsRefused({address: (550, b"No such user") for address in
                                             refused})
        return super().send_messages(messages)
