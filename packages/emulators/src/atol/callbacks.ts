import { PostSender } from "../_shared/post-sender"

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
 * not fail the receipt, the result carries a warning instead (docs/vendors/atol.md, "Callbacks").
 */
const CALLBACK_MASK = /^https?:\/\/[^\s/$.?#][^\s]*$/i

export function isValidCallbackUrl(url: string): boolean {
  return CALLBACK_MASK.test(url)
}

/**
 * POSTs a result once. ATOL documents no retries and no signature; a shop that misses the
 * callback asks for the report after 300 s (docs/vendors/atol.md, "Callbacks").
 */
export class CallbackSender extends PostSender {
  constructor(timeoutMs: number) {
    super(timeoutMs, "callback timed out")
  }

  send(url: string, body: unknown, now: Date): Promise<CallbackAttempt> {
    const attempt: CallbackAttempt = { url, at: now.toISOString() }
    const payload = Buffer.from(JSON.stringify(body), "utf8")
    return this.post(url, payload, "application/json; charset=utf-8").then(
      (result) => ({ ...attempt, ...result })
    )
  }
}
