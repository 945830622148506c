import Medusa from "@medusajs/js-sdk"

/** The admin's own session: plugin routes are called with the dashboard's cookie. */
export const sdk = new Medusa({
  baseUrl: "/",
  auth: { type: "session" },
})
