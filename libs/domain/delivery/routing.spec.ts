import { DIRECTIVE_EVENT_TYPES, openedDirective, type DirectiveEvent, type DirectiveKind } from '../directive';
import type { EscalationLevel } from '../escalation';
import type { FindingEvent, MeasureEvent } from '../measure-event';
import { initialSnapshot } from '../measure-snapshot';
import type { FindingSnapshot } from '../finding';
import { isUrgent, personChannels, robotAudiences, robotChannelsFor } from './routing';
import type { ChannelRouting } from './types';

const MEASURE = '2026-2.1.1';
const system = { userId: 'system', role: 'system' } as const;
const head = { userId: 'air.head', role: 'department_head' } as const;
const leader = { userId: 'leader1', role: 'leader' } as const;
const supervisor = { userId: 'supervisor1', role: 'supervisor' } as const;

function measureEvent(type: string, payload: Record<string, unknown> = {}): MeasureEvent {
  return {
    eventId: `measure-${MEASURE}#5`,
    measureId: MEASURE,
    workflowId: `measure-${MEASURE}`,
    sequence: 5,
    type,
    actor: type === 'escalation' ? system : head,
    stateAfter: 'in_progress',
    payload,
    occurredAt: '2026-12-02T01:00:00.000Z',
    snapshot: { ...initialSnapshot(MEASURE), state: 'in_progress', assigneeId: 'air.staff1', headId: 'air.head', leadDepartment: 'air', dueDate: '2026-11-27' },
  };
}

function findingEvent(level: EscalationLevel): FindingEvent {
  const snapshot: FindingSnapshot = {
    findingId: `${MEASURE}-f1`, measureId: MEASURE, n: 1, description: '台账不全', inspectorId: 'supervisor1', assigneeId: 'air.staff1',
    leadDepartment: 'air', status: 'open', round: 1, dueDate: '2026-11-27', rounds: [], sequence: 3, escalation: { level, against: 'assignee', fired: [] },
  };
  return { ...measureEvent('escalation', { level }), eventId: `finding-${MEASURE}-f1#3`, findingId: `${MEASURE}-f1`, stateAfter: 'open', snapshot };
}

function directiveEvent(kind: DirectiveKind, type: string, payload: Record<string, unknown> = {}): DirectiveEvent {
  const actor = kind === 'instruction' ? leader : supervisor;
  const snapshot = openedDirective({ measureId: MEASURE, kind, n: 1, text: '请抓紧办理', outcomeKind: kind === 'outcome' ? 'interview' : null, actor, departmentCode: 'air', assigneeId: 'air.staff1', dueDate: '2026-12-09' });
  return {
    eventId: `directive-${MEASURE}-${kind}-1#1`, directiveId: snapshot.directiveId, measureId: MEASURE, workflowId: `directive-${MEASURE}-${kind}-1`, sequence: 1, type,
    actor: type === DIRECTIVE_EVENT_TYPES.escalation ? system : actor, stateAfter: 'issued', payload, occurredAt: '2026-12-02T01:00:00.000Z', snapshot,
  };
}

const esc = (level: EscalationLevel) => measureEvent('escalation', { level });
const air = { department: 'air' };
const water = { department: 'water' };
const leadership = { department: 'leadership' };

describe('isUrgent: 督办 and 问责', () => {
  it.each([
    ['measure 预警', false, esc('warning')],
    ['measure 催办', false, esc('urging')],
    ['measure 督办', true, esc('supervision')],
    ['measure 问责', true, esc('accountability')],
    ['finding 催办', false, findingEvent('urging')],
    ['finding 督办', true, findingEvent('supervision')],
    ['finding 问责', true, findingEvent('accountability')],
    ['directive ladder 催办', false, directiveEvent('instruction', DIRECTIVE_EVENT_TYPES.escalation, { level: 'urging' })],
    ['directive ladder 督办', true, directiveEvent('notice', DIRECTIVE_EVENT_TYPES.escalation, { level: 'supervision' })],
    ['directive ladder 问责', true, directiveEvent('instruction', DIRECTIVE_EVENT_TYPES.escalation, { level: 'accountability' })],
    ['领导批示 issued', false, directiveEvent('instruction', DIRECTIVE_EVENT_TYPES.instruction)],
    ['催办 issued', false, directiveEvent('urging', DIRECTIVE_EVENT_TYPES.urging)],
    ['督办单 issued', true, directiveEvent('notice', DIRECTIVE_EVENT_TYPES.notice)],
    ['问责结果 recorded', true, directiveEvent('outcome', DIRECTIVE_EVENT_TYPES.outcome)],
    ['督办单 签收', false, directiveEvent('notice', DIRECTIVE_EVENT_TYPES.acknowledge)],
    ['submitted for review', false, measureEvent('submitForReview')],
    ['an escalation with a bad level', false, measureEvent('escalation', { level: 'panic' })],
  ])('%s → urgent: %s', (_name, urgent, event) => {
    expect(isUrgent(event)).toBe(urgent);
  });
});

