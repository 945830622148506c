import type { ModulKassaFnState } from "./accounts"
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
  const route = `${method} ${path}`
  try {
    switch (route) {
      case "GET /__control/ledger": {
        const point = query.get("retail_point_id")
        const id = query.get("id")
        const docNum = query.get("docNum")
        return ok(
          engine
            .ledger()
            .filter((entry) => (point ? entry.retail_point_id === point : true))
            .filter((entry) => (id ? entry.id === id : true))
            .filter((entry) => (docNum ? entry.docNum === docNum : true))
        )
      }
      case "GET /__control/stats":
        return ok(engine.stats())
      case "GET /__control/faults":
        return ok(engine.faults.get())
      case "POST /__control/faults": {
        const faults = engine.faults.set(
          jsonObject(body) as ModulKassaFaultsInput
        )
        engine.releaseWaiting()
        return ok(faults)
      }
      case "POST /__control/fn-state": {
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
        return ok({ status, retailPointId: point ?? null })
      }
      case "POST /__control/associate": {
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
        return ok(
          engine.issueAssociation(
            pointId,
            String(input.login ?? account.login),
            clientId
          )
        )
      }
      case "GET /__control/associations":
        return ok(engine.associations())
      case "POST /__control/reset":
        engine.reset({ associations: query.get("associations") === "1" })
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

function jsonObject(body: Buffer): Record<string, unknown> {
  const input =
    body.length === 0 ? {} : (JSON.parse(body.toString("utf8")) as unknown)
  if (!input || typeof input !== "object" || Array.isArray(input)) {
    throw new Error("the body must be a JSON object")
  }
  return input as Record<string, unknown>
}

function ok(body: unknown): EngineResponse {
  return { status: 200, body }
}
