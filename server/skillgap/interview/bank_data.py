"""The questions of the packaged bank: category templates, system design, behavioural (STAR) and experience
probes here; skill-specific questions in `bank_skills.py`.

Written by hand for SkillGap from what technical interviews commonly check; the keywords are the words a
candidate who knows the point tends to use (synonyms included), since the offline grader counts a point as
covered when the answer names one of them (or is close to it in meaning).
"""

from __future__ import annotations

from skillgap.interview.bank import BankQuestion, Difficulty, RubricPoint
from skillgap.interview.bank_skills import SKILL_QUESTIONS
from skillgap.skills.models import SkillCategory as C

P = RubricPoint

_FOLLOW_UP = "You did not say much about {missed}. How would that change your answer? Give a concrete example."
_FOLLOW_UP_SKILL = "Let's go deeper on {skill}: what about {missed}? Walk me through a real case."

# Points any good engineering answer can earn; reused where a question asks how you would work.
_MEASURE = P("measures before and after, with numbers", ("measure", "metric", "benchmark", "profil", "latency", "p95"))
_TRADE_OFFS = P("names the trade-offs and when not to do it", ("trade-off", "tradeoff", "cost", "downside", "instead"))
_TESTS = P("tests it and rolls it out safely", ("test", "staging", "rollback", "canary", "gradual", "feature flag"))

