import type { CheckonlineEmulator } from "medusa-fiscal-emulator/checkonline"
import {
  AuthError,
  ConfigError,
  IndeterminateError,
  RetryableError,
  ValidationError,
  VendorFailedError,
} from "../../../modules/fiscal/errors"
import type { RegisterOutcome } from "../../../modules/fiscal/types/provider"
import { TEST_COMPANY, line, saleDocument } from "./fixtures"
import {
  exchangeLog,
  externalId,
  providerFor,
  startTestEmulator,
} from "./harness"
import {
  expectRefusedConnectionRetryable,
  registerWithDefaults,
  HANG_TIMEOUT_MS,
  waitUntil,
} from "../../_shared/__tests__/spec-helpers"
import { useEmulator } from "../../_shared/__tests__/use-emulator"

let emulator: CheckonlineEmulator

useEmulator(
  () => startTestEmulator(),
  (e) => (emulator = e)
)

const registerWith = registerWithDefaults({
  provider: () => providerFor(emulator),
  externalId,
  document: () => saleDocument(),
  company: TEST_COMPANY,
})

function requestOf(index = 0) {
  return emulator.ledger()[index].request as Record<string, unknown>
}

describe('register: a successful answer is the registered receipt (docs/vendors/checkonline.md, "Answers")', () => {
  it("returns registered with the fiscal data, and the ledger holds one done receipt", async () => {
    const id = externalId()
    const outcome = await registerWith(providerFor(emulator), id)
    const [entry] = emulator.ledger()
    expect(outcome).toEqual({
      kind: "registered",
      vendorDocumentId: `${entry.fiscal!.fn_number}-${entry.fiscal!.fiscal_document_number}`,
      duplicate: false,
      fiscal: {
        fiscal_document_number: String(entry.fiscal!.fiscal_document_number),
        fiscal_document_attribute: String(entry.fiscal!.fiscal_sign),
        fiscal_receipt_number: "1",
        shift_number: "1",
        fn_number: entry.fiscal!.fn_number,
        ecr_registration_number: entry.fiscal!.registration_number,
        registered_at: new Date(
          Math.floor(Date.parse(entry.fiscal!.registered_at) / 1000) * 1000
        ).toISOString(),
        total: 279000,
      },
    })
    expect(entry).toMatchObject({
      request_id: id,
      status: "done",
      operation: "sell",
      total: 279000,
      group: "TEST-ENTERPRISE",
    })
    expect(emulator.ledger()).toHaveLength(1)
  })

  it("sends refunds as DocumentType 2 (возврат прихода)", async () => {
    await registerWith(
      providerFor(emulator),
      externalId(),
      saleDocument({ type: "sell_refund" })
    )
    expect(emulator.ledger()[0]).toMatchObject({
      operation: "sell_refund",
      document_type: 2,
    })
  })

  it("carries the resell requisite (tag 1192)", async () => {
    await registerWith(
      providerFor(emulator),
      externalId(),
      saleDocument({ additional_check_props: "2837465519" })
    )
    expect(emulator.ledger()[0].additional_check_props).toBe("2837465519")
  })

  it("sends Group, ClientId and Device from the settings", async () => {
    const provider = providerFor(emulator, {
      group: "TEST-ENTERPRISE",
      client_id: "site-2",
      device: "KKT-2",
    })
    await registerWith(provider)
    expect(requestOf()).toMatchObject({
      Group: "TEST-ENTERPRISE",
      ClientId: "site-2",
      Device: "KKT-2",
    })
    expect(emulator.ledger()[0]).toMatchObject({
      client_id: "site-2",
      device: "KKT-2",
    })
  })
})

