import {
  FCE_ERRORS,
  TAX_MODE_NOT_REGISTERED,
  isFatalDeviceError,
  type FceErrorName,
} from "./catalogue"
import { EmulatedDevice, complexDate, receiptText } from "./device"
import {
  CHECKONLINE_TEST_ENTERPRISES,
  enterpriseFor,
  type CheckonlineEnterprise,
} from "./enterprises"
import { FaultPlan } from "./faults"
import { PendingTimers } from "../_shared/background"
import { SeededRandom } from "../_shared/random"
import type {
  CheckonlineEmulatorOptions,
  CheckonlineEmulatorStats,
  CheckonlineLedgerEntry,
} from "./types"
import {
  DEFAULT_TAX_IDS,
  ledgerMarksOf,
  readField,
  validateComplexRequest,
  type ComplexRequest,
} from "./validation"

/** The path of the only API call (docs/vendors/checkonline.md, "Hosts"). */
export const COMPLEX_PATH = "/fr/api/v2/Complex"

/** What to answer. */
export type EngineResponse = {
  status: number
  body: unknown
  headers?: Record<string, string>
}

const OPERATIONS = ["sell", "buy", "sell_refund", "buy_refund"] as const

type CacheEntry = { response: EngineResponse; expiresAt: number }

/**
 * The cache key: Checkonline caches answers per (Group, RequestId, ClientId)
 * (docs/vendors/checkonline.md, "Idempotency").
 */
function cacheKey(group: string, requestId: string, clientId: string): string {
  return [group, requestId, clientId].join("\u0000")
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value)
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined
}

/**
 * The Checkonline cloud without the network: enterprises identified by client certificates,
 * validation, the answer cache keyed by (Group, RequestId, ClientId), synchronous execution on
 * emulated cash registers, and the ledger.
 */
export class CheckonlineEngine {
  readonly faults: FaultPlan
  readonly enterprises: readonly CheckonlineEnterprise[]
  private readonly seed_: number
  private readonly clock_: () => Date
  private random_: SeededRandom
  private dice_: SeededRandom
  private devices_ = new Map<string, { list: EmulatedDevice[]; next: number }>()
  private cache_ = new Map<string, CacheEntry>()
  private inflight_ = new Map<string, Promise<EngineResponse>>()
  private ledger_: CheckonlineLedgerEntry[] = []
  private readonly timers_ = new PendingTimers()
  private stuckWaiters_: (() => void)[] = []
  private idleWaiters_: (() => void)[] = []
  private stats_ = CheckonlineEngine.emptyStats()

  constructor(private readonly options_: CheckonlineEmulatorOptions = {}) {
    this.seed_ = options_.seed ?? 1
    this.random_ = SeededRandom.derive(this.seed_, "cloud")
    this.dice_ = SeededRandom.derive(this.seed_, "faults")
    this.clock_ = options_.clock ?? (() => new Date())
    this.enterprises = options_.enterprises ?? CHECKONLINE_TEST_ENTERPRISES
    this.faults = new FaultPlan(() => this.dice_)
    if (options_.faults) {
      this.faults.set(options_.faults)
    }
  }

  private static emptyStats(): CheckonlineEmulatorStats {
    return {
      requests: { complex: 0, other: 0 },
      cache_hits: 0,
      joined_repeats: 0,
      documents: 0,
      faults_injected: {},
    }
  }

  now(): Date {
    return this.clock_()
  }

  countOther(): void {
    this.stats_.requests.other += 1
  }

  countFault(fault: string): void {
    this.stats_.faults_injected[fault] =
      (this.stats_.faults_injected[fault] ?? 0) + 1
  }

  /**
   * A cloud error answer: HTTP 500 with Checkonline's error body
   * (docs/vendors/checkonline.md, "Answers").
   */
  cloudError(
    code: number,
    fatal: boolean,
    description: string
  ): EngineResponse {
    return {
      status: 500,
      body: {
        FCEError: code,
        ErrorDescription: description,
        Fatal: fatal,
        LogRequestId: this.random_.hex(32),
        Timestamp: this.now().toISOString(),
        Device: null,
      },
    }
  }

  /** A cloud error of the catalogue, with its text or a more precise description. */
  fce(name: FceErrorName, description?: string): EngineResponse {
    const spec = FCE_ERRORS[name]
    return this.cloudError(spec.code, spec.fatal, description ?? spec.text)
  }

