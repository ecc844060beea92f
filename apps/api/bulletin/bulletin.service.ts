import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AdminAuditRepository, BulletinRepository, OrganizationRepository, PlanRepository, type BulletinRecord } from '@duban/db';
import {
  beijingDate,
  BULLETIN_STATUS_LABELS,
  bulletinChangeProblem,
  bulletinDocumentNumber,
  bulletinDocumentTitle,
  bulletinIssueLabel,
  bulletinIssuerProblem,
  bulletinPrefixProblem,
  bulletinSummary,
  bulletinSummaryProblem,
  bulletinSummaryText,
  DEFAULT_BULLETIN_ISSUER,
  DEFAULT_BULLETIN_PREFIX,
  issuerFromPlanTitle,
} from '@duban/domain';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CalendarService } from '../calendar/calendar.service';
import { documentFonts } from '../documents/fonts';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { ApiConfig } from '../infra/api-config';
import type { BulletinFigures } from '../report/bulletin';
import { ReportService } from '../report/report.service';
import { bulletinDocument } from './bulletin-document';
import { bulletinDocx } from './bulletin-docx';
import { bulletinPdf } from './bulletin-pdf';
import type {
  BulletinDocumentFormat,
  BulletinDto,
  BulletinListDto,
  BulletinSettingsBody,
  BulletinSettingsDto,
  DraftBulletinBody,
  EditBulletinBody,
} from './bulletin.dto';

export interface BulletinFile {
  format: BulletinDocumentFormat;
  fileName: string;
  asciiFileName: string;
  content: Buffer;
}

/**
 * 督办通报 issues: a draft freezes the month's figures (ReportService) and takes the plan year's next
 * 期号 and 文号; its summary is written by the domain and may be edited until a leader 签发 it;
 * then it is final. Every change and every document download is an admin audit entry.
 */
@Injectable()
export class BulletinService {
  constructor(
    private readonly bulletins: BulletinRepository,
    private readonly reports: ReportService,
    private readonly plans: PlanRepository,
    private readonly organization: OrganizationRepository,
    private readonly adminAudit: AdminAuditRepository,
    private readonly dataSource: DataSource,
    private readonly calendars: CalendarService,
    private readonly config: ApiConfig,
  ) {}

  async list(year: number): Promise<BulletinListDto> {
    await this.planTitle(year);
    const rows = await this.bulletins.list(year);
    const names = await this.names(rows.map((r) => r.draftedBy));
    return { year, bulletins: rows.map((r) => this.toDto(r, names)) };
  }

  async get(id: number): Promise<BulletinDto> {
    const row = await this.find(id);
    return this.toDto(row, await this.names([row.draftedBy]));
  }

  async settings(year: number): Promise<BulletinSettingsDto> {
    const planTitle = await this.planTitle(year);
    const series = await this.bulletins.series(year);
    const prefix = series?.prefix ?? DEFAULT_BULLETIN_PREFIX;
    const next = (series?.lastNumber ?? 0) + 1;
    return {
      year,
      prefix,
      issuer: series?.issuer ?? defaultIssuer(planTitle),
      nextIssue: next,
      nextDocumentNumber: bulletinDocumentNumber(prefix, year, next),
      saved: series !== undefined,
    };
  }

  async changeSettings(year: number, body: BulletinSettingsBody, user: AuthenticatedUser): Promise<BulletinSettingsDto> {
    await this.planTitle(year);
    const problems = [bulletinPrefixProblem(body.prefix), bulletinIssuerProblem(body.issuer)].filter((p): p is string => p !== undefined);
    if (problems.length) throw new DomainError(ErrorCode.ValidationFailed, problems.join('；'));
    const prefix = body.prefix.trim();
    const issuer = body.issuer.trim();
    await this.dataSource.transaction(async (manager) => {
      const { before, after } = await this.bulletins.setSeries(manager, { planYear: year, prefix, issuer, updatedBy: user.username });
      await this.adminAudit.record(
        { actorId: user.username, actorRole: user.role, action: 'bulletin.settings', target: `bulletins:${year}`, before: before && { prefix: before.prefix, issuer: before.issuer }, after: { prefix: after.prefix, issuer: after.issuer } },
        manager,
      );
    });
    return this.settings(year);
  }

  /** The month's issue: figures frozen now, the next 期号 and 文号, the generated summary. */
  async draft(body: DraftBulletinBody, user: AuthenticatedUser): Promise<BulletinDto> {
    const { plan, figures } = await this.reports.bulletinFigures({ month: body.month, year: body.year });
    const result = await this.dataSource.transaction(async (manager) => {
      const drafted = await this.bulletins.draft(
        manager,
        { planYear: plan.year, month: body.month, defaults: { prefix: DEFAULT_BULLETIN_PREFIX, issuer: defaultIssuer(plan.title) }, draftedBy: user.username },
        ({ issue, prefix }) => ({
          documentNumber: bulletinDocumentNumber(prefix, plan.year, issue),
          planTitle: plan.title,
          title: bulletinDocumentTitle(body.month),
          figures,
          summary: bulletinSummaryText(bulletinSummary(figures, { planTitle: plan.title, month: body.month })),
        }),
      );
      if ('existing' in drafted) return drafted;
      const b = drafted.created;
      await this.adminAudit.record(
        { actorId: user.username, actorRole: user.role, action: 'bulletin.draft', target: `bulletin:${b.id}`, after: { year: b.planYear, month: b.month, issue: b.issue, documentNumber: b.documentNumber, asOf: figures.asOf } },
        manager,
      );
      return drafted;
    });
    if ('existing' in result) {
      const e = result.existing;
      throw new DomainError(
        ErrorCode.BulletinExists,
        `${monthLabel(e.month)}的督办通报已起草（${bulletinIssueLabel(e.issue)}，${e.documentNumber}，${BULLETIN_STATUS_LABELS[e.status]}），不能重复起草`,
        { id: e.id },
      );
    }
    return this.toDto(result.created, await this.names([user.username]));
  }

