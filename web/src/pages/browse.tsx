// Every job, newest first (ListJobs), with SearchJobs' filters; `?run=<id>` lists the jobs a scrape run stored.
import { useState } from "preact/hooks";
import { api, data } from "../api/client";
import { ErrorNote, Loading, Page, Pager, useAsync, usePaging } from "../components";
import { FilterForm, filterQuery, type JobFilter } from "../filters";
import { date, locations, seniority, sourceKind, workplace } from "../format";
import { chosenResume } from "../memory";

export function BrowseJobsPage(props: { query: URLSearchParams }) {
  const runId = props.query.get("run") ?? "";
  const [filter, setFilter] = useState<JobFilter>({});
  const paging = usePaging();
  const resume = chosenResume();
  const jobs = useAsync(
    () =>
      data(
        api.GET("/api/jobs", {
          params: {
            query: { ...filterQuery(filter), ...(runId ? { run_id: runId } : {}), page_size: 20, page_token: paging.token },
          },
        }),
      ),
    [JSON.stringify(filter), runId, paging.token],
  );
  const list = jobs.value?.jobs ?? [];
  return (
    <Page title={runId ? "Jobs this scrape run stored" : "Browse jobs"} wide>
      <FilterForm
        initial={filter}
        busy={jobs.loading}
        submitLabel="Show jobs"
        onSubmit={(f) => {
          setFilter(f);
          paging.reset();
        }}
      />
      <div aria-live="polite" aria-busy={jobs.loading}>
        {jobs.loading && <Loading what="jobs" />}
        {jobs.error !== undefined && <ErrorNote error={jobs.error} />}
        {jobs.value && list.length === 0 && <p>No jobs here yet. An admin can scrape some on the Scraping page.</p>}
        {list.length > 0 && (
          <table class="jobs">
            <caption class="visually-hidden">Jobs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">Where</th>
                <th scope="col">Level</th>
                <th scope="col">Posted</th>
              </tr>
            </thead>
            <tbody>
              {list.map((j) => (
                <tr key={j.job_id} class={j.state === "JOB_STATE_CLOSED" ? "closed" : undefined}>
                  <td>
                    <a href={`/jobs/${j.job_id}${resume ? `?resume=${encodeURIComponent(resume)}` : ""}`}>{j.title}</a>
                    <div class="muted">
                      {j.company} · {sourceKind(j.source?.kind)}
                      {j.state === "JOB_STATE_CLOSED" ? " · closed" : ""}
                    </div>
                  </td>
                  <td>{[locations(j.locations), workplace(j.workplace_type)].filter(Boolean).join(" · ")}</td>
                  <td>{seniority(j.seniority)}</td>
                  <td>{date(j.post_time)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {jobs.value && (
          <Pager
            page={paging.page}
            nextToken={jobs.value.next_page_token}
            onNext={() => paging.next(jobs.value?.next_page_token ?? "")}
            onPrevious={paging.previous}
          />
        )}
      </div>
    </Page>
  );
}
