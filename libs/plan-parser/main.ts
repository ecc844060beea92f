// Entry point of `npm run --silent plan:parse -- <file>`: the Plan as JSON on stdout, nothing else.
import { runPlanParseCli } from './cli';

process.exitCode = runPlanParseCli(process.argv.slice(2));
