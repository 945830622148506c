import type { ModulKassaEmulator } from "medusa-fiscal-emulator/modulkassa"
import {
  AuthError,
  ConfigError,
  IndeterminateError,
  RetryableError,
  ValidationError,
} from "../../../modules/fiscal/errors"
import { uuidV5 } from "../document-id"
import { TEST_COMPANY, line, saleDocument } from "./fixtures"
import {
  POINT,
  exchangeLog,
  providerFor,
  resetProcessState,
  serviceCredentials,
  startTestEmulator,
} from "./harness"
import {
  expectRefusedConnectionRetryable,
  registerWithDefaults,
  expectDroppedAnswerReported,
  HANG_TIMEOUT_MS,
} from "../../_shared/__tests__/spec-helpers"
import { useEmulator } from "../../_shared/__tests__/use-emulator"

let modul: ModulKassaEmulator
let seq = 0
const externalId = () => `ftx_reg_${++seq}`

useEmulator(
  () => startTestEmulator(),
  (e) => (modul = e),
  resetProcessState
)

const registerWith = registerWithDefaults({
  provider: () => providerFor(modul),
  externalId,
  document: () => saleDocument(),
  company: TEST_COMPANY,
})

describe('register: outcomes (docs/vendors/modulkassa.md, "Error codes", "Idempotency")', () => {
  it("200 → accepted under the UUID derived from the external id; docNum carries the external id", async () => {
    const id = externalId()
    modul.setFaults({ stuckInWait: true })
    const outcome = await registerWith(providerFor(modul), id)
    expect(outcome).toEqual({
      kind: "accepted",
      vendorDocumentId: uuidV5(id),
      duplicate: false,
    })
    const [entry] = modul.ledger()
    expect(entry).toMatchObject({
      id: uuidV5(id),
      docNum: id,
      docType: "SALE",
      status: "QUEUED",
      total: 279000,
    })
    expect(entry.payload).toMatchObject({
      docType: "SALE",
      checkoutDateTime: "2026-03-14T10:16:05+03:00",
      email: "buyer@example.com",
      taxMode: "COMMON",
      printReceipt: false,
      moneyPositions: [{ paymentType: "CARD", sum: 2790 }],
    })
  })

  it("sends refunds as RETURN", async () => {
    await registerWith(
      providerFor(modul),
      externalId(),
      saleDocument({ type: "sell_refund" })
    )
    expect(modul.ledger()[0].docType).toBe("RETURN")
  })

  it("document_id: external_id sends the external id itself", async () => {
    const id = externalId()
    const outcome = await registerWith(
      providerFor(modul, { document_id: "external_id" }),
      id
    )
    expect(outcome.vendorDocumentId).toBe(id)
    expect(modul.ledger()[0].id).toBe(id)
  })

  it("document_api: v1 posts to /v1/doc", async () => {
    const { exchanges, ctx } = exchangeLog()
    await registerWith(
      providerFor(modul, { document_api: "v1" }),
      externalId(),
      saleDocument(),
      ctx
    )
    expect(exchanges[0]).toMatchObject({
      method: "POST",
      url: `${modul.url}/api/fn/v1/doc`,
      http_status: 200,
    })
  })

  it("a repeated id (emulator: return the first) → accepted, one document", async () => {
    const provider = providerFor(modul)
    const id = externalId()
    modul.setFaults({ stuckInWait: true })
    await registerWith(provider, id)
    expect(await registerWith(provider, id)).toMatchObject({
      kind: "accepted",
      vendorDocumentId: uuidV5(id),
    })
    expect(modul.ledger()).toHaveLength(1)
    expect(modul.stats().duplicate_sends).toBe(1)
  })

  it("a repeated id of a fiscalized document → registered with its fiscal data", async () => {
    const provider = providerFor(modul)
    const id = externalId()
    await registerWith(provider, id)
    await modul.idle()
    const again = await registerWith(provider, id)
    expect(again).toMatchObject({
      kind: "registered",
      fiscal: { total: 279000 },
    })
    expect(modul.ledger()).toHaveLength(1)
  })

  it("a repeated id refused with 400 (emulator: reject) → the id is looked up → accepted, duplicate", async () => {
    const strict = await startTestEmulator({ duplicateIds: "reject" })
    try {
      strict.setFaults({ stuckInWait: true })
      const provider = providerFor(strict)
      const id = externalId()
      await registerWith(provider, id)
      const { exchanges, ctx } = exchangeLog()
      const again = await registerWith(provider, id, saleDocument(), ctx)
      expect(again).toEqual({
        kind: "accepted",
        vendorDocumentId: uuidV5(id),
        duplicate: true,
      })
      expect(exchanges.map((e) => `${e.operation} ${e.http_status}`)).toEqual([
        "send 400",
        "status 200",
      ])
      expect(strict.ledger()).toHaveLength(1)
    } finally {
      await strict.close()
    }
  })

  it("400 for an invalid document → the id is unknown → ValidationError, nothing stored", async () => {
    // A strict emulator knows only the six documented vatTags; the placeholder for 22 % is refused.
    const strict = await startTestEmulator({ strictVatTags: true })
    try {
      const error = await registerWith(providerFor(strict)).catch((e) => e)
      expect(error).toBeInstanceOf(ValidationError)
      expect(error).toMatchObject({ code: "400", httpStatus: 400, fields: [] })
      expect(error.message).toMatch(/rejected the document without details/)
      expect(strict.ledger()).toHaveLength(0)
    } finally {
      await strict.close()
    }
  })

  it("a 400 with details names the fields", async () => {
    const verbose = await startTestEmulator({
      strictVatTags: true,
      validationDetails: true,
    })
    try {
      const error = await registerWith(providerFor(verbose)).catch((e) => e)
      expect(error).toBeInstanceOf(ValidationError)
      expect(error.fields).toEqual([
        "inventPositions[0].vatTag",
        "inventPositions[1].vatTag",
      ])
    } finally {
      await verbose.close()
    }
  })

  it("data МодульКасса cannot take is refused before any request", async () => {
    const { exchanges, ctx } = exchangeLog()
    const provider = providerFor(modul)
    const noContact = await registerWith(
      provider,
      externalId(),
      saleDocument({ customer: {} }),
      ctx
    ).catch((e) => e)
    expect(noContact).toBeInstanceOf(ValidationError)
    expect(noContact.fields).toEqual(["email"])
    const award = await registerWith(
      provider,
      externalId(),
      saleDocument({
        lines: [line({ payment_object: "award", price: 279000, sum: 279000 })],
      }),
      ctx
    ).catch((e) => e)
    expect(award).toBeInstanceOf(ValidationError)
    expect(award.fields).toEqual(["inventPositions[0].paymentObject"])
    expect(exchanges).toHaveLength(0)
  })

  it("a VAT rate without a vatTag → ConfigError naming vat_tags, before any request", async () => {
    const { exchanges, ctx } = exchangeLog()
    const error = await registerWith(
      providerFor(modul, { vat_tags: undefined }),
      externalId(),
      saleDocument(),
      ctx
    ).catch((e) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.code).toBe("VAT_TAG_UNKNOWN")
    expect(error.message).toMatch(/vat_tags.*"vat22"/)
    expect(exchanges).toHaveLength(0)
  })

  it("401 for the service credentials → AuthError that says to associate again, without the password", async () => {
    const provider = providerFor(modul, { service_password: "Wrong-Pa55" })
    const error = await registerWith(provider).catch((e) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect(error.httpStatus).toBe(401)
    expect(error.message).toMatch(/Associate again/)
    expect(error.message).not.toContain("Wrong-Pa55")
    expect(modul.ledger()).toHaveLength(0)
  })

  it("not associated and auto_associate off → ConfigError, nothing sent", async () => {
    const { exchanges, ctx } = exchangeLog()
    const error = await registerWith(
      providerFor(modul, { associated: false }),
      externalId(),
      saleDocument(),
      ctx
    ).catch((e) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.code).toBe("NOT_ASSOCIATED")
    expect(exchanges).toHaveLength(0)
  })

  it("503 and 429 → Retryable (nothing stored); 500 → Indeterminate (resolved by id)", async () => {
    const provider = providerFor(modul)
    modul.setFaults({
      next: [
        { fault: "unavailable", on: "send" },
        { fault: "rate_limit", on: "send" },
        { fault: "server_error", on: "send" },
      ],
    })
    const unavailable = await registerWith(provider).catch((e) => e)
    expect(unavailable).toBeInstanceOf(RetryableError)
    expect(unavailable.httpStatus).toBe(503)
    const limited = await registerWith(provider).catch((e) => e)
    expect(limited).toBeInstanceOf(RetryableError)
    expect(limited).toMatchObject({ httpStatus: 429, retryAfterMs: 1000 })
    const server = await registerWith(provider).catch((e) => e)
    expect(server).toBeInstanceOf(IndeterminateError)
    expect(server.httpStatus).toBe(500)
    expect(modul.ledger()).toHaveLength(0)
  })

  it("connection refused → Retryable", () =>
    expectRefusedConnectionRetryable(startTestEmulator, providerFor, (p) =>
      registerWith(p)
    ))
})

describe("register: exactly once when the answer is lost", () => {
  it("a timeout after МодульКасса stored it → Indeterminate; the lookup by id finds it, nothing is resent", async () => {
    const provider = providerFor(modul, { timeout_ms: HANG_TIMEOUT_MS })
    const id = externalId()
    modul.setFaults({ next: [{ fault: "process_then_hang", on: "send" }] })
    const error = await registerWith(provider, id).catch((e) => e)
    expect(error).toBeInstanceOf(IndeterminateError)
    expect(error.code).toBe("ETIMEDOUT")
    expect(modul.ledger()).toHaveLength(1)

    // What the pipeline does for a vendor without dedupe: check by external id first.
    const status = await provider.check({ externalId: id })
    expect(status.kind).not.toBe("not_found")
    await modul.idle()
    expect(await provider.check({ externalId: id })).toMatchObject({
      kind: "done",
    })
    expect(modul.ledger()).toHaveLength(1)
  })

  it("a reset after МодульКасса stored it → Indeterminate; the lookup finds it", async () => {
    const provider = providerFor(modul)
    const id = externalId()
    modul.setFaults({ next: [{ fault: "process_then_drop", on: "send" }] })
    await expect(registerWith(provider, id)).rejects.toBeInstanceOf(
      IndeterminateError
    )
    expect((await provider.check({ externalId: id })).kind).not.toBe(
      "not_found"
    )
    expect(modul.ledger()).toHaveLength(1)
  })

  it("a timeout before МодульКасса stored it → Indeterminate; not_found, and the resend stores one", async () => {
    const provider = providerFor(modul, { timeout_ms: HANG_TIMEOUT_MS })
    const id = externalId()
    modul.setFaults({ next: [{ fault: "hang", on: "send" }] })
    await expect(registerWith(provider, id)).rejects.toBeInstanceOf(
      IndeterminateError
    )
    expect(await provider.check({ externalId: id })).toEqual({
      kind: "not_found",
    })
    expect(await registerWith(provider, id)).toMatchObject({
      kind: "accepted",
      duplicate: false,
    })
    expect(modul.ledger()).toHaveLength(1)
  })

  it("even where МодульКасса would store a second document under a repeated id, lookup-first keeps one", async () => {
    const careless = await startTestEmulator({ duplicateIds: "create" })
    try {
      const provider = providerFor(careless)
      const id = externalId()
      careless.setFaults({ next: [{ fault: "process_then_drop", on: "send" }] })
      await expect(registerWith(provider, id)).rejects.toBeInstanceOf(
        IndeterminateError
      )
      expect((await provider.check({ externalId: id })).kind).not.toBe(
        "not_found"
      )
      expect(careless.ledger().map((d) => d.docNum)).toEqual([id])
    } finally {
      await careless.close()
    }
  })
})

describe("register: exactly once under load", () => {
  /**
   * The pipeline's rule for a vendor without dedupe (docs/architecture.md, "Exactly once"):
   * a Retryable send is sent again; an Indeterminate one is looked up first and sent again
   * only if not_found.
   */
  async function deliver(
    provider: ReturnType<typeof providerFor>,
    id: string
  ): Promise<number> {
    let possiblySent = false
    for (let attempt = 1; attempt <= 50; attempt++) {
      try {
        if (possiblySent) {
          const status = await provider.check({ externalId: id })
          if (status.kind !== "not_found") {
            return attempt
          }
        }
        await registerWith(provider, id)
        return attempt
      } catch (error) {
        if (error instanceof IndeterminateError) {
          possiblySent = true
        } else if (!(error instanceof RetryableError)) {
          throw error
        }
      }
    }
    throw new Error(`${id} was not delivered`)
  }

  it("200 documents, two workers, 10 % server errors and 10 % lost answers → exactly 200 documents", async () => {
    const provider = providerFor(modul)
    modul.setFaults({ serverErrorRate: 0.1, dropAfterProcessingRate: 0.1 })
    const ids = Array.from({ length: 200 }, () => externalId())
    const queue = [...ids]
    const attempts: number[] = []
    const worker = async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        attempts.push(await deliver(provider, id))
      }
    }
    await Promise.all([worker(), worker()])
    // A duplicated event replays a few deliveries: they find the documents and store nothing.
    modul.setFaults({ serverErrorRate: 0, dropAfterProcessingRate: 0 })
    for (const id of ids.slice(0, 10)) {
      expect((await provider.check({ externalId: id })).kind).not.toBe(
        "not_found"
      )
    }
    const ledger = modul.ledger()
    expect(ledger).toHaveLength(200)
    expect(new Set(ledger.map((d) => d.docNum))).toEqual(new Set(ids))
    expect(attempts.some((n) => n > 1)).toBe(true)
    const injected = modul.stats().faults_injected
    expect(injected.server_error).toBeGreaterThan(0)
    expect(injected.process_then_drop).toBeGreaterThan(0)
  })
})

