"""The HTML report without a browser: structure, escaping of hostile documents, determinism, self-containment.
(tests/test_html_browser.py renders it in Chromium and runs axe-core.)"""
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
HOSTILE = ('<script>alert(1)</script> Every fireman knows this. "><img src=x onerror=alert(2)> mankind \x01\x0b\x7f '
           "and more text.\n")


class Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> Tags:
    parser = Tags()
    parser.feed(page)
    return parser


def html_of(*args):
    result = CliRunner().invoke(main, [*args, "--format", "html", "--no-progress"], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.output


@pytest.fixture(scope="module")
def samples():
    return html_of(str(SAMPLES))


def test_structure(samples):
    tags = parse(samples).tags
    names = [t for t, _ in tags]
    assert samples.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert names.count("h1") == 1 and names.count("main") == 1 and names.count("header") == 1
    assert names.count("article") == 4  # one per unit
    assert all(a.get("lang") == "en" for t, a in tags if t == "html")
    # every chart is a figure named by its caption, with the numbers as a table
    figures = [a for t, a in tags if t == "figure"]
    assert figures and all(a.get("aria-labelledby") for a in figures)
    assert names.count("svg") == len(figures)
    # overview first, units worst first
    assert samples.index('id="overview-title"') < samples.index('id="units-title"') < samples.index('id="charts-title"')
    order = [a["href"] for t, a in tags if t == "a" and a.get("href", "").startswith("#unit-")]
    assert order[:3] == ["#unit-1", "#unit-2", "#unit-3"]
    assert samples.index('href="#unit-1">samples/weather-3-5.html') < samples.index('href="#unit-2">samples/cells-6-8.html')


def test_findings_grouped_by_rule_with_context(samples):
    assert "Image has no text alternative: 1 place" in samples
    assert 'For most of the history of <mark>mankind</mark>, nobody knew' in samples
    tags = parse(samples).tags
    groups = [a for t, a in tags if t == "details" and "group" in a.get("class", "")]
    items = [a for t, a in tags if t == "li" and a.get("class") == "finding"]
    assert len(items) == 39  # every finding of the samples
    assert {a["data-category"] for a in groups} == {"accessibility", "readability", "language", "representation"}
    # filters: a checkbox per dimension and severity, which CSS reads without the script
    boxes = [a["id"] for t, a in tags if t == "input"]
    assert boxes == ["f-cat-accessibility", "f-cat-readability", "f-cat-language", "f-cat-representation",
                     "f-cat-equity", "f-cat-other", "f-sev-error", "f-sev-warning", "f-sev-info"]


def test_self_contained(samples):
    tags = parse(samples).tags
    assert not [a for t, a in tags if t in ("link", "img", "iframe", "object", "embed")]
    assert [t for t, a in tags if t == "script"] == ["script"] and all("src" not in a for t, a in tags)
    assert "http://" not in samples.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in samples and "@import" not in samples and "url(http" not in samples


def test_deterministic(samples):
    assert html_of(str(SAMPLES), "--jobs", "1") == samples


def test_scores_explained(samples):
    for key in ("inclusion", "accessibility", "readability", "language", "representation", "equity"):
        assert f'href="#how-scores-{key}"' in samples and f'id="how-scores-{key}"' in samples
    assert "15 points off per grade above its top" in samples


def test_hostile_documents_are_escaped(tmp_path):
    (tmp_path / "lesson.txt").write_text(HOSTILE, encoding="utf-8")
    (tmp_path / 'x"><script>alert(3)<!--.html').write_text(
        '<html lang="en"><head><title>T</title></head><body><h1>A</h1>'
        '<p><img src="x.png" alt="&quot;&gt;&lt;img src=x onerror=alert(4)&gt;.jpg"></p></body></html>',
        encoding="utf-8")
    page = html_of(str(tmp_path))
    tags = parse(page).tags
    assert [t for t, _ in tags].count("script") == 1
    assert not [t for t, _ in tags if t == "img"]
    assert not [(t, k) for t, a in tags for k in a if k.startswith("on")]
    assert not any(c in page for c in "\x01\x0b\x7f")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "<mark>mankind</mark>" in page
