"""Skill-specific technical questions for the interview bank: two per skill, at different difficulties.

Each question names its skill (no {skill} placeholder in the text) and carries 3-4 rubric points with the
lower-case words or phrases that signal them, a probing follow-up on the first missed point ({missed}) and
a short model answer.

How the skills were chosen: the skills job postings ask for most often and that job seekers most often lack
on their CVs (languages, data stores, infrastructure, frameworks and engineering practices), each checked
against the taxonomy ids (`Taxonomy.get`); names whose id differs were looked up (Node.js -> "node-js",
Spring Boot -> "spring-boot", REST API -> "rest", unit testing -> "unit-testing", Apache Spark -> "spark",
CI/CD -> "ci-cd", machine learning -> "machine-learning"). Every skill has one "medium" question and one
"easy" or "hard" one, so the planner can move up or down a level.
"""

from __future__ import annotations

from skillgap.interview.bank import BankQuestion, Difficulty, RubricPoint

__all__ = ["SKILL_QUESTIONS"]


def _p(point: str, *keywords: str) -> RubricPoint:
    return RubricPoint(point=point, keywords=keywords)


def _q(
    key: str,
    difficulty: Difficulty,
    text: str,
    points: tuple[RubricPoint, ...],
    follow_up: str,
    model_answer: str,
) -> BankQuestion:
    """A technical question for the skill whose taxonomy id is the key's prefix ("kubernetes.rollout")."""
    skill_id = key.split(".", 1)[0]
    return BankQuestion(
        key=key,
        kind="technical",
        difficulty=difficulty,
        text=text,
        points=points,
        follow_up=follow_up,
        model_answer=model_answer,
        skills=(skill_id,),
    )


