import { checkTransition, type MeasureCommand, type MeasureState, type TransitionCheck } from './lifecycle';
import type { Actor } from './measure-event';
import type { TransferRequest } from './measure-snapshot';
import { deputyConflictProblem } from './delegation';

/** Commands only the measure's own assignee may run, whatever their role. */
const ASSIGNEE_ONLY: ReadonlySet<MeasureCommand> = new Set(['accept', 'submitForReview', 'requestExtension', 'decline', 'completeMilestone']);

/** Commands a department head runs only on measures of their own department (leaders anywhere). */
const DEPARTMENT_BOUND: ReadonlySet<MeasureCommand> = new Set(['assign', 'reassign', 'approve', 'returnForRework', 'decideExtension', 'requestTransfer']);

/** What the authority rules need to know of a measure. */
export interface MeasureFacts {
  state: MeasureState;
  assigneeId?: string | null;
  leadDepartment?: string | null;
  coDepartments?: readonly string[];
  /** The department the plan suggests for an unassigned measure. */
  suggestedDepartmentCode?: string | null;
  /** The latest transfer (移交) asked for, if any. */
  transfer?: Pick<TransferRequest, 'toDepartment' | 'status'> | null;
}

export type RefusalReason = 'wrong_state' | 'wrong_role' | 'wrong_person' | 'wrong_department';

export type CommandCheck = TransitionCheck | { ok: false; reason: 'wrong_person' | 'wrong_department'; message: string };

/** The department that answers for a measure: its lead department, or (unassigned) the suggested one. */
export function owningDepartment(measure: Pick<MeasureFacts, 'leadDepartment' | 'suggestedDepartmentCode'>): string | null {
  return measure.leadDepartment ?? measure.suggestedDepartmentCode ?? null;
}

/**
 * Role and state rules of the lifecycle, then authority by the organization: a department head acts
 * only on measures their department leads (or, unassigned, is suggested for); only the assignee does
 * the work, except that staff of a co-operating department (协办) may report progress notes.
 */
export function checkCommand(
  measure: MeasureFacts,
  command: MeasureCommand,
  actor: Actor,
  /** Off only to replay workflow histories recorded before authority followed departments. */
  options: { departmentBound: boolean } = { departmentBound: true },
): CommandCheck {
  const transition = checkTransition(measure.state, command, actor.role);
  if (!transition.ok) return transition;
  if (options.departmentBound && DEPARTMENT_BOUND.has(command) && actor.role === 'department_head') {
    const owner = owningDepartment(measure);
    if (!owner || !actor.department || owner !== actor.department) {
      return { ok: false, reason: 'wrong_department', message: '本事项不属于您所在处室，只有牵头处室负责人或局领导可以办理' };
    }
  }
  // A transfer is decided by the department asked to take the measure over (or a leader): 推诿 needs its consent.
  if (command === 'decideTransfer' && actor.role === 'department_head') {
    const target = measure.transfer?.status === 'pending' ? measure.transfer.toDepartment : null;
    if (target && actor.department !== target) {
      return { ok: false, reason: 'wrong_department', message: '只有接收处室的负责人或局领导可以审批移交' };
    }
  }
  // A deputy acting for the head never decides on their own work.
  const conflict = deputyConflictProblem(actor, command, measure);
  if (conflict) return { ok: false, ...conflict };
  if (ASSIGNEE_ONLY.has(command) && measure.assigneeId !== actor.userId) {
    return { ok: false, reason: 'wrong_person', message: '只有本事项的承办人可以进行此操作' };
  }
  if (command === 'reportProgress' && measure.assigneeId !== actor.userId && !isCoDepartmentStaff(measure, actor)) {
    return { ok: false, reason: 'wrong_person', message: '只有本事项的承办人或配合处室人员可以报送进展' };
  }
  return transition;
}

/** Staff of a department co-operating on the measure (协办): they may add progress notes, not submit. */
export function isCoDepartmentStaff(measure: MeasureFacts, actor: Actor): boolean {
  return actor.role === 'staff' && !!actor.department && (measure.coDepartments ?? []).includes(actor.department);
}

/** The person an assignment names, as the organization's directory knows them. */
export interface AssigneeFacts {
  userId: string;
  role: string;
  department: string;
  active: boolean;
}

/**
 * Who may assign to whom: the assignee must be an active staff member of the lead department; a
 * head keeps the measure in their own department (a leader may give it to any department); an
 * administrator only records work already under way (a backdated assignment).
 */
export function assignmentAuthorityProblem(
  actor: Actor,
  input: { assigneeId: string; leadDepartment: string; assignedOn?: string; backdateReason?: string },
  assignee: AssigneeFacts | undefined,
): { reason: 'wrong_role' | 'wrong_department' | 'invalid_input'; message: string } | undefined {
  const backdated = input.assignedOn !== undefined || input.backdateReason !== undefined;
  if (backdated && actor.role !== 'admin' && actor.role !== 'leader') {
    return { reason: 'wrong_role', message: '补录已在办理的工作（填写交办日期）只能由局领导或系统管理员操作' };
  }
  if (actor.role === 'admin' && !backdated) {
    return { reason: 'wrong_role', message: '系统管理员只能补录已在办理的工作（须填写交办日期和补录原因）；日常交办由处室负责人或局领导操作' };
  }
  if (actor.role === 'department_head' && input.leadDepartment !== actor.department) {
    return { reason: 'wrong_department', message: '处室负责人只能交办给本处室；跨处室交办须由局领导决定' };
  }
  if (!assignee || assignee.userId !== input.assigneeId) return { reason: 'invalid_input', message: `承办人 ${input.assigneeId} 不存在` };
  if (!assignee.active) return { reason: 'invalid_input', message: `承办人 ${input.assigneeId} 已停用，不能交办` };
  if (assignee.role !== 'staff') return { reason: 'invalid_input', message: '承办人必须是承办人员（staff）' };
  if (assignee.department !== input.leadDepartment) return { reason: 'invalid_input', message: `承办人 ${input.assigneeId} 不属于牵头处室，不能承办本事项` };
  return undefined;
}

/** The state a closed measure returns to when it is reopened: back to work if someone holds it. */
export function reopenedState(measure: { assigneeId: string | null }): MeasureState {
  return measure.assigneeId ? 'in_progress' : 'imported';
}
