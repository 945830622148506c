/**
 * The admin of medusa-fiscal in headless Chromium against the real demo store
 * (`npm run demo`: Medusa, the packed plugin, the ATOL emulator): the order widget and its
 * actions, Settings → Fiscalization, the receipts list, the reconciliation, the fiscal
 * report, both languages, and the promise that a saved password never comes back from the
 * server. Screenshots go to docs/screenshots.
 *
 * Set FISCAL_BROWSER_DEMO_URL and FISCAL_BROWSER_EMULATOR_URL to run against a demo that is
 * already up (the tests change its settings and add orders), and FISCAL_BROWSER_DATABASE_URL
 * (its database) for the tests that plant a capture without a receipt.
 */
import fs from "node:fs"
import path from "node:path"
import type { Page } from "playwright-core"
import { ATOL_TEST_ACCOUNTS } from "medusa-fiscal-emulator/atol"
import { AdminUi } from "./helpers/admin-ui"
import { launchRecordedBrowser, type RecordedBrowser } from "./helpers/browser"
import { startDemoStore, type DemoStore } from "./helpers/demo-store"
import { StoreApi } from "./helpers/store-api"
import type { FiscalReport } from "../../src/types/http/reports"

jest.setTimeout(90_000)

const ATOL_PASSWORD = ATOL_TEST_ACCOUNTS.find(
  (a) => a.login === "v5-online-atol-ru"
)!.password
const ARTIFACTS = path.resolve(__dirname, "../../test-artifacts/browser")
const INN_FAILURE = { failNext: { count: 1, type: "agent", code: 2009 } }

let store: DemoStore | undefined
let api: StoreApi
let recorded: RecordedBrowser
let page: Page
let ui: AdminUi
const startedAt = Date.now()
// orders the screenshots show: one resold (a chain of three receipts), one left failed
let resoldOrderId = ""
let failedOrderId = ""
// the order of marked shoes whose codes the staff scanned
let markedOrderId = ""

/** The GS1 group separator a scanner sends between the parts of a marking code. */
const GS = "\u001d"
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
const random = (length: number, alphabet = ALNUM) =>
  Array.from(
    { length },
    () => alphabet[Math.floor(Math.random() * alphabet.length)]
  ).join("")

/** A GTIN-14 with its GS1 mod-10 check digit. */
function gtin14(body13: string): string {
  let sum = 0
  for (let i = 0; i < 13; i++) {
    sum += Number(body13[12 - i]) * (i % 2 === 0 ? 3 : 1)
  }
  return body13 + ((10 - (sum % 10)) % 10)
}

/**
 * A marking code of the demo's marked shoes, size 41 (EAN 4607002134588), as a scanner
 * reads it: (01) GTIN, (21) a 13-character serial, GS, (91) the key id, GS, (92) the
 * 44-character crypto tail. New serial every call, so a run against a reused demo never
 * meets its earlier codes.
 */
const markCode = (gtinBody = "0460700213458") =>
  `01${gtin14(gtinBody)}21${random(13)}${GS}91EE11${GS}92${random(43, `${ALNUM}+/`)}=`

/** How the admin lists a code: each separator drawn as ␝. */
const shown = (code: string) => code.split(GS).join("␝")

/** An order placed and paid through the admin API, as a manager marking it paid would. */
async function paidOrder(email: string) {
  const order = await api.placeOrder(email)
  await api.markPaid(order)
  return order
}

beforeAll(async () => {
  const reuse = process.env.FISCAL_BROWSER_DEMO_URL
  if (reuse) {
    api = new StoreApi(
      reuse,
      process.env.FISCAL_BROWSER_EMULATOR_URL ?? "http://127.0.0.1:4010",
      process.env.FISCAL_BROWSER_DATABASE_URL
    )
  } else {
    store = await startDemoStore()
    api = new StoreApi(store.baseUrl, store.emulatorUrl, store.databaseUrl)
  }
  await api.faults({ failNext: null, stuckInWait: false })
  await api.idle()
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  recorded = await launchRecordedBrowser()
  // from the first response on: the password must never come back, whatever page asked
  recorded.watch(ATOL_PASSWORD)
  page = recorded.page
  page.setDefaultTimeout(20_000)
  ui = new AdminUi(page, api.baseUrl)
}, 360_000)

// the last state of every test, for reading a failure from CI
afterEach(async () => {
  const name = (expect.getState().currentTestName ?? "test").replace(
    /[^\w-]+/g,
    "-"
  )
  await page
    ?.screenshot({ path: path.join(ARTIFACTS, `${name.slice(0, 80)}.png`) })
    .catch(() => {})
})

afterAll(async () => {
  await recorded?.close()
  if (store) {
    await store.stop()
  }
  process.stdout.write(
    `[browser] stage took ${Math.round((Date.now() - startedAt) / 1000)} s` +
      (store ? ` (demo log: ${store.logFile})\n` : "\n")
  )
}, 60_000)

it("logs in to the admin", async () => {
  await ui.login()
  expect(page.url()).toContain("/app/orders")
})

