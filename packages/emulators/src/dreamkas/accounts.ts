/** Accounts the emulator knows: a token and the kassas it may print on. */

/**
 * Taxation systems in Dreamkas' names (`taxMode`;
 * docs/vendors/dreamkas.md, "Enumerations and mapping").
 */
export const TAX_MODES = [
  "DEFAULT",
  "SIMPLE",
  "SIMPLE_WO",
  "ENVD",
  "AGRICULT",
  "PATENT",
] as const

export type TaxMode = (typeof TAX_MODES)[number]

/** One kassa of an account, as `GET /api/devices` lists it plus what it is registered for. */
export type DreamkasEmulatorDevice = {
  id: number
  name: string
  groupId?: number
  sort?: number
  /** Hours from UTC of the kassa's local time (`localDate` of its receipts). */
  timezoneOffset?: number
  /** INN the kassa's fiscal storage is registered for (not part of the API). */
  inn: string
  /** Taxation systems the kassa is registered for; others end in TAX_MODE_NOT_SUPPORTED. */
  taxModes?: TaxMode[]
}

/** One API token of Кабинет Дримкас and the kassas of its account. */
export type DreamkasEmulatorAccount = {
  token: string
  /** A revoked token answers 401 like an unknown one. */
  revoked?: boolean
  /** A token without API rights answers 403. */
  forbidden?: boolean
  devices: DreamkasEmulatorDevice[]
}

/** ЕНВД was abolished on 2021-01-01, so real kassas are not registered for it. */
export const DEFAULT_DEVICE_TAX_MODES: TaxMode[] = [
  "DEFAULT",
  "SIMPLE",
  "SIMPLE_WO",
  "AGRICULT",
  "PATENT",
]

/** INN of the emulator's shop (a valid checksum, no real company). */
export const DREAMKAS_TEST_INN = "7712345671"

/** The token of the emulator's default account; not a real Dreamkas token. */
export const DREAMKAS_TEST_TOKEN =
  "dk-emulator-0f3c2b1a7d6e4c5b9a8f1e2d3c4b5a69"

/** The kassa of the default account that online-shop receipts go to. */
export const DREAMKAS_TEST_DEVICE_ID = 123456

/** The default account: one online-shop kassa and one in a shop hall. */
export const DREAMKAS_TEST_ACCOUNTS: readonly DreamkasEmulatorAccount[] = [
  {
    token: DREAMKAS_TEST_TOKEN,
    devices: [
      {
        id: DREAMKAS_TEST_DEVICE_ID,
        name: "Интернет-магазин",
        groupId: 1,
        sort: 10,
        timezoneOffset: 3,
        inn: DREAMKAS_TEST_INN,
      },
      {
        id: 123457,
        name: "Касса в зале",
        groupId: 1,
        sort: 20,
        timezoneOffset: 3,
        inn: DREAMKAS_TEST_INN,
      },
    ],
  },
]
