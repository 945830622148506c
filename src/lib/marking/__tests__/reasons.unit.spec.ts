import { readFileSync } from "node:fs"
import path from "node:path"
import { MARK_CODE_REASONS } from ".."

const texts = (language: string): Record<string, string> =>
  JSON.parse(
    readFileSync(
      path.join(__dirname, `../../../admin/i18n/json/${language}.json`),
      "utf8"
    )
  ).marking.reasons

describe("refusal reasons in the admin", () => {
  it.each(["en", "ru"])(
    "every reason has a text in %s, and no text is left without a reason",
    (language) => {
      const reasons = texts(language)
      for (const reason of MARK_CODE_REASONS) {
        expect([reason, typeof reasons[reason]]).toEqual([reason, "string"])
        expect(reasons[reason].trim()).not.toBe("")
      }
      expect(Object.keys(reasons).sort()).toEqual([...MARK_CODE_REASONS].sort())
    }
  )

  it("the Russian texts are in Russian", () => {
    for (const text of Object.values(texts("ru"))) {
      expect(text).toMatch(/[а-яё]/i)
    }
  })
})
