import request from "supertest"

import {
  startModulKassaEmulator,
  type ModulKassaEmulator,
  type ModulKassaEmulatorOptions,
} from ".."
import {
  DATE_TIME,
  OTHER_POINT,
  POINT,
  SHOP,
  UUID,
  basic,
  client,
  document,
  startSink,
} from "./fixtures"
import { until } from "../../_shared/__tests__/timing"

let modul: ModulKassaEmulator

beforeAll(async () => {
  modul = await startModulKassaEmulator({
    processingDelayMs: 0,
    callbackRetryDelayMs: 10,
  })
})
afterAll(() => modul.close())
beforeEach(() => modul.reset({ associations: true }))

async function withEmulator(
  options: ModulKassaEmulatorOptions,
  run: (emulator: ModulKassaEmulator) => Promise<void>
) {
  const emulator = await startModulKassaEmulator({
    processingDelayMs: 0,
    callbackRetryDelayMs: 10,
    ...options,
  })
  try {
    await run(emulator)
  } finally {
    await emulator.close()
  }
}

function associate(pointId: string, auth: string, query = "") {
  return request(modul.url)
    .post(`/api/fn/v1/associate/${pointId}${query}`)
    .set("Authorization", auth)
}

describe('associate (docs/vendors/modulkassa.md, "Authentication and association")', () => {
  it("200 with userName, password, the point's name and address", async () => {
    const res = await associate(POINT.id, basic(SHOP.login, SHOP.password))
    expect(res.status).toBe(200)
    expect(res.headers["content-type"]).toBe("application/json;charset=UTF-8")
    expect(res.body).toEqual({
      userName: expect.stringMatching(UUID),
      password: expect.stringMatching(/^[A-Za-z0-9]{10}$/),
      name: POINT.name,
      address: POINT.address,
    })
  })

  it("again: same userName, new password; the old one is refused", async () => {
    const first = (await associate(POINT.id, basic(SHOP.login, SHOP.password)))
      .body
    const second = (await associate(POINT.id, basic(SHOP.login, SHOP.password)))
      .body
    expect(second.userName).toBe(first.userName)
    expect(second.password).not.toBe(first.password)
    const old = await request(modul.url)
      .get("/api/fn/v1/status")
      .set("Authorization", basic(first.userName, first.password))
    expect(old.status).toBe(401)
    const fresh = await request(modul.url)
      .get("/api/fn/v1/status")
      .set("Authorization", basic(second.userName, second.password))
    expect(fresh.status).toBe(200)
  })

  it("clientId keeps one association per application", async () => {
    const crm = (
      await associate(
        POINT.id,
        basic(SHOP.login, SHOP.password),
        "?clientId=my_crm"
      )
    ).body
    const shop = (await associate(POINT.id, basic(SHOP.login, SHOP.password)))
      .body
    expect(crm.userName).not.toBe(shop.userName)
    expect(
      modul
        .associations()
        .map((a) => a.clientId)
        .sort()
    ).toEqual(["my_crm", null].sort())
  })

  it.each([
    ["no credentials", undefined, 401],
    ["a wrong password", basic(SHOP.login, "nope"), 401],
    [
      "service credentials instead of the account's",
      basic("someone", "x"),
      401,
    ],
  ])("401 without a body for %s", async (_name, auth, status) => {
    const req = request(modul.url).post(`/api/fn/v1/associate/${POINT.id}`)
    const res = await (auth ? req.set("Authorization", auth) : req)
    expect(res.status).toBe(status)
    expect(res.text).toBe("")
    expect(res.headers["www-authenticate"]).toBe('Basic realm="modulkassa"')
  })

  it("403 for a point of another account, 404 for an unknown point", async () => {
    expect(
      (await associate(OTHER_POINT.id, basic(SHOP.login, SHOP.password))).status
    ).toBe(403)
    expect(
      (
        await associate(
          "00000000-0000-4000-8000-000000000000",
          basic(SHOP.login, SHOP.password)
        )
      ).status
    ).toBe(404)
  })

  it("DELETE /v1/associate removes the association", async () => {
    const c = client(modul)
    expect(
      (
        await request(modul.url)
          .delete("/api/fn/v1/associate")
          .set("Authorization", c.auth)
      ).status
    ).toBe(200)
    expect((await c.fnStatus()).status).toBe(401)
  })

  it("answers under the test host's /fn prefix too", async () => {
    const res = await request(modul.url)
      .post(`/fn/v1/associate/${POINT.id}`)
      .set("Authorization", basic(SHOP.login, SHOP.password))
    expect(res.status).toBe(200)
  })
})

