"""Images: extraction and accessible names, decorative vs informative, alt-text quality (A101-A109), coverage,
the JSON images block and the accessibility score."""
import pytest
from auditkit import assert_case, audit_text, load_text

QUALITY = ("A103", "A104", "A105", "A106", "A107", "A108", "A109")


def img(alt, src="photo.jpg"):
    return f'<img src="{src}" alt="{alt}">'


# extraction and names ------------------------------------------------------------------------------------------

def test_every_kind_of_image_is_found_with_its_name_and_source():
    doc = load_text(
        '<html lang="en"><body><span id="l">Bar graph of rainfall</span><span id="m">by month</span>'
        '<img src="a.png" aria-labelledby="l m missing">'
        '<svg role="img"><title>Sun and Earth</title><circle r="2"/></svg>'
        '<svg><path d="M0"/></svg>'
        '<svg aria-hidden="true"><path d="M0"/></svg>'
        '<div role="img" aria-label="Five stars"></div>'
        '<object data="sim.swf">Pendulum simulation</object>'
        '<picture><source srcset="p.webp"><img src="p.jpg" alt="A frog"></picture>'
        '<map name="m"><area href="n.html" alt="North America"><area shape="rect"></map>'
        '<input type="image" src="go.png" alt="Check answers">'
        '<embed src="clip.mp4" title="Volcano clip">'
        '<img src="t.png" title="Tooltip only">'
        '</body></html>')
    found = [(i.kind, i.name, i.name_source) for i in doc.images]
    assert found == [
        ("img", "Bar graph of rainfall by month", "aria-labelledby"),
        ("svg", "Sun and Earth", "svg-title"),
        ("svg", None, None),  # aria-hidden: kept, counted as decorative
        ("role-img", "Five stars", "aria-label"),
        ("object", None, None),  # fallback content is not a name
        ("img", "A frog", "alt"),
        ("area", "North America", "alt"),
        ("area", None, None),
        ("input", "Check answers", "alt"),
        ("embed", "Volcano clip", "title"),
        ("img", "Tooltip only", "title"),
    ]


def test_aria_label_beats_alt_and_labelledby_beats_aria_label():
    doc = load_text('<p id="x">From the page</p><img src="a.png" alt="Alt" aria-label="Label">'
                    '<img src="b.png" alt="Alt" aria-label="Label" aria-labelledby="x">')
    assert [(i.name, i.name_source) for i in doc.images] == [("Label", "aria-label"), ("From the page",
                                                                                         "aria-labelledby")]


def test_markdown_images_have_alt_names():
    doc = load_text("Look: ![A monarch butterfly](m.png) and <img src='x.png' alt='A moth'>", "markdown")
    assert [(i.kind, i.name, i.name_source) for i in doc.images] == [
        ("markdown", "A monarch butterfly", "alt"), ("img", "A moth", "alt")]


@pytest.mark.parametrize("html,status", [
    ('<img src="a.png" alt="">', "decorative"),
    ('<img src="a.png" role="presentation">', "decorative"),
    ('<img src="a.png" role="none" alt="">', "decorative"),
    ('<div aria-hidden="true"><img src="a.png"></div>', "decorative"),
    ('<img src="a.png" alt="" aria-label="A frog">', "described"),
    ('<input type="image" src="go.png" alt="">', "missing"),
    ('<img src="a.png">', "missing"),
    ('<svg role="img"></svg>', "missing"),
    ('<img src="a.png" alt="A frog">', "described"),
])
def test_decorative_described_missing(html, status):
    report = audit_text(html, select=("A101",))
    result = report.blocks["images"]
    assert result[status] == 1 and result["total"] == 1


# A101 --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("html", [
    '{{<img src="cell.png">}}',
    '{{<img src="cell.png" alt="  ">}}',
    '<a href="x.html">{{<img src="cell.png">}}</a>',
    '{{<input type="image" src="go.png">}}',
    '<map name="m">{{<area href="x.html" shape="rect">}}</map>',
    '{{<svg role="img">}}<path d="M0"/></svg>',
    '{{<span role="img">}}</span>',
    "{{<object data=\"x.swf\">}}</object>",
    '{{<object data="x.swf">}}This object has no alternative text.</object>',
    '{{<object data="x.swf">}}<div> </div></object>',
    '{{<img src="a.png" aria-labelledby="nothing-here">}}',
])
def test_a101_fires(html):
    assert_case("A101", html)


