/** Why a payment did not go through; each maps to a caller prompt `reason-<code>` and a merchant reason. */
export type DeclineReason =
  | 'insufficient_funds'
  | 'wrong_pin'
  | 'too_many_pin_tries'
  | 'wrong_cvn2_or_expiry'
  | 'id_mobile_mismatch'
  | 'not_enabled_cnp'
  | 'card_expired'
  | 'card_not_supported'
  /** The SMS code (OTP) keyed did not match the one sent (ACP 71). */
  | 'sms_code_wrong'
  | 'declined';