describe("GET /v1/status: the kassa's fiscal storage", () => {
  it("READY with the time it was set", async () => {
    const res = await client(modul).fnStatus()
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      status: "READY",
      dateTime: expect.stringMatching(DATE_TIME),
    })
  })

  it("follows setFnState, in lower case when asked", async () => {
    await withEmulator({ statusCase: "lower" }, async (emulator) => {
      emulator.setFnState(
        "ASSOCIATED",
        POINT.id,
        new Date("2026-01-02T03:04:05Z")
      )
      expect((await client(emulator).fnStatus()).body).toEqual({
        status: "associated",
        dateTime: "2026-01-02T06:04:05+03:00",
      })
    })
  })
})

describe("POST /v2/doc", () => {
  it("200 with a QUEUED DocumentStatus", async () => {
    const res = await client(modul).send(document())
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      status: "QUEUED",
      fnState: "READY",
      fiscalInfo: null,
      failureInfo: null,
      message: "Document queued for printing",
      timeStatusChanged: expect.stringMatching(DATE_TIME),
    })
  })

  it("takes documentType (the model's spelling) as well as docType; no type is a sale", async () => {
    const c = client(modul)
    const { docType: _drop, ...body } = document()
    expect((await c.send({ ...body, documentType: "RETURN" })).status).toBe(200)
    expect((await c.send({ ...body, id: "no-type" })).status).toBe(200)
    await modul.idle()
    expect(modul.ledger().map((d) => d.docType)).toEqual(["RETURN", "SALE"])
    expect(modul.ledger()[0].fiscalInfo?.checkType).toBe("RETURN")
  })

  it("also answers POST /v1/doc", async () => {
    expect((await client(modul).send(document(), 1)).status).toBe(200)
  })

  it.each([
    [
      "contradicting docType and documentType",
      { docType: "SALE", documentType: "RETURN" },
      "docType",
    ],
    ["no id", { id: undefined }, "id"],
    ["no docNum", { docNum: "" }, "docNum"],
    [
      "a date without an offset",
      { checkoutDateTime: "2026-03-14T10:16:05" },
      "checkoutDateTime",
    ],
    ["a phone without +7", { email: "89001234567" }, "email"],
    ["an unknown taxMode", { taxMode: "USN" }, "taxMode"],
    [
      "a cashier INN with a wrong check digit",
      { cashierInn: "7708123451" },
      "cashierInn",
    ],
    ["a cashier name over 64", { cashierName: "x".repeat(65) }, "cashierName"],
    [
      "a responseURL that is not http(s)",
      { responseURL: "ftp://shop" },
      "responseURL",
    ],
    ["no positions", { inventPositions: [] }, "inventPositions"],
    ["no payments", { moneyPositions: [] }, "moneyPositions"],
    [
      "an unknown payment type",
      { moneyPositions: [{ paymentType: "BITCOIN", sum: 2790 }] },
      "moneyPositions[0].paymentType",
    ],
    [
      "a price with 3 decimals",
      {
        inventPositions: [
          { name: "x", price: 1.001, quantity: 1, vatTag: 1105 },
        ],
      },
      "inventPositions[0].price",
    ],
    [
      "a quantity of 0",
      { inventPositions: [{ name: "x", price: 1, quantity: 0, vatTag: 1105 }] },
      "inventPositions[0].quantity",
    ],
    [
      "a quantity with 4 decimals",
      {
        inventPositions: [
          { name: "x", price: 1, quantity: 0.0001, vatTag: 1105 },
        ],
      },
      "inventPositions[0].quantity",
    ],
    [
      "an unknown vatTag",
      { inventPositions: [{ name: "x", price: 1, quantity: 1, vatTag: 1108 }] },
      "inventPositions[0].vatTag",
    ],
    [
      "a name over 128",
      {
        inventPositions: [
          { name: "x".repeat(129), price: 1, quantity: 1, vatTag: 1105 },
        ],
      },
      "inventPositions[0].name",
    ],
    [
      "an unknown payment object",
      {
        inventPositions: [
          {
            name: "x",
            price: 1,
            quantity: 1,
            vatTag: 1105,
            paymentObject: "goods",
          },
        ],
      },
      "inventPositions[0].paymentObject",
    ],
    [
      "a nomenclature code that is not hex bytes",
      {
        inventPositions: [
          {
            name: "x",
            price: 1,
            quantity: 1,
            vatTag: 1105,
            nomenclatureCode: "444D",
          },
        ],
      },
      "inventPositions[0].nomenclatureCode",
    ],
  ])(
    "400 without a body for %s, nothing stored",
    async (_name, overrides, field) => {
      const res = await client(modul).send(document(overrides))
      expect(res.status).toBe(400)
      expect(res.text).toBe("")
      expect(modul.ledger()).toHaveLength(0)
      await withEmulator({ validationDetails: true }, async (emulator) => {
        const detailed = await client(emulator).send(document(overrides))
        expect(
          detailed.body.errors.map((e: { field: string }) => e.field)
        ).toEqual([field])
      })
    }
  )

  it("400 with the reasons when validationDetails is on", async () => {
    await withEmulator({ validationDetails: true }, async (emulator) => {
      const res = await client(emulator).send(
        document({ email: "nobody", taxMode: "X" })
      )
      expect(res.status).toBe(400)
      expect(res.body).toEqual({
        message: "Некорректный запрос",
        errors: [
          {
            field: "email",
            message: "must be an email or a phone +7XXXXXXXXXX",
          },
          {
            field: "taxMode",
            message: expect.stringMatching(/^must be one of COMMON/),
          },
        ],
      })
    })
  })

  it("415 for a body that is not JSON; 401 without service credentials", async () => {
    const c = client(modul)
    const text = await request(modul.url)
      .post("/api/fn/v2/doc")
      .set("Authorization", c.auth)
      .set("Content-Type", "text/plain")
      .send("{}")
    expect(text.status).toBe(415)
    const anonymous = await request(modul.url)
      .post("/api/fn/v2/doc")
      .set("Content-Type", "application/json")
      .send("{}")
    expect(anonymous.status).toBe(401)
  })

  it("the placeholder vatTags for the new rates are accepted unless strictVatTags", async () => {
    const body = document({
      inventPositions: [
        {
          name: "x",
          price: 2790,
          quantity: 1,
          vatTag: 90022,
          paymentObject: "commodity",
          paymentMethod: "full_payment",
        },
      ],
    })
    expect((await client(modul).send(body)).status).toBe(200)
    await withEmulator({ strictVatTags: true }, async (emulator) => {
      expect(
        (await client(emulator).send(document({ ...body, id: "strict" })))
          .status
      ).toBe(400)
    })
  })
})

