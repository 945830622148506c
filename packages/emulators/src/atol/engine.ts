import type { EmulatorRequest } from "../_shared/http-server"

import {
  ATOL_TEST_ACCOUNTS,
  type AtolEmulatorAccount,
  type AtolEmulatorGroup,
} from "./accounts"
import { CallbackSender, isValidCallbackUrl } from "./callbacks"
import {
  SERVICE_ERRORS,
  serviceErrorText,
  type KktFailure,
  type ServiceErrorCode,
} from "./error-catalogue"
import { FaultPlan } from "./faults"
import { Kassa, ledgerMarksOf, markCodesOf } from "./kassa"
import { kktTotalKopecks, runKktChecks } from "./kkt-checks"
import { BackgroundWork } from "../_shared/background"
import { SeededRandom } from "../_shared/random"
import { ReportRateWindow } from "./rate-window"
import { atolTimestamp } from "./time"
import type {
  AtolEmulatorOptions,
  AtolEmulatorStats,
  AtolLedgerCorrection,
  AtolLedgerEntry,
} from "./types"
import { formatIssues } from "./validation/checker"
import { OPERATIONS } from "./validation/enums"
import {
  validateRegistration,
  validateTokenRequest,
} from "./validation/registration"

const DAY_MS = 24 * 60 * 60 * 1000
const TOKEN_LENGTH = 128
/** URL-safe characters, like the 128-character tokens ATOL issues. */
const TOKEN_ALPHABET =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

/** A parsed HTTP request to the ATOL API. */
export type EngineRequest = EmulatorRequest

/** What to answer. */
export type EngineResponse = {
  status: number
  body: unknown
  headers?: Record<string, string>
}

/** Which kind of ATOL request a path is, for fault targeting and counters. */
export type AtolRoute =
  | { kind: "getToken"; version: 4 | 5 }
  | { kind: "register"; version: 4 | 5; group: string; operation: string }
  | { kind: "report"; version: 4 | 5; group: string; uuid: string }
  | { kind: "other" }

type StoredDocument = Omit<
  AtolLedgerEntry,
  "created_at" | "processed_at" | "marks" | "correction"
> & {
  created_at: Date
  processed_at: Date | null
  callbackUrl: string | null
}

/** Parses `/possystem/v{4|5}/…` into a route. */
export function routeOf(pathname: string): AtolRoute {
  const match = /^\/possystem\/v([45])\/(.+)$/.exec(pathname)
  if (!match) {
    return { kind: "other" }
  }
  const version = Number(match[1]) as 4 | 5
  const parts = match[2].split("/").map((part) => decodeURIComponent(part))
  if (parts.length === 1 && parts[0] === "getToken") {
    return { kind: "getToken", version }
  }
  if (parts.length === 3 && parts[1] === "report") {
    return { kind: "report", version, group: parts[0], uuid: parts[2] }
  }
  if (parts.length === 2) {
    return { kind: "register", version, group: parts[0], operation: parts[1] }
  }
  return { kind: "other" }
}

/**
 * The ATOL Online service without the network: accounts, tokens, documents with idempotency
 * on (group, external_id), asynchronous processing by emulated kassas, reports and callbacks.
 */
export class AtolEngine {
  readonly faults: FaultPlan
  readonly accounts: readonly AtolEmulatorAccount[]
  private random_: SeededRandom
  private dice_: SeededRandom
  private readonly seed_: number
  private readonly clock_: () => Date
  private readonly callbacks_: CallbackSender
  private tokens_ = new Map<string, { login: string; expiresAt: number }>()
  private documents_ = new Map<string, StoredDocument>()
  private byExternalId_ = new Map<string, string>()
  private kassas_ = new Map<string, { list: Kassa[]; next: number }>()
  private rates_ = new Map<string, ReportRateWindow>()
  private stuck_: StoredDocument[] = []
  /** Processing timers and in-flight deliveries, for `idle()`. */
  private readonly work_ = new BackgroundWork(() => this.callbacks_.inFlight)
  private stats_ = AtolEngine.emptyStats()

