/**
 * What the emulator answers when something is wrong. Dreamkas documents only the shape
 * `{status, code, message}` and "4xx is the client's fault, 503 Service not available"
 * (docs/vendors/dreamkas.md, "Error codes"); the codes and texts below are the emulator's
 * choice [I], kept few and
 * stable so the provider and shops' tests can rely on them.
 */

/** API error codes and their HTTP status. */
export const API_ERRORS = {
  /** Malformed JSON, a body without `Content-Type: application/json`. */
  BAD_REQUEST: { status: 400, message: "Некорректный запрос" },
  /** A receipt that breaks a rule; `data.errors[]` names the fields. */
  VALIDATION_ERROR: { status: 400, message: "Ошибка валидации" },
  /** No token, an unknown or a revoked one. */
  UNAUTHORIZED: { status: 401, message: "Требуется авторизация" },
  /** A token without API rights. */
  FORBIDDEN: { status: 403, message: "Недостаточно прав" },
  NOT_FOUND: { status: 404, message: "Не найдено" },
  /** A repeated externalId when the emulator runs with `duplicateExternalId: "conflict_409"`. */
  CONFLICT: {
    status: 409,
    message: "Операция с таким externalId уже существует",
  },
  TOO_MANY_REQUESTS: { status: 429, message: "Слишком много запросов" },
  INTERNAL_ERROR: { status: 500, message: "Внутренняя ошибка сервера" },
  SERVICE_UNAVAILABLE: { status: 503, message: "Service not available" },
} as const

export type ApiErrorCode = keyof typeof API_ERRORS

/** One invalid field of a receipt. */
export type FieldIssue = { field: string; message: string }

/** An HTTP answer of the emulator. */
export type EmulatorResponse = {
  status: number
  body: unknown
  headers?: Record<string, string>
}

/** The API error answer `{status, code, message[, data.errors]}`. */
export function apiError(
  code: ApiErrorCode,
  message?: string,
  errors?: FieldIssue[]
): EmulatorResponse {
  const spec = API_ERRORS[code]
  const body: Record<string, unknown> = {
    status: spec.status,
    code,
    message: message ?? spec.message,
  }
  if (errors && errors.length > 0) {
    body.data = { errors }
  }
  return {
    status: spec.status,
    body,
    headers:
      spec.status === 429 || spec.status === 503
        ? { "Retry-After": "1" }
        : undefined,
  }
}

/**
 * Codes of operations that end in ERROR (`data.error.code`). `transient` documents how the
 * provider treats them: the cause passes by itself and the receipt is sent again, or a person
 * must act first.
 */
export const OPERATION_ERRORS: Record<
  string,
  { message: string; transient: boolean }
> = {
  /** The kassa did not take the receipt within its `timeout` (offline, no network). */
  RECEIPT_TIMEOUT: {
    message: "Истёк таймаут фискализации: касса не вышла на связь",
    transient: true,
  },
  /** The kassa's shift ran over 24 hours; it is closed and reopened automatically. */
  SHIFT_EXPIRED: { message: "Смена превысила 24 часа", transient: true },
  INTERNAL_ERROR: {
    message: "Внутренняя ошибка сервиса фискализации",
    transient: true,
  },
  /** The fiscal storage is full, expired or broken: someone must replace it. */
  FN_ERROR: { message: "Ошибка фискального накопителя", transient: false },
  /** The receipt's `taxMode` is not among those the kassa is registered for. */
  TAX_MODE_NOT_SUPPORTED: {
    message: "Касса не зарегистрирована для этой системы налогообложения",
    transient: false,
  },
  /** The kassa refused the receipt's data. */
  KKT_REJECTED: { message: "Касса отклонила чек", transient: false },
}

/** Message of an operation error code; unknown codes get a generic one. */
export function operationErrorMessage(code: string): string {
  return OPERATION_ERRORS[code]?.message ?? "Ошибка фискализации"
}
