import type { AtolEmulator } from "medusa-fiscal-emulator/atol"
import { ValidationError } from "../../../modules/fiscal/errors"
import type { CorrectionInfo, FiscalDocument } from "../../../lib/receipt/types"
import { CORRECTIONS_NOT_SUPPORTED } from "../../_shared/corrections"
import { useEmulator } from "../../_shared/__tests__/use-emulator"
import {
  ATOL_CORRECTIONS,
  V4_SELF_BASE_NUMBER,
  toAtolCorrection,
  toAtolRegistration,
  toAtolRequest,
} from "../mappers"
import type { AtolCorrectionV4, AtolCorrectionV5 } from "../types"
import { TEST_COMPANY, line, saleDocument } from "./fixtures"
import { providerFor, resetProcessState, startTestEmulator } from "./harness"

const SELF: CorrectionInfo = { type: "self", base_date: "2026-03-13" }
const INSTRUCTION: CorrectionInfo = {
  type: "instruction",
  base_date: "2026-03-13",
  base_number: "17",
}

function correction(
  type: "sell_correction" | "sell_refund_correction" = "sell_correction",
  info: CorrectionInfo | null = SELF,
  overrides: Partial<FiscalDocument> = {}
): FiscalDocument {
  return saleDocument({ type, correction: info ?? undefined, ...overrides })
}

function map(apiVersion: 4 | 5, document: FiscalDocument) {
  return toAtolRequest({
    apiVersion,
    externalId: "ftx_corr_1:0",
    document,
    company: TEST_COMPANY,
    callbackUrl: "https://shop.example/kkm/callback",
    internet: true,
    now: new Date("2026-03-14T08:00:00Z"),
  })
}

function refusal(apiVersion: 4 | 5, document: FiscalDocument) {
  try {
    map(apiVersion, document)
  } catch (error) {
    return error as ValidationError
  }
  throw new Error("the document was mapped")
}

describe('mapping corrections (docs/vendors/atol.md, "Corrections")', () => {
  it("declares v5 with both corrections and v4 with sell_correction only", () => {
    expect(ATOL_CORRECTIONS).toEqual({
      4: { sell: true, sellRefund: false },
      5: { sell: true, sellRefund: true },
    })
  })

  it.each(["sell_correction", "sell_refund_correction"] as const)(
    "v5 %s: a receipt with correction_info under the correction root",
    (type) => {
      const body = map(5, correction(type, INSTRUCTION))
      expect("receipt" in body).toBe(false)
      expect(body).toMatchObject({
        external_id: "ftx_corr_1:0",
        service: { callback_url: "https://shop.example/kkm/callback" },
      })
      const root = (body as { correction: AtolCorrectionV5 }).correction
      expect(root.correction_info).toEqual({
        type: "instruction",
        base_date: "13.03.2026",
        base_number: "17",
      })
      expect(root.company).toEqual({
        email: TEST_COMPANY.email,
        sno: TEST_COMPANY.sno,
        inn: TEST_COMPANY.inn,
        payment_address: TEST_COMPANY.payment_address,
      })
      expect(root.client).toEqual({ email: "buyer@example.com" })
      expect(root.items).toHaveLength(2)
      expect(root.items[0]).toMatchObject({
        name: "Чайник электрический",
        price: 2490,
        sum: 2490,
        payment_object: 1,
        measure: 0,
        vat: { type: "vat22" },
      })
      expect(root.payments).toEqual([{ type: 1, sum: 2790 }])
      expect(root.vats).toEqual([{ type: "vat22", sum: 503.12 }])
      expect(root.total).toBe(2790)
    }
  )

  it("v5 correction of marked goods: the code in its items, errors named under correction", () => {
    const code = "0104600439931256215Nvmr6O\u001d93dGVz"
    const body = map(
      5,
      correction("sell_correction", SELF, {
        lines: [
          line({ payment_object: "marked_commodity", mark_code: code }),
          line({
            name: "Доставка курьером",
            price: 30000,
            sum: 30000,
            payment_object: "service",
          }),
        ],
      })
    )
    const root = (body as { correction: AtolCorrectionV5 }).correction
    expect(root.items[0]).toMatchObject({
      payment_object: 33,
      mark_code: { gs1m: Buffer.from(code, "utf8").toString("base64") },
      mark_processing_mode: "0",
    })
    const error = refusal(
      5,
      correction("sell_correction", SELF, {
        lines: [
          line({
            payment_object: "marked_commodity",
            mark_code: code,
            quantity: 2,
            sum: 498000,
          }),
        ],
        payments: [{ type: "cashless", sum: 498000 }],
        total: 498000,
      })
    )
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.fields?.[0]).toMatch(/^correction\.items\[0\]/)
  })

  it("v5 self correction: no base_number", () => {
    const body = map(5, correction("sell_correction", SELF))
    expect(
      (body as { correction: AtolCorrectionV5 }).correction.correction_info
    ).toEqual({ type: "self", base_date: "13.03.2026" })
  })

  it("v4 sell_correction: payments and VAT totals of the lines, no items, base_name written", () => {
    const body = map(
      4,
      correction("sell_correction", SELF, {
        lines: [
          line({ vat: "vat20" }),
          line({
            name: "Доставка",
            price: 30000,
            sum: 30000,
            vat: "vat10",
            payment_object: "service",
          }),
        ],
      })
    )
    const root = (body as { correction: AtolCorrectionV4 }).correction
    expect(root).toEqual({
      company: {
        sno: TEST_COMPANY.sno,
        inn: TEST_COMPANY.inn,
        payment_address: TEST_COMPANY.payment_address,
      },
      correction_info: {
        type: "self",
        base_date: "13.03.2026",
        base_number: V4_SELF_BASE_NUMBER,
        base_name: "Самостоятельная коррекция расчёта от 13.03.2026",
      },
      payments: [{ type: 1, sum: 2790 }],
      vats: [
        { type: "vat20", sum: 415 },
        { type: "vat10", sum: 27.27 },
      ],
    })
  })

  it("v4 instruction: the order's number and a description naming it", () => {
    const root = (
      map(4, correction("sell_correction", INSTRUCTION)) as {
        correction: AtolCorrectionV4
      }
    ).correction
    expect(root.correction_info).toEqual({
      type: "instruction",
      base_date: "13.03.2026",
      base_number: "17",
      base_name: "Предписание ФНС № 17 от 13.03.2026",
    })
  })

  it("v4 refuses sell_refund_correction as CORRECTIONS_NOT_SUPPORTED, naming v5", () => {
    const error = refusal(4, correction("sell_refund_correction"))
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.code).toBe(CORRECTIONS_NOT_SUPPORTED)
    expect(error.message).toContain("ATOL Online v4 (ФФД 1.05)")
    expect(error.message).toContain("ATOL Online v5 (ФФД 1.2)")
  })

  it.each([
    ["no correction data", null],
    ["an impossible date", { type: "self", base_date: "2026-02-30" }],
    ["a dotted date", { type: "self", base_date: "13.03.2026" }],
    [
      "an instruction without number",
      { type: "instruction", base_date: "2026-03-13" },
    ],
    ["an unknown type", { type: "order", base_date: "2026-03-13" }],
  ])("refuses %s as CORRECTION_INVALID", (_name, info) => {
    for (const version of [4, 5] as const) {
      const error = refusal(
        version,
        correction("sell_correction", info as CorrectionInfo)
      )
      expect(error).toBeInstanceOf(ValidationError)
      expect(error.code).toBe("CORRECTION_INVALID")
    }
  })

  it("a receipt is never sent as a correction, nor a correction as a receipt", () => {
    const input = {
      apiVersion: 5 as const,
      externalId: "x",
      company: TEST_COMPANY,
      internet: false,
      now: new Date(),
    }
    expect(() =>
      toAtolRegistration({ ...input, document: correction() })
    ).toThrow(ValidationError)
    expect(() =>
      toAtolCorrection({ ...input, document: saleDocument() })
    ).toThrow(ValidationError)
  })
})

