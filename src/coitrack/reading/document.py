"""An input file, checked and opened once, shared by every reader that looks at it.

The checks here are what stands between a hostile or broken upload and the parsers: size limit,
file type by content (never by name), encryption, a document PDFium opens, at least one page. Only
the first :data:`MAX_PAGES_READ` pages are ever parsed. JavaScript, actions and embedded files
are never run or opened: the PDF is only parsed.
"""

from __future__ import annotations

import contextlib
import io
import logging
from dataclasses import dataclass, field
from functools import cached_property

from coitrack.reading.errors import ReadingError
from coitrack.reading.pagetext import PageText, extract_pdfium, extract_pdfplumber

MAX_BYTES = 25 * 1024 * 1024  # certificates are 50 KB - 2 MB; scans of a few pages stay far below
MAX_PAGES_READ = 4  # ACORD 25 is one page; an ACORD 101 remarks page or two may follow
PDF_MAGIC_WINDOW = 1024  # the PDF header may follow a little junk, as readers allow

IMAGE_KINDS = ("PNG image", "JPEG image", "TIFF image")  # read by OCR
_IMAGE_MAGIC = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"II*\x00": "TIFF image",
    b"MM\x00*": "TIFF image",
    b"GIF8": "GIF image",
}

logging.getLogger("pypdf").setLevel(logging.ERROR)  # broken files are reported by us, once


def sniff(data: bytes) -> str:
    """``"pdf"``, an image kind (``"PNG image"`` ...), or ``"unknown"``, from the bytes alone."""
    if b"%PDF-" in data[:PDF_MAGIC_WINDOW]:
        return "pdf"
    for magic, kind in _IMAGE_MAGIC.items():
        if data.startswith(magic):
            return kind
    return "unknown"


@dataclass
class Document:
    """A PDF that passed the entry checks. Parsed lazily: each reader pays only for what it uses."""

    data: bytes
    name: str
    backend: str = "pdfium"
    warnings: list[str] = field(default_factory=list)
    kind: str = "pdf"  # or "image" (PNG, JPEG, TIFF: read by OCR only)
    # NAIC code -> insurer name: the caller's own insurers (an organization's), which the OCR
    # reader trusts before its built-in list (ocr/carrier_names.py)
    carriers: dict[str, str] = field(default_factory=dict)
    _pages: dict[int, PageText] = field(default_factory=dict, repr=False)

    @classmethod
    def open(cls, data: bytes, name: str = "document", *, backend: str = "pdfium") -> Document:
        if len(data) > MAX_BYTES:
            raise ReadingError(
                f"{name}: file is {len(data) // (1024 * 1024)} MB; the limit is "
                f"{MAX_BYTES // (1024 * 1024)} MB for a certificate"
            )
        if not data:
            raise ReadingError(f"{name}: the file is empty")
        kind = sniff(data)
        if kind == "unknown":
            raise ReadingError(f"{name}: not a PDF file")
        if kind not in ("pdf", *IMAGE_KINDS):
            raise ReadingError(f"{name}: {kind}s are not read; upload a PDF, PNG, JPEG or TIFF")
        document = cls(
            data=data, name=name, backend=backend, kind="pdf" if kind == "pdf" else "image"
        )
        document._check()
        return document

    def _check(self) -> None:
        # Opens with PDFium, or reads the image's headers: raises ReadingError when it cannot
        count = self.page_count
        if count == 0:
            raise ReadingError(f"{self.name}: the PDF has no pages")
        if count > MAX_PAGES_READ:
            self.warnings.append(f"document has {count} pages; read the first {MAX_PAGES_READ}")
        if self.kind == "pdf" and _has_javascript(self.data):
            self.warnings.append("document contains JavaScript; ignored (never run)")

    @cached_property
    def page_count(self) -> int:
        if self.kind == "image":
            from coitrack.reading.ocr.images import image_page_count

            return image_page_count(self.data, self.name)
        return len(self.pdfium)

    @cached_property
    def pdfium(self):
        """The PDFium document (text layer, form fields); compiled, fuzzed, fast."""
        if self.kind != "pdf":
            raise ReadingError(f"{self.name}: an image file has no PDF structure")
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw

        try:
            # Owner-password-only encryption (a common "no editing" setting of agency systems)
            # opens with the empty user password; a real password does not.
            pdf = pdfium.PdfDocument(self.data, password="")
        except pdfium.PdfiumError as error:
            if getattr(error, "err_code", None) == raw.FPDF_ERR_PASSWORD:
                raise ReadingError(
                    f"{self.name}: the PDF is password-protected; ask for an unprotected copy"
                ) from None
            raise ReadingError(f"{self.name}: {_diagnose(self.data, error)}") from None
        except Exception as error:
            raise ReadingError(f"{self.name}: {_diagnose(self.data, error)}") from None
        with contextlib.suppress(Exception):  # no usable form: the text layer may still be read
            pdf.init_forms()  # before any page is loaded, so widgets can be read
        return pdf

    def page_text(self, index: int) -> PageText:
        """Words and drawn marks of page ``index`` (0-based), within the pages we read."""
        if not 0 <= index < min(self.page_count, MAX_PAGES_READ):
            raise IndexError(index)
        if self.kind != "pdf":
            raise ReadingError(f"{self.name}: an image has no text layer")
        if index not in self._pages:
            try:
                if self.backend == "pdfplumber":
                    self._pages[index] = extract_pdfplumber(self.data, index)
                else:
                    self._pages[index] = extract_pdfium(self.pdfium, index)
            except ReadingError:
                raise
            except Exception as error:
                raise ReadingError(
                    f"{self.name}: page {index + 1} cannot be read ({_short(error)})"
                ) from None
        return self._pages[index]

    def close(self) -> None:
        if "pdfium" in self.__dict__:
            self.pdfium.close()


def _has_javascript(data: bytes) -> bool:
    """Whether the document names JavaScript (document-level or as its open action).

    Only looked for, to tell the reviewer; a document that pypdf cannot parse has none found.
    """
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return False
        root = reader.trailer["/Root"]
        names = root.get("/Names")
        if names is not None and "/JavaScript" in names.get_object():
            return True
        action = root.get("/OpenAction")
        action = action.get_object() if action is not None else None
        return isinstance(action, dict) and action.get("/S") == "/JavaScript"
    except Exception:
        return False


def _diagnose(data: bytes, error: Exception) -> str:
    """Why PDFium could not open the file, in words: an empty page tree is told apart."""
    import pypdf

    with contextlib.suppress(Exception):
        if len(pypdf.PdfReader(io.BytesIO(data), strict=False).pages) == 0:
            return "the PDF has no pages"
    return f"damaged or incomplete PDF ({_short(error)})"


def _short(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= 120 else text[:117] + "..."
