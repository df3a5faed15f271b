// Who is signed in: the bearer token the API wants, kept in this browser's localStorage until sign-out.
// The token's payload is read only to show who you are and whether you are an admin; the server verifies it.

const KEY = "skillgap.token";
export const DEV_TOKEN_PATH = "/auth/dev-token";

export interface Session {
  token: string;
  userId: string;
  roles: string[];
  expires: number; // Unix seconds
}

function payloadOf(token: string): Record<string, unknown> | null {
  const part = token.split(".")[1];
  if (!part) return null;
  try {
    const text = atob(part.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The session a token opens, or null when it is not a JWT with a subject and an expiry in the future. */
export function sessionOf(token: string): Session | null {
  const payload = payloadOf(token.trim());
  if (!payload || typeof payload.sub !== "string" || typeof payload.exp !== "number") return null;
  if (payload.exp * 1000 <= Date.now()) return null;
  const raw = payload.roles;
  const roles = Array.isArray(raw) ? raw.filter((r): r is string => typeof r === "string") : [];
  return { token: token.trim(), userId: payload.sub, roles, expires: payload.exp };
}

let listeners: Array<() => void> = [];

export function currentSession(): Session | null {
  const token = localStorage.getItem(KEY);
  return token ? sessionOf(token) : null;
}

export function onSessionChange(listener: () => void): () => void {
  listeners.push(listener);
  return () => {
    listeners = listeners.filter((l) => l !== listener);
  };
}

function changed(): void {
  for (const listener of listeners) listener();
}

export function signIn(session: Session): void {
  localStorage.setItem(KEY, session.token);
  changed();
}

export function signOut(): void {
  localStorage.removeItem(KEY);
  changed();
}

export function isAdmin(session: Session | null): boolean {
  return session?.roles.includes("admin") ?? false;
}

/** The development token of the embedded default (`skillgap up`), or null where there is none: a deployment
 * with its own secret or identity provider answers 404 there. */
export async function fetchDevToken(): Promise<string | null> {
  try {
    const response = await fetch(DEV_TOKEN_PATH, { headers: { accept: "application/json" } });
    if (!response.ok) return null;
    const body: unknown = await response.json();
    const token = (body as { token?: unknown }).token;
    return typeof token === "string" ? token : null;
  } catch {
    return null;
  }
}
