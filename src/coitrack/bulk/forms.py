"""The bulk upload form and the tray's assign form."""

from __future__ import annotations

import datetime as dt

from django import forms

from coitrack.vendors.models import Vendor


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={
            "accept": ".pdf,.png,.jpg,.jpeg,.tif,.tiff,.zip"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class BulkUploadForm(forms.Form):
    files = MultipleFileField(
        label="Certificate files or ZIP archives",
        help_text="PDF, PNG, JPEG or TIFF files, or ZIP archives of them.")
    received_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_date"].initial = today
        self.today = today

    def clean_received_date(self) -> dt.date:
        day = self.cleaned_data["received_date"]
        if day > self.today:
            raise forms.ValidationError("The received date cannot be in the future.")
        return day


class AssignForm(forms.Form):
    """A suggested vendor (``vendor``, an id) or any vendor by its exact legal name or DBA."""

    vendor = forms.IntegerField(required=False)
    vendor_name = forms.CharField(required=False, max_length=300)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization

    def clean(self):
        data = super().clean()
        vendors = Vendor.objects.filter(organization=self.organization,
                                        merged_into__isnull=True)
        if data.get("vendor"):
            found = list(vendors.filter(pk=data["vendor"]))
        elif (name := (data.get("vendor_name") or "").strip()):
            found = list(vendors.filter(legal_name__iexact=name)) or list(
                vendors.filter(dba__iexact=name))
            if len(found) > 1:
                raise forms.ValidationError(f"Several vendors are named “{name}”.")
            if not found:
                raise forms.ValidationError(f"No vendor is named “{name}”.")
        else:
            raise forms.ValidationError("Choose a vendor.")
        if not found:
            raise forms.ValidationError("Choose one of your vendors.")
        data["vendor_obj"] = found[0]
        return data
