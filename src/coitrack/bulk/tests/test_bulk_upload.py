"""Bulk upload through HTTP: files and ZIPs read in the background, filed with the vendor their
insured name gives, the rest in the unmatched tray; duplicates and hostile files reported."""

from __future__ import annotations

import io
import zipfile
from functools import cache

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coitrack.audit.models import Event
from coitrack.bulk.models import BulkItem, BulkUpload, ItemState
from coitrack.certificates.models import Certificate, CertificateSource
from coitrack.reading.synth import generate
from coitrack.testing import factories

pytestmark = pytest.mark.django_db


@cache
def certificate_file(seed: int) -> tuple[bytes, str]:
    """A generated certificate and the insured name printed on it."""
    content, truth = generate(seed, "text")
    return content, truth["insured"]["name"]


def upload(client, capture, *files: tuple[str, bytes], date: str = "2026-03-02"):
    data = {"received_date": date,
            "files": [SimpleUploadedFile(name, content, "application/octet-stream")
                      for name, content in files]}
    with capture(execute=True):
        response = client.post(reverse("bulk:upload"), data)
    return response


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_each_file_is_filed_with_its_vendor_or_left_in_the_tray(
        org, reviewer_client, django_capture_on_commit_callbacks):
    matched, matched_name = certificate_file(7)  # Blue Ridge Demolition LLP
    stranger, stranger_name = certificate_file(8)  # Bayview Paving Corp.
    vendor = factories.vendor(org, matched_name.upper().replace(" LLP", ", L.L.P."))
    response = upload(reviewer_client, django_capture_on_commit_callbacks,
                      ("one.pdf", matched), ("two.pdf", stranger))
    assert response.status_code == 302
    bulk = BulkUpload.objects.get()
    assert (bulk.status, bulk.total, bulk.done) == ("done", 2, 2)
    one, two = bulk.items.order_by("position")
    assert (one.state, one.vendor, one.match_method, one.confidence) == (
        ItemState.MATCHED, vendor, "exact", 1.0)
    certificate = Certificate.objects.get(vendor=vendor)
    assert one.certificate == certificate
    assert certificate.source == CertificateSource.UPLOAD
    assert (two.state, two.insured_name) == (ItemState.UNMATCHED, stranger_name)
    page = reviewer_client.get(response["Location"]).content.decode()
    assert "Filed" in page and "Needs a vendor" in page
    tray = reviewer_client.get(reverse("bulk:tray")).content.decode()
    assert "two.pdf" in tray and "one.pdf" not in tray


def test_a_close_name_is_matched_with_its_confidence(org, reviewer_client,
                                                    django_capture_on_commit_callbacks):
    content, _ = certificate_file(8)  # Bayview Paving Corp.
    vendor = factories.vendor(org, "Bayveiw Paving Corporation")
    upload(reviewer_client, django_capture_on_commit_callbacks, ("typo.pdf", content))
    item = BulkItem.objects.get()
    assert (item.state, item.vendor, item.match_method) == (ItemState.MATCHED, vendor, "fuzzy")
    assert 0.9 <= item.confidence < 1


