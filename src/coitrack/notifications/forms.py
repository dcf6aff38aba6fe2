"""The notification settings form: a channel (and, where the role may follow every vendor, a
scope) per kind, and the digest's rhythm."""

from __future__ import annotations

from django import forms

from coitrack.notifications import events
from coitrack.notifications.models import DigestSettings

WEEKDAYS = [(0, "Monday"), (1, "Tuesday"), (2, "Wednesday"), (3, "Thursday"), (4, "Friday"),
            (5, "Saturday"), (6, "Sunday")]
HOURS = [(h, f"{h:02d}:00") for h in range(24)]


class PreferencesForm(forms.Form):
    frequency = forms.ChoiceField(label="Digest", choices=DigestSettings.Frequency.choices)
    hour = forms.TypedChoiceField(label="at", choices=HOURS, coerce=int)
    weekday = forms.TypedChoiceField(label="on (weekly)", choices=WEEKDAYS, coerce=int)

    def __init__(self, *args, role: str, current: dict[str, tuple[events.Choice, bool]],
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for kind in events.kinds_for(role):
            choice, is_default = current[kind.key]
            channel = forms.ChoiceField(label=kind.label, choices=events.CHANNELS,
                                        initial=choice.channel, help_text=kind.help)
            self.fields[f"channel_{kind.key}"] = channel
            scoped = kind.about_vendor and kind.may_follow_all(role)
            if scoped:
                self.fields[f"scope_{kind.key}"] = forms.ChoiceField(
                    label=f"{kind.label}: which vendors", choices=events.SCOPES,
                    initial=choice.scope)
            self.rows.append((kind, is_default, scoped))

    def bound_rows(self):
        """``(kind, is default, channel field, scope field or None)`` for the template."""
        return [(kind, is_default, self[f"channel_{kind.key}"],
                 self[f"scope_{kind.key}"] if scoped else None)
                for kind, is_default, scoped in self.rows]

    def choices(self) -> dict[str, events.Choice]:
        """The cleaned choice per kind (a kind without a scope field follows own vendors)."""
        result = {}
        for kind, _default, scoped in self.rows:
            scope = self.cleaned_data[f"scope_{kind.key}"] if scoped else (
                events.ALL if not kind.about_vendor else events.MINE)
            result[kind.key] = events.Choice(self.cleaned_data[f"channel_{kind.key}"], scope)
        return result
