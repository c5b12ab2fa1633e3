"""Score the reading analysis against the hand-annotated real pages in tests/data/reading/ (annotations.toml).

Figures, per split ("tune", "heldout"):

- R103: the share of reported hardest sentences that are real, distinct student sentences (not a repeat of an
  earlier finding on the page, not in teacher-facing text, not a standards line or other fragment);
- rare words: the share of judged words the analyzer calls rare that a reviewer agrees are rare for the band,
  both among the words R103 names and among every word the analysis marks in student sentences;
- teacher-facing text: recall and precision by words of prose blocks.

``python tests/reading_eval.py`` prints the figures (with ``PYTHONPATH`` at the checkout to measure).
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import tomllib

sys.path.insert(0, str(Path(__file__).parent))

from auditkit import load_text  # noqa: E402

from auditor.config import Settings  # noqa: E402
from auditor.document import PROSE_KINDS  # noqa: E402
from auditor.engine import audit_document  # noqa: E402
from auditor.readability.analysis import analyze_document  # noqa: E402
from auditor.readability.measure import WORD  # noqa: E402

DATA = Path(__file__).parent / "data" / "reading"
FORMATS = {"html": "html", "md": "markdown", "txt": "text"}


def annotations() -> dict:
    with (DATA / "annotations.toml").open("rb") as f:
        return tomllib.load(f)["pages"]


@dataclass
class Score:
    r103: int = 0
    r103_ok: int = 0
    named: int = 0  # judged words named by R103
    named_ok: int = 0
    marked: int = 0  # judged words marked rare anywhere in student sentences
    marked_ok: int = 0
    unjudged: set[str] = field(default_factory=set)
    teacher_tp: int = 0
    teacher_fp: int = 0
    teacher_fn: int = 0
    bad: list[str] = field(default_factory=list)  # what went wrong, for reading

    def add(self, other: Score) -> None:
        for name in ("r103", "r103_ok", "named", "named_ok", "marked", "marked_ok", "teacher_tp", "teacher_fp",
                     "teacher_fn"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.unjudged |= other.unjudged
        self.bad += other.bad

    @staticmethod
    def share(a: int, b: int) -> float:
        return a / b if b else 1.0

    def figures(self) -> dict[str, float]:
        return {
            "r103_real": self.share(self.r103_ok, self.r103),
            "rare_named_accepted": self.share(self.named_ok, self.named),
            "rare_marked_accepted": self.share(self.marked_ok, self.marked),
            "teacher_recall": self.share(self.teacher_tp, self.teacher_tp + self.teacher_fn),
            "teacher_precision": self.share(self.teacher_tp, self.teacher_tp + self.teacher_fp),
        }

    def report(self) -> str:
        f = self.figures()
        return (f"R103 real distinct sentences {self.r103_ok}/{self.r103} ({f['r103_real']:.0%}); "
                f"rare words named by R103 accepted {self.named_ok}/{self.named} ({f['rare_named_accepted']:.0%}); "
                f"all marked rare words accepted {self.marked_ok}/{self.marked} ({f['rare_marked_accepted']:.0%}); "
                f"teacher text recall {f['teacher_recall']:.0%}, precision {f['teacher_precision']:.0%} "
                f"(words: {self.teacher_tp} found, {self.teacher_fn} missed, {self.teacher_fp} wrong)")


def _in(line: int, ranges: list[list[int]]) -> bool:
    return any(a <= line <= b for a, b in ranges)


def score_page(name: str, note: dict) -> Score:
    path = DATA / name
    fmt = FORMATS[path.suffix[1:]]
    text = path.read_text(encoding="utf-8")
    settings = Settings(grade_band=note["band"], select=("R103",))
    score = Score()
    rare, familiar = set(note["rare"]), set(note["familiar"])

    def judge(word: str) -> bool | None:
        w = word.lower()
        return True if w in rare else False if w in familiar else None

    report = audit_document(load_text(text, fmt, name=name), settings)
    seen: set[str] = set()
    for finding in report.findings:
        score.r103 += 1
        key = " ".join(finding.text.split())
        why = ("repeated" if key in seen else "teacher-facing" if _in(finding.span.line, note["teacher"])
               else "not a sentence" if any(key.startswith(p) for p in note["not_sentences"]) else None)
        seen.add(key)
        if why:
            score.bad.append(f"{name}:{finding.span.line}: R103 {why}: {key[:80]}")
        else:
            score.r103_ok += 1
        for word in dict(finding.data).get("hard_words", ()):
            verdict = judge(word)
            if verdict is None:
                score.unjudged.add(f"{name}: {word}")
                continue
            score.named += 1
            score.named_ok += verdict

    doc = load_text(text, fmt, name=name)
    reading = analyze_document(doc, settings)
    marked = {s.block.text[a:b].lower() for s in reading.all_sentences for a, b in s.hard_words}
    for word in sorted(marked):
        verdict = judge(word)
        if verdict is None:
            score.unjudged.add(f"{name}: {word}")
            continue
        score.marked += 1
        score.marked_ok += verdict
        if not verdict:
            score.bad.append(f"{name}: not rare: {word}")
    predicted = set(getattr(reading, "teacher_blocks", ()))
    for block in doc.blocks:
        if block.kind not in PROSE_KINDS:
            continue
        words = len(WORD.findall(block.text))
        truth = _in(block.span().line, note["teacher"])
        guess = block.index in predicted
        score.teacher_tp += words * (truth and guess)
        score.teacher_fp += words * (guess and not truth)
        score.teacher_fn += words * (truth and not guess)
        if truth != guess:
            score.bad.append(f"{name}:{block.span().line}: teacher {'missed' if truth else 'wrong'}: "
                             f"{block.text[:60]}")
    return score


def evaluate(split: str) -> Score:
    total = Score()
    for name, note in annotations().items():
        if note["split"] == split:
            total.add(score_page(name, note))
    return total


if __name__ == "__main__":
    for split in ("tune", "heldout"):
        result = evaluate(split)
        print(f"{split}: {result.report()}")
        if "-v" in sys.argv:
            for line in result.bad + sorted(f"unjudged {w}" for w in result.unjudged):
                print("   ", line)
