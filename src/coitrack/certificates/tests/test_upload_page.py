"""The upload page: what a reviewer sees when files are good, known, or refused."""

import pytest
from django.urls import reverse

from coitrack.certificates.models import Certificate, Document
from coitrack.certificates.tests import samples
from coitrack.certificates.tests.conftest import stored_files


def url(vendor):
    return reverse("certificates:upload", args=[vendor.pk])


def post(client, vendor, *files, follow=False, **data):
    data.setdefault("received_date", "2026-03-02")
    data.setdefault("source", "upload")
    return client.post(url(vendor), {"files": list(files), **data}, follow=follow)


def test_the_form_defaults_to_today_and_upload(reviewer_client, vendor):
    response = reviewer_client.get(url(vendor))
    form = response.context["form"]
    assert form["received_date"].value() == form.today
    assert form["source"].value() == "upload"
    assert b'multiple' in response.content


def test_uploading_creates_the_certificate_and_shows_it(
    reviewer_client, vendor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(reviewer_client, vendor, samples.upload("coi.pdf", samples.pdf_bytes()))
    cert = Certificate.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:detail", args=[cert.pk])
    assert cert.vendor == vendor and str(cert.received_date) == "2026-03-02"
    assert cert.documents.get().preview_count == 1


def test_a_mismatched_file_is_reported_and_nothing_is_stored(reviewer_client, vendor,
                                                             storage_dir):
    response = post(reviewer_client, vendor,
                    samples.upload("good.pdf", samples.pdf_bytes()),
                    samples.upload("x.pdf", samples.image_bytes("PNG")))
    assert response.status_code == 400
    assert "x.pdf is not a PDF: it looks like a PNG image." in response.content.decode()
    assert "Nothing was uploaded" in response.content.decode()
    assert not Certificate.objects.exists() and stored_files(storage_dir) == []


def test_an_oversized_file_is_refused_with_the_limit(reviewer_client, vendor, settings):
    settings.MAX_UPLOAD_BYTES = 2 * 1024 * 1024
    big = samples.upload("big.pdf", samples.pdf_bytes() + b"\0" * (3 * 1024 * 1024))
    response = post(reviewer_client, vendor, big)
    assert response.status_code == 400
    assert "big.pdf is larger than the 2 MB limit" in response.content.decode()


def test_an_encrypted_pdf_is_refused(reviewer_client, vendor):
    response = post(reviewer_client, vendor,
                    samples.upload("locked.pdf", samples.pdf_bytes(password="pw")))
    assert "password-protected" in response.content.decode()
    assert not Document.objects.exists()


def test_an_image_bomb_is_refused(reviewer_client, vendor):
    response = post(reviewer_client, vendor,
                    samples.upload("bomb.png", samples.bomb_png(), "image/png"))
    assert response.status_code == 400 and "megapixel limit" in response.content.decode()


def test_the_same_file_again_points_to_the_certificate_on_file(reviewer_client, vendor,
                                                               storage_dir):
    content = samples.pdf_bytes()
    post(reviewer_client, vendor, samples.upload("coi.pdf", content))
    first = Certificate.objects.get()
    response = post(reviewer_client, vendor, samples.upload("again.pdf", content), follow=True)
    html = response.content.decode()
    assert "again.pdf is already on file as" in html
    assert f'href="{reverse("certificates:detail", args=[first.pk])}"' in html
    assert Certificate.objects.count() == 1 and len(stored_files(storage_dir)) == 1


def test_no_file_chosen_is_explained(reviewer_client, vendor):
    response = reviewer_client.post(url(vendor), {"received_date": "2026-03-02",
                                                  "source": "upload"})
    assert response.status_code == 400
    assert "Choose at least one file" in response.content.decode()


@pytest.mark.parametrize("field,value,message", [
    ("received_date", "2999-01-01", "cannot be in the future"),
    ("received_date", "yesterday", "Enter a valid date"),
    ("source", "fax", "Select a valid choice"),
])
def test_bad_form_values_are_explained(reviewer_client, vendor, field, value, message):
    response = post(reviewer_client, vendor, samples.upload("coi.pdf", samples.pdf_bytes()),
                     **{field: value})
    assert response.status_code == 400 and message in response.content.decode()
    assert not Certificate.objects.exists()


def test_a_viewer_cannot_upload(viewer_client, vendor):
    assert post(viewer_client, vendor,
                samples.upload("coi.pdf", samples.pdf_bytes())).status_code == 403
    assert not Certificate.objects.exists()


def test_uploading_for_another_organizations_vendor_is_404(reviewer_client, other_vendor):
    assert reviewer_client.get(url(other_vendor)).status_code == 404
    response = post(reviewer_client, other_vendor, samples.upload("coi.pdf", samples.pdf_bytes()))
    assert response.status_code == 404
    assert not Certificate.objects.exists()
