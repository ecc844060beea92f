import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorCode } from './domain-error';
import { httpStatusOf } from './http-status';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

/** Renders every error as `{statusCode, code, message}`; unexpected ones never leak a stack trace. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(error);
    response.status(body.statusCode).json(body);
  }

  /** The answer an error becomes (also kept by the idempotency interceptor to replay a refusal). */
  toBody(error: unknown): ErrorBody {
    if (error instanceof DomainError) {
      return { statusCode: httpStatusOf(error.code), code: error.code, message: error.message, details: error.details };
    }
    const bodyError = bodyParserError(error);
    if (bodyError) return bodyError;
    const unavailable = unavailableService(error);
    if (unavailable) return unavailable;
    if (error instanceof HttpException) {
      const status = error.getStatus();
      // Raised by the framework itself (body parsing, uploads, unknown routes): stable codes too.
      if (status === HttpStatus.PAYLOAD_TOO_LARGE) {
        return { statusCode: status, code: ErrorCode.PayloadTooLarge, message: '上传内容过大（上限 2 MB）' };
      }
      if (status === HttpStatus.BAD_REQUEST) {
        return { statusCode: status, code: ErrorCode.ValidationFailed, message: `请求无法解析：${plainMessage(error)}` };
      }
      if (status === HttpStatus.NOT_FOUND) {
        return { statusCode: status, code: 'NOT_FOUND', message: '请求的接口不存在' };
      }
      return { statusCode: status, code: httpCode(status), message: plainMessage(error) };
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL_ERROR', message: '服务器内部错误，请稍后重试' };
  }
}

// PostgreSQL unreachable or restarting (connection refused/reset/terminated, admin shutdown,
// cannot connect now), or Temporal's frontend unreachable (gRPC UNAVAILABLE = 14).
const PG_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

/** An outage of PostgreSQL or Temporal is a 503 with a plain message, not a 500. */
function unavailableService(error: unknown): ErrorBody | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    const message = e instanceof Error ? e.message : '';
    if ((typeof code === 'string' && PG_UNAVAILABLE.has(code)) || /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(message)) {
      return { statusCode: HttpStatus.SERVICE_UNAVAILABLE, code: ErrorCode.ServiceUnavailable, message: '数据库暂时不可用，请稍后重试' };
    }
    if (code === 14 || /UNAVAILABLE|failed to connect to all addresses/.test(message)) {
      return { statusCode: HttpStatus.SERVICE_UNAVAILABLE, code: ErrorCode.ServiceUnavailable, message: '流程服务暂时不可用，请稍后重试' };
    }
  }
  return undefined;
}

/** Errors raised by express body parsing (too large, malformed JSON) before any controller runs. */
function bodyParserError(thrown: unknown): ErrorBody | undefined {
  // Express's adapter hands body-parser's errors on wrapped in an HttpException (as its cause).
  const error = thrown instanceof HttpException && thrown.cause ? thrown.cause : thrown;
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') {
    // The body parser says which limit it applied (the plan document's 50 MB, a JSON body's own).
    const limit = (error as { limit?: unknown }).limit;
    const stated = typeof limit === 'number' && limit >= 1024 * 1024 ? `（上限 ${Math.round(limit / 1024 / 1024)} MB）` : typeof limit === 'number' ? `（上限 ${Math.round(limit / 1024)} KB）` : '';
    return { statusCode: HttpStatus.PAYLOAD_TOO_LARGE, code: ErrorCode.PayloadTooLarge, message: `上传内容过大${stated}` };
  }
  if (type === 'entity.parse.failed' || type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return { statusCode: HttpStatus.BAD_REQUEST, code: ErrorCode.ValidationFailed, message: '请求正文无法解析（应为有效的 JSON）' };
  }
  return undefined;
}

function httpCode(status: number): string {
  return (HttpStatus[status] as string | undefined) ?? `HTTP_${status}`;
}

function plainMessage(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : error.message;
}
