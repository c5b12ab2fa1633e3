"""EPUB publications: the content documents to audit, in spine order, and the package the publication checks read.

An EPUB is a ZIP container (:mod:`auditor.loaders.archive` checks it as hostile input first: member count,
sizes, compression ratio, encryption flags, and no XML part may declare entities). ``META-INF/container.xml``
names the package document (OPF); its manifest lists the files and its spine the reading order. Every XML part
read here goes through one parser that never expands entities, loads no DTD and uses no network.

The engine audits a publication as several reports (:func:`members`): the package document itself (format
``epub``: the publication-level checks in :mod:`auditor.accessibility.publication` read the :class:`Package`
built here) and each XHTML content document of the spine, read by the HTML loader, shown as
``book.epub!/OEBPS/ch1.xhtml`` with lines and columns inside that entry.

Refused with one line (the whole publication is then that file's error, exit 2): a manifest ``href`` that leaves
the container (``../``, an absolute path, a backslash), a spine item missing from the manifest or the archive, a
spine item that is not XHTML and has no XHTML fallback, and content encrypted with DRM (``encryption.xml`` naming
anything but obfuscated fonts, or Adobe's ``rights.xml``).

A package document on its own (``content.opf`` in an unpacked EPUB, or the text of a rule example) is read too:
the checks that need the other files (the navigation document's page list, the content documents' language)
then have nothing to say.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from auditor.document import Document
from auditor.errors import InputError
from auditor.loaders.archive import check_xml_parts, open_archive, read_member
from auditor.locations import LineIndex
from auditor.sources import SourceText, decode

if TYPE_CHECKING:  # lxml is imported by the functions that read XML: most runs read no EPUB (0.035 s)
    from lxml import etree

WHAT = "EPUB"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
XHTML = "{http://www.w3.org/1999/xhtml}"
OPS = "{http://www.idpf.org/2007/ops}"
NCX = "{http://www.daisy.org/z3986/2005/ncx/}"
ENC = "{http://www.w3.org/2001/04/xmlenc#}"
XHTML_TYPES = frozenset({"application/xhtml+xml"})
#: Font obfuscation (IDPF and Adobe) uses encryption.xml too, but only hides fonts: the text stays readable.
FONT_OBFUSCATION = frozenset({"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"})
_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "load_dtd": False, "dtd_validation": False,
                   "huge_tree": False}
_LANG = re.compile(rb"""\s(?:xml:)?lang\s*=\s*["']([^"'<>]*)["']""")
_HTML_TAG = re.compile(rb"<html[\s>][^>]{0,4096}", re.IGNORECASE)
_PAGE_BREAK = re.compile(rb"""(?:epub:type|role)\s*=\s*["'][^"'<>]{0,200}?\b(?:doc-)?pagebreak\b""")
_MAX_FALLBACKS = 10
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


@dataclass(frozen=True)
class Meta:
    """One metadata entry of the package: a Dublin Core element or a ``<meta>``, with its value and where it is."""

    key: str  # "dc:language", "dc:title", "dc:source", or a meta's property/name ("schema:accessMode")
    value: str
    start: int  # source offsets of the element's start tag in the package document
    end: int


@dataclass(frozen=True)
class Content:
    """A content document of the spine: its name in the container and the language its root element declares."""

    name: str
    lang: str | None
    page_breaks: bool = False


@dataclass
class Package:
    """What the publication checks read: the package document's metadata, where things are in it, and (when
    the whole container was read) the navigation document and the content documents."""

    opf: str  # the package document's name in the container
    version: str
    meta: list[Meta] = field(default_factory=list)
    metadata_at: tuple[int, int] = (0, 0)  # the <metadata> start tag (else the <package> one)
    nav: str | None = None  # the manifest item with properties="nav"
    ncx: str | None = None  # EPUB 2's table of contents (spine toc="...")
    toc: bool | None = None  # the navigation document (or NCX) has a table of contents; None: not read
    page_list: bool | None = None  # ... a page list; None: not read
    nav_error: str | None = None  # why the navigation document could not be read
    content: list[Content] = field(default_factory=list)
    complete: bool = False  # False for a package document read on its own, without its container
    skipped: list[str] = field(default_factory=list)  # spine items not audited, and why

    def values(self, *keys: str) -> list[Meta]:
        """Non-empty entries whose key is one of ``keys`` (``"schema:accessMode"`` also matches a meta that
        spells its prefix differently, e.g. ``name="schema:accessMode"`` in EPUB 2)."""
        wanted = {k.rsplit(":", 1)[-1] for k in keys}
        return [m for m in self.meta if m.value and m.key.rsplit(":", 1)[-1] in wanted]


def parse_xml(data: bytes, name: str) -> etree._Element:
    """An XML part as a tree, never expanding entities, loading a DTD or using the network."""
    from lxml import etree

    if _ENTITY.search(data):
        raise InputError(f"refused: {name!r} in the {WHAT} declares XML entities")
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"not a valid {WHAT}: {name!r} is not well-formed XML ({' '.join(str(exc).split())})") \
            from None


