"""Checking uploaded certificate files before anything is stored.

The type of a file is decided by its first bytes (its "magic"), never by its name or by the
content type the browser sent, because both are chosen by whoever uploads. The name's extension
must then agree with what the bytes say, and the file must open: a PDF that pypdf can read and
that has pages, an image that Pillow can verify and that is not a decompression bomb.

Nothing here touches the database or storage; :func:`inspect_upload` either returns a
:class:`CheckedFile` or raises :class:`UploadRejected` with a message meant for the user.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

from PIL import Image
from pypdf import PdfReader

# Scans at 600 dpi of a letter page are ~34 megapixels; anything far above is not a certificate
# but an image crafted (or mistaken) to exhaust memory when decoded.
MAX_IMAGE_PIXELS = 50_000_000


class UploadRejected(Exception):
    """The file cannot be accepted; ``str(error)`` is a complete sentence for the user."""


@dataclass(frozen=True)
class FileKind:
    key: str  # "pdf", "png", "jpeg", "tiff"
    label: str  # how a person names it: "a PDF", "a PNG image"
    content_type: str
    extension: str  # what we store it as
    accepted_extensions: tuple[str, ...]


ACCEPTED_KINDS: dict[str, FileKind] = {
    "pdf": FileKind("pdf", "a PDF", "application/pdf", "pdf", ("pdf",)),
    "png": FileKind("png", "a PNG image", "image/png", "png", ("png",)),
    "jpeg": FileKind("jpeg", "a JPEG image", "image/jpeg", "jpg", ("jpg", "jpeg", "jpe", "jfif")),
    "tiff": FileKind("tiff", "a TIFF image", "image/tiff", "tif", ("tif", "tiff")),
}
ACCEPTED_DESCRIPTION = "PDF, PNG, JPEG or TIFF"

# Types people send by mistake, recognised only to say what they are.
_OTHER_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old-style Office document"),
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a program"),
    (b"{\\rtf", "an RTF document"),
    (b"BM", "a BMP image"),
)


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed every check, with what we learnt about it."""

    name: str
    content: bytes
    sha256: str
    kind: FileKind
    page_count: int

    @property
    def size(self) -> int:
        return len(self.content)


def sniff(head: bytes) -> FileKind | str | None:
    """What the first bytes say: an accepted :class:`FileKind`, a label of another type, or None.

    ``head`` should hold at least the first 1024 bytes: the PDF format allows the ``%PDF-``
    header anywhere in them (some scanners write a few bytes of junk before it).
    """
    if b"%PDF-" in head[:1024]:
        return ACCEPTED_KINDS["pdf"]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return ACCEPTED_KINDS["png"]
    if head.startswith(b"\xff\xd8\xff"):
        return ACCEPTED_KINDS["jpeg"]
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return ACCEPTED_KINDS["tiff"]
    for signature, label in _OTHER_SIGNATURES:
        if head.startswith(signature):
            return label
    stripped = head.lstrip().lower()
    if stripped.startswith((b"<!doctype html", b"<html")):
        return "a web page"
    if stripped.startswith((b"<?xml", b"<svg")):
        return "an XML or SVG file"
    return None


def format_limit(size: int) -> str:
    """``20 MB`` for the upload limit; MB here means MiB, as the setting does."""
    mb = size / (1024 * 1024)
    return f"{mb:g} MB" if mb >= 1 else f"{size:,} bytes"


def read_limited(fileobj: BinaryIO, *, name: str, max_bytes: int) -> bytes:
    """Read the whole file, refusing (without reading further) once it passes ``max_bytes``."""
    chunks: list[bytes] = []
    total = 0
    while chunk := fileobj.read(1024 * 1024):
        total += len(chunk)
        if total > max_bytes:
            raise UploadRejected(
                f"{name} is larger than the {format_limit(max_bytes)} limit for one file."
            )
        chunks.append(chunk)
    return b"".join(chunks)


def inspect_upload(
    fileobj: BinaryIO,
    *,
    name: str,
    max_bytes: int,
    max_pixels: int = MAX_IMAGE_PIXELS,
) -> CheckedFile:
    """Read and check one uploaded file; raise :class:`UploadRejected` when it is unacceptable."""
    name = PurePath(name.replace("\\", "/")).name or "file"
    size = getattr(fileobj, "size", None)
    if size is not None and size > max_bytes:
        raise UploadRejected(
            f"{name} is larger than the {format_limit(max_bytes)} limit for one file."
        )
    if hasattr(fileobj, "seek"):
        fileobj.seek(0)
    content = read_limited(fileobj, name=name, max_bytes=max_bytes)
    if not content:
        raise UploadRejected(f"{name} is empty.")

    kind = _kind_matching_name(name, sniff(content[:1024]))
    if kind.key == "pdf":
        pages = _check_pdf(name, content)
    else:
        pages = _check_image(name, content, kind, max_pixels)
    return CheckedFile(
        name=name,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        kind=kind,
        page_count=pages,
    )


def _kind_matching_name(name: str, sniffed: FileKind | str | None) -> FileKind:
    extension = PurePath(name).suffix.lower().lstrip(".")
    claimed = next(
        (k for k in ACCEPTED_KINDS.values() if extension in k.accepted_extensions), None
    )
    if not isinstance(sniffed, FileKind):
        what = f"it looks like {sniffed}" if sniffed else "its contents are not a known file type"
        if claimed is not None:
            raise UploadRejected(f"{name} is not {claimed.label}: {what}.")
        raise UploadRejected(
            f"{name} cannot be accepted: {what}. Upload a {ACCEPTED_DESCRIPTION} file."
        )
    if extension and claimed is None:
        raise UploadRejected(
            f"{name} has the extension .{extension} but contains {sniffed.label}; "
            f"rename it to .{sniffed.extension} if that is right."
        )
    if claimed is not None and claimed.key != sniffed.key:
        label = claimed.label.removeprefix("a ").removeprefix("an ")
        raise UploadRejected(f"{name} is not a {label}: it looks like {sniffed.label}.")
    return sniffed


def _check_pdf(name: str, content: bytes) -> int:
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UploadRejected(
                f"{name} is password-protected. Ask the sender for a copy without a password."
            )
        pages = len(reader.pages)
    except UploadRejected:
        raise
    except Exception:
        # pypdf raises many exception types on damaged files (PdfReadError, ValueError,
        # KeyError, RecursionError ...); for the user they all mean the same thing.
        raise UploadRejected(f"{name} is damaged: it could not be opened as a PDF.") from None
    if pages == 0:
        raise UploadRejected(f"{name} is a PDF with no pages.")
    return pages


def _check_image(name: str, content: bytes, kind: FileKind, max_pixels: int) -> int:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                width, height = image.size
                if width * height > max_pixels:
                    raise UploadRejected(_too_big(name, width, height, max_pixels))
                frames = getattr(image, "n_frames", 1)
                image.verify()
    except UploadRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadRejected(f"{name} is too large an image to open safely.") from None
    except Exception:
        # Pillow reports truncated or malformed data with OSError, SyntaxError, ValueError ...
        raise UploadRejected(
            f"{name} is damaged: it could not be opened as {kind.label}."
        ) from None
    return frames


def _too_big(name: str, width: int, height: int, max_pixels: int) -> str:
    return (
        f"{name} is {width:,} by {height:,} pixels, more than the "
        f"{max_pixels / 1_000_000:g} megapixel limit; scan it at a lower resolution."
    )
