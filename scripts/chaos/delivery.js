/**
 * How a run hands the orders' `payment.captured` to the app: twice each, through the chaos
 * app's route into its event bus, at the app's own pace.
 */
const { sleep } = require("./util")

/** Orders whose events are delivered per second at most; delivery lasts at least MIN_EMIT_S. */
const EMIT_ORDERS_PER_S = 40
const MIN_EMIT_S = 30
const EMIT_INTERVAL_MS = 250
/**
 * At most this many delivered orders without a receipt row yet: the app's own pace sets the
 * rate, as a shop's payments would, instead of a pile of subscriber runs starving its CPU.
 * Unless the count of rows has not moved for BACKLOG_STALL_MS (the missing ones are lost).
 */
const MAX_BACKLOG = 50
const BACKLOG_STALL_MS = 3_000

/**
 * Delivers every order's `payment.captured` to the app twice, up to EMIT_ORDERS_PER_S orders
 * a second in requests every EMIT_INTERVAL_MS, slowed to the app's pace (MAX_BACKLOG). For
 * even-numbered orders of a request both copies go in that request (two subscriber runs
 * race), for odd ones the second copy goes in the next request (a redelivery). Calls
 * `atQuarter` and `atHalf` on the way; resolves once all is delivered and what they started
 * has finished. Records in `chaos` what was delivered when.
 */
async function deliverAll(
  orders,
  chaos,
  { appUrl, token, over, saleRows, atQuarter, atHalf, log }
) {
  const seconds = Math.max(MIN_EMIT_S, orders.length / EMIT_ORDERS_PER_S)
  const requests = Math.max(1, Math.round((seconds * 1000) / EMIT_INTERVAL_MS))
  const perRequest = Math.ceil(orders.length / requests)
  const batches = []
  for (let i = 0; i < orders.length; i += perRequest) {
    batches.push(orders.slice(i, i + perRequest))
  }
  let quarter = null
  let half = null
  for (let b = 0; b <= batches.length && !over(); b++) {
    const current = batches[b] ?? []
    const previous = batches[b - 1] ?? []
    const copies = [
      ...current.flatMap((o, i) => (i % 2 === 0 ? [o, o] : [o])),
      ...previous.filter((_, i) => i % 2 === 1),
    ]
    if (copies.length) {
      await deliver(appUrl, token, copies, over)
      const now = Date.now()
      const down =
        chaos.dbDown.from && (!chaos.dbDown.to || now <= chaos.dbDown.to)
      for (const o of copies) {
        if (!chaos.deliveredAt.has(o.order_id))
          chaos.deliveredAt.set(o.order_id, [])
        chaos.deliveredAt.get(o.order_id).push(now)
        if (down) chaos.deliveriesWhileDbDown++
      }
      chaos.emitted += copies.length
    }
    if (!quarter && b >= batches.length / 4) quarter = atQuarter()
    if (!half && b >= batches.length / 2) half = atHalf()
    await sleep(EMIT_INTERVAL_MS)
    await untilAppCatchesUp(chaos.deliveredAt.size, saleRows, over)
  }
  log(`${chaos.emitted} events delivered`)
  await Promise.all([quarter, half])
  chaos.chaosDoneAt = Date.now()
}

/** Waits while more than MAX_BACKLOG delivered orders have no sale receipt row yet. */
async function untilAppCatchesUp(delivered, saleRows, over) {
  let last = -1
  let lastMove = Date.now()
  while (!over()) {
    // while the database is down nothing is counted, and the stall rule lets delivery go on
    const rows = await saleRows().catch(() => null)
    if (rows !== null && delivered - rows <= MAX_BACKLOG) return
    if (rows !== last) {
      last = rows
      lastMove = Date.now()
    } else if (Date.now() - lastMove >= BACKLOG_STALL_MS) {
      return
    }
    await sleep(200)
  }
}

/** Hands `payment.captured` of `orders` to the app's event bus; retries while the app is away. */
async function deliver(appUrl, token, orders, over) {
  const body = JSON.stringify({
    events: orders.map((o) => ({
      name: "payment.captured",
      data: { id: o.payment_id },
    })),
  })
  let lastError
  while (!over()) {
    try {
      const res = await fetch(`${appUrl}/chaos/events`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-chaos-token": token },
        body,
        signal: AbortSignal.timeout(10_000),
      })
      if (res.ok) return
      lastError = new Error(`${res.status} ${await res.text()}`)
      if (res.status < 500) throw lastError
    } catch (e) {
      if (e === lastError) throw e
      lastError = e
    }
    await sleep(1_000)
  }
  throw new Error(
    `events were not delivered: ${lastError?.message ?? "time is up"}`
  )
}

module.exports = { deliverAll }
