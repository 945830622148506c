import type { CheckonlineLedgerMark } from "./validation"
import type { CheckonlineEnterprise } from "./enterprises"
import type { CheckonlineFaultsInput } from "./faults"

/**
 * How the emulator refuses a client without a valid certificate; the real service's behaviour
 * is not published [?], so both common ones are available:
 * - `tls` (default): the TLS layer refuses. A missing certificate gets the TLS 1.3
 *   `certificate_required` alert; a certificate the CA did not sign (or one not made for client
 *   authentication) gets the connection closed right after the handshake.
 * - `http`: the handshake completes and the server answers 400 with an nginx-style page
 *   ("No required SSL certificate was sent" / "The SSL certificate error"), as nginx's
 *   `ssl_verify_client on` does.
 */
export type ClientCertificateCheck = "tls" | "http"

/**
 * What a repeat of a (Group, RequestId, ClientId) gets while the first request is still being
 * executed [?]: `join` (default) waits for the first and returns its answer; `busy` answers the
 * non-fatal cloud error 7 at once.
 */
export type ConcurrentRepeat = "join" | "busy"

/** How the emulator behaves; every field is optional. */
export type CheckonlineEmulatorOptions = {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number
  /** Interface to bind; default `127.0.0.1`. */
  host?: string
  /** Seed of fiscal numbers, log ids and fault dice; default 1. */
  seed?: number
  /** Enterprises, their certificates and cash registers; default the test enterprises. */
  enterprises?: readonly CheckonlineEnterprise[]
  /** How long a cash register takes to register a receipt (inside the request), ms; default 50. */
  processingDelayMs?: number
  /** Server certificate and key (PEM); default the embedded test pair for 127.0.0.1/localhost. */
  serverCertificate?: string
  serverPrivateKey?: string
  /** CA(s) that sign accepted client certificates (PEM); default the embedded test CA. */
  clientCa?: string | string[]
  /** See {@link ClientCertificateCheck}; default `tls`. */
  clientCertificateCheck?: ClientCertificateCheck
  /** See {@link ConcurrentRepeat}; default `join`. */
  concurrentRepeat?: ConcurrentRepeat
  /**
   * How long an answer stays in the (Group, RequestId, ClientId) cache, ms; default forever.
   * The real lifetime is not published [?]: a repeat after it expires registers a second receipt.
   */
  cacheTtlMs?: number
  /** Tax register numbers (`TaxId`) the cash registers accept; default 1..12. */
  taxIds?: readonly number[]
  /** Most positions per receipt; default 100 [?]. */
  maxLines?: number
  /** The emulator's clock (fiscal dates, shifts, cache expiry); default the system clock. */
  clock?: () => Date
  /** Faults active from the start. */
  faults?: CheckonlineFaultsInput
}

/** Fiscal data of a registered receipt. */
export type CheckonlineFiscalRecord = {
  fn_number: string
  registration_number: string
  fiscal_document_number: number
  fiscal_sign: number
  doc_number: number
  turn_number: number
  /** ISO 8601 of the registration. */
  registered_at: string
  qr: string
}

/** One executed receipt as the ledger shows it: registered (`done`) or finally refused (`fail`). */
export type CheckonlineLedgerEntry = {
  group: string
  request_id: string
  client_id: string
  /** 0 приход, 1 расход, 2 возврат прихода, 3 возврат расхода. */
  document_type: number
  operation: "sell" | "buy" | "sell_refund" | "buy_refund"
  status: "done" | "fail"
  /** `${FNSerialNumber}-${FiscalDocNumber}` once done; the RequestId for a failure. */
  vendor_document_id: string
  device: string
  /** Σ line totals, kopecks. */
  total: number
  /** Tag 1192 when the request carried it. */
  additional_check_props: string | null
  fiscal: CheckonlineFiscalRecord | null
  error: { code: number; messages: string[] } | null
  /** The request body as received. */
  request: unknown
  /** The marked lines (`CGNFloat`), with GTIN and serial read back. */
  marks: CheckonlineLedgerMark[]
  created_at: string
}

/** Request counters. */
export type CheckonlineEmulatorStats = {
  requests: { complex: number; other: number }
  cache_hits: number
  joined_repeats: number
  documents: number
  faults_injected: Record<string, number>
}
