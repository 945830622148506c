import type { FiscalDocument, FiscalLine } from "../../../lib/receipt/types"
import type { FiscalCompany } from "../../../modules/fiscal/types/provider"

/** The emulated shop (its kassa is registered for ОСН). */
export const TEST_COMPANY: FiscalCompany = {
  inn: "7708123450",
  email: "shop@example.com",
  payment_address: "https://shop.example",
  sno: "osn",
}

export function line(overrides: Partial<FiscalLine> = {}): FiscalLine {
  return {
    name: "Чайник электрический",
    price: 249000,
    quantity: 1,
    sum: 249000,
    vat: "vat22",
    payment_method: "full_payment",
    payment_object: "commodity",
    measure: 0,
    source: { kind: "item", id: "item_1" },
    ...overrides,
  }
}

/** A sale of a kettle (2490.00) and courier delivery (300.00), paid by card. */
export function saleDocument(
  overrides: Partial<FiscalDocument> = {}
): FiscalDocument {
  return {
    type: "sell",
    lines: [
      line(),
      line({
        name: "Доставка курьером",
        price: 30000,
        sum: 30000,
        payment_object: "service",
        source: { kind: "shipping", id: "sm_1" },
      }),
    ],
    payments: [{ type: "cashless", sum: 279000 }],
    total: 279000,
    customer: { email: "buyer@example.com" },
    settled_at: "2026-03-14T10:16:05+03:00",
    ...overrides,
  }
}
