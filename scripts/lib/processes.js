/**
 * The long-running processes the demo and the starter-app smoke start (Medusa, an
 * emulator): waiting until one answers, and stopping its whole process group.
 */

/** Polls `url` until it answers 2xx; throws when `child` exits first or `timeoutMs` pass. */
async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${url}: its process exited with code ${child.exitCode}`)
    }
    try {
      const res = await fetch(url)
      if (res.ok) {
        return
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`)
}

/**
 * Stops a process spawned with `detached: true` and everything it started (`npx` →
 * `medusa develop` → its worker): SIGTERM to the group, SIGKILL after `graceMs`.
 */
async function stopGroup(child, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return
  }
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig)
    } catch {
      // already gone
    }
  }
  signal("SIGTERM")
  await new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal("SIGKILL")
      resolve()
    }, graceMs)
    child.once("exit", () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

module.exports = { waitForHealth, stopGroup }
