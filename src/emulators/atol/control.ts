import type { AtolEngine, EngineResponse } from "./engine"
import type { AtolFaultsInput } from "./faults"

/**
 * The control API under `/__control/` (not part of ATOL's protocol):
 *
 * | method | path | does |
 * |---|---|---|
 * | GET | `/__control/ledger[?group=&external_id=]` | registered documents |
 * | GET | `/__control/stats` | request counters, tokens issued, observed report rate per group |
 * | GET | `/__control/faults` | the current fault plan |
 * | POST | `/__control/faults` | change the fault plan (JSON body, see `AtolFaultsInput`) |
 * | POST | `/__control/tokens/expire` | every issued token answers 11 ExpiredToken from now on |
 * | POST | `/__control/reset` | forget documents, tokens, counters and faults; restart the seed |
 * | GET | `/__control/accounts` | the seeded logins, passwords and groups |
 * | GET | `/__control/idle` | answers once nothing is processing and no callback is in flight |
 */
export async function handleControl(
  engine: AtolEngine,
  method: string,
  path: string,
  query: URLSearchParams,
  body: Buffer
): Promise<EngineResponse> {
  const route = `${method} ${path}`
  switch (route) {
    case "GET /__control/ledger": {
      const group = query.get("group")
      const externalId = query.get("external_id")
      const entries = engine
        .ledger()
        .filter((entry) => (group ? entry.group === group : true))
        .filter((entry) =>
          externalId ? entry.external_id === externalId : true
        )
      return ok(entries)
    }
    case "GET /__control/stats":
      return ok(engine.stats())
    case "GET /__control/faults":
      return ok(engine.faults.get())
    case "POST /__control/faults": {
      let input: AtolFaultsInput
      try {
        input =
          body.length === 0
            ? {}
            : (JSON.parse(body.toString("utf8")) as AtolFaultsInput)
        if (!input || typeof input !== "object" || Array.isArray(input)) {
          throw new Error("the body must be a JSON object")
        }
        const faults = engine.faults.set(input)
        engine.releaseStuck()
        return ok(faults)
      } catch (error) {
        return { status: 400, body: { message: (error as Error).message } }
      }
    }
    case "POST /__control/tokens/expire":
      engine.expireTokens()
      return ok({ expired: true })
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
}

function ok(body: unknown): EngineResponse {
  return { status: 200, body }
}
