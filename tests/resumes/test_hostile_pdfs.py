"""Hostile uploads: a corpus of malformed and adversarial PDFs, generated here (nothing downloaded),
sent through UploadResume over a real channel.

Each one must come back as INVALID_ARGUMENT whose message says what was wrong (and names the limit
when a limit was hit), within HOSTILE_UPLOAD_SECONDS, without the server process growing by more than
SERVER_RSS_GROWTH_BYTES, and while other users' calls keep being answered quickly.
"""

from __future__ import annotations

import asyncio
import io
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc import aio

from skillgap.errors import InvalidArgument
from skillgap.resumes.parsing import MAX_PAGES
from skillgap.resumes.sandbox import ParserSandbox
from skillgap.v1 import resume_pb2, resume_pb2_grpc
from tests.fixtures.documents import make_encrypted_pdf, make_resume_pdf, random_bytes

MIB = 1024 * 1024
# The bound every hostile upload is answered within, end to end over gRPC (the parser's own time
# limit is SKILLGAP_RESUME_PARSE_TIMEOUT_SECONDS, 5 s by default; the rest is slack for a busy CI).
HOSTILE_UPLOAD_SECONDS = 10.0
# How much the server process (here: the test process, which hosts it and its client) may grow over the
# whole corpus. Measured: 90-140 MiB, all of it the gRPC buffers of the two 9 MB files in flight at once
# (client and server side); parsing happens in worker processes and adds nothing here. In process, the
# bombs alone added 60-110 MiB each.
SERVER_RSS_GROWTH_BYTES = 200 * MIB
# What another user's cheap call may take while the server chews on a hostile file.
OTHER_USER_CALL_SECONDS = 1.0

Metadata = tuple[tuple[str, str], ...]


# --- a tiny PDF assembler ------------------------------------------------------------------------

FONT = b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"
TEXT = zlib.compress(b"BT /F1 12 Tf 72 700 Td (Jane Doe Python Kubernetes) Tj ET")


def assemble(objects: list[bytes], *, root: int = 1, xref: bool = True, trailer_extra: bytes = b"") -> bytes:
    """A PDF whose object n (1-based) is objects[n-1], with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root %d 0 R%s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer_extra,
        start,
    )
    return bytes(out)


def stream(data: bytes, extra: bytes = b"/Filter/FlateDecode") -> bytes:
    return b"<</Length %d%s>>stream\n" % (len(data), extra) + data + b"\nendstream"


def one_page(contents: bytes, *, page_extra: bytes = b"", more: list[bytes] | None = None) -> bytes:
    """Catalog (1), Pages (2), Page (3), contents (4), font (5), then `more` (6...)."""
    return assemble(
        [
            b"<</Type/Catalog/Pages 2 0 R>>",
            b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R"
            b"/Resources<</Font<</F1 5 0 R>>%s>>>>" % page_extra,
            contents,
            FONT,
            *(more or []),
        ]
    )


def zeros_deflate(total: int, *, chunk: int = 4 * MIB) -> bytes:
    """A valid zlib stream that inflates to `total` zero bytes, built without ever holding them: a
    full flush makes each compressed chunk independent, so one compressed chunk is repeated."""
    compressor = zlib.compressobj(9)
    block = b"\0" * chunk
    head = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    body = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush(zlib.Z_FINISH)[:-4]  # final empty block, without the 2-chunk checksum
    # Adler-32 of n zero bytes: the byte sum stays 1 and the second sum grows by 1 per byte.
    checksum = ((total // chunk * chunk) % 65521) << 16 | 1
    return head + body * (total // chunk - 1) + tail + checksum.to_bytes(4, "big")


def page_tree(count_declared: int, kids: int, *, contents: bytes = TEXT) -> bytes:
    """One Pages node declaring `count_declared` pages, with `kids` real (minimal) page objects that
    all draw the same content stream."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Count %d/Resources<</Font<</F1 4 0 R>>>>/MediaBox[0 0 612 792]/Kids[%s]>>"
        % (count_declared, b" ".join(b"%d 0 R" % (5 + i) for i in range(kids))),
        stream(contents),
        FONT,
    ]
    objects += [b"<</Type/Page/Parent 2 0 R/Contents 3 0 R>>"] * kids
    return assemble(objects)


