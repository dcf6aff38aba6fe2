"""One required coverage per form; the formset of a template's coverages.

Every limit key has an input wrapped in ``data-for-coverage`` (the convention ``app.js``
handles, shared with certificate data entry) so only the chosen coverage's limits show.
Settings that belong to some coverages only (statutory for WC, retention for umbrella ...)
are refused on others with a message, rather than silently dropped: ``app.js`` keeps filled-in
inputs visible, so the user sees what the message is about.
"""

from __future__ import annotations

from django import forms

from coitrack import schema
from coitrack.certificates.forms.fields import AmountField
from coitrack.requirements.describe import FLAG_LABELS
from coitrack.requirements.overrides import coverage_key

LIMIT_COVERAGES: dict[str, str] = {
    key: " ".join(cov for cov, keys in schema.LIMIT_KEYS.items() if key in keys)
    for key in schema.ALL_LIMIT_KEYS
}
_NOT_WC = "general_liability automobile_liability umbrella_liability excess_liability other"
FIELD_COVERAGES: dict[str, str] = {
    "description": "other",
    "additional_insured": _NOT_WC,
    "subrogation_waived": " ".join(schema.COVERAGES),
    "primary_noncontributory": _NOT_WC,
    "occurrence_only": "general_liability umbrella_liability excess_liability other",
    "aggregate_per_project": "general_liability",
    "statutory": "workers_compensation",
    "max_retention": "umbrella_liability excess_liability",
}
FLAG_HELP = {
    "additional_insured": "ADDL INSD marked on the policy.",
    "subrogation_waived": "SUBR WVD marked on the policy.",
    "primary_noncontributory": "Said in the description of operations.",
    "occurrence_only": "Claims-made policies are refused.",
    "aggregate_per_project": "ISO CG 25 03: the aggregate applies per project.",
    "statutory": "PER STATUTE marked.",
}


# How additional insured, waiver and primary & non-contributory must be evidenced (the template's
# "<flag>_evidence" keys); written to the JSON only when an endorsement is required.
EVIDENCE_CHOICES = [("indicated", "Box ticked is enough"), ("confirmed", "Endorsement required")]
EVIDENCE_HELP = {
    "additional_insured": "Endorsement: e.g. CG 20 10 / CG 20 37, CA 20 48 attached.",
    "subrogation_waived": "Endorsement: CG 24 04, CA 04 44 or WC 00 03 13 attached.",
    "primary_noncontributory": "Endorsement: CG 20 01 (auto CA 04 49) attached.",
}


class EvidenceField(forms.ChoiceField):
    """The default ("indicated") and no value at all mean the same: a blank extra row whose
    selects show the default has not changed."""

    def has_changed(self, initial, data) -> bool:
        return (data or "indicated") != (initial or "indicated")


def evidence_field_name(flag: str) -> str:
    return f"{flag}_evidence"


def limit_field_name(key: str) -> str:
    return f"limit_{key}"


