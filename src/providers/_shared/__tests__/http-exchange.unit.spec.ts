import { createHttp, exchange } from "../http-exchange"
import { startPostSink, type PostSink } from "./post-sink"
import { TEST_TIMEOUT_MS } from "./spec-helpers"

/**
 * The exchange client is the one place every vendor request leaves through, so it is where a
 * worker's lease is enforced last: past the deadline the pipeline gives it, nothing is sent.
 */
describe("exchange under a lease deadline", () => {
  let sink: PostSink<unknown>
  const http = createHttp({ timeoutMs: TEST_TIMEOUT_MS, headers: {} })
  const call = (deadline?: number) =>
    exchange(http, {
      operation: "register",
      method: "POST",
      url: sink.url,
      body: { external_id: "frc_1" },
      timeoutMs: TEST_TIMEOUT_MS,
      redact: (v) => v,
      ctx: { deadline },
    })

  beforeEach(async () => {
    sink = await startPostSink("/register")
  })
  afterEach(() => sink.close())

  it("sends while the lease holds", async () => {
    const result = await call(Date.now() + 60_000)
    expect(result.kind).toBe("answer")
    expect(sink.bodies).toEqual([{ external_id: "frc_1" }])
  })

  it("sends nothing once the lease has run out, and says it was not written", async () => {
    const result = await call(Date.now() - 1)
    expect(result).toEqual({
      kind: "no_answer",
      failure: expect.objectContaining({ code: "ELEASE", written: false }),
    })
    expect(sink.bodies).toEqual([])
  })

  it("does not start a request that could not finish within the lease", async () => {
    const result = await call(Date.now() + 500)
    expect(result.kind).toBe("no_answer")
    expect(sink.bodies).toEqual([])
  })
})
