import {
  bulletinChangeProblem,
  bulletinDocumentNumber,
  bulletinDocumentTitle,
  bulletinIssueLabel,
  bulletinPercent,
  bulletinPrefixProblem,
  bulletinSummary,
  bulletinSummaryProblem,
  bulletinSummaryText,
  BULLETIN_MESSAGES,
  BULLETIN_SUMMARY_MAX,
  chineseDate,
  issuerFromPlanTitle,
  summaryParagraphs,
  type BulletinSummaryFigures,
} from './bulletin-summary';

const PLAN = '青岛市生态环境局2022年工作要点';

const figures = (over: Partial<BulletinSummaryFigures> = {}): BulletinSummaryFigures => ({
  asOf: '2022-06-30',
  asOfIsToday: false,
  total: 57,
  completedThisMonth: 3,
  newlyOverdue: 2,
  escalations: { warning: 4, urging: 2, supervision: 1, accountability: 1 },
  departments: [
    { department: '水生态环境处', measures: 12, completed: 5, onTimeRate: 0.8, overdue: 2, supervision: 1, accountability: 0 },
    { department: '大气环境处', measures: 10, completed: 4, onTimeRate: 1, overdue: 0, supervision: 0, accountability: 0 },
    { department: '人事处', measures: 3, completed: 1, onTimeRate: 0.5, overdue: 1, supervision: 0, accountability: 1 },
    { department: '法规处', measures: 2, completed: 0, onTimeRate: null, overdue: 0, supervision: 0, accountability: 0 },
  ],
  onTimeRate: 0.8125,
  overdue: [{ department: '水生态环境处' }, { department: '水生态环境处' }, { department: '人事处' }],
  ...over,
});

describe('bulletin numbers', () => {
  it('writes 期号 and 文号 as GB/T 9704 does (六角括号, no leading zeros, no 第)', () => {
    expect(bulletinIssueLabel(3)).toBe('第3期');
    expect(bulletinDocumentNumber('青环督', 2022, 3)).toBe('青环督〔2022〕3号');
    expect(bulletinDocumentNumber('青环督', 2022, 12)).toBe('青环督〔2022〕12号');
  });

  it('writes dates and the title in Chinese', () => {
    expect(chineseDate('2022-07-01')).toBe('2022年7月1日');
    expect(bulletinDocumentTitle('2022-06')).toBe('关于2022年6月重点工作推进情况的通报');
  });

  it('takes the issuing unit from the plan title, when it names one', () => {
    expect(issuerFromPlanTitle(PLAN)).toBe('青岛市生态环境局');
    expect(issuerFromPlanTitle('2026年测试工作要点')).toBeUndefined();
  });

  it('prints rates with one decimal, whole ones plain', () => {
    expect(bulletinPercent(1)).toBe('100%');
    expect(bulletinPercent(0.8125)).toBe('81.3%');
    expect(bulletinPercent(0)).toBe('0%');
    expect(bulletinPercent(null)).toBe('—');
  });
});

