import { setUpStore } from "./store"

/** The HTTP client of `medusaIntegrationTestRunner`, as the helpers use it. */
export type Api = Parameters<typeof setUpStore>[0]
/** Admin auth headers, as `adminHeaders` returns them. */
export type Headers = Parameters<typeof setUpStore>[1]

/** What `setUpCatalog` created; the other helpers take it where they need a location or key. */
export type Catalog = {
  regionId: string
  salesChannelId: string
  publishableKey: string
  stockLocationId: string
  shippingProfileId: string
  serviceZoneId: string
  /** A free ("pickup") shipping option: every order needs one, see `placeAuthorizedOrder`. */
  shippingOptionId: string
  /** Shipping option ids by price, filled as orders ask for prices. */
  shippingOptions: Record<number, string>
  productId: string
  /** Variant ids and prices (rubles) by variant title. */
  variants: Record<string, { id: string; price: number }>
}

export type OrderLine = { variantId: string; quantity: number }

export type AuthorizedOrder = {
  id: string
  total: number
  paymentCollectionId: string
  paymentId: string
  items: {
    id: string
    variantId: string
    quantity: number
    unitPrice: number
  }[]
  shippingMethodId: string | null
}

/** An order as GET /admin/orders/:id returns it, with the fields the helpers read. */
export type AdminOrder = {
  id: string
  status: string
  total: number
  summary: {
    pending_difference: number
    paid_total: number
    refunded_total: number
    [k: string]: unknown
  }
  items: { id: string; variant_id: string | null; quantity: number }[]
  payment_collections: {
    id: string
    status: string
    amount: number
    payments: {
      id: string
      amount: number
      captures: { id: string; amount: number }[]
      refunds: { id: string; amount: number; note?: string | null }[]
    }[]
  }[]
}

/** Medusa's answer in the error, so a failing step says why. */
async function post(
  api: Api,
  url: string,
  body: unknown,
  config: unknown
): Promise<{ data: any }> {
  try {
    return await api.post(url, body, config)
  } catch (e) {
    const res = (e as { response?: { status: number; data: unknown } }).response
    if (!res) {
      throw e
    }
    throw new Error(
      `POST ${url} ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.data)}`
    )
  }
}

const DEFAULT_PRICES = { base: 1000, dearer: 1500, cheaper: 700 }

const ADDRESS = {
  first_name: "Иван",
  last_name: "Петров",
  address_1: "ул. Ленина, 1",
  city: "Москва",
  postal_code: "101000",
  country_code: "ru",
  phone: "+79990000000",
}

/**
 * Everything the money flows need beyond `setUpStore`: one product whose variants (titles
 * and prices from `prices`, in rubles) belong to the store's sales channel, a publishable
 * key for the store routes, and a stock location with a shipping fulfillment set, a
 * service zone for Russia and a free shipping option. The product has a shipping profile,
 * so its cart items require shipping and a cart completes only with a shipping method;
 * Medusa also fulfills nothing without a shipping option, and returns, claims and
 * exchanges only take back fulfilled quantities. The variants do not manage inventory:
 * edits and exchanges then add items without stock levels or reservations.
 */
