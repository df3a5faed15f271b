"""Labelled evaluation of job ranking: NDCG@5, MRR and P@5 of SkillGap's match score next to a pure vector
similarity and a pure keyword (BM25) baseline, in the same run on the same data.

    .venv/bin/python -m tests.benchmarks.eval_matching [--resumes 40] [--postings 400] [--seed 11] [--recall 300]
        [--bootstrap 2000] [--examples 3] [--cache DIR] [--show]

The labelled set is synthetic and deterministic for the seed (`--show` prints one resume and one posting):

- POSTINGS in the style of `bench_extraction` (its companies, headings and heading styles, about, role,
  team and benefits sentences, closings), 185-400 words instead of 400-700 so that embedding 400 of them
  stays near a minute on 2 cores. Each is written from a latent truth it returns: a role family
  (backend, frontend, full stack, data, ML, DevOps, mobile); a stack of that family (e.g. backend/JVM:
  Java, Kotlin, Spring Boot, Kafka, MySQL, Kubernetes, GCP, gRPC; 3-5 stacks per family, see STACKS); a
  seniority level (1 junior, 2 mid, 3 senior, 4 staff or lead, 5 principal) shown by the title word
  and/or the years asked (junior 1+ or none, mid 2-3, senior 5-6, staff 8-10, principal 10-12); the
  REQUIRED skills it names in its requirements section (the stack's first skill and 3-5 more of it, in
  30% one more from elsewhere in the family) and the NICE-TO-HAVE skills it names in its nice-to-have
  section. The requirements also carry lines that are not tech skills and not in the truth: written
  communication or a degree, mentoring and code review from senior up, leading design or setting
  direction from staff up. Responsibilities are family prose without skill names in one of two wordings
  per family (backend "design, build and operate the backend services and APIs" against "own the server
  side: the domain models, the business rules and the integrations"), so that postings of a family do not
  share all their words. Benefits never name a tool. Hard negatives: a quarter of the postings carry a
  paragraph in another family's words ("you will work next to the team that builds the backend services
  and APIs"); postings of the right family at the wrong seniority; postings of the right family that
  require another of its stacks.
- RESUMES in plain text: name, a title line, contact, a summary, a Skills section (in 75%; one line or
  "Main:"/"Also:"), dated roles ("Jan 2019 - Present" on its own line or after the title, months adding up
  to the latent years, earlier roles one level lower each) with bullets that name the skills in resume
  words unlike any posting's ("Rebuilt the billing service in Go, cutting p99 latency by 40%"), a
  "mentored N engineers and ran the team's code reviews" bullet in half the senior-and-up resumes, a
  Projects line naming one skill in about 40%, Education. Each is written from a latent family, a
  stack (its first skill and 4-7 more), 1-3 more skills of the family, in 35% 2-3 skills of a
  neighbouring family's stack (backend-full stack, backend-DevOps, backend-data, frontend-full stack,
  frontend-mobile, data-ML), and a level with its years (junior 0.6-1.8, mid 2-4.5, senior 5-7.5, staff
  or lead 8-11, principal 12-15).

Relevance of a posting for a resume comes from the latent truth only, never from the extractor. `req` is
the share of the posting's required skill names the resume holds (names only: no implications), `near`
is |resume level - posting level| <= 1:

    3  same family, near, and req >= 0.7
    2  same family and (near or req >= 0.5)
    1  same family otherwise, or a neighbouring family with req >= 0.5
    0  otherwise

Every resume is ranked against every posting (a search without filters whose recall is the whole set).
Rankers, on the same postings, resumes and embeddings:

- full: SkillGap's score, `score(facts_from_job(job), CoverageIndex(candidate_from_profile(profile, text),
  taxonomy), cosine).score`, with what `TaxonomyExtractor` extracts from the posting and the resume (dates
  read against a fixed day, REFERENCE_DAY, so the set does not age), cosine the dot product of the
  `Embedder.embed_document_batch` vectors of the resume text and of "title\ndescription" (what ingestion
  embeds); ties broken as the service breaks them (cosine, then id);
- vector: the cosine alone;
- keyword: Okapi BM25 (k1 1.2, b 0.75, idf log(1 + (N - df + 0.5) / (df + 0.5))) over the posting text,
  the resume text as the query (each distinct term once); tokens are lower-cased runs of letters, digits,
  "+" and "#" ("c#", "c++" survive) minus an English stopword list. Implemented here, no library;
- production path: the top RECALL (300) postings by cosine reranked by the full score, the others after
  them by cosine, as `JobMatcher.search` does. Shown only when a metric differs from full's.

Metrics per resume, then their mean over resumes with a 95% percentile bootstrap interval (BOOTSTRAP
resamples of the resumes; deltas are paired): NDCG@5 (gain = grade, discount 1 / log2(rank + 1), the
ideal from the grades of all postings), MRR (reciprocal rank of the first posting of grade >= 2), P@5
(share of the top 5 with grade >= 2), and MRR grade 3 (first posting of grade 3; over the resumes that
have one), added because most resumes have dozens of grade-2 postings, so MRR saturates.

Diagnostics follow: what fills each ranker's top 5 when it is not a grade-3 posting, the mean of each
part of the score by grade, how faithfully the extractor read the truth (required skills, extra ones,
postings whose requirements were missed, seniority, years), variants of the score (other weights, a
calibration of the cosine fitted to this set, soft skills left out of the job's skills, another resume
level rule, another seniority fit, required coverage shrunk for jobs that name few skills: computed here
from the same extraction with the shipped `scoring.score`, which stays untouched), and the top 5 of the
first EXAMPLES resumes with their parts. `--cache DIR` keeps the embeddings between runs (by text hash)
for experiments; the embedding time printed is then the cache's.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np

from skillgap.embedding.embedder import Embedder
from skillgap.jobs.models import JobPosting, StoredJob
from skillgap.matching import scoring
from skillgap.matching.facts import candidate_from_profile, facts_from_job
from skillgap.matching.models import Candidate, JobFacts
from skillgap.matching.scoring import CoverageIndex, score
from skillgap.matching.service import RECALL
from skillgap.skills.extraction import TaxonomyExtractor
from skillgap.skills.models import JobSkills, ResumeProfile, Seniority, SkillCategory
from skillgap.skills.seniority import resume_title_level, resume_years_level
from skillgap.skills.taxonomy import Taxonomy
from tests.benchmarks._common import load_average, machine_description
from tests.benchmarks.bench_extraction import (
    ABOUT,
    BENEFITS,
    CITIES,
    CLOSING,
    COMPANIES,
    CUSTOMERS,
    DOMAINS,
    HEADINGS,
    ROLE,
    TEAM,
)

# Resumes say "Present": read against a fixed day so the same seed gives the same years forever.
REFERENCE_DAY = date(2025, 6, 30)
K = 5
RELEVANT = 2  # MRR and P@5 count postings of this grade and above

# ---------------------------------------------------------------- latent vocabulary

# Each family's stacks: coherent sets of skills that teams actually combine, the first one the stack's
# anchor (always required by a posting, always held by a resume of the stack).
STACKS: dict[str, dict[str, list[str]]] = {
    "backend": {
        "python": ["Python", "Django", "FastAPI", "PostgreSQL", "Redis", "Docker", "AWS", "Terraform"],
        "jvm": ["Java", "Kotlin", "Spring Boot", "Kafka", "MySQL", "Kubernetes", "GCP", "gRPC"],
        "go": ["Go", "gRPC", "PostgreSQL", "Kafka", "Kubernetes", "Docker", "Terraform", "Datadog"],
        "rails": ["Ruby", "Ruby on Rails", "PostgreSQL", "Redis", "Elasticsearch", "Docker", "AWS", "GitHub Actions"],
        "dotnet": ["C#", ".NET", "Azure", "RabbitMQ", "MongoDB", "Docker", "Kubernetes", "Datadog"],
    },
    "frontend": {
        "react": ["TypeScript", "React", "Redux", "Next.js", "Jest", "Cypress", "Webpack", "GraphQL"],
        "vue": ["JavaScript", "Vue.js", "Vite", "Tailwind CSS", "Sass", "Playwright", "REST APIs", "Figma"],
        "angular": ["Angular", "TypeScript", "HTML", "CSS", "Sass", "Jest", "Storybook", "WebSockets"],
    },
    "fullstack": {
        "node": ["TypeScript", "React", "Node.js", "Express", "PostgreSQL", "GraphQL", "AWS", "Docker"],
        "rails": ["Ruby on Rails", "Ruby", "JavaScript", "React", "PostgreSQL", "Redis", "CI/CD", "AWS"],
        "django": ["Python", "Django", "Vue.js", "TypeScript", "PostgreSQL", "Docker", "Azure", "Git"],
        "jvm": ["Java", "Kotlin", "React", "MySQL", "Kafka", "Kubernetes", "GCP", "REST APIs"],
    },
    "data": {
        "spark": ["Spark", "Python", "Databricks", "Airflow", "Kafka", "AWS", "Redshift", "Terraform"],
        "warehouse": ["dbt", "SQL", "Snowflake", "Airflow", "Looker", "Python", "Git", "Tableau"],
        "streaming": ["Scala", "Java", "Flink", "Kafka", "Cassandra", "Kubernetes", "GCP", "BigQuery"],
    },
    "ml": {
        "deep": ["PyTorch", "Python", "Hugging Face", "NumPy", "Docker", "AWS", "SageMaker", "MLflow"],
        "tabular": ["scikit-learn", "Python", "Pandas", "XGBoost", "SQL", "Jupyter", "Snowflake", "Airflow"],
        "tf": ["TensorFlow", "Python", "Keras", "Kubeflow", "Kubernetes", "GCP", "BigQuery", "Spark"],
    },
    "devops": {
        "k8s": ["Kubernetes", "Terraform", "AWS", "Helm", "Argo CD", "Prometheus", "Grafana", "Go"],
        "classic": ["Linux", "Ansible", "Bash", "Jenkins", "Python", "Nginx", "ELK", "Packer"],
        "multicloud": ["Azure", "GCP", "Pulumi", "GitLab CI", "Docker", "Datadog", "Vault", "Istio"],
    },
    "mobile": {
        "ios": ["SwiftUI", "Swift", "UIKit", "Xcode", "Firebase", "REST APIs", "CI/CD", "Git"],
        "android": ["Kotlin", "Jetpack Compose", "Android Studio", "Java", "Firebase", "GraphQL", "Jenkins", "Git"],
        "react-native": [
            "React Native",
            "TypeScript",
            "JavaScript",
            "Redux",
            "Firebase",
            "Jest",
            "GitHub Actions",
            "Sentry",
        ],  # fmt: skip
    },
}
FAMILY_POOL = {family: sorted({s for stack in stacks.values() for s in stack}) for family, stacks in STACKS.items()}
NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "backend": ("fullstack", "devops", "data"),
    "frontend": ("fullstack", "mobile"),
    "fullstack": ("backend", "frontend"),
    "data": ("ml", "backend"),
    "ml": ("data",),
    "devops": ("backend",),
    "mobile": ("frontend",),
}

LEVEL_NAMES = {1: "junior", 2: "mid", 3: "senior", 4: "staff/lead", 5: "principal"}
# Title words a posting or resume of a level may use ("" leaves the level to the years).
POSTING_LEVEL_WORDS = {
    1: ["Junior", "Junior", "Graduate", "Entry-level", ""],
    2: ["", "Mid-level", "", "Intermediate"],
    3: ["Senior", "Senior", "Sr.", ""],
    4: ["Staff", "Lead", "Staff"],
    5: ["Principal"],
}
POSTING_YEARS = {1: [None, 1, 1], 2: [2, 3, 3], 3: [5, 5, 6], 4: [8, 8, 10], 5: [10, 12]}
RESUME_YEARS = {1: (0.6, 1.8), 2: (2.0, 4.5), 3: (5.0, 7.5), 4: (8.0, 11.0), 5: (12.0, 15.0)}

ROLE_NAMES = {
    "backend": ["Backend Engineer", "Backend Developer", "Server-Side Engineer", "API Engineer"],
    "frontend": ["Frontend Engineer", "Frontend Developer", "UI Engineer", "Web Developer"],
    "fullstack": ["Full Stack Engineer", "Full-Stack Developer", "Product Engineer", "Software Engineer"],
    "data": ["Data Engineer", "Analytics Engineer", "Data Platform Engineer", "Big Data Engineer"],
    "ml": ["Machine Learning Engineer", "ML Engineer", "Data Scientist", "Applied Scientist"],
    "devops": ["DevOps Engineer", "Site Reliability Engineer", "Platform Engineer", "Cloud Engineer"],
    "mobile": ["Mobile Developer", "Mobile Engineer"],
}
# Stacks whose roles have their own names (an iOS stack is not an "Android Engineer").
STACK_ROLES = {
    ("mobile", "ios"): ["iOS Engineer", "iOS Developer"],
    ("mobile", "android"): ["Android Engineer", "Android Developer"],
}


def role_names(family: str, stack: str) -> list[str]:
    return ROLE_NAMES[family] + STACK_ROLES.get((family, stack), [])


# Two wordings per family for a posting's role and responsibilities (no skill names: those go in the
# requirements, where the truth is written), and the resume's own wording, unlike either.
POSTING_PROSE: dict[str, tuple[list[str], list[str]]] = {
    "backend": (
        [
            "Design, build and operate the backend services and APIs behind {area}",
            "Model data and write efficient queries for high-traffic endpoints",
            "Make our services observable, reliable and fast under load",
            "Review code and help keep the codebase simple and well tested",
            "Turn product requirements into well-scoped technical plans",
            "Integrate with third-party providers and keep those integrations robust",
        ],
        [
            "Own the server side of {area}: the domain models, the business rules and the integrations",
            "Evolve a distributed system that handles millions of requests every day",
            "Keep latency low and uptime high, and take part in the on-call rotation",
            "Split a monolith into well-bounded services where it makes sense",
            "Design event-driven workflows and asynchronous processing",
            "Shape the internal interfaces other teams build on",
        ],
    ),
    "frontend": (
        [
            "Build responsive, accessible user interfaces for {area}",
            "Turn designs into polished, reusable components",
            "Improve page load times and rendering performance",
            "Maintain our component library and design system",
            "Write unit and end-to-end tests for critical user journeys",
            "Work closely with designers to refine interactions",
        ],
        [
            "Own the customer-facing web app for {area}, from the first render to the last click",
            "Craft interactions that feel fast on slow networks and cheap phones",
            "Make the browser experience work for everyone, keyboard and screen readers included",
            "Keep bundle size and rendering cost in check",
            "Prototype new product ideas quickly with product design",
            "Champion usability and consistency across every screen",
        ],
    ),
    "fullstack": (
        [
            "Ship features for {area} end to end, from the database schema to the user interface",
            "Build APIs and the screens that use them",
            "Own product features from idea to production and iterate on user feedback",
            "Write clean, tested code across the whole stack",
            "Improve developer tooling and deployment pipelines",
            "Talk to customers to understand the problems we solve",
        ],
        [
            "Take a feature of {area} from a sketch on a whiteboard to something customers use the same week",
            "Move fluidly between server code, data models and the browser",
            "Run product experiments and measure their impact on activation and retention",
            "Own small product areas as a generalist",
            "Pair with designers and product managers on discovery",
            "Keep the product fast, simple and dependable",
        ],
    ),
    "data": (
        [
            "Build and maintain batch and streaming data pipelines for {area}",
            "Model data in the warehouse for analytics and reporting",
            "Ensure data quality with tests, monitoring and alerting",
            "Work with analysts and data scientists to make data easy to use",
            "Optimise the cost and performance of large data jobs",
            "Document datasets and data contracts",
        ],
        [
            "Own the flow of data from product events to the dashboards leadership relies on",
            "Design ingestion from dozens of sources: databases, SaaS tools and event streams",
            "Build the metrics layer and definitions the whole company uses",
            "Make late or broken data the exception, with lineage and freshness checks",
            "Scale our lakehouse as volumes grow tenfold",
            "Enable self-service analytics across teams",
        ],
    ),
    "ml": (
        [
            "Train, evaluate and deploy machine learning models for {area}",
            "Build features and training datasets from large volumes of data",
            "Run experiments and A/B tests to measure model impact",
            "Monitor model performance and drift in production",
            "Work with product teams to frame problems as prediction tasks",
            "Research and prototype new modelling approaches",
        ],
        [
            "Turn noisy behavioural data into models that rank, recommend and forecast",
            "Take models from a notebook to a reliable service with latency budgets",
            "Fine-tune language models and evaluate them rigorously",
            "Own the offline and online evaluation of ranking systems",
            "Build the training and serving infrastructure other scientists rely on",
            "Explain results and trade-offs to non-technical stakeholders",
        ],
    ),
    "devops": (
        [
            "Build and operate our cloud infrastructure as code",
            "Maintain build and deployment pipelines and make releases faster",
            "Own monitoring, alerting and incident response",
            "Harden our infrastructure and manage secrets and access",
            "Automate repetitive operational work",
            "Plan capacity and keep cloud costs under control",
        ],
        [
            "Give product engineers a paved road from commit to production",
            "Run a multi-region platform with strict uptime targets",
            "Define service level objectives and error budgets with the teams that own services",
            "Lead blameless post-mortems and the follow-up work",
            "Build self-service tooling for environments, secrets and deployments",
            "Make the platform secure by default",
        ],
    ),
    "mobile": (
        [
            "Build and maintain our native mobile apps for {area}",
            "Implement new features from design to release in the app stores",
            "Improve app startup time, crash rate and battery usage",
            "Write unit and UI tests for the mobile apps",
            "Work with backend engineers on the endpoints the apps use",
            "Keep our apps accessible and consistent with platform guidelines",
        ],
        [
            "Own the experience on phones and tablets for millions of users",
            "Ship weekly releases with feature flags and staged rollouts",
            "Make offline use and flaky connections a first-class case",
            "Build reusable UI components shared by both platforms",
            "Profile and fix jank, memory leaks and crashes",
            "Collaborate with designers on motion and gestures",
        ],
    ),
}
# Another family's work, described in a posting as context (the hard negatives' shared words).
DECOY = {
    "backend": "You will work next to the team that builds the backend services and APIs, the domain models "
    "and the integrations with payment providers, and you will often review their designs.",
    "frontend": "You will work next to the team that builds our web interfaces and design system, and you will "
    "care, as they do, about page load times, accessibility and polished user journeys.",
    "fullstack": "You will work next to product engineers who ship features end to end, from database schema "
    "to user interface, and you will join their customer interviews.",
    "data": "You will work next to the data team that builds pipelines, the warehouse and the dashboards, and "
    "you will help define data contracts, metrics and data quality checks with them.",
    "ml": "You will work next to the machine learning team that trains and deploys models for ranking and "
    "recommendations, and you will help them run experiments and monitor model drift.",
    "devops": "You will work next to the platform team that runs our cloud infrastructure, deployment "
    "pipelines, monitoring and incident response, and you will share their on-call duties.",
    "mobile": "You will work next to the mobile team that builds our native apps, and you will help with app "
    "releases, crash rates and the endpoints the apps call.",
}
AREAS = ["billing", "checkout", "search", "onboarding", "payments", "the partner portal", "our public API",
         "reporting", "notifications", "identity and access"]  # fmt: skip

RESUME_BULLETS: dict[str, list[str]] = {
    "backend": [
        "Rebuilt the {thing} service in {a}, cutting p99 latency by {pct}%",
        "Moved {thing} from nightly cron jobs to a queue-based design on {a} and {b}",
        "Wrote the {thing} endpoints used by {n} partner integrations, backed by {a}",
        "Cut database load by {pct}% by redesigning the {thing} queries ({a})",
        "Led the migration of {thing} to {a} with zero downtime",
        "Kept {thing} at 99.95% availability while traffic grew {x}x ({a}, {b})",
        "Introduced contract tests between {thing} and its {n} consumers, written with {a}",
    ],
    "frontend": [
        "Rebuilt the {thing} screens in {a}, lifting conversion by {pct}%",
        "Created the shared component kit used by {n} product teams ({a}, {b})",
        "Halved the time to interactive of {thing} by code splitting and lazy loading in {a}",
        "Made {thing} usable with a keyboard and screen readers; audited with {a}",
        "Replaced flaky UI tests for {thing} with {a} suites that run in {n} minutes",
        "Migrated {thing} from a legacy jQuery codebase to {a} and {b}",
    ],
    "fullstack": [
        "Shipped {thing} end to end: schema, API and interface, in {a} and {b}",
        "Built the {thing} admin tool support agents use daily ({a})",
        "Ran {n} product experiments on {thing}; the winner raised activation by {pct}%",
        "Owned {thing} as the only engineer for six months, from {a} models to {b} views",
        "Cut the release cycle of {thing} from two weeks to daily deploys with {a}",
        "Rewrote the {thing} signup flow in {a}, lowering drop-off by {pct}%",
    ],
    "data": [
        "Built the {thing} pipeline that lands {n} million events a day, on {a} and {b}",
        "Modelled the {thing} marts that finance and sales report from ({a})",
        "Cut the nightly {thing} job from {n} hours to 40 minutes by rewriting it in {a}",
        "Added freshness and volume checks to {n} {thing} tables, orchestrated in {a}",
        "Moved {thing} reporting off spreadsheets onto {a}",
        "Replaced hand-written {thing} exports with incremental loads into {a}",
    ],
    "ml": [
        "Trained the {thing} model in {a}, improving offline AUC by {pct} points",
        "Took the {thing} model from notebook to a service answering in 30 ms ({a}, {b})",
        "Built the feature store behind {thing} and {n} other models with {a}",
        "Ran the {thing} A/B test that lifted revenue per visit by {pct}%",
        "Set up drift monitoring for {n} production models on {a}",
        "Fine-tuned a language model for {thing} with {a}",
    ],
    "devops": [
        "Moved {n} services onto {a}, with {b} for every environment",
        "Cut deploy time from {n} minutes to under five by rebuilding the pipeline on {a}",
        "Wrote the {thing} runbooks and brought pages down by {pct}% with {a} alerts",
        "Managed {n} production clusters with {a} and {b}",
        "Introduced {a} for secrets and access across {n} teams",
        "Saved {pct}% of the cloud bill by rightsizing {thing} workloads on {a}",
    ],
    "mobile": [
        "Shipped the {thing} feature to {n}00k users in {a}",
        "Brought the crash-free rate of {thing} from 97% to 99.8% ({a}, {b})",
        "Rewrote the {thing} screens in {a}, cutting startup time by {pct}%",
        "Set up release automation for the app stores with {a}",
        "Made {thing} work offline with local caching in {a}",
        "Built the design-system components for both apps with {a}",
    ],
}
THINGS = {
    "backend": ["billing", "payments ledger", "order management", "notification", "search indexing", "auth"],
    "frontend": ["checkout", "onboarding", "dashboard", "settings", "search results", "product page"],
    "fullstack": ["invoicing", "team invites", "onboarding", "reporting", "booking", "referral"],
    "data": ["clickstream", "revenue", "subscription", "marketing attribution", "inventory", "customer"],
    "ml": ["churn", "fraud scoring", "search ranking", "recommendation", "demand forecasting", "pricing"],
    "devops": ["CI", "logging", "edge proxy", "database backup", "staging", "build cache"],
    "mobile": ["offline sync", "chat", "payments", "onboarding", "map", "push notification"],
}
RESUME_SUMMARIES = {
    "backend": "{role} with {years} years of experience keeping busy systems simple. I like clear data "
    "models, boring technology and on-call shifts where nothing happens.",
    "frontend": "{role} with {years} years of experience making web products feel fast and obvious. I sit "
    "between design and engineering and care about the details users notice.",
    "fullstack": "{role} with {years} years of experience shipping whole features for small product teams, "
    "from the first customer call to the release notes.",
    "data": "{role} with {years} years of experience getting the right numbers to the right people on time, "
    "and making sure they can trust them.",
    "ml": "{role} with {years} years of experience turning data into models that change product metrics, "
    "and owning them after launch.",
    "devops": "{role} with {years} years of experience making deploys dull and outages short. Infrastructure "
    "as code, paging hygiene and cost awareness.",
    "mobile": "{role} with {years} years of experience building apps people keep on their home screen, with "
    "a focus on stability and smooth interactions.",
}
FIRST_NAMES = (
    "Ana Ben Chloe Dmitri Elif Farid Grace Hiro Ines Jonas Kemi Lars Maya Nikhil Olga Pedro Quinn Rosa".split()
)
LAST_NAMES = "Alvarez Becker Chen Dubois Eriksen Fischer Garcia Haddad Ivanova Jensen Kowalski Lopez Moreau".split()
UNIVERSITIES = ["TU Delft", "University of Warsaw", "University of Lisbon", "KTH Stockholm", "University of Leeds",
                "Politecnico di Milano", "University of Toronto", "TU Berlin"]  # fmt: skip
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


# ---------------------------------------------------------------- the labelled set


@dataclass(frozen=True)
class PostingTruth:
    family: str
    stack: str
    level: int
    required: tuple[str, ...]
    nice: tuple[str, ...]
    decoy: str  # the family whose wording the posting borrows, "" when none


@dataclass(frozen=True)
class ResumeTruth:
    family: str
    stack: str
    level: int
    years: float
    skills: frozenset[str]
    neighbour: str  # the neighbouring family it has skills of, "" when none


@dataclass(frozen=True)
class Posting:
    job_id: str
    title: str
    description: str
    truth: PostingTruth

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.description}"  # what ingestion embeds


@dataclass(frozen=True)
class Resume:
    resume_id: str
    text: str
    truth: ResumeTruth


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _heading(rng: random.Random, kind: str, company: str, style: str) -> str:
    text = rng.choice(HEADINGS[kind]).format(company=company.upper())
    return {"colon": text + ":", "markdown": "## " + text, "caps": text.upper()}.get(style, text)


def make_posting(rng: random.Random, job_id: str) -> Posting:
    family = rng.choice(sorted(STACKS))
    stack_name = rng.choice(sorted(STACKS[family]))
    stack = STACKS[family][stack_name]
    level = rng.choices([1, 2, 3, 4, 5], weights=[2, 3, 4, 2, 1])[0]
    required = [stack[0], *rng.sample(stack[1:], rng.randint(3, 5))]
    others = [s for s in FAMILY_POOL[family] if s not in stack]
    if rng.random() < 0.3:
        required.append(rng.choice(others))
    rest = [s for s in stack if s not in required] + rng.sample(others, 2)
    nice = rng.sample(rest, rng.randint(2, 3))
    decoy = rng.choice([f for f in sorted(STACKS) if f != family]) if rng.random() < 0.25 else ""

    company, city, area = rng.choice(COMPANIES), rng.choice(CITIES), rng.choice(AREAS)
    values = {
        "company": company, "city": city, "domain": rng.choice(DOMAINS), "customers": rng.choice(CUSTOMERS),
        "stage": rng.choice(["fast-growing", "Series B", "bootstrapped", "publicly listed"]),
        "goal": rng.choice(["save time", "get paid faster", "understand their data"]),
        "year": rng.randint(2005, 2021), "people": rng.choice([25, 60, 120, 300]), "offices": rng.randint(2, 5),
        "small": rng.randint(2, 5), "team": rng.choice([8, 15, 40]), "nationalities": rng.choice([10, 20, 35]),
        "days": rng.choice([25, 28, 30]), "budget": rng.choice([1000, 1500, 2000]), "weeks": rng.choice([12, 16]),
        "team_name": rng.choice(["Payments", "Core Platform", "Growth", "Search", "Data", "Checkout", "Identity"]),
        "manager": rng.choice(["Head of Engineering", "Engineering Manager", "CTO", "VP of Engineering"]),
        "mode": rng.choice(["fully remote", "hybrid", "on-site", "remote-first"]),
    }  # fmt: skip
    role = rng.choice(role_names(family, stack_name))
    word = rng.choice(POSTING_LEVEL_WORDS[level])
    years = rng.choice(POSTING_YEARS[level])
    if not word and years is None:
        word = "Junior"  # a level the posting states somewhere
    title = plain_title = " ".join(part for part in (word, role) if part)
    if rng.random() < 0.3:
        title += rng.choice([" (m/f/d)", " - Remote", f" ({city})", " | Hybrid"])
    style = rng.choice(["plain", "colon", "markdown", "caps"])
    bullet = rng.choice(["- ", "• ", "* "])
    prose = POSTING_PROSE[family][rng.randint(0, 1)]

    parts = [_heading(rng, "about", company, style)]
    parts.append(" ".join(t.format(**values) for t in [ABOUT[0], *rng.sample(ABOUT[1:], rng.randint(2, 4))]))
    if rng.random() < 0.6:
        parts += ["", _heading(rng, "role", company, style)]
        parts.append(" ".join(t.format(title=plain_title, area=area, **values) for t in rng.sample(ROLE, 2)))
    parts += ["", _heading(rng, "resp", company, style)]
    parts += [bullet + t.format(area=area) for t in rng.sample(prose, rng.randint(4, 6))]
    if rng.random() < 0.4:
        parts += ["", _heading(rng, "team", company, style)]
        parts.append(" ".join(rng.sample([t for t in TEAM if "{" not in t], 3)))  # no skills: truth stays exact
    if decoy:
        parts += ["", DECOY[decoy]]
    parts += ["", _heading(rng, "req", company, style)]
    requirements = _requirement_lines(rng, family, role, level, years, required)
    parts += [bullet + line for line in requirements]
    parts += ["", _heading(rng, "nice", company, style)]
    parts += [bullet + line for line in _nice_lines(rng, nice)]
    parts += ["", _heading(rng, "benefits", company, style)]
    # Benefits that name a tool ("we use Slack", "AWS certification") are left out: the truth would not say.
    benefits = [b for b in BENEFITS if "AWS" not in b and "Slack" not in b]
    parts += [bullet + t.format(**values) for t in rng.sample(benefits, rng.randint(3, 5))]
    parts += ["", " ".join(rng.sample(CLOSING, 2))]
    truth = PostingTruth(family, stack_name, level, tuple(required), tuple(nice), decoy)
    return Posting(job_id, title, "\n".join(parts), truth)


def _requirement_lines(
    rng: random.Random, family: str, role: str, level: int, years: int | None, required: Sequence[str]
) -> list[str]:
    skills = list(required)
    lines = []
    if years is not None:
        if rng.random() < 0.5:
            lines.append(f"{years}+ years of professional experience with {skills.pop(0)}")
        else:
            lines.append(f"{years}+ years of experience as a {role.lower()} or in a similar role")
    elif level == 1:
        lines.append("This is an entry-level role: internships and side projects count")
    templates = [
        "Strong proficiency in {a} and {b}",
        "Hands-on experience with {a} in production",
        "You are comfortable with {a}, {b} and {c}",
        "Solid understanding of {a}",
        "Must have: {a} and {b}",
        "Experience building and running systems with {a}",
        "You know your way around {a}",
    ]
    rng.shuffle(skills)
    while skills:
        template = rng.choice(templates)
        needed = template.count("{")
        if needed > len(skills):
            continue
        chosen, skills = skills[:needed], skills[needed:]
        lines.append(template.format(**dict(zip("abc", chosen, strict=False))))
    if level >= 3:
        lines.append(
            rng.choice(
                [
                    "You enjoy mentoring other engineers and raising the bar in code review",
                    "You have led the design of systems others depend on",
                    "You set technical direction across multiple teams",
                ]
                if level >= 4
                else ["You enjoy mentoring other engineers and raising the bar in code review"]
            )
        )
    lines.append(rng.choice(["Clear written communication in English", "A degree in Computer Science or equivalent "
                             "practical experience", "A pragmatic, collaborative attitude"]))  # fmt: skip
    first, rest = lines[:1], lines[1:]
    rng.shuffle(rest)
    return first + rest


def _nice_lines(rng: random.Random, nice: Sequence[str]) -> list[str]:
    templates = ["Experience with {a} is a plus", "Familiarity with {a} or {b}", "Exposure to {a}",
                 "Knowledge of {a} would be a bonus", "Some experience with {a} and {b}"]  # fmt: skip
    skills, lines = list(nice), []
    while skills:
        template = rng.choice(templates)
        needed = template.count("{")
        if needed > len(skills):
            continue
        chosen, skills = skills[:needed], skills[needed:]
        lines.append(template.format(**dict(zip("ab", chosen, strict=False))))
    lines.append("Contributions to open source projects")
    return lines


def make_resume(rng: random.Random, resume_id: str) -> Resume:
    family = rng.choice(sorted(STACKS))
    stack_name = rng.choice(sorted(STACKS[family]))
    stack = STACKS[family][stack_name]
    level = rng.choices([1, 2, 3, 4, 5], weights=[2, 3, 4, 2, 1])[0]
    low, high = RESUME_YEARS[level]
    years = round(rng.uniform(low, high) * 12) / 12  # whole months
    held = [stack[0], *rng.sample(stack[1:], rng.randint(4, 7))]
    held += rng.sample([s for s in FAMILY_POOL[family] if s not in held], rng.randint(1, 3))
    neighbour = rng.choice(NEIGHBOURS[family]) if rng.random() < 0.35 else ""
    if neighbour:
        other = STACKS[neighbour][rng.choice(sorted(STACKS[neighbour]))]
        held += [s for s in rng.sample(other, 3) if s not in held][:3]
    truth = ResumeTruth(family, stack_name, level, years, frozenset(held), neighbour)
    return Resume(resume_id, _resume_text(rng, truth, held), truth)


_RESUME_TITLE_WORDS = {1: ["Junior", ""], 2: [""], 3: ["Senior"], 4: ["Staff", "Lead"], 5: ["Principal"]}


def _resume_text(rng: random.Random, truth: ResumeTruth, held: list[str]) -> str:
    family = truth.family
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    role = rng.choice(role_names(family, truth.stack))
    title = " ".join(p for p in (rng.choice(_RESUME_TITLE_WORDS[truth.level]), role) if p)
    lines = [name, title, f"{name.lower().replace(' ', '.')}@example.com | {rng.choice(CITIES)}", ""]
    lines += [rng.choice(["Summary", "SUMMARY", "Profile"])]
    lines += [RESUME_SUMMARIES[family].format(role=role, years=_years_words(truth.years)), ""]

    # Roles, newest first; their months add up to the latent years (one contiguous career).
    months_total = max(1, round(truth.years * 12))
    count = 1 if months_total < 24 else min(4, 1 + months_total // rng.randint(26, 40))
    cuts = sorted(rng.sample(range(6, months_total - 5), count - 1)) if count > 1 and months_total > 12 else []
    lengths = [b - a for a, b in zip([0, *cuts], [*cuts, months_total], strict=True)]
    end_index = REFERENCE_DAY.year * 12 + REFERENCE_DAY.month - 1  # "Present" counts the current month
    skills = list(held)
    rng.shuffle(skills)
    entries = []
    for position, length in enumerate(lengths):
        start_index = end_index - length + 1
        level = max(1, truth.level - position) if truth.level <= 3 else max(2, truth.level - position)
        word = rng.choice(_RESUME_TITLE_WORDS[level]) if position or level != truth.level else title.split()[0]
        word = word if word in ("Junior", "Senior", "Staff", "Lead", "Principal") else ""
        entry_title = " ".join(p for p in (word, rng.choice(role_names(family, truth.stack))) if p)
        start = f"{MONTHS[start_index % 12]} {start_index // 12}"
        end = "Present" if position == 0 else f"{MONTHS[end_index % 12]} {end_index // 12}"
        entries.append((entry_title, rng.choice(COMPANIES), f"{start} - {end}"))
        end_index = start_index - 1
    # Every held skill is named in some role's bullets (newest roles name most), two per bullet.
    per_entry: list[list[str]] = [[] for _ in entries]
    for index, skill in enumerate(skills):
        per_entry[min(len(entries) - 1, index // 4) if rng.random() < 0.7 else rng.randrange(len(entries))].append(
            skill
        )
    project_skills: list[str] = []
    if rng.random() < 0.5 and len(per_entry[0]) > 2:
        project_skills = [per_entry[0].pop()]

    lines_experience = [rng.choice(["Experience", "EXPERIENCE", "Work Experience"])]
    inline = rng.random() < 0.5
    # Senior people often say they mentor and review (postings of their level ask for it).
    mentors = truth.level >= 3 and rng.random() < 0.5
    for position, ((entry_title, company, dates), named) in enumerate(zip(entries, per_entry, strict=True)):
        if inline:
            lines_experience.append(f"{entry_title}, {company} | {dates}")
        else:
            lines_experience += [f"{entry_title} - {company}", dates]
        bullets = rng.sample(RESUME_BULLETS[family], min(len(RESUME_BULLETS[family]), max(2, (len(named) + 1) // 2)))
        for index, template in enumerate(bullets):
            pair = named[2 * index : 2 * index + 2] if index < len(bullets) - 1 else named[2 * index :]
            fill = pair or [rng.choice(held)]
            if len(fill) == 1 and "{b}" in template:
                fill.append(rng.choice([s for s in held if s != fill[0]]))  # a held skill: the truth stays true
            text = template.format(
                thing=rng.choice(THINGS[family]), a=fill[0], b=_join(fill[1:]) if len(fill) > 1 else fill[0],
                pct=rng.choice([18, 25, 30, 40, 60]), n=rng.choice([3, 4, 6, 12, 20]), x=rng.choice([3, 5, 10]),
            )  # fmt: skip
            if len(fill) > 1 and "{b}" not in template:
                text += f", together with {_join(fill[1:])}"
            lines_experience.append(f"- {text}")
        if mentors and position == 0:
            lines_experience.append(f"- Mentored {rng.choice([2, 3, 4])} engineers and ran the team's code reviews")
        lines_experience.append("")

    if rng.random() < 0.75:
        lines += [rng.choice(["Skills", "SKILLS", "Technical Skills"])]
        listed = sorted(held, key=lambda s: (held.index(s) > len(held) // 2, s))
        if rng.random() < 0.5:
            lines.append(", ".join(listed))
        else:
            half = (len(listed) + 1) // 2
            lines += [f"Main: {', '.join(listed[:half])}", f"Also: {', '.join(listed[half:])}"]
        lines.append("")
    lines += lines_experience
    if project_skills:
        lines += ["Projects", f"- A weekend side project built with {project_skills[0]}, used by a few friends", ""]
    graduation = end_index // 12 - rng.randint(0, 1)
    lines += ["Education", f"B.Sc. Computer Science, {rng.choice(UNIVERSITIES)}, {graduation}"]
    return "\n".join(lines) + "\n"


def _years_words(years: float) -> str:
    return str(int(years)) if years >= 1 else "one"


def make_set(resume_count: int, posting_count: int, seed: int) -> tuple[list[Resume], list[Posting]]:
    rng = random.Random(seed)
    postings = [make_posting(rng, f"job-{index:04d}") for index in range(posting_count)]
    resumes = [make_resume(rng, f"resume-{index:03d}") for index in range(resume_count)]
    return resumes, postings


def relevance(resume: ResumeTruth, posting: PostingTruth) -> int:
    """The grade of a posting for a resume (see the module doc)."""
    covered = sum(skill in resume.skills for skill in posting.required) / len(posting.required)
    near = abs(resume.level - posting.level) <= 1
    if resume.family == posting.family:
        if near and covered >= 0.7:
            return 3
        return 2 if near or covered >= 0.5 else 1
    if posting.family in NEIGHBOURS[resume.family] and covered >= 0.5:
        return 1
    return 0


# ---------------------------------------------------------------- BM25

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
    off on once only or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours yourself yourselves us also""".split()
)
_TOKEN = re.compile(r"[a-z0-9][a-z0-9+#]*")


def tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS]


def bm25_scores(documents: Sequence[str], queries: Sequence[str], k1: float = 1.2, b: float = 0.75) -> np.ndarray:
    """(queries x documents) Okapi BM25; each distinct query term counts once."""
    docs = [Counter(tokens(d)) for d in documents]
    vocabulary = {term: i for i, term in enumerate(sorted({t for d in docs for t in d}))}
    tf = np.zeros((len(docs), len(vocabulary)), dtype=np.float64)
    for row, counts in enumerate(docs):
        for term, count in counts.items():
            tf[row, vocabulary[term]] = count
    lengths = tf.sum(axis=1, keepdims=True)
    df = (tf > 0).sum(axis=0)
    idf = np.log(1 + (len(docs) - df + 0.5) / (df + 0.5))
    weights = idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths / lengths.mean()))
    query = np.zeros((len(queries), len(vocabulary)), dtype=np.float64)
    for row, text in enumerate(queries):
        for term in set(tokens(text)):
            if term in vocabulary:
                query[row, vocabulary[term]] = 1.0
    return query @ weights.T


# ---------------------------------------------------------------- metrics


def ndcg_at(grades_in_order: np.ndarray, all_grades: np.ndarray, k: int = K) -> float:
    top, ideal = grades_in_order[:k], np.sort(all_grades)[::-1][:k]
    discounts = 1.0 / np.log2(np.arange(2, len(top) + 2))
    dcg = float((top * discounts).sum())
    idcg = float((ideal * discounts).sum())
    return dcg / idcg if idcg > 0 else 0.0


