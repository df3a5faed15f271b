"""The Resume service over a real gRPC channel to the in-process server."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import grpc
import pytest
from grpc import aio

from skillgap.app import App
from skillgap.resources import Resources
from skillgap.v1 import resume_pb2, resume_pb2_grpc
from tests.fixtures.documents import (
    make_encrypted_pdf,
    make_resume_pdf,
    make_resume_text,
    make_scanned_pdf,
    random_bytes,
    write_docx,
)

Metadata = tuple[tuple[str, str], ...]
MIB = 1024 * 1024


@pytest.fixture
def stub(channel: aio.Channel) -> resume_pb2_grpc.ResumeServiceStub:
    return resume_pb2_grpc.ResumeServiceStub(channel)


async def upload_pdf(stub: resume_pb2_grpc.ResumeServiceStub, auth: Metadata, pdf: bytes, name: str = "cv.pdf"):
    return await stub.UploadResume(
        resume_pb2.UploadResumeRequest(filename=name, content_type="application/pdf", content=pdf), metadata=auth
    )


async def test_pdf_upload_round_trip(stub, auth: Metadata, resources: Resources, user_id: str) -> None:
    pdf = make_resume_pdf(name="Ada Lovelace", pages=3, seed=1)
    uploaded = await upload_pdf(stub, auth, pdf, "ada.pdf")
    resume = uploaded.resume
    assert not uploaded.already_existed
    assert resume.filename == "ada.pdf"
    assert resume.content_type == "application/pdf"
    assert resume.page_count == 3
    assert resume.size_bytes == len(pdf)
    assert "Ada Lovelace" in resume.text

    got = (await stub.GetResume(resume_pb2.GetResumeRequest(resume_id=resume.resume_id), metadata=auth)).resume
    assert got.text == resume.text and got.create_time == resume.create_time

    listed = await stub.ListResumes(resume_pb2.ListResumesRequest(), metadata=auth)
    assert [r.resume_id for r in listed.resumes] == [resume.resume_id]
    assert listed.resumes[0].text == "" and listed.resumes[0].text_length == len(resume.text)
    assert await resources.vectors.get_resume_vector(resume.resume_id, user_id) is not None

    await stub.DeleteResume(resume_pb2.DeleteResumeRequest(resume_id=resume.resume_id), metadata=auth)
    with pytest.raises(aio.AioRpcError) as err:
        await stub.GetResume(resume_pb2.GetResumeRequest(resume_id=resume.resume_id), metadata=auth)
    assert err.value.code() == grpc.StatusCode.NOT_FOUND
    assert (await stub.ListResumes(resume_pb2.ListResumesRequest(), metadata=auth)).resumes == []
    assert await resources.vectors.get_resume_vector(resume.resume_id, user_id) is None


async def test_text_upload(stub, auth: Metadata) -> None:
    text = make_resume_text(name="Grace Hopper", seed=2)
    uploaded = await stub.UploadResume(resume_pb2.UploadResumeRequest(text=text), metadata=auth)
    assert uploaded.resume.content_type == "text/plain"
    assert uploaded.resume.filename == "resume.txt"
    assert "Grace Hopper" in uploaded.resume.text
    assert uploaded.resume.page_count == 0


async def test_word_document_upload_reads_its_jobs(stub, auth: Metadata) -> None:
    # A resume written in Word: the job line's title and dates stand in a table's cells, duties in a bulleted list.
    document = write_docx(
        "Ana Souza\nEXPERIENCE\nWarehouse Supervisor\tMar 2019 - Present\nNorthwind Logistics, Reno, NV\n"
        "- Ran inventory management and forklift crews\nForklift Operator\tJan 2015 - Feb 2019\nAcme Freight, Reno, NV"
    )
    uploaded = await stub.UploadResume(
        resume_pb2.UploadResumeRequest(
            filename="ana.docx",
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            content=document,
        ),
        metadata=auth,
    )
    resume = uploaded.resume
    assert resume.content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "• Ran inventory management" in resume.text
    assert list(resume.profile.recent_titles[:2]) == ["Warehouse Supervisor", "Forklift Operator"]
    assert resume.profile.total_years_experience >= 11


async def test_same_pdf_twice_is_one_resume(stub, auth: Metadata) -> None:
    pdf = make_resume_pdf(seed=3)
    first = await upload_pdf(stub, auth, pdf)
    second = await upload_pdf(stub, auth, pdf, "renamed.pdf")
    assert second.already_existed
    assert second.resume.resume_id == first.resume.resume_id
    listed = await stub.ListResumes(resume_pb2.ListResumesRequest(), metadata=auth)
    assert len(listed.resumes) == 1


async def test_same_pdf_from_two_users_is_two_resumes(stub, auth: Metadata, token_for) -> None:
    pdf = make_resume_pdf(seed=4)
    mine = await upload_pdf(stub, auth, pdf)
    theirs = await upload_pdf(stub, (("authorization", f"Bearer {token_for('someone-else-4')}"),), pdf)
    assert not theirs.already_existed
    assert theirs.resume.resume_id != mine.resume.resume_id


@pytest.mark.parametrize(
    ("name", "content", "reason", "says"),
    [
        ("big.pdf", b"%PDF-1.7\n" + b"0" * (11 * MIB), "DOCUMENT_TOO_LARGE", "10 MiB"),
        ("random.pdf", random_bytes(4096, seed=5), "UNSUPPORTED_FORMAT", "PDF"),
        ("locked.pdf", None, "ENCRYPTED_PDF", "encrypted"),
        ("scan.pdf", None, "NO_EXTRACTABLE_TEXT", "text"),
        ("empty.pdf", b"", "EMPTY_DOCUMENT", "empty"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048), "UNSUPPORTED_FORMAT", ".docx"),
    ],
)
async def test_bad_uploads_are_invalid_argument(
    stub, auth: Metadata, grpc_status_details: Callable, name: str, content: bytes | None, reason: str, says: str
) -> None:
    if content is None:
        content = make_encrypted_pdf() if reason == "ENCRYPTED_PDF" else make_scanned_pdf()
    with pytest.raises(aio.AioRpcError) as err:
        await upload_pdf(stub, auth, content, name)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert says.lower() in (err.value.details() or "").lower()
    status = grpc_status_details(err.value)
    from google.rpc import error_details_pb2

    info = error_details_pb2.ErrorInfo()
    assert status.details[0].Unpack(info)
    assert info.reason == reason
    assert (await stub.ListResumes(resume_pb2.ListResumesRequest(), metadata=auth)).resumes == []


async def test_other_users_resume_is_not_found(stub, auth: Metadata, token_for) -> None:
    mine = (await upload_pdf(stub, auth, make_resume_pdf(seed=6))).resume
    intruder = (("authorization", f"Bearer {token_for('intruder')}"),)
    for call in (stub.GetResume, stub.DeleteResume):
        request_type = resume_pb2.GetResumeRequest if call is stub.GetResume else resume_pb2.DeleteResumeRequest
        with pytest.raises(aio.AioRpcError) as err:
            await call(request_type(resume_id=mine.resume_id), metadata=intruder)
        assert err.value.code() == grpc.StatusCode.NOT_FOUND
        assert mine.text[:20] not in (err.value.details() or "")
    # The intruder's delete changed nothing.
    still = await stub.GetResume(resume_pb2.GetResumeRequest(resume_id=mine.resume_id), metadata=auth)
    assert still.resume.resume_id == mine.resume_id
    assert (await stub.ListResumes(resume_pb2.ListResumesRequest(), metadata=intruder)).resumes == []


async def test_malformed_resume_id_is_invalid_argument(stub, auth: Metadata) -> None:
    with pytest.raises(aio.AioRpcError) as err:
        await stub.GetResume(resume_pb2.GetResumeRequest(resume_id="not-a-uuid"), metadata=auth)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "UUID" in (err.value.details() or "")


async def test_list_pages_newest_first(stub, auth: Metadata) -> None:
    ids = []
    for seed in range(3):
        uploaded = await stub.UploadResume(
            resume_pb2.UploadResumeRequest(text=make_resume_text(seed=100 + seed)), metadata=auth
        )
        ids.append(uploaded.resume.resume_id)
    first = await stub.ListResumes(resume_pb2.ListResumesRequest(page_size=2), metadata=auth)
    assert [r.resume_id for r in first.resumes] == ids[::-1][:2]
    assert first.next_page_token
    second = await stub.ListResumes(
        resume_pb2.ListResumesRequest(page_size=2, page_token=first.next_page_token), metadata=auth
    )
    assert [r.resume_id for r in second.resumes] == ids[::-1][2:]
    assert second.next_page_token == ""


@pytest.mark.parametrize("request_", [{"page_size": -1}, {"page_token": "garbage!"}])
async def test_bad_paging_is_invalid_argument(stub, auth: Metadata, request_: dict) -> None:
    with pytest.raises(aio.AioRpcError) as err:
        await stub.ListResumes(resume_pb2.ListResumesRequest(**request_), metadata=auth)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT


RESUME_WITH_SKILLS = """Jane Doe
Senior Backend Engineer

