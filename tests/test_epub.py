"""EPUB input: content documents audited in spine order inside the container (``book.epub!/OEBPS/ch1.xhtml``),
the publication-level checks (A301-A308) on the package document, and the container treated as hostile input.
Every EPUB here is built in the test from small inline parts."""
from __future__ import annotations

import io
import json
import random
import zipfile
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.config import Settings
from auditor.engine import audit, audit_document
from auditor.errors import InputError
from auditor.loaders import load
from auditor.loaders.epub import members
from auditor.reporters import sarif
from auditor.results import FileError, FileReport
from auditor.sources import from_bytes

CONTAINER = b"""<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""
A11Y = """    <meta property="schema:accessMode">textual</meta>
    <meta property="schema:accessMode">visual</meta>
    <meta property="schema:accessibilityFeature">alternativeText</meta>
    <meta property="schema:accessibilityHazard">none</meta>
    <meta property="schema:accessibilitySummary">All images are described.</meta>"""
NAV = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">
<head><title>Contents</title></head>
<body><nav epub:type="toc"><ol><li><a href="ch1.xhtml">Cells</a></li><li><a href="ch2.xhtml">Plants</a></li></ol></nav>
{page_list}</body></html>"""
PAGE_LIST = '<nav epub:type="page-list"><ol><li><a href="ch1.xhtml#p1">1</a></li></ol></nav>'
CH1 = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="{lang}" xml:lang="{lang}">
<head><title>Cells</title></head>
<body>
<h1>Cells</h1>{pagebreak}
<p>The history of mankind is a history of looking closely at small things.</p>
<img src="cell.png"/>
</body></html>"""
CH2 = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en">
<head><title>Plants</title></head>
<body><h1>Plants</h1><p>Plants make their own food from light, water and air.</p></body></html>"""


def opf(metadata: str = A11Y, *, title: str = "<dc:title>Cells and Plants</dc:title>",
        language: str = "<dc:language>en</dc:language>", manifest: str | None = None, spine: str | None = None,
        nav: bool = True) -> bytes:
    manifest = manifest if manifest is not None else (
        ('<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>\n' if nav else "")
        + '<item id="ch1" href="ch1.xhtml" media-type="application/xhtml+xml"/>\n'
        '<item id="ch2" href="text/../ch2.xhtml" media-type="application/xhtml+xml"/>\n'
        '<item id="img" href="cell.png" media-type="image/png"/>')
    spine = spine if spine is not None else '<itemref idref="ch2"/><itemref idref="ch1"/>'
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:1</dc:identifier>
    {title}
    {language}
{metadata}
  </metadata>
  <manifest>
{manifest}
  </manifest>
  <spine>{spine}</spine>
