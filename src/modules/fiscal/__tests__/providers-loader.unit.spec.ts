import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer } from "@medusajs/framework/utils"
import providersLoader from "../loaders/providers"
import { RegisteredFiscalProviders } from "../providers/registered-providers"
import { ProviderSetupError } from "../errors"
import { passwordKassa, tokenKassa } from "./fixtures/test-providers"

function boot(options: Record<string, unknown>) {
  const container = createMedusaContainer()
  const warnings: string[] = []
  const logger = {
    info: () => {},
    warn: (message: string) => warnings.push(message),
    error: () => {},
  }
  container.register("logger", asValue(logger))
  const loaded = providersLoader({
    container,
    options,
    logger: logger as never,
  })
  const providers = () =>
    new RegisteredFiscalProviders(
      container.cradle as Record<string, unknown>,
      options.provider as string | undefined
    )
  return { loaded, providers, warnings }
}

const errorOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a boot error")
    },
    (e: Error) => e.message
  )

describe("providers loader", () => {
  it("registers the four built-in vendors under their identifiers when `providers` is absent", async () => {
    const { loaded, providers, warnings } = boot({})
    await loaded
    expect(providers().ids()).toEqual([
      "atol",
      "checkonline",
      "dreamkas",
      "modulkassa",
    ])
    expect(providers().get("atol").title).toBe("ATOL Online")
    // unconfigured built-ins are normal: the admin fills them in
    expect(warnings).toEqual([])
  })

  it("registers only the listed entries, in order, the id defaulting to the identifier", async () => {
    const { loaded, providers } = boot({
      providers: [
        { resolve: tokenKassa, options: { token: "t" } },
        { resolve: passwordKassa, id: "main", options: { login: "shop" } },
        { resolve: passwordKassa, id: "reserve", options: { login: "other" } },
      ],
    })
    await loaded
    const registered = providers()
    expect(registered.ids()).toEqual(["token-kassa", "main", "reserve"])
    expect(registered.get("main").identifier).toBe("password-kassa")
    expect(registered.get("reserve").options).toEqual({ login: "other" })
    expect(registered.has("atol")).toBe(false)
  })

  it("warns about required fields nobody set, naming them and no value", async () => {
    const { loaded, warnings } = boot({
      providers: [
        {
          resolve: passwordKassa,
          id: "main",
          options: { group: "Secret-Group-1" },
        },
      ],
    })
    await loaded
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/"main" provider has no login, password yet/)
    expect(warnings[0]).not.toContain("Secret-Group-1")
  })

  it("stops the boot on a wrong type or an unknown field, naming the field and never the value", async () => {
    const message = await errorOf(
      boot({
        providers: [
          {
            resolve: passwordKassa,
            id: "main",
            options: { login: 42, pasword: "Hunter-2-Secret" },
          },
        ],
      }).loaded
    )
    expect(message).toMatch(/providers\[0\] \(id "main"\)/)
    expect(message).toMatch(/unknown field: `pasword`/)
    expect(message).toMatch(/`login`: Invalid input: expected string/)
    expect(message).not.toContain("Hunter-2-Secret")
  })

  it("takes the default from `provider` or `is_default`, and refuses one that names no entry", async () => {
    const marked = boot({
      providers: [
        { resolve: tokenKassa },
        { resolve: passwordKassa, is_default: true },
      ],
    })
    await marked.loaded
    expect(marked.providers().defaultId()).toBe("password-kassa")

    const message = await errorOf(
      boot({ provider: "atol", providers: [{ resolve: tokenKassa }] }).loaded
    )
    expect(message).toMatch(
      /`provider` is "atol", but no provider has that id; registered: token-kassa/
    )
  })

  it("refuses two entries with one id", async () => {
    const message = await errorOf(
      boot({
        providers: [
          { resolve: passwordKassa, id: "main" },
          { resolve: tokenKassa, id: "main" },
        ],
      }).loaded
    )
    expect(message).toMatch(/"main" is the id of another entry too/)
    const defaulted = await errorOf(
      boot({ providers: [{ resolve: tokenKassa }, { resolve: tokenKassa }] })
        .loaded
    )
    expect(defaulted).toMatch(
      /providers\[1\].*another entry already has the id "token-kassa"/
    )
  })

  it("refuses a class that is not a fiscal provider", async () => {
    class NotAProvider {
      static identifier = "nope"
    }
    const message = await errorOf(
      boot({ providers: [{ resolve: { services: [NotAProvider] } }] }).loaded
    )
    expect(message).toMatch(
      /NotAProvider is not a fiscal provider: it lacks the static `title`/
    )
  })

  it("connects per identical configuration and explains what is wrong without values", async () => {
    const { loaded, providers } = boot({
      providers: [
        { resolve: passwordKassa, id: "main", options: { login: "shop" } },
      ],
    })
    await loaded
    const registered = providers()
    const settings = {
      provider_id: "main",
      provider_config: { login: "shop", password: "Pa55-word-Secret" },
    }
    const first = registered.connect("main", settings)
    expect(registered.connect("main", { ...settings })).toBe(first)
    expect(
      registered.connect("main", {
        ...settings,
        provider_config: { ...settings.provider_config, group: "g2" },
      })
    ).not.toBe(first)

    // another provider's receipts run with that entry's options alone
    const notCurrent = (() => {
      try {
        registered.connect("main", {
          provider_id: "other",
          provider_config: {},
        })
      } catch (e) {
        return e as ProviderSetupError
      }
    })()
    expect(notCurrent).toBeInstanceOf(ProviderSetupError)
    expect(notCurrent?.problem).toBe("invalid_config")
    expect(notCurrent?.message).toMatch(
      /The main connection is not configured correctly \(password: Invalid input/
    )
    expect(() =>
      registered.connect("gone", { provider_id: null, provider_config: {} })
    ).toThrow(/"gone" is not installed \(registered: main\)/)
  })
})