def _safe_href(href: str, base: str, what: str) -> str:
    """The container member an ``href`` (relative to the folder ``base``) names; refuses one that leaves it."""
    raw = href.strip()
    parts = urlsplit(raw)
    path = unquote(parts.path)
    if "\\" in raw or parts.scheme or parts.netloc or path.startswith("/") or not path or "\x00" in path:
        raise InputError(f"refused: {what} {raw!r} in the {WHAT} is not a file inside the container")
    joined = posixpath.normpath(posixpath.join(base, path))
    if joined == ".." or joined.startswith("../") or joined.startswith("/"):
        raise InputError(f"refused: {what} {raw!r} in the {WHAT} points outside the container")
    return joined


@lru_cache(maxsize=64)
def _tag(local: str) -> re.Pattern[str]:
    return re.compile(rf"<(?:[\w.-]+:)?{re.escape(local)}(?=[\s/>])")


def _offsets(source: str, root: etree._Element) -> dict[etree._Element, tuple[int, int]]:
    """Where each element's start tag is in ``source``: lxml knows lines, not columns, so a cursor walks the
    tags in document order (which is source order) from each element's line."""
    from lxml import etree

    lines = LineIndex(source)
    found: dict[etree._Element, tuple[int, int]] = {}
    cursor = 0
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        start = max(cursor, lines.offset(element.sourceline or 1, 1))
        match = _tag(local).search(source, start)
        if match is None:
            continue
        end = source.find(">", match.end())
        found[element] = (match.start(), end + 1 if end != -1 else match.end())
        cursor = match.end()
    return found


def _metadata(root: etree._Element, source: str, package: Package) -> None:
    from lxml import etree

    offsets = _offsets(source, root)
    metadata = root.find(f"{OPF}metadata")
    if metadata is None:
        metadata = next((e for e in root if isinstance(e.tag, str) and e.tag.endswith("}metadata")), None)
    package.metadata_at = offsets.get(metadata if metadata is not None else root, (0, 0))
    if metadata is None:
        return
    for element in metadata.iter():
        if not isinstance(element.tag, str) or element is metadata:
            continue
        start, end = offsets.get(element, package.metadata_at)
        if element.tag.startswith(DC):
            key = "dc:" + etree.QName(element).localname
            value = "".join(element.itertext())
        elif etree.QName(element).localname == "meta":
            key = element.get("property") or element.get("name") or ""
            value = "".join(element.itertext()) if element.get("property") else element.get("content", "")
        else:
            continue
        package.meta.append(Meta(key.strip(), " ".join(value.split()), start, end))


def read_package(data: bytes, name: str = "package.opf") -> tuple[Package, str, etree._Element]:
    """A package document on its own: its metadata and manifest, nothing read from a container."""
    from lxml import etree

    source = decode(data, "xml")[0]
    root = parse_xml(data, name)
    if etree.QName(root).localname != "package":
        raise InputError(f"not a valid {WHAT}: {name!r} is not a package document (no <package> element)")
    package = Package(opf=name, version=(root.get("version") or "").strip())
    _metadata(root, source, package)
    manifest = root.find(f"{OPF}manifest")
    for item in manifest.iterfind(f"{OPF}item") if manifest is not None else ():
        if "nav" in (item.get("properties") or "").split():
            package.nav = item.get("href")
    return package, source, root


