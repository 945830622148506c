import { buildSaleDocument, RECEIPT_ORDER_FIELDS, ReceiptError } from "../index"
import type { BuildSaleOptions } from "../build-sale-document"
import type { ReceiptErrorCode } from "../errors"
import type { ReceiptOrder } from "../order-input"
import type { ReceiptSettingsInput } from "../settings"
import {
  codePoints,
  DATE_2025,
  DATE_2026,
  documentProblems,
  codesOf,
  item,
  markedItem,
  order,
  paidWith,
  priced,
  SETTINGS,
  shipping,
  sumsBySource,
  errorOf,
} from "./helpers"

/** A sale in 2026 with the "standard" VAT defaults unless told otherwise. */
function sale(
  input: ReceiptOrder,
  settings: ReceiptSettingsInput = SETTINGS,
  options: Partial<BuildSaleOptions> = {}
) {
  return buildSaleDocument(input, settings, { date: DATE_2026, ...options })
}

function expectCode(run: () => unknown, code: ReceiptErrorCode): ReceiptError {
  const error = errorOf(run)
  expect(error.code).toBe(code)
  return error
}

const field =
  <K extends "vat" | "name">(key: K) =>
  (input: ReturnType<typeof sale>) =>
    input.lines.map((line) => line[key])

describe("buildSaleDocument: hand-picked traps", () => {
  it("3 × 33.33, 10 ₽ off in the line total: 2 × 30.00 + 1 × 29.99", () => {
    const cups = item({ quantity: 3, unit_price: 33.33, total: 89.99 })
    const document = sale(order({ items: [cups] }))
    expect(priced(document)).toEqual([
      [3000, 2, 6000],
      [2999, 1, 2999],
    ])
    expect(document.total).toBe(8999)
    expect(document.payments).toEqual([{ type: "cashless", sum: 8999 }])
    expect(documentProblems(document)).toEqual([])
  })

  it("3 × 33.33 with 10 ₽ off the order (paid less than the lines)", () => {
    const cups = item({ quantity: 3, unit_price: 33.33, total: 99.99 })
    const document = sale(order({ items: [cups], total: 89.99 }))
    expect(priced(document)).toEqual([
      [3000, 2, 6000],
      [2999, 1, 2999],
    ])
  })

  it("3 × 33.33 + shipping 300, 10 ₽ off the order: largest remainder", () => {
    const cups = item({ quantity: 3, unit_price: 33.33, total: 99.99 })
    const courier = shipping({ total: 300 })
    const document = sale(
      order({
        items: [cups],
        shipping_methods: [courier],
        payment_collections: paidWith(389.99),
      })
    )
    // Exact shares 2.4998 and 7.5002 ₽: the cups give 2.49 ₽ so that 3 × 32.50
    // stays one line; shipping gives 7.51 ₽.
    expect(priced(document)).toEqual([
      [3250, 3, 9750],
      [29249, 1, 29249],
    ])
    expect(document.total).toBe(38999)
  })

  it("7 units for 1000.00: 5 × 142.86 + 2 × 142.85", () => {
    const seven = item({ quantity: 7, total: 1000 })
    const document = sale(order({ items: [seven] }))
    expect(priced(document)).toEqual([
      [14286, 5, 71430],
      [14285, 2, 28570],
    ])
  })

  it("0.01 ₽ lines", () => {
    const document = sale(
      order({
        items: [item({ total: 0.01 }), item({ quantity: 3, total: 0.01 })],
      })
    )
    // The 3 units still appear: one at 0.01 and two at 0.00 (part of a paid line).
    expect(priced(document)).toEqual([
      [1, 1, 1],
      [1, 1, 1],
      [0, 2, 0],
    ])
    expect(document.total).toBe(2)
    expect(documentProblems(document)).toEqual([])
  })

  it("an order discount next to a 0.01 ₽ line makes nothing negative", () => {
    const document = sale(
      order({
        items: [item({ total: 0.01 }), item({ total: 1000 })],
        total: 999.99,
      })
    )
    expect(document.total).toBe(99999)
    expect(documentProblems(document)).toEqual([])
  })

  it("free shipping is left out by default and kept at 0 on request", () => {
    const free = shipping({ name: "Бесплатная доставка", total: 0 })
    const input = order({
      items: [item({ total: 500 })],
      shipping_methods: [free],
    })
    const omitted = sale(input)
    expect(omitted.lines.map((line) => line.source.kind)).toEqual(["item"])

    const kept = sale(input, { ...SETTINGS, zeroTotalLines: "keep" })
    expect(kept.lines[1]).toMatchObject({
      name: "Бесплатная доставка",
      price: 0,
      quantity: 1,
      sum: 0,
      payment_object: "service",
      source: { kind: "shipping", id: free.id },
    })
    expect(kept.total).toBe(50000)
  })

  it("a 100 % discounted line is left out, unless it has marking codes", () => {
    const gift = item({ quantity: 2, unit_price: 250, total: 0 })
    const markedGift = markedItem({ title: "Духи", quantity: 2, total: 0 })
    const document = sale(
      order({
        items: [item({ total: 100 }), gift, markedGift],
        fiscal_mark_codes: codesOf([markedGift, ["010460…A", "010460…B"]]),
      })
    )
    const sources = document.lines.map((line) => line.source.id)
    expect(sources).not.toContain(gift.id)
    const marked = document.lines.filter(
      (line) => line.source.id === markedGift.id
    )
    expect(
      marked.map((line) => [line.price, line.quantity, line.mark_code])
    ).toEqual([
      [0, 1, "010460…A"],
      [0, 1, "010460…B"],
    ])
    expect(marked[0].payment_object).toBe("marked_commodity")
    expect(document.total).toBe(10000)
  })

  it("a weighed item: 0.7 kg for 100.00 → 142.86 × 0.7", () => {
    const cheese = item({
      title: "Сыр",
      quantity: 0.7,
      total: 100,
      variant: { metadata: { fiscal_measure: "kg" } },
    })
    const document = sale(order({ items: [cheese] }))
    expect(priced(document)).toEqual([[14286, 0.7, 10000]])
    expect(document.lines[0].measure).toBe(11)
  })

  it("2.5 kg for 100.01 (no single price fits): prices a kopeck apart", () => {
    const weighed = item({ quantity: 2.5, total: 100.01 })
    const document = sale(order({ items: [weighed] }))
    expect(priced(document)).toEqual([
      [4001, 1, 4001],
      [4000, 1.5, 6000],
    ])
    expect(documentProblems(document)).toEqual([])
  })

  it("200-character names with emoji: 128 code points, whole emoji", () => {
    const apples = "🍎".repeat(200)
    const family = `${"Я".repeat(126)}👨‍👩‍👧${"x".repeat(70)}`
    const combining = "e\u0301".repeat(100)
    const document = sale(
      order({
        items: [
          item({ title: apples }),
          item({ title: family }),
          item({ title: combining }),
        ],
      })
    )
    const [first, second, third] = field("name")(document)
    expect(codePoints(first)).toBe(128)
    expect(first).toBe("🍎".repeat(128))
    // The 5-code-point family emoji does not fit after 126 letters: it goes whole.
    expect(second).toBe("Я".repeat(126))
    // NFC turns e + combining acute into é: 100 characters, nothing to cut.
    expect(third).toBe("é".repeat(100))
    expect(documentProblems(document)).toEqual([])
  })

  it("the name limit is configurable for a provider's maxNameLength", () => {
    const long = item({ title: "Очень длинное название товара" })
    const document = sale(order({ items: [long] }), {
      ...SETTINGS,
      maxNameLength: 10,
    })
    expect(document.lines[0].name).toBe("Очень длин")
  })

  it("item names: variant title added, placeholders and fallbacks", () => {
    const tea = item({
      title: "Чай",
      variant: { metadata: { fiscal_name: "Чай зелёный 100 г" } },
    })
    const document = sale(
      order({
        items: [
          item({ title: "Футболка", variant_title: "L / чёрная" }),
          item({ title: "Кружка", variant_title: "Default variant" }),
          item({ title: "", product_title: "Носки" }),
          item({ title: null, product_title: null }),
          tea,
          item({ title: "Шарф\nсиний\t " }),
        ],
        shipping_methods: [shipping({ name: null })],
      })
    )
    expect(field("name")(document)).toEqual([
      "Футболка (L / чёрная)",
      "Кружка",
      "Носки",
      "Товар",
      "Чай зелёный 100 г",
      "Шарф синий",
      "Доставка",
    ])
  })

  it("invisible names: the next source, then a neutral name, never blank", () => {
    const invisible = "\u200B\u200E\u2066"
    const tea = item({
      title: "Чай",
      variant: { metadata: { fiscal_name: "\u2060\uFEFF" } },
    })
    const input = order({
      items: [
        item({ title: invisible, product_title: "Носки" }),
        item({
          title: "\uFEFF",
          product_title: "\u00AD",
          variant_title: "Синие",
        }),
        item({
          title: invisible,
          product_title: invisible,
          variant_title: invisible,
        }),
        item({ title: "\u3164", product_title: null, variant_title: "\u200D" }),
        tea,
        item({ title: `Кружка${invisible}`, variant_title: invisible }),
      ],
      shipping_methods: [
        shipping({ name: invisible }),
        shipping({ name: "\u200B", metadata: { fiscal_name: "\u2066" } }),
      ],
    })
    expect(field("name")(sale(input))).toEqual([
      "Носки",
      "Синие",
      "Товар",
      "Товар",
      "Чай",
      "Кружка",
      "Доставка",
      "Доставка",
    ])
    const named = {
      ...SETTINGS,
      itemNameFallback: "Позиция",
      shippingName: "Курьер",
    }
    expect(field("name")(sale(input, named))).toEqual([
      "Носки",
      "Синие",
      "Позиция",
      "Позиция",
      "Чай",
      "Кружка",
      "Курьер",
      "Курьер",
    ])
    // A fallback setting that is itself invisible is refused, not printed.
    for (const key of ["itemNameFallback", "shippingName"] as const) {
      const error = expectCode(
        () => sale(input, { ...SETTINGS, [key]: "\u200B\u2060" }),
        "INVALID_SETTINGS"
      )
      expect(error.details.setting).toBe(key)
    }
  })

  it("VAT from the variant, else the product, else the defaults", () => {
    const document = sale(
      order({
        items: [
          item({
            variant: { metadata: { fiscal_vat: "vat10" } },
            product: { metadata: { fiscal_vat: "none" } },
          }),
          item({
            variant: { metadata: {} },
            product: { metadata: { fiscal_vat: "none" } },
          }),
          item({ variant: null, product: null }),
          item({ variant: { metadata: { fiscal_vat: "5%" } } }),
        ],
        shipping_methods: [
          shipping(),
          shipping({ metadata: { fiscal_vat: "vat0" } }),
        ],
      }),
      { goodsVat: "vat7", shippingVat: "standard" }
    )
    expect(field("vat")(document)).toEqual([
      "vat10",
      "none",
      "vat7",
      "vat5",
      "vat22",
      "vat0",
    ])
  })

  it("payment object and measure: metadata over defaults", () => {
    const job = { fiscal_payment_object: "job", fiscal_measure: 71 }
    const document = sale(
      order({
        items: [
          item(),
          item({ product: { metadata: job } }),
          item({ variant: { metadata: { fiscal_payment_object: 2 } } }),
        ],
        shipping_methods: [shipping()],
      })
    )
    expect(
      document.lines.map((line) => [line.payment_object, line.measure])
    ).toEqual([
      ["commodity", 0],
      ["job", 71],
      ["excise", 0],
      ["service", 0],
    ])
  })

  it("standard VAT: 2025-12-31 is 20 %, 2026-01-01 (Moscow) is 22 %", () => {
    const input = order({ items: [item()], shipping_methods: [shipping()] })
    const vatOn = (date: string | Date) =>
      field("vat")(sale(input, SETTINGS, { date }))
    expect(vatOn("2025-12-31")).toEqual(["vat20", "vat20"])
    expect(vatOn("2026-01-01")).toEqual(["vat22", "vat22"])
    // A time without a zone is Moscow time.
    expect(vatOn("2025-12-31T23:59:59")).toEqual(["vat20", "vat20"])
    // 2026-01-01 00:00 in Moscow is 2025-12-31 21:00 UTC.
    const lastInstant = new Date("2025-12-31T20:59:59.999Z")
    const switchInstant = new Date("2025-12-31T21:00:00.000Z")
    expect(vatOn(lastInstant)).toEqual(["vat20", "vat20"])
    expect(vatOn(switchInstant)).toEqual(["vat22", "vat22"])
    expect(vatOn("2025-12-31T22:30:00+01:00")).toEqual(["vat22", "vat22"])
  })

  it("an explicit vat20 or vat22 means the standard rate of the date", () => {
    const input = order({
      items: [
        item({ variant: { metadata: { fiscal_vat: "vat20" } } }),
        item({ variant: { metadata: { fiscal_vat: "vat22" } } }),
      ],
    })
    const in2025 = sale(input, SETTINGS, { date: DATE_2025 })
    expect(field("vat")(in2025)).toEqual(["vat20", "vat20"])
    expect(field("vat")(sale(input))).toEqual(["vat22", "vat22"])
  })

  it("prepayment mode: calculated rates, then the settlement receipt", () => {
    const input = order({
      items: [item({ variant: { metadata: { fiscal_vat: "vat10" } } }), item()],
      shipping_methods: [shipping({ metadata: { fiscal_vat: "none" } })],
    })
    const settings = { ...SETTINGS, paymentMethodMode: "prepayment" as const }
    const methodAndVat = (document: ReturnType<typeof sale>) =>
      document.lines.map((line) => [line.payment_method, line.vat])

    const prepayment = sale(input, settings, { date: DATE_2025 })
    expect(methodAndVat(prepayment)).toEqual([
      ["full_prepayment", "vat110"],
      ["full_prepayment", "vat120"],
      ["full_prepayment", "none"],
    ])
    expect(prepayment.payments).toEqual([{ type: "cashless", sum: 50000 }])

    const settlement = sale(input, settings, { stage: "settlement" })
    expect(methodAndVat(settlement)).toEqual([
      ["full_payment", "vat10"],
      ["full_payment", "vat22"],
      ["full_payment", "none"],
    ])
    expect(settlement.payments).toEqual([{ type: "prepayment", sum: 50000 }])
  })

  it("marked goods: a line per unit with its code, a kopeck apart", () => {
    const shoes = markedItem({ quantity: 3, total: 100 })
    const document = sale(
      order({
        items: [shoes],
        fiscal_mark_codes: codesOf([
          shoes,
          ["CODE1", "CODE2", "CODE3", "CODE4"],
        ]),
      })
    )
    expect(
      document.lines.map((line) => [
        line.price,
        line.quantity,
        line.mark_code,
        line.payment_object,
      ])
    ).toEqual([
      [3334, 1, "CODE1", "marked_commodity"],
      [3333, 1, "CODE2", "marked_commodity"],
      [3333, 1, "CODE3", "marked_commodity"],
    ])
  })

  it("the paid amount comes from captures, or is passed explicitly", () => {
    const input = order({
      items: [item({ total: 600 }), item({ total: 400 })],
      total: 1000,
      payment_collections: paidWith(500),
    })
    const fromCaptures = sale(input)
    expect(fromCaptures.total).toBe(50000)
    expect([...sumsBySource(fromCaptures).values()]).toEqual([30000, 20000])

    const explicit = sale(input, SETTINGS, { paidAmount: "250" })
    expect(explicit.total).toBe(25000)
  })

  it("reads BigNumbers, raw values and strings without float drift", () => {
    const bigNumber = {
      numeric_: 99.99000000000001,
      raw_: { value: "99.99", precision: 20 },
    }
    const input = order({
      items: [
        item({ quantity: 3, total: bigNumber }),
        item({ quantity: "2", total: "0.30" }),
        item({ quantity: { value: "1" }, total: 0.1 + 0.2 }),
        item({ total: 33.33 * 3 }),
      ],
      total: "200.58",
    })
    const document = sale(input)
    expect([...sumsBySource(document).values()]).toEqual([9999, 30, 30, 9999])
    expect(document.total).toBe(20058)
  })

  it("customer: the email first, else the normalized phone", () => {
    const withEmail = sale(
      order({
        items: [item()],
        email: " buyer@example.com ",
        shipping_address: { phone: "89001234567" },
      })
    )
    expect(withEmail.customer).toEqual({ email: "buyer@example.com" })

    const withPhone = sale(
      order({
        items: [item()],
        email: null,
        shipping_address: { phone: "8 (900) 123-45-67" },
      })
    )
    expect(withPhone.customer).toEqual({ phone: "+79001234567" })

    const billingPhone = sale(
      order({
        items: [item()],
        email: "not an email",
        shipping_address: { phone: "" },
        billing_address: { phone: "+7 900 765 43 21" },
      })
    )
    expect(billingPhone.customer).toEqual({ phone: "+79007654321" })
  })

  it("exports the fields the engine reads", () => {
    expect(RECEIPT_ORDER_FIELDS).toEqual(
      expect.arrayContaining([
        "items.total",
        "items.variant.metadata",
        "items.product.metadata",
        "shipping_methods.total",
        "payment_collections.payments.captures.amount",
        "payment_collections.payments.refunds.amount",
      ])
    )
  })
})

