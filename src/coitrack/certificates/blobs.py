"""Where certificate files and their page previews live in Django's default storage.

Files are named by content: ``documents/ab/abcdef….pdf`` and ``previews/abcdef…/1.png``. The
same bytes therefore always land at the same name, which makes storing idempotent and lets a
failed submission delete exactly the blobs it created.
"""

from __future__ import annotations

import contextlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage


def document_name(sha256: str, extension: str) -> str:
    return f"documents/{sha256[:2]}/{sha256}.{extension}"


def preview_name(sha256: str, page: int) -> str:
    """Page ``page`` (1-based) of a document's preview images."""
    return f"previews/{sha256}/{page}.png"


def store(name: str, content: bytes) -> bool:
    """Save ``content`` under exactly ``name``; return True if this call created the blob.

    Content-addressed names hold the same bytes whoever wrote them, so an existing blob is kept.
    """
    if default_storage.exists(name):
        return False
    saved = default_storage.save(name, ContentFile(content))
    if saved != name:  # a concurrent writer got there first; keep theirs, drop our copy
        default_storage.delete(saved)
        return False
    return True


def replace(name: str, content: bytes) -> None:
    """Save ``content`` under ``name``, overwriting what is there (previews are re-rendered)."""
    if default_storage.exists(name):
        default_storage.delete(name)
    store(name, content)


def delete_quietly(names: list[str]) -> None:
    """Best-effort clean-up after a failed transaction: a leftover blob is harmless, a crash not."""
    for name in names:
        with contextlib.suppress(OSError):
            default_storage.delete(name)
