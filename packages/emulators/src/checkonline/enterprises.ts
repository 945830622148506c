import { CHECKONLINE_TEST_GROUP } from "./test-certificates"

/**
 * Enterprises ("groups") the emulator serves. Checkonline takes the Group from the client
 * certificate when a request names none; `Group` is only needed when one certificate serves
 * several enterprises (docs/vendors/checkonline.md, "Authentication") — the second test
 * enterprise shares the test certificate to show that case.
 */

/** One rented cash register. Fiscal identity numbers are drawn from the seed when left out. */
export type CheckonlineEmulatorDevice = {
  /** Name a request may give in `Device` instead of "auto". */
  name: string
  /** Settlement address printed on the receipt. */
  address?: string
  /** ФН serial (16 digits). */
  fn_number?: string
  /** Registration number of the cash register (16 digits). */
  registration_number?: string
  /** Factory serial of the cash register. */
  serial_number?: string
}

/** One enterprise: its group code, who may use it, and its cash registers. */
export type CheckonlineEnterprise = {
  /** The Group code; also the CN of a certificate whose default group this is. */
  group: string
  /** CNs of client certificates allowed to use the group. */
  certificates: string[]
  /** ИНН the cash registers are registered for (informational: Complex carries no INN). */
  inn: string
  /**
   * `TaxMode` bits the cash registers are registered for (1 ОСН, 2 УСН доход, 4 УСН д−р,
   * 8 ЕНВД, 16 ЕСХН, 32 Патент); a receipt with another one fails with device error 51.
   */
  tax_modes: number[]
  devices: CheckonlineEmulatorDevice[]
}

/** ЕНВД was abolished on 2021-01-01, so cash registers are not registered for it. */
export const DEFAULT_TAX_MODES = [1, 2, 4, 16, 32]

/** ИНН of the test enterprise (checksum-valid, fictitious). */
export const CHECKONLINE_TEST_INN = "7700000009"

/** The place of settlement the test receipts use. */
export const CHECKONLINE_TEST_PLACE = "https://shop.example"

/** Default enterprises: the test certificate's own group and a second one it may name. */
export const CHECKONLINE_TEST_ENTERPRISES: readonly CheckonlineEnterprise[] = [
  {
    group: CHECKONLINE_TEST_GROUP,
    certificates: [CHECKONLINE_TEST_GROUP],
    inn: CHECKONLINE_TEST_INN,
    tax_modes: DEFAULT_TAX_MODES,
    devices: [
      { name: "KKT-1", address: "г. Москва, ул. Тестовая, д. 1" },
      { name: "KKT-2", address: "г. Москва, ул. Тестовая, д. 1" },
    ],
  },
  {
    group: `${CHECKONLINE_TEST_GROUP}-2`,
    certificates: [CHECKONLINE_TEST_GROUP],
    inn: "7700000016",
    tax_modes: [2],
    devices: [{ name: "KKT-3", address: "г. Москва, ул. Тестовая, д. 2" }],
  },
]

/**
 * The enterprise a request works for: its `Group` if it names one the certificate may use,
 * otherwise the certificate's own group (the enterprise named like the CN, or the first one
 * that lists the CN). Undefined when the certificate may not use it.
 */
export function enterpriseFor(
  enterprises: readonly CheckonlineEnterprise[],
  commonName: string,
  group: string | undefined
): CheckonlineEnterprise | undefined {
  const allowed = enterprises.filter((e) => e.certificates.includes(commonName))
  if (group !== undefined) {
    return allowed.find((e) => e.group === group)
  }
  return allowed.find((e) => e.group === commonName) ?? allowed[0]
}
