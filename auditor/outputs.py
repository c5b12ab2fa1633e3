"""Writing reports and baselines safely: never over an audited input, never half-written, and never audited
as a lesson on the next run.

A report goes to a temporary file beside its target and is renamed into place when complete, so a cancelled
run (CI cancellation sends SIGTERM) leaves either the previous file or the whole new one.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from auditor.errors import UsageError

#: What our own HTML and Markdown reports carry near their start (see reporters/html.py and markdown.py).
REPORT_MARKERS = (b'<meta name="generator" content="ssec-audit', b"## ssec-audit inclusion report")


def refuse_inputs(targets: Iterable[tuple[str, str]], inputs: Iterable[Path]) -> None:
    """UsageError when an output (``(option, path)``) resolves to one of the audited files."""
    audited = {_real(p) for p in inputs}
    for option, target in targets:
        if _real(Path(target)) in audited:
            raise UsageError(f"{option} {target}: that is one of the files being audited; write the report "
                             "somewhere else (ssec-audit never writes over an input)")


def write_atomically(path: str, option: str, write: Callable[[TextIO], None]) -> None:
    """Run ``write`` on a temporary file in the target's folder, then rename it over ``path``."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, temporary = tempfile.mkstemp(prefix=".ssec-audit-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UsageError(f"{option} {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            write(out)
        os.replace(temporary, path)
    except OSError as exc:
        _remove(temporary)
        raise UsageError(f"{option} {path}: {exc.strerror or exc}") from None
    except BaseException:
        _remove(temporary)
        raise


def is_own_report(path: Path) -> bool:
    """Whether an .html or .md file is a report ssec-audit wrote (its first 4 KB carry our marker)."""
    if path.suffix.lower() not in (".html", ".htm", ".md", ".markdown") or not path.is_file():
        return False  # is_file: a FIFO or device would block or never end
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    return any(marker in head for marker in REPORT_MARKERS)


def _real(path: Path) -> str:
    return os.path.realpath(path)


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
