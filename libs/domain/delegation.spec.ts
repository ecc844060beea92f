import {
  actingForProblem,
  canSeeDelegation,
  deputyConflictProblem,
  delegationDays,
  delegationStatus,
  latestDelegationEnd,
  newDelegationProblem,
  onBehalfLabel,
  revokeProblem,
  type Delegation,
  type DelegationPerson,
} from './delegation';

const TODAY = '2026-12-02';
const head: DelegationPerson = { username: 'water.head', displayName: '张三', role: 'department_head', departmentCode: 'water', active: true };
const staff: DelegationPerson = { username: 'water.staff2', displayName: '王五', role: 'staff', departmentCode: 'water', active: true };
const otherHead: DelegationPerson = { username: 'water.head2', role: 'department_head', departmentCode: 'water', active: true };
const airStaff: DelegationPerson = { username: 'air.staff1', role: 'staff', departmentCode: 'air', active: true };

const delegation = (over: Partial<Delegation> = {}): Delegation => ({
  id: '1',
  principalId: 'water.head',
  deputyId: 'water.staff2',
  departmentCode: 'water',
  startsOn: TODAY,
  endsOn: '2026-12-07',
  reason: null,
  createdBy: 'water.head',
  createdAt: '2026-12-02T01:00:00.000Z',
  revokedAt: null,
  revokedBy: null,
  ...over,
});

const create = (over: Partial<Parameters<typeof newDelegationProblem>[0]> = {}) =>
  newDelegationProblem({
    caller: { username: 'water.head', role: 'department_head' },
    principal: head,
    deputy: staff,
    period: { startsOn: TODAY, endsOn: '2026-12-07' },
    existing: [],
    today: TODAY,
    ...over,
  });

describe('creating a delegation', () => {
  it('a head names a staff member or another head of the department for up to 90 days', () => {
    expect(create()).toBeUndefined();
    expect(create({ deputy: otherHead })).toBeUndefined();
    expect(create({ period: { startsOn: TODAY, endsOn: latestDelegationEnd(TODAY) } })).toBeUndefined();
    expect(delegationDays(TODAY, latestDelegationEnd(TODAY))).toBe(90);
  });

  it('an admin names one for a head; nobody else may', () => {
    expect(create({ caller: { username: 'admin', role: 'admin' } })).toBeUndefined();
    for (const role of ['staff', 'leader', 'supervisor'] as const) {
      expect(create({ caller: { username: 'x', role } })?.kind).toBe('not_allowed');
    }
    expect(create({ caller: { username: 'air.head', role: 'department_head' } })).toEqual({ kind: 'not_allowed', message: '处室负责人只能为本人设置委托代理' });
    expect(create({ caller: { username: 'water.staff2', role: 'department_head', onBehalfOf: 'water.head' } })?.kind).toBe('not_allowed');
    expect(create({ caller: { username: 'admin', role: 'admin' }, principal: staff })?.message).toBe('只有处室负责人可以委托他人代理');
    expect(create({ caller: { username: 'admin', role: 'admin' }, principal: undefined })?.message).toBe('委托人不存在');
  });

  it('the deputy is an active member of the same department, not the head', () => {
    expect(create({ deputy: airStaff })).toEqual({ kind: 'deputy', message: '代理人须是本处室的人员' });
    expect(create({ deputy: { ...staff, active: false } })?.kind).toBe('deputy');
    expect(create({ deputy: head })?.message).toBe('不能委托本人代理');
    expect(create({ deputy: undefined })?.message).toBe('代理人不存在');
    expect(create({ deputy: { ...staff, role: 'supervisor' } })?.kind).toBe('deputy');
  });

  it('dates: from today on, to not before from, at most 90 days', () => {
    expect(create({ period: { startsOn: '2026-12-01', endsOn: '2026-12-07' } })).toEqual({ kind: 'dates', message: '开始日期不能早于今天（2026-12-02）' });
    expect(create({ period: { startsOn: '2026-12-05', endsOn: '2026-12-04' } })?.message).toBe('结束日期不能早于开始日期');
    expect(create({ period: { startsOn: TODAY, endsOn: '2027-03-02' } })?.message).toBe('委托期限最长 90 天（自 2026-12-02 起最晚到 2027-03-01）');
    expect(create({ period: { startsOn: '2026-02-30', endsOn: '2026-03-02' } })?.kind).toBe('dates');
  });

  it('at most one delegation of a head in any period; a revoked one no longer counts', () => {
    const existing = [delegation({ startsOn: '2026-12-10', endsOn: '2026-12-20' })];
    expect(create({ existing, period: { startsOn: '2026-12-20', endsOn: '2026-12-22' } })?.kind).toBe('overlap');
    expect(create({ existing, period: { startsOn: TODAY, endsOn: '2026-12-10' } })?.kind).toBe('overlap');
    expect(create({ existing, period: { startsOn: TODAY, endsOn: '2026-12-09' } })).toBeUndefined();
    expect(create({ existing: [{ ...existing[0], revokedAt: '2026-12-02T02:00:00Z' }], period: { startsOn: '2026-12-12', endsOn: '2026-12-13' } })).toBeUndefined();
  });
});

