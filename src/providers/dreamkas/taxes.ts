import type { PaymentMethod, VatCode } from "../../lib/receipt/types"
import type { TaxationSystem } from "../../modules/fiscal/types/provider"
import type { DreamkasTaxMode } from "./types"

/** Taxation system → `taxMode` (docs/vendors/dreamkas.md, "Enumerations and mapping"). */
export const DREAMKAS_TAX_MODES: Record<TaxationSystem, DreamkasTaxMode> = {
  osn: "DEFAULT",
  usn_income: "SIMPLE",
  usn_income_outcome: "SIMPLE_WO",
  envd: "ENVD",
  esn: "AGRICULT",
  patent: "PATENT",
}

/**
 * The names of the 22 % rates, which no public source documents [?]
 * (docs/vendors/dreamkas.md, "Not confirmed").
 */
export type Vat22Names = { vat22: string; vat122: string }

/**
 * VAT code → `positions[].tax`. 5 % and 7 % names come from a 2026 client [C]; the 22 % ones
 * are configurable because they are a guess
 * (docs/vendors/dreamkas.md, "Enumerations and mapping";
 * docs/fiscal-rules.md, "VAT rates of 2025 and 2026").
 */
export function dreamkasTaxName(vat: VatCode, names: Vat22Names): string {
  switch (vat) {
    case "none":
      return "NDS_NO_TAX"
    case "vat0":
      return "NDS_0"
    case "vat5":
      return "NDS_5"
    case "vat7":
      return "NDS_7"
    case "vat10":
      return "NDS_10"
    case "vat20":
      return "NDS_20"
    case "vat22":
      return names.vat22
    case "vat105":
      return "NDS_5_CALCULATED"
    case "vat107":
      return "NDS_7_CALCULATED"
    case "vat110":
      return "NDS_10_CALCULATED"
    case "vat120":
      return "NDS_20_CALCULATED"
    case "vat122":
      return names.vat122
  }
}

/** VAT inside `sumKopecks`, rounded half up to the kopeck (`N` and `N/(100+N)` alike). */
export { vatInsideKopecks } from "../_shared/vat"

/** Payment method → tag 1214 value (ФФД 1.2 table 28). */
export const PAYMENT_METHOD_CODES: Record<PaymentMethod, number> = {
  full_prepayment: 1,
  prepayment: 2,
  advance: 3,
  full_payment: 4,
  partial_payment: 5,
  credit: 6,
  credit_payment: 7,
}
