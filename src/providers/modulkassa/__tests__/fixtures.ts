import type { FiscalDocument } from "../../../lib/receipt/types"
import { saleDocument as sharedSaleDocument } from "../../_shared/__tests__/fixtures"
import type { FiscalCompany } from "../../../modules/fiscal/types/provider"

/** The emulated shop (its kassa is registered for ОСН). */
export const TEST_COMPANY: FiscalCompany = {
  inn: "7708123450",
  email: "shop@example.com",
  payment_address: "https://shop.example",
  sno: "osn",
}

export { line } from "../../_shared/__tests__/fixtures"

/** The shared kettle-and-delivery sale, settled when МодульКасса's documents say it was. */
export function saleDocument(
  overrides: Partial<FiscalDocument> = {}
): FiscalDocument {
  return sharedSaleDocument({
    settled_at: "2026-03-14T10:16:05+03:00",
    ...overrides,
  })
}