describe("register: wire", () => {
  it("reports every exchange without credentials", async () => {
    const { exchanges, ctx } = exchangeLog()
    const provider = providerFor(modul)
    await registerWith(provider, externalId(), saleDocument(), ctx)
    expect(exchanges).toHaveLength(1)
    expect(exchanges[0]).toMatchObject({
      operation: "send",
      method: "POST",
      url: `${modul.url}/api/fn/v2/doc`,
      http_status: 200,
      response: { status: "QUEUED", fnState: "READY" },
    })
    const text = JSON.stringify(exchanges)
    expect(text).not.toContain(serviceCredentials(modul).password)
    expect(text).not.toMatch(/Basic /)
  })

  it("records a transport failure in the exchange", () =>
    expectDroppedAnswerReported({
      dropNext: () =>
        modul.setFaults({ next: [{ fault: "process_then_drop", on: "send" }] }),
      register: (ctx) =>
        registerWith(providerFor(modul), externalId(), saleDocument(), ctx),
      index: 0,
      operation: "send",
    }))

  it("sends responseURL with the external id: the request's callback URL, else the configured one", async () => {
    const first = externalId()
    const second = externalId()
    await providerFor(modul, {
      callback_url: "https://shop.example/hooks/fiscal/modulkassa/s3cret",
    }).register({
      externalId: first,
      document: saleDocument(),
      company: TEST_COMPANY,
    })
    await providerFor(modul).register({
      externalId: second,
      document: saleDocument(),
      company: TEST_COMPANY,
      callbackUrl: "https://shop.example/other?x=1",
    })
    const urls = modul
      .ledger()
      .map((e) => (e.payload as { responseURL?: string }).responseURL)
    expect(urls).toEqual([
      `https://shop.example/hooks/fiscal/modulkassa/s3cret?external_id=${first}`,
      `https://shop.example/other?x=1&external_id=${second}`,
    ])
  })

  it("sends the cashier and paper-receipt settings", async () => {
    await registerWith(
      providerFor(modul, {
        print_receipt: true,
        cashier_name: "Иванова А.А.",
        cashier_inn: "770123456703",
        cashier_position: "Кассир",
      })
    )
    expect(modul.ledger()[0].payload).toMatchObject({
      printReceipt: true,
      cashierName: "Иванова А.А.",
      cashierInn: "770123456703",
      cashierPosition: "Кассир",
    })
  })

  it("goes to the retail point of the association", async () => {
    await registerWith(providerFor(modul))
    expect(modul.ledger()[0].retail_point_id).toBe(POINT.id)
  })
})
