"""The one exception the reader raises: a file it cannot read, with a message for a person."""

from __future__ import annotations


class ReadingError(Exception):
    """The file cannot be read as a certificate (not a PDF, encrypted, damaged, too large ...).

    The message is written for the person who uploaded the file: what is wrong and, where there
    is one, what to do about it. Nothing else escapes :func:`coitrack.reading.read_document`.
    """
