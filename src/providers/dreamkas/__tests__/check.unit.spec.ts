import type { DreamkasEmulator } from "medusa-fiscal-emulator/dreamkas"
import { RetryableError } from "../../../modules/fiscal/errors"
import { TEST_COMPANY, saleDocument } from "./fixtures"
import {
  exchangeLog,
  providerFor,
  resetProcessState,
  startTestEmulator,
  startWebhookSink,
} from "./harness"
import type {
  FiscalCompany,
  FiscalProvider,
} from "../../../modules/fiscal/types/provider"
import {
  registeredSale,
  type RegisterDefaults,
  HANG_TIMEOUT_MS,
  waitUntil,
} from "../../_shared/__tests__/spec-helpers"
import { useEmulator } from "../../_shared/__tests__/use-emulator"

let dreamkas: DreamkasEmulator
let seq = 0
const externalId = () => `ftx_check_${++seq}:0`

useEmulator(
  () => startTestEmulator(),
  (e) => (dreamkas = e),
  resetProcessState
)

const SALE: RegisterDefaults<FiscalProvider> = {
  provider: () => providerFor(dreamkas),
  externalId,
  document: () => saleDocument(),
  company: TEST_COMPANY,
}
const registered = (provider?: FiscalProvider, company?: FiscalCompany) =>
  registeredSale(SALE, provider, company)

