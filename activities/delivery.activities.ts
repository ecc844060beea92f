// The delivery lanes' and the daily digest's side effects: send a lane's due outbox rows in id order
// (libs/delivery senders, libs/domain lane rules), and write a day's digest rows once.
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import {
  deliveryExpiresAt,
  digestMessage,
  digestMessageKey,
  dispositionOf,
  messageNumber,
  mergeCalendarData,
  paceBudget,
  paceFor,
  robotReserve,
  WorkingDayCalendar,
  type OutboxMessage,
  type Pace,
} from '@duban/domain';
import { createSenderCache, messageIdDomainFor, scrub, secretValues, type ChannelSpec, type SenderOptions } from '@duban/delivery';
import type { CalendarRepository, DigestRepository, LaneChannel, OutboxRepository } from '@duban/db';
import { bundledCalendarData } from './calendar-data';

export interface DeliveryActivityDeps {
  outbox: OutboxRepository;
  calendars: CalendarRepository;
  digests: DigestRepository;
  /** DUBAN_PUBLIC_URL: the digest's links and the e-mail Message-ID domain. */
  publicUrl: string;
  /** Lanes that got new rows (the digest): the worker's kicker wakes them. */
  onOutbox?: (lanes: string[]) => void;
  /** Sender options (timeouts); tests shorten them. */
  senderOptions?: SenderOptions;
}

export interface DeliverBatchInput {
  lane: string;
  /** Workflow time when the batch was asked for (ms): due rows, expiry and back-off count from it. */
  now: number;
  /** At most this many sends. */
  max: number;
  /** Workflow times of the lane's recent sends: the channel's pace (as set now) caps the batch. */
  recentSends?: number[];
}

/**
 * What a batch came to:
 * - `more`: the budget was used up and rows are still due; `idle`: nothing due now (nextDueAt: the
 *   earliest open row, null = none); `paused`: the channel's settings are wrong (recheckMs);
 *   `rate_limited`: the vendor asked to wait sleepMs; `paced`: the channel's pace allows no send
 *   before wakeAt; `disabled`: the channel is off or gone.
 * `sentAt`: the (workflow-clock) times of this batch's sends, for the lane's pacing; `pace`: the channel's.
 */
export interface DeliverBatchResult {
  status: 'more' | 'idle' | 'paused' | 'rate_limited' | 'paced' | 'disabled';
  sent: number;
  sentAt: number[];
  nextDueAt: number | null;
  pace: Pace | null;
  sleepMs?: number;
  recheckMs?: number;
  /** `paced`: the pace allows the next send at this (workflow-clock) time. */
  wakeAt?: number;
}

export interface RunDigestResult {
  date: string;
  /** false: not a working day, the digest is off, or the day's digest ran before. */
  ran: boolean;
  messages: number;
}

/** Most sends of one activity call: the workflow takes a turn (pace, kicks) between batches. */
export const DELIVERY_BATCH_MAX = 50;

function channelSpec(channel: LaneChannel, publicUrl: string): ChannelSpec {
  const config = { ...channel.config };
  if (channel.kind === 'email' && !config.messageIdDomain) config.messageIdDomain = messageIdDomainFor(publicUrl);
  return { kind: channel.kind, config, secrets: channel.secrets } as unknown as ChannelSpec;
}

