import type { AtolEmulator } from "medusa-fiscal-emulator/atol"
import {
  AuthError,
  ConfigError,
  IndeterminateError,
  RetryableError,
  ValidationError,
} from "../../../modules/fiscal/errors"
import { TEST_COMPANY, line, saleDocument } from "./fixtures"
import {
  V4_ACCOUNT,
  V5_ACCOUNT,
  exchangeLog,
  providerFor,
  resetProcessState,
  startTestEmulator,
} from "./harness"
import {
  expectRefusedConnectionRetryable,
  registerWithDefaults,
  expectDroppedAnswerReported,
  HANG_TIMEOUT_MS,
} from "../../_shared/__tests__/spec-helpers"
import { useEmulator } from "../../_shared/__tests__/use-emulator"

let atol: AtolEmulator
let seq = 0
const externalId = () => `ftx_test_${++seq}:0`

useEmulator(
  () => startTestEmulator(),
  (e) => (atol = e),
  resetProcessState
)

const registerWith = registerWithDefaults({
  provider: () => providerFor(atol),
  externalId,
  document: () => saleDocument(),
  company: TEST_COMPANY,
})

describe('register: outcomes (docs/vendors/atol.md, "Error codes", "Idempotency")', () => {
  it("200 → accepted with the uuid, and the ledger holds the mapped v5 receipt", async () => {
    const id = externalId()
    const outcome = await registerWith(providerFor(atol), id)
    expect(outcome).toEqual({
      kind: "accepted",
      vendorDocumentId: expect.any(String),
      duplicate: false,
    })
    const [entry] = atol.ledger()
    expect(entry).toMatchObject({
      uuid: outcome.vendorDocumentId,
      external_id: id,
      operation: "sell",
      api_version: 5,
      total: 2790,
    })
  })

  it("sends refunds to sell_refund", async () => {
    await registerWith(
      providerFor(atol),
      externalId(),
      saleDocument({ type: "sell_refund" })
    )
    expect(atol.ledger()[0].operation).toBe("sell_refund")
  })

  it("400 + 33 → accepted with the first uuid and duplicate: true", async () => {
    const provider = providerFor(atol)
    const id = externalId()
    const first = await registerWith(provider, id)
    const second = await registerWith(provider, id)
    expect(second).toEqual({
      kind: "accepted",
      vendorDocumentId: first.vendorDocumentId,
      duplicate: true,
    })
    expect(atol.ledger()).toHaveLength(1)
  })

  it("a timeout after ATOL registered → Indeterminate; the resend yields the same uuid, one document", async () => {
    const provider = providerFor(atol, { timeout_ms: HANG_TIMEOUT_MS })
    const id = externalId()
    atol.setFaults({ next: [{ fault: "process_then_hang", on: "register" }] })
    const error = await registerWith(provider, id).catch((e) => e)
    expect(error).toBeInstanceOf(IndeterminateError)
    expect(error.code).toBe("ETIMEDOUT")
    expect(atol.ledger()).toHaveLength(1)

    const resend = await registerWith(provider, id)
    expect(resend).toEqual({
      kind: "accepted",
      vendorDocumentId: atol.ledger()[0].uuid,
      duplicate: true,
    })
    expect(atol.ledger()).toHaveLength(1)
  })

  it("a reset after ATOL registered → Indeterminate; the resend finds the document", async () => {
    const provider = providerFor(atol)
    const id = externalId()
    atol.setFaults({ next: [{ fault: "process_then_drop", on: "register" }] })
    await expect(registerWith(provider, id)).rejects.toBeInstanceOf(
      IndeterminateError
    )
    expect(await registerWith(provider, id)).toMatchObject({
      duplicate: true,
      vendorDocumentId: atol.ledger()[0].uuid,
    })
    expect(atol.ledger()).toHaveLength(1)
  })

  it("a timeout before ATOL registered is also Indeterminate; the resend registers once", async () => {
    const provider = providerFor(atol, { timeout_ms: HANG_TIMEOUT_MS })
    const id = externalId()
    atol.setFaults({ next: [{ fault: "hang", on: "register" }] })
    await expect(registerWith(provider, id)).rejects.toBeInstanceOf(
      IndeterminateError
    )
    expect(atol.ledger()).toHaveLength(0)
    expect(await registerWith(provider, id)).toMatchObject({ duplicate: false })
    expect(atol.ledger()).toHaveLength(1)
  })

  it("an expired token mid-run costs exactly one extra getToken", async () => {
    const provider = providerFor(atol)
    await Promise.all(Array.from({ length: 5 }, () => registerWith(provider)))
    expect(atol.stats().tokens_issued).toBe(1)
    atol.expireTokens()
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => registerWith(provider))
    )
    expect(outcomes.every((o) => o.kind === "accepted" && !o.duplicate)).toBe(
      true
    )
    expect(atol.stats().tokens_issued).toBe(2)
    expect(atol.ledger()).toHaveLength(10)
  })

  it("shares the token among provider instances of one account: not one getToken per receipt", async () => {
    for (let i = 0; i < 3; i++) {
      await registerWith(providerFor(atol))
    }
    expect(atol.stats().tokens_issued).toBe(1)
  })

  it("400 + 32 → ValidationError with ATOL's field list, nothing registered", async () => {
    const company = { ...TEST_COMPANY, inn: "55443322" }
    const error = await providerFor(atol)
      .register({
        externalId: externalId(),
        document: saleDocument({ customer: {} }),
        company,
      })
      .catch((e) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.code).toBe("32")
    expect(error.fields).toEqual(["receipt.client", "receipt.company.inn"])
    expect(atol.ledger()).toHaveLength(0)
  })

  it("500 → Retryable, 429 → Retryable with Retry-After, nothing registered", async () => {
    const provider = providerFor(atol)
    atol.setFaults({
      next: [
        { fault: "server_error", on: "register" },
        { fault: "rate_limit", on: "register" },
      ],
    })
    const server = await registerWith(provider).catch((e) => e)
    expect(server).toBeInstanceOf(RetryableError)
    expect(server).toMatchObject({ code: "50", httpStatus: 500 })
    const limited = await registerWith(provider).catch((e) => e)
    expect(limited).toBeInstanceOf(RetryableError)
    expect(limited).toMatchObject({ httpStatus: 429, retryAfterMs: 1000 })
    expect(atol.ledger()).toHaveLength(0)
  })

  it("connection refused → Retryable", () =>
    expectRefusedConnectionRetryable(startTestEmulator, providerFor, (p) =>
      registerWith(p)
    ))

  it("a getToken failure stops registration: wrong password → AuthError 12", async () => {
    const error = await registerWith(
      providerFor(atol, { password: "wrong-password" })
    ).catch((e) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect(error.code).toBe("12")
    expect(error.message).not.toContain("wrong-password")
    expect(atol.ledger()).toHaveLength(0)
  })

  it("a malformed login is a settings problem (ConfigError), not the receipt's", async () => {
    const error = await registerWith(
      providerFor(atol, { login: "has space" })
    ).catch((e) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.code).toBe("32")
    expect(error.message).toContain("PatternMismatch: #/login")
  })

  it("a group of another login → AuthError 20; a v5 group through v4 → ConfigError 21", async () => {
    const foreign = await registerWith(
      providerFor(atol, { group: V4_ACCOUNT.groups[0].code })
    ).catch((e) => e)
    expect(foreign).toBeInstanceOf(AuthError)
    expect(foreign.code).toBe("20")
    const wrongVersion = await registerWith(
      providerFor(atol, {
        version: 4,
        login: V5_ACCOUNT.login,
        password: V5_ACCOUNT.password,
        group: V5_ACCOUNT.groups[0].code,
      })
    ).catch((e) => e)
    expect(wrongVersion).toBeInstanceOf(ConfigError)
    expect(wrongVersion.code).toBe("21")
  })

  it("reports every exchange with the password and token redacted", async () => {
    const { exchanges, ctx } = exchangeLog()
    const provider = providerFor(atol)
    await registerWith(provider, externalId(), saleDocument(), ctx)
    atol.expireTokens()
    await registerWith(provider, externalId(), saleDocument(), ctx)
    expect(exchanges.map((e) => `${e.operation} ${e.http_status}`)).toEqual([
      "getToken 200",
      "sell 200",
      "sell 401",
      "getToken 200",
      "sell 200",
    ])
    const text = JSON.stringify(exchanges)
    expect(text).not.toContain(V5_ACCOUNT.password)
    expect(text).not.toMatch(/[A-Za-z0-9_-]{128}/)
    expect(exchanges[0].request).toEqual({
      login: V5_ACCOUNT.login,
      pass: "***",
      source: "medusa-fiscal",
    })
    expect(exchanges[0].response).toMatchObject({ token: "***" })
    expect(exchanges[1]).toMatchObject({
      method: "POST",
      url: `${atol.url}/possystem/v5/${V5_ACCOUNT.groups[0].code}/sell`,
    })
    expect(exchanges.every((e) => e.duration_ms >= 0)).toBe(true)
  })

  it("records a transport failure in the exchange", () =>
    expectDroppedAnswerReported({
      dropNext: () =>
        atol.setFaults({
          next: [{ fault: "process_then_drop", on: "register" }],
        }),
      register: (ctx) =>
        registerWith(providerFor(atol), externalId(), saleDocument(), ctx),
      index: 1,
      operation: "sell",
    }))

  it("sends the callback URL of the request, else the configured one", async () => {
    await providerFor(atol, {
      callback_url: "https://shop.example/hooks/fiscal/atol",
    }).register({
      externalId: externalId(),
      document: saleDocument(),
      company: TEST_COMPANY,
    })
    await providerFor(atol).register({
      externalId: externalId(),
      document: saleDocument(),
      company: TEST_COMPANY,
      callbackUrl: "https://shop.example/other",
    })
    const urls = atol
      .ledger()
      .map(
        (e) =>
          (e.payload as { service?: { callback_url: string } }).service
            ?.callback_url
      )
    expect(urls).toEqual([
      "https://shop.example/hooks/fiscal/atol",
      "https://shop.example/other",
    ])
  })
})

