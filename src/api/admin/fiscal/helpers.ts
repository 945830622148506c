import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"

/** Body of the bulk actions: `{ ids: ["ftx_…", …] }`. */
export const AdminFiscalIdsBody = z.strictObject({
  ids: z.array(z.string().min(1)).min(1).max(100),
})

/** Parses a body or query with a zod schema; a wrong input is a 400 naming the field. */
export function parseBody<T extends z.ZodType>(
  schema: T,
  body: unknown
): z.infer<T> {
  const parsed = schema.safeParse(body ?? {})
  if (!parsed.success) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      parsed.error.issues
        .map((i) => `${i.path.join(".") || "body"}: ${i.message}`)
        .join("; ")
    )
  }
  return parsed.data
}
