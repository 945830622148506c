import request from "supertest"

import { startAtolEmulator, type AtolEmulator } from ".."
import { ATOL_TEST_ACCOUNTS, ATOL_TEST_INN } from "../accounts"
import { V4, V5, nextExternalId, v4Sell, v5Sell } from "./fixtures"

const TIMESTAMP = /^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}$/
const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

let atol: AtolEmulator

beforeAll(async () => {
  atol = await startAtolEmulator({
    processingDelayMs: 0,
    // The report limit has its own tests; here reports follow each other within a second.
    reportRateLimit: "observe",
    accounts: [
      ...ATOL_TEST_ACCOUNTS,
      { login: "blocked", password: "secret-1", blocked: true, groups: [] },
      {
        login: "envd-shop",
        password: "secret-2",
        groups: [
          {
            code: "envd-group",
            inn: ATOL_TEST_INN,
            api_version: 5,
            kassa_count: 10,
          },
        ],
      },
    ],
  })
})

afterAll(() => atol.close())

beforeEach(() => atol.reset())

async function tokenFor(account: {
  login: string
  password: string
}): Promise<string> {
  const res = await request(atol.url)
    .post("/possystem/v5/getToken")
    .set("Content-Type", "application/json; charset=utf-8")
    .send(JSON.stringify({ login: account.login, pass: account.password }))
  return res.body.token
}

function post(path: string, token: string | undefined, body: unknown) {
  const req = request(atol.url)
    .post(path)
    .set("Content-Type", "application/json; charset=utf-8")
  if (token) req.set("Token", token)
  return req.send(JSON.stringify(body))
}

function report(version: 4 | 5, group: string, uuid: string, token: string) {
  return request(atol.url)
    .get(`/possystem/v${version}/${group}/report/${uuid}`)
    .set("Token", token)
}

async function registerAndSettle(
  body: unknown,
  account = V5,
  version: 4 | 5 = 5
) {
  const token = await tokenFor(account)
  const res = await post(
    `/possystem/v${version}/${account.group}/sell`,
    token,
    body
  )
  expect(res.status).toBe(200)
  await atol.idle()
  return (await report(version, account.group, res.body.uuid, token)).body
}

describe('getToken (docs/vendors/atol.md, "Authentication")', () => {
  it("issues a 128-character token for the published test account", async () => {
    const res = await post("/possystem/v5/getToken", undefined, {
      login: V5.login,
      pass: V5.password,
      source: "tests",
    })
    expect(res.status).toBe(200)
    expect(res.body.error).toBeNull()
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{128}$/)
    expect(res.body.timestamp).toMatch(TIMESTAMP)
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8")
  })

  it("supports the GET variant", async () => {
    const res = await request(atol.url).get(
      `/possystem/v4/getToken?login=${V4.login}&pass=${V4.password}`
    )
    expect(res.status).toBe(200)
    expect(res.body.token).toHaveLength(128)
  })

  it("answers 401 + 12 for a wrong password", async () => {
    const res = await post("/possystem/v5/getToken", undefined, {
      login: V5.login,
      pass: "nope",
    })
    expect(res.status).toBe(401)
    expect(res.body.error).toMatchObject({
      code: 12,
      text: "Неверный логин или пароль",
      type: "system",
    })
    expect(res.body.error.error_id).toMatch(UUID)
    expect(res.body.token).toBeUndefined()
  })

  it("answers 403 + 14 for a blocked user", async () => {
    const res = await post("/possystem/v5/getToken", undefined, {
      login: "blocked",
      pass: "secret-1",
    })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe(14)
  })

  it("answers 400 + 32 with status fail for a malformed login, like the live service", async () => {
    const res = await post("/possystem/v5/getToken", undefined, {
      login: "a b",
      pass: "x",
    })
    expect(res.status).toBe(400)
    expect(res.body.status).toBe("fail")
    expect(res.body.error.code).toBe(32)
    expect(res.body.error.text).toBe(
      "Ошибка валидации входящего чека. Ошибочные поля : PatternMismatch: #/login"
    )
  })

  it("answers 415 + 41 without a JSON content type and 400 + 40 for broken JSON", async () => {
    const noType = await request(atol.url)
      .post("/possystem/v5/getToken")
      .set("Content-Type", "text/plain")
      .send("{}")
    expect(noType.status).toBe(415)
    expect(noType.body.error.code).toBe(41)
    const latin1 = await request(atol.url)
      .post("/possystem/v5/getToken")
      .set("Content-Type", "application/json; charset=windows-1251")
      .send("{}")
    expect(latin1.status).toBe(415)
    const broken = await request(atol.url)
      .post("/possystem/v5/getToken")
      .set("Content-Type", "application/json; charset=utf-8")
      .send("{oops")
    expect(broken.status).toBe(400)
    expect(broken.body.error.code).toBe(40)
  })

  it("answers 400 + 13 for JSON that is not an object", async () => {
    const res = await request(atol.url)
      .post("/possystem/v5/getToken")
      .set("Content-Type", "application/json")
      .send("[1]")
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe(13)
  })
})

