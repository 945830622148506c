import {
  DOCUMENTED_VAT_TAGS,
  EMULATOR_PLACEHOLDER_VAT_TAGS,
  MODULKASSA_TEST_ACCOUNTS,
  type ModulKassaEmulatorAccount,
  type ModulKassaEmulatorRetailPoint,
  type ModulKassaFnState,
} from "./accounts"
import { CallbackSender, delivered } from "./callbacks"
import { FaultPlan } from "./faults"
import {
  Kassa,
  documentTotalKopecks,
  runKassaChecks,
  type ModulFailureInfo,
  type ModulFiscalInfo,
} from "./kassa"
import { BackgroundWork } from "../_shared/background"
import { SeededRandom } from "../_shared/random"
import { modulDateTime } from "./time"
import type {
  ModulDocumentState,
  ModulKassaAssociationRecord,
  ModulKassaEmulatorOptions,
  ModulKassaEmulatorStats,
  ModulKassaFnStatus,
  ModulKassaLedgerEntry,
} from "./types"
import {
  UNAUTHORIZED,
  parseBasic,
  type EngineRequest,
  type EngineResponse,
  type ModulRoute,
} from "./routes"
import {
  docTypeOf,
  ledgerMarksOf,
  validateDocument,
  type ValidationIssue,
} from "./validation"

type StoredDocument = {
  id: string
  docNum: string
  docType: string
  retailPointId: string
  serviceUser: string
  status: ModulDocumentState
  message: string
  payload: Record<string, unknown>
  fiscalInfo: ModulFiscalInfo | null
  failureInfo: ModulFailureInfo | null
  requeues: number
  duplicate: boolean
  createdAt: Date
  processedAt: Date | null
  statusChangedAt: Date
  responseUrl: string | null
  callbacks: ModulKassaLedgerEntry["callbacks"]
  /** Bumped when the document is (re)scheduled, so stale timers do nothing. */
  run: number
}

/** Letters and digits, like the doc's example password `12345AbcDe`. */
const PASSWORD_ALPHABET =
  "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"

const MESSAGES: Record<ModulDocumentState, string> = {
  QUEUED: "Document queued for printing",
  PENDING: "Document taken by the kassa",
  PRINTED: "Document printed",
  WAIT_FOR_CALLBACK: "Document printed, notifying responseURL",
  COMPLETED: "Document successfully completed",
  FAILED: "Document failed",
  REQUEUED: "Document queued for printing again",
}

/**
 * The МодульКасса fiscalization server without the network: accounts and retail points,
 * associations with rotating passwords, a document queue per retail point that an emulated
 * kassa works through (QUEUED → PENDING → PRINTED/FAILED → WAIT_FOR_CALLBACK → COMPLETED),
 * re-queueing, `responseURL` notices and the kassa's fiscal storage state.
 */
export class ModulKassaEngine {
  readonly faults: FaultPlan
  readonly accounts: readonly ModulKassaEmulatorAccount[]
  private random_: SeededRandom
  private dice_: SeededRandom
  private readonly seed_: number
  private readonly clock_: () => Date
  private readonly callbacks_: CallbackSender
  private readonly vatTags_: Set<number>
  private associations_ = new Map<string, ModulKassaAssociationRecord>()
  private documents_: StoredDocument[] = []
  private byId_ = new Map<string, StoredDocument>()
  private fnStates_ = new Map<string, ModulKassaFnStatus>()
  private kassas_ = new Map<string, Kassa>()
  private waiting_: StoredDocument[] = []
  /** Processing timers and in-flight deliveries, for `idle()`. */
  private readonly work_ = new BackgroundWork(() => this.callbacks_.inFlight)
  private stats_ = ModulKassaEngine.emptyStats()

  constructor(private readonly options_: ModulKassaEmulatorOptions = {}) {
    this.seed_ = options_.seed ?? 1
    this.random_ = new SeededRandom(this.seed_)
    this.dice_ = SeededRandom.derive(this.seed_, "faults")
    this.clock_ = options_.clock ?? (() => new Date())
    this.accounts = options_.accounts ?? MODULKASSA_TEST_ACCOUNTS
    this.callbacks_ = new CallbackSender(options_.callbackTimeoutMs ?? 5000)
    this.faults = new FaultPlan(() => this.dice_)
    this.vatTags_ = new Set([
      ...Object.keys(DOCUMENTED_VAT_TAGS).map(Number),
      ...(options_.strictVatTags
        ? []
        : Object.values(EMULATOR_PLACEHOLDER_VAT_TAGS)),
      ...(options_.extraVatTags ?? []),
    ])
    if (options_.faults) {
      this.faults.set(options_.faults)
    }
    this.initFnStates_()
  }

