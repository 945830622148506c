/**
 * A seedable pseudo-random source (mulberry32), so a test that fixes the seed sees the same
 * uuids, tokens, fiscal numbers, operation ids and injected faults on every run.
 *
 * Shared by every emulator: each vendor derives its own streams and builds its vendor-shaped
 * values (token alphabets, number prefixes) from these primitives.
 */
export class SeededRandom {
  private state_: number

  constructor(seed: number) {
    this.state_ = seed >>> 0
  }

  /**
   * An independent stream for one purpose (fault dice, one kassa's fiscal numbers), so what a
   * stream yields does not depend on how requests and background processing interleave.
   */
  static derive(seed: number, label: string): SeededRandom {
    let hash = 0x811c9dc5
    for (const char of `${seed}:${label}`) {
      hash ^= char.codePointAt(0)!
      hash = Math.imul(hash, 0x01000193) >>> 0
    }
    return new SeededRandom(hash)
  }

  /** A float in [0, 1). */
  next(): number {
    this.state_ = (this.state_ + 0x6d2b79f5) >>> 0
    let t = this.state_
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return p > 0 && this.next() < p
  }

  /** `length` decimal digits; the first is never 0 unless `allowLeadingZero`. */
  digits(length: number, allowLeadingZero = false): string {
    let out = ""
    for (let i = 0; i < length; i++) {
      out += String(
        i === 0 && !allowLeadingZero ? this.int(1, 9) : this.int(0, 9)
      )
    }
    return out
  }

  /** A version 4 uuid. */
  uuid(): string {
    const bytes = Array.from({ length: 16 }, () => this.int(0, 255))
    bytes[6] = (bytes[6] & 0x0f) | 0x40
    bytes[8] = (bytes[8] & 0x3f) | 0x80
    const hex = bytes.map((b) => b.toString(16).padStart(2, "0")).join("")
    return [
      hex.slice(0, 8),
      hex.slice(8, 12),
      hex.slice(12, 16),
      hex.slice(16, 20),
      hex.slice(20),
    ].join("-")
  }

  /** `length` lowercase hex digits (log ids, operation ids). */
  hex(length: number): string {
    let out = ""
    for (let i = 0; i < length; i++) {
      out += this.int(0, 15).toString(16)
    }
    return out
  }

  /** `length` characters drawn from `alphabet` (tokens, passwords: the vendor owns the alphabet). */
  fromAlphabet(length: number, alphabet: string): string {
    let out = ""
    for (let i = 0; i < length; i++) {
      out += alphabet[this.int(0, alphabet.length - 1)]
    }
    return out
  }
}