GENERIC: tuple[BankQuestion, ...] = (
    # --- languages -------------------------------------------------------------------------------------------
    BankQuestion(
        key="generic.language.basics",
        kind="technical",
        difficulty="easy",
        text="What do you like about {skill}, and what is one thing in {skill} that often trips people up?",
        points=(
            P("names concrete strengths of the language", ("type", "performance", "ecosystem", "library", "readab")),
            P("names a real pitfall with an example", ("pitfall", "gotcha", "bug", "mistake", "careful", "trap")),
            P("says how to avoid the pitfall", ("avoid", "lint", "test", "instead", "use", "review")),
        ),
        follow_up=_FOLLOW_UP_SKILL,
        model_answer="Name two strengths of {skill} you used on real work, then one pitfall with the bug it caused "
        "and how you now prevent it (a linter rule, a test, an idiom).",
        categories=(C.LANGUAGE,),
    ),
    BankQuestion(
        key="generic.language.concurrency",
        kind="technical",
        difficulty="medium",
        text="How do you handle concurrency in {skill}? When would you use threads, processes or async I/O?",
        points=(
            P("distinguishes I/O-bound from CPU-bound work", ("i/o", "io-bound", "cpu-bound", "cpu bound", "blocking")),
            P("names the language's concurrency tools", ("thread", "async", "await", "goroutine", "process", "pool")),
            P("handles shared state safely", ("lock", "mutex", "race", "channel", "immutable", "atomic")),
            P(
                "bounds concurrency and handles errors or timeouts",
                ("timeout", "limit", "semaphore", "cancel", "backpressure"),
            ),
        ),
        follow_up=_FOLLOW_UP_SKILL,
        model_answer="Separate I/O-bound work (async or threads) from CPU-bound work (processes or native code), "
        "protect shared state or avoid it, and bound concurrency with timeouts and limits in {skill}.",
        categories=(C.LANGUAGE,),
    ),
    BankQuestion(
        key="generic.language.performance",
        kind="technical",
        difficulty="hard",
        text="A service written in {skill} got slow after a release. How do you find the cause and fix it?",
        points=(
            _MEASURE,
            P("uses a profiler or traces to find the hot spot", ("profiler", "profile", "flame", "trace", "hot path")),
            P("checks memory, allocations and garbage collection", ("memory", "allocation", "garbage", "gc", "leak")),
            P(
                "compares with the previous release to find the change",
                ("diff", "release", "bisect", "regression", "rollback"),
            ),
        ),
        follow_up=_FOLLOW_UP,
        model_answer="Confirm the regression with metrics, diff the release, profile the hot path in {skill} "
        "(CPU, allocations, GC), fix the cause, and prove it with a benchmark before and after.",
        categories=(C.LANGUAGE,),
    ),
    # --- frameworks ------------------------------------------------------------------------------------------
    BankQuestion(
        key="generic.framework.structure",
        kind="technical",
        difficulty="easy",
        text="How would you structure a small application built with {skill}?",
        points=(
            P(
                "separates layers or modules by responsibility",
                ("layer", "module", "component", "separation", "service"),
            ),
            P("keeps configuration out of the code", ("config", "environment", "env", "settings")),
            P("tests the parts", ("test", "unit", "integration", "mock")),
        ),
        follow_up=_FOLLOW_UP_SKILL,
        model_answer="Split the {skill} app by responsibility (routing, domain logic, data access), keep "
        "configuration in the environment, and test each part.",
        categories=(C.FRAMEWORK,),
    ),
    BankQuestion(
        key="generic.framework.lifecycle",
        kind="technical",
        difficulty="medium",
        text="Walk me through what {skill} does when it handles one request or renders one view, end to end.",
        points=(
            P("names the steps of the framework's lifecycle", ("lifecycle", "middleware", "router", "render", "hook")),
            P(
                "knows where to put cross-cutting concerns",
                ("middleware", "interceptor", "filter", "decorator", "auth"),
            ),
            P("knows where state lives and how it is shared", ("state", "context", "session", "store", "dependency")),
            P("handles errors", ("error", "exception", "handler", "fallback", "boundary")),
        ),
        follow_up=_FOLLOW_UP_SKILL,
        model_answer="Trace the request through {skill}: routing, middleware, your handler, data access, the "
        "response; put auth and logging in middleware and handle errors in one place.",
        categories=(C.FRAMEWORK,),
    ),
    BankQuestion(
        key="generic.framework.scale",
        kind="technical",
        difficulty="hard",
        text="What breaks first when an application built on {skill} grows to ten times its traffic, "
        "and what do you do?",
        points=(
            _MEASURE,
            P(
                "finds the bottleneck (database, N+1 queries, rendering)",
                ("bottleneck", "n+1", "query", "database", "render"),
            ),
            P("caches and scales horizontally", ("cache", "horizontal", "replica", "stateless", "load balanc")),
            _TRADE_OFFS,
        ),
        follow_up=_FOLLOW_UP,
        model_answer="Measure under load, remove the first bottleneck (usually N+1 queries or the database), cache, "
        "keep the {skill} app stateless so it scales out, and say what each step costs.",
        categories=(C.FRAMEWORK,),
    ),
    # --- databases -------------------------------------------------------------------------------------------
    BankQuestion(
        key="generic.database.modeling",
        kind="technical",
        difficulty="easy",
        text="How would you model users, orders and products in {skill}?",
        points=(
            P(
                "defines the entities and their relations",
                ("table", "collection", "relation", "foreign key", "one-to-many"),
            ),
            P("chooses keys and constraints", ("primary key", "unique", "constraint", "not null", "id")),
            P("thinks about the queries the app runs", ("query", "index", "access pattern", "read", "join")),
        ),
        follow_up=_FOLLOW_UP_SKILL,
        model_answer="Model users, orders and products with keys and constraints in {skill}, shaped by the queries "
        "the application runs, and index what those queries filter on.",
        categories=(C.DATABASE,),
    ),
    BankQuestion(
        key="generic.database.slow-query",
        kind="technical",
        difficulty="medium",
        text="A query against {skill} takes seconds. How do you find out why and make it fast?",
        points=(
            P("reads the query plan", ("explain", "query plan", "execution plan", "scan")),
            P("adds the right index and knows its cost on writes", ("index", "b-tree", "composite", "covering")),
            P("checks statistics, data volume and locks", ("statistics", "analyze", "vacuum", "lock", "volume")),
            _MEASURE,
        ),
        follow_up=_FOLLOW_UP_SKILL,
        model_answer="Read the plan (EXPLAIN), add an index that matches the filter and sort, check statistics and "
        "locks in {skill}, and measure before and after.",
        categories=(C.DATABASE,),
    ),
    BankQuestion(
        key="generic.database.consistency",
        kind="technical",
        difficulty="hard",
        text="Two requests update the same record in {skill} at the same time. How do you keep the data correct?",
        points=(
            P("uses transactions and isolation levels", ("transaction", "isolation", "serializable", "acid", "commit")),
            P(
                "uses locking or optimistic concurrency",
                ("lock", "optimistic", "version", "compare-and-set", "select for update"),
            ),
            P("makes retries safe", ("retry", "idempot", "conflict", "deadlock")),
            _TRADE_OFFS,
        ),
        follow_up=_FOLLOW_UP,
        model_answer="Use a transaction with the right isolation, or optimistic concurrency with a version column, "
        "retry on conflict with idempotent writes, and know the cost of stronger isolation in {skill}.",
        categories=(C.DATABASE,),
    ),
    # --- cloud -----------------------------------------------------------------------------------------------
    BankQuestion(
        key="generic.cloud.deploy",
        kind="technical",
        difficulty="easy",
        text="How would you deploy a small web service on {skill}?",
        points=(
            P(
                "picks a compute service and says why",
                ("container", "serverless", "function", "vm", "instance", "managed"),
            ),
            P("defines it as code", ("terraform", "infrastructure as code", "iac", "template", "cloudformation")),
            P("handles secrets, networking and access", ("secret", "iam", "role", "network", "vpc", "permission")),
        ),
        follow_up=_FOLLOW_UP_SKILL,
        model_answer="Pick a managed compute option on {skill}, define it as code, keep secrets in a secret store "
        "and give the service only the permissions it needs.",
        categories=(C.CLOUD,),
    ),
    BankQuestion(
        key="generic.cloud.reliability",
        kind="technical",
        difficulty="medium",
        text="How do you make a service on {skill} survive the loss of a zone?",
        points=(
            P("runs across zones behind a load balancer", ("zone", "multi-az", "region", "load balancer", "redundan")),
            P("replicates data and has backups", ("replica", "backup", "snapshot", "failover", "replication")),
            P("checks health and fails over automatically", ("health check", "auto scaling", "autoscal", "failover")),
            _TESTS,
        ),
        follow_up=_FOLLOW_UP_SKILL,
        model_answer="Spread instances across zones behind a load balancer with health checks, replicate data with "
        "failover and backups on {skill}, and test the failure on purpose.",
        categories=(C.CLOUD,),
    ),
    BankQuestion(
        key="generic.cloud.cost",
        kind="technical",
        difficulty="hard",
        text="Your {skill} bill doubled in a month. How do you find out why and bring it down without hurting users?",
        points=(
            P("breaks the cost down by service and tag", ("tag", "cost explorer", "billing", "breakdown", "budget")),
            P("right-sizes and scales to demand", ("right-siz", "autoscal", "reserved", "spot", "savings plan")),
            P("checks data transfer and storage", ("egress", "transfer", "storage", "lifecycle", "log")),
            _TRADE_OFFS,
        ),
        follow_up=_FOLLOW_UP,
        model_answer="Break the {skill} bill down by service and tag, find the growth (often egress, logs or idle "
        "capacity), right-size and autoscale, commit to reserved capacity where stable, and set budgets and alerts.",
        categories=(C.CLOUD,),
    ),
    # --- devops ----------------------------------------------------------------------------------------------
    BankQuestion(
        key="generic.devops.pipeline",
        kind="technical",
        difficulty="easy",
        text="How would you use {skill} in the path from a commit to production?",
        points=(
            P("builds and tests automatically on every change", ("pipeline", "ci", "build", "test", "automat")),
            P("deploys repeatably", ("deploy", "artifact", "image", "version", "reproducib")),
            P("can roll back", ("rollback", "roll back", "revert", "previous version")),
        ),
        follow_up=_FOLLOW_UP_SKILL,
        model_answer="Every commit builds and tests automatically, produces a versioned artifact, and {skill} "
        "deploys it the same way every time, with a fast rollback.",
        categories=(C.DEVOPS,),
    ),
    BankQuestion(
        key="generic.devops.incident",
        kind="technical",
        difficulty="medium",
        text="A deployment with {skill} broke production at 2 a.m. What do you do, during and after?",
        points=(
            P("restores service first (rollback)", ("rollback", "roll back", "revert", "mitigate", "restore")),
            P("uses monitoring, logs and alerts to diagnose", ("monitor", "log", "alert", "dashboard", "metric")),
            P("communicates during the incident", ("communicat", "status page", "stakeholder", "on-call", "incident")),
            P(
                "writes a blameless postmortem with actions",
                ("postmortem", "post-mortem", "root cause", "blameless", "action item"),
            ),
        ),
        follow_up=_FOLLOW_UP,
        model_answer="Mitigate first (roll back), diagnose from metrics and logs, keep people informed, then write a "
        "blameless postmortem with actions that stop it happening again with {skill}.",
        categories=(C.DEVOPS,),
    ),
    BankQuestion(
        key="generic.devops.design",
        kind="technical",
        difficulty="hard",
        text="How would you introduce {skill} to a team that deploys by hand today?",
        points=(
            P("starts small and shows value", ("pilot", "small", "one service", "incremental", "quick win")),
            P(
                "defines everything as code and reviews it",
                ("as code", "review", "pull request", "version control", "git"),
            ),
            P(
                "adds safety: environments, checks and rollback",
                ("staging", "environment", "rollback", "check", "gate"),
            ),
            P("brings the team along", ("document", "train", "pair", "team", "adoption")),
        ),
        follow_up=_FOLLOW_UP,
        model_answer="Start with one service, put the setup in code and review it, add staging and rollback, and "
        "teach the team as you go so {skill} becomes theirs.",
        categories=(C.DEVOPS,),
    ),
    # --- data and ML -----------------------------------------------------------------------------------------
    BankQuestion(
        key="generic.data.pipeline",
        kind="technical",
        difficulty="easy",
        text="Describe a data pipeline you would build with {skill}, from raw data to a result someone uses.",
        points=(
            P("ingests and validates the raw data", ("ingest", "validat", "schema", "clean", "raw")),
            P("transforms it reproducibly", ("transform", "reproducib", "idempot", "batch", "job")),
            P("delivers it and checks its quality", ("quality", "test", "monitor", "dashboard", "freshness")),
        ),
        follow_up=_FOLLOW_UP_SKILL,
        model_answer="Ingest and validate raw data, transform it with idempotent {skill} jobs, and deliver it with "
        "quality checks and monitoring of freshness.",
        categories=(C.DATA_ML,),
    ),
    BankQuestion(
        key="generic.data.evaluation",
        kind="technical",
        difficulty="medium",
        text="How do you know a model or analysis built with {skill} is actually good?",
        points=(
            P(
                "holds out data or cross-validates",
                ("hold-out", "holdout", "test set", "cross-validation", "validation set"),
            ),
            P("picks a metric that fits the problem", ("metric", "precision", "recall", "auc", "rmse", "f1")),
            P("compares with a simple baseline", ("baseline", "benchmark", "naive", "compare")),
            P("watches for leakage and bias", ("leak", "bias", "overfit", "drift", "imbalance")),
        ),
        follow_up=_FOLLOW_UP_SKILL,
        model_answer="Evaluate on held-out data with a metric that matches the decision, beat a simple baseline, and "
        "check for leakage, overfitting and bias before trusting {skill} results.",
        categories=(C.DATA_ML,),
    ),
    BankQuestion(
        key="generic.data.production",
        kind="technical",
        difficulty="hard",
        text="How would you run work built with {skill} in production and notice when it goes wrong?",
        points=(
            P("versions data, code and models", ("version", "registry", "lineage", "reproducib")),
            P("monitors data and model drift", ("drift", "monitor", "distribution", "alert")),
            P("schedules and retries jobs", ("schedul", "orchestrat", "airflow", "retry", "backfill")),
            _TESTS,
        ),
        follow_up=_FOLLOW_UP,
        model_answer="Version data, code and models, orchestrate {skill} jobs with retries and backfills, and "
        "monitor input distributions and output quality with alerts.",
        categories=(C.DATA_ML,),
    ),
    # --- tools -----------------------------------------------------------------------------------------------
    BankQuestion(
        key="generic.tool.use",
        kind="technical",
        difficulty="easy",
        text="What did you use {skill} for, and what would you tell a new teammate about it?",
        points=(
            P("describes a real use", ("used", "project", "team", "workflow", "task")),
            P("shares a practical tip", ("tip", "shortcut", "config", "best practice", "setting")),
            P("knows its limits", ("limit", "instead", "downside", "not for", "alternative")),
        ),
        follow_up=_FOLLOW_UP_SKILL,
        model_answer="Say what you used {skill} for, one practice that made it work for the team, and where you would "
        "reach for something else.",
        categories=(C.TOOL, C.UNSPECIFIED),
    ),
    BankQuestion(
        key="generic.tool.choice",
        kind="technical",
        difficulty="medium",
        text="How would you decide whether {skill} is the right tool for a team's problem?",
        points=(
            P("starts from the problem and requirements", ("requirement", "problem", "need", "use case")),
            P("compares alternatives", ("alternative", "compare", "option", "evaluate")),
            P(
                "considers cost, learning curve and maintenance",
                ("cost", "learning curve", "maintenance", "support", "license"),
            ),
            P("tries it small first", ("pilot", "prototype", "proof of concept", "trial", "poc")),
        ),
        follow_up=_FOLLOW_UP_SKILL,
        model_answer="Start from the problem, compare {skill} with alternatives on cost, learning curve and "
        "maintenance, and prove it on a small pilot before committing.",
        categories=(C.TOOL, C.UNSPECIFIED),
    ),
    BankQuestion(
        key="generic.tool.trouble",
        kind="technical",
        difficulty="hard",
        text="{skill} misbehaves in a way the docs do not cover. How do you get to the bottom of it?",
        points=(
            P("reproduces it in a minimal case", ("reproduc", "minimal", "isolate", "smallest")),
            P("reads logs, source or issue trackers", ("log", "source code", "issue", "github", "debug")),
            P("forms and tests hypotheses", ("hypothes", "bisect", "experiment", "narrow")),
            P("shares the fix or workaround", ("document", "share", "report", "upstream", "workaround")),
        ),
        follow_up=_FOLLOW_UP,
        model_answer="Reproduce it minimally, read the logs and the source or issues of {skill}, test one hypothesis "
        "at a time, and write down or report the fix.",
        categories=(C.TOOL, C.UNSPECIFIED),
    ),
    # --- practices -------------------------------------------------------------------------------------------
    BankQuestion(
        key="generic.practice.explain",
        kind="technical",
        difficulty="easy",
        text="Explain {skill} to a new teammate, with an example from your work.",
        points=(
            P("defines it correctly", ("means", "is when", "defin", "principle", "idea")),
            P("gives a concrete example", ("example", "for instance", "project", "we")),
            P("says why it matters", ("because", "benefit", "helps", "so that", "why")),
        ),
        follow_up=_FOLLOW_UP_SKILL,
        model_answer="Define {skill} in one sentence, show it on a real example, and say what it bought the team.",
        categories=(C.PRACTICE,),
    ),
    BankQuestion(
        key="generic.practice.apply",
        kind="technical",
        difficulty="medium",
        text="How have you applied {skill} on a real project, and what changed because of it?",
        points=(
            P("describes the situation and what was done", ("project", "we", "i", "introduced", "applied")),
            P("gives a measurable outcome", ("%", "faster", "fewer", "reduced", "improved", "metric")),
            _TRADE_OFFS,
        ),
        follow_up=_FOLLOW_UP,
        model_answer="Describe where you applied {skill}, what you did, the measurable result, and what it cost or "
        "where it did not fit.",
        categories=(C.PRACTICE,),
    ),
    BankQuestion(
        key="generic.practice.judgement",
        kind="technical",
        difficulty="hard",
        text="When would you not follow {skill}, and how would you convince a team either way?",
        points=(
            P("knows the limits of the practice", ("not", "exception", "overkill", "limit", "context")),
            _TRADE_OFFS,
            P("uses evidence to decide with the team", ("data", "evidence", "experiment", "measure", "agree")),
        ),
        follow_up=_FOLLOW_UP,
        model_answer="Know where {skill} does not pay off, weigh its costs, and decide with the team on evidence "
        "rather than dogma.",
        categories=(C.PRACTICE,),
    ),
)

