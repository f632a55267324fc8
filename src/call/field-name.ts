/**
 * The `field` of every collect the call script runs. A contract: the end-to-end test driver and the
 * demo caller key their answers by these names, and logs name the field instead of its digits.
 */
export const FIELD_NAMES = [
  'language',
  'pay-code',
  'card',
  'card-again',
  'card-kind',
  'expiry',
  'cvn2',
  'pin',
  'id',
  'mobile',
  'sms-code',
  'confirm',
  'another-card',
] as const;

export type FieldName = (typeof FIELD_NAMES)[number];
