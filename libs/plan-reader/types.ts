// What the plan reader hands the parser: the document as plain text lines (the layout parsePlan
// reads), and — for plans published as tables (任务分解表, 任务清单) — the task rows themselves.

/** The formats a plan arrives in, recognised by content (never by the file name). */
export type PlanFormat = 'txt' | 'html' | 'docx' | 'xlsx' | 'pdf';

/**
 * One row of a task table (序号 | 工作任务 | 具体措施 | 牵头单位 | 配合单位 | 完成时限), cells as
 * written (whitespace collapsed). Columns are found by their headers, not by position.
 */
export interface TaskRow {
  /** 序号 as written ('' when the table has none). */
  number: string;
  /** The group the row belongs to: the 工作任务 / 重点任务 column (often one merged cell over several rows), or a full-width group row. */
  task: string;
  /** The work item itself: 具体措施 / 工作措施 / 任务内容 (or the only text column). */
  measure: string;
  /** 牵头单位 / 责任单位 ('' when not given). */
  lead: string;
  /** 配合单位 / 协办单位 ('' when not given). */
  co: string;
  /** 完成时限 as written ('' when not given). */
  deadline: string;
  /** The suggested due date read from `deadline` (YYYY-MM-DD, Beijing), when it names one. */
  dueDate?: string;
}

export interface PlanDocument {
  format: PlanFormat;
  /** The document as text lines in the layout `parsePlan` reads (task rows rendered as measures). */
  text: string;
  /** Rows of the task tables found, in document order (empty when the plan is prose). */
  taskRows: TaskRow[];
}
