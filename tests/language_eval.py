"""Score the language analyzer on hand-annotated excerpts (tests/data/language-eval/, format in its README):
how many editor-marked problems it reports (recall) and what it reports at warning or above outside the marks
(false positives). Run as a script for the figures: ``python tests/language_eval.py [files...]``."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from auditor.cases import parse_marks
from auditor.config import Settings
from auditor.engine import audit_document
from auditor.loaders import load
from auditor.locations import LineIndex
from auditor.sources import from_bytes

DATA = Path(__file__).parent / "data" / "language-eval"
SERIOUS = ("error", "warning")


@dataclass
class Score:
    name: str
    marks: int = 0
    caught: int = 0
    missed: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)  # warning or above, outside every mark
    notes: list[str] = field(default_factory=list)  # info outside every mark

    @property
    def recall(self) -> float:
        return self.caught / self.marks if self.marks else 1.0


def body(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    while lines and (lines[0].startswith("#") or not lines[0].strip()):
        lines.pop(0)
    return "\n".join(lines) + "\n"


def score(path: Path) -> Score:
    clean, marks = parse_marks(body(path))
    doc = load(from_bytes(clean.encode("utf-8"), "eval.txt", "text"))
    report = audit_document(doc, Settings(select=("L",)))
    index = LineIndex(clean)

    def offsets(span) -> tuple[int, int]:
        return index.offset(span.line, span.column), index.offset(span.end_line, span.end_column)

    found = [(offsets(f.span), f) for f in report.findings]
    marked = [(offsets(m.span), m) for m in marks]
    result = Score(path.name, marks=len(marks))
    for (a, b), m in marked:
        if any(s < b and a < e for (s, e), _ in found):
            result.caught += 1
        else:
            result.missed.append(f"{m.text!r} in {_line(clean, a)!r}")
    for (s, e), f in found:
        if any(s < b and a < e for (a, b), _ in marked):
            continue
        entry = f"{f.rule} {f.severity} {f.text!r} in {_line(clean, s)!r}"
        (result.false_positives if f.severity in SERIOUS else result.notes).append(entry)
    return result


def _line(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start:end if end != -1 else None]
    return line if len(line) <= 160 else line[max(0, offset - start - 70): offset - start + 70]


def main(argv: list[str]) -> None:
    paths = [Path(a) for a in argv] or sorted(DATA.glob("*.txt"))
    total = Score("total")
    for path in paths:
        s = score(path)
        total.marks += s.marks
        total.caught += s.caught
        print(f"{s.name}: {s.caught}/{s.marks} caught, {len(s.false_positives)} false positives (warning+), "
              f"{len(s.notes)} info notes outside marks")
        for kind, items in (("missed", s.missed), ("FP", s.false_positives), ("info", s.notes)):
            for item in items:
                print(f"   {kind}: {item}")
        total.false_positives += s.false_positives
    print(f"total: {total.caught}/{total.marks} caught ({total.recall:.0%}), "
          f"{len(total.false_positives)} false positives")


if __name__ == "__main__":
    main(sys.argv[1:])
