/**
 * Marked goods (Честный знак) on the wire, for every provider: what a connection can send is
 * its {@link MarkingCapabilities}; a document with anything more is refused before it leaves,
 * naming the vendor and what it cannot carry, so no marking code, fractional quantity or
 * industry requisite is ever dropped silently (docs/vendors/README.md, "Marked goods").
 */

import type {
  FiscalDocument,
  FiscalLine,
  IndustryRequisite,
} from "../../lib/receipt/types"
import { isDottedDate } from "../../lib/receipt/classification"
import { ValidationError } from "../../modules/fiscal/errors"
import type { MarkingCapabilities } from "../../modules/fiscal/types/provider"

/** Error code of a document with marking data the connection cannot send. */
export const MARKING_NOT_SUPPORTED = "MARKING_NOT_SUPPORTED"

/** Error code of marking data no service would take: a broken fraction or requisite. */
export const MARKING_INVALID = "MARKING_INVALID"

/** Tag 1262: the federal body's code, "001"…"073" in ФНС's table. */
const FEDERAL_ID = /^(00[1-9]|0[1-6]\d|07[0-3])$/

/** Tag 1264: longest number of the founding document (ФФД 1.2). */
export const MAX_REQUISITE_NUMBER = 32

/** Tag 1265: longest requisite value (ФФД 1.2). */
export const MAX_REQUISITE_VALUE = 256

/** Who is checking: the provider id, its operation, and the vendor as the admin knows it. */
export type MarkingContext = {
  provider: string
  operation: string
  /** The vendor's name for messages, e.g. "ATOL Online v4 (ФФД 1.05)". */
  vendor: string
  /** The wire field of a line's marking data, for `ValidationError.fields`. */
  field: (index: number, what: "code" | "fraction" | "requisites") => string
}

function hasRequisites(line: FiscalLine): boolean {
  return (line.industry_requisites?.length ?? 0) > 0
}

/**
 * Throws a {@link ValidationError} ({@link MARKING_NOT_SUPPORTED}) for the first line that
 * carries marking data the connection cannot send. Fractions and requisites are checked
 * before codes, since a connection without codes takes neither.
 */
export function refuseUnsupportedMarking(
  document: FiscalDocument,
  capabilities: MarkingCapabilities,
  context: MarkingContext
): void {
  document.lines.forEach((line, index) => {
    const position = `position ${index + 1} ("${line.name}")`
    const refuse = (what: string, field: string) =>
      new ValidationError({
        provider: context.provider,
        operation: context.operation,
        code: MARKING_NOT_SUPPORTED,
        message:
          `${context.vendor} cannot send ${what} of ${position}, and the receipt is ` +
          "not sent without it. Register it through a connection that carries it " +
          "(ATOL Online v5, ФФД 1.2).",
        fields: [field],
      })
    if (line.mark_quantity && !capabilities.fractional) {
      throw refuse(
        `the sold part of a marked package (tags 1293/1294, ${line.mark_quantity.numerator}/${line.mark_quantity.denominator})`,
        context.field(index, "fraction")
      )
    }
    if (hasRequisites(line) && !capabilities.industryRequisites) {
      throw refuse(
        "the industry requisites (tag 1260)",
        context.field(index, "requisites")
      )
    }
    if (line.mark_code && !capabilities.codes) {
      throw refuse("the marking code", context.field(index, "code"))
    }
  })
}

export { isDottedDate }

/** What is wrong with one industry requisite, or undefined when it is well formed. */
export function requisiteProblem(
  requisite: IndustryRequisite
): string | undefined {
  if (!FEDERAL_ID.test(requisite.federal_id ?? "")) {
    return `federal_id "${requisite.federal_id}" is not one of 001…073 (tag 1262)`
  }
  if (!isDottedDate(requisite.date ?? "")) {
    return `date "${requisite.date}" is not a date DD.MM.YYYY (tag 1263)`
  }
  const number = requisite.number ?? ""
  if (number.length === 0 || number.length > MAX_REQUISITE_NUMBER) {
    return `number must be 1..${MAX_REQUISITE_NUMBER} characters (tag 1264)`
  }
  const value = requisite.value ?? ""
  if (value.length === 0 || value.length > MAX_REQUISITE_VALUE) {
    return `value must be 1..${MAX_REQUISITE_VALUE} characters (tag 1265)`
  }
  return undefined
}

/**
 * Checks the marking data of one line before it is written for a vendor that takes it:
 * a marked piece or part of a package has quantity 1 (a weighed package, measure other than
 * pieces, keeps its weight), a fraction is whole numbers with 0 < numerator < denominator and
 * belongs to a marked unit, a requisite is well formed. Throws a {@link ValidationError}
 * ({@link MARKING_INVALID}).
 */
export function checkLineMarking(
  line: FiscalLine,
  index: number,
  context: MarkingContext
): void {
  const invalid = (message: string, field: string) =>
    new ValidationError({
      provider: context.provider,
      operation: context.operation,
      code: MARKING_INVALID,
      message: `Position ${index + 1} ("${line.name}"): ${message}`,
      fields: [field],
    })
  if (line.mark_code !== undefined) {
    if (line.mark_code.trim() === "") {
      throw invalid("the marking code is empty", context.field(index, "code"))
    }
    // A code names one unit: a piece has quantity 1, a weighed package (measure other than
    // pieces) its weight; a part of a package is a fraction of one unit of quantity 1.
    const pieces = line.measure === 0 || line.mark_quantity !== undefined
    if (pieces && line.quantity !== 1) {
      throw invalid(
        `a marked unit is sold with quantity 1, got ${line.quantity}`,
        context.field(index, "code")
      )
    }
  }
  const fraction = line.mark_quantity
  if (fraction) {
    const { numerator, denominator } = fraction
    if (
      !Number.isSafeInteger(numerator) ||
      !Number.isSafeInteger(denominator) ||
      numerator <= 0 ||
      numerator >= denominator
    ) {
      throw invalid(
        `the sold part ${numerator}/${denominator} must be whole numbers with 0 < numerator < denominator (tags 1293/1294)`,
        context.field(index, "fraction")
      )
    }
    if (!line.mark_code) {
      throw invalid(
        "the sold part of a package (tags 1293/1294) needs the package's marking code",
        context.field(index, "fraction")
      )
    }
  }
  line.industry_requisites?.forEach((requisite) => {
    const problem = requisiteProblem(requisite)
    if (problem) {
      throw invalid(
        `industry requisite: ${problem}`,
        context.field(index, "requisites")
      )
    }
  })
}
