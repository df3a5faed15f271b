// Pieces every page uses. Text from outside (postings, resumes, the server's messages) is always rendered as
// text nodes: Preact escapes it, and no component here takes HTML.
import type { ComponentChildren } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { Schemas } from "./api/client";
import { describe } from "./api/errors";
import { category, resourceKind, safeUrl } from "./format";

export function Page(props: { title: string; children: ComponentChildren; wide?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · SkillGap`;
  }, [props.title]);
  return (
    <section class={props.wide ? "page wide" : "page"} aria-labelledby="page-title">
      <h1 id="page-title" ref={heading} tabIndex={-1}>
        {props.title}
      </h1>
      {props.children}
    </section>
  );
}

export function ErrorNote(props: { error: unknown }) {
  const { headline, detail } = describe(props.error);
  return (
    <div class="error" role="alert">
      <strong>{headline}</strong>
      <p>{detail}</p>
    </div>
  );
}

export function Loading(props: { what: string }) {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" /> Loading {props.what}…
    </p>
  );
}

export interface Async<T> {
  value: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** The result of `load`, run again whenever `deps` change; a result that arrives after newer deps is dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): Async<T> {
  const [state, setState] = useState<{ value?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ value: s.value, loading: true }));
    load().then(
      (value) => live && setState({ value, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { value: state.value, error: state.error, loading: state.loading, reload };
}

/** A link to another site: opened in a new tab, told nothing about this page; not a link at all unless it
 * is http(s). */
export function ExternalLink(props: { href: string | undefined; children: ComponentChildren }) {
  const href = safeUrl(props.href);
  if (!href) return <span>{props.children}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer external">
      {props.children}
      <span class="visually-hidden"> (opens another site)</span>
    </a>
  );
}

export function SkillChip(props: { skill?: Schemas["Skill"]; tone?: "have" | "missing" | "plain"; note?: string }) {
  const name = props.skill?.name || props.skill?.skill_id || "unnamed skill";
  const tone = props.tone ?? "plain";
  return (
    <li class={`chip chip-${tone}`} title={category(props.skill?.category) || undefined}>
      {tone === "missing" && <span class="visually-hidden">Missing: </span>}
      {name}
      {props.note && <span class="chip-note"> {props.note}</span>}
    </li>
  );
}

export function Resources(props: { resources: Schemas["LearningResource"][] | undefined }) {
  const list = props.resources ?? [];
  if (list.length === 0) return null;
  return (
    <ul class="resources">
      {list.map((r) => (
        <li key={r.url}>
          <ExternalLink href={r.url}>{r.title || r.url}</ExternalLink>
          <span class="muted">
            {" "}
            {[resourceKind(r.kind), r.provider, r.free ? "free" : ""].filter(Boolean).join(" · ")}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** A horizontal bar for a share (0-1), labelled for screen readers with `label`. */
export function Bar(props: { fraction: number; label: string; tone?: "good" | "warn" | "plain" }) {
  const pct = Math.max(0, Math.min(1, props.fraction)) * 100;
  return (
    <div class={`bar bar-${props.tone ?? "plain"}`} role="img" aria-label={props.label}>
      <span style={{ width: `${pct.toFixed(1)}%` }} />
    </div>
  );
}

const PARTS: Array<[keyof Schemas["ScoreBreakdown"], string]> = [
  ["required_coverage", "Required skills"],
  ["semantic_similarity", "Similar in meaning"],
  ["role_fit", "Role fit"],
  ["seniority_fit", "Seniority fit"],
  ["nice_to_have_coverage", "Nice-to-have skills"],
];

/** The score's parts: each bar is the points it adds out of the most it could add (its weight). */
export function ScoreBreakdown(props: { breakdown: Schemas["ScoreBreakdown"] | undefined }) {
  const breakdown = props.breakdown;
  if (!breakdown) return null;
  return (
    <dl class="breakdown">
      {PARTS.map(([key, label]) => {
        const part = breakdown[key];
        if (!part || part.weight <= 0) return null;
        const most = part.weight * 100;
        return (
          <div class="part" key={key}>
            <dt>
              {label}{" "}
              <span class="muted">
                {part.points.toFixed(1)} of {most.toFixed(0)} points
              </span>
            </dt>
            <dd>
              <Bar
                fraction={part.value}
                tone={part.value >= 0.66 ? "good" : part.value >= 0.33 ? "plain" : "warn"}
                label={`${label}: ${part.points.toFixed(1)} of ${most.toFixed(0)} points`}
              />
              {part.explanation && <span class="explanation">{part.explanation}</span>}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

export function Score(props: { score: number }) {
  return (
    <p class="score" aria-label={`Match score ${Math.round(props.score)} out of 100`}>
      <span class="score-value">{Math.round(props.score)}</span>
      <span class="score-max">/100</span>
    </p>
  );
}

/** AIP-158 paging: the tokens of the pages seen, so that "Previous" goes back without the API's help. */
export function usePaging(): {
  token: string;
  page: number;
  next: (token: string) => void;
  previous: () => void;
  reset: () => void;
} {
  const [tokens, setTokens] = useState<string[]>([""]);
  return {
    token: tokens[tokens.length - 1] ?? "",
    page: tokens.length,
    next: (token) => setTokens((t) => [...t, token]),
    previous: () => setTokens((t) => (t.length > 1 ? t.slice(0, -1) : t)),
    reset: () => setTokens([""]),
  };
}

export function Pager(props: { page: number; nextToken: string | undefined; onNext: () => void; onPrevious: () => void }) {
  if (props.page === 1 && !props.nextToken) return null;
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" disabled={props.page === 1} onClick={props.onPrevious}>
        Previous page
      </button>
      <span>Page {props.page}</span>
      <button type="button" disabled={!props.nextToken} onClick={props.onNext}>
        Next page
      </button>
    </nav>
  );
}
