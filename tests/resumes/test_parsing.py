"""What a user notices when uploading a resume: the text we read from it, or why it was refused."""

from __future__ import annotations

import codecs
import hashlib
import io
import random
import time
import zipfile
import zlib
from datetime import date
from pathlib import Path

import pytest

from skillgap.errors import InvalidArgument
from skillgap.resumes.parsing import MAX_PAGES, MAX_TEXT_CHARS, ParsedDocument, normalize_text, parse_resume
from skillgap.skills.experience import parse_experience
from tests.fixtures.documents import (
    LATER_PAGE_SKILLS,
    PAGE_ONE_SKILLS,
    draw_text_pdf,
    make_encrypted_pdf,
    make_resume_pdf,
    make_resume_text,
    make_scanned_pdf,
    random_bytes,
)

MIB = 1024 * 1024
READING = Path(__file__).resolve().parents[1] / "data/reading/resumes/texts"
LIMIT = 10 * MIB


def parse(content: bytes, filename: str = "resume.pdf", content_type: str = "", **limits: int) -> ParsedDocument:
    return parse_resume(content, filename=filename, content_type=content_type, max_bytes=LIMIT, **limits)


def refusal(content: bytes, filename: str = "resume.pdf", content_type: str = "", **limits: int) -> InvalidArgument:
    with pytest.raises(InvalidArgument) as caught:
        parse(content, filename, content_type, **limits)
    error = caught.value
    assert [v.field for v in error.violations] == ["content"]
    return error


# --- what gets through ---------------------------------------------------------------------------


def test_two_page_pdf_yields_the_text_of_both_pages() -> None:
    parsed = parse(make_resume_pdf("Ada Lovelace", pages=2), content_type="application/pdf")

    assert parsed.content_type == "application/pdf"
    assert parsed.page_count == 2
    assert "Ada Lovelace" in parsed.text
    for skill in PAGE_ONE_SKILLS + LATER_PAGE_SKILLS:
        assert skill in parsed.text
    assert "EDUCATION" in parsed.text


def test_pdf_text_is_normalised_with_line_breaks_kept() -> None:
    text = parse(make_resume_pdf()).text

    assert "  " not in text
    assert "\x00" not in text
    assert "\n\n\n" not in text
    assert text.count("\n") > 20
    assert all(line == line.strip() for line in text.splitlines())


def test_different_seeds_give_different_documents_and_the_same_seed_the_same_bytes() -> None:
    digests = {hashlib.sha256(make_resume_pdf(seed=seed)).hexdigest() for seed in range(5)}
    assert len(digests) == 5
    assert make_resume_pdf(seed=3) == make_resume_pdf(seed=3)
    assert make_resume_text(seed=1) != make_resume_text(seed=2)


def test_pdf_is_recognised_by_its_bytes_whatever_its_name() -> None:
    parsed = parse(make_resume_pdf(pages=1), filename="resume.txt", content_type="text/plain")
    assert parsed.content_type == "application/pdf"
    assert parsed.page_count == 1


def test_pdf_with_junk_before_the_header_is_read() -> None:
    parsed = parse(b"\r\n" * 10 + make_resume_pdf(pages=1))
    assert "Jane Doe" in parsed.text


def test_plain_text_resume() -> None:
    text = make_resume_text("Grace Hopper")
    parsed = parse(text.encode(), filename="resume.txt", content_type="text/plain; charset=utf-8")

    assert parsed.content_type == "text/plain"
    assert parsed.page_count == 0
    assert parsed.text.startswith("Grace Hopper\n")
    for skill in PAGE_ONE_SKILLS + LATER_PAGE_SKILLS:
        assert skill in parsed.text


