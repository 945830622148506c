import { performance } from "node:perf_hooks"

import { IntervalLimiter, LimiterRegistry } from "../rate-limiter"
import { AtolTokenCache } from "../token-cache"

describe("AtolTokenCache", () => {
  it("shares one in-flight request among concurrent callers and caches the result", async () => {
    const cache = new AtolTokenCache()
    let calls = 0
    const fetch = () =>
      new Promise<string>((resolve) => {
        calls += 1
        setTimeout(() => resolve(`token-${calls}`), 10)
      })
    const tokens = await Promise.all(
      Array.from({ length: 20 }, () => cache.get("k", fetch))
    )
    expect(new Set(tokens)).toEqual(new Set(["token-1"]))
    expect(await cache.get("k", fetch)).toBe("token-1")
    expect(calls).toBe(1)
  })

  it("refreshes once however many callers report the same stale token", async () => {
    const cache = new AtolTokenCache()
    let calls = 0
    const fetch = async () => `token-${++calls}`
    const stale = await cache.get("k", fetch)
    for (let i = 0; i < 5; i++) cache.invalidate("k", stale)
    const fresh = await Promise.all(
      Array.from({ length: 5 }, () => cache.get("k", fetch))
    )
    expect(fresh).toEqual(Array(5).fill("token-2"))
    cache.invalidate("k", stale) // a late caller with the old token changes nothing
    expect(await cache.get("k", fetch)).toBe("token-2")
    expect(calls).toBe(2)
  })

  it("keeps accounts apart and does not cache failures", async () => {
    const cache = new AtolTokenCache()
    await expect(
      cache.get("a", async () => Promise.reject(new Error("12")))
    ).rejects.toThrow("12")
    expect(await cache.get("a", async () => "ok-a")).toBe("ok-a")
    expect(await cache.get("b", async () => "ok-b")).toBe("ok-b")
  })
})

describe("IntervalLimiter", () => {
  it("spaces concurrent callers at least intervalMs apart, in arrival order", async () => {
    const limiter = new IntervalLimiter(20)
    const starts: number[] = []
    await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        await limiter.acquire()
        starts.push(performance.now())
        return i
      })
    )
    for (let i = 1; i < starts.length; i++) {
      expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(19.5)
    }
  })

  it("pauses after a system error", async () => {
    const limiter = new IntervalLimiter(1)
    await limiter.acquire()
    limiter.pause(50)
    const before = performance.now()
    await limiter.acquire()
    expect(performance.now() - before).toBeGreaterThanOrEqual(49)
  })

  it("is shared per key", () => {
    const registry = new LimiterRegistry()
    const a = registry.get("root|group", 1050)
    expect(registry.get("root|group", 350)).toBe(a)
    expect(a.intervalMs).toBe(350)
    expect(registry.get("root|other", 1050)).not.toBe(a)
  })
})
