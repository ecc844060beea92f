// Identities that every layer agrees on.

/** Measure id as used in URLs: `<year>-<code>`, e.g. `2022-2.1.1`. */
export function measureId(year: number, code: string): string {
  return `${year}-${code}`;
}

/** Workflow id of a measure: `measure-<year>-<code>`, e.g. `measure-2022-2.1.1`. */
export function measureWorkflowId(year: number, code: string): string {
  return `measure-${measureId(year, code)}`;
}

const MEASURE_ID = /^(\d{4})-(\d+(?:\.\d+)*)$/;

export function parseMeasureId(id: string): { year: number; code: string } | undefined {
  const m = MEASURE_ID.exec(id);
  return m ? { year: Number(m[1]), code: m[2] } : undefined;
}

/** Event ids are unique per workflow and sequence, so a retried write is recognised. */
export function eventId(workflowId: string, sequence: number): string {
  return `${workflowId}#${sequence}`;
}
