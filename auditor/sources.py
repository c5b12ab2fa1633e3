"""Finding input files and decoding them to text.

Encoding follows what browsers and editors do: a byte-order mark wins, then an HTML ``<meta charset>`` read
through the WHATWG label table (an unknown label is ignored, as browsers ignore it), else UTF-8. Undecodable
bytes become U+FFFD with a warning rather than stopping the audit.

Documents are untrusted (ssec-audit runs on pull requests from forks), so what is read is fenced in:

- a file or folder reached through a symbolic link whose target lies outside the audited root (the folder
  named on the command line; for a file named on the command line, its folder) is skipped with a note, so a
  link such as ``notes.txt -> ../.git/config`` cannot copy a secret into a report. Links that stay inside the
  root are followed as before; hidden folders and files are never entered;
- only regular files are opened, without blocking (a FIFO, a socket, a device or a link to ``/dev/zero`` is
  refused with a one-line error for that file), and at most ``MAX_BYTES + 1`` bytes are ever read, from a file
  or from standard input (:func:`read_stdin`).
"""
from __future__ import annotations

import codecs
import fnmatch
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from auditor.errors import EmptyInput, InputError

FORMATS_BY_SUFFIX = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".docx": "docx",
    ".epub": "epub",
    ".opf": "epub",  # an unpacked EPUB's package document, checked on its own
}
#: Formats read as bytes and opened by their loader (a ZIP container), not decoded as text here.
BINARY_FORMATS = frozenset({"docx", "epub"})
MAX_BYTES = 10 * 1024 * 1024  # a curriculum page is kilobytes; a 10 MB page is a mistake, not a unit
MAX_CONTAINER_BYTES = 50 * 1024 * 1024  # Word and EPUB files carry their pictures; the loader caps what it unpacks
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass
class SourceText:
    """A decoded input: what every loader starts from."""

    path: str  # as shown to the user: relative to the working directory where possible
    format: str  # html | markdown | text
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)
    data: bytes | None = None  # the raw bytes of a binary format (BINARY_FORMATS); ``text`` is then empty


def format_for(name: str) -> str | None:
    return FORMATS_BY_SUFFIX.get(Path(name).suffix.lower())


def display_path(path: Path) -> str:
    """Paths relative to the working directory, with forward slashes, so reports are portable."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        rel = str(path)
    if rel.startswith(".." + os.sep) and path.is_absolute():
        rel = str(path)
    return rel.replace(os.sep, "/")


#: Files in a folder that are not lessons (README, licence, front matter...): audited only when named explicitly.
NOT_LESSONS = re.compile(r"(?i)^(?:readme|licen[cs]e|copying|notice|changelog|contributing|authors|"
                         r"front[-_ ]?matter|frontmatter|colophon|table[-_ ]of[-_ ]contents|toc)"
                         r"(?:[-_.][^.]*)?\.[a-z]+$")


def _excluded(path: Path, root: Path, patterns: tuple[str, ...]) -> bool:
    if not patterns:
        return False
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    candidates = {rel, path.name, path.as_posix()}
    parts = rel.split("/")
    candidates.update("/".join(parts[: i + 1]) for i in range(len(parts)))
    candidates.update(parts)
    return any(fnmatch.fnmatch(c, pat.rstrip("/")) for c in candidates for pat in patterns)


def _inside(path: str, root: str) -> bool:
    """Whether the real path ``path`` is ``root`` or lies under it (both already resolved)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _real(path: Path | str) -> str:
    return os.path.realpath(path)


def _leaves(path: Path, root: str, within: str | None) -> bool:
    """Whether ``path`` (a link, or anything reached through one) resolves outside ``root`` or ``within``."""
    real = _real(path)
    return not _inside(real, root) or (within is not None and not _inside(real, within))


_SKIPPED = ": skipped: "


def _outside_note(shown: str, what: str, where: str) -> str:
    return (f"{shown}{_SKIPPED}a symbolic link to a {what} outside {where} "
            "(links must stay inside the audited folder)")


def is_skip_note(problem: str) -> bool:
    """Whether a discovery problem is a link skipped for safety (a note, not an input error)."""
    return _SKIPPED in problem


