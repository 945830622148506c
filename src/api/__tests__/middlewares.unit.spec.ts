import middlewares from "../middlewares"

describe("callback route middleware", () => {
  const route = middlewares.routes!.find(
    (r) => r.matcher === "/hooks/fiscal/*"
  )!
  const mask = (route.middlewares ?? [])[0] as unknown as (
    req: { originalUrl: string },
    res: unknown,
    next: () => void
  ) => void

  it("limits the body and keeps it raw for the provider", () => {
    expect(route.bodyParser).toEqual({
      preserveRawBody: true,
      sizeLimit: "64kb",
    })
  })

  it("masks the secret of the callback URL before Medusa logs it", () => {
    const req = {
      originalUrl: "/hooks/fiscal/atol/94d4fe334a2422d7d40081f35eb70893?x=1",
    }
    const next = jest.fn()
    mask(req, {}, next)
    expect(req.originalUrl).toBe("/hooks/fiscal/atol/***?x=1")
    expect(next).toHaveBeenCalled()
    const headerStyle = { originalUrl: "/hooks/fiscal/dreamkas" }
    mask(headerStyle, {}, next)
    expect(headerStyle.originalUrl).toBe("/hooks/fiscal/dreamkas")
  })
})
