import type { DreamkasEmulator } from "medusa-fiscal-emulator/dreamkas"
import {
  AuthError,
  ConfigError,
  IndeterminateError,
  RetryableError,
  ValidationError,
} from "../../../modules/fiscal/errors"
import { TEST_COMPANY, line, saleDocument } from "./fixtures"
import {
  DREAMKAS_TEST_TOKEN,
  exchangeLog,
  providerFor,
  resetProcessState,
  startTestEmulator,
  startWebhookSink,
} from "./harness"
import {
  expectRefusedConnectionRetryable,
  expectDroppedAnswerReported,
  HANG_TIMEOUT_MS,
} from "../../_shared/__tests__/spec-helpers"
import { useEmulator } from "../../_shared/__tests__/use-emulator"

let dreamkas: DreamkasEmulator
let seq = 0
const externalId = () => `ftx_test_${++seq}:0`

useEmulator(
  () => startTestEmulator(),
  (e) => (dreamkas = e),
  resetProcessState
)

function registerWith(
  provider = providerFor(dreamkas),
  id = externalId(),
  document = saleDocument(),
  ctx?: object,
  callbackUrl?: string
) {
  return provider.register(
    { externalId: id, document, company: TEST_COMPANY, callbackUrl },
    ctx
  )
}

describe('register: outcomes (docs/vendors/dreamkas.md, "Error codes", "Idempotency")', () => {
  it("200 → accepted with the operation id; the ledger holds the SALE in kopecks", async () => {
    const id = externalId()
    const outcome = await registerWith(providerFor(dreamkas), id)
    expect(outcome).toEqual({
      kind: "accepted",
      vendorDocumentId: expect.stringMatching(/^[0-9a-f]{32}$/),
      duplicate: false,
    })
    const [entry] = dreamkas.ledger()
    expect(entry).toMatchObject({
      operation_id: outcome.vendorDocumentId,
      external_id: id,
      type: "SALE",
      total: 279000,
      device_id: 123456,
    })
    expect(entry.payload).toMatchObject({
      deviceId: 123456,
      taxMode: "DEFAULT",
      timeout: 15,
    })
  })

  it("sends refunds as REFUND", async () => {
    await registerWith(
      providerFor(dreamkas),
      externalId(),
      saleDocument({ type: "sell_refund" })
    )
    expect(dreamkas.ledger()[0].type).toBe("REFUND")
  })

  it("declares that it does not rely on Dreamkas deduplicating externalId", () => {
    expect(providerFor(dreamkas).capabilities).toMatchObject({
      async: true,
      dedupesExternalId: false,
      callbacks: true,
    })
  })
})

describe("a repeated externalId under each answer Dreamkas might give", () => {
  it("return_existing: the resend yields the first operation, one document", async () => {
    dreamkas.configure({ duplicateExternalId: "return_existing" })
    const provider = providerFor(dreamkas)
    const id = externalId()
    const first = await registerWith(provider, id)
    const second = await registerWith(provider, id)
    expect(second.vendorDocumentId).toBe(first.vendorDocumentId)
    expect(dreamkas.ledger()).toHaveLength(1)
  })

  it("conflict_409: the resend is accepted as a duplicate with the first operation's id", async () => {
    dreamkas.configure({ duplicateExternalId: "conflict_409" })
    const provider = providerFor(dreamkas)
    const id = externalId()
    const first = await registerWith(provider, id)
    const { exchanges, ctx } = exchangeLog()
    const second = await registerWith(provider, id, saleDocument(), ctx)
    expect(second).toEqual({
      kind: "accepted",
      vendorDocumentId: first.vendorDocumentId,
      duplicate: true,
    })
    expect(exchanges.map((e) => `${e.operation} ${e.http_status}`)).toEqual([
      "receipt 409",
      "operations 200",
    ])
    expect(dreamkas.ledger()).toHaveLength(1)
  })

  it("accept_new: a blind resend would print twice, which is why the pipeline asks check() first", async () => {
    dreamkas.configure({ duplicateExternalId: "accept_new" })
    const provider = providerFor(dreamkas)
    const id = externalId()
    await registerWith(provider, id)
    await registerWith(provider, id)
    expect(dreamkas.ledger()).toHaveLength(2)
  })
})

