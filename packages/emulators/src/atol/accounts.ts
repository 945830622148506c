/**
 * Accounts the emulator knows. Seeded with ATOL's published test environment
 * (docs/vendors/atol.md, "Test environment").
 */

/** A group of kassas (`group_code`) and what its kassas are registered for. */
export type AtolEmulatorGroup = {
  /** `group_code` used in URLs. */
  code: string
  /** INN the kassas' fiscal storage is registered for; receipts with another INN fail (2009). */
  inn: string
  /** ФФД 1.05 kassas serve v4, ФФД 1.2 kassas serve v5; the other version gets error 21. */
  api_version: 4 | 5
  /** Kassas in the group: report requests are limited to one per second per kassa. */
  kassa_count?: number
  /** Taxation systems the kassas are registered for; others fail with driver error 143. */
  sno?: string[]
}

/** A login of the ATOL personal account with the groups it owns. */
export type AtolEmulatorAccount = {
  login: string
  password: string
  /** A blocked user gets 403 + code 14 from getToken. */
  blocked?: boolean
  groups: AtolEmulatorGroup[]
}

/** ЕНВД was abolished on 2021-01-01, so real kassas are not registered for it. */
export const DEFAULT_GROUP_SNO = [
  "osn",
  "usn_income",
  "usn_income_outcome",
  "esn",
  "patent",
]

/** INN of the published test company АТОЛ. */
export const ATOL_TEST_INN = "5544332219"

/** ATOL's published test accounts: v4 (ФФД 1.05) and v5 (ФФД 1.2). */
export const ATOL_TEST_ACCOUNTS: readonly AtolEmulatorAccount[] = [
  {
    login: "v4-online-atol-ru",
    password: "iGFFuihss",
    groups: [
      { code: "v4-online-atol-ru_4179", inn: ATOL_TEST_INN, api_version: 4 },
    ],
  },
  {
    login: "v5-online-atol-ru",
    password: "zUr0OxfI",
    groups: [
      { code: "v5-online-atol-ru_5179", inn: ATOL_TEST_INN, api_version: 5 },
    ],
  },
]

/** Payment addresses of the published test environment, handy for test receipts. */
export const ATOL_TEST_PAYMENT_ADDRESS = {
  4: "https://v4.online.atol.ru",
  5: "https://v5.online.atol.ru",
} as const
