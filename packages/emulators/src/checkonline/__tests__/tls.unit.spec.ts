import https from "node:https"

import {
  CHECKONLINE_TEST_CA_CERTIFICATE,
  CHECKONLINE_TEST_CLIENT_CERTIFICATE,
  CHECKONLINE_TEST_CLIENT_PRIVATE_KEY,
  CHECKONLINE_TEST_SERVER_CERTIFICATE,
  CHECKONLINE_TEST_SERVER_PRIVATE_KEY,
  type CheckonlineEmulator,
} from ".."
import { COMPLEX, api, complexBody, startTestEmulator } from "./fixtures"

/** A raw request, to see exactly how the TLS layer ends it. */
function post(
  emulator: CheckonlineEmulator,
  options: https.RequestOptions
): Promise<{ status?: number; body?: string; code?: string }> {
  return new Promise((resolve) => {
    const req = https.request(
      emulator.endpoint,
      { method: "POST", ...options },
      (res) => {
        let body = ""
        res.on("data", (chunk) => (body += chunk))
        res.on("end", () => resolve({ status: res.statusCode, body }))
      }
    )
    req.on("error", (error: NodeJS.ErrnoException) =>
      resolve({ code: error.code })
    )
    req.end(JSON.stringify(complexBody()))
  })
}

const CLIENT = {
  cert: CHECKONLINE_TEST_CLIENT_CERTIFICATE,
  key: CHECKONLINE_TEST_CLIENT_PRIVATE_KEY,
}
/** Signed by the test CA, but for servers only: a client check refuses it. */
const WRONG = {
  cert: CHECKONLINE_TEST_SERVER_CERTIFICATE,
  key: CHECKONLINE_TEST_SERVER_PRIVATE_KEY,
}

describe("mutual TLS, the `tls` check (default)", () => {
  let emulator: CheckonlineEmulator
  beforeAll(async () => {
    emulator = await startTestEmulator()
  })
  afterAll(() => emulator.close())

  it("the test client certificate is accepted; its CN is the group", async () => {
    const res = await post(emulator, {
      ca: CHECKONLINE_TEST_CA_CERTIFICATE,
      ...CLIENT,
    })
    expect(res.status).toBe(200)
    expect(emulator.ledger().at(-1)?.group).toBe("TEST-ENTERPRISE")
  })

  it("no certificate: the TLS 1.3 certificate_required alert", async () => {
    expect(
      await post(emulator, { ca: CHECKONLINE_TEST_CA_CERTIFICATE })
    ).toEqual({ code: "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED" })
  })

  it("a certificate not made for clients: the connection is closed after the handshake", async () => {
    expect(
      await post(emulator, { ca: CHECKONLINE_TEST_CA_CERTIFICATE, ...WRONG })
    ).toEqual({ code: "ECONNRESET" })
  })

  it("a client certificate of another CA: closed as well", async () => {
    const strict = await startTestEmulator({
      clientCa: CHECKONLINE_TEST_SERVER_CERTIFICATE,
    })
    try {
      expect(
        await post(strict, { ca: CHECKONLINE_TEST_CA_CERTIFICATE, ...CLIENT })
      ).toEqual({ code: "ECONNRESET" })
      expect(strict.stats().requests.complex).toBe(0)
    } finally {
      await strict.close()
    }
  })

  it("a client that does not trust the test CA refuses the server", async () => {
    expect(await post(emulator, CLIENT)).toEqual({
      code: "SELF_SIGNED_CERT_IN_CHAIN",
    })
  })

  it("the server certificate is valid for 127.0.0.1 and localhost", async () => {
    const viaName = await new Promise<number | undefined>((resolve) => {
      const req = https.request(
        `https://localhost:${emulator.port}${COMPLEX}`,
        {
          method: "GET",
          ca: CHECKONLINE_TEST_CA_CERTIFICATE,
          ...CLIENT,
          family: 4,
        },
        (res) => {
          res.resume()
          resolve(res.statusCode)
        }
      )
      req.on("error", () => resolve(undefined))
      req.end()
    })
    expect(viaName).toBe(405)
  })
})

describe("mutual TLS, the `http` check (nginx `ssl_verify_client on`)", () => {
  let emulator: CheckonlineEmulator
  beforeAll(async () => {
    emulator = await startTestEmulator({ clientCertificateCheck: "http" })
  })
  afterAll(() => emulator.close())

  it("no certificate: 400 No required SSL certificate was sent", async () => {
    const res = await post(emulator, { ca: CHECKONLINE_TEST_CA_CERTIFICATE })
    expect(res.status).toBe(400)
    expect(res.body).toContain(
      "<center>No required SSL certificate was sent</center>"
    )
  })

  it("a bad certificate: 400 The SSL certificate error", async () => {
    const res = await post(emulator, {
      ca: CHECKONLINE_TEST_CA_CERTIFICATE,
      ...WRONG,
    })
    expect(res.status).toBe(400)
    expect(res.body).toContain("The SSL certificate error")
    expect(emulator.ledger()).toHaveLength(0)
  })

  it("the control API needs the certificate too", async () => {
    expect((await api(emulator, {}).get("/__control/ledger")).status).toBe(400)
    expect((await api(emulator).get("/__control/ledger")).status).toBe(200)
  })
})

describe("certificates the cloud does not know", () => {
  it("a valid certificate of no enterprise: cloud error 3, for POST and for the GET probe", async () => {
    const emulator = await startTestEmulator({
      enterprises: [
        {
          group: "OTHER",
          certificates: ["OTHER"],
          inn: "7700000009",
          tax_modes: [1],
          devices: [{ name: "K" }],
        },
      ],
    })
    try {
      const res = await api(emulator).post(COMPLEX, complexBody())
      expect(res.status).toBe(500)
      expect(res.body).toMatchObject({ FCEError: 3, Fatal: true })
      expect((await api(emulator).get(COMPLEX)).body).toMatchObject({
        FCEError: 3,
        Fatal: true,
      })
    } finally {
      await emulator.close()
    }
  })
})
