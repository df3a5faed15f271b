import { Page } from "../components";

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>
        There is no such page. Go to <a href="/">your resumes</a> or <a href="/jobs">browse the jobs</a>.
      </p>
    </Page>
  );
}
