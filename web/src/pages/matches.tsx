// The jobs that fit a resume, best first: SearchJobs with its filters, each score drawn part by part, the
// skills matched and missing, and paging.
import { useState } from "preact/hooks";
import { api, data, type Schemas } from "../api/client";
import { ErrorNote, Loading, Page, Pager, Score, ScoreBreakdown, SkillChip, useAsync, usePaging } from "../components";
import { FilterForm, type JobFilter } from "../filters";
import { locations, seniority, workplace } from "../format";

function Match(props: { match: Schemas["JobMatch"]; resumeId: string }) {
  const m = props.match;
  const job = m.job;
  if (!job) return null;
  const href = `/jobs/${job.job_id}?resume=${encodeURIComponent(props.resumeId)}`;
  return (
    <li class="card match">
      <div class="match-head">
        <div>
          <h2>
            <a href={href}>{job.title}</a>
          </h2>
          <p class="muted">
            {[job.company, locations(job.locations), workplace(job.workplace_type), seniority(job.skills?.seniority?.level)]
              .filter(Boolean)
              .join(" · ")}
          </p>
        </div>
        <Score score={m.score} />
      </div>
      <ScoreBreakdown breakdown={m.breakdown} />
      {m.matched_skills.length > 0 && (
        <>
          <h3 class="small">You have</h3>
          <ul class="chips">
            {m.matched_skills.map((s, i) => (
              <SkillChip key={i} skill={s.skill} tone="have" note={s.via ? `(${s.via})` : undefined} />
            ))}
          </ul>
        </>
      )}
      {(m.missing_required_skills.length > 0 || m.missing_nice_to_have_skills.length > 0) && (
        <>
          <h3 class="small">You are missing</h3>
          <ul class="chips">
            {m.missing_required_skills.map((s, i) => (
              <SkillChip key={`r${i}`} skill={s} tone="missing" note="required" />
            ))}
            {m.missing_nice_to_have_skills.map((s, i) => (
              <SkillChip key={`n${i}`} skill={s} tone="missing" note="nice to have" />
            ))}
          </ul>
        </>
      )}
      {m.caveats.length > 0 && (
        <ul class="caveats">
          {m.caveats.map((c, i) => (
            <li key={i}>{c}</li>
          ))}
        </ul>
      )}
      <p>
        <a href={href}>Open the job and its gaps</a>
      </p>
    </li>
  );
}

export function MatchesPage(props: { resumeId: string }) {
  const [filter, setFilter] = useState<JobFilter>({});
  const [query, setQuery] = useState("");
  const paging = usePaging();
  const result = useAsync(
    () =>
      data(
        api.POST("/api/jobs/search", {
          body: { resume_id: props.resumeId, query, filter, page_size: 10, page_token: paging.token },
        }),
      ),
    [props.resumeId, JSON.stringify(filter), query, paging.token],
  );
  const matches = result.value?.matches ?? [];
  return (
    <Page title="Jobs that fit your resume" wide>
      <p class="actions">
        <a href={`/resumes/${props.resumeId}`}>What SkillGap read from this resume</a>
        <a href={`/resumes/${props.resumeId}/gaps`}>What to learn next</a>
      </p>
      <FilterForm
        initial={filter}
        query={query}
        busy={result.loading}
        submitLabel="Show matches"
        onSubmit={(f, q) => {
          setFilter(f);
          setQuery(q);
          paging.reset();
        }}
      />
      <div aria-live="polite" aria-busy={result.loading}>
        {result.loading && <Loading what="matches" />}
        {result.error !== undefined && <ErrorNote error={result.error} />}
        {result.value && (
          <>
            {result.value.caveats.map((c, i) => (
              <p class="note" key={i}>
                {c}
              </p>
            ))}
            {matches.length === 0 ? (
              <p>No job matches these filters. Loosen them, or ask an admin to scrape more jobs.</p>
            ) : (
              <p class="muted">
                {matches.length} matches on this page, best first. Each bar is what a part of the score adds out of the
                most it could add.
              </p>
            )}
            <ol class="cards">
              {matches.map((m) => (
                <Match key={m.job?.job_id} match={m} resumeId={props.resumeId} />
              ))}
            </ol>
            <Pager
              page={paging.page}
              nextToken={result.value.next_page_token}
              onNext={() => paging.next(result.value?.next_page_token ?? "")}
              onPrevious={paging.previous}
            />
          </>
        )}
      </div>
    </Page>
  );
}
