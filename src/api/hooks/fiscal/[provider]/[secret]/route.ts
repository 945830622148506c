import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { handleFiscalCallback } from "../../../../../pipeline/callback"

/**
 * `POST /hooks/fiscal/:provider/:secret`: where cash-register services post results.
 * The secret in the path is the installation's callback secret (services such as ATOL
 * accept only a URL, no headers). The answer is immediate; the status the body claims is
 * confirmed by asking the vendor.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const result = await handleFiscalCallback(req.scope, {
    provider: req.params.provider,
    secret: req.params.secret,
    headers: req.headers,
    rawBody: (req as unknown as { rawBody?: Buffer }).rawBody,
    // already masked by the middleware; the secret never reaches a provider
    url: req.originalUrl,
  })
  res.status(result.status).json(result.body)
}

export const AUTHENTICATE = false
