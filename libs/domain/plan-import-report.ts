// What a plan import changed: shared by the repository that computes it and every reader of it.

export type PlanItemKind = 'plan' | 'target' | 'chapter' | 'section' | 'measure';

export interface PlanChange {
  kind: PlanItemKind;
  code: string;
  /** Which fields differ from what was stored, e.g. ['title', 'body', 'quantities']. */
  fields: string[];
}

export interface PlanImportReport {
  year: number;
  title: string;
  /** True when the year had no plan before this import. */
  createdPlan: boolean;
  created: Array<{ kind: PlanItemKind; code: string }>;
  updated: PlanChange[];
  /** Stored items the new document no longer has; kept (their history matters), only reported. */
  missing: Array<{ kind: PlanItemKind; code: string }>;
  unchanged: number;
  counts: { targets: number; chapters: number; sections: number; measures: number };
}

/**
 * A measure's text as stored: its body, then its checklist (（1）（2）… sub-items the parser keeps
 * apart) one per line, numbered as the document numbers them — so no sub-task is lost on import.
 */
export function storedMeasureBody(measure: { body: string; subItems?: readonly string[] }): string {
  const checklist = (measure.subItems ?? []).map((item, i) => `（${i + 1}）${item}`);
  return [measure.body.trim(), ...checklist].filter((line) => line.length > 0).join('\n');
}
