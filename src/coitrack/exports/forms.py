"""The scheduled report form (Settings > Reports)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import QueryDict

from coitrack.exports.datasets import KINDS
from coitrack.exports.models import WEEKDAYS, Frequency, ReportFormat

MAX_RECIPIENTS = 20


class ScheduleForm(forms.Form):
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(label="Report", choices=[(k.key, k.label) for k in KINDS.values()])
    filters = forms.CharField(
        required=False, max_length=1000,
        help_text="The list's filters as in its address after “?”, e.g. "
                  "compliance=non_compliant (use the list's filters, then copy the address).")
    format = forms.ChoiceField(choices=ReportFormat.choices, initial=ReportFormat.XLSX)
    recipients = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="E-mail addresses, separated by commas or new lines.")
    frequency = forms.ChoiceField(choices=Frequency.choices, initial=Frequency.MONTHLY)
    weekday = forms.TypedChoiceField(choices=WEEKDAYS, coerce=int, initial=0,
                                     help_text="For weekly reports.")
    hour = forms.TypedChoiceField(choices=[(h, f"{h:02d}:00") for h in range(24)], coerce=int,
                                  initial=8, help_text="In the organization's time zone.")
    active = forms.BooleanField(required=False, initial=True)

    def clean_recipients(self) -> list[str]:
        raw = self.cleaned_data["recipients"].replace(";", ",").replace("\n", ",")
        addresses = sorted({a.strip() for a in raw.split(",") if a.strip()})
        if not addresses:
            raise ValidationError("Enter at least one e-mail address.")
        if len(addresses) > MAX_RECIPIENTS:
            raise ValidationError(f"At most {MAX_RECIPIENTS} recipients.")
        bad = []
        for address in addresses:
            try:
                validate_email(address)
            except ValidationError:
                bad.append(address)
        if bad:
            raise ValidationError(f"Not e-mail addresses: {', '.join(bad)}.")
        return addresses

    def clean_filters(self) -> str:
        text = self.cleaned_data["filters"].strip().lstrip("?")
        if "?" in text:  # a whole address pasted: keep what follows "?"
            text = text.split("?", 1)[1]
        query = QueryDict(text).copy()
        query.pop("page", None)
        return query.urlencode()

    @classmethod
    def initial_for(cls, schedule) -> dict:
        return {name: getattr(schedule, name) for name in
                ("name", "kind", "filters", "format", "frequency", "weekday", "hour", "active")
                } | {"recipients": "\n".join(schedule.recipients)}