describe.each(["return_existing", "conflict_409", "accept_new"] as const)(
  "lost answers with duplicateExternalId=%s",
  (mode) => {
    beforeEach(() => {
      dreamkas.configure({ duplicateExternalId: mode })
    })

    it("processed, then the connection reset → Indeterminate; check by externalId finds the one operation", async () => {
      const provider = providerFor(dreamkas)
      const id = externalId()
      dreamkas.setFaults({
        next: [{ fault: "process_then_drop", on: "receipt" }],
      })
      const error = await registerWith(provider, id).catch((e) => e)
      expect(error).toBeInstanceOf(IndeterminateError)
      expect(error.code).toBe("ECONNRESET")
      expect(["wait", "done"]).toContain(
        (await provider.check({ externalId: id })).kind
      )
      await dreamkas.idle()
      expect(await provider.check({ externalId: id })).toMatchObject({
        kind: "done",
      })
      expect(dreamkas.ledger()).toHaveLength(1)
    })

    it("processed, then no answer until the timeout → Indeterminate (ETIMEDOUT); check finds it", async () => {
      const provider = providerFor(dreamkas, { timeout_ms: HANG_TIMEOUT_MS })
      const id = externalId()
      dreamkas.setFaults({
        next: [{ fault: "process_then_hang", on: "receipt" }],
      })
      const error = await registerWith(provider, id).catch((e) => e)
      expect(error).toBeInstanceOf(IndeterminateError)
      expect(error.code).toBe("ETIMEDOUT")
      await dreamkas.idle()
      expect(await provider.check({ externalId: id })).toMatchObject({
        kind: "done",
      })
      expect(dreamkas.ledger()).toHaveLength(1)
    })

    it("no answer and nothing processed → Indeterminate; check says not_found and the resend prints once", async () => {
      const provider = providerFor(dreamkas, { timeout_ms: HANG_TIMEOUT_MS })
      const id = externalId()
      dreamkas.setFaults({ next: [{ fault: "hang", on: "receipt" }] })
      await expect(registerWith(provider, id)).rejects.toBeInstanceOf(
        IndeterminateError
      )
      expect(await provider.check({ externalId: id })).toEqual({
        kind: "not_found",
      })
      await registerWith(provider, id)
      expect(dreamkas.ledger()).toHaveLength(1)
    })
  }
)

