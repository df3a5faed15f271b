// A mock interview in the browser, on the Converse stream: a browser sends its side of a call at once, so each
// action is one gRPC-Web call (api/converse.ts) on the saved session: [start], [resume] to see the question it
// waits on after coming back, [resume, answer] to answer. The question is shown as the server writes it, one
// piece per animation frame. GetInterview and GetFeedback give the rest (the session, the turns so far, the
// final feedback). Where the stream cannot be used (a gateway without gRPC-Web), the page says so and uses the
// unary calls on the same session (StartInterview, SubmitAnswer), the questions then arriving whole.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { api, data, type Schemas } from "../api/client";
import type { Action, LiveEvent, ShownQuestion } from "../api/converse";
import { ApiError } from "../api/errors";
import { Bar, ErrorNote, Loading, Page, Resources } from "../components";
import { difficulty, questionKind, readiness } from "../format";
import { rememberInterview } from "../memory";
import { navigate } from "../router";

const LENGTHS = [3, 6, 10];
const MAX_ANSWER = 8000;

// The stream's code (with the protobuf codecs) is loaded the first time an interview streams.
type ConverseModule = typeof import("../api/converse");
let converseCode: Promise<ConverseModule> | undefined;

async function openConverse(actions: Action[], signal: AbortSignal): Promise<AsyncGenerator<LiveEvent>> {
  converseCode ??= import("../api/converse");
  try {
    return (await converseCode).converse(actions, signal);
  } catch (error) {
    converseCode = undefined; // a failed download is tried again next time
    throw error;
  }
}

// Whether the stream failed in this visit: from then on the page uses the unary calls until it is reloaded.
let streamFailed = false;

/** Whether an error means "the stream cannot be used here" (rather than an error the API reported). */
function streamUnusable(error: unknown): boolean {
  return !(error instanceof ApiError) && !(error instanceof DOMException && error.name === "AbortError");
}

// A stream started on the job's page, handed to the interview page it opens, which plays the rest.
const handedOver = new Map<string, { events: AsyncGenerator<LiveEvent>; control: AbortController }>();

async function* after<T>(first: T, rest: AsyncGenerator<T>): AsyncGenerator<T> {
  yield first;
  yield* rest;
}

/** Starts on the stream; the interview's id, or undefined when the stream cannot be used here. */
async function startOnStream(jobId: string, resumeId: string, questionCount: number): Promise<string | undefined> {
  if (streamFailed) return undefined;
  const control = new AbortController();
  try {
    const events = await openConverse([{ start: { jobId, resumeId, questionCount } }], control.signal);
    // Every event names the interview, the first piece of the question included: the page opens on it.
    const first = await events.next();
    if (first.done) throw new Error("the stream ended before the interview started");
    if (first.value.type === "error") throw first.value.error;
    handedOver.set(first.value.interviewId, { events: after(first.value, events), control });
    return first.value.interviewId;
  } catch (error) {
    control.abort();
    if (!streamUnusable(error)) throw error;
    streamFailed = true;
    return undefined;
  }
}

async function startUnary(jobId: string, resumeId: string, questionCount: number): Promise<string> {
  const started = await data(
    api.POST("/api/interview/start", {
      body: { job_id: jobId, resume_id: resumeId, options: { question_count: questionCount } },
    }),
  );
  return started.interview?.interview_id ?? "";
}

