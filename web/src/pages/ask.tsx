// Asking about a job: AskAboutJob streams its answer, and the page shows each piece as it arrives.
import { useRef, useState } from "preact/hooks";
import { authHeaders, type Schemas } from "../api/client";
import { streamJson } from "../api/stream";
import { ErrorNote } from "../components";
import { WORDS } from "../words";

const SUGGESTIONS = WORDS.ask_suggestions;

export function AskBox(props: { jobId: string; resumeId: string }) {
  const [question, setQuestion] = useState("");
  const [answer, setAnswer] = useState("");
  const [final, setFinal] = useState<Schemas["AskAboutJobResponse"] | null>(null);
  const [streaming, setStreaming] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const abort = useRef<AbortController | null>(null);

  const ask = async (text: string) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setAnswer("");
    setFinal(null);
    setError(undefined);
    setStreaming(true);
    try {
      const url = `/api/jobs/${encodeURIComponent(props.jobId)}/ask`;
      const body: Schemas["AskAboutJobRequestBody"] = { resume_id: props.resumeId, question: text };
      for await (const part of streamJson<Schemas["AskAboutJobResponse"]>(url, body, authHeaders(), controller.signal)) {
        if (part.text_delta) setAnswer((a) => a + part.text_delta);
        if (part.done) setFinal(part);
      }
    } catch (e) {
      if (!controller.signal.aborted) setError(e);
    } finally {
      if (abort.current === controller) setStreaming(false);
    }
  };

  return (
    <section class="ask" aria-labelledby="ask-title">
      <h2 id="ask-title">Ask about this job</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (question.trim()) void ask(question.trim());
        }}
      >
        <label for="ask-question">Your question</label>
        <div class="row">
          <input
            id="ask-question"
            value={question}
            maxLength={1000}
            list="ask-suggestions"
            placeholder={SUGGESTIONS[0]}
            onInput={(e) => setQuestion(e.currentTarget.value)}
          />
          <button type="submit" class="primary" disabled={streaming || !question.trim()}>
            Ask
          </button>
        </div>
        <datalist id="ask-suggestions">
          {SUGGESTIONS.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </form>
      <div class="answer" aria-live="polite" aria-busy={streaming} data-state={streaming ? "streaming" : final ? "done" : "idle"}>
        {(answer || streaming) && (
          <>
            <h3 class="visually-hidden">Answer</h3>
            <p class="answer-text">
              {answer}
              {streaming && <span class="cursor" aria-hidden="true" />}
            </p>
          </>
        )}
        {final && final.citations.length > 0 && (
          <details>
            <summary>What the answer is based on ({final.citations.length})</summary>
            {final.citations.map((c, i) => (
              <blockquote key={i}>{c.text}</blockquote>
            ))}
          </details>
        )}
        {final?.engine && <p class="muted small">Answered by: {final.engine}</p>}
      </div>
      {error !== undefined && <ErrorNote error={error} />}
    </section>
  );
}