export async function setUpCatalog(
  api: Api,
  headers: Headers,
  store: { regionId: string; salesChannelId: string },
  {
    prices = DEFAULT_PRICES as Record<string, number>,
  }: { prices?: Record<string, number> } = {}
): Promise<Catalog> {
  const key = await post(
    api,
    "/admin/api-keys",
    { title: "Storefront", type: "publishable" },
    headers
  )
  const apiKey = key.data.api_key
  await post(
    api,
    `/admin/api-keys/${apiKey.id}/sales-channels`,
    { add: [store.salesChannelId] },
    headers
  )

  const profile = await post(
    api,
    "/admin/shipping-profiles",
    { name: "Посылки", type: "default" },
    headers
  )
  const shippingProfileId = profile.data.shipping_profile.id as string

  const location = await post(
    api,
    "/admin/stock-locations",
    { name: "Склад", address: { address_1: "Склад 1", country_code: "ru" } },
    headers
  )
  const stockLocationId = location.data.stock_location.id as string
  // the location must reach the cart's sales channel and offer the manual provider, or
  // the cart lists no shipping options
  await post(
    api,
    `/admin/stock-locations/${stockLocationId}/sales-channels`,
    { add: [store.salesChannelId] },
    headers
  )
  await post(
    api,
    `/admin/stock-locations/${stockLocationId}/fulfillment-providers`,
    { add: ["manual_manual"] },
    headers
  )
  const withSet = await post(
    api,
    `/admin/stock-locations/${stockLocationId}/fulfillment-sets?fields=id,fulfillment_sets.id`,
    { name: "Доставка со склада", type: "shipping" },
    headers
  )
  const fulfillmentSetId = withSet.data.stock_location.fulfillment_sets[0]
    .id as string
  const zone = await post(
    api,
    `/admin/fulfillment-sets/${fulfillmentSetId}/service-zones?fields=id,service_zones.id`,
    {
      name: "Россия",
      geo_zones: [{ type: "country", country_code: "ru" }],
    },
    headers
  )
  const serviceZoneId = zone.data.fulfillment_set.service_zones[0].id as string

  const catalog = {
    ...store,
    publishableKey: apiKey.token as string,
    stockLocationId,
    shippingProfileId,
    serviceZoneId,
  }
  const shippingOptionId = await createShippingOption(api, headers, catalog, 0)

  const titles = Object.keys(prices)
  const product = await post(
    api,
    "/admin/products",
    {
      title: "Чайник",
      status: "published",
      shipping_profile_id: shippingProfileId,
      sales_channels: [{ id: store.salesChannelId }],
      options: [{ title: "Модель", values: titles }],
      variants: titles.map((title) => ({
        title,
        options: { Модель: title },
        manage_inventory: false,
        prices: [{ currency_code: "rub", amount: prices[title] }],
      })),
    },
    headers
  )
  const variants: Catalog["variants"] = {}
  for (const v of product.data.product.variants) {
    variants[v.title] = { id: v.id, price: prices[v.title] }
  }
  return {
    ...catalog,
    shippingOptionId,
    shippingOptions: { 0: shippingOptionId },
    productId: product.data.product.id,
    variants,
  }
}

/** A flat shipping option of the catalog's zone and profile, for the storefront. */
export async function createShippingOption(
  api: Api,
  headers: Headers,
  catalog: Pick<Catalog, "serviceZoneId" | "shippingProfileId">,
  price: number
): Promise<string> {
  const { data } = await post(
    api,
    "/admin/shipping-options",
    {
      name: price ? `Курьер ${price} ₽` : "Самовывоз",
      service_zone_id: catalog.serviceZoneId,
      shipping_profile_id: catalog.shippingProfileId,
      provider_id: "manual_manual",
      price_type: "flat",
      type: { label: "Курьер", description: "Курьер", code: "courier" },
      prices: [{ currency_code: "rub", amount: price }],
      rules: [
        { attribute: "enabled_in_store", operator: "eq", value: "true" },
        { attribute: "is_return", operator: "eq", value: "false" },
      ],
    },
    headers
  )
  return data.shipping_option.id
}

/**
 * An order placed through the storefront and paid with the system provider: Medusa
 * authorizes the payment on cart completion and captures nothing, so the test decides
 * what to capture. The cart gets a shipping method priced `shippingPrice` (free by
 * default; Medusa completes no cart of shippable items without one).
 */
