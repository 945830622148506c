/**
 * How values the routes hold travel as JSON. The response types are shared by the routes,
 * which check what they hand `res.json`, and the admin, which reads the parsed JSON.
 */

/**
 * A date-time in a response: a `Date` where the route builds the answer, the ISO 8601
 * string `JSON.stringify` makes of it where the admin reads it. Response types take it as
 * a parameter, `string` by default; routes check their answer with `Date`.
 */
export type DateTimeValue = string | Date

/**
 * A `bigNumber` column as a response carries it: depending on how the row was read, a
 * number, the numeric string or Medusa's raw `{ value, precision }` object. A reader
 * accepts all three.
 */
export type SerializedBigNumber =
  number | string | { value: string | number; precision?: number }