describe("register: refusals", () => {
  it("400 VALIDATION_ERROR → ValidationError with Dreamkas' field list, nothing registered", async () => {
    const document = saleDocument({ total: 279001 })
    const error = await registerWith(
      providerFor(dreamkas),
      externalId(),
      document
    ).catch((e) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect(error).toMatchObject({ code: "VALIDATION_ERROR", httpStatus: 400 })
    expect(error.fields).toEqual(["total.priceSum", "payments"])
    expect(error.message).toMatch(
      /^Dreamkas receipt failed: 400 VALIDATION_ERROR - Ошибка валидации; total\.priceSum: /
    )
    expect(dreamkas.ledger()).toHaveLength(0)
  })

  it("a Dreamkas that does not know the 22 % names refuses the tax; the names are configurable", async () => {
    dreamkas.configure({
      vat22Names: { vat22: "NDS_22_0", vat122: "NDS_22_122" },
    })
    const error = await registerWith(providerFor(dreamkas)).catch((e) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.fields).toEqual(["positions[0].tax", "positions[1].tax"])
    const renamed = providerFor(dreamkas, {
      tax_name_vat22: "NDS_22_0",
      tax_name_vat122: "NDS_22_122",
    })
    await expect(registerWith(renamed)).resolves.toMatchObject({
      kind: "accepted",
    })
  })

  it("a device of no account → ConfigError naming deviceId", async () => {
    const error = await registerWith(
      providerFor(dreamkas, { device_id: 999 })
    ).catch((e) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toContain("deviceId: Касса 999 не найдена")
  })

  it("the document is checked before sending: no contact → ValidationError, no request", async () => {
    const { exchanges, ctx } = exchangeLog()
    const error = await registerWith(
      providerFor(dreamkas),
      externalId(),
      saleDocument({ customer: {} }),
      ctx
    ).catch((e) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.fields).toEqual(["attributes"])
    expect(exchanges).toEqual([])
  })

  it("401 → AuthError without the token; 403 → AuthError", async () => {
    const wrong = await registerWith(
      providerFor(dreamkas, { token: "not-a-token-123" })
    ).catch((e) => e)
    expect(wrong).toBeInstanceOf(AuthError)
    expect(wrong).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401 })
    expect(wrong.message).not.toContain("not-a-token-123")
    dreamkas.revokeTokens()
    await expect(registerWith(providerFor(dreamkas))).rejects.toBeInstanceOf(
      AuthError
    )
    expect(dreamkas.ledger()).toHaveLength(0)
  })

  it("403 from a token without API rights → AuthError", async () => {
    const limited = await startTestEmulator({
      accounts: [{ token: "read-only-token", forbidden: true, devices: [] }],
    })
    try {
      const error = await registerWith(
        providerFor(limited, { token: "read-only-token" })
      ).catch((e) => e)
      expect(error).toBeInstanceOf(AuthError)
      expect(error.httpStatus).toBe(403)
    } finally {
      await limited.close()
    }
  })

  it("500 → Indeterminate (the receipt may exist), 503 and 429 → Retryable with Retry-After", async () => {
    const provider = providerFor(dreamkas)
    dreamkas.setFaults({
      next: [
        { fault: "server_error", on: "receipt" },
        { fault: "unavailable", on: "receipt" },
        { fault: "rate_limit", on: "receipt" },
      ],
    })
    const server = await registerWith(provider).catch((e) => e)
    expect(server).toBeInstanceOf(IndeterminateError)
    expect(server).toMatchObject({ code: "INTERNAL_ERROR", httpStatus: 500 })
    const unavailable = await registerWith(provider).catch((e) => e)
    expect(unavailable).toBeInstanceOf(RetryableError)
    expect(unavailable).toMatchObject({ httpStatus: 503, retryAfterMs: 1000 })
    const limited = await registerWith(provider).catch((e) => e)
    expect(limited).toBeInstanceOf(RetryableError)
    expect(limited).toMatchObject({ httpStatus: 429, retryAfterMs: 1000 })
    expect(dreamkas.ledger()).toHaveLength(0)
  })

  it("connection refused → Retryable", () =>
    expectRefusedConnectionRetryable(startTestEmulator, providerFor, (p) =>
      registerWith(p)
    ))
})

