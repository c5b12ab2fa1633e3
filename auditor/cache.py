"""The result cache: a file's report is kept, keyed by everything it depends on, so an unchanged file is never
audited twice.

**The key** is a SHA-256 of: the file's bytes, its format and the path it is reported under; where the working
directory lies relative to the configuration file's folder (globs are matched against both); every setting that
can change a file's report (severity, options, selection, grade bands, people, vocabulary, ...: all of
:class:`~auditor.config.Settings` but the few that only decide the exit code, the format or the run's
mechanics); the contents of the language and equity packs the configuration names; the tool's version and the
source of every module of the ``auditor`` package; every data file under ``rules/``; the Python version, the
installed distributions (name and version: spaCy, its model, bs4...) and ``$SSEC_AUDIT_MODEL``. Any change to
any of these is a different key, so a stale report is never served: it is simply not found, and later pruned.
No absolute path is part of the key (paths are taken relative to the configuration file's folder, else the
working directory), so a CI job that checks the project out at another place, with its virtualenv elsewhere,
still finds the entries a previous job left.

**The store** is one folder, ``.ssec-audit-cache/`` in the project (the configuration file's folder, else the
working directory) unless ``cache-dir`` says otherwise, with a ``.gitignore`` of ``*`` inside it (as ruff
does) and a ``CACHEDIR.TAG``. Each entry is one JSON file named by its key. Entries are written to a temporary
file in the same folder and renamed into place, so parallel workers and concurrent runs never see half an entry;
an entry that does not decode (truncated, edited, from another version) is a miss, never an error. Nothing is
read through a symbolic link, nothing is written outside the folder, and a symbolic link in the folder's place
switches the cache off. When the folder holds more than :data:`MAX_BYTES`, the least recently used entries are
removed.

Entries are JSON, not pickle: a cache folder is data a repository could carry, and loading it must not run
code. The encoding keeps every Python type of a :class:`~auditor.results.FileReport` (tuples stay tuples,
dicts keep their key order, floats round-trip exactly), so a cached report is equal to the fresh one and
every reporter's output is byte-identical.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from dataclasses import fields
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.config import Settings
from auditor.data import rules_dir
from auditor.locations import Span
from auditor.results import FileReport, Finding

FOLDER = ".ssec-audit-cache"
FORMAT = 1  # bump when the entry encoding changes
MAX_BYTES = 256 * 1024 * 1024  # beyond this, the least recently used entries are pruned
#: Settings that cannot change a file's report (they decide the exit code, the report format or how the run is
#: carried out), so changing them does not miss the cache.
NOT_IN_KEY = frozenset({"fail_on", "fail_under", "fail_under_categories", "output_format", "jobs", "debug",
                        "cache", "cache_dir"})
_HEX = frozenset("0123456789abcdef")
_PACKAGE = Path(__file__).resolve().parent
_fingerprints: dict[str, str] = {}  # memo: what does not change within a process


def default_folder(settings: Settings) -> Path:
    """``cache-dir``, else ``.ssec-audit-cache`` beside the configuration file, else in the working directory."""
    if settings.cache_dir:
        return Path(settings.cache_dir)
    return Path(settings.root or os.getcwd()) / FOLDER


def open_cache(settings: Settings) -> Cache | None:
    """The run's cache, or None when it is switched off (``--no-cache``) or cannot be used."""
    if not settings.cache:
        return None
    return Cache(default_folder(settings), settings)


