import type { EmulatorRequest } from "../_shared/http-server"

import {
  DEFAULT_DEVICE_TAX_MODES,
  DREAMKAS_TEST_ACCOUNTS,
  type DreamkasEmulatorAccount,
  type DreamkasEmulatorDevice,
} from "./accounts"
import {
  apiError,
  operationErrorMessage,
  type EmulatorResponse,
} from "./error-catalogue"
import { FaultPlan, type DreamkasRoute } from "./faults"
import { Kassa, type EmulatedReceipt } from "./kassa"
import { BackgroundWork } from "../_shared/background"
import { SeededRandom } from "../_shared/random"
import type {
  DreamkasEmulatorOptions,
  DreamkasEmulatorStats,
  DreamkasLedgerEntry,
  DuplicateExternalIdMode,
  OperationStatus,
  Vat22Names,
} from "./types"
import {
  ledgerMarksOf,
  validateReceipt,
  type ValidationRules,
} from "./validation"
import {
  WEBHOOK_TYPES,
  WebhookSender,
  type WebhookSubscription,
} from "./webhooks"

/** A parsed HTTP request to the API. */
export type EngineRequest = EmulatorRequest

/** Which API request a path is, for fault targeting and counters. */
export type Route = { kind: DreamkasRoute; id?: string } | { kind: "other" }

/** Parses `/api/…` into a route. */
export function routeOf(pathname: string): Route {
  const match =
    /^\/api\/(receipts|operations|devices|webhooks)(?:\/([^/]+))?\/?$/.exec(
      pathname
    )
  if (!match) {
    return { kind: "other" }
  }
  const id = match[2] === undefined ? undefined : decodeURIComponent(match[2])
  switch (match[1]) {
    case "receipts":
      return id === undefined
        ? { kind: "receipt" }
        : { kind: "fiscal_receipt", id }
    case "operations":
      return id === undefined
        ? { kind: "operations" }
        : { kind: "operation", id }
    case "devices":
      return { kind: "devices", id }
    default:
      return { kind: "webhooks", id }
  }
}

type StoredOperation = {
  id: string
  account: number
  externalId: string | null
  device: DreamkasEmulatorDevice
  type: string
  taxMode: string
  status: OperationStatus
  total: number
  payload: Record<string, unknown>
  receipt: EmulatedReceipt | null
  error: { code: string; message: string } | null
  createdAt: Date
  completedAt: Date | null
  webhooks: DreamkasLedgerEntry["webhooks"]
}

const DEFAULT_VAT22: Vat22Names = {
  vat22: "NDS_22",
  vat122: "NDS_22_CALCULATED",
}

/**
 * Operation timestamps as Dreamkas writes them: UTC, microseconds, no zone
 * (docs/vendors/dreamkas.md, "Operations and status").
 */
function operationTime(date: Date): string {
  return `${date.toISOString().slice(0, 23)}000`
}

function clampInt(
  raw: string | null,
  fallback: number,
  min: number,
  max: number
): number {
  const value = raw === null ? NaN : Number(raw)
  return Number.isInteger(value)
    ? Math.min(max, Math.max(min, value))
    : fallback
}

/**
 * The Кабинет Дримкас API without the network: tokens and kassas, receipts that become
 * operations worked off asynchronously (PENDING → IN_PROGRESS → SUCCESS | ERROR), the fiscal
 * receipt read model, webhooks, and the configurable answer to a repeated externalId.
 */
