import { model } from "@medusajs/framework/utils"
import {
  RECEIPT_ERROR_KINDS,
  RECEIPT_REASONS,
  RECEIPT_STATUSES,
  RECEIPT_TYPES,
} from "../../../types/lists"
import { RECEIPT_NEEDS_A_PERSON } from "../sql"

/**
 * One fiscal document the shop owes: the outbox row and its history.
 * A row is created once per cause (`source_key`) and driven by the pipeline through
 * `pending → sending → wait → done`, with side exits `unknown`, `failed`, `invalid`, `canceled`.
 */
export const FiscalReceipt = model
  .define("fiscal_receipt", {
    // Primary key, e.g. frc_01J…
    id: model.id({ prefix: "frc" }).primaryKey(),
    // Medusa order the receipt belongs to.
    order_id: model.text().index("IDX_fiscal_receipt_order_id"),
    // Payment whose capture caused a sell receipt, or whose refund caused a refund receipt.
    payment_id: model.text().nullable(),
    // Capture that caused a sale receipt (one receipt per capture: docs/architecture.md).
    capture_id: model.text().nullable(),
    // Refund that caused a refund receipt.
    refund_id: model.text().nullable(),
    // Fulfillment that caused a settlement (prepayment offset) receipt.
    fulfillment_id: model.text().nullable(),
    // The vendor operation (ФФД tag 1054).
    type: model.enum([...RECEIPT_TYPES]),
    // Why the receipt exists.
    reason: model.enum([...RECEIPT_REASONS]),
    // Deterministic key of the cause (capture:<id>, refund:<id>): a repeated event finds this row.
    source_key: model.text(),
    // Provider the document is registered with, e.g. atol.
    provider_id: model.text(),
    // Our idempotency key at the vendor; changes only with `generation`.
    external_id: model.text(),
    // Bumped only after the vendor definitively failed or never registered the previous document.
    generation: model.number().default(0),
    // The vendor's id of the document (ATOL uuid, Dreamkas operation id, …).
    vendor_document_id: model.text().nullable(),
    // Life-cycle state; see docs/architecture.md, "The life of a receipt".
    status: model.enum([...RECEIPT_STATUSES]).default("pending"),
    // Registration attempts made so far (all generations).
    attempts: model.number().default(0),
    // When the row is due for its next send or status check; null = not scheduled.
    next_attempt_at: model.dateTime().nullable(),
    // A worker holds the row until then; a crashed worker's lease simply expires.
    lease_until: model.dateTime().nullable(),
    // Which worker holds the lease.
    lease_owner: model.text().nullable(),
    // Status checks made for the current generation.
    status_checks: model.number().default(0),
    // When the vendor was last asked for the status.
    last_checked_at: model.dateTime().nullable(),
    // Set when the row needs a person (checks exhausted, retries exhausted, vendor failure).
    needs_attention: model.boolean().default(false),
    // The vendor-neutral receipt (FiscalDocument), frozen when first sent.
    document: model.json().nullable(),
    // Last request sent to the vendor (secrets redacted).
    request: model.json().nullable(),
    // Last response received from the vendor.
    response: model.json().nullable(),
    // ФД: fiscal document number (tag 1040).
    fiscal_document_number: model.text().nullable(),
    // ФП: fiscal attribute of the document (tag 1077).
    fiscal_document_attribute: model.text().nullable(),
    // Receipt number within the shift (tag 1042).
    fiscal_receipt_number: model.text().nullable(),
    // Shift number (tag 1038).
    shift_number: model.text().nullable(),
    // Fiscal storage serial number (tag 1041).
    fn_number: model.text().nullable(),
    // Cash register registration number (tag 1037).
    ecr_registration_number: model.text().nullable(),
    // When the cash register registered the receipt.
    registered_at: model.dateTime().nullable(),
    // Link to the receipt at the OFD.
    ofd_receipt_url: model.text().nullable(),
    // Receipt total in kopecks.
    total: model.bigNumber().nullable(),
    // The vendor's or our error code of the last failure.
    error_code: model.text().nullable(),
    // Human-readable reason of the last failure, with what to do.
    error_message: model.text().nullable(),
    // Class of the last failure.
    error_kind: model.enum([...RECEIPT_ERROR_KINDS]).nullable(),
    // The receipt this one follows (resell steps, settlement receipts).
    parent_id: model.text().nullable(),
    // For a correction receipt, what the staff asked for: tag 1173 (self or instruction), the
    // tax office's order number (1179), the settlement date (1178) when not the movement's.
    correction: model.json().nullable(),
  })
  .indexes([
    {
      name: "IDX_fiscal_receipt_source_key_unique",
      on: ["source_key"],
      unique: true,
    },
    {
      name: "IDX_fiscal_receipt_provider_external_id_unique",
      on: ["provider_id", "external_id"],
      unique: true,
    },
    {
      name: "IDX_fiscal_receipt_status_next_attempt_at",
      on: ["status", "next_attempt_at"],
    },
    {
      name: "IDX_fiscal_receipt_parent_id",
      on: ["parent_id"],
    },
    {
      // a period's receipts, for the reports
      name: "IDX_fiscal_receipt_created_at",
      on: ["created_at"],
    },
    {
      // the receipts a person has to act on, for the alerts job and the reports
      name: "IDX_fiscal_receipt_needs_person",
      on: ["updated_at"],
      where: RECEIPT_NEEDS_A_PERSON,
    },
  ])