@pytest.mark.parametrize("html", [
    '<img src="a.png" alt="">',
    '<img src="a.png" alt="A frog on a leaf">',
    '<img src="a.png" title="A frog on a leaf">',
    '<map name="m"><area shape="rect"></map>',  # not a link: axe area-alt does not apply
    '<svg><path d="M0"/></svg>',  # no role, no name: not exposed as an image
    '<svg role="img" aria-label="A frog"></svg>',
    '<span role="img" aria-label="Three stars"></span>',
    '<object data="x.swf" aria-label="Pendulum simulation"></object>',
    '<object data="x.swf" role="presentation"></object>',
])
def test_a101_does_not_fire(html):
    assert_case("A101", html)


def test_a101_span_is_the_image_tag():
    (finding,) = assert_case("A101", '<p>Intro</p>\n<p>See {{<img src="cell.png">}} here.</p>')
    assert finding.text == '<img src="cell.png">'


# A102 --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("html", [
    '<a href="quiz.html">{{<img src="start.png" alt="">}}</a>',
    '<button>{{<img src="play.png" alt="">}}</button>',
    '<figure>{{<img src="a.png" alt="">}}<figcaption>Figure 2. The life cycle of a frog.</figcaption></figure>',
    '<p>As the picture shows, the moon changes shape.</p>{{<img src="moon.png" alt="">}}',
    '{{<img src="moon.png" alt="">}}<p>The picture above shows the moon.</p>',
    '<p>The diagram below shows the parts of a flower.</p>{{<img src="flower.png" role="presentation">}}',
])
def test_a102_fires(html):
    assert_case("A102", html)


@pytest.mark.parametrize("html", [
    '<a href="quiz.html"><img src="arrow.png" alt=""> Start the quiz</a>',
    '<a href="quiz.html" aria-label="Start the quiz"><img src="arrow.png" alt=""></a>',
    '<figure><img src="line.png" alt=""></figure>',
    '<p>Plants need light.</p><img src="divider.png" alt=""><p>Animals need food.</p>',
    '<p>The picture below shows a frog.</p><img src="frog.png" alt="A frog"><img src="div.png" alt="">',
    '<img src="moon.png" alt=""><p>The picture below shows the moon.</p>',  # "below" points away
    '<div aria-hidden="true"><a href="x.html"><img src="a.png" alt=""></a></div>',
])
def test_a102_does_not_fire(html):
    assert_case("A102", html)


# quality rules -----------------------------------------------------------------------------------------------

def test_the_score_counts_every_alt_quality_rule():
    from auditor.accessibility import images
    from auditor.accessibility.analysis import ALT_QUALITY_RULES

    assert ALT_QUALITY_RULES == {rule.id for rule in images.RULES} - {"A101", "A102"} == set(QUALITY)


