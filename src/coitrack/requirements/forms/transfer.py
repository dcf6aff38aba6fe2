"""JSON import of a template: upload a file or paste the text."""

from __future__ import annotations

import json

from django import forms

MAX_JSON_BYTES = 1024 * 1024


class TemplateImportForm(forms.Form):
    file = forms.FileField(
        required=False, label="Template JSON file",
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )
    text = forms.CharField(
        required=False, label="…or paste the JSON",
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false", "class": "mono"}),
    )
    on_conflict = forms.ChoiceField(
        required=False, widget=forms.RadioSelect,
        choices=[("rename", "Import it under another name"),
                 ("replace", "Replace the existing template (its assignments stay)")],
    )
    new_name = forms.CharField(required=False, max_length=200, label="New name")

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is not None:
            if upload.size > MAX_JSON_BYTES:
                raise forms.ValidationError("The file is larger than 1 MB; a template is far "
                                            "smaller. Is this the right file?")
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError("The file is not UTF-8 text.") from None
        else:
            text = data.get("text") or ""
        if not text.strip():
            raise forms.ValidationError("Choose a JSON file or paste the template JSON.")
        try:
            data["template"] = json.loads(text)
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                f"This is not valid JSON: {error.msg} at line {error.lineno}, column "
                f"{error.colno}."
            ) from None
        data["text"] = text  # kept so the page can ask about a name conflict and re-post it
        return data