  constructor(private readonly options_: AtolEmulatorOptions = {}) {
    this.seed_ = options_.seed ?? 1
    this.random_ = new SeededRandom(this.seed_)
    this.dice_ = SeededRandom.derive(this.seed_, "faults")
    this.clock_ = options_.clock ?? (() => new Date())
    this.accounts = options_.accounts ?? ATOL_TEST_ACCOUNTS
    this.callbacks_ = new CallbackSender(options_.callbackTimeoutMs ?? 5000)
    this.faults = new FaultPlan(() => this.dice_)
    if (options_.faults) {
      this.faults.set(options_.faults)
    }
  }

  private static emptyStats(): Omit<
    AtolEmulatorStats,
    "documents" | "reports"
  > {
    return {
      requests: { getToken: 0, register: 0, report: 0, other: 0 },
      tokens_issued: 0,
      faults_injected: {},
    }
  }

  now(): Date {
    return this.clock_()
  }

  countRequest(route: AtolRoute): void {
    this.stats_.requests[route.kind] += 1
  }

  countFault(fault: string): void {
    this.stats_.faults_injected[fault] =
      (this.stats_.faults_injected[fault] ?? 0) + 1
  }

  /** An ATOL service error answer (docs/vendors/atol.md, "Error codes"). */
  serviceError(
    code: ServiceErrorCode,
    args: string[] = [],
    extra: Record<string, unknown> = {}
  ): EngineResponse {
    const spec: { http: number; type: string; status?: string } =
      SERVICE_ERRORS[code]
    const body: Record<string, unknown> = {
      error: {
        error_id: this.random_.uuid(),
        code,
        text: serviceErrorText(code, ...args),
        type: spec.type,
      },
      timestamp: atolTimestamp(this.now()),
      ...extra,
    }
    if (spec.status) {
      body.status = spec.status
    }
    return { status: spec.http, body }
  }

  /** Answers one request of the ATOL API. */
  handle(request: EngineRequest, route: AtolRoute): EngineResponse {
    switch (route.kind) {
      case "getToken":
        return this.getToken_(request)
      case "register":
        return request.method === "POST"
          ? this.register_(request, route)
          : this.serviceError(40)
      case "report":
        return request.method === "GET"
          ? this.report_(request, route)
          : this.serviceError(40)
      default:
        return {
          status: 404,
          body: { error: { code: 40, text: "Not found", type: "system" } },
        }
    }
  }

