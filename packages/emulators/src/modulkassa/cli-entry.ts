import type { EmulatorCliEntry } from "../registry"
import { EMULATOR_PLACEHOLDER_VAT_TAGS } from "./accounts"
import { startModulKassaEmulator } from "./server"
import type { DuplicateIdRule } from "./types"

const DUPLICATE_RULES: readonly DuplicateIdRule[] = [
  "return-existing",
  "reject",
  "create",
]

function choice<T extends string>(
  flag: string,
  value: string | true | undefined,
  allowed: readonly T[]
): T | undefined {
  if (value === undefined) {
    return undefined
  }
  if (value === true || !allowed.includes(value as T)) {
    throw new Error(
      `--${flag} must be one of ${allowed.join(", ")} (as --${flag}=value)`
    )
  }
  return value as T
}

/**
 * `medusa-fiscal-emulator modulkassa [--port 4010] [--host 127.0.0.1] [--seed 1] [--delay 5000]
 * [--duplicate-ids=return-existing|reject|create] [--unknown-document=404|400]
 * [--callback-format=json|form] [--strict-vat] [--always-succeed] [--validation-details]`
 */
export const modulKassaEmulatorCli: EmulatorCliEntry = {
  name: "modulkassa",
  description: "МодульКасса (Modulpos) API фискализации документов v2.0",
  flags:
    "--duplicate-ids=return-existing|reject|create, --unknown-document=404|400, --callback-format=json|form, --strict-vat (refuse placeholder vatTags), --always-succeed, --validation-details",
  async start(args) {
    const unknownDocument = choice(
      "unknown-document",
      args.extra["unknown-document"],
      ["404", "400"] as const
    )
    const emulator = await startModulKassaEmulator({
      port: args.port,
      host: args.host,
      seed: args.seed,
      // The real kassa polls every 5 s.
      processingDelayMs: args.delayMs ?? 5000,
      duplicateIds: choice(
        "duplicate-ids",
        args.extra["duplicate-ids"],
        DUPLICATE_RULES
      ),
      unknownDocumentStatus: unknownDocument
        ? (Number(unknownDocument) as 404 | 400)
        : undefined,
      callbackFormat: choice("callback-format", args.extra["callback-format"], [
        "json",
        "form",
      ] as const),
      strictVatTags: args.extra["strict-vat"] === true,
      alwaysSucceed: args.extra["always-succeed"] === true,
      validationDetails: args.extra["validation-details"] === true,
    })
    const banner = [
      `МодульКасса emulator listening on ${emulator.url}  (API base ${emulator.apiBase}, also ${emulator.url}/fn)`,
    ]
    for (const account of emulator.accounts) {
      for (const point of account.retailPoints) {
        const association = emulator.associate(point.id)
        banner.push(
          `  retail point ${point.id} (${point.name}, INN ${point.inn})`,
          `    account login ${account.login}  password ${account.password}`,
          `    associated:   service_user ${association.userName}  service_password ${association.password}`
        )
      }
    }
    const placeholders = Object.entries(EMULATOR_PLACEHOLDER_VAT_TAGS)
      .map(([code, tag]) => `"${code}": ${tag}`)
      .join(", ")
    banner.push(
      `  provider config: base_url ${emulator.url}, retail_point_id, service_user/service_password above (or login/password and Associate)`,
      `  vat_tags for the new rates (emulator placeholders, not МодульКасса's): {${placeholders}}`,
      `  ledger:   GET  ${emulator.url}/__control/ledger`,
      `  faults:   POST ${emulator.url}/__control/faults  e.g. {"next":[{"fault":"process_then_drop","on":"send"}]}`,
      `  fn state: POST ${emulator.url}/__control/fn-state  e.g. {"status":"FAILED"}`,
      `  reset:    POST ${emulator.url}/__control/reset`
    )
    return { url: emulator.url, banner, close: () => emulator.close() }
  },
}
