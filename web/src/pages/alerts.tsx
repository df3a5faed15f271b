// Job alerts: a resume, the filters a new job must pass and the least score it needs; after each scrape the jobs
// that qualify become alerts, listed here and, with a webhook, POSTed signed to it. The signing secret exists in
// the page only between the call that returned it and the user dismissing it: it is never stored, listed or
// fetched again (the API returns it once).
import { useState } from "preact/hooks";
import { api, data, type Schemas } from "../api/client";
import { ErrorNote, Loading, Page, Score, useAsync } from "../components";
import { dateTime, workplace } from "../format";

const DEFAULT_MIN_SCORE = 60;

function list(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** What a subscription's form edits: the filters an alert offers (the rest of JobFilter stays as it was). */
interface Draft {
  location: string;
  remoteOnly: boolean;
  skills: string;
  minScore: string;
  webhookUrl: string;
}

function draftOf(s: Schemas["AlertSubscription"] | undefined): Draft {
  const f = s?.filter;
  return {
    location: f?.location ?? "",
    remoteOnly: f?.workplace_types?.includes("WORKPLACE_TYPE_REMOTE") ?? false,
    skills: (f?.required_skills ?? []).join(", "),
    minScore: String(s ? s.min_score : DEFAULT_MIN_SCORE),
    webhookUrl: s?.webhook_url ?? "",
  };
}

function filterOf(draft: Draft, base: Schemas["JobFilter"] | undefined): Schemas["JobFilter"] {
  const out: Schemas["JobFilter"] = { ...base };
  out.location = draft.location.trim();
  out.workplace_types = draft.remoteOnly ? ["WORKPLACE_TYPE_REMOTE"] : [];
  out.required_skills = list(draft.skills);
  return out;
}

/** The fields of a draft, labelled; `id` keeps the labels of two open forms apart. */
function DraftFields(props: { id: string; draft: Draft; onChange: (draft: Draft) => void }) {
  const { id, draft } = props;
  const set = (patch: Partial<Draft>) => props.onChange({ ...draft, ...patch });
  return (
    <>
      <div class="field">
        <label for={`${id}-location`}>Location (empty: anywhere)</label>
        <input
          id={`${id}-location`}
          value={draft.location}
          maxLength={200}
          placeholder="Berlin"
          onInput={(e) => set({ location: e.currentTarget.value })}
        />
      </div>
      <label class="inline">
        <input type="checkbox" checked={draft.remoteOnly} onChange={(e) => set({ remoteOnly: e.currentTarget.checked })} />{" "}
        Remote jobs only
      </label>
      <div class="field">
        <label for={`${id}-skills`}>Requires every one of these skills (comma-separated)</label>
        <input
          id={`${id}-skills`}
          value={draft.skills}
          placeholder="python, kubernetes"
          onInput={(e) => set({ skills: e.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for={`${id}-score`}>Least match score, 0 to 100</label>
        <input
          id={`${id}-score`}
          type="number"
          min={0}
          max={100}
          inputMode="numeric"
          value={draft.minScore}
          onInput={(e) => set({ minScore: e.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for={`${id}-webhook`}>Webhook URL (optional: where each new batch is POSTed, signed)</label>
        <input
          id={`${id}-webhook`}
          type="url"
          value={draft.webhookUrl}
          maxLength={2048}
          placeholder="https://hooks.example.com/skillgap"
          onInput={(e) => set({ webhookUrl: e.currentTarget.value })}
        />
      </div>
    </>
  );
}

/** The signing secret a call just returned: shown once, with what it is for. */
function SecretOnce(props: { secret: string; onDone: () => void }) {
  return (
    <div class="note" role="status" aria-labelledby="secret-title">
      <h2 id="secret-title">Your webhook signing secret</h2>
      <p>
        Keep it now: SkillGap shows it this once. Each delivery carries an <code>X-SkillGap-Signature</code> made with
        it, so your webhook can tell SkillGap's calls from anyone else's.
      </p>
      <p>
        <code class="secret">{props.secret}</code>
      </p>
      <button type="button" onClick={props.onDone}>
        I have kept it
      </button>
    </div>
  );
}

function NewAlert(props: {
  resumes: Schemas["Resume"][];
  searches: Schemas["SavedSearch"][];
  onCreated: (secret: string) => void;
}) {
  const [resumeId, setResumeId] = useState(props.resumes[0]?.resume_id ?? "");
  const [searchId, setSearchId] = useState("");
  const [draft, setDraft] = useState<Draft>(draftOf(undefined));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  // A saved search gives its first place and its remote choice; its words are not a filter an alert has.
  const fromSearch = (id: string) => {
    setSearchId(id);
    const d = props.searches.find((s) => s.saved_search_id === id)?.search;
    if (d) setDraft({ ...draft, location: d.locations?.[0] ?? "", remoteOnly: d.remote_only ?? false });
  };

  const create = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const created = await data(
        api.POST("/api/alerts/subscriptions", {
          body: {
            resume_id: resumeId,
            filter: filterOf(draft, undefined),
            min_score: Number(draft.minScore) || 0,
            webhook_url: draft.webhookUrl.trim(),
          },
        }),
      );
      setDraft(draftOf(undefined));
      setSearchId("");
      props.onCreated(created.webhook_secret);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (props.resumes.length === 0) {
    return (
      <div class="card">
        <h2>Create an alert</h2>
        <p>
          An alert scores new jobs against one of your resumes: <a href="/upload">upload a resume</a> first.
        </p>
      </div>
    );
  }
  return (
    <form
      class="card"
      aria-labelledby="new-alert-title"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <h2 id="new-alert-title">Create an alert</h2>
      <div class="field">
        <label for="a-resume">Score new jobs against</label>
        <select id="a-resume" value={resumeId} onChange={(e) => setResumeId(e.currentTarget.value)}>
          {props.resumes.map((r) => (
            <option key={r.resume_id} value={r.resume_id}>
              {r.filename || "Resume"} ({dateTime(r.create_time)})
            </option>
          ))}
        </select>
      </div>
      {props.searches.length > 0 && (
        <div class="field">
          <label for="a-search">Start from a saved search (optional)</label>
          <select id="a-search" value={searchId} onChange={(e) => fromSearch(e.currentTarget.value)}>
            <option value="">None</option>
            {props.searches.map((s) => (
              <option key={s.saved_search_id} value={s.saved_search_id}>
                {s.search?.display_name || "Saved search"}
              </option>
            ))}
          </select>
        </div>
      )}
      <DraftFields id="a" draft={draft} onChange={setDraft} />
      <button type="submit" class="primary" disabled={busy || !resumeId}>
        Create the alert
      </button>
      {error !== undefined && <ErrorNote error={error} />}
    </form>
  );
}

function describeFilter(s: Schemas["AlertSubscription"]): string {
  const f = s.filter;
  return [
    f?.location ? `in ${f.location}` : "anywhere",
    ...(f?.workplace_types ?? []).map((w) => workplace(w).toLowerCase()),
    f?.required_skills?.length ? `requires ${f.required_skills.join(", ")}` : "",
    `score ${s.min_score.toFixed(0)} or more`,
  ]
    .filter(Boolean)
    .join(" · ");
}

function webhookHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function SubscriptionCard(props: {
  subscription: Schemas["AlertSubscription"];
  resumeName: string;
  onChanged: (secret?: string) => void;
}) {
  const s = props.subscription;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Draft>(() => draftOf(s));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const path = { params: { path: { subscription_id: s.subscription_id } } };

  const act = async (call: () => Promise<string | undefined>) => {
    setBusy(true);
    setError(undefined);
    try {
      const secret = await call();
      setEditing(false);
      props.onChanged(secret);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    act(async () => {
      const updated = await data(
        api.PATCH("/api/alerts/subscriptions/{subscription_id}", {
          ...path,
          body: {
            filter: filterOf(draft, s.filter),
            min_score: Number(draft.minScore) || 0,
            webhook_url: draft.webhookUrl.trim(),
            // Named, so that a score of 0 or an emptied webhook are set too (AIP-134).
            update_mask: "filter,min_score,webhook_url",
          },
        }),
      );
      return updated.webhook_secret;
    });
  const remove = () =>
    act(async () => {
      await data(api.DELETE("/api/alerts/subscriptions/{subscription_id}", path));
      return undefined;
    });

  const title = `Alert for ${props.resumeName}`;
  return (
    <li class="card subscription">
      <h3>{title}</h3>
      <p class="muted">{describeFilter(s)}</p>
      <p class="muted small">
        {s.webhook_url ? `Webhook: ${webhookHost(s.webhook_url)}` : "No webhook: alerts are listed here"} ·{" "}
        {s.unseen_count} new · since {dateTime(s.create_time)}
      </p>
      {editing ? (
        <form
          aria-label={`Change ${title}`}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <DraftFields id={`e-${s.subscription_id}`} draft={draft} onChange={setDraft} />
          <p class="row">
            <button type="submit" class="primary" disabled={busy}>
              Save the changes
            </button>
            <button
              type="button"
              onClick={() => {
                setEditing(false);
                setDraft(draftOf(s));
                setError(undefined);
              }}
            >
              Cancel
            </button>
          </p>
        </form>
      ) : (
        <p class="row">
          <button type="button" onClick={() => setEditing(true)}>
            Change
          </button>
          <button type="button" disabled={busy} onClick={() => void remove()}>
            Delete
          </button>
        </p>
      )}
      {error !== undefined && <ErrorNote error={error} />}
    </li>
  );
}

function AlertList(props: { alerts: Schemas["Alert"][]; resumeOf: (subscriptionId: string) => string }) {
  if (props.alerts.length === 0) return <p>No alert yet: they come after the next scrape finds jobs that qualify.</p>;
  return (
    <ul class="cards">
      {props.alerts.map((a) => {
        const resume = props.resumeOf(a.subscription_id);
        const job = a.job;
        return (
          <li class="card" key={a.alert_id}>
            <h3>
              {job ? (
                <a href={`/jobs/${job.job_id}${resume ? `?resume=${encodeURIComponent(resume)}` : ""}`}>{job.title}</a>
              ) : (
                "A job"
              )}{" "}
              {!a.seen && <span class="status">new</span>}
            </h3>
            <p class="muted">
              {job?.company} · found {dateTime(a.create_time)}
            </p>
            <Score score={a.score} />
            {a.reasons.length > 0 && (
              <ul class="small">
                {a.reasons.map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            )}
            {a.webhook_delivery?.last_error && <p class="error">Webhook: {a.webhook_delivery.last_error}</p>}
          </li>
        );
      })}
    </ul>
  );
}

export function AlertsPage() {
  const resumes = useAsync(() => data(api.GET("/api/resume", { params: { query: { page_size: 100 } } })), []);
  const searches = useAsync(() => data(api.GET("/api/saved-searches", { params: { query: { page_size: 50 } } })), []);
  const subscriptions = useAsync(
    () => data(api.GET("/api/alerts/subscriptions", { params: { query: { page_size: 100 } } })),
    [],
  );
  const alerts = useAsync(() => data(api.GET("/api/alerts", { params: { query: { page_size: 20 } } })), []);
  const [secret, setSecret] = useState("");
  const [rotateError, setRotateError] = useState<unknown>(undefined);

  const resumeList = resumes.value?.resumes ?? [];
  const subs = subscriptions.value?.subscriptions ?? [];
  const nameOf = (resumeId: string) =>
    resumeList.find((r) => r.resume_id === resumeId)?.filename || "one of your resumes";
  const resumeOf = (subscriptionId: string) => subs.find((s) => s.subscription_id === subscriptionId)?.resume_id ?? "";
  const changed = (newSecret?: string) => {
    if (newSecret) setSecret(newSecret);
    subscriptions.reload();
  };
  const rotate = async () => {
    setRotateError(undefined);
    try {
      setSecret((await data(api.POST("/api/alerts/webhook-secret", { body: {} }))).webhook_secret);
    } catch (e) {
      setRotateError(e);
    }
  };

  return (
    <Page title="Job alerts" wide>
      <p class="lead">After each scrape, the new jobs that pass your filters and score high enough for your resume.</p>
      {secret && <SecretOnce secret={secret} onDone={() => setSecret("")} />}
      <div class="columns">
        <section aria-labelledby="subscriptions-title">
          <h2 id="subscriptions-title">Your alerts</h2>
          <div aria-live="polite">
            {subscriptions.loading && !subscriptions.value && <Loading what="your alerts" />}
            {subscriptions.error !== undefined && <ErrorNote error={subscriptions.error} />}
            {subscriptions.value && subs.length === 0 && <p>No alert yet.</p>}
            <ul class="cards">
              {subs.map((s) => (
                <SubscriptionCard
                  key={`${s.subscription_id}/${s.update_time ?? ""}`}
                  subscription={s}
                  resumeName={nameOf(s.resume_id)}
                  onChanged={changed}
                />
              ))}
            </ul>
          </div>
          {subs.some((s) => s.webhook_url) && (
            <p>
              <button type="button" onClick={() => void rotate()}>
                Replace the signing secret
              </button>
            </p>
          )}
          {rotateError !== undefined && <ErrorNote error={rotateError} />}
        </section>
        {resumes.error !== undefined && <ErrorNote error={resumes.error} />}
        {resumes.value && (
          <NewAlert
            resumes={resumeList}
            searches={searches.value?.saved_searches ?? []}
            onCreated={(newSecret) => changed(newSecret)}
          />
        )}
      </div>
      <section aria-labelledby="found-title">
        <h2 id="found-title">Jobs found for you</h2>
        <p class="muted small">Newest first; listing them here marks them seen.</p>
        {alerts.loading && !alerts.value && <Loading what="your alerts' jobs" />}
        {alerts.error !== undefined && <ErrorNote error={alerts.error} />}
        {alerts.value && <AlertList alerts={alerts.value.alerts} resumeOf={resumeOf} />}
      </section>
    </Page>
  );
}