describe('registration: auth and routing (docs/vendors/atol.md, "Authentication", "Registration request", "Error codes")', () => {
  it("answers 401 + 10 without a token or with an unknown one", async () => {
    const missing = await post(
      `/possystem/v5/${V5.group}/sell`,
      undefined,
      v5Sell(nextExternalId())
    )
    expect(missing.status).toBe(401)
    expect(missing.body.error).toMatchObject({
      code: 10,
      text: "Не распознан токен запроса",
    })
    const unknown = await post(
      `/possystem/v5/${V5.group}/sell`,
      "x".repeat(128),
      v5Sell(nextExternalId())
    )
    expect(unknown.body.error.code).toBe(10)
  })

  it("accepts the token in the query when a header is impossible", async () => {
    const token = await tokenFor(V5)
    const res = await post(
      `/possystem/v5/${V5.group}/sell?token=${token}`,
      undefined,
      v5Sell(nextExternalId())
    )
    expect(res.status).toBe(200)
  })

  it("answers 401 + 11 once tokens expired", async () => {
    const token = await tokenFor(V5)
    atol.expireTokens()
    const res = await post(
      `/possystem/v5/${V5.group}/sell`,
      token,
      v5Sell(nextExternalId())
    )
    expect(res.status).toBe(401)
    expect(res.body.error).toMatchObject({
      code: 11,
      text: "Переданный токен не активен",
    })
  })

  it("expires tokens after tokenTtlMs by the emulator clock", async () => {
    let now = Date.parse("2026-03-14T07:00:00Z")
    const clocked = await startAtolEmulator({
      clock: () => new Date(now),
      tokenTtlMs: 60_000,
    })
    try {
      const res = await request(clocked.url)
        .post("/possystem/v5/getToken")
        .set("Content-Type", "application/json")
        .send({ login: V5.login, pass: V5.password })
      now += 60_001
      const late = await request(clocked.url)
        .post(`/possystem/v5/${V5.group}/sell`)
        .set("Content-Type", "application/json")
        .set("Token", res.body.token)
        .send(v5Sell(nextExternalId()))
      expect(late.body.error.code).toBe(11)
    } finally {
      await clocked.close()
    }
  })

  it("answers 401 + 20 for a group the login does not own", async () => {
    const token = await tokenFor(V5)
    const res = await post(
      `/possystem/v4/${V4.group}/sell`,
      token,
      v4Sell(nextExternalId())
    )
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe(20)
  })

  it("answers 401 + 21 when the group's kassas serve the other API version", async () => {
    const token = await tokenFor(V5)
    const res = await post(
      `/possystem/v4/${V5.group}/sell`,
      token,
      v4Sell(nextExternalId())
    )
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe(21)
  })

  it("answers 400 + 31 for an unknown operation and for v5-only operations on v4", async () => {
    const token5 = await tokenFor(V5)
    const unknown = await post(
      `/possystem/v5/${V5.group}/sale`,
      token5,
      v5Sell(nextExternalId())
    )
    expect(unknown.status).toBe(400)
    expect(unknown.body.error).toMatchObject({
      code: 31,
      text: 'Операция "sale" не поддерживается.',
    })
    const token4 = await tokenFor(V4)
    const v4Only = await post(
      `/possystem/v4/${V4.group}/sell_refund_correction`,
      token4,
      {}
    )
    expect(v4Only.body.error.code).toBe(31)
  })
})

