import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from './domain-error';

/** The one place a domain error becomes an HTTP status; the switch is exhaustive by type. */
export function httpStatusOf(code: ErrorCode): HttpStatus {
  switch (code) {
    case ErrorCode.ValidationFailed:
    case ErrorCode.PlanDocumentDamaged:
    case ErrorCode.DepartmentInactive:
    case ErrorCode.RoleDepartmentMismatch:
    case ErrorCode.DepartmentMergeInvalid:
    case ErrorCode.AdminLockout:
    case ErrorCode.PeopleImportInvalid:
    case ErrorCode.PeopleImportUnreadable:
    case ErrorCode.IdempotencyKeyInvalid:
    case ErrorCode.DelegationPrincipalInvalid:
    case ErrorCode.DelegationDeputyInvalid:
    case ErrorCode.DelegationDatesInvalid:
    case ErrorCode.DelegationOverlap:
    case ErrorCode.ChannelInvalid:
    case ErrorCode.ChannelTestAddressMissing:
    case ErrorCode.ChannelTestAddressInvalid:
    case ErrorCode.DeliverySettingsInvalid:
      return HttpStatus.BAD_REQUEST;
    case ErrorCode.IdempotencyKeyReused:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case ErrorCode.IdempotencyKeyInFlight:
      return HttpStatus.CONFLICT;
    case ErrorCode.PlanUnreadable:
    case ErrorCode.PlanNoTextLayer:
    case ErrorCode.EvidenceEmpty:
    case ErrorCode.EvidenceQuotaExceeded:
    case ErrorCode.PasswordRejected:
    case ErrorCode.CurrentPasswordWrong:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case ErrorCode.NotAuthenticated:
    case ErrorCode.InvalidCredentials:
      return HttpStatus.UNAUTHORIZED;
    case ErrorCode.LoginThrottled:
      return HttpStatus.TOO_MANY_REQUESTS;
    case ErrorCode.PayloadTooLarge:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case ErrorCode.UnsupportedMediaType:
    case ErrorCode.PlanFormatUnsupported:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case ErrorCode.NotAllowed:
    case ErrorCode.PasswordChangeRequired:
    case ErrorCode.AccountDisabled:
    case ErrorCode.MeasureWrongPerson:
    case ErrorCode.MeasureWrongDepartment:
    case ErrorCode.MeasureNotVisible:
    case ErrorCode.DelegationNotActive:
    case ErrorCode.PasswordLoginDisabled:
    case ErrorCode.SsoUserUnknown:
      return HttpStatus.FORBIDDEN;
    case ErrorCode.MeasureNotFound:
    case ErrorCode.UserNotFound:
    case ErrorCode.DepartmentNotFound:
    case ErrorCode.FindingNotFound:
    case ErrorCode.DirectiveNotFound:
    case ErrorCode.PlanNotFound:
    case ErrorCode.NotificationNotFound:
    case ErrorCode.EvidenceNotFound:
    case ErrorCode.DelegationNotFound:
    case ErrorCode.BulletinNotFound:
    case ErrorCode.SsoNotConfigured:
    case ErrorCode.ChannelNotFound:
    case ErrorCode.DeliveryNotFound:
      return HttpStatus.NOT_FOUND;
    case ErrorCode.MeasureWrongState:
    case ErrorCode.UsernameTaken:
    case ErrorCode.ExternalIdTaken:
    case ErrorCode.DepartmentCodeTaken:
    case ErrorCode.DelegationEnded:
    case ErrorCode.BulletinExists:
    case ErrorCode.BulletinSigned:
    case ErrorCode.ChannelIdTaken:
    case ErrorCode.ChannelKindEnabled:
    case ErrorCode.DeliveryNotRetryable:
      return HttpStatus.CONFLICT;
    case ErrorCode.ServiceUnavailable:
    case ErrorCode.CommandPending:
      return HttpStatus.SERVICE_UNAVAILABLE;
    case ErrorCode.SsoProviderFailed:
      return HttpStatus.BAD_GATEWAY;
    case ErrorCode.SsoStateInvalid:
    case ErrorCode.SsoHandoffInvalid:
      return HttpStatus.BAD_REQUEST;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}
