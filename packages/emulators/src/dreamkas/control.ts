import {
  answerControl,
  commonControlRoutes,
  jsonObject,
} from "../_shared/control"
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
  const json = <T>(): T => jsonObject<T>(body)
  return answerControl(`${method} ${path}`, {
    ...commonControlRoutes<DreamkasFaultsInput>(engine, body, () =>
      engine.releaseStuck()
    ),
    "GET /__control/ledger": () => {
      const externalId = query.get("external_id")
      const status = query.get("status")
      return engine
        .ledger()
        .filter((entry) =>
          externalId ? entry.external_id === externalId : true
        )
        .filter((entry) => (status ? entry.status === status : true))
    },
    "GET /__control/config": () => engine.configure({}),
    "POST /__control/config": () => engine.configure(json()),
    "POST /__control/tokens/revoke": () => {
      const { token } = json<{ token?: string }>()
      engine.revokeTokens(typeof token === "string" ? token : undefined)
      return { revoked: true }
    },
    "GET /__control/webhooks": () => engine.webhookSubscriptions(),
    "POST /__control/reset": () => {
      engine.reset()
      return { reset: true }
    },
    "GET /__control/accounts": () => engine.accounts,
  })
}
