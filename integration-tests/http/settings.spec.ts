import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import http from "node:http"
import type { AddressInfo } from "node:net"
import path from "node:path"
import {
  MODULKASSA_TEST_ACCOUNTS,
  startModulKassaEmulator,
} from "medusa-fiscal-emulator/modulkassa"
import {
  ATOL_TEST_ACCOUNTS,
  ATOL_TEST_INN,
  startAtolEmulator,
  type AtolEmulator,
} from "medusa-fiscal-emulator/atol"
import { adminHeaders } from "../helpers/admin"
import { builtInProvider } from "../helpers/providers"
import type FiscalModuleService from "../../src/modules/fiscal/service"

jest.setTimeout(120_000)

const v5 = ATOL_TEST_ACCOUNTS.find((a) => a.login === "v5-online-atol-ru")!
const TEST_KEY = "a".repeat(64)
// the emulator accepts v5.password; this is what the admin types as a new password
const ADMIN_TYPED_PASSWORD = "Typed-In-Admin-9f3c2b"

// the host app reads the plugin options from here when it boots: ATOL without a
// password, so every credential in this suite comes from the admin
process.env.FISCAL_TEST_OPTIONS = JSON.stringify({
  provider: "atol",
  providers: [
    builtInProvider("atol", {
      api_version: 5,
      login: v5.login,
      group: v5.groups[0].code,
    }),
    // configured in the admin only (its association test below)
    builtInProvider("modulkassa"),
  ],
  company: { inn: ATOL_TEST_INN, sno: "osn" },
  receipt: { goodsVat: "standard", shippingVat: "standard" },
})
// the suites share one process: the key is put back as it was when this file is done
const keyBefore = process.env.FISCAL_ENCRYPTION_KEY
process.env.FISCAL_ENCRYPTION_KEY = TEST_KEY

let emulator: AtolEmulator

beforeAll(async () => {
  emulator = await startAtolEmulator({ port: 0, processingDelayMs: 20 })
})

afterAll(async () => {
  if (keyBefore === undefined) {
    delete process.env.FISCAL_ENCRYPTION_KEY
  } else {
    process.env.FISCAL_ENCRYPTION_KEY = keyBefore
  }
  await emulator?.close()
})

