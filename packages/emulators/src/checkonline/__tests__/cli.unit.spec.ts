import fs from "node:fs"
import os from "node:os"
import path from "node:path"

import request from "supertest"

import { runCli } from "../../cli"

function sink() {
  let text = ""
  return { write: (chunk: string) => (text += chunk), text: () => text }
}

describe("medusa-fiscal-emulator checkonline", () => {
  it("starts, writes the public test certificates and prints how to connect and drive it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "checkonline-cli-"))
    const out = sink()
    const running = await runCli(
      [
        "checkonline",
        "--port",
        "0",
        "--delay",
        "0",
        `--certs-dir=${dir}`,
        "--cert-check=http",
      ],
      out,
      sink()
    )
    try {
      expect(running).toBeDefined()
      const text = out.text()
      expect(text).toContain(
        `Checkonline emulator listening on ${running!.url}`
      )
      expect(text).toContain(`certificate:    ${path.join(dir, "client.crt")}`)
      expect(text).toContain("group TEST-ENTERPRISE: INN 7700000009")
      expect(text).toContain(`curl --cacert ${path.join(dir, "ca.crt")}`)
      const [ca, cert, key] = ["ca.crt", "client.crt", "client.key"].map((f) =>
        fs.readFileSync(path.join(dir, f), "utf8")
      )
      expect(
        (fs.statSync(path.join(dir, "client.key")).mode & 0o777).toString(8)
      ).toBe("600")
      const res = await request(running!.url)
        .get("/__control/enterprises")
        .ca(ca)
        .cert(cert)
        .key(key)
      expect(res.status).toBe(200)
      expect(
        (await request(running!.url).get("/__control/ledger").ca(ca)).status
      ).toBe(400)
    } finally {
      await running?.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it("refuses unknown values of its flags", async () => {
    const err = sink()
    await expect(
      runCli(["checkonline", "--port", "0", "--cert-check=maybe"], sink(), err)
    ).rejects.toThrow("--cert-check must be tls or http")
  })
})
