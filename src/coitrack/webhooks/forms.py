"""The endpoint form (Settings > Webhooks). Rules live in ``services.endpoints.clean``."""

from __future__ import annotations

from django import forms
from django.conf import settings

from coitrack.webhooks import addresses, events


class EndpointForm(forms.Form):
    url = forms.CharField(
        label="URL", max_length=500,
        widget=forms.URLInput(attrs={"placeholder": "https://example.com/coitrack-events",
                                     "autocomplete": "off"}),
        help_text="https:// to a public address. Every request is signed with the endpoint's "
                  "secret.")
    description = forms.CharField(label="Description", max_length=200, required=False)
    events = forms.MultipleChoiceField(
        label="Events", choices=events.choices(), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one event."})

    def clean_url(self) -> str:
        # The same check the service makes, so every mistake is shown at once.
        url = self.cleaned_data["url"].strip()
        try:
            addresses.check_url(url, allow_private=settings.WEBHOOKS_ALLOW_PRIVATE)
        except addresses.AddressRefused as error:
            raise forms.ValidationError(str(error)) from None
        return url