</package>""".encode()


def epub(package: bytes | None = None, *, extra: dict[str, bytes] | None = None, lang: str = "en",
         page_list: bool = False, pagebreak: bool = False, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    parts = {
        "META-INF/container.xml": CONTAINER,
        "OEBPS/content.opf": package if package is not None else opf(),
        "OEBPS/nav.xhtml": NAV.format(page_list=PAGE_LIST if page_list else "").encode(),
        "OEBPS/ch1.xhtml": CH1.format(lang=lang, pagebreak='<span epub:type="pagebreak" role="doc-pagebreak" '
                                      'id="p1" aria-label="1"/>' if pagebreak else "").encode(),
        "OEBPS/ch2.xhtml": CH2.encode(),
        "OEBPS/cell.png": b"\x89PNG\r\n\x1a\n",
        **(extra or {}),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), b"application/epub+zip")
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def run(data: bytes, *select: str, name: str = "book.epub") -> list[FileReport | FileError]:
    settings = Settings(select=select or ("ALL",), jobs=1)
    return audit([("stdin", (data, name, "epub"))], settings)


def package_rules(data: bytes) -> list[str]:
    report = audit_document(load(from_bytes(data, "book.epub", "epub")), Settings(select=("A3",)))
    return [f.rule for f in report.findings]


# reading the container ---------------------------------------------------------------------------------------

def test_content_documents_in_spine_order_with_positions_inside_the_container():
    results = run(epub(), "A101", "L101", "A301")
    assert [r.path for r in results] == ["book.epub!/OEBPS/content.opf", "book.epub!/OEBPS/ch2.xhtml",
                                         "book.epub!/OEBPS/ch1.xhtml"]
    assert all(isinstance(r, FileReport) for r in results)
    package, ch2, ch1 = results
    assert package.format == "epub" and ch1.format == "html"
    assert package.findings == []  # the good book has its metadata
    by_rule = {f.rule: f for f in ch1.findings}
    assert (by_rule["L101"].span.line, by_rule["L101"].span.column) == (6, 19)  # "mankind", line 6 of ch1.xhtml
    assert by_rule["L101"].path == "book.epub!/OEBPS/ch1.xhtml"
    assert (by_rule["A101"].span.line, by_rule["A101"].text) == (7, '<img src="cell.png"/>')


def test_members_are_the_package_then_the_spine():
    found = members(epub(), "lessons/book.epub")
    assert [(name, fmt) for _, name, fmt in found] == [
        ("lessons/book.epub", "epub"), ("lessons/book.epub!/OEBPS/ch2.xhtml", "html"),
        ("lessons/book.epub!/OEBPS/ch1.xhtml", "html")]


def test_epub2_with_ncx_and_doctype_is_read():
    ncx = (b'<?xml version="1.0"?><!DOCTYPE ncx PUBLIC "-//NISO//DTD ncx 2005-1//EN" '
           b'"http://www.daisy.org/z3986/2005/ncx-2005-1.dtd"><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" '
           b'version="2005-1"><navMap><navPoint id="n1"><navLabel><text>Cells</text></navLabel>'
           b'<content src="ch1.xhtml"/></navPoint></navMap></ncx>')
    package = opf(manifest='<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>\n'
                           '<item id="ch1" href="ch1.xhtml" media-type="application/xhtml+xml"/>',
                  spine='<itemref idref="ch1"/>', metadata=A11Y.replace('property="', 'name="'))
    package = package.replace(b'version="3.0"', b'version="2.0"').replace(b"<spine>", b'<spine toc="ncx">')
    package = package.replace(b'name="schema:accessMode">textual</meta>', b'name="schema:accessMode" '
                              b'content="textual"/>')
    results = run(epub(package, extra={"OEBPS/toc.ncx": ncx}), "A3")
    assert [r.path for r in results] == ["book.epub!/OEBPS/content.opf", "book.epub!/OEBPS/ch1.xhtml"]
    assert "A303" not in [f.rule for f in results[0].findings]  # the NCX has a table of contents


def test_svg_spine_item_is_skipped_with_a_note_and_fallbacks_are_followed():
    manifest = ('<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>\n'
                '<item id="pic" href="cover.svg" media-type="image/svg+xml"/>\n'
                '<item id="pdf" href="extra.pdf" media-type="application/pdf" fallback="ch1"/>\n'
                '<item id="ch1" href="ch1.xhtml" media-type="application/xhtml+xml"/>')
    data = epub(opf(manifest=manifest, spine='<itemref idref="pic"/><itemref idref="pdf"/>'),
                extra={"OEBPS/cover.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>", "OEBPS/extra.pdf": b"%PDF"})
    results = run(data, "A3")
    assert [r.path for r in results] == ["book.epub!/OEBPS/content.opf", "book.epub!/OEBPS/ch1.xhtml"]
    assert any("cover.svg" in w for w in results[0].warnings)


def test_font_obfuscation_is_not_drm():
    encryption = (b'<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
                  b'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
                  b'<enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>'
                  b'<enc:CipherData><enc:CipherReference URI="OEBPS/font.otf"/></enc:CipherData>'
                  b'</enc:EncryptedData></encryption>')
    assert len(members(epub(extra={"META-INF/encryption.xml": encryption}), "b.epub")) == 3


# hostile and broken containers: one line each ----------------------------------------------------------------

BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE package [<!ENTITY lol "lol">'
                  b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                  b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
                  b'<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata>&lol3;</metadata>'
                  b'</package>')
DRM = (b'<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
       b'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
       b'<enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>'
       b'<enc:CipherData><enc:CipherReference URI="OEBPS/ch1.xhtml"/></enc:CipherData>'
       b'</enc:EncryptedData></encryption>')


def _traversal(href: str) -> bytes:
    return epub(opf(manifest=f'<item id="ch1" href="{href}" media-type="application/xhtml+xml"/>',
                    spine='<itemref idref="ch1"/>'))


def _bomb() -> bytes:
    return epub(extra={"OEBPS/big.xhtml": b"<p>" + b"a" * (30 * 1024 * 1024) + b"</p>"})


@pytest.mark.parametrize("data,reason", [
    (b"This is plain text named .epub", "not a ZIP archive"),
    (_traversal("../../etc/passwd"), "points outside the container"),
    (_traversal("/etc/passwd"), "not a file inside the container"),
    (_traversal("..%2F..%2Fsecret.xhtml"), "points outside the container"),
    (_traversal("text\\..\\..\\ch1.xhtml"), "not a file inside the container"),
    (_bomb(), "expands"),
    (epub(BILLION_LAUGHS), "declares XML entities"),
    (epub(opf(spine='<itemref idref="ch9"/>')), "'ch9', which is not in the manifest"),
    (epub(opf(manifest='<item id="ch9" href="ch9.xhtml" media-type="application/xhtml+xml"/>',
              spine='<itemref idref="ch9"/>')), "'OEBPS/ch9.xhtml' is not in the container"),
    (epub(opf(manifest='<item id="p" href="a.pdf" media-type="application/pdf"/>', spine='<itemref idref="p"/>'),
          extra={"OEBPS/a.pdf": b"%PDF"}), "application/pdf, not an XHTML content document"),
    (epub(opf(manifest='<item id="w" href="https://example.org/c.xhtml" media-type="application/xhtml+xml"/>',
              spine='<itemref idref="w"/>')), "is on the web"),
    (epub(opf(manifest='<item id="f" href="file:///etc/passwd" media-type="application/xhtml+xml"/>',
              spine='<itemref idref="f"/>')), "not a file inside the container"),
    (epub(extra={"META-INF/encryption.xml": DRM}), "encrypted"),
    (epub(extra={"META-INF/rights.xml": b"<rights/>"}), "DRM"),
    (epub(b"<package><unclosed></package>"), "not well-formed"),
])
def test_hostile_or_broken_epubs_are_one_line(data, reason):
    with pytest.raises(InputError, match=reason) as caught:
        members(data, "bad.epub")
    assert "\n" not in str(caught.value)
    with pytest.raises(InputError, match=reason):
        load(from_bytes(data, "bad.epub", "epub"))
    (error,) = run(data, name="bad.epub")
    assert isinstance(error, FileError) and error.path == "bad.epub" and reason.split("'")[0] in error.message


def test_container_without_container_xml():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
    with pytest.raises(InputError, match="no META-INF/container.xml"):
        members(out.getvalue(), "b.epub")


# publication checks ------------------------------------------------------------------------------------------

def test_good_book_has_no_publication_findings():
    assert package_rules(epub()) == []


def test_some_metadata_missing():
    data = epub(opf(metadata=A11Y.replace("schema:accessibilityHazard", "schema:other")))
    report = audit_document(load(from_bytes(data, "book.epub", "epub")), Settings(select=("A301",)))
    (finding,) = report.findings
    assert "(schema:accessibilityHazard)" in finding.message and "accessMode" not in finding.message


def test_book_without_metadata():
    data = epub(opf(metadata="", title="", language=""))
    assert package_rules(data) == ["A301", "A302", "A306", "A308"]
    report = audit_document(load(from_bytes(data, "book.epub", "epub")), Settings(select=("A301",)))
    first = report.findings[0]
    assert report.path == "book.epub!/OEBPS/content.opf"
    assert first.span.line == 3 and first.text.startswith("<metadata")
    assert "(schema:accessMode, schema:accessibilityFeature and schema:accessibilityHazard)" in first.message
    assert first.suggestion.count("<meta property=") == 3


@pytest.mark.parametrize("nav,page_list,fires", [(False, False, True), (True, False, False)])
def test_navigation_document(nav, page_list, fires):
    data = epub(opf(nav=nav))
    assert ("A303" in package_rules(data)) is fires


def test_epub3_with_only_an_ncx_has_no_navigation_document():
    package = opf(nav=False).replace(b"<manifest>", b'<manifest><item id="ncx" href="toc.ncx" '
                                                    b'media-type="application/x-dtbncx+xml"/>')
    ncx = b'<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/"><navMap/></ncx>'
    data = epub(package.replace(b"<spine>", b'<spine toc="ncx">'), extra={"OEBPS/toc.ncx": ncx})
    report = audit_document(load(from_bytes(data, "book.epub", "epub")), Settings(select=("A303",)))
    (finding,) = report.findings
    assert "an NCX is EPUB 2's" in finding.message


def test_navigation_without_toc():
    data = epub(extra={"OEBPS/nav.xhtml": b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>x</p></body></html>'})
    assert package_rules(data) == ["A303"]


PRINT = "<dc:source>urn:isbn:9780000000001</dc:source>"


@pytest.mark.parametrize("metadata,page_list,pagebreak,expected", [
    (A11Y + PRINT, False, False, ["A304"]),  # a print source, no page list
    (A11Y, False, True, ["A304", "A305"]),  # page breaks marked: no page list and no source
    (A11Y + PRINT, True, True, []),  # all there
    (A11Y, True, True, ["A305"]),  # a page list with no source
    (A11Y + '<meta property="a11y:pageBreakSource">none</meta>', True, True, []),  # the EPUB's own pages
    (A11Y, False, False, []),  # born digital, no pages at all
])
def test_page_list_and_page_source(metadata, page_list, pagebreak, expected):
    assert package_rules(epub(opf(metadata), page_list=page_list, pagebreak=pagebreak)) == expected


@pytest.mark.parametrize("package_lang,content_lang,expected", [
    ("<dc:language>en</dc:language>", "en-US", []),
    ("<dc:language>en</dc:language>", "es", ["A307"]),
    ("<dc:language>es</dc:language><dc:language>en</dc:language>", "es", []),
    ("", "en", ["A306"]),
    ("<dc:language>english</dc:language>", "en", ["A306", "A307"]),
])
def test_package_language(package_lang, content_lang, expected):
    assert package_rules(epub(opf(language=package_lang), lang=content_lang)) == expected


def test_language_mismatch_names_the_documents():
    report = audit_document(load(from_bytes(epub(lang="fr"), "book.epub", "epub")), Settings(select=("A307",)))
    (finding,) = report.findings
    assert "OEBPS/ch1.xhtml (fr)" in finding.message and finding.text == "<dc:language>"


def test_lone_package_document_checks_what_it_can():
    data = opf(metadata="", nav=False)
    report = audit_document(load(from_bytes(data, "OEBPS/content.opf", "epub")), Settings(select=("A3",)))
    assert report.path == "OEBPS/content.opf"
    assert sorted({f.rule for f in report.findings}) == ["A301", "A302", "A303"]


# the command line and the reports ----------------------------------------------------------------------------

def test_cli_audits_a_book_and_a_bad_book_exits_2(tmp_path):
    (tmp_path / "book.epub").write_bytes(epub(opf(metadata="")))
    (tmp_path / "bad.epub").write_bytes(_traversal("../../etc/passwd"))
    result = CliRunner().invoke(main, [str(tmp_path), "--format", "json", "--no-cache", "--jobs", "1"])
    assert result.exit_code == 2, result.output
    report = json.loads(result.stdout)
    paths = [f["path"].rsplit("/", 3)[-3:] for f in report["files"]]
    assert [p[-1] for p in paths] == ["content.opf", "ch2.xhtml", "ch1.xhtml"]
    assert report["files"][0]["path"].endswith("book.epub!/OEBPS/content.opf")
    rules = {f["rule"] for f in report["files"][0]["findings"]}
    assert {"A301", "A302"} <= rules
    assert "L101" in {f["rule"] for f in report["files"][2]["findings"]}
    (error,) = report["errors"]
    assert error["path"].endswith("bad.epub") and "outside the container" in error["message"]


def test_terminal_and_github_show_the_entry(tmp_path):
    book = tmp_path / "book.epub"
    book.write_bytes(epub())
    result = CliRunner().invoke(main, [str(book), "--no-cache", "--color", "never", "--select", "L101"])
    assert "book.epub!/OEBPS/ch1.xhtml" in result.output
    result = CliRunner().invoke(main, [str(book), "--no-cache", "--format", "github", "--select", "L101"])
    (line,) = [x for x in result.output.splitlines() if x.startswith("::")]
    assert "book.epub," in line and "line=" not in line  # GitHub can only point at the container
    assert "in OEBPS/ch1.xhtml line 6" in line


def test_sarif_points_at_the_container_and_names_the_entry(tmp_path):
    results = run(epub(), "L101", name=str(tmp_path / "book.epub"))
    document = sarif.document(results, {}, root=tmp_path)
    (result,) = document["runs"][0]["results"]
    location = result["locations"][0]
    assert location["physicalLocation"]["artifactLocation"] == {"uri": "book.epub", "uriBaseId": "%SRCROOT%"}
    assert location["physicalLocation"]["region"]["startLine"] == 6
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "book.epub!/OEBPS/ch1.xhtml"
    schema = json.loads((Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)


def test_json_is_deterministic():
    settings = Settings(select=("ALL",), jobs=1)
    first = audit([("stdin", (epub(), "book.epub", "epub"))], settings)
    second = audit([("stdin", (epub(), "book.epub", "epub"))], settings)
    assert [(r.path, [f.sort_key for f in r.findings]) for r in first] == \
        [(r.path, [f.sort_key for f in r.findings]) for r in second]


def test_per_file_ignores_match_the_container():
    settings = Settings(per_file_ignores=(("*.epub", ("L101",)),))
    assert settings.ignored_for("lessons/book.epub!/OEBPS/ch1.xhtml") == ("L101",)
    assert settings.ignored_for("lessons/other.html") == ()


def test_diff_against_keeps_findings_in_a_changed_epub():
    from auditor.baseline import parse_diff

    changed = parse_diff("diff --git a/book.epub b/book.epub\nBinary files a/book.epub and b/book.epub differ\n"
                         "+++ b/notes.md\n@@ -1,0 +2 @@\n")
    assert changed == {"book.epub": set(), "notes.md": {2}}


def test_too_many_entries_is_refused():
    extra = {f"OEBPS/img/{i}.png": b"" for i in range(2001)}
    with pytest.raises(InputError, match=r"holds 2008 files \(limit 2000\)"):
        members(epub(extra=extra), "big.epub")


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_damaged_bytes_are_one_line_errors_never_crashes(compression):
    """Seeded random damage to a good EPUB's bytes (a damaged download, a crafted file): it opens, or it is an
    InputError of one line; no other exception (a zlib error, an unsupported ZIP version) gets through."""
    rng = random.Random(18)
    good = epub(compression=compression)
    for _ in range(300):
        data = bytearray(good)
        for _ in range(rng.randint(1, 6)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            members(bytes(data), "damaged.epub")
        except InputError as exc:
            assert "\n" not in str(exc)


def test_damaged_package_xml_is_one_line():
    with pytest.raises(InputError) as caught:
        members(epub(opf().replace(b"<spine>", b"<spine>\x00")), "b.epub")
    assert "\n" not in str(caught.value)


def test_unpacked_epub_folder_audits_the_package_and_the_pages(tmp_path):
    folder = tmp_path / "OEBPS"
    folder.mkdir()
    (folder / "content.opf").write_bytes(opf(metadata=""))
    (folder / "ch2.xhtml").write_text(CH2, encoding="utf-8")
    result = CliRunner().invoke(main, [str(tmp_path), "--format", "json", "--no-cache", "--jobs", "1",
                                       "--select", "A3"])
    report = json.loads(result.stdout)
    assert sorted(f["path"].rsplit("/", 1)[-1] for f in report["files"]) == ["ch2.xhtml", "content.opf"]
    package = next(f for f in report["files"] if f["path"].endswith("content.opf"))
    assert {f["rule"] for f in package["findings"]} == {"A301", "A302"}


def test_cached_run_gives_the_same_report(tmp_path):
    (tmp_path / "book.epub").write_bytes(epub())
    args = [str(tmp_path / "book.epub"), "--format", "json", "--cache-dir", str(tmp_path / "cache"), "--jobs", "1"]
    cold = CliRunner().invoke(main, args)
    warm = CliRunner().invoke(main, args)
    assert len(list((tmp_path / "cache").glob("*.json"))) == 3  # the package and the two content documents
    assert cold.stdout == warm.stdout