SYSTEM_DESIGN: tuple[BankQuestion, ...] = (
    BankQuestion(
        key="design.url-shortener",
        kind="system_design",
        difficulty="easy",
        text="Design a URL shortener: what are its parts, and how does it handle many more reads than writes?",
        points=(
            P("clarifies requirements and scale", ("requirement", "scale", "traffic", "read-heavy", "users")),
            P("defines the data model and key generation", ("key", "hash", "base62", "id", "table")),
            P("caches reads", ("cache", "redis", "cdn", "memcache")),
            P("handles collisions and expiry", ("collision", "unique", "expir", "ttl")),
        ),
        follow_up=_FOLLOW_UP,
        model_answer="Clarify scale, store short key to URL with unique generated keys (base62 of an id), serve the "
        "read-heavy traffic from a cache, and handle collisions and expiry.",
    ),
    BankQuestion(
        key="design.rate-limiter",
        kind="system_design",
        difficulty="medium",
        text="Design a rate limiter for a public API that runs on many servers.",
        points=(
            P("chooses an algorithm", ("token bucket", "leaky bucket", "sliding window", "fixed window")),
            P("shares counters across servers", ("redis", "shared", "central", "distributed", "atomic")),
            P("tells clients how to behave", ("429", "retry-after", "header", "quota")),
            _TRADE_OFFS,
        ),
        follow_up=_FOLLOW_UP,
        model_answer="Use a token bucket or sliding window per client, keep counters in a shared store with atomic "
        "updates, answer 429 with Retry-After, and accept some imprecision for speed.",
    ),
    BankQuestion(
        key="design.feed",
        kind="system_design",
        difficulty="medium",
        text="Design the news feed of a social app with millions of users.",
        points=(
            P("chooses fan-out on write or on read", ("fan-out", "fanout", "push", "pull", "precompute")),
            P("stores and pages the feed", ("pagination", "cursor", "timeline", "store", "shard")),
            P("handles celebrities and hot keys", ("celebrit", "hot", "popular", "hybrid")),
            P("caches and ranks", ("cache", "rank", "score", "order")),
        ),
        follow_up=_FOLLOW_UP,
        model_answer="Fan out on write for most users and on read for celebrities, store timelines sharded by user "
        "with cursor paging, cache recent feeds, and rank as a separate step.",
    ),
    BankQuestion(
        key="design.payments",
        kind="system_design",
        difficulty="hard",
        text="Design a payment service that must never charge a customer twice.",
        points=(
            P("uses idempotency keys", ("idempot", "idempotency key", "dedup", "exactly once")),
            P("keeps a ledger with transactions", ("ledger", "transaction", "double-entry", "audit", "acid")),
            P("handles failures and retries with the provider", ("retry", "timeout", "webhook", "reconcil", "outbox")),
            P("keeps states explicit", ("state machine", "status", "pending", "settled")),
        ),
        follow_up=_FOLLOW_UP,
        model_answer="Require an idempotency key per charge, record every step in a transactional ledger with an "
        "explicit state machine, retry safely, and reconcile with the provider's webhooks and reports.",
    ),
    BankQuestion(
        key="design.search",
        kind="system_design",
        difficulty="hard",
        text="Design job search for a site with ten million postings: ranking, filters and freshness.",
        points=(
            P(
                "indexes postings for text or vector search",
                ("index", "inverted", "vector", "elasticsearch", "embedding"),
            ),
            P("applies filters efficiently", ("filter", "facet", "payload", "pre-filter", "partition")),
            P("keeps the index fresh", ("update", "stream", "queue", "fresh", "incremental")),
            P("ranks with relevance and business signals", ("rank", "relevance", "score", "rerank", "personaliz")),
            P("scales reads", ("shard", "replica", "cache", "latency")),
        ),
        follow_up=_FOLLOW_UP,
        model_answer="Index postings (inverted and vector), filter inside the index, rerank the top candidates with "
        "relevance signals, update through a queue for freshness, and shard and replicate for read traffic.",
    ),
)

