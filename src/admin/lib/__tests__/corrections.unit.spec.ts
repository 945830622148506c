import {
  correctionBody,
  correctionOptions,
  initialOption,
  supportsCorrections,
  validateCorrection,
  type CorrectionFormValues,
} from "../corrections"
import type { AdminOrderCorrectionsResponse } from "../../../types/http"

const data = (
  supported = { sell: true, sell_refund: true }
): AdminOrderCorrectionsResponse => ({
  provider_id: "atol",
  supported,
  movements: [
    {
      kind: "capture",
      id: "capt_done",
      amount: 50000,
      created_at: "2026-11-30T10:00:00Z",
      day: "2026-11-30",
      receipt: { id: "fr_1", type: "sell", status: "done" },
      correctable: false,
      reason: "Registered by its receipt",
    },
    {
      kind: "capture",
      id: "capt_missed",
      amount: 129000,
      created_at: "2026-12-01T22:30:00Z",
      day: "2026-12-02",
      receipt: null,
      correctable: true,
      reason: null,
    },
    {
      kind: "refund",
      id: "ref_missed",
      amount: 20000,
      created_at: "2026-12-03T10:00:00Z",
      day: "2026-12-03",
      receipt: null,
      correctable: true,
      reason: null,
    },
  ],
  receipts: [
    {
      id: "fr_1",
      type: "sell",
      total: 50000,
      // 23:30 in Moscow is still the 30th
      registered_at: "2026-11-30T20:30:00Z",
      fiscal_document_number: "123",
      reversed_by: null,
      correctable: true,
      reason: null,
    },
  ],
})

const values = (over: Partial<CorrectionFormValues> = {}) => ({
  key: "capture:capt_missed",
  type: "self" as const,
  baseNumber: "",
  baseDate: "2026-12-02",
  ...over,
})

describe("the correction form", () => {
  it("lists movements then receipts, with their correction, amount and day", () => {
    const options = correctionOptions(data())
    expect(
      options.map((o) => [o.key, o.type, o.amount, o.day, o.enabled])
    ).toEqual([
      ["capture:capt_done", "sell_correction", 50000, "2026-11-30", false],
      ["capture:capt_missed", "sell_correction", 129000, "2026-12-02", true],
      [
        "refund:ref_missed",
        "sell_refund_correction",
        20000,
        "2026-12-03",
        true,
      ],
      ["receipt:fr_1", "sell_refund_correction", 50000, "2026-11-30", true],
    ])
    expect(options[0].reason).toBe("Registered by its receipt")
    expect(options[3].fiscalDocumentNumber).toBe("123")
  })

  it("disables what the service does not register", () => {
    const supported = { sell: true, sell_refund: false }
    const options = correctionOptions(data(supported))
    expect(options.filter((o) => o.enabled).map((o) => o.key)).toEqual([
      "capture:capt_missed",
    ])
    expect(options.find((o) => o.key === "receipt:fr_1")?.unsupported).toBe(
      true
    )
    expect(supportsCorrections(supported)).toBe(true)
    expect(supportsCorrections({ sell: false, sell_refund: false })).toBe(false)
  })

  it("opens on the entry asked for when it may be corrected, else the first that may", () => {
    const options = correctionOptions(data())
    expect(initialOption(options, { kind: "receipt", id: "fr_1" })?.key).toBe(
      "receipt:fr_1"
    )
    expect(
      initialOption(options, { kind: "capture", id: "capt_done" })?.key
    ).toBe("capture:capt_missed")
    expect(initialOption(options)?.key).toBe("capture:capt_missed")
    expect(initialOption([])).toBeUndefined()
  })

  it("asks for the order's number only for a correction by order, and a date not in the future", () => {
    const today = "2026-12-07"
    expect(validateCorrection(values(), today)).toEqual({})
    expect(validateCorrection(values({ type: "instruction" }), today)).toEqual({
      baseNumber: "required",
    })
    expect(
      validateCorrection(
        values({ type: "instruction", baseNumber: " 12-34 " }),
        today
      )
    ).toEqual({})
    expect(
      validateCorrection(values({ baseDate: "2026-12-08" }), today)
    ).toEqual({ baseDate: "future" })
    expect(
      validateCorrection(values({ baseDate: "2026-02-30" }), today)
    ).toEqual({ baseDate: "invalidDate" })
    expect(
      validateCorrection(values({ key: "", baseDate: "" }), today)
    ).toEqual({
      key: "required",
      baseDate: "required",
    })
  })

  it("sends the target and the basis, the number only by order", () => {
    const [, missed] = correctionOptions(data())
    expect(correctionBody(missed, values({ baseNumber: "ignored" }))).toEqual({
      target: { kind: "capture", id: "capt_missed" },
      type: "self",
      base_date: "2026-12-02",
    })
    expect(
      correctionBody(
        missed,
        values({ type: "instruction", baseNumber: " 77-1 " })
      )
    ).toEqual({
      target: { kind: "capture", id: "capt_missed" },
      type: "instruction",
      base_number: "77-1",
      base_date: "2026-12-02",
    })
  })
})
