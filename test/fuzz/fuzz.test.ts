// A reduced `npm run fuzz` inside `npm test`: schemathesis against the in-process API, one pass per
// role, few examples per operation (the deterministic coverage phase still tries every documented
// boundary and wrong type of every parameter). Zero 5xx, zero responses off the document.
// The database is shared with the other suites: PUT /calendar/years/{year} is left to `npm run fuzz`
// (it re-plans every open measure, under the other suites' feet), and schemathesis does not reuse ids
// it reads in responses (other suites' measures, whose workers stop when those suites end).
import * as path from 'node:path';
import { repoRoot } from '@duban/runtime';
import { startTestSystem, type TestSystem } from '../helpers/system';
import { FUZZ_USERS, prepareFuzzData, type FuzzData } from './fixtures';
import { provisionSchemathesis, runSchemathesis } from './schemathesis';

const EXAMPLES = 10;
let system: TestSystem;
let python: string;
let data: FuzzData;
const tokens = {} as Record<keyof typeof FUZZ_USERS, string>;

beforeAll(async () => {
  python = provisionSchemathesis();
  system = await startTestSystem('fuzz');
  for (const [role, username] of Object.entries(FUZZ_USERS) as Array<[keyof typeof FUZZ_USERS, string]>) tokens[role] = await system.login(username);
  data = await prepareFuzzData(system.baseUrl, tokens);
}, 180_000);

afterAll(() => system?.stop());

describe('schemathesis over the OpenAPI document', () => {
  it.each(Object.keys(FUZZ_USERS) as Array<keyof typeof FUZZ_USERS>)(
    'as %s: no 5xx, every status, content type and body as documented',
    async (role) => {
      const result = await runSchemathesis(python, {
        label: role,
        baseUrl: system.baseUrl.replace('localhost', '127.0.0.1'),
        token: tokens[role],
        maxExamples: EXAMPLES,
        seed: 20220101,
        reportDir: path.join(repoRoot(), 'test', 'artifacts', 'fuzz-npm-test', role),
        // POST /auth/logout would end the pass's own session (every later request a documented 401).
        // A plan's policy, its suggested departments (a chapter at a time) and its year-end carry-over change what other suites compute with.
        excludeOperations: [
          '^/calendar/years/\\{year\\}$',
          '^/auth/logout$',
          '^/plans/\\{year\\}/policy$',
          '^/plans/\\{year\\}/carry-over$',
          '^/plans/\\{year\\}/suggested-departments$',
        ],
        // Only this suite's measures: other suites' lists name measures whose workers may be gone.
        learnFromResponses: false,
        data,
      });
      const failures = /={3,} (FAILURES|ERRORS) ={3,}[\s\S]*?(?=={3,} WARNINGS|={3,} SUMMARY)/.exec(result.output)?.[0];
      expect({ exitCode: result.exitCode, failures }).toEqual({ exitCode: 0, failures: undefined });
      expect(result.generated).toBeGreaterThan(1000);
    },
    240_000,
  );
});