describe('register: the answer cache makes a repeat safe (docs/vendors/checkonline.md, "Idempotency")', () => {
  it("a repeat of the RequestId returns the same receipt; nothing is printed twice", async () => {
    const provider = providerFor(emulator)
    const id = externalId()
    const first = await registerWith(provider, id)
    const second = await registerWith(provider, id)
    expect(second).toEqual(first)
    expect(emulator.ledger()).toHaveLength(1)
    expect(emulator.stats().cache_hits).toBe(1)
  })

  it("the same RequestId under another ClientId is another receipt (the cache key has all three)", async () => {
    const id = externalId()
    await registerWith(providerFor(emulator, { client_id: "site-1" }), id)
    await registerWith(providerFor(emulator, { client_id: "site-2" }), id)
    expect(emulator.ledger().map((e) => e.client_id)).toEqual([
      "site-1",
      "site-2",
    ])
  })

  it("a timeout after the cloud registered → Indeterminate; the resend returns the receipt, one in the ledger", async () => {
    const provider = providerFor(emulator, { timeout_ms: HANG_TIMEOUT_MS })
    const id = externalId()
    emulator.setFaults({ next: [{ fault: "process_then_hang" }] })
    const error = await registerWith(provider, id).catch((e) => e)
    expect(error).toBeInstanceOf(IndeterminateError)
    expect(error.code).toBe("ETIMEDOUT")
    expect(emulator.ledger()).toHaveLength(1)

    const resend = (await registerWith(provider, id)) as Extract<
      RegisterOutcome,
      { kind: "registered" }
    >
    expect(resend.kind).toBe("registered")
    expect(resend.fiscal.fiscal_document_number).toBe(
      String(emulator.ledger()[0].fiscal!.fiscal_document_number)
    )
    expect(emulator.ledger()).toHaveLength(1)
  })

  it("a reset after the cloud registered → Indeterminate (the probe shows the certificate is fine); the resend finds it", async () => {
    const provider = providerFor(emulator)
    const id = externalId()
    emulator.setFaults({ next: [{ fault: "process_then_drop" }] })
    const { exchanges, ctx } = exchangeLog()
    await expect(
      registerWith(provider, id, saleDocument(), ctx)
    ).rejects.toBeInstanceOf(IndeterminateError)
    expect(
      exchanges.map((e) => [
        e.operation,
        e.method,
        e.http_status ?? e.error?.split(":")[0],
      ])
    ).toEqual([
      ["register", "POST", "ECONNRESET"],
      ["probe", "GET", 405],
    ])
    expect(await registerWith(provider, id)).toMatchObject({
      kind: "registered",
    })
    expect(emulator.ledger()).toHaveLength(1)
  })

  it("a hang before anything was done → Indeterminate; the resend registers once", async () => {
    const provider = providerFor(emulator, { timeout_ms: HANG_TIMEOUT_MS })
    const id = externalId()
    emulator.setFaults({ next: [{ fault: "hang" }] })
    await expect(registerWith(provider, id)).rejects.toBeInstanceOf(
      IndeterminateError
    )
    expect(emulator.ledger()).toHaveLength(0)
    await expect(registerWith(provider, id)).resolves.toMatchObject({
      kind: "registered",
    })
    expect(emulator.ledger()).toHaveLength(1)
  })

  it("concurrent sends of one RequestId join the first execution: one receipt, same answer", async () => {
    const slow = await startTestEmulator()
    try {
      const provider = providerFor(slow)
      const id = externalId()
      // the first execution is held until all three have arrived, however slow the machine
      slow.setFaults({ stuckInWait: true })
      const sends = Promise.all([
        registerWith(provider, id),
        registerWith(provider, id),
        registerWith(provider, id),
      ])
      await waitUntil(
        () => slow.stats().requests.complex === 3,
        "all three sends to arrive"
      )
      slow.setFaults({ stuckInWait: false })
      const outcomes = await sends
      expect(new Set(outcomes.map((o) => o.vendorDocumentId)).size).toBe(1)
      expect(slow.ledger()).toHaveLength(1)
      expect(slow.stats().joined_repeats).toBe(2)
    } finally {
      await slow.close()
    }
  })
})

