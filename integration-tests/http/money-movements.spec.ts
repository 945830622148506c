import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type FiscalModuleService from "../../src/modules/fiscal/service"
import path from "node:path"
import type { AtolEmulator } from "medusa-fiscal-emulator/atol"
import { adminHeaders } from "../helpers/admin"
import { atolTestOptions, startTestAtol } from "../helpers/test-app"
import {
  cancelOrder,
  capturePayment,
  claimWithRefund,
  editOrderAddItem,
  exchange,
  fulfillItems,
  markDelivered,
  placeAuthorizedOrder,
  refundPayment,
  returnItems,
  setUpCatalog,
  shipFulfillment,
  type Catalog,
} from "../helpers/flows"
import {
  receiptsOfOrder,
  settleOrder,
  setUpStore,
  type Tx,
} from "../helpers/store"

jest.setTimeout(300_000)

const EMULATOR_PORT = Number(process.env.FISCAL_TEST_MONEY_PORT || 48_130)
process.env.FISCAL_TEST_OPTIONS = JSON.stringify(
  atolTestOptions(EMULATOR_PORT, { timeoutMs: 5_000 })
)

let emulator: AtolEmulator

beforeAll(async () => {
  emulator = await startTestAtol(EMULATOR_PORT)
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

    const receiptsOf = (orderId: string) =>
      receiptsOfOrder(api, headers, orderId)
    const settle = (orderId: string, count: number) =>
      settleOrder(getContainer(), api, headers, orderId, count)
    const variant = (title: string) => catalog.variants[title].id

    /** A base kettle, paid, registered and shipped, then exchanged for `outbound`. */
    const paidThenExchanged = async (outbound: string) => {
      const order = await placeAuthorizedOrder(api, headers, catalog, [
        { variantId: variant("base"), quantity: 1 },
      ])
      await capturePayment(api, headers, order.paymentId)
      await settle(order.id, 1)
      await fulfillItems(api, headers, catalog, order.id)
      const swap = await exchange(api, headers, order.id, {
        inbound: { itemId: order.items[0].id },
        outbound: { variantId: variant(outbound) },
      })
      return { order, swap }
    }

    beforeEach(async () => {
      headers = await adminHeaders(getContainer())
      const store = await setUpStore(api, headers)
      catalog = await setUpCatalog(api, headers, store)
      await emulator.reset()
    })

    it("captures of one payment: two partial prepayments, then the rest settles the goods offsetting both", async () => {
      const order = await placeAuthorizedOrder(api, headers, catalog, [
        { variantId: variant("base"), quantity: 2 },
      ])
      expect(order.total).toBe(2000)
      await capturePayment(api, headers, order.paymentId, 500)
      await settle(order.id, 1)
      await capturePayment(api, headers, order.paymentId, 700)
      await settle(order.id, 2)
      await capturePayment(api, headers, order.paymentId, 800)
      const rows = await settle(order.id, 3)
      expect(rows.every((r) => r.capture_id)).toBe(true)
      expect(new Set(rows.map((r) => r.capture_id)).size).toBe(3)
      // what the order widget reads to find captures and refunds without a receipt
      const { data } = await api.get(
        `/admin/orders/${order.id}?fields=id,payment_collections.payments.captures.id,payment_collections.payments.captures.amount,payment_collections.payments.refunds.id,payment_collections.payments.refunds.amount`,
        headers
      )
      const captures = data.order.payment_collections.flatMap((pc: any) =>
        pc.payments.flatMap((p: any) => p.captures)
      )
      expect(captures.map((c: any) => c.id).sort()).toEqual(
        rows.map((r) => r.capture_id).sort()
      )
      expect(captures.map((c: any) => Number(c.amount)).sort()).toEqual([
        500, 700, 800,
      ])

      const [first, second, settlement] = sentDocuments()
      // a part of the price, the goods named: never the kettles at cut prices as sold
      expect(first).toMatchObject({
        operation: "sell",
        total: 500,
        payments: [[1, 500]],
        items: [[expect.stringContaining("base"), 2, 500, "prepayment"]],
      })
      expect(second).toMatchObject({
        operation: "sell",
        total: 700,
        payments: [[1, 700]],
        items: [[expect.stringContaining("base"), 2, 700, "prepayment"]],
      })
      expect(settlement).toMatchObject({
        operation: "sell",
        total: 2000,
        payments: [
          [1, 800],
          [2, 1200],
        ],
        items: [[expect.stringContaining("base"), 2, 2000, "full_payment"]],
      })
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
      const { order, swap } = await paidThenExchanged("dearer")
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
      const { order, swap } = await paidThenExchanged("cheaper")
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

    it("Send to KKM creates every receipt the order is missing: captures and refunds recorded while receipts were off", async () => {
      const fiscal = getContainer().resolve<FiscalModuleService>("fiscal")
      const settings = await fiscal.getSettingsRow()
      const order = await placeAuthorizedOrder(api, headers, catalog, [
        { variantId: variant("base"), quantity: 2 },
      ])
      await fiscal.updateFiscalSettings({ id: settings.id, enabled: false })
      try {
        await capturePayment(api, headers, order.paymentId, 1200)
        await capturePayment(api, headers, order.paymentId, 800)
        await refundPayment(api, headers, order.paymentId, 300)
      } finally {
        await fiscal.updateFiscalSettings({ id: settings.id, enabled: true })
      }
      expect(await receiptsOf(order.id)).toEqual([])

      const sent = await api.post(
        `/admin/fiscal/orders/${order.id}/send`,
        {},
        headers
      )
      expect(sent.data.receipts.map((r: Tx) => r.type).sort()).toEqual([
        "sell",
        "sell",
        "sell_refund",
      ])
      await settle(order.id, 3)
      const [first, second, refund] = sentDocuments()
      expect(first).toMatchObject({ total: 1200, payments: [[1, 1200]] })
      expect(second).toMatchObject({
        total: 2000,
        payments: [
          [1, 800],
          [2, 1200],
        ],
      })
      expect(refund).toMatchObject({ operation: "sell_refund", total: 300 })

      // nothing is missing and nothing is waiting: a second press says so
      const again = await api
        .post(`/admin/fiscal/orders/${order.id}/send`, {}, headers)
        .catch((e: any) => e.response)
      expect(again.status).toBe(400)
      expect(again.data.message).toMatch(/has its receipt/)
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

    /** Prepayment mode, with the settlement due at `handover`. */
    const prepaymentMode = (handover: string, paymentType = "cashless") =>
      api.post(
        "/admin/fiscal/settings",
        {
          receipt: {
            payment_method_mode: "prepayment",
            handover,
            payment_type: paymentType,
          },
        },
        headers
      )

    it("prepayment mode: the capture is a 100 % prepayment, the shipment the settlement offsetting it", async () => {
      await prepaymentMode("shipped")
      const order = await placeAuthorizedOrder(
        api,
        headers,
        catalog,
        [{ variantId: variant("base"), quantity: 2 }],
        { shippingPrice: 350 }
      )
      await capturePayment(api, headers, order.paymentId)
      await settle(order.id, 1)
      const { fulfillmentId } = await fulfillItems(
        api,
        headers,
        catalog,
        order.id
      )
      // packed, not handed over yet: no settlement
      await settle(order.id, 1)
      await shipFulfillment(api, headers, order.id, fulfillmentId)
      const rows = await settle(order.id, 2)
      const settlementRow = rows.find((r) => r.reason === "settlement")!
      expect(settlementRow).toMatchObject({
        type: "sell",
        fulfillment_id: fulfillmentId,
        source_key: `handover:${fulfillmentId}`,
        basis: { kind: "handover", id: fulfillmentId, amount: 0 },
      })

      const [prepayment, settlement] = sentDocuments()
      expect(prepayment).toMatchObject({
        operation: "sell",
        total: 2350,
        payments: [[1, 2350]],
        items: [
          [expect.stringContaining("base"), 2, 2000, "full_prepayment"],
          [expect.any(String), 1, 350, "full_prepayment"],
        ],
      })
      expect(settlement).toMatchObject({
        operation: "sell",
        total: 2350,
        payments: [[2, 2350]],
        items: [
          [expect.stringContaining("base"), 2, 2000, "full_payment"],
          [expect.any(String), 1, 350, "full_payment"],
        ],
      })
      // "Send to KKM" finds every movement with its receipt: one settlement per fulfillment
      const again = await api
        .post(`/admin/fiscal/orders/${order.id}/send`, {}, headers)
        .catch((e: { response: { status: number } }) => e.response)
      expect(again.status).toBe(400)
      expect(await receiptsOf(order.id)).toHaveLength(2)
    })

    it("prepayment mode: a partial fulfillment settles only its items; a return after the settlement refunds the settled item", async () => {
      await prepaymentMode("shipped")
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
      const cheaper = order.items.find(
        (i) => i.variantId === variant("cheaper")
      )!
      const base = order.items.find((i) => i.variantId === variant("base"))!
      const first = await fulfillItems(api, headers, catalog, order.id, [
        { itemId: cheaper.id, quantity: 1 },
      ])
      await shipFulfillment(api, headers, order.id, first.fulfillmentId)
      await settle(order.id, 2)
      const second = await fulfillItems(api, headers, catalog, order.id, [
        { itemId: base.id, quantity: 1 },
        { itemId: cheaper.id, quantity: 1 },
      ])
      await shipFulfillment(api, headers, order.id, second.fulfillmentId)
      await settle(order.id, 3)
      await returnItems(api, headers, order.id, [
        { itemId: cheaper.id, quantity: 1 },
      ])
      await refundPayment(api, headers, order.paymentId, 700)
      await settle(order.id, 4)

      const [, one, two, refund] = sentDocuments()
      // the shipping is handed over with the first goods
      expect(one).toMatchObject({
        total: 1050,
        payments: [[2, 1050]],
        items: [
          [expect.stringContaining("cheaper"), 1, 700, "full_payment"],
          [expect.any(String), 1, 350, "full_payment"],
        ],
      })
      expect(two).toMatchObject({ total: 1700, payments: [[2, 1700]] })
      // Medusa lists an order's items in no fixed order
      expect([...two.items].sort((a, b) => b[2] - a[2])).toEqual([
        [expect.stringContaining("base"), 1, 1000, "full_payment"],
        [expect.stringContaining("cheaper"), 1, 700, "full_payment"],
      ])
      expect(refund).toMatchObject({
        operation: "sell_refund",
        total: 700,
        items: [[expect.stringContaining("cheaper"), 1, 700, "full_payment"]],
      })
    })

    it("prepayment mode, cash on delivery: the delivery's settlement takes the money; the capture after it sends nothing more", async () => {
      await prepaymentMode("delivered", "cash")
      const order = await placeAuthorizedOrder(api, headers, catalog, [
        { variantId: variant("base"), quantity: 1 },
      ])
      const { fulfillmentId } = await fulfillItems(
        api,
        headers,
        catalog,
        order.id
      )
      await shipFulfillment(api, headers, order.id, fulfillmentId)
      await markDelivered(api, headers, order.id, fulfillmentId)
      await settle(order.id, 1)
      await capturePayment(api, headers, order.paymentId)
      const rows = await settle(order.id, 2)
      const captureRow = rows.find((r) => r.capture_id)!
      expect(captureRow).toMatchObject({
        status: "done",
        fiscal_document_number: null,
        basis: { kind: "capture", amount: 100_000, collected: 100_000 },
      })
      expect(Number(captureRow.total)).toBe(0)
      // one receipt at the cash register: the settlement with the cash taken
      const sent = sentDocuments()
      expect(sent).toHaveLength(1)
      expect(sent[0]).toMatchObject({
        operation: "sell",
        total: 1000,
        payments: [[0, 1000]],
        items: [[expect.stringContaining("base"), 1, 1000, "full_payment"]],
      })
    })
  },
})
