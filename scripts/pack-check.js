#!/usr/bin/env node
/**
 * `npm run pack:check [-- tarball.tgz] [--keep DIR]`: what the plugin's npm package holds.
 * Without a tarball it packs the current build (`npm run build` first) into a temporary
 * folder, or into DIR with --keep. It fails on anything a shop should not download — tests,
 * the emulators, private keys, .env files, sources outside the build — and on anything the
 * package promises but lacks: a file `exports` or `bin` points at, the type declarations of
 * every entry, the README, CHANGELOG, LICENSE and example config, a file the README links
 * relatively. Prints the count and size.
 */
const { spawnSync } = require("node:child_process")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { packPlugin, root } = require("./lib/plugin-pack")

const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"))

/** Top-level files besides the build and the bin; npm adds package.json and READMEs itself. */
const SHIPPED = [
  "package.json",
  "README.md",
  "README.ru.md",
  "CHANGELOG.md",
  "LICENSE",
  "medusa-config.example.js",
]
const REQUIRED = [
  "README.md",
  "CHANGELOG.md",
  "LICENSE",
  "medusa-config.example.js",
]

/** Path rules: [what is wrong, test]. */
const FORBIDDEN_PATHS = [
  [
    "a test folder",
    (f) => /(^|\/)(__tests__|__mocks__|__fixtures__)\//.test(f),
  ],
  ["a test file", (f) => /\.(spec|test)\.[cm]?[jt]sx?$/.test(f)],
  ["the emulators", (f) => /emulator/i.test(f)],
  ["a key or certificate", (f) => /\.(pem|key|p12|pfx|crt|der)$/i.test(f)],
  ["an environment file", (f) => /(^|\/)\.env(\.|$)/.test(f)],
  ["source TypeScript", (f) => /\.tsx?$/.test(f) && !/\.d\.ts$/.test(f)],
  [
    "a file outside .medusa/server, bin and the top-level documents",
    (f) =>
      !f.startsWith(".medusa/server/") &&
      !f.startsWith("bin/") &&
      !SHIPPED.includes(f),
  ],
]
/** Content rules: [what is wrong, which files, pattern]. */
const CODE = /\.(js|mjs|cjs|d\.ts)$/
const FORBIDDEN_CONTENT = [
  [
    "a private key",
    /\.(js|mjs|cjs|json|md|ts|map|txt)$/,
    // a header with a key's base64 body after it: messages may name the header itself
    /-----BEGIN [A-Z ]*PRIVATE KEY-----(\\+n|\s)+[A-Za-z0-9+/=]{40,}/,
  ],
  // the README shows shops how to import it in their tests; the code must not
  [
    "code of the emulators",
    CODE,
    /require\("medusa-fiscal-emulator|from "medusa-fiscal-emulator/,
  ],
]

function parseArgs(argv) {
  const args = { tarball: undefined, keep: undefined }
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--keep") {
      args.keep = argv[++i]
    } else if (argv[i] === "--help" || argv[i] === "-h") {
      process.stdout.write("npm run pack:check [-- tarball.tgz] [--keep DIR]\n")
      process.exit(0)
    } else {
      args.tarball = argv[i]
    }
  }
  return args
}

function listFiles(dir, prefix = "") {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name
    return e.isDirectory()
      ? listFiles(path.join(dir, e.name), rel)
      : [{ path: rel, size: fs.statSync(path.join(dir, e.name)).size }]
  })
}

/**
 * The admin extensions' bundle, which Medusa's admin build loads through `./admin`: a
 * `./*` match of it is not an entry a shop's code imports, so it carries no declarations.
 */
const UNTYPED = [".medusa/server/src/admin/"]