class CoverageForm(forms.Form):
    coverage = forms.ChoiceField(
        required=False,
        choices=[("", "— Choose coverage —"), *schema.COVERAGES.items()],
        widget=forms.Select(attrs={"data-coverage-select": ""}),
    )
    description = forms.CharField(
        required=False, max_length=200, label="Coverage written in",
        help_text="Matched in the policy's write-in text, e.g. Professional Liability.",
    )
    max_retention = AmountField(label="Maximum retention / deductible")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for flag, label in FLAG_LABELS.items():
            self.fields[flag] = forms.BooleanField(required=False, label=label,
                                                   help_text=FLAG_HELP[flag])
            if flag in EVIDENCE_HELP:
                self.fields[evidence_field_name(flag)] = EvidenceField(
                    required=False, choices=EVIDENCE_CHOICES, initial="indicated",
                    label=f"{label}: evidence", help_text=EVIDENCE_HELP[flag])
        for key, label in schema.ALL_LIMIT_KEYS.items():
            self.fields[limit_field_name(key)] = AmountField(label=label)

    def limit_fields(self) -> list[tuple[forms.BoundField, str]]:
        return [(self[limit_field_name(k)], LIMIT_COVERAGES[k]) for k in schema.ALL_LIMIT_KEYS]

    def flag_fields(self) -> list[tuple[forms.BoundField, str, forms.BoundField | None]]:
        """(flag, coverages it applies to, its evidence select or None)."""
        return [(self[flag], FIELD_COVERAGES[flag],
                 self[evidence_field_name(flag)] if flag in EVIDENCE_HELP else None)
                for flag in FLAG_LABELS]

    def clean(self):
        data = super().clean()
        coverage = data.get("coverage")
        if not coverage:
            self.add_error("coverage", "Choose a coverage (or remove the row).")
            return data
        data["description"] = " ".join((data.get("description") or "").split())
        if coverage == "other" and not data["description"]:
            self.add_error("description", "Write the coverage to look for, e.g. Professional "
                                          "Liability.")
        # Write-in rows state limits in many ways: any limit key is accepted for "other".
        allowed = schema.ALL_LIMIT_KEYS if coverage == "other" else schema.LIMIT_KEYS[coverage]
        label = schema.COVERAGES[coverage].lower()
        for key in schema.ALL_LIMIT_KEYS:
            name = limit_field_name(key)
            if data.get(name) is not None and key not in allowed:
                self.add_error(name, f"Not a limit of {label}: clear it or choose another "
                                     "coverage.")
        for name, coverages in FIELD_COVERAGES.items():
            if name != "description" and data.get(name) not in (None, False) \
                    and coverage not in coverages.split():
                self.add_error(name, f"Does not apply to {label}: clear it or choose another "
                                     "coverage.")
        return data

    def to_entry(self) -> dict:
        """The coverage entry of the template JSON; only what is required is written."""
        data = self.cleaned_data
        coverage = data["coverage"]
        entry: dict = {"coverage": coverage}
        if coverage == "other":
            entry["description"] = data["description"]
        entry["limits"] = {
            key: data[limit_field_name(key)]
            for key in schema.ALL_LIMIT_KEYS
            if data.get(limit_field_name(key)) is not None
        }
        for flag in FLAG_LABELS:
            if data.get(flag):
                entry[flag] = True
                if data.get(evidence_field_name(flag)) == "confirmed":
                    entry[evidence_field_name(flag)] = "confirmed"
        if data.get("max_retention") is not None:
            entry["max_retention"] = data["max_retention"]
        return entry


class BaseCoverageFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = {}
        for form in self.forms:
            if not self._counts(form):
                continue
            key = coverage_key(form.cleaned_data)
            if key in seen:
                form.add_error("coverage", "This coverage is already required above; "
                                           "set everything in one row.")
            seen[key] = form
        if not seen:
            raise forms.ValidationError("Require at least one coverage.")

    def _counts(self, form) -> bool:
        """A row is kept unless removed, or an extra row left blank."""
        if self._should_delete_form(form):
            return False
        return form.has_changed() or not form.empty_permitted

    def entries(self) -> list[dict]:
        return [form.to_entry() for form in self.forms if self._counts(form)]


CoverageFormSet = forms.formset_factory(
    CoverageForm, formset=BaseCoverageFormSet, extra=1, can_delete=True, max_num=40,
    validate_max=True,
)


def coverage_initial(entries: list[dict]) -> list[dict]:
    rows = []
    for entry in entries:
        row = {"coverage": entry.get("coverage"), "description": entry.get("description") or "",
               "max_retention": entry.get("max_retention")}
        for flag in FLAG_LABELS:
            row[flag] = bool(entry.get(flag))
            if flag in EVIDENCE_HELP:
                row[evidence_field_name(flag)] = entry.get(evidence_field_name(flag)) or "indicated"
        for key, value in (entry.get("limits") or {}).items():
            if value is not None:
                row[limit_field_name(key)] = value
        rows.append(row)
    return rows