def _manifest(root: etree._Element, base: str) -> dict[str, tuple[str | None, str, str | None]]:
    """id -> (member name, or None for a remote resource; media type; fallback id)."""
    items: dict[str, tuple[str | None, str, str | None]] = {}
    manifest = root.find(f"{OPF}manifest")
    for item in manifest.iterfind(f"{OPF}item") if manifest is not None else ():
        href = item.get("href") or ""
        media = (item.get("media-type") or "").strip().lower()
        remote = urlsplit(href.strip()).scheme in ("http", "https")
        member = None if remote else _safe_href(href, base, "manifest item")
        items[item.get("id") or ""] = (member, media, item.get("fallback"))
    return items


def _xhtml_for(item_id: str, items: dict[str, tuple[str | None, str, str | None]]) -> tuple[str | None, str]:
    """The XHTML member a spine item shows (itself, or along its fallback chain), and the item's media type."""
    seen: set[str] = set()
    current: str | None = item_id
    first_media = items[item_id][1]
    while current is not None and current in items and current not in seen and len(seen) < _MAX_FALLBACKS:
        seen.add(current)
        member, media, fallback = items[current]
        if media in XHTML_TYPES and member is not None:
            return member, first_media
        current = fallback
    return None, first_media


def _encrypted(archive: zipfile.ZipFile) -> None:
    names = set(archive.namelist())
    if "META-INF/rights.xml" in names:
        raise InputError(f"cannot read the {WHAT}: it is protected by DRM (META-INF/rights.xml)")
    if "META-INF/encryption.xml" not in names:
        return
    root = parse_xml(read_member(archive, "META-INF/encryption.xml", WHAT), "META-INF/encryption.xml")
    for data in root.iter(f"{ENC}EncryptedData"):
        method = data.find(f"{ENC}EncryptionMethod")
        algorithm = (method.get("Algorithm") if method is not None else "") or ""
        if algorithm not in FONT_OBFUSCATION:
            reference = data.find(f"{ENC}CipherData/{ENC}CipherReference")
            uri = reference.get("URI") if reference is not None else "?"
            raise InputError(f"cannot read the {WHAT}: its content is encrypted (DRM; META-INF/encryption.xml "
                             f"lists {uri!r})")


def _lang_of(data: bytes) -> str | None:
    """The language the content document's root element declares (``xml:lang`` or ``lang``), or None."""
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "replace").encode("utf-8")
    tag = _HTML_TAG.search(head)
    if tag is None:
        return None
    values = [v.decode("utf-8", "replace").strip() for v in _LANG.findall(tag.group(0))]
    return next((v for v in values if v), None)


def _navigation(archive: zipfile.ZipFile, package: Package) -> None:
    """Whether the navigation document (EPUB 3) or the NCX (EPUB 2) has a table of contents and a page list."""
    try:
        if package.nav is not None:
            root = parse_xml(read_member(archive, package.nav, WHAT), package.nav)
            kinds: set[str] = set()
            for nav in root.iter(f"{XHTML}nav"):
                kinds.update((nav.get(f"{OPS}type") or "").split())
                kinds.update((nav.get("role") or "").replace("doc-", "").replace("pagelist", "page-list").split())
            package.toc, package.page_list = "toc" in kinds, "page-list" in kinds
        elif package.ncx is not None:
            root = parse_xml(read_member(archive, package.ncx, WHAT), package.ncx)
            package.toc = root.find(f"{NCX}navMap") is not None
            package.page_list = root.find(f"{NCX}pageList") is not None
    except KeyError:
        package.nav_error = f"{package.nav or package.ncx!r} is in the manifest but not in the container"
    except InputError as exc:
        package.nav_error = str(exc)


@dataclass
class Publication:
    """An EPUB read from its container: the package and the spine's XHTML members, in reading order."""

    package: Package
    opf_source: str
    spine: list[str]
    archive: zipfile.ZipFile


