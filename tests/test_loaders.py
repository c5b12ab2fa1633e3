"""Loaders: blocks, sections, what is not prose, images, metadata, encodings and bad input."""
import pytest
from auditkit import load_text

from auditor.document import PROSE_KINDS
from auditor.errors import InputError
from auditor.loaders.markdown import front_matter
from auditor.nlp import Pipeline
from auditor.sources import decode, discover, from_bytes, read_source

UNIT = """<!doctype html><html lang="en"><head><title>Cells</title>
<meta name="grade-band" content="3-5"><style>p { color: red }</style></head>
<body><h1>Cells</h1><p>Intro text.</p>
<h2>Parts</h2><ul><li>Nucleus</li><li>Membrane</li></ul>
<table><tr><th>Part</th><td>Job</td></tr></table>
<figure><img src="a.png" alt="A cell"><figcaption>Figure 1. A cell.</figcaption></figure>
<pre>code block text</pre><p>Run <code>x = 1</code> now.</p><script>var s = "not prose";</script>
<blockquote><p>Quoted words.</p></blockquote>
<h3>Deeper</h3><p>Deep text.</p><h2>Other</h2><p>Other text.</p>
</body></html>"""


def test_html_blocks_kinds_and_sections():
    doc = load_text(UNIT)
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert ("title", "Cells") in kinds
    assert ("list_item", "Nucleus") in kinds
    assert ("table_cell", "Part") in kinds
    assert ("caption", "Figure 1. A cell.") in kinds
    assert ("alt", "A cell") in kinds
    assert ("quote", "Quoted words.") in kinds
    texts = " ".join(b.text for b in doc.blocks)
    assert "not prose" not in texts and "code block" not in texts and "color" not in texts
    assert ("paragraph", "Run now.") in kinds
    deep = next(b for b in doc.blocks if b.text == "Deep text.")
    assert deep.section == ("Cells", "Parts", "Deeper")
    other = next(b for b in doc.blocks if b.text == "Other text.")
    assert other.section == ("Cells", "Other")
    assert doc.meta["grade-band"] == "3-5" and doc.meta["lang"] == "en"


def test_html_images_and_tree_link():
    doc = load_text('<p>x</p><img src="a.png"><input type="image" src="go.png" alt="Go"><img src="b.png" alt="">')
    assert [(i.kind, i.alt) for i in doc.images] == [("img", None), ("input", "Go"), ("img", "")]
    assert doc.element_at(doc.images[0].start)["src"] == "a.png"
    assert doc.span(doc.images[1].start, doc.images[1].end).column == 26


def test_malformed_html_is_still_read():
    doc = load_text("<p>Unclosed <b>bold <i>mixed</b> text<p>Next para</div></span><li>stray")
    texts = [b.text for b in doc.blocks]
    assert texts[0].startswith("Unclosed bold mixed text")
    assert "Next para" in texts and "stray" in texts


def test_markdown_blocks_front_matter_and_images():
    source = "---\ntitle: Ponds\ngrade_band: 6-8\n---\n# Ponds\n\nA **food web** links chains.\n\n" \
             "- one\n- two\n\n> quoted\n\n```\ncode here\n```\n\n![Algae in a jar](algae.png)\n"
    doc = load_text(source, "markdown")
    assert doc.meta == {"title": "Ponds", "grade-band": "6-8"}
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert kinds[0] == ("heading", "Ponds")
    assert ("list_item", "one") in kinds and ("quote", "quoted") in kinds
    assert all("code here" not in t for _, t in kinds)
    para = next(b for b in doc.blocks if b.text.startswith("A food web"))
    assert (para.span().line, para.span().column) == (7, 1)
    assert para.emphasis == ((2, 10, "strong"),)
    assert doc.images[0].alt == "Algae in a jar"
    assert doc.images[0].alt_block.span().column == 3