@pytest.mark.parametrize(
    "encoded",
    [
        codecs.BOM_UTF8 + "Zoë Müller\nKubernetes".encode(),
        "Zoë Müller\nKubernetes".encode("utf-16"),  # with a BOM, as Windows Notepad writes it
        codecs.BOM_UTF16_BE + "Zoë Müller\nKubernetes".encode("utf-16-be"),
    ],
    ids=["utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_text_with_a_byte_order_mark(encoded: bytes) -> None:
    parsed = parse(encoded, filename="cv.txt")
    assert parsed.text == "Zoë Müller\nKubernetes"


def test_text_without_a_name_or_type_is_sniffed() -> None:
    parsed = parse(b"Jane Doe\nPython developer", filename="", content_type="")
    assert parsed.content_type == "text/plain"


def test_markdown_is_text() -> None:
    parsed = parse(b"# Jane Doe\n\n* Python\n* Go\n", filename="cv.md", content_type="text/markdown")
    assert parsed.text == "# Jane Doe\n\n* Python\n* Go"


def test_normalisation_keeps_lines_columns_and_indentation_and_strips_nuls() -> None:
    raw = "Jane\x00 Doe  \r\n\tPython,\u00a0\u00a0Go \r\n\r\n\r\n\r\nSkills\u200b\fPage two  "
    assert normalize_text(raw) == "Jane Doe\n\tPython,  Go\n\nSkills\nPage two"
    # A column gap and a nested key keep their width: the resume reader reads both as structure.
    assert normalize_text("Payroll Clerk    Mar 2019 to Current \n  - role: Clerk") == (
        "Payroll Clerk    Mar 2019 to Current\n  - role: Clerk"
    )


def test_an_uploaded_resume_keeps_the_columns_its_jobs_are_read_from() -> None:
    # A real LiveCareer resume as PDF text flattened onto wide-gapped lines (tests/data/reading/resumes, r010): its
    # jobs are read from the gaps between title, dates and company. Collapsed to single spaces, it read no title
    # and 0 years; its labels say HR Administrator since Feb 2015, 20.3 years in all.
    text = (READING / "r010.txt").read_bytes()
    parsed = parse(text, filename="resume.txt", content_type="text/plain")
    experience = parse_experience(parsed.text, today=date(2026, 12, 5))
    assert experience.recent_titles[:1] == ("HR Administrator",)
    assert experience.total_years == pytest.approx(20.3, abs=0.1 * 20.3)


@pytest.mark.parametrize(
    ("name", "title", "years"),
    [("r101.txt", "Data Analyst", 6.2), ("r184.txt", "Engineering Lab Technician", 23.8)],
)
def test_a_resume_uploaded_as_a_pdf_reads_as_its_text_does(name: str, title: str, years: float) -> None:
    # Real resumes of the reading set (a markdown CV; a LiveCareer PDF's text, dates on lines of their own), drawn
    # into a PDF: its text, read back by the upload's PDF parser, gives the newest title and years of the labels.
    parsed = parse(draw_text_pdf((READING / name).read_text()))
    experience = parse_experience(parsed.text, today=date(2026, 12, 5))
    assert experience.recent_titles[:1] == (title,)
    assert experience.total_years == pytest.approx(years, abs=0.1 * years)


# --- what is refused, and what the user is told --------------------------------------------------


def test_empty_file() -> None:
    error = refusal(b"", filename="resume.txt")
    assert error.reason == "EMPTY_DOCUMENT"
    assert "empty" in error.message


def test_whitespace_only_text() -> None:
    error = refusal(b"  \n\t\r\n   \n", filename="resume.txt")
    assert error.reason == "EMPTY_DOCUMENT"


def test_too_large_names_the_limit_and_the_size() -> None:
    content = b"a" * (11 * MIB)
    error = refusal(content, filename="resume.txt")

    assert error.reason == "DOCUMENT_TOO_LARGE"
    assert error.message == "resume is 11.0 MiB (11534336 bytes); the limit is 10 MiB (10485760 bytes)"
    assert error.metadata == {"size_bytes": "11534336", "limit_bytes": "10485760"}


def test_exactly_at_the_limit_is_accepted() -> None:
    content = make_resume_pdf(pages=1)
    parsed = parse_resume(content, filename="r.pdf", content_type="", max_bytes=len(content))
    assert parsed.page_count == 1
    with pytest.raises(InvalidArgument) as caught:
        parse_resume(content, filename="r.pdf", content_type="", max_bytes=len(content) - 1)
    assert caught.value.reason == "DOCUMENT_TOO_LARGE"


def test_random_bytes_named_pdf_are_not_a_pdf() -> None:
    error = refusal(random_bytes(4096), filename="resume.pdf")
    assert error.reason == "UNSUPPORTED_FORMAT"
    assert "not a PDF" in error.message


def test_text_declared_as_pdf_is_not_a_pdf() -> None:
    error = refusal(b"Jane Doe, Python developer", filename="resume", content_type="application/pdf")
    assert error.reason == "UNSUPPORTED_FORMAT"
    assert "not a PDF" in error.message


def test_random_bytes_are_neither_pdf_nor_text() -> None:
    error = refusal(random_bytes(4096, seed=7), filename="cv.bin", content_type="application/octet-stream")
    assert error.reason == "UNSUPPORTED_FORMAT"
    assert "a PDF, a Word document (.docx) or a plain text" in error.message


def test_a_zip_named_docx_without_a_word_document_is_refused_with_advice() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>Jane Doe</w:document>")
    error = refusal(
        buffer.getvalue(),
        filename="resume.docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    assert error.reason == "UNSUPPORTED_FORMAT"
    assert "not a Word document" in error.message and "PDF" in error.message


def test_other_word_processor_formats_are_refused_with_advice() -> None:
    error = refusal(b"{\\rtf1\\ansi Jane Doe}", filename="resume.rtf", content_type="application/rtf")
    assert error.reason == "UNSUPPORTED_FORMAT"
    assert ".docx or PDF" in error.message


def test_png_is_refused() -> None:
    png = b"\x89PNG\r\n\x1a\n" + random_bytes(2000)
    error = refusal(png, filename="resume.png", content_type="image/png")
    assert error.reason == "UNSUPPORTED_FORMAT"
    assert "a PDF, a Word document (.docx) or a plain text" in error.message


def test_text_with_binary_control_characters_is_refused() -> None:
    error = refusal(b"Jane Doe\x00\x00\x01\x02 Python", filename="resume.txt")
    assert error.reason == "UNSUPPORTED_FORMAT"


def test_latin1_text_is_refused_with_the_encoding_named() -> None:
    error = refusal("Zoë Müller".encode("latin-1"), filename="resume.txt")
    assert error.reason == "UNSUPPORTED_FORMAT"
    assert "UTF-8" in error.message


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n",
        b"%PDF-1.7\n" + random_bytes(5000, seed=3),
        make_resume_pdf()[:1500],
        b"%PDF-1.4\n1 0 obj\n" + b"[" * 100_000 + b"\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF",
    ],
    ids=["header-only", "header-then-noise", "truncated", "deeply-nested"],
)
def test_corrupt_pdf(content: bytes) -> None:
    error = refusal(content)
    assert error.reason == "CORRUPT_PDF"
    assert "could not be read" in error.message


@pytest.mark.parametrize("password", ["", "secret"], ids=["empty-user-password", "user-password"])
def test_encrypted_pdf_is_refused_even_without_a_password(password: str) -> None:
    error = refusal(make_encrypted_pdf(user_password=password))
    assert error.reason == "ENCRYPTED_PDF"
    assert "unprotected copy" in error.message


def test_scanned_pdf_has_no_extractable_text() -> None:
    error = refusal(make_scanned_pdf())
    assert error.reason == "NO_EXTRACTABLE_TEXT"
    assert "scan" in error.message
    assert "selectable text" in error.message


def test_too_many_pages_names_the_limit() -> None:
    error = refusal(make_resume_pdf(pages=MAX_PAGES + 1))
    assert error.reason == "TOO_MANY_PAGES"
    assert f"the limit is {MAX_PAGES} pages" in error.message
    assert parse(make_resume_pdf(pages=MAX_PAGES)).page_count == MAX_PAGES


def test_too_much_pdf_text_names_the_limit() -> None:
    error = refusal(make_resume_pdf(pages=3), max_chars=500)
    assert error.reason == "TEXT_TOO_LONG"
    assert "500 characters" in error.message


def test_too_much_plain_text_names_the_default_limit() -> None:
    content = ("Python Go Kubernetes " * (MAX_TEXT_CHARS // 10)).encode()
    error = refusal(content, filename="resume.txt")
    assert error.reason == "TEXT_TOO_LONG"
    assert f"{MAX_TEXT_CHARS:,} characters" in error.message


def _single_page_pdf(content_stream: bytes) -> bytes:
    """A minimal valid PDF (with a cross-reference table) whose one page draws `content_stream`."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d/Filter/FlateDecode>>stream\n" % len(content_stream) + content_stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    pdf = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF" % (len(objects) + 1, xref)
    return pdf


def test_the_minimal_pdf_helper_makes_a_readable_pdf() -> None:
    pdf = _single_page_pdf(zlib.compress(b"BT /F1 12 Tf 72 700 Td (Hello Kubernetes) Tj ET"))
    assert parse(pdf).text == "Hello Kubernetes"


def test_decompression_bomb_is_refused_quickly() -> None:
    # 100 MB of spaces compress to ~100 kB; the limit on one decompressed stream is 32 MiB.
    pdf = _single_page_pdf(zlib.compress(b" " * 100_000_000, 9))
    started = time.monotonic()
    error = refusal(pdf)
    assert error.reason == "CORRUPT_PDF"
    assert "too complex" in error.message
    assert time.monotonic() - started < 5


def test_a_page_of_millions_of_operators_is_refused_quickly() -> None:
    pdf = _single_page_pdf(zlib.compress(b"BT /F1 12 Tf 72 700 Td (A) Tj ET\n" * 300_000, 9))
    started = time.monotonic()
    error = refusal(pdf)
    assert error.reason == "CORRUPT_PDF"
    assert "too complex" in error.message
    assert time.monotonic() - started < 5


def test_damaged_pdfs_never_escape_as_anything_but_a_refusal() -> None:
    """Flip bytes in a real resume: each result is text or an InvalidArgument, never a crash or a
    warning (pytest turns warnings into errors here)."""
    original = make_resume_pdf(pages=2)
    rng = random.Random(42)
    outcomes: set[str] = set()
    for _ in range(120):
        damaged = bytearray(original)
        for _ in range(rng.randint(1, 25)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            parse(bytes(damaged))
            outcomes.add("ok")
        except InvalidArgument as error:
            outcomes.add(error.reason)
    assert outcomes <= {"ok", "CORRUPT_PDF", "NO_EXTRACTABLE_TEXT", "UNSUPPORTED_FORMAT", "ENCRYPTED_PDF"}
    assert "CORRUPT_PDF" in outcomes
