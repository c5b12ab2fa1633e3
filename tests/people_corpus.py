"""Scoring the representation analyzer against pages read by hand (tests/data/people/annotations.toml).

``python tests/people_corpus.py [tuned|held-out]`` prints the figures and every miss, extra and wrong attribute.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from auditkit import audit_text

from auditor.data import load_toml_file

DATA = Path(__file__).parent / "data" / "people"
FORMATS = {".md": "markdown", ".txt": "text", ".html": "html"}


@dataclass
class Score:
    pages: int = 0
    people: int = 0  # annotated people
    found: int = 0  # annotated people the analyzer found
    reported: int = 0  # people the analyzer reported (credits left out only when it marks them so)
    correct: int = 0  # reported people that are annotated people (the first entry of each)
    featured: int = 0  # annotated featured scientists
    featured_found: int = 0
    attributes: int = 0  # attributes stated (not unknown) about matched people
    wrong: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.people if self.people else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.reported if self.reported else 1.0

    @property
    def featured_recall(self) -> float:
        return self.featured_found / self.featured if self.featured else 1.0

    def summary(self, label: str) -> str:
        return (f"{label}: {self.pages} pages, {self.people} people, {self.featured} featured scientists; "
                f"people recall {self.recall:.1%} ({self.found}/{self.people}), precision {self.precision:.1%} "
                f"({self.correct}/{self.reported}), featured-scientist recall {self.featured_recall:.1%} "
                f"({self.featured_found}/{self.featured}); {self.attributes} attributes stated, "
                f"{len(self.wrong)} wrong")


def pages(split: str | None = None) -> list[dict]:
    table = load_toml_file(DATA / "annotations.toml")
    return [p for p in table["page"] if split is None or p["split"] == split]


def analyze(page: dict) -> list[dict]:
    path = DATA / page["file"]
    report = audit_text(path.read_text(encoding="utf-8"), FORMATS[path.suffix], select=("P",))
    return report.blocks["people"]


def evaluate(split: str | None = None) -> Score:
    score = Score()
    for page in pages(split):
        score.pages += 1
        gold = page.get("person", [])
        forms = [{n.casefold() for n in [g["name"], *g.get("names", [])]} for g in gold]
        credits = {c.casefold() for c in page.get("credits", [])}
        matched: dict[int, dict] = {}
        for p in analyze(page):
            score.reported += 1
            name = p["name"].casefold()
            hit = next((i for i, f in enumerate(forms) if name in f), None)
            if hit is None:
                why = "credit counted as a person" if name in credits else "not an annotated person"
                last = name.split()[-1]
                if p["kb"] and any(last == f.split()[-1] for fs in forms for f in fs):
                    score.wrong.append(f"{page['file']}: {p['name']!r} (knowledge base) is someone else with "
                                       f"that surname (line {p['line']})")
                score.notes.append(f"{page['file']}: extra {p['name']!r} ({why}, line {p['line']})")
                continue
            if hit in matched:
                score.notes.append(f"{page['file']}: {p['name']!r} is a second entry for {gold[hit]['name']}")
                continue
            matched[hit] = p
            score.correct += 1
        for i, g in enumerate(gold):
            featured = g["scientist"] is True
            score.people += 1
            score.featured += featured
            p = matched.get(i)
            if p is None:
                score.notes.append(f"{page['file']}: missed {g['name']}")
                continue
            score.found += 1
            if featured and p["scientist"]:
                score.featured_found += 1
            elif featured:
                score.notes.append(f"{page['file']}: {g['name']} found but not as a featured scientist")
            elif g["scientist"] is False and p["scientist"]:
                score.notes.append(f"{page['file']}: {g['name']} counted as a featured scientist")
            for key in ("gender", "region", "born"):
                value = p[key]
                if value in (None, "unknown"):
                    continue
                score.attributes += 1
                truth = g.get(key)
                ok = value in truth if isinstance(truth, list) else value == truth
                if not ok:
                    score.wrong.append(f"{page['file']}: {g['name']} {key} = {value!r} "
                                       f"({p[key + '_source']}; truth {truth!r})")
    return score


if __name__ == "__main__":
    for split in sys.argv[1:] or ["tuned", "held-out", "second", "third"]:
        result = evaluate(split)
        print(result.summary(split))
        for line in result.wrong:
            print("  WRONG", line)
        for line in result.notes:
            print("  ", line)
