import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"

/** Largest callback body read: a result notice is a few kilobytes. */
export const CALLBACK_BODY_LIMIT = 64 * 1024

type Refusal = { status: number; message: string }

const TOO_LARGE: Refusal = {
  status: 413,
  message: `The body is larger than ${CALLBACK_BODY_LIMIT / 1024} KB.`,
}
const NOT_JSON: Refusal = {
  status: 400,
  message: "The body is not valid JSON.",
}
const UNREADABLE: Refusal = {
  status: 400,
  message: "The body could not be read.",
}

/** What the reader reads of a request and writes to it. */
type CallbackRequest = {
  headers: MedusaRequest["headers"]
  readableEnded: boolean
  body?: unknown
  rawBody?: Buffer
}

/** Whether the body is declared JSON (`application/json`, `application/…+json`). */
function isJson(req: CallbackRequest): boolean {
  const type = String(req.headers["content-type"] ?? "")
    .split(";")[0]
    .trim()
    .toLowerCase()
  return type === "application/json" || /^application\/[^/]+\+json$/.test(type)
}

function answer(res: MedusaResponse, refusal: Refusal): void {
  if (!res.headersSent && !res.writableEnded) {
    res.status(refusal.status).json({ message: refusal.message })
  }
}

/**
 * Reads a vendor callback's body in place of Medusa's body parser: the raw bytes, what a
 * provider parses, go to `req.rawBody`, a JSON body also to `req.body`. Medusa's parser hands
 * its failures (malformed JSON, a body too large, an upload cut off) to Medusa's error handler,
 * which logs the request's path, and the callback URL's path carries the installation's
 * secret. Here they are answered directly — 400 or 413, without the path — and nothing is
 * logged. A body over the limit is read to its end and dropped, so the sender gets the answer
 * rather than a reset connection.
 */
export function readCallbackBody(
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
): void {
  const request = req as unknown as CallbackRequest
  if (request.readableEnded) {
    next()
    return
  }
  const declared = Number(req.headers["content-length"])
  let refusal: Refusal | undefined =
    Number.isFinite(declared) && declared > CALLBACK_BODY_LIMIT
      ? TOO_LARGE
      : undefined
  const chunks: Buffer[] = []
  let size = 0
  req.on("data", (chunk: Buffer) => {
    if (refusal) {
      return
    }
    size += chunk.length
    if (size > CALLBACK_BODY_LIMIT) {
      refusal = TOO_LARGE
      chunks.length = 0
      return
    }
    chunks.push(chunk)
  })
  req.once("end", () => {
    if (refusal) {
      answer(res, refusal)
      return
    }
    const raw = Buffer.concat(chunks)
    request.rawBody = raw
    if (isJson(request)) {
      const text = raw.toString("utf8")
      try {
        request.body = text.trim() === "" ? {} : JSON.parse(text)
      } catch {
        answer(res, NOT_JSON)
        return
      }
    }
    next()
  })
  // an upload cut off: answered if the sender is still there, and never logged
  req.once("error", () => {
    answer(res, refusal ?? UNREADABLE)
  })
}
