// The seed runner: the sample organization and the 2022 plan, on first run only.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { AdminAuditRepository, CockpitRepository, generatePassword, hashPassword, OrganizationRepository, PlanRepository, SeedRunRepository, type OrganizationData, type PlanImportReport } from '@duban/db';
import { decodePlanBytes, parsePlan } from '@duban/plan-parser';
import { repoRoot } from '@duban/runtime';

/** Shared by every demo login of the sample organization (sample data; change it on a real deployment). */
export const DEMO_PASSWORD = 'duban-demo-2022';
export const SAMPLE_SEED = 'sample-organization-and-2022-plan';
export const INITIAL_ADMIN_SEED = 'initial-admin';
export const INITIAL_ADMIN = 'admin';
export const INITIAL_ADMIN_PASSWORD_FILE = 'initial-admin-password.txt';

const seedsDir = () => path.join(repoRoot(), 'seeds');

export function sampleOrganization(): OrganizationData {
  return JSON.parse(fs.readFileSync(path.join(seedsDir(), 'organization', 'organization.json'), 'utf8')) as OrganizationData;
}

/** 分管领导 of the sample organization: leader → the business departments they oversee. */
export function sampleLeaderDepartments(): Record<string, string[]> {
  return (JSON.parse(fs.readFileSync(path.join(seedsDir(), 'organization', 'organization.json'), 'utf8')) as { leaderDepartments?: Record<string, string[]> }).leaderDepartments ?? {};
}

export function suggestedLeads(): Record<string, string> {
  const file = JSON.parse(fs.readFileSync(path.join(seedsDir(), 'organization', 'suggested-leads.json'), 'utf8')) as { leads: Record<string, string> };
  return file.leads;
}

export function samplePlanText(): string {
  return decodePlanBytes(fs.readFileSync(path.join(seedsDir(), 'qingdao-2022-work-plan.txt')));
}

export interface SeedResult {
  departments: number;
  users: number;
  plan: PlanImportReport;
}

/** Seeds the sample organization and the 2022 plan once; later calls return undefined. */
export async function seedFirstRun(dataSource: DataSource): Promise<SeedResult | undefined> {
  const runs = new SeedRunRepository(dataSource);
  if (await runs.hasRun(SAMPLE_SEED)) return undefined;
  const org = await new OrganizationRepository(dataSource).addMissing(sampleOrganization(), DEMO_PASSWORD);
  for (const [leader, departments] of Object.entries(sampleLeaderDepartments())) await new CockpitRepository(dataSource).addLeaderDepartments(leader, departments);
  const plan = await new PlanRepository(dataSource).importPlan(parsePlan(samplePlanText()), { suggestedLeads: suggestedLeads() });
  await runs.markRun(SAMPLE_SEED);
  return { ...org, plan };
}

/** Demo logins to print at start: one of each role, and a head of another department (who must be refused air's work). */
export function demoLogins(): Array<{ username: string; role: string; displayName: string }> {
  const preferred = ['admin', 'leader1', 'air.head', 'air.staff1', 'water.head', 'supervisor1'];
  const users = sampleOrganization().users;
  return preferred
    .map((name) => users.find((u) => u.username === name))
    .filter((u): u is OrganizationData['users'][number] => Boolean(u))
    .map((u) => ({ username: u.username, role: u.role, displayName: u.displayName }));
}

/**
 * Demo data only where nobody mistakes it for real: on the embedded default (no DATABASE_URL) or
 * when DUBAN_DEMO=1 asks for it. Anything else is a real bureau's database.
 */
export function demoWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.DATABASE_URL || env.DUBAN_DEMO === '1';
}

export type StartSeed =
  | { kind: 'demo'; seeded: SeedResult | undefined }
  | { kind: 'initial-admin'; admin: InitialAdmin | undefined };

/** What `npm start` seeds on first run: the demo organization and plan, or one one-time admin. */
export async function seedOnStart(dataSource: DataSource, options: { demo: boolean; dataDir: string }): Promise<StartSeed> {
  if (options.demo) return { kind: 'demo', seeded: await seedFirstRun(dataSource) };
  return { kind: 'initial-admin', admin: await seedInitialAdmin(dataSource, options.dataDir) };
}

export interface InitialAdmin {
  username: string;
  /** The 0600 file holding the one-time password (the password itself is never logged). */
  passwordFile: string;
}

/**
 * On a real deployment's first start: one `admin` (in 办公室) with a random one-time password,
 * written to a file only its owner can read, which must be changed at first sign-in. Nothing when
 * it ran before or an admin exists already (e.g. people imported by hand).
 */
export async function seedInitialAdmin(dataSource: DataSource, dataDir: string): Promise<InitialAdmin | undefined> {
  const runs = new SeedRunRepository(dataSource);
  if (await runs.hasRun(INITIAL_ADMIN_SEED)) return undefined;
  const [{ admins }]: Array<{ admins: number }> = await dataSource.query(`SELECT count(*)::int AS admins FROM users WHERE role = 'admin'`);
  if (admins > 0) {
    await runs.markRun(INITIAL_ADMIN_SEED);
    return undefined;
  }
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  fs.mkdirSync(dataDir, { recursive: true });
  const passwordFile = path.resolve(dataDir, INITIAL_ADMIN_PASSWORD_FILE);
  // Written before the account exists, so a crash in between never leaves an admin nobody can use.
  fs.rmSync(passwordFile, { force: true });
  fs.writeFileSync(
    passwordFile,
    `duban 初始管理员 / initial admin\n用户名 username: ${INITIAL_ADMIN}\n一次性密码 one-time password: ${password}\n首次登录后须修改密码；修改后请删除本文件。\nChange it at first sign-in, then delete this file.\n`,
    { mode: 0o600, flag: 'wx' },
  );
  fs.chmodSync(passwordFile, 0o600);
  try {
    await dataSource.transaction(async (m) => {
      await m.query(`INSERT INTO departments (code, name, kind) VALUES ('office', '办公室', 'business') ON CONFLICT (code) DO NOTHING`);
      await new OrganizationRepository(dataSource).insertUser(m, {
        username: INITIAL_ADMIN,
        displayName: '系统管理员',
        role: 'admin',
        departmentCode: 'office',
        email: null,
        mobile: null,
        passwordHash,
        mustChangePassword: true,
      });
      await new AdminAuditRepository(dataSource).record(
        { actorId: 'system', actorRole: 'system', action: 'user.create', target: `user:${INITIAL_ADMIN}`, after: { username: INITIAL_ADMIN, role: 'admin', departmentCode: 'office', mustChangePassword: true, source: 'first-start' } },
        m,
      );
      await m.query('INSERT INTO seed_runs (name) VALUES ($1) ON CONFLICT DO NOTHING', [INITIAL_ADMIN_SEED]);
    });
  } catch (error) {
    fs.rmSync(passwordFile, { force: true });
    throw error;
  }
  return { username: INITIAL_ADMIN, passwordFile };
}
