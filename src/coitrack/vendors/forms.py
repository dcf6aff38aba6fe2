"""Forms of the vendors screens. They validate input only; services make the changes.

Every choice of another row (vendor type, owner, project) is limited to the active organization,
so an id from another organization is simply "not a valid choice".
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from coitrack.vendors.models import Contact, Project, Tag, Vendor, VendorType

MAX_TAGS = 20


def user_label(user) -> str:
    return user.get_full_name() or user.get_username()


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return user_label(obj)


def organization_members(organization, *, also=None):
    """Users with a membership in ``organization`` (plus user id ``also``, e.g. a former owner)."""
    condition = Q(memberships__organization=organization)
    if also:
        condition |= Q(pk=also)
    return get_user_model().objects.filter(condition).distinct().order_by(
        "first_name", "last_name", "username"
    )


def parse_tag_names(raw: str) -> list[str]:
    """Split comma-separated tag names, trimmed, without blanks or case-insensitive repeats."""
    names: list[str] = []
    seen: set[str] = set()
    for part in raw.split(","):
        name = " ".join(part.split())
        if name and name.lower() not in seen:
            seen.add(name.lower())
            names.append(name)
    return names


class VendorForm(forms.ModelForm):
    tags = forms.CharField(
        required=False,
        help_text="Comma-separated, e.g. union, high risk. New tags are created as you type them.",
    )
    projects = forms.ModelMultipleChoiceField(
        queryset=Project.objects.none(), required=False,
        help_text="Projects or locations this vendor works on.",
    )

    class Meta:
        model = Vendor
        fields = [
            "legal_name", "dba", "vendor_type", "owner", "tax_id",
            "address_line1", "address_line2", "city", "state", "postal_code", "notes",
        ]
        labels = {"legal_name": "Legal name", "vendor_type": "Type", "postal_code": "ZIP"}
        help_texts = {"legal_name": "The exact entity named on the contract and certificates."}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        vendor = self.instance
        self.fields["vendor_type"].queryset = VendorType.objects.filter(organization=organization)
        self.fields["vendor_type"].empty_label = "(no type)"
        self.fields["owner"] = MemberChoiceField(
            queryset=organization_members(organization, also=vendor.owner_id),
            required=False, empty_label="(nobody)", help_text=Vendor._meta.get_field(
                "owner").help_text,
        )
        self.fields["projects"].queryset = Project.objects.filter(organization=organization)
        self.fields["projects"].widget.attrs["size"] = 6
        if vendor.pk:
            self.initial.setdefault("tags", ", ".join(t.name for t in vendor.tags.all()))
            self.initial.setdefault("projects", [p.pk for p in vendor.projects.all()])

    def clean_legal_name(self) -> str:
        name = " ".join(self.cleaned_data["legal_name"].split())
        if not name:
            raise forms.ValidationError("Enter the vendor's legal name.")
        return name

    def clean_tags(self) -> list[str]:
        names = parse_tag_names(self.cleaned_data.get("tags") or "")
        max_length = Tag._meta.get_field("name").max_length
        too_long = [n for n in names if len(n) > max_length]
        if too_long:
            raise forms.ValidationError(
                f"Tags can be at most {max_length} characters: {too_long[0][:60]}…"
            )
        if len(names) > MAX_TAGS:
            raise forms.ValidationError(f"Use at most {MAX_TAGS} tags.")
        return names

    def service_data(self) -> dict:
        """The cleaned values in the shape the vendor services take."""
        return {**self.cleaned_data, "projects": list(self.cleaned_data.get("projects") or [])}


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["role", "name", "email", "phone", "is_primary"]
        labels = {"is_primary": "Primary contact for this role", "email": "E-mail"}

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("name") or "").strip() and not cleaned.get("email") \
                and "email" not in self.errors:
            raise forms.ValidationError("Give the contact a name or an e-mail address.")
        return cleaned


class NameUniqueInOrgMixin:
    """Refuse a name another row of the organization already has (case-insensitively)."""

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Enter a name.")
        others = self._meta.model.objects.filter(
            organization=self.organization, name__iexact=name
        ).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(f"“{name}” already exists.")
        return name


class VendorTypeForm(NameUniqueInOrgMixin, forms.ModelForm):
    class Meta:
        model = VendorType
        fields = ["name"]

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization


class ProjectForm(NameUniqueInOrgMixin, forms.ModelForm):
    class Meta:
        model = Project
        fields = ["name", "address", "start_date", "end_date"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must not be before the start date.")
        return cleaned

    def _post_clean(self):
        # The model's own constraint check would repeat clean()'s message; skip it when clean()
        # already reported the dates.
        if "end_date" in self.errors:
            return
        super()._post_clean()


class MergeForm(forms.Form):
    duplicate = forms.IntegerField(min_value=1, error_messages={
        "required": "Choose the duplicate vendor to merge into this one.",
        "invalid": "Choose the duplicate vendor from the list.",
    })
