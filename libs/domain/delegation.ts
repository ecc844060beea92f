// 委托代理: a department head names a deputy for a period of Beijing dates; while the delegation is
// active the deputy may act for the head (explicitly, per request), and every decision records
// "on behalf of". Who may create, revoke and use a delegation, its dates, and the conflict rule (a
// deputy never approves their own work). Pure.
import { addCalendarDays, toDayNumber } from './calendar/dates';
import { isIsoDate } from './command-inputs';
import type { MeasureCommand, Role } from './lifecycle';
import type { Actor } from './measure-event';

/** The longest delegation, in calendar days counted inclusively (from … to). */
export const DELEGATION_MAX_DAYS = 90;
/** The reason's longest length, in characters. */
export const DELEGATION_REASON_MAX = 200;

/** The request header by which a deputy acts for a head (its value: the head's username). */
export const ACTING_FOR_HEADER = 'x-acting-for';

/** A delegation as stored. Dates are Beijing calendar dates (YYYY-MM-DD), both inclusive. */
export interface Delegation {
  id: string;
  principalId: string;
  deputyId: string;
  departmentCode: string;
  startsOn: string;
  endsOn: string;
  reason: string | null;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

export type DelegationStatus = 'scheduled' | 'active' | 'ended' | 'revoked';

export const DELEGATION_STATUS_LABELS: Record<DelegationStatus, string> = {
  scheduled: '未开始',
  active: '生效中',
  ended: '已到期',
  revoked: '已撤销',
};

export function delegationStatus(d: Pick<Delegation, 'startsOn' | 'endsOn' | 'revokedAt'>, today: string): DelegationStatus {
  if (d.revokedAt) return 'revoked';
  if (today < d.startsOn) return 'scheduled';
  if (today > d.endsOn) return 'ended';
  return 'active';
}

/** A person as the delegation rules see them (from the directory). */
export interface DelegationPerson {
  username: string;
  displayName?: string;
  role: Role;
  departmentCode: string;
  active: boolean;
}

/** Why a request about delegations is refused; the API maps each kind to one error code. */
export type DelegationProblemKind =
  | 'not_allowed' // the caller may not do this (403)
  | 'principal' // the head named is not an active department head (400)
  | 'deputy' // the deputy cannot be named (400)
  | 'dates' // the period breaks the date rules (400)
  | 'overlap' // the head already has a delegation in that period (400)
  | 'ended' // revoking what is already over (409)
  | 'not_active'; // acting for a head without an active delegation (403)

export interface DelegationProblem {
  kind: DelegationProblemKind;
  message: string;
}

const problem = (kind: DelegationProblemKind, message: string): DelegationProblem => ({ kind, message });

/** Calendar days from `from` to `to`, both counted. */
export function delegationDays(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from) + 1;
}

/** The last date a delegation starting on `from` may run to. */
export function latestDelegationEnd(from: string): string {
  return addCalendarDays(from, DELEGATION_MAX_DAYS - 1);
}

/** Who may name a deputy for `principal`: the head themselves, or an admin for a head. */
export function creatorProblem(
  caller: { username: string; role: Role; onBehalfOf?: string },
  principal: DelegationPerson | undefined,
): DelegationProblem | undefined {
  if (caller.onBehalfOf) return problem('not_allowed', '代为办理期间不能设置委托代理，请先切换回本人身份');
  if (caller.role !== 'department_head' && caller.role !== 'admin') return problem('not_allowed', '只有处室负责人（或系统管理员代为设置）可以设置委托代理');
  if (caller.role === 'department_head' && principal && principal.username !== caller.username) {
    return problem('not_allowed', '处室负责人只能为本人设置委托代理');
  }
  if (!principal) return problem('principal', '委托人不存在');
  if (!principal.active) return problem('principal', '委托人账号已停用');
  if (principal.role !== 'department_head') return problem('principal', '只有处室负责人可以委托他人代理');
  return undefined;
}

/** The period's rules: valid dates, from today (Beijing) on, to not before from, at most 90 days. */
export function delegationPeriodProblem(period: { startsOn: string; endsOn: string }, today: string): DelegationProblem | undefined {
  if (!isIsoDate(period.startsOn)) return problem('dates', '开始日期应为有效日期，格式 YYYY-MM-DD');
  if (!isIsoDate(period.endsOn)) return problem('dates', '结束日期应为有效日期，格式 YYYY-MM-DD');
  if (period.startsOn < today) return problem('dates', `开始日期不能早于今天（${today}）`);
  if (period.endsOn < period.startsOn) return problem('dates', '结束日期不能早于开始日期');
  if (delegationDays(period.startsOn, period.endsOn) > DELEGATION_MAX_DAYS) {
    return problem('dates', `委托期限最长 ${DELEGATION_MAX_DAYS} 天（自 ${period.startsOn} 起最晚到 ${latestDelegationEnd(period.startsOn)}）`);
  }
  return undefined;
}

/** The deputy: an active 承办人 or another 处室负责人 of the head's own department. */
export function deputyProblem(principal: DelegationPerson, deputy: DelegationPerson | undefined): DelegationProblem | undefined {
  if (!deputy) return problem('deputy', '代理人不存在');
  if (deputy.username === principal.username) return problem('deputy', '不能委托本人代理');
  if (!deputy.active) return problem('deputy', `${deputy.displayName ?? deputy.username}的账号已停用，不能担任代理人`);
  if (deputy.departmentCode !== principal.departmentCode) return problem('deputy', '代理人须是本处室的人员');
  if (deputy.role !== 'staff' && deputy.role !== 'department_head') return problem('deputy', '代理人须是本处室的承办人或其他处室负责人');
  return undefined;
}

