"""Turn an uploaded resume (PDF or plain text) into normalised text.

Every refusal is an InvalidArgument with a stable `reason` and a message that tells the user what to
do. Uploads are hostile input: the format is decided by the bytes, not by the name or declared type,
and PDF parsing runs under page, text and decompression limits.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import threading
import time
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from pypdf import Configuration, PdfReader, apply_configuration
from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

from skillgap.errors import FieldViolation, InvalidArgument

PDF = "application/pdf"
TEXT = "text/plain"

MAX_PAGES = 50
MAX_TEXT_CHARS = 200_000
# Real resumes take milliseconds; the per-stream limits below bound one page, this bounds the file.
PDF_TIME_BUDGET_SECONDS = 10.0

MIB = 1024 * 1024
_PDF_MAGIC = b"%PDF-"
# Some generators put junk before the header; readers accept the magic within the first KiB.
_MAGIC_WINDOW = 1024
_OFFICE_SUFFIXES = {".doc", ".docx", ".odt", ".rtf", ".pages", ".wps"}
_ACCEPTED_DECLARED_TYPES = {"", PDF, "application/x-pdf", "application/octet-stream"}
_ACCEPTS = "upload a PDF or plain text (UTF-8) file, or paste the text"
_ACCEPTS_SENTENCE = _ACCEPTS[0].upper() + _ACCEPTS[1:]

# A resume's content streams are small; a bigger decompressed stream is a bomb, not a CV.
_STREAM_LIMIT = 32 * MIB
_PYPDF_CONFIGURATION = Configuration(
    disable_legacy_handling=True,
    # Never spawn an external image decoder for an uploaded file.
    jbig2dec_binary=None,
    maximum_declared_stream_length=_STREAM_LIMIT,
    array_based_stream_maximum_output_length=_STREAM_LIMIT,
    zlib_maximum_output_length=_STREAM_LIMIT,
    lzw_maximum_output_length=_STREAM_LIMIT,
    run_length_maximum_output_length=_STREAM_LIMIT,
    brotli_maximum_output_length=_STREAM_LIMIT,
    jbig2_maximum_output_length=_STREAM_LIMIT,
    stream_decoding_work_maximum_length=4 * _STREAM_LIMIT,
    # A dense real page is a few ten thousand tokens; pypdf's default (2M) lets a 10 kB file burn
    # seconds of CPU per page.
    stream_parsing_work_maximum_count=250_000,
    xform_maximum_invocations_per_extraction=500,
    page_tree_maximum_entries=10_000,
    page_tree_maximum_page_entries=100_000,
)

# pypdf logs a WARNING or ERROR for every defect it meets in a file; those describe the user's file, not
# the server, and would flood the log.
logging.getLogger("pypdf").setLevel(logging.CRITICAL)
# warnings.catch_warnings swaps process-global state: two threads entering and leaving it interleaved
# can leave the "ignore" filter installed for good. Parsing holds the GIL almost throughout anyway, so
# serialising it costs next to nothing.
_PYPDF_LOCK = threading.Lock()

_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_STRAY_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_HORIZONTAL_SPACE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class ParsedDocument:
    text: str
    content_type: str  # PDF or TEXT, as detected from the bytes
    page_count: int  # 0 for text


def parse_resume(
    content: bytes,
    *,
    filename: str,
    content_type: str,
    max_bytes: int,
    max_pages: int = MAX_PAGES,
    max_chars: int = MAX_TEXT_CHARS,
) -> ParsedDocument:
    """Extract the text of a resume. Sync and CPU-bound: run it in a thread."""
    size = len(content)
    if size == 0:
        raise _invalid("EMPTY_DOCUMENT", "the resume is empty; " + _ACCEPTS)
    if size > max_bytes:
        raise _invalid(
            "DOCUMENT_TOO_LARGE",
            f"resume is {_size(size)} ({size} bytes); the limit is {_limit(max_bytes)} ({max_bytes} bytes)",
            metadata={"size_bytes": str(size), "limit_bytes": str(max_bytes)},
        )

    declared = content_type.split(";", 1)[0].strip().lower()
    suffix = PurePath(filename).suffix.lower()
    if _PDF_MAGIC in content[:_MAGIC_WINDOW]:
        kind = PDF
        raw, page_count = _extract_pdf(content, max_pages=max_pages, max_chars=max_chars)
    elif declared in (PDF, "application/x-pdf") or suffix == ".pdf":
        raise _invalid(
            "UNSUPPORTED_FORMAT",
            "the file is labelled as a PDF but its content is not a PDF; it may be damaged or renamed. "
            + _ACCEPTS_SENTENCE,
        )
    elif suffix in _OFFICE_SUFFIXES or content.startswith(b"{\\rtf"):
        raise _invalid(
            "UNSUPPORTED_FORMAT",
            "word-processor documents are not supported; export the resume as PDF, or paste the text",
        )
    elif declared not in _ACCEPTED_DECLARED_TYPES and not declared.startswith("text/"):
        raise _invalid("UNSUPPORTED_FORMAT", f"files of type {declared!r} are not supported; " + _ACCEPTS)
    else:
        kind = TEXT
        raw, page_count = _decode_text(content), 0

    text = normalize_text(raw)
    if len(text) > max_chars:
        raise _too_long(max_chars)
    if not text:
        if kind == PDF:
            raise _invalid(
                "NO_EXTRACTABLE_TEXT",
                "the PDF has no selectable text; it looks like a scan. "
                "Upload a PDF with selectable text or paste the text",
            )
        raise _invalid("EMPTY_DOCUMENT", "the resume contains only whitespace; " + _ACCEPTS)
    return ParsedDocument(text=text, content_type=kind, page_count=page_count)


def normalize_text(text: str) -> str:
    """One space between words, line breaks kept, at most one blank line in a row, no control chars."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _STRAY_CHARS.sub("", text)
    text = _HORIZONTAL_SPACE.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def _decode_text(content: bytes) -> str:
    if content.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
    try:
        text = content.decode(encoding)
    except UnicodeDecodeError:
        text = None
    if text is None or _BINARY_CONTROL.search(text):
        raise _invalid("UNSUPPORTED_FORMAT", "the file is neither a PDF nor plain text; " + _ACCEPTS)
    return text


