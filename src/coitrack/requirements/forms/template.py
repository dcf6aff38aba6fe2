"""The structured template form: settings above, coverages below (``coverage.py``).

``TemplateEditor`` binds both and turns them into the documented template JSON, validated with
``coitrack.rules.requirements`` (its message, naming the key, is shown if it still refuses).
"""

from __future__ import annotations

import datetime as dt

from django import forms

from coitrack import schema
from coitrack.requirements.forms.coverage import CoverageFormSet, coverage_initial
from coitrack.rules.carriers import RATINGS, SIZES, parse_size, size_name
from coitrack.rules.requirements import RequirementsError, parse_requirements

MATCH_CHOICES = [
    ("normalized", "Normalized (case, punctuation, & / and, Inc/LLC… ignored)"),
    ("exact", "Exact (only case and spaces ignored)"),
    ("off", "Off (not checked)"),
]

# Limits an umbrella can sit over: every coverage but the umbrella/excess lines themselves.
UMBRELLA_GROUPS: list[tuple[str, list[tuple[str, str]]]] = [
    (label, [(f"{coverage}.{key}", key_label)
             for key, key_label in schema.LIMIT_KEYS[coverage].items()])
    for coverage, label in schema.COVERAGES.items()
    if coverage not in ("umbrella_liability", "excess_liability")
]
UMBRELLA_CHOICES = [choice for _, group in UMBRELLA_GROUPS for choice in group]


