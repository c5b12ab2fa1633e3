"""Word (.docx) input: the documents are built here with python-docx (no binary fixtures), audited, and their
findings checked must-fire and must-not-fire; hostile archives give one line and exit 2 without stopping the
other files."""
from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib

import docx
import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.config import Settings
from auditor.engine import audit_document
from auditor.errors import InputError
from auditor.loaders import load
from auditor.reporters import sarif
from auditor.sources import from_bytes

ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def save(word) -> bytes:
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def new(title: str = "Lesson 1: Cells") -> docx.Document:
    word = docx.Document()
    word.core_properties.title = title
    return word


def audit(data: bytes, *select: str):
    doc = load(from_bytes(data, "unit.docx", "docx"))
    return doc, audit_document(doc, Settings(select=select) if select else Settings())


def rules(report) -> list[str]:
    return [f.rule for f in report.findings]


def picture(word, descr: str | None = None, decorative: bool = False, text: str = "") -> None:
    paragraph = word.add_paragraph(text)
    paragraph.add_run().add_picture(io.BytesIO(_png()))
    prop = word.inline_shapes[len(word.inline_shapes) - 1]._inline.docPr
    if descr is not None:
        prop.set("descr", descr)
    if decorative:
        ext_lst = prop.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}extLst", {})
        ext = ext_lst.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}ext",
                                  {"uri": "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"})
        mark = ext.makeelement(f"{{{ADEC}}}decorative", {"val": "1"})
        ext.append(mark)
        ext_lst.append(ext)
        prop.append(ext_lst)


def test_paragraphs_headings_lists_tables_and_locations():
    word = new()
    word.add_heading("Plant Cells", 1)
    word.add_paragraph("Cells are the building blocks of plants.")
    word.add_heading("Materials", 2)
    word.add_paragraph("A microscope", style="List Bullet")
    table = word.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Part"
    doc, report = audit(save(word), "L101")
    kinds = [(b.kind, b.level, b.text) for b in doc.blocks]
    assert kinds[:4] == [("heading", 1, "Plant Cells"), ("paragraph", None, "Cells are the building blocks of plants."),
                         ("heading", 2, "Materials"), ("list_item", None, "A microscope")]
    assert ("table_cell", None, "Part") in kinds
    assert doc.location_kind == "paragraph" and doc.meta["title"] == "Lesson 1: Cells"
    assert doc.blocks[3].section == ("Plant Cells", "Materials")
    assert doc.blocks[3].span().line == 4  # paragraph 4
    assert doc.headings[4] == "Materials"


def test_finding_location_is_a_paragraph_under_its_heading():
    word = new()
    word.add_heading("History", 1)
    word.add_paragraph("Intro.")
    word.add_paragraph("The history of mankind is long.")
    _, report = audit(save(word), "L101")
    (finding,) = report.findings
    assert (finding.location_kind, finding.span.line, finding.span.column) == ("paragraph", 3, 16)
    assert finding.where == "paragraph 3 (under “History”)"
    from auditor.reporters import json_report

    out = json_report.file_json(report)
    assert out["location_kind"] == "paragraph"
    assert out["findings"][0]["paragraph"] == 3 and out["findings"][0]["heading"] == "History"
    result = sarif.document([report], {"scores": {}})["runs"][0]["results"][0]
    logical = result["locations"][0]["logicalLocations"][0]
    assert logical["name"] == "paragraph 3" and "under “History”" in logical["fullyQualifiedName"]


def test_alt_text_missing_described_and_decorative():
    word = new()
    word.add_heading("Cells", 1)
    picture(word)
    picture(word, descr="A plant cell with its nucleus, chloroplasts and cell wall labelled")
    picture(word, decorative=True)
    picture(word, descr="")
    doc, report = audit(save(word), "A101")
    assert [i.name for i in doc.images][1].startswith("A plant cell")
    missing = [f for f in report.findings if f.rule == "A101"]
    assert [f.span.line for f in missing] == [2, 5]
    assert "Edit Alt Text" in missing[0].suggestion
    assert report.blocks["images"]["decorative"] == 1 and report.blocks["images"]["described"] == 1


