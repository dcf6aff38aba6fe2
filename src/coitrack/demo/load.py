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
from django.db import connection, transaction
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
from coitrack.demo.requirements import load_requirements
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
    vendors = [
        Vendor(organization=organization, vendor_type=catalog.vendor_types[v.vendor_type],
               owner=catalog.users.get(v.owner) if v.owner else None,
               **{name: getattr(v, name) for name in VENDOR_COLUMNS})
        for v in batch
    ]
    _insert_objects(Vendor, vendors)
    pairs = list(zip(vendors, batch, strict=True))
    _insert(Vendor.tags.through, ("vendor", "tag"),
            [(vendor.pk, catalog.tags[name].pk) for vendor, data in pairs for name in data.tags])
    _insert(VendorProject, ("vendor", "project", "start_date", "end_date"),
            [(vendor.pk, catalog.projects[a.project].pk, a.start_date, a.end_date)
             for vendor, data in pairs for a in data.projects])
    _insert(Contact, ("vendor", "role", "name", "email", "phone", "is_primary"),
            [(vendor.pk, c.role, c.name, c.email, c.phone, c.is_primary)
             for vendor, data in pairs for c in data.contacts])
    # (vendor, certificate index, certificate data, certificate row)
    certificates = [
        (vendor, index, cert, Certificate(
            organization=organization, vendor=vendor,
            **{name: getattr(cert, name) for name in CERTIFICATE_COLUMNS}))
        for vendor, data in pairs for index, cert in enumerate(data.certificates)
    ]
    _insert_objects(Certificate, [row for *_, row in certificates])
    _insert(Insurer, ("certificate", "letter", "name", "naic"),
            [(row.pk, i.letter, i.name, i.naic)
             for *_, cert, row in certificates for i in cert.insurers])
    policies = _policies(certificates)
    _insert_objects(Policy, [row for _, row in policies])
    _insert(Limit, ("policy", "key", "amount"),
            [(row.pk, key, amount)
             for data, row in policies for key, amount in data.limits.items()])
    if audit:
        _record_creation(organization, vendors, certificates)


def _policies(certificates) -> list[tuple]:
    """``(policy data, Policy)`` for every certificate's policies, ids assigned, and each
    superseded policy pointing at its successor on the newer certificate."""
    rows: dict[tuple[int, int, int], Policy] = {}  # (vendor pk, certificate index, position)
    pairs = []
    for vendor, index, cert, certificate in certificates:
        for position, policy in enumerate(cert.policies):
            row = Policy(
                certificate=certificate, vendor=vendor, position=position,
                status=PolicyStatus.CURRENT if cert.superseded_by is None
                else PolicyStatus.SUPERSEDED,
                **{name: getattr(policy, name) for name in POLICY_COLUMNS},
            )
            rows[vendor.pk, index, position] = row
            pairs.append((policy, row))
    _assign_ids(Policy, [row for _, row in pairs])
    for vendor, index, cert, _certificate in certificates:
        for position, policy in enumerate(cert.policies):
            if cert.superseded_by is not None and policy.superseded_by is not None:
                successor = rows[vendor.pk, cert.superseded_by, policy.superseded_by]
                rows[vendor.pk, index, position].superseded_by_id = successor.pk
    return pairs


def _assign_ids(model, objects: list) -> None:
    """Give ``objects`` primary keys that were never used before, without inserting them.

    Knowing the ids up front lets rows that refer to each other (a certificate's policies, a
    superseded policy's successor) go in with plain executemany batches, in any order: Django
    creates foreign keys deferrable, checked at commit. On PostgreSQL the ids come from the
    table's sequence. On SQLite they continue AUTOINCREMENT's counter (never a deleted row's id:
    audit events refer to rows by plain id); the batch's write transaction keeps them ours.
    """
    if not objects:
        return
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, len(objects)],
            )
            ids = [row[0] for row in cursor.fetchall()]
        else:
            cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(table)}")
            highest = cursor.fetchone()[0] or 0
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            used = cursor.fetchone()
            first = max(highest, used[0] if used else 0) + 1
            ids = range(first, first + len(objects))
    for obj, pk in zip(objects, ids, strict=True):
        obj.pk = pk


def _insert_objects(model, objects: list) -> None:
    """INSERT model instances the way ``bulk_create`` would (``auto_now`` included), faster.

    ``bulk_create`` compiles every value of every row through the ORM's SQL compiler, which is
    most of the time of a benchmark-sized load (hundreds of thousands of rows); one executemany
    of prepared values does the same work in a fraction of it.
    """
    if not objects:
        return
    if objects[0].pk is None:
        _assign_ids(model, objects)
    fields = model._meta.local_concrete_fields
    _execute_insert(model, fields, [
        [field.get_db_prep_save(field.pre_save(obj, add=True), connection) for field in fields]
        for obj in objects
    ])
    for obj in objects:
        obj._state.adding = False


def _insert(model, names: tuple[str, ...], rows: list[tuple]) -> None:
    """INSERT ``rows`` (values of the fields ``names``) for rows nobody needs an instance of."""
    fields = [model._meta.get_field(name) for name in names]
    _execute_insert(model, fields, [
        [f.get_db_prep_save(value, connection) for f, value in zip(fields, row, strict=True)]
        for row in rows
    ])


def _execute_insert(model, fields, prepared: list[list]) -> None:
    if not prepared:
        return
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(model._meta.db_table)} "
           f"({', '.join(quote(f.column) for f in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    with connection.cursor() as cursor:
        cursor.executemany(sql, prepared)


def _record_creation(organization, vendors, certificates) -> None:
    note = "Created by the demo data loader."
    for vendor in vendors:
        record(organization=organization, actor=SYSTEM, action=Action.CREATE, obj=vendor,
               note=note, vendor_id=vendor.pk)
    rows = {(vendor.pk, index): row for vendor, index, _, row in certificates}
    for vendor, _, cert, row in certificates:
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
        load_requirements(organization=organization, vendor_types=catalog.vendor_types,
                          projects=catalog.projects)
        load_vendors(data.vendors, organization=organization, catalog=catalog, audit=True)
        refresh_summaries(organization=organization)
    return organization
