import type { CheckonlineEmulator } from ".."
import { FCE_ERRORS } from ".."
import {
  COMPLEX,
  api,
  complexBody,
  requestId,
  startTestEmulator,
} from "./fixtures"
import { until } from "../../_shared/__tests__/timing"

let emulator: CheckonlineEmulator

beforeAll(async () => {
  emulator = await startTestEmulator({
    clock: () => new Date("2026-03-14T07:16:31Z"),
  })
})
afterAll(() => emulator.close())
beforeEach(() => emulator.reset())

function expectCloudError(
  res: { status: number; body: Record<string, unknown> },
  code: number,
  fatal: boolean
) {
  expect(res.status).toBe(500)
  expect(res.body).toEqual({
    FCEError: code,
    ErrorDescription: expect.any(String),
    Fatal: fatal,
    LogRequestId: expect.stringMatching(/^[0-9a-f]{32}$/),
    Timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/),
    Device: null,
  })
}

describe('POST /fr/api/v2/Complex: a synchronous receipt (docs/vendors/checkonline.md, "Answers")', () => {
  it("answers 200 with the registered receipt", async () => {
    const body = complexBody({ ClientId: "site-2" })
    const res = await api(emulator).post(COMPLEX, body)
    expect(res.status).toBe(200)
    expect(res.headers["x-emulator-cache"]).toBe("miss")
    expect(res.body).toEqual({
      RequestId: body.RequestId,
      ClientId: "site-2",
      Device: { Name: "KKT-1", Address: "г. Москва, ул. Тестовая, д. 1" },
      DeviceRegistrationNumber: expect.stringMatching(/^0000\d{12}$/),
      DeviceSerialNumber: expect.stringMatching(/^0010\d{10}$/),
      FNSerialNumber: expect.stringMatching(/^9999\d{12}$/),
      DocumentType: 0,
      DocNumber: 1,
      FiscalDocNumber: expect.any(Number),
      FiscalSign: expect.any(Number),
      GrandTotal: 279000,
      TurnNumber: 1,
      Date: {
        Date: { Day: 14, Month: 3, Year: 26 },
        Time: { Hour: 10, Minute: 16, Second: 31 },
      },
      QR: expect.stringMatching(
        /^t=20260314T1016&s=2790\.00&fn=9999\d{12}&i=\d+&fp=\d+&n=1$/
      ),
      Path: COMPLEX,
      Response: { Error: 0, ErrorMessages: [] },
      Responses: [],
    })
    expect(res.body.FiscalSign).toBeLessThanOrEqual(4_294_967_295)
    expect(emulator.ledger()).toEqual([
      expect.objectContaining({
        request_id: body.RequestId,
        client_id: "site-2",
        status: "done",
        operation: "sell",
        total: 279000,
        device: "KKT-1",
      }),
    ])
  })

  it("numbers receipts per cash register: a shift opens with the first receipt, ФД counts the opening report", async () => {
    const answers = []
    for (let i = 0; i < 3; i++) {
      answers.push(
        (await api(emulator).post(COMPLEX, complexBody({ Device: "KKT-2" })))
          .body
      )
    }
    expect(answers.map((a) => [a.TurnNumber, a.DocNumber])).toEqual([
      [1, 1],
      [1, 2],
      [1, 3],
    ])
    const fd = answers.map((a) => a.FiscalDocNumber)
    expect([fd[1] - fd[0], fd[2] - fd[1]]).toEqual([1, 1])
  })

  it("`auto` takes the group's cash registers in turn", async () => {
    const names = []
    for (let i = 0; i < 3; i++)
      names.push(
        (await api(emulator).post(COMPLEX, complexBody())).body.Device.Name
      )
    expect(names).toEqual(["KKT-1", "KKT-2", "KKT-1"])
  })

  it("QR operation and ledger follow DocumentType: 2 is возврат прихода", async () => {
    const res = await api(emulator).post(
      COMPLEX,
      complexBody({ DocumentType: 2 })
    )
    expect(res.body.QR).toMatch(/&n=2$/)
    expect(emulator.ledger()[0].operation).toBe("sell_refund")
  })

  it("FullResponse: true adds the printed text", async () => {
    const res = await api(emulator).post(
      COMPLEX,
      complexBody({ FullResponse: true })
    )
    expect(res.body.Text).toMatch(
      /^КАССОВЫЙ ЧЕК \/ ПРИХОД\nЧайник электрический\n {2}1 x 2490\.00 = 2490\.00\n/
    )
  })

  it("matches keys regardless of case, as the published examples spell them both ways", async () => {
    const body = complexBody()
    const { RequestId, Lines, ...rest } = body
    const res = await api(emulator).post(COMPLEX, {
      ...rest,
      Requestid: RequestId,
      Lines: (Lines as Record<string, unknown>[]).map(({ TaxId, ...line }) => ({
        ...line,
        Taxid: TaxId,
      })),
    })
    expect(res.status).toBe(200)
  })

  it("computes line totals as Price × Qty / 1000, half up (0.7 kg × 142.86 = 100.00)", async () => {
    const res = await api(emulator).post(
      COMPLEX,
      complexBody({
        Lines: [
          {
            Description: "Яблоки",
            Qty: 700,
            Price: 14286,
            TaxId: 2,
            PayAttribute: 4,
            LineAttribute: 1,
            Measure: 11,
          },
        ],
        NonCash: [10000],
      })
    )
    expect(res.body.GrandTotal).toBe(10000)
  })

  it("keeps tag 1192 and marking codes in the ledger", async () => {
    const cgn = Buffer.concat([
      Buffer.from([0x44, 0x4d]),
      Buffer.from([0, 1, 2, 3, 4, 5]),
      Buffer.from("SERIAL"),
    ]).toString("base64")
    const lines = [
      {
        Description: "Кроссовки",
        Qty: 1000,
        Price: 500000,
        TaxId: 1,
        PayAttribute: 4,
        LineAttribute: 33,
        CGNFloat: cgn,
      },
    ]
    await api(emulator).post(
      COMPLEX,
      complexBody({
        Lines: lines,
        NonCash: [500000],
        AdditionalAttribute: "2837465519",
      })
    )
    expect(emulator.ledger()[0].additional_check_props).toBe("2837465519")
  })
})

