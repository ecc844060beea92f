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
  /** A 批示 / 催办 / 督办单 / 问责结果 of a measure that does not exist. */
  DirectiveNotFound = 'DIRECTIVE_NOT_FOUND',
  NotAuthenticated = 'NOT_AUTHENTICATED',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  LoginThrottled = 'LOGIN_THROTTLED',
  /** Signed in with a password that must be changed: only changing it (and sign-out) is allowed. */
  PasswordChangeRequired = 'PASSWORD_CHANGE_REQUIRED',
  /** A new password breaks the rule or repeats a recent one (details.rule says which). */
  PasswordRejected = 'PASSWORD_REJECTED',
  CurrentPasswordWrong = 'CURRENT_PASSWORD_WRONG',
  AccountDisabled = 'ACCOUNT_DISABLED',
  /** Password sign-in is switched off (DUBAN_PASSWORD_LOGIN): sign in through 统一身份认证. */
  PasswordLoginDisabled = 'PASSWORD_LOGIN_DISABLED',
  /** Single sign-on is not configured on this installation. */
  SsoNotConfigured = 'SSO_NOT_CONFIGURED',
  /** The provider's answer names no sign-in under way (unknown, used or expired state) or carries an error. */
  SsoStateInvalid = 'SSO_STATE_INVALID',
  /** The identity provider could not be reached or its answer failed the checks (token, nonce, PKCE, claim). */
  SsoProviderFailed = 'SSO_PROVIDER_FAILED',
  /** The person the provider signed in is not a duban user (and creating users is off). */
  SsoUserUnknown = 'SSO_USER_UNKNOWN',
  /** The one-time handoff is unknown, used or older than 60 seconds. */
  SsoHandoffInvalid = 'SSO_HANDOFF_INVALID',
  NotAllowed = 'NOT_ALLOWED',
  PlanNotFound = 'PLAN_NOT_FOUND',
  NotificationNotFound = 'NOTIFICATION_NOT_FOUND',
  EvidenceNotFound = 'EVIDENCE_NOT_FOUND',
  EvidenceEmpty = 'EVIDENCE_EMPTY',
  /** A measure already holds the most evidence files (or bytes) it may. */
  EvidenceQuotaExceeded = 'EVIDENCE_QUOTA_EXCEEDED',
  PlanUnreadable = 'PLAN_UNREADABLE',
  /** A plan file of a format that cannot be read (an image, an archive, a legacy .doc/.xls/.wps). */
  PlanFormatUnsupported = 'PLAN_FORMAT_UNSUPPORTED',
  /** A .docx/.xlsx/PDF that is damaged or cut short. */
  PlanDocumentDamaged = 'PLAN_DOCUMENT_DAMAGED',
  /** A PDF without a text layer (a scan). */
  PlanNoTextLayer = 'PLAN_NO_TEXT_LAYER',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  CommandPending = 'COMMAND_PENDING',
  UserNotFound = 'USER_NOT_FOUND',
  DepartmentNotFound = 'DEPARTMENT_NOT_FOUND',
  UsernameTaken = 'USERNAME_TAKEN',
  /** The 统一身份标识 is already another person's. */
  ExternalIdTaken = 'EXTERNAL_ID_TAKEN',
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
  /** X-Acting-For names a head this user holds no delegation of that is active today (Beijing). */
  DelegationNotActive = 'DELEGATION_NOT_ACTIVE',
  /** The head named (by an admin) is not an active department head. */
  DelegationPrincipalInvalid = 'DELEGATION_PRINCIPAL_INVALID',
  /** The deputy cannot be named: not an active staff member or head of the head's department. */
  DelegationDeputyInvalid = 'DELEGATION_DEPUTY_INVALID',
  /** The period breaks the rules: before today, ends before it starts, longer than 90 days. */
  DelegationDatesInvalid = 'DELEGATION_DATES_INVALID',
  /** The head already has a delegation overlapping the period. */
  DelegationOverlap = 'DELEGATION_OVERLAP',
  DelegationNotFound = 'DELEGATION_NOT_FOUND',
  /** Revoking a delegation already revoked or over. */
  DelegationEnded = 'DELEGATION_ENDED',
  BulletinNotFound = 'BULLETIN_NOT_FOUND',
  /** The month's 督办通报 has been drafted already (one issue per plan year and month). */
  BulletinExists = 'BULLETIN_EXISTS',
  /** The 督办通报 has been 签发: final, it can no longer be edited or signed again. */
  BulletinSigned = 'BULLETIN_SIGNED',
  /** No 消息渠道 with that id. */
  ChannelNotFound = 'CHANNEL_NOT_FOUND',
  /** A channel's settings cannot work (details.problems lists why, in plain Chinese). */
  ChannelInvalid = 'CHANNEL_INVALID',
  /** The channel id is another channel's already. */
  ChannelIdTaken = 'CHANNEL_ID_TAKEN',
  /** A second enabled e-mail (or SMS) channel: one at a time reaches people. */
  ChannelKindEnabled = 'CHANNEL_KIND_ENABLED',
  /** A test send with no address to send to (the admin has none on file and gave none). */
  ChannelTestAddressMissing = 'CHANNEL_TEST_ADDRESS_MISSING',
  /** A test send to an address that is not an e-mail address (email) or a mainland mobile number (SMS). */
  ChannelTestAddressInvalid = 'CHANNEL_TEST_ADDRESS_INVALID',
  /** 免打扰时段 / SMS policy / digest settings that cannot be stored. */
  DeliverySettingsInvalid = 'DELIVERY_SETTINGS_INVALID',
  /** No delivery log row with that id. */
  DeliveryNotFound = 'DELIVERY_NOT_FOUND',
  /** 重发 of a row that has not failed (pending, sending, sent) or of a test send. */
  DeliveryNotRetryable = 'DELIVERY_NOT_RETRYABLE',
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
