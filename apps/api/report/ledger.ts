// The plan ledger (台账): one row per measure in document order, as it stands today.
import { ESCALATION_LABELS, MEASURE_STATE_LABELS, STATUS_LIGHT_LABELS, type LightVerdict } from '@duban/domain';
import type { MeasureStatus } from './as-of';
import type { ReportTable } from './table';

export interface LedgerMeasure {
  code: string;
  title: string;
  chapter: string;
  section: string;
  suggestedDepartmentCode: string | null;
  quantities: Array<{ value: number; unit: string; text: string }>;
  status: MeasureStatus;
  verdict: LightVerdict;
  /** 领导批示 and 督办单 on the measure, with their answers (in order of issue). */
  directives?: LedgerDirective[];
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

export const LEDGER_COLUMNS = [
  { header: '章', width: 26 },
  { header: '节', width: 26 },
  { header: '编号', width: 9 },
  { header: '事项', width: 36 },
  { header: '量化目标', width: 30 },
  { header: '牵头处室', width: 20 },
  { header: '配合处室', width: 22 },
  { header: '承办人', width: 10 },
  { header: '交办日期', width: 12 },
  { header: '截止日期', width: 18 },
  { header: '状态', width: 9 },
  { header: '进度 %', width: 8 },
  { header: '完成数量', width: 10 },
  { header: '红黄绿灯', width: 10 },
  { header: '督办等级', width: 10 },
  { header: '退回次数', width: 9 },
  { header: '检查问题', width: 16 },
  { header: '办结日期', width: 12 },
  { header: '领导批示及办理情况', width: 40 },
  { header: '督办单及办理情况', width: 40 },
];
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

export function ledgerTable(planTitle: string, asOf: string, measures: LedgerMeasure[], names: Names): ReportTable {
  return {
    sheet: '台账',
    title: `${planTitle}台账`,
    notes: [
      `统计截至 ${asOf}；红黄绿灯按当日判定，截止日期标“（暂定）”的，所在年份尚无官方节假日安排。`,
    ],
    columns: LEDGER_COLUMNS,
    rows: measures.map((m) => {
      const s = m.status;
      const open = s.findings.filter((f) => f.status !== 'closed').length;
      return {
        cells: [
          m.chapter,
          m.section,
          m.code,
          m.title,
          m.quantities.map((q) => `${q.value} ${q.unit} ${q.text}`).join('；'),
          leadLabel(names, s, m.suggestedDepartmentCode),
          s.coDepartments.map((d) => departmentName(names, d)).join('、'),
          personName(names, s.assigneeId),
          s.assignedOn ?? '',
          dueLabel(s),
          MEASURE_STATE_LABELS[s.state],
          s.progressPercent,
          s.quantityDone,
          STATUS_LIGHT_LABELS[m.verdict.light],
          s.escalationLevel ? ESCALATION_LABELS[s.escalationLevel] : '',
          s.reworkCount,
          // Not "1/2": Excel would turn that into a date when it opens the CSV.
          s.findings.length ? `未销号 ${open} / 共 ${s.findings.length}` : '',
          s.completedOn ?? '',
          directiveLines(names, m.directives ?? [], 'instruction'),
          directiveLines(names, m.directives ?? [], 'notice'),
        ],
        lights: { [LIGHT_COLUMN]: m.verdict.light },
      };
    }),
  };
}
