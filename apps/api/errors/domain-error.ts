/** Every error a user can cause or meet, with a stable code clients may rely on. */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  MeasureNotFound = 'MEASURE_NOT_FOUND',
  MeasureWrongState = 'MEASURE_WRONG_STATE',
  MeasureWrongPerson = 'MEASURE_WRONG_PERSON',
  MeasureWrongDepartment = 'MEASURE_WRONG_DEPARTMENT',
  /** A scoped read (progress, evidence, timeline, people) of a measure outside the user's scope. */
  MeasureNotVisible = 'MEASURE_NOT_VISIBLE',
  FindingNotFound = 'FINDING_NOT_FOUND',
  NotAuthenticated = 'NOT_AUTHENTICATED',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  LoginThrottled = 'LOGIN_THROTTLED',
  /** Signed in with a password that must be changed: only changing it (and sign-out) is allowed. */
  PasswordChangeRequired = 'PASSWORD_CHANGE_REQUIRED',
  /** A new password breaks the rule or repeats a recent one (details.rule says which). */
  PasswordRejected = 'PASSWORD_REJECTED',
  CurrentPasswordWrong = 'CURRENT_PASSWORD_WRONG',
  AccountDisabled = 'ACCOUNT_DISABLED',
  NotAllowed = 'NOT_ALLOWED',
  PlanNotFound = 'PLAN_NOT_FOUND',
  NotificationNotFound = 'NOTIFICATION_NOT_FOUND',
  EvidenceNotFound = 'EVIDENCE_NOT_FOUND',
  EvidenceEmpty = 'EVIDENCE_EMPTY',
  /** A measure already holds the most evidence files (or bytes) it may. */
  EvidenceQuotaExceeded = 'EVIDENCE_QUOTA_EXCEEDED',
  PlanUnreadable = 'PLAN_UNREADABLE',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  CommandPending = 'COMMAND_PENDING',
  UserNotFound = 'USER_NOT_FOUND',
  DepartmentNotFound = 'DEPARTMENT_NOT_FOUND',
  UsernameTaken = 'USERNAME_TAKEN',
  DepartmentCodeTaken = 'DEPARTMENT_CODE_TAKEN',
  DepartmentInactive = 'DEPARTMENT_INACTIVE',
  RoleDepartmentMismatch = 'ROLE_DEPARTMENT_MISMATCH',
  DepartmentMergeInvalid = 'DEPARTMENT_MERGE_INVALID',
  AdminLockout = 'ADMIN_LOCKOUT',
  PeopleImportInvalid = 'PEOPLE_IMPORT_INVALID',
  PeopleImportUnreadable = 'PEOPLE_IMPORT_UNREADABLE',
  IdempotencyKeyInvalid = 'IDEMPOTENCY_KEY_INVALID',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  IdempotencyKeyInFlight = 'IDEMPOTENCY_KEY_IN_FLIGHT',
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

/** Why a command was refused, as the domain's rules and the workflow's validators say. */
export type RefusalReason = 'wrong_state' | 'wrong_role' | 'wrong_person' | 'wrong_department' | 'invalid_input';

const REFUSAL_CODES: Record<RefusalReason, ErrorCode> = {
  wrong_state: ErrorCode.MeasureWrongState,
  // The role check of a route and of the workflow is one rule (COMMAND_RULES): one code.
  wrong_role: ErrorCode.NotAllowed,
  wrong_person: ErrorCode.MeasureWrongPerson,
  wrong_department: ErrorCode.MeasureWrongDepartment,
  invalid_input: ErrorCode.ValidationFailed,
};

/** One error code per kind of refusal, for the API's pre-check and the workflow's answer alike. */
export function refusal(reason: RefusalReason, message: string): DomainError {
  return new DomainError(REFUSAL_CODES[reason], message);
}
