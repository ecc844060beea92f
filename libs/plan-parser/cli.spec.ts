import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runPlanParseCli } from './cli';

const SEED_PATH = path.join(__dirname, '../../seeds/qingdao-2022-work-plan.txt');

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await runPlanParseCli(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { status, stdout, stderr };
}

describe('plan:parse CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'plan-parser-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the plan as indented JSON', async () => {
    const { status, stdout, stderr } = await run([SEED_PATH]);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^\{\n {2}"year": 2022,\n/);
    const plan = JSON.parse(stdout);
    expect(plan.targets).toHaveLength(6);
    expect(plan.chapters).toHaveLength(5);
  });

  it.each<[string, (dir: string) => string[], RegExp]>([
    ['missing argument', () => [], /missing file argument/],
    ['file not found', (d) => [path.join(d, 'nope.txt')], /file not found: .*nope\.txt$/],
    ['a directory', (d) => [d], /is a directory/],
    ['a binary file', (d) => [write(d, 'image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]))], /not a text document/],
    ['an empty file', (d) => [write(d, 'empty.txt', '')], /document is empty/],
    ['unrelated prose', (d) => [write(d, 'prose.txt', '这是一篇普通的文章。')], /no title/],
    ['a plan without measures', (d) => [write(d, 'nomeasures.txt', '某局2022年工作要点\n一、工作\n')], /no numbered measures/],
    ['duplicate codes', (d) => [write(d, 'dup.txt', '某局2022年工作要点\n二、工作\n（一）甲\n1.做甲。\n（一）乙\n1.做乙。\n')], /duplicate code 2\.1$/],
  ])('%s → one line on stderr, exit 1', async (_, args, message) => {
    const { status, stdout, stderr } = await run(args(dir));
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^plan:parse: [^\n]+\n$/);
    expect(stderr.trimEnd()).toMatch(message);
  });
});

function write(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}
