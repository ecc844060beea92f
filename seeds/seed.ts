// The seed runner: the sample organization and the 2022 plan, on first run only.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { OrganizationRepository, PlanRepository, SeedRunRepository, type OrganizationData, type PlanImportReport } from '@duban/db';
import { decodePlanBytes, parsePlan } from '@duban/plan-parser';
import { repoRoot } from '@duban/runtime';

/** Shared by every demo login of the sample organization (sample data; change it on a real deployment). */
export const DEMO_PASSWORD = 'duban-demo-2022';
export const SAMPLE_SEED = 'sample-organization-and-2022-plan';

const seedsDir = () => path.join(repoRoot(), 'seeds');

export function sampleOrganization(): OrganizationData {
  return JSON.parse(fs.readFileSync(path.join(seedsDir(), 'organization', 'organization.json'), 'utf8')) as OrganizationData;
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
  const plan = await new PlanRepository(dataSource).importPlan(parsePlan(samplePlanText()), { suggestedLeads: suggestedLeads() });
  await runs.markRun(SAMPLE_SEED);
  return { ...org, plan };
}

/** Demo logins to print at start: one of each role, from the same department where it matters. */
export function demoLogins(): Array<{ username: string; role: string; displayName: string }> {
  const preferred = ['admin', 'air.head', 'air.staff1', 'supervisor1'];
  const users = sampleOrganization().users;
  return preferred
    .map((name) => users.find((u) => u.username === name))
    .filter((u): u is OrganizationData['users'][number] => Boolean(u))
    .map((u) => ({ username: u.username, role: u.role, displayName: u.displayName }));
}
