"""Scanned copies of generated certificates: the printed page as a scanner or a fax gives it back.

A text certificate is rendered to grey pixels at the scan resolution, then degraded the way
paper and scanners do: the sheet lies a little askew (up to 3 degrees) or was fed sideways or
upside down, the optics blur, the sensor adds noise and dust, contrast and paper tone vary, and
JPEG compression leaves its blocks. It is saved as PNG, JPEG, TIFF (grey, or 1-bit fax-style
Group 4) or as an image-only PDF (the page image and nothing else, as scanners make them).

A 1-bit page is thresholded from the sensor's signal (blur, noise and dust included), never
from a JPEG-compressed copy: a fax machine or a bitonal scanner binarizes what it sees, and
nothing JPEG-compresses a page on its way to Group 4 (thresholding a JPEG copy, as this
generator once did for half of its fax pages, cost 3 points of recall on them).
"""

from __future__ import annotations

import io
import random

import numpy as np

CONTAINERS = ("png", "jpeg", "tiff", "pdf")
# variant -> (dpi, quarter turns to choose from)
SCAN_VARIANTS: dict[str, tuple[int, tuple[int, ...]]] = {
    "scan150": (150, (0,)),
    "scan200": (200, (0,)),
    "scan300": (300, (0,)),
    "scan-turned": (200, (1, 2, 3)),  # fed sideways or upside down
    # A fax in fine mode (ITU-T T.4: ~200 x 200 dpi), 1 bit per pixel, as a Group 4 TIFF
    "fax": (200, (0,)),
}
FAX_VARIANTS = frozenset({"fax"})
MAX_SKEW = 3.0


def scan(
    pdf: bytes,
    rng: random.Random,
    *,
    dpi: int = 200,
    quarters: int = 0,
    skew: float | None = None,
    container: str | None = None,
    clean: bool = False,
    fax: bool = False,
) -> bytes:
    """``pdf`` as a scan: every page in a PDF or TIFF container, the first page only in a PNG
    or JPEG. ``clean`` skips the degradations (blur, noise, dust, JPEG artefacts) but keeps the
    skew and turn; ``fax`` makes a TIFF's pages 1-bit (Group 4) instead of grey; every other
    choice is random unless given."""
    skew = rng.uniform(-MAX_SKEW, MAX_SKEW) if skew is None else skew
    container = container or rng.choice(CONTAINERS)
    first = _degrade(_render(pdf, dpi), rng, dpi, quarters, skew, container, clean)
    pages = [first]  # (the page as saved, the sensor's signal before any JPEG artefacts)
    if container in ("pdf", "tiff"):
        for index in range(1, _page_count(pdf)):
            more = random.Random(f"{rng.random()}:{index}")  # page 1 stays as it always was
            page_skew = more.uniform(-MAX_SKEW, MAX_SKEW)
            gray = _render(pdf, dpi, index)
            pages.append(_degrade(gray, more, dpi, quarters, page_skew, container, clean))
    return _save(pages, dpi, container, rng, clean, fax)


def _degrade(
    gray: np.ndarray,
    rng: random.Random,
    dpi: int,
    quarters: int,
    skew: float,
    container: str,
    clean: bool,
) -> tuple[np.ndarray, np.ndarray]:
    """The page as a grey container keeps it, and the sensor's signal before JPEG artefacts
    (what a 1-bit container thresholds); the random draws do not depend on the container's
    choice of bits, so a document's other pages and values stay as they were."""
    import cv2

    if not clean:
        tone, contrast = rng.uniform(225, 250), rng.uniform(0.85, 1.0)
        gray = 255 - (255 - gray.astype(np.float32)) * contrast
        gray = np.minimum(gray, tone)
        sigma = rng.uniform(0.3, 0.9) * dpi / 200
        gray = cv2.GaussianBlur(gray, (0, 0), sigma)
    gray = _rotate(np.clip(gray, 0, 255).astype(np.uint8), skew)
    if quarters % 4:
        gray = np.ascontiguousarray(np.rot90(gray, quarters % 4))
    if not clean:
        noise = np.random.default_rng(rng.randrange(2**32))
        gray = gray.astype(np.float32) + noise.normal(0, rng.uniform(2, 9), gray.shape)
        _dust(gray, noise, count=rng.randrange(50, 400))
        gray = np.clip(gray, 0, 255).astype(np.uint8)
        if container != "jpeg" and rng.random() < 0.5:
            return _jpeg_roundtrip(gray, rng.randrange(40, 80)), gray
    return gray, gray


def _page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def _render(pdf: bytes, dpi: int, index: int = 0) -> np.ndarray:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        bitmap = document[index].render(scale=dpi / 72, grayscale=True)
        return np.array(bitmap.to_pil().convert("L"))
    finally:
        document.close()


def _rotate(gray: np.ndarray, degrees: float) -> np.ndarray:
    import cv2

    if not degrees:
        return gray
    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    return cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)


def _dust(gray: np.ndarray, noise: np.random.Generator, count: int) -> None:
    height, width = gray.shape
    ys = noise.integers(0, height - 2, count)
    xs = noise.integers(0, width - 2, count)
    for y, x in zip(ys, xs, strict=True):
        gray[y : y + 2, x : x + 2] = noise.uniform(40, 160)


def _jpeg_roundtrip(gray: np.ndarray, quality: int) -> np.ndarray:
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(gray).save(buffer, "JPEG", quality=quality)
    return np.array(Image.open(io.BytesIO(buffer.getvalue())).convert("L"))


def _save(
    pages: list[tuple[np.ndarray, np.ndarray]],
    dpi: int,
    container: str,
    rng: random.Random,
    clean: bool,
    fax: bool,
) -> bytes:
    from PIL import Image

    image = Image.fromarray(pages[0][0])
    more = [Image.fromarray(page) for page, _ in pages[1:]]
    buffer = io.BytesIO()
    quality = 95 if clean else rng.randrange(45, 85)
    if container == "png":
        image.save(buffer, "PNG", dpi=(dpi, dpi))
    elif container == "jpeg":
        image.save(buffer, "JPEG", quality=quality, dpi=(dpi, dpi))
    elif container == "tiff":
        # The draw is kept so that a grey TIFF's other choices stay as they were when half of
        # the TIFF scans were 1-bit (faxes are their own variant now: FAX_VARIANTS).
        rng.random()
        if fax:  # 1 bit per pixel, Group 4

            def bits(sensor: np.ndarray) -> Image.Image:
                return Image.fromarray(sensor).point(lambda v: 255 if v > 150 else 0).convert("1")

            bits(pages[0][1]).save(
                buffer,
                "TIFF",
                compression="group4",
                dpi=(dpi, dpi),
                **(
                    {"save_all": True, "append_images": [bits(s) for _, s in pages[1:]]}
                    if more
                    else {}
                ),
            )
        else:
            image.save(
                buffer,
                "TIFF",
                compression="tiff_lzw",
                dpi=(dpi, dpi),
                **({"save_all": True, "append_images": more} if more else {}),
            )
    elif container == "pdf":
        image.save(
            buffer,
            "PDF",
            resolution=float(dpi),
            quality=quality,
            **({"save_all": True, "append_images": more} if more else {}),
        )
    else:
        raise ValueError(f"unknown container {container!r}; one of {CONTAINERS}")
    return buffer.getvalue()
