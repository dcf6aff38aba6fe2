"""What certificates.uploads accepts and refuses, decided by a file's bytes."""

import io

import pytest

from coitrack.certificates.tests import samples
from coitrack.certificates.uploads import UploadRejected, inspect_upload

MB = 1024 * 1024


def check(name: str, content: bytes, **kwargs):
    kwargs.setdefault("max_bytes", 20 * MB)
    return inspect_upload(io.BytesIO(content), name=name, **kwargs)


def test_a_pdf_is_accepted_with_its_page_count_and_hash():
    checked = check("coi.pdf", samples.pdf_bytes(pages=2))
    assert checked.kind.content_type == "application/pdf"
    assert checked.page_count == 2
    assert len(checked.sha256) == 64


@pytest.mark.parametrize("name,fmt,content_type", [
    ("scan.png", "PNG", "image/png"),
    ("photo.JPG", "JPEG", "image/jpeg"),
    ("photo.jpeg", "JPEG", "image/jpeg"),
    ("fax.tiff", "TIFF", "image/tiff"),
])
def test_images_are_accepted_by_their_bytes(name, fmt, content_type):
    assert check(name, samples.image_bytes(fmt)).kind.content_type == content_type


def test_a_multi_page_tiff_fax_counts_its_pages():
    assert check("fax.tif", samples.image_bytes("TIFF", frames=3)).page_count == 3


def test_a_png_named_pdf_is_refused_saying_what_it_is():
    with pytest.raises(UploadRejected, match=r"x\.pdf is not a PDF: it looks like a PNG image"):
        check("x.pdf", samples.image_bytes("PNG"))


def test_a_pdf_named_jpg_is_refused():
    with pytest.raises(UploadRejected, match="is not a JPEG image: it looks like a PDF"):
        check("photo.jpg", samples.pdf_bytes())


def test_the_browser_content_type_is_not_trusted():
    # A Django upload carries the browser's claimed type; only the bytes count.
    fake = samples.upload("x.pdf", b"GIF89a" + b"\0" * 100, content_type="application/pdf")
    with pytest.raises(UploadRejected, match="it looks like a GIF image"):
        inspect_upload(fake, name=fake.name, max_bytes=MB)


def test_an_unknown_type_with_an_unsupported_extension_is_refused():
    with pytest.raises(UploadRejected, match="Upload a PDF, PNG, JPEG or TIFF file"):
        check("notes.txt", b"hello, this is text")


def test_a_pdf_with_a_foreign_extension_is_refused_with_a_rename_hint():
    with pytest.raises(UploadRejected, match=r"rename it to \.pdf"):
        check("coi.docx", samples.pdf_bytes())


def test_a_file_without_extension_is_judged_by_its_bytes():
    assert check("scan", samples.pdf_bytes()).kind.key == "pdf"


def test_an_empty_file_is_refused():
    with pytest.raises(UploadRejected, match=r"coi\.pdf is empty"):
        check("coi.pdf", b"")


def test_a_file_over_the_limit_is_refused_naming_the_limit():
    with pytest.raises(UploadRejected, match="larger than the 1 MB limit"):
        check("big.pdf", samples.pdf_bytes() + b"\0" * MB, max_bytes=MB)


def test_a_truncated_pdf_is_refused_as_damaged():
    with pytest.raises(UploadRejected, match="damaged"):
        check("coi.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage")


def test_a_pdf_with_no_pages_is_refused():
    from pypdf import PdfWriter

    out = io.BytesIO()
    PdfWriter().write(out)
    with pytest.raises(UploadRejected, match="no pages"):
        check("empty.pdf", out.getvalue())


def test_a_password_protected_pdf_is_refused():
    with pytest.raises(UploadRejected, match="password-protected"):
        check("locked.pdf", samples.pdf_bytes(password="secret"))


def test_a_damaged_image_is_refused():
    png = samples.image_bytes("PNG")
    with pytest.raises(UploadRejected, match="damaged: it could not be opened as a PNG image"):
        check("scan.png", png[:60] + b"\0" * 40 + png[100:])


def test_a_decompression_bomb_is_refused_before_decoding():
    with pytest.raises(UploadRejected, match="megapixel limit"):
        check("bomb.png", samples.bomb_png())


def test_the_pixel_limit_can_be_lowered():
    with pytest.raises(UploadRejected, match="850 by 1,100 pixels"):
        check("scan.png", samples.image_bytes("PNG"), max_pixels=500_000)
