// Signing in. On the embedded default one click signs in as the development user `skillgap up` made; a
// deployment with an identity provider asks for the token it issued.
import { useEffect, useState } from "preact/hooks";
import { fetchDevToken, sessionOf, signIn } from "../auth";
import { Page } from "../components";
import { navigate } from "../router";

function safeNext(next: string | null): string {
  // Only a path of this app: never another site.
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function SignInPage(props: { next: string | null }) {
  const [devToken, setDevToken] = useState<string | null | undefined>(undefined);
  const [pasted, setPasted] = useState("");
  const [problem, setProblem] = useState("");

  useEffect(() => {
    void fetchDevToken().then(setDevToken);
  }, []);
  useEffect(() => {
    // The page can be used from here on: the browser's own timing of it, for measurements (User Timing).
    if (devToken !== undefined) performance.mark("skillgap:sign-in-usable");
  }, [devToken]);

  const enter = (token: string) => {
    const session = sessionOf(token);
    if (!session) {
      setProblem("This is not a valid, unexpired token: it should be three base64 parts separated by dots.");
      return;
    }
    signIn(session);
    navigate(safeNext(props.next), { replace: true });
  };

  const devSession = devToken ? sessionOf(devToken) : null;
  return (
    <Page title="Sign in">
      <p class="lead">
        SkillGap reads your resume, finds the open jobs that fit it, shows what you are missing for each and lets
        you practise the interview.
      </p>
      {devToken === undefined && <p role="status">Checking how this SkillGap signs people in…</p>}
      {devSession && (
        <div class="card">
          <p>
            This SkillGap runs on its development default, so there is nothing to set up: you are{" "}
            <strong>{devSession.userId}</strong>
            {devSession.roles.includes("admin") ? ", an admin" : ""}.
          </p>
          <button type="button" class="primary" onClick={() => enter(devSession.token)}>
            Continue as {devSession.userId}
          </button>
        </div>
      )}
      {devToken !== undefined && (
        <details class="card" open={!devSession}>
          <summary>{devSession ? "Sign in with another token" : "Sign in with your token"}</summary>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              enter(pasted);
            }}
          >
            <p class="muted">
              Paste the access token your identity provider issued for SkillGap (on a development server,{" "}
              <code>skillgap token --user NAME</code> prints one).
            </p>
            <label for="token">Access token</label>
            <textarea
              id="token"
              rows={4}
              spellcheck={false}
              autocomplete="off"
              value={pasted}
              onInput={(e) => setPasted(e.currentTarget.value)}
              aria-describedby={problem ? "token-problem" : undefined}
            />
            {problem && (
              <p id="token-problem" class="error" role="alert">
                {problem}
              </p>
            )}
            <button type="submit">Sign in</button>
          </form>
        </details>
      )}
    </Page>
  );
}
