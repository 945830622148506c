import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import type { AtolEmulator } from "medusa-fiscal-emulator/atol"
import { gtinCheckDigit } from "../../src/lib/marking"
import { adminHeaders } from "../helpers/admin"
import { atolTestOptions, startTestAtol } from "../helpers/test-app"
import {
  capturePayment,
  fulfillItems,
  placeAuthorizedOrder,
  setUpCatalog,
  shipFulfillment,
  type Catalog,
} from "../helpers/flows"
import { drive, setUpStore, type Tx } from "../helpers/store"

jest.setTimeout(300_000)

const EMULATOR_PORT = Number(process.env.FISCAL_TEST_MARKING_PORT || 48_150)
process.env.FISCAL_TEST_OPTIONS = JSON.stringify(
  atolTestOptions(EMULATOR_PORT, { timeoutMs: 5_000 })
)

const GS = "\u001d"
const GTIN_BODY = "0465007519000"
const GTIN = `${GTIN_BODY}${gtinCheckDigit(GTIN_BODY)}`
const WRONG_GTIN = `${GTIN_BODY}${(gtinCheckDigit(GTIN_BODY) + 1) % 10}`

let serial = 0
/** A marking code of a pair of shoes as the scanner sends it: GTIN, serial, crypto tail. */
function markCode(gtin = GTIN): string {
  serial++
  return `01${gtin}21SN${String(serial).padStart(11, "0")}${GS}93Ab${serial % 10}Z`
}

let emulator: AtolEmulator

beforeAll(async () => {
  emulator = await startTestAtol(EMULATOR_PORT)
})

afterAll(async () => {
  await emulator?.close()
})

/** The marking codes of the receipts ATOL v5 received, decoded from `mark_code.gs1m`. */
function sentCodes(): (string | null)[][] {
  return emulator
    .ledger()
    .map((entry) =>
      (entry.payload as { receipt: any }).receipt.items.map((item: any) =>
        item.mark_code?.gs1m
          ? Buffer.from(item.mark_code.gs1m, "base64").toString("utf8")
          : null
      )
    )
}

