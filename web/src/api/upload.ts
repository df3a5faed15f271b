// Uploading a resume with progress: fetch cannot report how much of a request body was sent, XMLHttpRequest
// can. The body is UploadResume's JSON (the file's bytes in base64), typed from the OpenAPI file.
import { authHeaders, type Schemas } from "./client";
import { ApiError } from "./errors";

export type UploadProgress =
  | { stage: "reading"; fraction: number }
  | { stage: "sending"; fraction: number }
  | { stage: "processing" };

function readAsBase64(file: File, progress: (p: UploadProgress) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => e.lengthComputable && progress({ stage: "reading", fraction: e.loaded / e.total });
    reader.onerror = () => reject(new Error(`the file could not be read: ${reader.error?.message ?? "unknown error"}`));
    // A data: URL is base64 already: the browser encodes it natively, without a string per byte.
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.readAsDataURL(file);
  });
}

function send(
  body: Schemas["UploadResumeRequest"],
  progress: (p: UploadProgress) => void,
): Promise<Schemas["UploadResumeResponse"]> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/resume/upload");
    xhr.setRequestHeader("content-type", "application/json");
    for (const [name, value] of Object.entries(authHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (!e.lengthComputable) return;
      progress(e.loaded < e.total ? { stage: "sending", fraction: e.loaded / e.total } : { stage: "processing" });
    };
    xhr.upload.onload = () => progress({ stage: "processing" });
    xhr.onerror = () => reject(new TypeError("network error"));
    xhr.onload = () => {
      const headers = new Headers();
      const requestId = xhr.getResponseHeader("x-request-id");
      if (requestId) headers.set("x-request-id", requestId);
      let parsed: unknown;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        parsed = undefined;
      }
      if (xhr.status === 200 && parsed) resolve(parsed as Schemas["UploadResumeResponse"]);
      else reject(ApiError.from(new Response(null, { status: xhr.status, headers }), parsed));
    };
    xhr.send(JSON.stringify(body));
  });
}

export async function uploadFile(
  file: File,
  progress: (p: UploadProgress) => void,
): Promise<Schemas["UploadResumeResponse"]> {
  const content = await readAsBase64(file, progress);
  return send({ filename: file.name, content_type: file.type, content }, progress);
}

export function uploadText(
  text: string,
  progress: (p: UploadProgress) => void,
): Promise<Schemas["UploadResumeResponse"]> {
  return send({ filename: "", content_type: "text/plain", text }, progress);
}
