import { itemsOf, type RegistrationBody } from "./kkt-checks"
import type { SeededRandom } from "../_shared/random"
import { ShiftCounter } from "../_shared/shift-counter"
import { atolTimestamp, ofdLinkTime } from "./time"

/** Tag 1054 as an OFD link prints it (`n`): 1 приход, 2 возврат прихода, 3 расход, 4 его возврат. */
const OFD_OPERATION: Record<string, number> = {
  sell: 1,
  sell_refund: 2,
  buy: 3,
  buy_refund: 4,
  sell_correction: 1,
  sell_refund_correction: 2,
  buy_correction: 3,
  buy_refund_correction: 4,
}

/**
 * Fiscal data of one registered receipt, as in a `done` report
 * (docs/vendors/atol.md, "Status and report answers").
 */
export type FiscalPayload = {
  total: number
  fns_site: string
  fn_number: string
  shift_number: number
  receipt_datetime: string
  fiscal_receipt_number: number
  fiscal_document_number: number
  ecr_registration_number: string
  fiscal_document_attribute: number
  ofd_inn: string
  ofd_receipt_url: string
  marks_result?: { position: number; mark_code: string; result: number }[]
}

/**
 * One emulated kassa with its fiscal storage: ФД numbers grow by one per receipt (and by two
 * at a shift change, for the closing and opening reports), receipt numbers restart each shift,
 * and a shift lasts 24 hours.
 */
export class Kassa {
  readonly deviceCode: string
  readonly fnNumber: string
  readonly ecrRegistrationNumber: string
  private readonly counter_: ShiftCounter

  constructor(
    private readonly random_: SeededRandom,
    now: Date
  ) {
    this.deviceCode = `KKT${random_.digits(6, true)}`
    // Test fiscal storages are numbered 9999…; 16 digits like a real ФН serial (tag 1041).
    this.fnNumber = `9999078902${random_.digits(6, true)}`
    this.ecrRegistrationNumber = `000000000${random_.digits(7)}`
    this.counter_ = new ShiftCounter(random_, now)
  }

  /** Registers one receipt and returns its fiscal data. */
  register(
    now: Date,
    operation: string,
    totalKopecks: number,
    marks: MarkedPosition[]
  ): FiscalPayload {
    const numbers = this.counter_.next(now)
    // ФП (tag 1077) is a 32-bit number, 10 digits in practice.
    const fp = this.random_.int(1_000_000_000, 4_294_967_295)
    const total = totalKopecks / 100
    const payload: FiscalPayload = {
      total,
      fns_site: "www.nalog.gov.ru",
      fn_number: this.fnNumber,
      shift_number: numbers.shiftNumber,
      receipt_datetime: atolTimestamp(now),
      fiscal_receipt_number: numbers.receiptNumber,
      fiscal_document_number: numbers.documentNumber,
      ecr_registration_number: this.ecrRegistrationNumber,
      fiscal_document_attribute: fp,
      ofd_inn: "7709364346",
      ofd_receipt_url:
        `https://consumer.1-ofd-test.ru/v1?fn=${this.fnNumber}&fp=${fp}` +
        `&i=${numbers.documentNumber}&t=${ofdLinkTime(now)}&s=${total.toFixed(2)}` +
        `&n=${OFD_OPERATION[operation] ?? 1}`,
    }
    if (marks.length > 0) {
      // Tag 2106 result 15: the code was checked by the ФН and confirmed by the ИСМ.
      payload.marks_result = marks.map((mark) => ({ ...mark, result: 15 }))
    }
    return payload
  }
}

/** A marked position: its 0-based index among the items and its code as sent. */
export type MarkedPosition = { position: number; mark_code: string }

/** Marking codes of a v5 body, as ATOL echoes them in `marks_result`. */
export function markCodesOf(body: RegistrationBody): MarkedPosition[] {
  return itemsOf(body).flatMap((item, position) => {
    const code = item.mark_code
    if (!code || typeof code !== "object") {
      return []
    }
    const value = Object.values(code)[0]
    return typeof value === "string" ? [{ position, mark_code: value }] : []
  })
}

/**
 * What the ledger keeps of one position's marking: the fields as received and, for
 * convenience, the code as scanned (gs1m decoded from base64; other kinds and v4's
 * `nomenclature_code` as sent).
 */
export type AtolLedgerMark = {
  /** 0-based index among the items. */
  position: number
  /** v5 `mark_code` as sent, e.g. `{ gs1m: "<base64>" }`. */
  mark_code?: Record<string, string>
  /** v4 `nomenclature_code` as sent. */
  nomenclature_code?: string
  /** The code as scanned, GS separators included. */
  code?: string
  mark_processing_mode?: string
  mark_quantity?: { numerator: number; denominator: number }
  sectoral_item_props?: {
    federal_id: string
    date: string
    number: string
    value: string
  }[]
}

/** The marking of every position that has any, for the ledger. */
export function ledgerMarksOf(body: unknown): AtolLedgerMark[] {
  const items = itemsOf((body ?? {}) as RegistrationBody) as Record<
    string,
    unknown
  >[]
  return items.flatMap((item, position) => {
    if (!item || typeof item !== "object") {
      return []
    }
    const mark: AtolLedgerMark = { position }
    const code = item.mark_code
    if (code && typeof code === "object") {
      mark.mark_code = structuredClone(code) as Record<string, string>
      const [kind, value] = Object.entries(code)[0] ?? []
      if (typeof value === "string") {
        mark.code =
          kind === "gs1m"
            ? Buffer.from(value, "base64").toString("utf8")
            : value
      }
    }
    if (typeof item.nomenclature_code === "string") {
      mark.nomenclature_code = item.nomenclature_code
      mark.code = item.nomenclature_code
    }
    if (typeof item.mark_processing_mode === "string") {
      mark.mark_processing_mode = item.mark_processing_mode
    }
    if (item.mark_quantity && typeof item.mark_quantity === "object") {
      mark.mark_quantity = structuredClone(
        item.mark_quantity
      ) as AtolLedgerMark["mark_quantity"]
    }
    if (Array.isArray(item.sectoral_item_props)) {
      mark.sectoral_item_props = structuredClone(
        item.sectoral_item_props
      ) as AtolLedgerMark["sectoral_item_props"]
    }
    return Object.keys(mark).length > 1 ? [mark] : []
  })
}
