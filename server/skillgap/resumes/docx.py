"""The text of a Word document (.docx, Office Open XML), as a person reads it: paragraphs in order, list items
with a bullet, a table row whose cells hold a line each as one line with its cells apart (a resume template's
"Title | Dates" row reads like a PDF's columns), a layout table's cells one after the other, text boxes, tabs and
line breaks kept; deleted tracked changes, field codes and the fallback copies of drawings left out.

Uploads are hostile: the archive's members are read under size limits (a zip bomb stops at the limit, not at
the memory limit), the XML is parsed with no DTD, no entities and no network, and everything that is not a
readable Word document is refused with a `DocxError` whose message tells the user what to do.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator
from typing import Final

from lxml import etree

__all__ = ["DOCX", "DocxError", "is_docx", "read_docx"]

DOCX: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

ZIP_MAGIC: Final = b"PK\x03\x04"
# Real resumes: a few dozen members, a document part of tens to hundreds of kB.
MAX_MEMBERS: Final = 5_000
MAX_PART_BYTES: Final = 16 * 1024 * 1024
MAX_RELS_BYTES: Final = 1024 * 1024

_OFFICE_DOCUMENT: Final = "/officeDocument"  # the end of the main part's relationship type (transitional or strict)
_DEFAULT_PART: Final = "word/document.xml"
_BULLET: Final = "• "
_CELL_GAP: Final = "\t"

# Elements whose text a reader never sees: deleted revisions, field instructions, the VML copy of a drawing
# that Word writes beside the DrawingML one (mc:Fallback), properties.
_SKIPPED: Final = frozenset({"delText", "instrText", "Fallback", "rPr", "pPr", "tblPr", "trPr", "tcPr", "sectPr"})
_PARSER: Final = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False, remove_pis=True
)


class DocxError(Exception):
    """The upload is not a Word document that can be read; `reason` is stable, the message is for the user."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


def is_docx(content: bytes) -> bool:
    """Whether the bytes are a zip archive holding a Word document's main part (decided by the bytes, not the
    name)."""
    if not content.startswith(ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist()[: MAX_MEMBERS + 1])
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        return False
    return "[Content_Types].xml" in names and any(name.startswith("word/") for name in names)


def read_docx(content: bytes) -> str:
    """The document's text (see the module doc). Raises DocxError when it cannot be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise DocxError(
                    "CORRUPT_DOCUMENT", f"the Word document holds {len(infos)} parts; the limit is {MAX_MEMBERS}"
                )
            if any(info.flag_bits & 0x1 for info in infos):
                raise _encrypted()
            names = {info.filename for info in infos}
            part = _main_part(archive, names)
            root = etree.fromstring(_read_member(archive, part, MAX_PART_BYTES), _PARSER)
            listed = _list_styles(archive, names, part)
    except DocxError:
        raise
    except (zipfile.BadZipFile, KeyError, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise DocxError("CORRUPT_DOCUMENT", f"the Word document could not be read ({_describe(exc)})") from exc
    except etree.XMLSyntaxError as exc:
        raise DocxError("CORRUPT_DOCUMENT", "the Word document could not be read (its text part is damaged)") from exc
    body = next((child for child in root if _local(child) == "body"), None)
    if body is None:
        raise DocxError("CORRUPT_DOCUMENT", "the Word document could not be read (it has no body)")
    return "\n".join(_Reader(listed).blocks(body))


def _encrypted() -> DocxError:
    return DocxError(
        "ENCRYPTED_DOCUMENT",
        "the Word document is password-protected; save a copy without a password (or as PDF) and upload that",
    )


def _describe(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return "a part it names is missing"
    if isinstance(exc, NotImplementedError):
        return "it is compressed in a way that is not supported"
    return "the archive is damaged"


def _read_member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """A member's bytes, refused past `limit` whatever its header declares (the header can lie)."""
    with archive.open(name) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise DocxError(
            "DOCUMENT_TOO_LARGE",
            f"a part of the Word document ({name}) is over {limit // (1024 * 1024)} MiB uncompressed; "
            "save it as PDF, or paste the text",
        )
    return data


def _main_part(archive: zipfile.ZipFile, names: set[str]) -> str:
    """The main document part the package's relationships name (usually word/document.xml); `names`: the archive's."""
    if "_rels/.rels" in names:
        rels = etree.fromstring(_read_member(archive, "_rels/.rels", MAX_RELS_BYTES), _PARSER)
        for relationship in rels:
            if str(relationship.get("Type", "")).endswith(_OFFICE_DOCUMENT):
                target = posixpath.normpath(str(relationship.get("Target", "")).lstrip("/"))
                if target in names:
                    return target
    if _DEFAULT_PART in names:
        return _DEFAULT_PART
    raise DocxError("UNSUPPORTED_FORMAT", "the file is a zip archive, not a Word document; upload a PDF or DOCX")


