// Schemathesis (PyPI) for the fuzz runs: provisioned once per machine into a Python venv in the
// per-user cache, then run against a duban API on loopback from its own OpenAPI document.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheDir, findOnPath, PrerequisiteError } from '@duban/runtime';
import { installAtomically } from '../../libs/runtime/provision/install-dir';
import type { FuzzData } from './fixtures';

export const SCHEMATHESIS_VERSION = '4.32.5';

/**
 * What every fuzz run checks on every response: no 5xx, the status code, content type and body
 * are the documented ones (errors included: `{statusCode, code, message}`).
 */
export const FUZZ_CHECKS = ['not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance'];

export function schemathesisDir(): string {
  return path.join(cacheDir(), `schemathesis-${SCHEMATHESIS_VERSION}`);
}

function tail(output: string, lines = 6): string {
  return output.trim().split('\n').slice(-lines).join('\n');
}

/**
 * The venv's python with schemathesis installed (run as `python -m schemathesis.cli`, which keeps
 * working after the staging directory is renamed into place; the `st` script's shebang would not).
 */
export function provisionSchemathesis(): string {
  const dir = schemathesisDir();
  const python = path.join(dir, 'bin', 'python');
  if (fs.existsSync(path.join(dir, '.installed'))) return python;

  const python3 = findOnPath('python3');
  if (!python3) {
    throw new PrerequisiteError('python3 (with venv and pip) is needed for the fuzz run: install it (e.g. `apt-get install python3-venv python3-pip`) or put `python3` on PATH');
  }
  console.error(`duban: installing schemathesis ${SCHEMATHESIS_VERSION} from PyPI into ${dir} (once per machine)…`);
  installAtomically(dir, (staging) => {
    const venv = spawnSync(python3, ['-m', 'venv', staging], { encoding: 'utf8' });
    if (venv.status !== 0) {
      throw new PrerequisiteError(
        `\`python3 -m venv\` failed: install Python's venv and pip (e.g. \`apt-get install python3-venv python3-pip\`)\n${tail(`${venv.stdout}${venv.stderr}`)}`,
      );
    }
    const pip = spawnSync(path.join(staging, 'bin', 'python'), ['-m', 'pip', 'install', '--disable-pip-version-check', '-q', `schemathesis==${SCHEMATHESIS_VERSION}`], {
      encoding: 'utf8',
    });
    if (pip.status !== 0) {
      throw new PrerequisiteError(`could not install schemathesis==${SCHEMATHESIS_VERSION} with pip (does pip reach PyPI?)\n${tail(`${pip.stdout}${pip.stderr}`)}`);
    }
    fs.writeFileSync(path.join(staging, '.installed'), `schemathesis==${SCHEMATHESIS_VERSION}\n`);
  });
  return python;
}

export interface FuzzPass {
  /** Names the pass in the report folder and output (e.g. `admin`). */
  label: string;
  /** http://127.0.0.1:<port>: only loopback targets are ever fuzzed. */
  baseUrl: string;
  token?: string;
  maxExamples: number;
  seed: number;
  /** Reports (JUnit XML, the JSON run report, the failing cases as a pytest file) go here. */
  reportDir: string;
  /** Operations to leave out, as `METHOD /path` regular expressions over schemathesis' labels. */
  excludeOperations?: string[];
  phases?: string[];
  workers?: number;
  /** Real ids to use (half of the time) for path and query parameters, so requests reach the workflows. */
  data?: FuzzData;
  /**
   * Let schemathesis reuse values it read in responses (ids from lists) as inputs. Off where the
   * database is shared with other suites, whose measures' workers come and go.
   */
  learnFromResponses?: boolean;
  /** Echo schemathesis' output to this process' stdout as it runs. */
  echo?: boolean;
  /** Stops schemathesis (SIGTERM) when aborted. */
  signal?: AbortSignal;
}

export interface FuzzResult {
  label: string;
  exitCode: number;
  /** Test cases (requests) schemathesis reports it generated. */
  generated: number;
  command: string;
  output: string;
}

const LOOPBACK = /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+$/;

