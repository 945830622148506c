import type { CliDeps, FetchLike } from "../io"

/** One request the fake store received. */
export type Call = {
  method: string
  path: string
  query: Record<string, string>
  body: unknown
  headers: Record<string, string>
}

/** What a route of the fake store answers: a status and a JSON body (or text). */
export type Answer = { status?: number; json?: unknown; text?: string }

/** A route: `"GET /admin/fiscal/receipts"` → what to answer for a call. */
export type Routes = Record<string, (call: Call) => Answer>

/**
 * A store in memory for `runCli`: answers by method and path, records every call, and
 * refuses anything it has no route for with Medusa's 404, so a test sees a wrong path.
 */
export function fakeStore(routes: Routes) {
  const calls: Call[] = []
  const fetch: FetchLike = async (url, init) => {
    const u = new URL(url)
    const call: Call = {
      method: init.method,
      path: u.pathname,
      query: Object.fromEntries(u.searchParams),
      body: init.body === undefined ? undefined : JSON.parse(init.body),
      headers: init.headers,
    }
    calls.push(call)
    const route = routes[`${init.method} ${u.pathname}`]
    const answer: Answer = route
      ? route(call)
      : { status: 404, text: `Cannot ${init.method} ${u.pathname}` }
    const text = answer.text ?? JSON.stringify(answer.json)
    return {
      status: answer.status ?? 200,
      headers: { get: () => null },
      text: async () => text,
    }
  }
  return { fetch, calls }
}

/** `runCli`'s deps around a fetch, with stdout and stderr kept as text. */
export function deps(fetch: FetchLike, env: Record<string, string> = {}) {
  const out: string[] = []
  const err: string[] = []
  let clock = 0
  const d: CliDeps = {
    env: {
      MEDUSA_FISCAL_URL: "http://store.test",
      MEDUSA_FISCAL_KEY: "sk_test_secret",
      ...env,
    },
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
    fetch,
    // a clock that moves with each wait, so --wait ends without real time passing
    sleep: async (ms) => {
      clock += ms
    },
    now: () => clock,
  }
  return {
    deps: d,
    stdout: () => out.join(""),
    stderr: () => err.join(""),
  }
}

/** A receipt row as the routes answer it, with what a test sets. */
export function receipt(over: Record<string, unknown> = {}) {
  return {
    id: "frc_1",
    order_id: "order_1",
    type: "sell",
    reason: "payment",
    status: "pending",
    total: 123450,
    needs_attention: false,
    error_message: null,
    fiscal_document_number: null,
    fiscal_document_attribute: null,
    vendor_document_id: null,
    external_id: "frc_1-0",
    parent_id: null,
    created_at: "2026-12-07T21:30:00.000Z",
    ...over,
  }
}
