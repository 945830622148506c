import type { FiscalCompany } from "../../../modules/fiscal/types/provider"

/** The published test company (docs/vendors/atol.md, "Test environment"). */
export const TEST_COMPANY: FiscalCompany = {
  inn: "5544332219",
  email: "shop@example.com",
  payment_address: "https://v5.online.atol.ru",
  sno: "osn",
}

export { line, saleDocument } from "../../_shared/__tests__/fixtures"