describe('check by operation id (docs/vendors/dreamkas.md, "Operations and status")', () => {
  it("PENDING → wait, then SUCCESS → done with the fiscal receipt's data", async () => {
    const provider = providerFor(dreamkas)
    dreamkas.setFaults({ stuckInWait: true })
    const ref = await registered(provider)
    expect(await provider.check(ref)).toEqual({ kind: "wait" })

    dreamkas.setFaults({ stuckInWait: false })
    await dreamkas.idle()
    const { exchanges, ctx } = exchangeLog()
    const status = await provider.check(ref, ctx)
    const receipt = dreamkas.ledger()[0].receipt!
    expect(status).toEqual({
      kind: "done",
      fiscal: {
        fiscal_document_number: receipt.fiscalDocumentNumber,
        fiscal_document_attribute: receipt.fiscalDocumentSign,
        fiscal_receipt_number: String(receipt.number),
        shift_number: String(receipt.shiftId),
        fn_number: receipt.fnNumber,
        ecr_registration_number: receipt.registryNumber,
        registered_at: receipt.date,
        ofd_receipt_url: receipt.checkURL,
        total: 279000,
      },
    })
    expect(receipt.fiscalDocumentSign).toMatch(/^\d{10}$/)
    expect(exchanges.map((e) => e.operation)).toEqual([
      "operation",
      "fiscal_receipt",
    ])
  })

  it("IN_PROGRESS → wait", async () => {
    // IN_PROGRESS from 2 s to 4 s after acceptance: room for one check on a loaded machine
    const slow = await startTestEmulator({ processingDelayMs: 4_000 })
    try {
      const provider = providerFor(slow)
      const ref = await registered(provider)
      await waitUntil(
        () => slow.ledger()[0].status !== "PENDING",
        "the kassa to take the receipt"
      )
      expect(slow.ledger()[0].status).toBe("IN_PROGRESS")
      expect(await provider.check(ref)).toEqual({ kind: "wait" })
    } finally {
      await slow.close()
    }
  })

  it.each([
    [
      { failNext: { code: "FN_ERROR" } },
      "FN_ERROR",
      false,
      /Ошибка фискального накопителя/,
    ],
    [
      { failNext: { code: "SHIFT_EXPIRED" } },
      "SHIFT_EXPIRED",
      true,
      /Смена превысила 24 часа/,
    ],
    [
      { deviceOffline: true },
      "RECEIPT_TIMEOUT",
      true,
      /касса не вышла на связь/,
    ],
    [
      { failNext: { code: "SOMETHING_NEW", message: "Касса не в сети" } },
      "SOMETHING_NEW",
      true,
      /не в сети/,
    ],
    [
      { failNext: { code: "SOMETHING_ELSE", message: "Непонятно" } },
      "SOMETHING_ELSE",
      false,
      /Непонятно/,
    ],
  ])(
    "ERROR %j → failed %s, transient %p",
    async (faults, code, transient, message) => {
      const provider = providerFor(dreamkas)
      dreamkas.setFaults(faults)
      const ref = await registered(provider)
      await dreamkas.idle()
      const status = await provider.check(ref)
      expect(status).toMatchObject({ kind: "failed", code, transient })
      expect(status.kind === "failed" && status.message).toMatch(message)
    }
  )

  it("a taxation system the kassa is not registered for → failed, not transient", async () => {
    const provider = providerFor(dreamkas)
    const ref = await registered(provider, { ...TEST_COMPANY, sno: "envd" })
    await dreamkas.idle()
    expect(await provider.check(ref)).toMatchObject({
      kind: "failed",
      code: "TAX_MODE_NOT_SUPPORTED",
      transient: false,
      message: expect.stringContaining("ENVD"),
    })
  })

  it("not_found for an operation id Dreamkas does not know", async () => {
    expect(
      await providerFor(dreamkas).check({
        externalId: "ftx_never:0",
        vendorDocumentId: "0123456789abcdef0123456789abcdef",
      })
    ).toEqual({ kind: "not_found" })
  })

  it("an operation id Dreamkas does not know is confirmed by the external id before not_found", async () => {
    const provider = providerFor(dreamkas)
    const ref = await registered(provider)
    await dreamkas.idle()
    const { exchanges, ctx } = exchangeLog()
    const status = await provider.check(
      {
        externalId: ref.externalId,
        vendorDocumentId: "ffffffffffffffffffffffffffffffff",
      },
      ctx
    )
    expect(status.kind).toBe("done")
    expect(exchanges.map((e) => `${e.operation} ${e.http_status}`)).toEqual([
      "operation 404",
      "operations 200",
      "fiscal_receipt 200",
    ])
  })

  it("a failing read of the fiscal receipt is retryable, and the next check is done", async () => {
    const provider = providerFor(dreamkas)
    const ref = await registered(provider)
    await dreamkas.idle()
    dreamkas.setFaults({
      next: [{ fault: "server_error", on: "fiscal_receipt" }],
    })
    await expect(provider.check(ref)).rejects.toBeInstanceOf(RetryableError)
    expect((await provider.check(ref)).kind).toBe("done")
  })

  it("connection loss, 500 and 503 on a status check are retryable", async () => {
    // one of the faults is a hang: a short timeout keeps the test quick
    const provider = providerFor(dreamkas, { timeout_ms: HANG_TIMEOUT_MS })
    const ref = await registered(provider)
    for (const fault of [
      "process_then_drop",
      "server_error",
      "unavailable",
      "hang",
    ] as const) {
      dreamkas.setFaults({ next: [{ fault, on: "operation" }] })
      await expect(provider.check(ref)).rejects.toBeInstanceOf(RetryableError)
    }
  })
})

describe("check by externalId (no operation id known)", () => {
  it("finds the operation through GET /api/operations?externalId=", async () => {
    const provider = providerFor(dreamkas)
    const ref = await registered(provider)
    await dreamkas.idle()
    const { exchanges, ctx } = exchangeLog()
    // the operation id is handed back, so the pipeline can match later webhooks
    expect(
      await provider.check({ externalId: ref.externalId }, ctx)
    ).toMatchObject({ kind: "done", vendorDocumentId: ref.vendorDocumentId })
    expect(exchanges[0]).toMatchObject({
      operation: "operations",
      url: `${dreamkas.url}/api/operations?externalId=${encodeURIComponent(ref.externalId)}`,
      http_status: 200,
    })
  })

  it("not_found only when Dreamkas answered that there is none", async () => {
    const provider = providerFor(dreamkas)
    await registered(provider)
    expect(await provider.check({ externalId: "ftx_other:0" })).toEqual({
      kind: "not_found",
    })
  })

  it.each([
    "server_error",
    "unavailable",
    "rate_limit",
    "hang",
    "process_then_drop",
  ] as const)(
    "a %s on the lookup throws instead of claiming not_found",
    async (fault) => {
      const provider = providerFor(dreamkas, { timeout_ms: HANG_TIMEOUT_MS })
      const ref = await registered(provider)
      dreamkas.setFaults({ next: [{ fault, on: "operations" }] })
      await expect(
        provider.check({ externalId: ref.externalId })
      ).rejects.toBeInstanceOf(RetryableError)
    }
  )

  it("of several operations under one externalId, a SUCCESS one decides", async () => {
    dreamkas.configure({ duplicateExternalId: "accept_new" })
    const provider = providerFor(dreamkas)
    const id = externalId()
    dreamkas.setFaults({ failNext: { code: "RECEIPT_TIMEOUT" } })
    await provider.register({
      externalId: id,
      document: saleDocument(),
      company: TEST_COMPANY,
    })
    await dreamkas.idle()
    await provider.register({
      externalId: id,
      document: saleDocument(),
      company: TEST_COMPANY,
    })
    await dreamkas.idle()
    expect(dreamkas.ledger().map((e) => e.status)).toEqual(["ERROR", "SUCCESS"])
    expect(await provider.check({ externalId: id })).toMatchObject({
      kind: "done",
    })
  })
})