describe('bulletinSummary', () => {
  it('writes completion, the on-time rate, overdue items and escalations by department in 公文 prose', () => {
    const text = bulletinSummary(figures(), { planTitle: PLAN, month: '2022-06' });
    expect(text[0]).toBe(
      '截至2022年6月30日，《青岛市生态环境局2022年工作要点》确定的57项重点工作任务中，已办结10项，办结率17.5%；其中6月办结3项。应完成事项按期完成率为81.3%。',
    );
    expect(text[1]).toBe('6月新增逾期事项2项；截至统计日，逾期未办结事项共3项，涉及水生态环境处和人事处（水生态环境处2项、人事处1项）。');
    expect(text[2]).toBe(
      '2022年6月共发出预警4次、催办2次、督办1次、问责1次。目前处于督办阶段的事项1项（水生态环境处1项），进入问责程序的事项1项（人事处1项）。',
    );
    expect(text[3]).toBe('从各处室情况看，大气环境处到期事项全部按期完成，值得肯定；水生态环境处和人事处存在逾期未办结事项，推进力度有待加强。');
    expect(text[4]).toMatch(/^请各相关处室对照本通报，认真分析逾期原因/);
    expect(text).toHaveLength(5);
  });

  it('says plainly when nothing is overdue, nothing escalated and nothing is due yet', () => {
    const quiet = figures({
      completedThisMonth: 0,
      newlyOverdue: 0,
      escalations: { warning: 0, urging: 0, supervision: 0, accountability: 0 },
      departments: [{ department: '大气环境处', measures: 2, completed: 0, onTimeRate: null, overdue: 0, supervision: 0, accountability: 0 }],
      onTimeRate: null,
      overdue: [],
      total: 2,
      asOf: '2022-06-15',
      asOfIsToday: true,
    });
    const text = bulletinSummary(quiet, { planTitle: PLAN, month: '2022-06' });
    expect(text[0]).toBe(
      '截至2022年6月15日（本月尚未结束，按当日统计），《青岛市生态环境局2022年工作要点》确定的2项重点工作任务中，已办结0项，办结率0%；6月无新办结事项。截至统计日尚无到期事项，暂不计算按期完成率。',
    );
    expect(text[1]).toBe('6月无新增逾期事项，目前无逾期未办结事项。');
    expect(text[2]).toBe('2022年6月未发出预警、催办、督办或问责。目前无处于督办或问责阶段的事项。');
    expect(text[3]).toMatch(/^请各处室保持工作力度/);
    expect(text).toHaveLength(4);
  });

  it('counts standing overdue items even when none is new this month', () => {
    const text = bulletinSummary(figures({ newlyOverdue: 0 }), { planTitle: PLAN, month: '2022-06' });
    expect(text[1]).toMatch(/^6月无新增逾期事项；截至统计日，逾期未办结事项共3项/);
  });

  it('round-trips through the stored text', () => {
    const paragraphs = bulletinSummary(figures(), { planTitle: PLAN, month: '2022-06' });
    expect(summaryParagraphs(bulletinSummaryText(paragraphs))).toEqual(paragraphs);
    expect(summaryParagraphs('  第一段 \r\n\n第二段\n')).toEqual(['第一段', '第二段']);
  });
});

describe('bulletin rules', () => {
  it('refuses an empty or overlong summary', () => {
    expect(bulletinSummaryProblem('  \n ')).toBe(BULLETIN_MESSAGES.summaryRequired);
    expect(bulletinSummaryProblem(42)).toBe(BULLETIN_MESSAGES.summaryRequired);
    expect(bulletinSummaryProblem('字'.repeat(BULLETIN_SUMMARY_MAX + 1))).toBe(BULLETIN_MESSAGES.summaryTooLong);
    expect(bulletinSummaryProblem('正文')).toBeUndefined();
  });

  it('takes a prefix of characters only: the year and number are the system’s', () => {
    expect(bulletinPrefixProblem('青环督')).toBeUndefined();
    expect(bulletinPrefixProblem('')).toBe(BULLETIN_MESSAGES.prefixRequired);
    expect(bulletinPrefixProblem('青环督〔2022〕')).toBe(BULLETIN_MESSAGES.prefixInvalid);
  });

  it('keeps a signed bulletin final', () => {
    expect(bulletinChangeProblem({ status: 'draft', issue: 1, signedOn: null }, 'edit')).toBeUndefined();
    expect(bulletinChangeProblem({ status: 'draft', issue: 1, signedOn: null }, 'sign')).toBeUndefined();
    expect(bulletinChangeProblem({ status: 'signed', issue: 2, signedOn: '2022-07-01' }, 'edit')).toBe('第2期督办通报已于2022年7月1日签发，已成定稿，不能再修改');
    expect(bulletinChangeProblem({ status: 'signed', issue: 2, signedOn: '2022-07-01' }, 'sign')).toBe('第2期督办通报已于2022年7月1日签发，不能重复签发');
  });
});
