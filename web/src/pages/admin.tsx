// For admins: the sources SkillGap scrapes, a scrape started by hand, and the recent runs with their live
// progress (GetScrapeStatus read again every second while a run is queued or running) and errors.
import { useEffect, useState } from "preact/hooks";
import { api, data, type Schemas } from "../api/client";
import { Bar, ErrorNote, Loading, Page, useAsync } from "../components";
import { dateTime, scrapeState, sourceKind } from "../format";

const ACTIVE = new Set(["SCRAPE_STATE_QUEUED", "SCRAPE_STATE_RUNNING"]);
const POLL_MS = 1000;

function Counts(props: { counts: Schemas["ScrapeCounts"] | undefined }) {
  const c = props.counts;
  if (!c) return null;
  return (
    <span class="counts">
      {c.fetched} fetched · {c.created} new · {c.updated} changed · {c.unchanged} unchanged · {c.closed} closed
      {c.failed > 0 && <strong class="bad"> · {c.failed} failed</strong>}
    </span>
  );
}

function Run(props: { run: Schemas["ScrapeRun"] }) {
  const r = props.run;
  const done = r.sources.filter((s) => !ACTIVE.has(s.state)).length;
  const active = ACTIVE.has(r.state);
  return (
    <li class={`card run run-${r.state.toLowerCase()}`}>
      <h3>
        <span class="status">{scrapeState(r.state)}</span> {dateTime(r.create_time)}{" "}
        <span class="muted">{r.trigger === "SCRAPE_TRIGGER_SCHEDULED" ? "scheduled" : "by hand"}</span>
      </h3>
      {r.sources.length > 0 && (
        <Bar
          fraction={done / r.sources.length}
          tone={active ? "plain" : "good"}
          label={`${done} of ${r.sources.length} sources finished`}
        />
      )}
      <p>
        <Counts counts={r.totals} /> ·{" "}
        <a href={`/jobs?run=${encodeURIComponent(r.run_id)}`}>the jobs it stored</a>
      </p>
      <ul class="sources">
        {r.sources.map((s, i) => (
          <li key={i}>
            <strong>{sourceKind(s.source?.kind)}</strong> {s.source?.identifier}{" "}
            <span class="status">{scrapeState(s.state)}</span>
            {s.activity && <span class="activity"> — {s.activity}</span>}
            <div>
              <Counts counts={s.counts} />
            </div>
            {s.error_message && (
              <p class="error" role="alert">
                {s.error_message}
              </p>
            )}
          </li>
        ))}
      </ul>
    </li>
  );
}

function useRuns(): { runs: Schemas["ScrapeRun"][] | undefined; error: unknown; refresh: () => void } {
  const [runs, setRuns] = useState<Schemas["ScrapeRun"][] | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    let timer: number | undefined;
    const read = async () => {
      try {
        const got = await data(api.GET("/api/scrape/status", { params: { query: { page_size: 5 } } }));
        if (!live) return;
        setRuns(got.runs);
        setError(undefined);
        if (got.runs.some((r) => ACTIVE.has(r.state))) timer = window.setTimeout(read, POLL_MS);
      } catch (e) {
        if (live) setError(e);
      }
    };
    void read();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [round]);
  return { runs, error, refresh: () => setRound((r) => r + 1) };
}

function TriggerForm(props: { kinds: Schemas["SourceKindInfo"][]; onStarted: () => void }) {
  const fetched = props.kinds.filter((k) => k.availability !== "SOURCE_AVAILABILITY_NOT_FETCHED");
  const [kind, setKind] = useState<Schemas["SourceKind"] | "">("");
  const [identifier, setIdentifier] = useState("");
  const [baseUrl, setBaseUrl] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const info = fetched.find((k) => k.kind === kind);

  const trigger = async (sources: Schemas["ScrapeSource"][]) => {
    setBusy(true);
    setError(undefined);
    try {
      await data(api.POST("/api/scrape/trigger", { body: { sources } }));
      props.onStarted();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="trigger-title">
      <h2 id="trigger-title">Scrape now</h2>
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          if (kind) void trigger([{ kind, identifier: identifier.trim(), base_url: baseUrl.trim() }]);
        }}
      >
        <div class="field">
          <label for="t-kind">Kind of source</label>
          <select id="t-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as Schemas["SourceKind"])}>
            <option value="">Choose…</option>
            {fetched.map((k) => (
              <option key={k.kind} value={k.kind}>
                {sourceKind(k.kind)}
              </option>
            ))}
          </select>
          {info && <p class="muted small">{info.reads}</p>}
        </div>
        <div class="field">
          <label for="t-identifier">{info?.identifier_label ? `Identifier: ${info.identifier_label}` : "Identifier"}</label>
          <input id="t-identifier" value={identifier} onInput={(e) => setIdentifier(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="t-base">API address instead of the public one (optional)</label>
          <input id="t-base" type="url" value={baseUrl} onInput={(e) => setBaseUrl(e.currentTarget.value)} />
        </div>
        <div class="row">
          <button type="submit" class="primary" disabled={busy || !kind}>
            Scrape this source
          </button>
          <button type="button" disabled={busy} onClick={() => void trigger([])}>
            Scrape every configured source
          </button>
        </div>
        {error !== undefined && <ErrorNote error={error} />}
      </form>
    </section>
  );
}

export function AdminPage(props: { admin: boolean }) {
  const sources = useAsync(() => data(api.GET("/api/scrape/sources")), []);
  const runs = useRuns();
  return (
    <Page title="Scraping" wide>
      {!props.admin && <p class="note">Only admins can start a scrape; you can follow the runs here.</p>}
      <p class="actions">
        <a href="/jobs">Browse the jobs</a>
      </p>
      <div class="columns">
        <div>
          {props.admin && sources.value && <TriggerForm kinds={sources.value.kinds} onStarted={runs.refresh} />}
          <section aria-labelledby="runs-title">
            <h2 id="runs-title">Recent runs</h2>
            <div aria-live="polite">
              {runs.error !== undefined && <ErrorNote error={runs.error} />}
              {!runs.runs && runs.error === undefined && <Loading what="the runs" />}
              {runs.runs && runs.runs.length === 0 && <p>No scrape has run yet.</p>}
              <ol class="cards">
                {(runs.runs ?? []).map((r) => (
                  <Run key={r.run_id} run={r} />
                ))}
              </ol>
            </div>
          </section>
        </div>
        <section aria-labelledby="sources-title">
          <h2 id="sources-title">Configured sources</h2>
          {sources.error !== undefined && <ErrorNote error={sources.error} />}
          {sources.value && sources.value.sources.length === 0 && (
            <p class="muted">
              None: set <code>SKILLGAP_SCRAPE_SOURCES</code> to scrape sources on a schedule.
            </p>
          )}
          <ul class="plain">
            {(sources.value?.sources ?? []).map((s, i) => (
              <li key={i}>
                <strong>{sourceKind(s.kind)}</strong> {s.identifier}{" "}
                <span class="muted">{s.interval_minutes ? `every ${s.interval_minutes} min` : "by hand only"}</span>
              </li>
            ))}
          </ul>
          <h2>Kinds of source</h2>
          <ul class="plain kinds">
            {(sources.value?.kinds ?? []).map((k) => (
              <li key={k.kind}>
                <strong>{sourceKind(k.kind)}</strong>
                {k.availability === "SOURCE_AVAILABILITY_NOT_FETCHED" && <span class="status"> not fetched</span>}
                <div class="muted small">{k.notice || k.reads}</div>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </Page>
  );
}