def reciprocal_rank(grades_in_order: np.ndarray, threshold: int = RELEVANT) -> float:
    hits = np.flatnonzero(grades_in_order >= threshold)
    return 1.0 / (hits[0] + 1) if len(hits) else 0.0


def precision_at(grades_in_order: np.ndarray, k: int = K) -> float:
    return float((grades_in_order[:k] >= RELEVANT).mean())


def _rr_top_grade(ranked: np.ndarray, all_grades: np.ndarray) -> float:
    # Undefined for a resume without grade-3 postings: NaN, left out of the mean.
    return reciprocal_rank(ranked, 3) if (all_grades == 3).any() else math.nan


METRICS: dict[str, Callable[[np.ndarray, np.ndarray], float]] = {
    f"NDCG@{K}": ndcg_at,
    "MRR": lambda ranked, _all: reciprocal_rank(ranked),
    f"P@{K}": lambda ranked, _all: precision_at(ranked),
    # MRR with grade >= 2 saturates (most resumes have dozens of grade-2 postings); this one does not.
    "MRR grade 3": _rr_top_grade,
}


def evaluate(orders: np.ndarray, grades: np.ndarray) -> dict[str, np.ndarray]:
    """Per-resume metric values for a ranking (orders: resumes x postings, posting indices best first)."""
    return {
        name: np.array([metric(grades[r, orders[r]], grades[r]) for r in range(len(orders))])
        for name, metric in METRICS.items()
    }


