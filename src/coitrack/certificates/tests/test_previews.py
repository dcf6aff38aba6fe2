"""Page previews: rendered in the background after upload, served only to the organization."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from coitrack.certificates.previews import render_pages
from coitrack.certificates.services import upload_certificate
from coitrack.certificates.tasks import render_previews
from coitrack.certificates.tests import samples
from coitrack.certificates.tests.conftest import stored_files


def png_size(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        return image.size


def test_pdf_pages_render_as_1000_px_wide_pngs():
    rendered = render_pages(samples.pdf_bytes(pages=2), "application/pdf")
    assert rendered.page_count == 2
    sizes = [png_size(i) for i in rendered.images]
    assert len(sizes) == 2
    assert all(width == 1000 and abs(height - 1294) <= 1 for width, height in sizes)  # letter


def test_only_the_first_pages_are_rendered():
    rendered = render_pages(samples.pdf_bytes(pages=4), "application/pdf", max_pages=3)
    assert rendered.page_count == 4 and len(rendered.images) == 3


def test_a_large_photo_is_scaled_down_and_a_small_scan_is_kept():
    assert png_size(render_pages(samples.image_bytes("JPEG", (3000, 4000)),
                                 "image/jpeg").images[0]) == (1000, 1333)
    assert png_size(render_pages(samples.image_bytes("PNG", (600, 800)),
                                 "image/png").images[0]) == (600, 800)


def test_each_page_of_a_tiff_fax_is_rendered():
    rendered = render_pages(samples.image_bytes("TIFF", frames=2), "image/tiff")
    assert rendered.page_count == 2 and len(rendered.images) == 2


def test_an_unreadable_file_raises_value_error():
    with pytest.raises(ValueError):
        render_pages(b"%PDF-1.4 nonsense", "application/pdf")


def upload_pdf(vendor, user, pages=2):
    return upload_certificate(
        vendor=vendor, actor=user, received_date=vendor.created_at.date(),
        files=[("coi.pdf", samples.upload("coi.pdf", samples.pdf_bytes(pages=pages)))],
    ).certificate.documents.get()


def test_upload_enqueues_the_task_which_stores_pngs_and_the_page_count(
    vendor, reviewer_user, storage_dir, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        doc = upload_pdf(vendor, reviewer_user, pages=2)
    doc.refresh_from_db()
    assert doc.preview_count == 2 and doc.page_count == 2
    assert stored_files(storage_dir, "previews") == [
        f"previews/{doc.sha256}/1.png", f"previews/{doc.sha256}/2.png",
    ]


def test_previews_are_pending_until_the_task_runs(vendor, reviewer_user):
    doc = upload_pdf(vendor, reviewer_user)  # no commit: the task has not run
    assert doc.previews_pending


def test_rendering_again_overwrites_the_images(vendor, reviewer_user, storage_dir):
    doc = upload_pdf(vendor, reviewer_user, pages=1)
    render_previews.call(doc.pk)
    render_previews.call(doc.pk)
    assert stored_files(storage_dir, "previews") == [f"previews/{doc.sha256}/1.png"]


def test_a_file_that_cannot_be_rendered_records_why(vendor, reviewer_user, storage_dir):
    doc = upload_pdf(vendor, reviewer_user)
    (storage_dir / doc.file.name).write_bytes(b"%PDF-1.4 broken since upload")
    render_previews.call(doc.pk)
    doc.refresh_from_db()
    assert doc.preview_count is None and doc.preview_error
    assert not doc.previews_pending


def test_the_task_skips_a_document_deleted_meanwhile(db):
    assert render_previews.call(987654) == 0


def test_the_certificate_page_says_preview_is_being_prepared(
    vendor, reviewer_user, reviewer_client
):
    doc = upload_pdf(vendor, reviewer_user)
    cert = doc.certificates.get()
    response = reviewer_client.get(reverse("certificates:detail", args=[cert.pk]))
    assert b"Preparing preview" in response.content


def test_the_certificate_page_shows_the_page_images(vendor, reviewer_user, reviewer_client):
    doc = upload_pdf(vendor, reviewer_user, pages=2)
    render_previews.call(doc.pk)
    cert = doc.certificates.get()
    response = reviewer_client.get(reverse("certificates:detail", args=[cert.pk]))
    for page in (1, 2):
        assert reverse("certificates:preview", args=[doc.pk, page]).encode() in response.content
    image = reviewer_client.get(reverse("certificates:preview", args=[doc.pk, 2]))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert png_size(b"".join(image.streaming_content))[0] == 1000


def test_a_page_that_was_not_rendered_is_404(vendor, reviewer_user, reviewer_client):
    doc = upload_pdf(vendor, reviewer_user, pages=1)
    render_previews.call(doc.pk)
    assert reviewer_client.get(reverse("certificates:preview", args=[doc.pk, 2])).status_code == 404


def test_another_organizations_preview_is_404(other_vendor, reviewer_client):
    doc = upload_pdf(other_vendor, None)
    render_previews.call(doc.pk)
    assert reviewer_client.get(reverse("certificates:preview", args=[doc.pk, 1])).status_code == 404


def test_the_preview_part_alone_is_returned_to_htmx_polling(vendor, reviewer_user,
                                                            reviewer_client):
    doc = upload_pdf(vendor, reviewer_user)
    url = reverse("certificates:detail", args=[doc.certificates.get().pk])
    pending = reviewer_client.get(url, {"part": "previews"}, headers={"HX-Request": "true"})
    assert pending.content.decode().lstrip().startswith('<div id="cert-previews"')
    assert 'hx-trigger="every 3s"' in pending.content.decode()
    render_previews.call(doc.pk)
    done = reviewer_client.get(url, {"part": "previews"}, headers={"HX-Request": "true"})
    assert "hx-trigger" not in done.content.decode() and "img" in done.content.decode()
