// API errors in plain words. The server's own message already says what went wrong and what to do (AIP-193);
// this adds a headline a person scans first, by the reason or the status.
import { WORDS } from "../words";
import type { components } from "./schema";

type Status = components["schemas"]["Status"];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason: string,
    readonly requestId: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get headline(): string {
    return WORDS.error_headlines[this.reason] ?? WORDS.status_headlines[String(this.status)] ?? "That did not work";
  }

  static from(response: Response, body: unknown): ApiError {
    const status = body as Partial<Status> | undefined;
    const message =
      typeof status?.message === "string" && status.message
        ? status.message
        : `the server answered ${response.status} ${response.statusText}`.trim();
    const info = status?.details?.find((d) => d["@type"].endsWith("google.rpc.ErrorInfo"));
    return new ApiError(response.status, message, info?.reason ?? "", response.headers.get("x-request-id") ?? "");
  }

  static async fromResponse(response: Response): Promise<ApiError> {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    return ApiError.from(response, body);
  }
}

/** What to show for any failure: the API's error, or a network failure in words. */
export function describe(error: unknown): { headline: string; detail: string } {
  if (error instanceof ApiError) {
    const detail = error.message.charAt(0).toUpperCase() + error.message.slice(1);
    return { headline: error.headline, detail: error.requestId ? `${detail} (request ${error.requestId})` : detail };
  }
  if (error instanceof TypeError) {
    return { headline: "SkillGap cannot be reached", detail: "Check that `skillgap up` is still running, then try again." };
  }
  return { headline: "Something went wrong", detail: error instanceof Error ? error.message : String(error) };
}