class TemplateForm(forms.Form):
    name = forms.CharField(max_length=200)
    expiring_within_days = forms.IntegerField(
        required=False, min_value=0, max_value=3650, label="Expiring-soon window (days)",
        help_text="A policy ending within this many days is a warning. Empty: no warning.",
    )
    named_insured_match = forms.ChoiceField(
        choices=MATCH_CHOICES, initial="normalized", label="Named insured must match",
        help_text="The certificate's insured against the vendor's legal name or DBA.",
    )
    holder_name = forms.CharField(
        required=False, max_length=300, label="Certificate holder name",
        help_text="Empty: the certificate holder is not checked.",
    )
    holder_address = forms.CharField(
        required=False, max_length=300, label="Certificate holder address",
        help_text="One line: street, city, ST ZIP. Empty: not checked.",
    )
    holder_match = forms.ChoiceField(choices=MATCH_CHOICES, initial="normalized",
                                     label="Certificate holder must match")
    insurer_min_rating = forms.ChoiceField(
        required=False, choices=[("", "No minimum"), *((r, r) for r in RATINGS)],
        label="Minimum AM Best rating",
    )
    insurer_min_financial_size = forms.ChoiceField(
        required=False, choices=[("", "No minimum"), *((s, s) for s in SIZES)],
        label="Minimum financial size",
    )
    insurer_allow_unrated = forms.BooleanField(
        required=False, label="Accept insurers that are not rated",
        help_text="Otherwise an insurer missing from the carrier table is a deficiency.",
    )
    insurer_checked = forms.BooleanField(
        required=False, label="Check insurers against the carrier table",
    )
    work_start = forms.DateField(
        required=False, label="Work period start",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    work_end = forms.DateField(
        required=False, label="Work period end",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Policies ending before this date are a warning.",
    )
    umbrella_applies_to = forms.MultipleChoiceField(
        required=False, choices=UMBRELLA_CHOICES, widget=forms.CheckboxSelectMultiple,
        label="An umbrella or excess policy may top up",
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("work_start"), data.get("work_end")
        if start and end and end < start:
            self.add_error("work_end", "The work period cannot end before it starts.")
        holder_name = (data.get("holder_name") or "").strip()
        if (data.get("holder_address") or "").strip() and not holder_name:
            self.add_error("holder_name", "Give the holder's name too (the address alone is not "
                                          "checked).")
        return data

    def umbrella_groups(self):
        """The checkboxes grouped by coverage, for the template."""
        by_value = {w.data["value"]: w for w in self["umbrella_applies_to"]}
        return [(label, [by_value[value] for value, _ in group])
                for label, group in UMBRELLA_GROUPS]

    def to_data(self) -> dict:
        d = self.cleaned_data
        data: dict = {"name": d["name"].strip()}
        if d.get("expiring_within_days") is not None:
            data["expiring_within_days"] = d["expiring_within_days"]
        data["named_insured_match"] = d["named_insured_match"]
        if holder := (d.get("holder_name") or "").strip():
            data["certificate_holder"] = {
                "name": holder, "address": (d.get("holder_address") or "").strip() or None,
                "match": d["holder_match"],
            }
        insurer = {}
        if d.get("insurer_min_rating"):
            insurer["min_rating"] = d["insurer_min_rating"]
        if d.get("insurer_min_financial_size"):
            insurer["min_financial_size"] = d["insurer_min_financial_size"]
        if insurer or d.get("insurer_checked") or d.get("insurer_allow_unrated"):
            insurer["allow_unrated"] = bool(d.get("insurer_allow_unrated"))
            data["insurer"] = insurer
        if d.get("work_start") or d.get("work_end"):
            data["work_period"] = {
                "start": _iso(d.get("work_start")), "end": _iso(d.get("work_end"))
            }
        if d.get("umbrella_applies_to"):
            chosen = set(d["umbrella_applies_to"])
            data["umbrella_applies_to"] = [v for v, _ in UMBRELLA_CHOICES if v in chosen]
        return data


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def template_initial(data: dict) -> dict:
    """The settings form's initial values from a template JSON."""
    holder = data.get("certificate_holder") or {}
    insurer = data.get("insurer")
    work = data.get("work_period") or {}
    size = (insurer or {}).get("min_financial_size")
    return {
        "name": data.get("name", ""),
        "expiring_within_days": data.get("expiring_within_days"),
        "named_insured_match": data.get("named_insured_match") or "normalized",
        "holder_name": holder.get("name") or "",
        "holder_address": holder.get("address") or "",
        "holder_match": holder.get("match") or "normalized",
        "insurer_min_rating": ((insurer or {}).get("min_rating") or "").upper(),
        "insurer_min_financial_size": size_name(parse_size(size)) if size is not None else "",
        "insurer_allow_unrated": bool((insurer or {}).get("allow_unrated")),
        "insurer_checked": insurer is not None,
        "work_start": work.get("start"),
        "work_end": work.get("end"),
        "umbrella_applies_to": list(data.get("umbrella_applies_to") or []),
    }


FORM_KEYS = frozenset({
    "name", "expiring_within_days", "named_insured_match", "certificate_holder", "insurer",
    "work_period", "umbrella_applies_to", "coverages",
})


def keep_unknown_keys(previous: dict, edited: dict) -> dict:
    """``edited`` plus the top-level keys of ``previous`` that this form does not know.

    The format extends by adding keys: a template imported from a newer version keeps them
    through an edit of the keys this version knows.
    """
    return {**{k: v for k, v in previous.items() if k not in FORM_KEYS}, **edited}


class TemplateEditor:
    """The settings form and the coverages formset of one page, bound or not."""

    def __init__(self, data=None, *, initial: dict | None = None, lock_name: bool = False):
        initial = initial or {}
        self.settings = TemplateForm(data, initial=template_initial(initial) if initial else None)
        if lock_name:
            self.settings.fields["name"].disabled = True
        self.coverages = CoverageFormSet(
            data, initial=coverage_initial(initial.get("coverages") or []), prefix="coverages"
        )
        self.template_error: str | None = None

    def is_valid(self) -> bool:
        valid = self.settings.is_valid() & self.coverages.is_valid()
        if not valid:
            return False
        try:
            parse_requirements(self.to_data())
        except RequirementsError as error:
            self.template_error = str(error)
            return False
        return True

    def to_data(self) -> dict:
        data = self.settings.to_data()
        data["coverages"] = self.coverages.entries()
        return data

    @property
    def error_count(self) -> int:
        count = len(self.settings.errors) + sum(len(f.errors) for f in self.coverages.forms)
        count += len(self.coverages.non_form_errors())
        return count + (1 if self.template_error else 0)
