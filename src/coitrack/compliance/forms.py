"""The waiver form: a reason, and an end (a date, or until the policy renews)."""

from __future__ import annotations

from django import forms

from coitrack.vendors.models import Project

END_CHOICES = [("date", "On a date"), ("renewal", "When the policy renews")]


class WaiverForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                             help_text="Why this deficiency may be accepted (kept in the history).")
    ends = forms.ChoiceField(choices=END_CHOICES, widget=forms.RadioSelect, initial="date",
                             label="The waiver ends")
    expires_on = forms.DateField(required=False, label="Expires on",
                                 widget=forms.DateInput(attrs={"type": "date"}),
                                 help_text="It no longer applies from this day on.")
    project = forms.ModelChoiceField(queryset=Project.objects.none(), required=False,
                                     empty_label="Every project (the whole vendor)",
                                     label="Only for project")

    def __init__(self, *args, vendor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = vendor.projects.filter(
            organization_id=vendor.organization_id).order_by("name")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("ends") == "date" and not cleaned.get("expires_on"):
            self.add_error("expires_on", "Enter the date the waiver expires.")
        if cleaned.get("ends") == "renewal":
            cleaned["expires_on"] = None
        return cleaned
