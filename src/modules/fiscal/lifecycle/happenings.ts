import type { ReceiptError } from "../../../lib/receipt/errors"
import type { RegisterOutcome, StatusOutcome } from "../types/provider"

/** The last request and response of a vendor exchange, kept on the receipt for support. */
export type WireRecord = {
  request?: Record<string, unknown>
  response?: Record<string, unknown>
}

/**
 * What happened to a claimed receipt in one step of the pipeline: the input of the
 * decision function. Everything the pipeline can meet is one of these, so the decision
 * table covers it whole.
 */
export type Happening =
  /** The vendor took the document: queued (`accepted`) or registered at once (`registered`). */
  | { kind: "registered"; outcome: RegisterOutcome; wire?: WireRecord }
  /**
   * The vendor's view of the document, from a status check or a look-up before a resend.
   * (The exchange is in the audit log; the receipt keeps its registration request.)
   */
  | { kind: "status"; status: StatusOutcome }
  /** A vendor call threw: a typed provider error (`FiscalProviderError`) or anything else. */
  | { kind: "error"; error: unknown; wire?: WireRecord }
  /** The receipt engine could not build the document from the order. */
  | { kind: "build_error"; error: ReceiptError }
  /** The shop's settings do not allow sending yet (no provider, incomplete company, …). */
  | { kind: "settings_problem"; code: string; message: string }
  /** A refund whose sale receipt is not registered yet. */
  | { kind: "waits_for_sale"; sale: { id: string; status: string } }

/** The kinds of {@link Happening}, for tables and tests. */
export type HappeningKind = Happening["kind"]