it("shows a paid order's sale receipt as registered, with its fiscal data", async () => {
  const order = await paidOrder("ivanova.browser@example.com")
  await api.waitForReceipts(order.id, (rs) =>
    rs.some((r) => r.status === "done")
  )
  await ui.openOrder(order.id)
  const sale = ui.receipt("sale", "done")
  await sale.waitFor()
  const text = await sale.innerText()
  expect(text).toContain("Sale")
  // what the receipt is for: the capture and its amount
  expect(text).toMatch(/For the capture of .*₽/)
  expect(text).toContain("Registered")
  expect(text).toContain("₽")
  expect(text).toMatch(/FD \d+ · FP \d+ · Receipt no\. \d+/)
  expect(
    await sale
      .getByRole("link", { name: /Receipt at the OFD/ })
      .getAttribute("href")
  ).toMatch(/^https?:\/\//)
  // registered and not resold: only Resell is offered
  expect(
    await ui.widget().getByRole("button", { name: "Send to KKM" }).count()
  ).toBe(0)
  expect(await sale.getByRole("button", { name: "Resell" }).count()).toBe(1)
})

it("shows a failed receipt with its reason; Send to KKM registers it once the cause is gone", async () => {
  await api.idle()
  await api.faults(INN_FAILURE)
  const order = await paidOrder("sidorov.browser@example.com")
  await api.waitForReceipts(order.id, (rs) =>
    rs.some((r) => r.status === "failed")
  )
  await ui.openOrder(order.id)
  const failed = ui.receipt("sale", "failed")
  await failed.waitFor()
  const error = await failed
    .locator('[data-testid="receipt-error"]')
    .innerText()
  expect(error).toContain("2009")
  expect(error).toContain("Send to KKM")

  await api.faults({ failNext: null })
  await ui.widget().getByRole("button", { name: "Send to KKM" }).click()
  await ui.toast("The receipt is queued for the cash register")
  await ui.receipt("sale", "done").waitFor({ timeout: 45_000 })
  expect(
    await ui.widget().getByRole("button", { name: "Send to KKM" }).count()
  ).toBe(0)
  expect(
    await ui.receipt("sale").locator('[data-testid="receipt-error"]').count()
  ).toBe(0)
})

it("checks the status of a receipt the service is still processing", async () => {
  await api.faults({ stuckInWait: true })
  const order = await paidOrder("kuznetsova.browser@example.com")
  const [waiting] = await api.waitForReceipts(order.id, (rs) =>
    rs.some((r) => r.status === "wait")
  )
  await ui.openOrder(order.id)
  const row = ui.receipt("sale", "wait")
  await row.waitFor()
  await row.getByRole("button", { name: "Check status" }).click()
  await ui.toast("Status: Processing")

  await api.faults({ stuckInWait: false })
  await api.waitForLedger(waiting.external_id, "done")
  // the service has registered it; a background check may get there first, which is fine
  const check = row.getByRole("button", { name: "Check status" })
  if (await check.isVisible()) {
    await check.click({ timeout: 3_000 }).catch(() => {})
  }
  await ui.receipt("sale", "done").waitFor({ timeout: 45_000 })
})

it("resells a registered receipt after confirmation: a refund of it, then a new sale", async () => {
  const order = await paidOrder("morozov.browser@example.com")
  await api.waitForReceipts(order.id, (rs) =>
    rs.some((r) => r.status === "done")
  )
  const ledgerBefore = await api.ledgerSize()
  await ui.openOrder(order.id)
  await ui
    .receipt("sale", "done")
    .getByRole("button", { name: "Resell" })
    .click()

  const dialog = page.getByRole("alertdialog")
  await dialog.waitFor()
  expect(await dialog.innerText()).toMatch(/Resell this receipt\?[\s\S]*FD \d+/)
  await dialog.getByRole("button", { name: "Resell" }).click()
  await ui.toast("Resell started")

  await ui.receipt("resell_refund", "done").waitFor({ timeout: 60_000 })
  await ui.receipt("resell_sale", "done").waitFor({ timeout: 60_000 })
  expect(await api.ledgerSize()).toBe(ledgerBefore + 2)
  // the original is re-issued now: Resell moves to the new sale
  expect(
    await ui.receipt("sale").getByRole("button", { name: "Resell" }).count()
  ).toBe(0)
  expect(
    await ui
      .receipt("resell_sale")
      .getByRole("button", { name: "Resell" })
      .count()
  ).toBe(1)
  resoldOrderId = order.id
})

it("shows an invalid INN next to its field and keeps saved settings after a reload", async () => {
  await ui.open("/settings/fiscal")
  await ui.field("company.inn").waitFor()
  const inn = await ui.field("company.inn").inputValue()

  await ui.field("company.inn").fill("5544332218")
  await page.getByTestId("save-settings").click()
  await ui.toast("Settings were not saved")
  expect(await ui.fieldError("company.inn").innerText()).toMatch(
    /Not a valid INN/
  )

  await ui.field("company.inn").fill(inn)
  await ui.field("company.email").fill("orders@medusa-fiscal.test")
  await ui.field("retry.intervals_minutes").fill("2, 10, 30")
  await ui.field("retry.max_attempts").fill("12")
  await page.getByTestId("save-settings").click()
  await ui.toast("Settings saved")

  await page.reload()
  await ui.field("company.email").waitFor()
  expect(await ui.field("company.email").inputValue()).toBe(
    "orders@medusa-fiscal.test"
  )
  expect(await ui.field("retry.intervals_minutes").inputValue()).toBe(
    "2, 10, 30"
  )
  expect(await ui.field("retry.max_attempts").inputValue()).toBe("12")
  expect(await ui.field("company.inn").inputValue()).toBe(inn)
})

it("stores the ATOL password write-only: tested, saved, shown as set, and used", async () => {
  await ui.open("/settings/fiscal")
  const password = ui.field("provider_config.password")
  await password.waitFor()
  await password.fill(ATOL_PASSWORD)
  await page.getByRole("button", { name: "Test connection" }).click()
  const result = page.getByTestId("test-connection-result")
  await result.waitFor()
  expect(await result.getAttribute("data-ok")).toBe("true")
  expect(await result.innerText()).toContain("Connected")

  await page.getByTestId("save-settings").click()
  await ui.toast("Settings saved")
  await page.reload()
  await password.waitFor()
  expect(await password.inputValue()).toBe("")
  expect(
    await page
      .locator('[data-field="provider_config.password"] [data-secret-state]')
      .getAttribute("data-secret-state")
  ).toBe("set")

  // receipts keep going through with the password stored encrypted
  const order = await paidOrder("volkova.browser@example.com")
  await api.waitForReceipts(order.id, (rs) =>
    rs.some((r) => r.status === "done")
  )
})

it("lists receipts with counts by status, filters, and bulk Retry and Check status", async () => {
  await api.idle()
  await api.faults(INN_FAILURE)
  const failedA = await paidOrder("failed.a@example.com")
  await api.waitForReceipts(failedA.id, (rs) =>
    rs.some((r) => r.status === "failed")
  )
  await api.faults(INN_FAILURE)
  const failedB = await paidOrder("failed.b@example.com")
  await api.waitForReceipts(failedB.id, (rs) =>
    rs.some((r) => r.status === "failed")
  )

  await ui.open("/fiscal-receipts")
  const counts = page.getByTestId("receipt-counts")
  await counts.waitFor()
  const failedCount = await counts
    .locator('[data-status-count="failed"]')
    .innerText()
  expect(failedCount).toMatch(/^Failed: \d+$/)
  expect(Number(failedCount.split(": ")[1])).toBeGreaterThanOrEqual(2)

  // the order number filter finds the receipts of one order, linked by its number
  const rows = page.getByTestId("receipts-table").locator("tbody tr")
  const onlyRow = (status: string) =>
    page.waitForFunction(
      (s) => {
        const trs = document.querySelectorAll(
          '[data-testid="receipts-table"] tbody tr'
        )
        return trs.length === 1 && trs[0].getAttribute("data-status") === s
      },
      status,
      { timeout: 45_000 }
    )
  await ui.field("filter-order").fill(String(failedA.display_id))
  await onlyRow("failed")
  await rows
    .first()
    .getByRole("link", { name: `#${failedA.display_id}`, exact: true })
    .waitFor()

  // bulk Retry of the selection: the cause is gone, so it registers
  await rows.first().getByRole("checkbox").click()
  await page.getByRole("button", { name: "Retry" }).click()
  await ui.toast("Queued 1 of 1 receipts")
  await onlyRow("done")

  // bulk Check status of a selection: the newest receipt is one the service is still
  // processing, the next one the failed receipt of order B
  await api.faults({ stuckInWait: true })
  const waitingOrder = await paidOrder("waiting@example.com")
  const [waiting] = await api.waitForReceipts(waitingOrder.id, (rs) =>
    rs.some((r) => r.status === "wait")
  )
  await ui.field("filter-order").fill("")
  const newest = rows.first()
  await newest
    .getByRole("link", { name: `#${waitingOrder.display_id}`, exact: true })
    .waitFor()
  const checkTwo = async () => {
    await newest.getByRole("checkbox").click()
    await rows.nth(1).getByRole("checkbox").click()
    await page.getByRole("button", { name: "Check status" }).click()
  }
  await checkTwo()
  await ui.toast("Checked 2 receipts, registered: 0")
  expect(await newest.getAttribute("data-status")).toBe("wait")

  await api.faults({ stuckInWait: false })
  await api.waitForLedger(waiting.external_id, "done")
  await checkTwo()
  await ui.toast("Checked 2 receipts, registered: 1")
  await page.waitForSelector(
    '[data-testid="receipts-table"] tbody tr:first-child[data-status="done"]'
  )
  failedOrderId = failedB.id
})

it("follows the admin's language: screenshots in English and Russian", async () => {
  const shoot = async (lang: "en" | "ru") => {
    await ui.openOrder(resoldOrderId)
    await ui.receipt("resell_sale", "done").waitFor()
    await ui.screenshot(`order-widget-${lang}`, ui.widget())
    await ui.openOrder(failedOrderId)
    await ui.receipt("sale", "failed").waitFor()
    await ui.screenshot(`order-widget-failed-${lang}`, ui.widget())
    await ui.open("/settings/fiscal")
    await ui.field("company.inn").waitFor()
    await ui.tallScreenshot(`settings-${lang}`, 2500)
    await ui.open("/fiscal-receipts")
    await page.getByTestId("receipts-table").waitFor()
    await page.locator('[data-status-count="failed"]').waitFor()
    await ui.screenshot(`receipts-list-${lang}`)
  }
  await shoot("en")

  await ui.switchLanguage("Русский")
  await ui.openOrder(failedOrderId)
  await ui.receipt("sale", "failed").waitFor()
  const widgetText = await ui.widget().innerText()
  expect(widgetText).toContain("Фискальные чеки")
  expect(widgetText).toContain("Приход")
  expect(widgetText).toContain("Ошибка")
  expect(widgetText).toContain("Отправить в ККМ")
  await ui.openOrder(resoldOrderId)
  await ui.receipt("resell_sale", "done").waitFor()
  expect(await ui.widget().innerText()).toMatch(
    /Перепробитие: возврат прихода[\s\S]*Пробит/
  )
  expect(await ui.receipt("resell_sale").getByRole("button").innerText()).toBe(
    "Перепробить"
  )
  expect(await page.locator("nav, aside").first().innerText()).toContain(
    "Фискальные чеки"
  )
  await shoot("ru")

  await ui.switchLanguage("English")
})

it("shows the receipt settings of marked goods and handover, and keeps the tag of marked products", async () => {
  await ui.open("/settings/fiscal")
  const handover = ui.field("receipt.handover")
  await handover.waitFor()
  expect(
    await page.locator('[data-field="receipt.handover"] label').innerText()
  ).toBe("Goods are handed over (prepayment mode: the settlement receipt)")
  await handover.click()
  for (const label of [
    "When a fulfillment is created",
    "When it is shipped",
    "When it is marked delivered",
  ]) {
    await page.getByRole("option", { name: label, exact: true }).waitFor()
  }
  await page.keyboard.press("Escape")

  const tag = ui.field("receipt.marked_product_tag")
  expect(await tag.getAttribute("placeholder")).toBe("Честный знак")
  expect(
    await page.locator('[data-field="receipt.marked_product_tag"]').innerText()
  ).toContain("Products with this tag are marked goods")
  await tag.fill("Честный знак")
  await page.getByTestId("save-settings").click()
  await ui.toast("Settings saved")
  await page.reload()
  await tag.waitFor()
  expect(await tag.inputValue()).toBe("Честный знак")
})

it("takes marking codes from a scanner: refused codes say why, the held receipt goes out once all are in", async () => {
  await api.idle()
  const order = await api.placeOrder("smirnova.browser@example.com", [
    { variant_id: await api.markedVariantId(), quantity: 2 },
  ])
  await api.markPaid(order)
  // full payment: the sale receipt of two marked pairs waits for their codes
  const [held] = await api.waitForReceipts(order.id, (rs) =>
    rs.some((r) => r.status === "invalid")
  )
  expect(held.error_code).toBe("MARK_CODES_MISSING")

  await ui.openOrder(order.id)
  const section = ui.markingSection()
  await section.waitFor()
  expect(await section.innerText()).toContain("Marking codes")
  const count = section.getByTestId("marking-count")
  expect(await count.innerText()).toBe("0 of 2 codes")
  const input = section.getByTestId("marking-input")
  await input.click()

  // a scan that is no marking code: refused under the input, kept selected for a re-scan
  await ui.scan("not-a-marking-code")
  const error = section.getByTestId("marking-error")
  await error.first().waitFor()
  expect(await error.first().getAttribute("data-reason")).toBe("not_gs1")
  expect(await error.first().innerText()).toContain("Not a marking code")
  expect(await input.inputValue()).toBe("not-a-marking-code")
  expect(
    await input.evaluate((el: HTMLInputElement) => [
      el.selectionStart,
      el.selectionEnd,
      document.activeElement === el,
    ])
  ).toEqual([0, "not-a-marking-code".length, true])
  expect(await count.innerText()).toBe("0 of 2 codes")

  // a code of size 42 (EAN 4607002134595) on the line of size 41
  const otherSize = markCode("0460700213459")
  await ui.scan(otherSize)
  await error.filter({ hasText: "This code is of another product" }).waitFor()
  expect(await error.first().getAttribute("data-reason")).toBe("wrong_product")
  expect(await input.inputValue()).toBe(otherSize)

  // two units scanned one after the other, as fast as a scanner types
  const codes = [markCode(), markCode()]
  for (const code of codes) {
    await ui.scan(code)
  }
  await count.filter({ hasText: "2 of 2 codes" }).waitFor()
  const listed = section.getByTestId("marking-code")
  expect(await listed.count()).toBe(2)
  expect((await listed.allInnerTexts()).map((t) => t.trim())).toEqual(
    codes.map(shown)
  )
  expect(await error.count()).toBe(0)
  expect(await input.inputValue()).toBe("")

  // the first code again: a code is sold once
  await ui.scan(codes[0])
  await error.first().waitFor()
  expect(await error.first().getAttribute("data-reason")).toBe(
    "duplicate_in_shop"
  )
  expect(await error.first().innerText()).toContain(
    "This code has already been entered"
  )
  expect(await listed.count()).toBe(2)

  // the codes are in: the receipt held for them is registered
  await ui.receipt("sale", "done").waitFor({ timeout: 60_000 })
  await ui.screenshot("marking-codes-en", section)
  markedOrderId = order.id
})

it("keeps the codes of a registered receipt: removing one is refused with the reason", async () => {
  await ui.openOrder(markedOrderId)
  const section = ui.markingSection()
  const code = section.getByTestId("marking-code").first()
  await code.waitFor()
  await code.getByRole("button", { name: "Remove code" }).click()
  const dialog = page.getByRole("alertdialog")
  await dialog.waitFor()
  expect(await dialog.innerText()).toContain("Remove this code?")
  await dialog.getByRole("button", { name: "Remove" }).click()
  await ui.toast("The code was not removed")
  expect(await section.getByTestId("marking-code").count()).toBe(2)
  expect(await section.getByTestId("marking-count").innerText()).toBe(
    "2 of 2 codes"
  )
})

it("takes a paste of several codes as one entry, and removes a code after confirmation", async () => {
  const order = await api.placeOrder("orlova.browser@example.com", [
    { variant_id: await api.markedVariantId(), quantity: 2 },
  ])
  await ui.openOrder(order.id)
  const section = ui.markingSection()
  await section.waitFor()
  const codes = [markCode(), markCode()]
  await ui.paste(section.getByTestId("marking-input"), codes.join("\r\n"))
  await section
    .getByTestId("marking-count")
    .filter({ hasText: "2 of 2 codes" })
    .waitFor()
  expect(
    (await section.getByTestId("marking-code").allInnerTexts()).map((t) =>
      t.trim()
    )
  ).toEqual(codes.map(shown))

  // a wrong unit scanned: its code is removed after a confirmation, and the unit waits again
  await section
    .getByTestId("marking-code")
    .last()
    .getByRole("button", { name: "Remove code" })
    .click()
  const dialog = page.getByRole("alertdialog")
  await dialog.waitFor()
  await dialog.getByRole("button", { name: "Remove" }).click()
  await ui.toast("Code removed")
  await section
    .getByTestId("marking-count")
    .filter({ hasText: "1 of 2 codes" })
    .waitFor()
  expect(
    (await section.getByTestId("marking-code").allInnerTexts()).map((t) =>
      t.trim()
    )
  ).toEqual([shown(codes[0])])
  // the scan input has the focus back for the next unit
  await page.waitForFunction(
    () =>
      document.activeElement?.getAttribute("data-testid") === "marking-input",
    undefined,
    { timeout: 5_000 }
  )
})

it("shows the marking codes and their settings in Russian", async () => {
  await ui.switchLanguage("Русский")
  try {
    await ui.openOrder(markedOrderId)
    const section = ui.markingSection()
    await section.waitFor()
    const text = await section.innerText()
    expect(text).toContain("Коды маркировки")
    expect(await section.getByTestId("marking-count").innerText()).toBe(
      "2 из 2 кодов"
    )
    await section.getByTestId("marking-input").click()
    // a misread code: its GTIN's check digit does not match
    await ui.scan("0104607000000000")
    const error = section.getByTestId("marking-error").first()
    await error.waitFor()
    expect(await error.getAttribute("data-reason")).toBe("bad_gtin")
    expect(await error.innerText()).toContain(
      "Неверный GTIN в коде (не сходится контрольная цифра)"
    )
    await ui.screenshot("marking-codes-ru", section)

    await ui.open("/settings/fiscal")
    await ui.field("receipt.handover").waitFor()
    expect(
      await page.locator('[data-field="receipt.handover"] label').innerText()
    ).toBe("Товар передан покупателю (режим предоплаты: чек полного расчёта)")
    await ui.field("receipt.handover").click()
    await page
      .getByRole("option", { name: "При отгрузке", exact: true })
      .waitFor()
    await page.keyboard.press("Escape")
    expect(
      await page
        .locator('[data-field="receipt.marked_product_tag"] label')
        .innerText()
    ).toBe("Тег маркированных товаров")
  } finally {
    await ui.switchLanguage("English")
  }
})

/** Kopecks as the admin writes them in English (₽1,290.00). */
const rubles = (kopecks: number) =>
  new Intl.NumberFormat("en", {
    style: "currency",
    currency: "RUB",
    currencyDisplay: "narrowSymbol",
  }).format(kopecks / 100)

/** Kopecks of an amount the admin wrote in English. */
const kopecksIn = (text: string) =>
  Math.round(Number(text.replace(/[^\d.]/g, "")) * 100)

/** The Moscow day (UTC+3) `daysAgo` days back, `YYYY-MM-DD`. */
const moscowDayAgo = (daysAgo: number) =>
  new Date(Date.now() - daysAgo * 86_400_000 + 3 * 3_600_000)
    .toISOString()
    .slice(0, 10)

// two orders paid during an outage: their captures, five days back, have no receipt
let missedA: { id: string; display_id: number; total: number }
let missedB: { id: string; display_id: number; total: number }
const MISSED_DAYS_AGO = 5

/** Waits until no toast covers the page, for a screenshot. */
const noToasts = () =>
  page
    .locator("[data-sonner-toast]")
    .first()
    .waitFor({ state: "detached", timeout: 15_000 })
    .catch(() => {})

const findingOf = (orderId: string) =>
  page.locator(
    `[data-testid="reconciliation-finding"][data-order-id="${orderId}"]`
  )

it("reconciles a range: captures without a receipt are money at risk, each with its remedy", async () => {
  await api.idle()
  missedA = await api.orderPaidWithoutReceipt(
    "outage.a@example.com",
    MISSED_DAYS_AGO
  )
  missedB = await api.orderPaidWithoutReceipt(
    "outage.b@example.com",
    MISSED_DAYS_AGO
  )
  expect(await api.receipts(`&order_id=${missedA.id}`)).toEqual([])

  await ui.open("/fiscal-reconciliation")
  await page.getByTestId("reconciliation-range").waitFor()
  expect(await page.locator("nav, aside").first().innerText()).toContain(
    "Reconciliation"
  )

  // a range nobody has checked says so; one over 92 days cannot be checked at once
  await ui.field("reconciliation-from").fill("2020-01-01")
  await ui.field("reconciliation-to").fill("2020-01-31")
  await page.getByTestId("reconciliation-never-checked").waitFor()
  await ui.field("reconciliation-to").fill("2020-12-31")
  const problem = page.getByTestId("reconciliation-range-problem")
  expect(await problem.getAttribute("data-problem")).toBe("tooLongToCheck")
  expect(await problem.innerText()).toContain("up to 92 days")
  expect(await page.getByTestId("reconciliation-check").isDisabled()).toBe(true)

  // the last 30 days, checked now
  await page.getByRole("button", { name: "Last 30 days" }).click()
  expect(await page.getByTestId("reconciliation-check").isDisabled()).toBe(
    false
  )
  await page.getByTestId("reconciliation-check").click()
  await ui.toast(/Checked: \d+ findings?/)
  await page.getByTestId("reconciliation-checked").waitFor()

  const row = findingOf(missedA.id)
  await row.waitFor()
  expect(await row.getAttribute("data-kind")).toBe("money_without_receipt")
  expect(await row.getAttribute("data-remedy")).toBe("issue_correction")
  const text = await row.innerText()
  expect(text).toContain(`#${missedA.display_id}`)
  expect(text).toContain("Money without a receipt")
  expect(await row.getByTestId("finding-amount").innerText()).toBe(
    rubles(missedA.total * 100)
  )
  expect(
    await row.getByRole("button", { name: "Issue correction" }).count()
  ).toBe(1)
  await findingOf(missedB.id).waitFor()

  // the money at risk holds both captures; the day they belong to is listed
  const atRisk = await page.getByTestId("money-at-risk-amount").innerText()
  expect(kopecksIn(atRisk)).toBeGreaterThanOrEqual(
    (missedA.total + missedB.total) * 100
  )
  const missing = await page
    .locator('[data-finding-count="money_without_receipt"]')
    .innerText()
  expect(missing).toMatch(/^Money without a receipt: \d+$/)
  expect(Number(missing.split(": ")[1])).toBeGreaterThanOrEqual(2)
  await page
    .locator(
      `[data-testid="reconciliation-days"] [data-day="${moscowDayAgo(MISSED_DAYS_AGO)}"]`
    )
    .waitFor()

  // filtered by kind, only that kind is listed
  await page.locator('[data-finding-count="money_without_receipt"]').click()
  await page.waitForFunction(() =>
    [
      ...document.querySelectorAll('[data-testid="reconciliation-finding"]'),
    ].every((r) => r.getAttribute("data-kind") === "money_without_receipt")
  )
  await findingOf(missedA.id).waitFor()
  await page.locator('[data-finding-count="money_without_receipt"]').click()
  await noToasts()
  await ui.tallScreenshot("reconciliation-en", 1500)
})

it("issues a correction for a capture without a receipt from the order page", async () => {
  await ui.openOrder(missedB.id)
  await ui.widget().getByRole("button", { name: "Issue correction" }).click()
  const form = page.getByTestId("correction-form")
  await form.waitFor()
  // the form opens on the capture, dated its day
  const capture = form.getByRole("radio", {
    name: /Capture of .* without a receipt/,
  })
  await capture.waitFor()
  expect(await capture.getAttribute("data-state")).toBe("checked")
  expect(await ui.field("correction-base-date").inputValue()).toBe(
    moscowDayAgo(MISSED_DAYS_AGO)
  )
  expect(await form.getByTestId("correction-summary").innerText()).toContain(
    `Will be registered: Sale correction of ${rubles(missedB.total * 100)}`
  )

  // by order of the tax office, the order's number is required
  await form.getByRole("radio", { name: /By order of the tax office/ }).click()
  await form.getByRole("button", { name: "Register correction" }).click()
  expect(await ui.fieldError("correction-base-number").innerText()).toBe(
    "Required."
  )
  await ui.field("correction-base-number").fill("01-12/345")
  await ui.screenshot("correction-form-en", form)
  await form.getByRole("button", { name: "Register correction" }).click()
  await ui.toast("The correction receipt is queued for the cash register")
  await form.waitFor({ state: "detached" })

  // the correction is a receipt of the order like the others, with its basis
  await api.waitForReceipts(
    missedB.id,
    (rs) => rs.some((r) => r.type === "sell_correction" && r.status === "done"),
    60_000
  )
  const correction = ui.receipt("sale_correction", "done")
  await correction.waitFor({ timeout: 30_000 })
  expect(await correction.innerText()).toContain("Sale correction")
  expect(
    await ui.widget().getByTestId("correction-basis").innerText()
  ).toContain("Correction by order no. 01-12/345 of the tax office")
  const ledger = await (
    await fetch(`${api.emulatorUrl}/__control/ledger`)
  ).json()
  expect(JSON.stringify(ledger)).toContain("01-12/345")

  // the capture has its receipt now: it cannot be corrected twice
  await ui.widget().getByRole("button", { name: "Issue correction" }).click()
  await form.waitFor()
  const again = form.getByRole("radio", { name: /Capture of/ })
  await again.waitFor()
  expect(await again.isDisabled()).toBe(true)
  await page.keyboard.press("Escape")
  await form.waitFor({ state: "detached" })
})

it("shows the reconciliation and the correction form in Russian; the corrected capture is no longer at risk", async () => {
  await ui.switchLanguage("Русский")
  try {
    await ui.open("/fiscal-reconciliation")
    await page.getByTestId("reconciliation-check").click()
    await ui.toast(/Проверено/)
    const row = findingOf(missedA.id)
    await row.waitFor()
    await page.waitForFunction(
      (id) =>
        !document.querySelector(
          `[data-testid="reconciliation-finding"][data-order-id="${id}"]`
        ),
      missedB.id,
      { timeout: 20_000 }
    )
    const text = await page.getByTestId("reconciliation-page").innerText()
    for (const word of [
      "Сверка чеков",
      "Сумма под риском",
      "Деньги без чека",
    ]) {
      expect(text).toContain(word)
    }
    expect(await page.locator("nav, aside").first().innerText()).toContain(
      "Сверка чеков"
    )
    await noToasts()
    await ui.tallScreenshot("reconciliation-ru", 1500)

    // a finding's remedy opens the same form, on its capture
    await row.getByRole("button", { name: "Пробить чек коррекции" }).click()
    const form = page.getByTestId("correction-form")
    await form.waitFor()
    expect(await form.innerText()).toContain(
      `Чек коррекции по заказу №${missedA.display_id}`
    )
    const capture = form.getByRole("radio", { name: /Списание .* без чека/ })
    await capture.waitFor()
    expect(await capture.getAttribute("data-state")).toBe("checked")
    expect(await form.getByTestId("correction-summary").innerText()).toContain(
      "Будет пробит: Коррекция прихода"
    )
    await noToasts()
    await ui.screenshot("correction-form-ru", form)
    await page.keyboard.press("Escape")
  } finally {
    await ui.switchLanguage("English")
  }
})

/** The report of a period as the route answers it. */
const reportOf = async (query: string): Promise<FiscalReport> =>
  (await api.call("GET", `/admin/fiscal/reports?${query}`)).report

/** Waits until the page shows the report of `from`–`to`. */
const reportShown = (from: string, to: string) =>
  page
    .locator(
      `[data-testid="report-totals"][data-from="${from}"][data-to="${to}"]`
    )
    .waitFor()

/** Types the days in and returns the report the page shows. */
async function reportOfRange(from: string, to: string): Promise<FiscalReport> {
  await ui.field("report-from").fill(from)
  await ui.field("report-to").fill(to)
  // no input left focused: the screenshots show the page as it reads
  await ui.field("report-to").blur()
  await reportShown(from, to)
  return reportOf(`from=${from}&to=${to}`)
}

it("reports a period: the receipts per status and type, the failed one with its order, money without a receipt, the CSV", async () => {
  await api.idle()
  const { order: failed } = await api.call(
    "GET",
    `/admin/orders/${failedOrderId}?fields=id,display_id`
  )
  await ui.open("/fiscal-reports")
  await page.getByTestId("report-totals").waitFor()
  const today = await reportOf("period=today")
  await reportShown(today.period.from, today.period.to)
  expect(await page.locator("nav, aside").first().innerText()).toContain(
    "Fiscal report"
  )
  expect(today.period.preset).toBe("today")
  expect(
    await page.locator('[data-preset="today"]').getAttribute("aria-pressed")
  ).toBe("true")

  // the numbers shown are the report's
  expect(await page.getByTestId("report-count").innerText()).toBe(
    String(today.totals.count)
  )
  expect(await page.getByTestId("report-sum").innerText()).toBe(
    rubles(today.totals.total)
  )
  expect(today.registered_by_type.sell.count).toBeGreaterThan(0)
  expect(
    await page.locator('[data-total="registered:sell"] p').nth(1).innerText()
  ).toBe(
    `${today.registered_by_type.sell.count} · ${rubles(today.registered_by_type.sell.total)}`
  )
  const doneSales = page.locator('[data-cell="done:sell"]')
  // a line per paragraph; blank lines between them are layout
  expect(
    (await doneSales.innerText()).split("\n").filter((line) => line.trim())
  ).toEqual([
    String(
      today.by_status_type.find(
        (c) => c.status === "done" && c.type === "sell"
      )!.count
    ),
    rubles(
      today.by_status_type.find(
        (c) => c.status === "done" && c.type === "sell"
      )!.total
    ),
  ])
  expect(
    await page.locator('[data-total="problems"] p').nth(1).innerText()
  ).toBe(String(today.problems_count))

  // the receipt left failed earlier today: its order, its status, the vendor's code
  const failedRow = page.locator(
    `[data-testid="report-problem"][data-order-id="${failedOrderId}"][data-status="failed"]`
  )
  await failedRow.waitFor()
  const failedText = await failedRow.innerText()
  expect(failedText).toContain(`#${failed.display_id}`)
  expect(failedText).toContain("Failed")
  expect(failedText).toContain("2009")
  expect(
    await failedRow
      .getByRole("link", { name: `#${failed.display_id}` })
      .getAttribute("href")
  ).toContain(`/orders/${failedOrderId}`)
  expect(await page.getByTestId("report-problem").count()).toBe(
    today.problems.length
  )

  // a range over the outage: the capture still without a receipt, not the corrected one
  const from = moscowDayAgo(MISSED_DAYS_AGO)
  const to = moscowDayAgo(0)
  const range = await reportOfRange(from, to)
  const missed = page.locator(
    `[data-testid="report-unreceipted-row"][data-order-id="${missedA.id}"]`
  )
  await missed.waitFor()
  const missedText = await missed.innerText()
  expect(missedText).toContain(`#${missedA.display_id}`)
  expect(missedText).toContain("Capture")
  expect(missedText).toContain(rubles(missedA.total * 100))
  expect(
    await page
      .locator(
        `[data-testid="report-unreceipted-row"][data-order-id="${missedB.id}"]`
      )
      .count()
  ).toBe(0)
  expect(await page.getByTestId("report-unreceipted-row").count()).toBe(
    range.unreceipted.length
  )
  expect(
    await page.locator('[data-total="unreceipted"] p').nth(1).innerText()
  ).toBe(rubles(range.unreceipted_total))
  expect(range.totals.count).toBeGreaterThanOrEqual(today.totals.count)

  // more than a year cannot be reported on, nor downloaded
  await ui.field("report-from").fill("2020-01-01")
  await ui.field("report-to").fill("2021-12-31")
  const problem = page.getByTestId("report-range-problem")
  expect(await problem.getAttribute("data-problem")).toBe("tooLong")
  expect(await problem.innerText()).toContain("at most 366 days")
  expect(await page.getByTestId("report-download").isDisabled()).toBe(true)

  // the range again, downloaded as CSV
  await reportOfRange(from, to)
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("report-download").click(),
  ])
  expect(download.suggestedFilename()).toBe(`fiscal-report-${from}-${to}.csv`)
  const csv = fs.readFileSync((await download.path())!)
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const lines = csv.subarray(3).toString("utf8").split("\r\n")
  expect(lines[0]).toBe(
    'Section,Day,Status,Receipt type,Count,"Amount, RUB",Order,Order ID,Receipt ID,Money movement,Reason,Error code,Message'
  )
  expect(
    lines.some(
      (l) =>
        l.startsWith("Needs attention,") &&
        l.includes(`,#${failed.display_id},${failedOrderId},`)
    )
  ).toBe(true)
  expect(
    lines.some(
      (l) =>
        l.startsWith("Money without a receipt,") &&
        l.includes(`,#${missedA.display_id},${missedA.id},`)
    )
  ).toBe(true)
  await noToasts()
  await ui.tallScreenshot("reports-en", 1400)
})

