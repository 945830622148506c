/**
 * Places sample orders in the running demo store through the admin API, the way a shop
 * manager would: a draft order, converted, marked as paid. Their receipts go through the
 * plugin like any other. Only on a store without orders, so re-running the demo keeps
 * what is there. The last one is two pairs of marked running shoes (demo/seed.js): its
 * receipt waits for their marking codes, which staff scan on the order page.
 */
async function placeSampleOrders(baseUrl, { email, password }, log) {
  const call = async (method, path, token, body) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    })
    const json = await res.json().catch(() => ({}))
    if (!res.ok) {
      throw new Error(`${method} ${path}: ${res.status} ${json.message ?? ""}`)
    }
    return json
  }
  const { token } = await call("POST", "/auth/user/emailpass", null, {
    email,
    password,
  })
  const { orders } = await call("GET", "/admin/orders?limit=1&fields=id", token)
  if (orders.length) {
    return
  }
  const { regions } = await call("GET", "/admin/regions?name=Россия", token)
  const { sales_channels } = await call(
    "GET",
    "/admin/sales-channels?limit=1",
    token
  )
  const {
    products: [shoes],
  } = await call(
    "GET",
    "/admin/products?handle=running-shoes&fields=id,variants.id,variants.title",
    token
  )
  const samples = [
    {
      email: "ivanova@example.com",
      items: [
        { title: "Чайник электрический", unit_price: 2490, quantity: 1 },
        {
          title: "Кружка керамическая, 350 мл",
          unit_price: 33.33,
          quantity: 3,
        },
      ],
    },
    {
      email: "petrov@example.com",
      items: [{ title: "Кофе в зёрнах, 1 кг", unit_price: 1890, quantity: 2 }],
    },
    ...(shoes?.variants?.length
      ? [
          {
            email: "smirnova@example.com",
            items: [{ variant_id: shoes.variants[0].id, quantity: 2 }],
          },
        ]
      : []),
  ]
  for (const sample of samples) {
    const { draft_order } = await call("POST", "/admin/draft-orders", token, {
      region_id: regions[0].id,
      sales_channel_id: sales_channels[0].id,
      email: sample.email,
      items: sample.items,
    })
    const { order } = await call(
      "POST",
      `/admin/draft-orders/${draft_order.id}/convert-to-order`,
      token,
      {}
    )
    const { payment_collection } = await call(
      "POST",
      "/admin/payment-collections",
      token,
      {
        order_id: order.id,
        amount: order.total,
      }
    )
    await call(
      "POST",
      `/admin/payment-collections/${payment_collection.id}/mark-as-paid`,
      token,
      { order_id: order.id }
    )
    log(`placed and paid sample order #${order.display_id} (${order.total} ₽)`)
  }
}

module.exports = { placeSampleOrders }
