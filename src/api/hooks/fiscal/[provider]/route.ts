import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { handleFiscalCallback } from "../../../../pipeline/callback"

/**
 * `POST /hooks/fiscal/:provider` with the secret in the `x-fiscal-secret` header, for
 * services that can send headers with their webhooks.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const header = req.headers["x-fiscal-secret"]
  const result = await handleFiscalCallback(req.scope, {
    provider: req.params.provider,
    secret: Array.isArray(header) ? header[0] : header,
    headers: req.headers,
    rawBody: (req as unknown as { rawBody?: Buffer }).rawBody,
    url: req.originalUrl,
  })
  res.status(result.status).json(result.body)
}

export const AUTHENTICATE = false