/** At most one delegation of a head in any period: revoked ones no longer count. */
export function overlapProblem(
  period: { startsOn: string; endsOn: string },
  existing: ReadonlyArray<Pick<Delegation, 'startsOn' | 'endsOn' | 'revokedAt' | 'deputyId'>>,
): DelegationProblem | undefined {
  const clash = existing.find((d) => !d.revokedAt && d.startsOn <= period.endsOn && period.startsOn <= d.endsOn);
  if (!clash) return undefined;
  return problem('overlap', `该期间已有委托代理（${clash.startsOn} 至 ${clash.endsOn}，代理人 ${clash.deputyId}），同一时间只能委托一人；如需更换请先撤销原委托`);
}

/** Every rule of a new delegation, in order; the first problem, or undefined when it may be created. */
export function newDelegationProblem(input: {
  caller: { username: string; role: Role; onBehalfOf?: string };
  principal: DelegationPerson | undefined;
  deputy: DelegationPerson | undefined;
  period: { startsOn: string; endsOn: string };
  existing: ReadonlyArray<Pick<Delegation, 'startsOn' | 'endsOn' | 'revokedAt' | 'deputyId'>>;
  today: string;
}): DelegationProblem | undefined {
  return (
    creatorProblem(input.caller, input.principal) ??
    deputyProblem(input.principal!, input.deputy) ??
    delegationPeriodProblem(input.period, input.today) ??
    overlapProblem(input.period, input.existing)
  );
}

/** Revoking: the head who named the deputy, or an admin; only what is not over yet. */
export function revokeProblem(caller: { username: string; role: Role; onBehalfOf?: string }, d: Delegation, today: string): DelegationProblem | undefined {
  if (caller.onBehalfOf) return problem('not_allowed', '代为办理期间不能撤销委托代理，请先切换回本人身份');
  if (caller.role !== 'admin' && caller.username !== d.principalId) return problem('not_allowed', '只有委托人本人或系统管理员可以撤销委托代理');
  const status = delegationStatus(d, today);
  if (status === 'revoked') return problem('ended', '该委托已撤销');
  if (status === 'ended') return problem('ended', `该委托已于 ${d.endsOn} 到期，无需撤销`);
  return undefined;
}

/** Who sees a delegation: its head, its deputy, and admins. */
export function canSeeDelegation(viewer: { username: string; role: Role }, d: Pick<Delegation, 'principalId' | 'deputyId'>): boolean {
  return viewer.role === 'admin' || viewer.username === d.principalId || viewer.username === d.deputyId;
}

/**
 * May `deputy` act for `principal` today? The delegation names them, is not revoked, runs today
 * (Beijing), and both still sit in its department: the head still its active head, the deputy
 * still one of its staff or heads. Any change in the organization ends the authority at once.
 */
export function actingForProblem(input: {
  deputy: { username: string; role: Role; departmentCode: string };
  principalId: string;
  principal: DelegationPerson | undefined;
  delegations: ReadonlyArray<Delegation>;
  today: string;
}): DelegationProblem | undefined {
  const { deputy, principal, today } = input;
  const refuse = (why: string) => problem('not_active', `不能以 ${principal?.displayName ?? input.principalId} 的名义办理：${why}`);
  if (input.principalId === deputy.username) return refuse('不能以本人名义代理本人');
  if (!principal) return refuse('委托人不存在');
  const mine = input.delegations.filter((d) => d.principalId === principal.username && d.deputyId === deputy.username);
  if (mine.length === 0) return refuse('您没有该负责人的委托');
  const active = mine.find((d) => delegationStatus(d, today) === 'active');
  if (!active) {
    if (mine.some((d) => delegationStatus(d, today) === 'scheduled')) return refuse('委托尚未开始');
    if (mine.some((d) => d.revokedAt && today >= d.startsOn && today <= d.endsOn)) return refuse('委托已被撤销');
    return refuse('委托已到期或已撤销');
  }
  if (!principal.active || principal.role !== 'department_head' || principal.departmentCode !== active.departmentCode) return refuse('委托人已不再担任该处室负责人');
  if (deputy.departmentCode !== active.departmentCode || (deputy.role !== 'staff' && deputy.role !== 'department_head')) return refuse('您已不在委托处室任职');
  return undefined;
}

/** The commands that decide on someone's work: a deputy never takes them on work of their own. */
const DECIDING_COMMANDS: ReadonlySet<MeasureCommand> = new Set<MeasureCommand>(['approve', 'returnForRework', 'decideExtension']);

/**
 * A deputy acting for a head may not decide on their own work: approve, return or decide an
 * extension of a measure they are the assignee of (the head, or a leader, decides it).
 * Undefined when the actor is not acting for anyone, or the command is not such a decision.
 */
export function deputyConflictProblem(
  actor: Pick<Actor, 'userId' | 'onBehalfOf'>,
  command: MeasureCommand,
  measure: { assigneeId?: string | null },
): { reason: 'wrong_person'; message: string } | undefined {
  if (!actor.onBehalfOf || !DECIDING_COMMANDS.has(command)) return undefined;
  if (!measure.assigneeId || measure.assigneeId !== actor.userId) return undefined;
  return { reason: 'wrong_person', message: '您是本事项的承办人，不能以代理身份审核或审批自己承办的工作，请由处室负责人本人或局领导办理' };
}

/** How the record names someone who acted for a head: 「王五（代 张三）」. */
export function onBehalfLabel(actorName: string, principalName: string): string {
  return `${actorName}（代 ${principalName}）`;
}
