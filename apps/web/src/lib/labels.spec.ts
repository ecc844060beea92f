/// <reference types="jest" />
import { DIRECTIVE_KINDS, DIRECTIVE_STATUSES, directiveStatusLabel, MEASURE_STATE_LABELS, OUTCOME_KINDS, STATUS_LIGHTS, statusLight, WorkingDayCalendar, type LightInput } from '@duban/domain';
import { directiveKindLabel, directiveStatusText, LIGHT_COLORS, lightLabel, lightReasonText, outcomeKindLabel, stateLabel } from './labels';

const CJK = /[\u3400-\u9fff]/;
// Monday–Friday only: enough to make the domain say each of its reasons.
const calendar = new WorkingDayCalendar({ years: { 2026: { holidays: [], workdays: [], source: 'bundled' } } });
const policy = { warningDaysBefore: 5 };
const base: LightInput = { state: 'in_progress', dueDate: '2026-06-30', assignedOn: '2026-01-05', progressPercent: 100, openFindingDueDates: [] };

/** Every reason the domain's statusLight can give, in each of its forms (one and many). */
function domainReasons(): string[] {
  const cases: Array<[Partial<LightInput>, string]> = [
    [{}, '2026-06-25'], // 距截止不足 5 个工作日
    [{ progressPercent: 10 }, '2026-04-01'], // 进度落后序时进度
    [{ milestones: [{ dueDate: '2026-03-02' }] }, '2026-04-01'], // 1 个节点逾期未完成
    [{ milestones: [{ dueDate: '2026-03-02' }, { dueDate: '2026-03-03' }] }, '2026-04-01'],
    [{}, '2026-07-01'], // 逾期 1 个工作日
    [{}, '2026-07-20'], // 逾期 14 个工作日
    [{ dueDate: '2026-07-04' }, '2026-07-05'], // a Saturday due date on Sunday: 已过截止日期
    [{ openFindingDueDates: ['2026-03-01'] }, '2026-04-01'], // 1 个检查问题逾期未整改
    [{ openFindingDueDates: ['2026-03-01', '2026-03-02'] }, '2026-04-01'],
  ];
  return cases.flatMap(([input, today]) => statusLight({ ...base, ...input }, today, calendar, policy).reasons);
}

describe('light reasons in English', () => {
  const reasons = domainReasons();

  it('has every form the domain says', () => {
    for (const form of ['逾期', '已过截止日期', '检查问题', '节点', '距截止', '落后序时进度']) expect(reasons.some((r) => r.includes(form))).toBe(true);
  });

  it('gives each one in English, with its numbers, and leaves Chinese as it is', () => {
    for (const reason of reasons) {
      const english = lightReasonText(reason, 'en');
      expect(english).not.toMatch(CJK);
      for (const number of reason.match(/\d+/g) ?? []) expect(english).toContain(number);
      expect(lightReasonText(reason, 'zh')).toBe(reason);
    }
    expect(lightReasonText('逾期 1 个工作日', 'en')).toBe('1 working day overdue');
    expect(lightReasonText('逾期 12 个工作日', 'en')).toBe('12 working days overdue');
  });
});

describe('one word for done', () => {
  it('labels the done light as the completed state: 已办结, Completed', () => {
    expect(lightLabel('done', 'zh')).toBe(MEASURE_STATE_LABELS.completed);
    expect(lightLabel('done', 'zh')).toBe('已办结');
    expect(lightLabel('done', 'en')).toBe(stateLabel('completed', 'en'));
    for (const light of STATUS_LIGHTS) expect(lightLabel(light, 'zh')).not.toBe('已完成');
  });

  it('colours done apart from red, yellow, green and not blue', () => {
    expect(new Set(Object.values(LIGHT_COLORS)).size).toBe(STATUS_LIGHTS.length);
    expect(LIGHT_COLORS.done).toBe('#7d9a8a');
  });
});

describe('directive words in English', () => {
  it('has English for every kind, status and outcome, and the domain words in Chinese', () => {
    for (const kind of DIRECTIVE_KINDS) {
      expect(directiveKindLabel(kind, 'en')).not.toMatch(CJK);
      for (const status of DIRECTIVE_STATUSES) {
        expect(directiveStatusText(kind, status, 'en')).not.toMatch(CJK);
        expect(directiveStatusText(kind, status, 'zh')).toBe(directiveStatusLabel(kind, status));
      }
    }
    for (const kind of OUTCOME_KINDS) expect(outcomeKindLabel(kind, 'en')).not.toMatch(CJK);
    expect(directiveKindLabel('notice', 'zh')).toBe('督办单');
  });
});
