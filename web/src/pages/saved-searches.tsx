// Saved searches: what a user looks for ("python backend", in Berlin or remote), kept and run now or on a
// schedule; each run asks the job boards and stores what matches, to browse with the rest.
import { useEffect, useState } from "preact/hooks";
import { api, data, type Schemas } from "../api/client";
import { ErrorNote, Loading, Page, useAsync } from "../components";
import { dateTime, scrapeState, sourceKind } from "../format";

const ACTIVE = new Set(["SCRAPE_STATE_QUEUED", "SCRAPE_STATE_RUNNING"]);
const POLL_MS = 1500;

function terms(text: string): string[] {
  return text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
}

function NewSearch(props: { kinds: Schemas["SourceKindInfo"][]; onSaved: () => void }) {
  const [name, setName] = useState("");
  const [keywords, setKeywords] = useState("");
  const [places, setPlaces] = useState("");
  const [remoteOnly, setRemoteOnly] = useState(false);
  const [daily, setDaily] = useState(false);
  const [kinds, setKinds] = useState<Schemas["SourceKind"][]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const searchable = props.kinds.filter((k) => k.searchable && k.availability !== "SOURCE_AVAILABILITY_NOT_FETCHED");

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const search: Schemas["SearchDefinition"] = {
        display_name: name.trim(),
        keywords: terms(keywords),
        locations: terms(places),
        remote_only: remoteOnly,
        sources: kinds.map((kind) => ({ kind })),
        interval_minutes: daily ? 1440 : 0,
      };
      await data(api.POST("/api/saved-searches", { body: search }));
      setName("");
      setKeywords("");
      setPlaces("");
      props.onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="card"
      aria-labelledby="new-search-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id="new-search-title">Save a search</h2>
      <div class="field">
        <label for="s-name">Name (optional)</label>
        <input id="s-name" value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="s-keywords">Words every job has (comma-separated)</label>
        <input id="s-keywords" value={keywords} placeholder="python, backend" onInput={(e) => setKeywords(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="s-places">Places, any of them (comma-separated; empty: anywhere)</label>
        <input id="s-places" value={places} placeholder="Berlin, Remote" onInput={(e) => setPlaces(e.currentTarget.value)} />
      </div>
      <label class="inline">
        <input type="checkbox" checked={remoteOnly} onChange={(e) => setRemoteOnly(e.currentTarget.checked)} /> Remote
        jobs only
      </label>
      <label class="inline">
        <input type="checkbox" checked={daily} onChange={(e) => setDaily(e.currentTarget.checked)} /> Run it every day
      </label>
      <fieldset class="checks">
        <legend>Ask these boards (none chosen: every board this server searches)</legend>
        {searchable.map((k) => (
          <label key={k.kind}>
            <input
              type="checkbox"
              checked={kinds.includes(k.kind)}
              onChange={(e) =>
                setKinds(e.currentTarget.checked ? [...kinds, k.kind] : kinds.filter((c) => c !== k.kind))
              }
            />{" "}
            {sourceKind(k.kind)}
          </label>
        ))}
      </fieldset>
      <button type="submit" class="primary" disabled={busy}>
        Save the search
      </button>
      {error !== undefined && <ErrorNote error={error} />}
    </form>
  );
}

function SavedSearchCard(props: { search: Schemas["SavedSearch"]; onChanged: () => void }) {
  const s = props.search;
  const d = s.search;
  const [error, setError] = useState<unknown>(undefined);
  const run = s.last_run;
  const act = async (call: Promise<unknown>) => {
    setError(undefined);
    try {
      await call;
      props.onChanged();
    } catch (e) {
      setError(e);
    }
  };
  const path = { params: { path: { saved_search_id: s.saved_search_id } } };
  return (
    <li class="card">
      <h2>{d?.display_name || "Saved search"}</h2>
      <p class="muted">
        {[
          d?.keywords?.length ? `words: ${d.keywords.join(", ")}` : "",
          d?.locations?.length ? `in: ${d.locations.join(", ")}` : "anywhere",
          d?.remote_only ? "remote only" : "",
          d?.sources?.length ? `boards: ${d.sources.map((x) => sourceKind(x.kind)).join(", ")}` : "every board",
          d?.interval_minutes ? `next run ${dateTime(s.next_run_time)}` : "runs when asked",
        ]
          .filter(Boolean)
          .join(" · ")}
      </p>
      {run && (
        <p>
          Last run: <span class="status">{scrapeState(run.state)}</span> {dateTime(run.create_time)} ·{" "}
          {run.totals?.created ?? 0} new ·{" "}
          <a href={`/jobs?run=${encodeURIComponent(run.run_id)}`}>the jobs it stored</a>
        </p>
      )}
      {run?.sources
        .filter((x) => x.error_message)
        .map((x, i) => (
          <p class="error" key={i}>
            {sourceKind(x.source?.kind)}: {x.error_message}
          </p>
        ))}
      <p class="row">
        <button
          type="button"
          disabled={run !== undefined && ACTIVE.has(run.state)}
          onClick={() => void act(data(api.POST("/api/saved-searches/{saved_search_id}/run", { ...path, body: {} })))}
        >
          Run it now
        </button>
        <button type="button" onClick={() => void act(data(api.DELETE("/api/saved-searches/{saved_search_id}", path)))}>
          Delete
        </button>
      </p>
      {error !== undefined && <ErrorNote error={error} />}
    </li>
  );
}

export function SavedSearchesPage() {
  const kinds = useAsync(() => data(api.GET("/api/scrape/sources")), []);
  const searches = useAsync(() => data(api.GET("/api/saved-searches", { params: { query: { page_size: 50 } } })), []);
  const list = searches.value?.saved_searches ?? [];
  const running = list.some((s) => s.last_run && ACTIVE.has(s.last_run.state));
  useEffect(() => {
    if (!running) return;
    const timer = window.setTimeout(searches.reload, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [running, searches.value]);
  const quota = searches.value?.quota;
  return (
    <Page title="Saved searches" wide>
      <p class="lead">Keep what you look for; SkillGap asks the job boards for it now or every day.</p>
      {quota && (
        <p class="muted">
          {list.length} of {quota.max_saved_searches} searches · {quota.runs_left} of {quota.runs_per_hour} runs left this
          hour · at most {quota.postings_per_run} jobs a run
        </p>
      )}
      <div class="columns">
        <div aria-live="polite">
          {searches.loading && !searches.value && <Loading what="your searches" />}
          {searches.error !== undefined && <ErrorNote error={searches.error} />}
          {searches.value && list.length === 0 && <p>No saved search yet.</p>}
          <ul class="cards">
            {list.map((s) => (
              <SavedSearchCard key={s.saved_search_id} search={s} onChanged={searches.reload} />
            ))}
          </ul>
        </div>
        {kinds.value && <NewSearch kinds={kinds.value.kinds} onSaved={searches.reload} />}
      </div>
    </Page>
  );
}
