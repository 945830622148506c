import type { Decision } from "./decide"

/**
 * "Send to KKM" or "Retry" on a `failed` or `invalid` receipt. The vendor holds nothing it
 * could still register under the current id (it failed or refused it, or it was never
 * sent), so a new generation is safe — and some vendors cache a refusal under the old id
 * (Checkonline). The document is rebuilt from the order as it is now, after whatever the
 * admin fixed.
 */
export function resendByAdmin(now: Date): Decision {
  return {
    to: "pending",
    patch: {
      regenerate: true,
      document: null,
      next_attempt_at: now,
      needs_attention: false,
    },
  }
}
