// Dates as the bureau writes them: YYYY-MM-DD (and HH:mm, Beijing time, for timeline entries).

export function beijingDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function beijingDay(iso: string | null | undefined): string {
  return iso ? beijingDateTime(iso).slice(0, 10) : '—';
}

/** The month a bulletin covers by default: this month, YYYY-MM. */
export function currentMonth(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
}

export function percentText(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(value * 10) / 10}%`;
}