describe("the answer cache keyed by (Group, RequestId, ClientId)", () => {
  it("a repeat gets the cached answer, whatever its body says, and prints nothing", async () => {
    const body = complexBody()
    const first = await api(emulator).post(COMPLEX, body)
    const repeat = await api(emulator).post(COMPLEX, {
      ...body,
      Lines: [
        {
          Description: "другое",
          Qty: 1000,
          Price: 1,
          TaxId: 1,
          PayAttribute: 4,
        },
      ],
      NonCash: [1],
    })
    expect(repeat.headers["x-emulator-cache"]).toBe("hit")
    expect(repeat.body).toEqual(first.body)
    expect(emulator.ledger()).toHaveLength(1)
  })

  it("another ClientId or another Group is another key", async () => {
    const id = requestId()
    await api(emulator).post(COMPLEX, complexBody({ RequestId: id }))
    await api(emulator).post(
      COMPLEX,
      complexBody({ RequestId: id, ClientId: "site-2" })
    )
    await api(emulator).post(
      COMPLEX,
      complexBody({ RequestId: id, Group: "TEST-ENTERPRISE-2", TaxMode: 2 })
    )
    expect(emulator.ledger().map((e) => [e.group, e.client_id])).toEqual([
      ["TEST-ENTERPRISE", ""],
      ["TEST-ENTERPRISE", "site-2"],
      ["TEST-ENTERPRISE-2", ""],
    ])
  })

  it("naming the certificate's own group is the same key as naming none", async () => {
    const body = complexBody()
    await api(emulator).post(COMPLEX, body)
    const named = await api(emulator).post(COMPLEX, {
      ...body,
      Group: "TEST-ENTERPRISE",
    })
    expect(named.headers["x-emulator-cache"]).toBe("hit")
  })

  it("concurrent repeats join the execution in progress (concurrentRepeat: join)", async () => {
    const slow = await startTestEmulator()
    try {
      const body = complexBody()
      // the first execution is held until all three have arrived, however slow the machine
      slow.setFaults({ stuckInWait: true })
      const sends = Promise.all(
        [1, 2, 3].map(() => api(slow).post(COMPLEX, body))
      )
      await until(
        () => slow.stats().requests.complex === 3,
        "all three requests to arrive"
      )
      slow.setFaults({ stuckInWait: false })
      const answers = await sends
      expect(answers.map((a) => a.headers["x-emulator-cache"]).sort()).toEqual([
        "joined",
        "joined",
        "miss",
      ])
      expect(new Set(answers.map((a) => a.body.FiscalDocNumber)).size).toBe(1)
      expect(slow.ledger()).toHaveLength(1)
    } finally {
      await slow.close()
    }
  })

  it("concurrent repeats are told to come back (concurrentRepeat: busy): non-fatal cloud error 7", async () => {
    const slow = await startTestEmulator({ concurrentRepeat: "busy" })
    try {
      const body = complexBody()
      // the first execution is held until the repeat has had its answer
      slow.setFaults({ stuckInWait: true })
      const sending = api(slow)
        .post(COMPLEX, body)
        .then((res) => res)
      await until(
        () => slow.stats().requests.complex === 1,
        "the first request to arrive"
      )
      const second = await api(slow).post(COMPLEX, body)
      slow.setFaults({ stuckInWait: false })
      const first = await sending
      expect(first.status).toBe(200)
      expectCloudError(second, FCE_ERRORS.REQUEST_IN_PROGRESS.code, false)
      expect(slow.ledger()).toHaveLength(1)
    } finally {
      await slow.close()
    }
  })

  it("an expired cache entry is forgotten: a repeat then prints a second receipt (cacheTtlMs)", async () => {
    let now = Date.parse("2026-03-14T07:00:00Z")
    const short = await startTestEmulator({
      cacheTtlMs: 60_000,
      clock: () => new Date(now),
    })
    try {
      const body = complexBody()
      await api(short).post(COMPLEX, body)
      now += 30_000
      expect(
        (await api(short).post(COMPLEX, body)).headers["x-emulator-cache"]
      ).toBe("hit")
      now += 31_000
      expect(
        (await api(short).post(COMPLEX, body)).headers["x-emulator-cache"]
      ).toBe("miss")
      expect(short.ledger()).toHaveLength(2)
    } finally {
      await short.close()
    }
  })

  it("the cache can be cleared through the control API, the ledger stays", async () => {
    const body = complexBody()
    await api(emulator).post(COMPLEX, body)
    expect((await api(emulator).post("/__control/cache/clear")).body).toEqual({
      cleared: true,
    })
    expect(
      (await api(emulator).post(COMPLEX, body)).headers["x-emulator-cache"]
    ).toBe("miss")
    expect(emulator.ledger()).toHaveLength(2)
  })
})