class Cache:
    def __init__(self, folder: Path, settings: Settings) -> None:
        self.folder = Path(os.path.abspath(folder))
        self._prefix = run_fingerprint(settings)
        self._ready: bool | None = None
        self.hits = self.misses = self.writes = 0

    # keys ------------------------------------------------------------------------------------------------------

    def key(self, data: bytes, display: str, fmt: str) -> str:
        h = hashlib.sha256(self._prefix.encode())
        for part in (display.encode("utf-8", "surrogatepass"), fmt.encode(), data):
            h.update(len(part).to_bytes(8, "little"))
            h.update(part)
        return h.hexdigest()

    # reading ---------------------------------------------------------------------------------------------------

    def get(self, key: str) -> FileReport | None:
        path = self._entry(key)
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
        except OSError:
            self.misses += 1
            return None
        try:
            with os.fdopen(fd, "rb") as f:
                raw = f.read(64 * 1024 * 1024)
            entry = json.loads(raw)
            if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != key:
                raise ValueError("not this entry")
            report = decode_report(entry["report"])
        except Exception:  # noqa: BLE001 - a damaged or foreign entry is a miss, never an error
            self.misses += 1
            return None
        try:
            os.utime(path)  # recently used: pruned last
        except OSError:
            pass
        self.hits += 1
        return report

    # writing ---------------------------------------------------------------------------------------------------

    def put(self, key: str, report: FileReport) -> None:
        if not self._prepare():
            return
        try:
            payload = json.dumps({"format": FORMAT, "key": key, "report": encode_report(report)},
                                 ensure_ascii=False, separators=(",", ":"), allow_nan=True).encode("utf-8")
        except (TypeError, ValueError):  # a value the encoding does not know: not cached, still reported
            return
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=self.folder)
            with os.fdopen(fd, "wb") as f:
                f.write(payload)
            os.replace(tmp, self._entry(key))  # atomic: readers see the old entry, or none, or the whole new one
            tmp = None
            self.writes += 1
        except OSError:
            pass
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass

    def _entry(self, key: str) -> str:
        if len(key) != 64 or not set(key) <= _HEX:  # only our own names: never a path of anyone's choosing
            raise ValueError(f"not a cache key: {key!r}")
        return os.path.join(self.folder, key + ".json")

    def _prepare(self) -> bool:
        """Create the folder (with its .gitignore) once; False when it cannot be used."""
        if self._ready is None:
            self._ready = False
            try:
                if os.path.islink(self.folder):
                    return False
                os.makedirs(self.folder, exist_ok=True)
                if os.path.islink(self.folder) or not os.path.isdir(self.folder):
                    return False
                for name, text in ((".gitignore", "# Automatically created by ssec-audit.\n*\n"),
                                   ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                                                    "# This file is a cache directory tag created by ssec-audit.\n")):
                    path = os.path.join(self.folder, name)
                    if not os.path.lexists(path):
                        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                                     0o644)
                        with os.fdopen(fd, "w", encoding="utf-8") as f:
                            f.write(text)
                self._ready = True
            except OSError:
                self._ready = False
        return self._ready

    def prune(self, limit: int = MAX_BYTES) -> None:
        """Remove the least recently used entries while the folder holds more than ``limit`` bytes."""
        if not self._ready:
            return
        entries = []
        total = 0
        try:
            with os.scandir(self.folder) as it:
                for item in it:
                    if not item.name.endswith(".json") or not item.is_file(follow_symlinks=False):
                        continue
                    st = item.stat(follow_symlinks=False)
                    entries.append((st.st_mtime_ns, item.name, st.st_size))
                    total += st.st_size
        except OSError:
            return
        if total <= limit:
            return
        for _, name, size in sorted(entries):
            if total <= limit * 0.8:  # leave room, so the next run does not prune again at once
                break
            try:
                os.unlink(os.path.join(self.folder, name))
                total -= size
            except OSError:
                pass


# fingerprints ----------------------------------------------------------------------------------------------


def run_fingerprint(settings: Settings) -> str:
    """Everything but the file itself that a file's report depends on, as one digest."""
    h = hashlib.sha256()
    base = settings.root or os.getcwd()
    parts = [
        f"ssec-audit {__version__} cache {FORMAT}",
        _memo("code", lambda: _tree_digest(_PACKAGE, (".py",))),
        _memo("data", lambda: _tree_digest(rules_dir(), None)),
        _memo("environment", _environment),
        "model-env=" + repr(os.environ.get("SSEC_AUDIT_MODEL")),
        # globs match a report path (relative to the working directory) as it is and relative to the
        # configuration's folder: where one lies from the other is what matters, not where the checkout is
        "cwd=" + _relative(os.getcwd(), base),
        "settings=" + repr([(f.name, _portable(f.name, getattr(settings, f.name), base)) for f in fields(settings)
                            if f.name not in NOT_IN_KEY]),
    ]
    for pack in (*settings.packs, *settings.equity_packs):  # read at audit time: their contents are in the key
        parts.append("pack " + _relative(pack, base) + " " + _file_digest(Path(pack)))
    if settings.model and os.path.exists(settings.model):  # a model given as a folder
        parts.append("model " + _tree_digest(Path(settings.model), None))
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _relative(path: str, base: str) -> str:
    """``path`` relative to ``base`` (forward slashes), so a checkout at another place has the same key; as it is
    when there is no relative form (another drive on Windows)."""
    try:
        return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
    except ValueError:
        return path