BEHAVIORAL_POINTS = (
    P("describes the situation", ("situation", "when", "at my", "project", "team")),
    P("says what they had to achieve", ("task", "goal", "needed to", "responsib", "had to")),
    P("explains what they did themselves", ("i decided", "i proposed", "i built", "i wrote", "i led", "my part")),
    P("gives the result, with a number if possible", ("result", "outcome", "%", "reduced", "improved", "shipped")),
    P("reflects on what they learned", ("learned", "learnt", "next time", "would do", "since then")),
)

_BEHAVIORAL_PROMPTS: tuple[tuple[str, Difficulty, str], ...] = (
    ("conflict", "medium", "Tell me about a time you disagreed with a teammate on a technical decision."),
    ("failure", "medium", "Tell me about a time something you built failed in production."),
    ("ownership", "easy", "Tell me about something you took ownership of without being asked."),
    ("mentoring", "hard", "Tell me about a time you helped a colleague grow."),
    ("ambiguity", "hard", "Tell me about a project where the requirements were unclear. How did you proceed?"),
    ("decision", "hard", "Tell me about the hardest technical decision you made and how you made it."),
    ("deadline", "easy", "Tell me about a time you had to deliver under a tight deadline."),
)

BEHAVIORAL: tuple[BankQuestion, ...] = tuple(
    BankQuestion(
        key=f"behavioral.{key}",
        kind="behavioral",
        difficulty=difficulty,
        text=text,
        points=BEHAVIORAL_POINTS[:4] + ((BEHAVIORAL_POINTS[4],) if difficulty != "easy" else ()),
        follow_up="Let's make it concrete: {missed}? What exactly did you do, and what was the result?",
        model_answer="Answer with STAR: the situation in one sentence, your task, the actions you took yourself, the "
        "result with a number, and what you would do differently.",
    )
    for key, difficulty, text in _BEHAVIORAL_PROMPTS
)