describe('cloud errors: HTTP 500 + FCEError (numbers are the emulator\'s, docs/vendors/checkonline.md, "Error codes")', () => {
  it("1: the body is not JSON or not an object", async () => {
    expectCloudError(await api(emulator).post(COMPLEX, "{not json"), 1, true)
    expectCloudError(await api(emulator).post(COMPLEX, "[1,2]"), 1, true)
  })

  it("2: invalid fields, all listed by path", async () => {
    const res = await api(emulator).post(
      COMPLEX,
      complexBody({
        RequestId: "",
        DocumentType: 5,
        TaxMode: 3,
        PhoneOrEmail: "nobody",
        Lines: [
          {
            Description: "",
            Qty: 0,
            Price: -1,
            TaxId: 13,
            PayAttribute: 8,
            LineAttribute: 28,
            Measure: 5,
            CGNFloat: "AAAA",
          },
        ],
      })
    )
    expectCloudError(res, 2, true)
    const description = res.body.ErrorDescription as string
    for (const path of [
      "RequestId",
      "DocumentType",
      "Lines[0].Description",
      "Lines[0].Qty",
      "Lines[0].Price",
      "Lines[0].TaxId",
      "Lines[0].PayAttribute",
      "Lines[0].LineAttribute",
      "Lines[0].Measure",
      "Lines[0].CGNFloat",
      "TaxMode",
      "PhoneOrEmail",
    ]) {
      expect(description).toContain(`${path} (`)
    }
    expect(emulator.ledger()).toHaveLength(0)
  })

  it("2: names longer than 128 characters and more positions than allowed", async () => {
    const long = await api(emulator).post(
      COMPLEX,
      complexBody({
        Lines: [
          {
            Description: "я".repeat(129),
            Qty: 1000,
            Price: 100,
            TaxId: 1,
            PayAttribute: 4,
          },
        ],
        NonCash: [100],
      })
    )
    expect(long.body.ErrorDescription).toContain(
      "Lines[0].Description (длина больше 128 символов)"
    )
    const emoji = await api(emulator).post(
      COMPLEX,
      complexBody({
        Lines: [
          {
            Description: "🍵".repeat(128),
            Qty: 1000,
            Price: 100,
            TaxId: 1,
            PayAttribute: 4,
          },
        ],
        NonCash: [100],
      })
    )
    expect(emoji.status).toBe(200)
    const many = Array.from({ length: 101 }, () => ({
      Description: "x",
      Qty: 1000,
      Price: 1,
      TaxId: 1,
      PayAttribute: 4,
    }))
    expect(
      (
        await api(emulator).post(
          COMPLEX,
          complexBody({ Lines: many, NonCash: [101] })
        )
      ).body.ErrorDescription
    ).toContain("Lines (больше 100 позиций)")
  })

  it("8: payments must cover the receipt; only cash may exceed it", async () => {
    const short = await api(emulator).post(
      COMPLEX,
      complexBody({ NonCash: [278999] })
    )
    expectCloudError(short, 8, true)
    expect(short.body.ErrorDescription).toMatch(/чек оплачен не полностью/)
    expectCloudError(
      await api(emulator).post(COMPLEX, complexBody({ NonCash: [279001] })),
      8,
      true
    )
    expect(
      (
        await api(emulator).post(
          COMPLEX,
          complexBody({ NonCash: [200000], Cash: 100000 })
        )
      ).status
    ).toBe(200)
    expect(
      (
        await api(emulator).post(
          COMPLEX,
          complexBody({ NonCash: [0, 0, 0], AdvancePayment: 279000 })
        )
      ).status
    ).toBe(200)
  })

  it("3: a Group the certificate may not use", async () => {
    const res = await api(emulator).post(
      COMPLEX,
      complexBody({ Group: "SOMEONE-ELSE" })
    )
    expectCloudError(res, 3, true)
    expect(res.body.ErrorDescription).toContain(
      "группа SOMEONE-ELSE не доступна сертификату TEST-ENTERPRISE"
    )
  })

  it("4: a Device the group does not have", async () => {
    expectCloudError(
      await api(emulator).post(COMPLEX, complexBody({ Device: "KKT-404" })),
      4,
      true
    )
  })

  it("refusals are not cached: the same RequestId with a fixed body registers", async () => {
    const body = complexBody({ NonCash: [1] })
    await api(emulator).post(COMPLEX, body)
    expect(
      (await api(emulator).post(COMPLEX, { ...body, NonCash: [279000] })).status
    ).toBe(200)
  })
})

