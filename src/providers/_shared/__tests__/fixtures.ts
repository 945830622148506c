import type { FiscalDocument, FiscalLine } from "../../../lib/receipt/types"

/** A kettle line (2490.00, 22 % VAT, full payment) unless `overrides` say otherwise. */
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
    ...overrides,
  }
}
