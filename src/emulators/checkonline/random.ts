/**
 * A seedable pseudo-random source (mulberry32), so a test that fixes the seed sees the same
 * fiscal numbers, log ids and injected faults on every run.
 */
export class SeededRandom {
  private state_: number

  constructor(seed: number) {
    this.state_ = seed >>> 0
  }

  /**
   * An independent stream for one purpose (fault dice, one device's fiscal numbers), so what a
   * stream yields does not depend on how concurrent requests interleave.
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

  /** `length` decimal digits, the first never 0. */
  digits(length: number): string {
    let out = String(this.int(1, 9))
    for (let i = 1; i < length; i++) {
      out += String(this.int(0, 9))
    }
    return out
  }

  /** `length` lowercase hex digits. */
  hex(length: number): string {
    let out = ""
    for (let i = 0; i < length; i++) {
      out += this.int(0, 15).toString(16)
    }
    return out
  }
}
