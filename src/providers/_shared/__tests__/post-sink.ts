import http from "node:http"
import type { AddressInfo } from "node:net"

export type PostSink<Body> = {
  url: string
  /** Each POSTed body, parsed as JSON. */
  bodies: Body[]
  /** Each POSTed body as sent, for signature checks. */
  raw: Buffer[]
  close(): Promise<void>
}

/**
 * A local HTTP server standing in for the shop's callback endpoint at `path`: it answers
 * 200 and records what the emulator POSTs, so a spec can hand it to `parseCallback`.
 */
export async function startPostSink<Body = unknown>(
  path: string
): Promise<PostSink<Body>> {
  const bodies: Body[] = []
  const raw: Buffer[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      const body = Buffer.concat(chunks)
      raw.push(body)
      bodies.push(JSON.parse(body.toString("utf8")) as Body)
      res.writeHead(200).end("ok")
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${path}`,
    bodies,
    raw,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
