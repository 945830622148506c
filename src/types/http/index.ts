/**
 * Shapes of the plugin's admin API, shared by the routes (which check what they answer
 * against them) and the admin (which reads them). Types only: importing this pulls no
 * code into the admin bundle.
 */
export type * from "./corrections"
export type * from "./json"
export type * from "./marking"
export type * from "./providers"
export type * from "./receipts"
export type * from "./reconciliation"
export type * from "./reports"
export type * from "./settings"
export type * from "./stats"