describe('a repeated id (unknown, configurable: docs/vendors/modulkassa.md, "Idempotency")', () => {
  it("return-existing (default): 200 with the first document's status, the repeat is not stored", async () => {
    const c = client(modul)
    const body = document()
    await c.send(body)
    await modul.idle()
    const again = await c.send({
      ...body,
      docNum: "changed",
      moneyPositions: [{ paymentType: "CASH", sum: 1 }],
    })
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({
      status: "COMPLETED",
      fiscalInfo: expect.any(Object),
    })
    expect(modul.ledger()).toHaveLength(1)
    expect(modul.stats().duplicate_sends).toBe(1)
  })

  it("reject: 400 without a body", async () => {
    await withEmulator({ duplicateIds: "reject" }, async (emulator) => {
      const c = client(emulator)
      const body = document()
      await c.send(body)
      const again = await c.send(body)
      expect(again.status).toBe(400)
      expect(emulator.ledger()).toHaveLength(1)
    })
  })

  it("create: a second document is stored and fiscalized; the status is the newest's", async () => {
    await withEmulator({ duplicateIds: "create" }, async (emulator) => {
      const c = client(emulator)
      const body = document()
      await c.send(body)
      await c.send(body)
      await emulator.idle()
      const ledger = emulator.ledger()
      expect(ledger.map((d) => [d.id, d.duplicate, d.status])).toEqual([
        [body.id, false, "COMPLETED"],
        [body.id, true, "COMPLETED"],
      ])
      const status = await c.status(body.id as string)
      expect(status.body.fiscalInfo.fnDocNumber).toBe(
        ledger[1].fiscalInfo!.fnDocNumber
      )
    })
  })

  it("ids are per retail point", async () => {
    await withEmulator(
      { accounts: [{ ...SHOP, retailPoints: [POINT, { ...OTHER_POINT }] }] },
      async (emulator) => {
        const body = document()
        await client(emulator).send(body)
        const other = emulator.associate(OTHER_POINT.id)
        const res = await request(emulator.url)
          .get(`/api/fn/v1/doc/${body.id}/status`)
          .set("Authorization", basic(other.userName, other.password))
        expect(res.status).toBe(404)
      }
    )
  })
})

