import { PassThrough } from "node:stream"
import middlewares from "../middlewares"
import {
  CALLBACK_BODY_LIMIT,
  readCallbackBody,
} from "../hooks/fiscal/callback-body"
import { maskCallbackPathsInLog } from "../hooks/fiscal/log-mask"

type Reader = (req: unknown, res: unknown, next: () => void) => void

describe("callback route middleware", () => {
  const route = middlewares.routes!.find(
    (r) => r.matcher === "/hooks/fiscal/*"
  )!
  const mask = (route.middlewares ?? [])[0] as unknown as (
    req: { originalUrl: string },
    res: unknown,
    next: () => void
  ) => void

  it("reads the body itself, after masking, for every method", () => {
    // Medusa's parser would hand its failures to the error handler, which logs the path
    expect(route.bodyParser).toBe(false)
    expect(route.methods).toEqual(["ALL"])
    expect(route.middlewares?.[1]).toBe(readCallbackBody)
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

describe("readCallbackBody", () => {
  /** A request whose body arrives in `chunks`, and a response that records the answer. */
  function exchange(headers: Record<string, string>, chunks: Buffer[]) {
    const req = Object.assign(new PassThrough(), {
      headers,
    }) as PassThrough & {
      headers: Record<string, string>
      rawBody?: Buffer
      body?: unknown
    }
    const answers: { status: number; body: unknown }[] = []
    let status = 200
    const res = {
      headersSent: false,
      writableEnded: false,
      status(code: number) {
        status = code
        return this
      },
      json(body: unknown) {
        answers.push({ status, body })
        this.headersSent = true
        this.writableEnded = true
      },
    }
    const done = new Promise<"next" | "answered">((resolve) => {
      const next = () => resolve("next")
      const json = res.json.bind(res)
      res.json = (body: unknown) => {
        json(body)
        resolve("answered")
      }
      ;(readCallbackBody as unknown as Reader)(req, res, next)
    })
    for (const chunk of chunks) {
      req.write(chunk)
    }
    req.end()
    return { req, answers, done }
  }

  const json = { "content-type": "application/json; charset=utf-8" }

  it("keeps the body raw for the provider and parses JSON", async () => {
    const body = Buffer.from(JSON.stringify({ uuid: "u-1" }))
    const { req, done, answers } = exchange(json, [body])
    expect(await done).toBe("next")
    expect(req.rawBody).toEqual(body)
    expect(req.body).toEqual({ uuid: "u-1" })
    expect(answers).toEqual([])

    const form = exchange({ "content-type": "text/plain" }, [
      Buffer.from("not json at all"),
    ])
    expect(await form.done).toBe("next")
    expect(form.req.rawBody?.toString()).toBe("not json at all")
  })

  it("answers 400 to malformed JSON, without the path", async () => {
    const { done, answers } = exchange(json, [Buffer.from('{"uuid": ')])
    expect(await done).toBe("answered")
    expect(answers).toEqual([
      { status: 400, body: { message: "The body is not valid JSON." } },
    ])
  })

  it("answers 413 to a body over the limit, declared or not, once it is read", async () => {
    const big = Buffer.alloc(CALLBACK_BODY_LIMIT + 1, "x")
    const streamed = exchange(json, [big.subarray(0, 1000), big.subarray(1000)])
    expect(await streamed.done).toBe("answered")
    expect(streamed.answers).toEqual([
      { status: 413, body: { message: "The body is larger than 64 KB." } },
    ])
    expect(streamed.req.rawBody).toBeUndefined()

    const declared = exchange(
      { ...json, "content-length": String(10 * CALLBACK_BODY_LIMIT) },
      [Buffer.from("{}")]
    )
    expect(await declared.done).toBe("answered")
    expect(declared.answers[0].status).toBe(413)
  })

  it("answers a body that cannot be read once, and never calls the route", async () => {
    const req = Object.assign(new PassThrough(), { headers: json })
    const answers: number[] = []
    const res = {
      headersSent: false,
      writableEnded: false,
      status(code: number) {
        answers.push(code)
        return this
      },
      json() {
        this.headersSent = true
      },
    }
    const next = jest.fn()
    ;(readCallbackBody as unknown as Reader)(req, res, next)
    req.write("{")
    req.destroy(new Error("aborted"))
    await new Promise((r) => setImmediate(r))
    expect(answers).toEqual([400])
    expect(next).not.toHaveBeenCalled()
  })
})

describe("maskCallbackPathsInLog", () => {
  it("hides the secret of callback paths in what the logger is given, once wrapped", () => {
    const written: unknown[][] = []
    const logger = {
      debug: (...args: unknown[]) => written.push(args),
      error: (...args: unknown[]) => written.push(args),
    }
    maskCallbackPathsInLog(logger)
    maskCallbackPathsInLog(logger)
    const error = new Error("boom")
    logger.debug(
      "skipping json bodyparser middleware POST /hooks/fiscal/atol/94d4fe334a2422d7d40081f35eb70893"
    )
    logger.error("Error 400 at /hooks/fiscal/atol/94d4fe33?x=1: bad", error)
    logger.debug("GET /admin/fiscal/receipts/frc_1 and /hooks/fiscal/atol")
    expect(written).toEqual([
      ["skipping json bodyparser middleware POST /hooks/fiscal/atol/***"],
      ["Error 400 at /hooks/fiscal/atol/***?x=1: bad", error],
      ["GET /admin/fiscal/receipts/frc_1 and /hooks/fiscal/atol"],
    ])
  })
})
