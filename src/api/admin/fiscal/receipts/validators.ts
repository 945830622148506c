import { z } from "@medusajs/framework/zod"
import { RECEIPT_STATUSES, RECEIPT_TYPES } from "../../../../types/lists"

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v),
    z.array(item)
  )

/** Query of `GET /admin/fiscal/receipts`. */
export const AdminListFiscalReceipts = z.strictObject({
  status: csv(z.enum(RECEIPT_STATUSES)).optional(),
  type: csv(z.enum(RECEIPT_TYPES)).optional(),
  order_id: csv(z.string().min(1)).optional(),
  needs_attention: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  created_after: z.coerce.date().optional(),
  created_before: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})

export type AdminListFiscalReceiptsType = z.infer<
  typeof AdminListFiscalReceipts
>
