import type { ModuleProviderExports } from "@medusajs/framework/types"
import { z } from "@medusajs/framework/zod"
import { isReceiptError, resolveReceiptSettings } from "../../lib/receipt"
import { TAXATION_SYSTEMS } from "../../types/lists"
import { notificationSettingsSchema } from "./settings/notifications"

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
  sno: z.enum(TAXATION_SYSTEMS).optional(),
  /** Settlement address (tag 1009). */
  location: z.string().max(256).optional(),
})

/** Connection ids appear in callback URLs (`/hooks/fiscal/<id>/…`): a URL-safe word. */
const providerId = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
    "must be letters, digits, `_` or `-` (at most 64), starting with a letter or digit"
  )

/** A `ModuleProvider("fiscal", { services })` export given instead of a package path. */
const moduleProviderExport = z.custom<ModuleProviderExports>(
  (value) =>
    !!value &&
    typeof value === "object" &&
    Array.isArray((value as { services?: unknown }).services),
  'must be a package path or a ModuleProvider("fiscal", { services }) export'
)

/** One entry of the option `providers`. */
const providerEntrySchema = z.strictObject({
  /** Package path of the provider, or its `ModuleProvider` export. */
  resolve: z.union([z.string().min(1), moduleProviderExport]),
  /** The connection's id; defaults to the service class's `identifier`. */
  id: providerId.optional(),
  /** Connection settings, checked by the provider's own `validateOptions`. */
  options: z.record(z.string(), z.unknown()).default({}),
  /** New receipts go to this entry (instead of the option `provider`). */
  is_default: z.boolean().optional(),
})

/**
 * Options of the `medusa-fiscal` plugin (the `options` of its `plugins` entry). Every value
 * can also be edited in Settings → Fiscalization; what the admin saves wins over these.
 */
export const fiscalOptionsSchema = z
  .strictObject({
    /** Issue receipts at all. */
    enabled: z.boolean().default(true),
    /**
     * Id of the provider entry new receipts go to, e.g. `atol`; an entry may say
     * `is_default: true` instead.
     */
    provider: providerId.optional(),
    /**
     * The cash-register services this shop uses, in Medusa's module-provider shape:
     * `{ resolve, id, options, is_default }`. `resolve` is a package path such as
     * `medusa-fiscal/providers/atol` (or a `ModuleProvider("fiscal", …)` export); `id` names
     * the connection in receipts and callback URLs and defaults to the vendor's identifier;
     * `options` are its connection settings. Absent: the four built-in vendors, unconfigured.
     */
    providers: z.array(providerEntrySchema).optional(),
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
    /**
     * Reports and alerts: `recipients`, `daily_report { enabled, time }`, `weekly_report
     * { enabled, weekday, time }` (Moscow time), `alert_emails`, `language` (`ru`, `en`).
     * Emails go through Medusa's notification module (channel `email`).
     */
    notifications: notificationSettingsSchema.default({}),
    /** Key that encrypts credentials saved in the admin (32 bytes, hex or base64); else env FISCAL_ENCRYPTION_KEY. */
    encryption_key: z.string().min(1).optional(),
    /** Background processing. */
    worker: z
      .strictObject({
        /** Rows claimed per run. */
        batch_size: z.number().int().min(1).max(500).default(20),
        /** Seconds a worker holds a claimed row before another may take it over. */
        lease_seconds: z.number().int().min(10).max(3600).default(120),
        /**
         * Seconds alerts wait for others before they are delivered, so a burst of failures
         * becomes one notice.
         */
        alert_fold_seconds: z.number().min(0).max(3600).default(5),
      })
      .default({ batch_size: 20, lease_seconds: 120, alert_fold_seconds: 5 }),
    /** Injected by Medusa (the database connection); never logged or returned. */
    database: z.unknown().optional(),
  })
  .superRefine((options, ctx) => {
    const entries = options.providers ?? []
    const seen = new Set<string>()
    for (const [i, entry] of entries.entries()) {
      if (entry.id === undefined) {
        continue
      }
      if (seen.has(entry.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["providers", i, "id"],
          message: `"${entry.id}" is the id of another entry too; give each entry its own \`id\``,
        })
      }
      seen.add(entry.id)
    }
    const defaults = entries.filter((entry) => entry.is_default)
    if (defaults.length > 1) {
      ctx.addIssue({
        code: "custom",
        path: ["providers"],
        message: "only one entry may have `is_default: true`",
      })
    }
    const [marked] = defaults
    if (
      options.provider !== undefined &&
      marked?.id !== undefined &&
      marked.id !== options.provider
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["provider"],
        message: `names "${options.provider}" but the entry with \`is_default: true\` is "${marked.id}"; keep one of them`,
      })
    }
  })

/** Plugin options as written in medusa-config. */
export type FiscalOptionsInput = z.input<typeof fiscalOptionsSchema>
/** Plugin options after validation and defaults. */
export type FiscalOptions = z.output<typeof fiscalOptionsSchema>

/** Options of earlier versions, with what replaced them. */
const REPLACED_OPTIONS: Record<string, string> = {
  connections:
    '`connections` was replaced by `providers: [{ resolve, id, options }]`, e.g. `providers: [{ resolve: "medusa-fiscal/providers/atol", id: "atol", options: { login, password, group } }]`',
}

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
      const keys = issue.keys.filter(
        (k) => !(path === "(root)" && k in REPLACED_OPTIONS)
      )
      const replaced = issue.keys
        .filter((k) => path === "(root)" && k in REPLACED_OPTIONS)
        .map((k) => REPLACED_OPTIONS[k])
      if (!keys.length) {
        return replaced.join("\n  - ")
      }
      return [
        ...replaced,
        `unknown option${keys.length > 1 ? "s" : ""}${where}: ${keys
          .map((k) => `\`${k}\``)
          .join(", ")}`,
      ].join("\n  - ")
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
