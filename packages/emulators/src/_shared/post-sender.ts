import http from "node:http"
import https from "node:https"

/** How one POST to a shop ended: the status it answered with, or why there was none. */
export type PostResult = {
  status?: number
  /** Why delivery failed (connection refused, timeout, …). */
  error?: string
}

/**
 * POSTs notices (callbacks, webhooks) to shops, once each, and keeps the requests in flight so
 * `idle()` can wait for them and shutdown can abort them.
 */
export class PostSender {
  private readonly active_ = new Set<http.ClientRequest>()

  /**
   * @param timeoutMs_ how long a shop may take to answer
   * @param timeoutMessage_ the error recorded when it does not (the vendor's wording)
   */
  constructor(
    private readonly timeoutMs_: number,
    private readonly timeoutMessage_: string
  ) {}

  get inFlight(): number {
    return this.active_.size
  }

  /**
   * POSTs `body` to `url`. Resolves with the outcome whatever the shop does; rejects only when
   * Node cannot even build the request (an unusable URL), which vendors treat differently.
   */
  post(url: string, body: Buffer, contentType: string): Promise<PostResult> {
    return new Promise((resolve) => {
      let settled = false
      const finish = (result: PostResult) => {
        if (!settled) {
          settled = true
          this.active_.delete(request)
          resolve(result)
        }
      }
      const transport = url.startsWith("https:") ? https : http
      const request = transport.request(
        url,
        {
          method: "POST",
          headers: {
            "Content-Type": contentType,
            "Content-Length": body.length,
          },
          timeout: this.timeoutMs_,
        },
        (response) => {
          response.resume()
          response.on("end", () => finish({ status: response.statusCode }))
          response.on("error", (error) => finish({ error: error.message }))
        }
      )
      this.active_.add(request)
      request.on("timeout", () =>
        request.destroy(new Error(this.timeoutMessage_))
      )
      request.on("error", (error) => finish({ error: error.message }))
      request.end(body)
    })
  }

  /** Aborts every delivery in flight (emulator shutdown or reset). */
  abortAll(): void {
    for (const request of this.active_) {
      request.destroy(new Error("emulator closed"))
    }
  }
}
