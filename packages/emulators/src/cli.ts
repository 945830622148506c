import {
  EMULATORS,
  type EmulatorCliArgs,
  type RunningEmulator,
} from "./registry"

/** Where the CLI writes; the process streams unless a test passes its own. */
export type CliOutput = { write(text: string): unknown }

const DEFAULT_PORT = 4010

function usage(): string {
  const vendors = Object.values(EMULATORS).flatMap((entry) => [
    `  ${entry.name.padEnd(12)} ${entry.description}`,
    ...(entry.flags ? [`  ${"".padEnd(12)} flags: ${entry.flags}`] : []),
  ])
  return [
    "Usage: medusa-fiscal-emulator <vendor> [--port 4010] [--host 127.0.0.1] [--seed 1]",
    "                              [--delay ms] [vendor flags]",
    "",
    "Vendors:",
    ...vendors,
    "",
  ].join("\n")
}

/** Reads `<vendor> --flag value --switch` into the vendor name and its arguments. */
export function parseCliArgs(argv: string[]): {
  vendor?: string
  help: boolean
  args: EmulatorCliArgs
} {
  const args: EmulatorCliArgs = {
    port: DEFAULT_PORT,
    host: "127.0.0.1",
    extra: {},
  }
  let vendor: string | undefined
  let help = false
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]
    if (token === "--help" || token === "-h") {
      help = true
      continue
    }
    if (!token.startsWith("-")) {
      vendor ??= token
      continue
    }
    const [flag, inline] = token.replace(/^-+/, "").split("=", 2)
    const next = argv[i + 1]
    const takeValue = () => {
      if (inline !== undefined) return inline
      if (next === undefined || next.startsWith("-")) {
        throw new Error(`--${flag} needs a value`)
      }
      i += 1
      return next
    }
    switch (flag) {
      case "port":
      case "p":
        args.port = integer("port", takeValue(), 0, 65535)
        break
      case "host":
        args.host = takeValue()
        break
      case "seed":
        args.seed = integer("seed", takeValue(), 0, 2 ** 32 - 1)
        break
      case "delay":
        args.delayMs = integer("delay", takeValue(), 0, 3_600_000)
        break
      default:
        // Vendor flags are switches, or `--flag=value` when they need a value.
        args.extra[flag] = inline ?? true
    }
  }
  return { vendor, help, args }
}

function integer(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`--${name} must be an integer between ${min} and ${max}`)
  }
  return value
}

/**
 * Starts the emulator named in `argv` and prints where it listens and the seeded accounts.
 * Returns it running, or undefined after printing help or an error (then `process.exitCode` is set).
 */
export async function runCli(
  argv: string[],
  out: CliOutput = process.stdout,
  err: CliOutput = process.stderr
): Promise<RunningEmulator | undefined> {
  let parsed: ReturnType<typeof parseCliArgs>
  try {
    parsed = parseCliArgs(argv)
  } catch (error) {
    err.write(`${(error as Error).message}\n\n${usage()}`)
    process.exitCode = 2
    return undefined
  }
  if (parsed.help || !parsed.vendor) {
    ;(parsed.help ? out : err).write(usage())
    if (!parsed.help) process.exitCode = 2
    return undefined
  }
  const entry = EMULATORS[parsed.vendor]
  if (!entry) {
    err.write(`Unknown vendor "${parsed.vendor}".\n\n${usage()}`)
    process.exitCode = 2
    return undefined
  }
  const running = await entry.start(parsed.args)
  out.write(`${running.banner.join("\n")}\nPress Ctrl+C to stop.\n`)
  return running
}

async function serve(): Promise<void> {
  const running = await runCli(process.argv.slice(2))
  if (!running) {
    return
  }
  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    process.stdout.write(`\n${signal}: stopping the emulator\n`)
    running.close().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
}

/** The `medusa-fiscal-emulator` command: serves until SIGINT or SIGTERM. */
export function main(): void {
  serve().catch((error: Error) => {
    process.stderr.write(`${error.message}\n`)
    process.exit(1)
  })
}
