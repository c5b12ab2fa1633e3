"""JUnit XML for CI systems that show test results (GitLab, Jenkins, Azure...): a test suite per file, and a
test case per rule that found something there (failed when any finding is an error or warning). A file with
no findings gets one passing case, so the report lists everything that was audited."""
from __future__ import annotations

from typing import Any, TextIO
from xml.etree import ElementTree as ET

from auditor.reporters.safe import printable_results
from auditor.results import FileError, FileReport


def _text(findings) -> str:
    lines = []
    for f in findings:
        lines.append(f"{f.path}:{f.span.line}:{f.span.column}: {f.severity}: {f.message}"
                     + (f" ({f.where})" if f.location_kind == "paragraph" else ""))
        if f.suggestion:
            lines.append(f"    suggestion: {f.suggestion}")
    return "\n".join(lines)


def write(results: list[FileReport | FileError], summary: dict[str, Any], out: TextIO, **_: Any) -> None:
    root = ET.Element("testsuites", name="ssec-audit")
    total = failures = errors = 0
    for result in printable_results(results):
        suite = ET.SubElement(root, "testsuite", name=result.path)
        cases = fails = errs = 0
        if isinstance(result, FileError):
            case = ET.SubElement(suite, "testcase", name="read file", classname=result.path)
            ET.SubElement(case, "error", message=result.message, type="InputError").text = result.message
            cases, errs = 1, 1
        else:
            by_rule: dict[str, list] = {}
            for f in result.findings:
                by_rule.setdefault(f.rule, []).append(f)
            for rule_id, found in sorted(by_rule.items()):
                case = ET.SubElement(suite, "testcase", name=f"{rule_id} {found[0].name}", classname=result.path)
                cases += 1
                if any(f.severity != "info" for f in found):
                    fails += 1
                    first = found[0]
                    message = f"{len(found)} finding{'s' if len(found) != 1 else ''}: {first.message}"
                    ET.SubElement(case, "failure", message=message, type=rule_id).text = _text(found)
                else:
                    ET.SubElement(case, "system-out").text = _text(found)
            if not by_rule:
                ET.SubElement(suite, "testcase", name="ssec-audit", classname=result.path)
                cases = 1
        suite.set("tests", str(cases))
        suite.set("failures", str(fails))
        suite.set("errors", str(errs))
        total, failures, errors = total + cases, failures + fails, errors + errs
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
