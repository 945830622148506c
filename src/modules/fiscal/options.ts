import { z } from "@medusajs/framework/zod"
import { isReceiptError, resolveReceiptSettings } from "../../lib/receipt"

/** Minutes between registration retries used when nothing else is configured. */
export const DEFAULT_RETRY_INTERVALS_MINUTES = [1, 5, 15, 30, 60]

const companySchema = z.strictObject({
  /** Seller's ИНН, 10 or 12 digits. */
  inn: z
    .string()
    .regex(/^(\d{10}|\d{12})$/, "must be 10 or 12 digits")
    .optional(),
  /** Seller's email (tag 1117). */
  email: z.email().optional(),
  /** Place of settlement, the shop URL (tag 1187). */
  payment_address: z.string().min(1).max(256).optional(),
  /** Taxation system (tag 1055). */
  sno: z
    .enum(["osn", "usn_income", "usn_income_outcome", "envd", "esn", "patent"])
    .optional(),
  /** Settlement address (tag 1009). */
  location: z.string().max(256).optional(),
})

/**
 * Options of the `medusa-fiscal` plugin (the `options` of its `plugins` entry). Every value
 * can also be edited in Settings → Fiscalization; what the admin saves wins over these.
 */
export const fiscalOptionsSchema = z.strictObject({
  /** Issue receipts at all. */
  enabled: z.boolean().default(true),
  /** Provider identifier used for new receipts, e.g. `atol`. */
  provider: z.string().min(1).optional(),
  /**
   * Connection settings per provider identifier, e.g. `{ atol: { api_version: 5, login,
   * password, group } }`. (Not `providers`: Medusa reserves that option name of a module
   * for its own module-provider loader.)
   */
  connections: z
    .record(z.string(), z.record(z.string(), z.unknown()))
    .default({}),
  /** The seller printed on every receipt. */
  company: companySchema.default({}),
  /**
   * Receipt defaults, in the receipt engine's names (`goodsVat`, `shippingVat`,
   * `paymentMethodMode`, `goodsPaymentObject`, …; see `ReceiptSettings`).
   */
  receipt: z
    .record(z.string(), z.unknown())
    .default({})
    .superRefine((value, ctx) => {
      try {
        // the VAT defaults may still come from the admin; everything given must be valid
        resolveReceiptSettings({
          goodsVat: "standard",
          shippingVat: "standard",
          ...value,
        })
      } catch (e) {
        ctx.addIssue({
          code: "custom",
          message: isReceiptError(e) ? e.message : String(e),
        })
      }
    }),
  /** When a sell receipt is issued: when the payment is captured (54-ФЗ default) or when the order is placed. */
  sell_trigger: z
    .enum(["payment_captured", "order_placed"])
    .default("payment_captured"),
  /** Issue refund receipts for refunds. */
  refund_receipts: z.boolean().default(true),
  /** Issue refund receipts for the refunds a cancellation makes. */
  cancel_receipts: z.boolean().default(true),
  /** Registration retries. */
  retry: z
    .strictObject({
      /** Minutes between attempts (fractions allowed); the last interval repeats. */
      intervals_minutes: z
        .array(z.number().positive())
        .min(1)
        .default(DEFAULT_RETRY_INTERVALS_MINUTES),
      /** Attempts before the receipt is flagged for attention. */
      max_attempts: z.number().int().min(1).max(1000).default(10),
      /** After the attempts run out, keep retrying once a day. */
      retry_daily: z.boolean().default(false),
    })
    .default({
      intervals_minutes: DEFAULT_RETRY_INTERVALS_MINUTES,
      max_attempts: 10,
      retry_daily: false,
    }),
  /** Status checks of documents the vendor is still processing. */
  status_checks: z
    .strictObject({
      /** Seconds between checks of one document. */
      interval_seconds: z.number().int().min(1).default(30),
      /** Checks before a waiting receipt is flagged for attention. */
      max_checks: z.number().int().min(1).default(120),
    })
    .default({ interval_seconds: 30, max_checks: 120 }),
  /** Vendor callbacks. */
  callback: z
    .strictObject({
      /** Public URL of this Medusa server, e.g. https://shop.example; callbacks go to <base_url>/hooks/fiscal/<provider>. */
      base_url: z.url().optional(),
      /** Secret the callback URL carries; generated and stored when absent. */
      secret: z.string().min(16).optional(),
    })
    .default({}),
  /** Key that encrypts credentials saved in the admin (32 bytes, hex or base64); else env FISCAL_ENCRYPTION_KEY. */
  encryption_key: z.string().min(1).optional(),
  /** Background processing. */
  worker: z
    .strictObject({
      /** Rows claimed per run. */
      batch_size: z.number().int().min(1).max(500).default(20),
      /** Seconds a worker holds a claimed row before another may take it over. */
      lease_seconds: z.number().int().min(10).max(3600).default(120),
    })
    .default({ batch_size: 20, lease_seconds: 120 }),
  /** Injected by Medusa (the database connection); never logged or returned. */
  database: z.unknown().optional(),
})

/** Plugin options as written in medusa-config. */
export type FiscalOptionsInput = z.input<typeof fiscalOptionsSchema>
/** Plugin options after validation and defaults. */
export type FiscalOptions = z.output<typeof fiscalOptionsSchema>

/**
 * Validates the plugin options; on failure throws an error that names each wrong option
 * and its allowed values. Values are never echoed: an option may hold a password.
 */
export function parseFiscalOptions(input: unknown): FiscalOptions {
  const result = fiscalOptionsSchema.safeParse(input ?? {})
  if (result.success) {
    return result.data
  }
  const lines = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join(".") || "(root)"
    if (issue.code === "unrecognized_keys") {
      const where = path === "(root)" ? "" : ` in \`${path}\``
      return `unknown option${issue.keys.length > 1 ? "s" : ""}${where}: ${issue.keys
        .map((k) => `\`${k}\``)
        .join(", ")}`
    }
    return `\`${path}\`: ${issue.message}`
  })
  return throwOptionsError(lines)
}

function throwOptionsError(lines: string[]): never {
  throw new Error(
    `medusa-fiscal: invalid plugin options:\n${lines.map((l) => `  - ${l}`).join("\n")}`
  )
}