describe("GET /v1/doc/{id}/status: the queue", () => {
  it("QUEUED until the kassa polls, then PENDING while it works", async () => {
    // A long processing delay keeps it PENDING; close() drops the timers, nothing waits for them.
    await withEmulator(
      { processingDelayMs: 60_000, kassaPollMs: 5 },
      async (emulator) => {
        const c = client(emulator)
        const body = document()
        // the kassa does not poll while stuckInWait holds it, however slow the machine
        emulator.setFaults({ stuckInWait: true })
        await c.send(body)
        expect((await c.status(body.id as string)).body.status).toBe("QUEUED")
        emulator.setFaults({ stuckInWait: false })
        await until(
          () => emulator.ledger()[0].status !== "QUEUED",
          "the kassa to poll"
        )
        expect((await c.status(body.id as string)).body).toMatchObject({
          status: "PENDING",
          message: "Document taken by the kassa",
        })
      }
    )
  })

  it("COMPLETED with FiscalInfo", async () => {
    await withEmulator({}, async (emulator) => {
      const c = client(emulator)
      const body = document()
      await c.send(body)
      await emulator.idle()
      const done = (await c.status(body.id as string)).body
      expect(done).toEqual({
        status: "COMPLETED",
        fnState: "READY",
        fiscalInfo: {
          shiftNumber: expect.any(Number),
          checkNumber: 1,
          kktNumber: expect.stringMatching(/^00106\d{9}$/),
          fnNumber: expect.stringMatching(/^9999078902\d{6}$/),
          fnDocNumber: expect.any(Number),
          fnDocMark: expect.any(Number),
          date: expect.stringMatching(DATE_TIME),
          sum: 2790,
          checkType: "SALE",
          qr: expect.stringMatching(
            /^t=\d{8}T\d{4}&s=2790\.00&fn=\d{16}&i=\d+&fp=\d{10}&n=1$/
          ),
          ecrRegistrationNumber: expect.stringMatching(/^\d{16}$/),
        },
        failureInfo: null,
        message: "Document successfully completed",
        timeStatusChanged: expect.stringMatching(DATE_TIME),
      })
      expect(String(done.fiscalInfo.fnDocMark)).toMatch(/^\d{10}$/)
    })
  })

  it("fiscal numbers: ФД grows by one, the receipt number within the shift too", async () => {
    const c = client(modul)
    await c.send(document())
    await c.send(document())
    await modul.idle()
    const [a, b] = modul.ledger().map((d) => d.fiscalInfo!)
    expect(b.fnDocNumber - a.fnDocNumber).toBe(1)
    expect([a.checkNumber, b.checkNumber]).toEqual([1, 2])
  })

  it("404 without a body for an unknown id; 400 when configured", async () => {
    const res = await client(modul).status("unknown")
    expect(res.status).toBe(404)
    expect(res.text).toBe("")
    await withEmulator({ unknownDocumentStatus: 400 }, async (emulator) => {
      expect((await client(emulator).status("unknown")).status).toBe(400)
    })
  })

  it("PRINTED stays the last state without responseURL when configured", async () => {
    await withEmulator(
      { finalStatusWithoutCallback: "PRINTED" },
      async (emulator) => {
        const c = client(emulator)
        const body = document()
        await c.send(body)
        await emulator.idle()
        expect((await c.status(body.id as string)).body.status).toBe("PRINTED")
      }
    )
  })

  it("a kassa that is not READY takes nothing until it is", async () => {
    const c = client(modul)
    const body = document()
    modul.setFnState("DISABLED")
    await c.send(body)
    await modul.idle()
    expect((await c.status(body.id as string)).body).toMatchObject({
      status: "QUEUED",
      fnState: "DISABLED",
    })
    modul.setFnState("READY")
    await modul.idle()
    expect((await c.status(body.id as string)).body.status).toBe("COMPLETED")
  })
})

