import type { MedusaRequest } from "@medusajs/framework/http"

/** `https://shop.example` as the browser reached this server (honours the proxy settings of express). */
export function requestOrigin(req: MedusaRequest): string {
  return `${req.protocol}://${req.get("host") ?? "localhost"}`
}