def _list_styles(archive: zipfile.ZipFile, names: set[str], part: str) -> frozenset[str]:
    """The ids of the paragraph styles that number or bullet their paragraphs ("List Bullet"), their own or
    through the styles they are based on."""
    name = posixpath.join(posixpath.dirname(part), "styles.xml")
    if name not in names:
        return frozenset()
    styles = etree.fromstring(_read_member(archive, name, MAX_PART_BYTES), _PARSER)
    based_on: dict[str, str] = {}
    own: dict[str, bool] = {}  # a style's own numbering, where its properties say
    for style in styles:
        if _local(style) != "style":
            continue
        style_id = _attribute(style, "styleId")
        for child in style:
            if _local(child) == "basedOn":
                based_on[style_id] = _attribute(child, "val")
            elif _local(child) == "pPr":
                numbered = _numbered(child)
                if numbered is not None:
                    own[style_id] = numbered
    # Each style's numbering comes from its own properties or, else, the nearest style it is based on. Resolved
    # once per style along its chain (a hostile file may make a long chain, or a loop).
    resolved: dict[str, bool] = {}
    for style_id in based_on.keys() | own.keys():
        chain: list[str] = []
        walked: set[str] = set()
        current, answer = style_id, False
        while current and current not in walked:
            if current in resolved:
                answer = resolved[current]
                break
            if current in own:
                answer = own[current]
                break
            chain.append(current)
            walked.add(current)
            current = based_on.get(current, "")
        for link in chain:
            resolved[link] = answer
        resolved.setdefault(style_id, answer)
    return frozenset(style_id for style_id, numbered in resolved.items() if numbered)


def _numbered(properties: etree._Element) -> bool | None:
    """Whether paragraph properties number the paragraph: None when they say nothing, False for numId 0 (which
    turns a style's numbering off)."""
    for child in properties:
        if _local(child) == "numPr":
            number = next((part for part in child if _local(part) == "numId"), None)
            return number is None or _attribute(number, "val") != "0"
    return None


def _attribute(element: etree._Element, name: str) -> str:
    """An attribute by its local name (w:val, or val in a document of another namespace)."""
    for key, value in element.attrib.items():
        if str(key).rpartition("}")[2] == name:
            return str(value)
    return ""


def _local(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):  # comments
        return ""
    return tag.rpartition("}")[2]


class _Reader:
    """Reads the blocks of one document; `listed` are its list styles (`_list_styles`)."""

    def __init__(self, listed: frozenset[str]) -> None:
        self.listed = listed

    def blocks(self, container: etree._Element) -> Iterator[str]:
        """The lines of a body, a table cell or a text box, in order."""
        for child in container:
            name = _local(child)
            if name == "p":
                yield from self.paragraph(child)
            elif name == "tbl":
                yield from self.table(child)
            elif name in ("sdt", "sdtContent", "customXml", "ins", "smartTag"):
                yield from self.blocks(child)

    def paragraph(self, paragraph: etree._Element) -> Iterator[str]:
        """A paragraph's lines (a line break starts a new one; an empty paragraph is a blank line); its text boxes'
        lines after it."""
        pieces: list[str] = []
        boxes: list[etree._Element] = []
        _inline(paragraph, pieces, boxes)
        lines = "".join(pieces).split("\n")
        if self.is_listed(paragraph) and lines[0].strip():
            lines[0] = _BULLET + lines[0].lstrip()
        yield from lines
        for box in boxes:
            yield from self.blocks(box)

    def is_listed(self, paragraph: etree._Element) -> bool:
        """An item of a bulleted or numbered list: by its own numbering or its style's."""
        properties = next((child for child in paragraph if _local(child) == "pPr"), None)
        if properties is None:
            return False
        own = _numbered(properties)
        if own is not None:
            return own
        style = next((child for child in properties if _local(child) == "pStyle"), None)
        return style is not None and _attribute(style, "val") in self.listed

    def table(self, table: etree._Element) -> Iterator[str]:
        """A table's lines: a row whose cells hold one line each is one line, its cells a tab apart; a row where a
        cell holds more (a two-column layout) gives each cell's lines in turn."""
        for row in table:
            if _local(row) != "tr":
                continue
            cells = [[line for line in self.blocks(cell) if line.strip()] for cell in row if _local(cell) == "tc"]
            filled = [cell for cell in cells if cell]
            if all(len(cell) == 1 for cell in filled):
                if filled:
                    yield _CELL_GAP.join(cell[0].strip() for cell in filled)
            else:
                for cell in filled:
                    yield from cell


def _inline(element: etree._Element, pieces: list[str], boxes: list[etree._Element]) -> None:
    """The text of runs, hyperlinks, fields and insertions inside `element`, depth first; text boxes set aside."""
    for child in element:
        name = _local(child)
        if not name or name in _SKIPPED:
            continue
        if name == "t":
            pieces.append(child.text or "")
        elif name == "tab" or name == "ptab":
            pieces.append("\t")
        elif name in ("br", "cr"):
            pieces.append("\n")
        elif name == "noBreakHyphen":
            pieces.append("-")
        elif name == "txbxContent":
            boxes.append(child)
        else:
            _inline(child, pieces, boxes)
