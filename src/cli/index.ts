import { parseArgs } from "node:util"
import { AdminClient, type StoreConnection } from "./client"
import { COMMANDS, GLOBAL_OPTIONS } from "./commands"
import type { CommandResult, CommandSpec, OptionSpec } from "./commands/types"
import { intOption } from "./commands/values"
import { CliError, EXIT, usageError } from "./exit-codes"
import { commandHelp, mainHelp } from "./help"
import type { CliDeps } from "./io"
import { pluginVersion } from "./version"

export type { CliDeps } from "./io"
export { EXIT } from "./exit-codes"

type ParseOptions = Record<
  string,
  { type: "string" | "boolean"; short?: string }
>

const forParseArgs = (options: Record<string, OptionSpec>): ParseOptions =>
  Object.fromEntries(
    Object.entries(options).map(([name, o]) => [
      name,
      o.short ? { type: o.type, short: o.short } : { type: o.type },
    ])
  )

/** Every option of every command: the first, lenient pass only has to find the command. */
const ALL_OPTIONS = forParseArgs(
  Object.assign({}, GLOBAL_OPTIONS, ...COMMANDS.map((c) => c.options))
)

/** The store from `--url`/`--key` or the environment, checked before anything is sent. */
function connection(
  values: Record<string, string | boolean | undefined>,
  env: CliDeps["env"]
): StoreConnection {
  const url = (values.url as string | undefined) ?? env.MEDUSA_FISCAL_URL
  const key = (values.key as string | undefined) ?? env.MEDUSA_FISCAL_KEY
  if (!url) {
    throw usageError(
      "No store URL: pass --url https://shop.example.com or set MEDUSA_FISCAL_URL (the store's backend, where /admin is)."
    )
  }
  if (!/^https?:\/\/[^/]/i.test(url)) {
    throw usageError(
      `The store URL must start with http:// or https://; got ${JSON.stringify(url.replace(/\/\/[^@/]*@/, "//"))}.`
    )
  }
  if (!key) {
    throw usageError(
      "No API key: create a secret API key in Settings → Secret API Keys and pass it with --key or MEDUSA_FISCAL_KEY."
    )
  }
  if (!key.startsWith("sk_")) {
    throw usageError(
      "The API key must be a secret API key (sk_…); publishable keys (pk_…) and passwords cannot use the admin API. Create one in Settings → Secret API Keys."
    )
  }
  const timeout = intOption(values.timeout, "timeout", {
    min: 1,
    max: 3600,
    fallback: 120,
  })
  return { url, key, timeoutMs: timeout * 1000 }
}

/** A lenient parse: the command's name and whether `--json`/`--help`/`--version` were given. */
function firstPass(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: ALL_OPTIONS,
    strict: false,
    allowPositionals: true,
  })
  return { values, name: positionals[0] }
}

/** The command's own arguments and options, strictly: anything unknown is a usage error. */
function commandArgs(command: CommandSpec, argv: string[]) {
  for (const [name, reason] of Object.entries(command.refused ?? {})) {
    if (argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`))) {
      throw usageError(`${command.name} has no --${name}: ${reason}`)
    }
  }
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: forParseArgs({ ...GLOBAL_OPTIONS, ...command.options }),
      strict: true,
      allowPositionals: true,
    })
    return { values, positionals: positionals.slice(1) }
  } catch (e) {
    throw usageError((e as Error).message)
  }
}

/**
 * The `medusa-fiscal` console (README, "Console commands"): runs one command against the
 * store's admin API and answers the exit code. Reads and writes only through `deps`, so a
 * test hands in a fake fetch and buffers.
 */
export async function runCli(argv: string[], deps: CliDeps): Promise<number> {
  const { values: loose, name } = firstPass(argv)
  const json = loose.json === true
  const out = (text: string) => deps.stdout.write(`${text}\n`)
  const err = (text: string) => deps.stderr.write(`${text}\n`)
  let command: CommandSpec | undefined
  try {
    if (loose.version === true) {
      out(pluginVersion())
      return EXIT.ok
    }
    if (!name) {
      if (loose.help === true) {
        out(mainHelp())
        return EXIT.ok
      }
      err(mainHelp())
      throw usageError("Give a command.")
    }
    command = COMMANDS.find((c) => c.name === name)
    if (!command) {
      throw usageError(
        `Unknown command ${JSON.stringify(name)}. Commands: ${COMMANDS.map((c) => c.name).join(", ")}.`
      )
    }
    const { values, positionals } = commandArgs(command, argv)
    if (values.help) {
      out(commandHelp(command))
      return EXIT.ok
    }
    if (values.json && values.csv) {
      throw usageError(
        "--csv prints the store's CSV file; it cannot be --json too."
      )
    }
    let client: AdminClient | undefined
    const conn = connection(values, deps.env)
    const result: CommandResult = await command.run({
      client: () => (client ??= new AdminClient(conn, deps.fetch)),
      positionals,
      values,
      progress: err,
      sleep:
        deps.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms))),
      now: deps.now ?? Date.now,
    })
    if (json && result.json !== null) {
      out(JSON.stringify(result.json, null, 2))
    } else {
      out(result.human)
    }
    return result.exitCode
  } catch (e) {
    const failure =
      e instanceof CliError
        ? e
        : new CliError(
            `medusa-fiscal failed: ${(e as Error)?.message ?? String(e)}. If the store answered something unexpected, check that it runs medusa-fiscal ${pluginVersion()}.`,
            EXIT.storeError
          )
    err(failure.message)
    if (failure.exitCode === EXIT.usage) {
      err(`See: medusa-fiscal ${command ? `${command.name} ` : ""}--help`)
    }
    if (json) {
      out(
        JSON.stringify(
          { error: { exit_code: failure.exitCode, message: failure.message } },
          null,
          2
        )
      )
    }
    return failure.exitCode
  }
}

/** The bin's entry: the real process, its arguments, environment and `fetch`. */
export async function main(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    fetch: fetch as unknown as CliDeps["fetch"],
  })
}
