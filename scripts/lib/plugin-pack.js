/**
 * The plugin as npm publishes it: built, then packed into a tarball. The demo, the
 * starter-app smoke and the release all install or check this tarball, so each of them
 * sees exactly the files a shop gets from the registry.
 */
const { spawnSync } = require("node:child_process")
const fs = require("node:fs")
const path = require("node:path")

const root = path.resolve(__dirname, "../..")

/** Runs a command to its end with the output shown; a non-zero exit throws. */
function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: "inherit", ...opts })
  if (res.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed (exit ${res.status})`)
  }
}

/** `npm pack` of the root package or of a workspace; answers the tarball's path. */
function npmPack({ destDir, env, workspace }) {
  fs.mkdirSync(destDir, { recursive: true })
  const args = ["pack", "--silent", "--pack-destination", destDir]
  if (workspace) {
    args.push("--workspace", workspace)
  }
  const packed = spawnSync("npm", args, { cwd: root, env, encoding: "utf8" })
  if (packed.status !== 0) {
    throw new Error(`npm ${args.join(" ")} failed: ${packed.stderr}`)
  }
  // lifecycle scripts may print before it; the file name is the last line
  return path.join(destDir, packed.stdout.trim().split("\n").pop())
}

/**
 * Builds the plugin and packs it into `destDir`. `declarations: false` skips the type
 * declarations (`npm run build` makes both) for a consumer that never compiles against
 * them, such as the demo, and saves their half minute. `build: false` packs the build that
 * is there, which must then have what `declarations` asks for.
 */
function packPlugin({
  destDir,
  env = process.env,
  log = () => {},
  declarations = true,
  build = true,
}) {
  if (!build) {
    const needed = declarations
      ? ".medusa/server/src/lib/receipt/index.d.ts"
      : ".medusa/server/src/lib/receipt/index.js"
    if (!fs.existsSync(path.join(root, needed))) {
      throw new Error(
        `no ${declarations ? "build with type declarations" : "build"} in .medusa/server: run \`npm run build\` first`
      )
    }
  } else if (declarations) {
    log("building the plugin and its type declarations (npm run build)")
    run("npm", ["run", "build"], { cwd: root, env })
  } else {
    log("building the plugin (medusa plugin:build)")
    run("npx", ["medusa", "plugin:build"], { cwd: root, env })
  }
  const tarball = npmPack({ destDir, env })
  log(`packed ${path.basename(tarball)}`)
  return tarball
}

module.exports = { packPlugin, npmPack, run, root }
