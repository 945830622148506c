import { z } from "@medusajs/framework/zod"
import { isDay } from "../../../../../../lib/moscow-day"
import { CORRECTION_TYPES } from "../../../../../../types/lists"

/** Body of `POST /admin/fiscal/orders/:id/corrections`; see `AdminCreateCorrectionBody`. */
export const AdminCreateCorrection = z.strictObject({
  target: z.discriminatedUnion("kind", [
    z.strictObject({
      kind: z.enum(["capture", "refund"]),
      id: z.string().min(1).max(100),
    }),
    z.strictObject({
      kind: z.literal("receipt"),
      id: z.string().min(1).max(100),
    }),
  ]),
  type: z.enum(CORRECTION_TYPES),
  // ФФД 1.2 tag 1179 is a string of up to 32 characters
  base_number: z.string().trim().max(32).optional(),
  base_date: z
    .string()
    .refine(isDay, "must be a calendar day written YYYY-MM-DD")
    .optional(),
})
