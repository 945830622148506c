import { runCli } from ".."
import { EXIT } from "../exit-codes"
import { deps, fakeStore } from "./fake-store"

/** Runs the console against a store that must not be called. */
async function offline(argv: string[], env: Record<string, string> = {}) {
  const store = fakeStore({})
  const io = deps(store.fetch, env)
  const code = await runCli(argv, io.deps)
  return { code, out: io.stdout(), err: io.stderr(), calls: store.calls }
}

describe("the command line", () => {
  it("prints the overall help with every command and the exit codes", async () => {
    const { code, out } = await offline(["--help"])
    expect(code).toBe(EXIT.ok)
    for (const name of [
      "sell",
      "refund",
      "resell",
      "update",
      "update-all",
      "report",
      "list",
    ]) {
      expect(out).toMatch(new RegExp(`^  ${name}\\b`, "m"))
    }
    expect(out).toContain("3  the store refused the API key")
  })

  it("without a command prints the help on stderr as a usage error", async () => {
    const { code, out, err } = await offline([])
    expect(code).toBe(EXIT.usage)
    expect(out).toBe("")
    expect(err).toContain("Usage: medusa-fiscal <command>")
    expect(err).toContain("Give a command.")
    const json = await offline(["--json"])
    expect(json.code).toBe(EXIT.usage)
    expect(JSON.parse(json.out).error.message).toBe("Give a command.")
  })

  it("prints a command's help with its own options, asking the store nothing", async () => {
    const { code, out, calls } = await offline(["list", "--help"], {
      MEDUSA_FISCAL_URL: "",
    })
    expect(code).toBe(EXIT.ok)
    expect(out).toContain("Usage: medusa-fiscal list")
    expect(out).toContain("--attention")
    expect(calls).toEqual([])
  })

  it("prints the package's version", async () => {
    const { code, out } = await offline(["--version"])
    expect(code).toBe(EXIT.ok)
    expect(out.trim()).toBe(require("../../../package.json").version)
  })

  it.each([
    [["frob"], 'Unknown command "frob"'],
    [["sell"], "Give an order id, exactly one; got none"],
    [["sell", "123"], "is not an order id"],
    [["sell", "order_1", "--bogus"], "Unknown option '--bogus'"],
    [["refund", "pay_1"], "is not an order or refund id"],
    [["list", "--limit", "0"], "--limit must be a whole number from 1 to 5000"],
    [["list", "--status", "done,lost"], "--status takes pending, sending"],
    [["report", "2026-12-01"], "The period is today, yesterday, week"],
    [["report", "2026-02-30", "2026-03-01"], "YYYY-MM-DD"],
    [["report", "--csv", "--json"], "cannot be --json too"],
    [["update-all", "--batch", "101"], "--batch must be a whole number"],
  ])("%j is a usage error: %s", async (argv, message) => {
    const { code, err, calls } = await offline(argv)
    expect(code).toBe(EXIT.usage)
    expect(err).toContain(message)
    expect(err).toContain("--help")
    expect(calls).toEqual([])
  })

  it("refuses --new-id on resell, saying that a resell always uses new ids", async () => {
    const { code, err } = await offline(["resell", "order_1", "--new-id"])
    expect(code).toBe(EXIT.usage)
    expect(err).toContain("resell has no --new-id")
    expect(err).toContain("new receipts with their own external ids")
  })

  it("asks for the store and the key, and for a secret key, before calling anything", async () => {
    const noUrl = await offline(["list"], { MEDUSA_FISCAL_URL: "" })
    expect(noUrl.code).toBe(EXIT.usage)
    expect(noUrl.err).toContain("MEDUSA_FISCAL_URL")
    const noKey = await offline(["list"], { MEDUSA_FISCAL_KEY: "" })
    expect(noKey.code).toBe(EXIT.usage)
    expect(noKey.err).toContain("Settings → Secret API Keys")
    const publishable = await offline(["list", "--key", "pk_123"])
    expect(publishable.code).toBe(EXIT.usage)
    expect(publishable.err).toContain("secret API key (sk_…)")
    expect(publishable.err).not.toContain("pk_123")
    const notHttp = await offline(["list", "--url", "shop.example.com"])
    expect(notHttp.code).toBe(EXIT.usage)
    for (const r of [noUrl, noKey, publishable, notHttp]) {
      expect(r.calls).toEqual([])
    }
  })

  it("with --json a usage error is also one JSON document on stdout", async () => {
    const { code, out } = await offline(["sell", "--json"])
    expect(code).toBe(EXIT.usage)
    expect(JSON.parse(out)).toEqual({
      error: { exit_code: EXIT.usage, message: expect.any(String) },
    })
  })
})
