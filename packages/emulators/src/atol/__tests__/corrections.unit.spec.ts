import request from "supertest"

import { startAtolEmulator, type AtolEmulator } from ".."
import { V4, V5, nextExternalId, v4Sell, v5Sell } from "./fixtures"

let atol: AtolEmulator

beforeAll(async () => {
  atol = await startAtolEmulator({
    processingDelayMs: 0,
    reportRateLimit: "observe",
  })
})

afterAll(() => atol.close())

beforeEach(() => atol.reset())

type Account = { login: string; password: string; group: string }

async function tokenFor(account: Account): Promise<string> {
  const res = await request(atol.url)
    .post("/possystem/v5/getToken")
    .set("Content-Type", "application/json; charset=utf-8")
    .send(JSON.stringify({ login: account.login, pass: account.password }))
  return res.body.token
}

async function post(
  version: 4 | 5,
  account: Account,
  operation: string,
  body: unknown
) {
  const token = await tokenFor(account)
  return request(atol.url)
    .post(`/possystem/v${version}/${account.group}/${operation}`)
    .set("Content-Type", "application/json; charset=utf-8")
    .set("Token", token)
    .send(JSON.stringify(body))
}

type Info = Record<string, unknown>

const SELF: Info = { type: "self", base_date: "13.03.2026" }
const INSTRUCTION: Info = {
  type: "instruction",
  base_date: "13.03.2026",
  base_number: "17",
}

/** A v5 correction: the fixture sale under the correction root plus `correction_info`. */
function v5Correction(info: Info = INSTRUCTION) {
  const { receipt, ...root } = v5Sell(nextExternalId("corr"))
  return { ...root, correction: { ...receipt, correction_info: info } }
}

/** A v4 correction: payments and VAT totals only (docs/vendors/atol.md, "Corrections"). */
function v4Correction(info: Info = { ...SELF, base_number: "б/н" }) {
  const { receipt, ...root } = v4Sell(nextExternalId("corr"))
  const { email: _email, ...company } = receipt.company
  return {
    ...root,
    correction: {
      company,
      correction_info: { ...info, base_name: "Коррекция" },
      payments: receipt.payments,
      vats: [{ type: "vat20", sum: 415 }],
    },
  }
}

async function rejected(
  version: 4 | 5,
  operation: string,
  body: unknown
): Promise<string> {
  const res = await post(version, version === 4 ? V4 : V5, operation, body)
  expect(res.status).toBe(400)
  expect(res.body.status).toBe("fail")
  expect(res.body.uuid).toBeUndefined()
  expect(res.body.error.code).toBe(32)
  expect(res.body.error.text).toMatch(
    /^Ошибка валидации входящего чека\. Ошибочные поля : /
  )
  return res.body.error.text as string
}

describe('corrections: accepted and registered like receipts (docs/vendors/atol.md, "Corrections")', () => {
  it.each([
    [5, "sell_correction", () => v5Correction(INSTRUCTION), 1, "17"],
    [5, "sell_refund_correction", () => v5Correction(SELF), 0, null],
    [4, "sell_correction", () => v4Correction(), 0, "б/н"],
  ] as const)(
    "v%s %s: 200 with a uuid, done with fiscal data, in the ledger with tags 1173/1178/1179",
    async (version, operation, body, tag1173, tag1179) => {
      const account = version === 4 ? V4 : V5
      const res = await post(version, account, operation, body())
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ status: "wait", error: null })
      await atol.idle()
      const report = await request(atol.url)
        .get(`/possystem/v${version}/${account.group}/report/${res.body.uuid}`)
        .set("Token", await tokenFor(account))
      expect(report.body).toMatchObject({
        uuid: res.body.uuid,
        status: "done",
        payload: { fiscal_document_number: expect.any(Number) },
      })
      const [entry] = atol.ledger()
      expect(entry).toMatchObject({
        uuid: res.body.uuid,
        operation,
        api_version: version,
        status: "done",
        correction: { 1173: tag1173, 1178: "13.03.2026", 1179: tag1179 },
      })
      expect(entry.fiscal).not.toBeNull()
    }
  )

  it("a sale's ledger entry has no correction data", async () => {
    const res = await post(5, V5, "sell", v5Sell(nextExternalId()))
    expect(res.status).toBe(200)
    expect(atol.ledger()[0].correction).toBeNull()
  })

  it("v4 has no sell_refund_correction: 400 + 31", async () => {
    const res = await post(4, V4, "sell_refund_correction", v4Correction())
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe(31)
  })
})

describe("corrections: validation of correction_info with 32", () => {
  it.each([
    ["an unknown type", { ...SELF, type: "order" }, "NotInEnumeration", "type"],
    ["no type", { base_date: "13.03.2026" }, "PropertyRequired", "type"],
    ["no base_date", { type: "self" }, "PropertyRequired", "base_date"],
    [
      "an ISO base_date",
      { ...SELF, base_date: "2026-03-13" },
      "PatternMismatch",
      "base_date",
    ],
    [
      "an impossible base_date",
      { ...SELF, base_date: "30.02.2026" },
      "PatternMismatch",
      "base_date",
    ],
    [
      "an instruction without base_number",
      { type: "instruction", base_date: "13.03.2026" },
      "PropertyRequired",
      "base_number",
    ],
    [
      "an empty base_number",
      { ...INSTRUCTION, base_number: "" },
      "",
      "base_number",
    ],
  ])("v5 refuses %s", async (_name, info, kind, field) => {
    const text = await rejected(5, "sell_correction", v5Correction(info))
    expect(text).toContain(`#/correction.correction_info.${field}`)
    if (kind) {
      expect(text).toContain(`${kind}: #/correction.correction_info.${field}`)
    }
  })

  it("v5 refuses a correction without correction_info, items or total", async () => {
    const body = v5Correction()
    const {
      correction_info: _info,
      items: _items,
      total: _total,
      ...rest
    } = body.correction
    const text = await rejected(5, "sell_correction", {
      ...body,
      correction: rest,
    })
    expect(text).toContain("#/correction.correction_info")
    expect(text).toContain("#/correction.items")
    expect(text).toContain("#/correction.total")
  })

  it("v5 refuses a receipt-rooted body at a correction endpoint", async () => {
    const text = await rejected(5, "sell_correction", v5Sell(nextExternalId()))
    expect(text).toContain("PropertyRequired: #/correction")
  })

  it("v4 requires base_number even for self, and vats", async () => {
    const body = v4Correction(SELF)
    delete (body.correction.correction_info as Info).base_number
    const { vats: _vats, ...rest } = body.correction
    const text = await rejected(4, "sell_correction", {
      ...body,
      correction: rest,
    })
    expect(text).toContain(
      "PropertyRequired: #/correction.correction_info.base_number"
    )
    expect(text).toContain("#/correction.vats")
  })

  it("v4 refuses an impossible base_date", async () => {
    const text = await rejected(
      4,
      "sell_correction",
      v4Correction({ ...SELF, base_number: "1", base_date: "31.04.2026" })
    )
    expect(text).toContain(
      "PatternMismatch: #/correction.correction_info.base_date"
    )
  })
})
