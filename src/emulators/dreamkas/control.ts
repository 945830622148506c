import type { EmulatorResponse } from "./error-catalogue"
import type { DreamkasEngine } from "./engine"
import type { DreamkasFaultsInput } from "./faults"

/**
 * The control API under `/__control/` (not part of Dreamkas' protocol):
 *
 * | method | path | does |
 * |---|---|---|
 * | GET | `/__control/ledger[?external_id=&status=]` | every operation with its receipt or error |
 * | GET | `/__control/stats` | request counters, duplicate answers, injected faults |
 * | GET | `/__control/faults` | the current fault plan |
 * | POST | `/__control/faults` | change the fault plan (JSON body, see `DreamkasFaultsInput`) |
 * | GET | `/__control/config` | the answer to a repeated externalId and the 22 % tax names |
 * | POST | `/__control/config` | change them: `{"duplicateExternalId": "accept_new"}` |
 * | POST | `/__control/tokens/revoke` | every token (or `{"token": …}`) answers 401 from now on |
 * | GET | `/__control/webhooks` | the webhook subscriptions of every account |
 * | POST | `/__control/reset` | forget everything, restore the start configuration and seed |
 * | GET | `/__control/accounts` | the seeded tokens and kassas |
 * | GET | `/__control/idle` | answers once nothing is processing and no webhook is in flight |
 */
export async function handleControl(
  engine: DreamkasEngine,
  method: string,
  path: string,
  query: URLSearchParams,
  body: Buffer
): Promise<EmulatorResponse> {
  const route = `${method} ${path}`
  const json = <T>(): T => {
    const input = body.length === 0 ? {} : JSON.parse(body.toString("utf8"))
    if (!input || typeof input !== "object" || Array.isArray(input)) {
      throw new Error("the body must be a JSON object")
    }
    return input as T
  }
  try {
    switch (route) {
      case "GET /__control/ledger": {
        const externalId = query.get("external_id")
        const status = query.get("status")
        return ok(
          engine
            .ledger()
            .filter((entry) =>
              externalId ? entry.external_id === externalId : true
            )
            .filter((entry) => (status ? entry.status === status : true))
        )
      }
      case "GET /__control/stats":
        return ok(engine.stats())
      case "GET /__control/faults":
        return ok(engine.faults.get())
      case "POST /__control/faults": {
        const faults = engine.faults.set(json<DreamkasFaultsInput>())
        engine.releaseStuck()
        return ok(faults)
      }
      case "GET /__control/config":
        return ok(engine.configure({}))
      case "POST /__control/config":
        return ok(engine.configure(json()))
      case "POST /__control/tokens/revoke": {
        const { token } = json<{ token?: string }>()
        engine.revokeTokens(typeof token === "string" ? token : undefined)
        return ok({ revoked: true })
      }
      case "GET /__control/webhooks":
        return ok(engine.webhookSubscriptions())
      case "POST /__control/reset":
        engine.reset()
        return ok({ reset: true })
      case "GET /__control/accounts":
        return ok(engine.accounts)
      case "GET /__control/idle":
        await engine.idle()
        return ok({ idle: true })
      default:
        return {
          status: 404,
          body: { message: `Unknown control route ${route}` },
        }
    }
  } catch (error) {
    return { status: 400, body: { message: (error as Error).message } }
  }
}

function ok(body: unknown): EmulatorResponse {
  return { status: 200, body }
}
