/**
 * Plain SQL on a database connection: the part of MikroORM's entity manager (or of knex,
 * adapted) the module's hand-written statements use.
 */
export type SqlExecutor = {
  execute(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>
}

/** `?, ?, ?` for n bindings (knex would otherwise expand an array binding itself). */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => "?").join(", ")
}
