// 导出 Excel from the lists people work in: 全部事项 (with the list's own filters and scope), 逾期审计,
// 督办升级记录, 处室考核 and the 督办单/问责记录 list. The rows are the list's own DTOs (the services'
// queries, never a second filter): this module only turns them into tables, renders them with the
// report writer (apps/api/report/xlsx.ts: date columns as real date cells, the print setup) and
// records each export in the admin audit stream.
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AdminAuditRepository } from '@duban/db';
import {
  ESCALATION_LABELS,
  FINDING_STATUS_LABELS,
  MEASURE_STATE_LABELS,
  STATUS_LIGHT_LABELS,
  type EscalationLevel,
  type FindingStatus,
  type MeasureState,
} from '@duban/domain';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { EscalationLogItemDto, EscalationQuery, NoticeDto, NoticeKind, NoticeQuery, OverdueItemDto, ScorecardDto, ScorecardQuery } from '../audit/audit.dto';
import type { MeasureListItemDto, MeasureListQuery } from '../measure/measure.dto';
import { beijingDateTime } from '../documents/notice-document';
import type { CellValue, ReportFile, ReportRow, ReportTable } from '../report/table';
import { tablesToXlsx } from '../report/xlsx';

/** The most rows one export carries (a plan has tens to a few thousand measures). */
export const EXPORT_LIMIT = 10_000;
/** What a list's service is asked for when it exports: everything its filters match, from the first row. */
export const EXPORT_WINDOW = { offset: 0, limit: EXPORT_LIMIT } as const;

export type ExportedList = 'measures' | 'overdue' | 'escalations' | 'scorecard' | 'notices';

/** A list's table; its date columns (`type: 'date'`) are written as real Excel date cells by the report writer. */
export type ExportTable = ReportTable;

const dash = (v: string | null | undefined): string => (v === null || v === undefined || v === '' ? '' : v);
const stateLabel = (state: string): string =>
  MEASURE_STATE_LABELS[state as MeasureState] ?? FINDING_STATUS_LABELS[state as FindingStatus] ?? state;
const levelLabel = (level: string | null): string => (level ? (ESCALATION_LABELS[level as EscalationLevel] ?? level) : '');

const FILTER_WORDS: Partial<Record<keyof MeasureListQuery, string>> = {
  year: '年度',
  status: '状态',
  department: '处室',
  lead: '牵头处室',
  assignee: '承办人',
  overdue: '逾期',
  escalationLevel: '督办等级',
  light: '灯',
  q: '搜索',
  completion: '办结',
  accountability: '问责',
  excludeCancelled: '不含已撤销',
};

/** The filters of a 全部事项 export, in words, for the sheet's notes. */
export function describeMeasureFilters(query: MeasureListQuery): string {
  const parts: string[] = [];
  for (const [key, word] of Object.entries(FILTER_WORDS) as Array<[keyof MeasureListQuery, string]>) {
    const value = query[key];
    if (value === undefined || value === null || value === '') continue;
    let text: string;
    if (key === 'status') text = MEASURE_STATE_LABELS[value as MeasureState];
    else if (key === 'escalationLevel') text = levelLabel(String(value));
    else if (key === 'light') text = STATUS_LIGHT_LABELS[value as keyof typeof STATUS_LIGHT_LABELS];
    else if (key === 'completion') text = value === 'on_time' ? '按期' : '超期';
    else if (typeof value === 'boolean') text = value ? '是' : '否';
    else if (Array.isArray(value)) text = value.join('、');
    else text = String(value);
    parts.push(`${word}：${text}`);
  }
  return parts.length > 0 ? `筛选条件：${parts.join('；')}` : '筛选条件：无（全部可见事项）';
}

