// The finding's rounds (整改 → 复查) without a server.
import { OFFICIAL_2024_2026 } from './calendar/official-2024-2026.fixture';
import { WorkingDayCalendar } from './calendar/working-day-calendar';
import { STATE_LIMITS } from './command-inputs';
import { DEFAULT_ESCALATION_POLICY } from './escalation';
import { decideFinding, evolveFinding, findingSummary, openedFinding, type FindingCommandInput } from './finding-machine';
import { pendingLadder } from './ladder-plan';
import { escalationEvent } from './measure-machine';
import type { FindingSnapshot } from './finding';

const calendar = new WorkingDayCalendar(OFFICIAL_2024_2026);
const staff = { userId: 'water.staff1', role: 'staff' as const, department: 'water' };
const supervisor = { userId: 'sup1', role: 'supervisor' as const };
const TODAY = '2026-03-02';
const NOW = '2026-03-02T02:00:00.000Z';

const opened = () =>
  evolveFinding(
    openedFinding({ findingId: '2026-1.1-f1', n: 1, description: '台账不全', dueDate: '2026-04-30' }, { measureId: '2026-1.1', inspectorId: 'sup1', assigneeId: 'water.staff1', leadDepartment: 'water' }),
    { type: 'findingOpened', actor: supervisor, payload: { description: '台账不全', dueDate: '2026-04-30' }, occurredAt: NOW },
  );

function run(f: FindingSnapshot, cmd: FindingCommandInput): FindingSnapshot {
  const d = decideFinding(f, cmd, TODAY);
  if (!d.ok) throw new Error(d.message);
  return evolveFinding(f, { ...d.event, occurredAt: NOW });
}
const refused = (f: FindingSnapshot, cmd: FindingCommandInput) => {
  const d = decideFinding(f, cmd, TODAY);
  return d.ok ? undefined : d;
};

describe('finding state machine', () => {
  it('opens, takes a rectification from the assignee only, passes and closes', () => {
    let f = opened();
    expect(f).toMatchObject({ status: 'open', round: 1, sequence: 1 });
    expect(refused(f, { command: 'submitRectification', input: { actor: { ...staff, userId: 'other' }, note: 'x' } })?.reason).toBe('wrong_person');
    expect(refused(f, { command: 'submitRectification', input: { actor: staff, note: ' ' } })?.message).toBe('请说明整改情况');
    f = run(f, { command: 'submitRectification', input: { actor: staff, note: '已补齐', evidence: ['e1'] } });
    expect(f.rounds[0]).toMatchObject({ submittedAt: NOW, note: '已补齐', evidence: ['e1'] });
    expect(refused(f, { command: 'submitRectification', input: { actor: staff, note: '再交' } })?.reason).toBe('wrong_state');
    expect(refused(f, { command: 'verifyRectification', input: { actor: staff, passed: true } })?.reason).toBe('wrong_role');
    f = run(f, { command: 'verifyRectification', input: { actor: supervisor, passed: true } });
    expect(f).toMatchObject({ status: 'closed', rounds: [{ verdict: 'passed', verifiedBy: 'sup1' }] });
    expect(findingSummary(f)).toMatchObject({ status: 'closed', sequence: 3 });
  });

  it('a failed re-inspection opens the next round with a later due date and a fresh ladder', () => {
    let f = run(opened(), { command: 'submitRectification', input: { actor: staff, note: '已补齐' } });
    expect(refused(f, { command: 'verifyRectification', input: { actor: supervisor, passed: false, comment: '不全' } })?.message).toContain('新的整改期限');
    expect(refused(f, { command: 'verifyRectification', input: { actor: supervisor, passed: false, comment: '不全', nextDueDate: TODAY } })?.message).toBe('新的整改期限应晚于今天');
    f = run(f, { command: 'verifyRectification', input: { actor: supervisor, passed: false, comment: '不全', nextDueDate: '2026-05-29' } });
    expect(f).toMatchObject({ status: 'open', round: 2, dueDate: '2026-05-29', escalation: { level: null } });
    expect(f.rounds.map((r) => r.verdict)).toEqual(['failed', null]);
    expect(pendingLadder(f, DEFAULT_ESCALATION_POLICY, calendar)[0].key).toBe('assignee:2026-05-29:warning');
  });

  it('escalates on its own ladder and bounds its rounds', () => {
    let f = opened();
    const steps = pendingLadder(f, DEFAULT_ESCALATION_POLICY, calendar).slice(0, 2);
    f = evolveFinding(f, { ...escalationEvent(steps, []), occurredAt: NOW });
    expect(f.escalation).toEqual({ level: 'urging', against: 'assignee', fired: steps.map((s) => s.key) });
    const last = { ...run(f, { command: 'submitRectification', input: { actor: staff, note: 'x' } }), round: STATE_LIMITS.findingRounds };
    expect(refused(last, { command: 'verifyRectification', input: { actor: supervisor, passed: false, comment: '不全', nextDueDate: '2026-05-29' } })?.message).toContain('轮');
  });
});