def _portable(name: str, value: Any, base: str) -> Any:
    """A setting as it goes into the key: the paths among them relative to ``base``."""
    if name == "root" and value is not None:
        return "."
    if name in ("packs", "equity_packs"):
        return tuple(_relative(p, base) for p in value)
    if name == "model" and value and os.path.exists(value):
        return _relative(value, base)
    return value


def _memo(name: str, compute) -> str:
    if name not in _fingerprints:
        _fingerprints[name] = compute()
    return _fingerprints[name]


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        return f"unreadable: {exc}"


def _tree_digest(root: Path, suffixes: tuple[str, ...] | None) -> str:
    """One digest of every file under ``root`` (names and contents), in a stable order."""
    h = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if suffixes is not None and not name.endswith(suffixes):
                continue
            path = Path(dirpath, name)
            h.update(path.relative_to(root).as_posix().encode("utf-8", "surrogatepass") + b"\0")
            h.update(_file_digest(path).encode() + b"\0")
    return h.hexdigest()


def _environment() -> str:
    """The Python version and every installed distribution with its version (from the names of the
    ``.dist-info`` folders on ``sys.path``: listing a few folders is far cheaper than importlib.metadata)."""
    found: list[str] = []
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        # names only (they carry the versions): the folders themselves move with a checkout or a virtualenv
        found.extend(n for n in names if n.endswith((".dist-info", ".egg-info", ".egg-link", ".pth")))
    return sys.version + "\n" + "\n".join(sorted(found))


# the encoding ----------------------------------------------------------------------------------------------
# JSON with tags where JSON alone would lose a type: {"t": [...]} a tuple, {"d": [[k, v], ...]} a dict,
# {"s": [line, column, end_line, end_column]} a Span. A list is a JSON array; None, bools, numbers and strings
# are themselves.


def _enc(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_enc(v) for v in value]
    if isinstance(value, tuple):
        return {"t": [_enc(v) for v in value]}
    if isinstance(value, dict):
        return {"d": [[_enc(k), _enc(v)] for k, v in value.items()]}
    if isinstance(value, Span):
        return {"s": [value.line, value.column, value.end_line, value.end_column]}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _dec(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_dec(v) for v in value]
    if isinstance(value, dict) and len(value) == 1:
        (tag, items), = value.items()
        if tag == "t":
            return tuple(_dec(v) for v in items)
        if tag == "d":
            return {_dec(k): _dec(v) for k, v in items}
        if tag == "s":
            return Span(*items)
    raise ValueError("not a cache entry")


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))
_REPORT_FIELDS = tuple(f.name for f in fields(FileReport))


def encode_report(report: FileReport) -> dict[str, Any]:
    # exact types only: a subclass of a result type would not come back as itself
    if type(report) is not FileReport or any(type(f) is not Finding or type(f.span) is not Span
                                            for f in report.findings):
        raise TypeError("not a plain report")
    # every field of the report, so a field added later cannot be dropped on the way through the cache
    entry = {name: _enc(getattr(report, name)) for name in _REPORT_FIELDS if name != "findings"}
    entry["findings"] = [[_enc(getattr(f, name)) for name in _FINDING_FIELDS] for f in report.findings]
    return entry


def decode_report(data: dict[str, Any]) -> FileReport:
    findings = [Finding(**dict(zip(_FINDING_FIELDS, (_dec(v) for v in row), strict=True)))
                for row in data["findings"]]
    values: dict[str, Any] = {name: _dec(data[name]) for name in _REPORT_FIELDS if name != "findings"}
    report = FileReport(findings=findings, **values)
    if not (isinstance(report.path, str) and isinstance(report.format, str) and isinstance(report.scores, dict)
            and isinstance(report.blocks, dict) and isinstance(report.warnings, list)
            and isinstance(report.location_kind, str) and isinstance(report.skipped, list)
            and all(isinstance(f.span, Span) for f in findings)):
        raise ValueError("not a report")
    return report