export class DreamkasEngine {
  readonly faults: FaultPlan
  readonly accounts: readonly DreamkasEmulatorAccount[]
  private random_: SeededRandom
  private dice_: SeededRandom
  private readonly seed_: number
  private readonly clock_: () => Date
  private readonly webhookSender_: WebhookSender
  private duplicateMode_: DuplicateExternalIdMode
  private rules_: ValidationRules
  private revoked_ = new Set<string>()
  private operations_ = new Map<string, StoredOperation>()
  private byExternalId_ = new Map<string, string[]>()
  private receipts_ = new Map<
    string,
    { account: number; receipt: EmulatedReceipt }
  >()
  private kassas_ = new Map<number, Kassa>()
  private webhooks_ = new Map<number, WebhookSubscription[]>()
  private stuck_: StoredOperation[] = []
  /** Processing timers and in-flight deliveries, for `idle()`. */
  private readonly work_ = new BackgroundWork(() => this.webhookSender_.pending)
  private stats_ = DreamkasEngine.emptyStats()

  constructor(private readonly options_: DreamkasEmulatorOptions = {}) {
    this.seed_ = options_.seed ?? 1
    this.random_ = new SeededRandom(this.seed_)
    this.dice_ = SeededRandom.derive(this.seed_, "faults")
    this.clock_ = options_.clock ?? (() => new Date())
    this.accounts = options_.accounts ?? DREAMKAS_TEST_ACCOUNTS
    this.webhookSender_ = new WebhookSender(options_.webhookTimeoutMs ?? 5000)
    this.faults = new FaultPlan(() => this.dice_)
    this.duplicateMode_ = options_.duplicateExternalId ?? "return_existing"
    this.rules_ = {
      vat22Names:
        options_.vat22Names === undefined ? DEFAULT_VAT22 : options_.vat22Names,
      scalableQuantityScale: options_.scalableQuantityScale ?? 1000,
    }
    if (options_.faults) {
      this.faults.set(options_.faults)
    }
  }

  private static emptyStats(): Omit<DreamkasEmulatorStats, "operations"> {
    return {
      requests: {
        receipt: 0,
        operation: 0,
        operations: 0,
        fiscal_receipt: 0,
        devices: 0,
        webhooks: 0,
        other: 0,
      },
      duplicates: { return_existing: 0, conflict_409: 0, accept_new: 0 },
      faults_injected: {},
    }
  }

  now(): Date {
    return this.clock_()
  }

  /** The answer to a repeated externalId and the 22 % names, changeable at run time. */
  configure(input: {
    duplicateExternalId?: DuplicateExternalIdMode
    vat22Names?: Vat22Names
  }): { duplicateExternalId: DuplicateExternalIdMode; vat22Names: Vat22Names } {
    const modes: DuplicateExternalIdMode[] = [
      "return_existing",
      "conflict_409",
      "accept_new",
    ]
    if (input.duplicateExternalId !== undefined) {
      if (!modes.includes(input.duplicateExternalId)) {
        throw new Error(
          `duplicateExternalId must be one of ${modes.join(", ")}`
        )
      }
      this.duplicateMode_ = input.duplicateExternalId
    }
    if (input.vat22Names !== undefined) {
      const names = input.vat22Names
      if (
        names !== null &&
        (typeof names?.vat22 !== "string" || typeof names.vat122 !== "string")
      ) {
        throw new Error("vat22Names must be null or {vat22, vat122}")
      }
      this.rules_ = { ...this.rules_, vat22Names: names }
    }
    return {
      duplicateExternalId: this.duplicateMode_,
      vat22Names: this.rules_.vat22Names,
    }
  }

  countRequest(route: Route): void {
    this.stats_.requests[route.kind] += 1
  }

  countFault(fault: string): void {
    this.stats_.faults_injected[fault] =
      (this.stats_.faults_injected[fault] ?? 0) + 1
  }

  /** Answers one API request. */
  handle(request: EngineRequest, route: Route): EmulatorResponse {
    if (route.kind === "other") {
      return apiError(
        "NOT_FOUND",
        `Метод ${request.method} ${request.pathname} не найден`
      )
    }
    const auth = this.authorize_(request)
    if ("error" in auth) {
      return auth.error
    }
    const { account } = auth
    const method = request.method
    switch (route.kind) {
      case "receipt":
        return method === "POST"
          ? this.createReceipt_(request, account)
          : this.notAllowed_(request)
      case "fiscal_receipt":
        return method === "GET"
          ? this.fiscalReceipt_(route.id!, account)
          : this.notAllowed_(request)
      case "operation":
        return method === "GET"
          ? this.operation_(route.id!, account)
          : this.notAllowed_(request)
      case "operations":
        return method === "GET"
          ? this.operations_list_(request, account)
          : this.notAllowed_(request)
      case "devices":
        return method === "GET"
          ? this.devices_(route.id, account)
          : this.notAllowed_(request)
      case "webhooks":
        return this.webhooks_route_(request, route.id, account)
    }
  }

