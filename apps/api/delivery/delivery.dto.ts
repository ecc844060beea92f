import { z } from 'zod';
import {
  CHANNEL_KINDS,
  DELIVERY_MODES,
  EMAIL_MODES,
  OUTBOX_STATUSES,
  SMS_POLICIES,
  type ChannelKind,
  type DeliveryMode,
  type DeliveryOutcomeKind,
  type EmailMode,
  type FailureClass,
  type OutboxOrigin,
  type OutboxStatus,
  type SmsPolicy,
} from '@duban/domain';

/** The secret fields of each kind: kept in their own column, never sent back (only 已设置 and, for a long token, its last 4 characters). */
export const SECRET_FIELDS: Record<ChannelKind, readonly string[]> = {
  email: ['password'],
  sms: ['secret'],
  wecom: ['webhook'],
  dingtalk: ['webhook', 'signSecret'],
  feishu: ['webhook', 'signSecret'],
};

export const CHANNEL_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
const CHANNEL_NAME_MAX = 60;

export const channelIdParam = z.string().regex(CHANNEL_ID_PATTERN, '渠道编号只含小写字母、数字和 -，最长 64 个字符');

const kind = z.enum(CHANNEL_KINDS, { error: `渠道类型应为 ${CHANNEL_KINDS.join('、')} 之一` });
const name = z.string({ error: '请填写渠道名称' }).trim().min(1, '请填写渠道名称').max(CHANNEL_NAME_MAX, `渠道名称最长 ${CHANNEL_NAME_MAX} 个字符`);
const audience = z.string().trim().max(80, '接收对象过长');
const mode = z.enum(DELIVERY_MODES, { error: '推送方式应为 event（每条消息）或 digest（每日汇总）' });
const perMinute = z.union([z.number().int('每分钟条数应为整数').min(1, '每分钟至少 1 条').max(600, '每分钟最多 600 条'), z.null()]);
/** Omitted = keep the stored secret, "" = clear it, a value = replace it. */
const secrets = z.record(z.string(), z.string().max(2000, '密钥过长'), { error: '密钥应为 { 字段: 值 }' });
const config = z.record(z.string(), z.unknown(), { error: '渠道设置应为对象' });

/** POST /notification-channels. The config is checked against the kind's own shape by the service (configSchemas). */
export const createChannelBody = z
  .object({
    id: channelIdParam.optional(),
    kind,
    name,
    enabled: z.boolean().optional(),
    audience: audience.optional(),
    mode: mode.optional(),
    perMinute: perMinute.optional(),
    config: config.default({}),
    secrets: secrets.optional(),
  })
  .strict();
export type CreateChannelBody = z.infer<typeof createChannelBody>;

/** PUT /notification-channels/:id: the fields given change; `config`, when given, replaces the stored one whole. */
export const updateChannelBody = z
  .object({
    name: name.optional(),
    enabled: z.boolean().optional(),
    audience: audience.optional(),
    mode: mode.optional(),
    perMinute: perMinute.optional(),
    config: config.optional(),
    secrets: secrets.optional(),
  })
  .strict();
export type UpdateChannelBody = z.infer<typeof updateChannelBody>;

export const channelEnabledBody = z.object({ enabled: z.boolean({ error: 'enabled 应为 true 或 false' }) }).strict();
export type ChannelEnabledBody = z.infer<typeof channelEnabledBody>;

export const channelTestBody = z.object({ to: z.string().trim().max(254, '地址过长').optional() }).strict();
export type ChannelTestBody = z.infer<typeof channelTestBody>;

const bool = z.boolean();
const text = (max: number, label: string) => z.string({ error: `${label}应为文字` }).max(max, `${label}最长 ${max} 个字符`);

/** Each kind's non-secret settings (a secret put here is refused: it belongs in `secrets`). */
export const configSchemas: Record<ChannelKind, z.ZodType<Record<string, unknown>>> = {
  email: z
    .object({
      host: text(253, 'SMTP 服务器'),
      port: z.number({ error: 'SMTP 端口应为数字' }).int('SMTP 端口应为整数'),
      secure: bool.optional(),
      requireTLS: bool.optional(),
      ignoreTLS: bool.optional(),
      allowSelfSigned: bool.optional(),
      from: text(254, '发件人'),
      user: text(254, 'SMTP 用户名').optional(),
      maxConnections: z.number().int().min(1).max(10).optional(),
      /** Default: the host of DUBAN_PUBLIC_URL. */
      messageIdDomain: text(253, 'Message-ID 域名').optional(),
    })
    .strict(),
  sms: z
    .object({
      method: z.enum(['POST', 'GET', 'PUT']).optional(),
      url: text(2000, '短信网关地址'),
      headers: z.record(z.string(), z.string().max(2000)).optional(),
      body: text(4000, '请求体模板').optional(),
      contentType: z.enum(['json', 'form']).optional(),
      /** `equals` is compared as text with the answer's value ("000000" stays "000000"; numbers and booleans from older saves are kept). */
      success: z
        .object({ jsonPath: text(200, '成功判断字段'), equals: z.union([z.string().max(200, '成功时的值最长 200 个字符'), z.number(), z.boolean()], { error: '成功时的值应为文字' }) })
        .strict()
        .optional(),
      maxChars: z.number().int().min(10).max(1000).optional(),
    })
    .strict(),
  wecom: z.object({}).strict(),
  dingtalk: z.object({ keyword: text(50, '关键词').optional() }).strict(),
  feishu: z.object({ keyword: text(50, '关键词').optional() }).strict(),
};

