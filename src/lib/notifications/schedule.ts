import { addDays, moscowDay } from "../moscow-day"
import type { NotificationSettings } from "../../types/http/settings"
import type { ReportSchedule } from "../../types/lists"

/** A scheduled report whose time has come: its schedule and its Moscow days. */
export type DueReport = { kind: ReportSchedule; from: string; to: string }

/** Moscow is UTC+3 all year. */
const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000

/** Minutes since Moscow midnight of an instant. */
function moscowMinutes(now: Date): number {
  const at = new Date(now.getTime() + MOSCOW_OFFSET_MS)
  return at.getUTCHours() * 60 + at.getUTCMinutes()
}

/** `HH:MM` as minutes since midnight. */
function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number)
  return h * 60 + m
}

/** ISO weekday of a Moscow day: 1 Monday … 7 Sunday. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay()
  return d === 0 ? 7 : d
}

/**
 * The scheduled reports due at `now` (docs/architecture.md, "Reports and alerts"): the
 * daily one, about yesterday, from its time on each day; the weekly one, about the seven
 * days up to yesterday, from its time on its weekday. A report stays due for the rest of
 * that day, so a server that was down at the time sends it when it is back; the delivery
 * row keeps it to once. Pure.
 */
export function dueReports(
  now: Date,
  settings: Pick<NotificationSettings, "daily_report" | "weekly_report">
): DueReport[] {
  const today = moscowDay(now)
  const minutes = moscowMinutes(now)
  const yesterday = addDays(today, -1)
  const due: DueReport[] = []
  const { daily_report: daily, weekly_report: weekly } = settings
  if (daily.enabled && minutes >= minutesOf(daily.time)) {
    due.push({ kind: "daily", from: yesterday, to: yesterday })
  }
  if (
    weekly.enabled &&
    isoWeekday(today) === weekly.weekday &&
    minutes >= minutesOf(weekly.time)
  ) {
    due.push({ kind: "weekly", from: addDays(today, -7), to: yesterday })
  }
  return due
}