  /**
   * Answers `POST /fr/api/v2/Complex` of the certificate `commonName`. A repeat of a cached
   * (Group, RequestId, ClientId) gets the cached answer whatever its body says; a repeat while the
   * first is still executing joins it (or is told to wait, see `concurrentRepeat`).
   */
  async complex(raw: Buffer, commonName: string): Promise<EngineResponse> {
    this.stats_.requests.complex += 1
    let body: unknown
    try {
      body = JSON.parse(raw.toString("utf8"))
    } catch {
      return this.fce(
        "BAD_FORMAT",
        `${FCE_ERRORS.BAD_FORMAT.text}: тело запроса не является JSON`
      )
    }
    if (!isObject(body)) {
      return this.fce(
        "BAD_FORMAT",
        `${FCE_ERRORS.BAD_FORMAT.text}: ожидается объект JSON`
      )
    }
    const group = optionalString(readField(body, "Group"))
    const enterprise = enterpriseFor(this.enterprises, commonName, group)
    if (!enterprise) {
      return this.fce(
        "UNKNOWN_GROUP",
        group
          ? `${FCE_ERRORS.UNKNOWN_GROUP.text}: группа ${group} не доступна сертификату ${commonName}`
          : `${FCE_ERRORS.UNKNOWN_GROUP.text}: сертификат ${commonName} не зарегистрирован`
      )
    }
    const requestId = optionalString(readField(body, "RequestId"))
    const clientId = optionalString(readField(body, "ClientId")) ?? ""
    const key =
      requestId === undefined
        ? undefined
        : cacheKey(enterprise.group, requestId, clientId)
    if (key !== undefined) {
      const cached = this.cached_(key)
      if (cached) {
        this.stats_.cache_hits += 1
        return {
          ...cached,
          headers: { ...cached.headers, "X-Emulator-Cache": "hit" },
        }
      }
      const running = this.inflight_.get(key)
      if (running) {
        if (this.options_.concurrentRepeat === "busy") {
          return this.fce("REQUEST_IN_PROGRESS")
        }
        this.stats_.joined_repeats += 1
        const answer = await running
        return {
          ...answer,
          headers: { ...answer.headers, "X-Emulator-Cache": "joined" },
        }
      }
    }
    const checked = validateComplexRequest(body, {
      maxLines: this.options_.maxLines ?? 100,
      taxIds: this.options_.taxIds ?? DEFAULT_TAX_IDS,
    })
    if ("rejection" in checked) {
      return this.fce(checked.rejection.error, checked.rejection.description)
    }
    const { request } = checked
    const executionKey = cacheKey(
      enterprise.group,
      request.RequestId,
      request.ClientId ?? ""
    )
    const execution = this.execute_(executionKey, enterprise, request, body)
    this.inflight_.set(executionKey, execution)
    try {
      const answer = await execution
      return {
        ...answer,
        headers: { ...answer.headers, "X-Emulator-Cache": "miss" },
      }
    } finally {
      this.inflight_.delete(executionKey)
      this.notifyIdle_()
    }
  }

  private cached_(key: string): EngineResponse | undefined {
    const entry = this.cache_.get(key)
    if (!entry) {
      return undefined
    }
    if (entry.expiresAt <= this.now().getTime()) {
      this.cache_.delete(key)
      return undefined
    }
    return entry.response
  }

  private remember_(key: string, response: EngineResponse): void {
    const ttl = this.options_.cacheTtlMs ?? Number.POSITIVE_INFINITY
    this.cache_.set(key, { response, expiresAt: this.now().getTime() + ttl })
  }