describe('status and revoking', () => {
  it('scheduled, active, ended, revoked by Beijing date', () => {
    expect(delegationStatus(delegation({ startsOn: '2026-12-03' }), TODAY)).toBe('scheduled');
    expect(delegationStatus(delegation(), TODAY)).toBe('active');
    expect(delegationStatus(delegation(), '2026-12-07')).toBe('active');
    expect(delegationStatus(delegation(), '2026-12-08')).toBe('ended');
    expect(delegationStatus(delegation({ revokedAt: 'x' }), TODAY)).toBe('revoked');
  });

  it('the head or an admin revokes early; what is over cannot be revoked', () => {
    expect(revokeProblem({ username: 'water.head', role: 'department_head' }, delegation(), TODAY)).toBeUndefined();
    expect(revokeProblem({ username: 'admin', role: 'admin' }, delegation(), TODAY)).toBeUndefined();
    expect(revokeProblem({ username: 'water.staff2', role: 'staff' }, delegation(), TODAY)?.kind).toBe('not_allowed');
    expect(revokeProblem({ username: 'air.head', role: 'department_head' }, delegation(), TODAY)?.kind).toBe('not_allowed');
    expect(revokeProblem({ username: 'water.head', role: 'department_head' }, delegation({ revokedAt: 'x' }), TODAY)).toEqual({ kind: 'ended', message: '该委托已撤销' });
    expect(revokeProblem({ username: 'water.head', role: 'department_head' }, delegation(), '2026-12-08')?.kind).toBe('ended');
  });

  it('the head, the deputy and admins see a delegation', () => {
    expect(canSeeDelegation({ username: 'water.head', role: 'department_head' }, delegation())).toBe(true);
    expect(canSeeDelegation({ username: 'water.staff2', role: 'staff' }, delegation())).toBe(true);
    expect(canSeeDelegation({ username: 'admin', role: 'admin' }, delegation())).toBe(true);
    expect(canSeeDelegation({ username: 'water.staff1', role: 'staff' }, delegation())).toBe(false);
  });
});

describe('acting for a head', () => {
  const acting = (over: Partial<Parameters<typeof actingForProblem>[0]> = {}) =>
    actingForProblem({ deputy: { username: 'water.staff2', role: 'staff', departmentCode: 'water' }, principalId: 'water.head', principal: head, delegations: [delegation()], today: TODAY, ...over });

  it('only under an active delegation naming this deputy and head', () => {
    expect(acting()).toBeUndefined();
    expect(acting({ delegations: [] })?.message).toBe('不能以 张三 的名义办理：您没有该负责人的委托');
    expect(acting({ delegations: [delegation({ startsOn: '2026-12-03' })] })?.message).toBe('不能以 张三 的名义办理：委托尚未开始');
    expect(acting({ delegations: [delegation({ revokedAt: 'x' })] })?.message).toBe('不能以 张三 的名义办理：委托已被撤销');
    expect(acting({ today: '2026-12-08' })?.message).toBe('不能以 张三 的名义办理：委托已到期或已撤销');
    expect(acting({ delegations: [delegation({ deputyId: 'water.staff1' })] })?.kind).toBe('not_active');
    expect(acting({ principal: undefined })?.kind).toBe('not_active');
    expect(acting({ principalId: 'water.staff2' })?.kind).toBe('not_active');
  });

  it('ends when the head or the deputy leaves the department or the role', () => {
    expect(acting({ principal: { ...head, departmentCode: 'air' } })?.message).toContain('委托人已不再担任该处室负责人');
    expect(acting({ principal: { ...head, active: false } })?.kind).toBe('not_active');
    expect(acting({ deputy: { username: 'water.staff2', role: 'staff', departmentCode: 'air' } })?.message).toContain('您已不在委托处室任职');
    expect(acting({ deputy: { username: 'water.staff2', role: 'supervisor', departmentCode: 'water' } })?.kind).toBe('not_active');
  });
});

describe('a deputy never decides on their own work', () => {
  const deputy = { userId: 'water.staff2', onBehalfOf: 'water.head' };
  it('refuses approve, return and extension decisions on a measure the deputy holds', () => {
    for (const command of ['approve', 'returnForRework', 'decideExtension'] as const) {
      expect(deputyConflictProblem(deputy, command, { assigneeId: 'water.staff2' })?.reason).toBe('wrong_person');
    }
  });
  it('allows them on others’ work, other commands, and anyone not acting for a head', () => {
    expect(deputyConflictProblem(deputy, 'approve', { assigneeId: 'water.staff1' })).toBeUndefined();
    expect(deputyConflictProblem(deputy, 'assign', { assigneeId: 'water.staff2' })).toBeUndefined();
    expect(deputyConflictProblem({ userId: 'water.staff2' }, 'approve', { assigneeId: 'water.staff2' })).toBeUndefined();
    expect(deputyConflictProblem(deputy, 'approve', { assigneeId: null })).toBeUndefined();
  });
  it('names the deputy with the head on the record', () => {
    expect(onBehalfLabel('王五', '张三')).toBe('王五（代 张三）');
  });
});