  private notAllowed_(request: EngineRequest): EmulatorResponse {
    return apiError(
      "NOT_FOUND",
      `Метод ${request.method} ${request.pathname} не найден`
    )
  }

  /** `Authorization: Bearer <token>` (docs/vendors/dreamkas.md, "Authentication"). */
  private authorize_(
    request: EngineRequest
  ): { account: number } | { error: EmulatorResponse } {
    const header = String(request.headers.authorization ?? "")
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim())
    const token = match?.[1]
    const index = token
      ? this.accounts.findIndex((account) => account.token === token)
      : -1
    if (
      index < 0 ||
      this.accounts[index].revoked ||
      this.revoked_.has(token!)
    ) {
      return { error: apiError("UNAUTHORIZED") }
    }
    if (this.accounts[index].forbidden) {
      return { error: apiError("FORBIDDEN") }
    }
    return { account: index }
  }

  /** A JSON object body; Dreamkas answers 400 without `Content-Type: application/json`. */
  private jsonBody_(
    request: EngineRequest
  ): { body: Record<string, unknown> } | { error: EmulatorResponse } {
    const mediaType = String(request.headers["content-type"] ?? "")
      .split(";")[0]
      .trim()
      .toLowerCase()
    if (mediaType !== "application/json") {
      return {
        error: apiError(
          "BAD_REQUEST",
          "Content-Type должен быть application/json"
        ),
      }
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(request.body.toString("utf8"))
    } catch {
      return {
        error: apiError(
          "BAD_REQUEST",
          "Тело запроса не является корректным JSON"
        ),
      }
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      return {
        error: apiError(
          "BAD_REQUEST",
          "Тело запроса должно быть объектом JSON"
        ),
      }
    }
    return { body: parsed as Record<string, unknown> }
  }

  private createReceipt_(
    request: EngineRequest,
    account: number
  ): EmulatorResponse {
    const parsed = this.jsonBody_(request)
    if ("error" in parsed) {
      return parsed.error
    }
    const body = parsed.body
    const { issues, device } = validateReceipt(
      body,
      this.accounts[account],
      this.rules_
    )
    if (issues.length > 0 || !device) {
      // Nothing is stored: the same externalId may be sent again once the receipt is fixed.
      return apiError("VALIDATION_ERROR", undefined, issues)
    }
    const externalId =
      typeof body.externalId === "string" ? body.externalId : null
    const key = externalId === null ? null : `${account}\u0000${externalId}`
    const earlier = key ? this.byExternalId_.get(key) : undefined
    if (earlier && earlier.length > 0) {
      // Dreamkas leaves the repeat undefined (docs/vendors/dreamkas.md, "Idempotency"); the mode
      // chooses (see DuplicateExternalIdMode).
      this.stats_.duplicates[this.duplicateMode_] += 1
      if (this.duplicateMode_ === "return_existing") {
        return {
          status: 200,
          body: this.operationView_(this.operations_.get(earlier[0])!),
        }
      }
      if (this.duplicateMode_ === "conflict_409") {
        return apiError(
          "CONFLICT",
          `Операция с externalId ${externalId} уже существует`
        )
      }
    }
    const operation: StoredOperation = {
      id: this.random_.hex(32),
      account,
      externalId,
      device,
      type: body.type as string,
      taxMode: body.taxMode as string,
      status: "PENDING",
      total: (body.total as { priceSum: number }).priceSum,
      payload: structuredClone(body),
      receipt: null,
      error: null,
      createdAt: this.now(),
      completedAt: null,
      webhooks: [],
    }
    this.operations_.set(operation.id, operation)
    if (key) {
      this.byExternalId_.set(key, [...(earlier ?? []), operation.id])
    }
    this.notify_(operation, "CREATE")
    this.schedule_(operation)
    return { status: 200, body: this.operationView_(operation) }
  }

  /** The operation object (docs/vendors/dreamkas.md, "Operations and status"). */
  private operationView_(operation: StoredOperation): Record<string, unknown> {
    const view: Record<string, unknown> = {
      id: operation.id,
      externalId: operation.externalId,
      type: "RECEIPT",
      status: operation.status,
      createdAt: operationTime(operation.createdAt),
    }
    if (operation.completedAt) {
      view.completedAt = operationTime(operation.completedAt)
    }
    if (operation.status === "SUCCESS" && operation.receipt) {
      view.data = { receiptId: operation.receipt.id, uuid: operation.id }
    } else if (operation.status === "ERROR" && operation.error) {
      view.data = { error: operation.error }
    }
    return view
  }

  private schedule_(operation: StoredOperation): void {
    if (this.faults.stuckInWait) {
      this.stuck_.push(operation)
      return
    }
    const delay = this.options_.processingDelayMs ?? 100
    this.later_(Math.floor(delay / 2), () => {
      operation.status = "IN_PROGRESS"
      this.notify_(operation, "UPDATE")
      this.later_(delay - Math.floor(delay / 2), () => this.finish_(operation))
    })
  }

  private later_(ms: number, run: () => void): void {
    this.work_.later(ms, run)
  }

  /** Sends stuck operations on their way once `stuckInWait` is switched off. */
  releaseStuck(): void {
    if (this.faults.stuckInWait) {
      return
    }
    const stuck = this.stuck_
    this.stuck_ = []
    stuck.forEach((operation) => this.schedule_(operation))
  }

  private kassa_(device: DreamkasEmulatorDevice): Kassa {
    let kassa = this.kassas_.get(device.id)
    if (!kassa) {
      kassa = new Kassa(
        device,
        SeededRandom.derive(this.seed_, `device#${device.id}`),
        this.now(),
        this.rules_.scalableQuantityScale
      )
      this.kassas_.set(device.id, kassa)
    }
    return kassa
  }

  private finish_(operation: StoredOperation): void {
    const now = this.now()
    const taxModes = operation.device.taxModes ?? DEFAULT_DEVICE_TAX_MODES
    const failure =
      this.faults.takeFailure() ??
      (this.faults.deviceOffline
        ? {
            code: "RECEIPT_TIMEOUT",
            message: operationErrorMessage("RECEIPT_TIMEOUT"),
          }
        : undefined) ??
      (taxModes.includes(operation.taxMode as never)
        ? undefined
        : {
            code: "TAX_MODE_NOT_SUPPORTED",
            message: `${operationErrorMessage("TAX_MODE_NOT_SUPPORTED")}: ${operation.taxMode}`,
          })
    operation.completedAt = now
    if (failure) {
      operation.status = "ERROR"
      operation.error = failure
      this.notify_(operation, "UPDATE")
      return
    }
    const body = operation.payload as {
      payments: { type: string; sum: number }[]
      positions: {
        name: string
        type: string
        quantity: number
        price: number
        tax: string
      }[]
    }
    const receipt = this.kassa_(operation.device).print(now, {
      operationId: operation.id,
      externalId: operation.externalId,
      type: operation.type,
      total: operation.total,
      payments: body.payments,
      positions: body.positions,
    })
    this.receipts_.set(receipt.id, { account: operation.account, receipt })
    operation.receipt = receipt
    operation.status = "SUCCESS"
    this.notify_(operation, "UPDATE")
    this.deliver_(operation, "receipts", {
      action: "CREATE",
      type: "RECEIPT",
      data: structuredClone(receipt),
    })
  }

  /** An OPERATION webhook to every active subscription of the account that wants operations. */
  private notify_(
    operation: StoredOperation,
    action: "CREATE" | "UPDATE"
  ): void {
    this.deliver_(operation, "operations", {
      action,
      type: "OPERATION",
      data: this.operationView_(operation) as { id: string },
    })
  }

  private deliver_(
    operation: StoredOperation,
    kind: "operations" | "receipts",
    event: {
      action: string
      type: string
      data: { id: string } & Record<string, unknown>
    }
  ): void {
    const subscriptions = (this.webhooks_.get(operation.account) ?? []).filter(
      (hook) => hook.isActive && hook.types[kind]
    )
    for (const hook of subscriptions) {
      void this.webhookSender_
        .send(hook.url, event, this.now())
        .then((delivery) => {
          operation.webhooks.push(delivery)
          this.work_.settle()
        })
    }
  }

  private operation_(id: string, account: number): EmulatorResponse {
    const operation = this.operations_.get(id)
    if (!operation || operation.account !== account) {
      return apiError("NOT_FOUND", `Операция ${id} не найдена`)
    }
    return { status: 200, body: this.operationView_(operation) }
  }

  /**
   * `GET /api/operations`: the account's operations, newest first. The `externalId` filter is
   * the emulator's choice [I]: no public source shows how to find an operation by it, and a
   * client that does not rely on deduplication needs exactly that lookup.
   */
  private operations_list_(
    request: EngineRequest,
    account: number
  ): EmulatorResponse {
    const externalId = request.query.get("externalId")
    const limit = clampInt(request.query.get("limit"), 100, 1, 1000)
    const offset = clampInt(
      request.query.get("offset"),
      0,
      0,
      Number.MAX_SAFE_INTEGER
    )
    const ids =
      externalId !== null
        ? (this.byExternalId_.get(`${account}\u0000${externalId}`) ?? [])
        : [...this.operations_.keys()]
    const list = ids
      .map((id) => this.operations_.get(id)!)
      .filter((operation) => operation.account === account)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(offset, offset + limit)
      .map((operation) => this.operationView_(operation))
    return { status: 200, body: list }
  }

  private fiscalReceipt_(id: string, account: number): EmulatorResponse {
    const stored = this.receipts_.get(id)
    if (!stored || stored.account !== account) {
      return apiError("NOT_FOUND", `Чек ${id} не найден`)
    }
    return { status: 200, body: stored.receipt }
  }

  private devices_(id: string | undefined, account: number): EmulatorResponse {
    const view = (device: DreamkasEmulatorDevice) => ({
      id: device.id,
      name: device.name,
      groupId: device.groupId ?? 1,
      sort: device.sort ?? 0,
      timezoneOffset: device.timezoneOffset ?? 3,
    })
    const devices = this.accounts[account].devices
    if (id === undefined) {
      return { status: 200, body: devices.map(view) }
    }
    const device = devices.find((candidate) => String(candidate.id) === id)
    return device
      ? { status: 200, body: view(device) }
      : apiError("NOT_FOUND", `Касса ${id} не найдена`)
  }

  /**
   * `GET|POST /api/webhooks`, `DELETE /api/webhooks/{id}` [C]
   * (docs/vendors/dreamkas.md, "Webhooks").
   */
  private webhooks_route_(
    request: EngineRequest,
    id: string | undefined,
    account: number
  ): EmulatorResponse {
    const hooks = this.webhooks_.get(account) ?? []
    if (request.method === "GET" && id === undefined) {
      return { status: 200, body: structuredClone(hooks) }
    }
    if (request.method === "DELETE" && id !== undefined) {
      const index = hooks.findIndex((hook) => hook.id === id)
      if (index < 0) {
        return apiError("NOT_FOUND", `Вебхук ${id} не найден`)
      }
      hooks.splice(index, 1)
      return { status: 204, body: undefined }
    }
    if (request.method !== "POST" || id !== undefined) {
      return this.notAllowed_(request)
    }
    const parsed = this.jsonBody_(request)
    if ("error" in parsed) {
      return parsed.error
    }
    const { url, isActive, types } = parsed.body as {
      url?: unknown
      isActive?: unknown
      types?: Record<string, unknown>
    }
    const issues: { field: string; message: string }[] = []
    if (typeof url !== "string" || !/^https?:\/\/\S+$/i.test(url)) {
      issues.push({ field: "url", message: "Адрес http(s)" })
    }
    if (isActive !== undefined && typeof isActive !== "boolean") {
      issues.push({ field: "isActive", message: "true или false" })
    }
    if (!types || typeof types !== "object") {
      issues.push({ field: "types", message: "Обязательное поле" })
    }
    if (issues.length > 0) {
      return apiError("VALIDATION_ERROR", undefined, issues)
    }
    const hook: WebhookSubscription = {
      id: this.random_.hex(32),
      url: url as string,
      isActive: isActive !== false,
      types: Object.fromEntries(
        WEBHOOK_TYPES.map((type) => [type, types![type] === true])
      ) as WebhookSubscription["types"],
    }
    this.webhooks_.set(account, [...hooks, hook])
    return { status: 200, body: structuredClone(hook) }
  }

  /** Makes every token answer 401 from now on (a token revoked in the Кабинет). */
  revokeTokens(token?: string): void {
    for (const account of this.accounts) {
      if (token === undefined || account.token === token) {
        this.revoked_.add(account.token)
      }
    }
  }

  /** Webhook subscriptions of every account. */
  webhookSubscriptions(): WebhookSubscription[] {
    return [...this.webhooks_.values()]
      .flat()
      .map((hook) => structuredClone(hook))
  }

  ledger(): DreamkasLedgerEntry[] {
    return [...this.operations_.values()].map((operation) =>
      structuredClone({
        operation_id: operation.id,
        external_id: operation.externalId,
        device_id: operation.device.id,
        type: operation.type,
        status: operation.status,
        total: operation.total,
        payload: operation.payload,
        marks: ledgerMarksOf(operation.payload),
        receipt: operation.receipt,
        error: operation.error,
        created_at: operation.createdAt.toISOString(),
        completed_at: operation.completedAt
          ? operation.completedAt.toISOString()
          : null,
        webhooks: operation.webhooks,
      })
    )
  }

  stats(): DreamkasEmulatorStats {
    return structuredClone({
      ...this.stats_,
      operations: this.operations_.size,
    })
  }

  /**
   * Forgets operations, receipts, webhooks, revocations, counters and faults, restores the
   * configuration the emulator started with, and restarts the seed.
   */
  reset(): void {
    this.work_.cancel()
    this.webhookSender_.abortAll()
    this.operations_ = new Map()
    this.byExternalId_ = new Map()
    this.receipts_ = new Map()
    this.kassas_ = new Map()
    this.webhooks_ = new Map()
    this.revoked_ = new Set()
    this.stuck_ = []
    this.stats_ = DreamkasEngine.emptyStats()
    this.random_ = new SeededRandom(this.seed_)
    this.dice_ = SeededRandom.derive(this.seed_, "faults")
    this.faults.reset()
    this.duplicateMode_ = this.options_.duplicateExternalId ?? "return_existing"
    this.rules_ = {
      ...this.rules_,
      vat22Names:
        this.options_.vat22Names === undefined
          ? DEFAULT_VAT22
          : this.options_.vat22Names,
    }
    this.work_.settle()
  }

  /** Resolves once no operation is being processed and no webhook is in flight. */
  idle(): Promise<void> {
    return this.work_.idle()
  }

  /** Stops timers and webhook deliveries (server shutdown). */
  shutdown(): void {
    this.work_.cancel()
    this.webhookSender_.abortAll()
    this.work_.settle()
  }
}