FIRES = [
    ("A103", img("{{IMG_2041.jpg}}")),
    ("A103", img("{{cell-diagram.png}}")),
    ("A103", img("{{cell-diagram}}", src="media/cell-diagram.png")),
    ("A103", img("{{DSC00012}}")),
    ("A103", img("{{image001.png}}")),
    ("A103", img("{{images/cell.png}}")),
    ("A103", img("{{C:\\Users\\ms\\Pictures\\cell.png}}")),
    ("A103", img("{{PXL_20230401_101233}}")),
    ("A103", img("{{Screen Shot 2023-04-01 at 10.12.33 AM}}")),
    ("A104", img("{{image}}")),
    ("A104", img("{{Photo}}")),
    ("A104", img("{{picture}}")),
    ("A104", img("{{graphic}}")),
    ("A104", img("{{spacer}}")),
    ("A104", img("{{Untitled}}")),
    ("A104", img("{{12}}")),
    ("A104", img("{{image 3}}")),
    ("A104", img("{{Figure 4.2}}")),
    ("A104", img("{{Bar graph}}")),
    ("A105", img("{{Image of a monarch butterfly on milkweed->A monarch butterfly on milkweed}}")),
    ("A105", img("{{A picture of students measuring rainfall->Students measuring rainfall}}")),
    ("A105", img("{{Photo of a volcano erupting->A volcano erupting}}")),
    ("A105", img("{{This is a photograph of a glacier->A glacier}}")),
    ("A105", img("{{Photo: A girl measures a plant with a ruler->A girl measures a plant with a ruler}}")),
    ("A106", img("{{" + "x" * 251 + "}}")),
    ("A107", '<figure><img src="a.png" alt="{{The water cycle.}}"><figcaption>Figure 1: The water cycle'
             '</figcaption></figure>'),
    ("A107", '<a href="frogs.html"><img src="frog.png" alt="{{Frog life cycle}}">Frog life cycle</a>'),
    ("A107", '<img src="a.png" alt="{{The water cycle}}"><p>Figure 1: The water cycle.</p>'),
    ("A108", img("{{https://example.org/cell.png}}")),
    ("A108", img("{{www.nasa.gov}}")),
    ("A108", img("{{Photo by Jane Doe}}")),
    ("A108", img("{{Credit: NASA}}")),
    ("A108", img("{{© Science Press 2021}}")),
    ("A108", img("{{Image courtesy of the USGS}}")),
    ("A108", img("{{A red fox in the snow. (credit: Jane Doe)}}")),
    ("A108", img("{{Shutterstock}}")),
    ("A108", img("{{A red-eyed tree frog on a leaf. Photo: Jane Smith/USFWS}}")),
    ("A108", img("{{Saturn and its rings. NASA/JPL-Caltech}}")),
    ("A109", "{{" + img("Bar graph of rainfall in Denver") + "}}"),
    ("A109", "{{" + img("Map of the tectonic plates") + "}}"),
    ("A109", "{{" + img("Flowchart of the scientific method") + "}}"),
    ("A109", "{{" + img("Punnett square for pea color") + "}}"),
    ("A109", "{{" + img("A graph of blackbody radiation that shows curves of the intensity of E M radiation "
                        "versus wavelength in nanometers") + "}}"),
    ("A109", "{{" + img("Rainfall in Denver", src="denver-rainfall-chart.png") + "}}"),
    ("A109", '<p>The graph below shows how the temperature changed.</p>{{' + img("Temperature in May") + "}}"),
    ("A109", '<figure>{{' + img("Rainfall in Denver") + '}}<figcaption>Figure 3. A bar graph of rainfall.'
             '</figcaption></figure>'),
    ("A109", "{{" + img("Line graph of plant height") + "}}<p>Plants need water, light and air to grow. Some grow "
             "quickly and some grow slowly, and gardeners learn which plants suit which places in the garden "
             "over many seasons of careful work.</p>"),
]

#: Good, specific alt text: no quality rule may fire on any of these.
GOOD_ALTS = [
    "A monarch butterfly drinking from a milkweed flower",
    "Students in safety goggles pour vinegar onto baking soda",
    "Earth seen from the Moon, half in shadow",
    "An MRI image of a human brain, seen from the side",
    "A scientist takes a photo of a bird at the feeder",
    "NASA's Curiosity rover on the surface of Mars",
    "Plant 2 grew taller than plant 1 after three weeks",
    "Diagram of a plant cell with the nucleus, chloroplasts and cell wall labelled",
    "A student earns extra credit for a model volcano",
    "Beaker 3 holds salt water",
    "Red blood cells under a microscope",
    "A family eats dinner at the kitchen table",
    "A farmer plants seeds on a small plot of land",
    "A child looks at a treasure map",
    "Photosynthesis: sunlight, water and carbon dioxide go in; sugar and oxygen come out",
    "Two magnets: like poles push apart and opposite poles pull together",
    "A hand holds a compass; the needle points north",
    "Ice, liquid water and steam in three beakers",
    "A spring scale reads 6 newtons",
    "Dr. Mae Jemison in her astronaut suit",
]


@pytest.mark.parametrize("rule,html", FIRES, ids=[f"{r}-{i}" for i, (r, _) in enumerate(FIRES)])
def test_quality_rule_fires(rule, html):
    assert_case(rule, html)


@pytest.mark.parametrize("alt", GOOD_ALTS)
def test_good_alt_text_triggers_no_image_rule(alt):
    assert_case("A1", img(alt, src="media/fig-04.jpg"))


