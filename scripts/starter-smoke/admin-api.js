/**
 * What the smoke does in the store, through Medusa's admin API as a manager would: a RUB
 * region for Russia paid through the system provider, a draft order converted to an order
 * and marked as paid, and the order's fiscal receipts.
 */

/** A client of the admin API logged in as `email`. */
async function adminClient(baseUrl, { email, password }) {
  const call = async (method, path, body, token) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(60_000),
    })
    const json = await res.json().catch(() => ({}))
    if (!res.ok) {
      throw new Error(`${method} ${path}: ${res.status} ${json.message ?? ""}`)
    }
    return json
  }
  const { token } = await call("POST", "/auth/user/emailpass", {
    email,
    password,
  })
  return {
    get: (path) => call("GET", path, undefined, token),
    post: (path, body = {}) => call("POST", path, body, token),
  }
}

/** A paid order of a fresh store: the region and sales channel it needs, then the order. */
async function placePaidOrder(api, items) {
  const { region } = await api.post("/admin/regions", {
    name: "Россия",
    currency_code: "rub",
    countries: ["ru"],
    payment_providers: ["pp_system_default"],
  })
  const { sales_channel } = await api.post("/admin/sales-channels", {
    name: "Shop",
  })
  const { draft_order } = await api.post("/admin/draft-orders", {
    region_id: region.id,
    sales_channel_id: sales_channel.id,
    email: "buyer@example.com",
    items,
  })
  const { order } = await api.post(
    `/admin/draft-orders/${draft_order.id}/convert-to-order`
  )
  const { payment_collection } = await api.post("/admin/payment-collections", {
    order_id: order.id,
    amount: order.total,
  })
  await api.post(
    `/admin/payment-collections/${payment_collection.id}/mark-as-paid`,
    { order_id: order.id }
  )
  return order
}

/** The order's receipts as the admin lists them. */
async function receiptsOf(api, orderId) {
  const { receipts } = await api.get(
    `/admin/fiscal/receipts?order_id=${encodeURIComponent(orderId)}`
  )
  return receipts
}

module.exports = { adminClient, placePaidOrder, receiptsOf }
