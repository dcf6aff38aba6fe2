"""Fixtures of the review tests: a vendor with an owner, its accepted previous certificate, a
new certificate waiting for its data, and a way to enter that data through the edit page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from coitrack.accounts.models import Role
from coitrack.certificates import blobs
from coitrack.certificates.models import Certificate, CertificateStatus, Document
from coitrack.certificates.tests.editing import GL_POLICY, edit_data
from coitrack.testing import factories

LEGAL_NAME = "Summit Roofing LLC"


@pytest.fixture(autouse=True)
def storage_dir(settings, tmp_path):
    location = tmp_path / "files"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(location)}},
    }
    return location


@pytest.fixture
def owner(org):
    """The person responsible for the vendor (a viewer: owners need not be reviewers)."""
    return factories.user("olga", org=org, role=Role.VIEWER)


@pytest.fixture
def vendor(org, owner):
    return factories.vendor(org, LEGAL_NAME, owner=owner)


@pytest.fixture
def previous(vendor):
    """The accepted certificate of last year: GL-100, 2025-01-01 to 2026-01-01, $1M / $2M."""
    return factories.certificate(
        vendor, status=CertificateStatus.ACCEPTED, policy_number="GL-100",
        effective=dt.date(2025, 1, 1), expiration=dt.date(2026, 1, 1),
        limits={"each_occurrence": 1_000_000, "general_aggregate": 2_000_000},
        received_date=dt.date(2025, 1, 5),
    )


@pytest.fixture
def arriving(vendor, previous):
    """A certificate just uploaded, its data not entered yet."""
    return Certificate.objects.create(
        organization=vendor.organization, vendor=vendor, status=CertificateStatus.RECEIVED,
        received_date=dt.date(2025, 12, 20),
    )


# The clean renewal of ``previous``, as the edit page posts it.
RENEWAL_CERT = {"certificate_date": "2025-12-20", "insured_name": LEGAL_NAME}
RENEWAL_POLICY = {**GL_POLICY, "policy_number": "GL-100", "effective_date": "2026-01-01",
                  "expiration_date": "2027-01-01", "limit_each_occurrence": "1,000,000",
                  "limit_general_aggregate": "2,000,000"}
ACME = ("A", "Acme Insurance Co", "12345")


def renewal_data(*, cert: dict | None = None, policies: list[dict] | None = None,
                 insurers=None) -> dict:
    return edit_data(cert={**RENEWAL_CERT, **(cert or {})},
                     insurers=insurers if insurers is not None else [ACME],
                     policies=policies if policies is not None else [RENEWAL_POLICY])


@pytest.fixture
def enter(django_capture_on_commit_callbacks):
    """Post a certificate's data through the edit page, running what happens after commit."""
    def post(client, certificate, data):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("certificates:edit", args=[certificate.pk]), data)
        assert response.status_code == 302, response.content.decode()[:2000]
        certificate.refresh_from_db()
        return response
    return post


def attach_pdf(certificate: Certificate, content: bytes, name: str = "coi.pdf") -> Document:
    """Store ``content`` as the certificate's PDF, as the upload does."""
    import hashlib

    sha = hashlib.sha256(content).hexdigest()
    stored = blobs.document_name(sha, "pdf")
    blobs.store(stored, content)
    document = Document.objects.create(
        organization=certificate.organization, sha256=sha, file=stored, original_name=name,
        content_type="application/pdf", size=len(content), page_count=1,
    )
    certificate.documents.add(document)
    return document