describe("the kassa's checks", () => {
  it.each([
    [
      "underpaid",
      { moneyPositions: [{ paymentType: "CARD", sum: 2789.99 }] },
      "Чек оплачен не полностью",
    ],
    [
      "cashless above the total",
      { moneyPositions: [{ paymentType: "CARD", sum: 2790.01 }] },
      "Сумма безналичных оплат превышает сумму чека",
    ],
    [
      "a taxation system the kassa is not registered for",
      { taxMode: "ENVD" },
      "Система налогообложения ENVD не зарегистрирована в ККТ",
    ],
  ])("%s → FAILED NON_FN_FAILURE", async (_name, overrides, message) => {
    const c = client(modul)
    const body = document(overrides)
    await c.send(body)
    await modul.idle()
    expect((await c.status(body.id as string)).body).toMatchObject({
      status: "FAILED",
      fiscalInfo: null,
      failureInfo: { type: "NON_FN_FAILURE", message },
      message,
    })
  })

  it("cash above the total is change, and a discount counts", async () => {
    const c = client(modul)
    const body = document({
      inventPositions: [
        { name: "x", price: 100, quantity: 3, discSum: 10, vatTag: 1105 },
      ],
      moneyPositions: [{ paymentType: "CASH", sum: 300 }],
    })
    await c.send(body)
    await modul.idle()
    expect((await c.status(body.id as string)).body).toMatchObject({
      status: "COMPLETED",
      fiscalInfo: { sum: 290 },
    })
  })

  it("the test host (alwaysSucceed) fiscalizes even what the kassa would refuse", async () => {
    await withEmulator(
      { alwaysSucceed: true, faults: { failNext: { type: "FN_EXPIRED" } } },
      async (emulator) => {
        const c = client(emulator)
        const body = document({ taxMode: "ENVD" })
        await c.send(body)
        await emulator.idle()
        expect((await c.status(body.id as string)).body.status).toBe(
          "COMPLETED"
        )
      }
    )
  })
})

