/**
 * Checkonline's answers that are not a receipt (docs/vendors/checkonline.md, "Error codes").
 *
 * Cloud errors ("FCE") come as HTTP 500 with `{ FCEError, ErrorDescription, Fatal, LogRequestId,
 * Timestamp, Device }`; `Fatal: false` means "repeat the same request later", `Fatal: true` means
 * "repeating it fails again" [V: MKKM README]. No code table is published [?], so the numbers
 * below are the emulator's choice; the provider classifies by `Fatal` first and by these codes
 * only to name the cause.
 *
 * Device errors come as HTTP 200 with `Response.Error ≠ 0` and `Response.ErrorMessages`: the
 * cloud reached a cash register and the register refused. The codes mygento treats as passing
 * are known [V: MKKM Response::NON_FATAL_DEVICE_ERROR_CODES]; every other code is final for that
 * RequestId.
 */

/** One cloud error: its code, whether repeating can help, and the default description. */
export type FceErrorSpec = { code: number; fatal: boolean; text: string }

/** Cloud errors the emulator answers (numbers are the emulator's, see above). */
export const FCE_ERRORS = {
  /** The body is not a JSON object. */
  BAD_FORMAT: { code: 1, fatal: true, text: "Неверный формат запроса" },
  /** A field is missing or has a wrong value; the description names it. */
  INVALID_FIELD: { code: 2, fatal: true, text: "Неверное значение параметра" },
  /** The certificate is not registered, or the `Group` is not one of the certificate's. */
  UNKNOWN_GROUP: {
    code: 3,
    fatal: true,
    text: "Предприятие не найдено или недоступно для сертификата",
  },
  /** `Device` names no cash register of the group. */
  DEVICE_NOT_FOUND: { code: 4, fatal: true, text: "Устройство не найдено" },
  /** Every cash register of the group is busy or offline. */
  NO_FREE_DEVICE: { code: 5, fatal: false, text: "Нет свободных устройств" },
  /** The cloud failed before reaching a cash register. */
  INTERNAL: { code: 6, fatal: false, text: "Внутренняя ошибка сервиса" },
  /** The same (Group, RequestId, ClientId) is being executed right now (`concurrentRepeat: "busy"`). */
  REQUEST_IN_PROGRESS: {
    code: 7,
    fatal: false,
    text: "Запрос с таким RequestId уже выполняется",
  },
  /** Payments do not cover the receipt, or cashless payments exceed it. */
  PAYMENT_MISMATCH: {
    code: 8,
    fatal: true,
    text: "Сумма оплат не соответствует сумме чека",
  },
} as const satisfies Record<string, FceErrorSpec>

/** Name of a cloud error in {@link FCE_ERRORS}. */
export type FceErrorName = keyof typeof FCE_ERRORS

/**
 * Device errors that pass by themselves: not cached, so the same RequestId is executed again on
 * the next try [V: MKKM]. Texts are the emulator's wording of each cause.
 */
export const NON_FATAL_DEVICE_ERRORS: Readonly<Record<number, string>> = {
  17: "Нет транспортного соединения с ОФД",
  80: "Идёт печать данных",
  200: "Тайм-аут принтера",
  249: "Ошибка транспортного уровня при чтении архива ФН",
  250: "Основная плата устройства не отвечает",
  253: "Прочая ошибка принтера",
  254: "Принтер не в сети",
}

/**
 * A final device error the emulator raises by itself [?]: a receipt whose `TaxMode` the cash
 * register is not registered for. Any other code can be injected through the fault plan.
 */
export const TAX_MODE_NOT_REGISTERED = {
  code: 51,
  text: "Некорректный параметр: система налогообложения не зарегистрирована в ККТ",
}

/** True when a device error code is final for its RequestId (and therefore cached). */
export function isFatalDeviceError(code: number): boolean {
  return !(code in NON_FATAL_DEVICE_ERRORS)
}

/** The default text of a device error code. */
export function deviceErrorText(code: number): string {
  if (code === TAX_MODE_NOT_REGISTERED.code) {
    return TAX_MODE_NOT_REGISTERED.text
  }
  return NON_FATAL_DEVICE_ERRORS[code] ?? `Ошибка устройства ${code}`
}
