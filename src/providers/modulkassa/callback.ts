/**
 * Reading МодульКасса's notice to `responseURL`. The doc does not say what it carries
 * (docs/vendors/modulkassa.md, "Callbacks"), so three places are read, most trusted first:
 * our own `external_id` in the responseURL (when the callback route passes the request
 * `url`), the `docNum` we sent, then the document `id`, from a JSON or a form body. Only the
 * document is named; its status is confirmed by a status lookup.
 */

/** Callback bodies are small; anything bigger is not МодульКасса's. */
const MAX_CALLBACK_BYTES = 64 * 1024

/** Ids this plugin sends: UUIDs, or external ids such as `ftx_01J…-1`. */
const DOCUMENT_ID = /^[A-Za-z0-9_.:-]{1,128}$/

/** What a notice names, for the pipeline to look the receipt up. */
export type NamedDocument = { vendorDocumentId?: string; externalId?: string }

/** A notice as the callback route hands it over; `url` is read when present. */
export type CallbackRequest = {
  headers: Record<string, string | string[] | undefined>
  rawBody: Buffer
  url?: unknown
}

/**
 * The document a notice names, or null when it is not a notice about one of ours.
 * `documentIdOf` derives the МодульКасса id of an external id; `idIsExternalId` is true when
 * the connection sends external ids as document ids.
 */
export function parseModulCallback(
  req: CallbackRequest,
  documentIdOf: (externalId: string) => string,
  idIsExternalId: boolean
): NamedDocument | null {
  const fromUrl = externalIdFromUrl(req.url)
  if (fromUrl) {
    return { externalId: fromUrl }
  }
  if (
    !Buffer.isBuffer(req.rawBody) ||
    req.rawBody.length === 0 ||
    req.rawBody.length > MAX_CALLBACK_BYTES
  ) {
    return null
  }
  const fields = callbackFields(req.rawBody, req.headers)
  if (!fields) {
    return null
  }
  const docNum = validId(fields.docNum)
  const id = validId(fields.id)
  if (docNum && (!id || documentIdOf(docNum) === id)) {
    return { externalId: docNum }
  }
  if (!id) {
    return null
  }
  return idIsExternalId ? { externalId: id } : { vendorDocumentId: id }
}

function validId(value: unknown): string | undefined {
  return typeof value === "string" && DOCUMENT_ID.test(value)
    ? value
    : undefined
}

/** `external_id` of our responseURL, when the callback route passes the request URL. */
function externalIdFromUrl(url: unknown): string | undefined {
  if (typeof url !== "string" || url === "") {
    return undefined
  }
  try {
    return validId(
      new URL(url, "http://callback.invalid").searchParams.get("external_id") ??
        undefined
    )
  } catch {
    return undefined
  }
}

/** The fields of a JSON or form-encoded callback body, or null when it is neither. */
function callbackFields(
  rawBody: Buffer,
  headers: Record<string, string | string[] | undefined>
): Record<string, unknown> | null {
  const text = rawBody.toString("utf8").trim()
  const contentType = String(headers["content-type"] ?? "").toLowerCase()
  if (text.startsWith("{")) {
    try {
      const body = JSON.parse(text) as unknown
      return body && typeof body === "object" && !Array.isArray(body)
        ? (body as Record<string, unknown>)
        : null
    } catch {
      return null
    }
  }
  if (
    contentType.includes("application/x-www-form-urlencoded") ||
    /^[\w.%+-]+=[^&]*(&[\w.%+-]+=[^&]*)*$/.test(text)
  ) {
    return Object.fromEntries(new URLSearchParams(text))
  }
  return null
}
