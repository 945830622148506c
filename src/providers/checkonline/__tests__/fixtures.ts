import type { FiscalCompany } from "../../../modules/fiscal/types/provider"
import {
  CHECKONLINE_TEST_INN,
  CHECKONLINE_TEST_PLACE,
} from "medusa-fiscal-emulator/checkonline"

/** The emulator's test enterprise. */
export const TEST_COMPANY: FiscalCompany = {
  inn: CHECKONLINE_TEST_INN,
  email: "shop@example.com",
  payment_address: CHECKONLINE_TEST_PLACE,
  sno: "osn",
}

export { line, saleDocument } from "../../_shared/__tests__/fixtures"