describe('robotAudiences: which group robots hear of an event', () => {
  it.each([
    ['预警: the assignee\'s department', esc('warning'), [air], ['department:air']],
    ['催办: assignee and head, one department once', esc('urging'), [air, air], ['department:air']],
    ['督办: + the supervisors\' robot', esc('supervision'), [air, air, { department: 'supervision' }], ['department:air', 'department:supervision', 'supervisors']],
    ['问责: + supervisors + leadership', esc('accountability'), [air, air, leadership], ['department:air', 'department:leadership', 'supervisors', 'leadership']],
    ['finding 督办', findingEvent('supervision'), [air], ['department:air', 'supervisors']],
    ['领导批示: + leadership', directiveEvent('instruction', DIRECTIVE_EVENT_TYPES.instruction), [air], ['department:air', 'leadership']],
    ['催办 by hand: the department only', directiveEvent('urging', DIRECTIVE_EVENT_TYPES.urging), [air], ['department:air']],
    ['督办单: + supervisors', directiveEvent('notice', DIRECTIVE_EVENT_TYPES.notice), [air], ['department:air', 'supervisors']],
    ['问责结果: + supervisors + leadership', directiveEvent('outcome', DIRECTIVE_EVENT_TYPES.outcome), [water, air], ['department:air', 'department:water', 'supervisors', 'leadership']],
    ['directive ladder 问责', directiveEvent('instruction', DIRECTIVE_EVENT_TYPES.escalation, { level: 'accountability' }), [air], ['department:air', 'supervisors', 'leadership']],
    ['a recipient without a department', measureEvent('submitForReview'), [{ department: null }], []],
    ['nobody told → no robot', esc('accountability'), [], []],
  ])('%s', (_name, event, recipients, expected) => {
    expect(robotAudiences(event, recipients)).toEqual(expected);
  });
});

describe('robotChannelsFor', () => {
  const channels: ChannelRouting[] = [
    { id: 'email', kind: 'email', enabled: true, audience: 'people', mode: 'event' },
    { id: 'robot-1', kind: 'wecom', enabled: true, audience: 'department:air', mode: 'event' },
    { id: 'robot-2', kind: 'dingtalk', enabled: true, audience: 'department:water', mode: 'digest' },
    { id: 'robot-3', kind: 'feishu', enabled: true, audience: 'supervisors', mode: 'event' },
    { id: 'robot-4', kind: 'wecom', enabled: false, audience: 'leadership', mode: 'event' },
    { id: 'robot-5', kind: 'wecom', enabled: true, audience: 'leadership', mode: 'digest' },
  ];
  const ids = (list: ChannelRouting[]) => list.map((c) => c.id);

  it('picks enabled robots of the audiences; a department robot in digest mode only when urgent', () => {
    expect(ids(robotChannelsFor(channels, ['department:air', 'department:water'], false))).toEqual(['robot-1']);
    expect(ids(robotChannelsFor(channels, ['department:air', 'department:water', 'supervisors', 'leadership'], true))).toEqual(['robot-1', 'robot-2', 'robot-3', 'robot-5']);
    expect(ids(robotChannelsFor(channels, [], true))).toEqual([]);
  });

  it('with the digest turned off, a department robot in digest mode hears every event (nothing waits for a digest that never comes)', () => {
    expect(ids(robotChannelsFor(channels, ['department:air', 'department:water'], false, false))).toEqual(['robot-1', 'robot-2']);
  });
});

describe('personChannels', () => {
  it.each([
    // prefs, urgent, policy → email, sms
    [{ emailMode: 'event', smsEnabled: true }, false, 'urgent', { email: true, sms: false }],
    [{ emailMode: 'event', smsEnabled: true }, true, 'urgent', { email: true, sms: true }],
    [{ emailMode: 'digest', smsEnabled: true }, false, 'urgent', { email: false, sms: false }],
    [{ emailMode: 'digest', smsEnabled: true }, true, 'urgent', { email: true, sms: true }],
    [{ emailMode: 'off', smsEnabled: true }, true, 'urgent', { email: false, sms: true }],
    [{ emailMode: 'event', smsEnabled: false }, true, 'all', { email: true, sms: false }],
    [{ emailMode: 'event', smsEnabled: true }, false, 'all', { email: true, sms: true }],
    [{ emailMode: 'event', smsEnabled: true }, true, 'off', { email: true, sms: false }],
    [null, false, 'urgent', { email: true, sms: false }],
    [undefined, true, 'urgent', { email: true, sms: true }],
  ] as const)('%j urgent=%s sms policy %s → %j', (prefs, urgent, policy, expected) => {
    expect(personChannels(prefs, urgent, policy)).toEqual(expected);
  });

  it('with the digest turned off, a digest reader gets every message by e-mail', () => {
    expect(personChannels({ emailMode: 'digest', smsEnabled: true }, false, 'urgent', false)).toEqual({ email: true, sms: false });
    expect(personChannels({ emailMode: 'off', smsEnabled: true }, false, 'urgent', false)).toEqual({ email: false, sms: false });
  });
});
