// Words for the API's values: enum names, dates, years, locations.
import type { Schemas } from "./api/client";
import { WORDS } from "./words";

/** "SENIORITY_SENIOR" → "Senior", "WORKPLACE_TYPE_REMOTE" → "Remote" (the enum's own prefix dropped). */
export function enumWords(value: string | undefined, prefix: string): string {
  if (!value || value.endsWith("_UNSPECIFIED")) return "";
  const words = value.startsWith(prefix) ? value.slice(prefix.length) : value;
  const text = words.toLowerCase().replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const seniority = (v?: Schemas["Seniority"]) => enumWords(v, "SENIORITY_");
export const workplace = (v?: Schemas["WorkplaceType"]) => enumWords(v, "WORKPLACE_TYPE_");
export const employment = (v?: Schemas["EmploymentType"]) => enumWords(v, "EMPLOYMENT_TYPE_");
export const skillKind = (v?: Schemas["SkillKind"]) => enumWords(v, "SKILL_KIND_");
export const category = (v?: Schemas["SkillCategory"]) => enumWords(v, "SKILL_CATEGORY_");
export const sourceKind = (v?: Schemas["SourceKind"]) => enumWords(v, "SOURCE_KIND_");
export const scrapeState = (v?: Schemas["ScrapeState"]) => enumWords(v, "SCRAPE_STATE_");
export const resourceKind = (v?: Schemas["ResourceKind"]) => enumWords(v, "RESOURCE_KIND_");
export const questionKind = (v?: Schemas["QuestionKind"]) => enumWords(v, "QUESTION_KIND_");
export const difficulty = (v?: Schemas["Difficulty"]) => enumWords(v, "DIFFICULTY_");
export const readiness = (v?: Schemas["Readiness"]) => enumWords(v, "READINESS_");

export const gapStatus = (v?: Schemas["GapStatus"]) => (v && v !== "GAP_STATUS_UNSPECIFIED" && WORDS.gap_status[v]) || "";
/** A gap status as a tone the page colours it by. */
export const gapTone = (v?: Schemas["GapStatus"]) => (v && v !== "GAP_STATUS_UNSPECIFIED" && WORDS.gap_tone[v]) || "";

export const yearsSource = (v?: Schemas["YearsSource"]) =>
  (v && v !== "YEARS_SOURCE_UNSPECIFIED" && WORDS.years_source[v]) || "";

export function years(value: number | undefined): string {
  if (value === undefined || value === null) return "";
  const rounded = Math.round(value * 10) / 10;
  return `${rounded} ${rounded === 1 ? "year" : "years"}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function yearMonth(value: Schemas["YearMonth"] | undefined): string {
  if (!value?.year) return "";
  const month = value.month ? MONTHS[value.month - 1] : undefined;
  return month ? `${month} ${value.year}` : String(value.year);
}

export function date(value: string | undefined): string {
  if (!value) return "";
  const when = new Date(value);
  if (Number.isNaN(when.getTime())) return "";
  return when.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}

export function dateTime(value: string | undefined): string {
  if (!value) return "";
  const when = new Date(value);
  if (Number.isNaN(when.getTime())) return "";
  return when.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function locations(list: Schemas["Location"][] | undefined): string {
  return (list ?? []).map((l) => l.display_name).filter(Boolean).join(" · ");
}

export function salary(range: Schemas["SalaryRange"] | undefined): string {
  if (!range || (range.min_amount === undefined && range.max_amount === undefined)) return "";
  const money = (n: number) => n.toLocaleString(undefined, { maximumFractionDigits: 0 });
  const amounts = [range.min_amount, range.max_amount].filter((n): n is number => n !== undefined).map(money);
  const per = enumWords(range.interval, "SALARY_INTERVAL_").toLowerCase();
  return `${amounts.join("–")} ${range.currency}${per ? ` per ${per}` : ""}`.trim();
}

/** An http(s) URL from outside (a posting, a resource) as a link target, or null for anything else
 * (`javascript:`, `data:`): those are shown as text, never followed. */
export function safeUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}
