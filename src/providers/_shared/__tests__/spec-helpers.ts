import type { FiscalDocument } from "../../../lib/receipt/types"
import type {
  FiscalCompany,
  FiscalProvider,
  ProviderCallContext,
  WireExchange,
} from "../../../modules/fiscal/types/provider"
import { RetryableError, ValidationError } from "../../../modules/fiscal/errors"
import type { SpecEmulator } from "../../_shared/__tests__/use-emulator"

/**
 * Client timeout of a provider under test talking to a local emulator: generous, so a loaded
 * machine never turns an ordinary answer into a timeout.
 */
export const TEST_TIMEOUT_MS = 10_000

/**
 * Client timeout of a test that tells the emulator to hang: long enough that the requests before
 * the hang (a token, say) still get their answers on a loaded machine, short enough that the
 * test stays quick.
 */
export const HANG_TIMEOUT_MS = 2_000

/**
 * Waits, polling, until `condition` holds: for a state an emulator reaches on its own timers,
 * instead of sleeping a guessed time. Fails after `limitMs`.
 */
export async function waitUntil(
  condition: () => boolean,
  what: string,
  limitMs = 20_000
): Promise<void> {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > limitMs) {
      throw new Error(`still waiting after ${limitMs} ms for ${what}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** Collects the exchanges a provider reports through `ctx.onExchange`. */
export function exchangeLog() {
  const exchanges: WireExchange[] = []
  return {
    exchanges,
    ctx: { onExchange: (e: WireExchange) => exchanges.push(e) },
  }
}

/**
 * A register call to an emulator that has just closed fails with ECONNREFUSED before anything
 * was sent, so it must be retryable whatever the vendor.
 */
export async function expectRefusedConnectionRetryable<
  E extends SpecEmulator,
  P,
>(
  start: () => Promise<E>,
  providerFor: (emulator: E) => P,
  register: (provider: P) => Promise<unknown>
): Promise<void> {
  const gone = await start()
  const provider = providerFor(gone)
  await gone.close()
  const error = (await register(provider).catch((e: unknown) => e)) as {
    code?: string
  }
  expect(error).toBeInstanceOf(RetryableError)
  expect(error.code).toBe("ECONNREFUSED")
}

/** What a spec's `registerWith` falls back to for the arguments a test leaves out. */
export type RegisterDefaults<P extends FiscalProvider> = {
  provider: () => P
  externalId: () => string
  document: () => FiscalDocument
  company: FiscalCompany
}

/**
 * A spec's `registerWith(provider?, externalId?, document?, ctx?)`: registers with the given
 * arguments, each defaulting (in that order, at call time) to the spec's own.
 */
export function registerWithDefaults<P extends FiscalProvider>(
  defaults: RegisterDefaults<P>
) {
  return (
    provider = defaults.provider(),
    id = defaults.externalId(),
    document = defaults.document(),
    ctx?: object
  ) =>
    provider.register(
      { externalId: id, document, company: defaults.company },
      ctx
    )
}

/**
 * Registers a fresh sale and returns the reference `check` takes: the external id and the
 * vendor's document id.
 */
export async function registeredSale<P extends FiscalProvider>(
  defaults: RegisterDefaults<P>,
  provider = defaults.provider(),
  company = defaults.company
): Promise<{ externalId: string; vendorDocumentId: string }> {
  const id = defaults.externalId()
  const outcome = await provider.register({
    externalId: id,
    document: defaults.document(),
    company,
  })
  return { externalId: id, vendorDocumentId: outcome.vendorDocumentId }
}

/**
 * A registration whose answer is dropped after the work (the emulator's `process_then_drop`)
 * is still reported: the exchange at `index` names the vendor's `operation`, carries the reset
 * as its error and has no HTTP status.
 */
export async function expectDroppedAnswerReported(options: {
  /** Queues the vendor's `process_then_drop` fault for the registration. */
  dropNext: () => void
  register: (ctx: ProviderCallContext) => Promise<unknown>
  /** Which exchange is the registration (after a token request, say). */
  index: number
  operation: string
}): Promise<void> {
  const { exchanges, ctx } = exchangeLog()
  options.dropNext()
  await options.register(ctx).catch(() => undefined)
  expect(exchanges[options.index]).toMatchObject({
    operation: options.operation,
    error: expect.stringMatching(/ECONNRESET/),
  })
  expect(exchanges[options.index].http_status).toBeUndefined()
}

/**
 * The refusal of a correction by a service that has none (docs/vendors/README.md,
 * "Corrections"): `CORRECTIONS_NOT_SUPPORTED`, naming the service, the type and the ATOL
 * connection that can register it, pointing at the wire field of the document type.
 */
export function expectCorrectionRefused(
  map: (document: FiscalDocument) => unknown,
  sale: FiscalDocument,
  service: string,
  type: "sell_correction" | "sell_refund_correction",
  field: string
): void {
  let error: unknown
  try {
    map({
      ...sale,
      type,
      correction: { type: "self", base_date: "2026-03-13" },
    })
  } catch (e) {
    error = e
  }
  expect(error).toBeInstanceOf(ValidationError)
  const refusal = error as ValidationError
  expect(refusal.code).toBe("CORRECTIONS_NOT_SUPPORTED")
  expect(refusal.message).toContain(service)
  expect(refusal.message).toContain(type)
  expect(refusal.message).toContain(
    type === "sell_correction"
      ? "ATOL Online v4 (ФФД 1.05) or v5 (ФФД 1.2)"
      : "ATOL Online v5 (ФФД 1.2)"
  )
  expect(refusal.fields).toEqual([field])
}
