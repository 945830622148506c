/**
 * `medusa exec` script of `npm run chaos`: CHAOS_ORDERS real orders, each paid in full (a
 * payment collection marked as paid: a payment authorized and captured by the system
 * provider), created by Medusa's own workflows, CHAOS_CONCURRENCY at a time. Writes
 * `[{ order_id, payment_id, total }]` to CHAOS_ORDERS_FILE.
 *
 * The run starts it without the plugin (CHAOS_WITHOUT_PLUGIN=1, see medusa-config.js), so the
 * events these workflows emit reach no receipt subscriber here: the run delivers each
 * `payment.captured` to the app itself, twice.
 */
const fs = require("node:fs")
const {
  ContainerRegistrationKeys,
  Modules,
} = require("@medusajs/framework/utils")
const {
  createOrderPaymentCollectionWorkflow,
  createOrderWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  markPaymentCollectionAsPaid,
} = require("@medusajs/medusa/core-flows")

/** Attempts per order: a workflow may fail on a busy database and is safe to run again. */
const ATTEMPTS = 3

async function createChaosOrders({ container }) {
  const count = Number(process.env.CHAOS_ORDERS)
  const concurrency = Number(process.env.CHAOS_CONCURRENCY || 8)
  const file = process.env.CHAOS_ORDERS_FILE
  if (!(count > 0) || !file) {
    throw new Error("CHAOS_ORDERS and CHAOS_ORDERS_FILE are required")
  }
  // loaded (Medusa's defaults are written by now): the run may start the next creator
  process.stdout.write("CHAOS creating\n")
  const query = container.resolve(ContainerRegistrationKeys.QUERY)

  const { region, channel } = await ensureStore(container)
  // creators side by side number their orders apart
  const offset = Number(process.env.CHAOS_ORDER_OFFSET || 0)

  async function paidOrder(i) {
    const { result: order } = await createOrderWorkflow(container).run({
      input: {
        region_id: region.id,
        sales_channel_id: channel.id,
        currency_code: "rub",
        email: `buyer${i}@chaos.test`,
        items: [
          {
            title: `Товар ${i}`,
            quantity: 1 + (i % 3),
            // kopecks that do not divide evenly, so totals are not all round
            unit_price: Math.round((100 + (i % 97) * 7.77) * 100) / 100,
          },
          { title: "Доставка курьером", quantity: 1, unit_price: 300 },
        ],
      },
    })
    const {
      data: [{ total }],
    } = await query.graph({
      entity: "order",
      fields: ["id", "total"],
      filters: { id: order.id },
    })
    const { result: collection } = await createOrderPaymentCollectionWorkflow(
      container
    ).run({ input: { order_id: order.id, amount: Number(total) } })
    const { result: payment } = await markPaymentCollectionAsPaid(
      container
    ).run({
      input: { order_id: order.id, payment_collection_id: collection[0].id },
    })
    return { order_id: order.id, payment_id: payment.id, total: Number(total) }
  }

  const orders = new Array(count)
  let next = 0
  let done = 0
  async function lane() {
    while (next < count) {
      const i = next++
      const n = offset + i
      for (let attempt = 1; ; attempt++) {
        try {
          orders[i] = await paidOrder(n)
          break
        } catch (e) {
          if (attempt >= ATTEMPTS) {
            throw new Error(`order ${i}: ${e.message}`)
          }
        }
      }
      done++
      if (done % 100 === 0 || done === count) {
        process.stdout.write(`CHAOS created ${done}\n`)
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane))
  fs.writeFileSync(file, JSON.stringify(orders))
}

/**
 * A RUB region for Russia paid through the system provider, and a sales channel. Creators
 * run side by side: the first (CHAOS_CREATOR_INDEX 0) makes them, the others wait for them.
 */
async function ensureStore(container) {
  const find = async () => {
    const [region] = await container
      .resolve(Modules.REGION)
      .listRegions({ name: "Россия" })
    const [channel] = await container
      .resolve(Modules.SALES_CHANNEL)
      .listSalesChannels({ name: "Chaos shop" })
    return region && channel ? { region, channel } : null
  }
  if (Number(process.env.CHAOS_CREATOR_INDEX || 0) === 0) {
    return (
      (await find()) ?? {
        region: await createRegion(container),
        channel: await createSalesChannel(container),
      }
    )
  }
  for (let i = 0; i < 120; i++) {
    const found = await find()
    if (found) {
      return found
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(
    "the first creator did not set up the region and the sales channel"
  )
}

async function createRegion(container) {
  const {
    result: [region],
  } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: "Россия",
          currency_code: "rub",
          countries: ["ru"],
          payment_providers: ["pp_system_default"],
        },
      ],
    },
  })
  return region
}

async function createSalesChannel(container) {
  const {
    result: [channel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Chaos shop" }] },
  })
  return channel
}

module.exports.default = createChaosOrders
