/**
 * Calls the plugin's admin API with the dashboard's session cookie. Plain `fetch` rather
 * than the JS SDK: a refused settings form answers 400 with `fields`, which the SDK's
 * error drops.
 */
export class FiscalApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** Field path → message, for forms (`company.inn`). */
    readonly fields: Record<string, string> = {},
    /** Field path → machine code the admin can translate (`invalid_inn`). */
    readonly codes: Record<string, string> = {},
    /** The whole answer, for routes that say more than a message (refused marking codes). */
    readonly body: unknown = undefined
  ) {
    super(message)
  }
}

type QueryValue = string | number | boolean | undefined | null | string[]

export type FiscalFetchInit = {
  method?: "GET" | "POST" | "DELETE"
  /** Arrays become repeated parameters; blank values are left out. */
  query?: Record<string, QueryValue>
  body?: unknown
}

export async function fiscalFetch<T>(
  path: string,
  init: FiscalFetchInit = {}
): Promise<T> {
  const url = new URL(path, window.location.origin)
  for (const [key, value] of Object.entries(init.query ?? {})) {
    if (value === undefined || value === null || value === "") {
      continue
    }
    for (const v of Array.isArray(value) ? value : [value]) {
      url.searchParams.append(key, String(v))
    }
  }
  const res = await fetch(url, {
    method: init.method ?? "GET",
    credentials: "include",
    headers: {
      accept: "application/json",
      ...(init.body !== undefined
        ? { "content-type": "application/json" }
        : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  })
  const data = await res.json().catch(() => ({}))
  if (!res.ok) {
    throw new FiscalApiError(
      (data as { message?: string }).message ||
        res.statusText ||
        `HTTP ${res.status}`,
      res.status,
      (data as { fields?: Record<string, string> }).fields,
      (data as { codes?: Record<string, string> }).codes,
      data
    )
  }
  return data as T
}
