import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LIFECYCLE_CLOCKS } from "../modules/fiscal/lifecycle"
import { processFiscalQueue } from "./process-queue"

type PromptState = { running: boolean; again: boolean; timer?: NodeJS.Timeout }
const states = new WeakMap<object, PromptState>()

function stateOf(container: MedusaContainer): PromptState {
  let state = states.get(container)
  if (!state) {
    state = { running: false, again: false }
    states.set(container, state)
  }
  return state
}

/**
 * Asks for the outbox to be processed now, in the background of this process, instead of
 * at the next cron tick. Calls while a run is going coalesce into one more run. When a run
 * leaves documents in `wait`, one follow-up run checks them shortly after, so a receipt is
 * usually `done` within seconds. The scheduled jobs stay the safety net: a prompt run that
 * dies loses nothing.
 */
export function requestPromptProcessing(container: MedusaContainer): void {
  const state = stateOf(container)
  if (state.running) {
    state.again = true
    return
  }
  state.running = true
  setImmediate(async () => {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    let waiting = false
    try {
      do {
        state.again = false
        const result = await processFiscalQueue(container, { budgetMs: 30_000 })
        waiting = [...result.sent, ...result.checked].some(
          (t) => t.status === "wait"
        )
      } while (state.again)
    } catch (e) {
      logger.error(`fiscal: prompt processing failed: ${(e as Error).message}`)
    } finally {
      state.running = false
    }
    if (waiting && !state.timer) {
      state.timer = setTimeout(() => {
        state.timer = undefined
        requestPromptProcessing(container)
      }, LIFECYCLE_CLOCKS.followUpMs)
      state.timer.unref()
    }
  })
}
