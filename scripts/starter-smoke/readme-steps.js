/**
 * The README's "Installation into an existing Medusa app", read as the steps the smoke
 * follows: its shell commands in order, the `plugins` entry for medusa-config.ts and the
 * `.env` lines. Reading them from the README (rather than keeping a copy) is what makes the
 * smoke fail when the section stops working as written.
 */
const fs = require("node:fs")

const SECTION = "## Installation into an existing Medusa app"

/**
 * The commands the smoke knows how to follow, by what they do. Any other command in the
 * section fails the smoke before it starts, as does a section that lacks one of them.
 */
const KNOWN = [
  ["install-plugin", /^npm install medusa-fiscal$/],
  ["install-emulator", /^npm install -D medusa-fiscal-emulator$/],
  ["start-emulator", /^npx medusa-fiscal-emulator atol --port \d+$/],
  ["migrate", /^npx medusa db:migrate$/],
]

/** The fenced blocks of a markdown text: their language and their text, unindented. */
function fencedBlocks(markdown) {
  const blocks = []
  const fence = /^( *)```(\w*)\n([\s\S]*?)^\1```$/gm
  for (const m of markdown.matchAll(fence)) {
    const indent = m[1].length
    const text = m[3]
      .split("\n")
      .map((line) => line.slice(Math.min(indent, line.search(/\S|$/))))
      .join("\n")
      .trimEnd()
    blocks.push({ lang: m[2], text })
  }
  return blocks
}

/** @returns {{ commands: { text: string, kind: string }[], plugins: string, env: string }} */
function readInstallation(readmePath) {
  const readme = fs.readFileSync(readmePath, "utf8")
  const start = readme.indexOf(`${SECTION}\n`)
  if (start < 0) {
    throw new Error(`${readmePath} has no section "${SECTION}"`)
  }
  const end = readme.indexOf("\n## ", start + SECTION.length)
  const blocks = fencedBlocks(readme.slice(start, end < 0 ? undefined : end))
  const of = (lang) => blocks.filter((b) => b.lang === lang)
  const ts = of("ts")
  const env = of("dotenv")
  if (ts.length !== 1 || env.length !== 1) {
    throw new Error(
      `the installation section should have one ts block (the plugins entry) and one dotenv block; it has ${ts.length} and ${env.length}`
    )
  }
  if (!/^plugins: \[[\s\S]*\],$/.test(ts[0].text)) {
    throw new Error(
      "the installation section's ts block is not a `plugins: [...],` entry"
    )
  }
  const commands = of("bash")
    .flatMap((b) => b.text.split("\n"))
    .map((line) => line.replace(/#.*$/, "").trim())
    .filter(Boolean)
    .map((text) => {
      const known = KNOWN.find(([, re]) => re.test(text))
      if (!known) {
        throw new Error(
          `the installation section runs \`${text}\`, which the smoke does not know how to follow`
        )
      }
      return { text, kind: known[0] }
    })
  for (const [kind] of KNOWN) {
    if (!commands.some((c) => c.kind === kind)) {
      throw new Error(`the installation section has no step "${kind}"`)
    }
  }
  return { commands, plugins: ts[0].text, env: env[0].text }
}

module.exports = { readInstallation, fencedBlocks }
