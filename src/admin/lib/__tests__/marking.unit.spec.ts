import { FiscalApiError } from "../sdk"
import {
  GS,
  cleanCode,
  isMultiLine,
  pastedCodes,
  rejectionsOf,
  showCode,
  targetItem,
  withItem,
} from "../marking"

const CODE = `0104600439931256215HbAAe1Tp0Qdr${GS}91EE10${GS}92abc=`

const item = (item_id: string, missing: number, quantity = 2) => ({
  item_id,
  title: item_id,
  variant_title: null,
  quantity,
  codes: [],
  missing,
})

describe("marking codes in the admin", () => {
  it("keeps the group separators and shows them as ␝", () => {
    expect(cleanCode(` ${CODE}\r\n`)).toBe(CODE)
    expect(showCode(CODE)).toBe("0104600439931256215HbAAe1Tp0Qdr␝91EE10␝92abc=")
    // a separator at the end is part of the code, not white space
    expect(cleanCode(`${CODE}${GS}`)).toBe(`${CODE}${GS}`)
  })

  it("splits a paste into one code a line", () => {
    expect(isMultiLine(CODE)).toBe(false)
    expect(isMultiLine(`${CODE}\n`)).toBe(false)
    expect(isMultiLine(`${CODE}\r\n${CODE}`)).toBe(true)
    expect(pastedCodes(`${CODE}\r\n\n  ${CODE}x \n`)).toEqual([
      CODE,
      `${CODE}x`,
    ])
  })

  it("sends a scan to the picked line while it misses codes, else to the first that does", () => {
    const items = [item("a", 0), item("b", 1), item("c", 2)]
    expect(targetItem(items, null)?.item_id).toBe("b")
    expect(targetItem(items, "c")?.item_id).toBe("c")
    expect(targetItem(items, "a")?.item_id).toBe("b")
    const done = [item("a", 0), item("b", 0)]
    expect(targetItem(done, "b")?.item_id).toBe("b")
    expect(targetItem(done, null)?.item_id).toBe("a")
    expect(targetItem([], null)).toBeUndefined()
  })

  it("replaces one line of the order's marking", () => {
    const data = { items: [item("a", 2), item("b", 1)], other: 1 }
    const next = withItem(data, item("b", 0))
    expect(next.items.map((i) => i.missing)).toEqual([2, 0])
    expect(next.other).toBe(1)
  })

  it("reads the refused codes of a 400, or one entry for any other failure", () => {
    const body = {
      type: "invalid_data",
      message: "Some codes were not accepted",
      errors: [
        { index: 1, code: "x", reason: "not_gs1", message: "Not a GS1 code" },
      ],
    }
    const refused = new FiscalApiError(body.message, 400, {}, {}, body)
    expect(rejectionsOf(refused, [CODE, "x"])).toEqual(body.errors)
    expect(rejectionsOf(new Error("Failed to fetch"), [CODE])).toEqual([
      { index: 0, code: CODE, reason: null, message: "Failed to fetch" },
    ])
  })
})