  async edit(id: number, body: EditBulletinBody, user: AuthenticatedUser): Promise<BulletinDto> {
    const problem = bulletinSummaryProblem(body.summary);
    if (problem) throw new DomainError(ErrorCode.ValidationFailed, problem);
    const summary = body.summary.trim();
    const row = await this.dataSource.transaction(async (manager) => {
      const before = await this.lockDraft(manager, id, 'edit');
      const after = await this.bulletins.editSummary(manager, id, summary, user.username);
      await this.adminAudit.record(
        { actorId: user.username, actorRole: user.role, action: 'bulletin.edit', target: `bulletin:${id}`, before: { summary: before.summary }, after: { summary: after.summary } },
        manager,
      );
      return after;
    });
    return this.toDto(row, await this.names([row.draftedBy]));
  }

  /** 签发 by a leader: who and when (Beijing date); final from here on. */
  async sign(id: number, user: AuthenticatedUser): Promise<BulletinDto> {
    const signer = await this.organization.findUser(user.username);
    const on = this.calendars.today();
    const row = await this.dataSource.transaction(async (manager) => {
      await this.lockDraft(manager, id, 'sign');
      const signed = await this.bulletins.sign(manager, id, { username: user.username, name: signer?.displayName ?? user.username, on });
      await this.adminAudit.record(
        { actorId: user.username, actorRole: user.role, action: 'bulletin.sign', target: `bulletin:${id}`, before: { status: 'draft' }, after: { status: 'signed', signedOn: on, issue: signed.issue, documentNumber: signed.documentNumber } },
        manager,
      );
      return signed;
    });
    return this.toDto(row, await this.names([row.draftedBy]));
  }

  /** The issue as DOCX or PDF: a draft watermarked 草稿, the signed one final. The download is audited. */
  async document(id: number, format: BulletinDocumentFormat, user: AuthenticatedUser): Promise<BulletinFile> {
    const row = await this.find(id);
    const model = bulletinDocument(row, beijingDate(row.draftedAt.getTime()));
    const content = format === 'docx' ? await bulletinDocx(model) : await bulletinPdf(model, documentFonts(this.config.values));
    const state = row.status === 'signed' ? '' : '（草稿）';
    const file: BulletinFile = {
      format,
      fileName: `督办通报${bulletinIssueLabel(row.issue)}（${monthLabel(row.month)}）${state}.${format}`,
      asciiFileName: `duban-bulletin-${row.planYear}-${row.issue}${row.status === 'signed' ? '' : '-draft'}.${format}`,
      content,
    };
    await this.adminAudit.record({
      actorId: user.username,
      actorRole: user.role,
      action: 'bulletin.export',
      target: `bulletin:${id}`,
      after: { format, status: row.status, fileName: file.fileName, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') },
    });
    return file;
  }

  private async lockDraft(manager: EntityManager, id: number, action: 'edit' | 'sign'): Promise<BulletinRecord> {
    const row = await this.bulletins.find(id, manager, { lock: true });
    if (!row) throw notFound(id);
    const problem = bulletinChangeProblem({ status: row.status, issue: row.issue, signedOn: row.signedOn }, action);
    if (problem) throw new DomainError(ErrorCode.BulletinSigned, problem);
    return row;
  }

  private async find(id: number): Promise<BulletinRecord> {
    const row = await this.bulletins.find(id);
    if (!row) throw notFound(id);
    return row;
  }

  private async planTitle(year: number): Promise<string> {
    const plan = await this.plans.findPlan(year);
    if (!plan) throw new DomainError(ErrorCode.PlanNotFound, `${year} 年的工作要点尚未导入`);
    return plan.title;
  }

  private async names(usernames: string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const username of new Set(usernames)) {
      const user = await this.organization.findUser(username);
      if (user) names.set(username, user.displayName);
    }
    return names;
  }

  private toDto(r: BulletinRecord, names: Map<string, string>): BulletinDto {
    const f = r.figures as BulletinFigures;
    return {
      id: r.id,
      year: r.planYear,
      month: r.month,
      issue: r.issue,
      issueLabel: bulletinIssueLabel(r.issue),
      documentNumber: r.documentNumber,
      issuer: r.issuer,
      title: r.title,
      status: r.status,
      statusLabel: BULLETIN_STATUS_LABELS[r.status],
      summary: r.summary,
      asOf: f.asOf,
      total: f.total,
      completedThisMonth: f.completedThisMonth,
      newlyOverdue: f.newlyOverdue,
      onTimeRate: f.onTimeRate,
      departments: f.departments,
      draftedBy: r.draftedBy,
      draftedByName: names.get(r.draftedBy) ?? null,
      draftedAt: r.draftedAt.toISOString(),
      editedBy: r.editedBy,
      editedAt: r.editedAt?.toISOString() ?? null,
      signedBy: r.signedBy,
      signedByName: r.signedByName,
      signedOn: r.signedOn,
      signedAt: r.signedAt?.toISOString() ?? null,
    };
  }
}

function defaultIssuer(planTitle: string): string {
  return issuerFromPlanTitle(planTitle) ?? DEFAULT_BULLETIN_ISSUER;
}

function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

function notFound(id: number): DomainError {
  return new DomainError(ErrorCode.BulletinNotFound, `督办通报 ${id} 不存在`);
}
