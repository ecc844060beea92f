// The calendar must give the same answers under every TZ: workers and the workflow sandbox may run
// anywhere, and a deadline must not move by a day because a host is set to Los Angeles.
//
// Jest gives each test file a copy of process.env, so assigning process.env.TZ here would not
// reach the runtime's time zone. Each zone therefore runs in a child process started with TZ set,
// loading the TypeScript sources through @swc/core.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { calendarScenario } from './tz-scenario.fixture';

const ZONES = ['Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati', 'UTC'];

/** Lets a child process require the TypeScript sources (aliases included). */
const TS_LOADER = `require(${JSON.stringify(path.join(__dirname, '../../..', 'tools', 'register-ts.cjs'))});`;

function scenarioInTimeZone(zone: string): { localHour: number; answers: ReturnType<typeof calendarScenario> } {
  const fixture = path.join(__dirname, 'tz-scenario.fixture.ts');
  const script = `${TS_LOADER}
const { calendarScenario } = require(${JSON.stringify(fixture)});
// Proof that the zone really applies: the local hour of 2025-01-01T12:00Z differs per zone.
const localHour = new Date(Date.UTC(2025, 0, 1, 12)).getHours();
process.stdout.write(JSON.stringify({ localHour, answers: calendarScenario() }));`;
  const output = execFileSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: zone }, encoding: 'utf8' });
  return JSON.parse(output);
}

describe('time-zone independence', () => {
  it('gives identical answers under TZ = Asia/Shanghai, America/Los_Angeles, Pacific/Kiritimati and UTC', () => {
    const results = ZONES.map(scenarioInTimeZone);

    expect(results.map((r) => r.localHour)).toEqual([20, 4, 2, 12]);
    const inProcess = calendarScenario();
    for (const { answers } of results) expect(answers).toEqual(inProcess);
    expect(inProcess.nationalDay.value).toBe('2025-10-31');
    expect(inProcess.springFestival.value).toBe('2026-02-28');
  });
});
