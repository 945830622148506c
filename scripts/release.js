#!/usr/bin/env node
/**
 * `npm run release -- <patch|minor|major|x.y.z> [--skip-slow] [--allow-dirty]`: prepares a
 * release of medusa-fiscal up to the point of publishing. It builds (JavaScript and type
 * declarations), checks types, runs the tests (every suite, or with --skip-slow the unit
 * tests and the type test), then bumps the version, moves the changelog's Unreleased notes
 * under it with today's date, packs the tarball into .release/ and checks its contents. It
 * publishes nothing: it prints the commit, tag and `npm publish` commands to run.
 */
const { spawnSync } = require("node:child_process")
const fs = require("node:fs")
const path = require("node:path")
const { run, root } = require("./lib/plugin-pack")
const { releaseChangelog } = require("./release/changelog")

const log = (msg) => process.stdout.write(`[release] ${msg}\n`)
const BUMPS = ["patch", "minor", "major"]
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/

function parseArgs(argv) {
  const flags = new Set(argv.filter((a) => a.startsWith("--")))
  const unknown = [...flags].filter(
    (f) => !["--skip-slow", "--allow-dirty"].includes(f)
  )
  const [bump, ...extra] = argv.filter((a) => !a.startsWith("--"))
  if (
    unknown.length ||
    extra.length ||
    !bump ||
    !(BUMPS.includes(bump) || SEMVER.test(bump))
  ) {
    throw new Error(
      "usage: npm run release -- <patch|minor|major|x.y.z> [--skip-slow] [--allow-dirty]"
    )
  }
  return {
    bump,
    skipSlow: flags.has("--skip-slow"),
    allowDirty: flags.has("--allow-dirty"),
  }
}

function nextVersion(current, bump) {
  if (SEMVER.test(bump)) {
    return bump
  }
  const [major, minor, patch] = current.split(/[.-]/).map(Number)
  return bump === "major"
    ? `${major + 1}.0.0`
    : bump === "minor"
      ? `${major}.${minor + 1}.0`
      : `${major}.${minor}.${patch + 1}`
}

/** Uncommitted changes would go out in the tarball without being in any commit. */
function assertClean(allowDirty) {
  const status = spawnSync("git", ["status", "--porcelain"], {
    cwd: root,
    encoding: "utf8",
  })
  if (status.status !== 0) {
    throw new Error("git status failed: is this a git checkout?")
  }
  if (status.stdout.trim() && !allowDirty) {
    throw new Error(
      `the working tree has uncommitted changes:\n${status.stdout}commit them first, or pass --allow-dirty`
    )
  }
}

function main() {
  const args = parseArgs(process.argv.slice(2))
  const pkgFile = path.join(root, "package.json")
  const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8"))
  const version = nextVersion(pkg.version, args.bump)
  const changelogFile = path.join(root, "CHANGELOG.md")
  const changelog = fs.readFileSync(changelogFile, "utf8")
  const repository = pkg.repository.url
    .replace(/^git\+/, "")
    .replace(/\.git$/, "")
  const date = new Date().toISOString().slice(0, 10)
  // everything that can refuse the release does so before anything runs or changes
  const released = releaseChangelog(changelog, { version, date, repository })
  assertClean(args.allowDirty)
  log(`medusa-fiscal ${pkg.version} → ${version}`)

  const env = { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true" }
  const step = (what, cmd, cmdArgs) => {
    log(what)
    run(cmd, cmdArgs, { cwd: root, env })
  }
  step("build: the plugin and its type declarations", "npm", ["run", "build"])
  step("type check: plugin, tests, admin, emulators", "npm", [
    "run",
    "typecheck",
  ])
  step("type test: the published entry points under --strict", "npm", [
    "run",
    "test:types",
  ])
  if (args.skipSlow) {
    step("tests: unit (--skip-slow)", "npm", ["test", "--", "unit"])
  } else {
    step("tests: every suite", "npm", ["test"])
    // `npm test` rebuilds without declarations for the HTTP suites
    step("build again, with declarations", "npm", ["run", "build"])
  }

  step(`version ${version}`, "npm", [
    "version",
    version,
    "--no-git-tag-version",
    "--ignore-scripts",
    // the first release publishes the version package.json already has
    ...(version === pkg.version ? ["--allow-same-version"] : []),
  ])
  fs.writeFileSync(changelogFile, released)
  log(`CHANGELOG.md: the Unreleased notes are now ${version} (${date})`)

  const outDir = path.join(root, ".release")
  fs.mkdirSync(outDir, { recursive: true })
  step("pack and check the contents", "node", [
    path.join(__dirname, "pack-check.js"),
    "--keep",
    outDir,
  ])
  const tarball = path.join(outDir, `medusa-fiscal-${version}.tgz`)
  process.stdout.write(
    [
      "",
      `medusa-fiscal ${version} is packed: ${path.relative(root, tarball)}`,
      "",
      "To publish it:",
      `  git commit -m "Release ${version}" -- package.json package-lock.json CHANGELOG.md`,
      `  git tag v${version}`,
      `  npm publish ${path.relative(root, tarball)}`,
      `  git push && git push origin v${version}`,
      "",
    ].join("\n")
  )
}

try {
  main()
} catch (e) {
  process.stderr.write(`[release] ${e.message}\n`)
  process.exit(1)
}