def _extract_pdf(content: bytes, *, max_pages: int, max_chars: int) -> tuple[str, int]:
    with _PYPDF_LOCK, warnings.catch_warnings(), apply_configuration(_PYPDF_CONFIGURATION):
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(io.BytesIO(content), strict=False)
            encrypted = reader.is_encrypted
        except (FileNotDecryptedError, DependencyError) as exc:
            raise _encrypted() from exc
        except Exception as exc:  # pypdf raises far more than PyPdfError on malformed input
            raise _corrupt(too_complex=_is_limit(exc)) from exc
        # Refused even when it opens with an empty password: the permissions the owner set (no copy,
        # no extraction) are the owner's decision, and the stored original must be readable later.
        if encrypted:
            raise _encrypted()
        try:
            page_count = len(reader.pages)
        except Exception as exc:
            raise _corrupt(too_complex=_is_limit(exc)) from exc
        if page_count == 0:
            raise _invalid("CORRUPT_PDF", "the PDF has no pages; it may be damaged. " + _ACCEPTS_SENTENCE)
        if page_count > max_pages:
            raise _invalid(
                "TOO_MANY_PAGES",
                f"the PDF has {page_count} pages; the limit is {max_pages} pages. Upload the resume alone",
                metadata={"page_count": str(page_count), "limit_pages": str(max_pages)},
            )
        pages: list[str] = []
        total = 0
        deadline = time.monotonic() + PDF_TIME_BUDGET_SECONDS
        for page in reader.pages:
            if time.monotonic() > deadline:
                raise _corrupt(too_complex=True)
            try:
                page_text = normalize_text(page.extract_text())
            except Exception as exc:
                raise _corrupt(too_complex=_is_limit(exc)) from exc
            total += len(page_text)
            # Stop early: a hostile file should not make us extract all of its pages to refuse it.
            if total > max_chars:
                raise _too_long(max_chars)
            pages.append(page_text)
    return "\n\n".join(pages), page_count


def _size(n: int) -> str:
    """A received size: always one decimal, so 10.0 MiB reads as measured, not as a limit."""
    return f"{n / MIB:.1f} MiB" if n >= MIB // 10 else f"{n / MIB:.3f} MiB"


def _limit(n: int) -> str:
    return f"{n // MIB} MiB" if n % MIB == 0 else _size(n)


def _invalid(reason: str, message: str, *, metadata: dict[str, str] | None = None) -> InvalidArgument:
    return InvalidArgument(
        message,
        reason=reason,
        metadata=metadata,
        violations=[FieldViolation(field="content", description=message)],
    )


def _too_long(max_chars: int) -> InvalidArgument:
    return _invalid(
        "TEXT_TOO_LONG",
        f"the resume's text is longer than the limit of {max_chars:,} characters; "
        "upload the resume alone, without attachments",
        metadata={"limit_chars": str(max_chars)},
    )


def _encrypted() -> InvalidArgument:
    return _invalid(
        "ENCRYPTED_PDF",
        "the PDF is password-protected or encrypted; upload an unprotected copy or paste the text",
    )


def _is_limit(exc: BaseException) -> bool:
    return isinstance(exc, LimitReachedError | RecursionError | MemoryError)


def _corrupt(*, too_complex: bool) -> InvalidArgument:
    if too_complex:
        detail = "it is too complex to read safely (it exceeds a processing limit)"
    else:
        detail = "it may be damaged"
    return _invalid("CORRUPT_PDF", f"the PDF could not be read; {detail}. " + _ACCEPTS_SENTENCE)
