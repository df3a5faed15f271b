// gRPC-Web over fetch: what the gateway's gRPC-Web filter (envoy.filters.http.grpc_web) speaks, so that a
// browser can call a streaming RPC. The request body is the client's messages, each framed; the response body
// streams the server's messages framed the same way and ends with a trailers frame carrying grpc-status. This
// module knows the framing and the statuses, nothing of any message: the codecs come from the protos.
import { ApiError } from "./errors";

export const GRPC_WEB_CONTENT_TYPE = "application/grpc-web+proto";
const PREFIX_BYTES = 5; // one flags byte, then the length as a big-endian uint32
const TRAILERS_FLAG = 0x80;
const COMPRESSED_FLAG = 0x01;

/** One frame of a gRPC-Web body: a message, or the trailers (`name: value` lines) that end it. */
export interface Frame {
  trailers: boolean;
  body: Uint8Array;
}

/** A message framed for a gRPC-Web request body. */
export function frame(message: Uint8Array): Uint8Array {
  const framed = new Uint8Array(PREFIX_BYTES + message.length);
  new DataView(framed.buffer).setUint32(1, message.length);
  framed.set(message, PREFIX_BYTES);
  return framed;
}

/** Splits a gRPC-Web body arriving in pieces into its frames; a frame may span pieces, a piece hold several. */
export class FrameParser {
  private buffer = new Uint8Array(0);

  /** Feed the next piece; returns the frames it completed. */
  push(piece: Uint8Array): Frame[] {
    const joined = new Uint8Array(this.buffer.length + piece.length);
    joined.set(this.buffer);
    joined.set(piece, this.buffer.length);
    const frames: Frame[] = [];
    let at = 0;
    while (joined.length - at >= PREFIX_BYTES) {
      const view = new DataView(joined.buffer, joined.byteOffset + at, PREFIX_BYTES);
      const flags = view.getUint8(0);
      const length = view.getUint32(1);
      if (joined.length - at - PREFIX_BYTES < length) break;
      if (flags & COMPRESSED_FLAG) {
        throw new StreamUnavailable("the server sent a compressed frame, which this page cannot read");
      }
      const body = joined.slice(at + PREFIX_BYTES, at + PREFIX_BYTES + length);
      frames.push({ trailers: (flags & TRAILERS_FLAG) !== 0, body });
      at += PREFIX_BYTES + length;
    }
    this.buffer = joined.slice(at);
    return frames;
  }

  /** Bytes of a frame not yet complete: not zero at the end of a body that was cut short. */
  get pending(): number {
    return this.buffer.length;
  }
}

/** The trailers frame's `name: value` lines (HTTP/1 header syntax), names in lower case. */
export function parseTrailers(body: Uint8Array): Map<string, string> {
  const trailers = new Map<string, string>();
  for (const line of new TextDecoder().decode(body).split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return trailers;
}

/** The stream could not be used at all (no gRPC-Web on the way, the connection dropped, a body cut short):
 * the page can do the same with the unary calls. Errors the API itself reports are ApiErrors instead. */
export class StreamUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StreamUnavailable";
  }
}

// The statuses that say the stream itself is out of reach, not that the request was wrong: UNKNOWN, UNIMPLEMENTED,
// INTERNAL, UNAVAILABLE (a gateway without the filter, a server restarting). The others the REST call would answer
// the same way, so they are shown, not worked around.
const UNREACHABLE = new Set([2, 12, 13, 14]);

function statusError(code: number, message: string, requestId: string): Error {
  // grpc-message is percent-encoded (the gRPC HTTP/2 spec).
  let text = message;
  try {
    text = decodeURIComponent(message);
  } catch {
    // Not valid percent-encoding: show it as it came.
  }
  if (UNREACHABLE.has(code)) return new StreamUnavailable(text || `the stream ended with gRPC status ${code}`);
  return ApiError.fromGrpc(code, text, "", requestId);
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Calls a gRPC method as gRPC-Web with `messages` (already encoded) as the client's whole stream, and yields
 * each message the server sends as it arrives. Throws an ApiError for an error status the API chose, and a
 * StreamUnavailable when gRPC-Web cannot be used here. */
export async function* grpcWebCall(
  path: string,
  messages: Uint8Array[],
  headers: Record<string, string>,
  signal?: AbortSignal,
): AsyncGenerator<Uint8Array> {
  const body = new Uint8Array(messages.reduce((n, m) => n + PREFIX_BYTES + m.length, 0));
  let at = 0;
  for (const message of messages) {
    body.set(frame(message), at);
    at += PREFIX_BYTES + message.length;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method: "POST",
      headers: { "content-type": GRPC_WEB_CONTENT_TYPE, accept: GRPC_WEB_CONTENT_TYPE, "x-grpc-web": "1", ...headers },
      body,
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new StreamUnavailable(`the stream could not be opened: ${reasonOf(error)}`);
  }
  const requestId = response.headers.get("x-request-id") ?? "";
  // A status in the headers: an error before any message ("trailers-only"), which the filter sends as headers.
  const early = response.headers.get("grpc-status");
  if (early !== null && early !== "0") {
    throw statusError(Number(early), response.headers.get("grpc-message") ?? "", requestId);
  }
  const type = response.headers.get("content-type") ?? "";
  if (!response.ok || !response.body || !type.startsWith("application/grpc-web")) {
    throw new StreamUnavailable(`the gateway answered ${response.status} ${type} to a gRPC-Web call`);
  }
  const reader = response.body.getReader();
  const parser = new FrameParser();
  for (;;) {
    let piece: ReadableStreamReadResult<Uint8Array>;
    try {
      piece = await reader.read();
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new StreamUnavailable(`the stream broke off: ${reasonOf(error)}`);
    }
    if (piece.done) break;
    for (const next of parser.push(piece.value)) {
      if (!next.trailers) {
        yield next.body;
        continue;
      }
      const trailers = parseTrailers(next.body);
      const code = Number(trailers.get("grpc-status") ?? "2");
      if (code !== 0) throw statusError(code, trailers.get("grpc-message") ?? "", requestId);
      return;
    }
  }
  if (early === "0") return; // a trailers-only success: no messages, the status came in the headers
  throw new StreamUnavailable("the stream ended before the server said how it went (no trailers)");
}
