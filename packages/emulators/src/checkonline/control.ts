import {
  answerControl,
  commonControlRoutes,
  FAULTS_ROUTE,
} from "../_shared/control"
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
  return answerControl(
    `${method} ${pathname.replace(/\/+$/, "")}`,
    {
      ...commonControlRoutes<CheckonlineFaultsInput>(engine, body, () =>
        engine.releaseStuck()
      ),
      "GET /__control/ledger": () => engine.ledger(),
      "POST /__control/reset": () => {
        engine.reset()
        return { reset: true }
      },
      "POST /__control/cache/clear": () => {
        engine.clearCache()
        return { cleared: true }
      },
      "GET /__control/enterprises": () => engine.enterprises,
    },
    // Only a bad fault plan is the caller's fault here; any other error is the emulator's.
    { badRequestRoutes: [FAULTS_ROUTE] }
  )
}
