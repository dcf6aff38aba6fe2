"""A JSON field that keeps the document exactly as written, key order included, on every database.

PostgreSQL's ``jsonb`` (Django's JSONField there) re-sorts object keys. Requirement templates are
a published format whose key order carries meaning for people (limits are checked and reported in
the template's order) and whose export must give back the file that was imported, so templates
are stored as JSON text instead.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models


class OrderedJSONField(models.TextField):
    description = "JSON stored as text, key order preserved"

    def from_db_value(self, value: str | None, expression, connection) -> Any:
        return None if value is None else json.loads(value)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError as error:
                raise ValidationError(f"Not valid JSON: {error}") from None
        return value

    def get_prep_value(self, value: Any) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False)

    def value_to_string(self, obj) -> str:
        return self.get_prep_value(self.value_from_object(obj)) or ""