describe("v4 and v5 mapping end to end", () => {
  it.each([4, 5] as const)(
    "v%i: a mixed receipt passes validation and the KKT checks",
    async (version) => {
      const provider = providerFor(atol, { version })
      const document = saleDocument({
        lines: [
          line({
            name: "Яблоки",
            price: 10000,
            quantity: 0.7,
            sum: 7000,
            measure: 11,
            vat: "vat10",
          }),
          line({
            name: "Кроссовки",
            payment_object: "marked_commodity",
            mark_code: "0104607428716301215abcde\u001d93dGVz",
            price: 599000,
            sum: 599000,
          }),
          line({
            name: "Доставка",
            price: 0,
            sum: 0,
            payment_object: "service",
            vat: "none",
          }),
        ],
        payments: [{ type: "cashless", sum: 606000 }],
        total: 606000,
        customer: { phone: "+79001234567" },
      })
      const outcome = await provider.register({
        externalId: externalId(),
        document,
        company: TEST_COMPANY,
      })
      await atol.idle()
      const status = await provider.check({
        externalId: "x",
        vendorDocumentId: outcome.vendorDocumentId,
      })
      expect(status).toMatchObject({ kind: "done", fiscal: { total: 606000 } })
      expect(atol.ledger()[0]).toMatchObject({
        api_version: version,
        status: "done",
      })
    }
  )
})

