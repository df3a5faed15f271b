"""Turn an uploaded resume (PDF, Word document or plain text) into normalised text.

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
from pypdf.generic import ArrayObject, NullObject, StreamObject

from skillgap.errors import FieldViolation, InvalidArgument, quoted
from skillgap.resumes.docx import DOCX, DocxError, is_docx, read_docx

PDF = "application/pdf"
TEXT = "text/plain"

MAX_PAGES = 50
MAX_TEXT_CHARS = 200_000
# Real resumes take milliseconds; the per-stream limits below bound one page, this bounds the file when
# parsing runs in this process. The sandbox (skillgap.resumes.sandbox) enforces its own, harder limits.
PDF_TIME_BUDGET_SECONDS = 10.0

MIB = 1024 * 1024
_PDF_MAGIC = b"%PDF-"
# Some generators put junk before the header; readers accept the magic within the first KiB.
_MAGIC_WINDOW = 1024
# Word-processor formats other than .docx; an old Word file (.doc) and a password-protected Office file are both an
# OLE compound file.
_OTHER_OFFICE_SUFFIXES = {".doc", ".odt", ".rtf", ".pages", ".wps"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ACCEPTED_DECLARED_TYPES = {"", PDF, "application/x-pdf", "application/octet-stream"}
_ACCEPTS = "upload a PDF, a Word document (.docx) or a plain text (UTF-8) file, or paste the text"
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


class _DefectCounter(logging.Handler):
    """Counts the defects pypdf works around (it logs a WARNING or ERROR for each) instead of logging them:
    they describe the user's file, not the server, and would flood the log. Reset and read under
    _PYPDF_LOCK."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


_DEFECTS = _DefectCounter()
_pypdf_log = logging.getLogger("pypdf")
_pypdf_log.setLevel(logging.WARNING)
_pypdf_log.propagate = False
_pypdf_log.addHandler(_DEFECTS)
# warnings.catch_warnings swaps process-global state: two threads entering and leaving it interleaved
# can leave the "ignore" filter installed for good. Parsing holds the GIL almost throughout anyway, so
# serialising it costs next to nothing.
_PYPDF_LOCK = threading.Lock()

_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_STRAY_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_UNUSUAL_SPACE = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class ParsedDocument:
    text: str
    content_type: str  # PDF, DOCX or TEXT, as detected from the bytes
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
    """Extract the text of a resume. Sync and CPU-bound, and runs a PDF parser over hostile bytes: the server
    calls it through skillgap.resumes.sandbox, in a child process under time and memory limits.

    Raises InvalidArgument for every file it refuses; MemoryError is the one other exception."""
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
        raw, page_count, defects = _extract_pdf(content, max_pages=max_pages, max_chars=max_chars)
    elif declared in (PDF, "application/x-pdf") or suffix == ".pdf":
        raise _invalid(
            "UNSUPPORTED_FORMAT",
            "the file is labelled as a PDF but its content is not a PDF; it may be damaged or renamed. "
            + _ACCEPTS_SENTENCE,
        )
    elif is_docx(content):
        kind = DOCX
        try:
            raw, page_count, defects = read_docx(content), 0, 0
        except DocxError as exc:
            raise _invalid(exc.reason, exc.message) from None
    elif content.startswith(_OLE_MAGIC):
        raise _invalid(
            "UNSUPPORTED_FORMAT",
            "the file is an old Word document (.doc) or a password-protected one; save it as .docx without a "
            "password or as PDF, or paste the text",
        )
    elif suffix == ".docx":
        raise _invalid(
            "UNSUPPORTED_FORMAT",
            "the file is named .docx but its content is not a Word document; it may be damaged or renamed. "
            + _ACCEPTS_SENTENCE,
        )
    elif suffix in _OTHER_OFFICE_SUFFIXES or content.startswith(b"{\\rtf"):
        raise _invalid(
            "UNSUPPORTED_FORMAT",
            "this kind of word-processor document is not supported; save the resume as .docx or PDF, or paste the text",
        )
    elif declared not in _ACCEPTED_DECLARED_TYPES and not declared.startswith("text/"):
        raise _invalid("UNSUPPORTED_FORMAT", f"files of type {quoted(declared)} are not supported; " + _ACCEPTS)
    else:
        kind = TEXT
        raw, page_count, defects = _decode_text(content), 0, 0

    text = normalize_text(raw)
    if len(text) > max_chars:
        raise _too_long(max_chars)
    if not text:
        if kind == PDF and defects:
            # Not a scan: the parts that would hold the text could not be read.
            raise _invalid(
                "CORRUPT_PDF",
                "the PDF could not be read; no text could be read from it and parts of it are damaged. "
                + _ACCEPTS_SENTENCE,
            )
        if kind == PDF:
            raise _invalid(
                "NO_EXTRACTABLE_TEXT",
                "the PDF has no selectable text; it looks like a scan. "
                "Upload a PDF with selectable text or paste the text",
            )
        if kind == DOCX:
            raise _invalid(
                "EMPTY_DOCUMENT",
                "the Word document has no text (its words may be pictures); save it as PDF with selectable text, "
                "or paste the text",
            )
        raise _invalid("EMPTY_DOCUMENT", "the resume contains only whitespace; " + _ACCEPTS)
    return ParsedDocument(text=text, content_type=kind, page_count=page_count)


