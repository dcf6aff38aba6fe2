"""Vendor rows: cleaning each row, matching it to the organization's vendors, and deciding what
importing it would do (create, update, unchanged, skip) or why it cannot (its problems).

The same plan serves the preview and the run (the run plans again from the stored file: what
was previewed is never trusted). Decisions:

- **Matching.** A row with a tax id matches the vendors with that tax id (digits and letters
  compared, dashes and spaces ignored); otherwise, or when none has it, the vendors with the same
  normalized legal name (``rules.names.normalize_name``: case, punctuation, "Inc"/"LLC" ignored)
  whose tax id is empty or the row's. Merged-away vendors never match.
- **What a row changes.** Only its non-empty cells: an empty cell keeps the stored value, so a
  partial spreadsheet never wipes data. Projects and tags are added, never removed. A contact is
  the vendor's contact of that role with the same e-mail (else, without an e-mail, the same
  name): found, its name and phone are brought up to date; not found, it is added (primary when
  the vendor has no primary contact of that role).
- **Idempotency.** A row that would change nothing is ``unchanged`` whatever the duplicate
  policy, so importing the same file twice changes nothing the second time.
- **Duplicates** of an existing vendor follow the job's policy: skip, update (refused as a
  problem when the row matches several vendors: add the tax id), or create another vendor.
  Two rows of the file for the same vendor: the second is a problem.
- Vendor types, projects and tags named in the file are created when missing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from coitrack.accounts.models import Membership
from coitrack.imports.escaping import unescape_cell
from coitrack.rules.names import normalize_name
from coitrack.vendors.models import Contact, ContactRole, Project, Tag, Vendor, VendorType

TEXT_LIMITS = {"legal_name": 300, "dba": 300, "tax_id": 20, "address_line1": 200,
               "address_line2": 200, "city": 100, "state": 50, "postal_code": 20,
               "notes": 10_000}
TEXT_FIELDS = list(TEXT_LIMITS)
STATUS_WORDS = {"active": "active", "yes": "active", "inactive": "inactive", "no": "inactive",
                "deactivated": "inactive"}
CONTACT_ROLES = (("contact", ContactRole.VENDOR), ("agent", ContactRole.AGENT))
SEPARATORS = re.compile(r"[;\n]")


def tax_key(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", text).upper()


@dataclass
class ContactIn:
    role: str
    name: str
    email: str
    phone: str


@dataclass
class VendorRow:
    line: int
    fields: dict[str, str]  # the non-empty text fields
    vendor_type: str = ""
    status: str = ""
    owner_id: int | None = None
    owner_label: str = ""
    projects: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    contacts: list[ContactIn] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    action: str = ""  # create / update / unchanged / skip / error
    vendor_id: int | None = None
    changes: dict[str, list] = field(default_factory=dict)  # update: field -> [before, after]
    contact_updates: list[tuple[int, dict]] = field(default_factory=list)  # (contact id, values)
    new_contacts: list[ContactIn] = field(default_factory=list)
    new_projects: list[str] = field(default_factory=list)
    new_tags: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.fields.get("legal_name", "")


def clean_row(line: int, values: dict[str, str], members: dict[str, tuple[int, str]]) -> VendorRow:
    """One row's mapped cells -> a :class:`VendorRow` with the problems of the row alone.

    ``members`` maps a lower-cased e-mail or user name to ``(user id, display name)``.
    """
    values = {k: unescape_cell(v).strip() for k, v in values.items()}
    row = VendorRow(line=line, fields={})
    for name, limit in TEXT_LIMITS.items():
        text = values.get(name, "")
        if len(text) > limit:
            row.problems.append(f"{name.replace('_', ' ')} longer than {limit} characters")
        elif text:
            row.fields[name] = text
    if not row.fields.get("legal_name") and "legal name longer" not in " ".join(row.problems):
        row.problems.append("no legal name")
    row.vendor_type = " ".join(values.get("vendor_type", "").split())
    if len(row.vendor_type) > 100:
        row.problems.append("vendor type longer than 100 characters")
    status = values.get("status", "").lower()
    if status:
        row.status = STATUS_WORDS.get(status, "")
        if not row.status:
            row.problems.append(f"status “{values['status']}” is not active or inactive")
    owner = values.get("owner", "")
    if owner:
        found = members.get(owner.lower())
        if found is None:
            row.problems.append(f"owner “{owner}” is not a member of this organization")
        else:
            row.owner_id, row.owner_label = found
    row.projects = _names(values.get("projects", ""), 200, "project", row)
    row.tags = _names(values.get("tags", ""), 50, "tag", row)
    for prefix, role in CONTACT_ROLES:
        contact = ContactIn(role=role, name=" ".join(values.get(f"{prefix}_name", "").split()),
                            email=values.get(f"{prefix}_email", "").strip(),
                            phone=values.get(f"{prefix}_phone", "").strip())
        if not (contact.name or contact.email or contact.phone):
            continue
        who = "agent" if role == ContactRole.AGENT else "contact"
        if contact.email:
            try:
                validate_email(contact.email)
            except ValidationError:
                row.problems.append(f"{who} e-mail “{contact.email}” is not an e-mail address")
        if not contact.name and not contact.email:
            row.problems.append(f"{who} phone without a name or e-mail")
        if len(contact.name) > 200 or len(contact.phone) > 40:
            row.problems.append(f"{who} name or phone too long")
        row.contacts.append(contact)
    return row


def _names(text: str, limit: int, what: str, row: VendorRow) -> list[str]:
    names: list[str] = []
    for part in SEPARATORS.split(text):
        name = " ".join(part.split())
        if len(name) > limit:
            row.problems.append(f"{what} longer than {limit} characters")
        elif name and name.lower() not in {n.lower() for n in names}:
            names.append(name)
    return names


class VendorIndex:
    """The organization's live vendors with what a row is compared against, loaded in a few
    queries (no query per row)."""

    def __init__(self, organization) -> None:
        self.organization = organization
        fields = ["pk", *TEXT_FIELDS, "vendor_type_id", "status", "owner_id"]
        self.vendors: dict[int, dict] = {
            v["pk"]: v for v in Vendor.objects.filter(organization=organization,
                                                      merged_into__isnull=True).values(*fields)}
        self.by_tax: dict[str, list[int]] = defaultdict(list)
        self.by_name: dict[str, list[int]] = defaultdict(list)
        for pk, v in self.vendors.items():
            if v["tax_id"]:
                self.by_tax[tax_key(v["tax_id"])].append(pk)
            self.by_name[normalize_name(v["legal_name"])].append(pk)
        self.types = {n.lower(): (pk, n) for pk, n in VendorType.objects.filter(
            organization=organization).values_list("pk", "name")}
        self.project_ids = {n.lower(): pk for pk, n in Project.objects.filter(
            organization=organization).values_list("pk", "name")}
        self.tag_ids = {n.lower(): pk for pk, n in Tag.objects.filter(
            organization=organization).values_list("pk", "name")}
        self.contacts: dict[int, list[dict]] = defaultdict(list)
        for c in Contact.objects.filter(vendor__organization=organization).values(
                "pk", "vendor_id", "role", "name", "email", "phone", "is_primary"):
            self.contacts[c["vendor_id"]].append(c)
        through = Vendor.projects.through
        self.vendor_projects: dict[int, set[int]] = defaultdict(set)
        for vendor_id, project_id in through.objects.filter(
                vendor__organization=organization).values_list("vendor_id", "project_id"):
            self.vendor_projects[vendor_id].add(project_id)
        self.vendor_tags: dict[int, set[int]] = defaultdict(set)
        for vendor_id, tag_id in Vendor.tags.through.objects.filter(
                vendor__organization=organization).values_list("vendor_id", "tag_id"):
            self.vendor_tags[vendor_id].add(tag_id)

    def candidates(self, row: VendorRow) -> list[int]:
        tax = tax_key(row.fields.get("tax_id", ""))
        if tax and self.by_tax.get(tax):
            return list(self.by_tax[tax])
        return [pk for pk in self.by_name.get(normalize_name(row.name), [])
                if not tax or not self.vendors[pk]["tax_id"]]

    def differences(self, row: VendorRow, pk: int) -> None:
        """Fill the row's changes against vendor ``pk`` (what an update would write)."""
        existing = self.vendors[pk]
        row.changes, row.contact_updates, row.new_contacts = {}, [], []
        for name, value in row.fields.items():
            if name == "tax_id" and tax_key(value) == tax_key(existing[name]):
                continue  # "12-3456789" and "123456789" are the same number: keep the stored form
            if existing[name] != value:
                row.changes[name] = [existing[name], value]
        if row.vendor_type:
            type_id = self.types.get(row.vendor_type.lower(), (None, ""))[0]
            if type_id is None or type_id != existing["vendor_type_id"]:
                before = next((n for p, n in self.types.values()
                               if p == existing["vendor_type_id"]), None)
                row.changes["vendor_type"] = [before, row.vendor_type]
        if row.status and row.status != existing["status"]:
            row.changes["status"] = [existing["status"], row.status]
        if row.owner_id is not None and row.owner_id != existing["owner_id"]:
            row.changes["owner"] = [existing["owner_id"], row.owner_label]
        have_projects = self.vendor_projects.get(pk, set())
        row.new_projects = [n for n in row.projects
                            if self.project_ids.get(n.lower()) not in have_projects]
        if row.new_projects:
            row.changes["projects"] = [None, row.new_projects]
        have_tags = self.vendor_tags.get(pk, set())
        row.new_tags = [n for n in row.tags if self.tag_ids.get(n.lower()) not in have_tags]
        if row.new_tags:
            row.changes["tags"] = [None, row.new_tags]
        for contact in row.contacts:
            match = _matching_contact(self.contacts.get(pk, []), contact)
            if match is None:
                row.new_contacts.append(contact)
                continue
            values = {k: getattr(contact, k) for k in ("name", "phone")
                      if getattr(contact, k) and getattr(contact, k) != match[k]}
            if values:
                row.contact_updates.append((match["pk"], values))
        if row.new_contacts or row.contact_updates:
            row.changes["contacts"] = [None, [_contact_label(c) for c in row.new_contacts]
                                       + [f"{v} (changed)" for _, v in row.contact_updates]]


