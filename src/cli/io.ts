/** Where the console writes: `process.stdout`/`process.stderr`, or a buffer in tests. */
export type Writer = { write(text: string): unknown }

/** The fetch the console calls the store with: Node's global `fetch`, or a fake in tests. */
export type FetchLike = (
  url: string,
  init: {
    method: string
    headers: Record<string, string>
    body?: string
    signal?: AbortSignal
  }
) => Promise<{
  status: number
  headers: { get(name: string): string | null }
  text(): Promise<string>
}>

/** What `runCli` reads and writes besides its arguments, so tests can hand in their own. */
export type CliDeps = {
  env: Record<string, string | undefined>
  stdout: Writer
  stderr: Writer
  fetch: FetchLike
  /** Waits between polls; tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>
  /** The clock the waits are measured with (ms). */
  now?: () => number
}