export function StartInterview(props: { jobId: string; jobTitle: string; resumeId: string }) {
  const [busy, setBusy] = useState(false);
  const [count, setCount] = useState(6);
  const [error, setError] = useState<unknown>(undefined);
  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const id =
        (await startOnStream(props.jobId, props.resumeId, count)) ??
        (await startUnary(props.jobId, props.resumeId, count));
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

/** A question of the REST API as the page shows it (the stream's come shaped so already). */
function shownQuestion(q: Schemas["Question"]): ShownQuestion {
  return {
    questionId: q.question_id,
    index: q.index,
    kind: q.kind,
    difficulty: q.difficulty,
    followUp: q.follow_up,
    skill: q.target?.skill?.name,
    reason: q.target?.reason,
    text: q.text,
  };
}

function QuestionText(props: { question: ShownQuestion; writing?: boolean; id?: string }) {
  const q = props.question;
  return (
    <>
      <p class="muted small">
        {[q.followUp ? "Follow-up" : questionKind(q.kind), difficulty(q.difficulty), q.skill]
          .filter(Boolean)
          .join(" · ")}
      </p>
      {/* aria-busy while the server is still writing it: a screen reader reads it once it is whole. */}
      <p class="question" id={props.id} aria-busy={props.writing ? "true" : "false"}>
        {q.text}
      </p>
      {q.reason && <p class="muted small">Why this question: {q.reason}</p>}
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
            {t.question && <QuestionText question={shownQuestion(t.question)} />}
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

/** The question as the server writes it: its pieces queue up and one is shown per animation frame, so that
 * a question the server writes in a few milliseconds is still seen being written, and a slow one as it comes. */
// A hidden tab gets no animation frames, and someone who asked for less motion no word-by-word text: both get
// what has arrived at once.
const atOnce = () => document.hidden || matchMedia("(prefers-reduced-motion: reduce)").matches;

function useWriter() {
  const [shown, setShown] = useState<ShownQuestion | undefined>(undefined);
  const [writing, setWriting] = useState(false);
  const queue = useRef<string[]>([]);
  const whole = useRef<ShownQuestion | undefined>(undefined);
  const frame = useRef(0);

  const tick = useCallback(() => {
    frame.current = 0;
    const now = atOnce();
    const pieces = now ? queue.current.splice(0) : queue.current.splice(0, 1);
    if (pieces.length > 0) {
      setShown((q) => q && { ...q, text: q.text + pieces.join("") });
      if (!now) {
        frame.current = requestAnimationFrame(tick);
        return;
      }
    }
    const done = whole.current;
    if (done) {
      whole.current = undefined;
      setShown(done); // the server's final text and all its facts (the difficulty comes only with it)
      setWriting(false);
    }
  }, []);
  const stop = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = 0;
    queue.current = [];
    whole.current = undefined;
  }, []);
  const kick = useCallback(() => {
    if (frame.current) return;
    if (atOnce()) tick();
    else frame.current = requestAnimationFrame(tick);
  }, [tick]);
  useEffect(() => stop, [stop]);

  return {
    shown,
    writing,
    /** A new question begins: its facts, no text yet. */
    begin: (question: ShownQuestion) => {
      stop();
      setShown({ ...question, text: "" });
      setWriting(true);
    },
    append: (text: string) => {
      queue.current.push(text);
      kick();
    },
    /** The question is complete: shown as the server has it once the pieces before are. */
    complete: (question: ShownQuestion) => {
      whole.current = question;
      kick();
    },
    clear: () => {
      stop();
      setShown(undefined);
      setWriting(false);
    },
  };
}

export function InterviewPage(props: { interviewId: string }) {
  const id = props.interviewId;
  const [state, setState] = useState<InterviewState | undefined>(undefined);
  const [loadError, setLoadError] = useState<unknown>(undefined);
  const [unary, setUnary] = useState(streamFailed);
  const [answer, setAnswer] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [last, setLast] = useState<Schemas["AnswerEvaluation"] | undefined>(undefined);
  const [finished, setFinished] = useState(false);
  const writer = useWriter();
  const control = useRef(new AbortController());

  const refresh = async () => {
    const signal = control.current.signal; // aborted once the page shows another interview (or none)
    try {
      const loaded = await loadInterview(id);
      if (signal.aborted) return;
      setState(loaded);
      setLoadError(undefined);
    } catch (e) {
      if (!signal.aborted) setLoadError(e);
    }
  };
  const fallBack = () => {
    streamFailed = true;
    setUnary(true);
  };

  /** Shows a call's events as they come. `answered`: the question just answered, which the call's resume repeats
   * first (not shown again). The session's state and the turns come from GetInterview and GetFeedback after. */
  const play = async (events: AsyncGenerator<LiveEvent>, answered?: string) => {
    for await (const event of events) {
      switch (event.type) {
        case "started":
          if (event.question.questionId !== answered) writer.begin(event.question);
          break;
        case "delta":
          if (event.questionId !== answered) writer.append(event.text);
          break;
        case "complete":
          if (event.question.questionId !== answered) writer.complete(event.question);
          break;
        case "evaluated":
          setLast(event.evaluation);
          setAnswer("");
          break;
        case "finished":
          setFinished(true);
          writer.clear();
          break;
        case "error":
          setError(event.error);
          break;
      }
    }
  };

  useEffect(() => {
    const handed = handedOver.get(id);
    handedOver.delete(id);
    const current = handed?.control ?? new AbortController();
    control.current = current;
    setState(undefined);
    setLast(undefined);
    setFinished(false);
    setError(undefined);
    writer.clear();
    void (async () => {
      // Started on the job's page: the server saves the session once its first question is written, so it is
      // loaded after the stream. Otherwise the saved session now, and the question it waits on from the stream.
      const loading = handed ? undefined : refresh();
      if (handed || !streamFailed) {
        try {
          await play(handed?.events ?? (await openConverse([{ resume: id }], current.signal)));
        } catch (e) {
          if (current.signal.aborted) return;
          if (streamUnusable(e)) fallBack();
          else setError(e);
        }
      }
      await (loading ?? refresh());
    })();
    return () => current.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  const submitUnary = async (question: ShownQuestion, text: string) => {
    const reply = await data(
      api.POST("/api/interview/{interview_id}/answer", {
        params: { path: { interview_id: id } },
        body: { question_id: question.questionId, answer: text },
      }),
    );
    // The next question and the turns so far together, so the page never shows one without the other.
    setState(await loadInterview(id));
    setLast(reply.evaluation);
    setAnswer("");
  };

  const submit = async (question: ShownQuestion) => {
    setBusy(true);
    setError(undefined);
    const text = answer;
    const signal = control.current.signal;
    try {
      if (unary) {
        await submitUnary(question, text);
        return;
      }
      try {
        await play(
          await openConverse([{ resume: id }, { answer: { questionId: question.questionId, text } }], signal),
          question.questionId,
        );
        await refresh();
      } catch (e) {
        if (signal.aborted || !streamUnusable(e)) throw e;
        fallBack();
        // The answer may have reached the server before the stream broke: send it again only if its question
        // still waits for one.
        const fresh = await loadInterview(id);
        setState(fresh);
        if (fresh.session.current_question?.question_id === question.questionId) await submitUnary(question, text);
      }
    } catch (e) {
      if (!signal.aborted) setError(e);
    } finally {
      if (!signal.aborted) setBusy(false);
    }
  };

  const interview = state?.session.interview;
  const feedback = state?.progress.feedback;
  const turns = feedback?.questions ?? [];
  const waiting = state?.session.current_question;
  // On the stream, the question as it is written; else the one GetInterview says the session waits on.
  const current = unary ? waiting && shownQuestion(waiting) : writer.shown;
  const active = !finished && (interview ? interview.state === "INTERVIEW_STATE_ACTIVE" : !unary);
  const writing = !unary && writer.writing;
  // Cancelled or expired: not finished, so no feedback page either.
  const ended =
    interview && interview.state !== "INTERVIEW_STATE_ACTIVE" && interview.state !== "INTERVIEW_STATE_FINISHED";
  return (
    <Page title="Mock interview" wide>
      {!state && !loadError && !current && <Loading what="the interview" />}
      {loadError !== undefined && <ErrorNote error={loadError} />}
      <div class="interview">
        {interview && (
          <p class="muted">
            <a href={`/jobs/${interview.job_id}?resume=${encodeURIComponent(interview.resume_id)}`}>The job</a> ·{" "}
            {interview.answered_count} answered of {interview.question_count} planned (follow-ups come on top) · saved
            after every answer: leave whenever you like and continue from <a href="/">Your resumes</a>.
          </p>
        )}
        {unary && (
          <p class="muted small" role="status">
            The live question stream cannot be reached, so each question appears whole.
          </p>
        )}
        {last && (
          <div aria-live="polite">
            <h2>Your last answer</h2>
            <Evaluation evaluation={last} />
          </div>
        )}
        {active && current && (
          <section aria-labelledby="current-title">
            <h2 id="current-title">Question {current.index + 1}</h2>
            <QuestionText question={current} writing={writing} id="current-question" />
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (answer.trim() && !writing) void submit(current);
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
              <button type="submit" class="primary" disabled={busy || writing || !answer.trim()}>
                {busy ? "Grading…" : "Submit answer"}
              </button>
            </form>
          </section>
        )}
        {error !== undefined && loadError === undefined && <ErrorNote error={error} />}
        {ended && (
          <p class="note">This interview has {interview.state === "INTERVIEW_STATE_EXPIRED" ? "expired" : "ended"}.</p>
        )}
        {feedback?.final && <Feedback feedback={feedback} interviewId={id} />}
        <Turns turns={turns} />
      </div>
    </Page>
  );
}