  private static emptyStats(): ModulKassaEmulatorStats {
    return {
      requests: {
        associate: 0,
        dissociate: 0,
        fnStatus: 0,
        send: 0,
        status: 0,
        requeue: 0,
        other: 0,
      },
      associations_issued: 0,
      documents: 0,
      duplicate_sends: 0,
      faults_injected: {},
    }
  }

  private initFnStates_(): void {
    const now = this.now()
    this.fnStates_ = new Map()
    for (const point of this.retailPoints_()) {
      this.fnStates_.set(point.id, {
        status: point.fnState ?? "READY",
        dateTime: now,
      })
    }
  }

  now(): Date {
    return this.clock_()
  }

  countRequest(route: ModulRoute): void {
    this.stats_.requests[route.kind] += 1
  }

  countFault(fault: string): void {
    this.stats_.faults_injected[fault] =
      (this.stats_.faults_injected[fault] ?? 0) + 1
  }

  /** Answers one request of the МодульКасса API. */
  handle(request: EngineRequest, route: ModulRoute): EngineResponse {
    switch (route.kind) {
      case "associate":
        return this.associate_(request, route.retailPointId)
      case "dissociate":
        return this.withService_(request, (association) => {
          this.associations_.delete(association.userName)
          return { status: 200 }
        })
      case "fnStatus":
        return this.withService_(request, (association) => ({
          status: 200,
          body: this.fnStatusBody_(association.retailPointId),
        }))
      case "send":
        return this.withService_(request, (association) =>
          this.send_(request, association)
        )
      case "status":
        return this.withService_(request, (association) => {
          const doc = this.byId_.get(
            this.key_(association.retailPointId, route.id)
          )
          return doc
            ? { status: 200, body: this.statusBody_(doc) }
            : this.unknownDocument_()
        })
      case "requeue":
        return this.withService_(request, (association) =>
          this.requeue_(association, route.id)
        )
      default:
        return { status: 404 }
    }
  }

  // ---- associations -----------------------------------------------------------------

  private retailPoints_(): ModulKassaEmulatorRetailPoint[] {
    return this.accounts.flatMap((account) => account.retailPoints)
  }

  private point_(id: string): ModulKassaEmulatorRetailPoint | undefined {
    return this.retailPoints_().find((point) => point.id === id)
  }

  private associate_(
    request: EngineRequest,
    retailPointId: string
  ): EngineResponse {
    const credentials = parseBasic(request.headers)
    const account = this.accounts.find(
      (candidate) =>
        candidate.login === credentials?.user &&
        candidate.password === credentials?.password
    )
    if (!account) {
      return UNAUTHORIZED
    }
    const point = this.point_(retailPointId)
    if (!point) {
      return { status: 404 }
    }
    if (!account.retailPoints.some((own) => own.id === point.id)) {
      return { status: 403 }
    }
    const record = this.issueAssociation(
      point.id,
      account.login,
      request.query.get("clientId")
    )
    return {
      status: 200,
      body: {
        userName: record.userName,
        password: record.password,
        name: point.name,
        address: point.address,
      },
    }
  }

  /**
   * Associates a retail point with an application (`clientId`). Again for the same pair keeps
   * the user name and issues a new password: the old one stops working
   * (docs/vendors/modulkassa.md, "Authentication and association").
   */
  issueAssociation(
    retailPointId: string,
    login: string,
    clientId: string | null = null
  ): ModulKassaAssociationRecord {
    const existing = [...this.associations_.values()].find(
      (record) =>
        record.retailPointId === retailPointId && record.clientId === clientId
    )
    const record: ModulKassaAssociationRecord = {
      retailPointId,
      clientId,
      login,
      userName: existing?.userName ?? this.random_.uuid(),
      password: this.random_.fromAlphabet(10, PASSWORD_ALPHABET),
    }
    this.associations_.set(record.userName, record)
    this.stats_.associations_issued += 1
    return { ...record }
  }