@pytest.mark.parametrize("alt", GOOD_ALTS)
def test_good_alt_text_in_markdown_triggers_no_image_rule(alt):
    assert_case("A1", f"![{alt}](media/fig-04.jpg)\n", "markdown")


@pytest.mark.parametrize("rule,html", [
    ("A103", img("Cell diagram with the nucleus labelled", src="cell-diagram.png")),
    ("A104", img("Photo 51, the X-ray image of DNA taken by Rosalind Franklin")),
    ("A105", img("A painting of Charles Darwin as a young man")),
    ("A105", img("Image", src="x.png")),  # a placeholder (A104), not a lead-in
    ("A106", img("x" * 250)),
    ("A106", '<p id="d">' + "word " * 60 + '</p><img src="a.png" aria-labelledby="d">'),
    ("A107", '<figure><img src="a.png" alt="Water evaporates, forms clouds and falls as rain">'
             '<figcaption>Figure 1. The water cycle.</figcaption></figure>'),
    ("A108", img("A photo by the river shows a heron")),
    ("A108", img("NASA's Curiosity rover. It drills into a rock on Mars")),
    ("A109", '<figure>' + img("Bar graph of rainfall in Denver") + '<figcaption>Figure 1. Rainfall in Denver by '
             'month. It is lowest in January at 10 mm, rises to a peak of 60 mm in May, and falls again through '
             'the autumn.</figcaption></figure>'),
    ("A109", img("Bar graph of rainfall in Denver", src="r.png").replace(">", ' aria-describedby="d">')
     + '<p id="d">Rainfall is lowest in January at 10 mm and highest in May at 60 mm; summer is dry.</p>'),
    ("A109", '<figure>' + img("Bar graph of rainfall") + '<figcaption>Figure 2</figcaption></figure>'
             '<p>Figure 2 shows that rainfall in Denver is lowest in January, at about 10 mm, and rises each '
             'month to a peak of 60 mm in May. After May it falls again, and the summer months are the driest '
             'part of the year.</p>'),
    ("A109", img("Bar graph of rainfall") + "<details><summary>Data</summary><p>January 10 mm, February 12 mm, "
             "March 30 mm, April 45 mm, May 60 mm.</p></details>"),
    ("A109", img("A person stands in front of a large map of the world")),
    ("A109", "<p>The graph below shows the height of one plant.</p>" + img("Line graph of plant height")
     + "<p>Plant height grew slowly for the first three days, then quickly: from 2 cm on day 4 to 15 cm on day "
       "10. After day 10 it grew more slowly again, reaching 18 cm on day 14. This S-shaped curve is common.</p>"),
    ("A109", img("x" * 260 + " graph")),
    ("A109", img("Students plot their data on graph paper")),
    ("A109", img("Bar graph of rainfall in Denver: it peaks in May and is lowest in January")),
    ("A109", img("Map the schoolyard with a partner")),
    ("A109", img("A map turtle basks on a log")),
    ("A103", img("Image 3")),  # a placeholder (A104), not a file name
])
def test_quality_rule_does_not_fire(rule, html):
    assert_case(rule, html)


def test_lead_in_fix_drops_the_lead_in_and_capitalises():
    (finding,) = assert_case("A105", img("{{Image of a monarch butterfly->A monarch butterfly}}"))
    assert finding.text == "Image of a monarch butterfly"


def test_alt_findings_point_at_the_alt_value():
    (finding,) = assert_case("A104", '<p>Hi</p>\n<img src="a.png"\n     alt="{{spacer}}">')
    assert finding.text == "spacer"


def test_too_long_threshold_is_an_option():
    assert_case("A106", img("A" * 80))
    assert_case("A106", img("{{" + "A" * 80 + "}}"), options={"max_length": 50})


def test_complex_image_message_says_where_it_was_recognised():
    finding = audit_text(img("Pond animals", src="pond-diagram.png"), select=("A109",)).findings[0]
    assert "diagram" in finding.message and "file name" in finding.message


# coverage, JSON block and score ---------------------------------------------------------------------------------

PAGE = """<!doctype html><html lang="en"><head><title>Frogs</title></head><body><h1>Frogs</h1>
<img src="a.png" alt="A green tree frog on a leaf">
<img src="b.png" alt="image">
<img src="c.png">
<img src="d.png" alt="">
</body></html>"""


