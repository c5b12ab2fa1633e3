"""What counts as prose: headings, list fragments, captions, table cells, alt text and code do not."""
import pytest
from auditkit import audit_text, load_text, rule_ids

from auditor.config import Settings
from auditor.readability.analysis import analyze_document

PARA = ("Plants take in water through their roots. The water moves up the stem to the leaves. "
        "Leaves use light to turn water and air into food. ")


def reading(text, fmt="html", **settings):
    return analyze_document(load_text(text, fmt), Settings(**settings))


def test_non_prose_does_not_change_the_estimate():
    alone = reading(f"<p>{PARA}</p>")
    busy = reading(
        "<h1>How Plants Drink: A Remarkably Comprehensive Investigation</h1>"
        f"<p>{PARA}</p>"
        "<ul><li>Beaker</li><li>Graduated cylinder</li><li>Thermometer with centigrade markings</li></ul>"
        "<figure><img src='a.png' alt='Photomicrograph demonstrating xylem vasculature'>"
        "<figcaption>Figure 3.2 Cross-section of a dicotyledonous stem</figcaption></figure>"
        "<table><tr><th>Measurement</th><th>Temperature</th></tr><tr><td>Evapotranspiration</td><td>21.5</td></tr>"
        "</table><pre><code>plant.transpire(rate=0.25)</code></pre>"
    )
    assert (busy.words, busy.sentences) == (alone.words, alone.sentences) == (26, 3)
    assert busy.formulas == alone.formulas


def test_list_items_that_are_sentences_count_and_fragments_do_not():
    r = reading("<ul><li>Fill the cup with water.</li><li>Safety goggles</li><li>Wait ten minutes!</li></ul>")
    assert [s.text for s in r.all_sentences] == ["Fill the cup with water.", "Wait ten minutes!"]


def test_markdown_lists_headings_and_code():
    md = ("# Materials\n\n- a cup\n- warm water\n\n```\nrun_experiment(42)\n```\n\n"
          "Pour the water into the `cup` slowly.\n")
    r = reading(md, "markdown")
    assert [s.text for s in r.all_sentences] == ["Pour the water into the slowly."]


def test_text_made_only_of_lists_and_headings():
    html = ("<h1>Unit 3: Photosynthesis and Cellular Respiration</h1><h2>Materials</h2>"
            "<ul><li>Chlorophyll extraction solution</li><li>Spectrophotometer</li><li>Cuvettes</li></ul>"
            "<h2>Vocabulary</h2><ol><li>photosynthesis</li><li>mitochondria</li></ol>")
    report = audit_text(html)
    r = report.blocks["reading"]
    assert (r["words"], r["sentences"], r["grade"], r["reliable"]) == (0, 0, None, False)
    assert report.scores["readability"] is None
    assert not [f for f in report.findings if f.category == "readability"]


def test_label_paragraphs_are_not_prose_but_short_sentences_are():
    r = reading("<div>Teacher Support</div><p>Look!</p><p>Air is all around us</p>")
    assert [s.text for s in r.all_sentences] == ["Look!", "Air is all around us"]


def test_very_short_text_is_reported_as_unreliable_and_not_scored():
    hard = ("<meta name='grade-band' content='K-2'><p>Photosynthetically active radiation "
            "necessitates chlorophyll-containing chloroplasts.</p>")
    report = audit_text(hard)
    r = report.blocks["reading"]
    assert r["grade"] is not None and r["grade"] > 10
    assert r["reliable"] is False
    assert report.scores["readability"] is None
    assert "R101" not in rule_ids(report) and "R104" not in rule_ids(report)


@pytest.mark.parametrize("model", [None, "blank"])
def test_abbreviations_and_decimals_do_not_split_sentences(model):
    text = "<p>Dr. Lee measured 3.5 liters of water, e.g. from the tap. Then she boiled it!</p>"
    report = audit_text(text, model=model)
    assert report.blocks["reading"]["sentences"] == 2
    # the fallback splitter (no spaCy annotation at all) agrees
    assert [s.raw.words for s in reading(text).all_sentences] == [11, 4]


@pytest.mark.parametrize("fmt,text", [
    ("html", "<p>Plants need light.</p>"),
    ("markdown", "Plants need light.\n"),
    ("text", "Plants need light to grow well.\n"),
])
def test_every_format(fmt, text):
    assert reading(text, fmt).sentences == 1


def test_sections_by_heading_path():
    html = (f"<h1>Plants</h1><p>{PARA}</p><h2>Roots</h2><p>{PARA * 4}</p><h3>Root hairs</h3><p>{PARA}</p>"
            f"<h2>Leaves</h2><p>{PARA * 5}</p>")
    report = audit_text(html)
    sections = report.blocks["reading"]["sections"]
    assert [(s["heading"], s["line"], s["words"], s["reliable"]) for s in sections] == [
        ("Plants", 1, 26, False), ("Roots", 1, 104, True), ("Root hairs", 1, 26, False), ("Leaves", 1, 130, True)]
    assert sections[2]["path"] == ["Plants", "Roots", "Root hairs"]
    assert all(s["grade"] is not None for s in sections)


def test_sections_with_the_same_heading_stay_apart():
    html = (f"<h1>Unit</h1>\n<h2>Check your understanding</h2>\n<p>{PARA}</p>\n<h2>Motion</h2>\n<p>{PARA}</p>\n"
            f"<h2>Check your understanding</h2>\n<p>{PARA * 2}</p>")
    sections = audit_text(html).blocks["reading"]["sections"]
    assert [(s["heading"], s["line"], s["words"]) for s in sections] == [
        ("Check your understanding", 2, 26), ("Motion", 4, 26), ("Check your understanding", 6, 52)]
