import http from "node:http"
import https from "node:https"

/** Event kinds a subscription chooses (`types` of `POST /api/webhooks`, PROTOCOLS §4). */
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
 * retries nor a signature (PROTOCOLS §4 [?]); the emulator sends each event once, unsigned.
 */
export class WebhookSender {
  private readonly active_ = new Set<http.ClientRequest>()

  constructor(private readonly timeoutMs: number) {}

  get inFlight(): number {
    return this.active_.size
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
    return new Promise((resolve) => {
      let settled = false
      const finish = (patch: Partial<WebhookDelivery>) => {
        if (!settled) {
          settled = true
          this.active_.delete(request)
          resolve({ ...delivery, ...patch })
        }
      }
      let request: http.ClientRequest
      try {
        const transport = url.startsWith("https:") ? https : http
        request = transport.request(
          url,
          {
            method: "POST",
            headers: {
              "Content-Type": "application/json",
              "Content-Length": payload.length,
            },
            timeout: this.timeoutMs,
          },
          (response) => {
            response.resume()
            response.on("end", () => finish({ status: response.statusCode }))
            response.on("error", (error) => finish({ error: error.message }))
          }
        )
      } catch (error) {
        resolve({ ...delivery, error: (error as Error).message })
        return
      }
      this.active_.add(request)
      request.on("timeout", () =>
        request.destroy(new Error("webhook timed out"))
      )
      request.on("error", (error) => finish({ error: error.message }))
      request.end(payload)
    })
  }

  /** Aborts every delivery in flight (emulator shutdown or reset). */
  abortAll(): void {
    for (const request of this.active_) {
      request.destroy(new Error("emulator closed"))
    }
  }
}