describe('register: marked goods reach the emulator as sent (docs/vendors/atol.md, "Marked goods")', () => {
  const code = "0104607428716301215abcde\u001d93dGVz"
  const requisite = {
    federal_id: "030",
    date: "21.11.2023",
    number: "1944",
    value: "mode=horeca",
  }
  const document = saleDocument({
    lines: [
      line({
        name: "Сигареты, 1 пачка из блока",
        payment_object: "marked_excise",
        mark_code: code,
        mark_quantity: { numerator: 1, denominator: 10 },
        industry_requisites: [requisite],
        price: 25000,
        sum: 25000,
      }),
    ],
    payments: [{ type: "cashless", sum: 25000 }],
    total: 25000,
  })

  it("v5: the code, the sold part and tag 1260 pass validation and are registered", async () => {
    const outcome = await providerFor(atol).register({
      externalId: externalId(),
      document,
      company: TEST_COMPANY,
    })
    expect(outcome.kind).toBe("accepted")
    await atol.idle()
    const [entry] = atol.ledger()
    expect(entry.status).toBe("done")
    expect(entry.marks).toEqual([
      {
        position: 0,
        mark_code: { gs1m: Buffer.from(code).toString("base64") },
        code,
        mark_processing_mode: "0",
        mark_quantity: { numerator: 1, denominator: 10 },
        sectoral_item_props: [requisite],
      },
    ])
  })

  it("v4: the receipt is refused before it is sent, nothing reaches ATOL", async () => {
    await expect(
      providerFor(atol, { version: 4 }).register({
        externalId: externalId(),
        document,
        company: TEST_COMPANY,
      })
    ).rejects.toMatchObject({
      code: "MARKING_NOT_SUPPORTED",
      fields: ["receipt.items[0].mark_quantity"],
    })
    expect(atol.ledger()).toEqual([])
  })
})
