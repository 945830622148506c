import { z } from "@medusajs/framework/zod"
import { RECEIPT_STATUSES, RECEIPT_TYPES } from "../../../../types/lists"

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v),
    z.array(item)
  )

/** Medusa ids (`order_01J…`): anything else cannot name an order and is refused, not searched. */
const MEDUSA_ID = /^[A-Za-z0-9_-]{1,100}$/

/**
 * A date PostgreSQL can compare with: JavaScript accepts years down to -271821, which the
 * database refuses, so the filter keeps to the years a receipt can have.
 */
const filterDate = z.coerce
  .date()
  .min(new Date("2000-01-01T00:00:00Z"), "must be a date from 2000 on")
  .max(new Date("9999-12-31T23:59:59Z"), "must be a date before the year 10000")

/** Query of `GET /admin/fiscal/receipts`. */
export const AdminListFiscalReceipts = z.strictObject({
  status: csv(z.enum(RECEIPT_STATUSES)).optional(),
  type: csv(z.enum(RECEIPT_TYPES)).optional(),
  order_id: csv(
    z.string().regex(MEDUSA_ID, "must be Medusa order ids, comma-separated")
  ).optional(),
  // the console's `update <vendor id|external id>` finds a receipt by what the vendor or the
  // audit log shows: a vendor's document id (ATOL uuid, …) or our `<receipt id>-<generation>`
  vendor_document_id: z.string().min(1).max(200).optional(),
  external_id: z.string().min(1).max(200).optional(),
  needs_attention: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  created_after: filterDate.optional(),
  created_before: filterDate.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})

export type AdminListFiscalReceiptsType = z.infer<
  typeof AdminListFiscalReceipts
>
