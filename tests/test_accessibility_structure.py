"""Static WCAG checks A201-A214: must-fire and must-not-fire tables, including axe-core's and the W3C ACT
rules' documented pass/fail cases for the rules both tools share."""
import pytest
from auditkit import assert_case, audit_text


def page(body, lang=' lang="en"', title="<title>Lesson</title>"):
    return f"<!doctype html><html{lang}><head>{title}</head><body>{body}</body></html>"


def marked(doc, tag):
    """The document with its first <tag ...> start tag marked as the expected finding."""
    start = doc.index(f"<{tag}")
    end = doc.index(">", start) + 1
    return doc[:start] + "{{" + doc[start:end] + "}}" + doc[end:]


FIRES = [
    # A201 html-lang-missing (axe html-has-lang)
    ("A201", marked(page("<h1>T</h1>", lang=""), "html")),
    ("A201", marked(page("<h1>T</h1>", lang=' lang=""'), "html")),
    ("A201", marked(page("<h1>T</h1>", lang=' lang="  "'), "html")),
    # A202 html-lang-invalid (axe html-lang-valid / valid-lang)
    ("A202", marked(page("<h1>T</h1>", lang=' lang="foo"'), "html")),
    ("A202", marked(page("<h1>T</h1>", lang=' lang="english"'), "html")),
    ("A202", marked(page("<h1>T</h1>", lang=' lang="en_US"'), "html")),
    ("A202", marked(page("<h1>T</h1>", lang=' lang="en-"'), "html")),
    ("A202", marked(page("<h1>T</h1>", lang=' xml:lang="zz"'), "html")),
    ("A202", page('<h1>T</h1>{{<p lang="xyz-ABC">}}Bonjour</p>')),
    # A203 document-title
    ("A203", marked(page("<h1>T</h1>", title=""), "head")),
    ("A203", page("<h1>T</h1>", title="{{<title>}}</title>")),
    ("A203", page("<h1>T</h1>", title="{{<title>}}  \n </title>")),
    # A204 heading-one (axe page-has-heading-one)
    ("A204", page("{{<h2>}}Parts</h2><p>Text</p>")),
    ("A204", marked(page("<p>No headings at all</p>"), "body")),
    ("A204", page("<h1>One</h1>{{<h1>}}Two</h1>")),
    ("A204", "## {{Section only}}\n\nText.\n"),
    # ARIA conflict resolution: a focusable element keeps its role (axe-core resolveRole agrees)
    ("A213", page('<h1>T</h1>{{<input type="text" role="presentation">}}')),
    ("A212", page('<h1>T</h1>{{<iframe src="s.html" role="none" aria-describedby="d">}}</iframe><p id="d">Sim</p>')),
    # A205 heading-order (axe heading-order)
    ("A205", page("<h1>T</h1>{{<h3>}}Skipped</h3>")),
    ("A205", page('<h1>T</h1>{{<div role="heading" aria-level="4">}}Skipped</div>')),
    ("A205", page("<h1>T</h1><h2>A</h2><h3>B</h3><h2>C</h2>{{<h4>}}D</h4>")),
    ("A205", "# T\n\n### {{Skipped}}\n"),
    # A206 empty-heading (axe empty-heading)
    ("A206", page("<h1>T</h1>{{<h2>}}</h2>")),
    ("A206", page('<h1>T</h1>{{<div role="heading" aria-level="2">}}</div>')),
    ("A206", page("<h1>T</h1>{{<h2>}} &nbsp; </h2>")),
    ("A206", page('<h1>T</h1>{{<h2>}}<span aria-hidden="true">Hidden</span></h2>')),
    ("A206", page('<h1>T</h1>{{<h2>}}<img src="x.png" alt=""></h2>')),
    # A207 link-name (axe link-name; W3C ACT c487ae failed examples)
    ("A207", page('<h1>T</h1>{{<a href="http://www.w3.org/WAI">}}<img src="#" /></a>')),
    ("A207", page('<h1>T</h1>{{<a href="http://www.w3.org/WAI">}}<img src="#" alt="" /></a>')),
    ("A207", page('<h1>T</h1>{{<a href="http://www.w3.org/WAI">}}<i class="fa fa-download"></i></a>')),
    ("A207", page('<h1>T</h1>{{<a href="http://www.w3.org/WAI">}}<img src="#" title=""/></a>')),
    ("A207", page('<h1>T</h1>{{<a href="http://www.w3.org/WAI">}}<img src="#" aria-labelledby="id1"/></a>'
                  '<div id="id1"></div>')),
    ("A207", page('<h1>T</h1>{{<a href="http://www.w3.org/WAI">}}<img src="#" aria-labelledby="id1" /></a>')),
    ("A207", page('<h1>T</h1>{{<span role="link" tabindex="0">}}</span>')),
    ("A207", "See {{[](page.md)}}.\n"),
    ("A207", "See {{[![](icon.png)](page.md)}}.\n"),
    # A208 link-text-vague
    ("A208", page('<h1>T</h1><p>For the data <a href="d.html">{{click here}}</a>.</p>')),
    ("A208", page('<h1>T</h1><p><a href="d.html">{{Read more...}}</a></p>')),
    ("A208", page('<h1>T</h1><p><a href="d.html">{{Learn More}}</a></p>')),
    ("A208", page('<h1>T</h1><p>The data are <a href="d.html">{{here}}</a>.</p>')),
    ("A208", page('<h1>T</h1><p><a href="https://www.usgs.gov">{{https://www.usgs.gov}}</a></p>')),
    ("A208", "Download the worksheet {{[here](w.pdf)}}.\n"),
    ("A208", "See {{<https://www.usgs.gov>}} for maps.\n"),
    # A209 table-headers
    ("A209", page("<h1>T</h1>{{<table>}}<tr><td>Plant</td><td>Day 1</td><td>Day 2</td></tr>"
                  "<tr><td>A</td><td>2 cm</td><td>3 cm</td></tr><tr><td>B</td><td>1 cm</td><td>4 cm</td></tr>"
                  "</table>")),
    ("A209", page("<h1>T</h1>{{<table>}}<tr><td>Plant</td><td>Height</td></tr><tr><td>A</td><td>2</td></tr></table>")),
    # A210 video-captions (axe video-caption)
    ("A210", page('<h1>T</h1>{{<video src="v.mp4" controls>}}</video>')),
    ("A210", page('<h1>T</h1>{{<video src="v.mp4">}}<track src="v.vtt" srclang="en"></video>')),
    ("A210", page('<h1>T</h1>{{<video src="v.mp4">}}<track kind="descriptions" src="d.vtt"></video>')),
    # A211 audio-transcript
    ("A211", page('<h1>T</h1><p>Listen.</p>{{<audio src="a.mp3" controls>}}</audio><p>Then draw.</p>')),
    # A212 frame-title (axe frame-title)
    ("A212", page('<h1>T</h1>{{<iframe src="sim.html">}}</iframe>')),
    ("A212", page('<h1>T</h1>{{<iframe src="sim.html" title=" ">}}</iframe>')),
    ("A212", page('<h1>T</h1>{{<iframe src="sim.html" aria-labelledby="nope">}}</iframe>')),
    # A213 form-label (axe label, select-name)
    ("A213", page('<h1>T</h1><p>Prediction: {{<input type="text">}}</p>')),
    ("A213", page('<h1>T</h1>{{<input type="checkbox" id="c">}}')),
    ("A213", page('<h1>T</h1><label for="c"></label>{{<input type="checkbox" id="c">}}')),
    ("A213", page('<h1>T</h1><label for="other">Mass</label>{{<input id="c">}}')),
    ("A213", page("<h1>T</h1>{{<textarea>}}</textarea>")),
    ("A213", page("<h1>T</h1>{{<select>}}<option>A</option></select>")),
    ("A213", page('<h1>T</h1>{{<input type="text" aria-label="  ">}}')),
    # A214 duplicate-id-aria
    ("A214", page('<h1>T</h1><p id="a">Mass</p>{{<p id="a">}}Volume</p><input aria-labelledby="a">')),
    ("A214", page('<h1>T</h1><p id="d">One</p><img src="x.png" alt="Chart" aria-describedby="d">{{<p id="d">}}Two</p>')),
    ("A214", page('<h1>T</h1><label for="m">Mass</label><input id="m">{{<input id="m" aria-label="Again">}}')),
]

