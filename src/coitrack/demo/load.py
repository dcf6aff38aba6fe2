"""Write generated demo data to the database in bulk: a few statements per thousand vendors.

The generator (:mod:`coitrack.demo.generate`) decides what the data is; this module only maps its
dataclasses onto the models. It is shared by ``coitrack seed_demo`` and ``bench/vendor_list.py``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.text import slugify

from coitrack.accounts.models import Membership, Organization
from coitrack.audit.models import Action
from coitrack.audit.services import record
from coitrack.certificates.models import (
    Certificate,
    CertificateStatus,
    Insurer,
    Limit,
    Policy,
    PolicyStatus,
)
from coitrack.demo.data import (
    CERTIFICATE_COLUMNS,
    POLICY_COLUMNS,
    VENDOR_COLUMNS,
    DemoData,
    ProjectData,
    UserData,
    VendorData,
)
from coitrack.vendors.models import Contact, Project, Tag, Vendor, VendorProject, VendorType

SYSTEM = "system"  # the audit actor of everything the loader creates


@dataclass
class Catalog:
    """The rows vendors refer to by name, looked up once per load."""

    users: dict[str, object]
    vendor_types: dict[str, VendorType]
    tags: dict[str, Tag]
    projects: dict[str, Project]


def create_users(*, organization: Organization, users: list[UserData], password: str) -> dict:
    """Members of ``organization`` with ``password``; existing usernames are reused untouched.

    The password is hashed once for all of them: hashing is deliberately slow, and these are demo
    accounts that share one published password anyway.
    """
    hashed = make_password(password)
    result = {}
    for data in users:
        user, _created = get_user_model().objects.get_or_create(
            username=data.username,
            defaults={"email": data.email, "first_name": data.first_name,
                      "last_name": data.last_name, "password": hashed},
        )
        Membership.objects.get_or_create(user=user, organization=organization,
                                         defaults={"role": data.role})
        result[data.username] = user
    return result


def create_catalog(
    *, organization: Organization, users: dict, vendor_types: list[str], tags: list[str],
    projects: list[ProjectData],
) -> Catalog:
    return Catalog(
        users=users,
        vendor_types={name: VendorType.objects.create(organization=organization, name=name)
                      for name in vendor_types},
        tags={name: Tag.objects.create(organization=organization, name=name) for name in tags},
        projects={p.name: Project.objects.create(organization=organization, name=p.name,
                                                 address=p.address, start_date=p.start_date,
                                                 end_date=p.end_date)
                  for p in projects},
    )


def load_vendors(
    vendors: Iterable[VendorData], *, organization: Organization, catalog: Catalog,
    audit: bool = True, batch_size: int = 1000,
) -> int:
    """Insert ``vendors`` with their contacts, projects, tags and certificates; return how many.

    With ``audit``, each vendor and certificate gets a "created" event by the system actor, and
    each superseded certificate a "superseded" event. Vendor summaries are not refreshed here:
    call :func:`refresh_summaries` once at the end.
    """
    loaded = 0
    iterator = iter(vendors)
    while batch := list(itertools.islice(iterator, batch_size)):
        with transaction.atomic():
            _load_batch(batch, organization=organization, catalog=catalog, audit=audit)
        loaded += len(batch)
    return loaded


def _load_batch(batch: list[VendorData], *, organization, catalog: Catalog, audit: bool) -> None:
    vendors = Vendor.objects.bulk_create([
        Vendor(organization=organization, vendor_type=catalog.vendor_types[v.vendor_type],
               owner=catalog.users.get(v.owner) if v.owner else None,
               **{name: getattr(v, name) for name in VENDOR_COLUMNS})
        for v in batch
    ])
    Vendor.tags.through.objects.bulk_create([
        Vendor.tags.through(vendor_id=vendor.pk, tag_id=catalog.tags[name].pk)
        for vendor, data in zip(vendors, batch, strict=True) for name in data.tags
    ])
    VendorProject.objects.bulk_create([
        VendorProject(vendor=vendor, project=catalog.projects[a.project],
                      start_date=a.start_date, end_date=a.end_date)
        for vendor, data in zip(vendors, batch, strict=True) for a in data.projects
    ])
    Contact.objects.bulk_create([
        Contact(vendor=vendor, role=c.role, name=c.name, email=c.email, phone=c.phone,
                is_primary=c.is_primary)
        for vendor, data in zip(vendors, batch, strict=True) for c in data.contacts
    ])
    # (vendor, its data, certificate index, certificate data, certificate row)
    certificates = [
        (vendor, data, index, cert, Certificate(
            organization=organization, vendor=vendor,
            **{name: getattr(cert, name) for name in CERTIFICATE_COLUMNS}))
        for vendor, data in zip(vendors, batch, strict=True)
        for index, cert in enumerate(data.certificates)
    ]
    Certificate.objects.bulk_create([row for *_, row in certificates])
    Insurer.objects.bulk_create([
        Insurer(certificate=row, letter=i.letter, name=i.name, naic=i.naic)
        for *_, cert, row in certificates for i in cert.insurers
    ])
    policies = _create_policies(certificates)
    Limit.objects.bulk_create([
        Limit(policy=row, key=key, amount=amount)
        for data, row in policies for key, amount in data.limits.items()
    ])
    if audit:
        _record_creation(organization, vendors, certificates)


def _create_policies(certificates) -> list:
    """Insert every policy, successors before the policies they supersede (so the reference
    can be set on insert); return ``(policy data, policy row)`` pairs."""
    rows = {(vendor.pk, index): row for vendor, _, index, _, row in certificates}
    datas = {(vendor.pk, index): cert for vendor, _, index, cert, _ in certificates}

    def depth(key) -> int:
        successor = datas[key].superseded_by
        return 0 if successor is None else 1 + depth((key[0], successor))

    by_depth: dict[int, list] = {}
    for key in rows:
        by_depth.setdefault(depth(key), []).append(key)
    created: dict[tuple[int, int, int], Policy] = {}
    pairs = []
    for level in sorted(by_depth):
        batch = []
        for key in by_depth[level]:
            cert, row = datas[key], rows[key]
            for position, policy in enumerate(cert.policies):
                successor = None
                if cert.superseded_by is not None and policy.superseded_by is not None:
                    successor = created[key[0], cert.superseded_by, policy.superseded_by]
                new = Policy(
                    certificate=row, vendor_id=key[0], position=position,
                    status=PolicyStatus.SUPERSEDED if cert.superseded_by is not None
                    else PolicyStatus.CURRENT,
                    superseded_by=successor,
                    **{name: getattr(policy, name) for name in POLICY_COLUMNS},
                )
                batch.append((key, position, policy, new))
        Policy.objects.bulk_create([new for *_, new in batch])
        for key, position, policy, new in batch:
            created[key[0], key[1], position] = new
            pairs.append((policy, new))
    return pairs


def _record_creation(organization, vendors, certificates) -> None:
    note = "Created by the demo data loader."
    for vendor in vendors:
        record(organization=organization, actor=SYSTEM, action=Action.CREATE, obj=vendor,
               note=note, vendor_id=vendor.pk)
    rows = {(vendor.pk, index): row for vendor, _, index, _, row in certificates}
    for vendor, _, _, cert, row in certificates:
        record(organization=organization, actor=SYSTEM, action=Action.CREATE, obj=row,
               note=note, vendor_id=vendor.pk, certificate_id=row.pk)
        if cert.superseded_by is not None:
            successor = rows[vendor.pk, cert.superseded_by]
            record(organization=organization, actor=SYSTEM, action=Action.SUPERSEDE, obj=row,
                   changes={"status": [CertificateStatus.ACCEPTED, CertificateStatus.SUPERSEDED]},
                   note=f"Superseded by the certificate received {successor.received_date}.",
                   vendor_id=vendor.pk, certificate_id=row.pk)


def refresh_summaries(*, organization: Organization) -> None:
    """Set every vendor's ``certificate_count`` and ``next_expiration`` in one UPDATE.

    The same values :func:`coitrack.certificates.services.refresh_vendor_summary` computes for one
    vendor (a test holds the two together), without a round trip per vendor.
    """
    count = (Certificate.objects.filter(vendor=OuterRef("pk")).order_by().values("vendor")
             .annotate(n=Count("id")).values("n"))
    first = (Policy.objects.filter(
        vendor=OuterRef("pk"), status=PolicyStatus.CURRENT,
        certificate__status=CertificateStatus.ACCEPTED, expiration_date__isnull=False,
    ).order_by().values("vendor").annotate(first=Min("expiration_date")).values("first"))
    Vendor.objects.filter(organization=organization).update(
        certificate_count=Coalesce(Subquery(count), 0), next_expiration=Subquery(first),
    )


def load_demo(data: DemoData, *, password: str) -> Organization:
    """Create the demo organization, its users (all with ``password``) and all its data."""
    with transaction.atomic():
        organization = Organization.objects.create(
            name=data.organization_name, slug=slugify(data.organization_name),
            time_zone=data.time_zone,
        )
        users = create_users(organization=organization, users=data.users, password=password)
        catalog = create_catalog(organization=organization, users=users,
                                 vendor_types=data.vendor_types, tags=data.tags,
                                 projects=data.projects)
        load_vendors(data.vendors, organization=organization, catalog=catalog, audit=True)
        refresh_summaries(organization=organization)
    return organization
