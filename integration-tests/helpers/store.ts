import type { MedusaContainer } from "@medusajs/framework/types"
import { processFiscalQueue } from "./built-plugin"

type Api = {
  get(url: string, config?: unknown): Promise<{ data: any }>
  post(url: string, body?: unknown, config?: unknown): Promise<{ data: any }>
}
type Headers = { headers: { authorization: string } }

/** A receipt row as the tests read it. */
export type Tx = { id: string; status: string; type: string; [k: string]: any }

/** A RUB region for Russia paid through the system provider, and a sales channel. */
export async function setUpStore(api: Api, headers: Headers) {
  const region = await api.post(
    "/admin/regions",
    {
      name: "Россия",
      currency_code: "rub",
      countries: ["ru"],
      payment_providers: ["pp_system_default"],
    },
    headers
  )
  const channel = await api.post(
    "/admin/sales-channels",
    { name: "Shop" },
    headers
  )
  return {
    regionId: region.data.region.id as string,
    salesChannelId: channel.data.sales_channel.id as string,
  }
}

/** A draft order converted to an order and marked as paid, the way a manager does it in the admin. */
export async function placePaidOrder(
  api: Api,
  headers: Headers,
  store: { regionId: string; salesChannelId: string },
  items: { title: string; unit_price: number; quantity: number }[]
): Promise<{ id: string; total: number }> {
  const draft = await api.post(
    "/admin/draft-orders",
    {
      region_id: store.regionId,
      sales_channel_id: store.salesChannelId,
      email: "buyer@example.com",
      items,
    },
    headers
  )
  const { data } = await api.post(
    `/admin/draft-orders/${draft.data.draft_order.id}/convert-to-order`,
    {},
    headers
  )
  const order = data.order
  const pc = await api.post(
    "/admin/payment-collections",
    { order_id: order.id, amount: order.total },
    headers
  )
  await api.post(
    `/admin/payment-collections/${pc.data.payment_collection.id}/mark-as-paid`,
    { order_id: order.id },
    headers
  )
  return order
}

/** The first payment of an order. */
export async function paymentOf(api: Api, headers: Headers, orderId: string) {
  const { data } = await api.get(
    `/admin/orders/${orderId}?fields=id,*payment_collections,*payment_collections.payments`,
    headers
  )
  return data.order.payment_collections[0].payments[0] as {
    id: string
    amount: number
  }
}

/**
 * Works the queue as the jobs would (with `workers` concurrent processors, each with its own
 * lease) until `done(rows)` holds or `ms` pass; returns the rows as they are then.
 */
export async function drive(
  container: MedusaContainer,
  rows: () => Promise<Tx[]>,
  done: (rows: Tx[]) => boolean,
  { ms = 60_000, workers = 1 }: { ms?: number; workers?: number } = {}
): Promise<Tx[]> {
  const deadline = Date.now() + ms
  for (;;) {
    const current = await rows()
    if (done(current) || Date.now() > deadline) {
      return current
    }
    await Promise.all(
      Array.from({ length: workers }, (_, i) =>
        processFiscalQueue(container, {
          owner: `test-worker-${i}`,
          budgetMs: 10_000,
        })
      )
    )
    await new Promise((r) => setTimeout(r, 150))
  }
}

/** An order's receipts as the admin lists them. */
export async function receiptsOfOrder(
  api: Api,
  headers: Headers,
  orderId: string
): Promise<Tx[]> {
  return (await api.get(`/admin/fiscal/receipts?order_id=${orderId}`, headers))
    .data.receipts
}

/**
 * Works the queue until the order has `count` receipts, all registered. A receipt waiting
 * for an earlier one looks again after 15 s, so the bound is generous; it is only reached
 * when something is wrong.
 */
export function settleOrder(
  container: MedusaContainer,
  api: Api,
  headers: Headers,
  orderId: string,
  count: number
): Promise<Tx[]> {
  return drive(
    container,
    () => receiptsOfOrder(api, headers, orderId),
    (r) => r.length === count && r.every((t) => t.status === "done"),
    { ms: 240_000 }
  )
}