describe("exchanges and webhooks", () => {
  it("reports every exchange, never the token", async () => {
    const { exchanges, ctx } = exchangeLog()
    await registerWith(providerFor(dreamkas), externalId(), saleDocument(), ctx)
    expect(exchanges).toHaveLength(1)
    expect(exchanges[0]).toMatchObject({
      operation: "receipt",
      method: "POST",
      url: `${dreamkas.url}/api/receipts`,
      http_status: 200,
      response: { status: "PENDING" },
    })
    expect(JSON.stringify(exchanges)).not.toContain(DREAMKAS_TEST_TOKEN)
  })

  it("records a transport failure in the exchange", () =>
    expectDroppedAnswerReported({
      dropNext: () =>
        dreamkas.setFaults({
          next: [{ fault: "process_then_drop", on: "receipt" }],
        }),
      register: (ctx) =>
        registerWith(providerFor(dreamkas), externalId(), saleDocument(), ctx),
      index: 0,
      operation: "receipt",
    }))

  it("subscribes the callback URL to operation webhooks once per process, redacting its secret", async () => {
    const sink = await startWebhookSink()
    try {
      const provider = providerFor(dreamkas)
      const { exchanges, ctx } = exchangeLog()
      await registerWith(provider, externalId(), saleDocument(), ctx, sink.url)
      await registerWith(
        providerFor(dreamkas),
        externalId(),
        saleDocument(),
        ctx,
        sink.url
      )
      expect(dreamkas.webhooks()).toEqual([
        expect.objectContaining({
          url: sink.url,
          isActive: true,
          types: expect.objectContaining({ operations: true, receipts: false }),
        }),
      ])
      expect(
        exchanges.map((e) => `${e.operation} ${e.method} ${e.http_status}`)
      ).toEqual([
        "webhooks GET 200",
        "webhooks POST 200",
        "receipt POST 200",
        "receipt POST 200",
      ])
      expect(JSON.stringify(exchanges)).not.toContain("s3cr3t-callback")
      expect(exchanges[1].request).toMatchObject({
        url: expect.stringMatching(/\/hooks\/fiscal\/dreamkas\/\*\*\*$/),
      })
      await dreamkas.idle()
      expect(
        sink.bodies
          .filter((b) => b.type === "OPERATION")
          .map((b) => b.data.status)
      ).toEqual(expect.arrayContaining(["PENDING", "IN_PROGRESS", "SUCCESS"]))
    } finally {
      await sink.close()
    }
  })

  it("finds an existing subscription instead of adding another", async () => {
    const sink = await startWebhookSink()
    try {
      await registerWith(
        providerFor(dreamkas),
        externalId(),
        saleDocument(),
        undefined,
        sink.url
      )
      resetProcessState()
      await registerWith(
        providerFor(dreamkas),
        externalId(),
        saleDocument(),
        undefined,
        sink.url
      )
      expect(dreamkas.webhooks()).toHaveLength(1)
    } finally {
      await sink.close()
    }
  })

  it("a failed subscription never fails the receipt, and is not retried for every receipt", async () => {
    dreamkas.setFaults({ next: [{ fault: "server_error", on: "webhooks" }] })
    const outcome = await registerWith(
      providerFor(dreamkas),
      externalId(),
      saleDocument(),
      undefined,
      "http://127.0.0.1:9/hook/x"
    )
    expect(outcome.kind).toBe("accepted")
    await registerWith(
      providerFor(dreamkas),
      externalId(),
      saleDocument(),
      undefined,
      "http://127.0.0.1:9/hook/x"
    )
    expect(dreamkas.webhooks()).toEqual([])
    expect(dreamkas.stats().requests.webhooks).toBe(1)
  })

  it("subscribe_webhooks: false sends nothing but the receipt", async () => {
    const { exchanges, ctx } = exchangeLog()
    await registerWith(
      providerFor(dreamkas, { subscribe_webhooks: false }),
      externalId(),
      saleDocument(),
      ctx,
      "http://127.0.0.1:9/h/x"
    )
    expect(exchanges.map((e) => e.operation)).toEqual(["receipt"])
  })
})

describe("mapping end to end", () => {
  it("a weighed, a marked and a service position pass the emulator's checks and are printed", async () => {
    const provider = providerFor(dreamkas)
    const document = saleDocument({
      lines: [
        line({
          name: "Яблоки",
          price: 14286,
          quantity: 0.7,
          sum: 10000,
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
          price: 30000,
          sum: 30000,
          payment_object: "service",
          vat: "none",
        }),
      ],
      payments: [{ type: "cashless", sum: 639000 }],
      total: 639000,
      customer: { phone: "+79001234567" },
    })
    const id = externalId()
    const outcome = await provider.register({
      externalId: id,
      document,
      company: TEST_COMPANY,
    })
    await dreamkas.idle()
    const status = await provider.check({
      externalId: id,
      vendorDocumentId: outcome.vendorDocumentId,
    })
    expect(status).toMatchObject({ kind: "done", fiscal: { total: 639000 } })
    const [entry] = dreamkas.ledger()
    expect(entry.receipt!.positions.map((p) => [p.type, p.quantity])).toEqual([
      ["SCALABLE", 700],
      ["COUNTABLE", 1000],
      ["SERVICE", 1000],
    ])
  })
})
