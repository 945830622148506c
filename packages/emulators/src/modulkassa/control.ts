import type { ModulKassaFnState } from "./accounts"
import {
  answerControl,
  commonControlRoutes,
  jsonObject,
} from "../_shared/control"
import type { ModulKassaEngine } from "./engine"
import type { EngineResponse } from "./routes"
import type { ModulKassaFaultsInput } from "./faults"

const FN_STATES: readonly ModulKassaFnState[] = [
  "ASSOCIATED",
  "READY",
  "DISABLED",
  "FAILED",
]

/**
 * The control API under `/__control/` (not part of МодульКасса's protocol):
 *
 * | method | path | does |
 * |---|---|---|
 * | GET | `/__control/ledger[?retail_point_id=&id=&docNum=]` | stored documents |
 * | GET | `/__control/stats` | request counters, associations issued, duplicate sends |
 * | GET | `/__control/faults` | the current fault plan |
 * | POST | `/__control/faults` | change the fault plan (JSON body, see `ModulKassaFaultsInput`) |
 * | POST | `/__control/fn-state` | `{status, retailPointId?, dateTime?}`: the kassa's fiscal storage state |
 * | POST | `/__control/associate` | `{retailPointId, login?, clientId?}`: issue service credentials without the account password |
 * | GET | `/__control/associations` | issued service credentials |
 * | POST | `/__control/reset[?associations=1]` | forget documents, counters and faults (and associations) |
 * | GET | `/__control/accounts` | the seeded logins, passwords and retail points |
 * | GET | `/__control/idle` | answers once nothing is processing and no notice is in flight |
 */
export async function handleControl(
  engine: ModulKassaEngine,
  method: string,
  path: string,
  query: URLSearchParams,
  body: Buffer
): Promise<EngineResponse> {
  return answerControl(`${method} ${path}`, {
    ...commonControlRoutes<ModulKassaFaultsInput>(engine, body, () =>
      engine.releaseWaiting()
    ),
    "GET /__control/ledger": () => {
      const point = query.get("retail_point_id")
      const id = query.get("id")
      const docNum = query.get("docNum")
      return engine
        .ledger()
        .filter((entry) => (point ? entry.retail_point_id === point : true))
        .filter((entry) => (id ? entry.id === id : true))
        .filter((entry) => (docNum ? entry.docNum === docNum : true))
    },
    "POST /__control/fn-state": () => {
      const input = jsonObject(body)
      const status = String(
        input.status ?? ""
      ).toUpperCase() as ModulKassaFnState
      if (!FN_STATES.includes(status)) {
        throw new Error(`status must be one of ${FN_STATES.join(", ")}`)
      }
      const dateTime =
        typeof input.dateTime === "string"
          ? new Date(input.dateTime)
          : undefined
      if (dateTime && Number.isNaN(dateTime.getTime())) {
        throw new Error("dateTime must be an ISO 8601 date-time")
      }
      const point =
        typeof input.retailPointId === "string"
          ? input.retailPointId
          : undefined
      engine.setFnState(status, point, dateTime)
      return { status, retailPointId: point ?? null }
    },
    "POST /__control/associate": () => {
      const input = jsonObject(body)
      const pointId = String(input.retailPointId ?? "")
      const account = engine.accounts.find((a) =>
        a.retailPoints.some((p) => p.id === pointId)
      )
      if (!account) {
        throw new Error(`Unknown retail point ${pointId}`)
      }
      const clientId =
        typeof input.clientId === "string" ? input.clientId : null
      return engine.issueAssociation(
        pointId,
        String(input.login ?? account.login),
        clientId
      )
    },
    "GET /__control/associations": () => engine.associations(),
    "POST /__control/reset": () => {
      engine.reset({ associations: query.get("associations") === "1" })
      return { reset: true }
    },
    "GET /__control/accounts": () => engine.accounts,
  })
}