EXPERIENCE
Senior Backend Engineer, Acme Corp
Jan 2020 - Present
Built payment services in Python and Go on Kubernetes, with PostgreSQL and Redis.

Software Engineer, Initech
Mar 2016 - Dec 2019
Django and React applications; CI/CD with GitHub Actions.

SKILLS
Python, Go, Kubernetes, PostgreSQL, Docker, Terraform
"""


async def test_uploaded_resume_comes_back_with_its_skills(stub, auth: Metadata, resources: Resources, user_id: str):
    uploaded = (await stub.UploadResume(resume_pb2.UploadResumeRequest(text=RESUME_WITH_SKILLS), metadata=auth)).resume
    got = (await stub.GetResume(resume_pb2.GetResumeRequest(resume_id=uploaded.resume_id), metadata=auth)).resume
    skills = {s.skill.skill_id: s for s in got.profile.skills}
    assert {"python", "go", "kubernetes", "postgresql", "django", "react"} <= set(skills)
    python = skills["python"]
    assert python.skill.normalized and python.skill.name == "Python"
    for evidence in python.evidence:
        assert got.text[evidence.start_offset : evidence.end_offset] == evidence.text
        assert "Python" in evidence.text
    assert got.profile.total_years_experience >= 9
    assert got.profile.recent_titles[0].startswith("Senior Backend Engineer")
    # Search can filter on the skills: they are in the vector payload too.
    payload = await resources.vectors.get_resume_payload(uploaded.resume_id, user_id)
    assert payload is not None and {"python", "kubernetes"} <= set(payload["skill_ids"])


async def test_reextraction_restores_profiles_and_payloads(
    stub, auth: Metadata, resources: Resources, user_id: str, app: App
):
    from skillgap.skills.models import ResumeProfile
    from skillgap.storage.resumes import ResumeRepository

    uploaded = (
        await stub.UploadResume(resume_pb2.UploadResumeRequest(text=RESUME_WITH_SKILLS + "\nRust"), metadata=auth)
    ).resume
    # As if the resume had been stored by an older taxonomy that knew none of its skills.
    await ResumeRepository(resources.pool).set_profile(uploaded.resume_id, ResumeProfile())
    await resources.pool.execute(
        "UPDATE resumes SET profile_version = 'an older taxonomy' WHERE resume_id = $1", uuid.UUID(uploaded.resume_id)
    )
    await resources.vectors.update_resume_payload(uploaded.resume_id, {"skill_ids": []})

    assert await app.services.resumes.reextract_all() >= 1

    got = (await stub.GetResume(resume_pb2.GetResumeRequest(resume_id=uploaded.resume_id), metadata=auth)).resume
    assert "kubernetes" in {s.skill.skill_id for s in got.profile.skills}
    payload = await resources.vectors.get_resume_payload(uploaded.resume_id, user_id)
    assert payload is not None and "kubernetes" in payload["skill_ids"]
