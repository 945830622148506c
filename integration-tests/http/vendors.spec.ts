import type FiscalModuleService from "../../src/modules/fiscal/service"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import path from "node:path"
import { HARNESSES, type RunningHarness } from "medusa-fiscal-emulator"
import { adminHeaders } from "../helpers/admin"
import { testShopOptions } from "../helpers/test-app"
import { processFiscalQueue } from "../helpers/built-plugin"
import { FAKE_PROVIDER_PACKAGE, builtInProvider } from "../helpers/providers"
import {
  drive,
  paymentOf,
  placePaidOrder,
  setUpStore,
  type Tx,
} from "../helpers/store"

jest.setTimeout(600_000)

/**
 * The same pipeline, end to end, against every service that has an emulator: each harness
 * medusa-fiscal-emulator lists is picked up, registered through the plugin option
 * `providers` by its package path. ATOL's own, longer suite is pipeline.spec.ts; here it
 * runs the common scenarios only. Next to them, a provider package from outside the plugin
 * (integration-tests/fixtures/fake-fiscal-provider) is the configured default.
 */
const vendors = Object.keys(HARNESSES).sort()

const BASE_PORT = Number(process.env.FISCAL_TEST_VENDOR_PORT || 48_200)
const FAKE_STORAGE = "9999078900004321"

/** The fake provider's own module, as the app loaded it: what it registered. */
const fake = require(FAKE_PROVIDER_PACKAGE) as {
  registrations(): {
    externalId: string
    type: string
    fiscal: Record<string, string>
  }[]
  reset(): void
}
const running: Record<string, RunningHarness> = {}

beforeAll(async () => {
  for (const [i, vendor] of vendors.entries()) {
    running[vendor] = await HARNESSES[vendor].start({
      port: BASE_PORT + i,
      processingDelayMs: 20,
    })
  }
  // the host app reads the plugin options from here when it boots
  process.env.FISCAL_TEST_OPTIONS = JSON.stringify({
    // new receipts go to the outside package unless a test picks a vendor in the settings
    provider: "fake",
    providers: [
      ...vendors.map((v) => builtInProvider(v, running[v].connection)),
      {
        resolve: FAKE_PROVIDER_PACKAGE,
        id: "fake",
        options: { api_key: "fake-key", fn_number: FAKE_STORAGE },
      },
    ],
    ...testShopOptions(running.atol?.company.inn ?? "5544332219"),
  })
})

