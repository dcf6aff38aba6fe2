"""Data entry: one row of the COVERAGES table per form, and the formset of all rows.

Every limit key of every coverage has an input; the template wraps each in
``data-for-coverage="<coverages it belongs to>"`` so ``app.js`` shows only the chosen coverage's.
Attributes that only one line of coverage prints (auto symbols, retention, WC boxes ...) are
cleared for other coverages instead of refused: they may be hidden on the page.
"""

from __future__ import annotations

from django import forms

from coitrack import schema
from coitrack.certificates.forms.fields import AmountField, TriStateField, TriStateSelect
from coitrack.certificates.models import Policy
from coitrack.certificates.services.data import POLICY_FIELDS, PolicyData

# Which coverages each input belongs to (space-separated, as data-for-coverage wants).
LIMIT_COVERAGES: dict[str, str] = {
    key: " ".join(cov for cov, keys in schema.LIMIT_KEYS.items() if key in keys)
    for key in schema.ALL_LIMIT_KEYS
}
FIELD_COVERAGES: dict[str, str] = {
    "description": "other",
    "claims_made": "general_liability umbrella_liability excess_liability",
    "aggregate_applies_per": "general_liability",
    "auto_symbols": "automobile_liability",
    "retention": "umbrella_liability excess_liability",
    "statutory": "workers_compensation",
    "excluded_officers": "workers_compensation",
}
_EMPTY = {"description": "", "aggregate_applies_per": "", "auto_symbols": [], "retention": None,
          "claims_made": None, "statutory": None, "excluded_officers": None}


def limit_field_name(key: str) -> str:
    return f"limit_{key}"


class ClaimsMadeSelect(TriStateSelect):
    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("", "Unknown"), ("yes", "Claims-made"), ("no", "Occurrence")]


class PolicyForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    coverage = forms.ChoiceField(
        required=False,
        choices=[("", "— Choose coverage —"), *schema.COVERAGES.items()],
        widget=forms.Select(attrs={"data-coverage-select": ""}),
    )
    description = forms.CharField(
        required=False, max_length=200, label="Coverage written in",
        help_text="e.g. Professional liability, Pollution, Cyber.",
    )
    insurer_letter = forms.ChoiceField(
        required=False, label="Insurer letter",
        choices=[("", "—"), *((x, x) for x in schema.INSURER_LETTERS)],
    )
    policy_number = forms.CharField(required=False, max_length=100, label="Policy number")
    effective_date = forms.DateField(
        required=False, label="Effective",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    expiration_date = forms.DateField(
        required=False, label="Expiration",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    additional_insured = TriStateField(required=False, label="ADDL INSD")
    subrogation_waived = TriStateField(required=False, label="SUBR WVD")
    claims_made = TriStateField(required=False, label="Claims-made or occurrence",
                                widget=ClaimsMadeSelect)
    aggregate_applies_per = forms.ChoiceField(
        required=False, label="General aggregate applies per",
        choices=[("", "Unknown"), *schema.AGGREGATE_APPLIES_PER.items()],
    )
    auto_symbols = forms.MultipleChoiceField(
        required=False, label="Covered autos", choices=list(schema.AUTO_SYMBOLS.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    retention = AmountField(label="Deductible / retention")
    statutory = TriStateField(required=False, label="Per statute")
    excluded_officers = TriStateField(required=False, label="Officers/members excluded")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in schema.ALL_LIMIT_KEYS.items():
            self.fields[limit_field_name(key)] = AmountField(label=label)

    # What the template iterates over.
    def limit_fields(self) -> list[tuple[forms.BoundField, str]]:
        return [(self[limit_field_name(k)], LIMIT_COVERAGES[k]) for k in schema.ALL_LIMIT_KEYS]

    def coverage_for(self, name: str) -> str:
        return FIELD_COVERAGES[name]

    def clean(self):
        data = super().clean()
        coverage = data.get("coverage")
        if not coverage:
            self.add_error("coverage", "Choose the coverage of this policy (or remove the row).")
            return data
        for name in ("description", "policy_number"):
            data[name] = (data.get(name) or "").strip()
        if coverage == "other" and not data["description"]:
            self.add_error("description", "Write the coverage as printed, e.g. Professional "
                                          "liability.")
        effective, expiration = data.get("effective_date"), data.get("expiration_date")
        if effective and expiration and expiration <= effective:
            self.add_error("expiration_date", "The expiration date must be after the effective "
                                              "date.")
        label = schema.COVERAGES[coverage].lower()
        for key in schema.ALL_LIMIT_KEYS:
            name = limit_field_name(key)
            if data.get(name) is not None and key not in schema.LIMIT_KEYS[coverage]:
                self.add_error(name, f"This is not a limit of {label}: clear it or choose "
                                     "another coverage.")
        for name, coverages in FIELD_COVERAGES.items():
            if coverage not in coverages.split():
                data[name] = _EMPTY[name]
        return data

    def to_policy_data(self) -> PolicyData:
        data = self.cleaned_data
        coverage = data["coverage"]
        fields = {name: data.get(name) for name in POLICY_FIELDS}
        fields["insurer_letter"] = fields["insurer_letter"] or ""
        fields["aggregate_applies_per"] = fields["aggregate_applies_per"] or ""
        fields["auto_symbols"] = list(fields["auto_symbols"] or [])
        limits = {
            key: data[limit_field_name(key)]
            for key in schema.LIMIT_KEYS[coverage]
            if data.get(limit_field_name(key)) is not None
        }
        return PolicyData(fields=fields, limits=limits, id=data.get("id"))


class BasePolicyFormSet(forms.BaseFormSet):
    """Rows of the COVERAGES table. Before validating, the editor sets:

    ``listed_letters``: the insurer letters filled in above (None when those had errors);
    ``known_ids``: the ids of the certificate's policies; ``require_dates``: accepted
    certificates must keep the dates that superseding and compliance rely on.
    """

    listed_letters: set[str] | None = None
    known_ids: set[int] = set()
    require_dates = False

    def clean(self):
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            if not form.has_changed() and form.empty_permitted:
                continue
            self._check_row(form)

    def _check_row(self, form: PolicyForm) -> None:
        data = form.cleaned_data
        if data.get("id") is not None and data["id"] not in self.known_ids:
            raise forms.ValidationError(
                "This page is out of date (a policy changed meanwhile); reload it and try again."
            )
        letter = data.get("insurer_letter")
        if letter and self.listed_letters is not None and letter not in self.listed_letters:
            form.add_error("insurer_letter", f"Insurer {letter} is not listed under Insurers; "
                                             "add it there or choose another letter.")
        if self.require_dates and data.get("coverage"):
            for name in ("effective_date", "expiration_date"):
                if not data.get(name) and name not in form.errors:
                    form.add_error(name, "An accepted certificate needs this date.")

    def rows(self) -> list[PolicyData]:
        """The rows to save: filled-in rows not marked for removal, in the form's order."""
        return [
            form.to_policy_data()
            for form in self.forms
            if not self._should_delete_form(form)
            and (form.has_changed() or not form.empty_permitted)
        ]


PolicyFormSet = forms.formset_factory(
    PolicyForm, formset=BasePolicyFormSet, extra=1, can_delete=True, max_num=30,
    validate_max=True,
)


def policy_initial(policies: list[Policy]) -> list[dict]:
    rows = []
    for policy in policies:
        row = {name: getattr(policy, name) for name in POLICY_FIELDS}
        row["id"] = policy.pk
        row["auto_symbols"] = list(policy.auto_symbols or [])
        for limit in policy.limits.all():
            row[limit_field_name(limit.key)] = limit.amount
        rows.append(row)
    return rows
