// A Node.js client of the live interview, as an app built on @grpc/grpc-js would write it: load the protos,
// open InterviewService.Converse, start, answer every question as it completes, print what happened as JSON.
//
//   node tests/interview/node_client.mjs TARGET TOKEN JOB_ID RESUME_ID
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const require = createRequire(import.meta.url);
const grpc = require("@grpc/grpc-js");
const protoLoader = require("@grpc/proto-loader");

const [target, token, jobId, resumeId] = process.argv.slice(2);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const definition = protoLoader.loadSync("skillgap/v1/interview.proto", {
  includeDirs: [path.join(root, "proto"), path.join(root, "proto/third_party")],
  keepCase: true,
  defaults: true,
  enums: String,
  oneofs: true,
});
const skillgap = grpc.loadPackageDefinition(definition).skillgap.v1;
const client = new skillgap.InterviewService(target, grpc.credentials.createInsecure());
const metadata = new grpc.Metadata();
metadata.add("authorization", `Bearer ${token}`);

const summary = { questions: [], deltas: 0, evaluations: [], feedback: null, errors: [] };
const call = client.Converse(metadata);
const answer =
  "I would measure first, then change one thing at a time: read the query plan, add an index where it scans, " +
  "cache what is read often, test it, roll it out gradually and watch latency and errors on the dashboards.";

call.on("data", (event) => {
  switch (event.event) {
    case "question_delta":
      summary.deltas += 1;
      break;
    case "question_complete": {
      const q = event.question_complete;
      summary.questions.push({ id: q.question_id, kind: q.kind, follow_up: q.follow_up, text: q.text });
      call.write({ answer: { question_id: q.question_id, text: answer } });
      break;
    }
    case "answer_evaluated":
      summary.evaluations.push(event.answer_evaluated.score);
      break;
    case "finished":
      summary.feedback = { overall: event.finished.overall_score, final: event.finished.final,
                           answered: event.finished.questions.length };
      call.end();
      break;
    case "error":
      summary.errors.push(event.error.reason);
      break;
  }
});
call.on("error", (err) => {
  console.log(JSON.stringify({ ...summary, stream_error: err.message }));
  process.exit(1);
});
call.on("end", () => {
  console.log(JSON.stringify(summary));
  client.close();
});
call.write({ start: { job_id: jobId, resume_id: resumeId, options: { question_count: 3 } } });
