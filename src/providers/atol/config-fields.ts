import type { ProviderConfigField } from "../../modules/fiscal/types/provider"

/** The ATOL connection form of Settings → Fiscalization. */
export const ATOL_CONFIG_FIELDS: readonly ProviderConfigField[] = [
  {
    name: "api_version",
    type: "select",
    label: { en: "API version", ru: "Версия API" },
    help: {
      en: "5 for cash registers on ФФД 1.2, 4 for ФФД 1.05.",
      ru: "5 для касс на ФФД 1.2, 4 для ФФД 1.05.",
    },
    required: true,
    default: 5,
    options: [
      { value: 5, label: { en: "v5 (ФФД 1.2)", ru: "v5 (ФФД 1.2)" } },
      { value: 4, label: { en: "v4 (ФФД 1.05)", ru: "v4 (ФФД 1.05)" } },
    ],
  },
  {
    name: "login",
    type: "string",
    label: { en: "Login", ru: "Логин" },
    required: true,
  },
  {
    name: "password",
    type: "password",
    label: { en: "Password", ru: "Пароль" },
    required: true,
    secret: true,
  },
  {
    name: "group",
    type: "string",
    label: { en: "Group code", ru: "Код группы касс" },
    help: {
      en: "e.g. v5-online-atol-ru_5179",
      ru: "например, v5-online-atol-ru_5179",
    },
    required: true,
  },
  {
    name: "host",
    type: "select",
    label: { en: "Environment", ru: "Среда" },
    default: "production",
    options: [
      {
        value: "production",
        label: {
          en: "Production (online.atol.ru)",
          ru: "Боевая (online.atol.ru)",
        },
      },
      {
        value: "test",
        label: {
          en: "Test (testonline.atol.ru)",
          ru: "Тестовая (testonline.atol.ru)",
        },
      },
    ],
  },
  {
    name: "base_url",
    type: "url",
    label: {
      en: "Service URL (overrides environment)",
      ru: "Адрес сервиса (вместо среды)",
    },
    help: {
      en: "For the emulator or an ATOL-compatible service.",
      ru: "Для эмулятора или совместимого с АТОЛ сервиса.",
    },
  },
  {
    name: "kassa_count",
    type: "number",
    label: { en: "Cash registers in the group", ru: "Касс в группе" },
    help: {
      en: "ATOL allows one status request per second per cash register.",
      ru: "АТОЛ допускает один запрос статуса в секунду на кассу.",
    },
    default: 1,
  },
]
