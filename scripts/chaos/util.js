/** Small helpers of the chaos run. */
const net = require("node:net")

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** A port nothing listens on at 127.0.0.1 right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** A seeded source of numbers in [0, 1) (mulberry32), so a run's choices can be repeated. */
function seededRandom(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** 83_000 → "1m23s". */
function duration(ms) {
  const s = Math.round(ms / 1000)
  return s < 60
    ? `${s}s`
    : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`
}

module.exports = { sleep, freePort, seededRandom, duration }