def normalize_text(text: str) -> str:
    """Line breaks kept (one kind), no control or zero-width chars, unusual spaces made plain, line ends trimmed, at
    most one blank line in a row. Runs of spaces, tabs and indentation are kept: they are structure the resume reader
    uses (the columns of a PDF's or a table's text, "Title<tab>Oct 2016 to Current", the nesting of a data file);
    collapsing them cost a tenth of the titles on the labelled real resumes (tests/benchmarks/eval_resumes)."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _STRAY_CHARS.sub("", text)
    text = _UNUSUAL_SPACE.sub(" ", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip("\n").rstrip()


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


def _extract_pdf(content: bytes, *, max_pages: int, max_chars: int) -> tuple[str, int, int]:
    """The text of a PDF, its page count and how many defects pypdf worked around. Raises InvalidArgument
    for every file it cannot read; only MemoryError escapes, so that the caller can name the memory limit
    it runs under."""
    with _PYPDF_LOCK, warnings.catch_warnings(), apply_configuration(_PYPDF_CONFIGURATION):
        warnings.simplefilter("ignore")
        _DEFECTS.count = 0
        try:
            reader = PdfReader(io.BytesIO(content), strict=False)
            encrypted = reader.is_encrypted
        except (FileNotDecryptedError, DependencyError) as exc:
            raise _encrypted() from exc
        except MemoryError:
            raise
        except NotImplementedError as exc:
            # An encryption handler other than the standard one (a DRM plug-in's).
            if "encrypt" in str(exc).lower():
                raise _encrypted() from exc
            raise _corrupt(exc) from exc
        except Exception as exc:  # pypdf raises far more than PyPdfError on malformed input
            raise _corrupt(exc) from exc
        # Refused even when it opens with an empty password: the permissions the owner set (no copy,
        # no extraction) are the owner's decision, and the stored original must be readable later.
        if encrypted:
            raise _encrypted()
        try:
            # The declared count first: it is free, while counting the pages walks the whole page tree.
            declared = _declared_page_count(reader)
            page_count = declared if declared > max_pages else len(reader.pages)
        except MemoryError:
            raise
        except Exception as exc:
            raise _corrupt(exc) from exc
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
                raise took_too_long(PDF_TIME_BUDGET_SECONDS)
            try:
                contents = page.get("/Contents")
                if contents is not None and not isinstance(
                    contents.get_object(), StreamObject | ArrayObject | NullObject
                ):
                    _DEFECTS.count += 1  # what the page draws is not a drawing
                page_text = normalize_text(page.extract_text())
            except MemoryError:
                raise
            except Exception as exc:
                raise _corrupt(exc) from exc
            total += len(page_text)
            # Stop early: a hostile file should not make us extract all of its pages to refuse it.
            if total > max_chars:
                raise _too_long(max_chars)
            pages.append(page_text)
    return "\n\n".join(pages), page_count, _DEFECTS.count


def _declared_page_count(reader: PdfReader) -> int:
    """The page count the file's page tree claims. pypdf counts the pages it finds, so a file that declares
    100,000 pages over one real page reads as one; it is refused all the same (nothing honest does that)."""
    try:
        count = reader.root_object["/Pages"].get_object().get("/Count")  # type: ignore[union-attr]
    except Exception:
        return 0
    return count if isinstance(count, int) and count > 0 else 0


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


def content_error(reason: str, message: str, *, metadata: dict[str, str] | None = None) -> InvalidArgument:
    """A refusal of the uploaded content, as parse_resume raises them (for refusals made elsewhere)."""
    return _invalid(reason, message, metadata=metadata)


def took_too_long(limit_seconds: float, content: bytes | None = None) -> InvalidArgument:
    """A document (`content`; None: a PDF) that a parser stopped after `limit_seconds`."""
    return _too_complex(
        f"reading it takes longer than the {limit_seconds:g} s limit", {"limit_seconds": f"{limit_seconds:g}"}, content
    )


def needs_too_much_memory(limit_bytes: int | None, content: bytes | None = None) -> InvalidArgument:
    """A document (`content`; None: a PDF) whose reading ran out of the memory a parser may use."""
    if limit_bytes is None:
        return _too_complex("reading it needs more memory than allowed", {}, content)
    return _too_complex(
        f"reading it needs more than the {_limit(limit_bytes)} memory limit", {"limit_bytes": str(limit_bytes)}, content
    )


def unreadable(detail: str, content: bytes | None = None) -> InvalidArgument:
    """A document (`content`; None: a PDF) a parser gave up on for a reason of its own (crashed, killed)."""
    name, reason = _described(content)
    return _invalid(reason, f"the {name} could not be read; {detail}. " + _ACCEPTS_SENTENCE)


def _described(content: bytes | None) -> tuple[str, str]:
    """What the user uploaded, as a message names it, and the reason a document of that kind that cannot be read
    gets: a parser's limits apply to every kind it reads."""
    if content is None or _PDF_MAGIC in content[:_MAGIC_WINDOW]:
        return "PDF", "CORRUPT_PDF"
    return ("Word document" if is_docx(content) else "file"), "CORRUPT_DOCUMENT"