  associations(): ModulKassaAssociationRecord[] {
    return [...this.associations_.values()].map((record) => ({ ...record }))
  }

  private withService_(
    request: EngineRequest,
    handler: (association: ModulKassaAssociationRecord) => EngineResponse
  ): EngineResponse {
    const credentials = parseBasic(request.headers)
    const association = credentials
      ? this.associations_.get(credentials.user)
      : undefined
    if (!association || association.password !== credentials?.password) {
      return UNAUTHORIZED
    }
    if (!this.point_(association.retailPointId)) {
      return { status: 403 }
    }
    return handler(association)
  }

  // ---- fiscal storage state -----------------------------------------------------------

  private fnStatusBody_(retailPointId: string): {
    status: string
    dateTime: string
  } {
    const state = this.fnStates_.get(retailPointId) ?? {
      status: "ASSOCIATED",
      dateTime: this.now(),
    }
    return {
      status: this.stateCase_(state.status),
      dateTime: modulDateTime(state.dateTime),
    }
  }

  private stateCase_(state: string): string {
    return this.options_.statusCase === "lower" ? state.toLowerCase() : state
  }

  /** Sets the kassa state of one retail point (or all); READY lets queued documents through. */
  setFnState(
    status: ModulKassaFnState,
    retailPointId?: string,
    dateTime?: Date
  ): void {
    const points = retailPointId
      ? [retailPointId]
      : this.retailPoints_().map((point) => point.id)
    for (const id of points) {
      if (!this.point_(id)) {
        throw new Error(`Unknown retail point ${id}`)
      }
      this.fnStates_.set(id, { status, dateTime: dateTime ?? this.now() })
    }
    this.releaseWaiting()
  }

  private kassaOnline_(retailPointId: string): boolean {
    return this.fnStates_.get(retailPointId)?.status === "READY"
  }

  // ---- documents ---------------------------------------------------------------------

  private key_(retailPointId: string, id: string): string {
    return `${retailPointId}\u0000${id}`
  }

  private unknownDocument_(): EngineResponse {
    return { status: this.options_.unknownDocumentStatus ?? 404 }
  }

  private invalid_(issues: ValidationIssue[]): EngineResponse {
    return this.options_.validationDetails
      ? {
          status: 400,
          body: { message: "Некорректный запрос", errors: issues },
        }
      : { status: 400 }
  }

  private send_(
    request: EngineRequest,
    association: ModulKassaAssociationRecord
  ): EngineResponse {
    const contentType = String(
      request.headers["content-type"] ?? ""
    ).toLowerCase()
    if (!contentType.startsWith("application/json")) {
      return { status: 415 }
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(request.body.toString("utf8"))
    } catch {
      return this.invalid_([{ field: "", message: "malformed JSON" }])
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      return this.invalid_([{ field: "", message: "must be a JSON object" }])
    }
    const body = parsed as Record<string, unknown>
    const issues = validateDocument(body, { vatTags: this.vatTags_ })
    if (issues.length > 0) {
      // Not stored: the same id may be sent again once corrected.
      return this.invalid_(issues)
    }
    const key = this.key_(association.retailPointId, body.id as string)
    const existing = this.byId_.get(key)
    const rule = this.options_.duplicateIds ?? "return-existing"
    if (existing) {
      this.stats_.duplicate_sends += 1
      if (rule === "return-existing") {
        return { status: 200, body: this.statusBody_(existing) }
      }
      if (rule === "reject") {
        return this.invalid_([
          { field: "id", message: "a document with this id exists" },
        ])
      }
    }
    const doc = this.store_(body, association, Boolean(existing))
    this.byId_.set(key, doc)
    this.schedule_(doc)
    return { status: 200, body: this.statusBody_(doc) }
  }

  private store_(
    body: Record<string, unknown>,
    association: ModulKassaAssociationRecord,
    duplicate: boolean
  ): StoredDocument {
    const now = this.now()
    const doc: StoredDocument = {
      id: body.id as string,
      docNum: body.docNum as string,
      docType: docTypeOf(body),
      retailPointId: association.retailPointId,
      serviceUser: association.userName,
      status: "QUEUED",
      message: MESSAGES.QUEUED,
      payload: structuredClone(body),
      fiscalInfo: null,
      failureInfo: null,
      requeues: 0,
      duplicate,
      createdAt: now,
      processedAt: null,
      statusChangedAt: now,
      responseUrl:
        typeof body.responseURL === "string" ? body.responseURL : null,
      callbacks: [],
      run: 0,
    }
    this.documents_.push(doc)
    return doc
  }

