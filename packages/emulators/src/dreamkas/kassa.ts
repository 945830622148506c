import type { DreamkasEmulatorDevice } from "./accounts"
import type { SeededRandom } from "../_shared/random"
import { ShiftCounter } from "../_shared/shift-counter"

/** Tag 1054 as an OFD link prints it (`n`): 1 приход, 2 возврат прихода, 3 расход, 4 его возврат. */
const OFD_OPERATION: Record<string, number> = {
  SALE: 1,
  REFUND: 2,
  OUTFLOW: 3,
  OUTFLOW_REFUND: 4,
  CORRECTION_INFLOW: 1,
  CORRECTION_OUTFLOW: 3,
}

/**
 * A fiscal receipt as the read model `GET /api/receipts/{id}` shows it [C]
 * (docs/vendors/dreamkas.md, "Fiscal receipt read model").
 */
export type EmulatedReceipt = {
  id: string
  type: string
  /** Kopecks. */
  amount: number
  discount: number
  deviceId: number
  shopId: number
  operationId: string
  externalId: string | null
  shiftId: number
  number: number
  /** The kassa's local time, `YYYY-MM-DD HH:MM:SS`. */
  localDate: string
  date: string
  payments: { type: string; amount: number }[]
  positions: {
    id: string
    name: string
    type: string
    /** Thousandths of the unit, as the read model reports every quantity. */
    quantity: number
    price: number
    discount: number
    tax: string
  }[]
  checkURL: string
  fiscalDocumentNumber: string
  fiscalDocumentSign: string
  fnNumber: string
  registryNumber: string
}

/** What the kassa needs from a validated receipt request. */
export type ReceiptToPrint = {
  operationId: string
  externalId: string | null
  type: string
  total: number
  payments: { type: string; sum: number }[]
  positions: {
    name: string
    type: string
    quantity: number
    price: number
    tax: string
  }[]
}

const pad = (value: number) => String(value).padStart(2, "0")

function localDate(date: Date, offsetHours: number): string {
  const local = new Date(date.getTime() + offsetHours * 3_600_000)
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`
  )
}

/**
 * One emulated kassa with its fiscal storage: ФД numbers grow by one per receipt (and by two
 * at a shift change, for the closing and opening reports), receipt numbers restart each shift,
 * and a shift lasts 24 hours.
 */
export class Kassa {
  readonly fnNumber: string
  readonly registryNumber: string
  private readonly counter_: ShiftCounter

  constructor(
    private readonly device_: DreamkasEmulatorDevice,
    private readonly random_: SeededRandom,
    now: Date,
    private readonly scalableQuantityScale_: number
  ) {
    // Test fiscal storages are numbered 9999…; 16 digits like a real ФН serial (tag 1041).
    this.fnNumber = `9999078902${random_.digits(6, true)}`
    this.registryNumber = `000000000${random_.digits(7)}`
    this.counter_ = new ShiftCounter(random_, now)
  }

  /** Prints one receipt and returns it with its fiscal data. */
  print(now: Date, receipt: ReceiptToPrint): EmulatedReceipt {
    const numbers = this.counter_.next(now)
    // ФП (tag 1077) is a 32-bit number, 10 digits in practice.
    const fp = String(this.random_.int(1_000_000_000, 4_294_967_295))
    const stamp =
      `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}T` +
      `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}`
    return {
      id: this.random_.hex(24),
      type: receipt.type,
      amount: receipt.total,
      discount: 0,
      deviceId: this.device_.id,
      shopId: this.device_.groupId ?? 1,
      operationId: receipt.operationId,
      externalId: receipt.externalId,
      shiftId: numbers.shiftNumber,
      number: numbers.receiptNumber,
      localDate: localDate(now, this.device_.timezoneOffset ?? 3),
      date: now.toISOString(),
      payments: receipt.payments.map((p) => ({ type: p.type, amount: p.sum })),
      positions: receipt.positions.map((p) => ({
        id: this.random_.hex(32),
        name: p.name,
        type: p.type,
        quantity:
          p.type === "SCALABLE"
            ? Math.round((p.quantity * 1000) / this.scalableQuantityScale_)
            : p.quantity * 1000,
        price: p.price,
        discount: 0,
        tax: p.tax,
      })),
      checkURL:
        `https://consumer.1-ofd-test.ru/v1?fn=${this.fnNumber}&fp=${fp}` +
        `&i=${numbers.documentNumber}&t=${stamp}&s=${(receipt.total / 100).toFixed(2)}` +
        `&n=${OFD_OPERATION[receipt.type] ?? 1}`,
      fiscalDocumentNumber: String(numbers.documentNumber),
      fiscalDocumentSign: fp,
      fnNumber: this.fnNumber,
      registryNumber: this.registryNumber,
    }
  }
}
