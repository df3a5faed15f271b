// What SkillGap read from a resume: titles, dated experience, total years, seniority, and every skill with
// the lines that show it.
import { api, data, type Schemas } from "../api/client";
import { ErrorNote, Loading, Page, useAsync } from "../components";
import { category, seniority, skillKind, yearMonth, years, yearsSource } from "../format";
import { chooseResume } from "../memory";

function Experience(props: { entries: Schemas["ExperienceEntry"][] }) {
  if (props.entries.length === 0) return <p class="muted">No dated jobs were found.</p>;
  return (
    <ol class="timeline">
      {props.entries.map((e, i) => (
        <li key={i}>
          <h3>
            {e.title || "Untitled role"}
            {e.company && <span class="muted"> · {e.company}</span>}
          </h3>
          <p class="muted">
            {yearMonth(e.start)} – {e.current ? "present" : yearMonth(e.end)}
            {e.years !== undefined && ` (${years(e.years)})`}
            {e.location && ` · ${e.location}`}
          </p>
          {(e.lines ?? []).length > 0 && (
            <details>
              <summary>{e.lines?.length} lines under this job</summary>
              <ul class="lines">
                {(e.lines ?? []).map((line, j) => (
                  <li key={j}>{line}</li>
                ))}
              </ul>
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}

function Skills(props: { skills: Schemas["ExtractedSkill"][] }) {
  if (props.skills.length === 0) return <p class="muted">No skills were found.</p>;
  return (
    <ul class="skills">
      {props.skills.map((s, i) => {
        const [first, ...rest] = s.evidence ?? [];
        return (
          <li key={s.skill?.skill_id || i}>
            <p class="skill-head">
              <strong>{s.skill?.name}</strong>
              <span class="muted">
                {" "}
                {[skillKind(s.skill?.kind) || category(s.skill?.category), years(s.years)].filter(Boolean).join(" · ")}
              </span>
            </p>
            {first && <blockquote>{first.text}</blockquote>}
            {rest.length > 0 && (
              <details>
                <summary>
                  {rest.length} more {rest.length === 1 ? "line" : "lines"}
                </summary>
                {rest.map((ev, j) => (
                  <blockquote key={j}>{ev.text}</blockquote>
                ))}
              </details>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function ProfilePage(props: { resumeId: string }) {
  const resume = useAsync(async () => {
    const got = await data(api.GET("/api/resume/{resume_id}", { params: { path: { resume_id: props.resumeId } } }));
    chooseResume(props.resumeId);
    return got.resume;
  }, [props.resumeId]);
  const again = new URLSearchParams(window.location.search).get("again") === "1";
  const r = resume.value;
  const p = r?.profile;
  return (
    <Page title={r ? `What SkillGap read: ${r.filename || "your resume"}` : "Your resume"} wide>
      {resume.loading && !r && <Loading what="your resume" />}
      {resume.error !== undefined && <ErrorNote error={resume.error} />}
      {again && <p class="note">You had uploaded this file before: this is the resume stored then.</p>}
      {r && p && (
        <>
          <p class="actions">
            <a class="button primary" href={`/resumes/${r.resume_id}/matches`}>
              See matching jobs
            </a>
            <a class="button" href={`/resumes/${r.resume_id}/gaps`}>
              What to learn next
            </a>
          </p>
          <dl class="facts">
            <div>
              <dt>Recent titles</dt>
              <dd>{(p.recent_titles ?? []).join(", ") || "none found"}</dd>
            </div>
            <div>
              <dt>Experience</dt>
              <dd>
                {p.total_years_experience !== undefined ? years(p.total_years_experience) : "unknown"}{" "}
                <span class="muted">{yearsSource(p.years_source)}</span>
              </dd>
            </div>
            <div>
              <dt>Seniority</dt>
              <dd>
                {seniority(p.seniority?.level) || "unknown"}{" "}
                {p.seniority?.reason && <span class="muted">— {p.seniority.reason}</span>}
              </dd>
            </div>
            {p.occupation && (
              <div>
                <dt>Occupation</dt>
                <dd>{p.occupation.title}</dd>
              </div>
            )}
          </dl>
          <div class="columns">
            <section aria-labelledby="experience-title">
              <h2 id="experience-title">Experience</h2>
              <Experience entries={p.experience ?? []} />
              {(p.education ?? []).length > 0 && (
                <>
                  <h2>Education</h2>
                  <ul class="plain">
                    {(p.education ?? []).map((e, i) => (
                      <li key={i}>
                        {[e.degree, e.field, e.institution].filter(Boolean).join(", ")}
                        {e.year ? ` (${e.year})` : ""}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {(p.certifications ?? []).length > 0 && (
                <>
                  <h2>Certifications</h2>
                  <ul class="plain">
                    {(p.certifications ?? []).map((c, i) => (
                      <li key={i}>
                        {c.name}
                        {c.year ? ` (${c.year})` : ""}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </section>
            <section aria-labelledby="skills-title">
              <h2 id="skills-title">
                Skills <span class="muted">({(p.skills ?? []).length}, with the lines that show them)</span>
              </h2>
              <Skills skills={p.skills ?? []} />
            </section>
          </div>
        </>
      )}
      {r && !p && <p>SkillGap has not read this resume yet; reload in a moment.</p>}
    </Page>
  );
}
