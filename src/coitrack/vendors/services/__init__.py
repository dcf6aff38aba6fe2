"""State changes of vendors and their lists. Views, the API, tasks and the CLI call these.

Every function takes keyword-only arguments, runs in one transaction, writes audit events, and
raises ``django.core.exceptions.ValidationError`` (changing nothing) for input it refuses.
"""

from coitrack.vendors.services.contacts import add_contact, delete_contact, update_contact
from coitrack.vendors.services.lists import (
    create_project,
    create_vendor_type,
    delete_vendor_type,
    rename_vendor_type,
    update_project,
)
from coitrack.vendors.services.merge import MergePlan, merge_vendors, plan_merge
from coitrack.vendors.services.vendors import (
    create_vendor,
    resolve_tags,
    set_vendor_status,
    update_vendor,
    vendor_snapshot,
)

__all__ = [
    "MergePlan",
    "add_contact",
    "create_project",
    "create_vendor",
    "create_vendor_type",
    "delete_contact",
    "delete_vendor_type",
    "merge_vendors",
    "plan_merge",
    "rename_vendor_type",
    "resolve_tags",
    "set_vendor_status",
    "update_contact",
    "update_project",
    "update_vendor",
    "vendor_snapshot",
]
