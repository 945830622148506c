import {
  answerControl,
  commonControlRoutes,
  FAULTS_ROUTE,
} from "../_shared/control"
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
  return answerControl(
    `${method} ${path}`,
    {
      ...commonControlRoutes<AtolFaultsInput>(engine, body, () =>
        engine.releaseStuck()
      ),
      "GET /__control/ledger": () => {
        const group = query.get("group")
        const externalId = query.get("external_id")
        return engine
          .ledger()
          .filter((entry) => (group ? entry.group === group : true))
          .filter((entry) =>
            externalId ? entry.external_id === externalId : true
          )
      },
      "POST /__control/tokens/expire": () => {
        engine.expireTokens()
        return { expired: true }
      },
      "POST /__control/reset": () => {
        engine.reset()
        return { reset: true }
      },
      "GET /__control/accounts": () => engine.accounts,
    },
    // Only a bad fault plan is the caller's fault here; any other error is the emulator's.
    { badRequestRoutes: [FAULTS_ROUTE] }
  )
}