describe('registration: validation with 32 (docs/vendors/atol.md, "Registration request", "Version 5 differences", "The emulator")', () => {
  async function rejected(body: unknown, account = V5, version: 4 | 5 = 5) {
    const token = await tokenFor(account)
    const res = await post(
      `/possystem/v${version}/${account.group}/sell`,
      token,
      body
    )
    expect(res.status).toBe(400)
    expect(res.body.status).toBe("fail")
    expect(res.body.uuid).toBeUndefined()
    expect(res.body.error.code).toBe(32)
    expect(res.body.error.text).toMatch(
      /^Ошибка валидации входящего чека\. Ошибочные поля : /
    )
    return res.body.error.text as string
  }

  it("lists every failing field as `Kind: #/path`", async () => {
    const body = v5Sell(nextExternalId())
    body.receipt.items[0].name = "я".repeat(129)
    ;(body.receipt as Record<string, unknown>).total = -1
    delete (body.receipt.items[1] as Record<string, unknown>).measure
    const text = await rejected(body)
    expect(text).toContain("StringTooLong: #/receipt.items[0].name")
    expect(text).toContain("NumberTooSmall: #/receipt.total")
    expect(text).toContain("PropertyRequired: #/receipt.items[1].measure")
  })

  it.each([
    [
      "external_id over 128",
      (b: any) => (b.external_id = "e".repeat(129)),
      "StringTooLong: #/external_id",
    ],
    [
      "timestamp not dd.mm.yyyy",
      (b: any) => (b.timestamp = "2026-03-14 10:00:00"),
      "PatternMismatch: #/timestamp",
    ],
    [
      "no client contact",
      (b: any) => (b.receipt.client = {}),
      "NotAnyOf: #/receipt.client",
    ],
    [
      "INN of 11 digits",
      (b: any) => (b.receipt.company.inn = "12345678901"),
      "PatternMismatch: #/receipt.company.inn",
    ],
    [
      "no payment address",
      (b: any) => delete b.receipt.company.payment_address,
      "PropertyRequired: #/receipt.company.payment_address",
    ],
    [
      "no items",
      (b: any) => (b.receipt.items = []),
      "TooFewItems: #/receipt.items",
    ],
    [
      "101 items",
      (b: any) => (b.receipt.items = Array(101).fill(b.receipt.items[0])),
      "TooManyItems: #/receipt.items",
    ],
    [
      "price with 3 decimals",
      (b: any) => (b.receipt.items[0].price = 1.005),
      "NumberNotMultipleOf: #/receipt.items[0].price",
    ],
    [
      "price over the maximum",
      (b: any) => (b.receipt.items[0].price = 42949673),
      "NumberTooBig: #/receipt.items[0].price",
    ],
    [
      "quantity with 4 decimals",
      (b: any) => (b.receipt.items[0].quantity = 0.0001),
      "NumberNotMultipleOf: #/receipt.items[0].quantity",
    ],
    [
      "zero quantity",
      (b: any) => (b.receipt.items[0].quantity = 0),
      "NumberTooSmall: #/receipt.items[0].quantity",
    ],
    [
      "string payment_object in v5",
      (b: any) => (b.receipt.items[0].payment_object = "commodity"),
      "NumberExpected: #/receipt.items[0].payment_object",
    ],
    [
      "unknown measure",
      (b: any) => (b.receipt.items[0].measure = 13),
      "NotInEnumeration: #/receipt.items[0].measure",
    ],
    [
      "unknown VAT",
      (b: any) => (b.receipt.items[0].vat.type = "vat21"),
      "NotInEnumeration: #/receipt.items[0].vat.type",
    ],
    [
      "payment type 10",
      (b: any) => (b.receipt.payments[0].type = 10),
      "NotInEnumeration: #/receipt.payments[0].type",
    ],
    [
      "11 payments",
      (b: any) => (b.receipt.payments = Array(11).fill({ type: 1, sum: 1 })),
      "TooManyItems: #/receipt.payments",
    ],
    [
      "7 vats",
      (b: any) => (b.receipt.vats = Array(7).fill({ type: "none", sum: 0 })),
      "TooManyItems: #/receipt.vats",
    ],
    [
      "additional_check_props over 16",
      (b: any) => (b.receipt.additional_check_props = "1".repeat(17)),
      "StringTooLong: #/receipt.additional_check_props",
    ],
    [
      "marked position of 2 units",
      (b: any) =>
        (b.receipt.items[0].mark_code = {
          gs1m: Buffer.from("010460").toString("base64"),
        }),
      "NumberTooBig: #/receipt.items[0].quantity",
    ],
    [
      "two kinds of mark code",
      (b: any) =>
        (b.receipt.items[1].mark_code = {
          ean13: "4600000000000",
          gs1m: "MDE=",
        }),
      "NotOneOf: #/receipt.items[1].mark_code",
    ],
    [
      "callback_url over 256",
      (b: any) =>
        (b.service = { callback_url: `https://x.ru/${"a".repeat(250)}` }),
      "StringTooLong: #/service.callback_url",
    ],
  ])("%s", async (_name, mutate, expected) => {
    const body = v5Sell(nextExternalId())
    mutate(body)
    expect(await rejected(body)).toContain(expected)
  })

  it("v4: payment_object is a string, measurement_unit at most 16, vat18 refused in sell", async () => {
    const body = v4Sell(nextExternalId()) as any
    body.receipt.items[0].payment_object = 1
    body.receipt.items[0].measurement_unit = "x".repeat(17)
    body.receipt.items[0].vat.type = "vat18"
    const text = await rejected(body, V4, 4)
    expect(text).toContain("StringExpected: #/receipt.items[0].payment_object")
    expect(text).toContain("StringTooLong: #/receipt.items[0].measurement_unit")
    expect(text).toContain("NotInEnumeration: #/receipt.items[0].vat.type")
  })

  it("counts name length in UTF-16 units like ATOL's validator: 64 emoji pass, 65 do not", async () => {
    const token = await tokenFor(V5)
    const fits = v5Sell(nextExternalId())
    fits.receipt.items[0].name = "😀".repeat(64)
    expect(
      (await post(`/possystem/v5/${V5.group}/sell`, token, fits)).status
    ).toBe(200)
    const tooLong = v5Sell(nextExternalId())
    tooLong.receipt.items[0].name = "😀".repeat(65)
    const res = await post(`/possystem/v5/${V5.group}/sell`, token, tooLong)
    expect(res.body.error.text).toContain(
      "StringTooLong: #/receipt.items[0].name"
    )
  })

  it("does not store a rejected external_id: a corrected resend registers", async () => {
    const externalId = nextExternalId()
    const bad = v5Sell(externalId)
    ;(bad.receipt as Record<string, unknown>).total = "500"
    await rejected(bad)
    const token = await tokenFor(V5)
    const res = await post(
      `/possystem/v5/${V5.group}/sell`,
      token,
      v5Sell(externalId)
    )
    expect(res.status).toBe(200)
    expect(atol.ledger()).toHaveLength(1)
  })
})

