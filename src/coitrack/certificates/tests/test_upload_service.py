"""upload_certificate: store once, create the certificate, all or nothing."""

import datetime as dt
import hashlib
from unittest import mock

import pytest

from coitrack.audit.models import Event
from coitrack.certificates.models import Certificate, CertificateStatus, Document
from coitrack.certificates.services import upload_certificate
from coitrack.certificates.services.upload import UploadFailed
from coitrack.certificates.tests import samples
from coitrack.certificates.tests.conftest import stored_files

RECEIVED = dt.date(2026, 3, 2)


def upload(vendor, user, *files, **kwargs):
    kwargs.setdefault("received_date", RECEIVED)
    return upload_certificate(vendor=vendor, files=list(files), actor=user, **kwargs)


def test_upload_stores_the_file_under_its_hash_and_creates_a_received_certificate(
    vendor, reviewer_user, storage_dir
):
    content = samples.pdf_bytes()
    sha = hashlib.sha256(content).hexdigest()
    result = upload(vendor, reviewer_user, ("coi.pdf", samples.upload("coi.pdf", content)))
    cert = result.certificate
    assert cert.status == CertificateStatus.RECEIVED
    assert cert.received_date == RECEIVED
    assert cert.source == "upload"
    doc = cert.documents.get()
    assert doc.sha256 == sha and doc.content_type == "application/pdf" and doc.page_count == 1
    assert doc.file.name == f"documents/{sha[:2]}/{sha}.pdf"
    assert stored_files(storage_dir) == [doc.file.name]
    assert (storage_dir / doc.file.name).read_bytes() == content


def test_upload_records_create_and_upload_events_for_the_vendor_and_certificate(
    vendor, reviewer_user
):
    cert = upload(vendor, reviewer_user, ("coi.pdf", samples.upload("coi.pdf",
                                                                    samples.pdf_bytes()))).certificate
    events = Event.objects.filter(certificate_id=cert.pk, vendor_id=vendor.pk)
    assert sorted(events.values_list("action", flat=True)) == ["create", "upload"]
    assert all(e.actor == reviewer_user for e in events)


def test_upload_updates_the_vendor_certificate_count(vendor, reviewer_user):
    upload(vendor, reviewer_user, ("coi.pdf", samples.upload("coi.pdf", samples.pdf_bytes())))
    vendor.refresh_from_db()
    assert vendor.certificate_count == 1


def test_several_files_make_one_certificate(vendor, reviewer_user, storage_dir):
    result = upload(
        vendor, reviewer_user,
        ("coi.pdf", samples.upload("coi.pdf", samples.pdf_bytes())),
        ("endorsement.png", samples.upload("endorsement.png", samples.image_bytes("PNG"))),
    )
    assert result.certificate.documents.count() == 2
    assert len(stored_files(storage_dir)) == 2


def test_the_source_can_be_email(vendor, reviewer_user):
    result = upload(vendor, reviewer_user,
                    ("coi.pdf", samples.upload("coi.pdf", samples.pdf_bytes())), source="email")
    assert result.certificate.source == "email"


def test_identical_bytes_again_reuse_the_document_and_create_no_certificate(
    vendor, reviewer_user, storage_dir
):
    content = samples.pdf_bytes()
    first = upload(vendor, reviewer_user, ("coi.pdf", samples.upload("coi.pdf", content)))
    again = upload(vendor, reviewer_user, ("renamed.pdf", samples.upload("renamed.pdf", content)))
    assert again.certificate is None
    assert [(d.name, d.certificate) for d in again.duplicates] == [
        ("renamed.pdf", first.certificate)
    ]
    assert Certificate.objects.count() == 1
    assert Document.objects.count() == 1
    assert len(stored_files(storage_dir)) == 1


def test_a_known_file_beside_a_new_one_is_reused_in_the_new_certificate(vendor, reviewer_user):
    endorsement = samples.image_bytes("PNG")
    first = upload(vendor, reviewer_user, ("e.png", samples.upload("e.png", endorsement)))
    second = upload(
        vendor, reviewer_user,
        ("coi.pdf", samples.upload("coi.pdf", samples.pdf_bytes())),
        ("e.png", samples.upload("e.png", endorsement)),
    )
    assert second.certificate is not None
    assert second.duplicates[0].certificate == first.certificate
    assert Document.objects.count() == 2
    assert second.certificate.documents.count() == 2


def test_the_same_bytes_in_another_organization_are_a_separate_document(
    vendor, other_vendor, reviewer_user
):
    content = samples.pdf_bytes()
    upload(vendor, reviewer_user, ("coi.pdf", samples.upload("coi.pdf", content)))
    result = upload(other_vendor, None, ("coi.pdf", samples.upload("coi.pdf", content)))
    assert result.certificate is not None and not result.duplicates
    assert Document.objects.filter(organization=other_vendor.organization).count() == 1


def test_one_bad_file_means_nothing_is_saved(vendor, reviewer_user, storage_dir):
    with pytest.raises(UploadFailed) as failure:
        upload(
            vendor, reviewer_user,
            ("good.pdf", samples.upload("good.pdf", samples.pdf_bytes())),
            ("bad.pdf", samples.upload("bad.pdf", samples.image_bytes("PNG"))),
            ("empty.png", samples.upload("empty.png", b"")),
        )
    assert failure.value.errors == [
        "bad.pdf is not a PDF: it looks like a PNG image.",
        "empty.png is empty.",
    ]
    assert not Certificate.objects.exists() and not Document.objects.exists()
    assert not Event.objects.exists()
    assert stored_files(storage_dir) == []


def test_a_database_failure_removes_the_stored_blobs(vendor, reviewer_user, storage_dir):
    # The first event (certificate created) succeeds; the second fails after the file is stored.
    with mock.patch("coitrack.certificates.services.upload.record",
                    side_effect=[mock.DEFAULT, RuntimeError("database went away")]), \
            pytest.raises(RuntimeError):
        upload(vendor, reviewer_user, ("coi.pdf", samples.upload("coi.pdf", samples.pdf_bytes())))
    assert not Document.objects.exists()
    assert stored_files(storage_dir) == []


def test_the_size_limit_comes_from_settings(vendor, reviewer_user, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    with pytest.raises(UploadFailed, match="larger than the 1,024 bytes limit"):
        upload(vendor, reviewer_user,
               ("coi.pdf", samples.upload("coi.pdf", samples.pdf_bytes() + b" " * 2048)))


def test_uploading_nothing_is_refused(vendor, reviewer_user):
    with pytest.raises(UploadFailed, match="Choose at least one file"):
        upload(vendor, reviewer_user)
