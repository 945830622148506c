import type { CheckonlineEmulatorDevice } from "./enterprises"
import type { SeededRandom } from "../_shared/random"
import type { ComplexRequest } from "./validation"
import type { CheckonlineFiscalRecord } from "./types"

/** Moscow has been UTC+3 all year round since 2014; the cash registers' clocks run on it [?]. */
const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000
/**
 * A shift lasts at most 24 hours (54-ФЗ); the cloud reopens it by itself [?]
 * (docs/vendors/checkonline.md, "Not confirmed").
 */
const SHIFT_MS = 24 * 60 * 60 * 1000

/** The `Date` object of an answer [?: mygento only concatenates its parts; Year has two digits]. */
export type ComplexDate = {
  Date: { Day: number; Month: number; Year: number }
  Time: { Hour: number; Minute: number; Second: number }
}

/** Tag 1054 as printed in the receipt QR code (`n=`): 1 приход, 2 возврат прихода, 3 расход, 4 возврат расхода. */
const QR_OPERATION: Record<number, number> = { 0: 1, 1: 3, 2: 2, 3: 4 }

function moscow(date: Date) {
  const msk = new Date(date.getTime() + MOSCOW_OFFSET_MS)
  return {
    year: msk.getUTCFullYear(),
    month: msk.getUTCMonth() + 1,
    day: msk.getUTCDate(),
    hour: msk.getUTCHours(),
    minute: msk.getUTCMinutes(),
    second: msk.getUTCSeconds(),
  }
}

/** The answer's `Date` in Moscow time. */
export function complexDate(date: Date): ComplexDate {
  const m = moscow(date)
  return {
    Date: { Day: m.day, Month: m.month, Year: m.year % 100 },
    Time: { Hour: m.hour, Minute: m.minute, Second: m.second },
  }
}

/** `t=yyyymmddTHHMM&s=rubles&fn=…&i=…&fp=…&n=…`, the receipt QR code (ФНС format). */
export function receiptQr(
  date: Date,
  totalKopecks: number,
  fn: string,
  fd: number,
  fp: number,
  documentType: number
): string {
  const m = moscow(date)
  const pad = (n: number) => String(n).padStart(2, "0")
  const t = `${m.year}${pad(m.month)}${pad(m.day)}T${pad(m.hour)}${pad(m.minute)}`
  const rubles = `${Math.floor(totalKopecks / 100)}.${pad(totalKopecks % 100)}`
  return `t=${t}&s=${rubles}&fn=${fn}&i=${fd}&fp=${fp}&n=${QR_OPERATION[documentType] ?? 1}`
}

/**
 * One rented cash register: its fiscal storage counters and shift. A shift opens with the first
 * receipt and is reopened after 24 hours; each opening and closing report takes a fiscal
 * document number too, so ФД numbers of consecutive receipts are not always consecutive.
 */
export class EmulatedDevice {
  readonly name: string
  readonly address: string
  readonly fnNumber: string
  readonly registrationNumber: string
  readonly serialNumber: string
  private fiscalDocumentNumber_: number
  private turnNumber_ = 0
  private docInTurn_ = 0
  private shiftOpenedAt_: number | null = null

  constructor(
    spec: CheckonlineEmulatorDevice,
    private readonly random_: SeededRandom
  ) {
    this.name = spec.name
    this.address = spec.address ?? ""
    this.fnNumber = spec.fn_number ?? `9999${random_.digits(12)}`
    this.registrationNumber =
      spec.registration_number ?? `0000${random_.digits(12)}`
    this.serialNumber = spec.serial_number ?? `0010${random_.digits(10)}`
    this.fiscalDocumentNumber_ = random_.int(1, 500)
  }

  /** Registers a receipt at `now` and returns its fiscal data. */
  register(request: ComplexRequest, now: Date): CheckonlineFiscalRecord {
    const at = now.getTime()
    if (this.shiftOpenedAt_ !== null && at - this.shiftOpenedAt_ >= SHIFT_MS) {
      this.fiscalDocumentNumber_ += 1 // shift closing report
      this.shiftOpenedAt_ = null
    }
    if (this.shiftOpenedAt_ === null) {
      this.fiscalDocumentNumber_ += 1 // shift opening report
      this.turnNumber_ += 1
      this.docInTurn_ = 0
      this.shiftOpenedAt_ = at
    }
    this.fiscalDocumentNumber_ += 1
    this.docInTurn_ += 1
    const fp = this.random_.int(100_000_000, 4_294_967_295)
    return {
      fn_number: this.fnNumber,
      registration_number: this.registrationNumber,
      fiscal_document_number: this.fiscalDocumentNumber_,
      fiscal_sign: fp,
      doc_number: this.docInTurn_,
      turn_number: this.turnNumber_,
      registered_at: now.toISOString(),
      qr: receiptQr(
        now,
        request.total,
        this.fnNumber,
        this.fiscalDocumentNumber_,
        fp,
        request.DocumentType
      ),
    }
  }

  /** The answer's `Device` object [?] (docs/vendors/checkonline.md, "Answers"). */
  descriptor(): { Name: string; Address: string } {
    return { Name: this.name, Address: this.address }
  }
}

/** The receipt as the cash register would print it, for `FullResponse: true`. */
export function receiptText(
  request: ComplexRequest,
  record: CheckonlineFiscalRecord,
  device: EmulatedDevice
): string {
  const title = [
    "КАССОВЫЙ ЧЕК / ПРИХОД",
    "КАССОВЫЙ ЧЕК / РАСХОД",
    "КАССОВЫЙ ЧЕК / ВОЗВРАТ ПРИХОДА",
    "КАССОВЫЙ ЧЕК / ВОЗВРАТ РАСХОДА",
  ][request.DocumentType]
  const money = (k: number) =>
    `${Math.floor(k / 100)}.${String(k % 100).padStart(2, "0")}`
  const lines = request.Lines.map(
    (line) =>
      `${line.Description}\n  ${line.Qty / 1000} x ${money(line.Price)} = ${money(line.total)}`
  )
  return [
    title,
    ...lines,
    `ИТОГ ${money(request.total)}`,
    `СМЕНА ${record.turn_number} ЧЕК ${record.doc_number}`,
    `РН ККТ ${record.registration_number} ЗН ККТ ${device.serialNumber}`,
    `ФН ${record.fn_number} ФД ${record.fiscal_document_number} ФП ${record.fiscal_sign}`,
  ].join("\n")
}