  private requeue_(
    association: ModulKassaAssociationRecord,
    id: string
  ): EngineResponse {
    const doc = this.byId_.get(this.key_(association.retailPointId, id))
    if (!doc) {
      return this.unknownDocument_()
    }
    if (doc.status !== "FAILED") {
      // Only a FAILED document can be re-queued
      // (docs/vendors/modulkassa.md, "Re-queueing failed documents").
      return this.invalid_([
        { field: "id", message: `document is ${doc.status}, not FAILED` },
      ])
    }
    doc.requeues += 1
    doc.failureInfo = null
    this.setStatus_(doc, "REQUEUED")
    this.schedule_(doc)
    return { status: 200, body: this.statusBody_(doc) }
  }

  private setStatus_(
    doc: StoredDocument,
    status: ModulDocumentState,
    message = MESSAGES[status]
  ): void {
    doc.status = status
    doc.message = message
    doc.statusChangedAt = this.now()
  }

  /** The DocumentStatus of a document (docs/vendors/modulkassa.md, "Document status"). */
  private statusBody_(doc: StoredDocument): Record<string, unknown> {
    const fnState =
      this.fnStates_.get(doc.retailPointId)?.status ?? "ASSOCIATED"
    return {
      status: doc.status,
      fnState: this.stateCase_(fnState),
      fiscalInfo: doc.fiscalInfo,
      failureInfo: doc.failureInfo,
      message: doc.message,
      timeStatusChanged: modulDateTime(doc.statusChangedAt),
    }
  }

  // ---- the kassa ---------------------------------------------------------------------

  private timer_(ms: number, run: () => void): void {
    this.work_.later(Math.max(0, ms), run)
  }

  private processingDelay_(): number {
    return this.options_.processingDelayMs ?? 100
  }

  private pollDelay_(): number {
    return Math.min(
      this.options_.kassaPollMs ?? this.processingDelay_() / 2,
      this.processingDelay_()
    )
  }

  /** The kassa takes documents oldest first while it is READY and nothing holds it. */
  private schedule_(doc: StoredDocument): void {
    doc.run += 1
    const run = doc.run
    if (this.faults.stuckInWait || !this.kassaOnline_(doc.retailPointId)) {
      this.waiting_.push(doc)
      return
    }
    this.timer_(this.pollDelay_(), () => this.take_(doc, run))
  }

  private take_(doc: StoredDocument, run: number): void {
    if (doc.run !== run) {
      return
    }
    if (this.faults.stuckInWait || !this.kassaOnline_(doc.retailPointId)) {
      this.waiting_.push(doc)
      return
    }
    this.setStatus_(doc, "PENDING")
    this.timer_(this.processingDelay_() - this.pollDelay_(), () =>
      this.process_(doc, run)
    )
  }

  /** Sends waiting documents on their way once nothing holds the kassa. */
  releaseWaiting(): void {
    if (this.faults.stuckInWait) {
      return
    }
    const waiting = this.waiting_
    this.waiting_ = []
    for (const doc of waiting) {
      if (doc.status === "QUEUED" || doc.status === "REQUEUED") {
        this.schedule_(doc)
      }
    }
  }

  private kassa_(point: ModulKassaEmulatorRetailPoint): Kassa {
    let kassa = this.kassas_.get(point.id)
    if (!kassa) {
      kassa = new Kassa(
        SeededRandom.derive(this.seed_, `kassa:${point.id}`),
        this.now()
      )
      this.kassas_.set(point.id, kassa)
    }
    return kassa
  }

  private process_(doc: StoredDocument, run: number): void {
    const point = this.point_(doc.retailPointId)
    if (doc.run !== run || !point) {
      return
    }
    const now = this.now()
    doc.processedAt = now
    const failure = this.options_.alwaysSucceed
      ? undefined
      : (this.faults.takeFailure() ?? runKassaChecks(doc.payload, point))
    if (failure) {
      doc.failureInfo = failure
      this.setStatus_(doc, "FAILED", failure.message)
      if (doc.responseUrl) {
        this.notify_(doc, 0)
      }
      return
    }
    doc.fiscalInfo = this.kassa_(point).register(now, doc.payload)
    if (doc.responseUrl) {
      this.setStatus_(doc, "WAIT_FOR_CALLBACK")
      this.notify_(doc, 0)
    } else {
      this.setStatus_(
        doc,
        this.options_.finalStatusWithoutCallback ?? "COMPLETED"
      )
    }
  }

