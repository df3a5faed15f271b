// "Learn these next": the missing skills that would unlock the most of a resume's top matches, in the order
// to learn them, each bar as long as the jobs it unlocks, each linking to those jobs.
import { useState } from "preact/hooks";
import { api, data, type Schemas } from "../api/client";
import { Bar, ErrorNote, Loading, Page, Resources, useAsync } from "../components";
import { FilterForm, filterQuery, type JobFilter } from "../filters";

function SkillToLearn(props: { skill: Schemas["SkillToLearn"]; most: number; resumeId: string; first: boolean }) {
  const s = props.skill;
  const jobs = s.required_by_jobs + s.nice_to_have_for_jobs;
  const label = `${s.skill?.name}: required by ${s.required_by_jobs} and wanted by ${s.nice_to_have_for_jobs} of your top matches`;
  return (
    <li class={props.first ? "learn learn-top" : "learn"}>
      <h2>
        <span class="rank">{s.rank}</span> {s.skill?.name}
      </h2>
      <Bar fraction={props.most ? jobs / props.most : 0} tone={props.first ? "good" : "plain"} label={label} />
      <p>
        Required by <strong>{s.required_by_jobs}</strong>, nice to have for <strong>{s.nice_to_have_for_jobs}</strong>{" "}
        of your top matches. <span class="muted">{s.reason}</span>
      </p>
      {s.jobs.length > 0 && (
        <details open={props.first}>
          <summary>The {s.jobs.length} jobs it unlocks</summary>
          <ul class="plain">
            {s.jobs.map((j) => (
              <li key={j.job_id}>
                <a href={`/jobs/${j.job_id}?resume=${encodeURIComponent(props.resumeId)}`}>{j.title}</a>
                {j.company && <span class="muted"> · {j.company}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
      <Resources resources={s.resources} />
    </li>
  );
}

export function GapSummaryPage(props: { resumeId: string }) {
  const [filter, setFilter] = useState<JobFilter>({});
  const summary = useAsync(
    () =>
      data(
        api.GET("/api/resume/{resume_id}/gaps", {
          params: {
            path: { resume_id: props.resumeId },
            query: { top_matches: 20, ...filterQuery(filter) },
          },
        }),
      ),
    [props.resumeId, JSON.stringify(filter)],
  );
  const skills = summary.value?.skills ?? [];
  const most = Math.max(0, ...skills.map((s) => s.required_by_jobs + s.nice_to_have_for_jobs));
  return (
    <Page title="Learn these next" wide>
      <p class="actions">
        <a href={`/resumes/${props.resumeId}/matches`}>Matching jobs</a>
        <a href={`/resumes/${props.resumeId}`}>What SkillGap read</a>
      </p>
      <FilterForm initial={filter} busy={summary.loading} submitLabel="Update" onSubmit={(f) => setFilter(f)} />
      <div aria-live="polite" aria-busy={summary.loading}>
        {summary.loading && <Loading what="what to learn" />}
        {summary.error !== undefined && <ErrorNote error={summary.error} />}
        {summary.value && (
          <>
            <p class="lead">
              From your {summary.value.matches_considered} best matches: the skills you are missing, the one that opens
              the most jobs first.
            </p>
            {summary.value.caveats.map((c, i) => (
              <p class="note" key={i}>
                {c}
              </p>
            ))}
            {skills.length === 0 && <p>Nothing to learn for these matches: your resume shows what they ask for.</p>}
            <ol class="learn-list">
              {skills.map((s, i) => (
                <SkillToLearn key={s.skill?.skill_id || i} skill={s} most={most} resumeId={props.resumeId} first={i < 3} />
              ))}
            </ol>
            {summary.value.soft_skills.length > 0 && (
              <section>
                <h2>Soft skills and languages they mention</h2>
                <ul class="chips">
                  {summary.value.soft_skills.map((s, i) => (
                    <li class="chip" key={i}>
                      {s.skill?.name}{" "}
                      <span class="chip-note">{s.required_by_jobs + s.nice_to_have_for_jobs} jobs</span>
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </>
        )}
      </div>
    </Page>
  );
}
