// The interview's Converse stream from a browser, over gRPC-Web (grpcweb.ts). A browser sends its whole side of
// a call at once, so each call is one action on the saved session: [start], [resume] to see the question it waits
// on, or [resume, answer]; the server's events stream back as they happen, the question word by word.
//
// The messages' codecs are the ts-proto code generated from proto/skillgap/v1 for the TypeScript SDK (`buf
// generate`), not written here. This module is loaded only when an interview streams (the page imports it
// lazily), so the first page a visitor opens does not download them.
import { signOut } from "../auth";
import {
  type AnswerEvaluation,
  ConverseRequest,
  ConverseResponse,
  difficultyToJSON,
  interviewStateToJSON,
  type Question,
  questionKindToJSON,
  type QuestionStarted,
} from "../../../sdk/typescript/src/generated/skillgap/v1/interview";
import type { Schemas } from "./client";
import { authHeaders } from "./client";
import { ApiError } from "./errors";
import { grpcWebCall } from "./grpcweb";

export { StreamUnavailable } from "./grpcweb";

const CONVERSE = "/skillgap.v1.InterviewService/Converse";

/** What the page shows of a question: the header's facts and the text so far. */
export interface ShownQuestion {
  questionId: string;
  index: number;
  kind: Schemas["QuestionKind"];
  difficulty?: Schemas["Difficulty"];
  followUp: boolean;
  skill?: string;
  reason?: string;
  text: string;
}

/** One thing the server did on the stream, in the page's terms. */
export type LiveEvent = { interviewId: string } & (
  | { type: "session"; state: Schemas["InterviewState"] }
  | { type: "started"; question: ShownQuestion }
  | { type: "delta"; questionId: string; text: string }
  | { type: "complete"; question: ShownQuestion }
  | { type: "evaluated"; evaluation: Schemas["AnswerEvaluation"] }
  | { type: "finished" }
  | { type: "error"; error: ApiError }
);

export type Action =
  | { start: { jobId: string; resumeId: string; questionCount: number } }
  | { resume: string }
  | { answer: { questionId: string; text: string } };

function request(action: Action): ConverseRequest {
  if ("start" in action) {
    const { jobId, resumeId, questionCount } = action.start;
    return { action: { $case: "start", value: { jobId, resumeId, options: { questionCount, engine: "" } } } };
  }
  if ("resume" in action) return { action: { $case: "resume", value: { interviewId: action.resume } } };
  return { action: { $case: "answer", value: action.answer } };
}

// The proto enums' names are the values the REST API's JSON carries (the OpenAPI enums), so the page's words for
// them apply to both.
function shown(q: Question | QuestionStarted, text: string): ShownQuestion {
  return {
    questionId: q.questionId,
    index: q.index,
    kind: questionKindToJSON(q.kind) as Schemas["QuestionKind"],
    difficulty: "difficulty" in q ? (difficultyToJSON(q.difficulty) as Schemas["Difficulty"]) : undefined,
    followUp: q.followUp,
    skill: q.target?.skill?.name || undefined,
    reason: q.target?.reason || undefined,
    text,
  };
}

function evaluation(e: AnswerEvaluation): Schemas["AnswerEvaluation"] {
  return {
    question_id: e.questionId,
    score: e.score,
    points_covered: e.pointsCovered,
    points_missed: e.pointsMissed,
    rationale: e.rationale,
    engine: e.engine,
  };
}

function liveEvent(response: ConverseResponse): LiveEvent | undefined {
  const interviewId = response.interviewId;
  const event = response.event;
  switch (event?.$case) {
    case "session":
      return {
        interviewId,
        type: "session",
        state: interviewStateToJSON(event.value.state) as Schemas["InterviewState"],
      };
    case "questionStarted":
      return { interviewId, type: "started", question: shown(event.value, "") };
    case "questionDelta":
      return { interviewId, type: "delta", questionId: event.value.questionId, text: event.value.textDelta };
    case "questionComplete":
      return { interviewId, type: "complete", question: shown(event.value, event.value.text) };
    case "answerEvaluated":
      return { interviewId, type: "evaluated", evaluation: evaluation(event.value) };
    case "finished":
      return { interviewId, type: "finished" };
    case "error": {
      const { code, message, reason } = event.value;
      return { interviewId, type: "error", error: ApiError.fromGrpc(code, message, reason, "") };
    }
    default:
      return undefined; // an event a newer server added: nothing this page shows
  }
}

/** Runs `actions` as one Converse call and yields the server's events as they arrive. Throws StreamUnavailable
 * when gRPC-Web cannot be used (the page then uses the unary calls), an ApiError for an error status. */
export async function* converse(actions: Action[], signal?: AbortSignal): AsyncGenerator<LiveEvent> {
  const messages = actions.map((action) => ConverseRequest.encode(request(action)).finish());
  try {
    for await (const body of grpcWebCall(CONVERSE, messages, authHeaders(), signal)) {
      const event = liveEvent(ConverseResponse.decode(body));
      if (event) yield event;
    }
  } catch (error) {
    // As for the REST calls: a token that no longer verifies means signing in again.
    if (error instanceof ApiError && error.status === 401) signOut();
    throw error;
  }
}
