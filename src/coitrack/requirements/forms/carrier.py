"""Carrier table forms: one carrier, the CSV upload."""

from __future__ import annotations

from django import forms

from coitrack.requirements.carrier_csv import clean_naic
from coitrack.rules.carriers import RATINGS, SIZES

ADMITTED_CHOICES = [("", "Unknown"), ("yes", "Admitted"), ("no", "Non-admitted")]


class CarrierForm(forms.Form):
    name = forms.CharField(max_length=200, help_text="As certificates print it.")
    naic = forms.CharField(
        required=False, max_length=5, label="NAIC code",
        help_text="5 digits. Certificates are matched by this code first, then by name.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    am_best_rating = forms.ChoiceField(
        required=False, label="AM Best rating",
        choices=[("", "Not rated"), *((r, r) for r in RATINGS)],
    )
    financial_size = forms.ChoiceField(
        required=False, label="Financial size category",
        choices=[("", "Unknown"), *((s, s) for s in SIZES)],
    )
    admitted = forms.ChoiceField(required=False, choices=ADMITTED_CHOICES)
    note = forms.CharField(required=False, max_length=200,
                           help_text="Optional: where the rating comes from, or when you checked "
                                     "it.")

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_naic(self):
        value = (self.cleaned_data.get("naic") or "").strip()
        if value and (len(value) != 5 or not value.isdigit()):
            raise forms.ValidationError("Enter the 5-digit NAIC code, or leave it empty.")
        return clean_naic(value)

    def clean_admitted(self):
        return {"yes": True, "no": False}.get(self.cleaned_data.get("admitted") or "")

    def values(self) -> dict:
        return {k: self.cleaned_data[k] for k in
                ("name", "naic", "am_best_rating", "financial_size", "admitted", "note")}


def carrier_initial(carrier) -> dict:
    return {
        "name": carrier.name, "naic": carrier.naic, "am_best_rating": carrier.am_best_rating,
        "financial_size": carrier.financial_size,
        "admitted": "" if carrier.admitted is None else ("yes" if carrier.admitted else "no"),
        "note": carrier.note,
    }


class CarrierUploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Header: name,naic,am_best_rating,financial_size (optionally admitted). UTF-8.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
