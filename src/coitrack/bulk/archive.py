"""Unpacking what was dropped on the bulk upload page: files and ZIP archives. No Django.

A ZIP is opened in memory and never extracted to disk; each member becomes an :class:`Entry`
with its bytes, or with the reason it was refused:

- a member whose path is absolute or climbs out (``..``) is refused (path traversal), as are
  symbolic links, encrypted members and nested archives (a ZIP inside a ZIP is not opened);
- sizes are checked before reading (the declared size against the per-file and total limits)
  and again while reading (a declared size can lie), and a member that expands more than
  :data:`MAX_RATIO` times is refused: together they stop zip bombs;
- folders and macOS metadata (``__MACOSX/``, ``._name``) are skipped, with a reason;
- the number of files counts the archive's members, so a ZIP cannot smuggle in more files than
  the page accepts.

Whether each file is really a certificate (PDF or image that opens) is decided afterwards by the
upload checks (``certificates.uploads.inspect_upload``).
"""

from __future__ import annotations

import io
import stat
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import BinaryIO

MAX_FILES = 200
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed size of one member
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


@dataclass
class Entry:
    """One file found: ``content`` when accepted for checking, else ``problem`` says why not."""

    name: str
    content: bytes | None = None
    problem: str = ""
    source: str = ""  # the archive it came from, if any


@dataclass(frozen=True)
class Limits:
    max_files: int = MAX_FILES
    max_total_bytes: int = MAX_TOTAL_BYTES
    max_file_bytes: int = 20 * 1024 * 1024


class TooMuch(Exception):
    """The whole drop is refused (too many files, or too many bytes); the message says why."""


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def is_zip(head: bytes) -> bool:
    return head.startswith(ZIP_MAGIC)


def unpack(files: Iterable[tuple[str, BinaryIO]], limits: Limits = Limits()) -> list[Entry]:
    """Every file of the drop, ZIP archives opened one level deep.

    Raises :class:`TooMuch` when the files (counted inside archives) or their total size pass
    the limits; a single bad file is an :class:`Entry` with a problem instead.
    """
    entries: list[Entry] = []
    budget = _Budget(limits)
    for raw_name, handle in files:
        name = PurePosixPath(raw_name.replace("\\", "/")).name or "file"
        head = handle.read(4)
        handle.seek(0)
        if is_zip(head) and name.lower().endswith(".zip"):
            entries.extend(_members(name, handle, budget))
            continue
        budget.count(name)
        content = handle.read(limits.max_file_bytes + 1)
        if len(content) > limits.max_file_bytes:
            entries.append(Entry(name, problem=f"{name} is larger than the "
                                               f"{_mb(limits.max_file_bytes)} limit for one file."))
            continue
        budget.spend(len(content))
        entries.append(Entry(name, content))
    return entries


class _Budget:
    def __init__(self, limits: Limits):
        self.limits = limits
        self.files = 0
        self.bytes = 0

    def count(self, name: str) -> None:
        self.files += 1
        if self.files > self.limits.max_files:
            raise TooMuch(f"At most {self.limits.max_files} files at once (archives' files "
                          "included); split the upload.")

    def spend(self, size: int) -> None:
        self.bytes += size
        if self.bytes > self.limits.max_total_bytes:
            raise TooMuch(f"The files add up to more than {_mb(self.limits.max_total_bytes)}; "
                          "split the upload.")


def _unsafe_path(member: str) -> bool:
    path = PurePosixPath(member.replace("\\", "/"))
    return (path.is_absolute() or ".." in path.parts or member.startswith(("/", "\\"))
            or (len(member) > 1 and member[1] == ":"))


def _members(archive_name: str, handle: BinaryIO, budget: _Budget) -> list[Entry]:
    try:
        archive = zipfile.ZipFile(handle)
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        return [Entry(archive_name, problem=f"{archive_name} is not a readable ZIP archive "
                                            f"({error}).")]
    entries = []
    limits = budget.limits
    for info in infos:
        member = info.filename
        name = PurePosixPath(member.replace("\\", "/")).name or member
        shown = f"{archive_name}: {member}"
        if info.is_dir():
            continue
        if member.startswith("__MACOSX/") or name.startswith("._") or name == ".DS_Store":
            entries.append(Entry(name, problem=f"{shown} is macOS metadata, not a file; "
                                               "skipped.", source=archive_name))
            continue
        budget.count(shown)
        problem = ""
        if _unsafe_path(member):
            problem = f"{shown} has an unsafe path (outside the archive); refused."
        elif stat.S_ISLNK(info.external_attr >> 16):
            problem = f"{shown} is a symbolic link; refused."
        elif info.flag_bits & 0x1:
            problem = f"{shown} is encrypted; refused."
        elif info.file_size > limits.max_file_bytes:
            problem = (f"{shown} is larger than the {_mb(limits.max_file_bytes)} limit for one "
                       "file.")
        elif info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            ratio = info.file_size // info.compress_size
            problem = f"{shown} expands {ratio} times (a ZIP bomb?); refused."
        if problem:
            entries.append(Entry(name, problem=problem, source=archive_name))
            continue
        try:
            content = _read_member(archive, info, limits.max_file_bytes)
        except _Refused as error:
            entries.append(Entry(name, problem=f"{shown} {error}", source=archive_name))
            continue
        if is_zip(content[:4]):
            entries.append(Entry(name, problem=f"{shown} is an archive inside the archive; "
                                               "nested ZIP files are not opened.",
                                 source=archive_name))
            continue
        budget.spend(len(content))
        entries.append(Entry(name, content, source=archive_name))
    return entries


class _Refused(Exception):
    pass


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, max_bytes: int) -> bytes:
    """The member's bytes, reading no more than ``max_bytes`` + 1 whatever its header says."""
    out = io.BytesIO()
    try:
        with archive.open(info) as source:
            while chunk := source.read(1024 * 1024):
                out.write(chunk)
                if out.tell() > max_bytes:
                    raise _Refused("expands past the limit for one file; refused.")
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError,
            zipfile.LargeZipFile) as error:
        raise _Refused(f"cannot be read ({error}); refused.") from None
    content = out.getvalue()
    if info.compress_size and len(content) / max(info.compress_size, 1) > MAX_RATIO:
        raise _Refused("expands too much (a ZIP bomb?); refused.")
    return content