describe('idempotency on (group, external_id) (docs/vendors/atol.md, "Idempotency")', () => {
  it("answers 200 + uuid + wait first, then 400 + 33 + wait with the first uuid", async () => {
    const token = await tokenFor(V5)
    const externalId = nextExternalId()
    const first = await post(
      `/possystem/v5/${V5.group}/sell`,
      token,
      v5Sell(externalId)
    )
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ error: null, status: "wait" })
    expect(first.body.uuid).toMatch(UUID)
    expect(first.body.timestamp).toMatch(TIMESTAMP)

    // A different body and even another operation: the first document comes back.
    const changed = v5Sell(externalId, { receipt: { total: 1 } })
    const again = await post(
      `/possystem/v5/${V5.group}/sell_refund`,
      token,
      changed
    )
    expect(again.status).toBe(400)
    expect(again.body.status).toBe("wait")
    expect(again.body.uuid).toBe(first.body.uuid)
    expect(again.body.error).toMatchObject({
      code: 33,
      text: `В системе существует чек с external_id : ${externalId} и group_code: ${V5.group}`,
    })
    expect(atol.ledger()).toHaveLength(1)
  })

  it("keys by group: the same external_id in another group is a new document", async () => {
    const externalId = nextExternalId()
    await registerAndSettle(v5Sell(externalId))
    await registerAndSettle(v4Sell(externalId), V4, 4)
    expect(
      atol
        .ledger()
        .map((entry) => entry.group)
        .sort()
    ).toEqual([V4.group, V5.group])
  })
})

