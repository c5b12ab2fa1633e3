"""Opening ZIP containers (Word, EPUB) as hostile input.

Nothing is extracted to disk. Before any XML parser sees a part, the archive is checked: it must be a ZIP, with
a bounded number of members, a bounded total and per-member uncompressed size (as declared; ``zipfile`` stops
reading a member at its declared size and fails its CRC check if the data runs on, so a lying header cannot
inflate past the cap) and a sane compression ratio (zip bombs). XML parts may not declare a DTD: Office and
EPUB XML never needs one, and refusing ``<!DOCTYPE``/``<!ENTITY`` rules out entity expansion whatever parser
reads the part later. Every problem is one line for the user (:class:`~auditor.errors.InputError`).
"""
from __future__ import annotations

import io
import zipfile
import zlib

from auditor.errors import InputError

MAX_MEMBERS = 2000
MAX_TOTAL = 200 * 1024 * 1024  # declared uncompressed size of the whole archive
MAX_XML = 20 * 1024 * 1024  # one XML part (a long unit's document.xml is a few MB)
MAX_RATIO = 200  # uncompressed/compressed, above which a large member is a bomb, not a document


def open_archive(data: bytes, what: str) -> zipfile.ZipFile:
    """The ZIP archive in ``data``, checked; ``what`` names the format in messages ("Word document")."""
    if not data.startswith(b"PK"):
        raise InputError(f"not a {what}: the file is not a ZIP archive")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise InputError(f"not a valid {what}: damaged ZIP archive ({exc})") from None
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"refused: the {what} holds {len(infos)} files (limit {MAX_MEMBERS})")
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL:
        raise InputError(f"refused: the {what} unpacks to {total // (1024 * 1024)} MB "
                         f"(limit {MAX_TOTAL // (1024 * 1024)} MB)")
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise InputError(f"refused: {info.filename!r} in the {what} expands {ratio} times (a ZIP bomb?)")
        if info.flag_bits & 0x1:
            raise InputError(f"cannot read the {what}: it is encrypted (password-protected)")
    return archive


def read_member(archive: zipfile.ZipFile, name: str, what: str, limit: int = MAX_XML) -> bytes:
    """One member's bytes, bounded, and (for XML) with no DTD; raises InputError (KeyError when absent)."""
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise InputError(f"refused: {name!r} in the {what} is {info.file_size // (1024 * 1024)} MB "
                         f"(limit {limit // (1024 * 1024)} MB)")
    try:
        with archive.open(info) as handle:
            data = handle.read(limit + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, zlib.error) as exc:
        raise InputError(f"not a valid {what}: cannot read {name!r} ({exc})") from None
    if len(data) > limit:
        raise InputError(f"refused: {name!r} in the {what} is larger than {limit // (1024 * 1024)} MB")
    return data


def check_xml_parts(archive: zipfile.ZipFile, what: str, doctypes: bool = False) -> None:
    """Refuse an archive whose XML parts declare entities, or (except XHTML's ``<!DOCTYPE html>``) a DTD:
    neither is ever needed, and both are the way to entity bombs and external fetches. ``doctypes``: allow a
    DOCTYPE that declares no entities (EPUB 2's NCX and XHTML 1.1 carry one; our parser never loads it)."""
    for info in archive.infolist():
        name = info.filename.lower()
        if not name.endswith(_XML_SUFFIXES):
            continue
        data = read_member(archive, info.filename, what)
        lowered = data.lower()
        if b"<!entity" in lowered:
            raise InputError(f"refused: {info.filename!r} in the {what} declares XML entities")
        if b"<!doctype" in lowered and not doctypes and not name.endswith((".xhtml", ".html", ".htm")):
            raise InputError(f"refused: {info.filename!r} in the {what} declares a DTD")


_XML_SUFFIXES = (".xml", ".rels", ".opf", ".ncx", ".xhtml", ".html", ".htm")
