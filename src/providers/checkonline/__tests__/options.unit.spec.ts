import {
  CHECKONLINE_TEST_CA_CERTIFICATE,
  CHECKONLINE_TEST_CLIENT_CERTIFICATE,
  CHECKONLINE_TEST_CLIENT_PRIVATE_KEY,
  CHECKONLINE_TEST_SERVER_PRIVATE_KEY,
} from "medusa-fiscal-emulator/checkonline"
import { CheckonlineFiscalProvider } from ".."
import { checkonlineEndpoint, checkonlineOptionsSchema } from "../options"

const BASE = {
  certificate: CHECKONLINE_TEST_CLIENT_CERTIFICATE,
  private_key: CHECKONLINE_TEST_CLIENT_PRIVATE_KEY,
}

function issues(input: unknown): { path: string; message: string }[] {
  const result = checkonlineOptionsSchema.safeParse(input)
  if (result.success) return []
  return result.error.issues.map((i) => ({
    path: i.path.join("."),
    message: i.message,
  }))
}

describe("Checkonline settings", () => {
  it("defaults: production host, device auto, 30 s timeout; the key is the only secret", () => {
    const config = CheckonlineFiscalProvider.parseConfig(BASE)
    expect(config).toMatchObject({
      host: "production",
      device: "auto",
      timeout_ms: 30_000,
    })
    expect(config.group).toBeUndefined()
    expect(config.client_id).toBeUndefined()
    expect(config.ca_certificate).toBeUndefined()
    expect(CheckonlineFiscalProvider.secretFields).toEqual(["private_key"])
    expect(
      CheckonlineFiscalProvider.configFields
        .filter((f) => f.secret)
        .map((f) => f.name)
    ).toEqual(["private_key"])
  })

  it("the admin form covers every setting, each labelled in both languages", () => {
    const names = CheckonlineFiscalProvider.configFields.map((f) => f.name)
    expect(new Set(names)).toEqual(
      new Set(Object.keys(checkonlineOptionsSchema.shape))
    )
    for (const field of CheckonlineFiscalProvider.configFields) {
      expect(field.label.en).toBeTruthy()
      expect(field.label.ru).toBeTruthy()
    }
  })

  it("empty form fields mean not set", () => {
    const config = CheckonlineFiscalProvider.parseConfig({
      ...BASE,
      group: " ",
      client_id: "",
      base_url: "",
      ca_certificate: "",
      device: "",
      tax_ids: "",
    })
    expect(config).toMatchObject({ device: "auto" })
    expect(
      config.group ??
        config.client_id ??
        config.base_url ??
        config.ca_certificate ??
        config.tax_ids
    ).toBeUndefined()
  })

  it("accepts PEM pasted with Windows line ends and stray indentation", () => {
    const messy = (pem: string) =>
      pem
        .split("\n")
        .map((l) => `  ${l}`)
        .join("\r\n")
    const config = CheckonlineFiscalProvider.parseConfig({
      certificate: messy(BASE.certificate),
      private_key: messy(BASE.private_key),
    })
    expect(config.certificate).toBe(BASE.certificate.trim())
  })

  it("refuses a broken certificate, a broken key and a key of another certificate — without quoting them", () => {
    expect(
      issues({ certificate: "hello", private_key: BASE.private_key })
    ).toEqual([
      {
        path: "certificate",
        message:
          "must be an X.509 certificate in PEM (-----BEGIN CERTIFICATE-----)",
      },
    ])
    expect(
      issues({
        certificate: BASE.certificate,
        private_key:
          "-----BEGIN PRIVATE KEY-----\nsecret-value\n-----END PRIVATE KEY-----",
      })
    ).toEqual([
      expect.objectContaining({
        path: "private_key",
        message: expect.stringMatching(
          /^must be an unencrypted private key in PEM/
        ),
      }),
    ])
    expect(
      issues({ ...BASE, private_key: CHECKONLINE_TEST_SERVER_PRIVATE_KEY })
    ).toEqual([
      { path: "private_key", message: "does not belong to the certificate" },
    ])
    expect(issues({ ...BASE, ca_certificate: "not a ca" })).toEqual([
      {
        path: "ca_certificate",
        message: "must be one or more X.509 certificates in PEM",
      },
    ])
    const text = JSON.stringify(
      checkonlineOptionsSchema.safeParse({
        certificate: "x",
        private_key: "secret-value",
      })
    )
    expect(text).not.toContain("secret-value")
    expect(issues({ certificate: BASE.certificate })).toEqual([
      expect.objectContaining({ path: "private_key" }),
    ])
  })

  it("base_url must be https: Checkonline authenticates over TLS", () => {
    expect(issues({ ...BASE, base_url: "http://127.0.0.1:4010" })).toEqual([
      {
        path: "base_url",
        message: "must be an https URL: Checkonline authenticates over TLS",
      },
    ])
  })

  it("builds the endpoint from the host, a service root or a full endpoint", () => {
    expect(checkonlineEndpoint({ host: "production" })).toBe(
      "https://kkt.chekonline.ru/fr/api/v2/Complex"
    )
    expect(checkonlineEndpoint({ host: "test" })).toBe(
      "https://fce.chekonline.ru:4443/fr/api/v2/Complex"
    )
    expect(
      checkonlineEndpoint({
        host: "production",
        base_url: "https://127.0.0.1:4010/",
      })
    ).toBe("https://127.0.0.1:4010/fr/api/v2/Complex")
    expect(
      checkonlineEndpoint({
        host: "production",
        base_url: "https://ferma-c.ofd.ru/api/kkt/cloud/sync/receipt",
      })
    ).toBe("https://ferma-c.ofd.ru/api/kkt/cloud/sync/receipt")
  })

  it("reads tax_ids as an object or as the admin textarea's JSON", () => {
    expect(
      CheckonlineFiscalProvider.parseConfig({
        ...BASE,
        tax_ids: '{"vat22": 1, "vat122": 5}',
      }).tax_ids
    ).toEqual({ vat22: 1, vat122: 5 })
    expect(
      CheckonlineFiscalProvider.parseConfig({ ...BASE, tax_ids: { vat5: 20 } })
        .tax_ids
    ).toEqual({ vat5: 20 })
    expect(issues({ ...BASE, tax_ids: "{vat22: 1}" })[0].path).toBe("tax_ids")
    expect(issues({ ...BASE, tax_ids: { vat99: 1 } })[0].path).toBe(
      "tax_ids.vat99"
    )
    expect(issues({ ...BASE, tax_ids: { vat22: 0 } })[0].path).toBe(
      "tax_ids.vat22"
    )
  })

  it("the account key names endpoint, certificate fingerprint, group and client id — never the key", () => {
    const config = CheckonlineFiscalProvider.parseConfig({
      ...BASE,
      base_url: "https://127.0.0.1:4010",
      ca_certificate: CHECKONLINE_TEST_CA_CERTIFICATE,
      group: "G",
      client_id: "C",
    })
    const key = CheckonlineFiscalProvider.accountKey(config)
    expect(key).toMatch(
      /^checkonline\|https:\/\/127\.0\.0\.1:4010\/fr\/api\/v2\/Complex\|([0-9A-F]{2}:){31}[0-9A-F]{2}\|G\|C$/
    )
    expect(key).not.toContain("PRIVATE")
  })
})