/** Every string a response body holds, for "never contains" assertions. */
const bodyText = (data: unknown) => JSON.stringify(data)

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../app"),
  testSuite: ({ api, getContainer }) => {
    let headers: { headers: { authorization: string } }

    beforeEach(async () => {
      process.env.FISCAL_ENCRYPTION_KEY = TEST_KEY
      headers = await adminHeaders(getContainer())
    })

    const rawCredentials = async (): Promise<string | null> => {
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const { rows } = await pg.raw(
        `SELECT credentials_encrypted FROM fiscal_settings WHERE key = 'default'`
      )
      return rows[0]?.credentials_encrypted ?? null
    }

    const postError = async (url: string, body: unknown) => {
      const err = await api
        .post(url, body, headers)
        .catch((e: { response?: { status: number; data: any } }) => e)
      expect(err.response?.status).toBe(400)
      return err.response.data
    }

    it("needs an admin", async () => {
      await expect(api.get("/admin/fiscal/settings")).rejects.toMatchObject({
        response: { status: 401 },
      })
    })

    it("answers the effective settings without any secret, with the callback URL to copy", async () => {
      const res = await api.get("/admin/fiscal/settings", headers)
      const s = res.data.settings
      expect(s.provider_id).toBe("atol")
      expect(s.provider_config).toEqual(
        expect.objectContaining({ login: v5.login, group: v5.groups[0].code })
      )
      expect(s.provider_config).not.toHaveProperty("password")
      expect(s.provider_secrets).toEqual({ password: { set: false } })
      expect(s.company).toEqual(
        expect.objectContaining({ inn: ATOL_TEST_INN, sno: "osn" })
      )
      expect(s.receipt).toEqual(
        expect.objectContaining({
          goods_vat: "standard",
          shipping_vat: "standard",
          goods_payment_object: "commodity",
          payment_method_mode: "full_payment",
        })
      )
      expect(s.retry).toEqual({
        intervals_minutes: [1, 5, 15, 30, 60],
        max_attempts: 10,
        retry_daily: false,
      })
      expect(s.encryption_configured).toBe(true)
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const { rows } = await pg.raw(
        `SELECT callback_secret FROM fiscal_settings`
      )
      expect(s.callback.url).toMatch(
        new RegExp(
          `^http://[^/]+/hooks/fiscal/atol/${rows[0].callback_secret}$`
        )
      )
      expect(bodyText(res.data)).not.toContain(TEST_KEY)
    })

    it("refuses an INN whose control digits do not match, naming the field", async () => {
      const data = await postError("/admin/fiscal/settings", {
        company: { inn: "5544332218", email: "not-an-email" },
      })
      expect(data.fields["company.inn"]).toMatch(/not a valid INN/)
      expect(data.codes["company.inn"]).toBe("invalid_inn")
      expect(data.fields["company.email"]).toBeTruthy()
      // 12 digits: an individual entrepreneur's INN with both control digits
      await api.post(
        "/admin/fiscal/settings",
        { company: { inn: "500100732259" } },
        headers
      )
      const res = await api.get("/admin/fiscal/settings", headers)
      expect(res.data.settings.company.inn).toBe("500100732259")
    })

    it("saves ordinary settings and shows them on the next read", async () => {
      const res = await api.post(
        "/admin/fiscal/settings",
        {
          company: {
            email: "shop@example.com",
            payment_address: "https://shop.example.com",
          },
          receipt: { goods_vat: "vat10", shipping_measure: 0 },
          sell_trigger: "order_placed",
          retry: {
            intervals_minutes: [2, 10],
            max_attempts: 7,
            retry_daily: true,
          },
          status_checks: { max_checks: 50 },
        },
        headers
      )
      expect(res.status).toBe(200)
      const s = (await api.get("/admin/fiscal/settings", headers)).data.settings
      expect(s.company.email).toBe("shop@example.com")
      expect(s.receipt.goods_vat).toBe("vat10")
      expect(s.sell_trigger).toBe("order_placed")
      expect(s.retry).toEqual({
        intervals_minutes: [2, 10],
        max_attempts: 7,
        retry_daily: true,
      })
      expect(s.status_checks.max_checks).toBe(50)

      const bad = await postError("/admin/fiscal/settings", {
        retry: { intervals_minutes: [0], max_attempts: 0 },
        receipt: { goods_vat: "vat99" },
      })
      expect(Object.keys(bad.fields)).toEqual(
        expect.arrayContaining([
          "retry.intervals_minutes.0",
          "retry.max_attempts",
          "receipt.goods_vat",
        ])
      )
    })

    it("refuses to store a password without an encryption key, saying how to set one", async () => {
      delete process.env.FISCAL_ENCRYPTION_KEY
      const data = await postError("/admin/fiscal/settings", {
        provider_id: "atol",
        provider_config: {
          login: v5.login,
          group: v5.groups[0].code,
          password: ADMIN_TYPED_PASSWORD,
        },
      })
      expect(data.fields["provider_config.password"]).toMatch(
        /FISCAL_ENCRYPTION_KEY/
      )
      expect(bodyText(data)).not.toContain(ADMIN_TYPED_PASSWORD)
      expect(await rawCredentials()).toBeNull()
      const s = (await api.get("/admin/fiscal/settings", headers)).data.settings
      expect(s.encryption_configured).toBe(false)
      expect(s.provider_secrets.password).toEqual({ set: false })
    })

    it("stores a password encrypted, write-only, and keeps it when the field is left blank", async () => {
      const saved = await api.post(
        "/admin/fiscal/settings",
        {
          provider_id: "atol",
          provider_config: {
            api_version: 5,
            login: v5.login,
            group: v5.groups[0].code,
            password: ADMIN_TYPED_PASSWORD,
          },
        },
        headers
      )
      expect(bodyText(saved.data)).not.toContain(ADMIN_TYPED_PASSWORD)
      const raw = await rawCredentials()
      expect(raw).toBeTruthy()
      expect(raw).not.toContain(ADMIN_TYPED_PASSWORD)
      expect(
        Buffer.from(raw!.split(":").pop()!, "base64").toString("utf8")
      ).not.toContain(ADMIN_TYPED_PASSWORD)

      const got = await api.get("/admin/fiscal/settings", headers)
      expect(got.data.settings.provider_secrets.password).toEqual({ set: true })
      expect(bodyText(got.data)).not.toContain(ADMIN_TYPED_PASSWORD)

      // a blank password keeps the stored one
      await api.post(
        "/admin/fiscal/settings",
        {
          provider_id: "atol",
          provider_config: {
            login: v5.login,
            group: v5.groups[0].code,
            password: "",
          },
        },
        headers
      )
      expect(await rawCredentials()).toBe(raw)
      const fiscal = getContainer().resolve<FiscalModuleService>("fiscal")
      expect(
        (await fiscal.getEffectiveSettings()).provider_config.password
      ).toBe(ADMIN_TYPED_PASSWORD)
    })

    it("maps the provider's own validation to fields", async () => {
      const data = await postError("/admin/fiscal/settings", {
        provider_id: "atol",
        provider_config: {
          login: "x".repeat(101),
          group: v5.groups[0].code,
          base_url: "ftp://x",
        },
      })
      expect(data.fields).toEqual(
        expect.objectContaining({
          "provider_config.login": expect.any(String),
          "provider_config.password": expect.any(String),
          "provider_config.base_url": expect.any(String),
        })
      )
      const unknown = await postError("/admin/fiscal/settings", {
        provider_id: "nope",
      })
      expect(unknown.fields.provider_id).toMatch(/atol/)
    })

    it("tests the unsaved form against the emulator: ok, then a wrong password without echoing it", async () => {
      const ok = await api.post(
        "/admin/fiscal/settings/test-connection",
        {
          provider_id: "atol",
          provider_config: { base_url: emulator.url, password: v5.password },
        },
        headers
      )
      expect(ok.data.ok).toBe(true)
      expect(ok.data.message).toContain(v5.login)
      expect(ok.data.message).not.toContain(v5.password)

      const wrong = "Wrong-Pass-For-Test-7731"
      const bad = await api.post(
        "/admin/fiscal/settings/test-connection",
        {
          provider_id: "atol",
          provider_config: { base_url: emulator.url, password: wrong },
        },
        headers
      )
      expect(bad.data.ok).toBe(false)
      expect(bad.data.message).toMatch(/rejected login .* or its password/)
      expect(bodyText(bad.data)).not.toContain(wrong)

      // nothing typed: the stored password (from the previous save, if any) or a clear refusal
      const missing = await postError(
        "/admin/fiscal/settings/test-connection",
        {
          provider_id: "atol",
          provider_config: { base_url: emulator.url },
        }
      )
      expect(missing.fields["provider_config.password"]).toBe("is required")
    })

    it("uses the stored password when the form leaves it blank", async () => {
      await api.post(
        "/admin/fiscal/settings",
        {
          provider_id: "atol",
          provider_config: {
            login: v5.login,
            group: v5.groups[0].code,
            base_url: emulator.url,
            password: v5.password,
          },
        },
        headers
      )
      const res = await api.post(
        "/admin/fiscal/settings/test-connection",
        {
          provider_id: "atol",
          provider_config: { base_url: emulator.url, password: "" },
        },
        headers
      )
      expect(res.data).toEqual({
        ok: true,
        message: expect.stringContaining("Connected"),
      })
    })

    it("sends the stored password only to the address it was saved for", async () => {
      await api.post(
        "/admin/fiscal/settings",
        {
          provider_id: "atol",
          provider_config: {
            login: v5.login,
            group: v5.groups[0].code,
            base_url: emulator.url,
            password: v5.password,
          },
        },
        headers
      )
      // someone else's listener: it records everything that reaches it
      const received: string[] = []
      const listener = http.createServer((req, res) => {
        const chunks: Buffer[] = []
        req.on("data", (chunk: Buffer) => chunks.push(chunk))
        req.on("end", () => {
          received.push(
            `${req.method} ${req.url} ${JSON.stringify(req.headers)} ${Buffer.concat(chunks).toString("utf8")}`
          )
          res
            .writeHead(200, { "content-type": "application/json" })
            .end(JSON.stringify({ token: "listener-token", error: null }))
        })
      })
      await new Promise<void>((resolve) =>
        listener.listen(0, "127.0.0.1", resolve)
      )
      const listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`
      try {
        const moved = {
          login: v5.login,
          group: v5.groups[0].code,
          base_url: listenerUrl,
        }
        for (const provider_config of [moved, { ...moved, password: "" }]) {
          const refused = await postError(
            "/admin/fiscal/settings/test-connection",
            { provider_id: "atol", provider_config }
          )
          expect(refused.codes["provider_config.password"]).toBe(
            "secret_required_for_new_endpoint"
          )
        }
        // nor can the new address be saved without it, to be tested (or sent to) afterwards
        const notSaved = await postError("/admin/fiscal/settings", {
          provider_id: "atol",
          provider_config: moved,
        })
        expect(notSaved.codes["provider_config.password"]).toBe(
          "secret_required_for_new_endpoint"
        )
        const tested = await api
          .post(
            "/admin/fiscal/settings/test-connection",
            { provider_id: "atol", provider_config: moved },
            headers
          )
          .catch((e: { response: { status: number } }) => e.response)
        expect(tested.status).toBe(400)
        expect(received).toEqual([])

        // typed again, the password the admin typed goes there, and only that one
        const typed = await api.post(
          "/admin/fiscal/settings/test-connection",
          {
            provider_id: "atol",
            provider_config: { ...moved, password: ADMIN_TYPED_PASSWORD },
          },
          headers
        )
        expect(bodyText(typed.data)).not.toContain(ADMIN_TYPED_PASSWORD)
        expect(received.join("\n")).toContain(ADMIN_TYPED_PASSWORD)
        expect(received.join("\n")).not.toContain(v5.password)
      } finally {
        listener.closeAllConnections()
        await new Promise((resolve) => listener.close(resolve))
      }
      // the stored connection is as it was
      const fiscal = getContainer().resolve<FiscalModuleService>("fiscal")
      expect(
        (await fiscal.getEffectiveSettings()).provider_config
      ).toMatchObject({ base_url: emulator.url, password: v5.password })
    })

    it("associates a МодульКасса retail point once when its account login is saved", async () => {
      const modul = await startModulKassaEmulator({
        port: 0,
        processingDelayMs: 20,
      })
      try {
        const [account] = MODULKASSA_TEST_ACCOUNTS
        const res = await api.post(
          "/admin/fiscal/settings",
          {
            provider_id: "modulkassa",
            provider_config: {
              base_url: modul.url,
              retail_point_id: account.retailPoints[0].id,
              login: account.login,
              password: account.password,
            },
          },
          headers
        )
        const s = res.data.settings
        expect(s.provider_id).toBe("modulkassa")
        expect(s.provider_config.service_user).toEqual(expect.any(String))
        expect(s.provider_secrets.service_password).toEqual({ set: true })
        expect(bodyText(res.data)).not.toContain(account.password)
        expect(modul.associations()).toHaveLength(1)
        const raw = await rawCredentials()
        expect(raw).toMatch(/^v1:/)
        expect(raw).not.toContain(account.password)

        // a later save keeps the service credentials: no second association
        await api.post(
          "/admin/fiscal/settings",
          { company: { email: "modul@example.com" } },
          headers
        )
        expect(modul.associations()).toHaveLength(1)
        const tested = await api.post(
          "/admin/fiscal/settings/test-connection",
          // the form as shown: non-secret fields; the stored secrets fill the rest
          { provider_id: "modulkassa", provider_config: s.provider_config },
          headers
        )
        expect(tested.data.ok).toBe(true)
      } finally {
        await modul.close()
      }
    })

    it("lists the providers with their connection forms, and counts receipts by status", async () => {
      const providers = (await api.get("/admin/fiscal/providers", headers)).data
        .providers
      const atol = providers.find(
        (p: { identifier: string }) => p.identifier === "atol"
      )
      expect(atol.title).toBe("ATOL Online")
      expect(atol.configFields.map((f: { name: string }) => f.name)).toEqual(
        expect.arrayContaining(["login", "password", "group"])
      )

      const fiscal = getContainer().resolve<FiscalModuleService>("fiscal")
      const rows: [string, "pending" | "invalid"][] = [
        ["a", "pending"],
        ["b", "invalid"],
        ["c", "invalid"],
      ]
      for (const [key, status] of rows) {
        await fiscal.ensureReceipt({
          source_key: `stats:${key}`,
          order_id: `order_${key}`,
          type: "sell",
          reason: "payment",
          provider_id: "atol",
          status,
        })
      }
      const stats = (await api.get("/admin/fiscal/stats", headers)).data
      expect(stats.by_status).toEqual(
        expect.objectContaining({ pending: 1, invalid: 2, done: 0 })
      )
      expect(stats.total).toBe(3)
      expect(stats.needs_attention).toBe(0)
    })
  },
})
