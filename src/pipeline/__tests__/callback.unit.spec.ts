import type { MedusaContainer } from "@medusajs/framework/types"
import { handleFiscalCallback } from "../callback"
import { hideCallbackSecret, hideCallbackSecretIn } from "../callback-secret"

const SECRET = "94d4fe334a2422d7d40081f35eb70893"

/** A fiscal module that answers the callback secret and records what else is asked of it. */
function moduleWith(secret: string) {
  const fiscal = {
    getCallbackSecret: jest.fn(async () => secret),
    getEffectiveSettings: jest.fn(async () => {
      throw new Error("settings read")
    }),
    hasProvider: jest.fn(() => false),
  }
  const logger = { warn: jest.fn(), error: jest.fn() }
  const container = {
    resolve: (key: string) => (key === "fiscal" ? fiscal : logger),
  } as unknown as MedusaContainer
  return { fiscal, container }
}

describe("handleFiscalCallback", () => {
  const notice = {
    provider: "atol",
    headers: {},
    rawBody: Buffer.from("{}"),
  }

  it("refuses a wrong or missing secret having read nothing but the secret", async () => {
    const { fiscal, container } = moduleWith(SECRET)
    for (const secret of [undefined, "", "not-the-secret", SECRET.slice(1)]) {
      expect(
        await handleFiscalCallback(container, { ...notice, secret })
      ).toEqual({
        status: 401,
        body: { message: "Unauthorized" },
      })
    }
    expect(fiscal.getEffectiveSettings).not.toHaveBeenCalled()
    expect(fiscal.hasProvider).not.toHaveBeenCalled()
    // no secret at all costs not even the read
    expect(fiscal.getCallbackSecret).toHaveBeenCalledTimes(2)
  })

  it("never matches an installation without a secret", async () => {
    const { container } = moduleWith("")
    expect(
      (await handleFiscalCallback(container, { ...notice, secret: "x" })).status
    ).toBe(401)
  })

  it("goes on with the right secret", async () => {
    const { fiscal, container } = moduleWith(SECRET)
    expect(
      (await handleFiscalCallback(container, { ...notice, secret: SECRET }))
        .status
    ).toBe(404)
    expect(fiscal.hasProvider).toHaveBeenCalledWith("atol")
  })
})

describe("hideCallbackSecret", () => {
  it("masks the secret as sent and percent-encoded, in keys and values", () => {
    const secret = "s3cret/with&chars+0123"
    const encoded = encodeURIComponent(secret)
    expect(
      hideCallbackSecret(
        {
          service: {
            callback_url: `https://shop.test/hooks/fiscal/atol/${secret}`,
          },
          echo: [`…/${encoded}`],
          [secret]: 1,
        },
        secret
      )
    ).toEqual({
      service: { callback_url: "https://shop.test/hooks/fiscal/atol/***" },
      echo: ["…/***"],
      "***": 1,
    })
    expect(hideCallbackSecretIn(`bad callback_url …/${SECRET}`, SECRET)).toBe(
      "bad callback_url …/***"
    )
    expect(hideCallbackSecret(undefined, SECRET)).toBeUndefined()
    expect(hideCallbackSecretIn("nothing to hide", "")).toBe("nothing to hide")
  })
})