describe("parseCallback (webhooks {action, type, data})", () => {
  it("names the operation of OPERATION and RECEIPT webhooks, and nothing else", async () => {
    const sink = await startWebhookSink()
    try {
      const provider = providerFor(dreamkas)
      const ref = await registered(provider)
      const created = await fetch(`${dreamkas.url}/api/webhooks`, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${providerConfigToken()}`,
          "Content-Type": "application/json",
        },
        body: JSON.stringify({
          url: sink.url,
          isActive: true,
          types: { operations: true, receipts: true },
        }),
      })
      expect(created.status).toBe(200)
      const second = await registered(provider)
      await dreamkas.idle()
      const kinds = sink.bodies.map((b) => `${b.type} ${b.action}`)
      expect(kinds).toEqual(
        expect.arrayContaining([
          "OPERATION CREATE",
          "OPERATION UPDATE",
          "RECEIPT CREATE",
        ])
      )
      for (const rawBody of sink.raw) {
        expect(await provider.parseCallback!({ headers: {}, rawBody })).toEqual(
          {
            vendorDocumentId: second.vendorDocumentId,
          }
        )
      }
      expect(second.vendorDocumentId).not.toBe(ref.vendorDocumentId)
    } finally {
      await sink.close()
    }
  })

  it.each([
    ["not JSON", "status=SUCCESS"],
    ["an array", "[]"],
    ["empty", ""],
    ["no data", JSON.stringify({ action: "UPDATE", type: "OPERATION" })],
    [
      "another type",
      JSON.stringify({
        action: "UPDATE",
        type: "PRODUCT",
        data: { id: "0123456789abcdef" },
      }),
    ],
    [
      "an id that is not one",
      JSON.stringify({
        action: "UPDATE",
        type: "OPERATION",
        data: { id: "../../etc/passwd" },
      }),
    ],
    [
      "a numeric id",
      JSON.stringify({
        action: "UPDATE",
        type: "OPERATION",
        data: { id: 12345678 },
      }),
    ],
    [
      "a receipt without operationId",
      JSON.stringify({
        action: "CREATE",
        type: "RECEIPT",
        data: { id: "abc" },
      }),
    ],
  ])("returns null for %s", async (_name, body) => {
    expect(
      await providerFor(dreamkas).parseCallback!({
        headers: {},
        rawBody: Buffer.from(body),
      })
    ).toBeNull()
  })

  it("takes nothing but the id from the body: a claimed SUCCESS is not trusted", async () => {
    const body = {
      action: "UPDATE",
      type: "OPERATION",
      data: {
        id: "0123456789abcdef0123456789abcdef",
        status: "SUCCESS",
        externalId: "ftx_1:0",
      },
    }
    expect(
      await providerFor(dreamkas).parseCallback!({
        headers: {},
        rawBody: Buffer.from(JSON.stringify(body)),
      })
    ).toEqual({ vendorDocumentId: "0123456789abcdef0123456789abcdef" })
  })
})

function providerConfigToken(): string {
  return dreamkas.accounts[0].token
}