def bootstrap(values: np.ndarray, resamples: int, rng: np.random.Generator) -> tuple[float, float]:
    """95% percentile interval of the mean over resumes (NaN values left out)."""
    values = values[~np.isnan(values)]
    picks = rng.integers(0, len(values), size=(resamples, len(values)))
    means = values[picks].mean(axis=1)
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def order_by(primary: np.ndarray, secondary: np.ndarray | None = None) -> np.ndarray:
    """Posting indices per resume, highest first; ties by `secondary` (highest first), then by index."""
    keys = [np.broadcast_to(np.arange(primary.shape[1]), primary.shape)]
    if secondary is not None:
        keys.append(-secondary)
    keys.append(-primary)
    return np.lexsort(keys, axis=1)


# ---------------------------------------------------------------- the score's parts


@dataclass
class Parts:
    """The score's parts for every (resume, posting) pair: values 0..1 and whether each was assessed."""

    values: dict[str, np.ndarray]
    assessed: dict[str, np.ndarray]
    score: np.ndarray  # as `ScoreBreakdown.score` gives it

    def combine(
        self, weights: dict[str, float], cosine: np.ndarray, floor: float | None = None, ceiling: float | None = None
    ) -> np.ndarray:
        """The score with other weights or another calibration of the cosine, re-normalised over the
        assessed parts as `scoring.score` does."""
        total = np.zeros_like(cosine)
        weight = np.zeros_like(cosine)
        for name, values in self.values.items():
            if name == "semantic" and floor is not None and ceiling is not None:
                values = np.clip((cosine - floor) / (ceiling - floor), 0.0, 1.0)
            w = weights[name] * self.assessed[name]
            total += w * values
            weight += w
        return np.round(100 * total / np.where(weight > 0, weight, 1.0), 1)

    def with_values(self, name: str, values: np.ndarray) -> Parts:
        return Parts({**self.values, name: values}, self.assessed, self.score)


