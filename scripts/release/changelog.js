/**
 * The CHANGELOG.md step of a release (Keep a Changelog): what was under "Unreleased" goes
 * under the new version with its date, an empty "Unreleased" stays on top, and the link
 * references at the bottom point at the new tag and at what comes after it.
 */

const UNRELEASED = "## [Unreleased]"

/** The text under "Unreleased", without its heading; empty when nothing was recorded. */
function unreleasedNotes(changelog) {
  const start = changelog.indexOf(UNRELEASED)
  if (start < 0) {
    throw new Error(`CHANGELOG.md has no "${UNRELEASED}" section`)
  }
  const body = changelog.slice(start + UNRELEASED.length)
  const next = body.search(/^## \[|^\[[^\]]+\]: /m)
  return (next < 0 ? body : body.slice(0, next)).trim()
}

/**
 * @param {string} changelog CHANGELOG.md as it is
 * @param {{ version: string, date: string, repository: string }} release
 */
function releaseChangelog(changelog, { version, date, repository }) {
  const notes = unreleasedNotes(changelog)
  if (!/^- /m.test(notes)) {
    throw new Error(
      'CHANGELOG.md lists nothing under "Unreleased": record what this release changes first'
    )
  }
  if (changelog.includes(`## [${version}]`)) {
    throw new Error(`CHANGELOG.md already has a section for ${version}`)
  }
  const start = changelog.indexOf(UNRELEASED)
  const after = changelog.slice(start + UNRELEASED.length)
  const next = after.search(/^## \[|^\[[^\]]+\]: /m)
  const rest = next < 0 ? "" : after.slice(next)
  const links = rest.search(/^\[[^\]]+\]: /m)
  const olderSections = (links < 0 ? rest : rest.slice(0, links)).trimEnd()
  const oldLinks = (links < 0 ? "" : rest.slice(links))
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("[Unreleased]: "))
  const newLinks = [
    `[Unreleased]: ${repository}/compare/v${version}...HEAD`,
    `[${version}]: ${repository}/releases/tag/v${version}`,
    ...oldLinks,
  ]
  return [
    changelog.slice(0, start) + UNRELEASED,
    "",
    `## [${version}] - ${date}`,
    "",
    notes,
    ...(olderSections ? ["", olderSections] : []),
    "",
    ...newLinks,
    "",
  ].join("\n")
}

module.exports = { releaseChangelog, unreleasedNotes }
