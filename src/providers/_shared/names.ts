/**
 * Cuts `name` to `max` UTF-16 code units — how ATOL, МодульКасса and Dreamkas count a line
 * name — never leaving half of a surrogate pair. A name cut "by characters" upstream can still
 * be too long in UTF-16 units, hence the second cut here.
 */
export function truncateUtf16(name: string, max: number): string {
  if (name.length <= max) {
    return name
  }
  let cut = max
  const last = name.charCodeAt(cut - 1)
  if (last >= 0xd800 && last <= 0xdbff) {
    cut -= 1
  }
  return name.slice(0, cut)
}
