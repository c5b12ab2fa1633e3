"""Element-by-element agreement with axe-core on a folder of HTML fixtures.

    node tests/browser/axe_verdicts.mjs FIXTURES > verdicts.json     # real axe-core in headless Chromium
    python tools/axe_agreement.py FIXTURES verdicts.json

The project's own fixtures and axe-core 4.14.1's recorded verdicts on them are in tests/data/axe/
(``python tools/axe_agreement.py tests/data/axe tests/data/axe/verdicts.json``); tests/test_accessibility_axe.py
checks them without a browser, and re-records them in Chromium where one is installed.

For every element axe-core passes or fails (elements are named by their id), our verdict is whether the matching
rule reports a finding on that element's start tag. Page-level rules (A201, A203, A204) are compared on the
``html`` element, and only on whole pages: a fragment has no page of its own here (a documented difference).
Prints each disagreement and the agreement figure."""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from auditor.config import Settings  # noqa: E402
from auditor.engine import audit_document  # noqa: E402
from auditor.loaders import load  # noqa: E402
from auditor.sources import from_bytes  # noqa: E402

#: axe-core rule -> our rule
RULES = {
    "image-alt": "A101", "input-image-alt": "A101", "area-alt": "A101", "svg-img-alt": "A101",
    "role-img-alt": "A101", "object-alt": "A101", "link-name": "A207", "empty-heading": "A206",
    "heading-order": "A205", "frame-title": "A212", "label": "A213", "page-has-heading-one": "A204",
    "document-title": "A203", "html-has-lang": "A201",
}
PAGE = {"A201", "A203", "A204"}


def ours(path: Path) -> tuple[dict[str, set[str]], bool]:
    """{rule: ids of elements it reports}, and whether the file is a whole page."""
    doc = load(from_bytes(path.read_bytes(), path.name, "html"))
    report = audit_document(doc, Settings(select=tuple(sorted(set(RULES.values())))))
    failed: dict[str, set[str]] = {}
    for f in report.findings:
        if f.rule in PAGE:
            if f.severity != "info":
                failed.setdefault(f.rule, set()).add("html")
            continue
        tag = doc.element_at(doc.lines.offset(f.span.line, f.span.column))
        if tag is not None and tag.get("id"):
            failed.setdefault(f.rule, set()).add(tag["id"])
    whole = doc.soup is not None and doc.soup.find("html") is not None and doc.soup.find("html").sourceline is not None
    return failed, whole


def differences(folder: Path, verdicts: dict) -> tuple[int, list[tuple[str, str, str, str, str]]]:
    """How many element verdicts axe-core gave (incomplete ones left out), and those where ours differ, as
    (file, axe rule, our rule, element id, axe's verdict)."""
    total = 0
    differ = []
    for name, by_rule in sorted(verdicts.items()):
        failed, whole = ours(folder / name)
        for axe_rule, elements in sorted(by_rule.items()):
            rule = RULES[axe_rule]
            if rule in PAGE and not whole:
                continue
            for ident, verdict in sorted(elements.items()):
                if verdict == "incomplete":
                    continue
                mine = "fail" if ident in failed.get(rule, set()) else "pass"
                total += 1
                if mine != verdict:
                    differ.append((name, axe_rule, rule, ident, verdict))
    return total, differ


def main(folder: str, verdicts_file: str) -> float:
    verdicts = json.loads(Path(verdicts_file).read_text(encoding="utf-8"))
    total, differ = differences(Path(folder), verdicts)
    for name, axe_rule, rule, ident, verdict in differ:
        print(f"{name} {axe_rule}/{rule} #{ident}: axe {verdict}, ours {'pass' if verdict == 'fail' else 'fail'}")
    same = total - len(differ)
    share = same / total if total else 0.0
    print(f"agreement: {same}/{total} element verdicts ({share:.1%})")
    return share


if __name__ == "__main__":
    main(*sys.argv[1:3])