export async function placeAuthorizedOrder(
  api: Api,
  headers: Headers,
  catalog: Catalog,
  lines: OrderLine[],
  { shippingPrice = 0 }: { shippingPrice?: number } = {}
): Promise<AuthorizedOrder> {
  const storeHeaders = {
    headers: { "x-publishable-api-key": catalog.publishableKey },
  }
  const cart = await post(
    api,
    "/store/carts",
    {
      region_id: catalog.regionId,
      sales_channel_id: catalog.salesChannelId,
      email: "buyer@example.com",
      shipping_address: ADDRESS,
      billing_address: ADDRESS,
      items: lines.map((l) => ({
        variant_id: l.variantId,
        quantity: l.quantity,
      })),
    },
    storeHeaders
  )
  const cartId = cart.data.cart.id as string
  catalog.shippingOptions[shippingPrice] ??= await createShippingOption(
    api,
    headers,
    catalog,
    shippingPrice
  )
  await post(
    api,
    `/store/carts/${cartId}/shipping-methods`,
    { option_id: catalog.shippingOptions[shippingPrice] },
    storeHeaders
  )
  const pc = await post(
    api,
    "/store/payment-collections",
    { cart_id: cartId },
    storeHeaders
  )
  await post(
    api,
    `/store/payment-collections/${pc.data.payment_collection.id}/payment-sessions`,
    { provider_id: "pp_system_default" },
    storeHeaders
  )
  const done = await post(
    api,
    `/store/carts/${cartId}/complete`,
    {},
    storeHeaders
  )
  if (done.data.type !== "order") {
    throw new Error(
      `The cart did not complete: ${JSON.stringify(done.data.error ?? done.data)}`
    )
  }
  const order = await getOrder(api, headers, done.data.order.id)
  const { data } = await api.get(
    `/admin/orders/${order.id}?fields=id,items.id,items.variant_id,items.quantity,items.unit_price,shipping_methods.id`,
    headers
  )
  const collection = order.payment_collections[0]
  return {
    id: order.id,
    total: order.total,
    paymentCollectionId: collection.id,
    paymentId: collection.payments[0].id,
    items: data.order.items.map(
      (i: {
        id: string
        variant_id: string
        quantity: number
        unit_price: number
      }) => ({
        id: i.id,
        variantId: i.variant_id,
        quantity: i.quantity,
        unitPrice: i.unit_price,
      })
    ),
    shippingMethodId: data.order.shipping_methods[0]?.id ?? null,
  }
}

/** GET /admin/orders/:id with its default fields (summary, items, payments with captures and refunds). */
export async function getOrder(
  api: Api,
  headers: Headers,
  orderId: string
): Promise<AdminOrder> {
  const { data } = await api.get(`/admin/orders/${orderId}`, headers)
  return data.order
}

type PaymentWithMoves = {
  id: string
  amount: number
  captures: { id: string; amount: number }[]
  refunds: { id: string; amount: number }[]
}

const newOne = <T extends { id: string }>(before: T[], after: T[]) => {
  const known = new Set(before.map((x) => x.id))
  const added = after.filter((x) => !known.has(x.id))
  if (added.length !== 1) {
    throw new Error(`Expected one new record, got ${added.length}`)
  }
  return added[0]
}

async function getPayment(
  api: Api,
  headers: Headers,
  paymentId: string
): Promise<PaymentWithMoves> {
  const { data } = await api.get(
    `/admin/payments/${paymentId}?fields=id,amount,*captures,*refunds`,
    headers
  )
  return data.payment
}

/** Captures `amount` of an authorized payment (what is left uncaptured when omitted); returns the new capture. */
export async function capturePayment(
  api: Api,
  headers: Headers,
  paymentId: string,
  amount?: number
): Promise<{ captureId: string; amount: number }> {
  const before = await getPayment(api, headers, paymentId)
  // without an amount Medusa captures the payment's whole amount, which fails once a part is captured
  const rest =
    before.amount - before.captures.reduce((sum, c) => sum + c.amount, 0)
  await post(
    api,
    `/admin/payments/${paymentId}/capture`,
    { amount: amount ?? rest },
    headers
  )
  const capture = newOne(
    before.captures,
    (await getPayment(api, headers, paymentId)).captures
  )
  return { captureId: capture.id, amount: capture.amount }
}

/** Refunds `amount` of a captured payment, as the admin's refund form does; returns the new refund. */
export async function refundPayment(
  api: Api,
  headers: Headers,
  paymentId: string,
  amount: number,
  note?: string
): Promise<{ refundId: string; amount: number }> {
  const before = await getPayment(api, headers, paymentId)
  await post(
    api,
    `/admin/payments/${paymentId}/refund`,
    note === undefined ? { amount } : { amount, note },
    headers
  )
  const refund = newOne(
    before.refunds,
    (await getPayment(api, headers, paymentId)).refunds
  )
  return { refundId: refund.id, amount: refund.amount }
}

/**
 * Pays what the order still owes, the way the admin's "Mark as paid" does: confirming an
 * edit, claim or exchange that raises the total leaves a `not_paid` payment collection
 * for the difference (Medusa creates it itself), and marking it paid authorizes and
 * captures a manual payment for its whole amount. Returns null when nothing is owed.
 */