describe("buildSaleDocument: errors", () => {
  it("NO_CONTACT: no email and no usable phone", () => {
    const input = order({
      id: "order_x",
      display_id: 1042,
      items: [item()],
      email: null,
      shipping_address: { phone: "12" },
    })
    const error = expectCode(() => sale(input), "NO_CONTACT")
    expect(error.message).toContain("order #1042")
    expect(error.details).toMatchObject({
      order_id: "order_x",
      display_id: 1042,
    })
  })

  it("UNSUPPORTED_CURRENCY: not rubles", () => {
    const input = order({ items: [item()], currency_code: "eur" })
    const error = expectCode(() => sale(input), "UNSUPPORTED_CURRENCY")
    expect(error.message).toContain("EUR")
    expect(error.details.currency_code).toBe("eur")
  })

  it("AMOUNT_OUT_OF_RANGE: nothing paid, negative line, above limit", () => {
    const unpaid = order({ items: [item()], payment_collections: [] })
    expectCode(() => sale(unpaid), "AMOUNT_OUT_OF_RANGE")
    const negative = order({ items: [item({ total: -1 })], total: 1 })
    expectCode(() => sale(negative), "AMOUNT_OUT_OF_RANGE")
    const huge = order({ items: [item({ total: 50_000_000 })] })
    const error = expectCode(() => sale(huge), "AMOUNT_OUT_OF_RANGE")
    expect(error.details.max_amount).toBe(4_294_967_295)
  })

  it("TOO_MANY_LINES: more lines than the vendor accepts", () => {
    const items = Array.from({ length: 101 }, () => item())
    const error = expectCode(() => sale(order({ items })), "TOO_MANY_LINES")
    expect(error.details).toMatchObject({ lines: 101, max_lines: 100 })
    // A split line counts twice.
    const split = order({ items: [item({ quantity: 3, total: 100 })] })
    const oneLine = { ...SETTINGS, maxLines: 1 }
    expectCode(() => sale(split, oneLine), "TOO_MANY_LINES")
  })

  it("INVALID_QUANTITY: 4 decimals, negative, too large, 0 but paid", () => {
    for (const quantity of [0.3333, -1, 100_000]) {
      const bad = item({ id: "item_bad", quantity })
      const error = expectCode(
        () => sale(order({ items: [bad] })),
        "INVALID_QUANTITY"
      )
      expect(error.details.line).toMatchObject({ kind: "item", id: "item_bad" })
    }
    const zero = order({ items: [item({ quantity: 0, total: 5 })] })
    expectCode(() => sale(zero), "INVALID_QUANTITY")
    // Quantity 0 and total 0: a line removed by an order edit, skipped.
    const removed = order({ items: [item({ quantity: 0, total: 0 }), item()] })
    expect(sale(removed).lines).toHaveLength(1)
  })

  it("AMOUNT_OUT_OF_RANGE: a negative capture or paid amount", () => {
    const items = [item({ total: 100 })]
    const refunded = order({
      items,
      payment_collections: [
        {
          payments: [
            {
              id: "pay_1",
              captures: [
                { id: "capt_1", amount: 150 },
                { id: "capt_2", amount: -50 },
              ],
            },
          ],
        },
      ],
    })
    const error = expectCode(() => sale(refunded), "AMOUNT_OUT_OF_RANGE")
    expect(error.message).toContain("capt_2")
    expect(error.message).toContain("-50.00 RUB")
    expect(error.details).toMatchObject({ capture_id: "capt_2", amount: -5000 })

    const input = order({ items })
    const explicit = expectCode(
      () => sale(input, SETTINGS, { paidAmount: -5 }),
      "AMOUNT_OUT_OF_RANGE"
    )
    expect(explicit.message).toContain("-5.00 RUB")
    expectCode(() => sale(order({ items, total: -100 })), "AMOUNT_OUT_OF_RANGE")
  })

  it("INCONSISTENT_TOTALS: paid more than the lines cost", () => {
    const overpaid = order({
      items: [item({ total: 100 })],
      payment_collections: paidWith(150),
    })
    const error = expectCode(() => sale(overpaid), "INCONSISTENT_TOTALS")
    expect(error.details).toMatchObject({ paid: 15000, lines_total: 10000 })
    // One kopeck per line of rounding is absorbed.
    const rounded = order({
      items: [item({ total: 100 })],
      payment_collections: paidWith(100.01),
    })
    expect(sale(rounded).total).toBe(10001)
  })

  it("INVALID_METADATA: unknown VAT, object, measure, marking", () => {
    const cases = [
      { variant: { metadata: { fiscal_vat: "vat18" } } },
      { product: { metadata: { fiscal_payment_object: "goods" } } },
      { product: { metadata: { fiscal_measure: 99 } } },
      { product: { metadata: { fiscal_marked: "maybe" } } },
      {
        product: {
          metadata: { fiscal_marked: true, fiscal_mark_fraction: "10/10" },
        },
      },
      {
        variant: {
          metadata: { fiscal_industry_requisite: { federal_id: 30 } },
        },
      },
    ]
    for (const fields of cases) {
      const error = expectCode(
        () => sale(order({ items: [item(fields)] })),
        "INVALID_METADATA"
      )
      expect(error.details.key).toMatch(/^fiscal_/)
    }
  })

  it("marked goods: a fractional quantity of pieces is refused", () => {
    // 1.5 × 100.00 prices cleanly, so only the marking rule can stop it.
    const half = markedItem({
      id: "item_half",
      title: "Кроссовки",
      quantity: 1.5,
      total: 150,
    })
    const error = expectCode(
      () =>
        sale(
          order({
            items: [half],
            fiscal_mark_codes: codesOf([half, ["ONE", "TWO"]]),
          })
        ),
      "INVALID_METADATA"
    )
    expect(error.message).toContain('Item "Кроссовки"')
    expect(error.message).toContain("1.5")
    expect(error.message).toContain("whole")
    expect(error.message).toContain("fiscal_mark_fraction")
    expect(error.details).toMatchObject({
      line: { kind: "item", id: "item_half" },
      quantity: 1.5,
    })
    // A weighed marked package (measure kg) is one unit: its weight, one code.
    const cheese = markedItem({
      quantity: 0.7,
      total: 100,
      variant: { metadata: { fiscal_measure: "kg" } },
    })
    expect(
      sale(
        order({
          items: [cheese],
          fiscal_mark_codes: codesOf([cheese, ["CHEESE"]]),
        })
      ).lines.map((line) => [line.quantity, line.measure, line.mark_code])
    ).toEqual([[0.7, 11, "CHEESE"]])
  })

  it("INVALID_INPUT: a missing order or item list is named, not a TypeError", () => {
    for (const missing of [null, undefined, "order_1", 42, []]) {
      const error = expectCode(
        () => sale(missing as unknown as ReceiptOrder),
        "INVALID_INPUT"
      )
      expect(error.message).toMatch(/order .*is missing/i)
    }
    for (const items of [{}, "abc", 1]) {
      const input = { ...order(), items } as unknown as ReceiptOrder
      const error = expectCode(() => sale(input), "INVALID_INPUT")
      expect(error.details.field).toBe("items")
    }
    const lists: Partial<Record<keyof ReceiptOrder, unknown>>[] = [
      { shipping_methods: {} },
      { payment_collections: [{ payments: {} }] },
      { payment_collections: [{ payments: [{ captures: "x" }] }] },
    ]
    for (const fields of lists) {
      const input = { ...order({ items: [item()] }), ...fields }
      expectCode(() => sale(input as ReceiptOrder), "INVALID_INPUT")
    }
  })

  it("INVALID_SETTINGS and INVALID_INPUT", () => {
    const input = order({ items: [item()] })
    const badVat = { goodsVat: "vat99" as never, shippingVat: "none" as const }
    expectCode(() => sale(input, badVat), "INVALID_SETTINGS")
    const noTotal = order({ items: [item({ total: undefined })], total: 1 })
    expectCode(() => sale(noTotal), "INVALID_INPUT")
    expectCode(
      () => sale(input, SETTINGS, { date: "yesterday" }),
      "INVALID_INPUT"
    )
  })
})
