"""SearchJobs finds the jobs that name the exact technologies a query names (issue 17): recall by the words of the
search beside the vectors, over gRPC on real jobs in PostgreSQL and the vector index. The jobs share a company of
their own, so a company filter keeps other tests' jobs out."""

from __future__ import annotations

import re
import uuid

from grpc import aio

from skillgap.jobs.models import JobPosting
from skillgap.resources import Resources
from skillgap.v1 import job_pb2, job_pb2_grpc
from tests.support.samples import upload
from tests.support.services import job_catalog

Metadata = tuple[tuple[str, str], ...]

SYSADMIN_QUERY = "systems administrator Windows Server Active Directory VMware network"
TECHNOLOGIES = ("Windows Server", "Active Directory", "VMware")

NAMING = [
    ("Systems Administrator", "Administer Windows Server 2019 and Active Directory for 400 users; VMware vSphere."),
    ("Infrastructure Engineer", "Run our VMware clusters and the Windows Server estate; Group Policy and backups."),
    ("IT Systems Administrator", "Active Directory, DNS, DHCP and Windows Server patching across two sites."),
    ("Virtualization Engineer", "Design VMware vSphere and vSAN; migrate workloads; automate with PowerShell."),
    ("Identity Engineer", "Own Active Directory and Entra ID: groups, Group Policy, account lifecycle."),
]
# What the search returned instead: administrative and accounting jobs, and IT jobs naming none of these.
OTHERS = [
    ("Administrative Assistant", "Support the director: calendars, travel, expense reports and the office network."),
    ("Administrative Coordinator", "Coordinate meetings, keep filing systems and a network of vendors organised."),
    ("Executive Assistant", "Manage the executive's calendar and correspondence; prepare board materials."),
    ("Fund Accountant", "Prepare NAV calculations and reconciliations for private equity funds."),
    ("Senior Fund Accountant", "Capital calls, investor reporting and audit support for a portfolio of funds."),
    ("Linux Systems Administrator", "Keep Red Hat Enterprise Linux servers patched; Ansible, Bash and Nagios."),
    ("Network Technician", "Cable, patch and label the office network; replace switches and access points."),
    ("Office Manager", "Run the office: supplies, facilities, onboarding and the front desk."),
]


def names(text: str) -> int:
    return sum(bool(re.search(rf"\b{re.escape(t)}\b", text, re.IGNORECASE)) for t in TECHNOLOGIES)


async def test_a_query_naming_technologies_finds_the_jobs_naming_them(
    channel: aio.Channel, auth: Metadata, resources: Resources
) -> None:
    company = f"Lexrecall {uuid.uuid4().hex[:8]}"
    catalog = job_catalog(resources)
    texts = {}
    for title, description in NAMING + OTHERS:
        job = await catalog.add(
            JobPosting(source_kind="manual", source_identifier=company, external_id=uuid.uuid4().hex, title=title,
                       description=description, company=company, url=f"https://jobs.example/{uuid.uuid4().hex}")
        )  # fmt: skip
        texts[job.job_id] = f"{title}\n{description}"
    stub = job_pb2_grpc.JobServiceStub(channel)
    reply = await stub.SearchJobs(
        job_pb2.SearchJobsRequest(query=SYSADMIN_QUERY, filter=job_pb2.JobFilter(companies=[company]), page_size=5),
        metadata=auth,
    )
    top = [m.job.job_id for m in reply.matches]
    assert len(top) == 5
    assert all(names(texts[job_id]) for job_id in top), [texts[job_id].split("\n")[0] for job_id in top]
    # The job naming all three comes first; the scores tell the matches apart.
    assert names(texts[top[0]]) == 3
    assert len({m.score for m in reply.matches}) > 1

    # A resume search over the same jobs still works with the lexical recall beside the vectors.
    resume = "Sam Admin\nSystems Administrator\n\nSkills\nWindows Server, Active Directory, VMware, PowerShell\n"
    resume_id = await upload(channel, auth, resume)
    by_resume = await stub.SearchJobs(
        job_pb2.SearchJobsRequest(resume_id=resume_id, filter=job_pb2.JobFilter(companies=[company]), page_size=20),
        metadata=auth,
    )
    assert len(by_resume.matches) == len(NAMING) + len(OTHERS)
    assert names(texts[by_resume.matches[0].job.job_id]) >= 2
