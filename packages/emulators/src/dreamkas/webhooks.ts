import { PostSender } from "../_shared/post-sender"

/**
 * Event kinds a subscription chooses (`types` of `POST /api/webhooks`;
 * docs/vendors/dreamkas.md, "Webhooks").
 */
export const WEBHOOK_TYPES = [
  "products",
  "devices",
  "encashments",
  "receipts",
  "shifts",
  "operations",
  "deviceRegistrations",
] as const

export type WebhookType = (typeof WEBHOOK_TYPES)[number]

/** A stored subscription. */
export type WebhookSubscription = {
  id: string
  url: string
  isActive: boolean
  types: Record<WebhookType, boolean>
}

/** One delivery attempt of a webhook. */
export type WebhookDelivery = {
  url: string
  at: string
  /** `OPERATION` or `RECEIPT`. */
  type: string
  /** `CREATE` or `UPDATE`. */
  action: string
  /** The subject's id: the operation's, or the receipt's. */
  id: string
  /** HTTP status the shop answered with. */
  status?: number
  /** Why delivery failed (connection refused, timeout, …). */
  error?: string
}

/**
 * POSTs `{action, type, data}` to subscribed URLs, once per event. Dreamkas documents neither
 * retries nor a signature [?] (docs/vendors/dreamkas.md, "Webhooks"); the emulator sends each
 * event once, unsigned, and one after the other per URL [I], so a shop sees an operation's
 * events in the order they happened.
 */
export class WebhookSender extends PostSender {
  private readonly lanes_ = new Map<string, Promise<unknown>>()
  private queued_ = 0

  constructor(timeoutMs: number) {
    super(timeoutMs, "webhook timed out")
  }

  /** Deliveries waiting their turn or in flight, for `idle()`. */
  get pending(): number {
    return this.queued_ + this.inFlight
  }

  send(
    url: string,
    event: {
      action: string
      type: string
      data: { id: string } & Record<string, unknown>
    },
    now: Date
  ): Promise<WebhookDelivery> {
    const delivery: WebhookDelivery = {
      url,
      at: now.toISOString(),
      type: event.type,
      action: event.action,
      id: event.data.id,
    }
    const payload = Buffer.from(JSON.stringify(event), "utf8")
    this.queued_++
    const sent = (this.lanes_.get(url) ?? Promise.resolve()).then(() => {
      this.queued_--
      return this.post(url, payload, "application/json").then(
        (result) => ({ ...delivery, ...result }),
        // An unusable URL is recorded as a failed delivery, not thrown.
        (error: Error) => ({ ...delivery, error: error.message })
      )
    })
    this.lanes_.set(url, sent)
    return sent
  }
}
