// Real HTTP receivers that act like the group-robot webhooks (WeCom, DingTalk, Feishu) and an SMS
// gateway, for tests. Each is a node:http server on 127.0.0.1 that verifies a request EXACTLY as the
// vendor documents it — written here from the documented formulas step by step, with its own
// HMAC-SHA256 built from SHA-256 (RFC 2104), so it shares no code with libs/delivery — records every
// request, and can answer the vendor's rate-limit and signature errors.
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** HMAC-SHA256 per RFC 2104: H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)), block size 64 bytes. */
export function rfc2104HmacSha256(key: Buffer, message: Buffer): Buffer {
  const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();
  let k = key.length > 64 ? sha256(key) : key;
  k = Buffer.concat([k, Buffer.alloc(64 - k.length)]);
  const inner = Buffer.alloc(64);
  const outer = Buffer.alloc(64);
  for (let i = 0; i < 64; i++) {
    inner[i] = k[i] ^ 0x36;
    outer[i] = k[i] ^ 0x5c;
  }
  return sha256(Buffer.concat([outer, sha256(Buffer.concat([inner, message]))]));
}

export interface ReceivedRequest {
  at: number;
  method: string;
  path: string;
  /** The query as a server decodes it (form rules: '+' is a space). */
  query: Record<string, string>;
  rawQuery: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: unknown;
  /** The vendor's answer code (0 = accepted). */
  answered: number;
}

/** 'ok' verifies and answers; 'rate_limit' answers the vendor's frequency error; 'error500' an HTTP 500; 'hang' never answers. */
export type ReceiverMode = 'ok' | 'rate_limit' | 'error500' | 'hang';

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

abstract class Receiver {
  readonly requests: ReceivedRequest[] = [];
  mode: ReceiverMode = 'ok';
  /** When set, more than this many accepted messages within 60 s get the vendor's rate-limit answer. */
  perMinute?: number;
  protected server?: http.Server;
  port = 0;

