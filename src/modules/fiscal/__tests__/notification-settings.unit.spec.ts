import { parseFiscalOptions } from "../options"
import {
  applyNotificationUpdate,
  DEFAULT_NOTIFICATION_SETTINGS,
  notificationProblems,
  notificationSettingsSchema,
  resolveNotificationSettings,
} from "../settings/notifications"

describe("notification settings", () => {
  it("default to nothing emailed, in Russian", () => {
    expect(resolveNotificationSettings()).toEqual(DEFAULT_NOTIFICATION_SETTINGS)
    expect(DEFAULT_NOTIFICATION_SETTINGS).toMatchObject({
      recipients: [],
      daily_report: { enabled: false },
      weekly_report: { enabled: false },
      alert_emails: false,
      language: "ru",
    })
  })

  it("what the admin saved wins over the plugin option, field by field", () => {
    const resolved = resolveNotificationSettings(
      {
        recipients: ["a@shop.ru"],
        daily_report: { enabled: true, time: "08:00" },
        language: "en",
      },
      { daily_report: { time: "10:15" }, weekly_report: { weekday: 5 } }
    )
    expect(resolved).toEqual({
      recipients: ["a@shop.ru"],
      daily_report: { enabled: true, time: "10:15" },
      weekly_report: { enabled: false, weekday: 5, time: "09:00" },
      alert_emails: false,
      language: "en",
    })
  })

  it("a saved change keeps what it does not name", () => {
    expect(
      applyNotificationUpdate(
        { recipients: ["a@shop.ru"], daily_report: { enabled: true } },
        { daily_report: { time: "07:00" }, alert_emails: true }
      )
    ).toEqual({
      recipients: ["a@shop.ru"],
      daily_report: { enabled: true, time: "07:00" },
      alert_emails: true,
    })
  })

  it("an email switched on without recipients is a problem of the recipients field", () => {
    const on = resolveNotificationSettings({ weekly_report: { enabled: true } })
    expect(notificationProblems(on)).toEqual([
      [
        "notifications.recipients",
        expect.stringContaining("at least one address"),
        "recipients_required",
      ],
    ])
    expect(
      notificationProblems(
        resolveNotificationSettings({
          recipients: ["a@shop.ru"],
          alert_emails: true,
        })
      )
    ).toEqual([])
  })

  it("refuses wrong times, weekdays, addresses and languages with what is expected", () => {
    const issues = (input: unknown) =>
      notificationSettingsSchema
        .safeParse(input)
        .error?.issues.map((i) => [i.path.join("."), i.message])
    expect(issues({ daily_report: { time: "9:00" } })).toEqual([
      ["daily_report.time", "must be a time of day as HH:MM, e.g. 09:00"],
    ])
    expect(issues({ weekly_report: { weekday: 8 } })).toEqual([
      ["weekly_report.weekday", "must be 1 (Monday) to 7 (Sunday)"],
    ])
    expect(issues({ recipients: ["not-an-address"] })).toEqual([
      ["recipients.0", "must be email addresses"],
    ])
    expect(issues({ language: "de" })?.[0][0]).toBe("language")
    expect(
      issues({ recipients: Array.from({ length: 21 }, (_, i) => `a${i}@x.ru`) })
    ).toEqual([["recipients", "must be at most 20 addresses"]])
  })

  it("are a plugin option too", () => {
    const options = parseFiscalOptions({
      notifications: { recipients: ["a@shop.ru"], language: "en" },
    })
    expect(options.notifications).toEqual({
      recipients: ["a@shop.ru"],
      language: "en",
    })
    expect(options.worker.alert_fold_seconds).toBe(5)
    expect(() =>
      parseFiscalOptions({ notifications: { daily_report: { time: "x" } } })
    ).toThrow(/notifications\.daily_report\.time/)
  })
})
