import type { StatusLight } from '@duban/domain';

export const TASK_KINDS = ['accept', 'report', 'resubmit', 'rectify', 'review', 'decideExtension', 'assign', 'verify', 'supervise',
  'acknowledgeInstruction', 'answerInstruction', 'signNotice', 'answerNotice', 'answerUrging', 'followInstruction', 'followNotice', 'decideTransfer'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** One thing waiting for the signed-in user. */
export interface TaskDto {
  kind: TaskKind;
  /** What to do, in the words of the process (签收, 审核, 整改 …). */
  actionLabel: string;
  measureId: string;
  findingId: string | null;
  /** The 批示 / 催办 / 督办单 this task is about (its card on the measure page), if any. */
  directiveId?: string;
  /** The measure's title, or the finding's description for a finding task. */
  title: string;
  /** The deadline that applies to this task (for a review: the review SLA date). */
  dueDate: string | null;
  light: StatusLight;
  lightReasons: string[];
}

export interface TaskListDto {
  items: TaskDto[];
}
