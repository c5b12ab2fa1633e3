"""Settings for one run. They flow one way: defaults, then configuration files, then the command line, and
the result is read (never changed) by the engine, the rules and the reporters."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditor.errors import UsageError
from auditor.rule import SEVERITIES

GRADE_BANDS = ("K-2", "3-5", "6-8", "9-12")


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()  # empty: every rule enabled by default
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    grade_band: str = "6-8"
    grade_band_source: str = "default"
    fail_on: str = "error"
    fail_under: float | None = None
    severity: dict[str, str] = field(default_factory=dict)  # rule id -> severity override
    options: dict[str, dict[str, Any]] = field(default_factory=dict)  # rule id -> option overrides
    scoring: dict[str, Any] = field(default_factory=dict)  # overrides of rules/scoring.toml
    # per-glob grade bands from configuration: ((glob, band), ...); the first match wins
    grade_bands: tuple[tuple[str, str], ...] = ()
    vocabulary: tuple[str, ...] = ()  # extra defined science terms (readability)
    packs: tuple[str, ...] = ()  # extra language rule-pack files (absolute paths)
    disabled_terms: tuple[str, ...] = ()  # language pack entry ids switched off
    quotations: str = "lower"  # wording inside direct quotations: lower (severity) | report | ignore
    people: tuple[dict[str, Any], ...] = ()  # extra knowledge-base entries (representation)
    model: str | None = None
    jobs: int | None = None
    debug: bool = False

    def __post_init__(self) -> None:
        if self.fail_on not in SEVERITIES + ("never",):
            raise UsageError(f"--fail-on must be one of error, warning, info, never (got {self.fail_on!r})")
        if self.fail_under is not None and not 0 <= self.fail_under <= 100:
            raise UsageError(f"--fail-under must be between 0 and 100 (got {self.fail_under})")
        normalize_band(self.grade_band)
        if self.quotations not in ("lower", "report", "ignore"):
            raise UsageError(f"quotations must be one of lower, report, ignore (got {self.quotations!r})")

    def band_for(self, path: str) -> tuple[str, str]:
        """The grade band configured for ``path`` and where it came from (before the document's own)."""
        from fnmatch import fnmatch

        for glob, band in self.grade_bands:
            if fnmatch(path, glob) or fnmatch(path, f"*/{glob}"):
                return band, f"configuration ({glob})"
        return self.grade_band, self.grade_band_source


def normalize_band(value: str) -> tuple[float, float]:
    """'6-8' -> (6, 8); 'K-2' -> (0, 2); '7' -> (7, 7). Raises UsageError for anything else."""
    text = value.strip().upper().replace("–", "-").replace(" ", "")
    parts = text.split("-")
    try:
        nums = [0.0 if p == "K" else float(p) for p in parts]
    except ValueError:
        nums = []
    if len(nums) == 1:
        nums = nums * 2
    if len(nums) != 2 or not 0 <= nums[0] <= nums[1] <= 16:
        raise UsageError(f"grade band must look like K-2, 3-5, 6-8, 9-12 or a single grade (got {value!r})")
    return nums[0], nums[1]
