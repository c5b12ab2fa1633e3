"""Compiled regular expressions kept between runs, the way Python keeps compiled bytecode.

Before a one-page audit reads any text, Python's ``re`` turns about 400 patterns (the rules', spaCy's tokenizer's)
into the code its matching engine runs; parsing and optimising them in Python was 0.15 s, a sixth of the run.
That code depends only on the pattern, its flags and the Python build, so the ``ssec-audit`` command keeps it in
the user's cache folder and the next run hands it straight to the engine (``_sre.compile``, which checks any
code it is given). ``re`` compiles as usual whatever is not there, and anything unexpected falls back to it too:
another Python, a damaged file, a folder that cannot be written. The engine's patterns compare equal only when
their code is identical, and the tests check that every kept pattern does.

Only the command installs it (``auditor.command``): importing ``auditor`` as a library leaves ``re`` alone.
``SSEC_AUDIT_REGEX_CACHE`` names another folder, or turns it off with ``off``.
"""

from __future__ import annotations

import _sre
import marshal
import os
import re
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ENVIRONMENT = "SSEC_AUDIT_REGEX_CACHE"
#: The store's bounds, in patterns and bytes (a page's ~400 take about 0.8 MB): when a save would pass either,
#: only the patterns this run used are kept. Some patterns are made from a document's own words (the names it
#: mentions), so auditing new documents adds new ones.
LIMIT = 2000
LIMIT_BYTES = 4 << 20
#: New patterns are written only when compiling them took this long (a library's one small pattern spelled
#: differently each run is not worth rewriting the file for).
WORTH_SAVING = 0.002
_FORMAT = 1

_Key = tuple[str | bytes, int]
#: What ``_sre.compile`` was given after the pattern: final flags, code, then the group tables.
_Entry = tuple[Any, ...]


class _Store:
    def __init__(self, path: Path, build: str, known: dict[_Key, _Entry]) -> None:
        self.path = path
        self.build = build
        self.known = known
        self.added: dict[_Key, _Entry] = {}
        self.used: set[_Key] = set()
        self.compile_seconds = 0.0


_store: _Store | None = None
_original: Callable[..., Any] | None = None
_recorded = threading.local()


def _compiler() -> Any:
    compiler = getattr(re, "_compiler", None)  # Python 3.11 and later
    if compiler is None:  # pragma: no cover - Python 3.10
        import sre_compile as compiler
    return compiler


def build_tag() -> str:
    """Everything the engine's code depends on: a store made by any other build is not read."""
    return repr((sys.implementation.name, sys.version, sys.implementation.cache_tag, _sre.MAGIC, _sre.CODESIZE,
                 sys.maxunicode, sys.byteorder))


def folder() -> Path | None:
    """Where the store lives: ``$SSEC_AUDIT_REGEX_CACHE``, else the platform's per-user cache folder."""
    chosen = os.environ.get(ENVIRONMENT)
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no", "false") else Path(chosen)
    try:
        if sys.platform == "win32":
            base = Path(os.environ["LOCALAPPDATA"])
        elif sys.platform == "darwin":
            base = Path.home() / "Library" / "Caches"
        else:
            base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except (KeyError, RuntimeError):  # no home folder to speak of
        return None
    return base / "ssec-audit"


def install(where: Path | None = None) -> bool:
    """Serve ``re``'s compiles from the store in ``where`` (default: ``folder()``); ``False`` when it cannot be
    used here. Call ``save`` before the process ends."""
    global _store, _original
    if _store is not None:
        return True
    where = where if where is not None else folder()
    compiler = _compiler()
    if where is None or sys.implementation.name != "cpython" or getattr(compiler, "_sre", None) is not _sre:
        return False
    build = build_tag()
    path = where / f"regex-{sys.implementation.cache_tag}-{zlib.crc32(build.encode()):08x}.marshal"
    _store = _Store(path, build, _read(path, build))
    _original = compiler.compile
    compiler._sre = SimpleNamespace(**{**vars(_sre), "compile": _recording})  # what ``re`` hands the engine
    compiler.compile = _compile
    return True


def _compile(p: Any, flags: int = 0) -> Any:
    store, original = _store, _original
    assert original is not None
    if store is None or type(p) not in (str, bytes) or flags & re.DEBUG:
        return original(p, flags)
    key = (p, int(flags))
    entry = store.known.pop(key, None)  # (the store is read again to save: its copy need not stay in memory)
    if entry is not None:
        try:
            compiled = _sre.compile(p, *entry)
        except Exception:  # not code this engine accepts: compile as usual, and the store gets it right
            pass
        else:
            store.used.add(key)
            return compiled
    _recorded.args = None
    started = time.perf_counter()
    compiled = original(p, flags)
    store.compile_seconds += time.perf_counter() - started
    args, _recorded.args = _recorded.args, None
    if args is not None and args[0] is p and isinstance(args[2], list):
        store.added[key] = args[1:]
        store.used.add(key)
    return compiled


def _recording(*args: Any) -> Any:
    _recorded.args = args
    return _sre.compile(*args)


def _read(path: Path, build: str) -> dict[_Key, _Entry]:
    try:
        with open(path, "rb") as f:
            data = f.read(LIMIT_BYTES + 1)
        if len(data) > LIMIT_BYTES:
            return {}
        fmt, tag, entries = marshal.loads(data)
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if fmt != _FORMAT or tag != build or not isinstance(entries, dict):
        return {}
    return entries


def save() -> None:
    """Add the patterns this run compiled to the store, if they are worth it; never fails the run."""
    store = _store
    if store is None or not store.added or store.compile_seconds < WORTH_SAVING:
        return
    # (opcodes and flags are int subclasses, which marshal refuses)
    added = {key: (int(flags), [int(op) for op in code], *rest) for key, (flags, code, *rest) in store.added.items()}
    try:
        store.path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(store.path.with_suffix(".lock")):  # workers and concurrent runs add in turn, none lost
            _write(store, {**_read(store.path, store.build), **added})
    except (OSError, ValueError):
        return
    store.added.clear()
    store.compile_seconds = 0.0


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: the last writer wins, and the next run adds the rest
        yield
        return
    with open(path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _write(store: _Store, entries: dict[_Key, _Entry]) -> None:
    import tempfile

    data = marshal.dumps((_FORMAT, store.build, entries))
    if len(entries) > LIMIT or len(data) > LIMIT_BYTES:
        entries = {key: entries[key] for key in store.used if key in entries}
        data = marshal.dumps((_FORMAT, store.build, entries))
        if len(entries) > LIMIT or len(data) > LIMIT_BYTES:
            return
    fd, temporary = tempfile.mkstemp(dir=store.path.parent, prefix=".regex-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(temporary, store.path)  # whole or not at all, for a run that reads it meanwhile
    except BaseException:
        os.unlink(temporary)
        raise


def uninstall() -> None:
    """Give ``re`` back its own compile (for tests)."""
    global _store, _original
    if _original is not None:
        compiler = _compiler()
        compiler._sre = _sre
        compiler.compile = _original
    _store = _original = None
