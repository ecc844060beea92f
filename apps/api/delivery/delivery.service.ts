import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdminAuditRepository, ChannelRepository, OrganizationRepository, type ChannelWrite, type DeliveryLogRow, type StoredChannel } from '@duban/db';
import { channelProblems, createSender, mask, messageIdDomainFor, secretValues, scrub, type ChannelSpec } from '@duban/delivery';
import {
  AUDIENCE_LABELS,
  CHANNEL_KIND_LABELS,
  audienceOf,
  emailProblem,
  isRobotKind,
  mobileProblem,
  quietHoursProblem,
  type ChannelKind,
  type DeliveryMode,
} from '@duban/domain';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { ApiConfig } from '../infra/api-config';
import {
  SECRET_FIELDS,
  configSchemas,
  type ChannelDto,
  type ChannelHealthDto,
  type ChannelListDto,
  type ChannelTestDto,
  type CreateChannelBody,
  type DeliveryDto,
  type DeliveryListQuery,
  type DeliveryPageDto,
  type DeliverySettingsBody,
  type DeliverySettingsDto,
  type DeliverySummaryDto,
  type PreferencesBody,
  type PreferencesDto,
  type UpdateChannelBody,
} from './delivery.dto';
import { LaneKicker } from './lane-kicker';
import { testMessage } from './test-message';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

function healthDto(health: StoredChannel['health']): ChannelHealthDto {
  return { lastOkAt: health.lastOkAt ?? null, lastError: health.lastError ?? null, lastErrorAt: health.lastErrorAt ?? null, pausedReason: health.pausedReason ?? null };
}

