// The plan ledger (台账): one row per measure in document order, as it stands today.
import { ESCALATION_LABELS, MEASURE_STATE_LABELS, STATUS_LIGHT_LABELS, type LightVerdict } from '@duban/domain';
import type { MeasureStatus } from './as-of';
import type { ReportColumn, ReportPrint, ReportTable } from './table';

export interface LedgerMeasure {
  code: string;
  title: string;
  chapter: string;
  section: string;
  suggestedDepartmentCode: string | null;
  quantities: Array<{ value: number; unit: string; text: string }>;
  status: MeasureStatus;
  verdict: LightVerdict;
  /** The latest progress report's text (the measure's snapshot), with when it was reported. */
  report?: LedgerReport;
  /** 分管领导: names of the leaders overseeing the owning department. */
  overseers?: string[];
  /** The due date lies in a year without official holidays (dateProvisional). */
  dueProvisional?: boolean;
  /** 领导批示 and 督办单 on the measure, with their answers (in order of issue). */
  directives?: LedgerDirective[];
}

export interface LedgerReport {
  note: string | null;
  problems: string | null;
  nextSteps: string | null;
  /** Beijing date of the latest report. */
  reportedOn: string | null;
}

export interface LedgerDirective {
  kind: 'instruction' | 'notice';
  text: string;
  noticeNumber: string | null;
  dueDate: string | null;
  issuedBy: string;
  issuedOn: string | null;
  answers: string[];
}

export interface Names {
  departments: Map<string, string>;
  users: Map<string, string>;
}

/**
 * The ledger's columns, in order. 章 and 节 are columns (so Excel sorts and filters by them); the
 * PDF shows them as heading rows instead (LEDGER_GROUP_COLUMNS).
 */
export const LEDGER_COLUMNS: ReportColumn[] = [
  { header: '序号', width: 5 },
  { header: '编号', width: 8 },
  { header: '章', width: 14 },
  { header: '节', width: 14 },
  { header: '工作任务', width: 36 },
  { header: '量化目标', width: 16 },
  { header: '牵头处室', width: 12 },
  { header: '配合处室', width: 12 },
  { header: '分管领导', width: 9 },
  { header: '承办人', width: 8 },
  { header: '时限', width: 11, type: 'date' },
  { header: '时限说明', width: 8 },
  { header: '最新进展情况', width: 32 },
  { header: '进度 %', width: 7 },
  { header: '存在问题', width: 24 },
  { header: '下步打算', width: 24 },
  { header: '状态', width: 8 },
  { header: '红黄绿灯', width: 8 },
  { header: '督办等级', width: 8 },
  { header: '检查问题', width: 11 },
  { header: '领导批示及办理情况', width: 28 },
  { header: '督办单及办理情况', width: 28 },
  { header: '办结日期', width: 11, type: 'date' },
];
/**
 * Relative column widths on the printed page (PDF), in CJK characters at the body size: narrow
 * columns get room for their words (待交办, 2029-06-29), long texts less than on screen.
 */
export const LEDGER_PDF_WIDTHS: Record<string, number> = {
  序号: 3,
  编号: 4,
  工作任务: 15,
  量化目标: 8,
  牵头处室: 7,
  配合处室: 6,
  分管领导: 5,
  承办人: 4,
  时限: 6.5,
  时限说明: 3,
  最新进展情况: 14,
  '进度 %': 4,
  存在问题: 11,
  下步打算: 11,
  状态: 4,
  红黄绿灯: 5,
  督办等级: 4,
  检查问题: 5,
  领导批示及办理情况: 12,
  督办单及办理情况: 12,
  办结日期: 6.5,
};
/** The grouping columns (outermost first), shown as heading rows where rows are printed in groups. */
export const LEDGER_GROUP_COLUMNS = ['章', '节'] as const;
/** What 时限说明 says of a provisional due date. */
export const PROVISIONAL = '暂定';
const LIGHT_COLUMN = LEDGER_COLUMNS.findIndex((c) => c.header === '红黄绿灯');

