import { PostSender } from "../_shared/post-sender"

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
 * How the notice is encoded. The doc only says the server notifies the shop
 * (docs/vendors/modulkassa.md, "Callbacks"):
 * - `json` (default): POST `application/json` with the DocumentStatus plus `id` and `docNum`;
 * - `form`: POST `application/x-www-form-urlencoded` with `id`, `docNum`, `status`
 *   (`SUCCESS`/`FAILED`, as the skeeks CMS module reads it) and `qr`, which the Bitrix
 *   module reads.
 * Either way the URL is called exactly as the shop gave it, its own query included.
 */
export type CallbackFormat = "json" | "form"

/** Delivers notices; a 2xx answer counts as delivered. */
export class CallbackSender extends PostSender {
  constructor(timeoutMs: number) {
    super(timeoutMs, "callback timed out")
  }

  send(
    url: string,
    payload: { body: Buffer; contentType: string },
    now: Date
  ): Promise<CallbackAttempt> {
    const attempt: CallbackAttempt = { url, at: now.toISOString() }
    return this.post(url, payload.body, payload.contentType).then(
      (result) => ({ ...attempt, ...result }),
      // An unusable URL is recorded as a failed attempt, not thrown.
      (error: Error) => ({ ...attempt, error: error.message })
    )
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
