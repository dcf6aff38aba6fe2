"""Writing planned vendor rows, one chunk per transaction, in bulk.

Audit (decided for speed, with the trail still complete): one event per created or updated
vendor, written with ``bulk_create`` in the chunk's transaction, linked to the vendor so its page
shows "Imported from <file>, line N" with the values set or changed (contacts, projects and tags
included in that one event rather than one event each). New vendor types, projects and tags get
their own ``create`` event. Per-row service calls (``create_vendor``) cost about 15 queries a
row; the bulk path costs a handful per chunk.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from coitrack.audit.models import Action, Event
from coitrack.audit.services import actor_fields
from coitrack.imports.services.vendor_plan import VendorIndex, VendorRow, _contact_label
from coitrack.vendors.models import Contact, Project, Tag, Vendor, VendorProject, VendorType


def _event(organization, actor, action, obj_type: str, pk: int, text: str, changes, note: str,
           vendor_id=None) -> Event:
    return Event(organization=organization, action=action, object_type=obj_type, object_id=pk,
                 object_repr=text[:300], changes=changes, note=note, vendor_id=vendor_id,
                 **actor_fields(actor))


def _ensure_named(index: VendorIndex, rows: list[VendorRow], actor, note: str) -> list[Event]:
    """Create the vendor types, projects and tags the chunk names that do not exist yet."""
    organization = index.organization
    events: list[Event] = []
    wanted_types = {r.vendor_type.lower(): r.vendor_type for r in rows if r.vendor_type}
    missing = [name for key, name in wanted_types.items() if key not in index.types]
    for vendor_type in VendorType.objects.bulk_create(
            [VendorType(organization=organization, name=n) for n in missing]):
        index.types[vendor_type.name.lower()] = (vendor_type.pk, vendor_type.name)
        events.append(_event(organization, actor, Action.CREATE, "vendortype", vendor_type.pk,
                             vendor_type.name, {"name": [None, vendor_type.name]}, note))
    for model, lookup, attr, obj_type in ((Project, index.project_ids, "projects", "project"),
                                          (Tag, index.tag_ids, "tags", "tag")):
        names = {n.lower(): n for r in rows for n in getattr(r, attr)}
        missing = [n for key, n in names.items() if key not in lookup]
        for obj in model.objects.bulk_create(
                [model(organization=organization, name=n) for n in missing]):
            lookup[obj.name.lower()] = obj.pk
            events.append(_event(organization, actor, Action.CREATE, obj_type, obj.pk, obj.name,
                                 {"name": [None, obj.name]}, note))
    return events


def write_chunk(index: VendorIndex, rows: list[VendorRow], *, actor, file_name: str) -> list[int]:
    """Create and update the chunk's ``create``/``update`` rows in one transaction; return the
    ids of the vendors created or changed (to re-evaluate). Keeps ``index`` current, so later
    chunks see what this one wrote."""
    organization = index.organization
    creates = [r for r in rows if r.action == "create"]
    updates = [r for r in rows if r.action == "update"]
    if not creates and not updates:
        return []
    note = f"Imported from {file_name}."
    now = timezone.now()
    with transaction.atomic():
        events = _ensure_named(index, creates + updates, actor, note)
        vendors = [Vendor(organization=organization,
                          vendor_type_id=(index.types[r.vendor_type.lower()][0]
                                          if r.vendor_type else None),
                          status=r.status or "active", owner_id=r.owner_id, **r.fields)
                   for r in creates]
        Vendor.objects.bulk_create(vendors)
        contacts: list[Contact] = []
        links: list[VendorProject] = []
        tag_links = []
        for row, vendor in zip(creates, vendors, strict=True):
            row.vendor_id = vendor.pk
            roles_seen: set[str] = set()
            for c in row.contacts:
                contacts.append(Contact(vendor_id=vendor.pk, role=c.role, name=c.name,
                                        email=c.email, phone=c.phone,
                                        is_primary=c.role not in roles_seen))
                roles_seen.add(c.role)
            links += [VendorProject(vendor_id=vendor.pk, project_id=index.project_ids[n.lower()])
                      for n in row.projects]
            tag_links += [Vendor.tags.through(vendor_id=vendor.pk, tag_id=index.tag_ids[n.lower()])
                          for n in row.tags]
            changes = {k: [None, v] for k, v in row.fields.items()}
            if row.vendor_type:
                changes["vendor_type"] = [None, row.vendor_type]
            if row.owner_label:
                changes["owner"] = [None, row.owner_label]
            for key in ("projects", "tags"):
                if getattr(row, key):
                    changes[key] = [None, sorted(getattr(row, key), key=str.lower)]
            if row.contacts:
                changes["contacts"] = [None, [_contact_label(c) for c in row.contacts]]
            if row.status:
                changes["status"] = [None, row.status]
            events.append(_event(organization, actor, Action.CREATE, "vendor", vendor.pk,
                                 vendor.legal_name, changes,
                                 f"Imported from {file_name}, line {row.line}.", vendor.pk))
            index.vendors[vendor.pk] = {"pk": vendor.pk, **{f: getattr(vendor, f) for f in
                                        ("legal_name", "dba", "tax_id", "address_line1",
                                         "address_line2", "city", "state", "postal_code",
                                         "notes", "vendor_type_id", "status", "owner_id")}}
        changed = _write_updates(index, updates, contacts, links, tag_links, events, actor,
                                 file_name, now)
        Contact.objects.bulk_create(contacts)
        VendorProject.objects.bulk_create(links, ignore_conflicts=True)
        Vendor.tags.through.objects.bulk_create(tag_links, ignore_conflicts=True)
        Event.objects.bulk_create(events)
    return [v.pk for v in vendors] + changed


def _write_updates(index: VendorIndex, updates: list[VendorRow], contacts: list[Contact],
                   links: list, tag_links: list, events: list[Event], actor, file_name: str,
                   now) -> list[int]:
    organization = index.organization
    if not updates:
        return []
    vendors = Vendor.objects.select_for_update().in_bulk([r.vendor_id for r in updates])
    fields: set[str] = {"updated_at"}
    contact_changes: list[Contact] = []
    primaries = {(c["vendor_id"], c["role"]) for cs in index.contacts.values() for c in cs
                 if c["is_primary"] and c["vendor_id"] in vendors}
    for row in updates:
        vendor = vendors.get(row.vendor_id)
        if vendor is None or vendor.merged_into_id:
            continue  # merged or deleted since the plan: left as it is
        for name in row.fields:
            if name in row.changes:
                setattr(vendor, name, row.fields[name])
                fields.add(name)
        if "vendor_type" in row.changes:
            vendor.vendor_type_id = index.types[row.vendor_type.lower()][0]
            fields.add("vendor_type")
        if "status" in row.changes:
            vendor.status = row.status
            fields.add("status")
        if "owner" in row.changes:
            vendor.owner_id = row.owner_id
            fields.add("owner")
        vendor.updated_at = now
        for c in row.new_contacts:
            primary = (vendor.pk, c.role) not in primaries
            primaries.add((vendor.pk, c.role))
            contacts.append(Contact(vendor_id=vendor.pk, role=c.role, name=c.name,
                                    email=c.email, phone=c.phone, is_primary=primary))
        for contact_id, values in row.contact_updates:
            contact_changes.append(Contact(pk=contact_id, vendor_id=vendor.pk,
                                           name=values.get("name", ""),
                                           phone=values.get("phone", "")))
        links += [VendorProject(vendor_id=vendor.pk, project_id=index.project_ids[n.lower()])
                  for n in row.new_projects]
        tag_links += [Vendor.tags.through(vendor_id=vendor.pk, tag_id=index.tag_ids[n.lower()])
                      for n in row.new_tags]
        events.append(_event(organization, actor, Action.UPDATE, "vendor", vendor.pk,
                             vendor.legal_name, row.changes,
                             f"Updated from {file_name}, line {row.line}.", vendor.pk))
        index.vendors[vendor.pk].update({f: getattr(vendor, f) for f in row.fields})
    Vendor.objects.bulk_update(list(vendors.values()), sorted(fields), batch_size=500)
    for contact in contact_changes:  # few: only names or phones that differ
        values = {k: getattr(contact, k) for k in ("name", "phone") if getattr(contact, k)}
        Contact.objects.filter(pk=contact.pk).update(**values)
    return [r.vendor_id for r in updates if r.vendor_id in vendors]