def _matching_contact(contacts: list[dict], wanted: ContactIn) -> dict | None:
    for c in contacts:
        if c["role"] != wanted.role:
            continue
        if wanted.email:
            if c["email"].lower() == wanted.email.lower():
                return c
        elif wanted.name and c["name"].lower() == wanted.name.lower():
            return c
    return None


def _contact_label(contact: ContactIn) -> str:
    who = " ".join(p for p in (contact.name, f"<{contact.email}>" if contact.email else "") if p)
    return f"{who or contact.phone} ({ContactRole(contact.role).label.lower()})"


def members_lookup(organization) -> dict[str, tuple[int, str]]:
    """A member's lower-cased e-mail and user name -> (user id, display name)."""
    users = get_user_model().objects.filter(
        pk__in=Membership.objects.filter(organization=organization).values("user_id"))
    lookup: dict[str, tuple[int, str]] = {}
    for user in users:
        label = user.get_full_name() or user.get_username()
        for key in (user.email, user.get_username()):
            if key:
                lookup.setdefault(key.lower(), (user.pk, label))
    return lookup


def plan_rows(index: VendorIndex, rows: list[VendorRow], policy: str) -> None:
    """Decide each row's action (see the module's decisions); problems make it ``error``.

    Each existing vendor is the target of one row at most; a row whose candidates are all taken
    by earlier rows (or a new vendor named twice) is a problem of the later row.
    """
    claimed: dict[object, int] = {}  # vendor id, or a new vendor's key -> line that took it
    for row in rows:
        if row.problems:
            row.action = "error"
            continue
        candidates = index.candidates(row)
        free = [pk for pk in candidates if pk not in claimed]
        if candidates and not free:
            _refuse(row, f"same vendor as line {claimed[candidates[0]]}")
            continue
        for pk in free:
            index.differences(row, pk)
            if not row.changes:
                row.action, row.vendor_id = "unchanged", pk
                break
        else:
            if not free or policy == "create":
                tax = tax_key(row.fields.get("tax_id", ""))
                key = ("tax", tax) if tax else ("name", normalize_name(row.name))
                if key in claimed:
                    _refuse(row, f"same vendor as line {claimed[key]}")
                    continue
                claimed[key] = row.line
                row.action, row.changes = "create", {}
                continue
            if policy == "skip":
                row.action, row.vendor_id = "skip", free[0]
            elif len(free) > 1:
                _refuse(row, f"matches {len(free)} vendors with this name; add their tax id to "
                             "tell them apart")
                continue
            else:
                index.differences(row, free[0])
                row.action, row.vendor_id = "update", free[0]
        claimed[row.vendor_id] = row.line


def _refuse(row: VendorRow, problem: str) -> None:
    row.problems.append(problem)
    row.action, row.changes = "error", {}
