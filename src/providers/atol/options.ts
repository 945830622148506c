import { z } from "@medusajs/framework/zod"

import type { AtolApiVersion } from "./types"

/** ATOL's published service roots (docs/vendors/atol.md, "Hosts and versions"). */
export const ATOL_HOSTS = {
  production: "https://online.atol.ru",
  test: "https://testonline.atol.ru",
} as const

/** Which ATOL installation to talk to. */
export type AtolHost = keyof typeof ATOL_HOSTS

/**
 * ATOL requires at most one report request per second per kassa (docs/vendors/atol.md, "Limits").
 * Checks are spaced by this window divided by the number of kassas; the extra 50 ms absorbs
 * network jitter so the rate ATOL observes stays under its limit too.
 */
export const REPORT_WINDOW_MS = 1050

const apiVersion = z.preprocess(
  (value) =>
    typeof value === "string" && value.trim() !== "" ? Number(value) : value,
  z.union([z.literal(4), z.literal(5)])
)

const httpUrl = (maxLength: number) =>
  z
    .string()
    .trim()
    .max(maxLength)
    .url()
    .refine((value) => /^https?:\/\//i.test(value), "must be an http(s) URL")

/** Connection settings of one ATOL Online account; validated with {@link atolOptionsSchema}. */
export const atolOptionsSchema = z.object({
  /** `4` for ФФД 1.05 kassas, `5` for ФФД 1.2 kassas. A mismatch gives ATOL error 21. */
  api_version: apiVersion
    .default(5)
    .describe("ATOL API version: 4 (ФФД 1.05) or 5 (ФФД 1.2)"),
  /** Integration login from the ATOL personal account (at most 100 characters). */
  login: z.string().trim().min(1).max(100).describe("ATOL login"),
  /** Integration password (secret; at most 100 characters). */
  password: z.string().min(1).max(100).describe("ATOL password (secret)"),
  /** Group code of the kassas (`group_code`), e.g. `v5-online-atol-ru_5179`. */
  group: z.string().trim().min(1).max(100).describe("ATOL group code"),
  /** `production` (online.atol.ru) or `test` (testonline.atol.ru); ignored when `base_url` is set. */
  host: z
    .enum(["test", "production"])
    .default("production")
    .describe("ATOL installation: test or production"),
  /**
   * Overrides `host`: a service root such as `http://127.0.0.1:4010` (the emulator), to which
   * `/possystem/v{api_version}/` is appended, or a full API base that already has a path
   * (services that clone ATOL's protocol under their own prefix).
   */
  base_url: httpUrl(2048)
    .optional()
    .describe("Service root that overrides host"),
  /** Integrator name sent with getToken (`source`, at most 100 characters). */
  source: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .default("medusa-fiscal")
    .describe("Integrator name sent to ATOL"),
  /** Timeout of one HTTP request to ATOL, in milliseconds. */
  timeout_ms: z.coerce
    .number()
    .int()
    .min(50)
    .max(120_000)
    .default(15_000)
    .describe("HTTP request timeout, ms"),
  /** Where ATOL posts results (at most 256 characters); a per-document URL wins. */
  callback_url: httpUrl(256)
    .optional()
    .describe("Default callback URL for results"),
  /** Kassas rented in the group: ATOL allows one report request per second per kassa. */
  kassa_count: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(1)
    .describe("Number of kassas in the group (report rate limit)"),
  /** v5 only: mark receipts as settlements over the internet (tag 1125), as online shops are. */
  internet: z.boolean().default(true).describe("v5: internet settlement flag"),
})

/** Parsed ATOL settings. */
export type AtolOptions = z.infer<typeof atolOptionsSchema>

/** Raw ATOL settings as a shop writes them (before defaults). */
export type AtolOptionsInput = z.input<typeof atolOptionsSchema>

/** Fields of {@link AtolOptions} that are secrets. */
export const ATOL_SECRET_FIELDS = ["password"] as const

/** The API base every path is appended to, always ending in `/`. */
export function atolApiBase(options: {
  api_version: AtolApiVersion
  host: AtolHost
  base_url?: string
}): string {
  const root = (options.base_url ?? ATOL_HOSTS[options.host]).replace(
    /\/+$/,
    ""
  )
  const hasPath = new URL(root).pathname.replace(/\/+$/, "") !== ""
  return hasPath ? `${root}/` : `${root}/possystem/v${options.api_version}/`
}

/** Least interval between two report requests of one group, in milliseconds. */
export function reportIntervalMs(kassaCount: number): number {
  return Math.ceil(REPORT_WINDOW_MS / Math.max(1, kassaCount))
}
