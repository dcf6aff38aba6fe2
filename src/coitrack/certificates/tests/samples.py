"""Certificate files made in code for tests: blank PDFs, images, broken and hostile files."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter


def pdf_bytes(pages: int = 1, *, password: str | None = None, marker: str = "") -> bytes:
    """A letter-size PDF with blank pages; ``marker`` makes otherwise equal files differ."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    if marker:
        writer.add_metadata({"/Title": marker})
    if password:
        writer.encrypt(user_password=password, owner_password=password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (850, 1100), *, mode: str = "RGB",
                color="white", frames: int = 1) -> bytes:
    out = io.BytesIO()
    images = [Image.new(mode, size, color) for _ in range(frames)]
    images[0].save(out, fmt, save_all=frames > 1, append_images=images[1:])
    return out.getvalue()


def bomb_png(width: int = 8000, height: int = 7000) -> bytes:
    """A small file that decodes to a huge bitmap (56 megapixels by default)."""
    return image_bytes("PNG", (width, height), mode="1", color=0)


def upload(name: str, content: bytes, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)