export const deliverySettingsBody = z
  .object({
    quietStart: z.string({ error: '请填写免打扰开始时间' }),
    quietEnd: z.string({ error: '请填写免打扰结束时间' }),
    smsPolicy: z.enum(SMS_POLICIES, { error: '短信策略应为 urgent（仅督办/问责）、all（全部）或 off（不发）' }),
    digestEnabled: z.boolean({ error: 'digestEnabled 应为 true 或 false' }),
  })
  .strict();
export type DeliverySettingsBody = z.infer<typeof deliverySettingsBody>;

export const preferencesBody = z
  .object({
    emailMode: z.enum(EMAIL_MODES, { error: '邮件方式应为 event（每条消息）、digest（每日汇总）或 off（不发邮件）' }).optional(),
    smsEnabled: z.boolean({ error: 'smsEnabled 应为 true 或 false' }).optional(),
  })
  .strict();
export type PreferencesBody = z.infer<typeof preferencesBody>;

export const deliveryListQuery = z
  .object({
    status: z.enum(OUTBOX_STATUSES, { error: `状态应为 ${OUTBOX_STATUSES.join('、')} 之一` }).optional(),
    lane: channelIdParam.optional(),
    measureId: z.string().trim().min(1).max(100).optional(),
    offset: z.coerce.number({ error: 'offset 应为数字' }).int('offset 应为整数').min(0, 'offset 不能为负').max(10_000_000, 'offset 超出范围').default(0),
    limit: z.coerce.number({ error: 'limit 应为数字' }).int('limit 应为整数').min(1, '每页至少 1 条').max(100, '每页最多 100 条').default(20),
  })
  .strict();
export type DeliveryListQuery = z.infer<typeof deliveryListQuery>;

/** A delivery id as written in the path: a positive integer in plain digits (no sign, exponent, spaces or leading zero), at most 16 digits. */
export const deliveryIdParam = z.string().regex(/^[1-9]\d{0,15}$/, '投递编号应为正整数（至多 16 位数字）');

/** A stored secret as the admin sees it: set or not, and (for a long token only) its last 4 characters. */
export interface SecretStateDto {
  set: boolean;
  /** `••••a1b2` for a token of ≥ 16 characters, `••••` for a shorter one, '' when not set. */
  hint: string;
}

export interface ChannelHealthDto {
  lastOkAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Set while the channel's settings are wrong: the lane waits until they are saved again. */
  pausedReason: string | null;
}

export interface ChannelDto {
  id: string;
  kind: ChannelKind;
  kindLabel: string;
  name: string;
  enabled: boolean;
  audience: string;
  audienceLabel: string;
  mode: DeliveryMode;
  perMinute: number | null;
  /** Non-secret settings only. */
  config: Record<string, unknown>;
  secrets: Record<string, SecretStateDto>;
  health: ChannelHealthDto;
  updatedAt: string;
  updatedBy: string | null;
}

export interface ChannelListDto {
  channels: ChannelDto[];
  /** The secret fields of each kind (the edit form shows one masked input per field). */
  secretFields: Record<ChannelKind, string[]>;
}

export interface ChannelTestDto {
  ok: boolean;
  outcome: DeliveryOutcomeKind;
  /** The SMTP or vendor answer, scrubbed of every secret. */
  detail: string;
  /** The test send's row in the delivery log. */
  deliveryId: string;
}

export interface DeliverySettingsDto {
  quietStart: string;
  quietEnd: string;
  smsPolicy: SmsPolicy;
  digestEnabled: boolean;
  updatedAt: string;
  updatedBy: string | null;
}

export interface PreferencesDto {
  emailMode: EmailMode;
  smsEnabled: boolean;
  /** Where messages would go (null: nothing on file, so none goes). */
  email: string | null;
  mobile: string | null;
  /** The bureau's settings that bound the choice. */
  smsPolicy: SmsPolicy;
  digestEnabled: boolean;
  emailChannel: boolean;
  smsChannel: boolean;
}

export interface DeliveryDto {
  id: string;
  lane: string;
  channelKind: ChannelKind;
  channelName: string | null;
  origin: OutboxOrigin;
  eventId: string | null;
  measureId: string | null;
  recipient: string | null;
  recipientName: string | null;
  address: string | null;
  urgent: boolean;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  lastAttemptAt: string | null;
  lastError: string | null;
  failureClass: FailureClass | null;
  sentAt: string | null;
  providerRef: string | null;
  resent: boolean;
  notBefore: string;
  createdAt: string;
}

export interface DeliveryPageDto {
  items: DeliveryDto[];
  total: number;
  offset: number;
  limit: number;
}

export interface LaneSummaryDto {
  lane: string;
  name: string;
  kind: ChannelKind;
  enabled: boolean;
  pending: number;
  /** Pending and already due (the rest wait out quiet hours or a non-working day). */
  due: number;
  sending: number;
  /** Failed rows; test sends (origin 'test') count neither here nor in sentLastDay. */
  failed: number;
  sentLastDay: number;
  /** Since when the oldest due row (sending, or pending and due) has been due: its not_before. */
  oldestPendingAt: string | null;
  /** Seconds since then (null: nothing due). */
  oldestPendingSeconds: number | null;
  health: ChannelHealthDto;
}

export interface DeliverySummaryDto {
  at: string;
  lanes: LaneSummaryDto[];
}
