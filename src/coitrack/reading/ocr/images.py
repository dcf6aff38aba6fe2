"""Page images for OCR: image files (PNG, JPEG, TIFF, multi-page TIFF) and image-only PDF pages.

Everything is checked before anything is decoded: an image's size is read from its header, and a
page larger than :data:`MAX_PIXELS` is refused at once (a 20,000 x 20,000 px image would need
400 MB as grey pixels and far more while decoding). Pages are handed over as 8-bit grey numpy
arrays with the resolution that maps them to PDF points (72 per inch).
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass

import numpy as np

from coitrack.reading.errors import ReadingError

MAX_PIXELS = 40_000_000  # per page: a letter page scanned at 600 dpi is 33.7 million pixels
MAX_SIDE = 15_000  # pixels; a letter page at 1,200 dpi is 13,200 px tall
RENDER_DPI = 200  # image-only PDF pages are rendered at this resolution
MAX_DPI = 300  # finer scans are scaled down: OCR reads no better and costs more
LETTER = (8.5, 11.0)  # inches; the page size assumed when an image says nothing sensible
FORMATS = {"PNG": "PNG image", "JPEG": "JPEG image", "TIFF": "TIFF image"}
_LIMIT = (
    f"the limit is {MAX_PIXELS // 1_000_000} million pixels (a letter page scanned at 600 dpi); "
    "scan at 200-300 dpi"
)


@dataclass
class PageImage:
    """One page as grey pixels; ``dpi`` converts pixels to points (``points = px * 72 / dpi``)."""

    number: int  # 1-based
    gray: np.ndarray  # uint8, height x width
    dpi: float

    @property
    def width_pt(self) -> float:
        return self.gray.shape[1] * 72.0 / self.dpi

    @property
    def height_pt(self) -> float:
        return self.gray.shape[0] * 72.0 / self.dpi


def _open(data: bytes, name: str):
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's own bomb warning: we check sizes ourselves
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as error:
        # Pillow refuses far beyond our limit before we see the size: same message as ours
        found = re.search(r"\((\d+) pixels\)", str(error))
        size = f"{int(found.group(1)):,} pixels" if found else "too many pixels"
        raise ReadingError(f"{name}: the image has {size}; {_LIMIT}") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ReadingError(
            f"{name}: the image is damaged or not an image ({_short(error)})"
        ) from None
    except Exception as error:  # a damaged header can fail Pillow in any way (TypeError ...)
        raise ReadingError(f"{name}: the image is damaged ({_short(error)})") from None
    if image.format not in FORMATS:
        raise ReadingError(
            f"{name}: {image.format or 'this'} images are not read; upload a PDF, PNG, JPEG or TIFF"
        )
    return image


def _check_size(image, name: str, frame: int) -> None:
    width, height = image.size
    where = f" (page {frame + 1})" if frame else ""
    if width <= 0 or height <= 0:
        raise ReadingError(f"{name}: the image{where} has no pixels")
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        raise ReadingError(f"{name}: the image{where} is {width:,} x {height:,} pixels; {_LIMIT}")


def image_page_count(data: bytes, name: str) -> int:
    """Pages (frames) of an image file, after the size checks of every frame we would read.

    Decodes nothing but headers; raises ReadingError for a damaged, unsupported or huge image.
    """
    from coitrack.reading.document import MAX_PAGES_READ

    image = _open(data, name)
    try:
        # counting a TIFF's pages walks their headers: a damaged one fails here
        count = max(1, int(getattr(image, "n_frames", 1) or 1))
        for frame in range(min(count, MAX_PAGES_READ)):
            if frame:
                image.seek(frame)
            _check_size(image, name, frame)
    except ReadingError:
        raise
    except Exception as error:
        raise ReadingError(f"{name}: the image is damaged ({_short(error)})") from None
    return count


def image_page(data: bytes, name: str, index: int) -> PageImage:
    """Page ``index`` (0-based) of an image file, decoded to grey pixels."""
    from PIL import Image, ImageOps

    image = _open(data, name)
    try:
        if index:
            image.seek(index)
        _check_size(image, name, index)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            image.load()
            dpi = _image_dpi(image)
            if index == 0:
                image = ImageOps.exif_transpose(image)  # phone photos store their turn in EXIF
            gray = _to_gray(image, Image)
    except ReadingError:
        raise
    except MemoryError:
        raise ReadingError(f"{name}: the image needs too much memory to read") from None
    except Exception as error:
        raise ReadingError(f"{name}: the image is damaged ({_short(error)})") from None
    return _capped(PageImage(index + 1, gray, dpi))


def _to_gray(image, Image) -> np.ndarray:
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        array = np.asarray(image, dtype=np.float64)
        top = float(array.max()) or 1.0
        return np.clip(array * (255.0 / top), 0, 255).astype(np.uint8)
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, image.convert("RGBA"))
    return np.asarray(image.convert("L"), dtype=np.uint8)


def _image_dpi(image) -> float:
    """The resolution to use: the file's own when it describes a page-sized sheet, else the one
    that makes the image a letter page (phone photos and screenshots say 72 dpi, or nothing)."""
    width, height = image.size
    dpi = image.info.get("dpi")
    if dpi:
        try:
            value = float(dpi[0])
        except (TypeError, ValueError, IndexError):
            value = 0.0
        short_in, long_in = sorted((width / value, height / value)) if value > 0 else (0, 0)
        # Scanners record their true resolution; phones and screenshots say 72 or 96 whatever
        # the page: a low value is believed only when it makes the image a page-sized sheet.
        if 100 <= value <= 1200 and short_in >= 3 and long_in <= 20:
            return value
        if 50 <= value < 100 and 7.5 <= short_in <= 9.0 and 10 <= long_in <= 14.5:
            return value
    short, long = sorted((width, height))
    return max(short / LETTER[0], long / LETTER[1])


def _capped(page: PageImage) -> PageImage:
    """Scale a page finer than :data:`MAX_DPI` down to it."""
    if page.dpi <= MAX_DPI * 1.05:
        return page
    import cv2

    factor = MAX_DPI / page.dpi
    gray = cv2.resize(page.gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    return PageImage(page.number, gray, page.dpi * gray.shape[1] / page.gray.shape[1])


def pdf_page(pdf, index: int, name: str) -> PageImage:
    """Page ``index`` of an open pypdfium2 document, rendered grey at :data:`RENDER_DPI` (less
    when the page is so large that the render would pass :data:`MAX_PIXELS`)."""
    page = pdf[index]
    try:
        width, height = page.get_size()
        if width <= 0 or height <= 0:
            raise ReadingError(f"{name}: page {index + 1} has no size")
        scale = RENDER_DPI / 72.0
        if width * height * scale * scale > MAX_PIXELS:
            scale = (MAX_PIXELS / (width * height)) ** 0.5
        if max(width, height) * scale > MAX_SIDE:
            scale = MAX_SIDE / max(width, height)
        bitmap = page.render(scale=scale, grayscale=True, may_draw_forms=True)
        try:
            pixels = bitmap.to_numpy()
            gray = np.array(pixels[..., 0] if pixels.ndim == 3 else pixels)
        finally:
            bitmap.close()
    except ReadingError:
        raise
    except Exception as error:
        raise ReadingError(
            f"{name}: page {index + 1} cannot be rendered ({_short(error)})"
        ) from None
    finally:
        page.close()
    if gray.ndim == 3:
        gray = gray[..., 0]
    return PageImage(index + 1, np.ascontiguousarray(gray, dtype=np.uint8), scale * 72.0)


def _short(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= 120 else text[:117] + "..."
