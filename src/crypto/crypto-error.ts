/**
 * A failed precondition of a cryptographic building block. Messages name the problem, never the
 * data: the inputs here are PINs, PANs and keys.
 */
export class CryptoError extends Error {
  constructor(
    readonly code: CryptoErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CryptoError';
  }
}

export type CryptoErrorCode =
  /** Not a 24-byte key with three distinct 8-byte parts (that would be single DES or 2-key TDEA). */
  'weak_tdea_key' | 'invalid_block_length' | 'invalid_iv' | 'invalid_padding' | 'invalid_pin' | 'invalid_pan';
