import type { DreamkasWebhook } from "./types"

/** How long a failed subscription attempt is not repeated. */
const RETRY_AFTER_FAILURE_MS = 10 * 60_000

type Entry = { ok: boolean; at: number; pending?: Promise<void> }

/**
 * Remembers which callback URLs this process has subscribed to an account's webhooks, so the
 * subscription is checked once per process instead of once per receipt. Concurrent callers
 * share one attempt; a failed attempt is repeated after ten minutes at the earliest.
 */
export class WebhookSubscriptions {
  private readonly entries_ = new Map<string, Entry>()

  async ensure(key: string, subscribe: () => Promise<boolean>): Promise<void> {
    const entry = this.entries_.get(key)
    if (entry?.pending) {
      return entry.pending
    }
    if (entry && (entry.ok || Date.now() - entry.at < RETRY_AFTER_FAILURE_MS)) {
      return
    }
    const next: Entry = { ok: false, at: Date.now() }
    next.pending = subscribe()
      .then(
        (ok) => {
          next.ok = ok
        },
        () => {
          next.ok = false
        }
      )
      .finally(() => {
        next.at = Date.now()
        next.pending = undefined
      })
    this.entries_.set(key, next)
    return next.pending
  }

  /** Forgets every subscription (tests). */
  clear(): void {
    this.entries_.clear()
  }
}

/** The subscriptions of this process, shared by every provider instance. */
export const dreamkasWebhookSubscriptions = new WebhookSubscriptions()

/** True when `hooks` (the answer of `GET /api/webhooks`) already delivers operations to `url`. */
export function hasOperationsWebhook(hooks: unknown, url: string): boolean {
  if (!Array.isArray(hooks)) {
    return false
  }
  return hooks.some((hook: Partial<DreamkasWebhook> | null) => {
    return (
      !!hook &&
      hook.url === url &&
      hook.isActive !== false &&
      hook.types?.operations === true
    )
  })
}

/** Subscription of `url` to operation changes only: the provider reads nothing else. */
export function operationsWebhook(url: string): DreamkasWebhook {
  return {
    url,
    isActive: true,
    types: {
      products: false,
      devices: false,
      encashments: false,
      receipts: false,
      shifts: false,
      operations: true,
      deviceRegistrations: false,
    },
  }
}

/** Operation ids are hex strings in every known sample; anything path-like is refused. */
const OPERATION_ID = /^[A-Za-z0-9_-]{6,64}$/

/** Webhook bodies are small; anything bigger is not Dreamkas'. */
const MAX_WEBHOOK_BYTES = 256 * 1024

/**
 * The operation a webhook `{action, type, data}` is about, or null
 * (docs/vendors/dreamkas.md, "Webhooks"). OPERATION deliveries carry the operation in
 * `data`; RECEIPT deliveries carry the fiscal receipt with its `operationId`. Nothing else of
 * the body is used: the status is asked of Dreamkas.
 */
export function operationIdOfWebhook(rawBody: unknown): string | null {
  if (
    !Buffer.isBuffer(rawBody) ||
    rawBody.length === 0 ||
    rawBody.length > MAX_WEBHOOK_BYTES
  ) {
    return null
  }
  let body: unknown
  try {
    body = JSON.parse(rawBody.toString("utf8"))
  } catch {
    return null
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    return null
  }
  const { type, data } = body as { type?: unknown; data?: unknown }
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    return null
  }
  const kind = typeof type === "string" ? type.toUpperCase() : ""
  const id =
    kind === "OPERATION"
      ? (data as { id?: unknown }).id
      : kind === "RECEIPT"
        ? (data as { operationId?: unknown }).operationId
        : undefined
  return typeof id === "string" && OPERATION_ID.test(id) ? id : null
}
