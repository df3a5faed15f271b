// The app's curated words, kept in data/words.json (checked against the OpenAPI enums by `python web/build.py`).
// The types here make the build fail when an enum value the page shows has no words.
import type { Schemas } from "./api/client";
import words from "./data/words.json";

type Known<T extends string> = Exclude<T, `${string}_UNSPECIFIED`>;

export interface Words {
  /** A gap status in words. */
  gap_status: Record<Known<Schemas["GapStatus"]>, string>;
  /** A gap status as the tone the page colours it by: the `gap-*` and `status-*` classes of styles.css. */
  gap_tone: Record<Known<Schemas["GapStatus"]>, string>;
  /** Where a resume's total years come from, in words. */
  years_source: Record<Known<Schemas["YearsSource"]>, string>;
  /** The headline of an API error by its ErrorInfo reason. */
  error_headlines: Record<string, string>;
  /** The headline of an API error by its HTTP status, when its reason has none. */
  status_headlines: Record<string, string>;
  /** Questions offered on a job's "Ask about this job". */
  ask_suggestions: string[];
}

export const WORDS: Words = words;
