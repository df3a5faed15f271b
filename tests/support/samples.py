"""Sample texts the matching, interview and fault tests share: a backend engineer's resume and three postings
(a backend job the resume fits, a frontend and a data job it does not), and `upload`, which uploads a resume
as a user does."""

from __future__ import annotations

from grpc import aio

from skillgap.v1 import resume_pb2, resume_pb2_grpc

Metadata = tuple[tuple[str, str], ...]

RESUME = """Jane Doe
Senior Backend Engineer

Summary
Backend engineer with eight years of building APIs and data-heavy services.

Skills
Python, Django, PostgreSQL, Redis, Docker, AWS

Experience
Senior Backend Engineer, Acme Payments, Jan 2021 - Present
- Built payment APIs in Python and Django on PostgreSQL, deployed with Docker on AWS
- Cut p95 latency by half with Redis caching

Backend Engineer, Globex, Mar 2017 - Dec 2020
- Wrote Python services and PostgreSQL schemas for billing

Projects
- A Kubernetes home lab running my side projects
"""

BACKEND = """About the role
You will build the APIs behind our payments platform.

Requirements
- 5+ years of experience with Python
- Django and PostgreSQL in production
- Kubernetes

Nice to have
- Terraform
- Redis
"""

FRONTEND = """About the role
You will build our customer dashboard.

Requirements
- 3+ years with React and TypeScript
- CSS and accessibility

Nice to have
- Storybook
"""

DATA = """About the role
You will build machine learning models for fraud detection.

Requirements
- Python, pandas and scikit-learn
- Experience with Spark and Airflow

Nice to have
- PyTorch
"""


async def upload(channel: aio.Channel, auth: Metadata, text: str = RESUME) -> str:
    reply = await resume_pb2_grpc.ResumeServiceStub(channel).UploadResume(
        resume_pb2.UploadResumeRequest(filename="cv.txt", content_type="text/plain", content=text.encode()),
        metadata=auth,
    )
    return str(reply.resume.resume_id)
