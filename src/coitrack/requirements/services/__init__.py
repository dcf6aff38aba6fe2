"""Requirement templates, their assignment, vendor overrides and the carrier table.

Other apps call ``templates_for_vendor`` / ``templates_by_vendor`` (which templates apply to a
vendor, overrides applied) and ``carrier_table`` (the engine's table). Every function that
changes state is atomic, audited, and schedules a re-evaluation of the vendors it touches.
"""

from coitrack.requirements.services.assignments import (
    assign_template,
    effective_data,
    set_overrides,
    unassign,
)
from coitrack.requirements.services.carriers import (
    carrier_table,
    create_carrier,
    delete_carrier,
    import_carriers,
    preview_carrier_import,
    update_carrier,
)
from coitrack.requirements.services.resolution import (
    AppliedTemplate,
    templates_by_vendor,
    templates_for_vendor,
)
from coitrack.requirements.services.templates import (
    create_template,
    delete_template,
    duplicate_template,
    import_template,
    update_template,
    validate_template,
)

__all__ = [
    "AppliedTemplate",
    "assign_template",
    "carrier_table",
    "create_carrier",
    "create_template",
    "delete_carrier",
    "delete_template",
    "duplicate_template",
    "effective_data",
    "import_carriers",
    "import_template",
    "preview_carrier_import",
    "set_overrides",
    "templates_by_vendor",
    "templates_for_vendor",
    "unassign",
    "update_carrier",
    "update_template",
    "validate_template",
]
