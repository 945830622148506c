/**
 * Longest piece of a vendor's own wording (an error text, a device name) put into a message.
 * Messages reach the admin, and a connection test may be pointed at any URL: what another
 * server answers is only ever quoted this short, so the test cannot be used to read it.
 */
export const MAX_VENDOR_TEXT = 300

/** Longest message a connection test answers with, whatever a provider composed. */
export const MAX_CONNECTION_MESSAGE = 1000

/** `text` on one line: control and line-breaking characters become spaces, runs collapse. */
function oneLine(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
  )
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/**
 * A vendor's text as a message may quote it: one line, at most `max` characters. Providers
 * pass what a vendor's answer says (an error's text, a name) through this before putting it
 * in a message; a raw answer body is never quoted at all.
 */
export function vendorText(text: unknown, max = MAX_VENDOR_TEXT): string {
  return cut(oneLine(typeof text === "string" ? text : String(text ?? "")), max)
}

/** A connection test's message as it is answered: one line, bounded. */
export function cleanMessage(text: string): string {
  return cut(oneLine(text), MAX_CONNECTION_MESSAGE)
}
