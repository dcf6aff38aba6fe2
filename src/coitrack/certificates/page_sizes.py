"""Page sizes in PDF points, to place the reader's boxes over the page images. No Django here.

The reader gives boxes in points from the page's top-left corner; the previews are the same pages
scaled to a fixed width. Box position as a fraction of the page size is therefore the same on the
image, whatever its pixel size. An image file has no points: a pixel counts as 72/dpi points with
the resolution the OCR reader uses for that image (``reading.ocr.images``), and a photo stored
sideways with an EXIF note is measured the way the preview shows it, turned upright.
"""

from __future__ import annotations

import io

import pypdfium2 as pdfium
from PIL import Image, ImageSequence

from coitrack.certificates.previews import MAX_PAGES
from coitrack.reading.ocr.images import _image_dpi as image_dpi  # one rule for reader and boxes

_SIDEWAYS = {5, 6, 7, 8}  # EXIF orientations that swap width and height
_EXIF_ORIENTATION = 0x0112


def page_sizes(content: bytes, content_type: str, *, max_pages: int = MAX_PAGES
               ) -> list[tuple[float, float]]:
    """``(width, height)`` in points of the first ``max_pages`` pages; ``ValueError`` if the
    file cannot be opened."""
    if content_type == "application/pdf":
        return _pdf_sizes(content, max_pages)
    return _image_sizes(content, max_pages)


def _pdf_sizes(content: bytes, max_pages: int) -> list[tuple[float, float]]:
    try:
        pdf = pdfium.PdfDocument(content, password="")
    except pdfium.PdfiumError as error:
        raise ValueError(f"the PDF could not be opened ({error})") from None
    try:
        return [tuple(round(v, 2) for v in pdf.get_page_size(i))
                for i in range(min(len(pdf), max_pages))]
    finally:
        pdf.close()


def _image_sizes(content: bytes, max_pages: int) -> list[tuple[float, float]]:
    sizes = []
    try:
        with Image.open(io.BytesIO(content)) as image:  # reads headers only, never the pixels
            for index, frame in enumerate(ImageSequence.Iterator(image)):
                if index >= max_pages:
                    break
                width, height = frame.size
                dpi = image_dpi(frame)  # from the size as stored, as the reader computes it
                if index == 0 and frame.getexif().get(_EXIF_ORIENTATION) in _SIDEWAYS:
                    width, height = height, width  # the reader turns only the first page
                sizes.append((round(width * 72 / dpi, 2), round(height * 72 / dpi, 2)))
    except (OSError, SyntaxError, ValueError) as error:
        raise ValueError(f"the image could not be opened ({error})") from None
    return sizes