describe('report states (docs/vendors/atol.md, "Status and report answers")', () => {
  it("answers 200 + 34 + wait while the document waits, then done with fiscal data", async () => {
    atol.setFaults({ stuckInWait: true })
    const token = await tokenFor(V5)
    const externalId = nextExternalId()
    const sent = await post(
      `/possystem/v5/${V5.group}/sell`,
      token,
      v5Sell(externalId)
    )
    const waiting = await report(5, V5.group, sent.body.uuid, token)
    expect(waiting.status).toBe(200)
    expect(waiting.body).toMatchObject({
      uuid: sent.body.uuid,
      status: "wait",
      payload: null,
    })
    expect(waiting.body.error).toMatchObject({
      code: 34,
      text: "Состояние чека не найдено. Попробуйте позднее",
    })

    atol.setFaults({ stuckInWait: false })
    await atol.idle()
    const done = await report(5, V5.group, sent.body.uuid, token)
    expect(done.body).toMatchObject({
      uuid: sent.body.uuid,
      status: "done",
      error: null,
      group_code: V5.group,
      external_id: externalId,
    })
    const payload = done.body.payload
    expect(payload.total).toBe(500)
    expect(payload.fn_number).toMatch(/^9999\d{12}$/)
    expect(payload.ecr_registration_number).toMatch(/^\d{16}$/)
    expect(String(payload.fiscal_document_attribute)).toMatch(/^\d{10}$/)
    expect(payload.receipt_datetime).toMatch(TIMESTAMP)
    expect(payload.ofd_receipt_url).toContain(`fn=${payload.fn_number}`)
    expect(payload.ofd_receipt_url).toContain(
      `fp=${payload.fiscal_document_attribute}`
    )
    expect(payload.ofd_receipt_url).toContain("s=500.00&n=1")
    expect(payload.fns_site).toBe("www.nalog.gov.ru")
  })

  it("numbers documents upwards within a shift", async () => {
    const a = await registerAndSettle(v5Sell(nextExternalId()))
    const b = await registerAndSettle(v5Sell(nextExternalId()))
    expect(b.payload.fiscal_document_number).toBe(
      a.payload.fiscal_document_number + 1
    )
    expect(b.payload.fiscal_receipt_number).toBe(
      a.payload.fiscal_receipt_number + 1
    )
    expect(b.payload.shift_number).toBe(a.payload.shift_number)
  })

  it("opens a new shift after 24 hours: shift + 1, receipt 1, two ФД for the shift reports", async () => {
    let now = Date.parse("2026-03-14T07:00:00Z")
    const clocked = await startAtolEmulator({
      clock: () => new Date(now),
      processingDelayMs: 0,
    })
    try {
      const send = async () => {
        const t = await request(clocked.url)
          .post("/possystem/v5/getToken")
          .set("Content-Type", "application/json")
          .send({ login: V5.login, pass: V5.password })
        const r = await request(clocked.url)
          .post(`/possystem/v5/${V5.group}/sell`)
          .set("Content-Type", "application/json")
          .set("Token", t.body.token)
          .send(v5Sell(nextExternalId()))
        await clocked.idle()
        return clocked.ledger().find((e) => e.uuid === r.body.uuid)!.fiscal!
      }
      const first = await send()
      now += 24 * 60 * 60 * 1000
      const next = await send()
      expect(next.shift_number).toBe(first.shift_number + 1)
      expect(next.fiscal_receipt_number).toBe(1)
      expect(next.fiscal_document_number).toBe(first.fiscal_document_number + 3)
    } finally {
      await clocked.close()
    }
  })

  it("answers 400 + 30 + fail for an unknown uuid or another group's document", async () => {
    const token = await tokenFor(V5)
    const res = await report(
      5,
      V5.group,
      "11111111-2222-4333-8444-555555555555",
      token
    )
    expect(res.status).toBe(400)
    expect(res.body.status).toBe("fail")
    expect(res.body.error.code).toBe(30)
    expect(res.body.error.text).toContain(
      '"11111111-2222-4333-8444-555555555555"'
    )
  })

  it("reports v5 marking results by position", async () => {
    const body = v5Sell(nextExternalId()) as any
    body.receipt.items[1].mark_code = {
      gs1m: Buffer.from("0104607428716301215abcde\u001d93dGVz").toString(
        "base64"
      ),
    }
    body.receipt.items[1].payment_object = 33
    body.receipt.items[1].mark_processing_mode = "0"
    const result = await registerAndSettle(body)
    expect(result.status).toBe("done")
    expect(result.payload.marks_result).toEqual([
      {
        position: 1,
        mark_code: body.receipt.items[1].mark_code.gs1m,
        result: 15,
      },
    ])
  })
})

