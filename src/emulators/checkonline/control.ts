import type { CheckonlineEngine, EngineResponse } from "./engine"
import type { CheckonlineFaultsInput } from "./faults"

/**
 * The emulator's control API under `/__control/` (not part of Checkonline's protocol). It sits
 * behind the same TLS listener, so it needs a client certificate too:
 *
 * - `GET  /__control/ledger`       executed receipts (`done` and final failures)
 * - `GET  /__control/faults`       the fault plan; `POST` changes it (fields left out keep their value)
 * - `POST /__control/reset`        forget receipts, cached answers, counters and faults
 * - `POST /__control/cache/clear`  forget cached answers only, as if the cache had expired
 * - `GET  /__control/enterprises`  groups, their certificates and cash registers
 * - `GET  /__control/stats`        request counters, cache hits, injected faults
 * - `GET  /__control/idle`         answers once no registration is being executed
 */
export async function handleControl(
  engine: CheckonlineEngine,
  method: string,
  pathname: string,
  body: Buffer
): Promise<EngineResponse> {
  const route = `${method} ${pathname.replace(/\/+$/, "")}`
  switch (route) {
    case "GET /__control/ledger":
      return ok(engine.ledger())
    case "GET /__control/faults":
      return ok(engine.faults.get())
    case "POST /__control/faults": {
      try {
        const input = (
          body.length === 0 ? {} : JSON.parse(body.toString("utf8"))
        ) as CheckonlineFaultsInput
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
    case "POST /__control/reset":
      engine.reset()
      return ok({ reset: true })
    case "POST /__control/cache/clear":
      engine.clearCache()
      return ok({ cleared: true })
    case "GET /__control/enterprises":
      return ok(engine.enterprises)
    case "GET /__control/stats":
      return ok(engine.stats())
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
