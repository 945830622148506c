/** Receipt defaults: API names ↔ the receipt engine's setting names stored in the row. */
export const RECEIPT_SETTING_NAMES = {
  goods_vat: "goodsVat",
  shipping_vat: "shippingVat",
  goods_payment_object: "goodsPaymentObject",
  shipping_payment_object: "shippingPaymentObject",
  goods_measure: "goodsMeasure",
  shipping_measure: "shippingMeasure",
  payment_method_mode: "paymentMethodMode",
  payment_type: "paymentType",
  handover: "handover",
  marked_product_tag: "markedProductTag",
} as const

/** A receipt default's API name. */
export type ReceiptSettingName = keyof typeof RECEIPT_SETTING_NAMES
