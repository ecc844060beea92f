import { HttpException, Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { IdempotencyRepository, type IdempotencyScope } from '@duban/db';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { ErrorFilter } from '../errors/error.filter';
import { runWithUpdateId, updateIdOf } from './idempotency-context';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Visible ASCII only (e.g. a UUID), 1–255 characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Set on an answer replayed from the first request with the same key. */
export const IDEMPOTENT_REPLAY_HEADER = 'Idempotent-Replayed';
/** A running command holds its key this long; past it (its API process died) a retry may take over. */
const LEASE_SECONDS = 60;
const PURGE_EVERY_MS = 60 * 60 * 1000;

type CommandRequest = Request & { user?: AuthenticatedUser };

/**
 * `Idempotency-Key` on every signed-in POST (the commands): the first answer (success or refusal,
 * status and body) is kept 24 h per user, route, entity and key, and every retry gets it back
 * without running the command again. The same key with another body is refused (422); a retry
 * while the first request still runs is refused (409), so a command never runs twice. An answer
 * of 5xx is not kept (the retry runs again, and Temporal's Update id keeps it to one update).
 * Multipart uploads are not covered: their body is read after this interceptor runs.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');
  private readonly errors = new ErrorFilter();
  private lastPurge = 0;

  constructor(private readonly keys: IdempotencyRepository) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<CommandRequest>();
    const raw = request.headers[IDEMPOTENCY_HEADER.toLowerCase()];
    if (request.method !== 'POST' || !request.user || raw === undefined || isMultipart(request)) return next.handle();
    const key = Array.isArray(raw) ? raw.join(',') : raw;
    if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new DomainError(ErrorCode.IdempotencyKeyInvalid, `${IDEMPOTENCY_HEADER} 无效：应为 1–255 个可见 ASCII 字符（如 UUID），不含空格`);
    }
    return from(this.run(context, next, request, key));
  }

  private async run(context: ExecutionContext, next: CallHandler, request: CommandRequest, key: string): Promise<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    const scope: IdempotencyScope = {
      userId: request.user!.username,
      route: `${request.method} ${routeOf(request)}`,
      entity: entityOf(request.params),
      key,
    };
    const requestHash = fingerprint(request);
    this.purgeNowAndThen();
    const claim = await this.keys.claim(scope, requestHash, LEASE_SECONDS);
    if (claim.kind === 'mismatch') {
      throw new DomainError(ErrorCode.IdempotencyKeyReused, `此 ${IDEMPOTENCY_HEADER} 已用于另一项内容不同的请求，请为新的操作换一个新的键`);
    }
    if (claim.kind === 'in_flight') {
      throw new DomainError(ErrorCode.IdempotencyKeyInFlight, `使用此 ${IDEMPOTENCY_HEADER} 的同一请求仍在处理中，请稍后重试以获取其结果`);
    }
    if (claim.kind === 'replay') {
      response.status(claim.answer.status);
      response.setHeader(IDEMPOTENT_REPLAY_HEADER, 'true');
      return claim.answer.body;
    }

    const updateId = updateIdOf({ ...scope, requestHash });
    let result: unknown;
    try {
      result = await lastValueFrom(runWithUpdateId(updateId, () => next.handle()), { defaultValue: undefined });
    } catch (error) {
      const refusal = this.refusalOf(error);
      if (refusal) await this.keys.complete(scope, refusal);
      else await this.keys.release(scope).catch((e: unknown) => this.logger.warn(`could not release an idempotency key: ${String(e)}`));
      throw error;
    }
    await this.keys.complete(scope, { status: response.statusCode, body: result ?? null });
    return result;
  }

  /** A 4xx answer as the error filter renders it (kept and replayed); undefined for anything else. */
  private refusalOf(error: unknown): { status: number; body: unknown } | undefined {
    if (!(error instanceof DomainError) && !(error instanceof HttpException)) return undefined;
    const body = this.errors.toBody(error);
    return body.statusCode >= 400 && body.statusCode < 500 ? { status: body.statusCode, body } : undefined;
  }

  private purgeNowAndThen(): void {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    this.keys.purgeExpired().catch((e: unknown) => this.logger.warn(`could not purge expired idempotency keys: ${String(e)}`));
  }
}

function isMultipart(request: Request): boolean {
  return /^multipart\//i.test(request.headers['content-type'] ?? '');
}

/** The route's pattern (`/measures/:id/progress`), not the concrete path: the entity is kept apart. */
function routeOf(request: Request): string {
  const route = (request.route as { path?: unknown } | undefined)?.path;
  return typeof route === 'string' ? route : request.path;
}

/** The route's path parameters (the measure or finding id, and e.g. the extension number). */
function entityOf(params: Record<string, string | string[] | undefined>): string {
  return Object.keys(params)
    .sort()
    .map((name) => `${name}=${String(params[name] ?? '')}`)
    .join('&');
}

/** sha256 of the body (JSON with sorted keys, or the raw bytes of a text/plain upload) and query. */
function fingerprint(request: Request): string {
  const hash = createHash('sha256');
  const body: unknown = request.body;
  if (Buffer.isBuffer(body)) hash.update('bytes:').update(body);
  else hash.update('json:').update(canonicalJson(body ?? null));
  hash.update('\0query:').update(canonicalJson(request.query ?? {}));
  return hash.digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as Record<string, unknown>)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
