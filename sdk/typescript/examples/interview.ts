// A streamed mock interview with the SkillGap TypeScript SDK.
//
//   node dist/examples/interview.js HOST:PORT TOKEN JOB_ID RESUME_ID
import { auth, channelCredentials, InterviewServiceClient, type ConverseResponse } from "../src";

const SAMPLE_ANSWER =
  "I would measure first, then change one thing at a time: read the query plan, add an index where it " +
  "scans, cache what is read often, test it, roll it out gradually and watch latency and errors.";

const [target, token, jobId, resumeId] = process.argv.slice(2);
const client = new InterviewServiceClient(target, channelCredentials());
const call = client.converse(auth(token));

call.on("data", ({ interviewId, event }: ConverseResponse) => {
  switch (event?.$case) {
    case "questionDelta": // the question streams in as it is written
      process.stdout.write(event.value.textDelta);
      break;
    case "questionComplete": {
      process.stdout.write("\n");
      const answer = { questionId: event.value.questionId, text: SAMPLE_ANSWER }; // a real app asks the candidate
      call.write({ action: { $case: "answer", value: answer } });
      break;
    }
    case "answerEvaluated":
      console.log(`  score ${event.value.score.toFixed(1)}/10: ${event.value.rationale}`);
      break;
    case "error":
      console.log(`  error ${event.value.reason}: ${event.value.message}`);
      break;
    case "finished": {
      const { overallScore, questions, areasToImprove } = event.value;
      console.log(`Interview ${interviewId}: ${overallScore.toFixed(1)}/10 over ${questions.length} answers`);
      for (const { question, evaluation } of questions) {
        console.log(`  ${question?.questionId} ${evaluation?.score.toFixed(1)}/10 ${question?.text}`);
      }
      for (const { area, advice } of areasToImprove) console.log(`Improve ${area}: ${advice}`);
      call.end(); // done: close our side, the server ends the stream
      break;
    }
  }
});
call.on("error", (error) => {
  console.error(`stream failed: ${error.message}`);
  process.exitCode = 1;
});
call.on("end", () => client.close());

const options = { questionCount: 3, engine: "" }; // "" lets the server choose its interview engine
call.write({ action: { $case: "start", value: { jobId, resumeId, options } } });