function toDelivery(r: DeliveryLogRow): DeliveryDto {
  return {
    ...r,
    lastAttemptAt: iso(r.lastAttemptAt),
    sentAt: iso(r.sentAt),
    notBefore: new Date(r.notBefore).toISOString(),
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

/** What the admin audit keeps of a channel: its settings, never a secret — only which secret fields are set. */
function auditRecord(c: Pick<StoredChannel, 'id' | 'kind' | 'name' | 'enabled' | 'audience' | 'mode' | 'perMinute' | 'config' | 'secrets'>) {
  return { id: c.id, kind: c.kind, name: c.name, enabled: c.enabled, audience: c.audience, mode: c.mode, perMinute: c.perMinute, config: c.config, secretsSet: Object.keys(c.secrets).sort() };
}

const PUBLIC_FIELDS = ['name', 'enabled', 'audience', 'mode', 'perMinute', 'config'] as const;

/**
 * 消息渠道 (admin): channels with their secrets kept apart and masked, enable, 发送测试 (now, through
 * the sender, not the lane; recorded in the log); the bureau's delivery settings; the delivery log,
 * its summary per lane and 重发; each person's own 通知方式. Every admin change is audited (fields
 * changed, `secretChanged`, never a secret value) and wakes the channel's lane.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger('Delivery');

  constructor(
    private readonly channels: ChannelRepository,
    private readonly organization: OrganizationRepository,
    private readonly adminAudit: AdminAuditRepository,
    private readonly dataSource: DataSource,
    private readonly config: ApiConfig,
    private readonly kicker: LaneKicker,
  ) {}

  async list(): Promise<ChannelListDto> {
    const channels = await this.channels.list();
    return {
      channels: await Promise.all(channels.map((c) => this.toDto(c))),
      secretFields: Object.fromEntries(Object.entries(SECRET_FIELDS).map(([k, v]) => [k, [...v]])) as Record<ChannelKind, string[]>,
    };
  }

  async create(body: CreateChannelBody, user: AuthenticatedUser): Promise<ChannelDto> {
    const secrets = this.mergeSecrets(body.kind, {}, body.secrets);
    const draft = await this.checked(body.kind, {
      name: body.name,
      enabled: body.enabled ?? false,
      audience: body.audience,
      mode: body.mode,
      perMinute: body.perMinute ?? null,
      config: body.config,
      secrets,
    });
    const id = await this.dataSource.transaction(async (manager) => {
      await this.channels.lock(manager);
      const taken = new Set(await this.channels.ids(manager));
      const id = body.id ?? nextChannelId(body.kind, taken);
      if (taken.has(id)) throw new DomainError(ErrorCode.ChannelIdTaken, `渠道编号“${id}”已被使用，请换一个`);
      await this.assertOneOfKind(manager, body.kind, id, draft.enabled);
      const write: ChannelWrite = { id, kind: body.kind, ...draft, updatedBy: user.username };
      await this.channels.insert(manager, write);
      await this.adminAudit.record(
        { actorId: user.username, actorRole: user.role, action: 'channel.create', target: `channel:${id}`, after: { ...auditRecord(write), secretChanged: Object.keys(secrets).length > 0 } },
        manager,
      );
      return id;
    });
    if (draft.enabled) await this.kick(id);
    return this.toDto((await this.channels.find(id))!);
  }

  async update(id: string, body: UpdateChannelBody, user: AuthenticatedUser): Promise<ChannelDto> {
    const enabled = await this.dataSource.transaction(async (manager) => {
      await this.channels.lock(manager);
      const current = await this.channels.find(id, manager);
      if (!current) throw notFound(id);
      const secrets = this.mergeSecrets(current.kind, current.secrets, body.secrets);
      const draft = await this.checked(current.kind, {
        name: body.name ?? current.name,
        enabled: body.enabled ?? current.enabled,
        audience: body.audience ?? current.audience,
        mode: body.mode ?? current.mode,
        perMinute: body.perMinute === undefined ? current.perMinute : body.perMinute,
        config: body.config ?? current.config,
        secrets,
      });
      await this.assertOneOfKind(manager, current.kind, id, draft.enabled);
      const write: ChannelWrite = { id, kind: current.kind, ...draft, updatedBy: user.username };
      const changed = PUBLIC_FIELDS.filter((f) => JSON.stringify(current[f]) !== JSON.stringify(write[f]));
      const secretFields = SECRET_FIELDS[current.kind].filter((f) => (current.secrets[f] ?? '') !== (secrets[f] ?? ''));
      await this.channels.update(manager, write);
      await this.adminAudit.record(
        {
          actorId: user.username,
          actorRole: user.role,
          action: 'channel.update',
          target: `channel:${id}`,
          before: auditRecord(current),
          after: { ...auditRecord(write), changed, secretChanged: secretFields.length > 0, secretFieldsChanged: secretFields },
        },
        manager,
      );
      return write.enabled;
    });
    // A saved channel's lane tries again at once (a pause over wrong settings ends with the save).
    if (enabled) await this.kick(id);
    return this.toDto((await this.channels.find(id))!);
  }

  async setEnabled(id: string, enabled: boolean, user: AuthenticatedUser): Promise<ChannelDto> {
    await this.dataSource.transaction(async (manager) => {
      await this.channels.lock(manager);
      const current = await this.channels.find(id, manager);
      if (!current) throw notFound(id);
      if (current.enabled === enabled) return;
      await this.assertOneOfKind(manager, current.kind, id, enabled);
      await this.channels.setEnabled(manager, id, enabled, user.username);
      await this.adminAudit.record(
        { actorId: user.username, actorRole: user.role, action: enabled ? 'channel.enable' : 'channel.disable', target: `channel:${id}`, before: { enabled: current.enabled }, after: { enabled, changed: ['enabled'], secretChanged: false } },
        manager,
      );
    });
    if (enabled) await this.kick(id);
    return this.toDto((await this.channels.find(id))!);
  }

  /**
   * 发送测试: one message through the channel's sender now (not the lane, so it works while the channel
   * is disabled or its lane waits), recorded in the log as origin 'test' with its outcome.
   */
  async test(id: string, to: string | undefined, user: AuthenticatedUser): Promise<ChannelTestDto> {
    const channel = await this.channels.find(id);
    if (!channel) throw notFound(id);
    const address = await this.testAddress(channel.kind, to, user.username);
    const publicUrl = this.config.values.publicUrl;
    const messageKey = `test|${randomUUID()}`;
    const message = testMessage({ channelName: channel.name, kind: channel.kind, sentBy: user.displayName, at: new Date(), publicUrl, messageKey });
    const spec = this.specOf(channel);
    const sender = createSender(spec, { timeoutMs: 10_000 });
    let outcome;
    try {
      outcome = await sender.send({ id: message.number, key: messageKey, to: address ?? undefined, subject: message.subject, text: message.text, markdown: message.markdown, link: message.link });
    } finally {
      sender.close();
    }
    // The library scrubs its details; scrub again with this channel's secrets (belt and braces: it goes to the log and the screen).
    const detail = scrub(outcome.kind === 'sent' ? outcome.providerRef : outcome.detail, secretValues(channel.secrets));
    const deliveryId = await this.channels.recordTestSend({
      messageKey,
      lane: channel.id,
      channelKind: channel.kind,
      recipient: isRobotKind(channel.kind) ? null : user.username,
      address,
      subject: message.subject,
      bodyText: message.text,
      bodyMarkdown: message.markdown,
      link: message.link,
      status: outcome.kind === 'sent' ? 'sent' : 'failed',
      at: new Date(),
      providerRef: outcome.kind === 'sent' ? detail : null,
      lastError: outcome.kind === 'sent' ? null : detail,
      failureClass: outcome.kind === 'permanent' ? 'permanent' : null,
    });
    await this.adminAudit.record({ actorId: user.username, actorRole: user.role, action: 'channel.test', target: `channel:${id}`, after: { outcome: outcome.kind, deliveryId, address } });
    return { ok: outcome.kind === 'sent', outcome: outcome.kind, detail, deliveryId };
  }

  async settings(): Promise<DeliverySettingsDto> {
    const s = await this.channels.settings();
    return { quietStart: s.quietStart, quietEnd: s.quietEnd, smsPolicy: s.smsPolicy, digestEnabled: s.digestEnabled, updatedAt: s.updatedAt.toISOString(), updatedBy: s.updatedBy };
  }

  async saveSettings(body: DeliverySettingsBody, user: AuthenticatedUser): Promise<DeliverySettingsDto> {
    const problem = quietHoursProblem({ start: body.quietStart, end: body.quietEnd });
    if (problem) throw new DomainError(ErrorCode.DeliverySettingsInvalid, problem);
    const before = await this.channels.settings();
    await this.dataSource.transaction(async (manager) => {
      await this.channels.saveSettings(manager, { ...body, updatedBy: user.username });
      await this.adminAudit.record(
        {
          actorId: user.username,
          actorRole: user.role,
          action: 'delivery.settings',
          target: 'notification-settings',
          before: { quietStart: before.quietStart, quietEnd: before.quietEnd, smsPolicy: before.smsPolicy, digestEnabled: before.digestEnabled },
          after: { ...body },
        },
        manager,
      );
    });
    return this.settings();
  }

  async deliveries(query: DeliveryListQuery): Promise<DeliveryPageDto> {
    const { rows, total } = await this.channels.log(query);
    return { items: rows.map(toDelivery), total, offset: query.offset, limit: query.limit };
  }

  async summary(): Promise<DeliverySummaryDto> {
    const now = new Date();
    const [channels, lanes] = await Promise.all([this.channels.list(), this.channels.laneSummary(now)]);
    const byLane = new Map(lanes.map((l) => [l.lane, l]));
    return {
      at: now.toISOString(),
      lanes: channels.map((c) => {
        const l = byLane.get(c.id);
        const oldest = l?.oldestPendingAt ?? null;
        return {
          lane: c.id,
          name: c.name,
          kind: c.kind,
          enabled: c.enabled,
          pending: l?.pending ?? 0,
          due: l?.due ?? 0,
          sending: l?.sending ?? 0,
          failed: l?.failed ?? 0,
          sentLastDay: l?.sentLastDay ?? 0,
          oldestPendingAt: iso(oldest),
          oldestPendingSeconds: oldest ? Math.max(0, Math.round((now.getTime() - new Date(oldest).getTime()) / 1000)) : null,
          health: healthDto(c.health),
        };
      }),
    };
  }

  /** 重发: a failed row back to pending (same id, same message key, so the same Message-ID), then its lane is woken. */
  async retry(id: string, user: AuthenticatedUser): Promise<DeliveryDto> {
    const row = await this.channels.logRow(id);
    if (!row) throw new DomainError(ErrorCode.DeliveryNotFound, `投递记录 ${id} 不存在`);
    if (row.origin === 'test') throw new DomainError(ErrorCode.DeliveryNotRetryable, '测试消息不重发：请在消息渠道中再次发送测试');
    const moved = await this.dataSource.transaction(async (manager) => {
      const moved = await this.channels.retryFailed(manager, id, new Date());
      if (!moved) return undefined;
      await this.adminAudit.record(
        { actorId: user.username, actorRole: user.role, action: 'delivery.retry', target: `delivery:${id}`, before: { status: row.status, failureClass: row.failureClass }, after: { status: 'pending', lane: moved.lane } },
        manager,
      );
      return moved;
    });
    if (!moved) throw new DomainError(ErrorCode.DeliveryNotRetryable, `只有发送失败的消息可以重发（这条消息${STATUS_TEXT[row.status]}）`);
    await this.kick(moved.lane);
    return toDelivery((await this.channels.logRow(id))!);
  }

  async preferences(username: string): Promise<PreferencesDto> {
    const [prefs, user, settings, channels] = await Promise.all([this.channels.preferences(username), this.organization.findUser(username), this.channels.settings(), this.channels.list()]);
    return {
      emailMode: prefs.emailMode,
      smsEnabled: prefs.smsEnabled,
      email: user?.email ?? null,
      mobile: user?.mobile ?? null,
      smsPolicy: settings.smsPolicy,
      digestEnabled: settings.digestEnabled,
      emailChannel: channels.some((c) => c.kind === 'email' && c.enabled),
      smsChannel: channels.some((c) => c.kind === 'sms' && c.enabled),
    };
  }

  async savePreferences(username: string, body: PreferencesBody): Promise<PreferencesDto> {
    const current = await this.channels.preferences(username);
    await this.channels.savePreferences(username, { emailMode: body.emailMode ?? current.emailMode, smsEnabled: body.smsEnabled ?? current.smsEnabled });
    return this.preferences(username);
  }

  private async toDto(c: StoredChannel): Promise<ChannelDto> {
    return {
      id: c.id,
      kind: c.kind,
      kindLabel: CHANNEL_KIND_LABELS[c.kind],
      name: c.name,
      enabled: c.enabled,
      audience: c.audience,
      audienceLabel: await this.audienceLabel(c.audience),
      mode: c.mode,
      perMinute: c.perMinute,
      config: c.config,
      secrets: Object.fromEntries(SECRET_FIELDS[c.kind].map((f) => [f, { set: Boolean(c.secrets[f]), hint: mask(c.secrets[f]) }])),
      health: healthDto(c.health),
      updatedAt: c.updatedAt.toISOString(),
      updatedBy: c.updatedBy,
    };
  }

  private async audienceLabel(audience: string): Promise<string> {
    if (audience === 'people' || audience === 'supervisors' || audience === 'leadership') return AUDIENCE_LABELS[audience];
    const code = audience.startsWith('department:') ? audience.slice('department:'.length) : audience;
    const department = await this.organization.findDepartment(code);
    return `${department?.name ?? code}群`;
  }

  /** Secrets after a change: a field omitted keeps its value, "" clears it, a value replaces it. */
  private mergeSecrets(kind: ChannelKind, stored: Record<string, string>, given: Record<string, string> | undefined): Record<string, string> {
    const fields = SECRET_FIELDS[kind];
    const unknown = Object.keys(given ?? {}).filter((f) => !fields.includes(f));
    if (unknown.length) throw invalid([`${CHANNEL_KIND_LABELS[kind]}没有密钥字段 ${unknown.join('、')}（可用：${fields.join('、')}）`]);
    const out: Record<string, string> = {};
    for (const f of fields) {
      const value = given && f in given ? given[f].trim() : stored[f];
      if (value) out[f] = value;
    }
    return out;
  }

  /** The channel's settings checked: the kind's config shape, audience and mode, then libs/delivery's rules (channelProblems). */
  private async checked(
    kind: ChannelKind,
    draft: { name: string; enabled: boolean; audience?: string; mode?: DeliveryMode; perMinute: number | null; config: Record<string, unknown>; secrets: Record<string, string> },
  ): Promise<Omit<ChannelWrite, 'id' | 'kind' | 'updatedBy'>> {
    const problems: string[] = [];
    const parsed = configSchemas[kind].safeParse(draft.config);
    if (!parsed.success) problems.push(...parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}：${i.message}` : i.message)));
    let audience = draft.audience?.trim() || (isRobotKind(kind) ? '' : 'people');
    const mode = draft.mode ?? 'event';
    if (!isRobotKind(kind)) {
      if (audience !== 'people') problems.push(`${CHANNEL_KIND_LABELS[kind]}按人发送，接收对象只能是 people`);
      audience = 'people';
      if (mode !== 'event') problems.push('只有处室群机器人可以选择“每日汇总”');
    } else {
      const checkedAudience = audienceOf(audience);
      if (!checkedAudience || checkedAudience === 'people') problems.push(`群机器人的接收对象应为 department:<处室代码>、supervisors（${AUDIENCE_LABELS.supervisors}）或 leadership（${AUDIENCE_LABELS.leadership}）`);
      else if (checkedAudience.startsWith('department:') && !(await this.channels.departmentExists(checkedAudience.slice('department:'.length)))) {
        problems.push(`处室 ${checkedAudience.slice('department:'.length)} 不存在`);
      } else if (!checkedAudience.startsWith('department:') && mode !== 'event') problems.push('只有处室群机器人可以选择“每日汇总”');
    }
    if (parsed.success) problems.push(...channelProblems({ kind, config: parsed.data, secrets: draft.secrets } as unknown as ChannelSpec));
    if (problems.length) throw invalid(problems);
    return { name: draft.name, enabled: draft.enabled, audience, mode, perMinute: draft.perMinute, config: parsed.data!, secrets: draft.secrets };
  }

  private async assertOneOfKind(manager: Parameters<ChannelRepository['enabledOfKind']>[0], kind: ChannelKind, id: string, enabled: boolean): Promise<void> {
    if (!enabled || isRobotKind(kind)) return;
    const other = await this.channels.enabledOfKind(manager, kind, id);
    if (other) throw new DomainError(ErrorCode.ChannelKindEnabled, `已有启用的${CHANNEL_KIND_LABELS[kind]}渠道“${other}”：同一时间只能启用一个，请先停用它`);
  }

  private async testAddress(kind: ChannelKind, to: string | undefined, username: string): Promise<string | null> {
    if (isRobotKind(kind)) return null;
    const user = await this.organization.findUser(username);
    const address = to || (kind === 'email' ? user?.email : user?.mobile) || '';
    if (!address) {
      throw new DomainError(ErrorCode.ChannelTestAddressMissing, kind === 'email' ? '请填写接收测试邮件的邮箱（您的账号没有登记邮箱）' : '请填写接收测试短信的手机号（您的账号没有登记手机号）');
    }
    const problem = kind === 'email' ? emailProblem(address) : mobileProblem(address);
    if (problem) throw new DomainError(ErrorCode.ChannelTestAddressInvalid, problem);
    return address;
  }

  private specOf(channel: StoredChannel): ChannelSpec {
    const config = channel.kind === 'email' ? { messageIdDomain: messageIdDomainFor(this.config.values.publicUrl), ...channel.config } : channel.config;
    return { kind: channel.kind, config, secrets: channel.secrets } as unknown as ChannelSpec;
  }

  private async kick(lane: string): Promise<void> {
    try {
      await this.kicker.kick([lane]);
    } catch (error) {
      // Stored either way: the lane finds the change at its next timed look.
      this.logger.warn(`could not wake delivery lane ${lane}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

const STATUS_TEXT = { pending: '正在等待发送', sending: '正在发送', sent: '已发送', failed: '已失败' } as const;

function notFound(id: string): DomainError {
  return new DomainError(ErrorCode.ChannelNotFound, `消息渠道“${id}”不存在`);
}

function invalid(problems: string[]): DomainError {
  return new DomainError(ErrorCode.ChannelInvalid, `渠道设置有误：${problems.join('；')}`, { problems });
}

/** `email`, `sms` for the first of their kind (`email-2` … after), `robot-<n>` for robots. */
export function nextChannelId(kind: ChannelKind, taken: ReadonlySet<string>): string {
  if (!isRobotKind(kind)) {
    if (!taken.has(kind)) return kind;
    for (let n = 2; ; n++) if (!taken.has(`${kind}-${n}`)) return `${kind}-${n}`;
  }
  for (let n = 1; ; n++) if (!taken.has(`robot-${n}`)) return `robot-${n}`;
}
