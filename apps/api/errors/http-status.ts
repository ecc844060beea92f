import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from './domain-error';

/** The one place a domain error becomes an HTTP status; the switch is exhaustive by type. */
export function httpStatusOf(code: ErrorCode): HttpStatus {
  switch (code) {
    case ErrorCode.ValidationFailed:
      return HttpStatus.BAD_REQUEST;
    case ErrorCode.PlanUnreadable:
    case ErrorCode.EvidenceEmpty:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case ErrorCode.NotAuthenticated:
    case ErrorCode.InvalidCredentials:
      return HttpStatus.UNAUTHORIZED;
    case ErrorCode.LoginThrottled:
      return HttpStatus.TOO_MANY_REQUESTS;
    case ErrorCode.PayloadTooLarge:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case ErrorCode.UnsupportedMediaType:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case ErrorCode.NotAllowed:
    case ErrorCode.MeasureWrongRole:
    case ErrorCode.MeasureWrongPerson:
      return HttpStatus.FORBIDDEN;
    case ErrorCode.MeasureNotFound:
    case ErrorCode.PlanNotFound:
    case ErrorCode.NotificationNotFound:
    case ErrorCode.EvidenceNotFound:
      return HttpStatus.NOT_FOUND;
    case ErrorCode.MeasureWrongState:
      return HttpStatus.CONFLICT;
    case ErrorCode.ServiceUnavailable:
    case ErrorCode.CommandPending:
      return HttpStatus.SERVICE_UNAVAILABLE;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}
