import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from './domain-error';
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

  private toBody(error: unknown): ErrorBody {
    if (error instanceof DomainError) {
      return { statusCode: httpStatusOf(error.code), code: error.code, message: error.message, details: error.details };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      return { statusCode: status, code: httpCode(status), message: plainMessage(error) };
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL_ERROR', message: '服务器内部错误，请稍后重试' };
  }
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
