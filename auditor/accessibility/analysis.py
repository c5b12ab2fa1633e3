"""Image coverage: how many images that need a text alternative have one."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from auditor.dimension import Dimension, penalty
from auditor.document import Document, Image


def is_decorative(image: Image) -> bool:
    """alt="" (HTML only), role presentation/none, or aria-hidden mark an image as decorative."""
    attrs = image.attrs
    if attrs.get("aria-hidden", "").strip().lower() == "true":
        return True
    if attrs.get("role", "").strip().lower() in ("presentation", "none"):
        return True
    return image.kind != "markdown" and image.alt is not None and image.alt.strip() == "" and not (
        attrs.get("aria-label", "").strip() or attrs.get("aria-labelledby", "").strip())


def accessible_name(image: Image) -> tuple[str, str] | None:
    """(name, source) of an image's text alternative, in the order browsers compute it for images."""
    for attr in ("aria-labelledby", "aria-label", "alt", "title"):
        value = image.attrs.get(attr, "")
        if attr == "alt" and image.kind == "markdown":
            value = image.alt or ""
        if value.strip():
            return value.strip(), attr
    return None


@dataclass
class ImageStats:
    total: int = 0
    described: int = 0
    decorative: int = 0
    missing: int = 0

    @property
    def coverage(self) -> float | None:
        needing = self.described + self.missing
        return round(self.described / needing, 4) if needing else None

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "coverage": self.coverage}


class AccessibilityDimension(Dimension):
    category = "accessibility"
    key = "images"

    def analyze(self, doc: Document, ctx) -> ImageStats:
        stats = ImageStats()
        for image in doc.images:
            stats.total += 1
            if is_decorative(image):
                stats.decorative += 1
            elif accessible_name(image):
                stats.described += 1
            else:
                stats.missing += 1
        return stats

    def to_json(self, result: ImageStats) -> dict[str, Any]:
        return result.to_json()

    def score(self, doc, result: ImageStats, findings, scoring) -> float | None:
        base = max(0.0, 100.0 - penalty(findings, scoring))
        if result.coverage is None:
            return base if doc.format == "html" else None
        weight = float(scoring.get("accessibility", {}).get("coverage_weight", 0.5))
        return weight * 100.0 * result.coverage + (1 - weight) * base

    def summarize(self, results: list[dict[str, Any]]) -> dict[str, Any]:
        total = ImageStats()
        for r in results:
            total.total += r["total"]
            total.described += r["described"]
            total.decorative += r["decorative"]
            total.missing += r["missing"]
        return total.to_json()
