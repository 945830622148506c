import type { IncomingHttpHeaders } from "node:http"

import type { EmulatorRequest, EmulatorResponse } from "../_shared/http-server"

/** A parsed HTTP request to the МодульКасса API. */
export type EngineRequest = EmulatorRequest

/** What to answer; no `body` means an empty one, as the doc's 400/401/403/404. */
export type EngineResponse = EmulatorResponse

/** Which API request a path is, for fault targeting and counters. */
export type ModulRoute =
  | { kind: "associate"; retailPointId: string }
  | { kind: "dissociate" }
  | { kind: "fnStatus" }
  | { kind: "send"; version: 1 | 2 }
  | { kind: "status"; id: string }
  | { kind: "requeue"; id: string }
  | { kind: "other" }

/**
 * Parses `{/api/fn | /fn}/v…` into a route: production serves the API under `/api/fn`, the
 * test host under `/fn` (docs/vendors/modulkassa.md, "Hosts"); the emulator answers both.
 */
export function routeOf(method: string, pathname: string): ModulRoute {
  const match = /^(?:\/api)?\/fn(\/.*)$/.exec(pathname)
  if (!match) {
    return { kind: "other" }
  }
  const path = match[1].replace(/\/+$/, "")
  const parts = path
    .split("/")
    .slice(1)
    .map((part) => {
      try {
        return decodeURIComponent(part)
      } catch {
        return part
      }
    })
  if (
    method === "POST" &&
    parts.length === 3 &&
    parts[0] === "v1" &&
    parts[1] === "associate"
  ) {
    return { kind: "associate", retailPointId: parts[2] }
  }
  if (method === "DELETE" && path === "/v1/associate") {
    return { kind: "dissociate" }
  }
  if (method === "GET" && path === "/v1/status") {
    return { kind: "fnStatus" }
  }
  if (method === "POST" && (path === "/v1/doc" || path === "/v2/doc")) {
    return { kind: "send", version: path === "/v1/doc" ? 1 : 2 }
  }
  if (parts.length === 4 && parts[0] === "v1" && parts[1] === "doc") {
    if (method === "GET" && parts[3] === "status") {
      return { kind: "status", id: parts[2] }
    }
    if (method === "PUT" && parts[3] === "re-queue") {
      return { kind: "requeue", id: parts[2] }
    }
  }
  return { kind: "other" }
}

/** The credentials of an `Authorization: Basic` header. */
export function parseBasic(
  headers: IncomingHttpHeaders
): { user: string; password: string } | undefined {
  const header = headers.authorization
  const value = Array.isArray(header) ? header[0] : header
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(value ?? "")
  if (!match) {
    return undefined
  }
  const decoded = Buffer.from(match[1], "base64").toString("utf8")
  const colon = decoded.indexOf(":")
  if (colon < 0) {
    return undefined
  }
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

/** 401 as МодульКасса answers it: no body. */
export const UNAUTHORIZED: EngineResponse = {
  status: 401,
  headers: { "WWW-Authenticate": 'Basic realm="modulkassa"' },
}
