import { z } from "@medusajs/framework/zod"

/**
 * Кабинет Дримкас, the only published installation of the API
 * (docs/vendors/dreamkas.md, "Hosts").
 */
export const DREAMKAS_DEFAULT_BASE_URL = "https://kabinet.dreamkas.ru"

/**
 * Names this provider sends for the 22 % rates (425-ФЗ, from 2026-01-01). No public source
 * names them (docs/vendors/dreamkas.md, "Not confirmed"); these follow the pattern of
 * `NDS_20`/`NDS_20_CALCULATED` and can be changed in the settings without a release if
 * Dreamkas chose otherwise.
 */
export const DREAMKAS_DEFAULT_VAT22_NAME = "NDS_22"
export const DREAMKAS_DEFAULT_VAT122_NAME = "NDS_22_CALCULATED"

const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .url()
  .refine((value) => /^https?:\/\//i.test(value), "must be an http(s) URL")

const taxName = z
  .string()
  .trim()
  .regex(/^[A-Z0-9_]{1,64}$/, "must be a Dreamkas tax name such as NDS_22")

/** Connection settings of one Dreamkas account; validated with {@link dreamkasOptionsSchema}. */
export const dreamkasOptionsSchema = z.object({
  /** Bearer token generated in Кабинет Дримкас → Профиль → Токен (secret). */
  token: z
    .string()
    .trim()
    .min(1)
    .max(4096)
    .describe("Dreamkas API token (secret)"),
  /** The kassa that prints the receipts: an id from `GET /api/devices`. */
  device_id: z.coerce
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .describe("Dreamkas device (kassa) id"),
  /**
   * Service root; `/api` is appended unless the URL already ends with it. Point it at the
   * emulator (`http://127.0.0.1:4020`) for tests, or at kabinet.dreamkas.by for Belarus.
   */
  base_url: httpUrl
    .default(DREAMKAS_DEFAULT_BASE_URL)
    .describe("Dreamkas service root, e.g. https://kabinet.dreamkas.ru"),
  /** Timeout of one HTTP request to Dreamkas, in milliseconds. */
  timeout_ms: z.coerce
    .number()
    .int()
    .min(50)
    .max(120_000)
    .default(15_000)
    .describe("HTTP request timeout, ms"),
  /**
   * Minutes Dreamkas waits for the kassa before the operation ends in ERROR (`timeout` of
   * the receipt: docs/vendors/dreamkas.md, "Registration request"). A kassa offline longer
   * than this fails the operation and the receipt is sent again under a new id.
   */
  fiscalization_timeout_min: z.coerce
    .number()
    .int()
    .min(1)
    .max(1440)
    .default(15)
    .describe("Minutes the kassa may take to fiscalize a receipt"),
  /**
   * Tax name sent for VAT 22 % (`vat22`); unknown in public sources
   * (docs/vendors/dreamkas.md, "Enumerations and mapping").
   */
  tax_name_vat22: taxName
    .default(DREAMKAS_DEFAULT_VAT22_NAME)
    .describe("Dreamkas tax name for VAT 22 %"),
  /**
   * Tax name sent for VAT 22/122 (`vat122`); unknown in public sources
   * (docs/vendors/dreamkas.md, "Enumerations and mapping").
   */
  tax_name_vat122: taxName
    .default(DREAMKAS_DEFAULT_VAT122_NAME)
    .describe("Dreamkas tax name for VAT 22/122"),
  /**
   * Subscribe the shop's callback URL to operation webhooks of the account (`POST
   * /api/webhooks`) the first time a receipt is sent. Off: subscribe by hand in the Кабинет, or
   * rely on polling alone.
   */
  subscribe_webhooks: z
    .preprocess(
      (value) => (value === "true" ? true : value === "false" ? false : value),
      z.boolean()
    )
    .default(true)
    .describe("Subscribe the callback URL to Dreamkas webhooks automatically"),
})

/** Parsed Dreamkas settings. */
export type DreamkasOptions = z.infer<typeof dreamkasOptionsSchema>

/** Raw Dreamkas settings as a shop writes them (before defaults). */
export type DreamkasOptionsInput = z.input<typeof dreamkasOptionsSchema>

/** Fields of {@link DreamkasOptions} that are secrets. */
export const DREAMKAS_SECRET_FIELDS = ["token"] as const

/** The API base every path is appended to, without a trailing slash, e.g. `…/api`. */
export function dreamkasApiBase(options: { base_url: string }): string {
  const root = options.base_url.replace(/\/+$/, "")
  return /\/api$/i.test(new URL(root).pathname) ? root : `${root}/api`
}
