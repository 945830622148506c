import type { ModulKassaEmulator } from "medusa-fiscal-emulator/modulkassa"
import {
  AuthError,
  ConfigError,
  IndeterminateError,
  RetryableError,
} from "../../../modules/fiscal/errors"
import { ModulKassaFiscalProvider, associate } from ".."
import { TEST_COMPANY, saleDocument } from "./fixtures"
import {
  ACCOUNT,
  FOREIGN_POINT,
  POINT,
  exchangeLog,
  providerFor,
  resetProcessState,
  startTestEmulator,
} from "./harness"
import { TEST_TIMEOUT_MS } from "../../_shared/__tests__/spec-helpers"

let modul: ModulKassaEmulator
let seq = 0
const externalId = () => `ftx_assoc_${++seq}`

beforeAll(async () => {
  modul = await startTestEmulator()
})
afterAll(() => modul.close())
beforeEach(() => {
  modul.reset({ associations: true })
  resetProcessState()
})

function config(overrides: Record<string, unknown> = {}) {
  return {
    base_url: modul.url,
    retail_point_id: POINT.id,
    login: ACCOUNT.login,
    password: ACCOUNT.password,
    timeout_ms: TEST_TIMEOUT_MS,
    ...overrides,
  }
}

describe('associate: POST /v1/associate/{retailPointId} (docs/vendors/modulkassa.md, "Authentication and association")', () => {
  it("returns the service credentials and the point's name and address, from the raw stored config", async () => {
    const { exchanges, ctx } = exchangeLog()
    const association = await associate(config(), ctx)
    const [issued] = modul.associations()
    expect(association).toEqual({
      service_user: issued.userName,
      service_password: issued.password,
      retail_point: { id: POINT.id, name: POINT.name, address: POINT.address },
    })
    expect(exchanges).toEqual([
      expect.objectContaining({
        operation: "associate",
        method: "POST",
        url: `${modul.url}/api/fn/v1/associate/${POINT.id}`,
        http_status: 200,
        response: {
          userName: issued.userName,
          password: "***",
          name: POINT.name,
          address: POINT.address,
        },
      }),
    ])
    expect(JSON.stringify(exchanges)).not.toContain(ACCOUNT.password)
  })

  it("the stored credentials work; associating again rotates them and the old ones get 401", async () => {
    const first = await associate(config())
    const provider = new ModulKassaFiscalProvider(
      {},
      ModulKassaFiscalProvider.parseConfig(config({ ...pick(first) }))
    )
    expect((await provider.testConnection()).ok).toBe(true)
    const second = await associate(config())
    expect(second.service_user).toBe(first.service_user)
    expect(second.service_password).not.toBe(first.service_password)
    expect((await provider.testConnection()).message).toMatch(/\(401\)/)
  })

  it("passes clientId: each client application has its own credentials", async () => {
    const { exchanges, ctx } = exchangeLog()
    const crm = await associate(config({ client_id: "my_crm" }), ctx)
    const shop = await associate(config())
    expect(exchanges[0].url).toBe(
      `${modul.url}/api/fn/v1/associate/${POINT.id}?clientId=my_crm`
    )
    expect(crm.service_user).not.toBe(shop.service_user)
    expect(modul.associations()).toHaveLength(2)
  })

  it("401 → AuthError (wrong account password), never echoing it", async () => {
    const error = await associate(config({ password: "Wrong-Pa55" })).catch(
      (e) => e
    )
    expect(error).toBeInstanceOf(AuthError)
    expect(error.httpStatus).toBe(401)
    expect(error.message).not.toContain("Wrong-Pa55")
  })

  it("403 → AuthError (a point of another account)", async () => {
    const error = await associate(
      config({ retail_point_id: FOREIGN_POINT.id })
    ).catch((e) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect(error.httpStatus).toBe(403)
  })

  it("404 → ConfigError naming the point", async () => {
    const error = await associate(
      config({ retail_point_id: "00000000-0000-4000-8000-000000000000" })
    ).catch((e) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toMatch(
      /no retail point "00000000-0000-4000-8000-000000000000" \(404\)/
    )
  })

  it("needs the account login and password", async () => {
    const error = await associate({
      base_url: modul.url,
      retail_point_id: POINT.id,
      service_user: "u",
      service_password: "p",
    }).catch((e) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toMatch(
      /needs the МодульКасса account login and password/
    )
    await expect(associate({ retail_point_id: "" })).rejects.toBeInstanceOf(
      ConfigError
    )
  })

  it("unreachable → Retryable; an answer lost after sending → Indeterminate (the password may have rotated)", async () => {
    const gone = await startTestEmulator()
    const url = gone.url
    await gone.close()
    await expect(associate(config({ base_url: url }))).rejects.toBeInstanceOf(
      RetryableError
    )
    modul.setFaults({ next: [{ fault: "process_then_drop", on: "associate" }] })
    const lost = await associate(config()).catch((e) => e)
    expect(lost).toBeInstanceOf(IndeterminateError)
    expect(lost.message).toMatch(/associate again/)
  })

  it("the provider's associate() switches the instance to the new credentials", async () => {
    const provider = providerFor(modul, { associated: false })
    expect((await provider.testConnection()).ok).toBe(false)
    const association = await provider.associate()
    expect(association.service_user).toBe(modul.associations()[0].userName)
    expect((await provider.testConnection()).ok).toBe(true)
  })
})

describe("auto_associate", () => {
  it("a burst of receipts associates once", async () => {
    const provider = providerFor(modul, {
      associated: false,
      auto_associate: true,
    })
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () =>
        provider.register({
          externalId: externalId(),
          document: saleDocument(),
          company: TEST_COMPANY,
        })
      )
    )
    expect(outcomes.every((o) => o.kind === "accepted")).toBe(true)
    expect(modul.stats().associations_issued).toBe(1)
    expect(modul.ledger()).toHaveLength(5)
  })

  it("credentials rotated by someone else: one new association, the refused send is repeated once", async () => {
    const provider = providerFor(modul, {
      associated: false,
      auto_associate: true,
    })
    await provider.register({
      externalId: externalId(),
      document: saleDocument(),
      company: TEST_COMPANY,
    })
    modul.associate(POINT.id)
    const { exchanges, ctx } = exchangeLog()
    const outcome = await provider.register(
      {
        externalId: externalId(),
        document: saleDocument(),
        company: TEST_COMPANY,
      },
      ctx
    )
    expect(outcome.kind).toBe("accepted")
    expect(exchanges.map((e) => `${e.operation} ${e.http_status}`)).toEqual([
      "send 401",
      "associate 200",
      "send 200",
    ])
    expect(modul.ledger()).toHaveLength(2)
  })

  it("configured credentials are never replaced behind the shop's back", async () => {
    const provider = providerFor(modul, { auto_associate: true })
    modul.associate(POINT.id)
    await expect(
      provider.register({
        externalId: externalId(),
        document: saleDocument(),
        company: TEST_COMPANY,
      })
    ).rejects.toBeInstanceOf(AuthError)
  })
})

function pick(association: { service_user: string; service_password: string }) {
  return {
    service_user: association.service_user,
    service_password: association.service_password,
  }
}