# --- the corpus ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hostile:
    name: str
    make: Callable[[], bytes]
    reasons: frozenset[str]
    # Each must appear in the message (case-insensitive).
    says: tuple[str, ...]
    filename: str = "resume.pdf"
    content_type: str = "application/pdf"


CORRUPT = frozenset({"CORRUPT_PDF"})


def _truncated(fraction: float) -> Callable[[], bytes]:
    def make() -> bytes:
        pdf = make_resume_pdf(pages=2, seed=11)
        return pdf[: int(len(pdf) * fraction)]

    return make


def _nested_pages(depth: int) -> bytes:
    objects = [b"<</Type/Catalog/Pages 2 0 R>>"]
    for level in range(depth):
        objects.append(b"<</Type/Pages/Count 1/Kids[%d 0 R]>>" % (level + 3))
    objects.append(b"<</Type/Page/MediaBox[0 0 612 792]>>")
    return assemble(objects)


def _xref_prev_loop() -> bytes:
    pdf = one_page(stream(TEXT))
    start = int(pdf.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    # The trailer's /Prev points at its own xref section: a naive reader follows it forever.
    return pdf.replace(b"/Root 1 0 R>>", b"/Root 1 0 R/Prev %d>>" % start)


def _rc4_encrypted() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_resume_pdf(pages=1))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-40")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _encrypt_unknown_handler() -> bytes:
    return one_page(stream(TEXT)).replace(
        b"/Root 1 0 R>>", b"/Root 1 0 R/Encrypt<</Filter/FancyDRM/V 9/R 9/O(x)/U(y)/P -4>>/ID[<00><00>]>>"
    )


_CMAP_2_32 = zlib.compress(
    # A ToUnicode map with a 4-byte code range spanning 2^32 codes: a reader that expands ranges into a
    # table allocates for each one.
    b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
    b"1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange\n"
    b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange\n"
    b"endcmap CMapName currentdict /CMap defineresource pop end end"
)


def _cmap_bomb(cmap: bytes = _CMAP_2_32) -> bytes:
    """A page whose font maps its codes to text through `cmap` (a compressed ToUnicode stream)."""
    font = b"<</Type/Font/Subtype/Type0/BaseFont/X/Encoding/Identity-H/ToUnicode 6 0 R/DescendantFonts[7 0 R]>>"
    descendant = (
        b"<</Type/Font/Subtype/CIDFontType2/BaseFont/X"
        b"/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>>>"
    )
    content = zlib.compress(b"BT /F1 12 Tf 72 700 Td <0000004100000042> Tj ET")
    return assemble(
        [
            b"<</Type/Catalog/Pages 2 0 R>>",
            b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
            stream(content),
            font,
            stream(cmap),
            descendant,
        ]
    )


