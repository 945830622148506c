import type { MedusaResponse } from "@medusajs/framework/http"
import { FieldErrors } from "../../../../modules/fiscal/settings/field-errors"

export { FieldErrors }

/** `400 { message, fields, codes }`. */
export function sendFieldErrors(
  res: MedusaResponse,
  errors: FieldErrors
): void {
  res.status(400).json({
    type: "invalid_data",
    message: errors.message,
    fields: errors.fields,
    codes: errors.codes,
  })
}