it("shows the report in Russian", async () => {
  await ui.switchLanguage("Русский")
  try {
    await ui.open("/fiscal-reports")
    await page.getByTestId("report-totals").waitFor()
    await reportOfRange(moscowDayAgo(MISSED_DAYS_AGO), moscowDayAgo(0))
    await page
      .locator(
        `[data-testid="report-unreceipted-row"][data-order-id="${missedA.id}"]`
      )
      .waitFor()
    const text = await page.getByTestId("reports-page").innerText()
    for (const word of [
      "Отчёт по фискальным чекам",
      "По статусам и типам",
      "Требуют внимания",
      "Деньги без чека",
      "Скачать CSV",
      "Пробит",
      "Ошибка",
      "Списание",
    ]) {
      expect(text).toContain(word)
    }
    expect(await page.locator("nav, aside").first().innerText()).toContain(
      "Отчёт по чекам"
    )
    await noToasts()
    await ui.tallScreenshot("reports-ru", 1400)
  } finally {
    await ui.switchLanguage("English")
  }
})

/** Waits until the admin's feed has a notice about this receipt; returns its title. */
async function feedNoticeAbout(receiptId: string): Promise<string> {
  const deadline = Date.now() + 60_000
  for (;;) {
    const { notifications } = await api.call<{
      notifications: { data: { title: string; receipt_ids?: string[] } }[]
    }>("GET", "/admin/notifications?channel=feed&limit=50&order=-created_at")
    const notice = notifications.find((n) =>
      n.data?.receipt_ids?.includes(receiptId)
    )
    if (notice) {
      return notice.data.title
    }
    if (Date.now() > deadline) {
      throw new Error(`No notice about ${receiptId} reached the admin's feed`)
    }
    await new Promise((r) => setTimeout(r, 500))
  }
}