describe('KKT checks end in fail with the right error (docs/vendors/atol.md, "The emulator", "Failed documents")', () => {
  it.each([
    [
      "INN of another company → agent 2009",
      (b: any) => (b.receipt.company.inn = "7701234567"),
      { type: "agent", code: 2009 },
    ],
    [
      "payments below the total → driver 066",
      (b: any) => (b.receipt.payments = [{ type: 1, sum: 499.99 }]),
      { type: "driver", code: 66 },
    ],
    [
      "cashless above the total → driver 052",
      (b: any) => (b.receipt.payments = [{ type: 1, sum: 500.01 }]),
      { type: "driver", code: 52 },
    ],
    [
      "sum ≠ price × quantity → driver 016",
      (b: any) => (b.receipt.items[0].sum = 199.9),
      { type: "driver", code: 16 },
    ],
    [
      "total off Σ sum by more than 99 kopecks → driver 227",
      (b: any) => (b.receipt.total = 501),
      { type: "driver", code: 227 },
    ],
    [
      "line VAT that is not sum × 22/122 → driver 128",
      (b: any) => (b.receipt.items[0].vat.sum = 40),
      { type: "driver", code: 128 },
    ],
  ])("%s", async (_name, mutate, expected) => {
    const body = v5Sell(nextExternalId())
    mutate(body)
    const result = await registerAndSettle(body)
    expect(result.status).toBe("fail")
    expect(result.payload).toBeNull()
    expect(result.error).toMatchObject(expected)
    expect(result.error.error_id).toBeUndefined()
  })

  it("names both INNs in 2009 like the live test environment", async () => {
    const result = await registerAndSettle(
      v5Sell(nextExternalId(), {
        receipt: {
          company: {
            email: "a@b.ru",
            sno: "osn",
            inn: "1234567891",
            payment_address: "https://x.ru",
          },
        },
      })
    )
    expect(result.error.text).toBe(
      `ИНН, указанный в чеке 1234567891, не соответствует ИНН группы касс ${ATOL_TEST_INN}. Попыток регистрировать чек не производилось.`
    )
  })

  it("tolerates cash overpayment (change) and a total rounded within 99 kopecks", async () => {
    const body = v5Sell(nextExternalId(), {
      receipt: { payments: [{ type: 0, sum: 1000 }], total: 499.5 },
    })
    expect((await registerAndSettle(body)).status).toBe("done")
  })

  it("fails a taxation system the kassas are not registered for with driver 143", async () => {
    const account = {
      login: "envd-shop",
      password: "secret-2",
      group: "envd-group",
    }
    const body = v5Sell(nextExternalId()) as any
    body.receipt.company.sno = "envd"
    const result = await registerAndSettle(body, account)
    expect(result.error).toMatchObject({
      type: "driver",
      code: 143,
      text: "Некорректная СНО",
    })
  })

  it("uses the legacy negative codes when asked", async () => {
    const legacy = await startAtolEmulator({
      legacyKktCodes: true,
      processingDelayMs: 0,
    })
    try {
      const t = await request(legacy.url)
        .post("/possystem/v5/getToken")
        .set("Content-Type", "application/json")
        .send({ login: V5.login, pass: V5.password })
      const body = v5Sell(nextExternalId(), {
        receipt: { payments: [{ type: 1, sum: 1 }] },
      })
      await request(legacy.url)
        .post(`/possystem/v5/${V5.group}/sell`)
        .set("Content-Type", "application/json")
        .set("Token", t.body.token)
        .send(body)
      await legacy.idle()
      expect(legacy.ledger()[0].error).toMatchObject({
        type: "driver",
        code: -3897,
      })
    } finally {
      await legacy.close()
    }
  })

  it("v4: a valid sale is done", async () => {
    const result = await registerAndSettle(v4Sell(nextExternalId()), V4, 4)
    expect(result.status).toBe("done")
    expect(result.payload.total).toBe(2490)
  })
})
