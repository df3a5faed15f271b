// What this browser remembers between visits, besides the token: the resume last chosen, and the interviews
// started here (so that one can be left and taken up again from the job or the home page).

const RESUME_KEY = "skillgap.resume";
const INTERVIEWS_KEY = "skillgap.interviews";
const KEPT_INTERVIEWS = 20;

export function chosenResume(): string | null {
  return localStorage.getItem(RESUME_KEY);
}

export function chooseResume(resumeId: string): void {
  localStorage.setItem(RESUME_KEY, resumeId);
}

export interface StartedInterview {
  interviewId: string;
  jobId: string;
  jobTitle: string;
  resumeId: string;
  startedAt: string;
}

export function startedInterviews(): StartedInterview[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(INTERVIEWS_KEY) ?? "[]");
    return Array.isArray(value) ? (value as StartedInterview[]) : [];
  } catch {
    return [];
  }
}

export function rememberInterview(interview: StartedInterview): void {
  const others = startedInterviews().filter((i) => i.interviewId !== interview.interviewId);
  localStorage.setItem(INTERVIEWS_KEY, JSON.stringify([interview, ...others].slice(0, KEPT_INTERVIEWS)));
}
