// Your resumes, and the interviews you started in this browser.
import { api, data } from "../api/client";
import { ErrorNote, Loading, Page, useAsync } from "../components";
import { date } from "../format";
import { startedInterviews } from "../memory";
import { UploadForm } from "./upload";

export function HomePage() {
  const resumes = useAsync(() => data(api.GET("/api/resume", { params: { query: { page_size: 100 } } })), []);
  const interviews = startedInterviews();
  const list = resumes.value?.resumes ?? [];
  return (
    <Page title="Your resumes">
      {resumes.loading && !resumes.value && <Loading what="your resumes" />}
      {resumes.error !== undefined && <ErrorNote error={resumes.error} />}
      {resumes.value && list.length === 0 && (
        <>
          <p class="lead">Start with your resume: SkillGap reads it and matches it against the open jobs.</p>
          <UploadForm />
        </>
      )}
      {list.length > 0 && (
        <>
          <ul class="cards">
            {list.map((r) => (
              <li class="card" key={r.resume_id}>
                <h2>
                  <a href={`/resumes/${r.resume_id}`}>{r.filename || "Resume"}</a>
                </h2>
                <p class="muted">
                  Uploaded {date(r.create_time)} · {r.page_count ? `${r.page_count} pages` : "text"} ·{" "}
                  {r.text_length.toLocaleString()} characters
                </p>
                <p class="actions">
                  <a href={`/resumes/${r.resume_id}`}>What SkillGap read</a>
                  <a href={`/resumes/${r.resume_id}/matches`}>Matching jobs</a>
                  <a href={`/resumes/${r.resume_id}/gaps`}>What to learn next</a>
                </p>
              </li>
            ))}
          </ul>
          <p>
            <a class="button" href="/upload">
              Upload another resume
            </a>
          </p>
        </>
      )}
      {interviews.length > 0 && (
        <section aria-labelledby="interviews-title">
          <h2 id="interviews-title">Your interviews</h2>
          <ul class="plain">
            {interviews.map((i) => (
              <li key={i.interviewId}>
                <a href={`/interviews/${i.interviewId}`}>{i.jobTitle || "Interview"}</a>{" "}
                <span class="muted">started {date(i.startedAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Page>
  );
}