describe("device errors: HTTP 200 with Response.Error ≠ 0", () => {
  it("a TaxMode the cash register is not registered for → final error 51, cached", async () => {
    const body = complexBody({ TaxMode: 8 })
    const res = await api(emulator).post(COMPLEX, body)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      RequestId: body.RequestId,
      Response: {
        Error: 51,
        ErrorMessages: [expect.stringContaining("не зарегистрирована")],
      },
    })
    expect(res.body).not.toHaveProperty("FiscalDocNumber")
    const repeat = await api(emulator).post(COMPLEX, { ...body, TaxMode: 1 })
    expect(repeat.headers["x-emulator-cache"]).toBe("hit")
    expect(repeat.body.Response.Error).toBe(51)
    expect(emulator.ledger()).toEqual([
      expect.objectContaining({
        status: "fail",
        error: { code: 51, messages: expect.any(Array) },
        fiscal: null,
      }),
    ])
  })

  it("TaxMode 0 means the cash register's first registered mode", async () => {
    expect(
      (await api(emulator).post(COMPLEX, complexBody({ TaxMode: 0 }))).body
        .Response.Error
    ).toBe(0)
  })

  it("passing device errors are not cached (injected 200: printer timeout)", async () => {
    emulator.setFaults({ deviceErrorNext: { code: 200 } })
    const body = complexBody()
    const first = await api(emulator).post(COMPLEX, body)
    expect(first.body.Response).toEqual({
      Error: 200,
      ErrorMessages: ["Тайм-аут принтера"],
    })
    const second = await api(emulator).post(COMPLEX, body)
    expect(second.headers["x-emulator-cache"]).toBe("miss")
    expect(second.body.Response.Error).toBe(0)
    expect(emulator.ledger().map((e) => e.status)).toEqual(["done"])
  })
})

describe("other requests", () => {
  it("GET on the endpoint executes nothing: 405 for a known certificate", async () => {
    const res = await api(emulator).get(COMPLEX)
    expect(res.status).toBe(405)
    expect(res.headers.allow).toBe("POST")
    expect(emulator.ledger()).toHaveLength(0)
  })

  it("unknown paths are 404", async () => {
    expect(
      (await api(emulator).post("/fr/api/v1/Complex", complexBody())).status
    ).toBe(404)
  })
})
