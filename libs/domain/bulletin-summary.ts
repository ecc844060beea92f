// 督办通报 as an issued document: its 期号 and 文号, the written summary generated from the month's
// figures (公文 register), the rules of a draft and of 签发. Pure: the API stores and prints what these say.
import { ESCALATION_LABELS, ESCALATION_LEVELS, type EscalationLevel } from './escalation';

/** A department's row of the bulletin (the figures the API computes, apps/api/report/bulletin.ts). */
export interface BulletinSummaryDepartment {
  department: string;
  measures: number;
  completed: number;
  onTimeRate: number | null;
  overdue: number;
  supervision: number;
  accountability: number;
}

/** The frozen figures the summary is written from (a structural subset of the API's BulletinFigures). */
export interface BulletinSummaryFigures {
  asOf: string;
  asOfIsToday: boolean;
  total: number;
  completedThisMonth: number;
  newlyOverdue: number;
  escalations: Record<EscalationLevel, number>;
  departments: BulletinSummaryDepartment[];
  onTimeRate: number | null;
  overdue: Array<{ department: string }>;
}

/** The 合计 row of the departments' figures. */
export function departmentTotals(departments: readonly BulletinSummaryDepartment[]): Omit<BulletinSummaryDepartment, 'department' | 'onTimeRate'> {
  const totals = { measures: 0, completed: 0, overdue: 0, supervision: 0, accountability: 0 };
  for (const d of departments) for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += d[key];
  return totals;
}

export const BULLETIN_STATUSES = ['draft', 'signed'] as const;
export type BulletinStatus = (typeof BULLETIN_STATUSES)[number];
export const BULLETIN_STATUS_LABELS: Record<BulletinStatus, string> = { draft: '草稿', signed: '已签发' };

/** The watermark and mark of a bulletin not signed yet. */
export const BULLETIN_DRAFT_MARK = '草稿';

/** The 文号 prefix of a plan year with none set (an admin or leader sets the bureau's own, e.g. 青环督). */
export const DEFAULT_BULLETIN_PREFIX = '督办';
/** The issuing unit when the plan's title names none. */
export const DEFAULT_BULLETIN_ISSUER = '督查督办办公室';
export const BULLETIN_SUMMARY_MAX = 5000;
export const BULLETIN_PREFIX_MAX = 20;
export const BULLETIN_ISSUER_MAX = 60;

export const BULLETIN_MESSAGES = {
  summaryRequired: '通报正文不能为空',
  summaryTooLong: `通报正文不能超过 ${BULLETIN_SUMMARY_MAX} 个字`,
  prefixRequired: '请填写文号前缀，例如“青环督”',
  prefixTooLong: `文号前缀不能超过 ${BULLETIN_PREFIX_MAX} 个字`,
  prefixInvalid: '文号前缀只能包含汉字、字母或数字，年份和序号由系统生成',
  issuerRequired: '请填写发文机关名称',
  issuerTooLong: `发文机关名称不能超过 ${BULLETIN_ISSUER_MAX} 个字`,
} as const;

/** 期号: 第N期. */
export function bulletinIssueLabel(n: number): string {
  return `第${n}期`;
}

/** 文号 as GB/T 9704 writes it: prefix, the year in 六角括号, the number without leading zeros, e.g. 青环督〔2022〕3号. */
export function bulletinDocumentNumber(prefix: string, year: number, n: number): string {
  return `${prefix}〔${year}〕${n}号`;
}

/** A date (YYYY-MM-DD) as a document writes it: 2022年7月1日. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The 标题 of the month's bulletin, e.g. 关于2022年6月重点工作推进情况的通报. */
export function bulletinDocumentTitle(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `关于${y}年${m}月重点工作推进情况的通报`;
}

/**
 * The issuing unit a plan's title names (the text before its year: 青岛市生态环境局2022年工作要点 →
 * 青岛市生态环境局), or undefined when the title names none.
 */
