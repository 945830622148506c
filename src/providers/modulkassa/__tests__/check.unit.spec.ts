import type { ModulKassaEmulator } from "medusa-fiscal-emulator/modulkassa"
import {
  IndeterminateError,
  RetryableError,
} from "../../../modules/fiscal/errors"
import { uuidV5 } from "../document-id"
import { TEST_COMPANY, saleDocument } from "./fixtures"
import {
  exchangeLog,
  providerFor,
  resetProcessState,
  startCallbackSink,
  startTestEmulator,
} from "./harness"
import { waitUntil } from "../../_shared/__tests__/spec-helpers"
import { useEmulator } from "../../_shared/__tests__/use-emulator"

let modul: ModulKassaEmulator
let seq = 0
const externalId = () => `ftx_check_${++seq}`

useEmulator(
  () => startTestEmulator(),
  (e) => (modul = e),
  resetProcessState
)

async function registered(
  provider = providerFor(modul),
  document = saleDocument(),
  callbackUrl?: string
) {
  const id = externalId()
  const outcome = await provider.register({
    externalId: id,
    document,
    company: TEST_COMPANY,
    callbackUrl,
  })
  return { externalId: id, vendorDocumentId: outcome.vendorDocumentId }
}

describe('check: DocumentStatus → outcome (docs/vendors/modulkassa.md, "Document status")', () => {
  it("QUEUED is wait; COMPLETED is done with the fiscal data of FiscalInfo", async () => {
    const provider = providerFor(modul)
    modul.setFaults({ stuckInWait: true })
    const ref = await registered(provider)
    expect(await provider.check(ref)).toEqual({ kind: "wait" })

    modul.setFaults({ stuckInWait: false })
    await modul.idle()
    const status = await provider.check(ref)
    const [entry] = modul.ledger()
    const info = entry.fiscalInfo!
    expect(entry.status).toBe("COMPLETED")
    expect(status).toEqual({
      kind: "done",
      fiscal: {
        fiscal_document_number: String(info.fnDocNumber),
        fiscal_document_attribute: String(info.fnDocMark),
        fiscal_receipt_number: String(info.checkNumber),
        shift_number: String(info.shiftNumber),
        fn_number: info.fnNumber,
        ecr_registration_number: info.ecrRegistrationNumber,
        registered_at: expect.stringMatching(
          /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/
        ),
        total: 279000,
      },
    })
  })

  it("PENDING is wait", async () => {
    const slow = await startTestEmulator({
      // close() drops the timers: nothing waits for the long processing
      processingDelayMs: 60_000,
      kassaPollMs: 5,
    })
    try {
      const provider = providerFor(slow)
      const ref = await registered(provider)
      await waitUntil(
        () => slow.ledger()[0].status !== "QUEUED",
        "the kassa to take the document"
      )
      expect(slow.ledger()[0].status).toBe("PENDING")
      expect(await provider.check(ref)).toEqual({ kind: "wait" })
    } finally {
      await slow.close()
    }
  })

  it("PRINTED (no responseURL, emulator keeps PRINTED) is done", async () => {
    const printed = await startTestEmulator({
      finalStatusWithoutCallback: "PRINTED",
    })
    try {
      const provider = providerFor(printed)
      const ref = await registered(provider)
      await printed.idle()
      expect(printed.ledger()[0].status).toBe("PRINTED")
      expect(await provider.check(ref)).toMatchObject({
        kind: "done",
        fiscal: { total: 279000 },
      })
    } finally {
      await printed.close()
    }
  })

  it("WAIT_FOR_CALLBACK (the shop's endpoint fails) is done: the receipt is fiscalized", async () => {
    const sink = await startCallbackSink(500)
    try {
      const provider = providerFor(modul)
      const ref = await registered(provider, saleDocument(), sink.url)
      await modul.idle()
      expect(modul.ledger()[0].status).toBe("WAIT_FOR_CALLBACK")
      expect(sink.requests).toHaveLength(3)
      expect(await provider.check(ref)).toMatchObject({ kind: "done" })
    } finally {
      await sink.close()
    }
  })

  it("a kassa that is not READY keeps documents queued (wait) until it is", async () => {
    const provider = providerFor(modul)
    modul.setFnState("FAILED")
    const ref = await registered(provider)
    await modul.idle()
    expect(await provider.check(ref)).toEqual({ kind: "wait" })
    modul.setFnState("READY")
    await modul.idle()
    expect((await provider.check(ref)).kind).toBe("done")
  })

  it.each([
    ["FN_EXPIRED", "Истёк срок действия ФН"],
    [
      "FN_MEMORY_OVERFLOW",
      "Переполнение памяти ФН: документы не переданы в ОФД более 30 дней",
    ],
  ] as const)(
    "FAILED %s → failed, not transient, nothing re-queued",
    async (type, message) => {
      const provider = providerFor(modul)
      modul.setFaults({ failNext: { type } })
      const ref = await registered(provider)
      await modul.idle()
      expect(await provider.check(ref)).toEqual({
        kind: "failed",
        code: type,
        message,
        transient: false,
      })
      expect(modul.ledger()[0].requeues).toBe(0)
    }
  )

  it("FAILED by the kassa's own checks (taxation system) → failed, not transient", async () => {
    const provider = providerFor(modul)
    const ref = await registered(provider)
    await provider.register({
      externalId: "envd",
      document: saleDocument(),
      company: { ...TEST_COMPANY, sno: "envd" },
    })
    await modul.idle()
    expect(await provider.check({ externalId: "envd" })).toEqual({
      kind: "failed",
      code: "NON_FN_FAILURE",
      message: "Система налогообложения ENVD не зарегистрирована в ККТ",
      transient: false,
    })
    expect((await provider.check(ref)).kind).toBe("done")
  })

  it("a passing failure is re-queued under the same id: one document, then done", async () => {
    const provider = providerFor(modul)
    modul.setFaults({ failNext: { type: "FN_GENERIC_FAILURE" } })
    const ref = await registered(provider)
    await modul.idle()
    const { exchanges, ctx } = exchangeLog()
    expect(await provider.check(ref, ctx)).toEqual({ kind: "wait" })
    expect(
      exchanges.map((e) => `${e.method} ${e.operation} ${e.http_status}`)
    ).toEqual(["GET status 200", "PUT requeue 200"])
    await modul.idle()
    expect((await provider.check(ref)).kind).toBe("done")
    expect(modul.ledger()).toHaveLength(1)
    expect(modul.ledger()[0]).toMatchObject({
      requeues: 1,
      status: "COMPLETED",
    })
  })

  it("a failure that keeps passing is reported after auto_requeue_limit re-queues, not transient", async () => {
    const provider = providerFor(modul, { auto_requeue_limit: 2 })
    modul.setFaults({
      failNext: {
        type: "NON_FN_FAILURE",
        message: "Нет связи с ККТ: timeout",
        count: 3,
      },
    })
    const ref = await registered(provider)
    for (let i = 0; i < 2; i++) {
      await modul.idle()
      expect(await provider.check(ref)).toEqual({ kind: "wait" })
    }
    await modul.idle()
    expect(await provider.check(ref)).toEqual({
      kind: "failed",
      code: "NON_FN_FAILURE",
      message: "Нет связи с ККТ: timeout (still failing after 2 re-queues)",
      transient: false,
    })
    expect(modul.ledger()[0].requeues).toBe(2)
  })

  it("with re-queueing off a passing failure is reported transient (the pipeline sends a new document)", async () => {
    const provider = providerFor(modul, { auto_requeue_limit: 0 })
    modul.setFaults({ failNext: { type: "FN_GENERIC_FAILURE" } })
    const ref = await registered(provider)
    await modul.idle()
    expect(await provider.check(ref)).toMatchObject({
      kind: "failed",
      code: "FN_GENERIC_FAILURE",
      transient: true,
    })
  })

  it("not_found for an id МодульКасса does not know: 404, and 400 for a UUID", async () => {
    expect(
      await providerFor(modul).check({ externalId: "ftx_never_sent" })
    ).toEqual({ kind: "not_found" })
    const fourHundred = await startTestEmulator({ unknownDocumentStatus: 400 })
    try {
      const provider = providerFor(fourHundred)
      expect(await provider.check({ externalId: "ftx_never_sent" })).toEqual({
        kind: "not_found",
      })
      // A 400 for a non-UUID id cannot be told from a malformed request: no guess.
      await expect(
        providerFor(fourHundred, { document_id: "external_id" }).check({
          externalId: "ftx_never_sent",
        })
      ).rejects.toBeInstanceOf(IndeterminateError)
    } finally {
      await fourHundred.close()
    }
  })

  it("looks the document up by the stored vendor id, else by the id derived from the external id", async () => {
    const provider = providerFor(modul)
    const ref = await registered(provider)
    const { exchanges, ctx } = exchangeLog()
    await provider.check({ externalId: ref.externalId }, ctx)
    await provider.check(
      { externalId: "other", vendorDocumentId: ref.vendorDocumentId },
      ctx
    )
    expect(exchanges.map((e) => e.url)).toEqual([
      `${modul.url}/api/fn/v1/doc/${uuidV5(ref.externalId)}/status`,
      `${modul.url}/api/fn/v1/doc/${uuidV5(ref.externalId)}/status`,
    ])
  })

  it("500 and connection loss on status are retryable", async () => {
    const provider = providerFor(modul)
    const ref = await registered(provider)
    modul.setFaults({
      next: [
        { fault: "server_error", on: "status" },
        { fault: "process_then_drop", on: "status" },
      ],
    })
    await expect(provider.check(ref)).rejects.toBeInstanceOf(RetryableError)
    await expect(provider.check(ref)).rejects.toBeInstanceOf(RetryableError)
  })
})

