// The typed API client: every path, parameter and body comes from schema.d.ts, which `python web/build.py`
// generates from gateway/openapi.yaml. Nothing here is written by hand about the API's shapes.
import createClient, { type Middleware } from "openapi-fetch";
import { currentSession, signOut } from "../auth";
import { ApiError } from "./errors";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];

const withToken: Middleware = {
  onRequest({ request }) {
    const session = currentSession();
    if (session) request.headers.set("authorization", `Bearer ${session.token}`);
    return request;
  },
  onResponse({ response }) {
    // A token that no longer verifies (expired, or the server's secret changed): sign in again.
    if (response.status === 401) signOut();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: "" });
api.use(withToken);

/** The data of an openapi-fetch result, or an ApiError built from its error body. */
export async function data<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data: body, error, response } = await call;
  if (error !== undefined || body === undefined) throw ApiError.from(response, error);
  return body;
}

/** Headers for the calls made without openapi-fetch (the streamed answer, the upload with progress). */
export function authHeaders(): Record<string, string> {
  const session = currentSession();
  return session ? { authorization: `Bearer ${session.token}` } : {};
}