def _walk(path: Path, given: str, exclude: tuple[str, ...], within: str | None,
          problems: list[str]) -> list[Path]:
    """Supported files under the folder ``path``, in a stable order, without leaving it.

    Links to folders are never walked: one that stays inside the folder leads to files that are audited under
    their own path anyway, one that leaves it is reported. Links to files are kept when they stay inside.
    """
    root = _real(path)
    found = []
    for dirpath, dirnames, filenames in os.walk(path):
        here = Path(dirpath)
        kept = []
        for d in sorted(dirnames):
            if d.startswith(".") or _excluded(here / d, path, exclude):
                continue
            if (here / d).is_symlink() and _leaves(here / d, root, within):
                problems.append(_outside_note(display_path(here / d), "folder", given))
                continue
            kept.append(d)
        dirnames[:] = kept
        for name in sorted(filenames):
            candidate = here / name
            if name.startswith(".") or format_for(name) is None or _excluded(candidate, path, exclude) \
                    or NOT_LESSONS.match(name):
                continue
            if _leaves(candidate, root, within):
                problems.append(_outside_note(display_path(candidate), "file", given))
                continue
            found.append(candidate)
    return found


def _named_link_leaves(path: Path, within: str | None) -> bool:
    """A path named on the command line that is itself a link must point inside its own folder (and inside
    ``within``): ``lessons/notes.txt -> ../.git/config`` is refused even when named directly."""
    if within is not None and not _inside(_real(path), within):
        return True
    return path.is_symlink() and not _inside(_real(path), _real(Path(os.path.abspath(path)).parent))


def discover(paths: list[str], exclude: tuple[str, ...] = (),
             within: str | Path | None = None) -> tuple[list[Path], list[str]]:
    """Expand the paths the user gave into files to audit, in a stable order.

    Returns the files and the problems (one line each) with paths that give nothing to audit, including
    links that were skipped because they lead outside the audited folder. Files named explicitly are audited
    whatever their suffix is not; directories contribute supported files only. ``within`` (the repository or
    working folder, when the caller knows it) is a second fence: nothing outside it is ever returned.
    """
    files: list[Path] = []
    problems: list[str] = []
    seen: set[Path] = set()
    fence = _real(within) if within is not None else None
    for given in paths:
        path = Path(given)
        if not path.exists():
            problems.append(f"{given}: no such file or directory")
            continue
        if _named_link_leaves(path, fence):
            problems.append(_outside_note(given, "folder" if path.is_dir() else "file",
                                          "its folder" if fence is None else str(within)))
            continue
        if path.is_dir():
            found = _walk(path, given, exclude, fence, problems)
            if not found:
                problems.append(f"{given}: no .html, .md, .txt, .docx or .epub files to audit in this directory")
            for candidate in found:
                key = candidate.resolve()
                if key not in seen:
                    seen.add(key)
                    files.append(candidate)
        else:
            if _excluded(path, path.parent, exclude):
                continue
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                files.append(path)
    return files, problems


