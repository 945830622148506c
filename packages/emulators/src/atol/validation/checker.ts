/**
 * A small JSON-schema-like checker that reports issues the way ATOL does: ATOL validates with
 * NJsonSchema and prints `<Kind>: #/<path>` (e.g. `NumberTooSmall: #/receipt.total`,
 * `PatternMismatch: #/login`), paths dotted with `[i]` for array items.
 */

/** One schema violation. */
export type SchemaIssue = { kind: string; path: string }

type StringRule = {
  required?: boolean
  min?: number
  max?: number
  pattern?: RegExp
  oneOf?: readonly string[]
}

type NumberRule = {
  required?: boolean
  min?: number
  /** The value must be strictly greater than this. */
  above?: number
  max?: number
  /** At most this many decimals (multipleOf 0.01 / 0.001 in ATOL's schema). */
  decimals?: number
  integer?: boolean
  oneOf?: readonly number[]
}

/** Path of `key` under `parent`: `#/receipt`, `#/receipt.items`, `#/receipt.items[0]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") {
    return `${parent}[${key}]`
  }
  return parent === "#/" ? `#/${key}` : `${parent}.${key}`
}

function hasAtMostDecimals(value: number, decimals: number): boolean {
  const scaled = value * 10 ** decimals
  return Math.abs(scaled - Math.round(scaled)) < 1e-6
}

/** Collects issues while walking a parsed JSON body. */
export class Checker {
  readonly issues: SchemaIssue[] = []

  issue(kind: string, path: string): void {
    this.issues.push({ kind, path })
  }

  private present_(path: string, value: unknown, required?: boolean): boolean {
    if (value === undefined || value === null) {
      if (required) {
        this.issue("PropertyRequired", path)
      }
      return false
    }
    return true
  }

  object(
    parent: string,
    key: string,
    value: unknown,
    required = false
  ): Record<string, unknown> | undefined {
    const path = childPath(parent, key)
    if (!this.present_(path, value, required)) {
      return undefined
    }
    if (typeof value !== "object" || Array.isArray(value)) {
      this.issue("ObjectExpected", path)
      return undefined
    }
    return value as Record<string, unknown>
  }

  array(
    parent: string,
    key: string,
    value: unknown,
    rule: { required?: boolean; min?: number; max?: number }
  ): unknown[] | undefined {
    const path = childPath(parent, key)
    if (!this.present_(path, value, rule.required)) {
      return undefined
    }
    if (!Array.isArray(value)) {
      this.issue("ArrayExpected", path)
      return undefined
    }
    if (rule.min !== undefined && value.length < rule.min) {
      this.issue("TooFewItems", path)
    }
    if (rule.max !== undefined && value.length > rule.max) {
      this.issue("TooManyItems", path)
    }
    return value
  }

  string(
    parent: string,
    key: string,
    value: unknown,
    rule: StringRule = {}
  ): string | undefined {
    const path = childPath(parent, key)
    if (!this.present_(path, value, rule.required)) {
      return undefined
    }
    if (typeof value !== "string") {
      this.issue("StringExpected", path)
      return undefined
    }
    // NJsonSchema compares .NET `string.Length`, i.e. UTF-16 code units: an emoji counts
    // twice, unlike the JSON Schema spec's code points. JS `length` counts the same way.
    const length = value.length
    if (rule.min !== undefined && length < rule.min) {
      this.issue("StringTooShort", path)
    }
    if (rule.max !== undefined && length > rule.max) {
      this.issue("StringTooLong", path)
    }
    if (rule.pattern && !rule.pattern.test(value)) {
      this.issue("PatternMismatch", path)
    }
    if (rule.oneOf && !rule.oneOf.includes(value)) {
      this.issue("NotInEnumeration", path)
    }
    return value
  }

  number(
    parent: string,
    key: string,
    value: unknown,
    rule: NumberRule = {}
  ): number | undefined {
    const path = childPath(parent, key)
    if (!this.present_(path, value, rule.required)) {
      return undefined
    }
    if (typeof value !== "number" || !Number.isFinite(value)) {
      this.issue("NumberExpected", path)
      return undefined
    }
    if (rule.integer && !Number.isInteger(value)) {
      this.issue("IntegerExpected", path)
    }
    if (rule.min !== undefined && value < rule.min) {
      this.issue("NumberTooSmall", path)
    }
    if (rule.above !== undefined && value <= rule.above) {
      this.issue("NumberTooSmall", path)
    }
    if (rule.max !== undefined && value > rule.max) {
      this.issue("NumberTooBig", path)
    }
    if (
      rule.decimals !== undefined &&
      !hasAtMostDecimals(value, rule.decimals)
    ) {
      this.issue("NumberNotMultipleOf", path)
    }
    if (rule.oneOf && !rule.oneOf.includes(value)) {
      this.issue("NotInEnumeration", path)
    }
    return value
  }

  boolean(
    parent: string,
    key: string,
    value: unknown,
    required = false
  ): boolean | undefined {
    const path = childPath(parent, key)
    if (!this.present_(path, value, required)) {
      return undefined
    }
    if (typeof value !== "boolean") {
      this.issue("BooleanExpected", path)
      return undefined
    }
    return value
  }
}

/** `Kind: #/path; Kind: #/path`, the list after "Ошибочные поля :". */
export function formatIssues(issues: SchemaIssue[]): string {
  return issues.map((issue) => `${issue.kind}: ${issue.path}`).join("; ")
}
