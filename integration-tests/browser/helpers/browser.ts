import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
} from "playwright-core"

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"

/** Flags without which this kind of closed network refuses many of Chromium's own connections. */
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]

export type RecordedBrowser = {
  browser: Browser
  context: BrowserContext
  page: Page
  /** URLs of every response whose body contained one of the watched strings. */
  leaks(): { url: string; needle: string }[]
  /** How many response bodies were read. */
  responsesRead(): number
  /** Starts looking for `needle` in every response body from now on (and in none before). */
  watch(needle: string): void
  close(): Promise<void>
}

/**
 * Headless Chromium with one English page; every response body is searched for the
 * watched strings as it arrives, so a test can assert a secret never left the server.
 */
export async function launchRecordedBrowser(): Promise<RecordedBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ARGS,
  })
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
    locale: "en-US",
  })
  const page = await context.newPage()
  const needles: string[] = []
  const found: { url: string; needle: string }[] = []
  const pending = new Set<Promise<void>>()
  let read = 0
  context.on("response", (response) => {
    const job = response
      .body()
      .then((body) => {
        read++
        const text = body.toString("utf8")
        for (const needle of needles) {
          if (text.includes(needle)) found.push({ url: response.url(), needle })
        }
      })
      .catch(() => {
        // redirects and aborted requests have no body
      })
      .finally(() => pending.delete(job))
    pending.add(job)
  })
  return {
    browser,
    context,
    page,
    leaks: () => [...found],
    responsesRead: () => read,
    watch: (needle) => needles.push(needle),
    close: async () => {
      await Promise.allSettled([...pending])
      await browser.close()
    },
  }
}
