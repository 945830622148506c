import { z } from "@medusajs/framework/zod"

import { VAT_CODES, type VatCode } from "../../lib/receipt/types"

/**
 * МодульКасса's API bases (docs/vendors/modulkassa.md, "Hosts"). Every path
 * (`/v1/associate/…`, `/v2/doc`, …) is appended to them. On the test base every document is
 * "virtually fiscalized" without errors; it takes the real account but keeps its own
 * associations and documents.
 */
export const MODULKASSA_HOSTS = {
  production: "https://my.modulkassa.ru/api/fn",
  test: "https://demo-fn.avanpos.com/fn",
} as const

/** Which МодульКасса installation to talk to. */
export type ModulKassaHost = keyof typeof MODULKASSA_HOSTS

/** The path a bare `base_url` (scheme and host only, e.g. an emulator) gets, as in production. */
export const DEFAULT_API_PATH = "/api/fn"

/**
 * `vatTag` codes the v2.0 doc publishes: the ФФД tag numbers of the VAT sums
 * (docs/vendors/modulkassa.md, "Enumerations and mapping"). The doc is from 2020, so the
 * 2025/2026 rates (5 %, 7 %, 22 % and their calculated forms) have no published code; a shop
 * sets them in `vat_tags` once МодульКасса names them.
 */
export const DOCUMENTED_VAT_TAGS: Readonly<Partial<Record<VatCode, number>>> = {
  vat20: 1102,
  vat10: 1103,
  vat0: 1104,
  none: 1105,
  vat120: 1106,
  vat110: 1107,
}