export async function payOutstanding(
  api: Api,
  headers: Headers,
  orderId: string
): Promise<{
  paymentCollectionId: string
  paymentId: string
  amount: number
} | null> {
  const order = await getOrder(api, headers, orderId)
  const open = order.payment_collections.find((pc) =>
    ["not_paid", "awaiting"].includes(pc.status)
  )
  if (!open || order.summary.pending_difference <= 0) {
    return null
  }
  await post(
    api,
    `/admin/payment-collections/${open.id}/mark-as-paid`,
    { order_id: orderId },
    headers
  )
  const after = await getOrder(api, headers, orderId)
  const paid = after.payment_collections.find((pc) => pc.id === open.id)!
  return {
    paymentCollectionId: open.id,
    paymentId: paid.payments[0].id,
    amount: paid.amount,
  }
}

/**
 * Gives back what the order owes the buyer (a negative pending difference), the way the
 * admin's "Refund" does: a refund of a captured payment. Medusa never refunds on its own
 * after a return, claim or exchange. Takes the payment with the most left to refund;
 * returns null when nothing is owed.
 */
export async function refundOutstanding(
  api: Api,
  headers: Headers,
  orderId: string,
  note?: string
): Promise<{ paymentId: string; refundId: string; amount: number } | null> {
  const order = await getOrder(api, headers, orderId)
  const owed = -order.summary.pending_difference
  if (owed <= 0) {
    return null
  }
  const refundable = order.payment_collections
    .flatMap((pc) => pc.payments)
    .map((p) => ({
      id: p.id,
      left:
        p.captures.reduce((s, c) => s + c.amount, 0) -
        p.refunds.reduce((s, r) => s + r.amount, 0),
    }))
    .sort((a, b) => b.left - a.left)[0]
  if (!refundable || refundable.left < owed) {
    throw new Error(
      `No single payment of ${orderId} can refund ${owed} (best: ${JSON.stringify(refundable)})`
    )
  }
  const refund = await refundPayment(api, headers, refundable.id, owed, note)
  return { paymentId: refundable.id, ...refund }
}

/**
 * Fulfills items (all of every item when `items` is omitted) from the catalog's location.
 * Returns, claims and exchanges only take back fulfilled quantities. Orders placed without
 * shipping get the catalog's shipping option, since Medusa cannot fulfill without one.
 */
export async function fulfillItems(
  api: Api,
  headers: Headers,
  catalog: Catalog,
  orderId: string,
  items?: { itemId: string; quantity: number }[]
): Promise<{ fulfillmentId: string }> {
  const { data } = await api.get(
    `/admin/orders/${orderId}?fields=id,*items,shipping_methods.shipping_option_id,fulfillments.id`,
    headers
  )
  const order = data.order
  const toFulfill =
    items?.map((i) => ({ id: i.itemId, quantity: i.quantity })) ??
    order.items
      .map(
        (i: {
          id: string
          quantity: number
          detail: { fulfilled_quantity: number }
        }) => ({
          id: i.id,
          quantity: i.quantity - i.detail.fulfilled_quantity,
        })
      )
      .filter((i: { quantity: number }) => i.quantity > 0)
  const hasShipping = order.shipping_methods.some(
    (m: { shipping_option_id: string | null }) => m.shipping_option_id
  )
  const before: { id: string }[] = order.fulfillments ?? []
  const res = await post(
    api,
    `/admin/orders/${orderId}/fulfillments?fields=id,fulfillments.id`,
    {
      items: toFulfill,
      location_id: catalog.stockLocationId,
      ...(hasShipping ? {} : { shipping_option_id: catalog.shippingOptionId }),
    },
    headers
  )
  return { fulfillmentId: newOne(before, res.data.order.fulfillments).id }
}

/**
 * Marks a fulfillment shipped (`shipment.created`), with all of its items.
 */
export async function shipFulfillment(
  api: Api,
  headers: Headers,
  orderId: string,
  fulfillmentId: string
): Promise<void> {
  const { data } = await api.get(
    `/admin/orders/${orderId}?fields=id,fulfillments.id,fulfillments.items.line_item_id,fulfillments.items.quantity`,
    headers
  )
  const fulfillment = data.order.fulfillments.find(
    (f: { id: string }) => f.id === fulfillmentId
  )
  await post(
    api,
    `/admin/orders/${orderId}/fulfillments/${fulfillmentId}/shipments`,
    {
      items: fulfillment.items.map(
        (i: { line_item_id: string; quantity: number }) => ({
          id: i.line_item_id,
          quantity: i.quantity,
        })
      ),
    },
    headers
  )
}

