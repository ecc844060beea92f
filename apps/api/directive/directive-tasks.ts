// What the directives (批示, 催办, 督办单) leave waiting for the signed-in user, as task-list items.
import type { DirectiveRepository, DirectiveTaskRow } from '@duban/db';
import type { LightVerdict } from '@duban/domain';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { TaskDto, TaskKind } from '../task/task.dto';

export const DIRECTIVE_TASK_LABELS = {
  acknowledgeInstruction: '签收批示',
  answerInstruction: '答复批示',
  signNotice: '签收督办单',
  answerNotice: '报送督办单办理情况',
  answerUrging: '反馈催办',
  followInstruction: '批示待答复',
  followNotice: '督办单待办理',
} as const satisfies Partial<Record<TaskKind, string>>;

interface Lights {
  today: string;
  ofDeadline(dueDate: string, measureId?: string): LightVerdict;
}

/** Heads: their department's instructions and notices; staff: urgings to them; leaders (supervisors): their own instructions (notices) not yet answered. */
export async function directiveTasks(directives: DirectiveRepository, user: AuthenticatedUser, lights: Lights): Promise<TaskDto[]> {
  const who =
    user.role === 'department_head'
      ? { department: user.departmentCode }
      : user.role === 'staff'
        ? { assignee: user.username }
        : user.role === 'leader'
          ? { issuedBy: { username: user.username, kind: 'instruction' as const } }
          : user.role === 'supervisor'
            ? { issuedBy: { username: user.username, kind: 'notice' as const } }
            : undefined;
  if (!who) return [];
  return (await directives.awaiting(who)).map((row) => toTask(row, user, lights));
}

function toTask(row: DirectiveTaskRow, user: AuthenticatedUser, lights: Lights): TaskDto {
  const kind: keyof typeof DIRECTIVE_TASK_LABELS =
    row.kind === 'urging'
      ? 'answerUrging'
      : user.role === 'leader'
        ? 'followInstruction'
        : user.role === 'supervisor'
          ? 'followNotice'
        : row.kind === 'notice'
          ? row.status === 'issued'
            ? 'signNotice'
            : 'answerNotice'
          : row.status === 'issued'
            ? 'acknowledgeInstruction'
            : 'answerInstruction';
  const verdict = lights.ofDeadline(row.dueDate ?? lights.today, row.measureId);
  const label = row.noticeNumber ? `${DIRECTIVE_TASK_LABELS[kind]}（${row.noticeNumber}）` : DIRECTIVE_TASK_LABELS[kind];
  return {
    kind,
    actionLabel: label,
    measureId: row.measureId,
    findingId: null,
    directiveId: row.directiveId,
    title: `${row.measureTitle}：${row.text.length > 40 ? `${row.text.slice(0, 40)}…` : row.text}`,
    dueDate: row.dueDate,
    light: verdict.light,
    lightReasons: verdict.reasons,
  };
}
