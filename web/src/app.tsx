// The shell: header, navigation and the page for the current path.
import { useEffect, useState } from "preact/hooks";
import { currentSession, isAdmin, onSessionChange, signOut, type Session } from "./auth";
import { match, navigate, onLinkClick, useLocation } from "./router";
import { AdminPage } from "./pages/admin";
import { AlertsPage } from "./pages/alerts";
import { BrowseJobsPage } from "./pages/browse";
import { GapSummaryPage } from "./pages/gaps";
import { HomePage } from "./pages/home";
import { InterviewPage } from "./pages/interview";
import { JobPage } from "./pages/job";
import { MatchesPage } from "./pages/matches";
import { NotFoundPage } from "./pages/not-found";
import { ProfilePage } from "./pages/profile";
import { SavedSearchesPage } from "./pages/saved-searches";
import { SignInPage } from "./pages/sign-in";
import { UploadPage } from "./pages/upload";

function useSession(): Session | null {
  const [session, setSession] = useState(currentSession);
  useEffect(() => onSessionChange(() => setSession(currentSession())), []);
  return session;
}

function Routes(props: { path: string; query: URLSearchParams; session: Session }) {
  const { path, query } = props;
  let m: Record<string, string> | null;
  if (match("/", path)) return <HomePage />;
  if (match("/upload", path)) return <UploadPage />;
  if ((m = match("/resumes/:resume", path))) return <ProfilePage resumeId={m.resume ?? ""} />;
  if ((m = match("/resumes/:resume/matches", path))) return <MatchesPage resumeId={m.resume ?? ""} />;
  if ((m = match("/resumes/:resume/gaps", path))) return <GapSummaryPage resumeId={m.resume ?? ""} />;
  if (match("/jobs", path)) return <BrowseJobsPage query={query} />;
  if ((m = match("/jobs/:job", path))) return <JobPage jobId={m.job ?? ""} resumeId={query.get("resume")} />;
  if ((m = match("/interviews/:interview", path))) return <InterviewPage interviewId={m.interview ?? ""} />;
  if (match("/saved-searches", path)) return <SavedSearchesPage />;
  if (match("/alerts", path)) return <AlertsPage />;
  if (match("/admin", path)) return <AdminPage admin={isAdmin(props.session)} />;
  return <NotFoundPage />;
}

export function App() {
  const session = useSession();
  const { path, query } = useLocation();

  // Signed out (or the token expired): the sign-in page, which comes back here afterwards.
  useEffect(() => {
    if (!session && path !== "/sign-in") {
      navigate(`/sign-in?next=${encodeURIComponent(path + window.location.search)}`, { replace: true });
    }
  }, [session, path]);

  // A new page: move focus to its heading, as a full page load would for a screen reader.
  useEffect(() => {
    document.getElementById("page-title")?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [path]);

  return (
    <div class="shell" onClick={onLinkClick}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="/">
          SkillGap
        </a>
        {session && (
          <nav aria-label="Main">
            <ul>
              <li>
                <a href="/" aria-current={path === "/" ? "page" : undefined}>
                  Your resumes
                </a>
              </li>
              <li>
                <a href="/jobs" aria-current={path === "/jobs" ? "page" : undefined}>
                  Browse jobs
                </a>
              </li>
              <li>
                <a href="/saved-searches" aria-current={path === "/saved-searches" ? "page" : undefined}>
                  Saved searches
                </a>
              </li>
              <li>
                <a href="/alerts" aria-current={path === "/alerts" ? "page" : undefined}>
                  Alerts
                </a>
              </li>
              {isAdmin(session) && (
                <li>
                  <a href="/admin" aria-current={path === "/admin" ? "page" : undefined}>
                    Scraping
                  </a>
                </li>
              )}
              <li>
                <button type="button" class="link" onClick={() => signOut()}>
                  Sign out <span class="muted">({session.userId})</span>
                </button>
              </li>
            </ul>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {path === "/sign-in" ? (
          <SignInPage next={query.get("next")} />
        ) : session ? (
          <Routes path={path} query={query} session={session} />
        ) : null}
      </main>
    </div>
  );
}