/** Every file an `exports` condition or the `bin` names must be there, wildcards per match. */
function promisedFilesMissing(files) {
  const have = new Set(files)
  const missing = []
  const targets = []
  for (const [entry, value] of Object.entries(pkg.exports)) {
    const conditions = typeof value === "string" ? { default: value } : value
    for (const [condition, target] of Object.entries(conditions)) {
      targets.push({ entry, condition, target: target.replace(/^\.\//, "") })
    }
  }
  for (const { entry, condition, target } of targets) {
    if (!target.includes("*")) {
      if (!have.has(target)) {
        missing.push(`${target} (exports "${entry}" ${condition})`)
      }
      continue
    }
    if (condition !== "types") {
      continue
    }
    // a wildcard's declarations: one for every module its JavaScript target matches
    const conditions = pkg.exports[entry]
    const js = (conditions.default ?? conditions.require).replace(/^\.\//, "")
    const [before, after] = js.split("*")
    for (const file of files) {
      if (
        file.startsWith(before) &&
        file.endsWith(after) &&
        !UNTYPED.some((dir) => file.startsWith(dir))
      ) {
        const star = file.slice(before.length, file.length - after.length)
        const types = target.replace("*", star)
        if (!have.has(types)) {
          missing.push(`${types} (exports "${entry}" types, for ${file})`)
        }
      }
    }
  }
  for (const bin of Object.values(pkg.bin ?? {})) {
    if (!have.has(bin.replace(/^\.\//, ""))) {
      missing.push(`${bin} (bin)`)
    }
  }
  for (const file of REQUIRED) {
    if (!have.has(file)) {
      missing.push(file)
    }
  }
  return [...new Set(missing)]
}

/**
 * The READMEs' links to files of their own: on npm and in node_modules only what the
 * package holds is there, so any other file must be linked by its absolute address.
 */
function brokenReadmeLinks(unpacked, paths) {
  const have = new Set(paths)
  const broken = []
  for (const readme of paths.filter((f) => /^README[^/]*\.md$/.test(f))) {
    const text = fs.readFileSync(path.join(unpacked, readme), "utf8")
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const file = target.split("#")[0]
      if (file && !/^[a-z][a-z0-9+.-]*:/i.test(file) && !have.has(file)) {
        broken.push(
          `${readme}: links ${target}, which the package does not hold`
        )
      }
    }
  }
  return broken
}

function check(unpacked) {
  const files = listFiles(unpacked)
  const paths = files.map((f) => f.path)
  const problems = []
  for (const file of paths) {
    for (const [what, test] of FORBIDDEN_PATHS) {
      if (test(file)) {
        problems.push(`${file}: ${what}`)
      }
    }
    for (const [what, which, re] of FORBIDDEN_CONTENT) {
      if (
        which.test(file) &&
        re.test(fs.readFileSync(path.join(unpacked, file), "utf8"))
      ) {
        problems.push(`${file}: contains ${what}`)
      }
    }
  }
  problems.push(...brokenReadmeLinks(unpacked, paths))
  for (const missing of promisedFilesMissing(paths)) {
    problems.push(`missing: ${missing}`)
  }
  return { files, problems }
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`

function main() {
  const args = parseArgs(process.argv.slice(2))
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "medusa-fiscal-pack-"))
  try {
    let tarball = args.tarball && path.resolve(args.tarball)
    if (!tarball) {
      tarball = packPlugin({ destDir: args.keep ?? scratch, build: false })
    }
    const unpackDir = path.join(scratch, "unpacked")
    fs.mkdirSync(unpackDir)
    const untar = spawnSync("tar", ["-xzf", tarball, "-C", unpackDir])
    if (untar.status !== 0) {
      throw new Error(`cannot unpack ${tarball}: ${untar.stderr}`)
    }
    const { files, problems } = check(path.join(unpackDir, "package"))
    const unpacked = files.reduce((sum, f) => sum + f.size, 0)
    const declarations = files.filter((f) => f.path.endsWith(".d.ts")).length
    process.stdout.write(
      `[pack] ${path.basename(tarball)}: ${files.length} files (${declarations} type declarations), ${kb(fs.statSync(tarball).size)} packed, ${kb(unpacked)} unpacked\n`
    )
    if (args.keep) {
      process.stdout.write(`[pack] kept ${tarball}\n`)
    }
    if (problems.length) {
      process.stderr.write(
        `[pack] ${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join("\n")}\n`
      )
      process.exitCode = 1
    } else {
      process.stdout.write("[pack] contents are as published: no problems\n")
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true })
  }
}

try {
  main()
} catch (e) {
  process.stderr.write(`[pack] ${e.message}\n`)
  process.exit(1)
}