/** Marks a fulfillment delivered (`delivery.created`). */
export async function markDelivered(
  api: Api,
  headers: Headers,
  orderId: string,
  fulfillmentId: string
): Promise<void> {
  await post(
    api,
    `/admin/orders/${orderId}/fulfillments/${fulfillmentId}/mark-as-delivered`,
    {},
    headers
  )
}

/**
 * Adds `quantity` of a variant to the order through an order edit (begin, add, request,
 * confirm) and pays the difference with `payOutstanding`. Confirming opens a `not_paid`
 * collection for the pending difference. If the order's collection is still `authorized`
 * (nothing or only part captured: a partial capture leaves it `authorized`), Medusa cancels
 * that payment, without an event, and the new collection asks for everything not yet
 * captured, the new item included.
 */
export async function editOrderAddItem(
  api: Api,
  headers: Headers,
  orderId: string,
  variantId: string,
  quantity: number,
  { pay = true }: { pay?: boolean } = {}
): Promise<{
  itemId: string
  orderChangeId: string
  difference: number
  paymentId: string | null
}> {
  const before = await getOrder(api, headers, orderId)
  const change = await post(
    api,
    "/admin/order-edits",
    { order_id: orderId },
    headers
  )
  await post(
    api,
    `/admin/order-edits/${orderId}/items`,
    { items: [{ variant_id: variantId, quantity }] },
    headers
  )
  await post(api, `/admin/order-edits/${orderId}/request`, {}, headers)
  await post(api, `/admin/order-edits/${orderId}/confirm`, {}, headers)
  const after = await getOrder(api, headers, orderId)
  const item = newOne(before.items, after.items)
  const paid = pay ? await payOutstanding(api, headers, orderId) : null
  return {
    itemId: item.id,
    orderChangeId: change.data.order_change.id,
    difference: after.summary.pending_difference,
    paymentId: paid?.paymentId ?? null,
  }
}

/** Begins, requests, and (unless `receive` is false) receives in full a return of fulfilled items, without return shipping. */
export async function returnItems(
  api: Api,
  headers: Headers,
  orderId: string,
  items: { itemId: string; quantity: number }[],
  {
    locationId,
    receive = true,
  }: { locationId?: string; receive?: boolean } = {}
): Promise<{ returnId: string }> {
  const begun = await post(
    api,
    "/admin/returns",
    locationId
      ? { order_id: orderId, location_id: locationId }
      : { order_id: orderId },
    headers
  )
  const returnId = begun.data.return.id as string
  await post(
    api,
    `/admin/returns/${returnId}/request-items`,
    { items: items.map((i) => ({ id: i.itemId, quantity: i.quantity })) },
    headers
  )
  await post(api, `/admin/returns/${returnId}/request`, {}, headers)
  if (receive) {
    await receiveReturn(api, headers, returnId, items)
  }
  return { returnId }
}

/** Receives the items of a requested return (begin receive, receive items, confirm). */
export async function receiveReturn(
  api: Api,
  headers: Headers,
  returnId: string,
  items: { itemId: string; quantity: number }[]
): Promise<void> {
  await post(api, `/admin/returns/${returnId}/receive`, {}, headers)
  await post(
    api,
    `/admin/returns/${returnId}/receive-items`,
    { items: items.map((i) => ({ id: i.itemId, quantity: i.quantity })) },
    headers
  )
  await post(api, `/admin/returns/${returnId}/receive/confirm`, {}, headers)
}

/**
 * A claim of type refund for a fulfilled item, its quantity taken back as the claim's
 * inbound (return) items, as the admin's claim form does; confirmed, its return received
 * unless `receive` is false. Medusa refunds nothing itself; with `refund` (default) the
 * helper refunds what the order then owes, as the admin would.
 */
export async function claimWithRefund(
  api: Api,
  headers: Headers,
  orderId: string,
  itemId: string,
  quantity: number,
  {
    receive = true,
    refund = true,
  }: { receive?: boolean; refund?: boolean } = {}
): Promise<{
  claimId: string
  returnId: string | null
  difference: number
  refund: { paymentId: string; refundId: string; amount: number } | null
}> {
  const begun = await post(
    api,
    "/admin/claims",
    { type: "refund", order_id: orderId },
    headers
  )
  const claimId = begun.data.claim.id as string
  await post(
    api,
    `/admin/claims/${claimId}/inbound/items`,
    { items: [{ id: itemId, quantity }] },
    headers
  )
  await post(api, `/admin/claims/${claimId}/request`, {}, headers)
  const { data } = await api.get(
    `/admin/claims/${claimId}?fields=id,return_id`,
    headers
  )
  const returnId = (data.claim.return_id as string | null) ?? null
  if (receive && returnId) {
    await receiveReturn(api, headers, returnId, [{ itemId, quantity }])
  }
  const order = await getOrder(api, headers, orderId)
  return {
    claimId,
    returnId,
    difference: order.summary.pending_difference,
    refund: refund ? await refundOutstanding(api, headers, orderId) : null,
  }
}