  private async execute_(
    key: string,
    enterprise: CheckonlineEnterprise,
    request: ComplexRequest,
    raw: Record<string, unknown>
  ): Promise<EngineResponse> {
    if (this.faults.stuckInWait) {
      await new Promise<void>((resolve) => this.stuckWaiters_.push(resolve))
    }
    const injected = this.faults.takeCloudError()
    if (injected) {
      this.countFault("cloud_error")
      return this.cloudError(
        injected.code,
        injected.fatal,
        injected.description
      )
    }
    const device = this.pickDevice_(enterprise, request.Device)
    if (!device) {
      return this.fce(
        "DEVICE_NOT_FOUND",
        `${FCE_ERRORS.DEVICE_NOT_FOUND.text}: ${request.Device} в группе ${enterprise.group}`
      )
    }
    await this.sleep_(this.options_.processingDelayMs ?? 50)
    const now = this.now()
    const base = {
      RequestId: request.RequestId,
      ClientId: request.ClientId ?? "",
      Device: device.descriptor(),
      DocumentType: request.DocumentType,
      Path: COMPLEX_PATH,
    }
    const entry = {
      group: enterprise.group,
      request_id: request.RequestId,
      client_id: request.ClientId ?? "",
      document_type: request.DocumentType,
      operation: OPERATIONS[request.DocumentType],
      device: device.name,
      total: request.total,
      additional_check_props: request.AdditionalAttribute ?? null,
      request: raw,
      marks: ledgerMarksOf(request.Lines),
      created_at: now.toISOString(),
    }
    const taxMode =
      request.TaxMode === 0 ? enterprise.tax_modes[0] : request.TaxMode
    const failure =
      this.faults.takeDeviceError() ??
      (enterprise.tax_modes.includes(taxMode)
        ? undefined
        : {
            code: TAX_MODE_NOT_REGISTERED.code,
            messages: [TAX_MODE_NOT_REGISTERED.text],
          })
    if (failure) {
      const response: EngineResponse = {
        status: 200,
        body: {
          ...base,
          Response: { Error: failure.code, ErrorMessages: failure.messages },
          Responses: [],
        },
      }
      // Final device errors are cached like a receipt; passing ones are not
      // (docs/vendors/checkonline.md, "Idempotency").
      if (isFatalDeviceError(failure.code)) {
        this.remember_(key, response)
        this.ledger_.push({
          ...entry,
          status: "fail",
          vendor_document_id: request.RequestId,
          fiscal: null,
          error: { code: failure.code, messages: failure.messages },
        })
      }
      return response
    }
    const record = device.register(request, now)
    const body: Record<string, unknown> = {
      ...base,
      DeviceRegistrationNumber: record.registration_number,
      DeviceSerialNumber: device.serialNumber,
      FNSerialNumber: record.fn_number,
      DocNumber: record.doc_number,
      FiscalDocNumber: record.fiscal_document_number,
      FiscalSign: record.fiscal_sign,
      GrandTotal: request.total,
      TurnNumber: record.turn_number,
      Date: complexDate(now),
      QR: record.qr,
      Response: { Error: 0, ErrorMessages: [] },
      Responses: [],
    }
    if (request.FullResponse) {
      body.Text = receiptText(request, record, device)
    }
    const response: EngineResponse = { status: 200, body }
    this.remember_(key, response)
    this.ledger_.push({
      ...entry,
      status: "done",
      vendor_document_id: `${record.fn_number}-${record.fiscal_document_number}`,
      fiscal: record,
      error: null,
    })
    return response
  }

  /** `auto` takes the group's cash registers in turn; a name must be one of them. */
  private pickDevice_(
    enterprise: CheckonlineEnterprise,
    name: string
  ): EmulatedDevice | undefined {
    let devices = this.devices_.get(enterprise.group)
    if (!devices) {
      devices = {
        list: enterprise.devices.map(
          (spec) =>
            new EmulatedDevice(
              spec,
              SeededRandom.derive(
                this.seed_,
                `device:${enterprise.group}:${spec.name}`
              )
            )
        ),
        next: 0,
      }
      this.devices_.set(enterprise.group, devices)
    }
    if (name.toLowerCase() !== "auto") {
      return devices.list.find((device) => device.name === name)
    }
    if (devices.list.length === 0) {
      return undefined
    }
    const device = devices.list[devices.next % devices.list.length]
    devices.next += 1
    return device
  }

  private sleep_(ms: number): Promise<void> {
    if (ms <= 0) {
      return Promise.resolve()
    }
    return this.timers_.sleep(ms)
  }

  /** Lets held registrations run once `stuckInWait` is off. */
  releaseStuck(): void {
    if (this.faults.stuckInWait) {
      return
    }
    const waiters = this.stuckWaiters_
    this.stuckWaiters_ = []
    waiters.forEach((resolve) => resolve())
  }

  private notifyIdle_(): void {
    if (this.inflight_.size === 0) {
      const waiters = this.idleWaiters_
      this.idleWaiters_ = []
      waiters.forEach((resolve) => resolve())
    }
  }

  /** Resolves once no registration is being executed. */
  idle(): Promise<void> {
    if (this.inflight_.size === 0) {
      return Promise.resolve()
    }
    return new Promise((resolve) => this.idleWaiters_.push(resolve))
  }

  /**
   * Executed receipts, oldest first. Copied through JSON, not structuredClone: its objects belong
   * to Node's own realm, which fails `instanceof Array` checks in sandboxed test runners.
   */
  ledger(): CheckonlineLedgerEntry[] {
    return JSON.parse(JSON.stringify(this.ledger_))
  }

  stats(): CheckonlineEmulatorStats {
    return {
      ...JSON.parse(JSON.stringify(this.stats_)),
      documents: this.ledger_.filter((e) => e.status === "done").length,
    }
  }

  /** Forgets cached answers, as if the cache had expired; the ledger stays. */
  clearCache(): void {
    this.cache_.clear()
  }

  /** Forgets receipts, cached answers, counters and faults; restarts the seeded sequences. */
  reset(): void {
    this.faults.reset()
    this.releaseStuck()
    this.cache_.clear()
    this.ledger_ = []
    this.devices_.clear()
    this.random_ = SeededRandom.derive(this.seed_, "cloud")
    this.dice_ = SeededRandom.derive(this.seed_, "faults")
    this.stats_ = CheckonlineEngine.emptyStats()
  }

  /** Stops timers; pending executions never finish. */
  shutdown(): void {
    this.timers_.clear()
    this.stuckWaiters_ = []
  }
}
