import type { FiscalCompany } from "../../../modules/fiscal/types/provider"
import { DREAMKAS_TEST_INN } from "medusa-fiscal-emulator/dreamkas"

/** The emulator's shop. */
export const TEST_COMPANY: FiscalCompany = {
  inn: DREAMKAS_TEST_INN,
  email: "shop@example.com",
  payment_address: "https://shop.example",
  sno: "osn",
}

export { line, saleDocument } from "../../_shared/__tests__/fixtures"
