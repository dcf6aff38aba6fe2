"""Data entry: the certificate's top-level fields and its insurers A-F."""

from __future__ import annotations

from django import forms

from coitrack import schema
from coitrack.certificates.models import Certificate
from coitrack.certificates.services.data import CERTIFICATE_FIELDS


class CertificateForm(forms.ModelForm):
    form = forms.ChoiceField(
        required=False,
        choices=[("", "Unknown"), ("acord25", "ACORD 25"), ("generic", "Other (not ACORD)")],
    )
    edition = forms.RegexField(
        required=False, regex=r"^\d{4}/\d{2}$", max_length=7,
        error_messages={"invalid": "Write the edition as YYYY/MM, e.g. 2016/03."},
        widget=forms.TextInput(attrs={"placeholder": "2016/03"}),
        help_text="The form's footer edition, e.g. ACORD 25 (2016/03).",
    )
    producer_email = forms.EmailField(required=False, max_length=254, label="Producer e-mail")

    class Meta:
        model = Certificate
        fields = CERTIFICATE_FIELDS
        labels = {
            "certificate_date": "Certificate date",
            "producer_name": "Producer (agency)",
            "producer_contact_name": "Contact name",
            "producer_phone": "Phone",
            "producer_fax": "Fax",
            "insured_name": "Insured",
            "insured_address": "Insured address",
            "description_of_operations": "Description of operations / locations / vehicles",
        }
        widgets = {
            "certificate_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description_of_operations": forms.Textarea(attrs={"rows": 4}),
            "producer_phone": forms.TextInput(attrs={"type": "tel"}),
            "producer_fax": forms.TextInput(attrs={"type": "tel"}),
        }
        help_texts = {
            "insured_address": "One line: street, city, state ZIP.",
            "holder_address": "One line: street, city, state ZIP.",
        }

    def clean(self):
        data = super().clean()
        for name, value in data.items():
            if isinstance(value, str):
                data[name] = value.strip()
        return data

    def values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in CERTIFICATE_FIELDS}


class InsurerForm(forms.Form):
    letter = forms.ChoiceField(choices=[(x, x) for x in schema.INSURER_LETTERS],
                               widget=forms.HiddenInput)
    name = forms.CharField(required=False, max_length=300, label="Insurer")
    naic = forms.RegexField(
        required=False, regex=r"^\d{5}$", label="NAIC #",
        error_messages={"invalid": "An NAIC number has exactly 5 digits."},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 5}),
    )

    def clean(self):
        data = super().clean()
        if data.get("naic") and not data.get("name", "").strip():
            self.add_error("name", "Enter the insurer's name for this NAIC number.")
        return data

    @property
    def is_listed(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return bool(data.get("name", "").strip() or data.get("naic"))


class BaseInsurerFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        letters = [f.cleaned_data.get("letter") for f in self.forms]
        if len(letters) != len(set(letters)):
            raise forms.ValidationError("Each insurer letter may appear only once.")

    def listed(self) -> list[dict[str, str]]:
        return [
            {"letter": f.cleaned_data["letter"], "name": f.cleaned_data["name"].strip(),
             "naic": f.cleaned_data["naic"]}
            for f in self.forms if f.is_listed
        ]


InsurerFormSet = forms.formset_factory(
    InsurerForm, formset=BaseInsurerFormSet, extra=0,
    max_num=len(schema.INSURER_LETTERS), validate_max=True,
)


def insurer_initial(certificate: Certificate) -> list[dict[str, str]]:
    """One row per letter A-F, filled with the insurer printed on that letter, if any."""
    known = {i.letter: i for i in certificate.insurers.all()}
    return [
        {"letter": letter, "name": known[letter].name if letter in known else "",
         "naic": known[letter].naic if letter in known else ""}
        for letter in schema.INSURER_LETTERS
    ]