  private jsonBody_(request: EngineRequest): {
    body?: Record<string, unknown>
    error?: EngineResponse
  } {
    const contentType = String(request.headers["content-type"] ?? "")
    const [mediaType, ...params] = contentType
      .split(";")
      .map((part) => part.trim().toLowerCase())
    const charset = params
      .find((p) => p.startsWith("charset="))
      ?.slice("charset=".length)
    if (
      mediaType !== "application/json" ||
      (charset && charset.replace(/"/g, "") !== "utf-8")
    ) {
      return { error: this.serviceError(41, [contentType || "(none)"]) }
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(request.body.toString("utf8"))
    } catch {
      return { error: this.serviceError(40) }
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      // Well-formed JSON that is not an object fails request validation (13), not receipt
      // validation (32); ATOL does not say which requests give 13, this is the emulator's pick.
      return { error: this.serviceError(13, ["ObjectExpected: #/"]) }
    }
    return { body: parsed as Record<string, unknown> }
  }

  private getToken_(request: EngineRequest): EngineResponse {
    let credentials: Record<string, unknown>
    if (request.method === "GET") {
      // The GET variant `getToken?login=&pass=` exists too
      // (docs/vendors/atol.md, "Hosts and versions").
      credentials = {
        login: request.query.get("login") ?? undefined,
        pass: request.query.get("pass") ?? undefined,
        source: request.query.get("source") ?? undefined,
      }
    } else if (request.method === "POST") {
      const parsed = this.jsonBody_(request)
      if (parsed.error) {
        return parsed.error
      }
      credentials = parsed.body!
    } else {
      return this.serviceError(40)
    }
    const issues = validateTokenRequest(credentials)
    if (issues.length > 0) {
      return this.serviceError(32, [formatIssues(issues)])
    }
    const account = this.accounts.find(
      (candidate) =>
        candidate.login === credentials.login &&
        candidate.password === credentials.pass
    )
    if (!account) {
      return this.serviceError(12)
    }
    if (account.blocked) {
      return this.serviceError(14)
    }
    const token = this.random_.fromAlphabet(TOKEN_LENGTH, TOKEN_ALPHABET)
    this.tokens_.set(token, {
      login: account.login,
      expiresAt: this.now().getTime() + (this.options_.tokenTtlMs ?? DAY_MS),
    })
    this.stats_.tokens_issued += 1
    return {
      status: 200,
      body: { error: null, token, timestamp: atolTimestamp(this.now()) },
    }
  }

  /**
   * The token's account and group, or the 10/11/20/21 answer
   * (docs/vendors/atol.md, "Authentication").
   */
  private authorize_(
    request: EngineRequest,
    version: 4 | 5,
    groupCode: string
  ): { group: AtolEmulatorGroup; login: string } | { error: EngineResponse } {
    const header = request.headers.token
    // The `Token` header is preferred; `?token=` is allowed "при технической невозможности".
    const token =
      (Array.isArray(header) ? header[0] : header) ??
      request.query.get("token") ??
      ""
    const issued = this.tokens_.get(token)
    if (!issued) {
      return { error: this.serviceError(10) }
    }
    if (issued.expiresAt <= this.now().getTime()) {
      return { error: this.serviceError(11) }
    }
    const account = this.accounts.find(
      (candidate) => candidate.login === issued.login
    )
    const group = account?.groups.find(
      (candidate) => candidate.code === groupCode
    )
    if (!group) {
      return { error: this.serviceError(20) }
    }
    if (group.api_version !== version) {
      return { error: this.serviceError(21) }
    }
    return { group, login: issued.login }
  }

  private register_(
    request: EngineRequest,
    route: Extract<AtolRoute, { kind: "register" }>
  ): EngineResponse {
    const auth = this.authorize_(request, route.version, route.group)
    if ("error" in auth) {
      return auth.error
    }
    if (!OPERATIONS[route.version].includes(route.operation)) {
      return this.serviceError(31, [route.operation])
    }
    const parsed = this.jsonBody_(request)
    if (parsed.error) {
      return parsed.error
    }
    const body = parsed.body!
    const issues = validateRegistration(body, route.version, route.operation)
    if (issues.length > 0) {
      // Not stored: the same external_id may be sent again (docs/vendors/atol.md, "Error codes").
      return this.serviceError(32, [formatIssues(issues)])
    }
    const externalId = body.external_id as string
    const key = `${route.group}\u0000${externalId}`
    const existing = this.byExternalId_.get(key)
    if (existing) {
      // The body of the repeat is not compared; the first document's uuid comes back (§1.8).
      return this.serviceError(33, [externalId, route.group], {
        uuid: existing,
      })
    }
    const doc = this.store_(body, route, externalId)
    this.byExternalId_.set(key, doc.uuid)
    this.schedule_(doc)
    return {
      status: 200,
      body: {
        uuid: doc.uuid,
        timestamp: atolTimestamp(this.now()),
        error: null,
        status: "wait",
      },
    }
  }

  private store_(
    body: Record<string, unknown>,
    route: Extract<AtolRoute, { kind: "register" }>,
    externalId: string
  ): StoredDocument {
    const rawCallback = (body.service as { callback_url?: unknown } | undefined)
      ?.callback_url
    const callbackUrl =
      typeof rawCallback === "string" && rawCallback !== "" ? rawCallback : null
    const validCallback =
      callbackUrl !== null && isValidCallbackUrl(callbackUrl)
    const doc: StoredDocument = {
      uuid: this.random_.uuid(),
      group: route.group,
      external_id: externalId,
      operation: route.operation,
      api_version: route.version,
      status: "wait",
      total: kktTotalKopecks(body as never) / 100,
      payload: structuredClone(body),
      fiscal: null,
      error: null,
      warnings:
        callbackUrl !== null && !validCallback
          ? { callback_url: "callback_url не соответствует маске" }
          : null,
      device_code: null,
      created_at: this.now(),
      processed_at: null,
      callbacks: [],
      callbackUrl: validCallback ? callbackUrl : null,
    }
    const declared = (
      (body.receipt ?? body.correction) as { total?: unknown } | undefined
    )?.total
    if (typeof declared === "number") {
      doc.total = declared
    }
    this.documents_.set(doc.uuid, doc)
    return doc
  }

  private schedule_(doc: StoredDocument): void {
    if (this.faults.stuckInWait) {
      this.stuck_.push(doc)
      return
    }
    this.work_.later(this.options_.processingDelayMs ?? 100, () =>
      this.process_(doc)
    )
  }

  /** Sends stuck documents on their way once `stuckInWait` is switched off. */
  releaseStuck(): void {
    if (this.faults.stuckInWait) {
      return
    }
    const stuck = this.stuck_
    this.stuck_ = []
    stuck.forEach((doc) => this.schedule_(doc))
  }

  private group_(code: string): AtolEmulatorGroup | undefined {
    for (const account of this.accounts) {
      const group = account.groups.find((candidate) => candidate.code === code)
      if (group) {
        return group
      }
    }
    return undefined
  }

  private kassa_(group: AtolEmulatorGroup): Kassa {
    let pool = this.kassas_.get(group.code)
    if (!pool) {
      const count = Math.max(1, group.kassa_count ?? 1)
      pool = {
        list: Array.from(
          { length: count },
          (_, index) =>
            new Kassa(
              SeededRandom.derive(this.seed_, `${group.code}#${index}`),
              this.now()
            )
        ),
        next: 0,
      }
      this.kassas_.set(group.code, pool)
    }
    // Documents go round-robin over the group's kassas, each with its own ФН and counters.
    const kassa = pool.list[pool.next % pool.list.length]
    pool.next += 1
    return kassa
  }

  private process_(doc: StoredDocument): void {
    const group = this.group_(doc.group)
    if (!group) {
      return
    }
    const now = this.now()
    const body = doc.payload as Record<string, never>
    const failure: KktFailure | undefined =
      this.faults.takeFailure() ??
      runKktChecks(body, group, this.options_.legacyKktCodes ?? false)
    doc.processed_at = now
    if (failure) {
      doc.status = "fail"
      doc.error = failure
    } else {
      const kassa = this.kassa_(group)
      doc.status = "done"
      doc.device_code = kassa.deviceCode
      doc.fiscal = kassa.register(
        now,
        doc.operation,
        kktTotalKopecks(body),
        markCodesOf(body)
      )
    }
    if (doc.callbackUrl) {
      void this.callbacks_
        .send(doc.callbackUrl, this.reportBody_(doc), now)
        .then((attempt) => {
          doc.callbacks.push(attempt)
          this.work_.settle()
        })
    }
  }

  /**
   * The report body (docs/vendors/atol.md, "Status and report answers"); also what a callback
   * carries.
   */
  private reportBody_(doc: StoredDocument): Record<string, unknown> {
    const waiting = doc.status === "wait"
    return {
      uuid: doc.uuid,
      status: doc.status,
      error: waiting
        ? {
            error_id: this.random_.uuid(),
            code: 34,
            text: serviceErrorText(34),
            type: "system",
          }
        : doc.error,
      payload: doc.fiscal,
      timestamp: atolTimestamp(this.now()),
      group_code: doc.group,
      daemon_code: "emulator",
      device_code: doc.device_code,
      external_id: doc.external_id,
      callback_url: doc.callbackUrl ?? "",
      warnings: doc.warnings,
    }
  }

  private report_(
    request: EngineRequest,
    route: Extract<AtolRoute, { kind: "report" }>
  ): EngineResponse {
    const group = this.group_(route.group)
    const window = this.rateWindow_(route.group, group?.kassa_count ?? 1)
    const admitted = window.arrive()
    if (
      !admitted &&
      (this.options_.reportRateLimit ?? "enforce") === "enforce"
    ) {
      return {
        status: 429,
        headers: { "Retry-After": "1" },
        body: {
          error: {
            error_id: this.random_.uuid(),
            code: 0,
            text: "Превышен лимит запросов: не более одного запроса в секунду на кассу группы.",
            type: "system",
          },
          timestamp: atolTimestamp(this.now()),
        },
      }
    }
    const auth = this.authorize_(request, route.version, route.group)
    if ("error" in auth) {
      return auth.error
    }
    const doc = this.documents_.get(route.uuid)
    if (!doc || doc.group !== route.group) {
      return this.serviceError(30, [route.uuid])
    }
    return { status: 200, body: this.reportBody_(doc) }
  }

  private rateWindow_(group: string, kassaCount: number): ReportRateWindow {
    let window = this.rates_.get(group)
    if (!window) {
      window = new ReportRateWindow(Math.max(1, kassaCount))
      this.rates_.set(group, window)
    }
    return window
  }

  /** Makes every token issued so far answer 11 ExpiredToken. */
  expireTokens(): void {
    for (const token of this.tokens_.values()) {
      token.expiresAt = 0
    }
  }

  ledger(): AtolLedgerEntry[] {
    return [...this.documents_.values()].map((doc) => {
      const { callbackUrl: _callbackUrl, ...entry } = doc
      return structuredClone({
        ...entry,
        marks: ledgerMarksOf(doc.payload),
        correction: ledgerCorrectionOf(doc.operation, doc.payload),
        created_at: doc.created_at.toISOString(),
        processed_at: doc.processed_at ? doc.processed_at.toISOString() : null,
      })
    })
  }

  stats(): AtolEmulatorStats {
    return structuredClone({
      ...this.stats_,
      documents: this.documents_.size,
      reports: Object.fromEntries(
        [...this.rates_].map(([group, window]) => [group, window.stats()])
      ),
    })
  }

  /** Forgets documents, tokens, counters and faults, and restarts the random sequence. */
  reset(): void {
    this.work_.cancel()
    this.callbacks_.abortAll()
    this.tokens_ = new Map()
    this.documents_ = new Map()
    this.byExternalId_ = new Map()
    this.kassas_ = new Map()
    this.rates_ = new Map()
    this.stuck_ = []
    this.stats_ = AtolEngine.emptyStats()
    this.random_ = new SeededRandom(this.seed_)
    this.dice_ = SeededRandom.derive(this.seed_, "faults")
    this.faults.reset()
    this.work_.settle()
  }

  /** Resolves once no document is being processed and no callback is in flight. */
  idle(): Promise<void> {
    return this.work_.idle()
  }

  /** Stops timers and callbacks (server shutdown). */
  shutdown(): void {
    this.work_.cancel()
    this.callbacks_.abortAll()
    this.work_.settle()
  }
}

/** The correction data of a stored correction, by its ФФД tags; null for any other operation. */
function ledgerCorrectionOf(
  operation: string,
  payload: unknown
): AtolLedgerCorrection | null {
  if (!operation.endsWith("_correction")) {
    return null
  }
  const info = (
    payload as {
      correction?: { correction_info?: Record<string, unknown> }
    } | null
  )?.correction?.correction_info
  if (!info) {
    return null
  }
  const type = info.type === "instruction" ? "instruction" : "self"
  const text = (value: unknown) =>
    typeof value === "string" && value !== "" ? value : null
  return {
    type,
    1173: type === "instruction" ? 1 : 0,
    1178: String(info.base_date),
    1179: text(info.base_number),
    1177: text(info.base_name),
  }
}
