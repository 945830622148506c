import type { ProviderConfigField } from "../../modules/fiscal/types/provider"
import {
  DREAMKAS_DEFAULT_BASE_URL,
  DREAMKAS_DEFAULT_VAT122_NAME,
  DREAMKAS_DEFAULT_VAT22_NAME,
} from "./options"

/** The connection form in Settings → Fiscalization. */
export const DREAMKAS_CONFIG_FIELDS: readonly ProviderConfigField[] = [
  {
    name: "token",
    type: "password",
    label: { en: "API token", ru: "Токен API" },
    help: {
      en: "Generated in Кабинет Дримкас (profile settings). Stored encrypted, never shown again.",
      ru: "Создаётся в Кабинете Дримкас в настройках профиля. Хранится зашифрованным и больше не показывается.",
    },
    required: true,
    secret: true,
  },
  {
    name: "device_id",
    type: "number",
    label: { en: "Device (kassa) id", ru: "ID кассы" },
    help: {
      en: "The kassa that prints the receipts. Test connection lists the devices of the account.",
      ru: "Касса, которая печатает чеки. «Проверить подключение» покажет список касс аккаунта.",
    },
    required: true,
  },
  {
    name: "base_url",
    type: "url",
    label: { en: "Service URL", ru: "Адрес сервиса" },
    help: {
      en: "kabinet.dreamkas.ru for Russia; the emulator's URL for tests.",
      ru: "kabinet.dreamkas.ru для России; адрес эмулятора для тестов.",
    },
    default: DREAMKAS_DEFAULT_BASE_URL,
  },
  {
    name: "fiscalization_timeout_min",
    type: "number",
    label: {
      en: "Fiscalization timeout, minutes",
      ru: "Таймаут фискализации, минут",
    },
    help: {
      en: "How long Dreamkas waits for the kassa before the operation fails; the receipt is then sent again.",
      ru: "Сколько Дримкас ждёт кассу, прежде чем операция завершится ошибкой; затем чек отправляется снова.",
    },
    default: 15,
  },
  {
    name: "subscribe_webhooks",
    type: "boolean",
    label: { en: "Subscribe to webhooks", ru: "Подписаться на вебхуки" },
    help: {
      en: "Registers the shop's callback URL for operation webhooks in the account, so results arrive at once.",
      ru: "Регистрирует адрес магазина для вебхуков об операциях, чтобы результаты приходили сразу.",
    },
    default: true,
  },
  {
    name: "tax_name_vat22",
    type: "string",
    label: { en: "Tax name for VAT 22 %", ru: "Название ставки НДС 22 %" },
    help: {
      en: "Change only if Dreamkas rejects the default name.",
      ru: "Менять, только если Дримкас не принимает значение по умолчанию.",
    },
    default: DREAMKAS_DEFAULT_VAT22_NAME,
  },
  {
    name: "tax_name_vat122",
    type: "string",
    label: { en: "Tax name for VAT 22/122", ru: "Название ставки НДС 22/122" },
    help: {
      en: "Change only if Dreamkas rejects the default name.",
      ru: "Менять, только если Дримкас не принимает значение по умолчанию.",
    },
    default: DREAMKAS_DEFAULT_VAT122_NAME,
  },
  {
    name: "timeout_ms",
    type: "number",
    label: { en: "Request timeout, ms", ru: "Таймаут запроса, мс" },
    default: 15_000,
  },
]
