#!/usr/bin/env node
/**
 * Adds the lockfile entries of other platforms' optional binaries (@swc/core-darwin-arm64,
 * @rollup/rollup-win32-x64-msvc, …) when npm left them out, which it does when it cannot
 * read those packages from the registry at install time. Without them `npm ci` refuses the
 * lockfile on every machine ("Missing: … from lock file"). Each entry gets the version its
 * parent asks for and the os/cpu/libc of its name, so npm skips it where it does not fit,
 * exactly as for a complete lockfile. Run after regenerating package-lock.json.
 */
const fs = require("node:fs")
const path = require("node:path")

const file = path.resolve(__dirname, "..", "package-lock.json")
const lock = JSON.parse(fs.readFileSync(file, "utf8"))

const OS = [
  "darwin",
  "linux",
  "win32",
  "android",
  "freebsd",
  "openbsd",
  "netbsd",
  "sunos",
  "aix",
  "openharmony",
]
const CPU = [
  "arm64",
  "x64",
  "arm",
  "ia32",
  "ppc64",
  "s390x",
  "riscv64",
  "loong64",
  "mips64el",
  "wasm32",
]

function platformOf(name) {
  const tokens = name.split("/").pop().split("-")
  const os = tokens.find((t) => OS.includes(t))
  const cpu = tokens.find((t) => CPU.includes(t))
  const libc = tokens.some((t) => t.startsWith("musl"))
    ? "musl"
    : tokens.some((t) => t === "gnu" || t.startsWith("gnueabi"))
      ? "glibc"
      : undefined
  return { os, cpu, libc }
}

let added = 0
for (const [where, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(
    entry.optionalDependencies ?? {}
  )) {
    const nested = `${where ? `${where}/` : ""}node_modules/${name}`
    const top = `node_modules/${name}`
    if (lock.packages[nested] || lock.packages[top]) {
      continue
    }
    const { os, cpu, libc } = platformOf(name)
    if (!os || !cpu) {
      // not a platform binary: a real missing dependency is npm's to report
      continue
    }
    lock.packages[top] = {
      version,
      optional: true,
      os: [os],
      cpu: [cpu],
      ...(os === "linux" && libc ? { libc: [libc] } : {}),
    }
    added += 1
  }
}

lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) =>
    a === "" ? -1 : b === "" ? 1 : a.localeCompare(b)
  )
)
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`)
process.stdout.write(`complete-lockfile: added ${added} platform entries\n`)
