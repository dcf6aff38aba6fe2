"""A vendor's contacts: the vendor's own people and its insurance agent or broker.

At most one contact per role is primary (the one outreach writes to first), so marking a contact
primary takes the flag from the vendor's other contact of that role.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from coitrack.audit.models import Action
from coitrack.audit.services import diff, record, snapshot
from coitrack.vendors.models import Contact, ContactRole, Vendor

CONTACT_FIELDS = ["role", "name", "email", "phone", "is_primary"]


def _apply(contact: Contact, data: Mapping[str, Any]) -> str:
    """Set the fields, validate, save; return a note when another contact lost its primary flag."""
    for name in CONTACT_FIELDS:
        if name in data:
            value = data[name]
            setattr(contact, name, value.strip() if isinstance(value, str) else value)
    if not contact.name and not contact.email:
        raise ValidationError("Give the contact a name or an e-mail address.")
    contact.full_clean(exclude=["vendor"])
    note = ""
    if contact.is_primary:
        previous = Contact.objects.filter(
            vendor_id=contact.vendor_id, role=contact.role, is_primary=True
        ).exclude(pk=contact.pk)
        names = [str(c) for c in previous]
        if names:
            previous.update(is_primary=False)
            note = f"Primary {ContactRole(contact.role).label.lower()} was: {', '.join(names)}"
    contact.save()
    return note


def _check_vendor(organization, vendor: Vendor) -> None:
    if vendor.organization_id != organization.pk:
        raise ValidationError("This vendor does not exist in this organization.")
    if vendor.merged_into_id:
        raise ValidationError("This vendor was merged into another; edit the survivor instead.")


def add_contact(*, organization, actor, vendor: Vendor, data: Mapping[str, Any]) -> Contact:
    """Add a contact (role, name, email, phone, is_primary) to ``vendor``; audited on the vendor."""
    with transaction.atomic():
        _check_vendor(organization, vendor)
        contact = Contact(vendor=vendor)
        note = _apply(contact, data)
        after = snapshot(contact, CONTACT_FIELDS)
        record(organization=organization, actor=actor, action=Action.CREATE, obj=contact,
               changes={k: [None, v] for k, v in after.items() if v not in (None, "", False)},
               note=note, vendor_id=vendor.pk)
    return contact


def update_contact(*, organization, actor, contact: Contact, data: Mapping[str, Any]) -> Contact:
    """Change a contact's fields present in ``data``; records before/after of what changed."""
    with transaction.atomic():
        contact = Contact.objects.select_related("vendor").select_for_update(
            of=("self",)
        ).get(pk=contact.pk)
        _check_vendor(organization, contact.vendor)
        before = snapshot(contact, CONTACT_FIELDS)
        note = _apply(contact, data)
        changes = diff(before, snapshot(contact, CONTACT_FIELDS))
        if changes:
            record(organization=organization, actor=actor, action=Action.UPDATE, obj=contact,
                   changes=changes, note=note, vendor_id=contact.vendor_id)
    return contact


def delete_contact(*, organization, actor, contact: Contact) -> None:
    """Delete a contact; the event keeps what it was."""
    with transaction.atomic():
        _check_vendor(organization, contact.vendor)
        before = snapshot(contact, CONTACT_FIELDS)
        record(organization=organization, actor=actor, action=Action.DELETE, obj=contact,
               changes={k: [v, None] for k, v in before.items() if v not in (None, "", False)},
               vendor_id=contact.vendor_id)
        contact.delete()
