// Hostile values for the filters of the list endpoints: SQL injection must stay a plain value,
// and NUL, broken UTF-8, repeated or oversized parameters must be a 400 — never a 5xx.
import type { ApiResponse } from './system';

/** Classic injections: a filter compares them as text, or refuses them as the wrong kind of value. */
export const SQL_INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE measure_events; --",
  '1 OR 1=1',
  "') OR ('x'='x",
  '" OR ""="',
  "1; SELECT pg_sleep(5); --",
  "' UNION SELECT username, password_hash FROM users --",
  '$1',
];

export interface FilterOptions {
  /** Other parameters the route needs (e.g. `kind=supervision`). */
  base?: string;
  /** A free-text filter: injections are plain text that matches nothing; longer than this is a 400. */
  freeText?: { maxLength: number };
}

/**
 * Sends each hostile value for `param` and returns one line per value whose answer was wrong, so a
 * failure names them all: `[]` when the filter holds.
 */
export async function hostileFilterProblems(get: (query: string) => Promise<ApiResponse>, param: string, options: FilterOptions = {}): Promise<string[]> {
  const base = options.base ? `${options.base}&` : '';
  const cases: Array<{ label: string; query: string; expect: 'nothing' | 'refused' | 'not-5xx' }> = [
    ...SQL_INJECTIONS.map((value) => ({ label: value, query: `${param}=${encodeURIComponent(value)}`, expect: options.freeText ? ('nothing' as const) : ('refused' as const) })),
    { label: 'NUL', query: `${param}=a%00b`, expect: 'refused' },
    { label: 'NUL alone', query: `${param}=%00`, expect: 'refused' },
    { label: 'oversized', query: `${param}=${encodeURIComponent('很'.repeat((options.freeText?.maxLength ?? 100) + 1))}`, expect: 'refused' },
    { label: '5000 characters', query: `${param}=${'x'.repeat(5000)}`, expect: 'refused' },
    { label: 'repeated', query: `${param}=1&${param}=2`, expect: 'refused' },
    // Decoded to U+FFFD by the query parser: a plain (unmatched) value or a refusal, never a 500.
    { label: 'broken UTF-8', query: `${param}=%FF%FE`, expect: options.freeText ? 'nothing' : 'refused' },
    { label: 'encoded surrogate', query: `${param}=%ED%A0%80`, expect: options.freeText ? 'nothing' : 'refused' },
    { label: 'bracketed name', query: `${param}[$gt]=`, expect: 'not-5xx' },
  ];
  const problems: string[] = [];
  for (const c of cases) {
    const started = Date.now();
    const r = await get(`${base}${c.query}`);
    const seconds = (Date.now() - started) / 1000;
    const answer = `${r.status} ${String(r.body.code ?? '')}`.trim();
    const ok =
      c.expect === 'refused'
        ? r.status === 400 && r.body.code === 'VALIDATION_FAILED' && typeof r.body.message === 'string'
        : c.expect === 'nothing'
          ? r.status === 200 && (Array.isArray(r.body.items) ? r.body.items.length : -1) === 0
          : r.status < 500 && typeof r.body === 'object';
    if (!ok || seconds > 3) problems.push(`${param} ${c.label}: ${answer} in ${seconds.toFixed(1)} s (expected ${c.expect})`);
  }
  return problems;
}
