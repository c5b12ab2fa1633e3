"""Finding input files and decoding them to text.

Encoding follows what browsers and editors do: a byte-order mark wins, then an HTML ``<meta charset>``, else
UTF-8. Undecodable bytes become U+FFFD with a warning rather than stopping the audit.
"""
from __future__ import annotations

import codecs
import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from auditor.errors import EmptyInput, InputError

FORMATS_BY_SUFFIX = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
}
MAX_BYTES = 10 * 1024 * 1024  # a curriculum page is kilobytes; a 10 MB page is a mistake, not a unit
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
                         r"front[-_ ]?matter|frontmatter|colophon|table[-_ ]of[-_ ]contents|toc)(?:[-_.][^.]*)?\.[a-z]+$")


def _excluded(path: Path, root: Path, patterns: tuple[str, ...]) -> bool:
    if not patterns:
        return False
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    candidates = {rel, path.name, path.as_posix()}
    parts = rel.split("/")
    candidates.update("/".join(parts[: i + 1]) for i in range(len(parts)))
    candidates.update(parts)
    return any(fnmatch.fnmatch(c, pat.rstrip("/")) for c in candidates for pat in patterns)


def discover(paths: list[str], exclude: tuple[str, ...] = ()) -> tuple[list[Path], list[str]]:
    """Expand the paths the user gave into files to audit, in a stable order.

    Returns the files and the problems (one line each) with paths that give nothing to audit. Files named
    explicitly are audited whatever their suffix is not; directories contribute supported files only.
    """
    files: list[Path] = []
    problems: list[str] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if not path.exists():
            problems.append(f"{given}: no such file or directory")
            continue
        if path.is_dir():
            found = []
            for dirpath, dirnames, filenames in os.walk(path):
                here = Path(dirpath)
                dirnames[:] = sorted(
                    d for d in dirnames if not d.startswith(".") and not _excluded(here / d, path, exclude)
                )
                for name in sorted(filenames):
                    candidate = here / name
                    if name.startswith(".") or format_for(name) is None or _excluded(candidate, path, exclude) \
                            or NOT_LESSONS.match(name):
                        continue
                    found.append(candidate)
            if not found:
                problems.append(f"{given}: no .html, .md or .txt files to audit in this directory")
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
            declared = match.group(1).decode("ascii", "replace").lower()
            try:
                encoding = codecs.lookup(declared).name
            except LookupError:
                warnings.append(f"unknown charset {declared!r} declared; read as UTF-8")
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


def read_source(path: Path, fmt_hint: str | None = None) -> SourceText:
    """Read and decode one file; raises InputError with a one-line reason."""
    fmt = fmt_hint or format_for(path.name)
    if fmt is None:
        raise InputError(f"unsupported file type {path.suffix or '(none)'!r}; expected .html, .md or .txt")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"file is {size // (1024 * 1024)} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except PermissionError:
        raise InputError("permission denied") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    return from_bytes(data, display_path(path), fmt)


def from_bytes(data: bytes, display: str, fmt: str) -> SourceText:
    if not data.strip():
        raise EmptyInput("file is empty")
    text, encoding, warnings = decode(data, fmt)
    if not text.strip():
        raise EmptyInput("file is empty")
    return SourceText(display, fmt, text, encoding, warnings)
