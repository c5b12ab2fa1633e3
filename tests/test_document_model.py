"""Every character of block text maps back to the exact place in the source."""
import html

from auditkit import load_text
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.locations import LineIndex, TextMap


def test_line_index_round_trip():
    text = "ab\ncd\n\nef"
    index = LineIndex(text)
    assert index.position(0) == (1, 1)
    assert index.position(3) == (2, 1)
    assert index.position(7) == (4, 1)
    assert index.offset(4, 2) == 8
    assert index.span(3, 5).end_column == 3


def test_text_map_entity_run_covers_whole_entity():
    m = TextMap()
    m.add(0, 2, 10, 12)  # "ab" verbatim
    m.add(2, 1, 12, 17)  # "&" from "&amp;"
    m.add(3, 2, 17, 19)
    assert m.start(1) == 11
    assert m.start(2) == 12 and m.end(3) == 17
    assert m.start(3) == 17 and m.end(5) == 19


def _block_with(doc, needle):
    return next(b for b in doc.blocks if needle in b.text)


def test_html_mapping_through_entities_inline_tags_and_line_breaks():
    source = ('<html><body>\n<p>The <b>cell</b> &amp; its\n      parts &mdash; nucleus,\n'
              '<em>mito</em>chondria.</p></body></html>')
    doc = load_text(source)
    block = _block_with(doc, "nucleus")
    assert block.text == "The cell & its parts — nucleus, mitochondria."
    i = block.text.index("nucleus")
    span = block.span(i, i + len("nucleus"))
    assert (span.line, span.column, span.end_line, span.end_column) == (3, 21, 3, 28)
    amp = block.text.index("&")
    assert doc.source[block.map.start(amp):block.map.end(amp + 1)] == "&amp;"
    dash = block.text.index("—")
    assert doc.source[block.map.start(dash):block.map.end(dash + 1)] == "&mdash;"
    j = block.text.index("mitochondria")
    assert doc.source[block.map.start(j):block.map.end(j + 12)] == "mito</em>chondria"


def test_markdown_mapping_through_emphasis_escapes_and_entities():
    source = "# T\n\nSome *em* text &amp; \\* more\nline **two** here.\n"
    doc = load_text(source, "markdown")
    block = _block_with(doc, "line two")
    assert block.text == "Some em text & * more line two here."
    k = block.text.index("two")
    span = block.span(k, k + 3)
    assert (span.line, span.column) == (4, 8)
    amp = block.text.index("&")
    assert doc.source[block.map.start(amp):block.map.end(amp + 1)] == "&amp;"
    star = block.text.index("*")
    assert doc.source[block.map.start(star):block.map.end(star + 1)] == "\\*"


_WORDS = st.sampled_from(["cell", "Earth", "&amp;", "&lt;", "&#233;", "<b>x</b>", "\n", "  ", "water",
                          "&nbsp;", "<i>lab</i>", "O&#8322;", "tr&egrave;s"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=25))
def test_every_character_maps_to_its_source(pieces):
    body = " ".join(pieces)
    source = f"<p>{body}</p>"
    doc = load_text(source)
    for block in doc.blocks:
        for i, char in enumerate(block.text):
            start, end = block.map.start(i), block.map.end(i + 1)
            raw = doc.source[start:end]
            if char == " ":
                assert raw.strip() == "" or html.unescape(raw).isspace() or raw.startswith("<") or "&nbsp;" in raw
            else:
                assert char in html.unescape(raw)
