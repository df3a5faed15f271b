// Uploading a resume: a PDF, Word document (.docx) or text file dropped or chosen, or text pasted; progress
// while it is read, sent and read by SkillGap; the API's reasons in plain words when it cannot be used.
import { useState } from "preact/hooks";
import type { Schemas } from "../api/client";
import { uploadFile, uploadText, type UploadProgress } from "../api/upload";
import { ErrorNote, Page } from "../components";
import { chooseResume } from "../memory";
import { navigate } from "../router";

function progressWords(p: UploadProgress): string {
  if (p.stage === "reading") return `Reading the file… ${Math.round(p.fraction * 100)}%`;
  if (p.stage === "sending") return `Uploading… ${Math.round(p.fraction * 100)}%`;
  return "SkillGap is reading your resume: skills, jobs and dates…";
}

function progressValue(p: UploadProgress): number | undefined {
  if (p.stage === "reading") return p.fraction * 0.2;
  if (p.stage === "sending") return 0.2 + p.fraction * 0.7;
  return undefined; // the server's part has no measure: an indeterminate bar
}

export function UploadForm() {
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [dragging, setDragging] = useState(false);
  const [text, setText] = useState("");

  const run = async (upload: (p: (p: UploadProgress) => void) => Promise<Schemas["UploadResumeResponse"]>) => {
    setError(undefined);
    setProgress({ stage: "reading", fraction: 0 });
    try {
      const { resume, already_existed } = await upload(setProgress);
      if (!resume) throw new Error("the server answered without the resume");
      chooseResume(resume.resume_id);
      navigate(`/resumes/${resume.resume_id}${already_existed ? "?again=1" : ""}`);
    } catch (e) {
      setError(e);
      setProgress(null);
    }
  };

  const take = (files: FileList | null | undefined) => {
    const file = files?.[0];
    if (file) void run((p) => uploadFile(file, p));
  };

  const busy = progress !== null;
  return (
    <div class="upload">
      <div
        class={dragging ? "dropzone dragging" : "dropzone"}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          if (!busy) take(e.dataTransfer?.files);
        }}
      >
        <p>
          <strong>Drop your resume here</strong> (a PDF, a Word document or a text file, up to 10 MiB), or
        </p>
        <label class="button" for="resume-file">
          Choose a file
        </label>
        <input
          id="resume-file"
          class="file-input"
          type="file"
          accept="application/pdf,.pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,.docx,text/plain,.txt,.md"
          disabled={busy}
          onChange={(e) => {
            take(e.currentTarget.files);
            e.currentTarget.value = "";
          }}
        />
      </div>
      <form
        class="paste"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) void run((p) => uploadText(text, p));
        }}
      >
        <label for="resume-text">Or paste your resume as text</label>
        <textarea
          id="resume-text"
          rows={8}
          value={text}
          disabled={busy}
          onInput={(e) => setText(e.currentTarget.value)}
          placeholder={"Jane Doe\nSenior Backend Engineer, Acme, 2021 – present\n…"}
        />
        <button type="submit" disabled={busy || !text.trim()}>
          Read this text
        </button>
      </form>
      <div aria-live="polite">
        {progress && (
          <div class="progress">
            <progress
              aria-label="Upload progress"
              max={1}
              {...(progressValue(progress) !== undefined ? { value: progressValue(progress) } : {})}
            />
            <p role="status">{progressWords(progress)}</p>
          </div>
        )}
      </div>
      {error !== undefined && <ErrorNote error={error} />}
    </div>
  );
}

export function UploadPage() {
  return (
    <Page title="Upload a resume">
      <UploadForm />
    </Page>
  );
}