def test_front_matter_keeps_line_numbers():
    meta, text = front_matter("---\na: 1\n---\nbody\n")
    assert meta == {"a": "1"} and text.count("\n") == 4 and text.endswith("body\n")


def test_text_paragraphs_and_headings():
    doc = load_text("THE SUN\n\nThe Sun is a star.\nIt is hot.\n\nPlants need light.", "text")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "THE SUN"), ("paragraph", "The Sun is a star. It is hot."), ("paragraph", "Plants need light.")]
    assert doc.blocks[2].span().line == 6
    assert {b.kind for b in doc.prose} <= PROSE_KINDS


def test_encodings():
    assert decode("café".encode("utf-8-sig"), "text")[0] == "café"
    assert decode("café".encode("utf-16"), "text")[0] == "café"
    latin = '<meta charset="iso-8859-1"><p>caf\xe9</p>'.encode("latin-1")
    assert "café" in decode(latin, "html")[0]
    text, encoding, warnings = decode(b"caf\xe9 \x93ok\x94", "text")  # undeclared, not UTF-8: Windows-1252
    assert (text, encoding) == ("café “ok”", "cp1252") and "Windows-1252" in warnings[0]
    text, _, warnings = decode(b"caf\xe9 \x81", "text")  # not Windows-1252 either: replaced, with a warning
    assert "\ufffd" in text and warnings and "not valid utf-8" in warnings[0]
    text, _, warnings = decode(b'<meta charset="utf-8"><p>caf\xe9</p>', "html")  # declared: trusted
    assert "\ufffd" in text and "not valid utf-8" in warnings[0]
    assert decode(b"a\r\nb\rc", "text")[0] == "a\nb\nc"


@pytest.mark.parametrize("data,message", [(b"", "empty"), (b"  \n\t", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00", "binary")])
def test_bad_bytes(data, message):
    with pytest.raises(InputError, match=message):
        from_bytes(data, "x.html", "html")


def test_discover_skips_hidden_and_excluded(tmp_path):
    (tmp_path / "a.html").write_text("<p>a</p>")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "b.html").write_text("<p>b</p>")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "c.md").write_text("c")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    files, problems = discover([str(tmp_path)], exclude=("drafts",))
    assert [f.name for f in files] == ["a.html"] and not problems
    files, problems = discover([str(tmp_path / "missing")])
    assert not files and "no such file" in problems[0]


def test_read_source_rejects_unsupported_and_huge(tmp_path, monkeypatch):
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match="unsupported"):
        read_source(pdf)
    big = tmp_path / "big.html"
    big.write_bytes(b"<p>" + b"word " * (11 * 1024 * 1024 // 5) + b"</p>")
    with pytest.raises(InputError, match="MB"):
        read_source(big)


def test_fallback_pipeline_annotates_sentences():
    doc = load_text("<p>One sentence here. Another one there.</p>")
    pipe = Pipeline("blank", notify=lambda m: None)
    pipe.annotate(doc.blocks, [frozenset({"parser", "ner"})] * len(doc.blocks))
    assert not pipe.trained
    assert [s.text for s in doc.blocks[0].nlp.sents] == ["One sentence here.", "Another one there."]


def test_html_page_read_without_importing_unused_bs4_parts():
    """bs4 is imported without html5lib, lxml and soupsieve (auditor/loaders/html.py); CSS selectors still work,
    importing soupsieve when first used, and lxml can still be imported (EPUB, Word)."""
    import subprocess
    import sys

    code = ("import sys\n"
            "from auditor.loaders.html import load_html\n"
            "from auditor.sources import from_bytes\n"
            "doc = load_html(from_bytes(b'<p class=\"x\">Cells</p><p>Roots</p>', 'page.html', 'html'))\n"
            "print(sorted(m for m in ('html5lib', 'lxml', 'soupsieve') if m in sys.modules))\n"
            "print([p.get_text() for p in doc.soup.select('p.x')])\n"
            "import lxml.etree\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["[]", "['Cells']"]
