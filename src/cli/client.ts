import { CliError, EXIT } from "./exit-codes"
import type { FetchLike } from "./io"

/** What the store says when it refuses the key, and what to do about it. */
export const KEY_REFUSED =
  "The API key was refused: create a secret API key in Settings → Secret API Keys and pass it with --key or MEDUSA_FISCAL_KEY"

/** Where the store is and how to reach it. */
export type StoreConnection = {
  /** The store's base URL, e.g. `https://shop.example.com` (no trailing slash). */
  url: string
  /** A secret API key, `sk_…`; never printed. */
  key: string
  /** How long one request may take, ms. */
  timeoutMs: number
}

/** A request to the admin API: a path under the store and its query. */
export type AdminRequest = {
  method?: "GET" | "POST"
  path: string
  query?: Record<string, string | number | boolean | undefined>
  body?: unknown
}

/**
 * The store's URL as it may be printed: without a user and password someone put in it.
 * The key is never part of it; it travels only in the Authorization header.
 */
export function printableUrl(url: string): string {
  try {
    const u = new URL(url)
    u.username = ""
    u.password = ""
    return u.toString().replace(/\/$/, "")
  } catch {
    return url
  }
}

/** Why `fetch` failed, in words: Node puts the socket's code on `cause`. */
function networkReason(e: unknown): string {
  const err = e as {
    name?: string
    message?: string
    cause?: { code?: string; message?: string }
  }
  if (err?.name === "TimeoutError" || err?.name === "AbortError") {
    return "it did not answer in time"
  }
  switch (err?.cause?.code) {
    case "ECONNREFUSED":
      return "connection refused"
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "unknown host"
    case "ECONNRESET":
      return "the connection was reset"
    default:
      // undici refuses some ports outright ("bad port") and says so only in the message
      return (
        err?.cause?.code ?? err?.cause?.message ?? err?.message ?? "no answer"
      )
  }
}

/**
 * The plugin's admin API (`/admin/fiscal/…`) over HTTP with a secret API key. Medusa takes a
 * secret key on `/admin` routes only as HTTP Basic with the key as the user name
 * (`Authorization: Basic base64("sk_…:")`; a Bearer secret key is refused). Every failure
 * becomes a {@link CliError} with the exit code and what to do.
 */
export class AdminClient {
  constructor(
    private readonly conn: StoreConnection,
    private readonly fetchImpl: FetchLike
  ) {}

  /** The answer's JSON. */
  async json<T>(req: AdminRequest): Promise<T> {
    const text = await this.send(req, "application/json")
    try {
      return JSON.parse(text) as T
    } catch {
      throw new CliError(
        `${printableUrl(this.conn.url)} answered ${req.path} with something that is not JSON: is it the store's backend URL (not the storefront's)?`,
        EXIT.storeError
      )
    }
  }

  /** The answer as text (the report's CSV). */
  text(req: AdminRequest): Promise<string> {
    return this.send(req, "text/csv")
  }

  private async send(req: AdminRequest, accept: string): Promise<string> {
    const method = req.method ?? "GET"
    const url = new URL(this.conn.url.replace(/\/+$/, "") + req.path)
    for (const [k, v] of Object.entries(req.query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v))
    }
    const headers: Record<string, string> = {
      accept,
      authorization: `Basic ${Buffer.from(`${this.conn.key}:`).toString("base64")}`,
    }
    if (req.body !== undefined) headers["content-type"] = "application/json"
    let res: Awaited<ReturnType<FetchLike>>
    let text: string
    try {
      res = await this.fetchImpl(url.toString(), {
        method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: AbortSignal.timeout(this.conn.timeoutMs),
      })
      text = await res.text()
    } catch (e) {
      throw new CliError(
        `The store at ${printableUrl(this.conn.url)} is unreachable (${networkReason(e)}). ` +
          `Check --url or MEDUSA_FISCAL_URL and that the store is running.`,
        EXIT.unreachable
      )
    }
    if (res.status >= 200 && res.status < 300) {
      return text
    }
    throw this.failure(method, req.path, res.status, text)
  }

  private failure(
    method: string,
    path: string,
    status: number,
    text: string
  ): CliError {
    let body: { message?: string; type?: string } | null = null
    try {
      body = JSON.parse(text)
    } catch {
      body = null
    }
    const message = body?.message
    if (status === 401 || status === 403) {
      return new CliError(KEY_REFUSED, EXIT.auth)
    }
    if (status === 404) {
      return new CliError(
        message ??
          `The store at ${printableUrl(this.conn.url)} has no ${method} ${path}: ` +
            `install a medusa-fiscal version with this route in the store (or check --url).`,
        EXIT.notFound
      )
    }
    if (status === 400 || status === 409 || status === 422) {
      return new CliError(
        `The store refused: ${message ?? `HTTP ${status}`}`,
        EXIT.refused
      )
    }
    return new CliError(
      `The store failed on ${method} ${path} (HTTP ${status})${message ? `: ${message}` : ""}. ` +
        `Its log says more.`,
      EXIT.storeError
    )
  }
}
