"""The form of Settings > API tokens. It validates input only; services make the change."""

from __future__ import annotations

import datetime as dt

from django import forms

from coitrack.api.models import Scope

EXPIRY_CHOICES = [("", "Never"), ("30", "In 30 days"), ("90", "In 90 days"),
                  ("365", "In a year")]


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="The program or person that will use it.")
    scope = forms.ChoiceField(choices=Scope.choices, initial=Scope.READ,
                              help_text="Read only tokens can look but never change anything.")
    expires = forms.ChoiceField(choices=EXPIRY_CHOICES, required=False, label="Expires")

    def expires_at(self, now: dt.datetime) -> dt.datetime | None:
        days = self.cleaned_data.get("expires")
        return now + dt.timedelta(days=int(days)) if days else None
