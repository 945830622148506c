import fs from "node:fs"
import path from "node:path"

/**
 * The plugin's version, from its package.json: the console runs from `src/cli` in the tests
 * and from `.medusa/server/src/cli` once built, so the file is looked for upwards.
 */
export function pluginVersion(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json")
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8"))
      if (pkg.name === "medusa-fiscal") {
        return String(pkg.version)
      }
    }
    if (path.dirname(dir) === dir) {
      return "unknown"
    }
  }
}
