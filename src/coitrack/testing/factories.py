"""Small factories for tests: build valid rows with sensible defaults, override what matters."""

from __future__ import annotations

import datetime as dt
import itertools

from django.contrib.auth import get_user_model

from coitrack.accounts.models import Membership, Organization, Role
from coitrack.certificates.models import Certificate, CertificateStatus, Insurer, Limit, Policy
from coitrack.vendors.models import Contact, Project, Vendor, VendorType

_seq = itertools.count(1)


def organization(name: str | None = None) -> Organization:
    n = next(_seq)
    return Organization.objects.create(name=name or f"Org {n}", slug=f"org-{n}")


def user(username: str | None = None, *, org: Organization | None = None,
         role: str = Role.ADMIN, password: str = "pw-for-tests-only"):
    n = next(_seq)
    u = get_user_model().objects.create_user(
        username=username or f"user{n}", email=f"{username or f'user{n}'}@example.com",
        password=password,
    )
    if org is not None:
        Membership.objects.create(user=u, organization=org, role=role)
    return u


def vendor_type(org: Organization, name: str = "Contractor") -> VendorType:
    return VendorType.objects.get_or_create(organization=org, name=name)[0]


def project(org: Organization, name: str | None = None, **kwargs) -> Project:
    return Project.objects.create(organization=org, name=name or f"Project {next(_seq)}", **kwargs)


def vendor(org: Organization, legal_name: str | None = None, **kwargs) -> Vendor:
    return Vendor.objects.create(
        organization=org, legal_name=legal_name or f"Vendor {next(_seq)} LLC", **kwargs
    )


def contact(v: Vendor, **kwargs) -> Contact:
    kwargs.setdefault("name", "Pat Doe")
    kwargs.setdefault("email", "pat@example.com")
    return Contact.objects.create(vendor=v, **kwargs)


def certificate(
    v: Vendor,
    *,
    status: str = CertificateStatus.ACCEPTED,
    coverage: str = "general_liability",
    effective: dt.date = dt.date(2026, 1, 1),
    expiration: dt.date = dt.date(2027, 1, 1),
    limits: dict[str, int] | None = None,
    policy_number: str | None = None,
    received_date: dt.date = dt.date(2026, 1, 5),
) -> Certificate:
    """A certificate with one insurer and one policy of ``coverage``."""
    cert = Certificate.objects.create(
        organization=v.organization, vendor=v, status=status, received_date=received_date,
        form="acord25", certificate_date=received_date, insured_name=v.legal_name,
        holder_name="Holder Inc",
    )
    Insurer.objects.create(certificate=cert, letter="A", name="Acme Insurance Co", naic="12345")
    policy = Policy.objects.create(
        certificate=cert, vendor=v, coverage=coverage, insurer_letter="A",
        policy_number=policy_number or f"POL-{next(_seq)}",
        effective_date=effective, expiration_date=expiration,
    )
    for key, amount in (limits or {"each_occurrence": 1_000_000}).items():
        Limit.objects.create(policy=policy, key=key, amount=amount)
    return cert
