import type { ModulKassaEmulatorRetailPoint } from "./accounts"
import { DEFAULT_TAX_MODES } from "./accounts"
import type { SeededRandom } from "../_shared/random"
import { ShiftCounter } from "../_shared/shift-counter"
import { modulDateTime, qrTime } from "./time"
import { docTypeOf, type DocType } from "./validation"

/**
 * `FiscalInfo.checkType` of each document type
 * (docs/vendors/modulkassa.md, "Document status").
 */
const CHECK_TYPE: Record<DocType, string> = {
  SALE: "SALE",
  RETURN: "RETURN",
  BUY: "PURCHASE",
  BUY_RETURN: "RETURN_PURCHASE",
}

/** Tag 1054 as a receipt QR code prints it (`n`): 1 приход, 2 возврат прихода, 3 расход, 4 его возврат. */
const QR_OPERATION: Record<DocType, number> = {
  SALE: 1,
  RETURN: 2,
  BUY: 3,
  BUY_RETURN: 4,
}

/** `FiscalInfo` of a fiscalized document. */
export type ModulFiscalInfo = {
  shiftNumber: number
  checkNumber: number
  kktNumber: string
  fnNumber: string
  fnDocNumber: number
  fnDocMark: number
  date: string
  sum: number
  checkType: string
  qr: string
  ecrRegistrationNumber: string
}

/** `FailureInfo` of a failed document. */
export type ModulFailureInfo = {
  type:
    | "FN_MEMORY_OVERFLOW"
    | "FN_EXPIRED"
    | "FN_GENERIC_FAILURE"
    | "NON_FN_FAILURE"
  message: string
}

type Position = { price: number; quantity: number; discSum?: number }
type Payment = { paymentType: string; sum: number }

function kopecks(rubles: number): number {
  return Math.round(rubles * 100)
}

/** What the kassa registers: Σ round(price × quantity) − discount over the positions, in kopecks. */
export function documentTotalKopecks(body: Record<string, unknown>): number {
  const positions = (body.inventPositions ?? []) as Position[]
  return positions.reduce(
    (sum, p) =>
      sum + Math.round(kopecks(p.price) * p.quantity) - kopecks(p.discSum ?? 0),
    0
  )
}

/**
 * The kassa's own checks when it fiscalizes a document: payments must cover the total exactly
 * (cash may exceed it, giving change) and the taxation system must be one the kassa is
 * registered for. The doc gives no texts; these are the ФН driver's usual ones [I].
 */
export function runKassaChecks(
  body: Record<string, unknown>,
  point: ModulKassaEmulatorRetailPoint
): ModulFailureInfo | undefined {
  const total = documentTotalKopecks(body)
  const payments = (body.moneyPositions ?? []) as Payment[]
  const paid = payments.reduce((sum, p) => sum + kopecks(p.sum), 0)
  const cashless = payments
    .filter((p) => p.paymentType !== "CASH")
    .reduce((sum, p) => sum + kopecks(p.sum), 0)
  if (cashless > total) {
    return {
      type: "NON_FN_FAILURE",
      message: "Сумма безналичных оплат превышает сумму чека",
    }
  }
  if (paid < total) {
    return { type: "NON_FN_FAILURE", message: "Чек оплачен не полностью" }
  }
  const taxMode = body.taxMode
  const allowed = point.taxModes ?? DEFAULT_TAX_MODES
  if (typeof taxMode === "string" && !allowed.includes(taxMode)) {
    return {
      type: "NON_FN_FAILURE",
      message: `Система налогообложения ${taxMode} не зарегистрирована в ККТ`,
    }
  }
  return undefined
}

/**
 * The kassa of one retail point with its fiscal storage: ФД numbers grow by one per receipt
 * (and by two at a shift change: closing and opening reports), receipt numbers restart each
 * shift, and the app reopens a shift after 24 hours
 * (docs/vendors/modulkassa.md, "Document status").
 */
export class Kassa {
  readonly kktNumber: string
  readonly fnNumber: string
  readonly ecrRegistrationNumber: string
  private readonly counter_: ShiftCounter

  constructor(
    private readonly random_: SeededRandom,
    now: Date
  ) {
    this.kktNumber = `00106${random_.digits(9, true)}`
    this.fnNumber = `9999078902${random_.digits(6, true)}`
    this.ecrRegistrationNumber = `000000000${random_.digits(7)}`
    this.counter_ = new ShiftCounter(random_, now)
  }

  /** Fiscalizes one document and returns its fiscal data. */
  register(now: Date, body: Record<string, unknown>): ModulFiscalInfo {
    const numbers = this.counter_.next(now)
    // ФПД (tag 1077) is a 32-bit number, 10 digits in practice.
    const fp = this.random_.int(1_000_000_000, 4_294_967_295)
    const total = documentTotalKopecks(body) / 100
    const type = docTypeOf(body)
    return {
      shiftNumber: numbers.shiftNumber,
      checkNumber: numbers.receiptNumber,
      kktNumber: this.kktNumber,
      fnNumber: this.fnNumber,
      fnDocNumber: numbers.documentNumber,
      fnDocMark: fp,
      date: modulDateTime(now),
      sum: total,
      checkType: CHECK_TYPE[type] ?? "SALE",
      qr:
        `t=${qrTime(now)}&s=${total.toFixed(2)}&fn=${this.fnNumber}` +
        `&i=${numbers.documentNumber}&fp=${fp}&n=${QR_OPERATION[type] ?? 1}`,
      ecrRegistrationNumber: this.ecrRegistrationNumber,
    }
  }
}