afterAll(async () => {
  await Promise.all(Object.values(running).map((r) => r.close()))
})

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../app"),
  testSuite: ({ api, getContainer }) => {
    let headers: { headers: { authorization: string } }
    let regionId: string
    let salesChannelId: string

    async function useVendor(vendor: string) {
      const fiscal = getContainer().resolve<FiscalModuleService>("fiscal")
      const row = await fiscal.getSettingsRow()
      await fiscal.updateFiscalSettings({
        id: row.id,
        provider_id: vendor,
        company_inn: running[vendor].company.inn,
        company_sno: running[vendor].company.sno,
      })
      running[vendor].reset()
    }

    beforeEach(async () => {
      headers = await adminHeaders(getContainer())
      ;({ regionId, salesChannelId } = await setUpStore(api, headers))
    })

    it("finds the emulators", () => {
      expect(vendors).toContain("atol")
    })

    it("fiscalizes a paid order through a provider package registered from outside the plugin", async () => {
      fake.reset()
      const providers = (await api.get("/admin/fiscal/providers", headers)).data
        .providers
      expect(providers.map((p: { id: string }) => p.id).sort()).toEqual(
        [...vendors, "fake"].sort()
      )
      expect(providers.find((p: { id: string }) => p.id === "fake")).toEqual(
        expect.objectContaining({
          identifier: "fake",
          title: "Fake kassa (tests)",
          secretFields: ["api_key"],
        })
      )

      const order = await placePaidOrder(
        api,
        headers,
        { regionId, salesChannelId },
        [{ title: "Чайник", unit_price: 2490, quantity: 1 }]
      )
      const fiscal = getContainer().resolve<FiscalModuleService>("fiscal")
      const [sale] = await drive(
        getContainer(),
        async () =>
          (await fiscal.listFiscalReceipts({ order_id: order.id })) as Tx[],
        (r) => r.some((t) => t.status === "done")
      )
      const registered = fake.registrations()
      expect(registered).toHaveLength(1)
      expect(registered[0]).toMatchObject({
        externalId: sale.external_id,
        type: "sell",
      })
      expect(sale).toMatchObject({
        provider_id: "fake",
        status: "done",
        total: 249000,
        fiscal_document_number: registered[0].fiscal.fiscal_document_number,
        fiscal_document_attribute:
          registered[0].fiscal.fiscal_document_attribute,
        fn_number: FAKE_STORAGE,
      })
    })

    it("atol: a failed receipt becomes its capture's correction; a registered one is taken back and replaced", async () => {
      await useVendor("atol")
      const container = getContainer()
      const fiscal = container.resolve<FiscalModuleService>("fiscal")
      const settings = await fiscal.getSettingsRow()
      // the kassas are registered for another INN: the service fails the receipt
      await fiscal.updateFiscalSettings({
        id: settings.id,
        company_inn: "7707083893",
      })
      const order = await placePaidOrder(
        api,
        headers,
        { regionId, salesChannelId },
        [{ title: "Чайник", unit_price: 2490, quantity: 1 }]
      )
      const receipts = async () =>
        (await fiscal.listFiscalReceipts({ order_id: order.id })) as Tx[]
      const [failed] = await drive(container, receipts, (r) =>
        r.some((t) => t.status === "failed")
      )
      await fiscal.updateFiscalSettings({
        id: settings.id,
        company_inn: running.atol.company.inn,
      })
      const url = `/admin/fiscal/orders/${order.id}/corrections`
      const captureOf = async () =>
        (await api.get(url, headers)).data.movements.find(
          (m: { kind: string }) => m.kind === "capture"
        )
      expect(await captureOf()).toMatchObject({
        id: failed.capture_id,
        correctable: true,
        receipt: { id: failed.id, status: "failed" },
      })
      const converted = (
        await api.post(
          url,
          { target: { kind: "capture", id: failed.capture_id }, type: "self" },
          headers
        )
      ).data.receipt
      expect(converted).toMatchObject({
        id: failed.id,
        source_key: `capture:${failed.capture_id}`,
        type: "sell_correction",
        status: "pending",
        generation: failed.generation + 1,
      })
      let rows = await drive(container, receipts, (r) =>
        r.every((t) => t.status === "done")
      )
      expect(rows.map((t) => t.type)).toEqual(["sell_correction"])

      // taken back whole, then its capture gets the correct receipt
      const reversal = (
        await api.post(
          url,
          { target: { kind: "receipt", id: failed.id }, type: "self" },
          headers
        )
      ).data.receipt
      expect(reversal).toMatchObject({
        source_key: `reversal:${failed.id}`,
        parent_id: failed.id,
        type: "sell_refund_correction",
      })
      await drive(container, receipts, (r) =>
        r.every((t) => t.status === "done")
      )
      expect(await captureOf()).toMatchObject({ correctable: true })
      const reissue = await api.post(
        url,
        {
          target: { kind: "capture", id: failed.capture_id },
          type: "instruction",
          base_number: "12-34/5",
        },
        headers
      )
      expect(reissue.data.receipt.source_key).toBe(
        `correction:${failed.capture_id}`
      )
      rows = await drive(container, receipts, (r) =>
        r.every((t) => t.status === "done")
      )
      expect(rows.map((t) => `${t.type}:${t.total}`).sort()).toEqual([
        "sell_correction:249000",
        "sell_correction:249000",
        "sell_refund_correction:249000",
      ])
      expect(await captureOf()).toMatchObject({
        correctable: false,
        reason: expect.stringMatching(/^Corrected by receipt ФД/),
      })
      const ledger = running.atol.ledger().filter((d) => d.status === "done")
      expect(
        ledger.map((d) => [d.operation, d.total, d.correction?.[1173]])
      ).toEqual([
        ["sell_correction", 249000, 0],
        ["sell_refund_correction", 249000, 0],
        ["sell_correction", 249000, 1],
      ])
    })

    describe.each(vendors)("%s", (vendor) => {
      it("registers a sale receipt for a paid order and a refund receipt for its refund", async () => {
        await useVendor(vendor)
        const order = await placePaidOrder(
          api,
          headers,
          { regionId, salesChannelId },
          [
            { title: "Чайник", unit_price: 2490, quantity: 1 },
            { title: "Кружка", unit_price: 33.33, quantity: 3 },
          ]
        )
        const fiscal = getContainer().resolve<FiscalModuleService>("fiscal")
        const receipts = async () =>
          (await fiscal.listFiscalReceipts({ order_id: order.id })) as Tx[]
        const [sale] = await drive(
          getContainer(),
          receipts,
          (r) => r.some((t) => t.status === "done"),
          { workers: 2 }
        )
        expect(sale).toMatchObject({
          provider_id: vendor,
          status: "done",
          total: 258999,
        })
        expect(sale.fiscal_document_attribute).toBeTruthy()

        const payment = await paymentOf(api, headers, order.id)
        await api.post(
          `/admin/payments/${payment.id}/refund`,
          { amount: 99.99 },
          headers
        )
        const rows = await drive(
          getContainer(),
          receipts,
          (r) => r.some((t) => t.type === "sell_refund" && t.status === "done"),
          { workers: 2 }
        )
        expect(rows.find((t) => t.type === "sell_refund")).toMatchObject({
          status: "done",
          total: 9999,
        })
        const ledger = running[vendor].ledger()
        expect(
          ledger.map((d) => `${d.operation}:${d.status}:${d.total}`).sort()
        ).toEqual(["sell:done:258999", "sell_refund:done:9999"])
      })

      it("corrects a sale and a refund that got no receipt, or says the service registers no corrections", async () => {
        await useVendor(vendor)
        const container = getContainer()
        const fiscal = container.resolve<FiscalModuleService>("fiscal")
        const order = await placePaidOrder(
          api,
          headers,
          { regionId, salesChannelId },
          [{ title: "Чайник", unit_price: 2490, quantity: 1 }]
        )
        const receipts = async () =>
          (await fiscal.listFiscalReceipts({ order_id: order.id })) as Tx[]
        const corrections = async () =>
          (
            await api.get(
              `/admin/fiscal/orders/${order.id}/corrections`,
              headers
            )
          ).data
        const issue = (body: Record<string, unknown>) =>
          api
            .post(`/admin/fiscal/orders/${order.id}/corrections`, body, headers)
            .then(
              (res: { status: number; data: any }) => ({
                status: res.status,
                data: res.data,
              }),
              (e: { response: { status: number; data: any } }) => ({
                status: e.response.status,
                data: e.response.data,
              })
            )
        /** The movement's receipt was never issued: its row and its registration go. */
        const forget = async (row: Tx) => {
          await fiscal.deleteFiscalReceipts(row.id)
          running[vendor].reset()
        }
        const [sale] = await drive(container, receipts, (r) =>
          r.some((t) => t.status === "done")
        )
        await forget(sale)

        let offer = await corrections()
        const capture = offer.movements.find(
          (m: { kind: string }) => m.kind === "capture"
        )
        expect(capture).toMatchObject({
          id: sale.capture_id,
          amount: 249000,
          receipt: null,
        })
        if (vendor !== "atol") {
          // none of these services has a correction operation: never sent as a plain sale
          expect(offer.supported).toEqual({ sell: false, sell_refund: false })
          expect(capture.correctable).toBe(false)
          expect(capture.reason).toMatch(
            /does not register sale correction receipts/
          )
          const refused = await issue({
            target: { kind: "capture", id: capture.id },
            type: "self",
          })
          expect(refused.status).toBe(400)
          expect(refused.data.message).toBe(capture.reason)
          expect(await receipts()).toEqual([])
          expect(running[vendor].ledger()).toEqual([])
          return
        }

        expect(offer.supported).toEqual({ sell: true, sell_refund: true })
        expect(capture).toMatchObject({ correctable: true, reason: null })
        const unnumbered = await issue({
          target: { kind: "capture", id: capture.id },
          type: "instruction",
        })
        expect(unnumbered.status).toBe(400)
        expect(unnumbered.data.message).toMatch(/tag 1179/)
        const first = await issue({
          target: { kind: "capture", id: capture.id },
          type: "self",
        })
        expect(first.status).toBe(200)
        expect(first.data.receipt).toMatchObject({
          source_key: `capture:${capture.id}`,
          type: "sell_correction",
          reason: "correction",
          correction: { type: "self" },
        })
        // exactly once: the capture has its receipt now
        const again = await issue({
          target: { kind: "capture", id: capture.id },
          type: "self",
        })
        expect(again.status).toBe(400)
        await drive(container, receipts, (r) =>
          r.every((t) => t.status === "done")
        )
        const ddmmyyyy = (day: string) => day.split("-").reverse().join(".")
        expect(
          running[vendor].ledger().map((d) => [d.operation, d.correction])
        ).toEqual([
          [
            "sell_correction",
            expect.objectContaining({
              1173: 0,
              1178: ddmmyyyy(capture.day),
              1179: null,
            }),
          ],
        ])

        const payment = await paymentOf(api, headers, order.id)
        await api.post(
          `/admin/payments/${payment.id}/refund`,
          { amount: 490 },
          headers
        )
        const refunded = await drive(container, receipts, (r) =>
          r.some((t) => t.type === "sell_refund" && t.status === "done")
        )
        await forget(refunded.find((t) => t.type === "sell_refund")!)
        offer = await corrections()
        const refund = offer.movements.find(
          (m: { kind: string }) => m.kind === "refund"
        )
        expect(refund).toMatchObject({ amount: 49000, correctable: true })
        const second = await issue({
          target: { kind: "refund", id: refund.id },
          type: "instruction",
          base_number: "ИФНС-17/2026",
          base_date: refund.day,
        })
        expect(second.status).toBe(200)
        expect(second.data.receipt.type).toBe("sell_refund_correction")
        const rows = await drive(container, receipts, (r) =>
          r.every((t) => t.status === "done")
        )
        expect(
          rows.map((t) => `${t.type}:${t.status}:${t.total}`).sort()
        ).toEqual([
          "sell_correction:done:249000",
          "sell_refund_correction:done:49000",
        ])
        expect(
          running[vendor].ledger().map((d) => [d.operation, d.correction])
        ).toEqual([
          [
            "sell_refund_correction",
            expect.objectContaining({
              1173: 1,
              1178: ddmmyyyy(refund.day),
              1179: "ИФНС-17/2026",
            }),
          ],
        ])
        const registered = rows.find((t) => t.type === "sell_correction")!
        expect(registered.document.correction).toEqual({
          type: "self",
          base_date: capture.day,
        })
      })

      it("never lets a worker paused past its lease call the vendor after another took the receipt over", async () => {
        await useVendor(vendor)
        const container = getContainer()
        const fiscal = container.resolve<FiscalModuleService>("fiscal")
        const settings = await fiscal.getSettingsRow()
        // an order without a capture is paid in full at placement under this trigger
        await fiscal.updateFiscalSettings({
          id: settings.id,
          sell_trigger: "order_placed",
        })
        const order = await container.resolve(Modules.ORDER).createOrders({
          currency_code: "rub",
          email: "stale@example.com",
          region_id: regionId,
          items: [{ title: "Пылесос", quantity: 1, unit_price: 12_990 }],
        })
        const { receipt } = await fiscal.ensureReceipt({
          source_key: `sell:${order.id}`,
          order_id: order.id,
          type: "sell",
          reason: "payment",
          provider_id: vendor,
          // not due for the app's own runs: the two workers below name it
          next_attempt_at: new Date(Date.now() + 3_600_000),
        })

        let reached!: () => void
        let release!: () => void
        const atFence = new Promise<void>((r) => (reached = r))
        const gate = new Promise<void>((r) => (release = r))
        const stale = processFiscalQueue(container, {
          owner: "stale-worker",
          sendIds: [receipt.id],
          sendsOnly: true,
          hooks: {
            beforeFence: async () => {
              reached()
              await gate
            },
          },
        })
        await atFence
        // the stale worker stays stopped longer than its lease: it runs out
        await container
          .resolve(ContainerRegistrationKeys.PG_CONNECTION)
          .raw(
            `UPDATE fiscal_receipt SET lease_until = now() - interval '1 second' WHERE id = ?`,
            [receipt.id]
          )
        await processFiscalQueue(container, {
          owner: "fresh-worker",
          sendIds: [receipt.id],
          sendsOnly: true,
        })
        const receipts = async () =>
          (await fiscal.listFiscalReceipts({ order_id: order.id })) as Tx[]
        const [done] = await drive(container, receipts, (r) =>
          r.every((t) => t.status === "done")
        )
        // the stale worker wakes up and goes on from where it stopped
        release()
        await stale
        await fiscal.updateFiscalSettings({
          id: settings.id,
          sell_trigger: "payment_captured",
        })

        expect(done).toMatchObject({ status: "done", generation: 0 })
        const documents = running[vendor]
          .ledger()
          .filter((d) => d.external_id === receipt.external_id)
        expect(documents).toHaveLength(1)
        expect(await fiscal.getReceipt(receipt.id)).toMatchObject({
          status: "done",
          fiscal_document_attribute: done.fiscal_document_attribute,
        })
      })

      if (vendor !== "atol") {
        it("registers exactly one receipt per order under faults, duplicate events and two processors", async () => {
          await useVendor(vendor)
          const container = getContainer()
          const fiscal = container.resolve<FiscalModuleService>("fiscal")
          const row = await fiscal.getSettingsRow()
          await fiscal.updateFiscalSettings({
            id: row.id,
            sell_trigger: "order_placed",
          })
          const orders = await container.resolve(Modules.ORDER).createOrders(
            Array.from({ length: 200 }, (_, i) => ({
              currency_code: "rub",
              email: `buyer${i}@example.com`,
              region_id: regionId,
              items: [
                {
                  title: `Товар ${i}`,
                  quantity: 1 + (i % 3),
                  unit_price: 100 + i * 7.77,
                },
              ],
            }))
          )
          running[vendor].setFaults({
            serverErrorRate: 0.1,
            dropAfterProcessingRate: 0.1,
          })
          await container.resolve(Modules.EVENT_BUS).emit(
            orders.flatMap((o: { id: string }) => [
              { name: "order.placed", data: { id: o.id } },
              { name: "order.placed", data: { id: o.id } },
            ])
          )
          const ids = orders.map((o: { id: string }) => o.id)
          const rows = await drive(
            container,
            async () =>
              (await fiscal.listFiscalReceipts(
                { order_id: ids },
                { take: 1000 }
              )) as Tx[],
            (r) => r.length === 200 && r.every((t) => t.status === "done"),
            { ms: 240_000, workers: 2 }
          )
          running[vendor].setFaults({
            serverErrorRate: 0,
            dropAfterProcessingRate: 0,
          })
          await fiscal.updateFiscalSettings({
            id: row.id,
            sell_trigger: "payment_captured",
          })

          expect(rows.filter((t) => t.status !== "done")).toEqual([])
          expect(rows).toHaveLength(200)
          const sells = running[vendor]
            .ledger()
            .filter((d) => d.operation === "sell")
          expect(sells).toHaveLength(200)
          expect(new Set(sells.map((d) => d.external_id)).size).toBe(200)
        })
      }
    })
  },
})