PASSES = [
    ("A201", page("<h1>T</h1>")),
    ("A201", page("<h1>T</h1>", lang=' xml:lang="en"')),
    ("A201", "<h1>Fragment</h1><p>No html element: inherits the page's language.</p>"),
    ("A202", page("<h1>T</h1>", lang=' lang="en-US"')),
    ("A202", page("<h1>T</h1>", lang=' lang="EN"')),
    ("A202", page("<h1>T</h1>", lang=' lang="es-419"')),
    ("A202", page("<h1>T</h1>", lang=' lang="zh-Hant-TW"')),
    ("A202", page("<h1>T</h1>", lang=' lang="haw"')),
    ("A202", page("<h1>T</h1>", lang=' lang="sgn-US"')),
    ("A202", page("<h1>T</h1>", lang=' lang="de-CH-1901"')),
    ("A202", page('<h1>T</h1><p lang="fr">Bonjour</p>')),
    ("A203", page("<h1>T</h1>")),
    ("A203", "<h1>Fragment</h1>"),
    ("A204", page("<h1>T</h1><h2>Parts</h2>")),
    ("A204", page('<div role="heading" aria-level="1">T</div><h2>Parts</h2>')),
    ("A204", "<p>Fragment without headings or body.</p>"),
    ("A204", "# Title\n\n## Part\n"),
    ("A204", "---\ntitle: Cells\n---\n\n## Parts\n"),
    ("A205", page("<h1>T</h1><h2>A</h2><h3>B</h3><h4>C</h4><h2>D</h2><h3>E</h3>")),
    ("A205", page("<h3>Start deep</h3><h4>Then one more</h4><h2>Back up</h2>")),
    ("A205", "# T\n\n## A\n\n### B\n\n## C\n"),
    ("A206", page("<h1>T</h1><h2>Parts</h2>")),
    ("A206", page('<h1><img src="logo.png" alt="Cells unit"></h1>')),
    ("A206", page('<h1 aria-label="Cells unit"></h1>')),
    ("A206", page('<h1>T</h1><h2 role="presentation"></h2>')),
    # W3C ACT c487ae passed examples, and axe link-name passes
    ("A207", page('<h1>T</h1><a href="http://www.w3.org/WAI"> Web Accessibility Initiative (WAI) </a>')),
    ("A207", page('<h1>T</h1><div role="link"> Web Accessibility Initiative (WAI) </div>')),
    ("A207", page('<h1>T</h1><a href="http://www.w3.org/WAI" aria-label="Web Accessibility Initiative"></a>')),
    ("A207", page('<h1>T</h1><a href="http://www.w3.org/WAI"><img src="#" alt="WAI" /></a>')),
    ("A207", page('<h1>T</h1><a href="http://www.w3.org/WAI"><img src="#" />This is my link text</a>')),
    ("A207", page('<h1>T</h1><a href="http://www.w3.org/WAI"><img src="#" aria-labelledby="id1"/></a>'
                  '<div id="id1">This is my link text</div>')),
    ("A207", page('<h1>T</h1><a aria-hidden="true" href="http://www.w3.org/WAI"> WAI </a>')),
    ("A207", page('<h1>T</h1><a href="http://www.w3.org/WAI" role="button">Web Accessibility Initiative</a>')),
    ("A207", page('<h1>T</h1><a href="x.html" title="Next lesson"></a>')),
    ("A207", page('<h1>T</h1><a id="top"></a>')),
    ("A207", "Read the [guide](guide.md) and see [![A frog](frog.png)](frog.md).\n"),
    ("A207", "Code: `[](not-a-link)`\n"),
    ("A208", page('<h1>T</h1><p><a href="d.html">Rainfall data for 2023</a></p>')),
    ("A208", page('<h1>T</h1><p><a href="d.html">Read more about volcanoes</a></p>')),
    ("A208", page('<h1>T</h1><p><a href="d.html" aria-label="Read more about volcanoes">Read more</a></p>')),
    ("A208", page('<h1>T</h1><p><a href="d.html">Where does rain come from?</a></p>')),
    ("A208", "Read the [USGS earthquake map](https://www.usgs.gov).\n"),
    ("A209", page("<h1>T</h1><table><tr><th>Plant</th><th>Height</th></tr><tr><td>A</td><td>2</td></tr></table>")),
    ("A209", page('<h1>T</h1><table><tr><td scope="col">Plant</td><td scope="col">Height</td></tr>'
                  "<tr><td>A</td><td>2</td></tr></table>")),
    ("A209", page('<h1>T</h1><table role="presentation"><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td>'
                  "</tr></table>")),
    ("A209", page("<h1>T</h1><table><tr><td>Single row</td><td>of cells</td></tr></table>")),
    ("A209", page("<h1>T</h1><table><tr><td>One column</td></tr><tr><td>two rows</td></tr></table>")),
    ("A209", "| Plant | Height |\n|---|---|\n| A | 2 |\n"),
    ("A210", page('<h1>T</h1><video src="v.mp4"><track kind="captions" src="c.vtt" srclang="en"></video>')),
    ("A210", page('<h1>T</h1><video src="v.mp4"><track kind="subtitles" src="s.vtt"><track kind="captions" '
                  'src="c.vtt"></video>')),
    ("A211", page('<h1>T</h1><audio src="a.mp3" controls></audio><p><a href="a.txt">Transcript</a></p>')),
    ("A211", page('<h1>T</h1><p>Frog call (<a href="t.html">read the transcript</a>):<audio src="a.mp3">'
                  "</audio></p>")),
    ("A211", page('<h1>T</h1><audio src="a.mp3" aria-describedby="t"></audio><div id="t">Transcript: '
                  "ribbit.</div>")),
    ("A212", page('<h1>T</h1><iframe src="sim.html" title="Gravity simulation"></iframe>')),
    ("A212", page('<h1>T</h1><iframe src="sim.html" aria-label="Gravity simulation"></iframe>')),
    ("A212", page('<h1>T</h1><p id="n">Gravity simulation</p><iframe src="s.html" aria-labelledby="n"></iframe>')),
    ("A212", page('<h1>T</h1><iframe src="s.html" role="presentation"></iframe>')),
    ("A213", page('<h1>T</h1><label for="firstname">First name:</label> <input type="text" id="firstname">')),
    ("A213", page('<h1>T</h1><label>First name: <input type="text"></label>')),
    ("A213", page('<h1>T</h1><input type="text" aria-label="Search">')),
    ("A213", page('<h1>T</h1><div id="firstname">First name:</div> <input type="text" aria-labelledby="firstname">')),
    ("A213", page('<h1>T</h1><input type="text" placeholder="Search">')),
    ("A213", page('<h1>T</h1><input type="text" title="Height in cm">')),
    ("A213", page('<h1>T</h1><input type="hidden" name="x"><input type="submit"><input type="reset">'
                  '<input type="button" value="Go"><input type="image" src="go.png" alt="Go">')),
    ("A213", page('<h1>T</h1><input type="text" role="presentation" disabled>')),
    ("A214", page('<h1>T</h1><p id="a">Mass</p><p id="b">Volume</p><input aria-labelledby="a">')),
    ("A214", page('<h1>T</h1><p id="x">One</p><p id="x">Two</p>')),
]