describe("parseCallback", () => {
  it("names the document of the emulator's JSON notice by the docNum we sent", async () => {
    const sink = await startCallbackSink()
    try {
      const provider = providerFor(modul)
      const ref = await registered(provider, saleDocument(), sink.url)
      await modul.idle()
      const [notice] = sink.requests
      expect(notice.url).toBe(
        `/hooks/fiscal/modulkassa/s3cret?external_id=${ref.externalId}`
      )
      const parsed = await provider.parseCallback({
        headers: { "content-type": notice.contentType },
        rawBody: notice.body,
      })
      expect(parsed).toEqual({ externalId: ref.externalId })
      expect(modul.ledger()[0].status).toBe("COMPLETED")
    } finally {
      await sink.close()
    }
  })

  it("reads a form-encoded notice", async () => {
    const formModul = await startTestEmulator({ callbackFormat: "form" })
    const sink = await startCallbackSink()
    try {
      const provider = providerFor(formModul)
      const ref = await registered(provider, saleDocument(), sink.url)
      await formModul.idle()
      const [notice] = sink.requests
      expect(notice.contentType).toBe("application/x-www-form-urlencoded")
      expect(
        Object.fromEntries(new URLSearchParams(notice.body.toString()))
      ).toMatchObject({
        id: ref.vendorDocumentId,
        docNum: ref.externalId,
        status: "SUCCESS",
        qr: expect.stringMatching(
          /^t=\d{8}T\d{4}&s=2790\.00&fn=\d{16}&i=\d+&fp=\d{10}&n=1$/
        ),
      })
      expect(
        await provider.parseCallback({
          headers: { "content-type": notice.contentType },
          rawBody: notice.body,
        })
      ).toEqual({ externalId: ref.externalId })
    } finally {
      await sink.close()
      await formModul.close()
    }
  })

  it("prefers the external_id of the responseURL when the route passes the URL", async () => {
    const provider = providerFor(modul)
    const request = {
      url: "/hooks/fiscal/modulkassa/s3cret?external_id=ftx_42",
      headers: {},
      rawBody: Buffer.alloc(0),
    }
    expect(await provider.parseCallback(request)).toEqual({
      externalId: "ftx_42",
    })
  })

  it("a body with only the document id names it by vendor id (UUID mode) or external id", async () => {
    const id = uuidV5("ftx_7")
    const rawBody = Buffer.from(JSON.stringify({ id, status: "COMPLETED" }))
    expect(
      await providerFor(modul).parseCallback({ headers: {}, rawBody })
    ).toEqual({ vendorDocumentId: id })
    const plain = Buffer.from(JSON.stringify({ id: "ftx_7" }))
    expect(
      await providerFor(modul, { document_id: "external_id" }).parseCallback({
        headers: {},
        rawBody: plain,
      })
    ).toEqual({ externalId: "ftx_7" })
  })

  it.each([
    ["not JSON nor a form", "<xml/>"],
    ["an array", "[]"],
    ["broken JSON", '{"id":'],
    ["no id", JSON.stringify({ status: "COMPLETED" })],
    ["an id that is not one", JSON.stringify({ id: "../../etc/passwd" })],
    ["empty", ""],
    ["too large", JSON.stringify({ id: "ftx_1", pad: "x".repeat(70_000) })],
  ])("returns null for %s", async (_name, body) => {
    expect(
      await providerFor(modul).parseCallback({
        headers: {},
        rawBody: Buffer.from(body),
      })
    ).toBeNull()
  })

  it("ignores a docNum that does not belong to the id", async () => {
    const rawBody = Buffer.from(
      JSON.stringify({ id: uuidV5("a"), docNum: "b" })
    )
    expect(
      await providerFor(modul).parseCallback({ headers: {}, rawBody })
    ).toEqual({ vendorDocumentId: uuidV5("a") })
  })
})