def score_all(
    facts: Sequence[JobFacts], candidates: Sequence[Candidate], taxonomy: Taxonomy, cosine: np.ndarray
) -> Parts:
    shape = (len(candidates), len(facts))
    values = {name: np.zeros(shape) for name in scoring.WEIGHTS}
    assessed = {name: np.zeros(shape, dtype=bool) for name in scoring.WEIGHTS}
    total = np.zeros(shape)
    for r, candidate in enumerate(candidates):
        index = CoverageIndex(candidate, taxonomy)
        for p, job_facts in enumerate(facts):
            breakdown = score(job_facts, index, float(cosine[r, p]))
            total[r, p] = breakdown.score
            for name, part in (
                ("semantic", breakdown.semantic_similarity),
                ("required", breakdown.required_coverage),
                ("nice_to_have", breakdown.nice_to_have_coverage),
                ("seniority", breakdown.seniority_fit),
            ):
                values[name][r, p] = part.value
                assessed[name][r, p] = part.weight > 0
    return Parts(values, assessed, total)


def level_first_seniority(facts: JobFacts, candidate: Candidate) -> float | None:
    """A variant of `scoring.seniority_fit`: the level fit alone when both sides state a level, the years
    fit only when one does not. The shipped fit averages the two, and the years fit is 1.0 for anyone
    with more years than asked, so a principal scores 0.5 on a graduate job (level fit 0)."""
    job_level = scoring.LEVEL_ORDER.get(facts.seniority)
    own_level = scoring.LEVEL_ORDER.get(candidate.seniority)
    if job_level is not None and own_level is not None:
        return {0: 1.0, 1: 0.8, -1: 0.5, 2: 0.5, -2: 0.15}.get(own_level - job_level, 0.0)
    if facts.min_years and candidate.total_years is not None:
        shortfall = facts.min_years - candidate.total_years
        return 1.0 if shortfall <= 0 else max(0.0, 1.0 - shortfall / facts.min_years)
    return None