export function measuresTable(items: MeasureListItemDto[], query: MeasureListQuery, exportedAt: Date): ExportTable {
  return {
    sheet: '全部事项',
    title: query.year ? `${query.year}年工作要点 全部事项` : '全部事项',
    notes: [describeMeasureFilters(query), `导出时间：${beijingDateTime(exportedAt)}（北京时间）；共 ${items.length} 项`],
    columns: [
      { header: '序号', width: 6 },
      { header: '事项编号', width: 14 },
      { header: '工作任务', width: 48 },
      { header: '状态', width: 10 },
      { header: '牵头处室', width: 16 },
      { header: '配合处室', width: 22 },
      { header: '承办人', width: 10 },
      { header: '办理时限', width: 12, type: 'date' },
      { header: '时限说明', width: 10 },
      { header: '进度(%)', width: 8 },
      { header: '督办等级', width: 10 },
      { header: '红黄绿灯', width: 10 },
      { header: '灯号说明', width: 36 },
      { header: '逾期工作日', width: 10 },
      { header: '未销号问题', width: 10 },
    ],
    rows: items.map(
      (m, i): ReportRow => ({
        cells: [
          i + 1,
          m.id,
          m.title,
          m.stateLabel,
          dash(m.leadDepartmentName ?? m.leadDepartment),
          m.coDepartments.map((d) => d.name ?? d.code).join('、'),
          dash(m.assigneeName ?? m.assigneeId),
          m.dueDate,
          m.dueDate && m.dueProvisional ? '暂定' : '',
          m.progressPercent,
          levelLabel(m.escalationLevel),
          m.lightLabel,
          m.lightReasons.join('；'),
          m.workingDaysOverdue > 0 ? m.workingDaysOverdue : null,
          m.openFindings,
        ],
        lights: { 11: m.light },
      }),
    ),
  };
}

export function overdueTable(items: OverdueItemDto[], today: string): ExportTable {
  return {
    sheet: '逾期审计',
    title: '逾期审计',
    notes: [`逾期计至 ${today}（北京时间，工作日）；共 ${items.length} 项`],
    columns: [
      { header: '序号', width: 6 },
      { header: '类型', width: 10 },
      { header: '事项编号', width: 14 },
      { header: '事项名称', width: 40 },
      { header: '检查问题', width: 30 },
      { header: '状态', width: 10 },
      { header: '办理时限', width: 12, type: 'date' },
      { header: '逾期工作日', width: 10 },
      { header: '督办等级', width: 10 },
      { header: '责任处室', width: 16 },
      { header: '承办人', width: 10 },
      { header: '督办记录', width: 40 },
    ],
    rows: items.map((r, i) => ({
      cells: [
        i + 1,
        r.kind === 'finding' ? '检查问题' : '事项',
        r.measureId,
        dash(r.measureTitle),
        r.kind === 'finding' ? `${dash(r.findingId)} ${dash(r.description)}`.trim() : '',
        stateLabel(r.state),
        r.dueDate,
        r.workingDaysOverdue,
        dash(r.escalationLabel),
        dash(r.department?.name ?? r.department?.code),
        dash(r.person?.displayName ?? r.person?.username),
        r.urgings.map((u) => `${u.label} ${u.date}`).join('；'),
      ],
    })),
  };
}

export function escalationsTable(items: EscalationLogItemDto[], query: EscalationQuery, names: Map<string, string>): ExportTable {
  const filters = [query.level ? `级别：${levelLabel(query.level)}` : '', query.from ? `自 ${query.from}` : '', query.to ? `至 ${query.to}` : ''].filter(Boolean);
  return {
    sheet: '督办升级记录',
    title: '督办升级记录',
    notes: [filters.length > 0 ? `筛选条件：${filters.join('；')}` : '筛选条件：无（全部记录）', `共 ${items.length} 条`],
    columns: [
      { header: '序号', width: 6 },
      { header: '日期', width: 12, type: 'date' },
      { header: '级别', width: 8 },
      { header: '事项编号', width: 14 },
      { header: '事项名称', width: 40 },
      { header: '检查问题', width: 14 },
      { header: '针对', width: 8 },
      { header: '节点日期', width: 12, type: 'date' },
      { header: '已通知', width: 30 },
    ],
    rows: items.map((r, i) => ({
      cells: [
        i + 1,
        r.date,
        r.label,
        r.measureId,
        dash(r.measureTitle),
        dash(r.findingId),
        r.against === 'reviewer' ? '审核人' : '承办人',
        r.stepDate,
        r.notified.map((u) => names.get(u) ?? u).join('、'),
      ],
    })),
  };
}

const percent = (rate: number | null): CellValue => (rate === null ? null : Math.round(rate * 1000) / 10);

