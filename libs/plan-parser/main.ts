// Entry point of `npm run --silent plan:parse -- <file>`: the Plan as JSON on stdout, nothing else.
import { runPlanParseCli } from './cli';

void runPlanParseCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
