import request from "supertest"

import {
  CHECKONLINE_TEST_CA_CERTIFICATE,
  CHECKONLINE_TEST_CLIENT_CERTIFICATE,
  CHECKONLINE_TEST_CLIENT_PRIVATE_KEY,
  startCheckonlineEmulator,
  type CheckonlineEmulator,
  type CheckonlineEmulatorOptions,
} from ".."

export const COMPLEX = "/fr/api/v2/Complex"

export function startTestEmulator(
  options: CheckonlineEmulatorOptions = {}
): Promise<CheckonlineEmulator> {
  return startCheckonlineEmulator({ processingDelayMs: 1, ...options })
}

type Credentials = { cert?: string; key?: string }
const TEST_CLIENT: Credentials = {
  cert: CHECKONLINE_TEST_CLIENT_CERTIFICATE,
  key: CHECKONLINE_TEST_CLIENT_PRIVATE_KEY,
}

/** supertest against the emulator over mutual TLS with the test client certificate. */
export function api(
  emulator: { url: string },
  credentials: Credentials = TEST_CLIENT
) {
  const agent = request(emulator.url)
  const tls = <T extends request.Test>(test: T): T => {
    test.ca(CHECKONLINE_TEST_CA_CERTIFICATE)
    if (credentials.cert) test.cert(credentials.cert)
    if (credentials.key) test.key(credentials.key)
    return test
  }
  return {
    post: (path: string, body?: unknown) => {
      const test = tls(agent.post(path))
      return body === undefined
        ? test
        : test
            .set("Content-Type", "application/json")
            .send(typeof body === "string" ? body : JSON.stringify(body))
    },
    get: (path: string) => tls(agent.get(path)),
  }
}

let seq = 0
export const requestId = () => `req_${++seq}`

/** A valid Complex body: a kettle (2490.00) and delivery (300.00), paid by card, ОСН. */
export function complexBody(
  overrides: Record<string, unknown> = {}
): Record<string, unknown> {
  return {
    Device: "auto",
    Password: 1,
    RequestId: requestId(),
    DocumentType: 0,
    Lines: [
      {
        Description: "Чайник электрический",
        Qty: 1000,
        Price: 249000,
        TaxId: 1,
        PayAttribute: 4,
        LineAttribute: 1,
      },
      {
        Description: "Доставка",
        Qty: 1000,
        Price: 30000,
        TaxId: 1,
        PayAttribute: 4,
        LineAttribute: 4,
      },
    ],
    NonCash: [279000],
    TaxMode: 1,
    PhoneOrEmail: "buyer@example.com",
    Place: "https://shop.example",
    FullResponse: false,
    ...overrides,
  }
}
