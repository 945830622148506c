import fs from "node:fs"
import path from "node:path"
import type { Locator, Page } from "playwright-core"
import { ADMIN } from "./store-api"

export const SCREENSHOTS = path.resolve(__dirname, "../../../docs/screenshots")

/** Drives the Medusa admin of the demo store. */
export class AdminUi {
  constructor(
    readonly page: Page,
    readonly baseUrl: string
  ) {}

  async login(): Promise<void> {
    // the first page of `medusa develop` waits for vite to pre-bundle the dashboard
    await this.page.goto(`${this.baseUrl}/app/login`, { timeout: 120_000 })
    await this.page.fill('input[name="email"]', ADMIN.email)
    await this.page.fill('input[name="password"]', ADMIN.password)
    await this.page.click('button[type="submit"]')
    await this.page.waitForURL(/\/app\/orders/, { timeout: 60_000 })
  }

  async open(appPath: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/app${appPath}`)
  }

  async openOrder(orderId: string): Promise<Locator> {
    await this.open(`/orders/${orderId}`)
    const widget = this.widget()
    await widget.waitFor()
    return widget
  }

  widget(): Locator {
    return this.page.locator('[data-testid="fiscal-receipts-widget"]')
  }

  /** The order page's section of marking codes (Честный знак). */
  markingSection(): Locator {
    return this.page.locator('[data-testid="marking-codes-widget"]')
  }

  /**
   * What a barcode scanner does in the focused input: types the code fast, key after key,
   * then presses Enter.
   */
  async scan(code: string): Promise<void> {
    await this.page.keyboard.type(code, { delay: 5 })
    await this.page.keyboard.press("Enter")
  }

  /** Pastes `text` into `target` as the clipboard would. */
  async paste(target: Locator, text: string): Promise<void> {
    await target.focus()
    await target.evaluate((el, data) => {
      const clipboard = new DataTransfer()
      clipboard.setData("text/plain", data)
      el.dispatchEvent(
        new ClipboardEvent("paste", {
          clipboardData: clipboard,
          bubbles: true,
          cancelable: true,
        })
      )
    }, text)
  }

  /** A receipt row of the widget by kind (`sale`, `resell_refund`, …) and, optionally, status. */
  receipt(kind: string, status?: string): Locator {
    const statusPart = status ? `[data-status="${status}"]` : ""
    return this.widget().locator(
      `[data-testid="fiscal-receipt"][data-kind="${kind}"]${statusPart}`
    )
  }

  /** Waits for a toast with this text (the dashboard's sonner toaster). */
  async toast(text: string | RegExp): Promise<string> {
    const toast = this.page
      .locator("[data-sonner-toast]")
      .filter({ hasText: text })
      .first()
    await toast.waitFor()
    return toast.innerText()
  }

  field(id: string): Locator {
    return this.page.locator(`[id="${id}"]`)
  }

  fieldError(id: string): Locator {
    return this.page.locator(`[data-field-error="${id}"]`)
  }

  /** Switches the admin's language the way a user does: Profile → Edit → Language → Save. */
  async switchLanguage(language: string): Promise<void> {
    await this.open("/settings/profile/edit")
    const drawer = this.page.getByRole("dialog")
    await drawer.getByRole("combobox").click()
    await this.page.getByRole("option", { name: language, exact: true }).click()
    await drawer.getByRole("button", { name: /save|сохранить/i }).click()
    await drawer.waitFor({ state: "detached" })
  }

  async screenshot(name: string, target?: Locator): Promise<void> {
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    const file = path.join(SCREENSHOTS, `${name}.png`)
    // let polling, toasts and fonts settle so the picture shows the final state
    await this.page.waitForTimeout(500)
    if (target) {
      await target.scrollIntoViewIfNeeded()
      await target.screenshot({ path: file })
    } else {
      await this.page.screenshot({ path: file })
    }
  }

  /** A screenshot of a long page: the admin scrolls inside its layout, so the window grows instead. */
  async tallScreenshot(name: string, height: number): Promise<void> {
    const size = this.page.viewportSize()!
    await this.page.setViewportSize({ width: size.width, height })
    try {
      await this.screenshot(name)
    } finally {
      await this.page.setViewportSize(size)
    }
  }
}
