"""The vendor list as CSV, in the columns the vendor import guesses back (so exporting and
importing the same file changes nothing), every cell escaped against formula injection."""

from __future__ import annotations

from collections.abc import Iterator

from coitrack.imports.columns import VENDOR_FIELDS
from coitrack.imports.escaping import write_csv
from coitrack.vendors.models import Contact, ContactRole, Vendor

HEADER = [f.label for f in VENDOR_FIELDS]
BATCH = 2000


def vendor_rows(organization) -> Iterator[list[str]]:
    """One row per live vendor (not merged away), ordered by name then id; the primary contact
    of each role (else the first) fills the contact and agent columns."""
    vendors = (Vendor.objects.filter(organization=organization, merged_into__isnull=True)
               .select_related("vendor_type", "owner").order_by("legal_name", "pk"))
    ids = list(vendors.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        batch = ids[start:start + BATCH]
        contacts: dict[tuple[int, str], Contact] = {}
        for contact in Contact.objects.filter(vendor_id__in=batch).order_by(
                "vendor_id", "-is_primary", "pk"):
            contacts.setdefault((contact.vendor_id, contact.role), contact)
        projects: dict[int, list[str]] = {}
        for vendor_id, name in Vendor.projects.through.objects.filter(
                vendor_id__in=batch).values_list("vendor_id", "project__name"):
            projects.setdefault(vendor_id, []).append(name)
        tags: dict[int, list[str]] = {}
        for vendor_id, name in Vendor.tags.through.objects.filter(
                vendor_id__in=batch).values_list("vendor_id", "tag__name"):
            tags.setdefault(vendor_id, []).append(name)
        for v in vendors.filter(pk__in=batch):
            contact = contacts.get((v.pk, ContactRole.VENDOR))
            agent = contacts.get((v.pk, ContactRole.AGENT))
            owner = (v.owner.email or v.owner.get_username()) if v.owner else ""
            yield [v.legal_name, v.dba, v.tax_id, v.vendor_type.name if v.vendor_type else "",
                   v.status, owner, "; ".join(sorted(projects.get(v.pk, []), key=str.lower)),
                   "; ".join(sorted(tags.get(v.pk, []), key=str.lower)), v.address_line1,
                   v.address_line2, v.city, v.state, v.postal_code, v.notes,
                   *_contact(contact), *_contact(agent)]


def _contact(contact: Contact | None) -> list[str]:
    return [contact.name, contact.email, contact.phone] if contact else ["", "", ""]


def vendor_csv_chunks(organization) -> Iterator[str]:
    """The export as CSV text in pieces (for a streaming response)."""
    yield write_csv(HEADER, [])
    batch: list[list[str]] = []
    for row in vendor_rows(organization):
        batch.append(row)
        if len(batch) >= 500:
            yield write_csv(None, batch)
            batch = []
    if batch:
        yield write_csv(None, batch)