def _too_complex(limit: str, metadata: dict[str, str], content: bytes | None = None) -> InvalidArgument:
    name, reason = _described(content)
    return _invalid(
        reason,
        f"the {name} could not be read; it is too complex to read safely: {limit}. " + _ACCEPTS_SENTENCE,
        metadata=metadata,
    )


def _corrupt(exc: BaseException) -> InvalidArgument:
    """The refusal for an exception pypdf raised: which limit the file hit, else damage."""
    if isinstance(exc, RecursionError):
        return _too_complex("its objects are nested deeper than the parser allows", {})
    if not isinstance(exc, LimitReachedError):
        return _invalid("CORRUPT_PDF", "the PDF could not be read; it may be damaged. " + _ACCEPTS_SENTENCE)
    text = str(exc).lower()
    allowed = _last_number(text)
    config = _PYPDF_CONFIGURATION
    if "array-based" in text:
        limit = f"a page's content streams together inflate to more than the {_limit(_STREAM_LIMIT)} limit"
    elif "decompress" in text or "decoding" in text or "output length" in text:
        limit = f"a compressed stream in it inflates to more than the {_limit(_STREAM_LIMIT)} limit"
    elif "declared" in text and "length" in text:
        limit = f"a stream in it declares a length above the {_limit(_STREAM_LIMIT)} limit"
    elif "token" in text:
        limit = f"a page holds more than the limit of {config.stream_parsing_work_maximum_count:,} drawing instructions"
    elif "tounicode" in text:
        limit = f"a font's character map covers more than the limit of {allowed or 'allowed'} codes"
    elif "cycle" in text or "loop" in text or "self reference" in text:
        limit = "its objects refer to themselves in a loop"
    elif "page tree" in text:
        limit = (
            f"its page tree exceeds the limits of {config.page_tree_maximum_entries:,} entries "
            f"and {config.page_tree_maximum_depth} levels"
        )
    elif "xref" in text or "declared size" in text:
        limit = f"its cross-reference table declares more objects than the limit of {allowed or 'allowed'}"
    else:
        limit = "it exceeds one of the parser's limits"
    return _too_complex(limit, {})


def _last_number(text: str) -> str | None:
    """The last integer of a pypdf limit message ("... 4294967296 > 100000."), which is the limit."""
    numbers = re.findall(r"\d+", text)
    return f"{int(numbers[-1]):,}" if numbers else None
