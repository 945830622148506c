import type { ProviderConfigField } from "../../modules/fiscal/types/provider"

/** The МодульКасса connection form of Settings → Fiscalization, in display order. */
export const MODULKASSA_CONFIG_FIELDS: readonly ProviderConfigField[] = [
  {
    name: "host",
    type: "select",
    label: { en: "Environment", ru: "Среда" },
    help: {
      en: "Test (demo-fn.avanpos.com) fiscalizes every document virtually; its associations are separate from production.",
      ru: "Тестовая среда (demo-fn.avanpos.com) фискализирует документы виртуально; привязки у неё свои.",
    },
    options: [
      { value: "production", label: { en: "Production", ru: "Рабочая" } },
      { value: "test", label: { en: "Test", ru: "Тестовая" } },
    ],
    default: "production",
  },
  {
    name: "retail_point_id",
    type: "string",
    label: { en: "Retail point ID", ru: "ID точки продаж" },
    help: {
      en: 'The uuid of the retail point in my.modulkassa.ru with "Use for online-store documents" switched on.',
      ru: "UUID точки продаж в my.modulkassa.ru с включённой опцией «Использовать для печати документов интернет-магазина».",
    },
    required: true,
  },
  {
    name: "login",
    type: "string",
    label: { en: "Account login", ru: "Логин МодульКассы" },
    help: {
      en: "Used only to associate the retail point; may be cleared afterwards.",
      ru: "Нужен только для привязки точки продаж; после привязки его можно удалить.",
    },
  },
  {
    name: "password",
    type: "password",
    label: { en: "Account password", ru: "Пароль МодульКассы" },
    secret: true,
  },
  {
    name: "service_user",
    type: "string",
    label: { en: "Service login", ru: "Логин сервиса" },
    help: {
      en: 'Filled in by "Associate". Associating again replaces the service password everywhere.',
      ru: "Заполняется кнопкой «Привязать». Повторная привязка меняет пароль сервиса везде.",
    },
  },
  {
    name: "service_password",
    type: "password",
    label: { en: "Service password", ru: "Пароль сервиса" },
    secret: true,
  },
  {
    name: "client_id",
    type: "string",
    label: { en: "Client application id", ru: "ID клиентского приложения" },
    help: {
      en: "Only when several applications send documents to one retail point.",
      ru: "Только если документы в одну точку продаж отправляют несколько приложений.",
    },
  },
  {
    name: "auto_associate",
    type: "boolean",
    label: { en: "Associate automatically", ru: "Привязывать автоматически" },
    help: {
      en: "Associate on the fly when no service login is stored. Each association rotates the password, so several server processes can lock each other out; prefer the Associate button.",
      ru: "Привязывать на лету, если логин сервиса не сохранён. Каждая привязка меняет пароль, и несколько процессов сервера могут мешать друг другу; лучше нажать «Привязать».",
    },
    default: false,
  },
  {
    name: "vat_tags",
    type: "textarea",
    label: { en: "VAT tags for new rates", ru: "Коды vatTag для новых ставок" },
    help: {
      en: 'JSON from VAT code to the vatTag МодульКасса support names, e.g. {"vat22": <code>, "vat122": <code>}. Codes are published for 20 %, 10 %, 0 %, no VAT, 20/120 and 10/110 only.',
      ru: 'JSON: код ставки → vatTag, который назовёт поддержка МодульКассы, например {"vat22": <код>, "vat122": <код>}. Опубликованы коды только для 20 %, 10 %, 0 %, без НДС, 20/120 и 10/110.',
    },
  },
  {
    name: "document_id",
    type: "select",
    label: { en: "Document id", ru: "ID документа" },
    options: [
      {
        value: "uuid",
        label: {
          en: "UUID derived from the receipt",
          ru: "UUID, вычисленный из чека",
        },
      },
      {
        value: "external_id",
        label: { en: "Receipt external id", ru: "Внешний ID чека" },
      },
    ],
    default: "uuid",
  },
  {
    name: "document_api",
    type: "select",
    label: { en: "Send-document endpoint", ru: "Метод отправки документа" },
    options: [
      {
        value: "v2",
        label: { en: "/v2/doc (API 2.0)", ru: "/v2/doc (API 2.0)" },
      },
      {
        value: "v1",
        label: {
          en: "/v1/doc (older accounts)",
          ru: "/v1/doc (старые аккаунты)",
        },
      },
    ],
    default: "v2",
  },
  {
    name: "print_receipt",
    type: "boolean",
    label: { en: "Print a paper receipt", ru: "Печатать бумажный чек" },
    default: false,
  },
  {
    name: "cashier_name",
    type: "string",
    label: { en: "Cashier name", ru: "Кассир" },
    help: {
      en: "Empty: the retail point's setting.",
      ru: "Пусто — из настроек точки продаж.",
    },
  },
  {
    name: "cashier_inn",
    type: "string",
    label: { en: "Cashier INN", ru: "ИНН кассира" },
  },
  {
    name: "cashier_position",
    type: "string",
    label: { en: "Cashier position", ru: "Должность кассира" },
  },
  {
    name: "base_url",
    type: "url",
    label: { en: "API base URL", ru: "Адрес API" },
    help: {
      en: "Overrides the environment, e.g. an emulator at http://127.0.0.1:4020.",
      ru: "Заменяет среду, например эмулятор http://127.0.0.1:4020.",
    },
  },
  {
    name: "timeout_ms",
    type: "number",
    label: { en: "Request timeout, ms", ru: "Таймаут запроса, мс" },
    default: 15000,
  },
  {
    name: "auto_requeue_limit",
    type: "number",
    label: { en: "Automatic re-queues", ru: "Автоматических перепроведений" },
    help: {
      en: "How often a document that failed for a passing reason is re-queued under the same id before it is reported.",
      ru: "Сколько раз документ, не прошедший по временной причине, перепроводится с тем же ID, прежде чем показать ошибку.",
    },
    default: 3,
  },
]