it("announces a failed receipt in the admin's notifications and sets the report emails in Settings", async () => {
  const alertOf = async (email: string) => {
    await api.idle()
    await api.faults(INN_FAILURE)
    const order = await paidOrder(email)
    const [failed] = await api.waitForReceipts(order.id, (rs) =>
      rs.some((r) => r.status === "failed")
    )
    await api.faults({ failNext: null })
    return feedNoticeAbout(failed.id)
  }
  /** Opens the notifications drawer with the bell at the top right of the admin. */
  const openBell = async (heading: string) => {
    await ui.open("/orders")
    const drawer = page.getByRole("dialog").filter({ hasText: heading })
    // the bell has no label of its own: it is the drawer trigger furthest right in the top bar
    const triggers = page.locator('button[aria-haspopup="dialog"]')
    await triggers.first().waitFor()
    let bell = triggers.first()
    let right = -1
    for (const trigger of await triggers.all()) {
      const box = await trigger.boundingBox()
      if (box && box.y < 60 && box.x > right) {
        right = box.x
        bell = trigger
      }
    }
    await bell.click()
    await drawer.waitFor()
    return drawer
  }
  try {
    await api.settings({ notifications: { language: "en" } })
    const title = await alertOf("alert.en@example.com")
    expect(title).toMatch(/^Receipt failed: order #\d+$/)
    const drawer = await openBell("Notifications")
    await drawer.getByText(title).first().waitFor()
    // the notice says why: the service's own message
    expect(await drawer.innerText()).toMatch(/ИНН/)
    await ui.screenshot("alerts-en", drawer)
    await page.keyboard.press("Escape")

    // the section of the settings page, with a recipient and the daily report on
    await ui.open("/settings/fiscal")
    const section = page.locator('[data-section="notifications"]')
    await section.waitFor()
    const recipients = section.locator("textarea")
    expect(await recipients.inputValue()).toBe("accountant@medusa-fiscal.test")
    await ui.screenshot("settings-notifications-en", section)
    // emailing the report now hands it to the email provider
    await section
      .getByRole("button", { name: "Email yesterday's report now" })
      .click()
    await ui.toast("The report was handed to the email provider")
    // switching the weekly report on without anyone to send it to is refused on the field
    await recipients.fill("")
    await section
      .locator('[data-field="notifications.weekly_report.enabled"]')
      .getByRole("switch")
      .click()
    await page.getByTestId("save-settings").click()
    await ui.toast("Settings were not saved")
    await ui.fieldError("notifications.recipients").waitFor()

    await api.settings({ notifications: { language: "ru" } })
    await ui.switchLanguage("Русский")
    const titleRu = await alertOf("alert.ru@example.com")
    expect(titleRu).toMatch(/^Чек не пробит: заказ #\d+$/)
    const drawerRu = await openBell("Уведомления")
    await drawerRu.getByText(titleRu).first().waitFor()
    await ui.screenshot("alerts-ru", drawerRu)
    await page.keyboard.press("Escape")
    await ui.open("/settings/fiscal")
    const sectionRu = page.locator('[data-section="notifications"]')
    await sectionRu.waitFor()
    expect(await sectionRu.innerText()).toContain("Отчёты и оповещения")
    await ui.screenshot("settings-notifications-ru", sectionRu)
  } finally {
    await ui.switchLanguage("English")
  }
})

it("never sent the ATOL password back in any response", async () => {
  expect(recorded.responsesRead()).toBeGreaterThan(100)
  expect(recorded.leaks()).toEqual([])
})
