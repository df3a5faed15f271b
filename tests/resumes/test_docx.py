"""Resumes uploaded as Word documents (.docx): what a user notices is the jobs read from the document, or why it
was refused; a hostile document costs bounded work and never leaks a file of the server."""

from __future__ import annotations

import io
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest

from skillgap.errors import InvalidArgument
from skillgap.resumes.docx import DOCX, MAX_PART_BYTES
from skillgap.resumes.parsing import ParsedDocument, parse_resume
from skillgap.skills.experience import parse_experience
from tests.fixtures.documents import write_docx

READING = Path(__file__).resolve().parents[1] / "data/reading/resumes/texts"
LIMIT = 10 * 1024 * 1024
TODAY = date(2026, 12, 5)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
)


def parse(content: bytes, filename: str = "resume.docx") -> ParsedDocument:
    return parse_resume(content, filename=filename, content_type="", max_bytes=LIMIT)


def refusal(content: bytes, filename: str = "resume.docx") -> InvalidArgument:
    with pytest.raises(InvalidArgument) as caught:
        parse(content, filename)
    return caught.value


def package(body: str | bytes, *, styles: str | None = None, prologue: str = "") -> bytes:
    """A Word package by hand: `body` is the inside of w:body (or, as bytes, the whole document part)."""
    document = (
        body
        if isinstance(body, bytes)
        else (
            f'<?xml version="1.0"?>{prologue}<w:document xmlns:w="{W}" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            'xmlns:v="urn:schemas-microsoft-com:vml">'
            f"<w:body>{body}</w:body></w:document>"
        ).encode()
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document)
        if styles is not None:
            archive.writestr("word/styles.xml", f'<?xml version="1.0"?><w:styles xmlns:w="{W}">{styles}</w:styles>')
    return buffer.getvalue()


def para(text: str, properties: str = "") -> str:
    return f'<w:p>{properties}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


# --- real resumes, written in Word ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "columns_as_tables", "title", "years"),
    [
        # LiveCareer PDF text with wide gaps between title, dates and employer: the columns become table cells.
        ("r010.txt", True, "HR Administrator", 20.3),
        # A markdown CV: its bullets become a Word bulleted list.
        ("r101.txt", False, "Data Analyst", 5.9),
        # Dates on lines of their own ("Oct 2016" / "to" / "Current").
        ("r184.txt", False, "Engineering Lab Technician", 23.8),
        # Plain text with ranges such as "2018-" before the employer, in table cells.
        ("r001.txt", True, "", 26.0),
    ],
)
def test_a_real_resume_written_in_word_reads_as_its_labels_say(
    name: str, columns_as_tables: bool, title: str, years: float
) -> None:
    # Real resumes of the reading set (tests/data/reading/resumes, labelled by reading) written as Word documents
    # and uploaded: the newest title and total years are the labelled ones.
    parsed = parse(write_docx((READING / name).read_text(), columns_as_tables=columns_as_tables))
    assert parsed.content_type == DOCX and parsed.page_count == 0
    experience = parse_experience(parsed.text, today=TODAY)
    assert (experience.recent_titles[:1] or ("",))[0] == title
    assert experience.total_years == pytest.approx(years, abs=0.15 * years)


def test_layout_reads_in_order_with_bullets_tables_and_breaks() -> None:
    document = write_docx(
        "Ana Souza\nEXPERIENCE\nStore Manager\tOct 2016 to Current\nAcme Foods - Springfield , IL\n"
        "- Led a team of 12\n- Cut waste by 20%\n\nEDUCATION\nBA History, 2010"
    )
    assert parse(document).text == (
        "Ana Souza\nEXPERIENCE\nStore Manager\tOct 2016 to Current\nAcme Foods - Springfield , IL\n"
        "• Led a team of 12\n• Cut waste by 20%\n\nEDUCATION\nBA History, 2010"
    )


def test_a_two_column_layout_table_reads_one_column_after_the_other() -> None:
    sidebar = para("SKILLS") + para("Python") + para("SQL")
    main = para("EXPERIENCE") + para("Data Analyst\tMar 2019 – Present") + para("Initech, Austin, TX")
    row = f"<w:tbl><w:tr><w:tc>{sidebar}</w:tc><w:tc>{main}</w:tc></w:tr></w:tbl>"
    text = parse(package(row)).text
    assert text == "SKILLS\nPython\nSQL\nEXPERIENCE\nData Analyst\tMar 2019 – Present\nInitech, Austin, TX"


def test_text_boxes_are_read_once_and_deleted_revisions_and_field_codes_not_at_all() -> None:
    box = f'<w:txbxContent>{para("Charge Nurse")}</w:txbxContent>'
    body = (
        "<w:p><w:r><mc:AlternateContent>"
        f"<mc:Choice><w:drawing><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
        "<w:p><w:del><w:r><w:delText>Intern</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>Registered Nurse</w:t></w:r></w:ins>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "http://x" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>, Mercy Hospital</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>2019</w:t><w:tab/><w:t>present</w:t><w:br/><w:t>Night shifts</w:t></w:r></w:p>"
    )
    assert parse(package(body)).text == "Charge Nurse\nRegistered Nurse, Mercy Hospital\n2019\tpresent\nNight shifts"