@pytest.mark.parametrize("rule,doc", FIRES, ids=[f"{r}-{i}" for i, (r, _) in enumerate(FIRES)])
def test_fires(rule, doc):
    assert_case(rule, doc, "html" if doc.lstrip().startswith("<") else "markdown")


@pytest.mark.parametrize("rule,doc", PASSES, ids=[f"{r}-{i}" for i, (r, _) in enumerate(PASSES)])
def test_does_not_fire(rule, doc):
    assert_case(rule, doc, "html" if doc.lstrip().startswith("<") else "markdown")


def test_several_h1_is_info_and_no_h1_is_a_warning():
    several = audit_text(page("<h1>One</h1><h1>Two</h1>"), select=("A204",)).findings
    assert [f.severity for f in several] == ["info"]
    none = audit_text(page("<h2>Two</h2>"), select=("A204",)).findings
    assert [f.severity for f in none] == ["warning"]


def test_small_tables_without_headers_are_info():
    small = page("<h1>T</h1><table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>")
    assert [f.severity for f in audit_text(small, select=("A209",)).findings] == ["info"]


def test_bare_url_link_text_is_info_and_vague_text_a_warning():
    doc = page('<h1>T</h1><p><a href="https://x.org">https://x.org</a> <a href="y.html">click here</a></p>')
    assert [f.severity for f in audit_text(doc, select=("A208",)).findings] == ["info", "warning"]


