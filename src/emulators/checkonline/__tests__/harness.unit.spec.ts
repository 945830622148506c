import fs from "node:fs"
import os from "node:os"
import path from "node:path"

import request from "supertest"

import { runCli } from "../../cli"
import checkonline from "../../../providers/checkonline"
import { harness } from "../harness"
import type { RunningHarness } from "../../harness"

function sink() {
  let text = ""
  return { write: (chunk: string) => (text += chunk), text: () => text }
}

const company = {
  email: "shop@example.com",
  payment_address: "https://shop.example",
}
const document = {
  type: "sell" as const,
  lines: [
    {
      name: "Товар",
      price: 10000,
      quantity: 1,
      sum: 10000,
      vat: "vat22" as const,
      payment_method: "full_payment" as const,
      payment_object: "commodity" as const,
      measure: 0,
      source: { kind: "item" as const, id: "i" },
    },
  ],
  payments: [{ type: "cashless" as const, sum: 10000 }],
  total: 10000,
  customer: { email: "buyer@example.com" },
}

describe("harness", () => {
  let running: RunningHarness
  beforeAll(async () => {
    running = await harness.start({ port: 0, processingDelayMs: 1 })
  })
  afterAll(() => running.close())
  beforeEach(() => running.reset())

  it("gives a provider config that registers receipts, and a vendor-neutral ledger", async () => {
    expect(harness.provider).toBe("checkonline")
    expect(running.connection).toMatchObject({
      base_url: running.url,
      timeout_ms: 3_000,
    })
    const provider = checkonline.create(
      checkonline.parseConfig(running.connection)
    )
    const outcome = await provider.register({
      externalId: "ftx_h1",
      document: { ...document, additional_check_props: "123" },
      company: { ...company, ...running.company },
    })
    expect(running.ledger()).toEqual([
      {
        external_id: "ftx_h1",
        vendor_document_id: outcome.vendorDocumentId,
        operation: "sell",
        total: 10000,
        status: "done",
        additional_check_props: "123",
      },
    ])
  })

  it("serverErrorRate and dropAfterProcessingRate apply to registrations", async () => {
    const provider = checkonline.create(
      checkonline.parseConfig(running.connection)
    )
    running.setFaults({ serverErrorRate: 1 })
    await expect(
      provider.register({
        externalId: "ftx_h2",
        document,
        company: { ...company, ...running.company },
      })
    ).rejects.toMatchObject({ kind: "retryable" })
    running.setFaults({ serverErrorRate: 0, dropAfterProcessingRate: 1 })
    await expect(
      provider.register({
        externalId: "ftx_h2",
        document,
        company: { ...company, ...running.company },
      })
    ).rejects.toMatchObject({ kind: "indeterminate" })
    running.setFaults({ dropAfterProcessingRate: 0 })
    await expect(
      provider.register({
        externalId: "ftx_h2",
        document,
        company: { ...company, ...running.company },
      })
    ).resolves.toMatchObject({ kind: "registered" })
    expect(running.ledger()).toHaveLength(1)
  })
})

describe("medusa-fiscal-emulator checkonline", () => {
  it("starts, writes the public test certificates and prints how to connect and drive it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "checkonline-cli-"))
    const out = sink()
    const running = await runCli(
      [
        "checkonline",
        "--port",
        "0",
        "--delay",
        "0",
        `--certs-dir=${dir}`,
        "--cert-check=http",
      ],
      out,
      sink()
    )
    try {
      expect(running).toBeDefined()
      const text = out.text()
      expect(text).toContain(
        `Checkonline emulator listening on ${running!.url}`
      )
      expect(text).toContain(`certificate:    ${path.join(dir, "client.crt")}`)
      expect(text).toContain("group TEST-ENTERPRISE: INN 7700000009")
      expect(text).toContain(`curl --cacert ${path.join(dir, "ca.crt")}`)
      const [ca, cert, key] = ["ca.crt", "client.crt", "client.key"].map((f) =>
        fs.readFileSync(path.join(dir, f), "utf8")
      )
      expect(
        (fs.statSync(path.join(dir, "client.key")).mode & 0o777).toString(8)
      ).toBe("600")
      const res = await request(running!.url)
        .get("/__control/enterprises")
        .ca(ca)
        .cert(cert)
        .key(key)
      expect(res.status).toBe(200)
      expect(
        (await request(running!.url).get("/__control/ledger").ca(ca)).status
      ).toBe(400)
    } finally {
      await running?.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it("refuses unknown values of its flags", async () => {
    const err = sink()
    await expect(
      runCli(["checkonline", "--port", "0", "--cert-check=maybe"], sink(), err)
    ).rejects.toThrow("--cert-check must be tls or http")
  })
})