EXPERIENCE_PROBES: tuple[BankQuestion, ...] = (
    BankQuestion(
        key="probe.years",
        kind="experience_probe",
        difficulty="medium",
        text="Your resume shows {years_shown} years of {skill}, and the job asks for {years_asked}. Walk me through "
        "the most complex thing you built with {skill}.",
        points=(
            P("describes the system and their own part", ("i built", "i designed", "my part", "i owned", "system")),
            P(
                "names technical depth (scale, design choices)",
                ("scale", "design", "architecture", "performance", "trade-off"),
            ),
            P("shows outcomes", ("result", "users", "%", "reduced", "improved", "shipped")),
            P("shows learning beyond the job", ("side project", "open source", "course", "learned", "contribut")),
        ),
        follow_up="What was the hardest problem in that work, and how did you solve it? Tell me about {missed}.",
        model_answer="Pick one substantial {skill} project, say what you owned, the design choices and their "
        "trade-offs, the measurable result, and how you keep learning beyond the years on paper.",
    ),
    BankQuestion(
        key="probe.seniority",
        kind="experience_probe",
        difficulty="hard",
        text="This role expects you to lead technical work. Tell me about a time you scoped and led a project from "
        "idea to production.",
        points=(
            P("scoped the work and made a plan", ("scope", "plan", "milestone", "estimate", "requirement")),
            P("made and explained technical decisions", ("decid", "design", "trade-off", "document", "rfc")),
            P("coordinated people", ("team", "stakeholder", "coordinat", "align", "communicat")),
            P("delivered with a result", ("shipped", "deliver", "launch", "result", "production")),
        ),
        follow_up="What would you do differently if you led it again? In particular: {missed}.",
        model_answer="Describe a project you led: how you scoped it, the key decisions and how you wrote them down, "
        "how you kept people aligned, and what shipped and why it mattered.",
    ),
    BankQuestion(
        key="probe.side-project",
        kind="experience_probe",
        difficulty="easy",
        text="You list {skill} in a side project rather than at work. What did you build with it, and how would you "
        "use it on this job?",
        points=(
            P("describes the project concretely", ("built", "project", "app", "repo", "github")),
            P("names what they learned about the skill", ("learned", "learnt", "understand", "problem", "mistake")),
            P("connects it to the job", ("job", "role", "team", "production", "apply")),
        ),
        follow_up="How would that side project have to change to run in production? Think about {missed}.",
        model_answer="Describe the {skill} side project concretely, what it taught you, and how that transfers to "
        "production work on this team.",
    ),
)

QUESTIONS: tuple[BankQuestion, ...] = (*SKILL_QUESTIONS, *GENERIC, *SYSTEM_DESIGN, *BEHAVIORAL, *EXPERIENCE_PROBES)
