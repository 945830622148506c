import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import {
  ATOL_TEST_ACCOUNTS,
  ATOL_TEST_INN,
  startAtolEmulator,
  type AtolEmulator,
} from "medusa-fiscal-emulator/atol"
import { adminHeaders } from "../helpers/admin"
import {
  cancelOrder,
  capturePayment,
  claimWithRefund,
  editOrderAddItem,
  exchange,
  fulfillItems,
  placeAuthorizedOrder,
  refundPayment,
  returnItems,
  setUpCatalog,
  type Catalog,
} from "../helpers/flows"
import { builtInProvider } from "../helpers/providers"
import { drive, setUpStore, type Tx } from "../helpers/store"

jest.setTimeout(300_000)

const EMULATOR_PORT = Number(process.env.FISCAL_TEST_MONEY_PORT || 48_130)
const v5 = ATOL_TEST_ACCOUNTS.find((a) => a.login === "v5-online-atol-ru")!

process.env.FISCAL_TEST_OPTIONS = JSON.stringify({
  provider: "atol",
  providers: [
    builtInProvider("atol", {
      api_version: 5,
      login: v5.login,
      password: v5.password,
      group: v5.groups[0].code,
      base_url: `http://127.0.0.1:${EMULATOR_PORT}`,
      timeout_ms: 5_000,
      kassa_count: 50,
    }),
  ],
  company: {
    inn: ATOL_TEST_INN,
    email: "shop@example.com",
    payment_address: "https://shop.example.com",
    sno: "osn",
  },
  receipt: { goodsVat: "standard", shippingVat: "standard" },
  retry: { intervals_minutes: [0.005], max_attempts: 50 },
  status_checks: { interval_seconds: 1, max_checks: 200 },
  worker: { batch_size: 25, lease_seconds: 10 },
  callback: { base_url: "http://127.0.0.1:9" },
})

let emulator: AtolEmulator

beforeAll(async () => {
  emulator = await startAtolEmulator({
    port: EMULATOR_PORT,
    processingDelayMs: 20,
    accounts: ATOL_TEST_ACCOUNTS.map((a) => ({
      ...a,
      groups: a.groups.map((g) => ({ ...g, kassa_count: 50 })),
    })),
  })
})

afterAll(async () => {
  await emulator?.close()
})

/** A receipt as ATOL v5 received it: operation, lines, payments (type 1 money, 2 advance offset). */
type Sent = {
  operation: string
  items: [string, number, number, string][]
  payments: [number, number][]
  total: number
}

