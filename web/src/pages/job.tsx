// One job: the posting (as text: whatever HTML it came with never runs here), the skills it asks for, and the
// gap analysis for the chosen resume, with questions about it and a mock interview for it.
import { api, data, type Schemas } from "../api/client";
import { ExternalLink, ErrorNote, Loading, Page, Resources, Score, ScoreBreakdown, useAsync } from "../components";
import { category, date, employment, gapStatus, gapTone, locations, salary, seniority, sourceKind, workplace, years } from "../format";
import { chooseResume, chosenResume } from "../memory";
import { navigate } from "../router";
import { AskBox } from "./ask";
import { StartInterview } from "./interview";

function RequiredSkills(props: { title: string; skills: Schemas["ExtractedSkill"][] }) {
  if (props.skills.length === 0) return null;
  return (
    <>
      <h3>{props.title}</h3>
      <ul class="chips">
        {props.skills.map((s, i) => (
          <li class="chip" key={i}>
            {s.skill?.name}
            {s.years !== undefined && <span class="chip-note"> {years(s.years)}</span>}
          </li>
        ))}
      </ul>
    </>
  );
}

function JobSkills(props: { skills: Schemas["JobSkills"] | undefined }) {
  const s = props.skills;
  if (!s) return <p class="muted">The skills of this job have not been read yet.</p>;
  return (
    <section aria-labelledby="skills-title">
      <h2 id="skills-title">What the job asks for</h2>
      <dl class="facts">
        <div>
          <dt>Seniority</dt>
          <dd>
            {seniority(s.seniority?.level) || "not stated"}{" "}
            {s.seniority?.reason && <span class="muted">— {s.seniority.reason}</span>}
          </dd>
        </div>
        {s.min_years_experience !== undefined && (
          <div>
            <dt>Experience</dt>
            <dd>at least {years(s.min_years_experience)}</dd>
          </div>
        )}
      </dl>
      <RequiredSkills title="Required" skills={s.required_skills} />
      <RequiredSkills title="Nice to have" skills={s.nice_to_have_skills} />
      {s.tech_stack.length > 0 && (
        <>
          <h3>Stack</h3>
          <dl class="stack">
            {s.tech_stack.map((g, i) => (
              <div key={i}>
                <dt>{category(g.category) || "Other"}</dt>
                <dd>{(g.skills ?? []).map((k) => k.name).join(", ")}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}


function GapItems(props: { items: Schemas["GapItem"][] }) {
  return (
    <ol class="gaps">
      {props.items.map((item, i) => {
        const covered = item.status === "GAP_STATUS_COVERED";
        return (
          <li class={`gap gap-${gapTone(item.status) || "plain"}`} key={i}>
            <h3>
              {!covered && item.priority > 0 && <span class="priority">#{item.priority}</span>} {item.skill?.name}{" "}
              <span class={`status status-${gapTone(item.status) || "plain"}`}>{gapStatus(item.status)}</span>{" "}
              <span class="muted">{item.level === "REQUIREMENT_LEVEL_NICE_TO_HAVE" ? "nice to have" : "required"}</span>
            </h3>
            {item.summary && <p>{item.summary}</p>}
            {item.resume_evidence.length > 0 && (
              <details>
                <summary>Where your resume shows it</summary>
                {item.resume_evidence.map((e, j) => (
                  <blockquote key={j}>{e.text}</blockquote>
                ))}
              </details>
            )}
            {item.actions.length > 0 && (
              <>
                <h4>What to do</h4>
                <ul>
                  {item.actions.map((a, j) => (
                    <li key={j}>{a.description}</li>
                  ))}
                </ul>
              </>
            )}
            {item.resources.length > 0 && (
              <>
                <h4>Where to learn it</h4>
                <Resources resources={item.resources} />
              </>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function GapAnalysis(props: { gaps: Schemas["GapAnalysis"] }) {
  const g = props.gaps;
  const counts = (c: Schemas["SkillCounts"] | undefined) =>
    c && c.total > 0 ? `${c.covered} of ${c.total}` : "none asked";
  return (
    <section aria-labelledby="gaps-title">
      <h2 id="gaps-title">Your gaps for this job</h2>
      {g.match && (
        <div class="match-head">
          <ScoreBreakdown breakdown={g.match.breakdown} />
          <Score score={g.match.score} />
        </div>
      )}
      <p>{g.summary}</p>
      <p class="muted">
        Required skills you show: {counts(g.required)} · nice to have: {counts(g.nice_to_have)}
      </p>
      <GapItems items={g.items} />
      {g.soft_skills.length > 0 && (
        <>
          <h3>Soft skills and languages it mentions (not scored)</h3>
          <ul class="chips">
            {g.soft_skills.map((s, i) => (
              <li class="chip" key={i}>
                {s.skill?.name} <span class="chip-note">{gapStatus(s.status)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ResumeChooser(props: { jobId: string; resumeId: string | null }) {
  const resumes = useAsync(() => data(api.GET("/api/resume", { params: { query: { page_size: 100 } } })), []);
  const list = resumes.value?.resumes ?? [];
  if (resumes.error !== undefined) return <ErrorNote error={resumes.error} />;
  if (resumes.value && list.length === 0) {
    return (
      <p class="note">
        <a href="/upload">Upload your resume</a> to see what you are missing for this job.
      </p>
    );
  }
  return (
    <div class="field inline-field">
      <label for="resume-choice">Gap analysis for</label>
      <select
        id="resume-choice"
        value={props.resumeId ?? ""}
        onChange={(e) => {
          const chosen = e.currentTarget.value;
          if (chosen) chooseResume(chosen);
          navigate(`/jobs/${props.jobId}${chosen ? `?resume=${encodeURIComponent(chosen)}` : ""}`, { replace: true });
        }}
      >
        <option value="">(no resume)</option>
        {list.map((r) => (
          <option key={r.resume_id} value={r.resume_id}>
            {r.filename || r.resume_id}
          </option>
        ))}
      </select>
    </div>
  );
}

export function JobPage(props: { jobId: string; resumeId: string | null }) {
  const resumeId = props.resumeId ?? chosenResume();
  const got = useAsync(
    () =>
      data(
        api.GET("/api/jobs/{job_id}", {
          params: { path: { job_id: props.jobId }, query: resumeId ? { resume_id: resumeId } : {} },
        }),
      ),
    [props.jobId, resumeId],
  );
  const job = got.value?.job;
  return (
    <Page title={job ? job.title : "Job"} wide>
      {got.loading && !job && <Loading what="the job" />}
      {got.error !== undefined && <ErrorNote error={got.error} />}
      {job && (
        <>
          <p class="lead">
            {[job.company, locations(job.locations), workplace(job.workplace_type), employment(job.employment_type)]
              .filter(Boolean)
              .join(" · ")}
          </p>
          <p class="muted">
            {[
              salary(job.salary),
              job.post_time ? `posted ${date(job.post_time)}` : "",
              `from ${sourceKind(job.source?.kind) || "a source"}`,
              job.state === "JOB_STATE_CLOSED" ? `closed ${date(job.close_time)}` : "",
            ]
              .filter(Boolean)
              .join(" · ")}{" "}
            · <ExternalLink href={job.url}>The posting at its source</ExternalLink>
          </p>
          <ResumeChooser jobId={job.job_id} resumeId={resumeId} />
          <div class="columns">
            <div>
              {got.value?.gap_analysis && <GapAnalysis gaps={got.value.gap_analysis} />}
              {resumeId && (
                <>
                  <AskBox jobId={job.job_id} resumeId={resumeId} />
                  <StartInterview jobId={job.job_id} jobTitle={job.title} resumeId={resumeId} />
                </>
              )}
            </div>
            <div>
              <JobSkills skills={job.skills} />
              <section aria-labelledby="posting-title">
                <h2 id="posting-title">The posting</h2>
                <div class="posting">{job.description}</div>
              </section>
            </div>
          </div>
        </>
      )}
    </Page>
  );
}