def test_vague_link_finding_points_at_the_link_text():
    (finding,) = assert_case("A208", '<p>For the data\n<a href="d.html">{{click here}}</a>.</p>')
    assert finding.text == "click here"


def test_heading_order_reports_each_skip_once():
    assert_case("A205", page("<h1>T</h1>{{<h3>}}A</h3><h3>B</h3>{{<h5>}}C</h5>"))


def test_subtitles_only_video_is_info():
    doc = page('<h1>T</h1><video src="v.mp4"><track kind="subtitles" src="s.vtt"></video>')
    assert [f.severity for f in audit_text(doc, select=("A210",)).findings] == ["info"]


def test_duplicate_id_reported_on_the_second_element():
    assert_case("A214", '<p id="a">Mass</p>\n{{<p id="a">}}Volume</p>\n<input aria-labelledby="a">')


def test_every_accessibility_rule_names_a_wcag_22_criterion_and_level():
    from auditor.registry import RULES

    for rule in RULES.values():
        if rule.category != "accessibility":
            continue
        if rule.formats <= {"epub"}:  # publication checks rest on EPUB Accessibility 1.1 and compare with DAISY Ace
            assert any(ref.startswith("EPUB ") for ref in rule.references), rule.id
            assert "DAISY Ace" in rule.docs(), f"{rule.id} docs must compare with DAISY Ace"
            continue
        assert any(ref.startswith("WCAG 2.2 SC ") and "(Level " in ref for ref in rule.references), rule.id
        assert "axe-core" in rule.docs(), f"{rule.id} docs must compare with axe-core"


