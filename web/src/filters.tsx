// The job filters SearchJobs, ListJobs and GetGapSummary share (JobFilter), as a form. The choices come from
// the enums in the OpenAPI file.
import { useState } from "preact/hooks";
import type { Schemas } from "./api/client";
import { seniorityValues, sourceKindValues, workplaceTypeValues } from "./api/schema";
import { seniority, sourceKind, workplace } from "./format";

export type JobFilter = Schemas["JobFilter"];

const known = <T extends string>(values: ReadonlyArray<T>) => values.filter((v) => !v.endsWith("_UNSPECIFIED"));

function list(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Only the filters that are set: the API treats an unset filter as no filter. */
export function compact(filter: JobFilter): JobFilter {
  const out: JobFilter = {};
  if (filter.location?.trim()) out.location = filter.location.trim();
  if (filter.workplace_types?.length) out.workplace_types = filter.workplace_types;
  if (filter.seniorities?.length) out.seniorities = filter.seniorities;
  if (filter.required_skills?.length) out.required_skills = filter.required_skills;
  if (filter.companies?.length) out.companies = filter.companies;
  if (filter.source_kinds?.length) out.source_kinds = filter.source_kinds;
  if (filter.posted_within_days) out.posted_within_days = filter.posted_within_days;
  if (filter.include_closed) out.include_closed = true;
  return out;
}

function Checkboxes<T extends string>(props: {
  legend: string;
  name: string;
  values: ReadonlyArray<T>;
  words: (v: T) => string;
  chosen: T[];
  onChange: (chosen: T[]) => void;
}) {
  return (
    <fieldset class="checks">
      <legend>{props.legend}</legend>
      {props.values.map((v) => (
        <label key={v}>
          <input
            type="checkbox"
            name={props.name}
            value={v}
            checked={props.chosen.includes(v)}
            onChange={(e) =>
              props.onChange(e.currentTarget.checked ? [...props.chosen, v] : props.chosen.filter((c) => c !== v))
            }
          />{" "}
          {props.words(v)}
        </label>
      ))}
    </fieldset>
  );
}

export function FilterForm(props: {
  initial: JobFilter;
  query?: string;
  onSubmit: (filter: JobFilter, query: string) => void;
  busy: boolean;
  submitLabel: string;
}) {
  const [f, setF] = useState<JobFilter>(props.initial);
  const [skills, setSkills] = useState((props.initial.required_skills ?? []).join(", "));
  const [companies, setCompanies] = useState((props.initial.companies ?? []).join(", "));
  const [query, setQuery] = useState(props.query ?? "");
  const set = (patch: Partial<JobFilter>) => setF({ ...f, ...patch });
  return (
    <form
      class="filters"
      aria-label="Filters"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(compact({ ...f, required_skills: list(skills), companies: list(companies) }), query.trim());
      }}
    >
      {props.query !== undefined && (
        <div class="field">
          <label for="f-query">Words to look for</label>
          <input id="f-query" type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </div>
      )}
      <div class="field">
        <label for="f-location">Location</label>
        <input
          id="f-location"
          value={f.location ?? ""}
          placeholder="Berlin"
          onInput={(e) => set({ location: e.currentTarget.value })}
        />
      </div>
      <Checkboxes
        legend="Workplace"
        name="workplace"
        values={known(workplaceTypeValues)}
        words={workplace}
        chosen={f.workplace_types ?? []}
        onChange={(workplace_types) => set({ workplace_types })}
      />
      <details class="more-filters">
        <summary>More filters</summary>
        <Checkboxes
          legend="Seniority"
          name="seniority"
          values={known(seniorityValues)}
          words={seniority}
          chosen={f.seniorities ?? []}
          onChange={(seniorities) => set({ seniorities })}
        />
        <div class="field">
          <label for="f-skills">Requires every one of these skills (comma-separated)</label>
          <input id="f-skills" value={skills} placeholder="python, kubernetes" onInput={(e) => setSkills(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="f-companies">At one of these companies (comma-separated)</label>
          <input id="f-companies" value={companies} onInput={(e) => setCompanies(e.currentTarget.value)} />
        </div>
        <Checkboxes
          legend="Source"
          name="source"
          values={known(sourceKindValues)}
          words={sourceKind}
          chosen={f.source_kinds ?? []}
          onChange={(source_kinds) => set({ source_kinds })}
        />
        <div class="field">
          <label for="f-days">Posted in the last … days (empty: any time)</label>
          <input
            id="f-days"
            type="number"
            min={0}
            max={3650}
            inputMode="numeric"
            value={f.posted_within_days || ""}
            onInput={(e) => set({ posted_within_days: Number(e.currentTarget.value) || 0 })}
          />
        </div>
        <label class="inline">
          <input
            type="checkbox"
            checked={f.include_closed ?? false}
            onChange={(e) => set({ include_closed: e.currentTarget.checked })}
          />{" "}
          Include closed jobs
        </label>
      </details>
      <button type="submit" class="primary" disabled={props.busy}>
        {props.submitLabel}
      </button>
    </form>
  );
}

/** A JobFilter as the query parameters of a GET (`filter.location=...`). */
export function filterQuery(filter: JobFilter) {
  return {
    "filter.location": filter.location,
    "filter.workplace_types": filter.workplace_types,
    "filter.seniorities": filter.seniorities,
    "filter.required_skills": filter.required_skills,
    "filter.companies": filter.companies,
    "filter.source_kinds": filter.source_kinds,
    "filter.posted_within_days": filter.posted_within_days,
    "filter.include_closed": filter.include_closed,
  };
}
