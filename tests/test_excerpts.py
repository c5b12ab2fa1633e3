"""Each finding's context: its words in the sentence or element around them, for reports people read."""
from auditkit import audit_text

from auditor.locations import TextMap


def test_text_offset_inverts_start():
    m = TextMap()
    m.add(0, 5, 10, 15)  # verbatim
    m.add(5, 1, 15, 20)  # an entity
    m.add(6, 3, 20, 23)
    for offset in (0, 3, 5, 6, 8):
        assert m.text_offset(m.start(offset)) == offset
    assert m.text_offset(17) == 5  # inside the entity: its start
    assert m.text_offset(99) == 9
    assert m.source_range == (10, 23)


def test_a_word_in_its_sentence():
    report = audit_text("<html lang='en'><head><title>T</title></head><body><h1>Fire</h1>"
                        "<p>In the past, <em>firemen</em> &amp; others put out fires with buckets of water.</p></body></html>")
    [f] = [f for f in report.findings if f.rule == "L101"]
    before, match, after = f.context
    assert match == "firemen"
    assert before == "In the past, "
    assert after.startswith(" & others put out")


def test_an_element_in_its_line():
    report = audit_text('<html lang="en"><head><title>T</title></head><body><h1>Cells</h1>\n'
                        '<p>Look:</p> <img src="cell.png"> <p>Next.</p>\n</body></html>')
    [f] = [f for f in report.findings if f.rule == "A101"]
    assert f.context == ("<p>Look:</p> ", '<img src="cell.png">', " <p>Next.</p>")  # the source line, as written


def test_long_context_is_cut_at_words():
    long = " ".join(["word"] * 60)
    report = audit_text(f"{long} mankind {long}", "text")
    [f] = [f for f in report.findings if f.rule == "L101"]
    before, match, after = f.context
    assert match == "mankind"
    assert before.startswith("…word ") and before.endswith(" ") and len(before) <= 92
    assert after.endswith(" word…") and len(after) <= 92