/** schemathesis.toml for a pass: dictionaries of real ids bound to the path and query parameters. */
export function schemathesisConfig(data: FuzzData | undefined, learnFromResponses = true): string {
  const lines: string[] = [];
  if (!learnFromResponses) {
    for (const phase of ['examples', 'coverage', 'fuzzing']) lines.push(`[phases.${phase}.extra-data-sources]`, 'responses = false', '');
  }
  if (!data) return lines.join('\n');
  const list = (values: Array<string | number>) => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
  const bind = (dictionary: string) => `{ dictionary = "${dictionary}", probability = 0.5 }`;
  const dictionaries = { measureIds: data.measureIds, findingIds: data.findingIds, notificationIds: data.notificationIds, years: data.years, extensionNumbers: [1] };
  for (const [name, values] of Object.entries(dictionaries)) {
    if (values.length > 0) lines.push(`[dictionaries.${name}]`, `values = ${list(values)}`, '');
  }
  lines.push('[parameters]', `"path.year" = ${bind('years')}`, `"query.year" = ${bind('years')}`, `"path.n" = ${bind('extensionNumbers')}`, '');
  for (const [prefix, dictionary] of [
    ['/measures/', 'measureIds'],
    ['/findings/', 'findingIds'],
    ['/notifications/', 'notificationIds'],
  ] as const) {
    if (!(dictionaries[dictionary].length > 0)) continue;
    lines.push('[[operations]]', `include-path-regex = "^${prefix}"`, `parameters = { "path.id" = ${bind(dictionary)} }`, '');
  }
  return lines.join('\n');
}

export function schemathesisArgs(pass: FuzzPass, configFile?: string): string[] {
  if (!LOOPBACK.test(pass.baseUrl)) throw new Error(`refusing to fuzz ${pass.baseUrl}: only loopback targets`);
  const args = [
    ...(configFile ? ['--config-file', configFile] : []),
    'run',
    `${pass.baseUrl}/docs-json`,
    '--url',
    pass.baseUrl,
    '--checks',
    FUZZ_CHECKS.join(','),
    '--max-examples',
    String(pass.maxExamples),
    '--seed',
    String(pass.seed),
    '--phases',
    (pass.phases ?? ['examples', 'coverage', 'fuzzing']).join(','),
    // One worker: schemathesis' threads trip a CPython 3.11 bug in concurrent ast.parse
    // ("AST constructor recursion depth mismatch"), and the API shares these 2 cores anyway.
    '--workers',
    String(pass.workers ?? 1),
    '--request-timeout',
    '30',
    '--continue-on-failure',
    '--suppress-health-check',
    'all',
    '--report',
    'junit,json,pytest',
    '--report-dir',
    pass.reportDir,
    '--no-color',
    '--output-truncate',
    'false',
  ];
  if (pass.token) args.push('--header', `Authorization: Bearer ${pass.token}`);
  for (const pattern of pass.excludeOperations ?? []) args.push('--exclude-path-regex', pattern);
  return args;
}

/** Runs one pass; resolves with schemathesis' exit code and how many requests it generated. */
export function runSchemathesis(python: string, pass: FuzzPass): Promise<FuzzResult> {
  fs.rmSync(pass.reportDir, { recursive: true, force: true }); // one run's reports per folder
  fs.mkdirSync(pass.reportDir, { recursive: true });
  const configFile = path.join(pass.reportDir, 'schemathesis.toml');
  fs.writeFileSync(configFile, schemathesisConfig(pass.data, pass.learnFromResponses));
  const args = schemathesisArgs(pass, configFile);
  const command = ['st', ...args].map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ').replace(/Bearer [\w.-]+/, 'Bearer <token>');
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['-m', 'schemathesis.cli', ...args], {
      cwd: pass.reportDir, // its caches (.schemathesis/, .hypothesis/) stay with the reports
      env: { ...process.env, NO_COLOR: '1', PYTHONUNBUFFERED: '1', SCHEMATHESIS_HOOKS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: pass.signal,
    });
    // Generating cases is CPU-bound: yield to the API and to the other suites sharing these 2 cores.
    if (child.pid) os.setPriority(child.pid, 10);
    let output = '';
    const take = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      if (pass.echo) process.stdout.write(text);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.once('error', (error) => {
      if (error.name !== 'AbortError') reject(error); // aborted: 'exit' follows and resolves
    });
    child.once('exit', (code, signal) => {
      fs.writeFileSync(path.join(pass.reportDir, 'output.txt'), output);
      resolve({ label: pass.label, exitCode: code ?? (signal ? 1 : 0), generated: generatedCount(pass.reportDir, output), command, output });
    });
  });
}

/** Test cases generated, from the JSON run report (or the "Test cases: N generated" summary line). */
export function generatedCount(reportDir: string, output: string): number {
  const report = fs.readdirSync(reportDir).find((f) => /^json-.*\.json$/.test(f));
  if (report) {
    const parsed = JSON.parse(fs.readFileSync(path.join(reportDir, report), 'utf8')) as { test_cases?: { generated?: number } };
    if (typeof parsed.test_cases?.generated === 'number') return parsed.test_cases.generated;
  }
  const match = /Test cases:\s*(\d+) generated/.exec(output);
  return match ? Number(match[1]) : 0;
}
