import {
  CHECKONLINE_TEST_CLIENT_PRIVATE_KEY,
  CHECKONLINE_TEST_SERVER_CERTIFICATE,
  CHECKONLINE_TEST_SERVER_PRIVATE_KEY,
  type CheckonlineEmulator,
} from "medusa-fiscal-emulator/checkonline"
import { AuthError, ConfigError } from "../../../modules/fiscal/errors"
import type { CheckonlineClient } from "../client"
import { CheckonlineFiscalProvider } from "../service"
import { TEST_COMPANY, saleDocument } from "./fixtures"
import {
  exchangeLog,
  externalId,
  providerFor,
  startTestEmulator,
} from "./harness"

/** A certificate signed by the emulator's CA but made for servers: the client check refuses it. */
const WRONG_CERTIFICATE = {
  certificate: CHECKONLINE_TEST_SERVER_CERTIFICATE,
  private_key: CHECKONLINE_TEST_SERVER_PRIVATE_KEY,
}

/** The base64 body of both private keys: must never appear anywhere. */
const KEY_MATERIAL = [
  CHECKONLINE_TEST_CLIENT_PRIVATE_KEY,
  CHECKONLINE_TEST_SERVER_PRIVATE_KEY,
].flatMap((pem) => pem.split("\n").filter((l) => l && !l.startsWith("-----")))

function expectNoKey(text: string) {
  for (const chunk of KEY_MATERIAL) {
    expect(text).not.toContain(chunk)
  }
  expect(text).not.toContain("PRIVATE KEY")
}

let emulator: CheckonlineEmulator
let httpCheck: CheckonlineEmulator

beforeAll(async () => {
  emulator = await startTestEmulator()
  httpCheck = await startTestEmulator({ clientCertificateCheck: "http" })
})
afterAll(async () => {
  await emulator.close()
  await httpCheck.close()
})
beforeEach(() => emulator.reset())

