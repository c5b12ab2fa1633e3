"""Reading the data files under ``rules/`` (term lists, knowledge base, grade bands, score weights).

In an installed wheel they live in ``auditor/_rules``; in a source checkout (or an editable install) they are
the top-level ``rules/`` folder. Either way they are found relative to this file, never the working directory.
"""
from __future__ import annotations

import sys
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from auditor.errors import UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def rules_dir() -> Path:
    for candidate in (_HERE / "_rules", _HERE.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("ssec-audit's data folder (rules/) is missing from the installation")


def data_path(*parts: str) -> Path:
    return rules_dir().joinpath(*parts)


@cache
def load_toml(*parts: str) -> dict[str, Any]:
    """A TOML data file from ``rules/``, parsed once per process."""
    with data_path(*parts).open("rb") as f:
        return tomllib.load(f)


def load_user_toml(path: str, what: str) -> dict[str, Any]:
    """A TOML file a user named (a term pack), or one line saying why it cannot be read."""
    file = Path(path)
    if not file.is_file():
        raise UsageError(f"{what} {path!r} does not exist")
    try:
        return load_toml_file(file)
    except Exception as exc:  # tomllib.TOMLDecodeError, UnicodeDecodeError
        raise UsageError(f"{what} {path!r} is not valid TOML: {exc}") from exc


def load_toml_file(path: Path) -> dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)