const httpUrl = (maxLength: number) =>
  z
    .string()
    .trim()
    .max(maxLength)
    .url()
    .refine((value) => /^https?:\/\//i.test(value), "must be an http(s) URL")

const optionalText = (maxLength: number) =>
  z.preprocess(
    (value) =>
      typeof value === "string" && value.trim() === "" ? undefined : value,
    z.string().trim().min(1).max(maxLength).optional()
  )

/** The admin form sends `vat_tags` as JSON text; medusa-config passes an object. */
const vatTags = z.preprocess(
  (value) => {
    if (typeof value !== "string") {
      return value
    }
    if (value.trim() === "") {
      return undefined
    }
    try {
      return JSON.parse(value)
    } catch {
      return value
    }
  },
  z
    .partialRecord(
      z.enum(VAT_CODES),
      z.number().int().positive().max(2_147_483_647)
    )
    .optional()
)

/** Connection settings of one МодульКасса retail point; validated with {@link modulKassaOptionsSchema}. */
export const modulKassaOptionsSchema = z
  .object({
    /** `production` (my.modulkassa.ru) or `test` (demo-fn.avanpos.com); ignored when `base_url` is set. */
    host: z
      .enum(["test", "production"])
      .default("production")
      .describe("МодульКасса installation: test or production"),
    /**
     * Overrides `host`: an API base such as `https://my.modulkassa.ru/api/fn`, or a bare root
     * such as `http://127.0.0.1:4020` (the emulator), which gets `/api/fn` appended.
     */
    base_url: httpUrl(2048).optional().describe("API base that overrides host"),
    /** Id (uuid) of the retail point with "use for online-store documents" switched on. */
    retail_point_id: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .describe("Retail point id"),
    /** Login of the МодульКасса account; needed only to associate (issue the service login). */
    login: optionalText(255).describe("Account login, used to associate"),
    /** Password of the account (secret); may be removed once associated. */
    password: z
      .preprocess(
        (value) => (value === "" ? undefined : value),
        z.string().min(1).max(255).optional()
      )
      .describe("Account password (secret)"),
    /** `userName` returned by the association: the login of every other call. */
    service_user: optionalText(255).describe(
      "Service login from the association"
    ),
    /** `password` returned by the association (secret). Associating again replaces it. */
    service_password: z
      .preprocess(
        (value) => (value === "" ? undefined : value),
        z.string().min(1).max(255).optional()
      )
      .describe("Service password from the association (secret)"),
    /** `clientId` of the association, when several applications send to one retail point. */
    client_id: optionalText(100).describe(
      "Client application id of the association"
    ),
    /**
     * Associate on the fly when the service credentials are missing. Off by default: every
     * association rotates the service password, so two processes that each associate lock
     * each other out, and credentials obtained on the fly live only in process memory.
     */
    auto_associate: z
      .boolean()
      .default(false)
      .describe("Associate on the fly when not associated"),
    /**
     * The document `id` sent to МодульКасса: `uuid` (default) derives a stable UUID from our
     * external id, as the doc's examples and its "UUID" wording suggest; `external_id` sends
     * the external id itself. Either way one external id is one document id.
     */
    document_id: z
      .enum(["uuid", "external_id"])
      .default("uuid")
      .describe("Document id format: uuid or external_id"),
    /** `v2` posts to `/v2/doc` (doc 2.0); `v1` to `/v1/doc` as older modules do. */
    document_api: z
      .enum(["v2", "v1"])
      .default("v2")
      .describe("Send-document endpoint version"),
    /**
     * `vatTag` per VAT code, merged over {@link DOCUMENTED_VAT_TAGS}. Codes left without a tag
     * (5 %, 7 %, 22 % and calculated forms) stop the receipt with a configuration error.
     */
    vat_tags: vatTags.describe(
      "vatTag code per VAT code for the rates МодульКасса has not published"
    ),
    /** Print a paper receipt at the kassa too. */
    print_receipt: z
      .boolean()
      .default(false)
      .describe("Print a paper receipt at the kassa"),
    /** Cashier name on the receipt (at most 64); the retail point's setting when empty. */
    cashier_name: optionalText(64).describe("Cashier name"),
    /** Cashier INN; the retail point's setting when empty. */
    cashier_inn: z
      .preprocess(
        (value) =>
          typeof value === "string" && value.trim() === "" ? undefined : value,
        z
          .string()
          .trim()
          .regex(/^(\d{10}|\d{12})$/, "must be 10 or 12 digits")
          .optional()
      )
      .describe("Cashier INN"),
    /** Cashier position (at most 64). */
    cashier_position: optionalText(64).describe("Cashier position"),
    /** Default `responseURL` base; a per-document callback URL wins. */
    callback_url: httpUrl(1024)
      .optional()
      .describe("Default callback URL for results"),
    /** Timeout of one HTTP request, in milliseconds. */
    timeout_ms: z.coerce
      .number()
      .int()
      .min(50)
      .max(120_000)
      .default(15_000)
      .describe("HTTP request timeout, ms"),
    /**
     * How many times a status check re-queues (`PUT /v1/doc/{id}/re-queue`) a document that
     * failed for a passing reason before reporting the failure; 0 reports it at once.
     */
    auto_requeue_limit: z.coerce
      .number()
      .int()
      .min(0)
      .max(20)
      .default(3)
      .describe("Automatic re-queues of a transiently failed document"),
  })
  .superRefine((value, ctx) => {
    const service =
      Boolean(value.service_user) && Boolean(value.service_password)
    const account = Boolean(value.login) && Boolean(value.password)
    if (Boolean(value.service_user) !== Boolean(value.service_password)) {
      ctx.addIssue({
        code: "custom",
        path: [value.service_user ? "service_password" : "service_user"],
        message:
          "service_user and service_password come together from the association",
      })
    }
    if (!service && !account) {
      ctx.addIssue({
        code: "custom",
        path: ["login"],
        message:
          "set login and password to associate, or service_user and service_password",
      })
    }
  })

/** Parsed МодульКасса settings. */
export type ModulKassaOptions = z.infer<typeof modulKassaOptionsSchema>

/** Raw МодульКасса settings as a shop writes them (before defaults). */
export type ModulKassaOptionsInput = z.input<typeof modulKassaOptionsSchema>

/** Fields of {@link ModulKassaOptions} that are secrets. */
export const MODULKASSA_SECRET_FIELDS = [
  "password",
  "service_password",
] as const

/** The API base every path is appended to, without a trailing `/`. */
export function modulKassaApiBase(options: {
  host: ModulKassaHost
  base_url?: string
}): string {
  const root = (options.base_url ?? MODULKASSA_HOSTS[options.host]).replace(
    /\/+$/,
    ""
  )
  const hasPath = new URL(root).pathname.replace(/\/+$/, "") !== ""
  return hasPath ? root : `${root}${DEFAULT_API_PATH}`
}

/** The `vatTag` table of a connection: the documented codes with the shop's additions. */
export function vatTagTable(
  options: Pick<ModulKassaOptions, "vat_tags">
): Partial<Record<VatCode, number>> {
  return { ...DOCUMENTED_VAT_TAGS, ...(options.vat_tags ?? {}) }
}
