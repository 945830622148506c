import { z } from "@medusajs/framework/zod"

import { VAT_CODES } from "../../lib/receipt/types"
import type { ProviderConfigField } from "../../modules/fiscal/types/provider"
import { certificateProblems, normalizePem } from "./certificates"

/**
 * Checkonline's service roots. Neither is published [?] (docs/vendors/checkonline.md, "Hosts");
 * `production` is the host the service is known by, `test` the one it is believed to run
 * tests on. Shops should confirm both with Checkonline and can always set `base_url`.
 */
export const CHECKONLINE_HOSTS = {
  production: "https://kkt.chekonline.ru",
  test: "https://fce.chekonline.ru:4443",
} as const

/** Which Checkonline installation to talk to. */
export type CheckonlineHost = keyof typeof CHECKONLINE_HOSTS

/** The only API call, appended to a service root (docs/vendors/checkonline.md, "Hosts"). */
export const COMPLEX_PATH = "/fr/api/v2/Complex"

/** Empty form fields mean "not set". */
const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value

const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().min(1).max(max).optional())

const pem = z.string().min(1).transform(normalizePem)

/** `{"vat22": 11, …}` as an object or as the JSON text of the admin's textarea. */
const taxIds = z.preprocess(
  (value) => {
    const blank = blankToUndefined(value)
    if (typeof blank !== "string") {
      return blank
    }
    try {
      return JSON.parse(blank)
    } catch {
      return blank
    }
  },
  z
    .partialRecord(
      z.enum(VAT_CODES as unknown as [string, ...string[]]),
      z.number().int().min(1).max(255)
    )
    .optional()
)

/** Connection settings of one Checkonline account; validated with {@link checkonlineOptionsSchema}. */
export const checkonlineOptionsSchema = z
  .object({
    /** The client certificate Checkonline issued (PEM). Not a secret: it is sent in every handshake. */
    certificate: pem.describe("Client certificate (PEM)"),
    /** Its private key (PEM, unencrypted). A secret: stored encrypted, never shown or logged. */
    private_key: pem.describe(
      "Private key of the client certificate (PEM, secret)"
    ),
    /**
     * Extra CA(s) to trust for the server, in PEM: the emulator's test CA or a private CA. Added
     * to the system CAs, which are enough for the real service.
     */
    ca_certificate: z
      .preprocess(blankToUndefined, pem.optional())
      .describe("Extra CA certificate(s) to trust (PEM)"),
    /** `production` or `test`; ignored when `base_url` is set. */
    host: z
      .enum(["test", "production"])
      .default("production")
      .describe("Checkonline installation: test or production"),
    /**
     * Overrides `host`: a service root such as `https://127.0.0.1:4010` (the emulator), to which
     * `/fr/api/v2/Complex` is appended, or a full endpoint that already has a path (services that
     * take the same JSON under their own path, e.g. Ferma's Checkonline converter).
     */
    base_url: z
      .preprocess(
        blankToUndefined,
        z
          .string()
          .trim()
          .max(2048)
          .url()
          .refine(
            (value) => /^https:\/\//i.test(value),
            "must be an https URL: Checkonline authenticates over TLS"
          )
          .optional()
      )
      .describe("Service root or full endpoint that overrides host"),
    /** Enterprise code; only when one certificate serves several enterprises (else taken from the certificate). */
    group: optionalText(64).describe(
      "Group (enterprise), when the certificate serves several"
    ),
    /** Site id; only when several sites share one enterprise. Part of the answer cache key. */
    client_id: optionalText(64).describe(
      "ClientId, when several sites share the enterprise"
    ),
    /** `auto` lets the cloud pick a cash register; a name pins one. */
    device: z
      .preprocess(
        blankToUndefined,
        z.string().trim().min(1).max(64).default("auto")
      )
      .describe("Cash register: auto or its name"),
    /**
     * Timeout of one request, in milliseconds. Registration is synchronous (the cash register
     * prints inside the request), so this is longer than for queueing services.
     */
    timeout_ms: z.coerce
      .number()
      .int()
      .min(100)
      .max(300_000)
      .default(30_000)
      .describe("HTTP request timeout, ms"),
    /**
     * Overrides of the cash register's tax numbers (`TaxId`) per VAT code, e.g. `{"vat22": 1}`.
     * 1..6 are known; 5 %, 7 % and 22 % are not published and default to 7..12 (see README).
     */
    tax_ids: taxIds.describe('TaxId per VAT code, JSON, e.g. {"vat22": 11}'),
  })
  .superRefine((value, ctx) => {
    for (const problem of certificateProblems(value)) {
      ctx.addIssue({
        code: "custom",
        path: [problem.field],
        message: problem.message,
      })
    }
  })