export const departmentName = (names: Names, code: string) => names.departments.get(code) ?? code;
export const personName = (names: Names, username: string | null) => (username ? (names.users.get(username) ?? username) : '');

/** The lead department, or the suggested one marked as such while nobody has been assigned. */
export function leadLabel(names: Names, status: MeasureStatus, suggested: string | null): string {
  if (status.leadDepartment) return departmentName(names, status.leadDepartment);
  return suggested ? `${departmentName(names, suggested)}（建议）` : '';
}

export function dueLabel(status: MeasureStatus): string {
  if (!status.dueDate) return '';
  return status.dueProvisional ? `${status.dueDate}（暂定）` : status.dueDate;
}

/** One line per directive: who wrote it and when, what, by when, and each answer (or 待答复). */
export function directiveLines(names: Names, directives: LedgerDirective[], kind: LedgerDirective['kind']): string {
  return directives
    .filter((d) => d.kind === kind)
    .map((d) => {
      const head = [d.noticeNumber, kind === 'instruction' ? `${personName(names, d.issuedBy)}批示` : null, d.issuedOn].filter(Boolean).join(' ');
      const due = d.dueDate ? `（${d.dueDate}前答复）` : '';
      const answers = d.answers.length ? d.answers.map((a) => `答复：${a}`).join('；') : '待答复';
      return `${head}：${d.text}${due}；${answers}`;
    })
    .join('\n');
}

/** 最新进展情况: the latest report's note with its Beijing date. */
export function latestProgress(report: LedgerReport | undefined): string {
  if (!report?.note) return '';
  return report.reportedOn ? `${report.note}（${report.reportedOn}报送）` : report.note;
}

/** `2026-12-02` → `2026年12月2日`, as dates are written in a title. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function ledgerTable(planTitle: string, asOf: string, measures: LedgerMeasure[], names: Names, print?: ReportPrint): ReportTable {
  return {
    sheet: '台账',
    title: `${planTitle}台账（截至${chineseDate(asOf)}）`,
    notes: [
      `统计截至 ${asOf}（北京时间）；红黄绿灯按当日判定；时限说明为“${PROVISIONAL}”的，时限所在年份尚无官方节假日安排，暂按周一至周五计算。`,
    ],
    columns: LEDGER_COLUMNS,
    print: { orientation: 'landscape', paper: 'A3', ...print },
    rows: measures.map((m, index) => {
      const s = m.status;
      const open = s.findings.filter((f) => f.status !== 'closed').length;
      return {
        cells: [
          index + 1,
          m.code,
          m.chapter,
          m.section,
          m.title,
          m.quantities.map((q) => `${q.value} ${q.unit} ${q.text}`).join('；'),
          leadLabel(names, s, m.suggestedDepartmentCode),
          s.coDepartments.map((d) => departmentName(names, d)).join('、'),
          (m.overseers ?? []).join('、'),
          personName(names, s.assigneeId),
          s.dueDate ?? '',
          m.dueProvisional ? PROVISIONAL : '',
          latestProgress(m.report),
          s.progressPercent,
          m.report?.problems ?? '',
          m.report?.nextSteps ?? '',
          MEASURE_STATE_LABELS[s.state],
          STATUS_LIGHT_LABELS[m.verdict.light],
          s.escalationLevel ? ESCALATION_LABELS[s.escalationLevel] : '',
          // Not "1/2": Excel would turn that into a date when it opens the CSV.
          s.findings.length ? `未销号 ${open} / 共 ${s.findings.length}` : '',
          directiveLines(names, m.directives ?? [], 'instruction'),
          directiveLines(names, m.directives ?? [], 'notice'),
          s.completedOn ?? '',
        ],
        lights: { [LIGHT_COLUMN]: m.verdict.light },
      };
    }),
  };
}