function sentDocuments(): Sent[] {
  return emulator.ledger().map((entry) => {
    const receipt = (entry.payload as { receipt: any }).receipt
    return {
      operation: entry.operation,
      items: receipt.items.map((i: any) => [
        i.name,
        i.quantity,
        i.sum,
        i.payment_method,
      ]),
      payments: receipt.payments.map((p: any) => [p.type, p.sum]),
      total: receipt.total,
    }
  })
}

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../app"),
  testSuite: ({ api, getContainer }) => {
    let headers: { headers: { authorization: string } }
    let catalog: Catalog

    const receiptsOf = async (orderId: string): Promise<Tx[]> =>
      (await api.get(`/admin/fiscal/receipts?order_id=${orderId}`, headers))
        .data.receipts
    /** Works the queue until the order has `count` receipts, all registered. */
    const settle = (orderId: string, count: number) =>
      drive(
        getContainer(),
        () => receiptsOf(orderId),
        (r) => r.length === count && r.every((t) => t.status === "done")
      )
    const variant = (title: string) => catalog.variants[title].id

    beforeEach(async () => {
      headers = await adminHeaders(getContainer())
      const store = await setUpStore(api, headers)
      catalog = await setUpCatalog(api, headers, store)
      await emulator.reset()
    })

    it("two captures of one payment: a partial prepayment, then the rest settles the goods with the advance offset", async () => {
      const order = await placeAuthorizedOrder(api, headers, catalog, [
        { variantId: variant("base"), quantity: 2 },
      ])
      expect(order.total).toBe(2000)
      await capturePayment(api, headers, order.paymentId, 800)
      await settle(order.id, 1)
      await capturePayment(api, headers, order.paymentId, 1200)
      const rows = await settle(order.id, 2)
      expect(rows.every((r) => r.capture_id)).toBe(true)

      const [advance, settlement] = sentDocuments()
      expect(advance).toMatchObject({
        operation: "sell",
        total: 800,
        payments: [[1, 800]],
      })
      expect(advance.items).toHaveLength(1)
      expect(advance.items[0][2]).toBe(800)
      expect(advance.items[0][3]).toBe("prepayment")
      expect(settlement).toMatchObject({
        operation: "sell",
        total: 2000,
        payments: [
          [1, 1200],
          [2, 800],
        ],
      })
      expect(settlement.items.map((i) => [i[1], i[2], i[3]])).toEqual([
        [2, 2000, "full_payment"],
      ])
    })

    it("an order edit that adds an item: its new payment gets a receipt for that item alone", async () => {
      const order = await placeAuthorizedOrder(
        api,
        headers,
        catalog,
        [{ variantId: variant("base"), quantity: 1 }],
        { shippingPrice: 350 }
      )
      await capturePayment(api, headers, order.paymentId)
      await settle(order.id, 1)
      const edit = await editOrderAddItem(
        api,
        headers,
        order.id,
        variant("dearer"),
        1
      )
      expect(edit.paymentId).toBeTruthy()
      await settle(order.id, 2)
      const [sale, added] = sentDocuments()
      expect(sale.total).toBe(1350)
      expect(sale.items.map((i) => i[3])).toEqual([
        "full_payment",
        "full_payment",
      ])
      expect(added).toMatchObject({
        operation: "sell",
        total: 1500,
        payments: [[1, 1500]],
      })
      expect(added.items).toEqual([
        [expect.stringContaining("dearer"), 1, 1500, "full_payment"],
      ])
    })

    it("a return of one item: its refund lists exactly that item at the price it was sold for", async () => {
      const order = await placeAuthorizedOrder(
        api,
        headers,
        catalog,
        [
          { variantId: variant("base"), quantity: 1 },
          { variantId: variant("cheaper"), quantity: 2 },
        ],
        { shippingPrice: 350 }
      )
      await capturePayment(api, headers, order.paymentId)
      await settle(order.id, 1)
      await fulfillItems(api, headers, catalog, order.id)
      const cheaper = order.items.find(
        (i) => i.variantId === variant("cheaper")
      )!
      await returnItems(api, headers, order.id, [
        { itemId: cheaper.id, quantity: 1 },
      ])
      await refundPayment(api, headers, order.paymentId, 700)
      const rows = await settle(order.id, 2)
      const refundRow = rows.find((r) => r.type === "sell_refund")!
      expect(refundRow.refund_id).toBeTruthy()
      // the order widget says what the receipt is for: the refund and the return it follows
      expect(refundRow.basis).toMatchObject({
        kind: "refund",
        id: refundRow.refund_id,
        amount: 70_000,
        return_ids: [expect.stringMatching(/^return_/)],
        return_numbers: [expect.any(Number)],
      })

      const [, refund] = sentDocuments()
      expect(refund).toMatchObject({
        operation: "sell_refund",
        total: 700,
        payments: [[1, 700]],
        items: [[expect.stringContaining("cheaper"), 1, 700, "full_payment"]],
      })
    })

    it("a claim with a refund lists the claimed item", async () => {
      const order = await placeAuthorizedOrder(api, headers, catalog, [
        { variantId: variant("base"), quantity: 1 },
        { variantId: variant("dearer"), quantity: 1 },
      ])
      await capturePayment(api, headers, order.paymentId)
      await settle(order.id, 1)
      await fulfillItems(api, headers, catalog, order.id)
      const dearer = order.items.find((i) => i.variantId === variant("dearer"))!
      const claim = await claimWithRefund(api, headers, order.id, dearer.id, 1)
      expect(claim.refund?.amount).toBe(1500)
      await settle(order.id, 2)
      const [, refund] = sentDocuments()
      expect(refund).toMatchObject({
        operation: "sell_refund",
        total: 1500,
        items: [[expect.stringContaining("dearer"), 1, 1500, "full_payment"]],
      })
    })

    it("an exchange with a surcharge: the returned item becomes credit, the new one is settled by the surcharge and that credit", async () => {
      const order = await placeAuthorizedOrder(api, headers, catalog, [
        { variantId: variant("base"), quantity: 1 },
      ])
      await capturePayment(api, headers, order.paymentId)
      await settle(order.id, 1)
      await fulfillItems(api, headers, catalog, order.id)
      const swap = await exchange(api, headers, order.id, {
        inbound: { itemId: order.items[0].id },
        outbound: { variantId: variant("dearer") },
      })
      expect(swap.difference).toBe(500)
      const rows = await settle(order.id, 3)
      expect(rows.map((r) => `${r.type}:${r.reason}`).sort()).toEqual([
        "sell:payment",
        "sell:payment",
        "sell_refund:exchange",
      ])

      const [, credit, surcharge] = sentDocuments()
      expect(credit).toMatchObject({
        operation: "sell_refund",
        total: 1000,
        payments: [[2, 1000]],
        items: [[expect.stringContaining("base"), 1, 1000, "full_payment"]],
      })
      expect(surcharge).toMatchObject({
        operation: "sell",
        total: 1500,
        payments: [
          [1, 500],
          [2, 1000],
        ],
        items: [[expect.stringContaining("dearer"), 1, 1500, "full_payment"]],
      })
    })

    it("an exchange with money back: the refund lists the returned item, part money and part credit; the new item is paid by that credit", async () => {
      const order = await placeAuthorizedOrder(api, headers, catalog, [
        { variantId: variant("base"), quantity: 1 },
      ])
      await capturePayment(api, headers, order.paymentId)
      await settle(order.id, 1)
      await fulfillItems(api, headers, catalog, order.id)
      const swap = await exchange(api, headers, order.id, {
        inbound: { itemId: order.items[0].id },
        outbound: { variantId: variant("cheaper") },
      })
      expect(swap.refundId).toBeTruthy()
      const rows = await settle(order.id, 3)
      expect(rows.map((r) => `${r.type}:${r.reason}`).sort()).toEqual([
        "sell:exchange",
        "sell:payment",
        "sell_refund:refund",
      ])

      const [, refund, newGoods] = sentDocuments()
      expect(refund).toMatchObject({
        operation: "sell_refund",
        total: 1000,
        payments: [
          [1, 300],
          [2, 700],
        ],
        items: [[expect.stringContaining("base"), 1, 1000, "full_payment"]],
      })
      expect(newGoods).toMatchObject({
        operation: "sell",
        total: 700,
        payments: [[2, 700]],
        items: [[expect.stringContaining("cheaper"), 1, 700, "full_payment"]],
      })
    })

    it("a cancellation after a partial capture refunds the prepayment; Send to KKM on an unpaid order says to capture first", async () => {
      const unpaid = await placeAuthorizedOrder(api, headers, catalog, [
        { variantId: variant("base"), quantity: 1 },
      ])
      const refused = await api
        .post(`/admin/fiscal/orders/${unpaid.id}/send`, {}, headers)
        .catch((e: any) => e.response)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toMatch(/Capture the payment first/)
      expect(await receiptsOf(unpaid.id)).toEqual([])

      const order = await placeAuthorizedOrder(api, headers, catalog, [
        { variantId: variant("base"), quantity: 2 },
      ])
      await capturePayment(api, headers, order.paymentId, 500)
      await settle(order.id, 1)
      const { refunds } = await cancelOrder(api, headers, order.id)
      expect(refunds.map((r) => r.amount)).toEqual([500])
      const rows = await settle(order.id, 2)
      expect(rows.find((r) => r.type === "sell_refund")?.reason).toBe("cancel")
      const [advance, refund] = sentDocuments()
      expect(advance.items.every((i) => i[3] === "prepayment")).toBe(true)
      expect(refund).toMatchObject({ operation: "sell_refund", total: 500 })
      expect(refund.items.every((i) => i[3] === "prepayment")).toBe(true)
      expect(refund.items.reduce((sum, i) => sum + i[2], 0)).toBe(500)
    })
  },
})
