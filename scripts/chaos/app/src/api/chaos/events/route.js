/**
 * `POST /chaos/events` `{ events: [{ name, data }] }`: hands the events to this app's event
 * bus, the way a module emits them, so the plugin's subscribers in this process receive
 * them. The chaos run delivers every `payment.captured` twice through it. Only the run that
 * started this app knows the token (CHAOS_TOKEN); the app listens on 127.0.0.1.
 */
const { Modules } = require("@medusajs/framework/utils")

const MAX_EVENTS = 1000

async function POST(req, res) {
  const token = process.env.CHAOS_TOKEN
  if (!token || req.headers["x-chaos-token"] !== token) {
    res.status(401).json({ message: "wrong or missing x-chaos-token" })
    return
  }
  const events = req.body?.events
  if (
    !Array.isArray(events) ||
    events.length > MAX_EVENTS ||
    !events.every((e) => typeof e?.name === "string" && e.data)
  ) {
    res.status(400).json({
      message: `events must be an array of at most ${MAX_EVENTS} { name, data }`,
    })
    return
  }
  await req.scope
    .resolve(Modules.EVENT_BUS)
    .emit(events.map((e) => ({ name: e.name, data: e.data })))
  res.json({ emitted: events.length })
}

module.exports = { POST }