SKILL_QUESTIONS: tuple[BankQuestion, ...] = (
    # --- python ---
    _q(
        "python.mutable-default",
        "easy",
        "In Python, what goes wrong when a function uses a mutable default argument such as `def add(item, items=[])`,"
        " and how do you fix it?",
        (
            _p(
                "Default values are evaluated once, when the function is defined",
                "evaluated once",
                "definition time",
                "when the function is defined",
                "def statement runs",
            ),
            _p(
                "The same list is shared and mutated across calls",
                "shared",
                "same list",
                "persists",
                "accumulates",
                "mutated",
            ),
            _p(
                "Use None as the default and create a new list inside the function",
                "none",
                "is none",
                "new list inside",
                "sentinel",
            ),
        ),
        "You did not mention {missed}. Why does that matter for this bug?",
        "Default arguments are evaluated once when the def statement runs, so every call that omits `items` shares "
        "and mutates the same list. Use `items=None` and create a fresh list inside the function when it is None.",
    ),
    _q(
        "python.gil-concurrency",
        "medium",
        "In Python, how does the GIL affect threads, and when would you choose threading, multiprocessing or asyncio?",
        (
            _p(
                "The GIL lets only one thread run Python bytecode at a time",
                "global interpreter lock",
                "gil",
                "one thread at a time",
                "bytecode",
            ),
            _p(
                "Threads still help for I/O-bound work because the GIL is released while waiting",
                "i/o-bound",
                "io-bound",
                "i/o bound",
                "released",
                "network",
                "waiting",
            ),
            _p(
                "CPU-bound work needs multiprocessing (separate processes) or native code",
                "cpu-bound",
                "cpu bound",
                "multiprocessing",
                "processes",
                "process pool",
                "c extension",
            ),
            _p(
                "asyncio runs many I/O tasks cooperatively on one thread with an event loop",
                "asyncio",
                "event loop",
                "await",
                "coroutines",
                "cooperative",
            ),
        ),
        "You left out {missed}. How would that change which model you pick?",
        "The GIL allows one thread to execute Python bytecode at a time, so threads help for I/O-bound work (the GIL "
        "is released while waiting) but not CPU-bound work. Use multiprocessing or native code for CPU-bound work and "
        "asyncio for many concurrent I/O tasks on a single event loop.",
    ),
    # --- java ---
    _q(
        "java.equals-hashcode",
        "medium",
        "In Java, why must you override hashCode whenever you override equals, and what breaks if you do not?",
        (
            _p(
                "Equal objects must have equal hash codes (the contract)",
                "contract",
                "equal objects",
                "same hash code",
                "same hashcode",
                "consistent",
            ),
            _p(
                "HashMap and HashSet find the bucket by hashCode before calling equals",
                "hashmap",
                "hashset",
                "bucket",
                "hash-based",
                "hash table",
            ),
            _p(
                "Otherwise lookups fail and duplicates appear in sets",
                "not found",
                "duplicates",
                "lookup fails",
                "returns null",
                "can't find",
                "cannot find",
            ),
            _p(
                "Use the same fields in both, ideally immutable ones",
                "same fields",
                "immutable",
                "objects.hash",
                "record",
                "final fields",
            ),
        ),
        "You did not cover {missed}. Can you explain that part?",
        "The contract says equal objects must return the same hashCode, because hash-based collections pick the "
        "bucket by hashCode and only then compare with equals. If you break it, a HashMap lookup with an equal key "
        "misses and HashSet keeps duplicates; compute both from the same (preferably immutable) fields.",
    ),
    _q(
        "java.memory-model",
        "hard",
        "In Java, what does `volatile` guarantee, what does it not guarantee, and when do you need `synchronized` or "
        "an atomic class instead?",
        (
            _p(
                "volatile gives visibility: a write is seen by subsequent reads in other threads",
                "visibility",
                "visible",
                "main memory",
                "not cached",
                "seen by other threads",
            ),
            _p(
                "It establishes happens-before ordering and prevents reordering",
                "happens-before",
                "happens before",
                "reordering",
                "memory barrier",
                "ordering",
            ),
            _p(
                "It does not make compound actions like count++ atomic",
                "not atomic",
                "atomicity",
                "count++",
                "read-modify-write",
                "race condition",
                "compound",
            ),
            _p(
                "Use synchronized, locks or AtomicInteger/compare-and-set for atomic updates",
                "synchronized",
                "atomicinteger",
                "compare-and-set",
                "cas",
                "lock",
                "atomic",
            ),
        ),
        "You skipped {missed}. How does that affect a shared counter updated by many threads?",
        "volatile guarantees visibility and happens-before ordering: a write is seen by later reads in other threads "
        "and is not reordered. It does not make read-modify-write operations like count++ atomic, so for those you "
        "need synchronized, a Lock or an atomic class using compare-and-set.",
    ),
    # --- javascript ---
    _q(
        "javascript.event-loop",
        "medium",
        "In JavaScript, in what order do `console.log`, a resolved Promise's `.then` callback and a `setTimeout(fn, 0)`"
        " run, and why?",
        (
            _p(
                "Synchronous code on the call stack runs first",
                "call stack",
                "synchronous",
                "sync code first",
                "runs first",
            ),
            _p(
                "Promise callbacks are microtasks, drained right after the current task",
                "microtask",
                "microtask queue",
                "job queue",
                "promise callbacks",
            ),
            _p(
                "setTimeout callbacks are macrotasks that run on a later turn of the event loop",
                "macrotask",
                "task queue",
                "callback queue",
                "next tick of the event loop",
                "later turn",
            ),
            _p(
                "The event loop only takes the next task when the stack is empty",
                "event loop",
                "stack is empty",
                "empty stack",
                "non-blocking",
            ),
        ),
        "You did not mention {missed}. Where does that fit in the order?",
        "The synchronous console.log runs first, then the Promise's then callback, because microtasks are drained as "
        "soon as the call stack empties. The setTimeout callback is a macrotask and runs on a later turn of the event "
        "loop, even with a 0 ms delay.",
    ),
    _q(
        "javascript.closures",
        "easy",
        "In JavaScript, what is a closure, and why does a loop using `var i` with `setTimeout` print the same number "
        "every time?",
        (
            _p(
                "A closure is a function that keeps access to variables of its enclosing scope",
                "closure",
                "enclosing scope",
                "lexical scope",
                "outer function",
                "remembers",
            ),
            _p(
                "var is function-scoped so all callbacks share one variable",
                "function-scoped",
                "function scoped",
                "one variable",
                "shared",
                "same variable",
            ),
            _p(
                "let is block-scoped and creates a new binding per iteration",
                "let",
                "block-scoped",
                "block scoped",
                "per iteration",
                "new binding",
            ),
        ),
        "You did not explain {missed}. How does that cause or fix the bug?",
        "A closure is a function bundled with the variables of the scope it was created in. With var there is one "
        "function-scoped i that the callbacks read after the loop ends; let creates a fresh block-scoped binding on "
        "each iteration, so each callback sees its own value.",
    ),
    # --- typescript ---
    _q(
        "typescript.unknown-any",
        "easy",
        "In TypeScript, what is the difference between `any` and `unknown`, and which would you use for parsed JSON?",
        (
            _p(
                "any turns off type checking entirely",
                "turns off",
                "disables type checking",
                "no checking",
                "opt out",
                "anything goes",
            ),
            _p("unknown must be narrowed before use", "narrow", "narrowing", "type guard", "typeof", "must check"),
            _p(
                "Prefer unknown (or a validated type) for untrusted input like JSON",
                "prefer unknown",
                "use unknown",
                "validate",
                "zod",
                "schema",
                "untrusted",
            ),
        ),
        "You did not cover {missed}. Why does that matter for JSON from an API?",
        "any switches off type checking, so mistakes flow through silently, while unknown forces you to narrow the "
        "value with type guards before using it. For parsed JSON use unknown and validate it (by hand or with a "
        "schema library such as zod) into a concrete type.",
    ),
    _q(
        "typescript.generics-narrowing",
        "medium",
        "In TypeScript, how would you model an API result that is either success with data or failure with an error, "
        "so the compiler forces callers to handle both cases?",
        (
            _p(
                "Use a discriminated union with a literal tag field",
                "discriminated union",
                "tagged union",
                "union type",
                "literal",
                "discriminant",
            ),
            _p("Make it generic over the data type", "generic", "result<t", "type parameter", "<t>"),
            _p(
                "Narrow with a switch or if on the tag",
                "narrow",
                "switch",
                "type guard",
                "control flow",
                "if (result.ok",
            ),
            _p("Exhaustiveness check with never", "never", "exhaustive", "exhaustiveness", "assertnever"),
        ),
        "You left out {missed}. How would you add it?",
        "Define a generic discriminated union of a success variant (ok: true with data of type T) and a failure "
        "variant (ok: false with an error). Callers narrow on the ok tag, and a default branch assigning to never "
        "makes the compiler flag any unhandled case.",
    ),
    # --- go ---
    _q(
        "go.goroutine-leak",
        "medium",
        "In Go, how can a goroutine leak, and how do you use context and channels to make sure goroutines stop?",
        (
            _p(
                "A goroutine blocked forever on a channel send or receive never exits",
                "blocked forever",
                "blocked",
                "never exits",
                "unbuffered",
                "nobody reads",
            ),
            _p(
                "Pass a context and select on ctx.Done() to cancel",
                "context",
                "ctx.done",
                "cancel",
                "select",
                "withcancel",
                "withtimeout",
            ),
            _p(
                "The sender closes the channel to signal no more values",
                "close",
                "closed channel",
                "range over",
                "sender closes",
            ),
            _p("Wait for goroutines with a WaitGroup or errgroup", "waitgroup", "errgroup", "wait group", "wg.wait"),
        ),
        "You did not mention {missed}. How does that prevent the leak?",
        "A goroutine leaks when it blocks forever, for example sending on a channel nobody reads. Pass a context and "
        "select on ctx.Done() alongside channel operations, have the sender close channels, and wait for workers with "
        "a WaitGroup or errgroup so shutdown is deterministic.",
    ),
    _q(
        "go.interfaces-errors",
        "easy",
        "In Go, how are errors handled and how do you add context to an error while still letting callers check for "
        "a specific one?",
        (
            _p(
                "Errors are values returned explicitly and checked with if err != nil",
                "err != nil",
                "error values",
                "returned as values",
                "explicit",
                "multiple return",
            ),
            _p("Wrap with fmt.Errorf and %w to add context", "fmt.errorf", "%w", "wrap", "wrapping"),
            _p("Check with errors.Is and errors.As", "errors.is", "errors.as", "sentinel", "unwrap"),
        ),
        "You skipped {missed}. How would a caller then detect a not-found error?",
        "Go returns errors as ordinary values and callers check `if err != nil`. Wrap an error with "
        '`fmt.Errorf("loading user: %w", err)` to add context, and callers use errors.Is for sentinel errors and '
        "errors.As for typed ones through the wrapping chain.",
    ),
    # --- sql ---
    _q(
        "sql.joins",
        "easy",
        "In SQL, what is the difference between an INNER JOIN and a LEFT JOIN, and how would you find customers who "
        "have never placed an order?",
        (
            _p(
                "INNER JOIN returns only rows that match in both tables",
                "only matching",
                "both tables",
                "match",
                "intersection",
            ),
            _p(
                "LEFT JOIN keeps all rows from the left table with NULLs where there is no match",
                "all rows",
                "left table",
                "null",
                "nulls",
                "no match",
            ),
            _p(
                "Anti-join: LEFT JOIN orders and filter WHERE order id IS NULL (or NOT EXISTS)",
                "is null",
                "not exists",
                "anti-join",
                "anti join",
                "not in",
            ),
        ),
        "You did not cover {missed}. How would you write that query?",
        "An INNER JOIN keeps only rows with a match on both sides, while a LEFT JOIN keeps every left row and fills "
        "NULLs when there is no match. To find customers without orders, LEFT JOIN orders and keep rows where the "
        "order id IS NULL, or use NOT EXISTS.",
    ),
    _q(
        "sql.window-functions",
        "medium",
        "In SQL, how would you return each department's top three earners, and why is a window function better than "
        "GROUP BY here?",
        (
            _p(
                "Use ROW_NUMBER, RANK or DENSE_RANK over a partition",
                "row_number",
                "rank",
                "dense_rank",
                "window function",
                "over (",
            ),
            _p(
                "Partition by department and order by salary descending",
                "partition by",
                "order by salary",
                "desc",
                "per department",
            ),
            _p(
                "Filter the rank in an outer query or CTE because WHERE cannot see window results",
                "cte",
                "subquery",
                "outer query",
                "common table expression",
                "qualify",
            ),
            _p(
                "Ties: RANK/DENSE_RANK keep ties, ROW_NUMBER does not; GROUP BY collapses rows",
                "ties",
                "collapses",
                "keeps the rows",
                "duplicate salaries",
            ),
        ),
        "You did not address {missed}. How would the query change?",
        "Compute `DENSE_RANK() OVER (PARTITION BY department ORDER BY salary DESC)` in a CTE and select rows with rank "
        "<= 3 in the outer query, since WHERE runs before window functions. Unlike GROUP BY, a window function keeps "
        "every row, and the choice of RANK, DENSE_RANK or ROW_NUMBER decides how ties are handled.",
    ),
    # --- postgresql ---
    _q(
        "postgresql.explain-index",
        "medium",
        "In PostgreSQL, a query filtering on `orders.customer_id` is slow. How do you find out why and fix it?",
        (
            _p(
                "Run EXPLAIN ANALYZE to see the actual plan and timings",
                "explain analyze",
                "explain",
                "query plan",
                "execution plan",
            ),
            _p(
                "Look for a sequential scan and row-estimate mismatches",
                "seq scan",
                "sequential scan",
                "full table scan",
                "estimates",
                "row estimates",
            ),
            _p(
                "Add a B-tree index (possibly composite or partial) on the filtered column",
                "index",
                "b-tree",
                "btree",
                "composite index",
                "partial index",
                "create index",
            ),
            _p(
                "Keep statistics fresh with ANALYZE / autovacuum and create the index concurrently",
                "analyze",
                "statistics",
                "autovacuum",
                "vacuum",
                "concurrently",
            ),
        ),
        "You did not mention {missed}. How would that help here?",
        "Run EXPLAIN (ANALYZE, BUFFERS) to see whether PostgreSQL does a sequential scan and whether its row estimates "
        "are off. Add a B-tree index on customer_id (composite if you also sort or filter on other columns) with "
        "CREATE INDEX CONCURRENTLY, and make sure statistics are current with ANALYZE.",
    ),
    _q(
        "postgresql.mvcc-isolation",
        "hard",
        "In PostgreSQL, how does MVCC work, what isolation level is the default, and what anomalies can still happen "
        "at that level?",
        (
            _p(
                "MVCC keeps row versions so readers do not block writers",
                "mvcc",
                "row versions",
                "snapshot",
                "readers don't block writers",
                "xmin",
                "tuple versions",
            ),
            _p(
                "The default is READ COMMITTED, where each statement sees a fresh snapshot",
                "read committed",
                "default isolation",
                "each statement",
                "new snapshot",
            ),
            _p(
                "Lost updates and non-repeatable reads can happen; use SELECT FOR UPDATE or a higher level",
                "lost update",
                "non-repeatable read",
                "for update",
                "repeatable read",
                "serializable",
                "write skew",
            ),
            _p("Old row versions are cleaned up by VACUUM", "vacuum", "dead tuples", "bloat", "autovacuum"),
        ),
        "You skipped {missed}. How does that show up in production?",
        "PostgreSQL keeps multiple row versions so each transaction reads a consistent snapshot and readers never "
        "block writers; dead versions are reclaimed by VACUUM. The default READ COMMITTED takes a new snapshot per "
        "statement, so lost updates and non-repeatable reads are possible unless you lock rows with SELECT ... FOR "
        "UPDATE or use REPEATABLE READ / SERIALIZABLE and retry on serialization failures.",
    ),
    # --- mongodb ---
    _q(
        "mongodb.schema-design",
        "medium",
        "In MongoDB, how do you decide between embedding related data in a document and referencing it in another "
        "collection?",
        (
            _p(
                "Embed data that is read together and owned by the parent (one-to-few)",
                "embed",
                "embedding",
                "read together",
                "one-to-few",
                "subdocument",
            ),
            _p(
                "Reference when data is unbounded, shared or updated independently",
                "reference",
                "unbounded",
                "many-to-many",
                "shared",
                "updated independently",
            ),
            _p(
                "Documents have a 16 MB limit, so unbounded arrays are dangerous",
                "16 mb",
                "16mb",
                "document size",
                "unbounded array",
                "growing array",
            ),
            _p(
                "Design for the access patterns; joins need $lookup",
                "access pattern",
                "query pattern",
                "$lookup",
                "lookup",
                "how the data is queried",
            ),
        ),
        "You did not consider {missed}. How would it change your design for comments on a blog post?",
        "Model for the access patterns: embed data that is read together and bounded, such as an order's line items, "
        "so one read returns everything. Reference data that grows without bound, is shared or is updated on its own, "
        "because documents are capped at 16 MB and joining needs $lookup.",
    ),
    _q(
        "mongodb.indexes",
        "easy",
        "In MongoDB, how would you speed up a query that filters on `status` and sorts by `createdAt`?",
        (
            _p(
                "Create a compound index on the filter then the sort field",
                "compound index",
                "createindex",
                "status: 1",
                "index on status and createdat",
            ),
            _p(
                "Field order matters: equality, sort, range (ESR)",
                "esr",
                "equality",
                "order of fields",
                "field order",
                "prefix",
            ),
            _p(
                "Verify with explain() that it uses IXSCAN, not COLLSCAN or an in-memory sort",
                "explain",
                "ixscan",
                "collscan",
                "in-memory sort",
                "executionstats",
            ),
        ),
        "You did not mention {missed}. Why does that matter?",
        "Create a compound index such as status 1, createdAt -1 so MongoDB can filter and return results already "
        "sorted, following the equality-sort-range rule for field order. Confirm with explain('executionStats') "
        "that the plan is an IXSCAN without a blocking in-memory sort.",
    ),
    # --- redis ---
    _q(
        "redis.cache-aside",
        "medium",
        "With Redis as a cache in front of a database, how do you implement cache-aside and keep the cache from "
        "serving stale data?",
        (
            _p(
                "Read from cache, on miss read the database and populate the cache",
                "cache-aside",
                "cache miss",
                "populate",
                "lazy loading",
                "read-through",
            ),
            _p("Set a TTL so entries expire", "ttl", "expire", "expiration", "setex"),
            _p(
                "Invalidate or delete the key when the data is written",
                "invalidate",
                "delete the key",
                "del",
                "evict",
                "on write",
            ),
            _p(
                "Protect against stampedes when a hot key expires",
                "stampede",
                "thundering herd",
                "dogpile",
                "lock",
                "jitter",
                "single flight",
            ),
        ),
        "You did not cover {missed}. What happens under heavy traffic without it?",
        "On a read, check Redis first; on a miss, load from the database and store it with a TTL. On writes, update "
        "the database and then delete the cached key, and protect hot keys from a stampede with a short lock, "
        "request coalescing or jittered TTLs.",
    ),
    _q(
        "redis.data-structures",
        "easy",
        "In Redis, which data structures would you use for a leaderboard, a rate limiter and a simple job queue?",
        (
            _p("Sorted set (ZADD / ZRANGE) for a leaderboard", "sorted set", "zset", "zadd", "zrange", "zrevrange"),
            _p(
                "INCR with EXPIRE (or a sorted set window) for rate limiting",
                "incr",
                "expire",
                "counter",
                "sliding window",
                "fixed window",
            ),
            _p("List with LPUSH / BRPOP, or Streams, for a queue", "list", "lpush", "brpop", "rpush", "stream", "xadd"),
        ),
        "You skipped {missed}. Which commands would you use there?",
        "A sorted set scored by points gives a leaderboard with ZADD and ZREVRANGE. A per-user key incremented with "
        "INCR and given an EXPIRE implements a fixed-window rate limiter, and a list with LPUSH and BRPOP (or a "
        "Stream with consumer groups) works as a job queue.",
    ),
    # --- kafka ---
    _q(
        "kafka.partitions-ordering",
        "medium",
        "In Kafka, how do partitions and consumer groups determine ordering and parallelism?",
        (
            _p(
                "Ordering is guaranteed only within a partition",
                "within a partition",
                "per partition",
                "partition order",
                "only in a partition",
            ),
            _p(
                "Messages with the same key go to the same partition",
                "same key",
                "message key",
                "partition key",
                "hash of the key",
                "keyed",
            ),
            _p(
                "Each partition is consumed by one consumer in a group, so partitions cap parallelism",
                "consumer group",
                "one consumer per partition",
                "parallelism",
                "more consumers than partitions",
                "idle",
            ),
            _p(
                "Consumers track progress with committed offsets and groups rebalance",
                "offset",
                "commit",
                "rebalance",
                "rebalancing",
            ),
        ),
        "You did not mention {missed}. How does that affect processing events for one customer?",
        "Kafka only guarantees order within a partition, so you key messages (for example by customer id) to keep "
        "related events together. Within a consumer group each partition is read by exactly one consumer, so the "
        "partition count caps parallelism, and consumers commit offsets and rebalance when members join or leave.",
    ),
    _q(
        "kafka.delivery-semantics",
        "hard",
        "In Kafka, how do you get effectively exactly-once processing, and what do at-most-once and at-least-once "
        "mean for offset commits?",
        (
            _p(
                "Commit before processing is at-most-once; commit after processing is at-least-once",
                "at-most-once",
                "at-least-once",
                "commit after",
                "commit before",
                "duplicates",
            ),
            _p(
                "Idempotent producer (enable.idempotence) avoids duplicate writes on retry",
                "idempotent producer",
                "enable.idempotence",
                "producer id",
                "sequence number",
            ),
            _p(
                "Transactions commit produced records and consumer offsets atomically",
                "transaction",
                "transactional",
                "sendoffsetstotransaction",
                "read_committed",
                "exactly-once",
            ),
            _p(
                "Idempotent consumers or deduplication for external side effects",
                "idempotent consumer",
                "deduplicate",
                "dedup",
                "upsert",
                "idempotency key",
            ),
        ),
        "You left out {missed}. What goes wrong without it?",
        "Committing offsets before processing gives at-most-once, after processing gives at-least-once with possible "
        "duplicates. For Kafka-to-Kafka flows, the idempotent producer plus transactions commit output records and "
        "consumer offsets atomically (read with read_committed); side effects outside Kafka still need idempotent "
        "handling such as upserts or an idempotency key.",
    ),
    # --- docker ---
    _q(
        "docker.image-size",
        "medium",
        "In Docker, how would you make an application image smaller and faster to rebuild?",
        (
            _p(
                "Use a multi-stage build so build tools stay out of the final image",
                "multi-stage",
                "multistage",
                "build stage",
                "builder",
            ),
            _p("Start from a small base image", "slim", "alpine", "distroless", "small base", "base image"),
            _p(
                "Order instructions for layer caching: copy dependency files and install before copying source",
                "layer cache",
                "caching",
                "layers",
                "copy requirements",
                "order of instructions",
            ),
            _p(
                "Use a .dockerignore and clean package caches in the same layer",
                ".dockerignore",
                "dockerignore",
                "no-cache",
                "same layer",
                "rm -rf",
            ),
        ),
        "You did not mention {missed}. How much would that save?",
        "Use a multi-stage build so compilers and build dependencies stay in a builder stage, and base the final "
        "stage on a slim or distroless image. Copy the dependency manifest and install before copying the source so "
        "that layer stays cached, and use .dockerignore to keep the build context small.",
    ),
    _q(
        "docker.image-vs-container",
        "easy",
        "In Docker, what is the difference between an image and a container, and what happens to data written inside "
        "a container when it is removed?",
        (
            _p("An image is a read-only template made of layers", "read-only", "template", "layers", "blueprint"),
            _p(
                "A container is a running instance with a writable layer",
                "running instance",
                "instance",
                "writable layer",
                "process",
            ),
            _p(
                "Data in the container layer is lost on removal; use volumes or bind mounts",
                "volume",
                "bind mount",
                "lost",
                "persist",
                "ephemeral",
            ),
        ),
        "You did not explain {missed}. How would you keep a database's data safe?",
        "An image is an immutable, layered template; a container is a running instance of it with a thin writable "
        "layer on top. That layer is deleted with the container, so persistent data belongs in a named volume or a "
        "bind mount.",
    ),
    # --- kubernetes ---
    _q(
        "kubernetes.rollout",
        "medium",
        "In Kubernetes, what happens between applying an updated Deployment and a new Pod receiving traffic?",
        (
            _p(
                "The Deployment creates a new ReplicaSet and scales it up while scaling the old one down",
                "replicaset",
                "rolling update",
                "maxsurge",
                "maxunavailable",
                "scales down",
            ),
            _p(
                "The scheduler places the Pod on a node and the kubelet pulls the image and starts containers",
                "scheduler",
                "kubelet",
                "node",
                "pull the image",
                "image pull",
            ),
            _p(
                "The readiness probe must pass before the Pod is added to the Service endpoints",
                "readiness",
                "readiness probe",
                "ready",
                "health check",
            ),
            _p(
                "The Service / endpoints then route traffic to the Pod",
                "service",
                "endpoints",
                "endpointslice",
                "kube-proxy",
                "load balancer",
            ),
        ),
        "You did not mention {missed}. What could go wrong during the rollout without it?",
        "The Deployment controller creates a new ReplicaSet and shifts replicas to it according to maxSurge and "
        "maxUnavailable. Each new Pod is scheduled to a node, the kubelet pulls the image and starts it, and only once "
        "its readiness probe passes is it added to the Service's endpoints so kube-proxy routes traffic to it.",
    ),
    _q(
        "kubernetes.crashloop",
        "hard",
        "In Kubernetes, a Pod is in CrashLoopBackOff after a deploy. Walk me through how you debug it.",
        (
            _p(
                "Describe the Pod to read events, exit code and reason",
                "kubectl describe",
                "describe",
                "events",
                "exit code",
                "oomkilled",
            ),
            _p("Read logs of the previous container instance", "kubectl logs", "logs", "--previous", "previous"),
            _p(
                "Check config: env vars, secrets, config maps, command and image",
                "configmap",
                "secret",
                "environment variable",
                "env",
                "command",
                "image tag",
            ),
            _p(
                "Check resource limits and liveness probes killing the container",
                "liveness",
                "resource limits",
                "memory limit",
                "probe",
                "limits",
            ),
        ),
        "You did not cover {missed}. What might you find there?",
        "Start with kubectl describe pod to read the events, last state, exit code and reason such as OOMKilled, "
        "then kubectl logs --previous to see why the last container died. Check for a missing ConfigMap, Secret or "
        "env var, a wrong command or image, memory limits that are too low, or a liveness probe that kills the app "
        "before it has started.",
    ),
    # --- terraform ---
    _q(
        "terraform.state",
        "medium",
        "In Terraform, what is the state file for, and how do you manage it safely in a team?",
        (
            _p(
                "State maps resources in configuration to real infrastructure",
                "maps",
                "real infrastructure",
                "resource ids",
                "tracks",
                "source of truth",
            ),
            _p(
                "Store it in a remote backend such as S3 or Terraform Cloud",
                "remote backend",
                "backend",
                "s3",
                "terraform cloud",
                "gcs",
                "azurerm",
            ),
            _p(
                "Use state locking to prevent concurrent applies",
                "locking",
                "lock",
                "dynamodb",
                "concurrent",
                "state lock",
            ),
            _p(
                "It can contain secrets, so encrypt and restrict it and never commit it",
                "secrets",
                "sensitive",
                "encrypt",
                "don't commit",
                "not in git",
            ),
        ),
        "You left out {missed}. What could happen to the team without it?",
        "The state file maps each resource in the configuration to the real object it manages, so Terraform can "
        "compute a plan. In a team keep it in a remote backend such as S3 with locking (for example DynamoDB) to stop "
        "concurrent applies, and encrypt and restrict it because it can hold secrets.",
    ),
    _q(
        "terraform.modules-drift",
        "hard",
        "In Terraform, how would you structure code for several environments, and how do you detect and handle drift "
        "when someone changes a resource by hand?",
        (
            _p(
                "Reusable modules with per-environment variables or root modules",
                "module",
                "modules",
                "tfvars",
                "variables",
                "per environment",
            ),
            _p(
                "Separate state per environment (directories or workspaces)",
                "separate state",
                "workspace",
                "workspaces",
                "per-environment state",
                "directory per environment",
            ),
            _p(
                "terraform plan (or refresh-only) shows drift",
                "terraform plan",
                "plan",
                "refresh-only",
                "refresh",
                "drift",
            ),
            _p(
                "Either re-apply to revert or import / update code to adopt the change",
                "import",
                "apply",
                "revert",
                "update the code",
                "lifecycle",
                "ignore_changes",
            ),
        ),
        "You did not cover {missed}. How would you handle it?",
        "Put shared infrastructure in versioned modules and give each environment its own root configuration and "
        "state, with environment differences in variables. Run terraform plan (or plan -refresh-only) regularly, for "
        "example in CI, to detect drift, then either apply to revert the manual change or codify it (update the code "
        "or import the resource).",
    ),
    # --- aws ---
    _q(
        "aws.iam",
        "medium",
        "In AWS, how should an application running on EC2 or Lambda get permission to read from an S3 bucket?",
        (
            _p(
                "Use an IAM role attached to the instance or function, not access keys",
                "iam role",
                "role",
                "instance profile",
                "execution role",
                "no access keys",
            ),
            _p(
                "Least privilege: allow only the needed actions on the specific bucket",
                "least privilege",
                "s3:getobject",
                "specific bucket",
                "resource arn",
                "only the actions",
            ),
            _p(
                "Credentials are temporary and rotated automatically via STS",
                "temporary",
                "sts",
                "assume role",
                "rotated",
                "short-lived",
            ),
            _p(
                "Bucket policies and block public access as a second layer",
                "bucket policy",
                "block public access",
                "resource policy",
                "private",
            ),
        ),
        "You did not mention {missed}. Why is that important?",
        "Attach an IAM role (an instance profile for EC2, an execution role for Lambda) whose policy allows only "
        "s3:GetObject on that bucket's ARN. The SDK then gets temporary credentials from STS that rotate "
        "automatically, so no long-lived access keys are stored, and the bucket itself stays private.",
    ),
    _q(
        "aws.high-availability",
        "hard",
        "In AWS, how would you make a web application highly available across failures of a single server and a "
        "single Availability Zone?",
        (
            _p(
                "Run instances in multiple Availability Zones",
                "multiple availability zones",
                "multi-az",
                "availability zones",
                "azs",
                "across zones",
            ),
            _p(
                "Put an Application Load Balancer in front with health checks",
                "load balancer",
                "alb",
                "elb",
                "health check",
            ),
            _p(
                "Use an Auto Scaling group to replace unhealthy instances",
                "auto scaling",
                "autoscaling",
                "asg",
                "replace",
                "desired capacity",
            ),
            _p(
                "Make the data tier redundant (RDS Multi-AZ, replicas) and keep app servers stateless",
                "rds multi-az",
                "replica",
                "stateless",
                "failover",
                "dynamodb",
                "standby",
            ),
        ),
        "You skipped {missed}. What single point of failure remains without it?",
        "Run stateless app servers in an Auto Scaling group spread over at least two Availability Zones behind an "
        "Application Load Balancer whose health checks route around failed instances. Keep state in managed, "
        "replicated stores such as RDS Multi-AZ with automatic failover, S3 or DynamoDB.",
    ),
    # --- react ---
    _q(
        "react.useeffect",
        "medium",
        "In React, how does the useEffect dependency array work, and what bugs come from getting it wrong?",
        (
            _p(
                "The effect re-runs after render when a dependency changes",
                "dependency array",
                "dependencies",
                "re-run",
                "after render",
                "dependency changes",
            ),
            _p(
                "An empty array runs once on mount; no array runs after every render",
                "empty array",
                "on mount",
                "every render",
                "only once",
            ),
            _p(
                "Missing dependencies cause stale closures; extra or unstable ones cause loops",
                "stale closure",
                "stale",
                "infinite loop",
                "exhaustive-deps",
                "usecallback",
                "usememo",
            ),
            _p(
                "Return a cleanup function to unsubscribe or cancel",
                "cleanup",
                "unsubscribe",
                "abortcontroller",
                "return a function",
                "unmount",
            ),
        ),
        "You did not mention {missed}. Can you give an example where it matters?",
        "React runs the effect after rendering and again whenever a value in the dependency array changes; an empty "
        "array means only on mount. Leaving a dependency out gives stale closures, while objects or functions "
        "recreated each render cause endless re-runs, so memoize them; return a cleanup function to cancel requests "
        "or subscriptions.",
    ),
    _q(
        "react.keys-state",
        "easy",
        "In React, why does each item in a rendered list need a `key`, and why is using the array index often a bad "
        "key?",
        (
            _p(
                "Keys let React match elements between renders during reconciliation",
                "reconciliation",
                "identify",
                "match elements",
                "diffing",
                "virtual dom",
            ),
            _p(
                "Keys must be stable and unique among siblings, such as a database id",
                "stable",
                "unique",
                "id",
                "siblings",
            ),
            _p(
                "Index keys break when items are reordered, inserted or removed, mixing up state",
                "reorder",
                "inserted",
                "removed",
                "wrong state",
                "input state",
                "mixed up",
            ),
        ),
        "You did not cover {missed}. What bug would a user see?",
        "React uses keys to match each element to its previous render during reconciliation, so it can keep the "
        "right component state and DOM. Keys must be stable and unique, like a record id; index keys shift when "
        "items are inserted, removed or reordered, so state such as an input's text ends up on the wrong item.",
    ),
    # --- node-js ---
    _q(
        "node-js.blocking",
        "medium",
        "In Node.js, why does a CPU-heavy function in a request handler slow down every other request, and how do "
        "you fix it?",
        (
            _p(
                "Node runs JavaScript on a single-threaded event loop",
                "single-threaded",
                "single thread",
                "event loop",
                "one thread",
            ),
            _p(
                "Synchronous CPU work blocks the loop so no other callbacks run",
                "blocks",
                "blocking",
                "synchronous",
                "starves",
                "no other requests",
            ),
            _p(
                "Move CPU work to worker threads, a child process or a separate service",
                "worker threads",
                "worker_threads",
                "child process",
                "queue",
                "separate service",
            ),
            _p(
                "Prefer async I/O APIs over their Sync versions",
                "async",
                "readfilesync",
                "sync apis",
                "non-blocking i/o",
                "libuv",
            ),
        ),
        "You did not mention {missed}. How would that help under load?",
        "Node.js runs all JavaScript on one event loop thread, so a long synchronous computation blocks every other "
        "callback until it finishes. Offload CPU-heavy work to worker_threads, a child process or a job queue, and "
        "use the asynchronous I/O APIs (handled by libuv) instead of the Sync variants.",
    ),
    _q(
        "node-js.error-handling",
        "easy",
        "In Node.js, how do you handle errors in async/await code, and what happens to a rejected promise nobody "
        "handles?",
        (
            _p("Wrap awaits in try/catch or attach .catch", "try/catch", "try catch", "catch", ".catch"),
            _p(
                "Unhandled rejections crash the process in modern Node",
                "unhandled rejection",
                "unhandledrejection",
                "crash",
                "process exits",
                "terminates",
            ),
            _p(
                "Frameworks need errors passed to error middleware (next(err))",
                "next(err)",
                "middleware",
                "error handler",
                "express",
            ),
        ),
        "You skipped {missed}. How would you handle it in an Express app?",
        "Wrap awaited calls in try/catch, or attach .catch to promises, and handle or rethrow with context. Since "
        "Node 15 an unhandled rejection terminates the process, so in Express pass errors to next(err) so a central "
        "error-handling middleware responds.",
    ),
    # --- django ---
    _q(
        "django.n-plus-one",
        "medium",
        "In Django, what is the N+1 query problem, and how do `select_related` and `prefetch_related` fix it?",
        (
            _p(
                "Accessing a related object in a loop runs one query per row",
                "n+1",
                "query per row",
                "one query per",
                "in a loop",
                "extra queries",
            ),
            _p(
                "select_related uses a SQL JOIN for foreign keys and one-to-one",
                "select_related",
                "join",
                "foreign key",
                "one-to-one",
            ),
            _p(
                "prefetch_related runs a second query for many-to-many and reverse relations",
                "prefetch_related",
                "separate query",
                "many-to-many",
                "reverse",
                "second query",
            ),
            _p(
                "Detect it with the debug toolbar, query logging or assertNumQueries",
                "debug toolbar",
                "assertnumqueries",
                "connection.queries",
                "logging",
                "django-debug-toolbar",
            ),
        ),
        "You did not mention {missed}. How would you use it here?",
        "N+1 happens when you loop over a queryset and touch a related object, firing one extra query per row. "
        "select_related follows foreign keys with a JOIN in the same query, prefetch_related loads many-to-many or "
        "reverse relations in one extra query; spot the problem with django-debug-toolbar or assertNumQueries.",
    ),
    _q(
        "django.migrations",
        "hard",
        "In Django, how do you add a non-nullable column to a large, busy table without downtime?",
        (
            _p(
                "Add the column as nullable (or with a db default) first",
                "nullable",
                "null=true",
                "default",
                "db_default",
            ),
            _p(
                "Backfill existing rows in batches, separately from the schema change",
                "backfill",
                "batches",
                "data migration",
                "runpython",
            ),
            _p(
                "Then add the NOT NULL constraint in a later migration",
                "not null",
                "later migration",
                "second migration",
                "alter",
            ),
            _p(
                "Avoid long locks and deploy code compatible with both schemas",
                "lock",
                "locking",
                "backward compatible",
                "expand and contract",
                "sqlmigrate",
            ),
        ),
        "You skipped {missed}. What would happen on a table with millions of rows?",
        "Split it into steps: add the column as nullable, deploy code that writes it, backfill old rows in batches "
        "outside a single long transaction, and only then add NOT NULL. Check the SQL with sqlmigrate so no step "
        "takes a long table lock, and keep each deploy compatible with both the old and the new schema.",
    ),
    # --- spring-boot ---
    _q(
        "spring-boot.transactional",
        "medium",
        "In Spring Boot, how does `@Transactional` work, and why might it silently not apply?",
        (
            _p(
                "Spring wraps the bean in a proxy that opens and commits the transaction",
                "proxy",
                "aop",
                "commit",
                "rollback",
                "around the method",
            ),
            _p(
                "Self-invocation from the same class bypasses the proxy",
                "self-invocation",
                "same class",
                "internal call",
                "same bean",
                "bypasses the proxy",
            ),
            _p(
                "It only applies to public methods on Spring-managed beans",
                "public",
                "spring bean",
                "managed bean",
                "new keyword",
            ),
            _p(
                "By default it rolls back only on unchecked exceptions",
                "runtimeexception",
                "unchecked",
                "checked exception",
                "rollbackfor",
            ),
        ),
        "You did not mention {missed}. How would you make the transaction apply?",
        "Spring creates a proxy around the bean that starts a transaction before the method and commits or rolls "
        "back after it. Calls from another method of the same class skip the proxy, so no transaction starts; it "
        "also needs a public method on a Spring-managed bean, and by default only unchecked exceptions roll back.",
    ),
    _q(
        "spring-boot.auto-config",
        "easy",
        "In Spring Boot, what does auto-configuration do, and how do you override a bean it creates?",
        (
            _p(
                "Starters bring dependencies and auto-configuration creates beans from the classpath",
                "starter",
                "classpath",
                "auto-configuration",
                "autoconfiguration",
                "@enableautoconfiguration",
            ),
            _p(
                "Conditional annotations decide whether a bean is created",
                "@conditionalonmissingbean",
                "conditional",
                "conditionalonclass",
                "conditions",
            ),
            _p(
                "Define your own bean or set properties to override the default",
                "own bean",
                "@bean",
                "application.properties",
                "application.yml",
                "properties",
                "exclude",
            ),
        ),
        "You did not explain {missed}. How does that let you replace the default DataSource?",
        "Spring Boot's auto-configuration creates sensible beans based on what is on the classpath, for example a "
        "DataSource when a JDBC driver is present. Those beans are guarded by conditions like "
        "@ConditionalOnMissingBean, so declaring your own @Bean, setting properties or excluding the "
        "auto-configuration class overrides them.",
    ),
    # --- graphql ---
    _q(
        "graphql.n-plus-one",
        "medium",
        "In GraphQL, why do nested resolvers often cause N+1 database queries, and how do you fix it?",
        (
            _p(
                "Each field resolver runs per parent object, so a list of N items triggers N lookups",
                "resolver",
                "per parent",
                "per item",
                "n+1",
                "each field",
            ),
            _p("Batch and cache loads with DataLoader", "dataloader", "batch", "batching", "cache per request"),
            _p("DataLoader is scoped per request", "per request", "request-scoped", "request scope", "context"),
            _p(
                "Limit query depth or cost to protect the server",
                "depth limit",
                "query complexity",
                "cost",
                "persisted queries",
            ),
        ),
        "You did not cover {missed}. Why does that matter?",
        "Resolvers run once per parent object, so resolving author for 100 posts issues 100 queries. A DataLoader "
        "created per request collects those keys in one tick and loads them in a single batched query with "
        "caching, and depth or cost limits stop clients from sending very expensive queries.",
    ),
    _q(
        "graphql.vs-rest",
        "easy",
        "How is GraphQL different from REST, and when would you choose it?",
        (
            _p(
                "A single endpoint where the client asks for exactly the fields it needs",
                "single endpoint",
                "exactly the fields",
                "client specifies",
                "over-fetching",
                "under-fetching",
            ),
            _p(
                "A strongly typed schema with queries, mutations and subscriptions",
                "schema",
                "typed",
                "mutation",
                "subscription",
                "introspection",
            ),
            _p(
                "Trade-offs: HTTP caching is harder and servers must guard expensive queries",
                "caching",
                "http caching",
                "complexity",
                "expensive queries",
                "trade-off",
            ),
        ),
        "You did not mention {missed}. How does that affect your choice?",
        "GraphQL exposes one endpoint with a typed schema, and each client asks for exactly the fields it needs, "
        "avoiding over- and under-fetching across many REST calls. It suits varied clients such as mobile and web, "
        "but HTTP caching is harder and the server must limit expensive queries.",
    ),
    # --- rest ---
    _q(
        "rest.idempotency",
        "medium",
        "When designing a REST API, which HTTP methods are idempotent, and how would you make a POST that creates a "
        "payment safe to retry?",
        (
            _p(
                "GET, PUT and DELETE are idempotent; POST is not",
                "idempotent",
                "put",
                "delete",
                "post is not",
                "safe methods",
            ),
            _p(
                "Use an idempotency key sent by the client",
                "idempotency key",
                "idempotency-key",
                "request id",
                "unique key",
            ),
            _p(
                "Store the key with the result and return the same response on retry",
                "store",
                "same response",
                "deduplicate",
                "return the original",
            ),
            _p(
                "Handle concurrent duplicates with a unique constraint or lock",
                "unique constraint",
                "lock",
                "concurrent",
                "race",
            ),
        ),
        "You did not mention {missed}. What happens when the client times out and retries?",
        "GET, PUT and DELETE are idempotent by definition, POST is not, so a retried POST could charge twice. Have "
        "the client send an Idempotency-Key header, store it with the result under a unique constraint, and return "
        "the stored response for any repeat with the same key.",
    ),
    _q(
        "rest.status-codes",
        "easy",
        "In a REST API, which status codes would you return for a created resource, invalid input, a missing "
        "resource, a missing login and a server bug?",
        (
            _p("201 Created with a Location header for a new resource", "201", "created", "location header"),
            _p("400 or 422 for invalid input, 404 for not found", "400", "422", "404", "bad request", "not found"),
            _p("401 when not authenticated, 403 when not allowed", "401", "403", "unauthorized", "forbidden"),
            _p(
                "500 for server errors, with a consistent error body",
                "500",
                "internal server error",
                "error body",
                "problem details",
            ),
        ),
        "You did not cover {missed}. Which code fits there, and why?",
        "Return 201 Created with a Location header for a new resource, 400 (or 422) for invalid input and 404 when "
        "it does not exist. Use 401 when the caller is not authenticated and 403 when authenticated but not allowed, "
        "and 500 for unexpected server errors, always with a consistent error body.",
    ),
    # --- microservices ---
    _q(
        "microservices.data-consistency",
        "hard",
        "With microservices that each own their database, how do you keep data consistent across services when an "
        "order spans payment and inventory?",
        (
            _p(
                "Avoid distributed transactions; use a saga of local transactions",
                "saga",
                "local transaction",
                "no two-phase commit",
                "2pc",
                "distributed transaction",
            ),
            _p(
                "Compensating actions undo earlier steps on failure",
                "compensating",
                "compensation",
                "undo",
                "rollback step",
            ),
            _p(
                "Transactional outbox to publish events reliably",
                "outbox",
                "transactional outbox",
                "change data capture",
                "cdc",
                "debezium",
            ),
            _p(
                "Consumers must be idempotent and the system eventually consistent",
                "idempotent",
                "eventual consistency",
                "eventually consistent",
                "retry",
            ),
        ),
        "You left out {missed}. What failure would that leave unhandled?",
        "Use a saga: each service commits a local transaction and emits an event, and failures trigger compensating "
        "actions such as refunding the payment. Publish events through a transactional outbox so the database write "
        "and the message cannot diverge, and make consumers idempotent because delivery is at-least-once.",
    ),
    _q(
        "microservices.resilience",
        "medium",
        "In a microservices system, how do you stop one slow downstream service from taking down its callers?",
        (
            _p("Set timeouts on every remote call", "timeout", "timeouts", "deadline"),
            _p(
                "Retries with exponential backoff and jitter, only for idempotent calls",
                "retry",
                "backoff",
                "exponential backoff",
                "jitter",
            ),
            _p(
                "Circuit breaker to fail fast when a dependency is unhealthy",
                "circuit breaker",
                "fail fast",
                "resilience4j",
                "hystrix",
                "open circuit",
            ),
            _p(
                "Bulkheads, fallbacks or queues to isolate failures",
                "bulkhead",
                "fallback",
                "degrade",
                "graceful degradation",
                "queue",
                "asynchronous",
            ),
        ),
        "You did not mention {missed}. What would happen during an outage without it?",
        "Give every remote call a timeout, retry only idempotent calls with exponential backoff and jitter, and wrap "
        "dependencies in a circuit breaker so callers fail fast instead of piling up threads. Bulkheads and "
        "fallbacks, or asynchronous messaging, keep a failure contained to the feature that needs the slow service.",
    ),
    # --- unit-testing ---
    _q(
        "unit-testing.mocks",
        "medium",
        "In unit testing, when should you use mocks or fakes, and what are the risks of mocking too much?",
        (
            _p(
                "Replace slow or non-deterministic dependencies such as network, clock or database",
                "network",
                "database",
                "clock",
                "external",
                "non-deterministic",
                "slow",
            ),
            _p(
                "Fakes and stubs return data; mocks verify interactions",
                "stub",
                "fake",
                "verify",
                "interaction",
                "test double",
            ),
            _p(
                "Over-mocking couples tests to implementation and makes them brittle",
                "brittle",
                "implementation details",
                "coupled",
                "refactor",
                "over-mocking",
            ),
            _p(
                "Mocks can pass while the real integration is broken, so add integration tests",
                "integration test",
                "contract test",
                "false confidence",
                "real dependency",
            ),
        ),
        "You did not mention {missed}. How would that change the way you write the test?",
        "Use test doubles for dependencies that are slow, external or non-deterministic, such as HTTP calls or the "
        "clock, preferring simple fakes or stubs and mocks only when the interaction itself matters. Mocking "
        "everything ties tests to implementation details and can hide broken integrations, so back them with a few "
        "integration or contract tests.",
    ),
    _q(
        "unit-testing.good-test",
        "easy",
        "What makes a good unit test?",
        (
            _p("Fast, isolated and deterministic", "fast", "isolated", "deterministic", "independent", "repeatable"),
            _p(
                "Tests one behaviour with a clear arrange-act-assert structure",
                "arrange",
                "act assert",
                "assert",
                "one behaviour",
                "one behavior",
                "given when then",
            ),
            _p(
                "Covers edge cases and failure paths, not only the happy path",
                "edge case",
                "boundary",
                "happy path",
                "error case",
                "failure",
            ),
            _p(
                "Has a descriptive name and tests behaviour, not implementation",
                "descriptive name",
                "readable",
                "behaviour not implementation",
                "public interface",
                "test name",
            ),
        ),
        "You skipped {missed}. Why does that matter for a test suite?",
        "A good unit test is fast, isolated and deterministic, and checks one behaviour through the public interface "
        "with a clear arrange-act-assert shape. It covers edge cases and error paths as well as the happy path and "
        "has a name that says what should happen.",
    ),
    # --- machine-learning ---
    _q(
        "machine-learning.overfitting",
        "medium",
        "In machine learning, how do you detect overfitting, and what would you do about it?",
        (
            _p(
                "Training score is much better than validation or test score",
                "validation",
                "training accuracy",
                "gap",
                "held-out",
                "test set",
            ),
            _p(
                "Use cross-validation for a reliable estimate",
                "cross-validation",
                "cross validation",
                "k-fold",
                "kfold",
            ),
            _p(
                "Regularize or simplify the model",
                "regularization",
                "l1",
                "l2",
                "dropout",
                "simpler model",
                "pruning",
                "max depth",
            ),
            _p(
                "Get more data, use early stopping or augment data",
                "more data",
                "early stopping",
                "augmentation",
                "augment",
            ),
        ),
        "You did not mention {missed}. How would you apply it?",
        "Overfitting shows as a large gap between training and validation performance, best measured with "
        "cross-validation on data the model never trained on. Reduce it with regularization (L1/L2, dropout, shallower "
        "trees), a simpler model, early stopping, or more and augmented training data.",
    ),
    _q(
        "machine-learning.imbalanced",
        "hard",
        "In machine learning, you are building a fraud classifier where 0.5% of transactions are fraud. How do you "
        "train and evaluate it?",
        (
            _p(
                "Accuracy is misleading; use precision, recall, F1 or PR-AUC",
                "precision",
                "recall",
                "f1",
                "pr-auc",
                "accuracy is misleading",
                "auc",
            ),
            _p(
                "Handle imbalance with class weights or resampling",
                "class weight",
                "oversampling",
                "undersampling",
                "smote",
                "resampling",
            ),
            _p(
                "Choose the decision threshold from business costs",
                "threshold",
                "cost",
                "false positives",
                "false negatives",
                "business",
            ),
            _p(
                "Use a time-based split and avoid leakage",
                "time-based split",
                "leakage",
                "stratified",
                "temporal",
                "out-of-time",
            ),
        ),
        "You did not cover {missed}. How would that change your results?",
        "A model that predicts 'not fraud' is 99.5% accurate, so evaluate with precision, recall and PR-AUC instead. "
        "Use class weights or resampling during training, split by time to avoid leakage, and choose the decision "
        "threshold from the relative cost of missed fraud versus false alarms.",
    ),
    # --- pandas ---
    _q(
        "pandas.vectorize",
        "easy",
        "In pandas, why is looping over rows with `iterrows` slow, and what should you use instead?",
        (
            _p(
                "Row loops run in Python and create a Series per row",
                "python loop",
                "series per row",
                "per row",
                "interpreted",
                "row by row",
            ),
            _p(
                "Use vectorized column operations backed by NumPy",
                "vectorized",
                "vectorised",
                "numpy",
                "column operations",
                "whole column",
            ),
            _p(
                "Use built-ins like np.where, map, merge or groupby instead of apply",
                "np.where",
                "groupby",
                "merge",
                "map",
                "built-in",
                "str accessor",
            ),
        ),
        "You did not mention {missed}. How would you rewrite the loop?",
        "iterrows runs a Python loop and builds a Series for every row, which is very slow. Express the logic as "
        "vectorized column operations (arithmetic, np.where, .str and .dt accessors) or with merge and groupby, "
        "which run in optimized NumPy code.",
    ),
    _q(
        "pandas.groupby-merge",
        "medium",
        "In pandas, how would you compute each customer's total spend and add it back as a column on every order row, "
        "and what pitfalls do you watch for?",
        (
            _p(
                "groupby on customer and transform('sum') to broadcast back to rows",
                "transform",
                "groupby",
                "broadcast",
                "same index",
            ),
            _p("Alternatively aggregate then merge on the customer key", "merge", "agg", "join", "on="),
            _p(
                "Check merge cardinality to avoid duplicated rows",
                "validate",
                "many-to-one",
                "duplicates",
                "cardinality",
                "row count",
            ),
            _p(
                "Watch for NaN keys and SettingWithCopyWarning",
                "nan",
                "dropna",
                "settingwithcopywarning",
                ".loc",
                "copy",
            ),
        ),
        "You did not cover {missed}. What could go wrong?",
        "Use df.groupby('customer_id')['amount'].transform('sum'), which returns a result aligned with the original "
        "rows. If you aggregate and merge instead, pass validate='many_to_one' to catch duplicated keys, and watch for "
        "NaN keys (dropped by groupby by default) and chained assignment warnings.",
    ),
    # --- spark ---
    _q(
        "spark.lazy-shuffle",
        "medium",
        "In Apache Spark, what is the difference between transformations and actions, and why are wide "
        "transformations like groupBy expensive?",
        (
            _p(
                "Transformations are lazy and build a DAG; actions trigger execution",
                "lazy",
                "dag",
                "action",
                "collect",
                "count",
                "trigger",
            ),
            _p(
                "Narrow transformations stay within a partition; wide ones shuffle data across the network",
                "shuffle",
                "narrow",
                "wide",
                "across the network",
                "exchange",
            ),
            _p("A shuffle creates a stage boundary and writes to disk", "stage", "stage boundary", "disk", "spill"),
            _p(
                "Reduce shuffles: filter early, broadcast small tables, partition sensibly",
                "broadcast",
                "filter early",
                "repartition",
                "coalesce",
                "partitioning",
            ),
        ),
        "You did not mention {missed}. How would that help a slow job?",
        "Transformations such as filter or groupBy only build a lazy DAG, and actions such as count or write "
        "trigger execution. Wide transformations shuffle data between executors, which creates a stage boundary with "
        "disk and network I/O, so filter early, broadcast small join sides and choose partitioning to limit shuffles.",
    ),
    _q(
        "spark.skew",
        "hard",
        "In Apache Spark, one task of a join runs for an hour while the others finish in a minute. What is happening "
        "and how do you fix it?",
        (
            _p(
                "Data skew: one key has far more rows, so one partition is huge",
                "skew",
                "skewed",
                "hot key",
                "one partition",
                "uneven",
            ),
            _p(
                "Confirm in the Spark UI by task durations and shuffle sizes",
                "spark ui",
                "task duration",
                "shuffle read",
                "stage",
            ),
            _p("Broadcast the small side to avoid the shuffle", "broadcast", "broadcast join", "map-side"),
            _p(
                "Salt the key or enable adaptive query execution skew handling",
                "salt",
                "salting",
                "aqe",
                "adaptive query execution",
                "skewjoin",
            ),
        ),
        "You skipped {missed}. How would you apply it to this join?",
        "This is data skew: a hot key sends most rows to one partition, which the Spark UI shows as one task with "
        "far more shuffle read. Broadcast the smaller table if it fits, enable adaptive query execution's skew-join "
        "handling, or salt the hot key to spread it across partitions.",
    ),
    # --- git ---
    _q(
        "git.merge-rebase",
        "medium",
        "In Git, what is the difference between merge and rebase, and when should you not rebase?",
        (
            _p(
                "Merge joins histories with a merge commit and keeps them as they were",
                "merge commit",
                "preserves history",
                "two parents",
                "non-linear",
            ),
            _p(
                "Rebase replays commits on a new base, giving a linear history with new commit ids",
                "replays",
                "linear history",
                "new commits",
                "rewrites history",
                "new hashes",
            ),
            _p(
                "Do not rebase commits others have already pulled (shared branches)",
                "shared branch",
                "public branch",
                "already pushed",
                "others have pulled",
                "golden rule",
            ),
            _p(
                "Force-push with lease after rebasing your own branch", "force-with-lease", "force push", "push --force"
            ),
        ),
        "You did not mention {missed}. Why does that matter when working in a team?",
        "A merge ties two histories together with a merge commit and rewrites nothing, while a rebase replays your "
        "commits on top of another branch, producing a linear history with new commit ids. Never rebase commits "
        "others have pulled; for your own feature branch, rebase and push with --force-with-lease.",
    ),
    _q(
        "git.undo",
        "easy",
        "In Git, how do you undo a commit that is already pushed to a shared branch, and how is that different from "
        "undoing a local one?",
        (
            _p(
                "Use git revert for pushed commits, which adds an inverse commit",
                "git revert",
                "revert",
                "inverse commit",
                "new commit",
            ),
            _p(
                "git reset moves the branch pointer and suits local, unpushed commits",
                "git reset",
                "reset",
                "--soft",
                "--hard",
                "local",
            ),
            _p(
                "Rewriting shared history breaks collaborators; reflog recovers lost commits",
                "reflog",
                "rewrite history",
                "collaborators",
                "force push",
            ),
        ),
        "You did not cover {missed}. When would you need it?",
        "For a pushed commit use git revert, which adds a new commit undoing the change without rewriting shared "
        "history. For local, unpushed commits git reset (--soft to keep changes, --hard to discard) is fine, and "
        "git reflog can recover a commit you reset away by mistake.",
    ),
    # --- linux ---
    _q(
        "linux.disk-full",
        "medium",
        "On a Linux server, `df` says the disk is full but `du` cannot find the large files. What is going on and how "
        "do you fix it?",
        (
            _p(
                "A deleted file is still held open by a process",
                "deleted",
                "held open",
                "open file handle",
                "file descriptor",
                "still open",
            ),
            _p("Find it with lsof (+L1 or grep deleted)", "lsof", "+l1", "/proc", "(deleted)"),
            _p(
                "Restart or signal the process, or truncate the file via /proc",
                "restart",
                "truncate",
                "reload",
                "sighup",
                "kill",
            ),
            _p("Also check inodes and log rotation", "inodes", "df -i", "logrotate", "log rotation"),
        ),
        "You did not mention {missed}. How would you check it?",
        "Space from a deleted file is only freed when the last process closes it, so a log deleted while the app "
        "still writes to it keeps using disk that du cannot see. Find it with lsof +L1, then restart or reload the "
        "process (or truncate it through /proc/PID/fd), and fix log rotation; also check inode usage with df -i.",
    ),
    _q(
        "linux.permissions",
        "easy",
        "In Linux, what does `chmod 750 deploy.sh` mean, and what do the read, write and execute bits mean on a "
        "directory?",
        (
            _p("Owner rwx, group r-x, others nothing", "owner", "group", "others", "rwx", "r-x"),
            _p("Digits are sums of read 4, write 2, execute 1", "octal", "read 4", "write 2", "execute 1"),
            _p(
                "On a directory, r lists names, w creates or deletes entries, x allows entering it",
                "list",
                "enter",
                "cd",
                "traverse",
                "create files",
            ),
        ),
        "You did not explain {missed}. Can you go through it?",
        "Each octal digit sums read (4), write (2) and execute (1), so 750 gives the owner rwx, the group r-x and "
        "others nothing. On a directory, read lists the names, write allows creating or deleting entries, and execute "
        "allows entering and traversing it.",
    ),
    # --- ci-cd ---
    _q(
        "ci-cd.pipeline",
        "medium",
        "In CI/CD, what stages would you put in a pipeline for a web service, and how do you make it fast and "
        "reliable?",
        (
            _p(
                "Build, lint and run tests on every push or pull request",
                "build",
                "lint",
                "unit tests",
                "pull request",
                "every commit",
            ),
            _p(
                "Build one immutable artifact and promote it through environments",
                "artifact",
                "immutable",
                "promote",
                "same image",
                "registry",
            ),
            _p(
                "Deploy to staging, then production with a safe strategy and rollback",
                "staging",
                "blue-green",
                "canary",
                "rollback",
                "rolling",
            ),
            _p("Speed up with caching and parallel jobs; avoid flaky tests", "cache", "caching", "parallel", "flaky"),
        ),
        "You did not mention {missed}. How would you add it to the pipeline?",
        "On every pull request run build, lint and tests, in parallel with dependency caching so feedback is fast. "
        "On merge build a single immutable artifact such as a tagged image, deploy it to staging for integration "
        "checks, then promote the same artifact to production with a canary or blue-green rollout and quick rollback.",
    ),
    _q(
        "ci-cd.secrets-deploy",
        "hard",
        "In CI/CD, how do you handle secrets and production deploy permissions in a pipeline securely?",
        (
            _p(
                "Keep secrets in a secret store, never in the repository",
                "secret store",
                "vault",
                "secrets manager",
                "not in the repo",
                "encrypted secrets",
            ),
            _p(
                "Use short-lived credentials such as OIDC federation instead of static keys",
                "oidc",
                "short-lived",
                "federation",
                "temporary credentials",
                "assume role",
            ),
            _p(
                "Least privilege and protected environments with approvals",
                "least privilege",
                "approval",
                "protected environment",
                "protected branch",
                "manual approval",
            ),
            _p(
                "Mask secrets in logs and restrict them from untrusted pull requests",
                "mask",
                "logs",
                "forks",
                "untrusted",
                "pull requests from forks",
            ),
        ),
        "You did not cover {missed}. What risk does that leave?",
        "Keep secrets in the CI platform's encrypted store or a vault, never in the repository, and prefer OIDC "
        "federation to get short-lived cloud credentials instead of static keys. Limit deploy jobs to protected "
        "branches and environments with approvals and least-privilege roles, mask secrets in logs and never expose "
        "them to pull requests from forks.",
    ),
)
