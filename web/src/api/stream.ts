// A server-streaming RPC through the gateway's transcoder arrives as one JSON array written message by
// message (`[{...}` then `,{...}` ... `]`). This reads the array as it comes and hands over each message once
// it is complete, so the page can show an answer while the server is still writing it.
import { ApiError } from "./errors";

/** Splits a JSON array arriving in pieces into its top-level elements' text. */
export class JsonArraySplitter {
  private buffer = "";
  private depth = 0; // nesting inside the array: 0 between elements
  private inString = false;
  private escaped = false;
  private started = false;
  private elementStart = -1;
  private scanned = 0;

  /** Feed the next piece; returns the elements it completed. */
  push(piece: string): string[] {
    this.buffer += piece;
    const done: string[] = [];
    for (let i = this.scanned; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === "\\") this.escaped = true;
        else if (c === '"') this.inString = false;
        continue;
      }
      if (!this.started) {
        if (c === "[") this.started = true;
        else if (c !== undefined && !/\s/.test(c)) throw new Error("the answer stream is not a JSON array");
        continue;
      }
      if (c === '"') {
        this.inString = true;
        if (this.depth === 0) this.elementStart = i;
      } else if (c === "{" || c === "[") {
        if (this.depth === 0) this.elementStart = i;
        this.depth++;
      } else if (c === "}" || c === "]") {
        if (this.depth === 0) continue; // the array's own closing bracket
        this.depth--;
        if (this.depth === 0) {
          done.push(this.buffer.slice(this.elementStart, i + 1));
          this.elementStart = -1;
        }
      }
    }
    // Keep only what an unfinished element still needs.
    const keepFrom = this.elementStart >= 0 ? this.elementStart : this.buffer.length;
    this.buffer = this.buffer.slice(keepFrom);
    if (this.elementStart >= 0) this.elementStart = 0;
    this.scanned = this.buffer.length;
    return done;
  }
}

/** POSTs `body` to a server-streaming endpoint and yields each message as it arrives. */
export async function* streamJson<T>(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  signal?: AbortSignal,
): AsyncGenerator<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", ...headers },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok || !response.body) throw await ApiError.fromResponse(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const splitter = new JsonArraySplitter();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    for (const element of splitter.push(value)) {
      const message: unknown = JSON.parse(element);
      // An error after the first message arrives as a google.rpc.Status element of the array.
      const status = message as { code?: unknown; message?: unknown };
      if (typeof status.code === "number" && typeof status.message === "string") {
        throw ApiError.from(response, message);
      }
      yield message as T;
    }
  }
}