# A219 page-title-not-distinct ---------------------------------------------------------------------------------

def _run(tmp_path, titles):
    from auditor.config import Settings
    from auditor.engine import audit, summarize

    for i, title in enumerate(titles):
        (tmp_path / f"p{i}.html").write_text(page(f"<h1>Part {i}</h1><p>Cells.</p>", title=title), encoding="utf-8")
    settings = Settings(select=("A219",), jobs=1)
    results = audit([("path", p) for p in sorted(tmp_path.iterdir())], settings)
    return summarize(results, settings)


def test_same_title_on_several_pages_is_one_run_finding(tmp_path):
    summary = _run(tmp_path, ["<title>Biology</title>"] * 3 + ["<title> Genes </title>", "", "<title>Biology </title>"])
    [finding] = [f for f in summary["run_findings"] if f["rule"] == "A219"]
    assert finding["data"] == {"title": "Biology", "pages": 4}
    assert finding["message"].startswith("4 of the 5 titled pages in this run share the title \u201cBiology\u201d "
                                         f"({tmp_path / 'p0.html'}, {tmp_path / 'p1.html'}, {tmp_path / 'p2.html'}, "
                                         f"{tmp_path / 'p5.html'}), so students")
    assert summary["images"]["shared_titles"] == [{"title": "Biology", "pages": 4}]


def test_shared_title_names_ten_pages_then_how_many_more(tmp_path):
    summary = _run(tmp_path, ["<title>Biology</title>"] * 12 + ["<title>Genes</title>", "<title>Genes</title>"])
    messages = {f["data"]["title"]: f["message"] for f in summary["run_findings"] if f["rule"] == "A219"}
    named = sorted(str(tmp_path / f"p{i}.html") for i in range(12))  # in path order: p10 and p11 come before p2
    assert f"share the title \u201cBiology\u201d ({', '.join(named[:10])} and 2 more), so" in messages["Biology"]
    assert messages["Genes"].startswith("2 of the 14 titled pages in this run share the title \u201cGenes\u201d "
                                        f"({tmp_path / 'p12.html'}, {tmp_path / 'p13.html'}), so")


def test_distinct_titles_are_quiet_and_keep_the_summary(tmp_path):
    summary = _run(tmp_path, ["<title>Cells – Biology</title>", "<title>Genes – Biology</title>"])
    assert not [f for f in summary.get("run_findings", []) if f["rule"] == "A219"]
    assert "shared_titles" not in summary["images"]


@pytest.mark.parametrize("title", ["Untitled", "Untitled Document", "New Page 1", "index.html", "Document"])
def test_placeholder_title_fires(title):
    assert_case("A219", page("<h1>T</h1>", title=f"{{{{<title>}}}}{title}</title>"))


@pytest.mark.parametrize("title", ["Cells: Lesson 2", "Documenting a field trip", "Index fossils", ""])
def test_real_or_missing_title_is_not_a_placeholder(title):
    assert_case("A219", page("<h1>T</h1>", title=f"<title>{title}</title>"))