export function scorecardTable(card: ScorecardDto): ExportTable {
  return {
    sheet: '处室考核',
    title: `${card.year}年 处室考核`,
    notes: [`统计至 ${card.today}（北京时间）；应办结 = 已办结 + 逾期未办结；按期率 = 按期办结 ÷ 应办结`],
    columns: [
      { header: '处室', width: 18 },
      { header: '交办', width: 8 },
      { header: '已办结', width: 8 },
      { header: '按期办结', width: 9 },
      { header: '应办结', width: 8 },
      { header: '按期率(%)', width: 10 },
      { header: '逾期', width: 8 },
      { header: '平均逾期工作日', width: 12 },
      { header: '退回整改', width: 9 },
      { header: '返工率(%)', width: 10 },
      { header: '未销号问题', width: 10 },
      { header: '问责结果', width: 9 },
      { header: '问责明细', width: 30 },
    ],
    rows: card.departments.map((d) => ({
      cells: [
        d.department.name ?? d.department.code,
        d.assigned,
        d.completed,
        d.completedOnTime,
        d.due,
        percent(d.onTimeRate),
        d.overdue,
        d.averageWorkingDaysOverdue,
        d.reworked,
        percent(d.reworkRate),
        d.openFindings,
        d.accountabilityOutcomes,
        d.outcomesByKind.map((o) => `${o.label} ${o.count}`).join('；'),
      ],
    })),
  };
}

const NOTICE_SHEETS: Record<NoticeKind, string> = { supervision: '督办单', accountability: '问责记录' };

export function noticesTable(items: NoticeDto[], kind: NoticeKind): ExportTable {
  return {
    sheet: NOTICE_SHEETS[kind],
    title: NOTICE_SHEETS[kind],
    notes: [`共 ${items.length} 份，新编号在前`],
    columns: [
      { header: '序号', width: 6 },
      { header: '编号', width: 18 },
      { header: '签发日期', width: 12, type: 'date' },
      { header: '事项编号', width: 14 },
      { header: '事项名称', width: 40 },
      { header: '检查问题', width: 14 },
      { header: '责任单位', width: 16 },
      { header: '责任人', width: 10 },
      { header: '逾期工作日', width: 10 },
    ],
    rows: items.map((r, i) => ({
      cells: [
        i + 1,
        r.number,
        r.issuedOn,
        r.measureId,
        dash(r.measureTitle),
        dash(r.findingId),
        dash(r.responsibleUnit?.name ?? r.responsibleUnit?.code),
        dash(r.responsiblePerson?.displayName ?? r.responsiblePerson?.username),
        r.overdueWorkingDays,
      ],
    })),
  };
}

const FILE_NAMES: Record<ExportedList, { name: string; ascii: string }> = {
  measures: { name: '全部事项', ascii: 'measures' },
  overdue: { name: '逾期审计', ascii: 'overdue' },
  escalations: { name: '督办升级记录', ascii: 'escalations' },
  scorecard: { name: '处室考核', ascii: 'scorecard' },
  notices: { name: '督办单', ascii: 'notices' },
};

/** Renders a list's table and records the export (who, the query, the file's name and SHA-256) in the admin audit stream. */
@Injectable()
export class ListExportService {
  constructor(private readonly adminAudit: AdminAuditRepository) {}

  async file(user: AuthenticatedUser, list: ExportedList, query: MeasureListQuery | EscalationQuery | ScorecardQuery | NoticeQuery | Record<string, unknown>, table: ExportTable, generatedAt = new Date()): Promise<ReportFile> {
    const content = await tablesToXlsx([table], { title: table.title, generatedAt });
    const stamp = beijingStamp(generatedAt);
    const names = FILE_NAMES[list];
    const base = list === 'notices' ? table.sheet : names.name;
    const file: ReportFile = { format: 'xlsx', fileName: `${base}-${stamp}.xlsx`, asciiFileName: `${names.ascii}-${stamp}.xlsx`, content };
    const sha256 = createHash('sha256').update(content).digest('hex');
    await this.adminAudit.record({
      actorId: user.username,
      actorRole: user.role,
      action: 'report.export',
      target: `list:${list}`,
      after: { query: { ...query }, rows: table.rows.length, fileName: file.fileName, format: file.format, bytes: content.length, sha256 },
    });
    return file;
  }
}

/** 20221201-0930 in Beijing time, for file names. */
function beijingStamp(at: Date): string {
  const b = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return `${b.slice(0, 4)}${b.slice(5, 7)}${b.slice(8, 10)}-${b.slice(11, 13)}${b.slice(14, 16)}`;
}