def _many_heavy_pages(pages: int, ops: int) -> bytes:
    """`pages` pages that each draw `ops` text operators (under the per-page parsing budget): each page
    alone is allowed, all of them take far longer than any resume (about 2 s per page here)."""
    return page_tree(pages, pages, contents=zlib.compress(b"BT /F1 12 Tf 72 700 Td (A) Tj ET\n" * (ops // 6), 9))


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("resume.txt", "Jane Doe")
    return buffer.getvalue()


def _startxref(offset: int) -> bytes:
    pdf = one_page(stream(TEXT))
    head, _, _ = pdf.rpartition(b"startxref\n")
    return head + b"startxref\n%d\n%%%%EOF\n" % offset


def _startxref_at_xref_stream() -> bytes:
    pdf = one_page(stream(TEXT), more=[stream(b"\0" * 64, b"/Type/XRef/Size 2000000000/W[9 9 9]/Index[0 2000000000]")])
    head, _, _ = pdf.rpartition(b"trailer\n")
    offset = pdf.index(b"6 0 obj")
    return head + b"startxref\n%d\n%%%%EOF\n" % offset


CORPUS: list[Hostile] = [
    # Not a PDF at all.
    Hostile("empty", lambda: b"", frozenset({"EMPTY_DOCUMENT"}), ("empty",)),
    Hostile("random-bytes", lambda: random_bytes(64 * 1024, seed=9), frozenset({"UNSUPPORTED_FORMAT"}), ("not a PDF",)),
    Hostile(
        "png-named-pdf",
        lambda: b"\x89PNG\r\n\x1a\n" + random_bytes(4096, seed=2),
        frozenset({"UNSUPPORTED_FORMAT"}),
        ("not a PDF",),
    ),
    Hostile("zip-named-pdf", lambda: _zip(), frozenset({"UNSUPPORTED_FORMAT"}), ("not a PDF",)),
    Hostile(
        "html-named-pdf",
        lambda: b"<html><body>" + b"<div>" * 10_000 + b"Jane</body></html>",
        frozenset({"UNSUPPORTED_FORMAT"}),
        ("not a PDF",),
    ),
    Hostile("header-only", lambda: b"%PDF-1.7\n", CORRUPT, ("could not be read",)),
    Hostile("header-then-noise", lambda: b"%PDF-1.4\n" + random_bytes(MIB, seed=4), CORRUPT, ("could not be read",)),
    # Truncated real resumes.
    Hostile("truncated-5pct", _truncated(0.05), CORRUPT, ("could not be read",)),
    Hostile("truncated-30pct", _truncated(0.30), CORRUPT, ("could not be read",)),
    Hostile("truncated-60pct", _truncated(0.60), CORRUPT, ("could not be read",)),
    # Encryption.
    Hostile(
        "encrypted-no-user-password",
        lambda: make_encrypted_pdf(user_password=""),
        frozenset({"ENCRYPTED_PDF"}),
        ("encrypted",),
    ),
    Hostile(
        "encrypted-user-password",
        lambda: make_encrypted_pdf(user_password="s3cret"),
        frozenset({"ENCRYPTED_PDF"}),
        ("password",),
    ),
    Hostile("encrypted-rc4-40", _rc4_encrypted, frozenset({"ENCRYPTED_PDF"}), ("encrypted",)),
    Hostile("encrypted-unknown-handler", _encrypt_unknown_handler, frozenset({"ENCRYPTED_PDF"}), ("encrypted",)),
    # Page counts.
    Hostile(
        "declares-100k-pages",
        lambda: page_tree(100_000, 1),
        frozenset({"TOO_MANY_PAGES"}),
        (f"limit is {MAX_PAGES} pages",),
    ),
    Hostile(
        "has-100k-pages",
        lambda: page_tree(100_000, 100_000),
        # Refused on its declared count, unless reading its 100,000 objects already outlasts the time limit.
        frozenset({"TOO_MANY_PAGES", "CORRUPT_PDF"}),
        ("limit",),
    ),
    Hostile(
        "declares-1-page-has-100k",
        lambda: page_tree(1, 100_000),
        CORRUPT,
        ("too complex", "limit"),
    ),
    Hostile("page-tree-10k-deep", lambda: _nested_pages(10_000), CORRUPT, ("too complex", "100 levels")),
    # Deep nesting of objects.
    Hostile(
        "array-nested-100k-deep",
        lambda: b"%PDF-1.4\n1 0 obj\n" + b"[" * 100_000 + b"\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF",
        CORRUPT,
        ("could not be read",),
    ),
    Hostile(
        "dict-nested-100k-deep",
        lambda: one_page(stream(TEXT), page_extra=b"/X" + b"<</A" * 100_000 + b">>" * 100_000),
        CORRUPT,
        ("could not be read",),
    ),
    Hostile(
        "content-arrays-1m-deep",
        lambda: one_page(stream(zlib.compress(b"BT /F1 12 Tf " + b"[" * 1_000_000 + b"] TJ ET", 9))),
        CORRUPT,
        ("too complex", "nested"),
    ),
    # Compression bombs.
    Hostile(
        "flate-bomb-4gib", lambda: one_page(stream(zeros_deflate(4096 * MIB))), CORRUPT, ("too complex", "32 MiB limit")
    ),
    Hostile(
        "flate-of-flate-bomb-16gib",
        lambda: one_page(stream(zlib.compress(zeros_deflate(16384 * MIB), 9), b"/Filter[/FlateDecode/FlateDecode]")),
        CORRUPT,
        ("too complex", "32 MiB limit"),
    ),
    Hostile(
        "flate-bomb-in-a-font-cmap",
        lambda: _cmap_bomb(zeros_deflate(2048 * MIB)),
        CORRUPT,
        ("too complex", "32 MiB limit"),
    ),
    Hostile(
        "100-bombs-just-under-the-stream-limit",
        lambda: one_page(
            b"[" + b" ".join(b"%d 0 R" % (6 + i) for i in range(100)) + b"]",
            more=[stream(zeros_deflate(28 * MIB))] * 100,
        ).replace(b"/Contents 4 0 R", b"/Contents[%s]" % b" ".join(b"%d 0 R" % (6 + i) for i in range(100))),
        CORRUPT,
        ("too complex", "32 MiB limit"),
    ),
    Hostile(
        "declared-length-1tb",
        lambda: one_page(b"<</Length 1099511627776>>stream\nBT ET\nendstream"),
        CORRUPT,
        ("32 MiB limit",),
    ),
    Hostile("cmap-range-2^32-codes", _cmap_bomb, CORRUPT, ("too complex", "character map", "limit of")),
    # Cross-reference damage.
    Hostile(
        "xref-all-garbage",
        lambda: one_page(stream(TEXT)).replace(
            b"xref\n", b"xref\n" + random_bytes(4096, seed=1).replace(b"trailer", b"")
        ),
        CORRUPT,
        ("could not be read",),
    ),
    Hostile(
        "xref-declares-a-billion-entries",
        lambda: one_page(stream(TEXT)).replace(b"xref\n0 6\n", b"xref\n0 1000000000\n"),
        CORRUPT,
        ("could not be read",),
    ),
    Hostile(
        "xref-stream-huge-widths",
        _startxref_at_xref_stream,
        CORRUPT,
        ("could not be read",),
    ),
    # Loops through references.
    Hostile(
        "pages-kids-contain-themselves",
        lambda: assemble([b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Count 2/Kids[2 0 R 2 0 R]>>"]),
        CORRUPT,
        ("could not be read",),
    ),
    Hostile(
        "object-is-a-reference-to-itself",
        lambda: one_page(b"4 0 R"),
        CORRUPT,
        ("could not be read",),
    ),
    Hostile(
        "parent-chain-loop",
        lambda: assemble(
            [
                b"<</Type/Catalog/Pages 2 0 R>>",
                b"<</Type/Pages/Kids[3 0 R]/Count 1/Parent 3 0 R>>",
                b"<</Type/Page/Parent 2 0 R/Contents 4 0 R>>",
                stream(TEXT),
            ]
        ),
        CORRUPT,
        ("loop",),
    ),
    # Expensive but each piece within its limit: only the parser's overall time limit stops it.
    Hostile(
        "50-pages-of-100k-operators", lambda: _many_heavy_pages(MAX_PAGES, 100_000), CORRUPT, ("too complex", "s limit")
    ),
]

# Damaged the way real files get damaged, yet readable: every PDF reader repairs these, and so do we
# (within the same time bound).
REPAIRABLE: list[tuple[str, Callable[[], bytes], str]] = [
    ("startxref-past-the-end", lambda: _startxref(10**12), "Jane Doe Python Kubernetes"),
    ("xref-prev-points-at-itself", _xref_prev_loop, "Jane Doe Python Kubernetes"),
    (
        "form-xobject-draws-itself",
        lambda: one_page(
            stream(zlib.compress(b"/X0 Do")),
            page_extra=b"/XObject<</X0 6 0 R>>",
            more=[
                stream(
                    zlib.compress(b"BT /F1 12 Tf (Jane) Tj ET /X0 Do"),
                    b"/Filter/FlateDecode/Type/XObject/Subtype/Form/BBox[0 0 10 10]"
                    b"/Resources<</XObject<</X0 6 0 R>>/Font<</F1 5 0 R>>>>",
                )
            ],
        ),
        "Jane",
    ),
]

_built: dict[str, bytes] = {}


def build(item: Hostile) -> bytes:
    if item.name not in _built:
        _built[item.name] = item.make()
    return _built[item.name]


def test_the_corpus_is_what_it_claims() -> None:
    """The bombs really inflate that far, and the big files fit under the upload limit (so the parser,
    not the size check, is what refuses them)."""
    # The construction yields a complete, valid zlib stream (checksum included) of exactly that many zeros.
    inflater = zlib.decompressobj()
    inflated = sum(len(inflater.decompress(piece)) for piece in _pieces(zeros_deflate(256 * MIB)))
    assert inflated + len(inflater.flush()) == 256 * MIB and inflater.eof and not inflater.unused_data
    # ...and scales: the 4 GiB bomb is about 4 MB that keep inflating past any limit we set.
    bomb = zeros_deflate(4096 * MIB)
    assert len(bomb) < 5 * MIB
    assert len(zlib.decompressobj().decompress(bomb, 64 * MIB)) == 64 * MIB
    by_name = {item.name: item for item in CORPUS}
    assert len(by_name) == len(CORPUS)
    for name in ("has-100k-pages", "declares-1-page-has-100k", "flate-bomb-4gib"):
        assert MIB < len(build(by_name[name])) < 10 * MIB


# --- over gRPC -------------------------------------------------------------------------------------


def _pieces(data: bytes, size: int = 64 * 1024) -> list[bytes]:
    return [data[start : start + size] for start in range(0, len(data), size)]


def _metadata(token_for: Callable[..., str], user: str) -> Metadata:
    return (("authorization", f"Bearer {token_for(user)}"),)


async def _upload(
    stub: resume_pb2_grpc.ResumeServiceStub, auth: Metadata, content: bytes, filename: str, content_type: str
) -> resume_pb2.UploadResumeResponse:
    return await stub.UploadResume(
        resume_pb2.UploadResumeRequest(filename=filename, content_type=content_type, content=content),
        metadata=auth,
        timeout=60,
    )


def _check_refusal(item: Hostile, error: aio.AioRpcError, status_details: Callable, elapsed: float) -> None:
    message = error.details() or ""
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, (item.name, error.code(), message)
    info = error_details_pb2.ErrorInfo()
    assert status_details(error).details[0].Unpack(info)
    assert info.reason in item.reasons, (item.name, info.reason, message)
    for fragment in item.says:
        assert fragment.lower() in message.lower(), (item.name, fragment, message)
    assert elapsed < HOSTILE_UPLOAD_SECONDS, (item.name, elapsed)


@pytest.mark.parametrize("item", CORPUS, ids=[item.name for item in CORPUS])
async def test_hostile_pdf_is_invalid_argument_in_bounded_time(
    channel: aio.Channel, auth: Metadata, grpc_status_details: Callable, item: Hostile
) -> None:
    stub = resume_pb2_grpc.ResumeServiceStub(channel)
    content = build(item)
    started = time.monotonic()
    with pytest.raises(aio.AioRpcError) as err:
        await _upload(stub, auth, content, item.filename, item.content_type)
    _check_refusal(item, err.value, grpc_status_details, time.monotonic() - started)
    # Nothing was stored.
    assert (await stub.ListResumes(resume_pb2.ListResumesRequest(), metadata=auth)).resumes == []


@pytest.mark.parametrize(("name", "make", "expected"), REPAIRABLE, ids=[r[0] for r in REPAIRABLE])
async def test_repairable_damage_is_read(
    channel: aio.Channel, auth: Metadata, name: str, make: Callable[[], bytes], expected: str
) -> None:
    stub = resume_pb2_grpc.ResumeServiceStub(channel)
    started = time.monotonic()
    uploaded = await _upload(stub, auth, make(), f"{name}.pdf", "application/pdf")
    assert time.monotonic() - started < HOSTILE_UPLOAD_SECONDS
    assert uploaded.resume.text == expected


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(f"no {field} in /proc/self/status")


def _reset_peak_rss() -> bool:
    """Reset this process's VmHWM to its current RSS (Linux >= 4.0)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


async def test_the_server_keeps_serving_others_and_stays_small_through_the_whole_corpus(
    channel: aio.Channel, token_for: Callable[..., str], grpc_status_details: Callable
) -> None:
    """The whole corpus, two uploads at a time (as many as there are parser workers), each from its own
    user, while another user reads their resumes in a loop and uploads a real one. This process hosts the
    server: its resident memory may not grow by more than SERVER_RSS_GROWTH_BYTES."""
    stub = resume_pb2_grpc.ResumeServiceStub(channel)
    bystander = _metadata(token_for, "hostile-bystander")
    mine = (await _upload(stub, bystander, make_resume_pdf(seed=77), "mine.pdf", "application/pdf")).resume
    contents = [build(item) for item in CORPUS]  # built before measuring

    baseline = _status_kib("VmRSS") * 1024
    exact_peak = _reset_peak_rss()
    sampled_peak = baseline
    latencies: list[float] = []
    done = asyncio.Event()

    async def bystander_reads() -> None:
        nonlocal sampled_peak
        while not done.is_set():
            started = time.monotonic()
            listed = await stub.ListResumes(resume_pb2.ListResumesRequest(), metadata=bystander, timeout=10)
            got = await stub.GetResume(resume_pb2.GetResumeRequest(resume_id=mine.resume_id), metadata=bystander)
            latencies.append(time.monotonic() - started)
            assert [r.resume_id for r in listed.resumes] == [mine.resume_id] and got.resume.text == mine.text
            sampled_peak = max(sampled_peak, _status_kib("VmRSS") * 1024)
            await asyncio.sleep(0.05)

    slots = asyncio.Semaphore(2)

    async def hostile(index: int, item: Hostile) -> None:
        async with slots:
            started = time.monotonic()
            with pytest.raises(aio.AioRpcError) as err:
                await _upload(
                    stub, _metadata(token_for, f"hostile-{index}"), contents[index], item.filename, item.content_type
                )
            _check_refusal(item, err.value, grpc_status_details, time.monotonic() - started)

    reader = asyncio.create_task(bystander_reads())
    try:
        await asyncio.gather(*(hostile(i, item) for i, item in enumerate(CORPUS)))
        # With both workers free again, a real upload from another user goes through.
        real = await _upload(
            stub, _metadata(token_for, "hostile-after"), make_resume_pdf(seed=78), "real.pdf", "application/pdf"
        )
        assert "Kubernetes" in real.resume.text
    finally:
        done.set()
        await reader

    peak = _status_kib("VmHWM") * 1024 if exact_peak else sampled_peak
    growth = peak - baseline
    print(
        f"server RSS {baseline / MIB:.0f} MiB, peak growth {growth / MIB:.1f} MiB "
        f"({'VmHWM' if exact_peak else 'sampled'}); bystander calls: {len(latencies)}, "
        f"max {max(latencies) * 1000:.0f} ms"
    )
    assert growth < SERVER_RSS_GROWTH_BYTES
    assert len(latencies) >= 10
    assert max(latencies) < OTHER_USER_CALL_SECONDS


async def test_a_slow_pdf_does_not_hold_up_other_users(
    channel: aio.Channel, token_for: Callable[..., str], grpc_status_details: Callable
) -> None:
    """While one parser worker spends its whole time limit on a hostile file, another user's upload takes
    the other worker, and reads are answered at once."""
    stub = resume_pb2_grpc.ResumeServiceStub(channel)
    slow = next(item for item in CORPUS if item.name == "50-pages-of-100k-operators")
    other = _metadata(token_for, "patient-user")
    started = time.monotonic()
    attack = asyncio.create_task(
        _upload(stub, _metadata(token_for, "attacker"), build(slow), "slow.pdf", "application/pdf")
    )
    await asyncio.sleep(0.5)  # the attack is being parsed
    upload_started = time.monotonic()
    real = await _upload(stub, other, make_resume_pdf(seed=79), "real.pdf", "application/pdf")
    upload_seconds = time.monotonic() - upload_started
    read_started = time.monotonic()
    listed = await stub.ListResumes(resume_pb2.ListResumesRequest(), metadata=other)
    read_seconds = time.monotonic() - read_started
    assert not attack.done()  # the comparison below is made while the attack is still running
    with pytest.raises(aio.AioRpcError) as err:
        await attack
    _check_refusal(slow, err.value, grpc_status_details, time.monotonic() - started)
    assert [r.resume_id for r in listed.resumes] == [real.resume.resume_id]
    assert upload_seconds < 4 and read_seconds < OTHER_USER_CALL_SECONDS


# --- the sandbox itself ----------------------------------------------------------------------------


def _parse(sandbox: ParserSandbox, content: bytes) -> str:
    return sandbox.parse(content, filename="cv.pdf", content_type="application/pdf", max_bytes=10 * MIB).text


def test_a_worker_over_its_time_limit_is_replaced() -> None:
    sandbox = ParserSandbox(workers=1, timeout_seconds=1.0, memory_bytes=512 * MIB)
    try:
        assert "Jane Doe" in _parse(sandbox, make_resume_pdf(seed=80))
        (first,) = sandbox.worker_pids()
        started = time.monotonic()
        with pytest.raises(InvalidArgument) as caught:
            _parse(sandbox, _many_heavy_pages(MAX_PAGES, 100_000))
        assert time.monotonic() - started < 3
        assert caught.value.reason == "CORRUPT_PDF"
        assert "longer than the 1 s limit" in caught.value.message
        assert caught.value.metadata == {"limit_seconds": "1"}
        assert sandbox.worker_pids() == []
        assert not Path(f"/proc/{first}").exists()  # killed and reaped
        assert "Jane Doe" in _parse(sandbox, make_resume_pdf(seed=81))
        assert sandbox.worker_pids() != [first]
    finally:
        sandbox.close()
    assert sandbox.worker_pids() == []


def test_a_file_needing_more_memory_than_the_limit_is_refused_and_the_worker_replaced() -> None:
    """The same file passes pypdf's own limits (each stream is under 32 MiB, and the page's streams are
    refused once their total passes it), but holding them takes more than a 128 MiB address space."""
    sandbox = ParserSandbox(workers=1, timeout_seconds=10.0, memory_bytes=128 * MIB)
    bombs = next(item for item in CORPUS if item.name == "100-bombs-just-under-the-stream-limit")
    try:
        assert "Jane Doe" in _parse(sandbox, make_resume_pdf(seed=82))
        (first,) = sandbox.worker_pids()
        with pytest.raises(InvalidArgument) as caught:
            _parse(sandbox, build(bombs))
        assert caught.value.reason == "CORRUPT_PDF"
        assert "128 MiB memory limit" in caught.value.message
        assert caught.value.metadata == {"limit_bytes": str(128 * MIB)}
        # The worker that ran out of memory made way for a fresh one.
        assert "Jane Doe" in _parse(sandbox, make_resume_pdf(seed=83))
        assert sandbox.worker_pids() != [first]
    finally:
        sandbox.close()


def test_a_worker_killed_from_outside_is_replaced_transparently() -> None:
    import os
    import signal

    sandbox = ParserSandbox(workers=1, timeout_seconds=5.0, memory_bytes=512 * MIB)
    try:
        assert "Jane Doe" in _parse(sandbox, make_resume_pdf(seed=84))
        (pid,) = sandbox.worker_pids()
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 5
        while sandbox.worker_pids() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert "Jane Doe" in _parse(sandbox, make_resume_pdf(seed=85))
    finally:
        sandbox.close()


def test_an_idle_worker_exits_and_the_next_parse_starts_another() -> None:
    sandbox = ParserSandbox(workers=1, timeout_seconds=5.0, memory_bytes=512 * MIB, idle_exit_seconds=0.3)
    try:
        assert "Jane Doe" in _parse(sandbox, make_resume_pdf(seed=88))
        (pid,) = sandbox.worker_pids()
        deadline = time.monotonic() + 5
        while sandbox.worker_pids() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert sandbox.worker_pids() == []
        assert "Jane Doe" in _parse(sandbox, make_resume_pdf(seed=89))
        assert sandbox.worker_pids() not in ([], [pid])
    finally:
        sandbox.close()


def test_workers_run_under_their_limits() -> None:
    sandbox = ParserSandbox(workers=1, timeout_seconds=5.0, memory_bytes=256 * MIB)
    try:
        _parse(sandbox, make_resume_pdf(seed=86))
        (pid,) = sandbox.worker_pids()
        limits = Path(f"/proc/{pid}/limits").read_text()
        address_space = next(line for line in limits.splitlines() if line.startswith("Max address space"))
        assert str(256 * MIB) in address_space
        cpu = next(line for line in limits.splitlines() if line.startswith("Max cpu time"))
        assert "unlimited" not in cpu.split()[3]  # the soft limit is set per document
    finally:
        sandbox.close()


def test_without_workers_parsing_happens_in_process() -> None:
    sandbox = ParserSandbox(workers=0, timeout_seconds=5.0, memory_bytes=512 * MIB)
    assert "Jane Doe" in _parse(sandbox, make_resume_pdf(seed=87))
    assert sandbox.worker_pids() == []