def years_backed_seniority(profile: ResumeProfile) -> Seniority:
    """A variant of `skills.seniority.resume_seniority`: when the newest title names no level, an older
    title cannot pull the level below what the total years show. People drop "Junior" when promoted, so
    "Backend Engineer" (now) after "Junior Backend Engineer" with 4 years is mid, not junior."""
    level = profile.seniority.level
    years = profile.total_years_experience
    if not profile.recent_titles or resume_title_level(profile.recent_titles[0]) is not None or years is None:
        return level
    by_years = resume_years_level(years)
    if level in scoring.LEVEL_ORDER and scoring.LEVEL_ORDER[level] < scoring.LEVEL_ORDER[by_years]:
        return by_years
    return level


def without_soft_skills(facts: JobFacts, taxonomy: Taxonomy) -> JobFacts:
    """The job's facts without skills of the soft-skill category (mentoring, communication, ownership)."""

    def hard(skill_id: str) -> bool:
        entry = taxonomy.get(skill_id)
        return entry is None or entry.category is not SkillCategory.SOFT_SKILL

    return JobFacts(facts.job_id, tuple(filter(hard, facts.required)), tuple(filter(hard, facts.nice_to_have)),
                    facts.seniority, facts.min_years)  # fmt: skip


def shrunk_coverage(parts: Parts, facts: Sequence[JobFacts], pseudo: float = 2.0, prior: float = 0.5) -> np.ndarray:
    """Required coverage as if the job also named `pseudo` skills covered at `prior`: a job whose only
    required skill is covered gets 0.83 instead of 1.0, one with 6 of 6 gets 0.94. The shipped coverage
    makes a job that names one required skill (or whose requirements the extractor missed) a 100% match
    for everyone who has that one skill."""
    counts = np.array([len(f.required) for f in facts], dtype=np.float64)
    return (parts.values["required"] * counts + pseudo * prior) / (counts + pseudo)


# ---------------------------------------------------------------- main


def _embed(embedder: Embedder, texts: Sequence[str], cache: Path | None) -> np.ndarray:
    if cache is None:
        return np.asarray(embedder.embed_document_batch(texts), dtype=np.float64)
    cache.mkdir(parents=True, exist_ok=True)
    keys = [hashlib.sha256(t.encode()).hexdigest()[:24] for t in texts]
    missing = [i for i, key in enumerate(keys) if not (cache / f"{key}.npy").exists()]
    if missing:
        for i, vector in zip(missing, embedder.embed_document_batch([texts[i] for i in missing]), strict=True):
            np.save(cache / f"{keys[i]}.npy", np.asarray(vector, dtype=np.float64))
    return np.stack([np.load(cache / f"{key}.npy") for key in keys])


def _stored(posting: Posting, skills: JobSkills) -> StoredJob:
    job = JobPosting(source_kind="manual", source_identifier="eval", external_id=posting.job_id,
                     title=posting.title, description=posting.description)  # fmt: skip
    return StoredJob(job_id=posting.job_id, posting=job, state="open", scrape_time=datetime(2025, 6, 1, tzinfo=UTC),
                     close_time=None, skills=skills)  # fmt: skip


_TAXONOMY_IDS: dict[str, str | None] = {}


def taxonomy_id(taxonomy: Taxonomy, name: str) -> str | None:
    if name not in _TAXONOMY_IDS:
        entry = taxonomy.lookup(name)
        _TAXONOMY_IDS[name] = entry.skill_id if entry else None
    return _TAXONOMY_IDS[name]