/** Medusa's answer of a refused request. */
async function refusal(
  request: Promise<unknown>
): Promise<{ status: number; data: any }> {
  try {
    await request
  } catch (e) {
    const res = (e as { response?: { status: number; data: any } }).response
    if (res) {
      return res
    }
    throw e
  }
  throw new Error("the request was expected to be refused")
}

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../app"),
  testSuite: ({ api, getContainer }) => {
    let headers: { headers: { authorization: string } }
    let catalog: Catalog

    const receiptsOf = async (orderId: string): Promise<Tx[]> =>
      (await api.get(`/admin/fiscal/receipts?order_id=${orderId}`, headers))
        .data.receipts
    const until = (orderId: string, done: (rows: Tx[]) => boolean) =>
      drive(getContainer(), () => receiptsOf(orderId), done, { ms: 120_000 })
    const marking = async (orderId: string) =>
      (await api.get(`/admin/fiscal/orders/${orderId}/marking`, headers)).data
    const enter = (orderId: string, itemId: string, codes: string[]) =>
      api.post(
        `/admin/fiscal/orders/${orderId}/marking`,
        { item_id: itemId, codes },
        headers
      )
    /** An order of two pairs of the tagged shoes, authorized. */
    const twoPairs = () =>
      placeAuthorizedOrder(api, headers, catalog, [
        { variantId: catalog.variants.base.id, quantity: 2 },
      ])

    beforeEach(async () => {
      headers = await adminHeaders(getContainer())
      const store = await setUpStore(api, headers)
      catalog = await setUpCatalog(api, headers, store)
      // the shop manager tags the product as marked goods
      const tag = await api.post(
        "/admin/product-tags",
        { value: "Честный знак" },
        headers
      )
      await api.post(
        `/admin/products/${catalog.productId}`,
        { tags: [{ id: tag.data.product_tag.id }] },
        headers
      )
      await emulator.reset()
    })

    it("codes entered through the API go out on the ATOL v5 receipt, as gs1m", async () => {
      const order = await twoPairs()
      const itemId = order.items[0].id
      const before = await marking(order.id)
      expect(before).toEqual({
        items: [
          {
            item_id: itemId,
            title: expect.any(String),
            variant_title: "base",
            quantity: 2,
            codes: [],
            missing: 2,
          },
        ],
        marking: {
          provider_id: "atol",
          codes: true,
          fractional: true,
          industry_requisites: true,
          message: null,
        },
      })

      const first = markCode()
      const second = markCode()
      // the scanner dropped the separator of one, the other was typed with "<GS>"
      const { data } = await enter(order.id, itemId, [
        first.replace(GS, ""),
        second.replace(GS, "<GS>"),
      ])
      expect(data.item).toMatchObject({
        item_id: itemId,
        quantity: 2,
        missing: 0,
        codes: [
          { id: expect.stringMatching(/^fmc_/), code: first },
          { id: expect.stringMatching(/^fmc_/), code: second },
        ],
      })

      await capturePayment(api, headers, order.paymentId)
      const rows = await until(
        order.id,
        (r) => r.length === 1 && r[0].status === "done"
      )
      expect(rows.map((r) => r.status)).toEqual(["done"])
      expect(sentCodes()).toEqual([[first, second]])
      const items = (emulator.ledger()[0].payload as { receipt: any }).receipt
        .items
      expect(items.map((i: any) => [i.quantity, i.payment_object])).toEqual([
        [1, 33],
        [1, 33],
      ])

      // a code on a registered receipt stays
      const codeId = data.item.codes[0].id
      const refused = await refusal(
        api.delete(
          `/admin/fiscal/orders/${order.id}/marking/${codeId}`,
          headers
        )
      )
      expect(refused.status).toBe(400)
      expect(refused.data.message).toMatch(/registered/)
    })

    it("a malformed code, a wrong check digit, a code used on another order: 400 with the reason, nothing stored", async () => {
      const used = await twoPairs()
      const code = markCode()
      await enter(used.id, used.items[0].id, [code])
      const { data: usedOrder } = await api.get(
        `/admin/orders/${used.id}?fields=id,display_id`,
        headers
      )

      const order = await twoPairs()
      const itemId = order.items[0].id
      const fresh = markCode()
      const refused = await refusal(
        enter(order.id, itemId, [
          fresh,
          "hello",
          code,
          `01${WRONG_GTIN}21SN00000000999${GS}93AbcZ`,
          fresh,
        ])
      )
      expect(refused.status).toBe(400)
      expect(refused.data.type).toBe("invalid_data")
      expect(refused.data.message).toMatch(/nothing was saved/)
      expect(refused.data.errors.map((e: any) => [e.index, e.reason])).toEqual([
        [1, "not_gs1"],
        [2, "duplicate_in_shop"],
        [3, "bad_gtin"],
        [4, "duplicate_in_request"],
      ])
      const duplicate = refused.data.errors[1]
      expect(duplicate.message).toContain(
        `order #${usedOrder.order.display_id}`
      )
      expect(duplicate.message).toMatch(/^Code 3 "/)
      expect((await marking(order.id)).items[0]).toMatchObject({
        codes: [],
        missing: 2,
      })

      const tooMany = await refusal(
        enter(order.id, itemId, [markCode(), markCode(), markCode()])
      )
      expect(tooMany.data.errors.map((e: any) => e.reason)).toEqual([
        "too_many",
      ])
      const unknown = await refusal(enter(order.id, "ordli_nope", [markCode()]))
      expect(unknown.data.errors[0].reason).toBe("unknown_item")
      const missingOrder = await refusal(
        api.get(`/admin/fiscal/orders/order_nope/marking`, headers)
      )
      expect(missingOrder.status).toBe(404)

      // a deleted code is free again
      const { data: entered } = await enter(order.id, itemId, [fresh])
      const deleted = await api.delete(
        `/admin/fiscal/orders/${order.id}/marking/${entered.item.codes[0].id}`,
        headers
      )
      expect(deleted.data.item).toMatchObject({ codes: [], missing: 2 })
      await enter(used.id, used.items[0].id, [fresh])
    })

    it("a variant with an EAN takes only codes of its GTIN: another product's code is 400 wrong_product", async () => {
      // the shop manager enters the shoes' EAN-13, not the GTIN of `markCode()`
      const ean = "4006381333931"
      await api.post(
        `/admin/products/${catalog.productId}/variants/${catalog.variants.base.id}`,
        { ean },
        headers
      )
      const order = await twoPairs()
      const itemId = order.items[0].id

      const other = markCode()
      const refused = await refusal(enter(order.id, itemId, [other]))
      expect(refused.status).toBe(400)
      expect(refused.data.type).toBe("invalid_data")
      expect(refused.data.message).toMatch(/nothing was saved/)
      expect(refused.data.errors).toEqual([
        {
          index: 0,
          code: other,
          reason: "wrong_product",
          message: expect.stringContaining(
            `the code is of GTIN ${GTIN}, but item "`
          ),
        },
      ])
      expect(refused.data.errors[0].message).toContain(
        '(variant "base") has GTIN 04006381333931'
      )
      expect((await marking(order.id)).items[0]).toMatchObject({
        codes: [],
        missing: 2,
      })

      const own = markCode(`0${ean}`)
      const { status, data } = await enter(order.id, itemId, [own])
      expect(status).toBe(200)
      expect(data.item).toMatchObject({
        item_id: itemId,
        codes: [{ code: own }],
        missing: 1,
      })
    })

    it("two requests for the same line at once store no more codes than it has units", async () => {
      const order = await twoPairs()
      const itemId = order.items[0].id
      const outcomes = await Promise.allSettled([
        enter(order.id, itemId, [markCode(), markCode()]),
        enter(order.id, itemId, [markCode(), markCode()]),
      ])
      const refused = outcomes.filter((o) => o.status === "rejected")
      expect(outcomes.map((o) => o.status).sort()).toEqual([
        "fulfilled",
        "rejected",
      ])
      const answer = (refused[0] as PromiseRejectedResult).reason.response
      expect(answer.status).toBe(400)
      expect(answer.data.errors.map((e: any) => e.reason)).toEqual([
        "too_many",
        "too_many",
      ])
      expect((await marking(order.id)).items[0]).toMatchObject({
        missing: 0,
        codes: [expect.anything(), expect.anything()],
      })
    })

    it("a settlement without its codes waits as MARK_CODES_MISSING and goes out once they are entered", async () => {
      const order = await twoPairs()
      const itemId = order.items[0].id
      const first = markCode()
      await enter(order.id, itemId, [first])
      await capturePayment(api, headers, order.paymentId)
      const [blocked] = await until(
        order.id,
        (r) => r.length === 1 && r[0].status === "invalid"
      )
      expect(blocked).toMatchObject({
        status: "invalid",
        error_code: "MARK_CODES_MISSING",
      })
      expect(blocked.error_message).toContain("2 units need 2 marking codes")
      expect(blocked.error_message).toContain("1 is entered")
      expect(blocked.error_message).toContain("Marking codes section")
      expect(emulator.ledger()).toHaveLength(0)

      const second = markCode()
      await enter(order.id, itemId, [second])
      const rows = await until(
        order.id,
        (r) => r.length === 1 && r[0].status === "done"
      )
      expect(rows.map((r) => r.status)).toEqual(["done"])
      expect(sentCodes()).toEqual([[first, second]])
    })

    /** Prepayment mode: the codes are needed only when the goods are handed over. */
    const prepaymentMode = (handover: string) =>
      api.post(
        "/admin/fiscal/settings",
        { receipt: { payment_method_mode: "prepayment", handover } },
        headers
      )

    it("prepayment mode: the prepayment needs no codes; the settlement at shipment waits for them and goes out with them", async () => {
      await prepaymentMode("shipped")
      const order = await twoPairs()
      await capturePayment(api, headers, order.paymentId)
      await until(order.id, (r) => r.length === 1 && r[0].status === "done")
      const prepayment = (emulator.ledger()[0].payload as { receipt: any })
        .receipt.items
      // a prepayment names the goods without codes, as unmarked goods
      expect(
        prepayment.map((i: any) => [i.payment_method, i.payment_object])
      ).toEqual([["full_prepayment", 1]])
      expect(sentCodes()).toEqual([[null]])

      const { fulfillmentId } = await fulfillItems(
        api,
        headers,
        catalog,
        order.id
      )
      await shipFulfillment(api, headers, order.id, fulfillmentId)
      const blocked = await until(order.id, (r) =>
        r.some((t) => t.reason === "settlement" && t.status === "invalid")
      )
      expect(blocked.find((t) => t.reason === "settlement")).toMatchObject({
        error_code: "MARK_CODES_MISSING",
        fulfillment_id: fulfillmentId,
      })

      const codes = [markCode(), markCode()]
      await enter(order.id, order.items[0].id, codes)
      await until(
        order.id,
        (r) => r.length === 2 && r.every((t) => t.status === "done")
      )
      expect(sentCodes()).toEqual([[null], codes])
      const settlement = (emulator.ledger()[1].payload as { receipt: any })
        .receipt
      expect(
        settlement.items.map((i: any) => [
          i.payment_method,
          i.payment_object,
          i.quantity,
        ])
      ).toEqual([
        ["full_payment", 33, 1],
        ["full_payment", 33, 1],
      ])
      expect(settlement.payments).toEqual([{ type: 2, sum: settlement.total }])
    })

    it("prepayment mode: a fulfillment canceled before its settlement went out takes the settlement with it", async () => {
      await prepaymentMode("fulfillment_created")
      const order = await twoPairs()
      await capturePayment(api, headers, order.paymentId)
      await until(order.id, (r) => r.length === 1 && r[0].status === "done")
      const { fulfillmentId } = await fulfillItems(
        api,
        headers,
        catalog,
        order.id
      )
      // packed without codes: the settlement waits for them
      await until(order.id, (r) =>
        r.some((t) => t.reason === "settlement" && t.status === "invalid")
      )
      await api.post(
        `/admin/orders/${order.id}/fulfillments/${fulfillmentId}/cancel`,
        {},
        headers
      )
      const rows = await until(order.id, (r) =>
        r.some((t) => t.reason === "settlement" && t.status === "canceled")
      )
      expect(rows.find((t) => t.reason === "settlement")).toMatchObject({
        status: "canceled",
        error_code: "FULFILLMENT_CANCELED",
        needs_attention: false,
      })
      expect(emulator.ledger()).toHaveLength(1)
    })
  },
})