def test_a_reviewer_assigns_an_unmatched_file_and_it_is_audited(
        org, reviewer_client, django_capture_on_commit_callbacks):
    content, _ = certificate_file(8)
    upload(reviewer_client, django_capture_on_commit_callbacks, ("two.pdf", content))
    item = BulkItem.objects.get()
    vendor = factories.vendor(org, "Someone Else Entirely")
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(reverse("bulk:assign", args=[item.pk]),
                                        {"vendor_name": "someone else entirely"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.state, item.vendor, item.match_method) == (ItemState.ASSIGNED, vendor,
                                                           "reviewer")
    assert item.certificate.vendor == vendor
    assert Event.objects.filter(object_type="bulkitem", object_id=item.pk,
                                vendor_id=vendor.pk).exists()
    assert "Nothing waits" in reviewer_client.get(reverse("bulk:tray")).content.decode()


def test_a_reviewer_discards_a_file_and_it_is_audited(org, reviewer_client,
                                                     django_capture_on_commit_callbacks):
    content, _ = certificate_file(8)
    upload(reviewer_client, django_capture_on_commit_callbacks, ("two.pdf", content))
    item = BulkItem.objects.get()
    reviewer_client.post(reverse("bulk:discard", args=[item.pk]))
    item.refresh_from_db()
    assert item.state == ItemState.DISCARDED
    assert Event.objects.filter(object_type="bulkitem", object_id=item.pk,
                                action="delete").exists()
    assert not Certificate.objects.exists()


def test_files_already_on_file_are_recognized_as_duplicates(
        org, reviewer_client, django_capture_on_commit_callbacks):
    content, name = certificate_file(7)
    vendor = factories.vendor(org, name)
    upload(reviewer_client, django_capture_on_commit_callbacks, ("first.pdf", content))
    upload(reviewer_client, django_capture_on_commit_callbacks, ("again.pdf", content),
           ("again-copy.pdf", content))
    again, copy = BulkUpload.objects.order_by("-id").first().items.order_by("position")
    assert again.state == copy.state == ItemState.DUPLICATE
    assert "Already on file as certificate" in again.reason and again.vendor == vendor
    assert Certificate.objects.count() == 1


def test_a_hostile_zip_is_reported_file_by_file(org, reviewer_client,
                                               django_capture_on_commit_callbacks):
    content, name = certificate_file(7)
    factories.vendor(org, name)
    archive = zip_of({"good/cert.pdf": content, "../escape.pdf": content + b" ",
                      "inner.zip": zip_of({"x.pdf": content}), "notes.txt": b"hello there",
                      "bomb.pdf": b"%PDF-" + b"\0" * 5_000_000})
    upload(reviewer_client, django_capture_on_commit_callbacks, ("batch.zip", archive))
    items = {i.name: i for i in BulkItem.objects.all()}
    assert items["cert.pdf"].state == ItemState.MATCHED
    assert "unsafe path" in items["escape.pdf"].reason
    assert "nested ZIP" in items["inner.zip"].reason
    assert items["notes.txt"].state == ItemState.REFUSED and items["notes.txt"].reason
    assert "ZIP bomb" in items["bomb.pdf"].reason
    assert Certificate.objects.count() == 1


def test_a_drop_over_the_limits_changes_nothing(org, reviewer_client,
                                                django_capture_on_commit_callbacks, settings):
    from coitrack.bulk import archive

    many = zip_of({f"{i}.pdf": b"%PDF-1" for i in range(archive.MAX_FILES + 1)})
    response = upload(reviewer_client, django_capture_on_commit_callbacks, ("many.zip", many))
    assert response.status_code == 400
    assert "At most 200 files" in response.content.decode()
    assert not BulkUpload.objects.exists()


def test_progress_is_polled_while_the_upload_is_read(org, reviewer_client):
    bulk = BulkUpload.objects.create(organization=org, received_date="2026-03-02", total=4,
                                     done=1, status="running")
    part = reviewer_client.get(reverse("bulk:progress", args=[bulk.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in part and "1 of 4 files read" in part


def test_viewers_see_results_but_cannot_upload_assign_or_discard(
        org, viewer_client, reviewer_user):
    bulk = BulkUpload.objects.create(organization=org, received_date="2026-03-02")
    item = BulkItem.objects.create(upload=bulk, organization=org, position=0, name="x.pdf",
                                   state=ItemState.UNMATCHED)
    assert viewer_client.get(reverse("bulk:tray")).status_code == 200
    assert viewer_client.post(reverse("bulk:upload")).status_code == 403
    assert viewer_client.post(reverse("bulk:assign", args=[item.pk])).status_code == 403
    assert viewer_client.post(reverse("bulk:discard", args=[item.pk])).status_code == 403
    item.refresh_from_db()
    assert item.state == ItemState.UNMATCHED


def test_another_organizations_items_answer_404(org, other_org, reviewer_client):
    bulk = BulkUpload.objects.create(organization=other_org, received_date="2026-03-02")
    item = BulkItem.objects.create(upload=bulk, organization=other_org, position=0,
                                   name="secret.pdf", state=ItemState.UNMATCHED)
    own = factories.vendor(org, "Our Vendor")
    assert reviewer_client.get(reverse("bulk:detail", args=[bulk.pk])).status_code == 404
    assert reviewer_client.post(reverse("bulk:assign", args=[item.pk]),
                                {"vendor": own.pk}).status_code == 404
    # and another organization's vendor cannot be chosen for an own item
    mine = BulkItem.objects.create(upload=BulkUpload.objects.create(
        organization=org, received_date="2026-03-02"), organization=org, position=0,
        name="mine.pdf", state=ItemState.UNMATCHED)
    theirs = factories.vendor(other_org, "Their Vendor")
    reviewer_client.post(reverse("bulk:assign", args=[mine.pk]), {"vendor": theirs.pk})
    mine.refresh_from_db()
    assert mine.state == ItemState.UNMATCHED
