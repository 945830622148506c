/**
 * ATOL's error codes with the HTTP status, body `status` and text the live service uses
 * (docs/vendors/atol.md, "Error codes"; texts as in real 2024 test-environment answers where
 * known).
 */

/** One service error of Table 6. `{0}`, `{1}` are filled in by {@link serviceErrorText}. */
export type ServiceErrorSpec = {
  http: number
  text: string
  type: "system" | "unknown"
  /** The `status` field the body carries next to the error, if any. */
  status?: "fail" | "wait"
}

export const SERVICE_ERRORS = {
  0: { http: 400, type: "unknown", text: "Неизвестная ошибка обработки." },
  1: {
    http: 400,
    type: "system",
    text: "Сервер не смог обработать входной чек.",
  },
  10: { http: 401, type: "system", text: "Не распознан токен запроса" },
  11: { http: 401, type: "system", text: "Переданный токен не активен" },
  12: { http: 401, type: "system", text: "Неверный логин или пароль" },
  13: {
    http: 400,
    type: "system",
    text: "Ошибка валидации входящего запроса. Ошибочные поля: {0}.",
  },
  14: { http: 403, type: "system", text: "Пользователь заблокирован" },
  20: {
    http: 401,
    type: "system",
    text: "Код группы, указанный в запросе, не соответствует токену.",
  },
  21: {
    http: 401,
    type: "system",
    text: "Код группы не поддерживает данную версию протокола.",
  },
  30: {
    http: 400,
    type: "system",
    status: "fail",
    text: 'Передан некорректный UUID : "{0}". Необходимо повторить запрос с корректными данными',
  },
  31: { http: 400, type: "system", text: 'Операция "{0}" не поддерживается.' },
  32: {
    http: 400,
    type: "system",
    status: "fail",
    text: "Ошибка валидации входящего чека. Ошибочные поля : {0}",
  },
  33: {
    http: 400,
    type: "system",
    status: "wait",
    text: "В системе существует чек с external_id : {0} и group_code: {1}",
  },
  34: {
    http: 200,
    type: "system",
    status: "wait",
    text: "Состояние чека не найдено. Попробуйте позднее",
  },
  40: { http: 400, type: "system", text: "Некорректный запрос." },
  41: { http: 415, type: "system", text: "Некорректный Content-Type: {0}." },
  50: {
    http: 500,
    type: "system",
    text: "Ошибка сервера. Обратитесь к Администратору.",
  },
} as const satisfies Record<number, ServiceErrorSpec>

export type ServiceErrorCode = keyof typeof SERVICE_ERRORS

/** The text of a service error with its placeholders filled. */
export function serviceErrorText(
  code: ServiceErrorCode,
  ...args: string[]
): string {
  return args.reduce<string>(
    (text, arg, i) => text.replace(`{${i}}`, arg),
    SERVICE_ERRORS[code].text
  )
}

/**
 * A processing failure as it appears in a `fail` report, without `error_id`
 * (docs/vendors/atol.md, "Status and report answers").
 */
export type KktFailure = { type: string; code: number; text: string }

/**
 * KKT failures the emulator produces by itself, in the numbering ATOL uses since 2023 (doc
 * 5.8+), with the legacy code older modules match on (docs/vendors/atol.md, "Failed documents").
 */
export const KKT_FAILURES = {
  innMismatch: {
    type: "agent",
    code: 2009,
    legacy: 2,
    text: "ИНН, указанный в чеке {0}, не соответствует ИНН группы касс {1}. Попыток регистрировать чек не производилось.",
  },
  badPrice: {
    type: "driver",
    code: 16,
    legacy: -3803,
    text: "Неверная цена (сумма)",
  },
  badVatSum: {
    type: "driver",
    code: 128,
    legacy: -3969,
    text: "Некорректная сумма налога",
  },
  badSno: {
    type: "driver",
    code: 143,
    legacy: -4021,
    text: "Некорректная СНО",
  },
  badTotal: {
    type: "driver",
    code: 227,
    legacy: 227,
    text: "Неверный итог чека",
  },
  cashlessOverTotal: {
    type: "driver",
    code: 52,
    legacy: -3896,
    text: "Сумма не наличных платежей превышает сумму чека",
  },
  notFullyPaid: {
    type: "driver",
    code: 66,
    legacy: -3897,
    text: "Чек оплачен не полностью",
  },
} as const

export type KktFailureName = keyof typeof KKT_FAILURES

/** Default texts for failures injected with `failNext` by type and code. */
export const INJECTABLE_FAILURE_TEXTS: Record<string, string> = {
  "timeout:1": "Превышено время ожидания чека в очереди.",
  "agent:2009":
    "ИНН, указанный в чеке, не соответствует ИНН группы касс. Попыток регистрировать чек не производилось.",
  "agent:2004": "Внутренняя ошибка сервиса.",
  "driver:1": "Соединение не установлено",
  "driver:2": "Нет связи",
  "driver:68": "Смена превысила 24 часа",
  "driver:241": "Соединение с ККТ потеряно",
  "driver:421": "Истёк таймаут проверки КМ",
  "system:-2146233033": "Ошибка форматирования чека",
}

/** A KKT failure with its placeholders filled, in new or legacy numbering. */
export function kktFailure(
  name: KktFailureName,
  legacyCodes: boolean,
  ...args: string[]
): KktFailure {
  const spec = KKT_FAILURES[name]
  const text = args.reduce<string>(
    (out, arg, i) => out.replace(`{${i}}`, arg),
    spec.text
  )
  return { type: spec.type, code: legacyCodes ? spec.legacy : spec.code, text }
}