describe("PUT /v1/doc/{id}/re-queue", () => {
  it("FAILED → REQUEUED → processed again under the same id", async () => {
    const c = client(modul)
    const body = document()
    modul.setFaults({ failNext: { type: "FN_GENERIC_FAILURE" } })
    await c.send(body)
    await modul.idle()
    expect((await c.status(body.id as string)).body).toMatchObject({
      status: "FAILED",
      failureInfo: {
        type: "FN_GENERIC_FAILURE",
        message: "Ошибка обмена с ФН",
      },
    })
    modul.setFaults({ stuckInWait: true })
    const requeued = await c.requeue(body.id as string)
    expect(requeued.status).toBe(200)
    expect(requeued.body).toMatchObject({
      status: "REQUEUED",
      failureInfo: null,
    })
    modul.setFaults({ stuckInWait: false })
    await modul.idle()
    expect((await c.status(body.id as string)).body.status).toBe("COMPLETED")
    expect(modul.ledger()).toEqual([
      expect.objectContaining({ requeues: 1, status: "COMPLETED" }),
    ])
  })

  it("400 for a document that is not FAILED, 404 for an unknown one", async () => {
    const c = client(modul)
    const body = document()
    await c.send(body)
    expect((await c.requeue(body.id as string)).status).toBe(400)
    expect((await c.requeue("unknown")).status).toBe(404)
  })
})

describe('responseURL notices (format unknown, emulator\'s choice: docs/vendors/modulkassa.md, "Callbacks")', () => {
  it("json: POST of the DocumentStatus with id and docNum to the URL as given; 2xx → COMPLETED", async () => {
    const sink = await startSink()
    try {
      const c = client(modul)
      const body = document({ responseURL: sink.url })
      await c.send(body)
      await modul.idle()
      expect(sink.requests).toHaveLength(1)
      const [notice] = sink.requests
      expect(notice).toMatchObject({
        method: "POST",
        url: "/complete-doc?id=1",
        contentType: "application/json;charset=UTF-8",
      })
      expect(JSON.parse(notice.body)).toMatchObject({
        id: body.id,
        docNum: body.docNum,
        status: "WAIT_FOR_CALLBACK",
        fiscalInfo: { sum: 2790 },
      })
      expect((await c.status(body.id as string)).body).toMatchObject({
        status: "COMPLETED",
        message: "Document successfully completed with callback",
      })
      expect(modul.ledger()[0].callbacks).toEqual([
        expect.objectContaining({ status: 200 }),
      ])
    } finally {
      await sink.close()
    }
  })

  it("form: id, docNum, status SUCCESS and qr", async () => {
    const sink = await startSink()
    try {
      await withEmulator({ callbackFormat: "form" }, async (emulator) => {
        const body = document({ responseURL: sink.url })
        await client(emulator).send(body)
        await emulator.idle()
        const [notice] = sink.requests
        expect(notice.contentType).toBe("application/x-www-form-urlencoded")
        expect(Object.fromEntries(new URLSearchParams(notice.body))).toEqual({
          id: body.id,
          docNum: body.docNum,
          status: "SUCCESS",
          qr: expect.stringMatching(/^t=/),
        })
      })
    } finally {
      await sink.close()
    }
  })

  it("a failing endpoint is tried three times; the document stays WAIT_FOR_CALLBACK", async () => {
    const sink = await startSink(503)
    try {
      const c = client(modul)
      const body = document({ responseURL: sink.url })
      await c.send(body)
      await modul.idle()
      expect(sink.requests).toHaveLength(3)
      expect((await c.status(body.id as string)).body).toMatchObject({
        status: "WAIT_FOR_CALLBACK",
        fiscalInfo: expect.any(Object),
      })
    } finally {
      await sink.close()
    }
  })

  it("a FAILED document is notified too, with its failure", async () => {
    const sink = await startSink()
    try {
      const body = document({ responseURL: sink.url, taxMode: "ENVD" })
      await client(modul).send(body)
      await modul.idle()
      expect(JSON.parse(sink.requests[0].body)).toMatchObject({
        status: "FAILED",
        failureInfo: { type: "NON_FN_FAILURE" },
      })
    } finally {
      await sink.close()
    }
  })
})
