import {
  RetryableError,
  isFiscalProviderError,
} from "../../modules/fiscal/errors"
import { vendorText } from "../kit/vendor-text"
import { explainAssociationError } from "./associate"
import type { FnStatusReading } from "./fn-status"

/** Which connection a message is about. */
export type ConnectionTarget = {
  apiBase: string
  retailPointId: string
  login?: string
}

/** A connection test's result. */
export type ConnectionResult = { ok: boolean; message: string }

/**
 * What `GET /v1/status` means for a shop owner
 * (docs/vendors/modulkassa.md, "Service status"): only a READY kassa that reported recently
 * fiscalizes; otherwise receipts wait in МодульКасса's queue.
 */
export function explainFnStatus(
  reading: FnStatusReading,
  target: ConnectionTarget
): ConnectionResult {
  const where = `МодульКасса at ${target.apiBase}, retail point "${target.retailPointId}"`
  const since = reading.dateTime ? ` (reported ${reading.dateTime})` : ""
  switch (reading.status) {
    case "READY":
      if (reading.staleHours !== undefined) {
        return {
          ok: false,
          message: `Connected to ${where}, but its kassa last reported the fiscal storage ${reading.staleHours} h ago${since}. Check that the МодульКасса app is running and online.`,
        }
      }
      return {
        ok: true,
        message: `Connected to ${where}: the fiscal storage is ready${since}.`,
      }
    case "ASSOCIATED":
      return {
        ok: false,
        message: `Connected to ${where}, but its kassa has never reported: receipts will wait in the queue until the МодульКасса app on the kassa comes online.`,
      }
    case "FAILED":
      return {
        ok: false,
        message: `Connected to ${where}, but the kassa cannot report its fiscal storage state${since}: receipts queue until it can. Check the kassa.`,
      }
    case "DISABLED":
      return {
        ok: false,
        message: `Connected to ${where}, but fiscalization is disabled for its kassa${since}. Enable it in my.modulkassa.ru.`,
      }
    default:
      return {
        ok: false,
        message: `Connected to ${where}, but it reported an unknown state "${vendorText(reading.raw ?? "", 40)}".`,
      }
  }
}

/** A shop owner's reading of a failed connection test. */
export function explainConnectionError(
  error: unknown,
  target: ConnectionTarget
): string {
  if (!isFiscalProviderError(error)) {
    return `МодульКасса connection test failed: ${String((error as Error)?.message ?? error)}`
  }
  if (error.operation === "associate") {
    return explainAssociationError(error, {
      login: target.login,
      retail_point_id: target.retailPointId,
    })
  }
  if (error instanceof RetryableError && error.httpStatus === undefined) {
    return `МодульКасса is unreachable at ${target.apiBase}: ${error.code ?? "network error"}. Check host/base_url and the network.`
  }
  if (error.httpStatus === 401) {
    return `МодульКасса refused the service credentials of retail point "${target.retailPointId}" (401): associating again elsewhere replaced them. Press "Associate" to issue new ones.`
  }
  if (error.httpStatus === 403) {
    return `The service user of retail point "${target.retailPointId}" has no rights (403). Press "Associate" again or check the point in my.modulkassa.ru.`
  }
  return error.message
}
