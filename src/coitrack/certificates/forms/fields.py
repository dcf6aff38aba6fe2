"""Form fields for what certificates print: dollar amounts and three-state check marks."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError

# Largest amount we store: far above any real limit, well inside a 64-bit integer.
MAX_AMOUNT = 10**13
_AMOUNT = re.compile(r"^\$?\s*(\d{1,3}(,\d{3})+|\d+)(\.0{1,2})?$")


def parse_amount(text: str) -> int:
    """``"$1,000,000"``, ``"1,000,000"``, ``"1000000"`` or ``"1000000.00"`` -> 1000000.

    Raises ``ValueError`` for anything else: cents, negative numbers, misplaced commas, words.
    """
    cleaned = text.strip().replace(" ", "")
    match = _AMOUNT.match(cleaned)
    if not match:
        raise ValueError(text)
    return int(match.group(1).replace(",", ""))


class AmountField(forms.CharField):
    """A whole-dollar amount typed the way people write it; cleans to ``int`` or ``None``."""

    default_error_messages = {
        "invalid": "Enter an amount in whole dollars, like 1,000,000 or $1,000,000.",
        "too_big": "That amount is too large to be a policy limit.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)  # no max_length: it would be checked against the int

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "numeric", "autocomplete": "off", "placeholder": "$",
                      "maxlength": "30"})
        return attrs

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{value:,}"
        return value

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        if len(text) > 30:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            amount = parse_amount(text)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if amount > MAX_AMOUNT:
            raise ValidationError(self.error_messages["too_big"], code="too_big")
        return amount


class TriStateSelect(forms.Select):
    """Unknown / Yes / No, for a box on the form that may be unreadable as well as unticked."""

    def __init__(self, attrs=None):
        choices = [("", "Unknown"), ("yes", "Yes"), ("no", "No")]
        super().__init__(attrs, choices)

    def format_value(self, value):
        return {True: ["yes"], False: ["no"]}.get(value, [""])

    def value_from_datadict(self, data, files, name):
        return {"yes": True, "no": False}.get(data.get(name))


class TriStateField(forms.NullBooleanField):
    widget = TriStateSelect