def test_list_styles_bullet_their_paragraphs_through_based_on_and_numbering_turned_off_does_not() -> None:
    styles = (
        '<w:style w:styleId="Bulleted"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>'
        '<w:style w:styleId="Duty"><w:basedOn w:val="Bulleted"/></w:style>'
        # A loop of basedOn, as a hostile or broken file may have: neither hangs nor bullets.
        '<w:style w:styleId="A"><w:basedOn w:val="B"/></w:style><w:style w:styleId="B"><w:basedOn w:val="A"/></w:style>'
    )
    body = (
        para("Handled payroll", '<w:pPr><w:pStyle w:val="Duty"/></w:pPr>')
        + para("Plain", '<w:pPr><w:pStyle w:val="Duty"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>')
        + para("Looped", '<w:pPr><w:pStyle w:val="A"/></w:pPr>')
    )
    assert parse(package(body, styles=styles)).text == "• Handled payroll\nPlain\nLooped"


# --- what is refused, and what the user is told ------------------------------------------------------


def test_a_document_of_pictures_only_says_so() -> None:
    error = refusal(package("<w:p><w:r><w:drawing/></w:r></w:p>"))
    assert error.reason == "EMPTY_DOCUMENT"
    assert "pictures" in error.message


def test_an_old_word_file_or_a_password_protected_one_gets_advice() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)
    for name in ("resume.doc", "resume.docx"):
        error = refusal(ole, name)
        assert error.reason == "UNSUPPORTED_FORMAT"
        assert ".docx" in error.message and "password" in error.message


def test_a_zip_named_docx_that_is_no_word_document_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photos/me.jpg", b"\xff\xd8")
    error = refusal(buffer.getvalue())
    assert error.reason == "UNSUPPORTED_FORMAT"
    assert "not a Word document" in error.message


def test_a_truncated_word_document_is_refused_as_damaged() -> None:
    whole = write_docx("Nurse\n2019 - present")
    error = refusal(whole[: len(whole) // 2])
    assert error.reason == "UNSUPPORTED_FORMAT"
    assert "damaged" in error.message


def test_a_damaged_text_part_is_refused() -> None:
    error = refusal(package(b"<w:document><w:body><w:p>"))
    assert error.reason == "CORRUPT_DOCUMENT"
    assert "damaged" in error.message


# --- hostile documents --------------------------------------------------------------------------------


def test_a_zip_bomb_stops_at_the_size_limit() -> None:
    # 40 MiB of text compressed to a few dozen kB: read until the limit, not into memory.
    huge = f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>'.encode() + b"a" * (40 * 1024 * 1024)
    bomb = package(huge + b"</w:t></w:r></w:p></w:body></w:document>")
    assert len(bomb) < 200_000
    began = time.perf_counter()
    error = refusal(bomb)
    assert time.perf_counter() - began < 5
    assert error.reason == "DOCUMENT_TOO_LARGE"
    assert f"{MAX_PART_BYTES // (1024 * 1024)} MiB" in error.message


def test_entities_are_never_expanded_nor_files_read() -> None:
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    prologue = f'<!DOCTYPE w:document [<!ENTITY l0 "lol">{laughs}<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    body = para("Welder &l9;") + para("&secret;") + para("2015 - 2020")
    began = time.perf_counter()
    try:
        text = parse(package(body, prologue=prologue)).text
    except InvalidArgument as refused:
        assert refused.reason in ("CORRUPT_DOCUMENT", "EMPTY_DOCUMENT")
    else:
        assert "lol" not in text and "root:" not in text
        assert "2015 - 2020" in text
    assert time.perf_counter() - began < 5


def test_a_word_document_over_the_parser_time_limit_is_named_as_one() -> None:
    # 14 MiB of one-letter paragraphs takes over a second to walk: a worker with a 0.3 s limit stops on it, and the
    # user is told about their Word document, not a PDF. (That a worker is replaced after its limit, the PDF tests
    # show.)
    from skillgap.resumes.sandbox import ParserSandbox

    slow = package("<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 440_000)
    sandbox = ParserSandbox(workers=1, timeout_seconds=0.3, memory_bytes=512 * 1024 * 1024)
    try:
        with pytest.raises(InvalidArgument) as caught:
            sandbox.parse(slow, filename="cv.docx", content_type="", max_bytes=LIMIT)
        assert caught.value.reason == "CORRUPT_DOCUMENT"
        assert "the Word document could not be read" in caught.value.message
        assert "longer than the 0.3 s limit" in caught.value.message
    finally:
        sandbox.close()
