"""Grade bands: the names users write ("K-2", "6-8", "7") and the grade range each stands for."""
from __future__ import annotations

from auditor.errors import UsageError


def normalize_band(value: str) -> tuple[float, float]:
    """'6-8' -> (6, 8); 'K-2' -> (0, 2); '7' -> (7, 7). Raises UsageError for anything else."""
    text = canonical_band(value)
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


def canonical_band(value: str) -> str:
    """The band as written in reports: upper case, an ASCII hyphen, no spaces (" k–2 " -> "K-2")."""
    return value.strip().upper().replace("–", "-").replace(" ", "")


def band_top(value: str) -> float | None:
    """The highest grade of a band, or None when the text is not a band."""
    try:
        return normalize_band(value)[1]
    except UsageError:
        return None
