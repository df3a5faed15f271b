// A mock interview in the browser. A browser cannot hold the bidirectional Converse stream, so the page uses
// the unary calls on the same saved session: StartInterview, SubmitAnswer after each answer, GetInterview to
// take it up again (another tab, another day, another device) and GetFeedback for the turns so far and the end.
import { useState } from "preact/hooks";
import { api, data, type Schemas } from "../api/client";
import { Bar, ErrorNote, Loading, Page, Resources, useAsync } from "../components";
import { difficulty, questionKind, readiness } from "../format";
import { rememberInterview } from "../memory";
import { navigate } from "../router";

const LENGTHS = [3, 6, 10];
const MAX_ANSWER = 8000;

export function StartInterview(props: { jobId: string; jobTitle: string; resumeId: string }) {
  const [busy, setBusy] = useState(false);
  const [count, setCount] = useState(6);
  const [error, setError] = useState<unknown>(undefined);
  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const started = await data(
        api.POST("/api/interview/start", {
          body: { job_id: props.jobId, resume_id: props.resumeId, options: { question_count: count } },
        }),
      );
      const id = started.interview?.interview_id ?? "";
      rememberInterview({
        interviewId: id,
        jobId: props.jobId,
        jobTitle: props.jobTitle,
        resumeId: props.resumeId,
        startedAt: new Date().toISOString(),
      });
      navigate(`/interviews/${id}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="practice-title">
      <h2 id="practice-title">Practise the interview</h2>
      <p class="muted">Questions aimed at what this job asks and your resume does not show yet, graded as you go.</p>
      <div class="row">
        <div class="field inline-field">
          <label for="question-count">Questions</label>
          <select id="question-count" value={count} onChange={(e) => setCount(Number(e.currentTarget.value))}>
            {LENGTHS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <button type="button" class="primary" disabled={busy} onClick={() => void start()}>
          Start a mock interview
        </button>
      </div>
      {error !== undefined && <ErrorNote error={error} />}
    </section>
  );
}

function Evaluation(props: { evaluation: Schemas["AnswerEvaluation"] | undefined }) {
  const e = props.evaluation;
  if (!e) return null;
  return (
    <div class="evaluation">
      <p>
        <strong>{e.score.toFixed(1)}/10</strong> — {e.rationale}
      </p>
      {e.points_covered.length > 0 && <p>You covered: {e.points_covered.join("; ")}.</p>}
      {e.points_missed.length > 0 && <p>You missed: {e.points_missed.join("; ")}.</p>}
    </div>
  );
}

function QuestionText(props: { question: Schemas["Question"] }) {
  const q = props.question;
  return (
    <>
      <p class="muted small">
        {[q.follow_up ? "Follow-up" : questionKind(q.kind), difficulty(q.difficulty), q.target?.skill?.name]
          .filter(Boolean)
          .join(" · ")}
      </p>
      <p class="question">{q.text}</p>
      {q.target?.reason && <p class="muted small">Why this question: {q.target.reason}</p>}
    </>
  );
}

function Turns(props: { turns: Schemas["QuestionFeedback"][] }) {
  if (props.turns.length === 0) return null;
  return (
    <section aria-labelledby="turns-title">
      <h2 id="turns-title">So far</h2>
      <ol class="turns">
        {props.turns.map((t, i) => (
          <li class="turn" key={t.question?.question_id ?? i}>
            {t.question && <QuestionText question={t.question} />}
            <p class="answer-given">
              <strong>Your answer:</strong> {t.answer}
            </p>
            <Evaluation evaluation={t.evaluation} />
          </li>
        ))}
      </ol>
    </section>
  );
}

async function downloadTranscript(interviewId: string): Promise<void> {
  const transcript = await data(
    api.GET("/api/interview/{interview_id}/transcript", { params: { path: { interview_id: interviewId } } }),
  );
  const url = URL.createObjectURL(new Blob([transcript.markdown], { type: "text/markdown" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = transcript.filename || "interview.md";
  link.click();
  URL.revokeObjectURL(url);
}

function Feedback(props: { feedback: Schemas["InterviewFeedback"]; interviewId: string }) {
  const f = props.feedback;
  return (
    <section aria-labelledby="feedback-title" class="feedback">
      <h2 id="feedback-title">Your feedback</h2>
      <p class="score">
        <span class="score-value">{f.overall_score.toFixed(1)}</span>
        <span class="score-max">/10 overall</span>
      </p>
      {f.verdict && <p class="lead">{f.verdict}</p>}
      {f.topics.length > 0 && (
        <>
          <h3>Topic by topic</h3>
          <ul class="topics">
            {f.topics.map((t, i) => (
              <li key={i}>
                <strong>{t.topic}</strong> — {readiness(t.readiness) || "not assessed"} ({t.score.toFixed(1)}/10)
                <Bar
                  fraction={t.score / 10}
                  tone={t.readiness === "READINESS_READY" ? "good" : t.readiness === "READINESS_NOT_YET" ? "warn" : "plain"}
                  label={`${t.topic}: ${t.score.toFixed(1)} out of 10`}
                />
              </li>
            ))}
          </ul>
        </>
      )}
      {f.strengths.length > 0 && (
        <>
          <h3>Strengths</h3>
          <ul>
            {f.strengths.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        </>
      )}
      {f.practice_first.length > 0 && (
        <>
          <h3>Practise these first</h3>
          <ol>
            {f.practice_first.map((p, i) => (
              <li key={i}>
                <strong>{p.topic}</strong>: {p.reason}
                {p.practise.length > 0 && <p>Practise: {p.practise.join("; ")}.</p>}
                <Resources resources={p.resources} />
              </li>
            ))}
          </ol>
        </>
      )}
      {f.areas_to_improve.length > 0 && (
        <>
          <h3>Gaps to work on</h3>
          <ul>
            {f.areas_to_improve.map((a, i) => (
              <li key={i}>
                <strong>{a.area}</strong>: {a.advice}
                <Resources resources={a.resources} />
              </li>
            ))}
          </ul>
        </>
      )}
      {f.what_to_say_next_time && (
        <>
          <h3>Next time, for your weakest answer</h3>
          <p>{f.what_to_say_next_time}</p>
        </>
      )}
      <p>
        <button type="button" onClick={() => void downloadTranscript(props.interviewId)}>
          Download the transcript
        </button>
      </p>
    </section>
  );
}

interface InterviewState {
  session: Schemas["GetInterviewResponse"];
  progress: Schemas["GetFeedbackResponse"];
}

async function loadInterview(id: string): Promise<InterviewState> {
  const path = { params: { path: { interview_id: id } } };
  const [session, progress] = await Promise.all([
    data(api.GET("/api/interview/{interview_id}", path)),
    data(api.GET("/api/interview/{interview_id}/feedback", path)),
  ]);
  return { session, progress };
}

export function InterviewPage(props: { interviewId: string }) {
  const id = props.interviewId;
  const [answer, setAnswer] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [last, setLast] = useState<Schemas["AnswerEvaluation"] | undefined>(undefined);
  const [fresh, setFresh] = useState<InterviewState | undefined>(undefined);
  const loaded = useAsync(() => loadInterview(id), [id]);
  const state = { ...loaded, value: fresh ?? loaded.value };

  const submit = async (question: Schemas["Question"]) => {
    setBusy(true);
    setError(undefined);
    try {
      const reply = await data(
        api.POST("/api/interview/{interview_id}/answer", {
          params: { path: { interview_id: id } },
          body: { question_id: question.question_id, answer },
        }),
      );
      // The next question and the turns so far together, so the page never shows one without the other.
      setFresh(await loadInterview(id));
      setLast(reply.evaluation);
      setAnswer("");
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const session = state.value?.session;
  const interview = session?.interview;
  const current = session?.current_question;
  const feedback = state.value?.progress.feedback;
  const turns = feedback?.questions ?? [];
  const active = interview?.state === "INTERVIEW_STATE_ACTIVE";
  return (
    <Page title="Mock interview" wide>
      {state.loading && !state.value && <Loading what="the interview" />}
      {state.error !== undefined && <ErrorNote error={state.error} />}
      {interview && (
        <div class="interview">
          <p class="muted">
            <a href={`/jobs/${interview.job_id}?resume=${encodeURIComponent(interview.resume_id)}`}>The job</a> ·{" "}
            {interview.answered_count} answered of {interview.question_count} planned (follow-ups come on top) · saved
            after every answer: leave whenever you like and continue from <a href="/">Your resumes</a>.
          </p>
          {last && (
            <div aria-live="polite">
              <h2>Your last answer</h2>
              <Evaluation evaluation={last} />
            </div>
          )}
          {active && current && (
            <section aria-labelledby="current-title">
              <h2 id="current-title">Question {current.index + 1}</h2>
              <QuestionText question={current} />
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  if (answer.trim()) void submit(current);
                }}
              >
                <label for="answer">Your answer</label>
                <textarea
                  id="answer"
                  rows={8}
                  maxLength={MAX_ANSWER}
                  value={answer}
                  disabled={busy}
                  onInput={(e) => setAnswer(e.currentTarget.value)}
                />
                <p class="muted small">
                  {answer.length.toLocaleString()} of {MAX_ANSWER.toLocaleString()} characters
                </p>
                <button type="submit" class="primary" disabled={busy || !answer.trim()}>
                  {busy ? "Grading…" : "Submit answer"}
                </button>
              </form>
              {error !== undefined && <ErrorNote error={error} />}
            </section>
          )}
          {!active && interview.state !== "INTERVIEW_STATE_FINISHED" && (
            <p class="note">This interview has {interview.state === "INTERVIEW_STATE_EXPIRED" ? "expired" : "ended"}.</p>
          )}
          {feedback?.final && <Feedback feedback={feedback} interviewId={id} />}
          <Turns turns={turns} />
        </div>
      )}
    </Page>
  );
}
