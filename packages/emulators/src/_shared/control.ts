/** A control answer: always a JSON body. */
export type ControlResponse = { status: number; body: unknown }

/**
 * Control routes keyed `"METHOD /__control/path"`; each returns the JSON body of a 200 answer
 * and throws to answer 400 with the error's message.
 */
export type ControlRoutes = Record<string, () => unknown>

/** What the routes every emulator shares need from its engine. */
export type ControlledEngine<I> = {
  faults: { get(): unknown; set(input: I): unknown }
  stats(): unknown
  idle(): Promise<void>
}

/**
 * Answers one control request from `routes`: 200 with the handler's result, 400 with the
 * message of what it threw (a bad body), 404 for a route nobody handles.
 */
export async function answerControl(
  route: string,
  routes: ControlRoutes,
  options: {
    /**
     * Routes whose errors mean a bad request; any other route's error propagates (the server
     * answers 500). Default: every route's.
     */
    badRequestRoutes?: readonly string[]
  } = {}
): Promise<ControlResponse> {
  if (!Object.prototype.hasOwnProperty.call(routes, route)) {
    return {
      status: 404,
      body: { message: `Unknown control route ${route}` },
    }
  }
  try {
    return { status: 200, body: await routes[route]() }
  } catch (error) {
    if (options.badRequestRoutes && !options.badRequestRoutes.includes(route)) {
      throw error
    }
    return { status: 400, body: { message: (error as Error).message } }
  }
}

/** Where a bad body is the caller's fault in every emulator: the fault plan it sends. */
export const FAULTS_ROUTE = "POST /__control/faults"

/** A control body as a JSON object; an empty body is `{}`. Throws on anything else. */
export function jsonObject<T = Record<string, unknown>>(body: Buffer): T {
  const input =
    body.length === 0 ? {} : (JSON.parse(body.toString("utf8")) as unknown)
  if (!input || typeof input !== "object" || Array.isArray(input)) {
    throw new Error("the body must be a JSON object")
  }
  return input as T
}

/**
 * The routes every emulator answers alike: the fault plan (read and change), counters and
 * `idle`. `release` runs after a plan change, so work held by `stuckInWait` resumes at once.
 */
export function commonControlRoutes<I>(
  engine: ControlledEngine<I>,
  body: Buffer,
  release: () => void
): ControlRoutes {
  return {
    "GET /__control/stats": () => engine.stats(),
    "GET /__control/faults": () => engine.faults.get(),
    [FAULTS_ROUTE]: () => {
      const faults = engine.faults.set(jsonObject<I>(body))
      release()
      return faults
    },
    "GET /__control/idle": async () => {
      await engine.idle()
      return { idle: true }
    },
  }
}