export function issuerFromPlanTitle(planTitle: string): string | undefined {
  const match = /^(.+?)(?:\d{4}|二〇)/.exec(planTitle.trim());
  const issuer = match?.[1].trim();
  return issuer && issuer.length <= BULLETIN_ISSUER_MAX ? issuer : undefined;
}

/** Percentages as the bulletin prints them: one decimal, 100% and 0% without one. */
export function bulletinPercent(rate: number | null): string {
  if (rate === null) return '—';
  const tenths = Math.round(rate * 1000);
  return tenths % 10 === 0 ? `${tenths / 10}%` : `${(tenths / 10).toFixed(1)}%`;
}

/** 「A、B和C」 */
function list(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join('、')}和${names[names.length - 1]}`;
}

/** 「水生态环境处2项、大气环境处1项」, most first. */
function byDepartment(departments: BulletinSummaryDepartment[], count: (d: BulletinSummaryDepartment) => number): string {
  return departments
    .filter((d) => count(d) > 0)
    .sort((a, b) => count(b) - count(a))
    .map((d) => `${d.department}${count(d)}项`)
    .join('、');
}

/**
 * The written summary, one paragraph per entry: overall completion and the 按期完成率; new and
 * standing overdue items; the month's 预警/催办/督办/问责 and the measures now at 督办 or 问责, by
 * department; the departments that did well and those that lag; the closing requirement.
 */
export function bulletinSummary(f: BulletinSummaryFigures, options: { planTitle: string; month: string }): string[] {
  const [y, m] = options.month.split('-').map(Number);
  const asOf = chineseDate(f.asOf);
  const completed = f.departments.reduce((n, d) => n + d.completed, 0);
  const overdueNow = f.overdue.length;
  const paragraphs: string[] = [];

  // 一、总体
  const overall = [`截至${asOf}${f.asOfIsToday ? '（本月尚未结束，按当日统计）' : ''}，《${options.planTitle}》确定的${f.total}项重点工作任务中，已办结${completed}项，办结率${bulletinPercent(f.total > 0 ? completed / f.total : null)}`];
  overall.push(f.completedThisMonth > 0 ? `其中${m}月办结${f.completedThisMonth}项` : `${m}月无新办结事项`);
  const onTime = f.onTimeRate === null ? '截至统计日尚无到期事项，暂不计算按期完成率' : `应完成事项按期完成率为${bulletinPercent(f.onTimeRate)}`;
  paragraphs.push(`${overall.join('；')}。${onTime}。`);

  // 二、逾期
  if (overdueNow === 0) {
    paragraphs.push(`${m}月无新增逾期事项，目前无逾期未办结事项。`);
  } else {
    const departments = [...new Set(f.overdue.map((o) => o.department))];
    const fresh = f.newlyOverdue > 0 ? `${m}月新增逾期事项${f.newlyOverdue}项` : `${m}月无新增逾期事项`;
    paragraphs.push(
      `${fresh}；截至统计日，逾期未办结事项共${overdueNow}项，涉及${list(departments.slice(0, 5))}${departments.length > 5 ? `等${departments.length}个处室` : ''}（${byDepartment(f.departments, (d) => d.overdue)}）。`,
    );
  }

  // 三、督办、问责
  const fired = ESCALATION_LEVELS.filter((l) => f.escalations[l] > 0);
  const month = `${y}年${m}月`;
  const firedText = fired.length
    ? `${month}共发出${fired.map((l) => `${ESCALATION_LABELS[l]}${f.escalations[l]}次`).join('、')}`
    : `${month}未发出预警、催办、督办或问责`;
  const supervised = f.departments.reduce((n, d) => n + d.supervision, 0);
  const accountable = f.departments.reduce((n, d) => n + d.accountability, 0);
  const standing: string[] = [];
  if (supervised > 0) standing.push(`处于督办阶段的事项${supervised}项（${byDepartment(f.departments, (d) => d.supervision)}）`);
  if (accountable > 0) standing.push(`进入问责程序的事项${accountable}项（${byDepartment(f.departments, (d) => d.accountability)}）`);
  paragraphs.push(`${firedText}。${standing.length ? `目前${standing.join('，')}。` : '目前无处于督办或问责阶段的事项。'}`);

  // 四、处室
  const due = f.departments.filter((d) => d.onTimeRate !== null);
  const good = due.filter((d) => d.onTimeRate === 1 && d.overdue === 0).map((d) => d.department);
  const lagging = f.departments.filter((d) => d.overdue > 0 || d.accountability > 0).map((d) => d.department);
  const sentences: string[] = [];
  if (good.length) sentences.push(`${list(good.slice(0, 6))}${good.length > 6 ? '等处室' : ''}到期事项全部按期完成，值得肯定`);
  if (lagging.length) sentences.push(`${list(lagging.slice(0, 6))}${lagging.length > 6 ? '等处室' : ''}存在逾期未办结事项，推进力度有待加强`);
  if (sentences.length) paragraphs.push(`从各处室情况看，${sentences.join('；')}。`);

  // 五、要求
  paragraphs.push(
    overdueNow > 0
      ? '请各相关处室对照本通报，认真分析逾期原因，逐项明确整改措施、责任人和完成时限，加快推进，确保按期保质完成；对逾期未办结事项，将按照督办工作规定进一步督办，情节严重的依规依纪启动问责。'
      : '请各处室保持工作力度，对照时间节点压茬推进，确保各项重点工作任务按期保质完成。',
  );
  return paragraphs;
}

/** The summary as stored and edited: paragraphs separated by line breaks. */
export function bulletinSummaryText(paragraphs: string[]): string {
  return paragraphs.join('\n');
}

/** The stored summary back as paragraphs (blank lines dropped, each trimmed). */
export function summaryParagraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

export function bulletinSummaryProblem(summary: unknown): string | undefined {
  if (typeof summary !== 'string' || summaryParagraphs(summary).length === 0) return BULLETIN_MESSAGES.summaryRequired;
  if (summary.length > BULLETIN_SUMMARY_MAX) return BULLETIN_MESSAGES.summaryTooLong;
  return undefined;
}

export function bulletinPrefixProblem(prefix: unknown): string | undefined {
  if (typeof prefix !== 'string' || !prefix.trim()) return BULLETIN_MESSAGES.prefixRequired;
  if (prefix.trim().length > BULLETIN_PREFIX_MAX) return BULLETIN_MESSAGES.prefixTooLong;
  if (!/^[\p{Script=Han}A-Za-z0-9]+$/u.test(prefix.trim())) return BULLETIN_MESSAGES.prefixInvalid;
  return undefined;
}

export function bulletinIssuerProblem(issuer: unknown): string | undefined {
  if (typeof issuer !== 'string' || !issuer.trim()) return BULLETIN_MESSAGES.issuerRequired;
  if (issuer.trim().length > BULLETIN_ISSUER_MAX) return BULLETIN_MESSAGES.issuerTooLong;
  return undefined;
}

export type BulletinAction = 'edit' | 'sign';

/**
 * Whether a bulletin in `status` may still be edited or signed: a signed bulletin is final (its
 * document is what was issued), so both are refused with the plain reason.
 */
export function bulletinChangeProblem(bulletin: { status: BulletinStatus; issue: number; signedOn: string | null }, action: BulletinAction): string | undefined {
  if (bulletin.status !== 'signed') return undefined;
  const issued = `${bulletinIssueLabel(bulletin.issue)}督办通报已于${bulletin.signedOn ? chineseDate(bulletin.signedOn) : ''}签发`;
  return action === 'sign' ? `${issued}，不能重复签发` : `${issued}，已成定稿，不能再修改`;
}
