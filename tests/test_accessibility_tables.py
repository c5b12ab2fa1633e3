"""A218 table-title-in-row: a table's title written as a one-cell first row instead of a caption."""
import pytest
from auditkit import assert_case

ROWS = "<tr><th>Plant</th><th>Height</th></tr><tr><td>A</td><td>4 cm</td></tr><tr><td>B</td><td>6 cm</td></tr>"

FIRES = [
    f"<table><tr>{{{{<th>}}}}Plant heights</th></tr>{ROWS}</table>",
    f'<table><thead><tr>{{{{<th colspan="2">}}}}Table 1: Plant heights</th></tr></thead><tbody>{ROWS}</tbody></table>',
    f'<table><tr>{{{{<td colspan="2">}}}}<strong>Plant heights</strong></td></tr>{ROWS}</table>',
    # the title row of OpenStax Biology's "top-titled" tables
    '<table class="top-titled"><thead><tr>{{<th>}}Virus Classification by Capsid Structure</th></tr><tr><th>Capsid'
    '</th><th>Examples</th></tr></thead><tbody><tr><td>Naked</td><td>Polio</td></tr><tr><td>Enveloped</td><td>HIV'
    '</td></tr></tbody></table>',
]

PASSES = [
    f"<table><caption>Plant heights</caption>{ROWS}</table>",
    f'<table aria-label="Plant heights"><tr><th colspan="2">Plant heights</th></tr>{ROWS}</table>',
    f'<table role="presentation"><tr><td>Plant heights</td></tr>{ROWS}</table>',
    ROWS.join(["<table>", "</table>"]),
    # a group heading over some of the columns
    '<table><tr><th colspan="2">Day 1</th></tr><tr><th>Plant</th><th>Height</th><th>Mass</th></tr>'
    "<tr><td>A</td><td>4</td><td>2</td></tr><tr><td>B</td><td>6</td><td>3</td></tr></table>",
    # a one-column list, and a table with one row after the title
    "<table><tr><th>Materials</th></tr><tr><td>Cup</td></tr><tr><td>Water</td></tr></table>",
    "<table><tr><th>Plant heights</th></tr><tr><td>A</td><td>4 cm</td></tr></table>",
    # a first row holding a long paragraph is not a title
    f"<table><tr><td colspan=\"2\">{'word ' * 30}</td></tr>{ROWS}</table>",
]


@pytest.mark.parametrize("case", FIRES)
def test_fires(case):
    assert_case("A218", case)


@pytest.mark.parametrize("case", PASSES)
def test_passes(case):
    assert_case("A218", case)