def test_title_language_table_headers_and_heading_order():
    word = new(title="")
    word.add_heading("Cells", 1)
    word.add_heading("Deep", 3)
    table = word.add_table(rows=3, cols=3)
    headed = word.add_table(rows=3, cols=3)
    headed.rows[0]._tr.get_or_add_trPr().append(
        headed.rows[0]._tr.makeelement("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader", {}))
    del table, headed
    _, report = audit(save(word), "accessibility")
    assert sorted(rules(report)) == ["A203", "A205", "A209"]
    word = new()
    word.add_heading("Cells", 1)
    word.add_heading("Parts", 2)
    _, report = audit(save(word), "accessibility")
    assert rules(report) == []


def test_language_missing_when_no_property_and_no_default():
    word = new()
    word.add_heading("Cells", 1)
    for lang in word.styles.element.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lang"):
        lang.getparent().remove(lang)
    _, report = audit(save(word), "A201")
    assert rules(report) == ["A201"]


@pytest.mark.parametrize("build,fires", [
    (lambda w: (w.add_paragraph().add_run("Materials").__setattr__("bold", True),
                w.add_paragraph("You need a microscope for this.")), True),
    (lambda w: (w.add_paragraph().add_run("Materials:").__setattr__("bold", True),
                w.add_paragraph("You need a microscope for this.")), False),  # a run-in label
    (lambda w: (w.add_paragraph().add_run("Remember to wash your hands.").__setattr__("bold", True),
                w.add_paragraph("Then start.")), False),  # a bold sentence
    (lambda w: (w.add_paragraph("Some ").add_run("bold").__setattr__("bold", True),
                w.add_paragraph("Then start.")), False),  # bold inside a paragraph
    (lambda w: (w.add_paragraph().add_run("Cell wall").__setattr__("bold", True),
                w.add_paragraph().add_run("Nucleus").__setattr__("bold", True)), False),  # a list of terms
    (lambda w: w.add_heading("Materials", 2), False),
])
def test_fake_heading(build, fires):
    word = new()
    word.add_heading("Cells", 1)
    build(word)
    _, report = audit(save(word), "A216")
    assert (rules(report) == ["A216"]) is fires


def test_suppression_by_paragraph_and_by_comment():
    word = new()
    word.add_heading("History", 1)
    word.add_paragraph("ssec-audit: ignore L101")
    word.add_paragraph("The history of mankind is long.")
    commented = word.add_paragraph("Mankind has always looked at the stars.")
    word.add_comment(commented.runs, text="ssec-audit: ignore L101", author="Editor")
    word.add_paragraph("Mankind again, not suppressed.")
    doc, report = audit(save(word), "L101", "S001")
    assert [(f.rule, f.span.line) for f in report.findings] == [("L101", 5)]
    assert all("ssec-audit" not in b.text for b in doc.blocks)


def _zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _with_document_xml(xml: bytes) -> bytes:
    good = zipfile.ZipFile(io.BytesIO(save(new())))
    return _zip({n: (xml if n == "word/document.xml" else good.read(n)) for n in good.namelist()})


BOMB = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><w:document/>'


@pytest.mark.parametrize("data,reason", [
    (b"This is plain text named .docx", "not a ZIP archive"),
    (b"PK\x03\x04 broken", "damaged ZIP"),
    (_zip({"hello.txt": b"hi"}), "no word/document.xml"),
    (_zip({"word/document.xml": b"\x00" * (30 * 1024 * 1024)}), "expands"),
    (_with_document_xml(BOMB), "declares XML entities"),
    (_with_document_xml(b"<w:document><unclosed>"), "not a valid Word document"),
])
def test_hostile_or_broken_files_are_one_line(data, reason):
    with pytest.raises(InputError, match=reason) as caught:
        load(from_bytes(data, "bad.docx", "docx"))
    assert "\n" not in str(caught.value)


def test_bad_docx_exits_2_and_others_are_still_audited(tmp_path):
    (tmp_path / "bad.docx").write_bytes(_zip({"word/document.xml": b"\x00" * (30 * 1024 * 1024)}))
    word = new()
    word.add_heading("Cells", 1)
    word.add_paragraph("The history of mankind is long.")
    good = tmp_path / "good.docx"
    good.write_bytes(save(word))
    before = good.read_bytes()
    result = CliRunner().invoke(main, [str(tmp_path), "--format", "json"])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert [f["path"].rsplit("/", 1)[-1] for f in report["files"]] == ["good.docx"]
    assert "L101" in [f["rule"] for f in report["files"][0]["findings"]]
    (error,) = report["errors"]
    assert error["path"].endswith("bad.docx") and "ZIP bomb" in error["message"]
    assert good.read_bytes() == before  # never written over