describe("testConnection", () => {
  it("succeeds with the certificate's name and validity, and executes nothing", async () => {
    const { exchanges, ctx } = exchangeLog()
    const result = await providerFor(emulator).testConnection(ctx)
    expect(result.ok).toBe(true)
    expect(result.message).toBe(
      `Connected to Checkonline at ${emulator.endpoint}: the certificate "TEST-ENTERPRISE" (issued by Checkonline emulator test CA) was accepted; valid until 2126-01-01. The group and cash registers are checked with the first receipt.`
    )
    expect(
      exchanges.map((e) => [e.operation, e.method, e.http_status])
    ).toEqual([["probe", "GET", 405]])
    expect(emulator.ledger()).toHaveLength(0)
  })

  it("names the group when one is set", async () => {
    const result = await providerFor(emulator, {
      group: "TEST-ENTERPRISE-2",
    }).testConnection()
    expect(result.message).toContain(
      'certificate "TEST-ENTERPRISE" (issued by Checkonline emulator test CA), group "TEST-ENTERPRISE-2" was accepted'
    )
  })

  it("fails when the TLS layer refuses the certificate", async () => {
    const result = await providerFor(
      emulator,
      WRONG_CERTIFICATE
    ).testConnection()
    expect(result).toEqual({
      ok: false,
      message: `Checkonline at ${emulator.endpoint} refused the certificate "localhost" (issued by Checkonline emulator test CA): the certificate was refused (ECONNRESET). Check that it is the certificate Checkonline issued and that the private key belongs to it.`,
    })
  })

  it("fails when an nginx-style front answers 400 for the certificate", async () => {
    const result = await providerFor(
      httpCheck,
      WRONG_CERTIFICATE
    ).testConnection()
    expect(result.ok).toBe(false)
    expect(result.message).toMatch(
      /refused the certificate "localhost" .*\(HTTP 400\): the certificate was refused/
    )
  })

  it("fails when the cloud does not know the certificate", async () => {
    const stranger = await startTestEmulator({
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
      const result = await providerFor(stranger).testConnection()
      expect(result.ok).toBe(false)
      expect(result.message).toMatch(
        /accepted the TLS connection but does not know the certificate "TEST-ENTERPRISE"/
      )
    } finally {
      await stranger.close()
    }
  })

  it("fails when the server's certificate is not trusted (no ca_certificate for the emulator)", async () => {
    const result = await providerFor(emulator, {
      ca_certificate: "",
    }).testConnection()
    expect(result.ok).toBe(false)
    expect(result.message).toMatch(
      /does not trust \(SELF_SIGNED_CERT_IN_CHAIN\)\. For the emulator or a private CA set ca_certificate/
    )
  })

  it("fails when nothing listens", async () => {
    const closed = await startTestEmulator()
    const provider = providerFor(closed)
    await closed.close()
    const result = await provider.testConnection()
    expect(result).toEqual({
      ok: false,
      message: `Checkonline is unreachable at ${closed.endpoint}: ECONNREFUSED. Check host/base_url and the network.`,
    })
  })

  it("fails when the URL is wrong", async () => {
    const result = await providerFor(emulator, {
      base_url: `${emulator.url}/wrong/path`,
    }).testConnection()
    expect(result).toEqual({
      ok: false,
      message: `Nothing answers at ${emulator.url}/wrong/path (HTTP 404). Check host/base_url.`,
    })
  })

  it("fails when a gateway answers 5xx for the service behind it", async () => {
    const client = {
      probe: async () => ({
        kind: "answer" as const,
        answer: { status: 502, body: "<html>Bad Gateway</html>" },
      }),
    } as unknown as CheckonlineClient
    const provider = new CheckonlineFiscalProvider(
      {},
      CheckonlineFiscalProvider.parseConfig(emulator.connection()),
      client
    )
    expect(await provider.testConnection()).toEqual({
      ok: false,
      message: `Checkonline at ${emulator.endpoint} answered HTTP 502: the service is unavailable right now. Try again later.`,
    })
  })

  it("fails without a request when the certificate has expired or is not valid yet", async () => {
    const now = jest.spyOn(Date, "now")
    try {
      now.mockReturnValue(Date.parse("2126-06-01T00:00:00Z"))
      expect(await providerFor(emulator).testConnection()).toEqual({
        ok: false,
        message:
          'The certificate "TEST-ENTERPRISE" (issued by Checkonline emulator test CA) expired on 2126-01-01. Ask Checkonline for a new one.',
      })
      now.mockReturnValue(Date.parse("1999-06-01T00:00:00Z"))
      expect((await providerFor(emulator).testConnection()).message).toMatch(
        /is valid only from 2000-01-01/
      )
    } finally {
      now.mockRestore()
    }
  })

  it("never echoes the private key", async () => {
    const messages = await Promise.all([
      providerFor(emulator).testConnection(),
      providerFor(emulator, WRONG_CERTIFICATE).testConnection(),
      providerFor(httpCheck, WRONG_CERTIFICATE).testConnection(),
      providerFor(emulator, { ca_certificate: "" }).testConnection(),
    ])
    expectNoKey(JSON.stringify(messages))
  })
})

describe("a refused certificate fails a registration with a clear AuthError", () => {
  const register = (target: CheckonlineEmulator, overrides = {}) =>
    providerFor(target, overrides).register({
      externalId: externalId(),
      document: saleDocument(),
      company: TEST_COMPANY,
    })

  it("TLS layer: the connection is closed after the handshake on every try → AuthError after one probe", async () => {
    const { exchanges, ctx } = exchangeLog()
    const error = await providerFor(emulator, WRONG_CERTIFICATE)
      .register(
        {
          externalId: externalId(),
          document: saleDocument(),
          company: TEST_COMPANY,
        },
        ctx
      )
      .catch((e) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect(error.code).toBe("certificate")
    expect(error.message).toMatch(/the certificate was refused/)
    expect(exchanges.map((e) => e.operation)).toEqual(["register", "probe"])
    expect(emulator.ledger()).toHaveLength(0)
    expectNoKey(JSON.stringify({ error, message: error.message, exchanges }))
  })

  it('HTTP layer: 400 "The SSL certificate error" → AuthError', async () => {
    const error = await register(httpCheck, WRONG_CERTIFICATE).catch((e) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect(error).toMatchObject({ code: "certificate", httpStatus: 400 })
    expect(error.message).toMatch(/the certificate was refused/)
  })

  it("an untrusted server certificate → ConfigError, nothing sent", async () => {
    const error = await register(emulator, { ca_certificate: "" }).catch(
      (e) => e
    )
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.code).toBe("SELF_SIGNED_CERT_IN_CHAIN")
    expect(emulator.stats().requests.complex).toBe(0)
  })

  it("an unknown certificate → AuthError from the cloud (FCEError 3)", async () => {
    const stranger = await startTestEmulator({
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
      const error = await register(stranger).catch((e) => e)
      expect(error).toBeInstanceOf(AuthError)
      expect(error.code).toBe("fce_3")
    } finally {
      await stranger.close()
    }
  })
})

describe("check and callbacks: Checkonline has neither", () => {
  it("check never guesses: it asks for a resend under the same RequestId", async () => {
    await expect(
      providerFor(emulator).check({ externalId: "ftx_1" })
    ).rejects.toMatchObject({
      kind: "indeterminate",
      message: expect.stringMatching(
        /no status lookup; receipt ftx_1 is resolved by sending it again under the same RequestId/
      ),
    })
  })

  it("the capabilities tell the pipeline to resend instead of checking", () => {
    expect(providerFor(emulator).capabilities).toEqual({
      async: false,
      dedupesExternalId: true,
      callbacks: false,
      ffd: ["1.05", "1.2"],
      maxLines: 100,
      maxNameLength: 128,
      minCheckIntervalMs: 0,
      marking: { codes: true, fractional: false, industryRequisites: false },
      corrections: { sell: false, sellRefund: false },
    })
  })

  it.each([
    ["garbage", Buffer.from("not json")],
    ["an empty body", Buffer.alloc(0)],
    [
      "a receipt-looking body",
      Buffer.from(JSON.stringify({ RequestId: "ftx_1", FiscalDocNumber: 1 })),
    ],
  ])("parseCallback returns null for %s", async (_name, rawBody) => {
    await expect(
      providerFor(emulator).parseCallback!({ headers: {}, rawBody })
    ).resolves.toBeNull()
  })
})