def read_publication(data: bytes) -> Publication:
    """Open and check an EPUB; raises InputError (one line) for anything that makes it unreadable or unsafe."""
    archive = open_archive(data, WHAT)
    check_xml_parts(archive, WHAT, doctypes=True)
    _encrypted(archive)
    try:
        container = parse_xml(read_member(archive, "META-INF/container.xml", WHAT), "META-INF/container.xml")
    except KeyError:
        raise InputError(f"not an {WHAT}: the archive has no META-INF/container.xml") from None
    rootfile = next(container.iter(f"{CONTAINER}rootfile"), None)
    if rootfile is None or not (rootfile.get("full-path") or "").strip():
        raise InputError(f"not a valid {WHAT}: META-INF/container.xml names no package document")
    opf = _safe_href(rootfile.get("full-path") or "", "", "package document")
    try:
        opf_data = read_member(archive, opf, WHAT)
    except KeyError:
        raise InputError(f"not a valid {WHAT}: the package document {opf!r} is not in the container") from None
    package, source, root = read_package(opf_data, opf)
    package.complete = True
    base = posixpath.dirname(opf)
    items = _manifest(root, base)
    package.nav = next((items[i.get("id") or ""][0] for i in root.iterfind(f"{OPF}manifest/{OPF}item")
                        if "nav" in (i.get("properties") or "").split()), None)
    spine_element = root.find(f"{OPF}spine")
    if spine_element is None:
        raise InputError(f"not a valid {WHAT}: {opf!r} has no spine (reading order)")
    toc_id = spine_element.get("toc")
    if toc_id and toc_id in items:
        package.ncx = items[toc_id][0]
    spine: list[str] = []
    names = set(archive.namelist())
    for itemref in spine_element.iterfind(f"{OPF}itemref"):
        idref = itemref.get("idref") or ""
        if idref not in items:
            raise InputError(f"not a valid {WHAT}: the spine lists {idref!r}, which is not in the manifest")
        member, media = _xhtml_for(idref, items)
        if member is None:
            if media == "image/svg+xml":
                package.skipped.append(f"{items[idref][0]}: an SVG content document, not audited")
                continue
            if items[idref][0] is None:
                raise InputError(f"not a valid {WHAT}: spine item {idref!r} is on the web, not in the container "
                                 "(remote resources are never fetched)")
            raise InputError(f"not a valid {WHAT}: spine item {idref!r} is {media or 'of no media type'}, not an "
                             "XHTML content document, and has no XHTML fallback")
        if member not in names:
            raise InputError(f"not a valid {WHAT}: spine item {member!r} is not in the container")
        if member not in spine:
            spine.append(member)
    if not spine:
        package.skipped.append("the spine lists no XHTML content documents: only the package was checked")
    for member in spine:
        head = read_member(archive, member, WHAT)
        package.content.append(Content(member, _lang_of(head), _PAGE_BREAK.search(head) is not None))
    _navigation(archive, package)
    return Publication(package, source, spine, archive)


def members(data: bytes, display: str) -> list[tuple[bytes, str, str]]:
    """What the engine audits for one EPUB, in order, as (bytes, display name, format): the publication itself
    (format ``epub``), then each XHTML content document of the spine as ``book.epub!/OEBPS/ch1.xhtml``."""
    publication = read_publication(data)
    found = [(data, display, "epub")]
    for member in publication.spine:
        found.append((read_member(publication.archive, member, WHAT), f"{display}!/{member}", "html"))
    return found


def load_epub(src: SourceText) -> Document:
    """The package document as a document of its own, for the publication checks: its source is the OPF (so
    findings have lines and columns in it), shown as ``book.epub!/OEBPS/content.opf``."""
    data = src.data if src.data is not None else src.text.encode("utf-8")
    if data.startswith(b"PK") or src.path.lower().endswith(".epub"):
        publication = read_publication(data)
        package, source = publication.package, publication.opf_source
        path = f"{src.path}!/{package.opf}"
    else:
        package, source, _ = read_package(data, src.path)
        path = src.path
    doc = Document(path=path, format="epub", source=source, lines=LineIndex(source), warnings=list(src.warnings),
                   package=package)
    titles = package.values("dc:title")
    if titles:
        doc.meta["title"] = titles[0].value
    doc.warnings.extend(package.skipped)
    return doc
