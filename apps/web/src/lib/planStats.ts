// Roll-ups of the plan tree for the dashboard: lights per chapter and per department, escalations.
import type { StatusLight } from '@duban/domain';
import type { LightCounts, PlanMeasure, PlanTree } from '../api/types';

export const LIGHT_ORDER: StatusLight[] = ['red', 'yellow', 'green', 'grey', 'done'];

export function emptyCounts(): LightCounts {
  return { red: 0, yellow: 0, green: 0, grey: 0, done: 0 };
}

/** The light of a measure as the API gives it; before the API computes it, the state decides. */
export function lightOf(measure: PlanMeasure): StatusLight {
  if (measure.light) return measure.light;
  if (measure.state === 'completed') return 'done';
  if (measure.state === 'imported' || measure.state === 'cancelled') return 'grey';
  return 'green';
}

export function countLights(measures: PlanMeasure[]): LightCounts {
  const counts = emptyCounts();
  for (const m of measures) counts[lightOf(m)] += 1;
  return counts;
}

export function allMeasures(tree: PlanTree): PlanMeasure[] {
  return tree.chapters.flatMap((c) => c.sections.flatMap((s) => s.measures));
}

export interface GroupStats {
  key: string;
  lights: LightCounts;
  total: number;
  escalations: Record<'warning' | 'urging' | 'supervision' | 'accountability', number>;
}

function statsOf(key: string, measures: PlanMeasure[]): GroupStats {
  const escalations = { warning: 0, urging: 0, supervision: 0, accountability: 0 };
  for (const m of measures) if (m.escalationLevel && m.state !== 'completed') escalations[m.escalationLevel] += 1;
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
