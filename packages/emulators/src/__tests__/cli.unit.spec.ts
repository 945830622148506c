import request from "supertest"

import { parseCliArgs, runCli } from "../cli"

function sink() {
  let text = ""
  return { write: (chunk: string) => (text += chunk), text: () => text }
}

afterEach(() => {
  process.exitCode = undefined
})

describe("medusa-fiscal-emulator", () => {
  it("parses the vendor, common flags and vendor switches", () => {
    expect(
      parseCliArgs([
        "atol",
        "--port",
        "4010",
        "--seed=3",
        "--delay",
        "0",
        "--legacy-codes",
      ])
    ).toEqual({
      vendor: "atol",
      help: false,
      args: {
        port: 4010,
        host: "127.0.0.1",
        seed: 3,
        delayMs: 0,
        extra: { "legacy-codes": true },
      },
    })
    expect(() => parseCliArgs(["atol", "--port", "70000"])).toThrow(/port/)
  })

  it("starts ATOL, prints the URL and the seeded accounts, and stops", async () => {
    const out = sink()
    const running = await runCli(
      ["atol", "--port", "0", "--delay", "0"],
      out,
      sink()
    )
    try {
      expect(running).toBeDefined()
      expect(out.text()).toContain(
        `ATOL Online emulator listening on ${running!.url}`
      )
      expect(out.text()).toContain(
        "login v5-online-atol-ru  password zUr0OxfI  group v5-online-atol-ru_5179"
      )
      expect(out.text()).toContain(
        "login v4-online-atol-ru  password iGFFuihss  group v4-online-atol-ru_4179"
      )
      const res = await request(running!.url)
        .post("/possystem/v5/getToken")
        .set("Content-Type", "application/json")
        .send({ login: "v5-online-atol-ru", pass: "zUr0OxfI" })
      expect(res.status).toBe(200)
    } finally {
      await running?.close()
    }
  })

  it("explains unknown vendors and bad flags with exit code 2", async () => {
    const err = sink()
    expect(await runCli(["nope"], sink(), err)).toBeUndefined()
    expect(err.text()).toContain('Unknown vendor "nope"')
    expect(err.text()).toContain("atol")
    expect(process.exitCode).toBe(2)
    const err2 = sink()
    expect(await runCli(["atol", "--port"], sink(), err2)).toBeUndefined()
    expect(err2.text()).toContain("--port needs a value")
  })

  it("prints help", async () => {
    const out = sink()
    await runCli(["--help"], out, sink())
    expect(out.text()).toContain("Usage: medusa-fiscal-emulator <vendor>")
    expect(process.exitCode).toBeUndefined()
  })
})
