"""Forms of the outreach staff screens: one layer of chasing parameters, a message's wording."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms

from coitrack.chasing.schedule import DEFAULT, LABELS, PARAMETERS, Schedule, ScheduleError
from coitrack.chasing.schedule import clean_overrides as clean_parameter

FLAGS = ("enabled", "business_days_only")
TIMES = ("window_start", "window_end")
HELP = {
    "enabled": "Off: no automatic requests; “Request now” still sends.",
    "escalate_after": "The insurance agent is copied from then on and the vendor's owner told.",
    "max_reminders": "Per round: a round starts with a request or a “what to fix” message.",
    "followup_every_days": "The first follow-up goes out on the expiration day.",
    "business_days_only": "Monday to Friday.",
    "window_start": "In the organization's time zone.",
    "window_end": "In the organization's time zone.",
}


def show(value: Any) -> str:
    """A parameter's value as the settings page writes it."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value)


@dataclass(frozen=True)
class ParameterRow:
    key: str
    label: str
    default: str
    inherited: str
    field: forms.BoundField
    overridden: bool


class ScheduleLayerForm(forms.Form):
    """One layer of chasing parameters: an empty input keeps the value of the layer below.

    ``inherited`` is the schedule this layer sits on (the defaults for the organization's own
    layer; the organization's schedule for a template or vendor type). :meth:`parameters` is
    the layer as ``clean_overrides`` wants it (unset keys left out).
    """

    def __init__(self, data=None, *, inherited: Schedule = DEFAULT,
                 layer: dict | None = None, disabled: bool = False, **kwargs):
        layer = layer or {}
        initial = {}
        for key, value in layer.items():
            initial[key] = ("yes" if value else "no") if key in FLAGS else value
        super().__init__(data, initial=initial, **kwargs)
        self.inherited = inherited
        self.layer = layer
        for key in PARAMETERS:
            here = show(getattr(inherited, key))
            if key in FLAGS:
                field = forms.ChoiceField(choices=[("", f"Keep ({here})"), ("yes", "Yes"),
                                                   ("no", "No")])
            elif key in TIMES:
                field = forms.CharField(max_length=5, widget=forms.TimeInput(
                    attrs={"type": "time", "placeholder": here}))
            else:
                field = forms.IntegerField(widget=forms.NumberInput(
                    attrs={"placeholder": here, "inputmode": "numeric", "min": 0}))
            field.required = False
            field.label = LABELS[key]
            field.help_text = HELP.get(key, "")
            field.disabled = disabled
            self.fields[key] = field

    def clean(self) -> dict:
        cleaned = super().clean()
        for key in PARAMETERS:
            if key in self.errors:
                continue
            try:
                clean_parameter({key: self._value(key, cleaned.get(key))})
            except ScheduleError as error:
                self.add_error(key, str(error))
        return cleaned

    @staticmethod
    def _value(key: str, raw: Any) -> Any:
        if raw in (None, ""):
            return None
        if key in FLAGS:
            return raw == "yes"
        return raw

    def parameters(self) -> dict[str, Any]:
        """The keys this layer sets, as ``clean_overrides`` input (call after ``is_valid``)."""
        values = {key: self._value(key, self.cleaned_data.get(key)) for key in PARAMETERS}
        return {key: value for key, value in values.items() if value is not None}

    def rows(self) -> list[ParameterRow]:
        return [ParameterRow(key=key, label=LABELS[key], default=show(getattr(DEFAULT, key)),
                             inherited=show(getattr(self.inherited, key)), field=self[key],
                             overridden=key in self.layer)
                for key in PARAMETERS]


class MessageTemplateForm(forms.Form):
    """The three parts of one kind of message; checked by ``services.message_templates``."""

    subject = forms.CharField(max_length=300, strip=False,
                              widget=forms.TextInput(attrs={"spellcheck": "true"}))
    text = forms.CharField(strip=False, label="Text version",
                           widget=forms.Textarea(attrs={"rows": 14, "class": "mono"}))
    html = forms.CharField(required=False, strip=False, label="HTML version",
                           help_text="Empty: the message goes out as text only.",
                           widget=forms.Textarea(attrs={"rows": 14, "class": "mono"}))

    def __init__(self, *args, disabled: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.disabled = disabled

    def source(self) -> dict[str, str]:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return {part: data.get(part) or "" for part in ("subject", "text", "html")}
