/**
 * The plugin as the run loads it: a copy of the build (`.medusa/server` and package.json)
 * under .cache/chaos/plugin. Other work rebuilds `.medusa/server` in place (`npm test` does);
 * a run that lasts an hour must not see it vanish or change under its processes.
 */
const fs = require("node:fs")
const path = require("node:path")
const { root } = require("./processes")

/**
 * Copies the build of the project at `from` (this repository unless `--plugin-dir` names
 * another checkout, e.g. an older commit to compare with) and returns the copy's folder.
 */
function snapshotPlugin(from = root) {
  const build = path.join(from, ".medusa", "server")
  const marker = path.join("src", "pipeline", "process-queue.js")
  if (!fs.existsSync(path.join(build, marker))) {
    throw new Error(
      `${build} holds no plugin build (npx medusa plugin:build there, or drop --no-build)`
    )
  }
  const dir = path.join(root, ".cache", "chaos", "plugin")
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(path.join(dir, ".medusa"), { recursive: true })
  fs.cpSync(build, path.join(dir, ".medusa", "server"), { recursive: true })
  fs.copyFileSync(
    path.join(from, "package.json"),
    path.join(dir, "package.json")
  )
  if (!fs.existsSync(path.join(dir, ".medusa", "server", marker))) {
    throw new Error("the plugin build changed while it was copied; run again")
  }
  return dir
}

module.exports = { snapshotPlugin }
