// Roll-ups of the plan tree for the dashboard: lights per chapter and per department, escalations.
import { ESCALATION_LEVELS, type EscalationLevel, type StatusLight } from '@duban/domain';
import type { LightCounts, PlanMeasure, PlanTree } from '../api/types';

export const LIGHT_ORDER: StatusLight[] = ['red', 'yellow', 'green', 'grey', 'done'];

export function emptyCounts(): LightCounts {
  return { red: 0, yellow: 0, green: 0, grey: 0, done: 0 };
}

export function countLights(measures: PlanMeasure[]): LightCounts {
  const counts = emptyCounts();
  for (const m of measures) counts[m.light] += 1;
  return counts;
}

export function allMeasures(tree: PlanTree): PlanMeasure[] {
  return tree.chapters.flatMap((c) => c.sections.flatMap((s) => s.measures));
}

export interface GroupStats {
  key: string;
  lights: LightCounts;
  total: number;
  escalations: Record<EscalationLevel, number>;
}

function statsOf(key: string, measures: PlanMeasure[]): GroupStats {
  const escalations: Record<EscalationLevel, number> = { warning: 0, urging: 0, supervision: 0, accountability: 0 };
  for (const m of measures) {
    const level = ESCALATION_LEVELS.find((l) => l === m.escalationLevel);
    if (level && m.state !== 'completed') escalations[level] += 1;
  }
  return { key, lights: countLights(measures), total: measures.length, escalations };
}

export function byChapter(tree: PlanTree): GroupStats[] {
  return tree.chapters.map((c) => statsOf(c.code, c.sections.flatMap((s) => s.measures)));
}

/** By lead department, or the suggested one while a measure is not assigned yet. */
export function byDepartment(tree: PlanTree): GroupStats[] {
  const groups = new Map<string, PlanMeasure[]>();
  for (const m of allMeasures(tree)) {
    const key = m.leadDepartment ?? m.suggestedDepartmentCode ?? '—';
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups.entries()].map(([key, measures]) => statsOf(key, measures)).sort((a, b) => b.total - a.total);
}