#: The WHATWG Encoding Standard's labels (https://encoding.spec.whatwg.org/#names-and-labels), by the Python
#: codec that decodes them. A label outside this table is unknown to browsers too, and they ignore it; that
#: includes UTF-7 and UTF-32 and every Python codec that is not a text encoding (hex, rot13, base64, zip...).
_WHATWG_LABELS: dict[str, tuple[str, ...]] = {
    "utf-8": ("unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"),
    "cp866": ("866", "cp866", "csibm866", "ibm866"),
    "iso8859-2": ("csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2",
                  "iso_8859-2:1987", "l2", "latin2"),
    "iso8859-3": ("csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3",
                  "iso_8859-3:1988", "l3", "latin3"),
    "iso8859-4": ("csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4",
                  "iso_8859-4:1988", "l4", "latin4"),
    "iso8859-5": ("csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5", "iso88595",
                  "iso_8859-5", "iso_8859-5:1988"),
    "iso8859-6": ("arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic", "ecma-114",
                  "iso-8859-6", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596",
                  "iso_8859-6", "iso_8859-6:1987"),
    "iso8859-7": ("csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-8859-7", "iso-ir-126",
                  "iso8859-7", "iso88597", "iso_8859-7", "iso_8859-7:1987", "sun_eu_greek"),
    "iso8859-8": ("csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e", "iso-ir-138",
                  "iso8859-8", "iso88598", "iso_8859-8", "iso_8859-8:1988", "visual", "csiso88598i",
                  "iso-8859-8-i", "logical"),
    "iso8859-10": ("csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910", "l6", "latin6"),
    "iso8859-13": ("iso-8859-13", "iso8859-13", "iso885913"),
    "iso8859-14": ("iso-8859-14", "iso8859-14", "iso885914"),
    "iso8859-15": ("csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"),
    "iso8859-16": ("iso-8859-16",),
    "koi8-r": ("cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"),
    "koi8-u": ("koi8-ru", "koi8-u"),
    "mac-roman": ("csmacintosh", "mac", "macintosh", "x-mac-roman"),
    "cp874": ("dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"),
    "cp1250": ("cp1250", "windows-1250", "x-cp1250"),
    "cp1251": ("cp1251", "windows-1251", "x-cp1251"),
    "cp1252": ("ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
               "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1",
               "us-ascii", "windows-1252", "x-cp1252",
               "x-user-defined"),  # x-user-defined: HTML's prescan reads it as windows-1252
    "cp1253": ("cp1253", "windows-1253", "x-cp1253"),
    "cp1254": ("cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599", "iso_8859-9",
               "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254"),
    "cp1255": ("cp1255", "windows-1255", "x-cp1255"),
    "cp1256": ("cp1256", "windows-1256", "x-cp1256"),
    "cp1257": ("cp1257", "windows-1257", "x-cp1257"),
    "cp1258": ("cp1258", "windows-1258", "x-cp1258"),
    "mac-cyrillic": ("x-mac-cyrillic", "x-mac-ukrainian"),
    "gb18030": ("chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk", "iso-ir-58",
                "x-gbk", "gb18030"),
    "big5hkscs": ("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"),
    "euc_jp": ("cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"),
    "iso2022_jp": ("csiso2022jp", "iso-2022-jp"),
    "cp932": ("csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j", "x-sjis"),
    "cp949": ("cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987", "ks_c_5601-1989",
              "ksc5601", "ksc_5601", "windows-949"),
}
_LABELS = {label: codec for codec, labels in _WHATWG_LABELS.items() for label in labels}
#: Labels a ``<meta>`` may not use: UTF-16 needs a byte-order mark (HTML reads such a declaration as UTF-8),
#: and the "replacement" encodings, which browsers refuse to decode at all.
_UTF16_LABELS = frozenset({"unicodefffe", "utf-16be", "csunicode", "iso-10646-ucs-2", "ucs-2", "unicode",
                           "unicodefeff", "utf-16", "utf-16le"})
_REPLACEMENT_LABELS = frozenset({"csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr",
                                 "replacement"})
_ASCII_WHITESPACE = "\t\n\f\r "


def declared_encoding(label: str) -> tuple[str | None, str | None]:
    """The codec for a ``<meta charset>`` label as a browser reads it, and a note when it is not honoured.

    Returns ``(codec, None)`` for a known label, ``(None, note)`` when the document is to be read as UTF-8.
    Python's own codec registry is never consulted with a document's label: it knows "hex", "rot13" and
    "zip", which are not text encodings and would crash or garble the audit.
    """
    key = label.strip(_ASCII_WHITESPACE).lower()
    if key in _LABELS:
        return _LABELS[key], None
    if key in _UTF16_LABELS:
        return None, (f"charset {label!r} declared, but the file has no byte-order mark; read as UTF-8, as "
                      "browsers do")
    if key in _REPLACEMENT_LABELS:
        return None, f"charset {label!r} declared, which browsers refuse to display; read as UTF-8"
    return None, f"unknown charset {label!r} declared; read as UTF-8, as browsers do"


def decode(data: bytes, fmt: str) -> tuple[str, str, list[str]]:
    """Decode bytes to text; returns (text, encoding, warnings)."""
    warnings: list[str] = []
    encoding = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding = name
            data = data[len(bom):]
            break
    if encoding is None and fmt == "html":
        match = _META_CHARSET.search(data[:4096])
        if match:
            encoding, note = declared_encoding(match.group(1).decode("ascii", "replace"))
            if note:
                warnings.append(note)
    declared = encoding is not None
    encoding = encoding or "utf-8"
    if encoding.startswith("utf-16") or encoding.startswith("utf-32"):
        pass
    elif b"\x00" in data[:8192]:
        raise InputError("looks like a binary file, not a text document")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if not declared:  # undeclared and not UTF-8: most likely a legacy Windows/Latin-1 file (as browsers assume)
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                pass
            else:
                warnings.append(f"not valid UTF-8 (first bad byte at {exc.start}); read as Windows-1252 — "
                                "save the file as UTF-8 to be sure")
                return _newlines(text), "cp1252", warnings
        text = data.decode(encoding, errors="replace")
        bad = text.count("\ufffd")
        warnings.append(
            f"{bad} byte(s) are not valid {encoding} (first at byte {exc.start}); replaced with \ufffd"
        )
    return _newlines(text), encoding, warnings


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


