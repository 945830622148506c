import type { PaymentMethod, VatCode } from "../../lib/receipt/types"
import type { SettlementDocumentType } from "../_shared/corrections"
import type { TaxationSystem } from "../../modules/fiscal/types/provider"
import type { ComplexDate } from "./types"

/**
 * `DocumentType`: 0 приход, 2 возврат прихода [V: MKKM]; 1 and 3 (расход) are never sent, and
 * no correction type is published (docs/vendors/checkonline.md, "Corrections").
 */
export const DOCUMENT_TYPE: Record<SettlementDocumentType, number> = {
  sell: 0,
  sell_refund: 2,
}

/** `TaxMode` bits [V: MKKM Sno.php] (docs/vendors/checkonline.md, "Enumerations and mapping"). */
export const TAX_MODE: Record<TaxationSystem, number> = {
  osn: 1,
  usn_income: 2,
  usn_income_outcome: 4,
  envd: 8,
  esn: 16,
  patent: 32,
}

/**
 * `TaxId` is the number of the cash register's tax rate, not tag 1199. 1..6 are known
 * [V: MKKM TAX_MAPPING]. Checkonline has published nothing for 5 %, 7 % (2025) and 22 % (2026)
 * [?]; they continue the table in tag 1199's order (5, 7, 5/105, 7/107, 22, 22/122 → 7..12) and
 * can be overridden per shop with `tax_ids` once Checkonline names its numbers.
 */
export const DEFAULT_TAX_IDS: Record<VatCode, number> = {
  vat20: 1,
  vat10: 2,
  vat0: 3,
  none: 4,
  vat120: 5,
  vat110: 6,
  vat5: 7,
  vat7: 8,
  vat105: 9,
  vat107: 10,
  vat22: 11,
  vat122: 12,
}

/** `PayAttribute` = tag 1214 number [V: MKKM Item constants]. */
export const PAY_ATTRIBUTE: Record<PaymentMethod, number> = {
  full_prepayment: 1,
  prepayment: 2,
  advance: 3,
  full_payment: 4,
  partial_payment: 5,
  credit: 6,
  credit_payment: 7,
}

/** Quantity → thousandths (`Qty`); undefined when it has more than 3 decimals or is not positive. */
export function toThousandths(quantity: number): number | undefined {
  const thousandths = Math.round(quantity * 1000)
  if (!Number.isSafeInteger(thousandths) || thousandths <= 0) {
    return undefined
  }
  return Math.abs(thousandths - quantity * 1000) < 1e-6
    ? thousandths
    : undefined
}

/** The line total the cash register computes: Price × Qty / 1000, half up, in integers. */
export function lineTotalKopecks(price: number, thousandths: number): number {
  return Number((BigInt(price) * BigInt(thousandths) + 500n) / 1000n)
}

/** Moscow has been UTC+3 all year round since 2014; the cash registers' clocks run on it [?]. */
const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000

function isoFromMoscow(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number
) {
  const utc =
    Date.UTC(year, month - 1, day, hour, minute, second) - MOSCOW_OFFSET_MS
  const date = new Date(utc)
  const back = new Date(utc + MOSCOW_OFFSET_MS)
  const real =
    back.getUTCFullYear() === year &&
    back.getUTCMonth() === month - 1 &&
    back.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60
  return real ? date.toISOString() : undefined
}

/**
 * When the cash register registered the receipt, as ISO 8601 UTC: from `Date` (Moscow time, a
 * two-digit year [?]), else from the QR code's `t=yyyymmddTHHMM[SS]`.
 */
export function registeredAt(
  date: ComplexDate | undefined,
  qr: string | undefined
): string | undefined {
  const d = date?.Date
  const t = date?.Time
  if (
    d &&
    t &&
    [d.Day, d.Month, d.Year, t.Hour, t.Minute, t.Second].every((n) =>
      Number.isInteger(n)
    )
  ) {
    const year = d.Year! < 100 ? 2000 + d.Year! : d.Year!
    const iso = isoFromMoscow(
      year,
      d.Month!,
      d.Day!,
      t.Hour!,
      t.Minute!,
      t.Second!
    )
    if (iso) {
      return iso
    }
  }
  const match =
    /(?:^|&)t=(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?(?:&|$)/.exec(
      qr ?? ""
    )
  if (match) {
    const [, y, mo, da, h, mi, s] = match
    return isoFromMoscow(
      Number(y),
      Number(mo),
      Number(da),
      Number(h),
      Number(mi),
      Number(s ?? 0)
    )
  }
  return undefined
}