describe("register: cloud errors (HTTP 500 + FCEError)", () => {
  it("Fatal: false → Retryable, nothing registered; the same RequestId then registers", async () => {
    const provider = providerFor(emulator)
    const id = externalId()
    emulator.setFaults({
      next: [{ fault: "server_error" }, { fault: "no_free_device" }],
    })
    const first = await registerWith(provider, id).catch((e) => e)
    expect(first).toBeInstanceOf(RetryableError)
    expect(first).toMatchObject({ code: "fce_6", httpStatus: 500 })
    expect(first.message).toMatch(
      /cloud error 6 - Внутренняя ошибка сервиса \[LogRequestId [0-9a-f]{32}\]/
    )
    await expect(registerWith(provider, id)).rejects.toMatchObject({
      code: "fce_5",
      kind: "retryable",
    })
    expect(emulator.ledger()).toHaveLength(0)
    await expect(registerWith(provider, id)).resolves.toMatchObject({
      kind: "registered",
    })
  })

  it("Fatal: true about the data → ValidationError naming the fields", async () => {
    const error = await registerWith(
      providerFor(emulator, { tax_ids: { vat22: 99 } }),
      externalId(),
      saleDocument()
    ).catch((e) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.code).toBe("fce_2")
    expect(error.fields).toEqual(["Lines[0].TaxId", "Lines[1].TaxId"])
    expect(emulator.ledger()).toHaveLength(0)
  })

  it("a fatal refusal is not cached: after the fix the same RequestId registers", async () => {
    const id = externalId()
    await expect(
      registerWith(providerFor(emulator, { tax_ids: { vat22: 99 } }), id)
    ).rejects.toBeInstanceOf(ValidationError)
    await expect(
      registerWith(providerFor(emulator), id)
    ).resolves.toMatchObject({ kind: "registered" })
  })

  it("a foreign Group → AuthError", async () => {
    const error = await registerWith(
      providerFor(emulator, { group: "SOMEONE-ELSE" })
    ).catch((e) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect(error.code).toBe("fce_3")
  })

  it("an unknown Device → ConfigError", async () => {
    const error = await registerWith(
      providerFor(emulator, { device: "KKT-404" })
    ).catch((e) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toMatch(/device setting/)
  })

  it("an unknown fatal cloud error → VendorFailedError; an unknown non-fatal one → Retryable", async () => {
    emulator.setFaults({
      cloudErrorNext: {
        code: 77,
        fatal: true,
        description: "Касса заблокирована",
      },
    })
    await expect(registerWith()).rejects.toBeInstanceOf(VendorFailedError)
    emulator.setFaults({ cloudErrorNext: { code: 78, fatal: false } })
    await expect(registerWith()).rejects.toBeInstanceOf(RetryableError)
  })
})

describe("register: device errors (HTTP 200, Response.Error ≠ 0)", () => {
  it("a passing device error → Retryable; it is not cached, so the same RequestId registers next time", async () => {
    const provider = providerFor(emulator)
    const id = externalId()
    emulator.setFaults({ deviceErrorNext: { code: 17 } })
    const error = await registerWith(provider, id).catch((e) => e)
    expect(error).toBeInstanceOf(RetryableError)
    expect(error.code).toBe("device_17")
    expect(error.message).toContain("Нет транспортного соединения с ОФД")
    await expect(registerWith(provider, id)).resolves.toMatchObject({
      kind: "registered",
    })
    expect(emulator.ledger().map((e) => e.status)).toEqual(["done"])
  })

  it("a final device error → VendorFailed; it is cached, so a repeat gets the same refusal", async () => {
    const provider = providerFor(emulator)
    const id = externalId()
    emulator.setFaults({
      deviceErrorNext: {
        code: 69,
        messages: ["Сумма оплат меньше итога чека"],
      },
    })
    const error = await registerWith(provider, id).catch((e) => e)
    expect(error).toBeInstanceOf(VendorFailedError)
    expect(error.code).toBe("device_69")
    expect(error.message).toMatch(/under a new one when retried/)
    await expect(registerWith(provider, id)).rejects.toMatchObject({
      code: "device_69",
    })
    expect(emulator.ledger().map((e) => e.status)).toEqual(["fail"])
  })

  it("a taxation system the cash register is not registered for → device error 51 (VendorFailed)", async () => {
    const provider = providerFor(emulator, { group: "TEST-ENTERPRISE-2" })
    const error = await registerWith(provider).catch((e) => e)
    expect(error).toBeInstanceOf(VendorFailedError)
    expect(error.code).toBe("device_51")
  })
})

describe("register: transport and data", () => {
  it("connection refused → Retryable", () =>
    expectRefusedConnectionRetryable(startTestEmulator, providerFor, (p) =>
      registerWith(p)
    ))

  it("a document Checkonline cannot carry is refused before sending", async () => {
    const document = saleDocument({
      lines: [line({ price: 14286, quantity: 0.7, sum: 10001 })],
      total: 10001,
      payments: [{ type: "cashless", sum: 10001 }],
    })
    const { exchanges, ctx } = exchangeLog()
    const error = await registerWith(
      providerFor(emulator),
      externalId(),
      document,
      ctx
    ).catch((e) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.fields).toEqual(["Lines[0].Price", "Lines[0].Qty"])
    expect(exchanges).toHaveLength(0)
  })

  it("reports each exchange with the operator password redacted and no certificate material", async () => {
    const { exchanges, ctx } = exchangeLog()
    await registerWith(providerFor(emulator), externalId(), saleDocument(), ctx)
    expect(exchanges).toHaveLength(1)
    expect(exchanges[0]).toMatchObject({
      operation: "register",
      method: "POST",
      url: `${emulator.url}/fr/api/v2/Complex`,
      http_status: 200,
    })
    expect((exchanges[0].request as { Password: unknown }).Password).toBe("***")
    const text = JSON.stringify(exchanges)
    expect(text).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/)
  })
})
