/** How a run's figures are printed. */
const { duration } = require("./util")

/** How many cases of each kind are printed in full; the rest are counted. */
const SHOW = 10

const sum = (faults) => Object.values(faults).reduce((a, n) => a + n, 0)

function faultsLine(faults) {
  const entries = Object.entries(faults).filter(([, n]) => n > 0)
  return entries.length
    ? `${sum(faults)} (${entries.map(([k, n]) => `${k} ${n}`).join(", ")})`
    : "0"
}

function vendorReport(r) {
  const v = r.verdict
  const c = r.chaos
  const pause = c.pause?.paused
    ? `${c.pause.owner} stopped ${duration(c.pause.ms)} holding ${c.pause.held} rows to send`
    : `not done (${c.pause?.why ?? "the run ended first"})`
  const db = c.db?.downMs
    ? `restarted, down ${duration(c.db.downMs)}, ${c.deliveriesWhileDbDown} deliveries meanwhile`
    : `not restarted (${c.db?.error ?? "the run ended first"})`
  const lines = [
    `== ${r.vendor}${r.timedOut ? " (time bound reached)" : ""}`,
    `orders            ${v.orders} paid, ${c.events} payment.captured deliveries`,
    `faults injected   ${faultsLine(r.faults)}`,
    `vendor documents  ${r.ledger.documents} (sale ${r.ledger.sell}, failed ${r.ledger.failed})`,
    `SIGKILLs          ${c.kills} (workers that died by themselves: ${c.workerExits}, app: ${c.appExits})`,
    `pause             ${pause}`,
    `database          ${db}`,
    `ok                ${v.ok} (done, exactly one registered document)`,
    `DUPLICATES        ${v.duplicates.length}`,
    `LOST              ${v.lost.length}${v.lost.length ? ` (every delivery within 2 s of the database downtime: ${c.lostNearDowntime})` : ""}`,
    `STUCK             ${v.stuck.length}`,
    `recorded late     ${c.recordedLate} sale receipts made over 30 s after their order's last event (by the plugin's sweep, not the subscriber)${c.graceWaitMs ? `; waited ${duration(c.graceWaitMs)} for missing ones` : ""}`,
    `failed/invalid    ${v.legitFailures.length} (refused by the vendor or the data)`,
    `unclassified      ${v.unclassified.length}`,
    `time              ${duration(r.timings.wall)} (app up in ${duration(r.timings.appBoot)}, events to settled ${duration(r.timings.processing)})`,
  ]
  for (const [title, list] of [
    ["duplicates", v.duplicates],
    ["lost", v.lost],
    ["stuck", v.stuck],
    ["failed/invalid", v.legitFailures],
    ["unclassified", v.unclassified],
  ]) {
    if (!list.length) continue
    lines.push(`  ${title}:`)
    // what the run cannot classify is always shown in full
    const shown = title === "unclassified" ? list : list.slice(0, SHOW)
    for (const item of shown) lines.push(`    ${JSON.stringify(item)}`)
    if (list.length > shown.length) {
      lines.push(
        `    … and ${list.length - shown.length} more (in verdict.json)`
      )
    }
  }
  lines.push(`logs, verdict     ${r.dir}`)
  return lines.join("\n")
}

function summaryTable(results) {
  const head = [
    "vendor",
    "orders",
    "faults",
    "docs",
    "ok",
    "dup",
    "lost",
    "stuck",
    "unclass",
    "time",
  ]
  const rows = results.map((r) =>
    r.error
      ? [r.vendor, "-", "-", "-", "-", "-", "-", "-", "-", `error: ${r.error}`]
      : [
          r.vendor,
          r.verdict.orders,
          sum(r.faults),
          r.ledger.documents,
          r.verdict.ok,
          r.verdict.duplicates.length,
          r.verdict.lost.length,
          r.verdict.stuck.length,
          r.verdict.unclassified.length,
          duration(r.timings.wall),
        ]
  )
  const widths = head.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => String(row[i]).length))
  )
  const fmt = (row) =>
    row
      .map((cell, i) => String(cell).padEnd(widths[i]))
      .join("  ")
      .trimEnd()
  return [fmt(head), ...rows.map(fmt)].join("\n")
}

module.exports = { vendorReport, summaryTable }
