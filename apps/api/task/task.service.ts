import { Injectable } from '@nestjs/common';
import { DirectiveRepository, TaskRepository, type TaskFindingRow, type TaskMeasureRow } from '@duban/db';
import { STATUS_LIGHTS, type LightVerdict } from '@duban/domain';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { directiveTasks, DIRECTIVE_TASK_LABELS } from '../directive/directive-tasks';
import { CalendarService } from '../calendar/calendar.service';
import { LightReader } from '../measure/light-reader';
import type { TaskDto, TaskKind, TaskListDto } from './task.dto';

const ACTION_LABELS: Record<TaskKind, string> = {
  accept: '签收',
  report: '报送进展',
  resubmit: '修改后重新提交',
  rectify: '整改',
  review: '审核',
  decideExtension: '审批延期',
  assign: '交办',
  verify: '复查',
  supervise: '督办',
  decideTransfer: '审批移交',
  ...DIRECTIVE_TASK_LABELS,
};

/** A measure to 交办 that no department owns yet (no lead, no suggested department). */
const UNOWNED_ASSIGN_LABEL = '交办（未定牵头处室）';

/** Urgency of a light in a task list: red first, finished last. */
const LIGHT_RANK = Object.fromEntries(STATUS_LIGHTS.map((light, i) => [light, i])) as Record<TaskDto['light'], number>;

/** What waits for whom, by role (DESIGN.md "Who uses it"); most urgent first. */
@Injectable()
export class TaskService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly calendar: CalendarService,
    private readonly directives: DirectiveRepository,
  ) {}

  async tasksOf(user: AuthenticatedUser): Promise<TaskListDto> {
    const lights = await LightReader.open(this.calendar);
    const measureTask = (kind: TaskKind, row: TaskMeasureRow, actionLabel = ACTION_LABELS[kind]): TaskDto =>
      task(kind, actionLabel, row.id, null, row.title, row.dueDate, lights.of(row));
    const findingTask = (kind: TaskKind, row: TaskFindingRow): TaskDto =>
      task(kind, ACTION_LABELS[kind], row.measureId, row.findingId, row.description, row.dueDate, lights.ofDeadline(row.dueDate, row.measureId));
    const reviewTask = (row: TaskMeasureRow): TaskDto => {
      // A review is due when its SLA runs out, whatever the measure's own due date.
      const due = row.submittedOn ? lights.addWorkingDays(row.submittedOn, lights.policyFor(row.id).reviewSlaDays) : row.dueDate;
      return task('review', ACTION_LABELS.review, row.id, null, row.title, due, due ? lights.ofDeadline(due, row.id) : lights.of(row));
    };

    let items: TaskDto[] = [];
    switch (user.role) {
      case 'staff': {
        const [assigned, working, returned, findings] = await Promise.all([
          this.tasks.measuresAssignedTo(user.username, ['assigned']),
          this.tasks.measuresAssignedTo(user.username, ['in_progress']),
          this.tasks.measuresAssignedTo(user.username, ['returned']),
          this.tasks.findingsAssignedTo(user.username, 'open'),
        ]);
        items = [
          ...assigned.map((r) => measureTask('accept', r)),
          ...working.map((r) => measureTask('report', r)),
          ...returned.map((r) => measureTask('resubmit', r)),
          ...findings.map((r) => findingTask('rectify', r)),
        ];
        break;
      }
      case 'department_head': {
        const [reviews, extensions, unassigned, unowned] = await Promise.all([
          this.tasks.measuresUnderReview(user.username, user.departmentCode),
          this.tasks.measuresWithPendingExtension(user.username, user.departmentCode),
          this.tasks.unassignedSuggestedTo(user.departmentCode),
          // No department owns these yet: every head sees them (a leader decides who leads).
          this.tasks.unassignedWithoutDepartment(),
        ]);
        const transfers = await this.tasks.transfersAskedOf(user.departmentCode);
        items = [
          ...transfers.map((r) => measureTask('decideTransfer', r)),
          ...reviews.map(reviewTask),
          ...extensions.map((r) => measureTask('decideExtension', r)),
          ...unassigned.map((r) => measureTask('assign', r)),
          ...unowned.map((r) => measureTask('assign', r, UNOWNED_ASSIGN_LABEL)),
        ];
        break;
      }
      case 'leader': {
        // 待交办 that no department owns (未定牵头处室): a leader sets its department or assigns it.
        const unowned = await this.tasks.unassignedWithoutDepartment();
        items = [...unowned.map((r) => measureTask('assign', r, UNOWNED_ASSIGN_LABEL))];
        break;
      }
      case 'supervisor': {
        const [submitted, escalated] = await Promise.all([
          this.tasks.findingsWithStatus('submitted'),
          this.tasks.measuresEscalatedTo(['supervision', 'accountability']),
        ]);
        items = [
          ...submitted.map((r) => findingTask('verify', r)),
          ...escalated.map((r) => measureTask('supervise', r, r.escalationLevel === 'accountability' ? '问责' : '督办')),
        ];
        break;
      }
      case 'admin':
        // Admins import plans and manage people; no measure work waits for them.
        break;
    }
    // 批示 / 督办单 to sign for and answer, 催办 to answer, a leader's instructions awaiting an answer.
    items = [...items, ...(await directiveTasks(this.directives, user, lights))];
    return { items: items.sort(byUrgency) };
  }
}

function task(kind: TaskKind, actionLabel: string, measureId: string, findingId: string | null, title: string, dueDate: string | null, verdict: LightVerdict): TaskDto {
  return { kind, actionLabel, measureId, findingId, title, dueDate, light: verdict.light, lightReasons: verdict.reasons };
}

function byUrgency(a: TaskDto, b: TaskDto): number {
  return (
    LIGHT_RANK[a.light] - LIGHT_RANK[b.light] ||
    (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31') ||
    a.measureId.localeCompare(b.measureId) ||
    (a.findingId ?? '').localeCompare(b.findingId ?? '')
  );
}
