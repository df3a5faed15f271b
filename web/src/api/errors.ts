// API errors in plain words. The server's own message already says what went wrong and what to do (AIP-193);
// this adds a headline a person scans first, by the reason or the status.
import type { components } from "./schema";

type Status = components["schemas"]["Status"];

const HEADLINES: Record<string, string> = {
  DOCUMENT_TOO_LARGE: "This file is too large",
  REQUEST_TOO_LARGE: "This file is too large",
  ENCRYPTED_PDF: "This PDF is password-protected",
  CORRUPT_PDF: "This PDF cannot be opened",
  NO_EXTRACTABLE_TEXT: "No text could be read from this PDF (is it a scan?)",
  UNSUPPORTED_FORMAT: "This is not a PDF or a text file",
  EMPTY_DOCUMENT: "This resume is empty",
  TOO_MANY_PAGES: "This PDF has too many pages",
  TEXT_TOO_LONG: "This resume is too long",
};

const BY_STATUS: Record<number, string> = {
  400: "That did not work",
  401: "Please sign in again",
  403: "Only an admin can do this",
  404: "Not found",
  409: "Something changed meanwhile",
  413: "Too large",
  429: "Too many requests: wait a moment",
  500: "Something went wrong on the server",
  502: "SkillGap cannot be reached right now",
  503: "SkillGap cannot be reached right now",
  504: "SkillGap took too long to answer",
};

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
    return HEADLINES[this.reason] ?? BY_STATUS[this.status] ?? "That did not work";
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