export function createDeliveryActivities(deps: DeliveryActivityDeps) {
  const senders = createSenderCache(deps.senderOptions);
  let cached: { calendar: WorkingDayCalendar; until: number } | undefined;
  const readCalendar = async (fresh = false): Promise<WorkingDayCalendar> => {
    if (!fresh && cached && cached.until > Date.now()) return cached.calendar;
    const calendar = new WorkingDayCalendar(mergeCalendarData(bundledCalendarData(), await deps.calendars.listOfficial(2000, 2100)));
    cached = { calendar, until: Date.now() + 60_000 };
    return calendar;
  };
  const heartbeat = () => {
    try {
      Context.current().heartbeat();
    } catch {
      // outside an activity context (direct calls): nothing to report to
    }
  };

  return {
    /**
     * Sends the lane's due rows in id order, one at a time (claimed `sending` and committed before
     * the send, so a crash leaves at most one row to resend). A channel that is down throws a
     * retryable `ChannelDown`: Temporal backs off and the lane stays blocked at that row, in order.
     */
    async deliverBatch(input: DeliverBatchInput): Promise<DeliverBatchResult> {
      // A retry runs later than the workflow asked: count from this attempt's schedule time (the
      // server's clock, virtual under time skipping) plus the time this attempt has taken.
      let base = input.now;
      let started = Date.now();
      try {
        const info = Context.current().info;
        base = Math.max(input.now, info.currentAttemptScheduledTimestampMs ?? 0);
        started = Date.now();
      } catch {
        // called directly
      }
      const now = () => base + (Date.now() - started);
      const channel = await deps.outbox.laneChannel(input.lane);
      if (!channel || !channel.enabled) {
        return { status: 'disabled', sent: 0, sentAt: [], nextDueAt: null, pace: null };
      }
      const pace = paceFor(channel.kind, channel.perMinute);
      const budget = paceBudget(input.recentSends ?? [], input.now, pace);
      if (budget.budget <= 0) return { status: 'paced', sent: 0, sentAt: [], nextDueAt: null, pace, wakeAt: budget.wakeAt ?? input.now + 1_000 };
      const max = Math.max(1, Math.min(input.max, budget.budget));
      const [calendar, settings] = await Promise.all([readCalendar(), deps.outbox.settings()]);
      const sender = senders.get(channel.id, channelSpec(channel, deps.publicUrl));
      const hidden = secretValues(channel.secrets);
      const sentAt: number[] = [];
      let healthy = false;
      for (let i = 0; i < max; i++) {
        const row = await deps.outbox.claimNext(input.lane, new Date(now()));
        if (!row) break;
        heartbeat();
        const outcome = await sender.send({
          id: row.id,
          key: row.messageKey,
          to: row.address ?? undefined,
          subject: row.subject,
          text: row.bodyText,
          markdown: row.bodyMarkdown,
          link: row.link ?? undefined,
        });
        heartbeat();
        const at = now();
        const disposition = dispositionOf(outcome, { attempts: row.attempts, expiresAt: deliveryExpiresAt(row.createdAt, row.urgent, calendar, settings.quiet, row.retriedAt) }, at);
        const detail = 'detail' in disposition ? scrub(disposition.detail, hidden) : '';
        switch (disposition.action) {
          case 'sent':
            await deps.outbox.markSent(row.id, scrub(disposition.providerRef, hidden), new Date(at));
            sentAt.push(at);
            if (!healthy) {
              healthy = true;
              await deps.outbox.setHealth(channel.id, { lastOkAt: new Date(at).toISOString(), pausedReason: null });
            }
            break;
          case 'failed':
            await deps.outbox.markFailed(row.id, disposition.failureClass, detail);
            break;
          case 'retry_address':
            await deps.outbox.markPending(row.id, detail, disposition.notBefore);
            break;
          case 'channel_down':
            await deps.outbox.markPending(row.id, detail);
            await deps.outbox.setHealth(channel.id, { lastError: detail, lastErrorAt: new Date(at).toISOString() });
            throw ApplicationFailure.retryable(`渠道 ${channel.id} 暂不可用：${detail}`, 'ChannelDown');
          case 'paused':
            await deps.outbox.markPending(row.id, detail);
            await deps.outbox.setHealth(channel.id, { pausedReason: detail, lastError: detail, lastErrorAt: new Date(at).toISOString() });
            return { status: 'paused', sent: sentAt.length, sentAt, nextDueAt: null, pace, recheckMs: disposition.recheckMs };
          case 'rate_limited':
            await deps.outbox.markPending(row.id, detail);
            return { status: 'rate_limited', sent: sentAt.length, sentAt, nextDueAt: null, pace, sleepMs: disposition.sleepMs };
        }
      }
      const next = await deps.outbox.nextDue(input.lane);
      const nextDueAt = next ? next.getTime() : null;
      return { status: nextDueAt !== null && nextDueAt <= now() ? 'more' : 'idle', sent: sentAt.length, sentAt, nextDueAt, pace };
    },

    /** Holiday data around `now` (the digest workflow's schedule): bundled years, overridden by official ones. */
    async loadDigestCalendar(range: { fromYear: number; toYear: number }) {
      const years: number[] = [];
      for (let y = range.fromYear; y <= range.toYear; y++) years.push(y);
      return mergeCalendarData(bundledCalendarData(years), await deps.calendars.listOfficial(range.fromYear, range.toYear));
    },

    /**
     * The 每日督办提醒 of `date` (a Beijing date): once per day (digest_runs), on working days only
     * (re-checked with the database's calendar), when the bureau has the digest on. One message per
     * person in digest mode with an e-mail address and per department robot in digest mode; nothing
     * to say → no message. Rows are keyed `digest|date|channel|recipient`, so a second run writes none.
     */
    async runDigest(input: { date: string; at: number }): Promise<RunDigestResult> {
      const calendar = await readCalendar(true);
      if (!calendar.isWorkingDay(input.date)) return { date: input.date, ran: false, messages: 0 };
      const settings = await deps.outbox.settings();
      if (!settings.digestEnabled) return { date: input.date, ran: false, messages: 0 };
      if (!(await deps.digests.begin(input.date))) return { date: input.date, ran: false, messages: 0 };
      const at = new Date(input.at);
      const recipients = await deps.digests.recipients(input.date);
      const messages: OutboxMessage[] = [];
      for (const r of recipients) {
        const messageKey = digestMessageKey(input.date, r.channel.id, r.recipient);
        const keyword = typeof r.channel.config.keyword === 'string' ? r.channel.config.keyword : null;
        const rendered = digestMessage({ name: r.name }, r.items, {
          date: input.date,
          publicUrl: deps.publicUrl,
          channelKind: r.channel.kind,
          messageId: messageNumber(messageKey),
          reserveBytes: r.channel.kind === 'email' || r.channel.kind === 'sms' ? 0 : robotReserve(keyword),
        });
        if (!rendered) continue;
        messages.push({
          messageKey,
          lane: r.channel.id,
          channelKind: r.channel.kind,
          origin: 'digest',
          eventId: null,
          measureId: null,
          recipient: r.kind === 'person' ? r.recipient : null,
          address: r.address,
          urgent: false,
          subject: rendered.subject,
          bodyText: rendered.text,
          bodyMarkdown: rendered.markdown,
          link: `${deps.publicUrl.replace(/\/+$/, '')}/#/`,
          notBefore: at,
        });
      }
      const lanes = await deps.outbox.insertMessages(messages, at);
      await deps.digests.finish(input.date, messages.length);
      if (lanes.length > 0) deps.onOutbox?.(lanes);
      return { date: input.date, ran: true, messages: messages.length };
    },

    /** Closes the lanes' pooled connections (worker shutdown). */
    closeSenders(): void {
      senders.closeAll();
    },
  };
}

export type DeliveryActivities = Omit<ReturnType<typeof createDeliveryActivities>, 'closeSenders'>;