let atol: AtolEmulator
let seq = 0
const externalId = () => `ftx_corr_${++seq}:0`

useEmulator(
  () => startTestEmulator(),
  (e) => (atol = e),
  resetProcessState
)

describe('registering corrections through the emulator (docs/vendors/atol.md, "Corrections")', () => {
  it.each([
    [
      5,
      "sell_correction",
      INSTRUCTION,
      { 1173: 1, 1178: "13.03.2026", 1179: "17" },
    ],
    [
      5,
      "sell_refund_correction",
      SELF,
      { 1173: 0, 1178: "13.03.2026", 1179: null },
    ],
    [
      4,
      "sell_correction",
      SELF,
      { 1173: 0, 1178: "13.03.2026", 1179: V4_SELF_BASE_NUMBER },
    ],
    [
      4,
      "sell_correction",
      INSTRUCTION,
      { 1173: 1, 1178: "13.03.2026", 1179: "17" },
    ],
  ] as const)(
    "v%s %s (%j) is accepted at its endpoint and checked done by uuid",
    async (version, type, info, tags) => {
      const provider = providerFor(atol, { version })
      const id = externalId()
      const outcome = await provider.register({
        externalId: id,
        document: correction(type, info),
        company: TEST_COMPANY,
      })
      expect(outcome).toMatchObject({ kind: "accepted", duplicate: false })
      await atol.idle()
      const [entry] = atol.ledger()
      expect(entry).toMatchObject({
        uuid: outcome.vendorDocumentId,
        external_id: id,
        operation: type,
        api_version: version,
        status: "done",
        total: 2790,
        correction: { type: info.type, ...tags },
      })
      const status = await provider.check({
        externalId: id,
        vendorDocumentId: outcome.vendorDocumentId,
      })
      expect(status).toMatchObject({
        kind: "done",
        fiscal: {
          fiscal_document_number: String(entry.fiscal!.fiscal_document_number),
          total: 279000,
        },
      })
    }
  )

  it("v4 sell_refund_correction is refused before anything is sent", async () => {
    const provider = providerFor(atol, { version: 4 })
    expect(provider.capabilities.corrections).toEqual({
      sell: true,
      sellRefund: false,
    })
    const error = await provider
      .register({
        externalId: externalId(),
        document: correction("sell_refund_correction"),
        company: TEST_COMPANY,
      })
      .catch((e) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.code).toBe(CORRECTIONS_NOT_SUPPORTED)
    expect(atol.ledger()).toHaveLength(0)
  })

  it("a repeat of a correction's external_id returns its uuid (400 + 33)", async () => {
    const provider = providerFor(atol)
    const id = externalId()
    const request = {
      externalId: id,
      document: correction("sell_correction", INSTRUCTION),
      company: TEST_COMPANY,
    }
    const first = await provider.register(request)
    expect(await provider.register(request)).toEqual({
      kind: "accepted",
      vendorDocumentId: first.vendorDocumentId,
      duplicate: true,
    })
  })
})