@dataclass
class Run:
    args: argparse.Namespace
    resumes: list[Resume]
    postings: list[Posting]
    taxonomy: Taxonomy
    job_skills: list[JobSkills]
    profiles: list[ResumeProfile]
    candidates: list[Candidate]
    facts: list[JobFacts]
    cosine: np.ndarray
    grades: np.ndarray
    parts: Parts
    timings: dict[str, float]
    load: str = ""  # load average at the start and at the end of the work
    notes: list[str] = field(default_factory=list)

    def interval(self, values: np.ndarray, rng: np.random.Generator, signed: bool = False) -> str:
        low, high = bootstrap(values, self.args.bootstrap, rng)
        mean = float(np.nanmean(values))
        if signed:
            return f"{mean:+.3f} [{low:+.3f}, {high:+.3f}]"
        return f"{mean:.3f} [{low:.3f}, {high:.3f}]"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--resumes", type=int, default=40)
    parser.add_argument("--postings", type=int, default=400)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--recall", type=int, default=RECALL, help="the production path's recall (RECALL)")
    parser.add_argument("--bootstrap", type=int, default=2000, help="bootstrap resamples")
    parser.add_argument("--examples", type=int, default=3, help="resumes whose top 5 is printed with its parts")
    parser.add_argument("--cache", type=Path, default=None, help="keep embeddings here between runs")
    parser.add_argument("--show", action="store_true", help="print the first resume and posting")
    args = parser.parse_args(argv)
    timings: dict[str, float] = {}
    clock = time.perf_counter
    load_before = load_average()

    began = clock()
    resumes, postings = make_set(args.resumes, args.postings, args.seed)
    grades = np.array([[relevance(r.truth, p.truth) for p in postings] for r in resumes])
    timings["generate and label"] = clock() - began
    if args.show:
        print(f"{resumes[0].text}\n{resumes[0].truth}\n\n{postings[0].text}\n\n{postings[0].truth}\n")

    began = clock()
    taxonomy = Taxonomy.load()
    extractor = TaxonomyExtractor(taxonomy)
    job_skills = [extractor.extract_job_sync(title=p.title, description=p.description) for p in postings]
    profiles = [extractor.extract_resume_sync(r.text, today=REFERENCE_DAY) for r in resumes]
    facts = [facts_from_job(_stored(p, s)) for p, s in zip(postings, job_skills, strict=True)]
    candidates = [candidate_from_profile(profile, r.text) for r, profile in zip(resumes, profiles, strict=True)]
    timings["extract"] = clock() - began

    began = clock()
    with tempfile.TemporaryDirectory() as model_cache:
        embedder = Embedder(cache_dir=Path(model_cache))
        timings["model load"] = clock() - began
        began = clock()
        job_vectors = _embed(embedder, [p.text for p in postings], args.cache)
        resume_vectors = _embed(embedder, [r.text for r in resumes], args.cache)
    timings["embed" + (" (cache)" if args.cache else "")] = clock() - began
    cosine = resume_vectors @ job_vectors.T

    began = clock()
    parts = score_all(facts, candidates, taxonomy, cosine)
    timings["score"] = clock() - began
    began = clock()
    bm25 = bm25_scores([p.text for p in postings], [r.text for r in resumes])
    timings["BM25"] = clock() - began

    run = Run(args, resumes, postings, taxonomy, job_skills, profiles, candidates, facts, cosine, grades, parts,
              timings)  # fmt: skip
    run.load = f"load average at the start: {load_before}; after embedding and scoring: {load_average()}"
    orders = {
        FULL: order_by(parts.score, cosine),  # ties as the service breaks them: more similar first, then id
        "vector (cosine only)": order_by(cosine),
        "keyword (BM25)": order_by(bm25),
    }
    recall = min(args.recall, len(postings))
    if recall < len(postings):
        # The service reranks only the `recall` most similar; the rest (never shown) follow by cosine.
        recalled = np.zeros(cosine.shape, dtype=bool)
        np.put_along_axis(recalled, order_by(cosine)[:, :recall], True, axis=1)
        production = order_by(np.where(recalled, parts.score + 1000.0, cosine), cosine)
        name = f"production path (top {recall} by cosine, reranked)"
        mine, full = evaluate(production, grades), evaluate(orders[FULL], grades)
        if all(np.array_equal(mine[m], full[m], equal_nan=True) for m in METRICS):
            lost = int((~np.take_along_axis(recalled, orders[FULL][:, :K], axis=1)).sum())
            run.notes.append(
                f"{name}: every metric equal to full's for every resume ({lost} of the full score's top-{K} slots "
                "fall outside the recall); not shown"
            )
        else:
            orders[name] = production
    _print_report(run, orders)
    _print_diagnostics(run, orders)
    return 0


FULL = "full (SkillGap score)"


