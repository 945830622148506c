/**
 * Seeds the demo store once: a RUB region for Russia, a sales channel with a publishable
 * key, a warehouse with courier delivery, a product, a marked product (tagged "Честный
 * знак", so its receipts need a marking code per unit), and the admin user. Safe to
 * re-run: whatever exists is kept, and a store seeded before the marked product gets it.
 */
const {
  ContainerRegistrationKeys,
  Modules,
  ProductStatus,
} = require("@medusajs/framework/utils")
const {
  createApiKeysWorkflow,
  createProductTagsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  createUserAccountWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} = require("@medusajs/medusa/core-flows")

const ADMIN_EMAIL = process.env.DEMO_ADMIN_EMAIL || "admin@medusa-fiscal.test"
const ADMIN_PASSWORD = process.env.DEMO_ADMIN_PASSWORD || "fiscal-demo"
/** The plugin's default tag of marked goods (setting `receipt.marked_product_tag`). */
const MARKED_TAG = "Честный знак"
/** Handle of the demo's marked product; demo/sample-orders.js orders it by this. */
const MARKED_HANDLE = "running-shoes"

async function seedDemo({ container }) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  await seedAdmin(container)
  const regionModule = container.resolve(Modules.REGION)
  const [existing] = await regionModule.listRegions({ name: "Россия" })
  if (existing) {
    await seedMarkedProduct(container)
    logger.info("Demo data is already there; nothing else to seed.")
    return
  }
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const salesChannels = container.resolve(Modules.SALES_CHANNEL)
  const stores = container.resolve(Modules.STORE)

  let [channel] = await salesChannels.listSalesChannels({
    name: "Default Sales Channel",
  })
  if (!channel) {
    const { result } = await createSalesChannelsWorkflow(container).run({
      input: { salesChannelsData: [{ name: "Default Sales Channel" }] },
    })
    channel = result[0]
  }
  const [store] = await stores.listStores()
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        name: "Демо-магазин medusa-fiscal",
        supported_currencies: [{ currency_code: "rub", is_default: true }],
        default_sales_channel_id: channel.id,
      },
    },
  })

  const {
    result: [region],
  } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: "Россия",
          currency_code: "rub",
          countries: ["ru"],
          payment_providers: ["pp_system_default"],
        },
      ],
    },
  })
  await createTaxRegionsWorkflow(container).run({
    input: [{ country_code: "ru", provider_id: "tp_system" }],
  })

  const {
    result: [warehouse],
  } = await createStockLocationsWorkflow(container).run({
    input: {
      locations: [
        {
          name: "Склад Москва",
          address: {
            city: "Москва",
            country_code: "RU",
            address_1: "ул. Тверская, 1",
          },
        },
      ],
    },
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: warehouse.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })
  let [profile] = await fulfillment.listShippingProfiles({ type: "default" })
  if (!profile) {
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: "Default Shipping Profile", type: "default" }] },
    })
    profile = result[0]
  }
  const delivery = await fulfillment.createFulfillmentSets({
    name: "Доставка по России",
    type: "shipping",
    service_zones: [
      { name: "Россия", geo_zones: [{ country_code: "ru", type: "country" }] },
    ],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: warehouse.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: delivery.id },
  })
  await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: "Курьер",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: delivery.service_zones[0].id,
        shipping_profile_id: profile.id,
        type: {
          label: "Курьер",
          description: "Доставка курьером",
          code: "courier",
        },
        prices: [
          { currency_code: "rub", amount: 300 },
          { region_id: region.id, amount: 300 },
        ],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
      },
    ],
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: warehouse.id, add: [channel.id] },
  })

  const {
    result: [publishableKey],
  } = await createApiKeysWorkflow(container).run({
    input: {
      api_keys: [
        { title: "Demo storefront", type: "publishable", created_by: "" },
      ],
    },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: publishableKey.id, add: [channel.id] },
  })

  await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: "Чайник электрический",
          handle: "kettle",
          status: ProductStatus.PUBLISHED,
          shipping_profile_id: profile.id,
          options: [{ title: "Цвет", values: ["Белый", "Чёрный"] }],
          variants: ["Белый", "Чёрный"].map((color, i) => ({
            title: color,
            sku: `KETTLE-${i}`,
            manage_inventory: false,
            options: { Цвет: color },
            prices: [{ amount: 2490, currency_code: "rub" }],
          })),
          sales_channels: [{ id: channel.id }],
        },
      ],
    },
  })
  await seedMarkedProduct(container)
  logger.info(
    "Demo data seeded: region Россия (RUB), warehouse, courier delivery, a product, a marked product."
  )
}

/**
 * Running shoes, marked goods of Честный знак: the product carries the shop's tag of
 * marked goods, so each unit sold needs its marking code before the receipt goes out.
 */
async function seedMarkedProduct(container) {
  const products = container.resolve(Modules.PRODUCT)
  const [product] = await products.listProducts({ handle: MARKED_HANDLE })
  if (product) {
    return
  }
  let [tag] = await products.listProductTags({ value: MARKED_TAG })
  if (!tag) {
    const { result } = await createProductTagsWorkflow(container).run({
      input: { product_tags: [{ value: MARKED_TAG }] },
    })
    tag = result[0]
  }
  const [channel] = await container
    .resolve(Modules.SALES_CHANNEL)
    .listSalesChannels({ name: "Default Sales Channel" })
  const [profile] = await container
    .resolve(Modules.FULFILLMENT)
    .listShippingProfiles({ type: "default" })
  await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: "Кроссовки беговые",
          handle: MARKED_HANDLE,
          status: ProductStatus.PUBLISHED,
          shipping_profile_id: profile?.id,
          tag_ids: [tag.id],
          options: [{ title: "Размер", values: ["41", "42"] }],
          // the barcodes on the boxes: a marking code's GTIN is the variant's EAN
          variants: [
            ["41", "4607002134588"],
            ["42", "4607002134595"],
          ].map(([size, ean]) => ({
            title: size,
            sku: `RUNNING-SHOES-${size}`,
            ean,
            manage_inventory: false,
            options: { Размер: size },
            prices: [{ amount: 5990, currency_code: "rub" }],
          })),
          sales_channels: channel ? [{ id: channel.id }] : [],
        },
      ],
    },
  })
}

async function seedAdmin(container) {
  const users = container.resolve(Modules.USER)
  const [user] = await users.listUsers({ email: ADMIN_EMAIL })
  if (user) {
    return
  }
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await auth.register("emailpass", {
    body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
  })
  if (error || !authIdentity) {
    throw new Error(`Could not create the demo admin: ${error}`)
  }
  await createUserAccountWorkflow(container).run({
    input: {
      authIdentityId: authIdentity.id,
      userData: { email: ADMIN_EMAIL },
    },
  })
}

// `medusa exec` runs the file's default export
module.exports.default = seedDemo
