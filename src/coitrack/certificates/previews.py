"""Rendering certificate pages to PNG images for display. No Django here.

PDF pages are rendered with pypdfium2, images (phone photos, scans, multi-page TIFF faxes) with
Pillow. Only the first pages are rendered: a certificate is one or two pages, and a 300-page
upload must not keep a worker busy.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image, ImageOps, ImageSequence

MAX_PAGES = 10
WIDTH = 1000  # px: sharp on a laptop, small enough for a phone


@dataclass(frozen=True)
class RenderedPages:
    page_count: int  # pages in the document, which may be more than were rendered
    images: list[bytes]  # PNG bytes of the first pages, in order


def render_pages(
    content: bytes, content_type: str, *, max_pages: int = MAX_PAGES, width: int = WIDTH
) -> RenderedPages:
    """Render up to ``max_pages`` pages of a PDF or image file as ``width``-pixel-wide PNGs.

    Raises ``ValueError`` when the file cannot be rendered.
    """
    if content_type == "application/pdf":
        return _render_pdf(content, max_pages, width)
    return _render_image(content, max_pages, width)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _render_pdf(content: bytes, max_pages: int, width: int) -> RenderedPages:
    try:
        pdf = pdfium.PdfDocument(content)
    except pdfium.PdfiumError as error:
        raise ValueError(f"the PDF could not be opened ({error})") from None
    try:
        images = []
        for index in range(min(len(pdf), max_pages)):
            page = pdf[index]
            try:
                scale = width / max(page.get_width(), 1)
                bitmap = page.render(scale=scale, may_draw_forms=True)
                images.append(_png(bitmap.to_pil().convert("RGB")))
            finally:
                page.close()
        return RenderedPages(page_count=len(pdf), images=images)
    finally:
        pdf.close()


def _frames(image: Image.Image, max_pages: int) -> Iterator[Image.Image]:
    for index, frame in enumerate(ImageSequence.Iterator(image)):
        if index >= max_pages:
            return
        yield frame


def _render_image(content: bytes, max_pages: int, width: int) -> RenderedPages:
    try:
        with Image.open(io.BytesIO(content)) as image:
            page_count = getattr(image, "n_frames", 1)
            images = []
            for frame in _frames(image, max_pages):
                # Phone photos are stored sideways with an EXIF note saying how to turn them.
                page = ImageOps.exif_transpose(frame.copy())
                if page.mode not in ("RGB", "L"):
                    page = page.convert("RGB")
                if page.width > width:
                    height = max(1, round(page.height * width / page.width))
                    page = page.resize((width, height), Image.Resampling.LANCZOS)
                images.append(_png(page))
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValueError(f"the image could not be rendered ({error})") from None
    return RenderedPages(page_count=page_count, images=images)
