import http from "node:http"
import https from "node:https"

/** One attempt to deliver a result to `callback_url`. */
export type CallbackAttempt = {
  url: string
  at: string
  /** HTTP status the shop answered with. */
  status?: number
  /** Why delivery failed (connection refused, timeout, …). */
  error?: string
}

/**
 * ATOL's callback URL mask: http(s), a host, no spaces; Cyrillic allowed. A URL failing it does
 * not fail the receipt, the result carries a warning instead (PROTOCOLS §1.4).
 */
const CALLBACK_MASK = /^https?:\/\/[^\s/$.?#][^\s]*$/i

export function isValidCallbackUrl(url: string): boolean {
  return CALLBACK_MASK.test(url)
}

/**
 * POSTs a result once. ATOL documents no retries and no signature; a shop that misses the
 * callback asks for the report after 300 s (PROTOCOLS §1.6).
 */
export class CallbackSender {
  private readonly active_ = new Set<http.ClientRequest>()

  constructor(private readonly timeoutMs: number) {}

  get inFlight(): number {
    return this.active_.size
  }

  send(url: string, body: unknown, now: Date): Promise<CallbackAttempt> {
    const attempt: CallbackAttempt = { url, at: now.toISOString() }
    const payload = Buffer.from(JSON.stringify(body), "utf8")
    return new Promise((resolve) => {
      let settled = false
      const finish = (patch: Partial<CallbackAttempt>) => {
        if (!settled) {
          settled = true
          this.active_.delete(request)
          resolve({ ...attempt, ...patch })
        }
      }
      const transport = url.startsWith("https:") ? https : http
      const request = transport.request(
        url,
        {
          method: "POST",
          headers: {
            "Content-Type": "application/json; charset=utf-8",
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
      this.active_.add(request)
      request.on("timeout", () =>
        request.destroy(new Error("callback timed out"))
      )
      request.on("error", (error) => finish({ error: error.message }))
      request.end(payload)
    })
  }

  /** Aborts every delivery in flight (emulator shutdown). */
  abortAll(): void {
    for (const request of this.active_) {
      request.destroy(new Error("emulator closed"))
    }
  }
}
