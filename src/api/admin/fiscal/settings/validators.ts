import { z } from "@medusajs/framework/zod"
import { MEASURE_CODES } from "../../../../lib/receipt/classification"
import { PAYMENT_OBJECT_CODES, VAT_CODES } from "../../../../lib/receipt/types"
import { HANDOVER_MOMENTS, TAXATION_SYSTEMS } from "../../../../types/lists"
import { isValidInn } from "../../../../modules/fiscal/settings/inn"
import { notificationSettingsSchema } from "../../../../modules/fiscal/settings/notifications"
import type {
  FiscalConnectionTestBody,
  FiscalSettingsUpdateBody,
} from "../../../../types/http/settings"

/** A blank form input means "not set here": fall back to the plugin options. */
const blankToNull = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? null : value

const nullable = <T extends z.ZodType>(schema: T) =>
  z.preprocess(blankToNull, schema.nullable()).optional()

/** `standard` is the general rate on the settlement date: 20 % before 2026, 22 % from 2026. */
const vatSetting = z
  .string()
  .refine(
    (v) => v === "standard" || (VAT_CODES as readonly string[]).includes(v),
    {
      message: `must be "standard" or one of ${VAT_CODES.join(", ")}`,
    }
  )

const paymentObject = z
  .string()
  .refine(
    (v) => Object.prototype.hasOwnProperty.call(PAYMENT_OBJECT_CODES, v),
    {
      message: "must be a payment object such as commodity or service",
    }
  )

const measure = z.coerce
  .number()
  .int()
  .refine((v) => MEASURE_CODES.includes(v), {
    message: `must be a measure code (${MEASURE_CODES.join(", ")})`,
  })

/**
 * Body of `POST /admin/fiscal/settings`: every part optional, absent parts stay as saved.
 * What it parses to is what the fiscal module's `saveSettings` takes.
 */
export const AdminFiscalSettingsBody = z.strictObject({
  enabled: z.boolean().optional(),
  provider_id: nullable(z.string().min(1)),
  /** Connection fields of `provider_id`; a blank or absent secret keeps the stored one. */
  provider_config: z.record(z.string(), z.unknown()).optional(),
  company: z
    .strictObject({
      inn: nullable(
        z
          .string()
          .trim()
          .refine(isValidInn, {
            message:
              "is not a valid INN: 10 digits for an organisation or 12 for an individual entrepreneur, with matching control digits",
            params: { code: "invalid_inn" },
          })
      ),
      email: nullable(
        z
          .string()
          .trim()
          .pipe(z.email({ message: "must be an email address" }))
      ),
      payment_address: nullable(z.string().trim().max(256)),
      sno: nullable(z.enum(TAXATION_SYSTEMS)),
    })
    .optional(),
  receipt: z
    .strictObject({
      goods_vat: nullable(vatSetting),
      shipping_vat: nullable(vatSetting),
      goods_payment_object: nullable(paymentObject),
      shipping_payment_object: nullable(paymentObject),
      goods_measure: nullable(measure),
      shipping_measure: nullable(measure),
      payment_method_mode: nullable(z.enum(["full_payment", "prepayment"])),
      payment_type: nullable(z.enum(["cashless", "cash"])),
      handover: nullable(z.enum(HANDOVER_MOMENTS)),
      marked_product_tag: nullable(
        z
          .string()
          .trim()
          .min(1, { message: "must not be empty" })
          .max(255, { message: "must be at most 255 characters" })
      ),
    })
    .optional(),
  sell_trigger: z.enum(["payment_captured", "order_placed"]).optional(),
  refund_receipts: z.boolean().optional(),
  cancel_receipts: z.boolean().optional(),
  retry: z
    .strictObject({
      /** Minutes between attempts; the last one repeats. At most a week each. */
      intervals_minutes: z
        .array(z.number().positive().max(10_080))
        .min(1)
        .max(20)
        .optional(),
      max_attempts: z.number().int().min(1).max(1000).optional(),
      retry_daily: z.boolean().optional(),
    })
    .optional(),
  status_checks: z
    .strictObject({
      max_checks: z.number().int().min(1).max(100_000).optional(),
    })
    .optional(),
  notifications: notificationSettingsSchema.optional(),
}) satisfies z.ZodType<FiscalSettingsUpdateBody>

export type AdminFiscalSettingsBodyType = z.infer<
  typeof AdminFiscalSettingsBody
>

/** Body of `POST /admin/fiscal/settings/test-connection`: the form as it is, unsaved. */
export const AdminFiscalTestConnectionBody = z.strictObject({
  provider_id: z.string().min(1),
  provider_config: z.record(z.string(), z.unknown()).default({}),
}) satisfies z.ZodType<FiscalConnectionTestBody>
