/** The demo store's admin API and the emulator's control API, driven from the test process. */

export const ADMIN = {
  email: "admin@medusa-fiscal.test",
  password: "fiscal-demo",
}

export type ApiReceipt = {
  id: string
  external_id: string
  order_id: string
  type: string
  reason: string
  status: string
  parent_id: string | null
  fiscal_document_number: string | null
  fiscal_document_attribute: string | null
  error_code: string | null
  error_message: string | null
}

export class StoreApi {
  private token?: string

  constructor(
    readonly baseUrl: string,
    readonly emulatorUrl: string,
    /** The demo's database; only what the admin API cannot do needs it. */
    readonly databaseUrl?: string
  ) {}

  async call<T = any>(
    method: string,
    path: string,
    body?: unknown
  ): Promise<T> {
    this.token ??= (
      await this.raw<{ token: string }>(
        "POST",
        "/auth/user/emailpass",
        undefined,
        ADMIN
      )
    ).token
    return this.raw<T>(method, path, this.token, body)
  }

  private async raw<T>(
    method: string,
    path: string,
    token?: string,
    body?: unknown
  ): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const json = (await res.json().catch(() => ({}))) as T & {
      message?: string
    }
    if (!res.ok) {
      throw new Error(`${method} ${path}: ${res.status} ${json.message ?? ""}`)
    }
    return json
  }

  /** Changes the emulator's fault plan (see packages/emulators/src/atol/control.ts). */
  async faults(plan: Record<string, unknown>): Promise<void> {
    const res = await fetch(`${this.emulatorUrl}/__control/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(plan),
    })
    if (!res.ok) {
      throw new Error(`emulator faults: ${res.status} ${await res.text()}`)
    }
  }

  /** Resolves once the emulator processes nothing and sends no callback, so an injected fault hits the next document. */
  async idle(): Promise<void> {
    const res = await fetch(`${this.emulatorUrl}/__control/idle`, {
      signal: AbortSignal.timeout(20_000),
    })
    if (!res.ok) {
      throw new Error(`emulator idle: ${res.status}`)
    }
  }

  async ledgerSize(): Promise<number> {
    const res = await fetch(`${this.emulatorUrl}/__control/ledger`)
    return ((await res.json()) as unknown[]).length
  }

  /** Waits until the emulator holds the document `externalId` in `status`. */
  async waitForLedger(
    externalId: string,
    status: string,
    timeoutMs = 20_000
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const res = await fetch(
        `${this.emulatorUrl}/__control/ledger?external_id=${encodeURIComponent(externalId)}`
      )
      const entries = (await res.json()) as { status: string }[]
      if (entries.some((e) => e.status === status)) return
      await new Promise((r) => setTimeout(r, 250))
    }
    throw new Error(
      `The emulator did not report ${externalId} as ${status} in ${timeoutMs / 1000} s`
    )
  }

  /** A draft order converted to an order, as a shop manager would place it: returns id and number. */
  async placeOrder(
    email: string,
    items: Record<string, unknown>[] = [
      { title: "Термокружка, 450 мл", unit_price: 1290, quantity: 1 },
    ]
  ): Promise<{ id: string; display_id: number; total: number }> {
    const { regions } = await this.call("GET", "/admin/regions?name=Россия")
    const { sales_channels } = await this.call(
      "GET",
      "/admin/sales-channels?limit=1"
    )
    const { draft_order } = await this.call("POST", "/admin/draft-orders", {
      region_id: regions[0].id,
      sales_channel_id: sales_channels[0].id,
      email,
      items,
    })
    const { order } = await this.call(
      "POST",
      `/admin/draft-orders/${draft_order.id}/convert-to-order`,
      {}
    )
    return order
  }

  /**
   * Size 41 of the demo's marked product (tagged "Честный знак", demo/seed.js), whose EAN
   * 4607002134588 is the GTIN of its marking codes.
   */
  async markedVariantId(): Promise<string> {
    const { products } = await this.call(
      "GET",
      "/admin/products?handle=running-shoes&fields=id,variants.id,variants.sku"
    )
    const variant = products[0]?.variants?.find(
      (v: { sku: string }) => v.sku === "RUNNING-SHOES-41"
    )
    if (!variant) {
      throw new Error("The demo store has no marked product (running-shoes)")
    }
    return variant.id
  }

  /** Marks the order paid, which captures the payment and triggers its sale receipt. */
  async markPaid(order: { id: string; total: number }): Promise<void> {
    const { payment_collection } = await this.call(
      "POST",
      "/admin/payment-collections",
      {
        order_id: order.id,
        amount: order.total,
      }
    )
    await this.call(
      "POST",
      `/admin/payment-collections/${payment_collection.id}/mark-as-paid`,
      {
        order_id: order.id,
      }
    )
  }

  /** Changes the fiscal settings as Settings → Fiscalization saves them. */
  async settings(patch: Record<string, unknown>): Promise<void> {
    await this.call("POST", "/admin/fiscal/settings", patch)
  }

  /** Runs one statement in the demo's database. */
  async sql(statement: string, params: unknown[] = []): Promise<void> {
    if (!this.databaseUrl) {
      throw new Error(
        "This test needs the demo's database: set FISCAL_BROWSER_DATABASE_URL with FISCAL_BROWSER_DEMO_URL"
      )
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Client } = require("pg")
    const client = new Client({ connectionString: this.databaseUrl })
    await client.connect()
    try {
      await client.query(statement, params)
    } finally {
      await client.end()
    }
  }

  /**
   * A paid order whose capture got no receipt, placed and paid `daysAgo` days back:
   * receipts are switched off while it is paid, then the order, its items and the capture
   * are moved to an earlier day together (the sweep looks back 3 days, so the capture stays
   * without a receipt). What a shop has after an outage.
   */
  async orderPaidWithoutReceipt(
    email: string,
    daysAgo = 5
  ): Promise<{ id: string; display_id: number; total: number }> {
    await this.settings({ enabled: false })
    try {
      const order = await this.placeOrder(email)
      await this.markPaid(order)
      // the subscriber of payment.captured reads the settings when the event arrives
      await new Promise((r) => setTimeout(r, 3_000))
      const { order: paid } = await this.call(
        "GET",
        `/admin/orders/${order.id}?fields=id,payment_collections.payments.captures.id`
      )
      const captureIds: string[] = (paid.payment_collections ?? []).flatMap(
        (pc: any) =>
          (pc.payments ?? []).flatMap((p: any) =>
            (p.captures ?? []).map((c: { id: string }) => c.id)
          )
      )
      if (captureIds.length === 0) {
        throw new Error(`Order ${order.id} has no capture`)
      }
      // one shift for all, so the items stay older than the money that paid for them
      const earlier = "created_at - make_interval(days => $2::int)"
      await this.sql(
        `UPDATE capture SET created_at = ${earlier} WHERE id = ANY($1)`,
        [captureIds, daysAgo]
      )
      await this.sql(
        `UPDATE order_line_item SET created_at = ${earlier}
          WHERE id IN (SELECT item_id FROM order_item WHERE order_id = $1)`,
        [order.id, daysAgo]
      )
      await this.sql(
        `UPDATE order_item SET created_at = ${earlier} WHERE order_id = $1`,
        [order.id, daysAgo]
      )
      await this.sql(
        `UPDATE "order" SET created_at = ${earlier} WHERE id = $1`,
        [order.id, daysAgo]
      )
      return order
    } finally {
      await this.settings({ enabled: true })
    }
  }

  async receipts(query = ""): Promise<ApiReceipt[]> {
    return (await this.call("GET", `/admin/fiscal/receipts?limit=200${query}`))
      .receipts
  }

  /** Polls the receipts of an order until `done(receipts)` holds; throws what it saw last. */
  async waitForReceipts(
    orderId: string,
    done: (receipts: ApiReceipt[]) => boolean,
    timeoutMs = 45_000
  ): Promise<ApiReceipt[]> {
    const deadline = Date.now() + timeoutMs
    let last: ApiReceipt[] = []
    while (Date.now() < deadline) {
      last = await this.receipts(`&order_id=${orderId}`)
      if (done(last)) return last
      await new Promise((r) => setTimeout(r, 500))
    }
    throw new Error(
      `Receipts of ${orderId} did not reach the expected state in ${timeoutMs / 1000} s: ${JSON.stringify(
        last.map((r) => ({
          reason: r.reason,
          status: r.status,
          error: r.error_message,
        }))
      )}`
    )
  }
}