  /** Requests that were verified and accepted (answer code 0). */
  get accepted(): ReceivedRequest[] {
    return this.requests.filter((r) => r.answered === 0);
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  protected abstract verify(request: Omit<ReceivedRequest, 'answered'>): Answer;
  protected abstract rateLimitAnswer(): Answer;

  protected overLimit(now: number): boolean {
    return this.perMinute !== undefined && this.accepted.filter((r) => now - r.at < 60_000).length >= this.perMinute;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (this.mode === 'hang') return; // never answer: the sender's timeout must fire
        const url = new URL(req.url ?? '/', 'http://receiver');
        const raw = Buffer.concat(chunks).toString('utf8');
        let body: unknown = undefined;
        try {
          body = raw ? JSON.parse(raw) : undefined;
        } catch {
          body = undefined;
        }
        const rawQuery = url.search.slice(1);
        const query: Record<string, string> = {};
        for (const [k, v] of new URLSearchParams(rawQuery)) query[k] = v;
        const request = { at: Date.now(), method: req.method ?? 'GET', path: url.pathname, query, rawQuery, headers: req.headers, raw, body };
        let answer: Answer;
        if (this.mode === 'error500') answer = { status: 500, body: { message: 'internal error' } };
        else if (this.mode === 'rate_limit' || this.overLimit(request.at)) answer = this.rateLimitAnswer();
        else answer = this.verify(request);
        const code = answer.body && typeof answer.body === 'object' ? ((answer.body as Record<string, unknown>).errcode ?? (answer.body as Record<string, unknown>).code) : undefined;
        this.requests.push({ ...request, answered: answer.status === 200 && code === 0 ? 0 : typeof code === 'number' ? code : answer.status });
        res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...(answer.headers ?? {}) });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  reset(): void {
    this.requests.length = 0;
    this.mode = 'ok';
    this.perMinute = undefined;
  }
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** WeCom 群机器人: POST /cgi-bin/webhook/send?key=KEY; no signing; text ≤ 2048 bytes, markdown ≤ 4096 bytes. */
export class WecomReceiver extends Receiver {
  constructor(readonly key: string) {
    super();
  }
  get webhook(): string {
    return `${this.base}/cgi-bin/webhook/send?key=${this.key}`;
  }
  protected rateLimitAnswer(): Answer {
    return { status: 200, body: { errcode: 45009, errmsg: 'api freq out of limit' } };
  }
  protected verify(request: Omit<ReceivedRequest, 'answered'>): Answer {
    if (request.path !== '/cgi-bin/webhook/send' || request.query.key !== this.key) return { status: 200, body: { errcode: 93000, errmsg: 'invalid webhook url' } };
    const body = record(request.body);
    if (body.msgtype === 'text') {
      const content = record(body.text).content;
      if (typeof content !== 'string' || !content) return { status: 200, body: { errcode: 44004, errmsg: 'empty content' } };
      if (bytes(content) > 2048) return { status: 200, body: { errcode: 40058, errmsg: 'content exceed max length 2048' } };
    } else if (body.msgtype === 'markdown') {
      const content = record(body.markdown).content;
      if (typeof content !== 'string' || !content) return { status: 200, body: { errcode: 44004, errmsg: 'empty content' } };
      if (bytes(content) > 4096) return { status: 200, body: { errcode: 40058, errmsg: 'content exceed max length 4096' } };
    } else return { status: 200, body: { errcode: 40008, errmsg: 'invalid message type' } };
    return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
  }
}

/**
 * DingTalk 自定义机器人: POST /robot/send?access_token=T&timestamp=<ms>&sign=<S>. Verification as documented:
 * stringToSign = timestamp + "\n" + secret; sign = base64(HmacSHA256 keyed with the secret) and URL-encoded
 * by the sender, so the server's form-decoding of the query must give back the base64 exactly; the
 * timestamp must be within one hour; with 关键词, the content must contain one of the keywords.
 */
export class DingtalkReceiver extends Receiver {
  constructor(
    readonly accessToken: string,
    public secret?: string,
    public keyword?: string,
  ) {
    super();
  }
  get webhook(): string {
    return `${this.base}/robot/send?access_token=${this.accessToken}`;
  }
  protected rateLimitAnswer(): Answer {
    return { status: 200, body: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' } };
  }
  protected verify(request: Omit<ReceivedRequest, 'answered'>): Answer {
    if (request.path !== '/robot/send' || request.query.access_token !== this.accessToken) return { status: 200, body: { errcode: 300001, errmsg: 'token is not exist' } };
    if (this.secret) {
      const timestamp = request.query.timestamp;
      const given = request.query.sign;
      if (!timestamp || !given || !/^\d{13}$/.test(timestamp)) return { status: 200, body: { errcode: 310000, errmsg: 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]' } };
      if (Math.abs(Date.now() - Number(timestamp)) >= 3_600_000) return { status: 200, body: { errcode: 310000, errmsg: 'invalid timestamp' } };
      const stringToSign = `${timestamp}\n${this.secret}`;
      const expected = rfc2104HmacSha256(Buffer.from(this.secret, 'utf8'), Buffer.from(stringToSign, 'utf8')).toString('base64');
      if (given !== expected) return { status: 200, body: { errcode: 310000, errmsg: 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]' } };
    }
    const body = record(request.body);
    const content =
      body.msgtype === 'text' ? record(body.text).content : body.msgtype === 'markdown' ? `${String(record(body.markdown).title ?? '')}\n${String(record(body.markdown).text ?? '')}` : undefined;
    if (typeof content !== 'string' || !content.trim()) return { status: 200, body: { errcode: 40035, errmsg: '缺少参数 json' } };
    if (body.msgtype === 'markdown' && !record(body.markdown).title) return { status: 200, body: { errcode: 40035, errmsg: '缺少参数 title' } };
    if (this.keyword && !content.includes(this.keyword)) return { status: 200, body: { errcode: 310000, errmsg: 'keywords not in content, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]' } };
    return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
  }
}

/**
 * Feishu 自定义机器人: POST /open-apis/bot/v2/hook/<TOKEN>, JSON with "timestamp" (seconds, a string) and "sign".
 * Verification as documented: stringToSign = timestamp + "\n" + secret is the HMAC-SHA256 *key*, the message
 * is empty; sign = base64 of it (not URL-encoded); timestamp within one hour; body ≤ 20 KB; with 关键词, some
 * text of the message must contain it. Rate limit: HTTP 429 with `x-ogw-ratelimit-reset` (seconds).
 */
export class FeishuReceiver extends Receiver {
  /** Seconds announced in `x-ogw-ratelimit-reset` when rate-limiting. */
  resetSeconds = 7;
  constructor(
    readonly token: string,
    public secret?: string,
    public keyword?: string,
  ) {
    super();
  }
  get webhook(): string {
    return `${this.base}/open-apis/bot/v2/hook/${this.token}`;
  }
  protected rateLimitAnswer(): Answer {
    return { status: 429, headers: { 'x-ogw-ratelimit-reset': String(this.resetSeconds) }, body: { code: 99991400, msg: 'request trigger frequency limit' } };
  }
  protected verify(request: Omit<ReceivedRequest, 'answered'>): Answer {
    if (request.path !== `/open-apis/bot/v2/hook/${this.token}`) return { status: 200, body: { code: 19001, msg: 'param invalid: incoming webhook access token invalid' } };
    if (bytes(request.raw) > 20 * 1024) return { status: 200, body: { code: 19036, msg: 'request body too large' } };
    const body = record(request.body);
    if (this.secret) {
      const timestamp = body.timestamp;
      const sign = body.sign;
      const fail = { status: 200, body: { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' } };
      if (typeof timestamp !== 'string' || !/^\d{10}$/.test(timestamp) || typeof sign !== 'string') return fail;
      if (Math.abs(Date.now() / 1000 - Number(timestamp)) >= 3600) return fail;
      const stringToSign = `${timestamp}\n${this.secret}`;
      const expected = rfc2104HmacSha256(Buffer.from(stringToSign, 'utf8'), Buffer.alloc(0)).toString('base64');
      if (sign !== expected) return fail;
    }
    const texts: string[] = [];
    const content = record(body.content);
    if (body.msg_type === 'text') texts.push(String(content.text ?? ''));
    else if (body.msg_type === 'post') {
      const post = record(record(content.post).zh_cn);
      texts.push(String(post.title ?? ''));
      for (const row of Array.isArray(post.content) ? post.content : []) for (const el of Array.isArray(row) ? row : []) texts.push(String(record(el).text ?? ''));
    } else return { status: 200, body: { code: 9499, msg: 'Bad Request' } };
    if (!texts.join('').trim()) return { status: 200, body: { code: 9499, msg: 'Bad Request' } };
    if (this.keyword && !texts.some((t) => t.includes(this.keyword!))) return { status: 200, body: { code: 19024, msg: 'Key Words Not Found' } };
    return { status: 200, body: { code: 0, msg: 'success', data: {} } };
  }
}

/** An SMS gateway: records each request and answers `answer` (default HTTP 200 `{"code":0}`). */
export class SmsGateway extends Receiver {
  answer: Answer = { status: 200, body: { code: 0, msg: 'ok' } };
  get url(): string {
    return `${this.base}/sms/send`;
  }
  protected rateLimitAnswer(): Answer {
    return { status: 429, headers: { 'retry-after': '30' }, body: { code: 429, msg: 'too many requests' } };
  }
  protected verify(): Answer {
    return this.answer;
  }
  override reset(): void {
    super.reset();
    this.answer = { status: 200, body: { code: 0, msg: 'ok' } };
  }
}

export interface RobotReceivers {
  wecom: WecomReceiver;
  dingtalk: DingtalkReceiver;
  feishu: FeishuReceiver;
  sms: SmsGateway;
  stop(): Promise<void>;
}

export async function startRobotReceivers(settings: {
  wecomKey: string;
  dingtalk: { accessToken: string; secret?: string; keyword?: string };
  feishu: { token: string; secret?: string; keyword?: string };
}): Promise<RobotReceivers> {
  const wecom = await new WecomReceiver(settings.wecomKey).start();
  const dingtalk = await new DingtalkReceiver(settings.dingtalk.accessToken, settings.dingtalk.secret, settings.dingtalk.keyword).start();
  const feishu = await new FeishuReceiver(settings.feishu.token, settings.feishu.secret, settings.feishu.keyword).start();
  const sms = await new SmsGateway().start();
  return {
    wecom,
    dingtalk,
    feishu,
    sms,
    async stop() {
      await Promise.all([wecom.stop(), dingtalk.stop(), feishu.stop(), sms.stop()]);
    },
  };
}
