/** Accounts and retail points the emulator knows, and the `vatTag` codes it accepts. */

/**
 * State of a kassa's fiscal storage link, as `GET /v1/status` reports it
 * (docs/vendors/modulkassa.md, "Service status").
 */
export type ModulKassaFnState = "ASSOCIATED" | "READY" | "DISABLED" | "FAILED"

/** A retail point ("точка продаж") with its kassa. */
export type ModulKassaEmulatorRetailPoint = {
  /** The uuid used in `/v1/associate/{retailPointId}`. */
  id: string
  name: string
  address: string
  /** INN the kassa is registered for (printed on receipts; the API does not send one). */
  inn: string
  /** Taxation systems the kassa is registered for; a document with another `taxMode` fails. */
  taxModes?: string[]
  /** State of the kassa when the emulator starts; default `READY`. */
  fnState?: ModulKassaFnState
}

/** A my.modulkassa.ru account: the login that may associate its retail points. */
export type ModulKassaEmulatorAccount = {
  login: string
  password: string
  retailPoints: ModulKassaEmulatorRetailPoint[]
}

/** ЕНВД was abolished on 2021-01-01, so kassas are not registered for it. */
export const DEFAULT_TAX_MODES = [
  "COMMON",
  "SIMPLIFIED",
  "SIMPLIFIED_WITH_EXPENSE",
  "COMMON_AGRICULTURAL",
  "PATENT",
]

/** INN of the emulated shop (a valid checksum, no real company). */
export const MODULKASSA_TEST_INN = "7708123450"

/** Seeded accounts: the shop's, and another one whose point the shop may not associate. */
export const MODULKASSA_TEST_ACCOUNTS: readonly ModulKassaEmulatorAccount[] = [
  {
    login: "shop@example.com",
    password: "Modul-Demo-1",
    retailPoints: [
      {
        id: "aeea034e-cc10-4641-8831-38449355662f",
        name: "Интернет-магазин (эмулятор)",
        address: "г. Москва, ул. Тестовая, д. 1",
        inn: MODULKASSA_TEST_INN,
      },
    ],
  },
  {
    login: "other@example.com",
    password: "Modul-Demo-2",
    retailPoints: [
      {
        id: "f76fb549-96a1-4796-a289-f2f7ceaf82dc",
        name: "Чужая точка продаж",
        address: "г. Казань",
        inn: "5001007329",
      },
    ],
  },
]

/** `vatTag` codes of the v2.0 doc: ФФД VAT-sum tags, with the rate each stands for. */
export const DOCUMENTED_VAT_TAGS: Readonly<Record<number, string>> = {
  1102: "20%",
  1103: "10%",
  1104: "0%",
  1105: "без НДС",
  1106: "20/120",
  1107: "10/110",
}

/**
 * Codes the emulator also accepts, unless `strictVatTags`, for the rates МодульКасса has not
 * published (5 %, 7 %, 22 % and their calculated forms;
 * docs/vendors/modulkassa.md, "Enumerations and mapping"). They are the
 * emulator's own placeholders, deliberately unlike any ФФД tag: the real service would
 * refuse them. A provider connected to the emulator maps its rates to them via `vat_tags`.
 */
export const EMULATOR_PLACEHOLDER_VAT_TAGS = {
  vat5: 90005,
  vat7: 90007,
  vat22: 90022,
  vat105: 90105,
  vat107: 90107,
  vat122: 90122,
} as const
