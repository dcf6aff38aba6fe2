"""The upload form: one or several files of one certificate, when and how it arrived."""

from __future__ import annotations

import datetime as dt

from django import forms

from coitrack.certificates.models import CertificateSource
from coitrack.certificates.uploads import ACCEPTED_DESCRIPTION, format_limit

ACCEPT = ".pdf,.png,.jpg,.jpeg,.tif,.tiff,application/pdf,image/png,image/jpeg,image/tiff"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.Field):
    """Several files; their contents are checked by ``certificates.uploads``, not here."""

    widget = MultipleFileInput

    def clean(self, value):
        files = [f for f in (value if isinstance(value, list) else [value]) if f]
        if self.required and not files:
            raise forms.ValidationError("Choose at least one file to upload.", code="required")
        return files


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="Certificate files",
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
    )
    received_date = forms.DateField(
        label="Received on", widget=forms.DateInput(attrs={"type": "date"})
    )
    source = forms.ChoiceField(
        label="Received by", choices=CertificateSource.choices, initial=CertificateSource.UPLOAD
    )

    def __init__(self, *args, today, max_bytes: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["received_date"].initial = today
        self.fields["files"].help_text = (
            f"{ACCEPTED_DESCRIPTION}, up to {format_limit(max_bytes)} each. Choose several files "
            "when the certificate comes with endorsements or a remarks page."
        )

    def clean_received_date(self):
        value = self.cleaned_data["received_date"]
        # Allow one day ahead: the user's clock may already be past midnight in their zone.
        if value > self.today + dt.timedelta(days=1):
            raise forms.ValidationError("The received date cannot be in the future.")
        return value


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=[
        ("accepted", "Accept"), ("rejected", "Reject"), ("needs_review", "Needs review"),
    ])
    reason = forms.CharField(required=False, max_length=2000, widget=forms.Textarea)
