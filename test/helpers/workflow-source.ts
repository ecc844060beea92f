// One hash over the workflow code (workflows/**/*.ts), recorded with the replay fixtures: a change
// to workflow code after the newest recording is caught by test/workflow-replay.test.ts.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const WORKFLOWS = path.join(__dirname, '..', '..', 'workflows');

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? files(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : []))
    .sort();
}

export function workflowSourceHash(): string {
  const hash = createHash('sha256');
  for (const file of files(WORKFLOWS)) {
    // Line endings normalised, so a checkout with CRLF hashes the same.
    hash.update(path.relative(WORKFLOWS, file).split(path.sep).join('/')).update('\0').update(fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n')).update('\0');
  }
  return hash.digest('hex');
}
