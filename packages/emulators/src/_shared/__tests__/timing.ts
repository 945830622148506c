/**
 * Client timeout of a test that tells an emulator to hang: long enough that the requests
 * before the hang still get their answers on a loaded machine, short enough that the test
 * stays quick.
 */
export const HANG_TIMEOUT_MS = 2_000

/**
 * Waits, polling, until `condition` holds: for a state an emulator reaches on its own timers,
 * instead of sleeping a guessed time. Fails after `limitMs`.
 */
export async function until(
  condition: () => boolean,
  what: string,
  limitMs = 20_000
): Promise<void> {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > limitMs) {
      throw new Error(`still waiting after ${limitMs} ms for ${what}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
