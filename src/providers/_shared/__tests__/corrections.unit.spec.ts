import { ValidationError } from "../../../modules/fiscal/errors"
import {
  CORRECTIONS_NOT_SUPPORTED,
  CORRECTION_INVALID,
  NO_CORRECTIONS,
  isCorrectionType,
  refuseUnsupportedCorrection,
  requireCorrectionInfo,
} from "../corrections"
import { saleDocument } from "./fixtures"

const CONTEXT = {
  provider: "kassa",
  operation: "register",
  vendor: "Kassa",
  field: "type",
}

function thrown(run: () => unknown): ValidationError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError)
    return error as ValidationError
  }
  throw new Error("nothing was thrown")
}

describe('corrections on the wire (docs/vendors/README.md, "Corrections")', () => {
  it("knows the correction types", () => {
    expect(isCorrectionType("sell_correction")).toBe(true)
    expect(isCorrectionType("sell_refund_correction")).toBe(true)
    expect(isCorrectionType("sell")).toBe(false)
    expect(isCorrectionType("sell_refund")).toBe(false)
  })

  it("lets sales, refunds and supported corrections through", () => {
    const info = { type: "self" as const, base_date: "2026-03-13" }
    for (const document of [
      saleDocument(),
      saleDocument({ type: "sell_refund" }),
      saleDocument({ type: "sell_correction", correction: info }),
      saleDocument({ type: "sell_refund_correction", correction: info }),
    ]) {
      expect(() =>
        refuseUnsupportedCorrection(
          document,
          { sell: true, sellRefund: true },
          CONTEXT
        )
      ).not.toThrow()
    }
  })

  it("refuses each correction its capabilities lack, naming where to register it", () => {
    const sell = thrown(() =>
      refuseUnsupportedCorrection(
        saleDocument({ type: "sell_correction" }),
        NO_CORRECTIONS,
        CONTEXT
      )
    )
    expect(sell.code).toBe(CORRECTIONS_NOT_SUPPORTED)
    expect(sell.message).toBe(
      "Kassa cannot register a correction receipt (sell_correction, коррекция прихода). " +
        "Register it through ATOL Online v4 (ФФД 1.05) or v5 (ФФД 1.2)."
    )
    const refund = thrown(() =>
      refuseUnsupportedCorrection(
        saleDocument({ type: "sell_refund_correction" }),
        { sell: true, sellRefund: false },
        CONTEXT
      )
    )
    expect(refund.code).toBe(CORRECTIONS_NOT_SUPPORTED)
    expect(refund.message).toContain(
      "Register it through ATOL Online v5 (ФФД 1.2)."
    )
    expect(refund.fields).toEqual(["type"])
  })

  it("refuses a sale that carries correction data", () => {
    const error = thrown(() =>
      refuseUnsupportedCorrection(
        saleDocument({
          correction: { type: "self", base_date: "2026-03-13" },
        }),
        { sell: true, sellRefund: true },
        CONTEXT
      )
    )
    expect(error.code).toBe(CORRECTION_INVALID)
  })

  it.each([
    [
      { type: "self", base_date: "2026-03-13" },
      { type: "self", base_date: "2026-03-13" },
    ],
    [
      { type: "self", base_date: "2024-02-29", base_number: " 5 " },
      { type: "self", base_date: "2024-02-29", base_number: "5" },
    ],
    [
      { type: "instruction", base_date: "2026-03-13", base_number: "17" },
      { type: "instruction", base_date: "2026-03-13", base_number: "17" },
    ],
  ])("accepts %j", (info, expected) => {
    expect(
      requireCorrectionInfo(
        saleDocument({ type: "sell_correction", correction: info as never }),
        CONTEXT
      )
    ).toEqual(expected)
  })

  it.each([
    ["missing", undefined],
    ["an unknown type", { type: "order", base_date: "2026-03-13" }],
    ["a non-leap 29 February", { type: "self", base_date: "2026-02-29" }],
    ["a dotted date", { type: "self", base_date: "13.03.2026" }],
    [
      "an instruction without number",
      { type: "instruction", base_date: "2026-03-13" },
    ],
    [
      "a blank number",
      { type: "instruction", base_date: "2026-03-13", base_number: "  " },
    ],
    [
      "a number over 32 characters",
      {
        type: "instruction",
        base_date: "2026-03-13",
        base_number: "1".repeat(33),
      },
    ],
  ])("refuses %s correction data", (_name, info) => {
    const error = thrown(() =>
      requireCorrectionInfo(
        saleDocument({ type: "sell_correction", correction: info as never }),
        CONTEXT
      )
    )
    expect(error.code).toBe(CORRECTION_INVALID)
  })
})
