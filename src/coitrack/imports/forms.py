"""Import forms: the upload, and the column mapping with the duplicate policy."""

from __future__ import annotations

from django import forms

from coitrack.imports.columns import CARRIERS, FIELDS
from coitrack.imports.models import ImportJob


class UploadForm(forms.Form):
    kind = forms.ChoiceField(choices=ImportJob.KIND_CHOICES, label="What the file holds")
    file = forms.FileField(
        label="CSV or Excel file", allow_empty_file=True,  # refused by the reader, with why
        help_text="First line: the column names. At most 100,000 rows. UTF-8, UTF-16 or "
                  "Windows-1252 CSV (comma, semicolon or tab), or .xlsx (its first sheet).",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.tsv,.xlsx,text/csv"}),
    )


class MappingForm(forms.Form):
    """One choice of column per field (``map_<key>``), and what to do with duplicates."""

    def __init__(self, *args, job: ImportJob, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.job = job
        columns = [("", "— not imported —")] + [
            (str(i), f"{title or '(no name)'} (column {i + 1})")
            for i, title in enumerate(job.header)]
        for f in FIELDS[job.kind]:
            self.fields[f"map_{f.key}"] = forms.ChoiceField(
                choices=columns, required=f.required, label=f.label, help_text=f.help,
                initial=str(job.mapping[f.key]) if f.key in job.mapping else "")
        policies = ImportJob.POLICY_CHOICES
        if job.kind == CARRIERS:
            policies = [(ImportJob.UPDATE, "Update the existing carrier"),
                        (ImportJob.SKIP, "Skip the row")]
        self.fields["duplicate_policy"] = forms.ChoiceField(
            choices=policies, initial=job.duplicate_policy, widget=forms.RadioSelect,
            label="Rows that match an existing record")

    def mapping(self) -> dict[str, int]:
        return {f.key: int(self.cleaned_data[f"map_{f.key}"]) for f in FIELDS[self.job.kind]
                if self.cleaned_data.get(f"map_{f.key}") not in (None, "")}
