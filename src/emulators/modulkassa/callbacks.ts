import http from "node:http"
import https from "node:https"

/** One attempt to notify `responseURL`. */
export type CallbackAttempt = {
  url: string
  at: string
  /** HTTP status the shop answered with. */
  status?: number
  /** Why delivery failed (connection refused, timeout, …). */
  error?: string
}

/**
 * How the notice is encoded. The doc only says the server notifies the shop (PROTOCOLS §3):
 * - `json` (default): POST `application/json` with the DocumentStatus plus `id` and `docNum`;
 * - `form`: POST `application/x-www-form-urlencoded` with `id`, `docNum`, `status`
 *   (`SUCCESS`/`FAILED`, as the skeeks CMS module reads it) and `qr`, which the Bitrix
 *   module reads.
 * Either way the URL is called exactly as the shop gave it, its own query included.
 */
export type CallbackFormat = "json" | "form"

/** Delivers notices; a 2xx answer counts as delivered. */
export class CallbackSender {
  private readonly active_ = new Set<http.ClientRequest>()

  constructor(private readonly timeoutMs: number) {}

  get inFlight(): number {
    return this.active_.size
  }

  send(
    url: string,
    payload: { body: Buffer; contentType: string },
    now: Date
  ): Promise<CallbackAttempt> {
    const attempt: CallbackAttempt = { url, at: now.toISOString() }
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
      let request: http.ClientRequest
      try {
        request = transport.request(
          url,
          {
            method: "POST",
            headers: {
              "Content-Type": payload.contentType,
              "Content-Length": payload.body.length,
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
        resolve({ ...attempt, error: (error as Error).message })
        return
      }
      this.active_.add(request)
      request.on("timeout", () =>
        request.destroy(new Error("callback timed out"))
      )
      request.on("error", (error) => finish({ error: error.message }))
      request.end(payload.body)
    })
  }

  /** Aborts every delivery in flight (emulator shutdown). */
  abortAll(): void {
    for (const request of this.active_) {
      request.destroy(new Error("emulator closed"))
    }
  }
}

/** True for a 2xx answer. */
export function delivered(attempt: CallbackAttempt): boolean {
  return (
    attempt.status !== undefined &&
    attempt.status >= 200 &&
    attempt.status < 300
  )
}