  /** What a notice carries; see {@link CallbackFormat}. */
  private callbackPayload_(doc: StoredDocument): {
    body: Buffer
    contentType: string
  } {
    if (this.options_.callbackFormat === "form") {
      const form = new URLSearchParams({
        id: doc.id,
        docNum: doc.docNum,
        status: doc.status === "FAILED" ? "FAILED" : "SUCCESS",
        qr: doc.fiscalInfo?.qr ?? "",
      })
      return {
        body: Buffer.from(form.toString(), "utf8"),
        contentType: "application/x-www-form-urlencoded",
      }
    }
    return {
      body: Buffer.from(
        JSON.stringify({
          id: doc.id,
          docNum: doc.docNum,
          ...this.statusBody_(doc),
        }),
        "utf8"
      ),
      contentType: "application/json;charset=UTF-8",
    }
  }

  /**
   * Notifies `responseURL`; a 2xx moves WAIT_FOR_CALLBACK to COMPLETED. A failed notice is
   * repeated `callbackRetries` times, then the document stays WAIT_FOR_CALLBACK (it is
   * fiscalized either way) [I].
   */
  private notify_(doc: StoredDocument, attempt: number): void {
    const url = doc.responseUrl
    if (!url) {
      return
    }
    const run = doc.run
    void this.callbacks_
      .send(url, this.callbackPayload_(doc), this.now())
      .then((result) => {
        if (doc.run === run) {
          doc.callbacks.push(result)
          if (delivered(result)) {
            if (doc.status === "WAIT_FOR_CALLBACK") {
              this.setStatus_(
                doc,
                "COMPLETED",
                "Document successfully completed with callback"
              )
            }
          } else if (attempt < (this.options_.callbackRetries ?? 2)) {
            this.timer_(this.options_.callbackRetryDelayMs ?? 1000, () =>
              this.notify_(doc, attempt + 1)
            )
          }
        }
        this.work_.settle()
      })
  }

  // ---- ledger, reset, idle -----------------------------------------------------------

  ledger(): ModulKassaLedgerEntry[] {
    return this.documents_.map((doc) =>
      structuredClone({
        id: doc.id,
        docNum: doc.docNum,
        docType: doc.docType,
        retail_point_id: doc.retailPointId,
        service_user: doc.serviceUser,
        status: doc.status,
        total: documentTotalKopecks(doc.payload),
        payload: doc.payload,
        marks: ledgerMarksOf(doc.payload),
        fiscalInfo: doc.fiscalInfo,
        failureInfo: doc.failureInfo,
        requeues: doc.requeues,
        duplicate: doc.duplicate,
        created_at: doc.createdAt.toISOString(),
        processed_at: doc.processedAt ? doc.processedAt.toISOString() : null,
        callbacks: doc.callbacks,
      })
    )
  }

  stats(): ModulKassaEmulatorStats {
    return structuredClone({
      ...this.stats_,
      documents: this.documents_.length,
    })
  }

  /**
   * Forgets documents, counters, faults and kassa states and restarts the seeded sequence.
   * Associations survive (connections configured with them keep working) unless
   * `associations` is set.
   */
  reset(options: { associations?: boolean } = {}): void {
    this.shutdown()
    this.documents_ = []
    this.byId_ = new Map()
    this.kassas_ = new Map()
    this.waiting_ = []
    if (options.associations) {
      this.associations_ = new Map()
    }
    this.stats_ = ModulKassaEngine.emptyStats()
    this.random_ = new SeededRandom(this.seed_)
    this.dice_ = SeededRandom.derive(this.seed_, "faults")
    this.faults.reset()
    this.initFnStates_()
    this.work_.settle()
  }

  /** Resolves once no document is being processed and no notice is in flight. */
  idle(): Promise<void> {
    return this.work_.idle()
  }

  /** Stops timers and notices (server shutdown). */
  shutdown(): void {
    this.work_.cancel()
    for (const doc of this.documents_) {
      doc.run += 1
    }
    this.callbacks_.abortAll()
    this.work_.settle()
  }
}
