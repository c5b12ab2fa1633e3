"""Parse hazards (A217) and the browser's tree behind them: a self-closed non-void element stays open, as in every
browser, so the other rules judge the page users get."""
import pytest
from auditkit import assert_case, audit_text, load_text, rule_ids

from auditor.config import Settings
from auditor.engine import audit_document

FIRES = [
    '<p>See {{<a href="cells.html"/>}} for the parts of a cell.</p>',
    '<p>See {{<A HREF="cells.html" />}} for the parts of a cell.</p>',
    '<p>Read\n  {{<a class="x"\n     href="cells.html"/>}}\nthe next part.</p>',
    '<html><head>{{<script src="quiz.js"/>}}<title>T</title></head><body><p>x</p></body></html>',
    '<body>{{<iframe src="sim.html" title="Simulation"/>}}<p>Lesson 1</p></body>',
    '<p>Type here: {{<textarea name="a"/>}} and then</p>',
    '<h2>Results</h2>{{<h3 id="t1"/>}}<p>The table shows the data.</p>',
    '<form>{{<label for="n"/>}}<input id="n"></form>',
    '<p>The {{<em/>}}cell membrane controls what enters.</p>',
    # the slash is ignored after leaving SVG
    '<svg role="img" aria-label="x"><circle r="4"/></svg><p>Go {{<a href="x.html"/>}} now</p>',
]

PASSES = [
    '<p>Line one<br/>line two <img src="a.png" alt="A cell"/> <input type="text" aria-label="n"/></p>',
    '<svg role="img" aria-label="A circle"><circle cx="5" cy="5" r="4"/><a href="x"/></svg>',
    '<math><mi>x</mi><mspace width="1em"/></math>',
    '<p><a id="top"/>Cells are the units of life.</p>',
    '<div class="clear"/><p>Cells are <span class="x"/>the units of life.</p>',
    '<p>See <a href="cells.html">the parts</a> and <a title="a/>b" href="x.html">this page</a>.</p>',
    '<p>Not a tag: a/&gt; and <!-- <a href="x"/> --> done</p>',
]


@pytest.mark.parametrize("case", FIRES)
def test_fires(case):
    assert_case("A217", case)


@pytest.mark.parametrize("case", PASSES)
def test_passes(case):
    assert_case("A217", case)


def test_link_takes_in_the_text_after_it_as_in_browsers():
    doc = load_text('<p>See <a href="cells.html"/> the parts of a cell.</p><p>Next</p>')
    link = doc.soup.find("a")
    assert link.get_text() == " the parts of a cell."
    assert doc.soup.find_all("p")[1].find("a") is None
    report = audit_text('<p>See <a href="cells.html"/> the parts of a cell.</p>')
    assert "A207" not in rule_ids(report) and "A217" in rule_ids(report)


def test_self_closed_link_with_nothing_after_it_is_also_empty():
    report = audit_text('<p>Photo: <a href="https://example.org/p/1"/></p>')
    assert {"A207", "A217"} <= set(rule_ids(report))


def test_severity_follows_what_users_lose():
    report = audit_text('<p>See <a href="x.html"/> more. The <b/>membrane</p>')
    severities = {(f.rule, f.text): f.severity for f in report.findings if f.rule == "A217"}
    assert severities == {("A217", '<a href="x.html"/>'): "error", ("A217", "<b/>"): "warning"}


def test_line_and_column_point_at_the_start_tag():
    report = audit_text('<p>First</p>\n<p>Then  <a href="x.html"/> more</p>\n')
    [finding] = [f for f in report.findings if f.rule == "A217"]
    assert (finding.span.line, finding.span.column) == (2, 10)


def test_links_do_not_nest_and_paragraphs_close_as_in_browsers():
    doc = load_text('<p>a <a href="1">one <a href="2">two</a> after<p>next<div>block</div>'
                    '<table><tr><td><p>cell<table><tr><td>inner</td></tr></table></td></tr></table>')
    first, second = doc.soup.find_all("a")
    assert first.get_text() == "one " and second.find_parent("a") is None
    assert [p.get_text() for p in doc.soup.find_all("p")] == ["a one two after", "next", "cell"]
    assert doc.soup.find("div").find_parent("p") is None
    assert [b.text for b in doc.blocks] == ["a one two after", "next", "block", "cell", "inner"]


def test_unclosed_links_and_paragraphs_stay_shallow():
    doc = load_text('<p>x <a href="x"/> y' * 2000)
    assert max(sum(1 for _ in a.parents) for a in doc.soup.find_all("a")) <= 3
    assert len(doc.soup.find_all("p", recursive=False)) == 2000


@pytest.mark.parametrize("name,text", [
    ("lesson.xhtml", '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>See <a href="x.html"/> more.</p></body></html>'),
    ("book.epub!/OEBPS/ch1.xhtml", '<html><body><p>See <a href="x.html"/> more.</p></body></html>'),
    ("lesson.html", '<?xml version="1.0"?><html><body><p>See <a href="x.html"/> more.</p></body></html>'),
])
def test_xhtml_read_as_xml_closes_self_closed_elements(name, text):
    doc = load_text(text, name=name)
    assert doc.soup.find("a").get_text() == ""
    report = audit_document(doc, Settings())
    assert "A217" not in rule_ids(report)
