// Where each cockpit number leads: 全部事项 (/measures) with the filters that list exactly the measures
// it counts (the API applies the same definitions, libs/domain/cockpit.ts). A link always names its
// scope — `lead=` (departments) or `scope=all` — so a leader's default 分管 view never narrows it.

export type ScopeRef = { kind: 'mine'; departments: string[] } | { kind: 'all' };

export function measuresLink(year: number, scope: ScopeRef, filters: Record<string, string> = {}): string {
  const params = new URLSearchParams({ year: String(year) });
  if (filters.lead === undefined) {
    if (scope.kind === 'mine') params.set('lead', scope.departments.join(','));
    else params.set('scope', 'all');
  }
  for (const [key, value] of Object.entries(filters)) params.set(key, value);
  return `/measures?${params.toString().replace(/%2C/g, ',')}`;
}

/** URL query keys 全部事项 reads as list filters (anything else in the URL is ignored). */
export const MEASURE_URL_FILTERS = [
  'year',
  'status',
  'department',
  'light',
  'assignee',
  'q',
  'overdue',
  'escalationLevel',
  'lead',
  'completion',
  'accountability',
  'excludeCancelled',
] as const;

/**
 * Layout of the ranking chart (horizontal bars, one per department in rank order, score axis fixed
 * at 0–100), in pixels: fixed so a bar's place follows from its rank (the browser suite clicks one).
 */
export const RANKING_CHART = { left: 130, right: 40, top: 10, bottom: 30, rowHeight: 36 } as const;

export function rankingChartHeight(rows: number): number {
  return Math.max(1, rows) * RANKING_CHART.rowHeight + RANKING_CHART.top + RANKING_CHART.bottom;
}
