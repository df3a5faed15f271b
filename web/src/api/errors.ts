// API errors in plain words. The server's own message already says what went wrong and what to do (AIP-193);
// this adds a headline a person scans first, by the reason or the status.
import { WORDS } from "../words";
import type { components } from "./schema";

type Status = components["schemas"]["Status"];

// The canonical gRPC codes by number, and the HTTP status of each as the gateway's transcoder answers it.
const GRPC_CODES = [
  "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
  "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
  "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
];
const HTTP_STATUS_OF_GRPC = [200, 499, 500, 400, 504, 404, 409, 403, 429, 400, 409, 400, 501, 500, 503, 500, 401];

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

  /** An error a gRPC call reported (a status in a gRPC-Web trailer, or a `ConverseError` event, which names its
   * code), with the HTTP status the REST API gives the same code, so it reads the same as there. */
  static fromGrpc(code: number | string, message: string, reason: string, requestId: string): ApiError {
    const index = typeof code === "number" ? code : GRPC_CODES.indexOf(code);
    const status = HTTP_STATUS_OF_GRPC[index] ?? 500;
    const words = message || `the server answered ${GRPC_CODES[index] ?? code}`;
    return new ApiError(status, words, reason, requestId);
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