def _print_report(run: Run, orders: dict[str, np.ndarray]) -> None:
    args, resumes, postings, grades = run.args, run.resumes, run.postings, run.grades
    rng = np.random.default_rng(args.seed)
    words = [len(p.text.split()) for p in postings]
    resume_words = [len(r.text.split()) for r in resumes]
    print("# Job ranking against latent relevance labels\n")
    print(f"- machine: {machine_description()}")
    print(f"- {run.load}")
    print(
        f"- set (seed {args.seed}): {len(resumes)} resumes (words median {statistics.median(resume_words):.0f}), "
        f"{len(postings)} postings (words min/median/max {min(words)}/{statistics.median(words):.0f}/{max(words)}); "
        f"every resume ranked against every posting; taxonomy {run.taxonomy.version}"
    )
    families = Counter(p.truth.family for p in postings)
    print("- postings per family: " + ", ".join(f"{f} {families[f]}" for f in sorted(families)))
    print(f"- postings with another family's paragraph (decoys): {sum(bool(p.truth.decoy) for p in postings)}")
    print("- time: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in run.timings.items()))
    per_resume = {g: (grades == g).sum(axis=1) for g in range(4)}
    print("\n| grade | pairs | per resume: mean (min-max) |")
    print("|---:|---:|---|")
    for g in (3, 2, 1, 0):
        counts = per_resume[g]
        print(f"| {g} | {counts.sum()} | {counts.mean():.1f} ({counts.min()}-{counts.max()}) |")
    with_top = int((per_resume[3] > 0).sum())
    print(
        f"\nMean over resumes, 95% bootstrap interval ({args.bootstrap} resamples over resumes); MRR grade 3 over "
        f"the {with_top} resumes with a grade-3 posting:\n"
    )
    results = {name: evaluate(order, grades) for name, order in orders.items()}
    print("| ranker | " + " | ".join(METRICS) + " |")
    print("|---|" + "---|" * len(METRICS))
    for name, values in results.items():
        print(f"| {name} | " + " | ".join(run.interval(values[m], rng) for m in METRICS) + " |")
    for note in run.notes:
        print(f"\n- {note}")
    print("\n| full minus (paired) | " + " | ".join(f"Δ {m}" for m in METRICS) + " |")
    print("|---|" + "---|" * len(METRICS))
    for name, values in results.items():
        if name != FULL:
            cells = [run.interval(results[FULL][m] - values[m], rng, signed=True) for m in METRICS]
            print(f"| {name} | " + " | ".join(cells) + " |")


def _why(resume: ResumeTruth, posting: PostingTruth) -> str:
    """Why a posting in a top 5 is not grade 3."""
    if resume.family != posting.family:
        return "neighbouring family" if posting.family in NEIGHBOURS[resume.family] else "unrelated family"
    if abs(resume.level - posting.level) > 1:
        return "same family, seniority 2+ levels off"
    return "same family, < 70% of required held"


def _print_diagnostics(run: Run, orders: dict[str, np.ndarray]) -> None:
    args, resumes, postings, grades, cosine, parts, taxonomy = (
        run.args, run.resumes, run.postings, run.grades, run.cosine, run.parts, run.taxonomy
    )  # fmt: skip
    print("\n## Diagnostics\n")
    print(f"What fills the top {K} when it is not a grade-3 posting (slots over all resumes):\n")
    reasons = ["grade 3", "same family, < 70% of required held", "same family, seniority 2+ levels off",
               "neighbouring family", "unrelated family"]  # fmt: skip
    print("| ranker | " + " | ".join(reasons) + " |")
    print("|---|" + "---:|" * len(reasons))
    for name, order in orders.items():
        counts = Counter(
            "grade 3" if grades[r, p] == 3 else _why(resumes[r].truth, postings[p].truth)
            for r in range(len(resumes))
            for p in order[r, :K]
        )
        print(f"| {name} | " + " | ".join(str(counts[reason]) for reason in reasons) + " |")

    print("\nMean of each part by grade (seniority over the pairs where it was assessed):\n")
    print("| grade | cosine | semantic | required | nice to have | seniority (assessed) | full score |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for g in (3, 2, 1, 0):
        mask = grades == g
        seen = parts.assessed["seniority"][mask]
        v = parts.values
        print(
            f"| {g} | {cosine[mask].mean():.3f} | {v['semantic'][mask].mean():.3f} | {v['required'][mask].mean():.3f}"
            f" | {v['nice_to_have'][mask].mean():.3f} | {v['seniority'][mask][seen].mean():.3f} ({seen.mean():.0%}) | "
            f"{parts.score[mask].mean():.1f} |"
        )

    # How faithfully the extractor read the latent truth.
    want_total = found = as_nice = extra_total = 0
    extras: Counter[str] = Counter()
    unread: list[int] = []  # postings whose requirements section the extractor did not see as one
    for index, (job_facts, posting) in enumerate(zip(run.facts, postings, strict=True)):
        want = {taxonomy_id(taxonomy, n) for n in posting.truth.required} - {None}
        nice = {taxonomy_id(taxonomy, n) for n in posting.truth.nice} - {None}
        got = set(job_facts.required)
        if len(want & got) < len(want) / 2:
            unread.append(index)
        want_total += len(want)
        found += len(want & got)
        as_nice += len(want & set(job_facts.nice_to_have))
        extras.update(got - want - nice)
        extra_total += len(got)
    print(
        f"\n- postings: {found}/{want_total} latent required skills extracted as required, {as_nice} as nice to "
        f"have; {sum(extras.values())} of the {extra_total} extracted required skills are not in the truth, most "
        "often: " + ", ".join(f"{s} {n}" for s, n in extras.most_common(8))
    )
    if unread:
        slots = int(np.isin(orders[FULL][:, :K], unread).sum())
        print(
            f"- postings with under half of their latent required skills extracted as required: {len(unread)}; "
            f"they fill {slots} of the full score's top-{K} slots. "
            + "; ".join(
                f"{postings[i].job_id} requires {', '.join(run.facts[i].required) or 'nothing'} "
                f"(requirements heading: {_requirements_heading(postings[i])!r})"
                for i in unread[:5]
            )
        )
    job_levels = Counter(
        (LEVEL_NAMES[p.truth.level], s.seniority.level.value) for p, s in zip(postings, run.job_skills, strict=True)
    )
    pairs = zip(resumes, run.profiles, strict=True)
    resume_levels = Counter((LEVEL_NAMES[r.truth.level], p.seniority.level.value) for r, p in pairs)
    for side, levels in (("posting", job_levels), ("resume", resume_levels)):
        shown = ", ".join(f"{latent} -> {read} {n}" for (latent, read), n in sorted(levels.items()))
        print(f"- {side} seniority, latent -> extracted: {shown}")
    years_off = [
        abs((p.total_years_experience or 0) - r.truth.years) for r, p in zip(resumes, run.profiles, strict=True)
    ]
    held = [
        len({taxonomy_id(taxonomy, n) for n in r.truth.skills} & set(c.skills)) / len(r.truth.skills)
        for r, c in zip(resumes, run.candidates, strict=True)
    ]
    print(
        f"- resumes: total years off by {statistics.mean(years_off):.2f} on average (max {max(years_off):.2f}); "
        f"share of held skills extracted: mean {statistics.mean(held):.0%} (min {min(held):.0%})"
    )

    _print_variants(run)

    if args.examples:
        print(f"\nTop {K} of the full score for the first {args.examples} resumes (grade, score = parts | truth):")
    order = orders[FULL]
    v = parts.values
    for r in range(min(args.examples, len(resumes))):
        truth = resumes[r].truth
        profile = run.profiles[r]
        print(
            f"\n{resumes[r].resume_id}: {truth.family}/{truth.stack}, {LEVEL_NAMES[truth.level]}, {truth.years:.1f} y,"
            f" {len(truth.skills)} skills (extracted: {profile.seniority.level.value}, "
            f"{profile.total_years_experience} y, {len(profile.skills)} skills); grade-3/2 postings: "
            f"{(grades[r] == 3).sum()}/{(grades[r] == 2).sum()}"
        )
        for p in order[r, :K]:
            job = postings[p].truth
            held_count = sum(s in truth.skills for s in job.required)
            print(
                f"  g{grades[r, p]} {parts.score[r, p]:5.1f} = cos {cosine[r, p]:.2f} sem {v['semantic'][r, p]:.2f} "
                f"req {v['required'][r, p]:.2f} nice {v['nice_to_have'][r, p]:.2f} sen {v['seniority'][r, p]:.2f}"
                f"{'' if parts.assessed['seniority'][r, p] else ' (n/a)'} | {job.family}/{job.stack} "
                f"{LEVEL_NAMES[job.level]}, holds {held_count}/{len(job.required)} required; {postings[p].title!r}"
            )


def _requirements_heading(posting: Posting) -> str:
    """The heading above the first line naming a required skill (the generator puts a blank line before
    each heading and none inside a section)."""
    named = re.compile(rf"(?<!\w){re.escape(posting.truth.required[0])}(?!\w)")
    lines = posting.description.splitlines()
    for index, line in enumerate(lines):
        if named.search(line):
            while index > 0 and lines[index - 1].strip():
                index -= 1
            return lines[index]
    return ""


def _print_variants(run: Run) -> None:
    """The same parts with other weights, calibration, job skills, seniority or coverage; the parts are
    recombined or rescored here with the shipped `scoring.score`, which stays untouched."""
    parts, cosine, grades, taxonomy = run.parts, run.cosine, run.grades, run.taxonomy
    base = dict(scoring.WEIGHTS)
    hard_facts = [without_soft_skills(f, taxonomy) for f in run.facts]
    no_soft = score_all(hard_facts, run.candidates, taxonomy, cosine)
    promoted = [
        replace(candidate, seniority=years_backed_seniority(profile))
        for candidate, profile in zip(run.candidates, run.profiles, strict=True)
    ]
    resume_level = score_all(run.facts, promoted, taxonomy, cosine)
    # Assessed exactly where the shipped fit is (same facts, same candidates): only the value changes.
    level_first = np.array([[level_first_seniority(f, c) or 0.0 for f in run.facts] for c in run.candidates])
    # A, C and D together (B, an extraction rule, is left out: it barely moves these labels).
    proposed = no_soft.with_values("required", shrunk_coverage(no_soft, hard_facts))
    proposed = proposed.with_values(
        "seniority", np.array([[level_first_seniority(f, c) or 0.0 for f in hard_facts] for c in run.candidates])
    )
    low, high = (float(x) for x in np.percentile(cosine, [5, 95]))
    variants: list[tuple[str, Parts, dict[str, float], tuple[float, float] | None]] = [
        ("as shipped (recombined here)", parts, base, None),
        ("no semantic part", parts, {**base, "semantic": 0.0}, None),
        ("no required part", parts, {**base, "required": 0.0}, None),
        ("no nice-to-have part", parts, {**base, "nice_to_have": 0.0}, None),
        ("no seniority part", parts, {**base, "seniority": 0.0}, None),
        (f"cosine calibrated to this set's 5th-95th percentiles ({low:.2f}-{high:.2f})", parts, base, (low, high)),
        ("A. soft skills left out of the job's skills", no_soft, base, None),
        ("B. resume level: an older title does not lower what the years show", resume_level, base, None),
        ("C. required coverage shrunk by 2 pseudo-skills at 0.5", parts.with_values("required",
                                                                                  shrunk_coverage(parts, run.facts)),
         base, None),
        ("D. seniority fit: the level alone when both levels are known", parts.with_values("seniority", level_first),
         base, None),
        ("A + C + D", proposed, base, None),
    ]  # fmt: skip
    rng = np.random.default_rng(run.args.seed + 1)
    reference = evaluate(order_by(parts.score, cosine), grades)
    print(
        "\nThe same parts with other weights (semantic / required / nice / seniority), calibration, job skills, "
        f"resume level or coverage; Δ NDCG@{K} against the shipped score, paired bootstrap:\n"
    )
    print(f"| variant | weights | NDCG@{K} | MRR | P@{K} | MRR grade 3 | Δ NDCG@{K} |")
    print("|---|---|---:|---:|---:|---:|---|")
    for name, variant, weights, calibration in variants:
        floor, ceiling = calibration if calibration else (None, None)
        metrics = evaluate(order_by(variant.combine(weights, cosine, floor, ceiling), cosine), grades)
        shown = " / ".join(f"{weights[k]:g}" for k in ("semantic", "required", "nice_to_have", "seniority"))
        delta = run.interval(metrics[f"NDCG@{K}"] - reference[f"NDCG@{K}"], rng, signed=True)
        cells = " | ".join(f"{np.nanmean(metrics[m]):.3f}" for m in METRICS)
        print(f"| {name} | {shown} | {cells} | {delta} |")


if __name__ == "__main__":
    sys.exit(main())