/**
 * An exchange: `inbound` goes back (received unless `receive` is false), `outbound` is
 * sent instead. The difference is settled as the admin would: a dearer replacement is paid
 * through the collection Medusa opens for it, a cheaper one refunded from a captured
 * payment. `difference` is the order's pending difference after confirming (positive: the
 * buyer owes).
 */
export async function exchange(
  api: Api,
  headers: Headers,
  orderId: string,
  {
    inbound,
    outbound,
  }: {
    inbound: { itemId: string; quantity?: number }
    outbound: { variantId: string; quantity?: number }
  },
  {
    receive = true,
    settle = true,
  }: { receive?: boolean; settle?: boolean } = {}
): Promise<{
  exchangeId: string
  returnId: string | null
  outboundItemId: string
  difference: number
  paymentId: string | null
  refundId: string | null
}> {
  const before = await getOrder(api, headers, orderId)
  const begun = await post(
    api,
    "/admin/exchanges",
    { order_id: orderId },
    headers
  )
  const exchangeId = begun.data.exchange.id as string
  const inboundQuantity = inbound.quantity ?? 1
  await post(
    api,
    `/admin/exchanges/${exchangeId}/inbound/items`,
    { items: [{ id: inbound.itemId, quantity: inboundQuantity }] },
    headers
  )
  await post(
    api,
    `/admin/exchanges/${exchangeId}/outbound/items`,
    {
      items: [
        { variant_id: outbound.variantId, quantity: outbound.quantity ?? 1 },
      ],
    },
    headers
  )
  await post(api, `/admin/exchanges/${exchangeId}/request`, {}, headers)
  const { data } = await api.get(
    `/admin/exchanges/${exchangeId}?fields=id,return_id`,
    headers
  )
  const returnId = (data.exchange.return_id as string | null) ?? null
  if (receive && returnId) {
    await receiveReturn(api, headers, returnId, [
      { itemId: inbound.itemId, quantity: inboundQuantity },
    ])
  }
  const after = await getOrder(api, headers, orderId)
  const outboundItem = newOne(before.items, after.items)
  const difference = after.summary.pending_difference
  let paymentId: string | null = null
  let refundId: string | null = null
  if (settle && difference > 0) {
    paymentId = (await payOutstanding(api, headers, orderId))?.paymentId ?? null
  } else if (settle && difference < 0) {
    refundId =
      (await refundOutstanding(api, headers, orderId))?.refundId ?? null
  }
  return {
    exchangeId,
    returnId,
    outboundItemId: outboundItem.id,
    difference,
    paymentId,
    refundId,
  }
}

/**
 * Cancels the order (no fulfillments allowed). Medusa refunds every captured amount itself,
 * emitting `order.canceled` but not `payment.refunded`, and cancels payments with no
 * capture; a partly captured payment is refunded, not canceled. The order transaction of
 * such a refund references the payment id, not the refund id.
 */
export async function cancelOrder(
  api: Api,
  headers: Headers,
  orderId: string
): Promise<{
  refunds: { paymentId: string; refundId: string; amount: number }[]
}> {
  const before = await getOrder(api, headers, orderId)
  await post(api, `/admin/orders/${orderId}/cancel`, {}, headers)
  const after = await getOrder(api, headers, orderId)
  const known = new Set(
    before.payment_collections.flatMap((pc) =>
      pc.payments.flatMap((p) => p.refunds.map((r) => r.id))
    )
  )
  return {
    refunds: after.payment_collections.flatMap((pc) =>
      pc.payments.flatMap((p) =>
        p.refunds
          .filter((r) => !known.has(r.id))
          .map((r) => ({ paymentId: p.id, refundId: r.id, amount: r.amount }))
      )
    ),
  }
}
