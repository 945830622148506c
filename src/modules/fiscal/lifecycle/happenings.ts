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
  /**
   * An earlier receipt of the same order is not registered yet: receipts of an order are
   * registered in the order of its money movements (a refund after its sale, a capture
   * after the ones before it), since each is built from what the earlier ones registered.
   */
  | {
      kind: "waits_for_earlier"
      earlier: { id: string; status: string; type: string }
    }
  /**
   * The capture's whole amount is on a settlement receipt already, as money taken at the
   * handover (docs/fiscal-rules.md, "Prepayment and the settlement at handover"): nothing
   * goes to the vendor, and the record of it is what later receipts read.
   */
  | { kind: "collected_on_handover" }

/** The kinds of {@link Happening}, for tables and tests. */
export type HappeningKind = Happening["kind"]