def test_coverage_counts():
    block = audit_text(PAGE).blocks["images"]
    assert {k: block[k] for k in ("total", "needing", "described", "missing", "decorative",
                                  "with_quality_findings")} == {
        "total": 4, "needing": 3, "described": 2, "missing": 1, "decorative": 1, "with_quality_findings": 1}
    assert block["coverage"] == pytest.approx(2 / 3, abs=1e-4)
    assert block["quality_coverage"] == pytest.approx(1 / 3, abs=1e-4)


def test_quality_count_follows_selection_and_suppression():
    assert audit_text(PAGE, select=("A101",)).blocks["images"]["with_quality_findings"] == 0
    suppressed = PAGE.replace('<img src="b.png"', '<!-- ssec-audit-disable-next-line A104 -->\n<img src="b.png"')
    assert audit_text(suppressed).blocks["images"]["with_quality_findings"] == 0


def test_score_uses_coverage_with_partial_credit_for_quality():
    report = audit_text(PAGE, select=("A101", "A104"))
    # coverage part: (1 good + 0.5 * 1 with a quality finding) / 3 needing; penalties: 1 error + 1 warning
    expected = 0.5 * 100 * (1.5 / 3) + 0.5 * (100 - 10 - 4)
    assert report.scores["accessibility"] == pytest.approx(round(expected, 1))


def test_score_without_images_is_the_penalty_score_and_text_files_have_none():
    html = '<html lang="en"><head><title>T</title></head><body><h1>T</h1><p>Hi.</p></body></html>'
    assert audit_text(html).scores["accessibility"] == 100.0
    assert audit_text("Just some text.", "text").scores["accessibility"] is None


def test_block_and_score_depend_on_the_findings_not_on_call_order():
    from auditor.accessibility.analysis import AccessibilityDimension
    from auditor.config import Settings
    from auditor.scoring import scoring_table

    report = audit_text(PAGE)
    findings = [f for f in report.findings if f.category == "accessibility"]
    doc = load_text(PAGE)
    dim, table = AccessibilityDimension(), scoring_table(Settings())
    result = dim.analyze(doc, None)
    block = dim.to_json(result, findings)
    score = dim.score(doc, result, findings, table)
    assert dim.to_json(result, findings) == block == report.blocks["images"]
    assert dim.score(doc, result, findings, table) == score
    assert dim.to_json(result)["with_quality_findings"] == 0 and block["with_quality_findings"] == 1


def test_run_summary_adds_up_files():
    from auditor.accessibility.analysis import AccessibilityDimension

    one = audit_text(PAGE).blocks["images"]
    total = AccessibilityDimension().summarize([one, one], {})
    assert total["needing"] == 6 and total["described"] == 4 and total["coverage"] == pytest.approx(2 / 3, abs=1e-4)


def test_docs_page_rule_reference_is_current():
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    if not (root / "tools").is_dir() or not (root / "docs").is_dir():
        pytest.skip("docs/ and tools/ are not part of this distribution (source checkout only)")
    spec = importlib.util.spec_from_file_location("build_docs", root / "tools" / "build_accessibility_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = (root / "docs" / "accessibility.md").read_text(encoding="utf-8")
    assert module.render(text) == text, "run: PYTHONPATH=. python tools/build_accessibility_docs.py"


def test_images_in_templates_and_inside_svg_are_not_counted():
    doc = load_text('<template><svg role="img"></svg><object data="x"></object></template>'
                    '<svg role="img" aria-label="Sun"><g role="img"></g></svg>')
    assert [(i.kind, i.name) for i in doc.images] == [("svg", "Sun")]


@pytest.mark.parametrize("caption,expected", [
    ("Figure 1. An image of a cell", "An image of a cell"),
    ("Figure 4.2 The water cycle. (credit: NASA)", "The water cycle."),
    ("Figure 2 Stromatolites in Australia. (credit a: modification of work by NASA; credit b: Ruth Ellison)",
     "Stromatolites in Australia."),
    ("Fig. 3: A food web. Photo credit: USGS", "A food web."),
    ("Table 2 Heights of plants", "Heights of plants"),
    ("The source of the river", "The source of the river"),
])
def test_strip_figure_label(caption, expected):
    from auditor.accessibility.analysis import strip_figure_label

    assert strip_figure_label(caption) == expected