_MB = 1024 * 1024
_FILE_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
               (stat.S_ISBLK, "a device"), (stat.S_ISDIR, "a directory"))


def _not_regular(mode: int) -> str | None:
    """Why a file of this mode is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a regular file")
    return "is a directory" if kind == "a directory" else f"not a regular file ({kind}); only regular files are read"


def _too_big(size: int, what: str = "file", limit: int = MAX_BYTES) -> InputError:
    return InputError(f"{what} is over {limit // _MB} MB; the limit is {limit // _MB} MB"
                      if size <= limit + 1 else
                      f"{what} is {size // _MB} MB; the limit is {limit // _MB} MB")


def read_bounded(stream: BinaryIO, limit: int = MAX_BYTES) -> bytes:
    """At most ``limit + 1`` bytes from ``stream``: one byte more than allowed says "too big" without ever
    holding more (a link to /dev/zero, a runaway pipe)."""
    chunks: list[bytes] = []
    left = limit + 1
    while left > 0:
        chunk = stream.read(min(left, 1024 * 1024))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_stdin(stream: BinaryIO) -> bytes:
    """Standard input for ``ssec-audit -``, read with the same cap as files (``sys.stdin.buffer``).

    Returns at most ``MAX_BYTES + 1`` bytes; :func:`from_bytes` turns an over-long input into that input's
    own error, so the other files are still audited.
    """
    return read_bounded(stream)


def _read_regular(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, refusing anything else before a single byte is read.

    The type is checked before opening (opening a FIFO would block) and again on the opened file (the path
    could have been swapped in between); the open itself is non-blocking for the same reason.
    """
    reason = _not_regular(os.stat(path).st_mode)
    if reason:
        raise InputError(reason)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb", buffering=0) as f:
        info = os.fstat(fd)
        reason = _not_regular(info.st_mode)
        if reason:
            raise InputError(reason)
        if info.st_size > limit:
            raise _too_big(info.st_size, limit=limit)
        data = read_bounded(f, limit)
    if len(data) > limit:
        raise _too_big(len(data), limit=limit)
    return data


def read_source(path: Path, fmt_hint: str | None = None) -> SourceText:
    """Read and decode one file; raises InputError with a one-line reason."""
    data, fmt = read_bytes(path, fmt_hint)
    return from_bytes(data, display_path(path), fmt)


def read_bytes(path: Path, fmt_hint: str | None = None) -> tuple[bytes, str]:
    """One file's bytes and format, undecoded; raises InputError with a one-line reason."""
    fmt = fmt_hint or format_for(path.name)
    if fmt is None:
        raise InputError(f"unsupported file type {path.suffix or '(none)'!r}; "
                         "expected .html, .md, .txt, .docx or .epub")
    limit = MAX_CONTAINER_BYTES if fmt in BINARY_FORMATS else MAX_BYTES
    try:
        data = _read_regular(path, limit)
    except PermissionError:
        raise InputError("permission denied") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    return data, fmt


def from_bytes(data: bytes, display: str, fmt: str) -> SourceText:
    """Decode an input already in memory (standard input, or a file's bytes); raises InputError."""
    limit = MAX_CONTAINER_BYTES if fmt in BINARY_FORMATS else MAX_BYTES
    if len(data) > limit:
        raise _too_big(len(data), "input", limit)
    if not data.strip():
        raise EmptyInput("file is empty")
    if fmt in BINARY_FORMATS:
        return SourceText(display, fmt, "", "binary", data=data)
    text, encoding, warnings = decode(data, fmt)
    if not text.strip():
        raise EmptyInput("file is empty")
    return SourceText(display, fmt, text, encoding, warnings)