/** Parsed Checkonline settings. */
export type CheckonlineOptions = z.infer<typeof checkonlineOptionsSchema>

/** Raw Checkonline settings as a shop writes them (before defaults). */
export type CheckonlineOptionsInput = z.input<typeof checkonlineOptionsSchema>

/** Fields of {@link CheckonlineOptions} that are secrets. */
export const CHECKONLINE_SECRET_FIELDS = ["private_key"] as const

/** The URL every registration is posted to. */
export function checkonlineEndpoint(options: {
  host: CheckonlineHost
  base_url?: string
}): string {
  const root = (options.base_url ?? CHECKONLINE_HOSTS[options.host]).replace(
    /\/+$/,
    ""
  )
  const hasPath = new URL(root).pathname.replace(/\/+$/, "") !== ""
  return hasPath ? root : `${root}${COMPLEX_PATH}`
}

const label = (en: string, ru: string) => ({ en, ru })

/** The connection form of Settings → Fiscalization. */
export const CHECKONLINE_CONFIG_FIELDS: readonly ProviderConfigField[] = [
  {
    name: "certificate",
    type: "textarea",
    label: label("Client certificate (PEM)", "Сертификат клиента (PEM)"),
    help: label(
      "The certificate Checkonline issued for your enterprise, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.",
      "Сертификат, выданный Чеконлайн для вашего предприятия, от -----BEGIN CERTIFICATE----- до -----END CERTIFICATE-----."
    ),
    required: true,
  },
  {
    name: "private_key",
    type: "textarea",
    label: label("Private key (PEM)", "Закрытый ключ (PEM)"),
    help: label(
      "The unencrypted key of the certificate. Stored encrypted and never shown again.",
      "Незашифрованный ключ сертификата. Хранится в зашифрованном виде и больше не показывается."
    ),
    required: true,
    secret: true,
  },
  {
    name: "host",
    type: "select",
    label: label("Installation", "Контур"),
    options: [
      { value: "production", label: label("Production", "Боевой") },
      { value: "test", label: label("Test", "Тестовый") },
    ],
    default: "production",
  },
  {
    name: "base_url",
    type: "url",
    label: label("Service URL (optional)", "Адрес сервиса (необязательно)"),
    help: label(
      "Overrides the installation, e.g. https://127.0.0.1:4010 for the emulator.",
      "Заменяет контур, например https://127.0.0.1:4010 для эмулятора."
    ),
  },
  {
    name: "ca_certificate",
    type: "textarea",
    label: label(
      "Extra trusted CA (PEM, optional)",
      "Дополнительный корневой сертификат (PEM, необязательно)"
    ),
    help: label(
      "Only for the emulator or a private CA; the real service is trusted through the system CAs.",
      "Только для эмулятора или частного УЦ; настоящий сервис проверяется по системным сертификатам."
    ),
  },
  {
    name: "group",
    type: "string",
    label: label("Group (optional)", "Группа (необязательно)"),
    help: label(
      "Only when one certificate serves several enterprises; otherwise Checkonline takes it from the certificate.",
      "Только если один сертификат обслуживает несколько предприятий; иначе Чеконлайн берёт её из сертификата."
    ),
  },
  {
    name: "client_id",
    type: "string",
    label: label("ClientId (optional)", "ClientId (необязательно)"),
    help: label(
      "Only when several sites share the enterprise.",
      "Только если у предприятия несколько сайтов."
    ),
  },
  {
    name: "device",
    type: "string",
    label: label("Cash register", "Касса"),
    help: label(
      "auto lets Checkonline choose one.",
      "auto — Чеконлайн выбирает кассу сам."
    ),
    default: "auto",
  },
  {
    name: "timeout_ms",
    type: "number",
    label: label("Request timeout, ms", "Тайм-аут запроса, мс"),
    default: 30_000,
  },
  {
    name: "tax_ids",
    type: "textarea",
    label: label(
      "Tax numbers (JSON, optional)",
      "Номера налогов (JSON, необязательно)"
    ),
    help: label(
      'The cash register\'s TaxId per VAT code where it differs from the defaults, e.g. {"vat22": 1, "vat122": 5}. Ask Checkonline for the numbers of 5 %, 7 % and 22 %.',
      'TaxId кассы для ставок, если он отличается от значения по умолчанию, например {"vat22": 1, "vat122": 5}. Номера для 5 %, 7 % и 22 % уточните в Чеконлайн.'
    ),
  },
]
