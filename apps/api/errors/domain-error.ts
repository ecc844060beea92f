/** Every error a user can cause or meet, with a stable code clients may rely on. */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  MeasureNotFound = 'MEASURE_NOT_FOUND',
  MeasureWrongState = 'MEASURE_WRONG_STATE',
  MeasureWrongRole = 'MEASURE_WRONG_ROLE',
  MeasureWrongPerson = 'MEASURE_WRONG_PERSON',
  NotAuthenticated = 'NOT_AUTHENTICATED',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  LoginThrottled = 'LOGIN_THROTTLED',
  NotAllowed = 'NOT_ALLOWED',
  PlanNotFound = 'PLAN_NOT_FOUND',
  NotificationNotFound = 'NOTIFICATION_NOT_FOUND',
  EvidenceNotFound = 'EVIDENCE_NOT_FOUND',
  EvidenceEmpty = 'EVIDENCE_EMPTY',
  PlanUnreadable = 'PLAN_UNREADABLE',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  CommandPending = 'COMMAND_PENDING',
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
